// Parse workers (web/page/worker_glue.js, engine/ingest/detached_source.h and detached_range.h):
// with ?workers=2 the files are parsed by a second engine worker and counted by the ingest worker;
// with ?workers=3 a large file whose format cuts at records is read in ranges by all three. The
// dashboard's data must be the same, figure for figure and source for source, as with ?workers=1
// and as the shell's. The set mixes what is parsed apart (large files: a mailflow CSV of many
// slices, an Extended report; with three workers the CSV in ranges) with what the ingest worker
// reads itself (small files, among them exports whose messages join by id, Postfix and Sendmail
// logs, a zip archive, a file that repeats messages of another; a large syslog file handed back
// once its format shows).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, examplesDir, shellAggregate, foreignRequests } from './harness.mjs';

let browser, dir, files, longCsv, longerCsv;

// A mailflow CSV of `rows` rows (230,000: 37 MB, five slices of the worker's reads), unique message
// ids but for every tenth row, which repeats the id of the row five rows before (a second row of
// that message).
function writeLongCsv(target, rows = 230000) {
  const lines = ['timestamp,direction,connector,tls_version,bytes,message_id,sender,recipient,remote_host,remote_ip'];
  const tls = ['1.3', '1.2', '1.2', '1.0', 'none', '1.1', ''];
  const start = Date.UTC(2026, 9, 1);
  for (let i = 0; i < rows; i++) {
    const id = i % 10 === 9 ? i - 5 : i;
    lines.push(`${new Date(start + i * 11000).toISOString()},${id % 3 ? 'inbound' : 'outbound'},Gateway ${i % 4},` +
      `${tls[i % 7]},${1000 + (i % 50000)},<m${id}@gw.contoso.com>,user${i % 90}@contoso.com,` +
      `someone${i % 70}@partner${i % 300}.example,mx${i % 40}.partner${i % 300}.example,203.0.113.${i % 250}`);
  }
  fs.writeFileSync(target, lines.join('\n') + '\n');
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-workers-'));
  longCsv = path.join(dir, 'long-mailflow.csv');
  writeLongCsv(longCsv);
  longerCsv = path.join(dir, 'longer-mailflow.csv');
  writeLongCsv(longerCsv, 500000);  // 80 MB: still being parsed when the page first shows it read
  const examples = fs.readdirSync(examplesDir)
    .filter((n) => !n.startsWith('.') && !/\.(md|mjs|json)$/i.test(n))
    .sort()
    .map((n) => path.join(examplesDir, n))
    .filter((f) => fs.statSync(f).isFile());
  const again = path.join(dir, 'message-trace-again.csv');
  fs.copyFileSync(path.join(examplesDir, 'message-trace.csv'), again);
  // A syslog file whose first 3 MB are other programs' lines: its format is known only after
  // several slices (a Postfix log, handed back to the ingest worker, which reads it from the start).
  const syslog = path.join(dir, 'syslog-late-postfix.log');
  const other = '2026-11-02T13:54:54.107000+00:00 mx1 dovecot[4242]: imap-login: Login: user=<patti@lab.contoso.com>, method=PLAIN, rip=203.0.113.9, lip=203.0.113.1, mpid=4243, TLS\n';
  fs.writeFileSync(syslog, other.repeat(Math.ceil(3e6 / other.length)) + fs.readFileSync(path.join(examplesDir, 'maillog-postfix'), 'utf8').repeat(40));
  // The example Extended report, its rows ten times over (4.7 MB: parsed apart; the repeats are
  // further rows of the same messages).
  const extendedBytes = fs.readFileSync(path.join(examplesDir, 'exo-extended-report.csv'));
  const headerEnd = extendedBytes.indexOf(Buffer.from('\n', 'utf16le')) + 2;  // UTF-16 LE, with a BOM
  const extended = path.join(dir, 'extended-x10.csv');
  fs.writeFileSync(extended, Buffer.concat([extendedBytes.subarray(0, headerEnd), ...Array(10).fill(extendedBytes.subarray(headerEnd))]));
  files = [syslog, longCsv, ...examples, extended, path.join(examplesDir, 'compressed', 'exports.zip'), again];
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function load(workers) {
  const { page, watched, context } = await openPage(browser, { query: `?workers=${workers}` });
  // Parse workers start after the example is shown: wait until they can take files.
  await page.waitForFunction((n) => window.mailflow.stats().engine_workers === n, workers);
  await page.setInputFiles('#mf-file', files);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  const result = await page.evaluate(() => ({ aggregate: window.mailflow.aggregate(), stats: window.mailflow.stats(), view: window.mailflow.view() }));
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
  await context.close();
  return result;
}

// The shell names a source by its path, the page by the file's name; the shell knows no bytes_read.
function comparable(agg) {
  return { ...agg, sources: agg.sources.map((s) => ({ ...s, name: path.basename(s.name) })) };
}

test('two and three engine workers give the same dashboard data as one, and as the shell', async () => {
  const one = await load(1);
  const two = await load(2);
  const three = await load(3);
  assert.equal(one.stats.ingest.parsed_apart, 0, 'one worker reads every file itself');
  // Parsed apart: the long CSV and the long Extended report; handed back: the syslog file whose
  // format shows late (a Postfix log); small files stay with the ingest worker.
  assert.equal(two.stats.ingest.parsed_apart, 2);
  assert.equal(two.stats.ingest.ranges_taken_over, 0, 'one parse worker: no ranges');
  // With two parse workers the long CSV is read in ranges.
  assert.equal(three.stats.ingest.parsed_apart, 1);
  assert.ok(three.stats.ingest.ranges_taken_over > 0, JSON.stringify(three.stats.ingest));
  assert.deepEqual(two.aggregate, one.aggregate);
  assert.deepEqual(three.aggregate, one.aggregate);
  const late = two.aggregate.sources.find((s) => s.name === 'syslog-late-postfix.log');
  assert.ok(late.messages > 0 && late.format === 'postfix', JSON.stringify(late));
  const long = two.aggregate.sources.find((s) => s.name === 'long-mailflow.csv');
  assert.equal(long.records, 230000);
  assert.equal(long.messages, 207000, 'a message with two rows is counted once');
  const expected = shellAggregate(files);
  if (expected) assert.deepEqual(comparable(two.aggregate), comparable(expected), 'page with parse workers = mailflow aggregate');
  // What the progress panel showed at the end: every file done, its bytes all read.
  for (const f of two.view.progress.files) {
    assert.equal(f.state, 'done', f.name);
    assert.equal(f.bytes_read, f.size, f.name);
  }
});

test('clearing the files while a parse worker reads one stops it, and the parse workers go on with the next load', async () => {
  const { page, watched, context } = await openPage(browser, { query: '?workers=2' });
  await page.waitForFunction(() => window.mailflow.stats().engine_workers === 2);
  // The 80 MB file: the 37 MB one was read, since its later slices come from the file's stream,
  // before the page showed it read now and then.
  await page.setInputFiles('#mf-file', [longerCsv]);
  await page.waitForFunction(() => (window.mailflow.view().progress?.files || []).some((f) => f.state === 'reading' && f.bytes_read > 0));
  await page.evaluate(() => window.mailflowHost.clearFiles());
  await page.evaluate(() => window.mailflow.idle());
  assert.equal(await page.evaluate(() => window.mailflow.example), true, 'the example is back');
  // The small files first (the ingest worker reads them while the parse worker finishes the slice
  // it was parsing when told to stop), then the long file, given to the parse worker again.
  const small = files.filter((f) => path.dirname(f) === examplesDir);
  const next = [...small, longCsv];
  await page.setInputFiles('#mf-file', small);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  await page.setInputFiles('#mf-file', [longCsv]);
  await page.evaluate(() => window.mailflow.idle());
  const { aggregate, stats, progress } = await page.evaluate(() => ({
    aggregate: window.mailflow.aggregate(), stats: window.mailflow.stats(), progress: window.mailflow.view().progress,
  }));
  const said = JSON.stringify({ ingest: stats.ingest, files: progress?.files, warnings: watched.consoleWarnings });
  assert.equal(stats.ingest.parsed_apart, 1, 'the parse worker took the long file again: ' + said);
  const expected = shellAggregate(next);
  if (expected) assert.deepEqual(comparable(aggregate), comparable(expected));
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});

test('a large file dropped while the parse worker still stops the last one goes to the parse worker', async () => {
  const { page, watched, context } = await openPage(browser, { query: '?workers=2' });
  await page.waitForFunction(() => window.mailflow.stats().engine_workers === 2);
  await page.setInputFiles('#mf-file', [longerCsv]);
  // Clear, and the same file dropped again, in the task that first sees it being read: the ingest
  // worker has the new load long before the parse worker can answer that it stopped.
  const readAtDrop = await page.evaluate(() => new Promise((resolve) => {
    const look = () => {
      const long = (window.mailflow.view().progress?.files || [])[0];
      if (long && long.state !== 'queued' && long.state !== 'reading') return resolve(-1);  // no race to test
      if (!(long?.state === 'reading' && long.bytes_read > 0)) return setTimeout(look, 0);
      const file = document.getElementById('mf-file').files[0];
      window.mailflowHost.clearFiles();
      const dt = new DataTransfer();
      dt.items.add(file);
      document.getElementById('mf-canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      resolve(long.bytes_read);
    };
    look();
  }));
  assert.ok(readAtDrop > 0, 'the file was read before the page showed it being read');
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  const { aggregate, stats } = await page.evaluate(() => ({ aggregate: window.mailflow.aggregate(), stats: window.mailflow.stats() }));
  assert.equal(stats.ingest.parsed_apart, 1, `read by the ingest worker instead (dropped at ${readAtDrop} bytes): ` + JSON.stringify(stats.ingest));
  assert.deepEqual(aggregate.sources.map((s) => [s.name, s.records, s.messages]), [['longer-mailflow.csv', 500000, 450000]]);
  const expected = shellAggregate([longerCsv]);
  if (expected) assert.deepEqual(comparable(aggregate), comparable(expected));
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});

// With three engine workers: a large mailflow CSV with a record of many lines inside quotes across
// every offset the page cuts it at (its first slice of 1 MiB, then every 8 MiB:
// web/page/worker_glue.js), so every range a parse worker parses starts inside a record: the
// engine refuses each, the ingest worker reads it itself, and the dashboard's data is the shell's.
test('a large file cut inside quoted fields gives the shell\'s answer', async () => {
  const quoted = path.join(dir, 'quoted-lines.csv');
  const cuts = [];
  for (let at = 1 << 20; at < 40e6; at += 8 << 20) cuts.push(at);
  const lines = ['timestamp,direction,connector,tls_version,bytes,message_id,remote_host,status'];
  let size = lines[0].length + 1;
  const start = Date.UTC(2026, 9, 1);
  for (let i = 0; size < 40e6; i++) {
    const spans = cuts.length && size + 200 > cuts[0] - 3000;
    if (spans) cuts.shift();
    const status = spans ? `"deferred, then delivered:\n${'451 4.7.0 try again later\n'.repeat(200)}"` : 'delivered';
    const line = `${new Date(start + i * 13000).toISOString()},${i % 2 ? 'inbound' : 'outbound'},Gateway ${i % 3},` +
      `${i % 5 ? '1.2' : 'none'},${2000 + (i % 7000)},<q${i}@contoso.com>,mx${i % 50}.example.net,${status}`;
    lines.push(line);
    size += line.length + 1;
  }
  fs.writeFileSync(quoted, lines.join('\n') + '\n');
  const { page, watched, context } = await openPage(browser, { query: '?workers=3' });
  await page.waitForFunction(() => window.mailflow.stats().engine_workers === 3);
  await page.setInputFiles('#mf-file', [quoted]);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  const { aggregate, stats } = await page.evaluate(() => ({ aggregate: window.mailflow.aggregate(), stats: window.mailflow.stats() }));
  const said = JSON.stringify(stats.ingest);
  assert.equal(stats.ingest.ranges_taken_over, 0, said);
  assert.ok(stats.ingest.ranges_refused > 0, said);
  assert.deepEqual(aggregate.sources.map((s) => [s.name, s.records, s.messages]), [['quoted-lines.csv', lines.length - 1, lines.length - 1]]);
  const expected = shellAggregate([quoted]);
  if (expected) assert.deepEqual(comparable(aggregate), comparable(expected));
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});
