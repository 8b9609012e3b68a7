// window.mailflow.stats() and the page's User Timing marks: after a load the page reports the
// ingest worker's and the dashboard's wasm memory and where the worker's time went, and marks
// its first frame and the first frame with data. The main thread's long tasks during a load are
// measured and reported, never asserted (timing depends on the machine).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, foreignRequests, examplesDir } from './harness.mjs';

let browser, dir, file;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-stats-'));
  file = path.join(dir, 'several-slices.csv');
  // Over 8 MB: the worker reads it in several slices.
  const lines = ['timestamp,direction,connector,tls_version,bytes,message_id'];
  for (let i = 0; i < 300000; i++) {
    lines.push(`2026-11-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z,${i % 3 ? 'inbound' : 'outbound'},Gateway ${i % 5},1.${2 + (i % 2)},${1000 + i},<m${i}.padding-padding-padding@contoso.com>`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('stats() reports the wasm heaps and the ingest cost; marks time the start', async (t) => {
  const { page, watched, context } = await openPage(browser);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })));
  const firstFrame = marks.find((m) => m.name === 'mailflow:first-frame');
  const ready = marks.find((m) => m.name === 'mailflow:ready');
  assert.ok(firstFrame && ready, `marks: ${JSON.stringify(marks)}`);
  assert.ok(ready.at >= firstFrame.at, 'the data is drawn at or after the first frame');

  // The example dashboard comes with the page: its worker has read nothing yet.
  const before = await page.evaluate(() => window.mailflow.stats());
  assert.equal(before.ingest, null);
  assert.ok(before.dashboard_wasm_bytes > 0);

  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
  });
  await page.setInputFiles('#mf-file', [file]);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  const stats = await page.evaluate(() => window.mailflow.stats());
  const agg = await page.evaluate(() => window.mailflow.aggregate());
  assert.equal(agg.rows.reduce((n, r) => n + r.messages, 0), 300000, 'every row across the slices counted');
  assert.ok(stats.ingest_wasm_bytes >= 8 << 20, `the worker's wasm memory holds its read buffer: ${stats.ingest_wasm_bytes}`);
  const cost = stats.ingest;
  for (const key of ['total_ms', 'read_wait_ms', 'engine_ms', 'snapshot_ms']) assert.equal(typeof cost[key], 'number', key);
  assert.ok(cost.engine_ms > 0 && cost.engine_ms <= cost.total_ms, JSON.stringify(cost));
  assert.ok(cost.snapshots >= 1, 'the dashboard got a snapshot while the file loaded');
  // A copy: changing it changes nothing in the page.
  await page.evaluate(() => { window.mailflow.stats().ingest.engine_ms = -1; });
  assert.ok((await page.evaluate(() => window.mailflow.stats())).ingest.engine_ms > 0);

  const longTasks = await page.evaluate(() => window.__longTasks);
  t.diagnostic(`${(fs.statSync(file).size / 1e6).toFixed(0)} MB: ${JSON.stringify(cost)}; wasm heap ${(stats.ingest_wasm_bytes / 1e6).toFixed(0)} MB; ` +
               `main thread: ${longTasks.length} long tasks, longest ${Math.round(Math.max(0, ...longTasks))} ms`);
  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
  await context.close();
});

test('the engine warms up on the examples while the page waits, leaving no trace in what it shows', async () => {
  const { page, context } = await openPage(browser);
  const shown = await page.evaluate(() => window.mailflow.aggregate());
  await page.waitForFunction(() => window.mailflow.stats().warm_up !== null);
  const { warm_up: warmUp } = await page.evaluate(() => window.mailflow.stats());
  // Every example file the page carries, read twice (WARM_PASSES), while nobody dropped a file.
  const examples = fs.readdirSync(examplesDir)
    .filter((n) => !n.startsWith('.') && !/\.(md|mjs|json)$/i.test(n) && fs.statSync(path.join(examplesDir, n)).isFile());
  assert.equal(warmUp.files, 2 * examples.length, JSON.stringify(warmUp));
  assert.ok(warmUp.ms > 0);
  assert.deepEqual(await page.evaluate(() => window.mailflow.aggregate()), shown, 'the example dashboard is unchanged');
  assert.equal(await page.evaluate(() => window.mailflow.example), true);

  await page.setInputFiles('#mf-file', [file]);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  const agg = await page.evaluate(() => window.mailflow.aggregate());
  assert.deepEqual(agg.sources.map((s) => s.name), ['several-slices.csv'], 'only the dropped file is counted');
  assert.equal(agg.rows.reduce((n, r) => n + r.messages, 0), 300000);
  await context.close();
});

test('a file dropped as soon as the page is ready is counted alone, the warm-up giving way', async () => {
  const { page, context } = await openPage(browser);
  await page.setInputFiles('#mf-file', [file]);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  const agg = await page.evaluate(() => window.mailflow.aggregate());
  assert.deepEqual(agg.sources.map((s) => s.name), ['several-slices.csv']);
  assert.equal(agg.rows.reduce((n, r) => n + r.messages, 0), 300000);
  await context.close();
});
