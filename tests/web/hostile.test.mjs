// Hostile files dropped on the page (the same files the shell test uses): each is listed in the
// Sources panel with an error, a problem or a note, the page stays responsive while they load,
// nothing crashes, and nothing but the page is requested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('hostile files end with a clear message and a responsive page', { timeout: 300000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-hostile-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  execFileSync('node', [path.join(root, 'tests/hostile/make_hostile_files.mjs'), dir, '--big']);
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));

  const browser = await launch();
  t.after(() => browser.close());
  const { page, watched } = await openPage(browser);
  await page.setInputFiles('input[type=file]', files);
  // The page answers while the files are read.
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  const answeredMs = Date.now() - started;
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  const agg = await page.evaluate(() => window.mailflow.aggregate());

  t.diagnostic(`listed: ${[...new Set(agg.sources.map((s) => s.name.split("/")[0]))].join(" ")}`);
  for (const file of files) {
    const name = path.basename(file);
    if (name.endsWith('.json')) continue;  // JSON documents are checked below
    const sources = agg.sources.filter((s) => s.name === name || s.name.startsWith(name + '/'));
    assert.ok(sources.length > 0, `${name} is listed`);
    const said = sources.some((s) => s.error || s.problems.length || s.notes.length || s.skipped || s.messages);
    assert.ok(said, `${name}: the page says what became of it`);
  }
  const named = (n) => agg.sources.find((s) => s.name === n);
  // A JSON file is read as a saved aggregate when it says so, else sniffed like any log.
  assert.match(named('deep.json').error, /not a format mailflow reads/);
  assert.match(named('empty.csv').error, /empty/);
  assert.match(named('random-bytes.bin').error, /binary data/);
  assert.ok(named('line-200mb-no-newline.csv').problems.some((p) => /longer than 16 MiB/.test(p.reason)));
  assert.ok(named('unterminated-quote.csv').problems.some((p) => /unterminated quote/.test(p.reason)));
  assert.deepEqual(watched.pageErrors, [], 'no page error');
  assert.deepEqual(watched.consoleErrors, [], 'no console error');
  // The ingest worker is a blob: URL made in the page; nothing else may be requested.
  assert.deepEqual(watched.requests.filter((u) => !u.startsWith('blob:')), [], 'no request besides the page');
  t.diagnostic(`${files.length} hostile files, ${agg.sources.length} sources listed; page answered in ${answeredMs} ms while loading`);
});
