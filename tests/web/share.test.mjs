// Sharing reports offline, as a user does it: Save report (Ctrl+S) on the dropped examples gives one
// .html file that, opened from disk in a fresh browser, shows the same numbers in the same view
// with a banner saying what it holds, and makes no request; dropped back on the page it opens, and
// logs dropped on top merge with it. The exports (CSV, JSON, PNG, printable summary) and the shell's
// `mailflow report --html` give the same data; hostile names from the logs stay inert everywhere;
// a month of a large organisation stays small and opens fast.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { launch, openPage, show, waitFrames, clickControl, dropFiles, screenshotPath, decodePng, pixelStats,
  foreignRequests, examplesDir, shellPath, pagePath } from './harness.mjs';
import { bigAggregate } from './big_aggregate.mjs';

const exampleFiles = fs.readdirSync(examplesDir)
  .filter((n) => !n.startsWith('.') && !/\.(md|mjs|json)$/i.test(n)).sort()
  .map((n) => path.join(examplesDir, n))
  .filter((f) => fs.statSync(f).isFile());
const HOSTILE = '</script><script>alert(1)</script>';
const FORMULA = '=HYPERLINK("http://x","y")';

let browser, tmp;
before(async () => {
  assert.ok(fs.existsSync(pagePath), `${pagePath} is missing: cmake --build --preset wasm --target mailflow_page`);
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-share-'));
});
after(async () => { await browser?.close(); if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

const hasShell = () => fs.existsSync(shellPath);
const shell = (args) => execFileSync(shellPath, args, { encoding: 'utf8', maxBuffer: 512 << 20, env: { ...process.env, MAILFLOW_PAGE: pagePath } });

// A saved file opened in a fresh browser context, from file://, watching every request and dialog.
async function openSaved(file) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light', locale: 'en-US' });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const watched = { consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error') watched.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => watched.pageErrors.push(String(e)));
  page.on('request', (r) => { if (r.url() !== url) watched.requests.push(r.url()); });
  page.on('dialog', (d) => { watched.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const t0 = Date.now();
  await page.goto(url);
  await page.evaluate(() => window.mailflow && window.mailflow.ready);
  const ms = Date.now() - t0;
  return { context, page, watched, ms };
}

async function download(page, action) {
  const [dl] = await Promise.all([page.waitForEvent('download'), action()]);
  const file = path.join(tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return file;
}


async function loaded(page) {
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  await waitFrames(page, 2);
  return page.evaluate(() => window.mailflow.aggregate());
}

const view = (page) => page.evaluate(() => window.mailflow.view());
// What a user compares between the page and the saved report: where they are and the figures.
const seen = (v) => ({ view: v.view, mode: v.mode, connector: v.connector, direction: v.direction, range: v.range,
  language: v.language, theme: v.theme, totals: v.totals, days: v.days, connectors: v.connectors, insights: v.insights });
const sourceFigures = (agg) => agg.sources.map(({ name, format, records, messages, skipped }) => ({ name: path.basename(name), format, records, messages, skipped }));
const key = (r) => `${r.day}|${r.direction}|${r.connector}|${r.tls}`;

let saved = null;  // { file, rows, agg, view } from the first test

test('Save report (Ctrl+S) gives one file that opens offline with the same numbers and view', async (t) => {
  const { page, watched, context } = await openPage(browser);
  await dropFiles(page, exampleFiles);
  const agg = await loaded(page);
  const connector = agg.rows.find((r) => r.connector && r.direction === 'outbound').connector;
  await show(page, { page: 'connectors', view: 'tls-usage', connector, direction: 'outbound', range: 'all', language: 'de', theme: 'dark' });
  const before = await view(page);
  assert.deepEqual([before.view, before.mode, before.connector, before.language, before.theme], ['connector-report', 'tls-usage', connector, 'de', 'dark']);

  await page.keyboard.press('Control+s');
  await waitFrames(page, 3);
  assert.equal((await view(page)).dialog, 'save', 'Ctrl+S opens the Save report window');
  const file = await download(page, () => clickControl(page, 'save:confirm'));
  const html = fs.readFileSync(file, 'utf8');
  t.diagnostic(`saved report ${path.basename(file)}: ${(html.length / 1024).toFixed(0)} KB (page ${(fs.statSync(pagePath).size / 1024).toFixed(0)} KB)`);
  assert.match(path.basename(file), /mailflow-report-\d{4}-\d\d-\d\d\.html$/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  assert.equal((html.match(/id="mailflow-report"/g) || []).length, 1);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=/i);

  const opened = await openSaved(file);
  t.diagnostic(`the saved report opened in ${opened.ms} ms`);
  const after = await view(opened.page);
  const reopened = await opened.page.evaluate(() => window.mailflow.aggregate());
  assert.deepEqual(reopened.rows, agg.rows, 'the same rows');
  assert.deepEqual(reopened.remote_hosts, agg.remote_hosts, 'the same remote hosts');
  assert.deepEqual(sourceFigures(reopened), sourceFigures(agg), 'the same sources');
  assert.deepEqual(seen(after), seen(before), 'the same view');
  assert.equal(after.example, false);
  assert.equal(after.banner, 'Saved report');
  assert.match(after.report.saved_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(after.report.remote_hosts, true);
  assert.deepEqual(after.report.sources.map((s) => s.name), exampleFiles.map((f) => path.basename(f)));
  assert.equal(await opened.page.evaluate(() => document.documentElement.lang), 'de');
  // Still interactive: another view, and the summary for screen readers follows.
  await show(opened.page, { page: 'dashboard', language: 'en' });
  assert.equal((await view(opened.page)).view, 'dashboard');
  assert.match(await opened.page.locator('#mf-summary').textContent(), /Outbound and inbound mail flow/);
  await show(opened.page, { page: 'connectors', language: 'de' });
  await opened.page.screenshot({ path: screenshotPath('saved-report') });

  assert.deepEqual(foreignRequests(opened.watched), [], 'no request but the file itself');
  assert.deepEqual(opened.watched.requests.filter((u) => !u.startsWith('blob:')), []);
  assert.deepEqual([...opened.watched.consoleErrors, ...opened.watched.pageErrors], []);
  assert.deepEqual([...watched.consoleErrors, ...watched.pageErrors, ...foreignRequests(watched)], []);
  saved = { file, agg, view: before };
  await opened.context.close();
  await context.close();
});

test('a saved report dropped on the page opens; logs dropped on top merge with it', async () => {
  assert.ok(saved, 'needs the report saved by the first test');
  const { page, watched, context } = await openPage(browser);
  await dropFiles(page, [saved.file]);
  const agg = await loaded(page);
  assert.deepEqual(agg.rows, saved.agg.rows, 'the report replaces the example');
  let v = await view(page);
  assert.equal(v.banner, 'Saved report');
  assert.deepEqual(sourceFigures(agg), sourceFigures(saved.agg));

  await dropFiles(page, exampleFiles);
  await page.waitForFunction((n) => window.mailflow.aggregate().sources.length === n, saved.agg.sources.length * 2);
  const merged = await loaded(page);
  const want = new Map(saved.agg.rows.map((r) => [key(r), r.messages * 2]));
  assert.equal(merged.rows.length, saved.agg.rows.length);
  for (const r of merged.rows) assert.equal(r.messages, want.get(key(r)), `${key(r)} counted twice`);
  v = await view(page);
  assert.equal(v.banner, 'Saved report', 'the banner stays while the report is part of the data');

  // An aggregate JSON is recognised by its content too (whatever its name).
  const json = path.join(tmp, 'aggregate.txt');
  fs.writeFileSync(json, JSON.stringify(saved.agg));
  const b = await openPage(browser);
  await dropFiles(b.page, [json]);
  assert.deepEqual((await loaded(b.page)).rows, saved.agg.rows);
  assert.equal((await view(b.page)).banner, undefined, 'an aggregate is not a saved report');
  assert.deepEqual([...watched.consoleErrors, ...foreignRequests(watched), ...b.watched.consoleErrors], []);
  await b.context.close();
  await context.close();
});

test('without remote host names: the option leaves them out of the saved report', async () => {
  assert.ok(saved);
  const { page, context } = await openPage(browser);
  await dropFiles(page, [saved.file]);
  await loaded(page);
  await clickControl(page, 'save-report');
  await clickControl(page, 'save:no-hosts');
  const file = await download(page, () => clickControl(page, 'save:confirm'));
  const opened = await openSaved(file);
  const agg = await opened.page.evaluate(() => window.mailflow.aggregate());
  assert.deepEqual(agg.rows, saved.agg.rows, 'the counts stay');
  assert.equal(agg.partners, undefined, 'no partners and no host names');
  const v = await view(opened.page);
  assert.equal(v.report.remote_hosts, false);
  // The partners section names each remote endpoint as [partner, host].
  const hosts = [...new Set(saved.agg.partners.endpoints.flat().filter((name) => name))];
  assert.ok(hosts.length > 0);
  if (hasShell()) {
    const embedded = shell(['aggregate', file]);
    for (const h of hosts) assert.ok(!embedded.includes(h), `${h} is not in the file`);
  }
  await opened.context.close();
  await context.close();
});

test('exports: connector CSV, aggregate JSON, chart PNG, printable summary', async (t) => {
  const { page, context, watched } = await openPage(browser);
  await dropFiles(page, exampleFiles);
  const agg = await loaded(page);
  await show(page, { page: 'connectors', view: 'mail-flow', range: 'all' });

  await clickControl(page, 'export');
  const csv = fs.readFileSync(await download(page, () => clickControl(page, 'export:csv')), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'Date,Direction,Connector,No TLS,TLS 1.0,TLS 1.1,TLS 1.2,TLS 1.3,Volume,SSL 3.0,Unknown TLS version,No TLS data');
  const volume = lines.slice(1).reduce((n, l) => n + Number(l.split(',').at(-4)), 0);
  assert.equal(volume, agg.rows.reduce((n, r) => n + r.messages, 0), 'CSV volume = every message');

  await clickControl(page, 'export');
  const json = JSON.parse(fs.readFileSync(await download(page, () => clickControl(page, 'export:json')), 'utf8'));
  assert.equal(json.schema, 'mailflow.aggregate.v1');
  assert.deepEqual(json.rows, agg.rows);

  const chart = (await view(page)).chart;
  await clickControl(page, 'export');
  const pngFile = await download(page, () => clickControl(page, 'export:png'));
  const png = decodePng(fs.readFileSync(pngFile));
  // The chart under a title line (14 px text, 8 px above and below at DPR 1).
  const head = png.height - chart.h;
  assert.ok(Math.abs(png.width - chart.w) <= 2 && head >= 28 && head <= 32, `PNG ${png.width}x${png.height}, chart ${chart.w}x${chart.h}`);
  let titleInk = 0;
  for (let i = 0; i < png.width * (head - 2) * 4; i += 4) if (png.pixels[i] < 128) titleInk++;
  assert.ok(titleInk > 50, `the title line has text (${titleInk} dark pixels)`);
  const stats = pixelStats(png, [255, 255, 255]);
  assert.ok(stats.colours > 20 && stats.differ > 0.1, `the PNG shows the chart: ${JSON.stringify(stats)}`);
  fs.copyFileSync(pngFile, screenshotPath('exported-chart'));

  await clickControl(page, 'export');
  const summaryFile = await download(page, () => clickControl(page, 'export:summary'));
  const summary = await openSaved(summaryFile);
  const facts = await summary.page.evaluate(() => ({
    tables: document.querySelectorAll('table').length,
    captions: document.querySelectorAll('table > caption').length,
    unscoped: document.querySelectorAll('th:not([scope])').length,
    scripts: document.scripts.length,
    text: document.body.innerText,
  }));
  assert.ok(facts.tables >= 6 && facts.captions === facts.tables && facts.unscoped === 0, JSON.stringify({ ...facts, text: '' }));
  assert.equal(facts.scripts, 0);
  assert.match(facts.text, /Connector report/);
  await summary.page.emulateMedia({ media: 'print' });
  await summary.page.screenshot({ path: screenshotPath('printable-summary'), fullPage: false });
  const pdf = await summary.page.pdf({ format: 'A4' });
  t.diagnostic(`summary: ${facts.tables} tables, PDF ${(pdf.length / 1024).toFixed(0)} KB; PNG ${png.width}x${png.height}; CSV ${lines.length - 1} rows`);
  assert.deepEqual(summary.watched.requests, []);
  assert.deepEqual([...watched.consoleErrors, ...foreignRequests(watched)], []);
  await summary.context.close();
  await context.close();
});

test('hostile names and subjects stay inert in every export', async () => {
  const csvFile = path.join(tmp, 'hostile.csv');
  const q = (s) => `"${s.replace(/"/g, '""')}"`;
  fs.writeFileSync(csvFile, [
    'timestamp,direction,connector,tls_version,bytes,message_id,remote_host,subject',
    `2026-11-20T08:00:00Z,inbound,${q(HOSTILE)},none,100,<a@x>,${q('<img src=x onerror=alert(2)>.example')},${q('<script>alert(3)</script> Quarterly')}`,
    `2026-11-20T09:00:00Z,inbound,${q(FORMULA)},1.2,100,<b@x>,mx.example,${q('=cmd|calc!A1')}`,
    `2026-11-21T09:00:00Z,outbound,${q(HOSTILE)},1.3,100,<c@x>,mx2.example,hello`,
  ].join('\n') + '\n');
  const { page, context, watched } = await openPage(browser);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.setInputFiles('#mf-file', [csvFile]);
  const agg = await loaded(page);
  assert.ok(agg.rows.some((r) => r.connector === HOSTILE) && agg.rows.some((r) => r.connector === FORMULA));
  await show(page, { page: 'connectors', view: 'mail-flow', connector: HOSTILE, range: 'all' });
  assert.equal((await view(page)).connector, HOSTILE);

  const reportFile = await download(page, async () => { await show(page, { save: true }); });
  const html = fs.readFileSync(reportFile, 'utf8');
  assert.ok(!html.includes(HOSTILE) && !html.includes('alert(3)') && !html.includes('Quarterly'), 'nothing raw, no subject');
  const opened = await openSaved(reportFile);
  const v = await view(opened.page);
  assert.equal(v.connector, HOSTILE, 'the name is shown as text');
  assert.deepEqual(opened.watched.dialogs, []);
  assert.equal(await opened.page.evaluate(() => Array.from(document.scripts).filter((s) => /<script/i.test(s.textContent)).length), 0);

  await clickControl(page, 'export');
  const csv = fs.readFileSync(await download(page, () => clickControl(page, 'export:csv')), 'utf8');
  assert.ok(csv.includes(`"'=HYPERLINK(""http://x"",""y"")"`), 'the formula is neutralised');
  assert.ok(!csv.includes('Quarterly') && !csv.includes('calc'));
  await clickControl(page, 'export');
  const jsonText = fs.readFileSync(await download(page, () => clickControl(page, 'export:json')), 'utf8');
  const json = JSON.parse(jsonText);
  assert.ok(json.rows.some((r) => r.connector === HOSTILE) && !jsonText.includes('Quarterly'));
  await clickControl(page, 'export');
  const summaryFile = await download(page, () => clickControl(page, 'export:summary'));
  const summary = await openSaved(summaryFile);
  assert.equal(await summary.page.evaluate(() => document.scripts.length + document.images.length), 0);
  assert.ok((await summary.page.evaluate(() => document.body.innerText)).includes(HOSTILE), 'shown as text');
  assert.deepEqual([...dialogs, ...summary.watched.dialogs, ...watched.consoleErrors], []);
  await Promise.all([opened.context.close(), summary.context.close(), context.close()]);
});

test('mailflow report --html: the same file from the shell, the same numbers as mailflow aggregate', async (t) => {
  if (!hasShell()) { t.skip(`no shell at ${shellPath}`); return; }
  const out = path.join(tmp, 'shell-report.html');
  shell(['report', '--html', out, '--all', ...exampleFiles]);
  const expected = JSON.parse(shell(['aggregate', ...exampleFiles]));
  const opened = await openSaved(out);
  const agg = await opened.page.evaluate(() => window.mailflow.aggregate());
  assert.deepEqual(agg.rows, expected.rows);
  assert.deepEqual(agg.remote_hosts, expected.remote_hosts);
  assert.equal((await view(opened.page)).banner, 'Saved report');
  await show(opened.page, { page: 'connectors' });
  assert.equal((await view(opened.page)).range.preset, 'all', 'the report opens on the range given');
  assert.deepEqual(foreignRequests(opened.watched), []);
  // The shell reads saved reports back: aggregate, and merge.
  assert.deepEqual(JSON.parse(shell(['aggregate', out])).rows, expected.rows);
  const merged = JSON.parse(shell(['merge', out, out]));
  assert.deepEqual(merged.rows.map((r) => r.messages), expected.rows.map((r) => r.messages * 2));
  await opened.context.close();
});

test('a month of 200 connectors stays small and opens with every row', async (t) => {
  if (!hasShell()) { t.skip(`no shell at ${shellPath}`); return; }
  const aggFile = path.join(tmp, 'month.json');
  fs.writeFileSync(aggFile, JSON.stringify(bigAggregate()));
  const out = path.join(tmp, 'month.html');
  const t0 = Date.now();
  shell(['report', '--html', out, '--days', '30', aggFile]);
  const writeMs = Date.now() - t0;
  const size = fs.statSync(out).size;
  const plain = await openSaved(pagePath);
  await plain.context.close();
  const opened = await openSaved(out);
  const agg = await opened.page.evaluate(() => window.mailflow.aggregate());
  t.diagnostic(`aggregate JSON ${(fs.statSync(aggFile).size / 1e6).toFixed(1)} MB, ${agg.rows.length} rows; report ${(size / 1e6).toFixed(2)} MB ` +
    `(written in ${writeMs} ms); the page alone opens in ${plain.ms} ms, the report in ${opened.ms} ms`);
  assert.equal(agg.rows.length, 200 * 30 * 2 * 8);
  assert.ok(size < 3.5e6, `report is ${size} bytes`);
  await opened.context.close();
});
