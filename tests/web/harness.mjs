// Shared set-up of the browser tests: Debian's Chromium through playwright-core (never a
// downloaded browser), the page from file://, and the watchers every test uses (console errors,
// page errors, any request other than the page itself).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const pagePath = path.resolve(process.env.MAILFLOW_PAGE || path.join(root, 'build/wasm/web/mailflow.html'));
export const shellPath = path.resolve(process.env.MAILFLOW_SHELL || path.join(root, 'build/native/shell/mailflow'));
export const examplesDir = path.resolve(process.env.MAILFLOW_EXAMPLES || path.join(root, 'examples'));
export const screenshotDir = path.resolve(process.env.MAILFLOW_SCREENSHOTS || path.join(path.dirname(pagePath), 'screenshots'));
export const pageUrl = pathToFileURL(pagePath).href;

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.MAILFLOW_CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
}

// Opens the page and waits for window.mailflow.ready. Returns the page and what was watched.
export async function openPage(browser, { viewport = { width: 1400, height: 900 }, deviceScaleFactor = 1, colorScheme = 'light', locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, colorScheme, locale });
  const page = await context.newPage();
  const watched = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') watched.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => watched.pageErrors.push(String(e)));
  page.on('request', (r) => { if (r.url() !== pageUrl) watched.requests.push(r.url()); });
  await page.goto(pageUrl);
  await page.evaluate(() => window.mailflow.ready);
  return { context, page, watched };
}

export function screenshotPath(name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, name + '.png');
}

// Navigation through the app's command hook (the same entry the keyboard shortcuts use), then
// waits until the app has drawn the new state.
export async function show(page, command) {
  await page.evaluate(async (cmd) => {
    const before = window.mailflowHost.framesDrawn;
    window.mailflowTest.command(cmd);
    await new Promise((resolve) => {
      const poll = () => (window.mailflowHost.framesDrawn >= before + 2 ? resolve() : requestAnimationFrame(poll));
      poll();
    });
  }, command);
}

export async function waitFrames(page, n = 2) {
  await page.evaluate(async (count) => {
    const before = window.mailflowHost.framesDrawn;
    window.mailflowTest.wake();
    await new Promise((resolve) => {
      const poll = () => (window.mailflowHost.framesDrawn >= before + count ? resolve() : requestAnimationFrame(poll));
      poll();
    });
  }, n);
}

// Clicks a control the app reported in view().controls (CSS pixels).
export async function clickControl(page, id) {
  const view = await page.evaluate(() => window.mailflow.view());
  const c = view.controls && view.controls[id];
  if (!c) throw new Error(`control ${id} is not on screen; controls: ${Object.keys(view.controls || {}).join(', ')}`);
  await page.mouse.move(c.x + c.w / 2, c.y + c.h / 2);
  await waitFrames(page, 1);
  await page.mouse.down();
  await waitFrames(page, 1);
  await page.mouse.up();
  await waitFrames(page, 3);
}
