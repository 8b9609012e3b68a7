// scripts/bench's measuring part (a benchmark, never a test: slow numbers never fail it).
// For each generated file (tests/bench/generate_large.mjs: the mailflow CSV and a wide one, the
// Exchange Online Extended report, the Postfix syslog file and the Exim main log) it measures, in one run, the
// median of N runs of: the floor `cat FILE > /dev/null` (page cache warm), our shell `mailflow
// aggregate` (one thread and every core), the same shell as wasm under node, the page end to end in
// headless Chromium and the file.stream() floor in the same page, and the peers: DuckDB native
// (@duckdb/node-api) and DuckDB-Wasm in the same Chromium (on the logs: read as lines, parsed with
// regexp_extract, joined by queue id / message id; tests/bench/peers/duckdb_queries.mjs), and on
// the two CSV files Papa Parse (worker mode, in Chromium) and Miller (CSV tools: on the logs they
// get a row that says they are left out). For the browser tools also: start-up, the main thread's
// longest blocked stretch, the renderer's peak memory and what the browser loads; for our page the
// wasm heap's peak too. Every answer is checked against the file's expected totals per direction
// (messages and bytes, from the generator's .meta.json).
// Prints the table and the speed ratios between the tools and writes them to
// docs/benchmarks-<size>.md (one file per size, so the sizes' latest tables stand side by side).
//
// usage: node tests/bench/peers/run.mjs [--size small|1m|5m|2gb] [--runs N]
//        [--only shell,wasm-shell,duckdb,miller,page,duckdb-wasm,papaparse]   (the floors are always measured)
//        [--kinds mailflow-csv,mailflow-wide,exo-extended,message-trace,postfix,exim]  (some files only: the table is
//        printed, docs/ is left as it is unless --write-docs is given too)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { generate } from '../generate_large.mjs';
import { chromiumPath, withBrowser, rendererPeakBytes, startBlockProbe, blockedStretch, openOurPage, pageIngest } from './browser.mjs';
import { startDuckdbWasmServer, duckdbWasmRun, duckdbWasmVersion } from './duckdb_wasm.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const size = opt('--size', 'small');
const runs = Math.max(1, Number(opt('--runs', '3')));
const only = opt('--only', '') ? new Set(opt('--only', '').split(',')) : null;
const want = (tool) => !only || only.has(tool);
const kinds = opt('--kinds', '') ? new Set(opt('--kinds', '').split(',')) : null;
// The docs hold every file of a size, unless asked for those measured (at 5 million messages the
// Postfix log is 13 GB, which DuckDB-Wasm read at 16 MB/s at 1 million); the header says which.
const writeDocs = !kinds || args.includes('--write-docs');
const command = ['scripts/bench', '--size', size, '--runs', runs, ...(only ? ['--only', [...only].join(',')] : []),
                 ...(kinds ? ['--kinds', [...kinds].join(',')] : [])].join(' ');

const shellPath = path.resolve(process.env.MAILFLOW_SHELL || path.join(root, 'build/native/shell/mailflow'));
// The same shell compiled to wasm (the wasm build): the engine the page runs, without the browser.
const wasmShellPath = path.resolve(process.env.MAILFLOW_WASM_SHELL || path.join(root, 'build/wasm/shell/mailflow.js'));
const pagePath = path.resolve(process.env.MAILFLOW_PAGE || path.join(root, 'build/wasm/web/mailflow.html'));
const outDir = path.join(root, 'build', 'bench', 'out');
fs.mkdirSync(outDir, { recursive: true });
const haveTime = fs.existsSync('/usr/bin/time');
const which = (cmd) => { try { return execFileSync('sh', ['-c', `command -v ${cmd}`]).toString().trim(); } catch { return null; } };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const log = (s) => process.stderr.write(s + '\n');

// Totals per direction of rows {direction, messages, bytes}.
function totals(rows) {
  const t = {};
  for (const r of rows) {
    if (r.direction !== 'inbound' && r.direction !== 'outbound') continue;
    const d = (t[r.direction] ??= { messages: 0, bytes: 0 });
    d.messages += Number(r.messages);
    d.bytes += Number(r.bytes);
  }
  return t;
}
function check(meta, got) {
  for (const dir of ['inbound', 'outbound']) {
    const want = meta.by_direction[dir], have = got[dir] || { messages: 0, bytes: 0 };
    if (want.messages !== have.messages || want.bytes !== have.bytes)
      return `MISMATCH ${dir}: ${have.messages} msgs / ${have.bytes} B, expected ${want.messages} / ${want.bytes}`;
  }
  return 'ok';
}

// ---- native processes: wall time (hrtime around the spawn) and peak RSS (/usr/bin/time -f %M) ------
// Without NODE_EXTRA_CA_CERTS, which some machines set for every process: node parses each
// certificate it names as it starts, before any of its code runs (50-95 ms here for the system's
// bundle), and neither tool started under node (our wasm shell, DuckDB) makes a TLS connection.
const processEnv = { ...process.env };
delete processEnv.NODE_EXTRA_CA_CERTS;
function runProcess(argv, { stdoutFile = '/dev/null', shell = false } = {}) {
  const rssFile = path.join(outDir, 'rss.txt');
  const fd = fs.openSync(stdoutFile, 'w');
  const cmd = shell ? ['sh', '-c', argv] : argv;
  const full = haveTime ? ['/usr/bin/time', '-f', '%M %U %S', '-o', rssFile, ...cmd] : cmd;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 << 20, env: processEnv });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(fd);
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 400)}`);
  const [rssKb, user, sys] = haveTime ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [];
  return { seconds, rssBytes: rssKb ? rssKb * 1024 : null, cpuSeconds: haveTime ? user + sys : null };
}

// Where the browser's CPU went during a page's load (browserCpuByRole), against what the
// machine's cores could give in that time.
function cpuNote(cpu, seconds) {
  const s = (x) => x.toFixed(2);
  return `CPU s: workers ${s(cpu.workers)}, page thread ${s(cpu.pageThread)}, renderer pool ${s(cpu.rendererPool)}, ` +
    `GPU process ${s(cpu.gpuProcess)}, browser process ${s(cpu.browserProcess)}, other ${s(cpu.other)} ` +
    `(${os.cpus().length} cores × wall: ${s(os.cpus().length * seconds)})`;
}

// The page end to end: from the input's change to window.mailflow.idle(), then the file.stream()
// floor in a Worker of the same page over the same File. Also its start-up (navigation start to
// the first frame with data: the 'mailflow:ready' mark), the main thread's longest blocked
// stretch during the ingest, the ingest worker's wasm heap and where the worker's time went
// (window.mailflow.stats()).
// `workers`: the page's engine workers (?workers=N: the ingest worker and N - 1 parse workers),
// started before the file is given.
async function pageRun(file, workers) {
  return withBrowser(async (browser) => {
    const errors = [];
    const page = await openOurPage(browser, pagePath, workers, (p) => p.on('pageerror', (e) => errors.push(String(e))));
    const startupMs = await page.evaluate(() => performance.getEntriesByName('mailflow:ready')[0].startTime);
    // Measured before the check below: turning the whole aggregate into JSON is no part of the ingest.
    const { seconds, stats, cpu, ownLongestMs, ...blocked } = await pageIngest(page, file);
    const rows = await page.evaluate(() => window.mailflow.aggregate().rows.map(({ direction, messages, bytes }) => ({ direction, messages, bytes })));
    const rssBytes = rendererPeakBytes();
    // The floor: the same File read with file.stream() in a Worker, counting bytes.
    const floor = await page.evaluate(async () => {
      const file = document.getElementById('mf-file').files[0];
      const src = `onmessage = async (e) => { const reader = e.data.stream().getReader(); let n = 0;
        for (;;) { const { done, value } = await reader.read(); if (done) break; n += value.byteLength; } postMessage(n); };`;
      const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
      const w = new Worker(url);
      await new Promise((res) => { w.onmessage = res; w.postMessage(new Blob(['warm'])); });
      const t0 = performance.now();
      const n = await new Promise((res) => { w.onmessage = (e) => res(e.data); w.postMessage(file); });
      const ms = performance.now() - t0;
      w.terminate();
      return { ms, n, size: file.size };
    });
    if (floor.n !== floor.size) throw new Error(`file.stream() read ${floor.n} of ${floor.size} bytes`);
    if (errors.length) log(`  page errors: ${errors.join('; ')}`);
    return { seconds, rssBytes, rows, startupMs, wasmHeapBytes: stats.ingest_wasm_bytes,
      ingestCost: stats.ingest, cpu, floorSeconds: floor.ms / 1000, ownLongestMs, ...blocked };
  });
}

// Papa Parse in worker mode (Papa's own Blob worker parses, the page aggregates each chunk) in the
// same Chromium, from a blank page with an <input type=file>: the same aggregation in JS.
const papaSource = fs.readFileSync(require.resolve('papaparse/papaparse.min.js'), 'utf8');
async function papaRun(file, kind) {
  return withBrowser(async (browser) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<!doctype html><input type=file id=f>');
    await page.addScriptTag({ content: papaSource });
    await page.setInputFiles('#f', file);
    await startBlockProbe(page);
    const r = await page.evaluate(async (kind) => {
      const file = document.getElementById('f').files[0];
      const groups = new Map();
      const seen = new Set();
      let header = null, col = null;
      const add = (day, dir, connector, tls, bytes) => {
        const k = day + '\u0001' + dir + '\u0001' + connector + '\u0001' + tls;
        const g = groups.get(k);
        if (g) { g.messages++; g.bytes += bytes; } else groups.set(k, { direction: dir, messages: 1, bytes });
      };
      const t0 = performance.now();
      await new Promise((resolve, reject) => {
        window.Papa.parse(file, {
          worker: true, skipEmptyLines: true, encoding: kind === 'exo-extended' ? 'utf-16le' : undefined,
          chunk(results) {
            let rows = results.data, start = 0;
            if (!header) {
              header = rows[0].map((h) => h.replace(/^\uFEFF/, ''));
              col = Object.fromEntries(header.map((h, i) => [h, i]));
              start = 1;
            }
            if (kind === 'mailflow-csv') {
              const ts = col.timestamp, di = col.direction, co = col.connector, tl = col.tls_version, by = col.bytes;
              for (let i = start; i < rows.length; i++) {
                const r = rows[i];
                add(r[ts].slice(0, 10), r[di], r[co], r[tl], +r[by]);
              }
            } else if (kind === 'message-trace') {
              const re = col.Received, id = col.MessageId, to = col.ToIP, fr = col.FromIP, by = col.Size;
              for (let i = start; i < rows.length; i++) {
                const r = rows[i];
                if ((r[to] === '') === (r[fr] === '')) continue;
                const dir = r[to] === '' ? 'inbound' : 'outbound';
                const key = dir + r[id];
                if (seen.has(key)) continue;
                seen.add(key);
                const [m, d, y] = r[re].split(' ')[0].split('/');
                add(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`, dir, '', '', +r[by]);
              }
            } else {
              const ev = col.event_id, so = col.source, id = col.message_id, ts = col.date_time_utc, co = col.connector_id,
                cd = col.custom_data, by = col.total_bytes;
              for (let i = start; i < rows.length; i++) {
                const r = rows[i];
                if (r[so] !== 'SMTP' || (r[ev] !== 'RECEIVE' && r[ev] !== 'SENDEXTERNAL')) continue;
                const dir = r[ev] === 'RECEIVE' ? 'inbound' : 'outbound';
                const key = dir + r[id];
                if (seen.has(key)) continue;
                seen.add(key);
                const m = /S:tlsversion=([^;]*)/.exec(r[cd]);
                add(r[ts].slice(0, 10), dir, r[co], m ? m[1] : '', +r[by]);
              }
            }
          },
          complete: resolve, error: reject,
        });
      });
      return { ms: performance.now() - t0, rows: [...groups.values()] };
    }, kind);
    const blocked = await blockedStretch(page);
    return { seconds: r.ms / 1000, rssBytes: rendererPeakBytes(), rows: r.rows, ...blocked };
  });
}

// ---- measuring ---------------------------------------------------------------------------------------
async function measure(label, n, once) {
  return (await measureInTurn([label], n, [once]))[0];
}
// Several ways of doing the same thing measured in turn, run by run (A B A B ...), so that a
// machine that slows down or speeds up during the runs favours none of them.
async function measureInTurn(labels, n, onces) {
  const samples = onces.map(() => []);
  for (let i = 0; i < n; i++) {
    for (const [k, once] of onces.entries()) {
      samples[k].push(await once());
      log(`  ${labels[k]} run ${i + 1}/${n}: ${samples[k].at(-1).seconds.toFixed(3)} s`);
    }
  }
  return samples.map(summary);
}
function summary(samples) {
  return {
    seconds: median(samples.map((s) => s.seconds)),
    rssBytes: samples.some((s) => s.rssBytes != null) ? Math.max(...samples.map((s) => s.rssBytes || 0)) : null,
    cpuSeconds: samples.every((s) => s.cpuSeconds != null) ? median(samples.map((s) => s.cpuSeconds)) : null,
    ...Object.fromEntries(['startupMs', 'longestTaskMs', 'longestGapMs', 'ownLongestMs'].filter((k) => samples[0][k] != null)
      .map((k) => [k, median(samples.map((s) => s[k]))])),
    wasmHeapBytes: samples[0].wasmHeapBytes != null ? Math.max(...samples.map((s) => s.wasmHeapBytes)) : null,
    samples,
  };
}


const results = [];
function record(tool, short, meta, m, extra = {}) {
  results.push({ tool, short, file: path.basename(meta.file), bytes: meta.bytes, seconds: m.seconds, rssBytes: m.rssBytes,
    cpuSeconds: m.cpuSeconds, startupMs: m.startupMs, longestTaskMs: m.longestTaskMs, longestGapMs: m.longestGapMs,
    ownLongestMs: m.ownLongestMs, wasmHeapBytes: m.wasmHeapBytes, ...extra });
}
// A tool that does not apply to a file (a CSV parser on a mail log): a row that says so.
function leftOut(tool, short, meta, note) {
  log(`  ${short}: ${note}`);
  record(tool, short, meta, { seconds: null, rssBytes: null, cpuSeconds: null }, { check: 'n/a', note });
}
const percent = (part, whole) => `${Math.round((100 * part) / whole)}%`;
// The CSV files (the other kinds are mail logs, read as lines).
const CSV_KINDS = new Set(['mailflow-csv', 'mailflow-wide', 'exo-extended', 'message-trace']);
// The wide mailflow CSV is a mailflow CSV to every peer: the same query, more columns to read.
const queryKind = (kind) => (kind === 'mailflow-wide' ? 'mailflow-csv' : kind);

const duckdbWasmServer = want('duckdb-wasm') ? await startDuckdbWasmServer() : null;
const metas = generate(size).filter((meta) => !kinds || kinds.has(meta.kind));
try {
  for (const meta of metas) {
    const file = meta.file;
    const csv = CSV_KINDS.has(meta.kind);
    log(`\n${path.basename(file)}: ${(meta.bytes / 1e6).toFixed(0)} MB, ${meta.messages} messages, ${meta.rows} ${csv ? 'rows' : 'lines'}`);
    spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'] });  // warm the page cache

    const cat = await measure('cat', runs, () => runProcess(['cat', file]));
    record('floor: cat FILE > /dev/null', 'cat', meta, cat, { floorOf: 'native', check: '-' });

    if (!fs.existsSync(shellPath)) log(`  ${shellPath} is missing (build native first): shell not measured`);
    else if (want('shell')) {
      const outFile = path.join(outDir, 'shell.json');
      // --threads 1: the shell's default is every core since --threads came (README "How it works").
      runProcess([shellPath, 'aggregate', '--threads', '1', file], { stdoutFile: outFile });
      const verdict = check(meta, totals(JSON.parse(fs.readFileSync(outFile, 'utf8')).rows));
      // Every core (the shell's default): the answer must be the same, byte for byte.
      const threads = os.cpus().length;
      const allFile = path.join(outDir, 'shell-all.json');
      runProcess([shellPath, 'aggregate', '--threads', String(threads), file], { stdoutFile: allFile });
      const same = fs.readFileSync(allFile).equals(fs.readFileSync(outFile)) ? verdict : 'differs from one thread';
      const [m, all] = await measureInTurn(['shell', 'shell, all threads'], runs, [
        () => runProcess([shellPath, 'aggregate', '--threads', '1', file]),
        () => runProcess([shellPath, 'aggregate', '--threads', String(threads), file])]);
      record('mailflow shell (aggregate, one thread)', 'shell', meta, m, { floor: cat.seconds, check: verdict, ours: 'shell' });
      record(`mailflow shell (aggregate, ${threads} threads)`, 'shell all', meta, all, { floor: cat.seconds, check: same });
    }

    if (!fs.existsSync(wasmShellPath)) log(`  ${wasmShellPath} is missing (build wasm first): the wasm engine under node not measured`);
    else if (want('wasm-shell')) {
      const outFile = path.join(outDir, 'wasm-shell.json');
      const command = [process.execPath, wasmShellPath, 'aggregate', file];
      runProcess(command, { stdoutFile: outFile });
      const verdict = check(meta, totals(JSON.parse(fs.readFileSync(outFile, 'utf8')).rows));
      const m = await measure('wasm-shell', runs, () => runProcess(command));
      record('mailflow shell as wasm (node, one thread)', 'wasm shell', meta, m, { floor: cat.seconds, check: verdict });
    }

    if (want('duckdb')) {
      const outFile = path.join(outDir, 'duckdb.json');
      const m = await measure('duckdb', runs, () => runProcess([process.execPath, path.join(here, 'duckdb_agg.mjs'), queryKind(meta.kind), file], { stdoutFile: outFile }));
      const out = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      record(`DuckDB ${require('@duckdb/node-api/package.json').version} native (node, ${os.cpus().length} threads)`, 'DuckDB', meta, m,
        { floor: cat.seconds, check: check(meta, totals(out.rows)), note: `query alone ${(out.query_ms / 1000).toFixed(2)} s` });
    }

    if (want('miller') && !csv) {
      leftOut('Miller', 'Miller', meta, 'left out: a CSV/TSV tool, and a mail log has no columns (its DSL could be made to do it, awk-like)');
    } else if (want('miller')) {
      const mlr = which('mlr');
      if (!mlr) log('  mlr not installed: Miller not measured');
      else {
        const outFile = path.join(outDir, 'miller.json');
        const version = execFileSync(mlr, ['--version']).toString().trim();
        // Miller reads UTF-8 only: the extended report goes through iconv, as a user would do it.
        const cmd = queryKind(meta.kind) === 'mailflow-csv'
          ? `${mlr} --icsv --ojson put '$day = substr0($timestamp, 0, 9)' then stats1 -a count,sum -f bytes -g day,direction,connector,tls_version '${file}'`
          : meta.kind === 'message-trace'
          ? `${mlr} --icsv --ojson filter '($FromIP == "") != ($ToIP == "")' ` +
            `then put 'd = splitax(splitax($Received, " ")[1], "/"); $day = d[3] . "-" . fmtnum(int(d[1]), "%02d") . "-" . fmtnum(int(d[2]), "%02d"); ` +
            `$direction = $ToIP == "" ? "inbound" : "outbound"' ` +
            `then head -n 1 -g MessageId,direction then stats1 -a count,sum -f Size -g day,direction '${file}'`
          : `iconv -f UTF-16LE -t UTF-8 '${file}' | ${mlr} --icsv --ojson filter '$source == "SMTP" && ($event_id == "RECEIVE" || $event_id == "SENDEXTERNAL")' ` +
            `then put '$direction = $event_id == "RECEIVE" ? "inbound" : "outbound"; $day = substr0($date_time_utc, 0, 9); ` +
            `$tls = sub($custom_data, "^.*S:tlsversion=([^;]*).*$", "\\1"); if ($tls == $custom_data) { $tls = "" }' ` +
            `then head -n 1 -g message_id,direction then stats1 -a count,sum -f total_bytes -g day,direction,connector_id,tls`;
        const m = await measure('miller', runs, () => runProcess(cmd, { stdoutFile: outFile, shell: true }));
        const out = JSON.parse(fs.readFileSync(outFile, 'utf8') || '[]');
        const rows = out.map((r) => ({ direction: r.direction, messages: r.bytes_count ?? r.total_bytes_count ?? r.Size_count,
          bytes: r.bytes_sum ?? r.total_bytes_sum ?? r.Size_sum }));
        record(`${version}${meta.kind === 'exo-extended' ? ' (after iconv)' : ''}`, 'Miller', meta, m, { floor: cat.seconds, check: check(meta, totals(rows)) });
      }
    }

    let browserFloor = null;
    if (!fs.existsSync(pagePath)) log(`  ${pagePath} is missing (build wasm first): page not measured`);
    else if (want('page')) {
      // One engine worker, then one per core (the ingest worker counts what its parse workers
      // parse, web/page/worker_glue.js). "Our page" is the page as it starts on this machine: one
      // engine worker per core, at most four (web/page/app_glue.js).
      const cores = os.cpus().length;
      const pageDefault = Math.min(cores, 4);
      const counts = [...new Set([1, pageDefault, cores])];
      const measured = await measureInTurn(counts.map((workers) => `page, ${workers} workers`), runs,
        counts.map((workers) => () => pageRun(file, workers)));
      for (const [k, workers] of counts.entries()) {
        const m = measured[k];
        const floorHere = median(m.samples.map((s) => s.floorSeconds));
        const last = m.samples.at(-1), cost = last.ingestCost;
        if (browserFloor === null) {
          browserFloor = floorHere;
          record('floor: file.stream() in a Worker (Chromium)', 'file.stream()', meta, { seconds: browserFloor, rssBytes: null }, { floorOf: 'browser', check: '-' });
        }
        const ours = workers === pageDefault;
        record(`mailflow page (Chromium, change to idle(), ${workers === 1 ? 'one engine worker' : `${workers} engine workers`})`,
          ours ? 'page' : `page ${workers} workers`, meta, m, { floor: browserFloor, check: check(meta, totals(last.rows)),
            ours: ours ? 'page' : undefined, appBytes: fs.statSync(pagePath).size,
            note: `worker: engine ${percent(cost.engine_ms, cost.total_ms)}, read wait ${percent(cost.read_wait_ms, cost.total_ms)}, ` +
              `snapshots ${percent(cost.snapshot_ms, cost.total_ms)} (${cost.snapshots}), files parsed apart ${cost.parsed_apart}; ` +
              cpuNote(last.cpu, last.seconds) });
      }
    }
    if (duckdbWasmServer) {
      const m = await measure('duckdb-wasm', runs, () => withBrowser((browser) => duckdbWasmRun(browser, duckdbWasmServer.origin, file, queryKind(meta.kind))));
      const last = m.samples.at(-1);
      record(`DuckDB-Wasm ${duckdbWasmVersion} (DuckDB ${last.version}, Chromium)`, 'DuckDB-Wasm', meta, m,
        { floor: browserFloor, check: check(meta, totals(last.rows)), appBytes: last.appBytes,
          note: csv ? 'registerFileHandle + read_csv' : 'registerFileHandle + read_csv as lines + regexp_extract' });
    }
    if (want('papaparse') && !csv) {
      leftOut('Papa Parse', 'Papa Parse', meta, 'left out: a CSV parser, and a mail log is not CSV');
    } else if (want('papaparse')) {
      const p = await measure('papaparse', runs, () => papaRun(file, queryKind(meta.kind)));
      record(`Papa Parse ${require('papaparse/package.json').version} (Chromium, worker mode${meta.kind === 'exo-extended' ? ', utf-16le' : ''})`, 'Papa Parse', meta, p,
        { floor: browserFloor, check: check(meta, totals(p.samples.at(-1).rows)), appBytes: Buffer.byteLength(papaSource) });
    }
    const ours = Object.fromEntries(results.filter((r) => r.file === path.basename(file) && r.ours).map((r) => [r.ours, r.seconds]));
    for (const r of results) if (r.file === path.basename(file)) Object.assign(r, { shell: ours.shell, page: ours.page });
  }
} finally {
  await duckdbWasmServer?.close();
}

// ---- the tables ----------------------------------------------------------------------------------------
const mb = (b) => (b == null ? '–' : b < 1e6 ? `${(b / 1e3).toFixed(0)} kB` : `${(b / 1e6).toFixed(b < 1e7 ? 1 : 0)} MB`);
const ms = (x) => (x == null ? '–' : `${Math.round(x)} ms`);
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
function layout(header, lines) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  return [header, widths.map((w) => '-'.repeat(w)), ...lines].map((l) => l.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
const header = ['tool', 'file', 'MB/s', '× floor', '× our shell', '× our page', 'peak memory', 'wasm heap', 'start-up',
  'longest block (task / gap / own)', 'loads', 'CPU s', 'check', 'notes'];
const text = layout(header, results.map((r) => [r.tool, `${r.file} (${(r.bytes / 1e6).toFixed(0)} MB)`, r.seconds ? (r.bytes / 1e6 / r.seconds).toFixed(0) : '–',
  r.floorOf ? '1.00×' : ratio(r.seconds, r.floor), ratio(r.seconds, r.shell), ratio(r.seconds, r.page),
  mb(r.rssBytes), mb(r.wasmHeapBytes), ms(r.startupMs),
  r.longestTaskMs != null ? `${ms(r.longestTaskMs)} / ${ms(r.longestGapMs)}${r.ownLongestMs != null ? ' / ' + ms(r.ownLongestMs) : ''}` : '–', mb(r.appBytes),
  r.cpuSeconds != null ? r.cpuSeconds.toFixed(2) : '–', r.check, r.note || '']));

// Per file: how many times faster the row's tool was than the column's (time of column / time of row).
const ratioTables = [...new Set(results.map((r) => r.file))].map((file) => {
  const tools = results.filter((r) => r.file === file && !r.floorOf && r.seconds);
  return `${file}: × faster than\n` + layout(['', ...tools.map((t) => t.short)],
    tools.map((row) => [row.short, ...tools.map((col) => (col.seconds / row.seconds).toFixed(2))]));
}).join('\n\n');
console.log('\n' + text + '\n\n' + ratioTables);

const cpu = (os.cpus()[0]?.model || 'unknown').trim();
const chromiumVersion = (() => { try { return execFileSync(chromiumPath, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return 'chromium'; } })();
const md = `# Benchmarks

Written by \`${command}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Machine: ${os.cpus().length} cores (nproc ${execFileSync('nproc').toString().trim()}), ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM,
${os.type()} ${os.release()}; node ${process.version}; ${chromiumVersion} (headless, software WebGL).

A benchmark, not a test: numbers depend on the machine and on what else runs on it; nothing fails on slow numbers.
Compare ratios within one run rather than MB/s across runs.

How to read it:
- Every figure is the **median of ${runs} runs** (peak memory and wasm heap: the largest), all tools on the same
  files in the same run; files from \`tests/bench/generate_large.mjs\` (deterministic; see its header): a mailflow
  CSV (\`mailflow-*.csv\`), a wide one (\`mailflow-wide-*.csv\`: ten columns, with the sender, the recipient and a
  quoted subject of 150 characters, the shape issue 15 measured), an Exchange Online Extended report (\`extended-*.csv\`, UTF-16 LE), a message trace
  export (\`trace-*.csv\`: Get-MessageTrace's ten quoted columns, one row per recipient), a Postfix syslog
  file (\`postfix-*.log\`: smtpd, amavis, qmgr, smtp, lmtp lines interleaved, with TLS lines and noise) and an Exim
  main log (\`exim-*.log\`).
- **MB/s** = file size / wall time. Native tools: process start to exit (DuckDB's includes starting node and
  loading DuckDB; "query alone" in the notes; tools under node start without \`NODE_EXTRA_CA_CERTS\`, whose
  certificates node would parse first). Page: from the input's \`change\` event to \`window.mailflow.idle()\`
  resolving (read, parse, aggregate, hand over, the dashboard's next frame). DuckDB-Wasm: \`registerFileHandle\`
  to the query's result (the same SQL as DuckDB native; its start-up is apart). Papa Parse: \`Papa.parse\` to
  \`complete\`.
- **× floor**: time / the floor's time; the floor is \`cat FILE > /dev/null\` for native tools and \`file.stream()\`
  read in a Worker of our page (bytes counted) for tools in Chromium. **× our shell**, **× our page**: time / our
  shell's or our page's time on the same file (above 1 = slower). The second table gives every pair.
- **peak memory**: peak RSS (\`/usr/bin/time -f %M\`) of native processes; in Chromium the renderer process's
  VmHWM from /proc (the page, its workers and their wasm memory; a fresh browser per run).
  **wasm heap**: our ingest worker's wasm memory after the ingest (\`window.mailflow.stats().ingest_wasm_bytes\`;
  wasm memory never shrinks, so this is its peak).
- **start-up**: our page: navigation start to the first dashboard frame with data (the \`mailflow:ready\` mark);
  DuckDB-Wasm: navigation start to a connected database (loading its module, worker and .wasm from a local
  http server, instantiating, opening).
- **longest block**: the page's main thread during the ingest: the longest \`longtask\` (0 ms: none over 50 ms) /
  the longest gap of a \`setTimeout(0)\` chain / for our page, the longest stretch of its own code (a dashboard
  frame, a timer, a message from the worker: each timed). Our page's main thread only draws the dashboard and
  reads the worker's snapshots a few ms at a time: the longtasks above its own stretch are the browser's, here,
  headless without a GPU, each WebGL frame read back for the software compositor (\`GLES2::ReadPixels\` in a
  trace), tens of ms a frame and more while the ingest worker takes a core; Papa Parse aggregates its chunks on
  the main thread.
- **loads**: what the browser loads for the tool: our single page file; DuckDB-Wasm's module, worker, .wasm and
  Apache Arrow; Papa Parse's script. **CPU s**: user + system seconds of native processes (above the wall
  time = more than one core used; the machine's ${os.cpus().length} cores are shared with other work).
- **notes** of our page: where the ingest worker's time went (\`window.mailflow.stats().ingest\`): in the engine,
  waiting for the browser's reads, and in the dashboard's snapshots; then the CPU seconds the browser's processes
  spent during the load (/proc, by thread name): the engine workers (and the worker that reads slices for them), the
  page's main thread (the dashboard's frames), the renderer's thread pool (V8 compiling and collecting garbage in
  the background), the GPU process (without a GPU: SwiftShader drawing the frames and compositing), the browser
  process (reading the file), against the cores × the wall time: near it, the page is bound by the machine's CPU.
- **check**: messages and bytes per direction compared with what the generator wrote (its \`.meta.json\`, counted
  by the rules the engine's readers document; the generator's header gives them for each file).
  Peers group rows by day, direction, connector and TLS; on the mailflow CSV they do not de-duplicate message ids
  (every id is unique there), our engine does (its message table), on the extended report and the message
  trace (a row per recipient) all de-duplicate.
  On the Postfix and Exim logs DuckDB reads the file as lines (\`read_csv\` with one VARCHAR column), parses them
  with \`regexp_extract\` and joins by queue id / message id (Postfix: through a temporary table in file order,
  for the TLS line of the same process); Papa Parse and Miller, CSV tools, are left out there (n/a).

\`\`\`
${text}
\`\`\`

\`\`\`
${ratioTables}
\`\`\`
`;
if (writeDocs) {
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'docs', `benchmarks-${size}.md`), md);
  log(`\nwritten: docs/benchmarks-${size}.md`);
}
