// Dropping exports: the file picker (setInputFiles) and a drop event (a DataTransfer built in the
// page) both replace the example and give exactly what `mailflow aggregate FILES` (the native
// shell, when built) gives; garbage and empty files show an error while the page stays responsive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, show, waitFrames, screenshotPath, foreignRequests, examplesDir, shellPath, shellAggregate, dropFiles } from './harness.mjs';

const exampleFiles = fs.readdirSync(examplesDir)
  .filter((n) => !n.startsWith('.') && !/\.(md|mjs|json)$/i.test(n))
  .sort()
  .map((n) => path.join(examplesDir, n))
  .filter((f) => fs.statSync(f).isFile());  // examples/compressed/ has its own test

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function sourceFigures(agg) {
  // The shell names a source by the path it was given, the page by the file's name.
  return agg.sources.map(({ name, format, records, messages, skipped, error }) =>
    ({ name: path.basename(name), format, records, messages, skipped, error }));
}
function totals(agg) {
  const t = { inbound: 0, outbound: 0 };
  for (const r of agg.rows) t[r.direction] += r.messages;
  return t;
}


async function loadedAggregate(page) {
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  return page.evaluate(() => window.mailflow.aggregate());
}

test('file picker and drop give the same aggregate as the shell', async (t) => {
  const expected = shellAggregate(exampleFiles);
  if (!expected) t.diagnostic(`no shell at ${shellPath}: comparing picker with drop and with examples/expected-totals.json only`);

  const a = await openPage(browser);
  await a.page.setInputFiles('#mf-file', exampleFiles);
  const picked = await loadedAggregate(a.page);
  const viewA = await a.page.evaluate(() => window.mailflow.view());
  assert.equal(viewA.example, false, 'the example is replaced');
  assert.equal(viewA.banner, undefined);
  assert.deepEqual(picked.sources.map((s) => s.name), exampleFiles.map((f) => path.basename(f)));
  await a.page.screenshot({ path: screenshotPath('after-file-picker') });

  const b = await openPage(browser);
  await dropFiles(b.page, exampleFiles);
  const dropped = await loadedAggregate(b.page);
  assert.equal(await b.page.evaluate(() => document.getElementById('mf-drop').hidden), true, 'overlay gone after the drop');

  assert.deepEqual(dropped.rows, picked.rows, 'drop = picker');
  assert.deepEqual(sourceFigures(dropped), sourceFigures(picked));
  if (expected) {
    assert.deepEqual(picked.rows, expected.rows, 'page = mailflow aggregate (rows)');
    assert.deepEqual(sourceFigures(picked), sourceFigures(expected), 'page = mailflow aggregate (sources)');
    assert.deepEqual(picked.remote_hosts, expected.remote_hosts, 'page = mailflow aggregate (remote hosts)');
  }
  // One file alone against the generator's expected totals.
  const single = await openPage(browser);
  await single.page.setInputFiles('#mf-file', [path.join(examplesDir, 'mailflow.csv')]);
  const one = await loadedAggregate(single.page);
  const want = JSON.parse(fs.readFileSync(path.join(examplesDir, 'expected-totals.json'), 'utf8'))['mailflow.csv'];
  if (want) assert.deepEqual(totals(one), { inbound: want.inbound, outbound: want.outbound });
  t.diagnostic(`page: ${picked.rows.length} rows, ${JSON.stringify(totals(picked))}; sources ${picked.sources.map((s) => `${s.name}=${s.messages}`).join(' ')}`);

  for (const p of [a, b, single]) {
    assert.deepEqual(p.watched.consoleErrors, []);
    assert.deepEqual(foreignRequests(p.watched), []);
    await p.context.close();
  }
});

test('a garbage file and an empty file show an error; the page stays responsive', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-web-'));
  const garbage = path.join(dir, 'garbage.bin');
  const bytes = Buffer.alloc(300000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 3) * 31) & 0xff;
  fs.writeFileSync(garbage, bytes);
  const text = path.join(dir, 'notes.txt');
  fs.writeFileSync(text, 'Dear admin,\nthis is not a mail log at all.\nRegards\n');
  const empty = path.join(dir, 'empty.csv');
  fs.writeFileSync(empty, '');

  const { page, watched, context } = await openPage(browser);
  await page.setInputFiles('#mf-file', [garbage, text, empty]);
  const agg = await loadedAggregate(page);
  for (const name of ['garbage.bin', 'notes.txt', 'empty.csv']) {
    const src = agg.sources.find((s) => s.name === name);
    assert.ok(src, `${name} is listed`);
    assert.ok(src.error && src.error.length > 0, `${name} has an error: ${JSON.stringify(src)}`);
  }
  await show(page, { page: 'sources' });
  const view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.view, 'sources');
  assert.ok(view.sources.every((s) => s.error.length > 0), 'errors shown in the Sources panel');
  assert.match(await page.locator('#mf-summary').textContent(), /garbage\.bin: .+\./);
  await page.screenshot({ path: screenshotPath('sources-errors') });
  // Still responsive: navigation and drawing go on.
  await show(page, { page: 'dashboard' });
  assert.equal((await page.evaluate(() => window.mailflow.view())).view, 'dashboard');
  await waitFrames(page, 2);
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
