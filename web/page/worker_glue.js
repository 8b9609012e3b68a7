// The ingest worker (runs in a Web Worker built from a Blob URL, after the emscripten module
// MailflowWorkerModule in the same source). Reads each File in 8 MB slices, asked for eight
// ahead of the engine from a helper worker (so the browser reads while the engine parses),
// copies each slice into one buffer of 8 MB (and a range's tail) inside wasm memory and feeds it
// to the engine: at most eight slices and that buffer are held, never a whole file. Posts
// progress (with the wasm heap's size and where the ingest's time went) every 250 ms, the
// aggregate right after a load's first slice, then every second or four times the last
// snapshot's cost when that is longer (also between files: many small files are not a snapshot
// each), and both when the load ends. A cancel message stops a file between two slices. With
// parse workers (further instances of this worker, see "parse workers" below) files are parsed
// there and counted here, and from two parse workers on a large file is read in ranges by all of
// them (see "one large file in ranges").
// A saved report (.html) or an aggregate JSON is recognised by its content, not its name: it is
// read whole and its aggregate added to the session (mf_load_document), so logs dropped later
// merge with it; for a saved report the page gets its details ({type:'report'}) for the banner.
/* global MailflowWorkerModule, MF_WORKER_WASM, sliceReader, base64Bytes, gunzip */
'use strict';
// 8 MB slices keep the wasm heap small (the buffer, the decoded text and the tokenizer's indexes
// all scale with them); eight in flight read as fast as three of 16 MB (measured by scripts/bench).
const CHUNK = 8 << 20;
const FIRST_SLICE = 1 << 20;  // a small first read: the engine starts (and sniffs the format) sooner
const RANGE_TAIL = 256 << 10;  // read with a range of a large file past its cut, for its last line
const READ_AHEAD = 8;         // slices asked for ahead of the engine: the reads' pace varies
const PROGRESS_EVERY_MS = 250;
const SNAPSHOT_EVERY_MS = 1000;  // the figures change slowly; the progress panel every 250 ms

let M = null;
let buffer = 0;
const moduleReady = gunzip(base64Bytes(MF_WORKER_WASM)).then((wasmBinary) => MailflowWorkerModule({
  wasmBinary,
  print: (t) => postMessage({ type: 'log', text: String(t) }),
  printErr: (t) => postMessage({ type: 'log', text: String(t) }),
})).then((m) => { M = m; buffer = m._malloc(CHUNK + RANGE_TAIL); });
// A parse worker (an instance of this worker started by the ingest worker) says when it can parse.
const PARSE_WORKER_NAME = 'mailflow-parse';
const isParseWorker = typeof WorkerGlobalScope !== 'undefined' && self.name === PARSE_WORKER_NAME;
if (isParseWorker) {
  moduleReady.then(() => postMessage({ type: 'parser-ready' }));
}

let generation = 0;     // bumped by a reset: a running read of an older generation stops
let example = true;
let files = [];         // progress entries of this generation
let queue = [];
let running = false;
let lastProgress = 0;
let lastSnapshot = 0;
let snapshotMs = 0;     // what the last aggregate snapshot cost: it grows with the messages held
let cost = null;        // what the current ingest cost, in ms (see newCost)
let costStarted = 0;
let lastSeq = 0;        // the newest load message taken in (the page waits for it to be done)
let moreComing = false; // the page is still sending the latest load's files, a few at a time
let loadArrived = null; // wakes run() waiting for them
const cancelled = new Set();

// A slice read ahead is often already there: awaiting it takes only a microtask, so a read loop
// would never let the page's messages (Cancel, a new drop) in. After each slice fed to the engine
// the loop yields one macrotask turn through a MessageChannel (no 4 ms timer clamping).
const yieldChannel = new MessageChannel();
const yieldWaiters = [];
yieldChannel.port1.onmessage = () => { const w = yieldWaiters.shift(); if (w) w(); };
// At most every few ms: a round trip costs about 0.3 ms, which a folder of small logs paid per file.
const YIELD_EVERY_MS = 4;
let lastYield = 0;
function yieldToEvents() {
  if (performance.now() - lastYield < YIELD_EVERY_MS) return Promise.resolve();
  return new Promise((resolve) => { yieldWaiters.push(resolve); yieldChannel.port2.postMessage(0); })
    .then(() => { lastYield = performance.now(); });
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

// 'report', 'aggregate' or null (then the engine sniffs the log format), from a file's first bytes.
const REPORT_ELEMENT = '<!--mailflow:report--><script type="application/json" id="mailflow-report">';
function documentKind(bytes) {
  // Only text that starts with '{' or '<' (after a BOM and blanks) is decoded and searched.
  const view = new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 65536));
  let i = view[0] === 0xEF && view[1] === 0xBB && view[2] === 0xBF ? 3 : 0;
  while (i < view.length && (view[i] === 0x20 || (view[i] >= 0x09 && view[i] <= 0x0D))) i++;
  if (view[i] !== 0x7B && view[i] !== 0x3C) return null;
  const head = new TextDecoder().decode(view);
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

// Where an ingest's time goes: waiting for the browser to read, in the engine, in snapshots.
function newCost() {
  costStarted = performance.now();
  return { total_ms: 0, read_wait_ms: 0, engine_ms: 0, snapshot_ms: 0, snapshots: 0, parsed_apart: 0,
    ranges_taken_over: 0, ranges_refused: 0, ranges_read_here: 0 };
}

// Progress carries the files that changed since the last message (all of them after a reset,
// `reset`): with a folder of thousands of files, a message of every file four times a second cost
// the page's main thread tens of ms each. A file being read is always sent (its speed changes).
// None while the page still sends a load's files, a few at a time: the panel's totals would
// grow under the user's eyes (8 files, then 16, ...); the parts come within tens of ms.
let listReset = true;
function postProgress() {
  if (moreComing) return;
  const now = performance.now();
  if (cost) cost.total_ms = now - costStarted;
  const changed = [];
  for (const f of files) {
    const seen = `${f.state}|${f.bytes_read}|${f.messages || 0}|${f.format_name || ''}|${f.error || ''}`;
    if (seen === f.posted && f.state !== 'reading') continue;
    f.posted = seen;
    const elapsed = ((f.t1 || now) - (f.t0 || now)) / 1000;
    const rate = elapsed > 0.05 ? f.bytes_read / elapsed : 0;
    changed.push({
      id: f.id, name: f.name, state: f.state, size: f.size, bytes_read: f.bytes_read,
      mb_per_s: rate / 1e6, eta_s: rate > 0 ? (f.size - f.bytes_read) / rate : -1,
      format_name: f.format_name || '', messages: f.messages || 0, error: f.error || '',
    });
  }
  postMessage({
    type: 'progress',
    running,
    example,
    wasm_heap_bytes: M.HEAPU8.buffer.byteLength,  // wasm memory never shrinks: also its peak
    engine_workers: 1 + parsers.filter((p) => p.ready).length,
    cost,
    reset: listReset,
    files: changed,
  });
  listReset = false;
}

let quiet = false;      // the page already shows what this load holds (its own saved report)
function postAggregate(final) {
  if (quiet) { postMessage({ type: 'aggregate', binary: null, example, final, seq: lastSeq }); return; }
  // The binary snapshot (export/aggregate_binary.h), handed over without a copy: the dashboard
  // reads it a slice per frame; the page asks the dashboard when someone wants the aggregate JSON
  // (window.mailflow.aggregate()).
  const started = performance.now();
  const at = M._mf_aggregate_binary();
  const binary = M.HEAPU8.slice(at, at + M._mf_aggregate_binary_size()).buffer;
  snapshotMs = performance.now() - started;
  cost.snapshot_ms += snapshotMs;
  cost.snapshots++;
  postMessage({ type: 'aggregate', binary, example, final, seq: lastSeq }, [binary]);
}

function maybePost(item) {
  const now = performance.now();
  if (now - lastProgress >= PROGRESS_EVERY_MS) {
    lastProgress = now;
    refresh(item);
    postProgress();
  }
  // A snapshot walks every message held for joins, so its cost grows with the file: wait at least
  // four times its cost, which keeps snapshots under a fifth of the ingest time however large.
  // None when the load's end, and its final snapshot, come sooner than the next would be due: it
  // would only delay them (a large aggregate's snapshot costs 100 ms here and as much in the page).
  const first = lastSnapshot === -Infinity;
  if (now - lastSnapshot >= Math.max(SNAPSHOT_EVERY_MS, 4 * snapshotMs) && (first || !endIsNear(item, now))) {
    lastSnapshot = now;
    postAggregate(false);
  }
}

// The load's files left to read take less than SNAPSHOT_EVERY_MS at the pace `item` was read.
function endIsNear(item, now) {
  const elapsed = now - item.t0;
  if (!(item.bytes_read > 0 && elapsed > 0)) return false;
  let left = item.size - item.bytes_read;
  for (const f of queue) left += f.size;
  return left * elapsed / item.bytes_read < SNAPSHOT_EVERY_MS;
}

// Slices are read by a helper worker: the browser hands a read's bytes over on the reading
// thread's event loop, and this thread's stays busy in the engine for each slice, so reads here
// would wait for it instead of going on in the background. The helper transfers each slice (no
// copy). Where it cannot run (no nested workers, or it failed) this thread reads them itself.
// A whole file or a file's first slice is one read (a small file read whole, not as a slice of
// it, costs about half: measured on 500 logs); a file's further slices come from one stream of the
// rest of the file (web/page/slice_reader.js): in a Chromium trace, reading a 317 MB file so kept
// the reading thread busy 70-210 ms, against 410-640 ms for 8 MB slices each read with
// arrayBuffer(), CPU that the engine lacks on a machine of two cores.
const READER_SOURCE = `const read = (${sliceReader})();
onmessage = (e) => read(e.data).then((r) => postMessage({ id: e.data.id, ...r }, r.data ? [r.data] : []));`;
let reader = null;
let readHere = typeof Worker !== 'function';
let readsHere = null;  // this thread's sliceReader(), once reads are made here
const pendingReads = new Map();  // request id -> {request, resolve}
let readSeq = 0;
let streamSeq = 0;
function startReader() {
  reader = new Worker(URL.createObjectURL(new Blob([READER_SOURCE], { type: 'text/javascript' })));
  reader.onmessage = (e) => {
    const pending = pendingReads.get(e.data.id);
    pendingReads.delete(e.data.id);
    pending.resolve(e.data);
  };
  reader.onerror = (e) => {
    e.preventDefault();  // handled here: not the page's "the ingest worker failed"
    readHere = true;
    for (const { request, resolve } of pendingReads.values()) readHereNow(request).then(resolve);
    pendingReads.clear();
  };
}
function readHereNow(request) {
  readsHere ||= sliceReader();
  return readsHere(request);
}

// The bytes of `file` from `start` to `end`: a promise of {data} or {error}, never rejected.
// `stream`: this slice follows the last one asked for with the same number (see sliceReader).
function readSlice(file, start, end, stream) {
  const request = { id: ++readSeq, file, start, end, stream };
  if (readHere) return readHereNow(request);
  if (!reader) startReader();
  return new Promise((resolve) => {
    pendingReads.set(request.id, { request, resolve });
    reader.postMessage(request);
  });
}

async function readOne(item, gen) {
  let unreadable = null;  // the browser's error, once it could not read the file further
  item.state = 'reading';
  item.t0 = performance.now();
  // The first slice is read once: it tells a saved report or an aggregate from a log, and is then
  // the log's first bytes (a small file is one read). It may already be asked for (run()).
  const waited = performance.now();
  const first = await firstSlice(item);
  cost.read_wait_ms += performance.now() - waited;
  const kind = first.data ? documentKind(first.data) : null;
  if (gen !== generation) return;
  if (kind) {
    await readDocument(item, kind, gen);
    item.t1 = performance.now();
    return;
  }
  if (item.sid === undefined) item.sid = addSource(item);
  const nextSlice = slicesAfter(item.file, first);
  let rangesAsked = false;
  while (item.bytes_read < item.size && item.state === 'reading') {
    // After the first slice, before reading ahead: a large file the parse workers can help with.
    if (item.bytes_read > 0 && !rangesAsked) {
      rangesAsked = true;
      const plan = rangeWorthy(item) ? bytesOut(M._mf_range_plan(item.sid)) : null;
      if (plan && plan.byteLength) {
        unreadable = await readInRanges(item, gen, plan);
        if (gen !== generation) return;
        break;
      }
    }
    const waited = performance.now();
    const { data, error } = await nextSlice();
    cost.read_wait_ms += performance.now() - waited;
    if (gen !== generation) return;
    if (cancelled.has(item.id)) {
      item.state = 'cancelled';
    } else if (error || !data.byteLength) {
      item.state = 'error';
      unreadable = error || 'it changed while it was read';
    } else {
      M.HEAPU8.set(new Uint8Array(data), buffer);  // M.HEAPU8, not a saved view: memory growth replaces it
      const fed = performance.now();
      M._mf_feed(item.sid, buffer, data.byteLength);
      cost.engine_ms += performance.now() - fed;
      item.bytes_read += data.byteLength;
      maybePost(item);
      await yieldToEvents();
    }
  }
  if (item.state === 'cancelled') {
    M._mf_cancel(item.sid);
  } else {
    const finishing = performance.now();  // a small log is parsed here, at its end
    // What was read is counted; a file read no further says why (refresh() takes the engine's text).
    if (unreadable) withStrings([unreadable], (p) => M._mf_finish_unreadable(item.sid, p));
    else M._mf_finish(item.sid);
    cost.engine_ms += performance.now() - finishing;
    if (item.state === 'reading') item.state = 'done';
  }
  item.t1 = performance.now();
  refresh(item);
  if (item.state === 'done' && item.error) item.state = 'error';
}

function addSource(item) { return withStrings([item.name], (p) => M._mf_add_source(p)); }

// ---- parse workers --------------------------------------------------------------------------------
// With several engine workers (one per core, at most four, or ?workers=N: app_glue.js),
// files are parsed by parse workers: further instances of this worker, each parsing one file at a
// time apart from the session (engine/ingest/detached_source.h). A parse worker reads its file
// itself and sends what needs the session's message table as events, a message per slice; this
// worker replays them into the session in file order, so the answer is the one it gives reading
// the files itself, while the parsing of the file (and of the next ones, one per parse worker)
// runs beside the counting. A parse worker may send PARSE_AHEAD messages that this worker has not
// replayed yet, then waits for credit: memory stays a few slices' events per parse worker.
// A file that the session must read itself (a saved report, a zip archive, Postfix and Sendmail
// logs) is handed back after its first slice and read here; so is every file while no parse worker
// is ready (they start once the first dashboard with data is drawn), and every small file.
const PARSE_AHEAD = 3;
let utcOffset = 0;
let workersWanted = 1;  // engine workers in all: this one and workersWanted - 1 parse workers
const parsers = [];     // {worker, ready, job}
const jobs = new Map(); // job id -> {parser, inbox: [messages not yet taken], waiter}
let jobSeq = 0;

// `url`: this worker's own source, as a Blob URL made here.
function startParsers(url) {
  if (typeof Worker !== 'function') return;
  while (parsers.length < workersWanted - 1) {
    const parser = { worker: null, ready: false, job: null, ranges: 0 };  // ranges: range jobs it has
    try {
      parser.worker = new Worker(url, { name: PARSE_WORKER_NAME });
    } catch (err) {
      return;  // no nested workers here: this worker reads every file
    }
    parser.worker.onmessage = (e) => onParsed(parser, e.data);
    parser.worker.onerror = (e) => {
      e.preventDefault();
      postMessage({ type: 'log', text: 'a parse worker failed: ' + (e.message || 'error') });
      parser.ready = false;  // never given another file; its current one ends with an error
      const failed = { failed: 'the parse worker stopped: ' + (e.message || 'error') };
      const job = parser.job && jobs.get(parser.job);
      if (job) deliverParsed(job, failed);
      for (const j of [...jobs.values()]) if (j.range && j.parser === parser) settleRange(j, failed);
    };
    parsers.push(parser);
  }
}

function onParsed(parser, msg) {
  if (msg.type === 'parser-ready') {
    parser.ready = true;
    if (warmExamples) parser.worker.postMessage({ type: 'warm', examples: warmExamples });
    postProgress();
    dispatchToParsers();
    return;
  }
  const job = jobs.get(msg.job);
  if (job && job.range) settleRange(job, msg);
  else if (job) deliverParsed(job, msg);
  if (msg.done || msg.local || msg.stopped || msg.failed || msg.unreadable) {
    if (parser.job === msg.job) parser.job = null;
    dispatchToParsers();
  }
}

function deliverParsed(job, msg) {
  job.inbox.push(msg);
  if (job.waiter) { const w = job.waiter; job.waiter = null; w(); }
}

async function nextParsed(job) {
  while (!job.inbox.length) await new Promise((resolve) => { job.waiter = resolve; });
  return job.inbox.shift();
}

// Gives the next large files of the queue to the parse workers that are ready and idle: a parse
// worker parses one while this worker counts it. Small files stay here: the round trip to a parse
// worker cost more than parsing one (a folder of 500 small logs loaded slower with one).
const SMALL_FILE = 4 << 20;
function dispatchToParsers() {
  if (example) return;
  dispatchRanges();
  for (const item of queue) {
    if (item.job || cancelled.has(item.id) || item.size < SMALL_FILE) continue;
    const parser = parsers.find((p) => p.ready && !p.job && !p.ranges);
    if (!parser) return;
    item.job = ++jobSeq;
    parser.job = item.job;
    jobs.set(item.job, { parser, inbox: [] });
    parser.worker.postMessage({ type: 'parse', job: item.job, file: item.file, utcOffset, ranges: rangeWorthy(item) });
  }
}

// The parse worker stops between two slices; whoever waits for the job's messages is told at once.
// It may be given the next file at once too: it starts a file after the previous one has stopped,
// and a load that came before its answer must not be read here for want of it.
function stopJob(id) {
  const job = jobs.get(id);
  if (!job) return;
  job.parser.worker.postMessage({ type: 'stop', job: id });
  if (job.range) return settleRange(job, { stopped: true });
  jobs.delete(id);
  if (job.parser.job === id) job.parser.job = null;
  deliverParsed(job, { stopped: true });
}

// `data` (an ArrayBuffer) copied into wasm memory for the length of `fn(pointer, size)`.
function withBytes(data, fn) {
  const p = M._malloc(Math.max(1, data.byteLength));
  M.HEAPU8.set(new Uint8Array(data), p);
  try { return fn(p, data.byteLength); } finally { M._free(p); }
}

// Counts a file that a parse worker parses, from its messages; a file it hands back is read here.
async function countParsed(item, gen) {
  const job = jobs.get(item.job);
  item.state = 'reading';
  item.t0 = performance.now();
  item.sid = addSource(item);
  let detached = false;
  for (;;) {
    const waited = performance.now();
    const msg = await nextParsed(job);
    cost.read_wait_ms += performance.now() - waited;
    if (gen !== generation) return;
    if (msg.local) {
      jobs.delete(item.job);
      await readOne(item, gen);
      return;
    }
    if (!detached) { M._mf_detach(item.sid); detached = true; }
    if (cancelled.has(item.id)) {
      stopJob(item.job);
      item.state = 'cancelled';
      M._mf_cancel(item.sid);
      break;
    }
    if (msg.failed || msg.stopped || msg.unreadable) {
      jobs.delete(item.job);
      item.state = 'error';
      const why = msg.unreadable || msg.failed || 'the parse worker stopped';
      withStrings([why], (p) => M._mf_finish_unreadable(item.sid, p));
      break;
    }
    const fed = performance.now();
    if (msg.events) withBytes(msg.events, (p, n) => M._mf_replay_detached(item.sid, p, n));
    withBytes(msg.progress, (p, n) => M._mf_show_detached_progress(item.sid, p, n));
    if (msg.state) withBytes(msg.state, (p, n) => M._mf_finish_detached(item.sid, p, n));
    cost.engine_ms += performance.now() - fed;
    item.bytes_read = msg.bytesRead;
    if (msg.done) {
      jobs.delete(item.job);
      if (item.state === 'reading') item.state = 'done';
      cost.parsed_apart++;
      break;
    }
    job.parser.worker.postMessage({ type: 'credit', job: item.job });
    maybePost(item);
    await yieldToEvents();
  }
  item.t1 = performance.now();
  refresh(item);
  if (item.state === 'done' && item.error) item.state = 'error';
}

// ---- one large file in ranges ------------------------------------------------------------------
// A large file whose format cuts at records (a mailflow CSV, an Extended report: the engine's
// range_plan) is cut by offsets into ranges of RANGE bytes after its first slice
// (engine/ingest/detached_range.h). This worker reads the nearest ranges itself and the parse
// workers parse the farthest ones within RANGE_WINDOW of it; it takes theirs over in file order
// (replaying their events into the session), so the file's reading is shared whichever side is
// faster (a CSV's counting costs about what its parsing does; an Extended report's, a tenth). A
// cut may fall inside a quoted field: the engine then refuses the range, which is read here.
// Memory stays a window of ranges' events however large the file.
const RANGE = CHUNK;
const RANGE_WINDOW = 4;
let ranged = null;  // {item, list, next, plan}: the file being read in ranges

// From two parse workers on. With one (two cores) a file parsed apart whole by it while this worker
// counts loaded faster: the two cores are the browser's too, and ranges cost it more reads
// (docs/profile-wasm.md "One large file in ranges across the page's workers").
const MIN_RANGE_PARSERS = 2;
function rangeWorthy(item) {
  return parsers.filter((p) => p.ready).length >= MIN_RANGE_PARSERS &&
    item.size - Math.min(item.size, FIRST_SLICE) >= 2 * RANGE;
}

async function readInRanges(item, gen, plan) {
  const list = [];
  for (let start = item.bytes_read; start < item.size; start += RANGE)
    list.push({ start, cut: Math.min(item.size, start + RANGE), state: 'new', result: null, wake: null, piece: null });
  ranged = { item, list, next: 0, plan };
  try {
    for (let k = 0; k < list.length && item.state === 'reading'; k++) {
      ranged.next = k;
      dispatchRanges();
      // The next range this worker reads itself is asked for a range ahead: a read of 8 MB takes
      // tens of ms, which the parse workers' ranges taken over meanwhile do not.
      const own = list.slice(k + 1, k + 3);
      if (!own.some((r) => r.state === 'here')) {
        const next = own.find((r) => r.state === 'new');
        if (next) {
          next.state = 'here';
          next.piece = rangePiece(item.file, next);
        }
      }
      const range = list[k];
      if (range.state === 'parsing') {
        const waited = performance.now();
        await new Promise((resolve) => { range.wake = resolve; });
        cost.read_wait_ms += performance.now() - waited;
      }
      if (gen !== generation) return;
      if (cancelled.has(item.id)) { item.state = 'cancelled'; break; }
      if (range.state === 'done' && takeOver(item, range.result)) {
        cost.ranges_taken_over++;
      } else {
        if (range.state === 'done') cost.ranges_refused++;
        range.state = 'here';
        const read = await readRangeHere(item, gen, range);
        if (gen !== generation) return;
        if (read.error) {
          item.state = 'error';
          return read.error;
        }
        cost.ranges_read_here++;
      }
      range.result = null;  // its events: memory for the next ranges
      maybePost(item);
      await yieldToEvents();
    }
  } finally {
    for (const [id, job] of jobs) if (job.range && job.item === item) stopJob(id);
    ranged = null;
  }
  return null;
}

// Replays a range a parse worker parsed: false when the engine refuses it (its cut fell inside a
// record, or the parse worker failed), and the range is then read here.
function takeOver(item, result) {
  if (!result || !result.done) return false;
  const fed = performance.now();
  const ok = withBytes(result.outcome, (o, on) => withBytes(result.events || new ArrayBuffer(0),
    (e, en) => M._mf_take_over_range(item.sid, o, on, e, en)));
  cost.engine_ms += performance.now() - fed;
  if (ok) item.bytes_read = M._mf_bytes_read(item.sid);
  return !!ok;
}

// A range's bytes and the little after its cut that its last line most likely ends in, read
// at once (a slice of the file): one read a range, which a worker may ask for before it parses it.
function rangePiece(file, range) {
  return readSlice(file, range.start, Math.min(file.size, range.cut + RANGE_TAIL), ++streamSeq);
}

// Feeds the session the bytes from where it stands to the end of `range` (just past the first
// line break at or after its cut). {error} when the file could not be read.
async function readRangeHere(item, gen, range) {
  withBytes(ranged.plan, (p, n) => M._mf_range_end_new(p, n, item.bytes_read, range.cut));
  if (M._mf_range_end_found()) return {};  // an empty range: a line crosses its whole span
  let slice = range.piece || rangePiece(item.file, range);
  let sliceStart = range.start;
  range.piece = null;
  for (;;) {
    const waited = performance.now();
    const { data, error } = await slice;
    cost.read_wait_ms += performance.now() - waited;
    if (gen !== generation) return {};
    if (error || !data.byteLength) return { error: error || 'it changed while it was read' };
    const bytes = new Uint8Array(data, item.bytes_read - sliceStart);  // from where the session stands
    M.HEAPU8.set(bytes, buffer);
    const fed = performance.now();
    const taken = M._mf_range_end_take(buffer, bytes.byteLength);
    M._mf_feed(item.sid, buffer, taken);
    cost.engine_ms += performance.now() - fed;
    item.bytes_read += taken;
    if (M._mf_range_end_found() || item.bytes_read >= item.size) return {};
    sliceStart = item.bytes_read;  // a line longer than the tail read: read on
    slice = readSlice(item.file, sliceStart, Math.min(item.size, sliceStart + RANGE_TAIL), ++streamSeq);
  }
}

// Gives the parse workers the farthest ranges not yet taken within the window ahead of this
// worker, RANGES_PER_PARSER each (a parse worker reads the next while it parses one): this worker
// reads the nearest ones itself meanwhile.
const RANGES_PER_PARSER = 2;
function dispatchRanges() {
  if (!ranged) return;
  const { item, list, next, plan } = ranged;
  for (const parser of parsers) {
    while (parser.ready && !parser.job && parser.ranges < RANGES_PER_PARSER) {
      let k = Math.min(list.length - 1, next + RANGE_WINDOW);
      while (k > next && list[k].state !== 'new') k--;
      if (k <= next) return;
      const range = list[k];
      range.state = 'parsing';
      const id = ++jobSeq;
      parser.ranges++;
      jobs.set(id, { parser, range, item });
      parser.worker.postMessage({ type: 'range', job: id, file: item.file, plan, start: range.start, cut: range.cut, utcOffset });
    }
  }
}

function settleRange(job, msg) {
  if (!(msg.done || msg.stopped || msg.failed || msg.unreadable)) return;
  for (const [id, j] of jobs) if (j === job) jobs.delete(id);
  job.parser.ranges--;
  const range = job.range;
  range.state = msg.done ? 'done' : 'failed';  // a failed range is read here
  range.result = msg.done ? msg : null;
  if (range.wake) { const w = range.wake; range.wake = null; w(); }
}

// In a parse worker: one range of a file (its bytes asked for when the range came, `piece`), read
// until the engine has found its end; its events and outcome are sent at once when it is parsed.
// Ranges queue up behind the job being parsed; a stop skips a queued one.
const stoppedRanges = new Set();
async function parseRange({ job: id, file, plan, start, cut, utcOffset: offset }, piece) {
  const post = (msg, transfer = []) => postMessage({ type: 'parsed', job: id, ...msg }, transfer);
  if (stoppedRanges.delete(id)) return post({ stopped: true });
  const job = { id, credits: 0, stopped: false, wake: null };
  parseJob = job;
  const planned = withBytes(plan, (p, n) => withStrings([file.name], (s) => M._mf_range_new(s, offset | 0, p, n, start, cut)));
  if (!planned) return post({ failed: 'the range could not be planned' });
  for (let at = start; at < file.size;) {
    const { data, error } = await piece;
    if (job.stopped) return post({ stopped: true });
    if (error || !data.byteLength) return post({ unreadable: error || 'it changed while it was read' });
    M.HEAPU8.set(new Uint8Array(data), buffer);
    const more = M._mf_range_feed(buffer, data.byteLength);
    at += data.byteLength;
    if (!more || at >= file.size) break;
    piece = readSlice(file, at, Math.min(file.size, at + RANGE_TAIL));  // a line longer than the tail read
  }
  M._mf_range_finish();
  const events = bytesOut(M._mf_range_events());
  const outcome = bytesOut(M._mf_range_outcome());
  post({ done: true, events, outcome }, [events, outcome]);
}

// In a parse worker: one file at a time; a new file waits for the previous one to stop.
let parseJob = null;
let parseChain = Promise.resolve();
function bytesOut(ptr) { return M.HEAPU8.slice(ptr, ptr + M._mf_detached_size()).buffer; }

async function parseFile({ job: id, file, utcOffset: offset, ranges }) {
  const job = { id, credits: PARSE_AHEAD, stopped: false, wake: null };
  parseJob = job;
  const wait = () => new Promise((resolve) => { job.wake = resolve; });
  const post = (msg, transfer = []) => postMessage({ type: 'parsed', job: id, ...msg }, transfer);
  const size = file.size;
  const first = await readSlice(file, 0, Math.min(size, FIRST_SLICE));
  if (job.stopped) return post({ stopped: true });
  if (first.data && documentKind(first.data)) return post({ local: true });
  withStrings([file.name], (p) => M._mf_detached_new(p, offset | 0));
  const nextSlice = slicesAfter(file, first);
  let bytesRead = 0;
  while (bytesRead < size) {
    const { data, error } = await nextSlice();
    if (job.stopped) return post({ stopped: true });
    if (error || !data.byteLength) return post({ unreadable: error || 'it changed while it was read' });
    M.HEAPU8.set(new Uint8Array(data), buffer);
    M._mf_detached_feed(buffer, data.byteLength);
    bytesRead += data.byteLength;
    const fit = M._mf_detached_fit();
    if (fit === 0) return post({ local: true });
    // A file better read in ranges goes back after its first slice: the ingest worker reads it so.
    if (ranges && M._mf_detached_cuts()) return post({ local: true });
    if (M._mf_detached_stopped()) break;
    if (bytesRead >= size) break;  // the last slice goes with the end
    if (fit < 0) continue;  // nothing is sent before the file is known to be parsed here
    const ev = bytesOut(M._mf_detached_events());
    const progress = bytesOut(M._mf_detached_progress());
    while (job.credits === 0 && !job.stopped) await wait();
    if (job.stopped) return post({ stopped: true });
    job.credits--;
    post({ events: ev.byteLength ? ev : null, progress, bytesRead }, ev.byteLength ? [ev, progress] : [progress]);
  }
  M._mf_detached_finish();
  if (M._mf_detached_fit() === 0) return post({ local: true });
  const ev = bytesOut(M._mf_detached_events());
  const progress = bytesOut(M._mf_detached_progress());
  const state = bytesOut(M._mf_detached_state());
  post({ events: ev.byteLength ? ev : null, progress, state, bytesRead, done: true },
    ev.byteLength ? [ev, progress, state] : [progress, state]);
}

let parsesPending = 0;
function onParseMessage(msg) {
  if (msg.type === 'parse' || msg.type === 'range') {
    let parse;
    if (msg.type === 'range') {
      const piece = rangePiece(msg.file, msg);
      parse = () => parseRange(msg, piece);
    } else {
      if (parseJob) { parseJob.stopped = true; if (parseJob.wake) parseJob.wake(); }
      parse = () => parseFile(msg);
    }
    parsesPending++;
    parseChain = parseChain.then(parse).catch((err) =>
      postMessage({ type: 'parsed', job: msg.job, failed: 'the parse worker failed: ' + ((err && err.message) || err) }))
      .finally(() => parsesPending--);
  } else if (msg.type === 'stop' && !(parseJob && parseJob.id === msg.job)) {
    stoppedRanges.add(msg.job);  // a range still queued, or one already done (then never looked up)
  } else if (parseJob && parseJob.id === msg.job) {
    if (msg.type === 'stop') parseJob.stopped = true;
    else if (msg.type === 'credit') parseJob.credits++;
    if (parseJob.wake) { const w = parseJob.wake; parseJob.wake = null; w(); }
  }
}

// The slices of `file` in order, from its `first` (already read), READ_AHEAD of them asked for
// ahead of the one taken: each call gives the next, {data} or {error}. Reading ahead begins with the
// second call: a parse worker learns from the first slice whether it parses the file (a Postfix log
// is handed back), and reading ahead what the ingest worker then reads again took a core.
function slicesAfter(file, first) {
  const ahead = file.size ? [Promise.resolve(first)] : [];
  let asked = Math.min(file.size, FIRST_SLICE);
  let firstTaken = false;
  const stream = ++streamSeq;
  return () => {
    while (firstTaken && ahead.length < READ_AHEAD && asked < file.size) {
      const end = Math.min(file.size, asked + CHUNK);
      ahead.push(readSlice(file, asked, end, stream));
      asked = end;
    }
    firstTaken = true;
    return ahead.shift();
  };
}

function firstSlice(item) {
  if (!item.first) item.first = readSlice(item.file, 0, Math.min(item.size, FIRST_SLICE));
  return item.first;
}

async function run() {
  running = true;
  cost = newCost();
  lastProgress = lastSnapshot = -Infinity;  // the dashboard shows a new load's first data at once
  while (queue.length || moreComing) {
    if (!queue.length) {  // one run, one final snapshot, for a load sent in parts
      await new Promise((resolve) => { loadArrived = resolve; });
      continue;
    }
    const gen = generation;
    dispatchToParsers();
    const item = queue.shift();
    if (cancelled.has(item.id)) {
      item.state = 'cancelled';
      if (item.job) stopJob(item.job);
      continue;
    }
    // The next files' first slices are read while this one is parsed: a folder of small logs
    // waits for no read of its own.
    for (const next of queue.slice(0, READ_AHEAD)) if (!next.job) firstSlice(next);
    if (item.job) await countParsed(item, gen);
    else await readOne(item, gen);
    if (gen !== generation) continue;
    // As while a file is read: a folder of 500 small logs is not 500 snapshots.
    maybePost(item);
  }
  running = false;
  // The aggregate first: the page reads it while it takes in the progress that follows, and its
  // next frame shows both (each frame is tens of ms where the browser draws without a GPU).
  postAggregate(true);
  postProgress();
}

// ---- warming up ---------------------------------------------------------------------------------
// While the page waits for files, each engine worker reads the page's bundled examples in a session
// of its own, dropped at once, and starts its slice reader: V8 runs wasm in a baseline tier until
// a function has run a while, and a user's first large file, read cold, took 6-16% longer than
// the next (the first slices most: the reader worker's start, then each function's first runs).
// Between two files it lets messages in; a file to read or parse stops it.
const WARM_PASSES = 2;
let warmExamples = null;  // [{name, gz}] from the page, handed on to parse workers
async function warmUp() {
  const busy = () => running || queue.length > 0 || parsesPending > 0;
  if (!reader && !readHere && typeof Worker === 'function') startReader();
  const started = performance.now();
  const unpacked = [];  // each example decompressed once, for every pass
  let files = 0;
  for (let pass = 0; pass < WARM_PASSES && !busy(); pass++) {
    for (const [i, { name, gz }] of warmExamples.entries()) {
      const bytes = unpacked[i] ||= await gunzip(base64Bytes(gz));
      if (busy()) break;
      withBytes(bytes, (p, n) => withStrings([name], (s) => M._mf_warm_up(s, p, n)));
      files++;
    }
  }
  // The page's stats() say what the ingest worker read (its parse workers' are their own).
  if (!isParseWorker) postMessage({ type: 'warmed', files, ms: performance.now() - started });
}

onmessage = async (e) => {
  const msg = e.data;
  await moduleReady;
  if (msg.type === 'warm') {
    warmExamples = msg.examples;
    for (const parser of parsers) if (parser.ready) parser.worker.postMessage(msg);
    warmUp();
    return;
  }
  if (msg.type === 'parse' || msg.type === 'range' || msg.type === 'credit' || msg.type === 'stop') {
    onParseMessage(msg);
  } else if (msg.type === 'workers') {
    workersWanted = Math.max(1, Math.min(8, msg.workers | 0));
    if (msg.source) startParsers(URL.createObjectURL(new Blob([msg.source], { type: 'text/javascript' })));
  } else if (msg.type === 'load') {
    if (msg.reset) {
      generation++;
      utcOffset = msg.utcOffset | 0;
      M._mf_session_new(utcOffset);
      files = [];
      listReset = true;
      queue = [];
      cancelled.clear();
      for (const id of [...jobs.keys()]) stopJob(id);
    }
    example = !!msg.example;
    quiet = !!msg.quiet;
    lastSeq = msg.seq;
    moreComing = !!msg.more;
    for (const { id, file } of msg.files) {
      const item = { id, file, name: file.name, size: file.size, state: 'queued', bytes_read: 0, applyState: !!msg.applyState };
      files.push(item);
      queue.push(item);
    }
    // The loop first: it is running from its first line on, so the progress says so (the dashboard
    // paces its frames while a load runs).
    if (!running) run();
    else if (loadArrived) { loadArrived(); loadArrived = null; }
    postProgress();
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
