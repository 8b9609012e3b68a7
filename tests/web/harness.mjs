// Shared set-up of the browser tests: Debian's Chromium through playwright-core (never a
// downloaded browser), the page from file://, and the watchers every test uses (console errors,
// page errors, any request other than the page itself).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const pagePath = path.resolve(process.env.MAILFLOW_PAGE || path.join(root, 'build/wasm/web/mailflow.html'));
export const shellPath = path.resolve(process.env.MAILFLOW_SHELL || path.join(root, 'build/native/shell/mailflow'));
export const examplesDir = path.resolve(process.env.MAILFLOW_EXAMPLES || path.join(root, 'examples'));
export const screenshotDir = path.resolve(process.env.MAILFLOW_SCREENSHOTS || path.join(path.dirname(pagePath), 'screenshots'));
export const pageUrl = pathToFileURL(pagePath).href;

// What the native shell makes of the same files (`mailflow aggregate`), to compare the page with;
// null when the shell is not built.
export function shellAggregate(files) {
  if (!fs.existsSync(shellPath)) return null;
  return JSON.parse(execFileSync(shellPath, ['aggregate', ...files], { encoding: 'utf8', maxBuffer: 256 << 20 }));
}

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.MAILFLOW_CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
}

// Opens the page and waits for window.mailflow.ready. Returns the page and what was watched.
// `query`: the page address's query, e.g. '?workers=1'; `init`: a function run in the page before
// its own scripts.
export async function openPage(browser, { viewport = { width: 1400, height: 900 }, deviceScaleFactor = 1, colorScheme = 'light', locale = 'en-US', query = '', init = null } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, colorScheme, locale });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const watched = { consoleErrors: [], consoleWarnings: [], pageErrors: [], requests: [] };
  // WebGL's own errors ("WebGL: INVALID_VALUE: ...") come as warnings: a call the page got wrong.
  page.on('console', (m) => {
    if (m.type() === 'error' || /^WebGL: /.test(m.text())) watched.consoleErrors.push(m.text());
    else if (m.type() === 'warning') watched.consoleWarnings.push(m.text());
  });
  page.on('pageerror', (e) => watched.pageErrors.push(String(e)));
  page.on('request', (r) => { if (r.url() !== pageUrl + query) watched.requests.push(r.url()); });
  await page.goto(pageUrl + query);
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

// A small PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium's screenshots are), so the
// tests can read the pixels the canvas really showed without another dependency.
import zlib from 'node:zlib';
export function decodePng(buffer) {
  let pos = 8;
  let width = 0, height = 0, colorType = 0;
  const idat = [];
  while (pos < buffer.length) {
    const len = buffer.readUInt32BE(pos);
    const type = buffer.toString('ascii', pos + 4, pos + 8);
    const data = buffer.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); colorType = data[9];
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG');
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!channels) throw new Error('unsupported PNG colour type ' + colorType);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(width * height * 4);
  const prev = Buffer.alloc(stride), line = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels] : 0, b = prev[x], c = x >= channels ? prev[x - channels] : 0;
      let v = src[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      line[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) pixels[(y * width + x) * 4 + k] = line[x * channels + k];
      pixels[(y * width + x) * 4 + 3] = channels === 4 ? line[x * channels + 3] : 255;
    }
    line.copy(prev);
  }
  return { width, height, pixels };
}

// What share of the pixels differ from `rgb`, and how many distinct colours there are.
export function pixelStats(png, rgb) {
  let differ = 0;
  const colours = new Set();
  for (let i = 0; i < png.pixels.length; i += 4) {
    const r = png.pixels[i], g = png.pixels[i + 1], b = png.pixels[i + 2];
    if (Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) > 12) differ++;
    if (colours.size < 5000) colours.add((r << 16) | (g << 8) | b);
  }
  return { differ: differ / (png.pixels.length / 4), colours: colours.size };
}

// Requests that are not the page itself. blob: URLs (the worker the page builds from its own
// text) never leave the browser, so they do not count.
export function foreignRequests(watched) {
  return watched.requests.filter((u) => !u.startsWith('blob:'));
}

// Drops files on the page as a user's drag and drop does: dragenter and dragover (the drop overlay
// must show), then drop, with a DataTransfer built in the page.
export async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: path.basename(f), data: fs.readFileSync(f).toString('base64') }));
  await page.evaluate(async (items) => {
    const dt = new DataTransfer();
    for (const it of items) {
      const bin = atob(it.data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], it.name));
    }
    const target = document.getElementById('mf-canvas');
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    if (document.getElementById('mf-drop').hidden) throw new Error('no drop overlay while dragging');
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}
