// The ingest worker (runs in a Web Worker built from a Blob URL, after the emscripten module
// MailflowWorkerModule in the same source). Reads each File with file.stream(), copies the chunks
// into one 8 MB buffer inside wasm memory and feeds the engine whenever it is full: never a whole
// file in wasm memory. Posts progress and the aggregate JSON (schema mailflow.aggregate.v1) at
// most every 250 ms and at the end of each file. A cancel message stops a file between two chunks.
// A saved report (.html) or an aggregate JSON is recognised by its content, not its name: it is
// read whole and its aggregate added to the session (mf_load_document), so logs dropped later
// merge with it; for a saved report the page gets its details ({type:'report'}) for the banner.
/* global MailflowWorkerModule, MF_WORKER_WASM */
'use strict';
const CHUNK = 8 << 20;
const POST_EVERY_MS = 250;

let M = null;
let buffer = 0;
async function gunzipBase64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const moduleReady = gunzipBase64(MF_WORKER_WASM).then((wasmBinary) => MailflowWorkerModule({
  wasmBinary,
  print: (t) => postMessage({ type: 'log', text: String(t) }),
  printErr: (t) => postMessage({ type: 'log', text: String(t) }),
})).then((m) => { M = m; buffer = m._malloc(CHUNK); });

let generation = 0;     // bumped by a reset: a running read of an older generation stops
let example = true;
let files = [];         // progress entries of this generation
let queue = [];
let running = false;
let lastPost = 0;
let snapshotMs = 0;     // what the last aggregate snapshot cost: it grows with the messages held
let lastSeq = 0;        // the newest load message taken in (the page waits for it to be done)
const cancelled = new Set();

// reader.read() resolves as a microtask while the stream has data buffered, so a read loop would
// never let the page's messages (Cancel, a new drop) in. After each chunk fed to the engine the
// loop yields one macrotask turn through a MessageChannel (no 4 ms timer clamping).
const yieldChannel = new MessageChannel();
const yieldWaiters = [];
yieldChannel.port1.onmessage = () => { const w = yieldWaiters.shift(); if (w) w(); };
function yieldToEvents() {
  return new Promise((resolve) => { yieldWaiters.push(resolve); yieldChannel.port2.postMessage(0); });
}

function withString(text, fn) {
  const n = M.lengthBytesUTF8(text) + 1;
  const p = M._malloc(n);
  M.stringToUTF8(text, p, n);
  try { return fn(p); } finally { M._free(p); }
}

function withStrings(texts, fn) {
  const ptrs = texts.map((text) => {
    const n = M.lengthBytesUTF8(text) + 1;
    const p = M._malloc(n);
    M.stringToUTF8(text, p, n);
    return p;
  });
  try { return fn(...ptrs); } finally { ptrs.forEach((p) => M._free(p)); }
}

// 'report', 'aggregate' or null (then the engine sniffs the log format).
const REPORT_ELEMENT = '<!--mailflow:report--><script type="application/json" id="mailflow-report">';
async function documentKind(file) {
  const head = await file.slice(0, 65536).text();
  const start = head.replace(/^[\s\ufeff]+/, '');
  if (start.startsWith('{') && head.slice(0, 4096).includes('"mailflow.aggregate.v1"')) return 'aggregate';
  if (start.startsWith('<') && head.includes(REPORT_ELEMENT)) return 'report';
  return null;
}

async function readDocument(item, kind, gen) {
  let r;
  try {
    const text = await item.file.text();
    if (gen !== generation) return;
    r = JSON.parse(withStrings([item.name, text], (n, t) => M.UTF8ToString(M._mf_load_document(n, t))));
  } catch (err) {
    r = { error: 'The file could not be read: ' + (err && err.message ? err.message : err) };
  }
  item.bytes_read = item.size;
  item.format_name = kind === 'report' ? 'mailflow saved report' : 'mailflow aggregate';
  item.messages = r.messages || 0;
  item.state = r.error ? 'error' : 'done';
  if (r.error) item.error = r.error;
  if (r.kind === 'report') postMessage({ type: 'report', info: r, applyState: !!item.applyState });
}

function refresh(item) {
  if (item.sid === undefined) return;
  const r = JSON.parse(M.UTF8ToString(M._mf_source_json(item.sid)));
  item.format_name = r.format_name || r.format || '';
  item.messages = r.messages || 0;
  if (r.error) item.error = r.error;
}

function postProgress() {
  const now = performance.now();
  postMessage({
    type: 'progress',
    running,
    example,
    files: files.map((f) => {
      const elapsed = ((f.t1 || now) - (f.t0 || now)) / 1000;
      const rate = elapsed > 0.05 ? f.bytes_read / elapsed : 0;
      return {
        id: f.id, name: f.name, state: f.state, size: f.size, bytes_read: f.bytes_read,
        mb_per_s: rate / 1e6, eta_s: rate > 0 ? (f.size - f.bytes_read) / rate : -1,
        format_name: f.format_name || '', messages: f.messages || 0, error: f.error || '',
      };
    }),
  });
}

let quiet = false;      // the page already shows what this load holds (its own saved report)
function postAggregate(final) {
  if (quiet) { postMessage({ type: 'aggregate', json: null, example, final, seq: lastSeq }); return; }
  // The packed form (mailflow.aggregate.packed.v1): the dashboard reads it; the page asks the
  // dashboard when someone wants the aggregate JSON (window.mailflow.aggregate()).
  const started = performance.now();
  const json = M.UTF8ToString(M._mf_aggregate_packed());
  snapshotMs = performance.now() - started;
  postMessage({ type: 'aggregate', json, example, final, seq: lastSeq });
}

function maybePost(item) {
  const now = performance.now();
  // A snapshot walks every message held for joins, so its cost grows with the file: wait at least
  // four times its cost, which keeps snapshots under a fifth of the ingest time however large.
  if (now - lastPost < Math.max(POST_EVERY_MS, 4 * snapshotMs)) return;
  lastPost = now;
  refresh(item);
  postProgress();
  postAggregate(false);
}

async function readOne(item, gen) {
  item.state = 'reading';
  item.t0 = performance.now();
  const kind = await documentKind(item.file).catch(() => null);
  if (gen !== generation) return;
  if (kind) {
    await readDocument(item, kind, gen);
    item.t1 = performance.now();
    return;
  }
  item.sid = withString(item.name, (p) => M._mf_add_source(p));
  const reader = item.file.stream().getReader();
  let fill = 0;
  let fed = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (gen !== generation) { reader.cancel().catch(() => {}); return; }
      if (cancelled.has(item.id)) {
        reader.cancel().catch(() => {});
        M._mf_cancel(item.sid);
        item.state = 'cancelled';
        break;
      }
      if (done) {
        if (fill) M._mf_feed(item.sid, buffer, fill);
        M._mf_finish(item.sid);
        item.state = 'done';
        break;
      }
      let offset = 0;
      while (offset < value.length) {
        const n = Math.min(CHUNK - fill, value.length - offset);
        M.HEAPU8.set(value.subarray(offset, offset + n), buffer + fill);  // HEAPU8 may be new after growth
        fill += n;
        offset += n;
        if (fill === CHUNK) { M._mf_feed(item.sid, buffer, fill); fill = 0; fed = true; }
      }
      item.bytes_read += value.length;
      maybePost(item);
      if (fed) { fed = false; await yieldToEvents(); }
    }
  } catch (err) {
    item.state = 'error';
    item.error = 'The file could not be read: ' + (err && err.message ? err.message : err);
    M._mf_finish(item.sid);
  }
  item.t1 = performance.now();
  refresh(item);
  if (item.state === 'done' && item.error) item.state = 'error';
}

async function run() {
  running = true;
  while (queue.length) {
    const gen = generation;
    const item = queue.shift();
    if (cancelled.has(item.id)) { item.state = 'cancelled'; continue; }
    await readOne(item, gen);
    if (gen !== generation) continue;
    lastPost = performance.now();
    postProgress();
    if (queue.length) postAggregate(false);
  }
  running = false;
  postProgress();
  postAggregate(true);
}

onmessage = async (e) => {
  const msg = e.data;
  await moduleReady;
  if (msg.type === 'load') {
    if (msg.reset) {
      generation++;
      M._mf_session_new(msg.utcOffset | 0);
      files = [];
      queue = [];
      cancelled.clear();
    }
    example = !!msg.example;
    quiet = !!msg.quiet;
    lastSeq = msg.seq;
    for (const { id, file } of msg.files) {
      const item = { id, file, name: file.name, size: file.size, state: 'queued', bytes_read: 0, applyState: !!msg.applyState };
      files.push(item);
      queue.push(item);
    }
    postProgress();
    if (!running) run();
    else if (msg.reset) { /* the running loop sees the new generation and moves on */ }
  } else if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    const item = files.find((f) => f.id === msg.id);
    if (item && item.state === 'queued') {
      item.state = 'cancelled';
      queue = queue.filter((q) => q.id !== msg.id);
      postProgress();
    }
  }
};
