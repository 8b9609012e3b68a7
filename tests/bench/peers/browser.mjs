// What the bench's browser runs share: Debian's Chromium through playwright-core, the renderer's
// peak memory from /proc, and a probe of how long the page's main thread was blocked.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const chromiumPath = process.env.MAILFLOW_CHROMIUM || '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  // More switches for an experiment, such as V8's own logs: MAILFLOW_CHROMIUM_ARGS='--js-flags=...'.
  ...(process.env.MAILFLOW_CHROMIUM_ARGS || '').split(' ').filter(Boolean)];

export { chromiumPath };

// A fresh browser per run, so the renderer's peak memory is this run's.
export async function withBrowser(fn) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try { return await fn(browser); } finally { await browser.close(); }
}

function descendants(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  const out = [], todo = [pid];
  while (todo.length) { const p = todo.pop(); for (const c of children.get(p) || []) { out.push(c); todo.push(c); } }
  return out;
}

// The renderer's peak RSS (VmHWM): the page, its workers and their wasm memory. playwright-core
// starts Chromium as a child of this process, and one browser runs at a time.
export function rendererPeakBytes() {
  let peak = null;
  for (const p of descendants(process.pid)) {
    try {
      if (!fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) peak = Math.max(peak ?? 0, Number(m[1]) * 1024);
    } catch { /* gone */ }
  }
  return peak;
}

// CPU seconds (user + system, from /proc) of the browser's processes so far, by what they do for
// a page: its engine workers (every Worker thread of the renderer), its main thread, the
// renderer's thread pool (V8's background compiling and garbage collecting), the GPU process
// (without a GPU: SwiftShader drawing and the compositor) and the browser process (reading files).
// Threads are told apart by their names (Chromium's: DedicatedWorker, ThreadPoolForeg, ...).
export function browserCpuByRole() {
  const ticksPerSecond = 100;  // USER_HZ on Linux
  const cpu = { workers: 0, pageThread: 0, rendererPool: 0, gpuProcess: 0, browserProcess: 0, other: 0 };
  for (const p of descendants(process.pid)) {
    let type;
    try {
      const cmdline = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (!/chrom/.test(cmdline)) continue;
      type = (/--type=([a-z-]+)/.exec(cmdline) || [null, 'browser'])[1];
    } catch { continue; }
    let tasks = [];
    try { tasks = fs.readdirSync(`/proc/${p}/task`); } catch { continue; }
    for (const t of tasks) {
      try {
        const stat = fs.readFileSync(`/proc/${p}/task/${t}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
        const role = type === 'renderer'
          ? (name === 'DedicatedWorker' ? 'workers' : Number(t) === p ? 'pageThread' : name.startsWith('ThreadPool') ? 'rendererPool' : 'other')
          : type === 'gpu-process' ? 'gpuProcess' : type === 'browser' ? 'browserProcess' : 'other';
        cpu[role] += seconds;
      } catch { /* gone */ }
    }
  }
  return cpu;
}

// How long the main thread was blocked from now until blockedStretch() is read: the longest
// 'longtask' entry (tasks over 50 ms; 0 when there was none) and, as a cross-check, the longest
// gap between two turns of a setTimeout(0) chain (which a blocked thread delays).
export async function startBlockProbe(page) {
  await page.evaluate(() => {
    const probe = { longestTaskMs: 0, longTasks: 0, longestGapMs: 0, running: true };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) { probe.longTasks++; probe.longestTaskMs = Math.max(probe.longestTaskMs, e.duration); }
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      probe.longestGapMs = Math.max(probe.longestGapMs, now - last);
      last = now;
      if (probe.running) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    window.__blockProbe = probe;
  });
}
export async function blockedStretch(page) {
  return page.evaluate(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));  // the last gap is counted
    const probe = window.__blockProbe;
    probe.running = false;
    return { longestTaskMs: probe.longestTaskMs, longTasks: probe.longTasks, longestGapMs: probe.longestGapMs };
  });
}

// The longest stretch of the page's own JavaScript and wasm: every animation-frame callback (the
// dashboard's frames), timer callback and Worker or MessagePort message handler is timed. The
// 'longtask' entries above also hold the browser's own work of a frame: without a GPU, Chromium
// reads every WebGL frame back for its software compositor (GLES2::ReadPixels in a trace), which
// grows with the canvas and with what else runs on the machine's cores. Installed before the
// page's scripts run (context.addInitScript); ownLongest() reads and resets it.
export function ownCodeProbe() {
  const probe = { longestMs: 0 };
  const timed = (fn) => function (...args) {
    const t0 = performance.now();
    try { return fn.apply(this, args); } finally { probe.longestMs = Math.max(probe.longestMs, performance.now() - t0); }
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf(timed(cb));
  const timeout = window.setTimeout.bind(window);
  window.setTimeout = (cb, ...rest) => timeout(typeof cb === 'function' ? timed(cb) : cb, ...rest);
  // Worker messages, and MessageChannel messages (the dashboard reads a snapshot step by step).
  for (const Target of [Worker, MessagePort]) {
    const onmessage = Object.getOwnPropertyDescriptor(Target.prototype, 'onmessage');
    Object.defineProperty(Target.prototype, 'onmessage', {
      get() { return onmessage.get.call(this); },
      set(fn) { onmessage.set.call(this, typeof fn === 'function' ? timed(fn) : fn); },
    });
  }
  window.__ownCodeProbe = probe;
}
export async function ownLongest(page) {
  return page.evaluate(() => { const ms = window.__ownCodeProbe.longestMs; window.__ownCodeProbe.longestMs = 0; return ms; });
}

// Our page from `pagePath` in a context of its own (the bench's viewport, ownCodeProbe installed),
// with `workers` engine workers (?workers=N), ready and its workers started, so that a load given
// now is timed alone; `watch(page)` runs before the page opens (to listen to its errors).
export async function openOurPage(browser, pagePath, workers, watch = () => {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(ownCodeProbe);
  const page = await context.newPage();
  watch(page);
  await page.goto(pathToFileURL(pagePath).href + `?workers=${workers}`);
  await page.evaluate(() => window.mailflow.ready);
  await page.waitForFunction((n) => window.mailflow.stats().engine_workers === n, workers);
  return page;
}

// Our page (opened from `pageUrl` with ownCodeProbe installed) loads `files` through its file
// input: the time from the input's change event to window.mailflow.idle(), what the page's stats
// say of the ingest, the CPU the browser spent meanwhile (browserCpuByRole), the main thread's
// longest blocked stretch and the page's own longest stretch.
export async function pageIngest(page, files) {
  await page.evaluate(() => window.addEventListener('change', () => { window.__benchT0 = performance.now(); }, true));
  await startBlockProbe(page);
  await ownLongest(page);
  const cpuBefore = browserCpuByRole();
  await page.setInputFiles('#mf-file', files);
  const r = await page.evaluate(async () => {
    await window.mailflow.idle();
    return { ms: performance.now() - window.__benchT0, stats: window.mailflow.stats() };
  });
  const cpuAfter = browserCpuByRole();
  const cpu = Object.fromEntries(Object.entries(cpuAfter).map(([role, seconds]) => [role, seconds - cpuBefore[role]]));
  const blocked = await blockedStretch(page);
  return { seconds: r.ms / 1000, stats: r.stats, cpu, ownLongestMs: await ownLongest(page), ...blocked };
}

