// The page from file:// in headless Chromium: it starts on the bundled example data, really
// renders (pixels), makes no request, logs no error, and every view can be reached by mouse and
// keyboard; the screenshots go to build/wasm/web/screenshots/ (and the dashboard to docs/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, show, waitFrames, clickControl, screenshotPath, decodePng, pixelStats,
  foreignRequests, pagePath } from './harness.mjs';

let browser, page, watched, context;

before(async () => {
  assert.ok(fs.existsSync(pagePath), `${pagePath} is missing: build it with cmake --build --preset wasm --target mailflow_page`);
  browser = await launch();
  ({ page, watched, context } = await openPage(browser));
  await page.evaluate(() => window.mailflow.idle());
});
after(async () => { await browser?.close(); });

test('the page is one self-contained file under 2 MB', () => {
  const size = fs.statSync(pagePath).size;
  assert.ok(size < 2 * 1024 * 1024, `page is ${size} bytes`);
  const html = fs.readFileSync(pagePath, 'utf8');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=/i, 'no external script or stylesheet');
});

test('the dashboard renders the example data', async () => {
  const view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.view, 'dashboard');
  assert.equal(view.example, true);
  assert.equal(view.banner, 'Example data');
  assert.ok(view.card.range.days === 7, 'the card covers the last 7 days');
  assert.ok(view.card.inbound.messages > 0 && view.card.outbound.messages > 0, 'card figures');
  const agg = await page.evaluate(() => window.mailflow.aggregate());
  assert.equal(agg.schema, 'mailflow.aggregate.v1');
  assert.ok(agg.rows.length > 0 && agg.sources.length >= 6, `${agg.sources.length} example sources`);

  // The canvas really drew: the dashboard area is not the clear colour.
  // The screenshot stays in the build folder (tests write nothing into the source tree).
  const shot = await page.screenshot({ path: screenshotPath('dashboard') });
  const card = view.controls['view-details'];
  const stats = pixelStats(decodePng(await page.screenshot({ clip: { x: 0, y: 0, width: 700, height: card.y + card.h } })), [243, 242, 241]);
  assert.ok(stats.differ > 0.3 && stats.colours > 50, `card area: ${JSON.stringify(stats)}`);
  assert.ok(shot.length > 10000);
  // The card's white is painted by a clear under its border (web/platform/opaque_fill.cpp): across
  // its left edge, from the page's grey, the first other pixel is the border's (darker than the
  // grey), then the card's white.
  const png = decodePng(shot);
  const at = (x, y) => Array.from(png.pixels.slice((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
  const y = Math.round(card.y - 60);
  let x = 1;
  while (x < card.x && at(x, y).join() === '243,242,241') x++;
  const edge = at(x, y);
  assert.ok(edge.every((v, k) => v < [243, 242, 241][k]), `the card's border at x ${x}: ${edge}`);
  assert.deepEqual(at(x + 4, y), [255, 255, 255], `inside the card at x ${x + 4}`);

  // The DOM summary for screen readers follows the view.
  const summary = await page.locator('#mf-summary').textContent();
  assert.match(summary, /Outbound and inbound mail flow/);
  assert.match(summary, new RegExp(`Inbound: ${view.card.inbound.messages} messages`));
});

test('View details opens the TLS flyout (mouse), Esc closes it (keyboard)', async () => {
  await clickControl(page, 'view-details');
  let view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.view, 'tls-flyout');
  assert.equal(view.flyout.title, 'Message protected in transit (by TLS)');
  for (const d of ['inbound', 'outbound']) {
    const m = view.flyout[d];
    const sum = Object.values(m.by_tls).reduce((a, b) => a + b, 0);
    assert.equal(sum, m.messages, `${d}: TLS states add up`);
    assert.equal(m.with_tls_data, m.messages - m.by_tls['no-data'], 'no-data is kept apart');
  }
  assert.equal(view.flyout.days.length, 7);
  await page.screenshot({ path: screenshotPath('tls-flyout') });
  await page.keyboard.press('Escape');
  await waitFrames(page, 3);
  view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.view, 'dashboard');
});

test('the connector report: Mail flow, All mail flow, TLS usage, connector drop-down, Filter', async () => {
  await clickControl(page, 'tab:connectors');
  await waitFrames(page, 3);
  let view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.view, 'connector-report');
  assert.equal(view.mode, 'mail-flow');
  assert.equal(view.range.preset, 'last-7-days');
  assert.ok(view.connector_items.includes(''), '"(no connector)" can be chosen');
  assert.ok(typeof view.connector === 'string' && view.connector.length > 0, 'starts on a named connector');
  await page.screenshot({ path: screenshotPath('connector-mail-flow') });

  await clickControl(page, 'mode:all-mail-flow');
  view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.mode, 'all-mail-flow');
  assert.equal(view.connector, 'all');
  // All mail flow = the card's figures over the same range.
  const card = view.card;
  await page.screenshot({ path: screenshotPath('connector-all-mail-flow') });

  await clickControl(page, 'mode:tls-usage');
  view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.mode, 'tls-usage');
  await page.screenshot({ path: screenshotPath('connector-tls-usage') });

  await show(page, { view: 'mail-flow', connector: '' });
  view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.connector, '');
  assert.equal(view.connector_label, '(no connector)');

  await show(page, { range: 'all' });
  view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.range.preset, 'all');
  assert.ok(view.range.days > 7, `all data covers ${view.range.days} days`);
  await show(page, { range: '30' });
  view = await page.evaluate(() => window.mailflow.view());
  assert.ok(view.range.days === 30);
  await show(page, { from: '2026-11-10', to: '2026-11-12' });
  view = await page.evaluate(() => window.mailflow.view());
  assert.deepEqual([view.range.preset, view.range.from, view.range.to, view.days.length], ['custom', '2026-11-10', '2026-11-12', 3]);
  await show(page, { range: '7' });
  void card;
});

test('insights sit next to their connectors and open the top remote hosts', async () => {
  await show(page, { page: 'connectors', view: 'mail-flow' });
  const view = await page.evaluate(() => window.mailflow.view());
  assert.ok(view.insights.length > 0, 'the example data raises insights');
  const titles = view.insights.map((i) => i.title);
  assert.ok(titles.includes('No TLS is over 25%'), titles.join(', '));
  const flagged = view.connectors.filter((c) => c.insights.length > 0);
  assert.ok(flagged.length > 0);
  for (const i of view.insights) {
    const row = view.connectors.find((c) => c.connector === i.connector && c.direction === i.direction);
    assert.ok(row && row.insights.includes(i.title), `${i.title} is shown next to ${i.connector}`);
  }
  await clickControl(page, 'insight:0');
  const open = await page.evaluate(() => window.mailflow.view());
  assert.ok(open.insight_hosts, 'the hosts window is open');
  assert.equal(open.insight_hosts.title, view.insights[0].title);
  assert.ok(open.insight_hosts.hosts.length > 0);
  await page.screenshot({ path: screenshotPath('insight-hosts') });
  await page.keyboard.press('Escape');
  await waitFrames(page, 3);
  assert.equal((await page.evaluate(() => window.mailflow.view())).insight_hosts, undefined);

  // The insights are found once per data and range (not every frame): they follow the range.
  await show(page, { from: '2000-01-01', to: '2000-01-02' });
  let other = await page.evaluate(() => window.mailflow.view());
  assert.deepEqual([other.range.from, other.insights], ['2000-01-01', []], 'no mail in that range, no insights');
  await show(page, { range: '7' });
  other = await page.evaluate(() => window.mailflow.view());
  assert.deepEqual(other.insights, view.insights, 'the week\'s insights again');
});

test('the Sources panel, German and the dark theme', async () => {
  await clickControl(page, 'tab:sources');
  await waitFrames(page, 3);
  let view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.view, 'sources');
  assert.ok(view.sources.length >= 6);
  await page.screenshot({ path: screenshotPath('sources') });
  await clickControl(page, 'language');
  await clickControl(page, 'theme');
  await show(page, { page: 'dashboard' });
  view = await page.evaluate(() => window.mailflow.view());
  assert.deepEqual([view.language, view.theme], ['de', 'dark']);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.match(await page.locator('#mf-summary').textContent(), /Eingehend/);
  await page.screenshot({ path: screenshotPath('dashboard-de-dark') });
  await clickControl(page, 'language');
  await clickControl(page, 'theme');
});

test('idle: no frames are drawn without input or data', async () => {
  await waitFrames(page, 1);
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => window.mailflowHost.framesDrawn);
  await page.waitForTimeout(1000);
  const idle = await page.evaluate(() => window.mailflowHost.framesDrawn);
  assert.ok(idle - before <= 1, `${idle - before} frames drawn in 1 s of idling`);
  await page.mouse.move(300, 300);
  await page.mouse.move(320, 310);
  await page.waitForTimeout(200);
  assert.ok(await page.evaluate(() => window.mailflowHost.framesDrawn) > idle, 'input wakes the dashboard');
});

test('no console error, no request but the page', () => {
  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
  void context;
});

test('high-DPI: the canvas backing store follows devicePixelRatio and window size', async () => {
  const { page: hi, context: ctx } = await openPage(browser, { viewport: { width: 900, height: 700 }, deviceScaleFactor: 2 });
  try {
    let size = await hi.evaluate(() => [document.getElementById('mf-canvas').width, document.getElementById('mf-canvas').height]);
    assert.deepEqual(size, [1800, 1400]);
    await hi.setViewportSize({ width: 1000, height: 600 });
    await hi.waitForFunction(() => document.getElementById('mf-canvas').width === 2000);
    size = await hi.evaluate(() => [document.getElementById('mf-canvas').width, document.getElementById('mf-canvas').height]);
    assert.deepEqual(size, [2000, 1200]);
    await waitFrames(hi, 2);
    await hi.screenshot({ path: screenshotPath('dashboard-hidpi') });
  } finally { await ctx.close(); }
});

// The page's build makes the font atlas for the common device pixel ratios (web/tools/
// bake_font_atlas.cpp): the page reads it instead of rasterising its font as it starts. Read or
// built, the dashboard must look the same, pixel for pixel; another ratio is built as before.
test('the font atlas made by the page\'s build draws the text as the page would have drawn it itself', async () => {
  const html = fs.readFileSync(pagePath, 'utf8');
  const withoutAtlases = html.replace(/const MF_FONT_ATLASES = \[[^\]]*\];/, 'const MF_FONT_ATLASES = [];');
  assert.notEqual(withoutAtlases, html, 'the page carries its font atlases');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-atlas-'));
  const builtPage = path.join(dir, 'mailflow.html');
  fs.writeFileSync(builtPage, withoutAtlases);
  const shoot = async (url, deviceScaleFactor) => {
    const ctx = await browser.newContext({ viewport: { width: 900, height: 700 }, deviceScaleFactor });
    try {
      const p = await ctx.newPage();
      await p.goto(url);
      await p.evaluate(() => window.mailflow.ready);
      await waitFrames(p, 2);
      return { atlas: (await p.evaluate(() => window.mailflow.view())).font_atlas, png: await p.screenshot() };
    } finally { await ctx.close(); }
  };
  try {
    for (const dpr of [1, 2]) {
      const read = await shoot(pathToFileURL(pagePath).href, dpr);
      const built = await shoot(pathToFileURL(builtPage).href, dpr);
      assert.deepEqual([read.atlas, built.atlas], ['baked', 'built'], `at ratio ${dpr}`);
      assert.ok(read.png.equals(built.png), `at ratio ${dpr} the dashboard drawn with the page's atlas differs from the one built`);
    }
    assert.equal((await shoot(pathToFileURL(pagePath).href, 1.75)).atlas, 'built', 'a ratio the build made no atlas for');
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});
