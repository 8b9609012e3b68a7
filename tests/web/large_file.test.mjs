// A large export (~200 MB mailflow CSV written by the test): the progress panel shows bytes, speed
// and messages while the worker reads, the dashboard answers input meanwhile, the result counts
// every row, and Cancel really stops a file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, show, clickControl, screenshotPath, foreignRequests } from './harness.mjs';

const TARGET_BYTES = Number(process.env.MAILFLOW_LARGE_BYTES || 200e6);
let browser, dir, file, rows = 0;

function writeLargeCsv(target) {
  const fd = fs.openSync(target, 'w');
  fs.writeSync(fd, 'timestamp,direction,connector,tls_version,bytes,message_id,sender,recipient,remote_host,remote_ip,status,tls_cipher\n');
  const tls = ['1.3', '1.2', '1.2', '1.2', '1.0', 'none', '1.1'];
  const conns = ['Gateway inbound', 'Gateway outbound', '', 'Scanner relay'];
  let written = 0;
  const start = Date.UTC(2026, 9, 1);
  while (written < TARGET_BYTES) {
    const lines = [];
    for (let k = 0; k < 5000; k++, rows++) {
      const t = new Date(start + rows * 3500).toISOString().replace('.000Z', 'Z');
      const d = rows % 3 === 0 ? 'outbound' : 'inbound';
      lines.push(`${t},${d},${conns[rows % 4]},${tls[rows % 7]},${20000 + (rows % 90000)},<m${rows}.${rows % 977}@gw.contoso.com>,` +
        `user${rows % 500}@contoso.com,someone${rows % 300}@fabrikam.com,mx${rows % 40}.fabrikam.com,198.51.100.${rows % 250},delivered,TLS_AES_256_GCM_SHA384\n`);
    }
    const chunk = lines.join('');
    fs.writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  fs.closeSync(fd);
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-large-'));
  file = path.join(dir, 'large-mailflow.csv');
  writeLargeCsv(file);
  fs.writeFileSync(path.join(dir, 'small.csv'), fs.readFileSync(file).subarray(0, 200000).toString().replace(/\n[^\n]*$/, '\n'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('progress while a large file loads, input answered meanwhile, all rows counted', async (t) => {
  const size = fs.statSync(file).size;
  const { page, watched, context } = await openPage(browser);
  const t0 = Date.now();
  await page.setInputFiles('#mf-file', [file]);
  await page.waitForFunction(() => window.mailflow.example === false);
  // Watch the progress panel while the worker reads.
  let seen = null;
  let answeredMs = null;
  for (let i = 0; i < 600; i++) {
    const v = await page.evaluate(() => window.mailflow.view());
    const f = v.progress.files.find((x) => x.name === path.basename(file));
    if (f && f.state === 'reading' && f.bytes_read > 0 && f.bytes_read < size) {
      seen = seen || f;
      if (answeredMs === null) {
        await page.screenshot({ path: screenshotPath('progress') });
        const a = Date.now();
        await show(page, { page: 'sources' });  // input is answered while the worker reads
        answeredMs = Date.now() - a;
        const after = await page.evaluate(() => window.mailflow.view());
        assert.equal(after.view, 'sources');
        await show(page, { page: 'dashboard' });
      }
    }
    if (f && f.state === 'done') break;
    await page.waitForTimeout(50);
  }
  assert.ok(seen, 'the progress panel showed the file being read');
  assert.ok(answeredMs !== null && answeredMs < 1000, `input answered in ${answeredMs} ms while reading`);
  await page.evaluate(() => window.mailflow.idle());
  const seconds = (Date.now() - t0) / 1000;
  const agg = await page.evaluate(() => window.mailflow.aggregate());
  const total = agg.rows.reduce((n, r) => n + r.messages, 0);
  t.diagnostic(`${(size / 1e6).toFixed(0)} MB, ${rows} rows in ${seconds.toFixed(1)} s (${(size / 1e6 / seconds).toFixed(0)} MB/s end to end); ` +
               `progress seen at ${seen.bytes_read} bytes, ${seen.messages} messages, format "${seen.format_name}"; input answered in ${answeredMs} ms`);
  assert.equal(agg.sources[0].records, rows);
  // Every row has its own message id: none may be taken for "a further recipient" (the engine's
  // message table must not confuse two ids, e.g. through a 32-bit hash on wasm32).
  assert.deepEqual(agg.sources[0].skipped_by_reason, {}, 'no row skipped');
  assert.equal(total, rows, 'every row became a message');
  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
  await context.close();
});

// Without a GPU every drawn frame costs the browser tens of ms of CPU, which the engine then lacks:
// while a load runs, its progress and snapshots are drawn at most every 250 ms on a GPU (a GPU's
// name given to the page instead of the real one), and where WebGL is a software rasteriser (as
// here: headless Chromium draws with SwiftShader) so for the load's first half second, then every
// 600 ms; coalesced, and the load's end at once.
const gpuRenderer = () => {
  for (const gl of [WebGLRenderingContext, WebGL2RenderingContext]) {
    const get = gl.prototype.getParameter;
    gl.prototype.getParameter = function (name) {
      return name === 0x9246 /* UNMASKED_RENDERER_WEBGL */ ? 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)' : get.call(this, name);
    };
  }
};
for (const [renderer, pace, init] of [['software', 600, null], ['gpu', 250, gpuRenderer]]) {
  test(`while a large file loads, the dashboard draws its updates at most every ${pace} ms (${renderer} WebGL)`, async () => {
    const { page, watched, context } = await openPage(browser, { init });
    const view = await page.evaluate(() => window.mailflow.view());
    assert.deepEqual([view.renderer, view.load_frame_pace_ms], [renderer, pace]);
    // The start-up's last frames drawn first: from here on only the load draws.
    await page.waitForFunction(() => new Promise((resolve) => {
      const seen = window.mailflowHost.framesDrawn;
      setTimeout(() => resolve(window.mailflowHost.framesDrawn === seen), 400);
    }), null, { polling: 50 });
    await page.evaluate(() => {
      const host = window.mailflowHost;
      const drawn = host.frameDrawn;
      window.__frameTimes = [];
      host.frameDrawn = function () { window.__frameTimes.push(performance.now()); return drawn.call(this); };
    });
    const start = await page.evaluate(() => performance.now());
    await page.setInputFiles('#mf-file', [file]);
    await page.evaluate(() => window.mailflow.idle());
    const end = await page.evaluate(() => performance.now());
    const times = (await page.evaluate(() => window.__frameTimes)).filter((t) => t >= start && t <= end);
    const agg = await page.evaluate(() => window.mailflow.aggregate());
    assert.equal(agg.rows.reduce((n, r) => n + r.messages, 0), rows, 'the last frame shows every row');
    assert.ok(times.length >= 3, `${times.length} frames drawn in ${(end - start).toFixed(0)} ms of loading`);
    // The last frame shows the load's end, drawn as soon as it comes; the others are paced.
    const gaps = times.slice(1, -1).map((t, i) => t - times[i]);
    // (The page starts a load's clock when the worker's first progress comes, after the change event.)
    const paceAfter = (t) => (t - start >= 1000 ? pace : 250);
    assert.ok(gaps.every((g, i) => g >= paceAfter(times[i]) - 10), `gaps between frames while loading: ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    // Past the first half second (and the page's later clock) no more frames than that pace allows.
    const late = times.slice(0, -1).filter((t) => t - start >= 900);
    assert.ok(late.length <= 1 + Math.floor((end - start - 900) / (pace - 10)),
      `${late.length} frames drawn from 900 ms to the end at ${(end - start).toFixed(0)} ms: ${times.map((t) => (t - start).toFixed(0)).join(', ')}`);
    assert.deepEqual(watched.consoleErrors, []);
    await context.close();
  });
}

// With one engine worker and with a parse worker (which stops between two slices).
for (const workers of [1, 2]) test(`Cancel in the progress panel really stops a file (${workers} engine workers)`, async () => {
  const size = fs.statSync(file).size;
  const { page, watched, context } = await openPage(browser, { query: `?workers=${workers}` });
  await page.waitForFunction((n) => window.mailflow.stats().engine_workers === n, workers);
  await page.setInputFiles('#mf-file', [path.join(dir, 'small.csv')]);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  const base = await page.evaluate(() => window.mailflow.aggregate());
  const baseTotal = base.rows.reduce((n, r) => n + r.messages, 0);
  // Cancel: the same file again, stopped from the progress panel's Cancel button.
  await page.setInputFiles('#mf-file', [file]);
  let cancelled = false;
  let clickedAt = 0;
  for (let i = 0; i < 400 && !cancelled; i++) {
    const v = await page.evaluate(() => window.mailflow.view());
    const f = v.progress.files.find((x) => x.state === 'reading' && x.bytes_read > 0);
    const id = v.controls && Object.keys(v.controls).find((k) => k.startsWith('cancel:'));
    if (f && id) {
      clickedAt = f.bytes_read;
      await clickControl(page, id);
      cancelled = true;
    } else await page.waitForTimeout(20);
  }
  assert.ok(cancelled, 'Cancel was clicked while the file was read');
  await page.evaluate(() => window.mailflow.idle());
  const v = await page.evaluate(() => window.mailflow.view());
  assert.equal(v.progress.files.at(-1).state, 'cancelled', `clicked Cancel at ${clickedAt} of ${size} bytes: ${JSON.stringify(v.progress.files.at(-1))}`);
  assert.ok(v.progress.files.at(-1).bytes_read < size, 'reading stopped before the end');
  const after = await page.evaluate(() => window.mailflow.aggregate());
  assert.equal(after.rows.reduce((n, r) => n + r.messages, 0), baseTotal, 'a cancelled file adds nothing');
  assert.ok(after.sources.length === 2, 'the cancelled file stays listed');
  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
  await context.close();
});

// A file rewritten on disk while the page reads it (a log still being written, an export redone):
// the browser refuses further reads of the File the user dropped, and the file ends with an error
// that says it could not be read, never with its rows silently cut short or mixed with the new text.
for (const workers of [1, 2]) test(`a file changed on disk while it is read ends with an error (${workers} engine workers)`, async () => {
  const changing = path.join(dir, `changing-${workers}.csv`);
  fs.copyFileSync(file, changing);
  const size = fs.statSync(changing).size;
  const { page, watched, context } = await openPage(browser, { query: `?workers=${workers}` });
  await page.waitForFunction((n) => window.mailflow.stats().engine_workers === n, workers);
  await page.setInputFiles('#mf-file', [changing]);
  let changedAt = 0;
  for (let i = 0; i < 400 && !changedAt; i++) {
    const v = await page.evaluate(() => window.mailflow.view());
    const f = v.progress.files.find((x) => x.state === 'reading' && x.bytes_read > 0);
    if (f) {
      changedAt = f.bytes_read;
      fs.truncateSync(changing, Math.floor(size / 2));
      fs.appendFileSync(changing, '2026-11-01T00:00:00Z,inbound,,1.2,1,<changed@contoso.com>,a@b.c,d@e.f,mx.b.c,198.51.100.1,delivered,x\n');
    } else await page.waitForTimeout(20);
  }
  assert.ok(changedAt, 'the file was changed while it was read');
  await page.evaluate(() => window.mailflow.idle());
  const f = (await page.evaluate(() => window.mailflow.view())).progress.files.at(-1);
  assert.ok(changedAt < size, 'changed before the end');
  assert.equal(f.state, 'error', `changed at ${changedAt} of ${size} bytes: ${JSON.stringify(f)}`);
  assert.ok(f.bytes_read < size, 'reading stopped at the change');
  const counted = (await page.evaluate(() => window.mailflow.aggregate())).rows.reduce((n, r) => n + r.messages, 0);
  assert.equal(f.messages, counted, 'the progress panel counts what the dashboard counts');
  await show(page, { page: 'sources' });
  const source = (await page.evaluate(() => window.mailflow.view())).sources.at(-1);
  assert.match(source.error, /could not be read/, JSON.stringify(source));
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});
