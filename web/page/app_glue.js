// mailflow page glue: starts the ingest worker (from a Blob URL: a file:// page may not load
// worker scripts) and the dashboard module, hands files to the worker (drop anywhere, folders
// included, or the file picker / Ctrl+O), forwards progress and aggregates to the dashboard, and
// exposes the read-only window.mailflow API:
//   ready       promise, resolved once the first dashboard frame with the loaded data is drawn
//   idle()      promise, resolved when no ingest is running
//   aggregate() the loaded data, schema mailflow.aggregate.v1 (sources included), as an object
//   view()      what is on screen: view name, range, connector, figures, insights (filled by the app)
//   stats()     what the page holds and what the latest ingest cost: the wasm memory of the ingest
//               worker and of the dashboard (wasm memory never shrinks: also the peaks), and the
//               ingest's ms waiting for reads, in the engine and in snapshots (reported with progress),
//               and the engine workers ready (the ingest worker and its parse workers); warm_up:
//               the example files the ingest worker read to warm its engine up, and in how many ms
//               (null until it is done: worker_glue.js)
// It also leaves User Timing marks: 'mailflow:first-frame' and 'mailflow:ready' (the data drawn).
// Everything stays in this page: no request is made, nothing is uploaded.
//
// Sharing: the page keeps its own HTML as it arrived (captured here, before anything changes the
// DOM), which the dashboard's Save report (Ctrl+S) turns into a saved report file; a page that
// carries a saved report (the element #mailflow-report after the report marker) opens on it, in
// the view it was saved in, instead of the example data. Files are downloads from Blob URLs.
/* global MF_WORKER_SOURCE, MF_EXAMPLES, MF_EXAMPLES_AGGREGATE, MF_FONT, MF_FONT_ATLASES, MF_APP_WASM, MailflowAppModule,
   base64Bytes, gunzipStream, gunzip */
(function () {
  'use strict';
  // This script is the first code that runs and the last element the parser has read before it:
  // the document is still exactly what the file holds.
  const pageHtml = '<!doctype html>\n' + document.documentElement.outerHTML + '\n';
  const embeddedReport = document.getElementById('mailflow-report') !== null;
  const $ = (id) => document.getElementById(id);
  const canvas = $('mf-canvas');
  const input = $('mf-file');
  const drop = $('mf-drop');
  const summary = $('mf-summary');

  let app = null;                 // the dashboard module once running
  let worker = null;
  let hasAggregate = false;       // the dashboard was given data (the worker's, the example's or a saved report's)
  let pendingAggregate = null;    // arrived before the app was ready
  let pendingProgress = [];       // progress messages (each the files that changed) before the app ran
  let pendingReport;              // undefined: nothing to tell the app; null: no report; {...}: one
  let pendingState = null;        // the view a saved report was saved in
  let viewText = '{}';
  let showingExample = true;
  let ingestRunning = false;
  let loadSeq = 0;                // load messages posted
  let unposted = [];              // load messages not yet posted in full (postUnposted)
  let examplesUnpacking = 0;      // loadExamples() calls still unpacking (an ingest about to start)
  let exampleSeq = 0;             // bumped by each loadExamples() and by user files: the latest wins
  let loadsDone = 0;              // the newest load message the worker has finished
  let dataShown = false;          // the app has the first complete aggregate
  let awaitingFrame = false;      // data was handed to the app and not yet drawn
  let idleWaiters = [];
  let ingestWasmBytes = 0;        // the worker's wasm memory, as its latest progress message said
  let engineWorkers = 1;          // the ingest worker and its parse workers that are ready
  let ingestCost = null;          // where its latest ingest's time went (worker_glue.js, newCost)
  let warmUp = null;              // {files, ms}: the ingest worker's warm-up, once done
  let nextFileId = 1;
  let resolveReady;
  let readyMarked = false;
  const ready = new Promise((resolve) => { resolveReady = resolve; });

  // ---- helpers ------------------------------------------------------------------------------------
  function fatal(message) {
    const el = $('mf-fatal');
    el.textContent = message;
    el.hidden = false;
    $('mf-loading').hidden = true;
  }
  function withString(text, fn) {
    const n = app.lengthBytesUTF8(text) + 1;
    const p = app._malloc(n);
    app.stringToUTF8(text, p, n);
    try { return fn(p); } finally { app._free(p); }
  }
  function wake() { if (app) app._mf_app_wake(); }
  function checkIdle() {
    if (ingestRunning || loadsDone < loadSeq || unposted.length || awaitingFrame || examplesUnpacking) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  // ---- the dashboard's calls (window.mailflowHost, used by web/platform/platform.cpp) -----------
  const host = {
    font: null,
    fontAtlases: new Map(),  // device pixel ratio -> the atlas the page's build made for it
    language: null,
    lastCopied: '',
    framesDrawn: 0,
    openFiles() { input.value = ''; input.click(); },
    cancelFile(id) { if (worker) worker.postMessage({ type: 'cancel', id }); },
    loadExample() { loadExamples(); },
    clearFiles() { loadExamples(); },
    setLanguage(lang) {
      document.documentElement.lang = lang;
      $('mf-drop-text').textContent = lang === 'de' ? 'Mail-Flow-Exporte hier ablegen' : 'Drop mail flow exports here';
    },
    setView(json) { viewText = json; },
    pageHtml() { return pageHtml; },
    lastDownload: null,
    download(name, blob) {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      host.lastDownload = { name, type: blob.type, size: blob.size };
    },
    setSummary(text) { summary.textContent = text; },
    firstFrame() {
      $('mf-loading').hidden = true;
      performance.mark('mailflow:first-frame');
      setTimeout(startWorker, 0);
    },
    frameDrawn() {
      host.framesDrawn++;
      // A snapshot is read a slice per frame: it is shown once the dashboard has read all of it.
      awaitingFrame = !!app && app._mf_app_loading() !== 0;
      if (dataShown && !awaitingFrame && !readyMarked) {
        readyMarked = true;
        performance.mark('mailflow:ready');
        resolveReady();
        startParseWorkers();
      }
      checkIdle();
    },
  };
  Object.defineProperty(globalThis, 'mailflowHost', { value: host, writable: false, configurable: false });

  // ---- the public, read-only API ----------------------------------------------------------------
  const api = Object.freeze({
    ready,
    idle() { return new Promise((resolve) => { idleWaiters.push(resolve); checkIdle(); }); },
    // The dashboard holds the data (the worker sends it packed); null until it has some.
    aggregate() { return hasAggregate && app && !pendingAggregate ? JSON.parse(app.UTF8ToString(app._mf_app_aggregate_json())) : null; },
    view() { return JSON.parse(viewText); },
    stats() {
      return {
        ingest_wasm_bytes: ingestWasmBytes,
        engine_workers: engineWorkers,
        dashboard_wasm_bytes: app ? app.HEAPU8.buffer.byteLength : 0,
        ingest: ingestCost && { ...ingestCost },
        warm_up: warmUp && { ...warmUp },
      };
    },
    get example() { return showingExample; },
  });
  Object.defineProperty(window, 'mailflow', { value: api, writable: false, configurable: false, enumerable: true });

  // A small hook for the browser tests and for scripting the page: navigate as the keyboard and
  // links do ({"page":"connectors","view":"tls-usage","connector":"...","flyout":true,...}).
  Object.defineProperty(window, 'mailflowTest', {
    value: Object.freeze({
      command(cmd) { if (app) withString(JSON.stringify(cmd), (p) => app._mf_app_command(p)); },
      wake,
    }),
    writable: false, configurable: false,
  });

  // ---- the ingest worker ------------------------------------------------------------------------
  // Engine workers in all (the ingest worker and its parse workers, web/page/worker_glue.js), or
  // ?workers=N in the page's address: one per core, at most four (parse workers take files of 4 MB
  // and more; on two cores a second engine worker measured 2-31% faster on an Extended report and
  // -16% to +8% on a mailflow CSV: README "Where we stand").
  const workers = Number(new URLSearchParams(location.search).get('workers')) || Math.min(navigator.hardwareConcurrency || 1, 4);
  // Started when first needed, or right after the first frame: compiling its wasm would otherwise
  // compete with the dashboard's start for the CPU.
  function startWorker() {
    if (worker) return;
    const url = URL.createObjectURL(new Blob([MF_WORKER_SOURCE], { type: 'text/javascript' }));
    worker = new Worker(url);
    worker.onmessage = (e) => onWorkerMessage(e.data);
    worker.onerror = (e) => { fatal('The ingest worker failed: ' + (e.message || e)); };
    startParseWorkers();
  }
  // Once the first dashboard with data is drawn: compiling their wasm would slow the page's start
  // (and a saved report's opening) on a machine of few cores. A worker may not start a worker from
  // the page's Blob URL (another opaque origin): the ingest worker gets the source.
  let parseWorkersAsked = false;
  const WARM_AFTER_MS = 1500;
  let warmTimer = 0;
  function startParseWorkers() {
    if (!worker || !readyMarked || parseWorkersAsked) return;
    parseWorkersAsked = true;
    worker.postMessage({ type: 'workers', workers, source: workers > 1 ? MF_WORKER_SOURCE : '' });
    // The engine workers warm up on the examples while nobody has dropped a file (worker_glue.js),
    // once the page has waited WARM_AFTER_MS for one: V8 then compiles what every format ran to its
    // top tier, CPU that a file given at once needs (V8's threads 0.20-0.44 CPU s of such a load
    // against 0.15-0.25 with the wait, 12 loads each).
    const warm = () => worker.postMessage({ type: 'warm', examples: MF_EXAMPLES });
    if (MF_EXAMPLES.length) warmTimer = setTimeout(warm, WARM_AFTER_MS);
  }

  // The dashboard reads a snapshot a few milliseconds at a time, between frames and events. The
  // steps follow each other through a MessageChannel: a chain of setTimeout(0) waits at least 4 ms
  // a link from the fifth on (HTML's nesting clamp), half of each 8 ms step again.
  let pumping = false;
  const pumpChannel = new MessageChannel();
  function pumpStep() {
    if (app._mf_app_load_step()) pumpChannel.port2.postMessage(0);
    else pumping = false;
  }
  pumpChannel.port1.onmessage = pumpStep;
  // The first step at once: a snapshot read in one step is shown by the next frame.
  function pumpLoading() {
    if (pumping) return;
    pumping = true;
    pumpStep();
  }
  // The worker's snapshots come binary (msg.binary), the example's ready-made aggregate as JSON.
  function deliverAggregate(msg) {
    if (!app) { pendingAggregate = msg; return; }
    if (msg.binary) {
      const bytes = new Uint8Array(msg.binary);
      const p = app._malloc(Math.max(1, bytes.length));
      app.HEAPU8.set(bytes, p);
      try { if (app._mf_app_load_binary(p, bytes.length, msg.example ? 1 : 0)) pumpLoading(); } finally { app._free(p); }
    } else {
      withString(msg.json, (p) => app._mf_app_load_aggregate(p, msg.example ? 1 : 0));
    }
    hasAggregate = true;
    awaitingFrame = true;
    if (msg.final) dataShown = true;
  }
  function deliverProgress(json) {
    if (!app) { pendingProgress.push(json); return; }
    withString(json, (p) => app._mf_app_set_progress(p));
  }

  function deliverReport(info) {
    if (!app) { pendingReport = info; return; }
    withString(info ? JSON.stringify(info) : '', (p) => app._mf_app_set_report(p));
  }
  function deliverState(state) {
    if (!app) { pendingState = state; return; }
    withString(JSON.stringify(state), (p) => app._mf_app_command(p));
  }

  function onWorkerMessage(msg) {
    if (msg.type === 'report') {
      const { saved_at, generator, remote_hosts } = msg.info;
      deliverReport({ saved_at, generator, remote_hosts });
      if (msg.applyState && msg.info.state) deliverState(msg.info.state);
    } else if (msg.type === 'progress') {
      ingestRunning = msg.running;
      ingestWasmBytes = msg.wasm_heap_bytes;
      engineWorkers = msg.engine_workers;
      ingestCost = msg.cost;
      deliverProgress(JSON.stringify(msg));
      checkIdle();  // the load's last progress comes after its aggregate
    } else if (msg.type === 'aggregate' && msg.binary === null) {
      if (msg.final) { loadsDone = Math.max(loadsDone, msg.seq); checkIdle(); }  // a quiet load: nothing new to show
    } else if (msg.type === 'aggregate') {
      deliverAggregate(msg);
      if (msg.final) {
        loadsDone = Math.max(loadsDone, msg.seq);
        checkIdle();
      }
    } else if (msg.type === 'warmed') {
      warmUp = { files: msg.files, ms: msg.ms };
    } else if (msg.type === 'log') {
      console.warn('mailflow worker:', msg.text);
    }
  }

  function postLoad(files, reset, example, applyState = false, quiet = false) {
    const entries = files.map((file) => ({ id: nextFileId++, file }));
    ingestRunning = true;
    if (reset && !quiet) deliverReport(null);  // what follows decides whether a saved report is shown
    startWorker();
    clearTimeout(warmTimer);  // the files warm the engine up
    if (reset) unposted = [];  // the worker drops what came before a reset: no need to send it
    unposted.push({ type: 'load', seq: ++loadSeq, reset, example, applyState, quiet, utcOffset: 0, files: entries });
    postUnposted();
  }

  // Cloning a File into a message costs a synchronous stat of the file when the page has not asked
  // its size (0.18 ms a file here): a folder of 500 logs in one message blocked the page for 90 ms.
  // The files go a few at a time, at most POST_SLICE_MS of posting per task, in order; the parts
  // after a load's first add to it (reset false), and the worker waits for them while `more` says
  // some are coming (one run, one final snapshot).
  const POST_SLICE_MS = 8;
  const FILES_PER_POST = 8;
  let postScheduled = false;
  const postChannel = new MessageChannel();
  postChannel.port1.onmessage = () => { postScheduled = false; postUnposted(); };
  function postUnposted() {
    const started = performance.now();
    while (unposted.length && (performance.now() - started < POST_SLICE_MS)) {
      const load = unposted[0];
      const part = load.files.splice(0, FILES_PER_POST);
      worker.postMessage({ ...load, files: part, more: load.files.length > 0 });
      load.reset = false;
      load.applyState = false;
      if (!load.files.length) unposted.shift();
    }
    if (unposted.length && !postScheduled) {
      postScheduled = true;
      postChannel.port2.postMessage(0);
    }
    checkIdle();
  }

  // The saved report this page carries: the dashboard reads it straight from the page as soon as
  // it runs, and the worker reads it too, quietly, so that logs dropped later merge with it. If the
  // dashboard cannot read it, the worker loads it openly and the Sources panel says why.
  const embeddedFile = () => new File([pageHtml], 'saved report.html', { type: 'text/html' });
  function loadEmbeddedReport() {
    showingExample = false;
    postLoad([embeddedFile()], true, false, false, true);
  }
  function openEmbeddedReport() {
    if (withString(pageHtml, (p) => app._mf_app_open_report(p))) {
      hasAggregate = true;
      awaitingFrame = true;
      dataShown = true;
    } else {
      postLoad([embeddedFile()], true, false, true);
    }
  }

  // Files given while the examples are unpacked replace them: the examples are then not loaded.
  async function loadExamples() {
    showingExample = true;
    const seq = ++exampleSeq;
    examplesUnpacking++;
    try {
      const files = [];
      for (const ex of MF_EXAMPLES) {
        const bytes = await gunzip(base64Bytes(ex.gz));
        files.push(new File([bytes], ex.name, { type: 'text/csv' }));
      }
      if (seq === exampleSeq) postLoad(files, true, true);
    } finally {
      examplesUnpacking--;
      checkIdle();
    }
  }

  function loadUserFiles(files) {
    files = files.filter((f) => f && !f.name.startsWith('.'));
    if (!files.length) return;
    const reset = showingExample;  // the first user files replace the example; later ones add up
    showingExample = false;
    exampleSeq++;  // an example still being unpacked is not loaded after them
    postLoad(files, reset, false);  // the dashboard changes when the worker's progress comes
  }

  // ---- file picker, Ctrl+O, drop anywhere (files and folders) ------------------------------------
  input.addEventListener('change', () => {
    loadUserFiles(Array.from(input.files || []));
  });
  window.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'o' || e.key === 'O')) {
      e.preventDefault();
      e.stopImmediatePropagation();
      host.openFiles();
    } else if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();  // not the browser's "Save page as": the report file instead
      e.stopImmediatePropagation();
      if (app) withString('{"dialog":"save"}', (p) => app._mf_app_command(p));
    }
  }, true);

  function hasFiles(e) {
    const types = e.dataTransfer && e.dataTransfer.types;
    return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
  }
  let dragDepth = 0;
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth++;
    drop.hidden = false;
  });
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    drop.hidden = false;
  });
  window.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0 || e.relatedTarget === null) drop.hidden = true;
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    dragDepth = 0;
    drop.hidden = true;
    filesFromDataTransfer(e.dataTransfer).then(loadUserFiles, (err) => console.warn('mailflow: drop', err));
  });

  // Entries must be taken synchronously in the drop event; folders are then walked asynchronously.
  function filesFromDataTransfer(dt) {
    const entries = [];
    const plain = [];
    const items = dt.items ? Array.from(dt.items) : [];
    for (const item of items) {
      if (item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      if (entry) entries.push(entry);
      else plain.push(item.getAsFile());
    }
    if (!items.length && dt.files) plain.push(...Array.from(dt.files));
    return Promise.all(entries.map(walkEntry)).then((lists) => plain.concat(...lists));
  }
  function walkEntry(entry) {
    if (entry.isFile) return new Promise((resolve, reject) => entry.file((f) => resolve([f]), reject));
    if (!entry.isDirectory) return Promise.resolve([]);
    const reader = entry.createReader();
    const all = [];
    return new Promise((resolve, reject) => {
      const next = () => reader.readEntries((batch) => {
        if (!batch.length) {
          Promise.all(all.map(walkEntry)).then((lists) => resolve([].concat(...lists)), reject);
          return;
        }
        all.push(...batch);
        next();  // readEntries returns at most 100 entries per call
      }, reject);
      next();
    });
  }

  // ---- input wakes the dashboard (it draws only on input or data, plus a few frames after) -------
  for (const type of ['pointermove', 'pointerdown', 'pointerup', 'wheel', 'keydown', 'keyup', 'focus', 'blur', 'resize']) {
    window.addEventListener(type, wake, { passive: true, capture: true });
  }
  // Emscripten's GLFW takes a touch as a press where the pointer last was (it reads no position
  // from touch events); the mouse events the browser makes of a tap carry the right one. So the
  // canvas sees no touch events (they never scrolled or zoomed it either: see page.css).
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
    window.addEventListener(type, (e) => { if (e.target === canvas) e.stopPropagation(); }, { capture: true });
  }
  document.addEventListener('visibilitychange', wake);
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData && e.clipboardData.getData('text/plain');
    if (app && text) withString(text, (p) => app._mf_app_paste(p));
  });
  if (window.matchMedia) {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      if (app) app._mf_app_system_theme_changed();
    });
  }
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    fatal('The graphics context was lost. Reload the page to continue (your files stay on this computer).');
  });

  // ---- start ------------------------------------------------------------------------------------
  async function start() {
    if (typeof WebAssembly !== 'object') { fatal('This browser has no WebAssembly.'); return; }
    try {
      // The app's code is compiled as it is decompressed, beside the font and the examples.
      const appCode = WebAssembly.compileStreaming(new Response(gunzipStream(base64Bytes(MF_APP_WASM)),
        { headers: { 'Content-Type': 'application/wasm' } }));
      // The font, and its atlas for this screen's pixel ratio (the others, for a window moved to
      // another screen or a zoom, once the dashboard is up).
      const unpackAtlas = async ({ scale, gz }) => host.fontAtlases.set(scale, await gunzip(base64Bytes(gz)));
      const atlasNow = (atlas) => atlas.scale === window.devicePixelRatio;
      const fontReady = Promise.all([MF_FONT && gunzip(base64Bytes(MF_FONT)).then((bytes) => { host.font = bytes; }),
        ...MF_FONT_ATLASES.filter(atlasNow).map(unpackAtlas)]);
      // The example dashboard comes ready-made with the page (build_page.mjs, as a snapshot's
      // binary image): the first frame shows it, and the worker starts idle. Its aggregate is
      // decompressed before the app starts: the app's first frame (and the worker started after
      // it) would otherwise hold it up.
      let examplesAggregate = null;
      if (embeddedReport) loadEmbeddedReport();
      else if (MF_EXAMPLES_AGGREGATE) examplesAggregate = gunzip(base64Bytes(MF_EXAMPLES_AGGREGATE));
      else loadExamples();
      [, examplesAggregate] = await Promise.all([fontReady, examplesAggregate]);
      const module = await MailflowAppModule({
        canvas,
        instantiateWasm(imports, receive) {
          appCode.then((code) => WebAssembly.instantiate(code, imports).then((instance) => receive(instance, code)))
            .catch((err) => fatal('mailflow could not start: ' + (err && err.message ? err.message : err)));
          return {};  // emscripten: the exports come later, through receive
        },
        print: (t) => console.log(t),
        printErr: (t) => console.warn(t),
      });
      app = module;
      canvas.focus();
      if (embeddedReport) openEmbeddedReport();
      if (examplesAggregate) deliverAggregate({ binary: examplesAggregate, example: true, final: true });
      if (pendingReport !== undefined) { deliverReport(pendingReport); pendingReport = undefined; }
      if (pendingState) { deliverState(pendingState); pendingState = null; }
      pendingProgress.splice(0).forEach(deliverProgress);
      if (pendingAggregate) { deliverAggregate(pendingAggregate); pendingAggregate = null; }
      wake();
      setTimeout(() => MF_FONT_ATLASES.filter((atlas) => !atlasNow(atlas)).forEach(unpackAtlas), 2000);
    } catch (err) {
      fatal('mailflow could not start: ' + (err && err.message ? err.message : err));
      throw err;
    }
  }
  start();
})();
