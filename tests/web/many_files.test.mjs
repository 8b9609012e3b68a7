// A folder of many small files: the progress panel lists every file with its state and messages,
// while each progress message from the ingest worker carries only the files that changed since the
// one before (a list of every file four times a second held the main thread for tens of ms at 500
// files); files dropped later add to the list, and a new start (Clear) starts the list over.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage } from './harness.mjs';

const FILES = 300;
let browser, dir, files, later;

function csv(i) {
  const rows = ['timestamp,direction,connector,tls_version,bytes,message_id'];
  for (let k = 0; k < 3; k++) rows.push(`2026-11-0${1 + (i % 9)}T10:0${k}:00Z,inbound,Gateway,1.2,${1000 + k},<m${i}.${k}@contoso.com>`);
  return rows.join('\n') + '\n';
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-many-'));
  files = [];
  for (let i = 0; i < FILES; i++) {
    const f = path.join(dir, `export-${String(i).padStart(3, '0')}.csv`);
    fs.writeFileSync(f, csv(i));
    files.push(f);
  }
  later = [FILES, FILES + 1].map((i) => {
    const f = path.join(dir, `later-${i}.csv`);
    fs.writeFileSync(f, csv(i));
    return f;
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Keeps the files of every progress message the page receives from its ingest worker.
function watchProgress() {
  const Native = window.Worker;
  window.__progress = [];
  window.Worker = function Worker(url, options) {
    const worker = new Native(url, options);
    worker.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'progress')
        window.__progress.push(e.data.files.map((f) => ({ id: f.id, state: f.state, seen: `${f.state}|${f.bytes_read}|${f.messages}|${f.error}` })));
    });
    return worker;
  };
}

test('many small files: every file listed, progress messages carry what changed', async () => {
  const { page, context, watched } = await openPage(browser, { query: '?workers=1', init: watchProgress });
  await page.setInputFiles('#mf-file', files);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  let view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.progress.files.length, FILES);
  for (const f of view.progress.files) {
    assert.equal(f.state, 'done', f.name);
    assert.equal(f.messages, 3, f.name);
  }
  assert.deepEqual(view.progress.files.map((f) => f.name), files.map((f) => path.basename(f)));
  // The page hands the files to the worker a few at a time (a File's first clone costs a stat of
  // it, on the page's thread), but the progress never shows part of the load: its totals would
  // grow under the user's eyes. The first message lists them all, in the order given.
  const messages = await page.evaluate(() => window.__progress);
  const sizes = messages.map((m) => m.length);
  assert.equal(sizes[0], FILES, `files in the first progress message: ${sizes.join(', ')}`);
  assert.ok(sizes.length > 1, 'progress came while the files were read');
  const firstIds = messages[0].map((f) => f.id);
  assert.deepEqual(firstIds, [...firstIds].sort((a, b) => a - b), 'listed in the order given');
  // A message carries a file only when it changed since it was last sent, or is being read (a
  // message may still list many files, when they finished between two messages).
  const lastSent = new Map();
  for (const message of messages) {
    for (const f of message) {
      assert.ok(f.state === 'reading' || lastSent.get(f.id) !== f.seen, `file ${f.id} sent again unchanged: ${f.seen}`);
      lastSent.set(f.id, f.seen);
    }
  }
  assert.ok(sizes.slice(1).reduce((a, b) => a + b, 0) <= 2 * FILES, `files sent after the first: ${sizes.join(', ')}`);

  // Files dropped later add to the list.
  await page.setInputFiles('#mf-file', later);
  await page.evaluate(() => window.mailflow.idle());
  view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.progress.files.length, FILES + 2);
  assert.ok(view.progress.files.every((f) => f.state === 'done'));
  const total = (await page.evaluate(() => window.mailflow.aggregate())).rows.reduce((n, r) => n + r.messages, 0);
  assert.equal(total, 3 * (FILES + 2));

  // Clear: the example again, and the next files start a list of their own.
  await page.evaluate(() => window.mailflowHost.clearFiles());
  await page.evaluate(() => window.mailflow.idle());
  const again = files.slice(0, 2);  // not the picker's last selection, which would not be a change
  await page.setInputFiles('#mf-file', again);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  view = await page.evaluate(() => window.mailflow.view());
  assert.deepEqual(view.progress.files.map((f) => f.name), again.map((f) => path.basename(f)));
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});

// In the page: Clear, and `items` ({name, text}) dropped on the canvas in the same task.
const clearAndDrop = `window.__clearAndDrop = (items) => {
  window.mailflowHost.clearFiles();
  const dt = new DataTransfer();
  for (const it of items) dt.items.add(new File([it.text], it.name));
  document.getElementById('mf-canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}`;

// Once the page is idle and stays so (nothing loads later), it shows the `dropped` files alone.
async function showsOnly(page, dropped) {
  await page.evaluate(() => window.mailflow.idle());
  await page.waitForTimeout(500);
  await page.evaluate(() => window.mailflow.idle());
  const view = await page.evaluate(() => window.mailflow.view());
  assert.equal(view.example, false);
  assert.deepEqual(view.progress.files.map((f) => f.name), dropped.map((f) => f.name));
  const total = (await page.evaluate(() => window.mailflow.aggregate())).rows.reduce((n, r) => n + r.messages, 0);
  assert.equal(total, 3 * dropped.length);
}

const asDropped = (paths) => paths.map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }));

// Clear unpacks the examples before loading them (a few ms, longer on a busy machine): files given
// meanwhile are what the dashboard shows, not the examples unpacked after them; idle() waits for
// the unpacking too.
test('files dropped right after Clear replace the examples still being unpacked', async () => {
  const { page, context, watched } = await openPage(browser, { query: '?workers=1' });
  await page.setInputFiles('#mf-file', later);
  await page.evaluate(() => window.mailflow.idle());
  const dropped = asDropped(files.slice(0, 2));
  await page.evaluate(clearAndDrop);
  await page.evaluate((items) => window.__clearAndDrop(items), dropped);
  await showsOnly(page, dropped);
  assert.deepEqual(watched.pageErrors, []);
  await context.close();
});

// The files are handed to the ingest worker a few at a time; Clear and new files before the last
// are handed over drop the rest: the new files alone are shown, and the page goes idle.
test('Clear and new files while a folder is still being handed to the worker: the new files alone', async () => {
  const { page, context, watched } = await openPage(browser, { query: '?workers=1' });
  const dropped = asDropped(later);
  await page.evaluate(clearAndDrop);
  await page.evaluate((items) => {
    document.getElementById('mf-file').addEventListener('change', () => window.__clearAndDrop(items), { once: true });
  }, dropped);
  await page.setInputFiles('#mf-file', files);
  await showsOnly(page, dropped);
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});
