// Two or more builds of the page, each loading the same file in turn (a benchmark, never a test):
// where scripts/bench measures the tools side by side, this compares page builds of one change
// (copy build/wasm/web/mailflow.html aside before the change, then build again), so that a machine
// that slows down or speeds up during the runs favours none of them. Prints each load's seconds and
// the CPU seconds of the browser's processes by role (browser.mjs: browserCpuByRole), then each
// page's medians. With --trace, the first page's first load is traced instead of timed
// (Chromium's trace, written to the file given) and the busy time of each thread is printed: the
// sum of its tasks, the figures of docs/profile-wasm.md "The page's reads and the warm-up".
//
// usage: node tests/bench/peers/page_ab.mjs FILE --runs N --workers N [--wait-warm-up MS]
//          [--trace OUT.json] PAGE.html [PAGE.html ...]
//   --wait-warm-up MS: load once the engine workers have warmed up on the examples and MS more
//   have passed (a user's drop comes seconds after the page opens); by default at once, as the
//   bench does.
//   MAILFLOW_TRACE_CATEGORIES=devtools.timeline,gpu,...: more of Chromium's trace categories (the
//   frames' tasks and what they wait for); MAILFLOW_CHROMIUM_ARGS: more switches (browser.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { withBrowser, openOurPage, pageIngest } from './browser.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : args.splice(at, 2)[1];
};
const runs = Number(option('--runs', '5'));
const workers = Number(option('--workers', '2'));
const waitWarmUp = option('--wait-warm-up', null);
const trace = option('--trace', null);
const [file, ...pages] = args.map((a) => path.resolve(a));
if (!file || !pages.length) {
  process.stderr.write('usage: node tests/bench/peers/page_ab.mjs FILE --runs N --workers N [--wait-warm-up MS] [--trace OUT.json] PAGE.html...\n');
  process.exit(2);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function load(pagePath, traceTo) {
  return withBrowser(async (browser) => {
    const page = await openOurPage(browser, pagePath, workers);
    if (waitWarmUp !== null) {
      await page.waitForFunction(() => window.mailflow.stats().warm_up);
      await page.waitForTimeout(Number(waitWarmUp));
    }
    if (traceTo) {
      await browser.startTracing(page, { path: traceTo, categories: ['toplevel', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', ...(process.env.MAILFLOW_TRACE_CATEGORIES || '').split(',').filter(Boolean)] });
    }
    const { seconds, cpu, longestTaskMs } = await pageIngest(page, [file]);
    if (traceTo) await browser.stopTracing();
    return { seconds, cpu, longestTaskMs };
  });
}

// Busy time of each thread in a trace (the sum of its top-level tasks), and V8's top-tier compiling.
function busyThreads(traceFile) {
  const events = JSON.parse(fs.readFileSync(traceFile, 'utf8')).traceEvents;
  const named = (kind) => new Map(events.filter((e) => e.ph === 'M' && e.name === kind).map((e) => [kind === 'process_name' ? e.pid : `${e.pid}/${e.tid}`, e.args.name]));
  const processes = named('process_name');
  const threads = named('thread_name');
  const busy = new Map();
  let topTierMs = 0;
  for (const e of events) {
    if (e.ph !== 'X') continue;
    if (e.name === 'wasm.TopTierCompilation') topTierMs += e.dur / 1000;
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'ThreadPool_RunTask') continue;
    const key = `${processes.get(e.pid) || e.pid} / ${threads.get(`${e.pid}/${e.tid}`) || '?'} ${e.tid}`;
    busy.set(key, (busy.get(key) || 0) + e.dur / 1000);
  }
  for (const [key, ms] of [...busy].sort((a, b) => b[1] - a[1]).filter(([, ms]) => ms >= 5)) {
    console.log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);
  }
  console.log(`${topTierMs.toFixed(0).padStart(7)} ms  of it V8 compiling wasm to its top tier`);
}

if (trace) {
  const { seconds } = await load(pages[0], trace);
  console.log(`${path.basename(pages[0])}: ${seconds.toFixed(3)} s traced into ${trace}`);
  busyThreads(trace);
} else {
  const seen = new Map(pages.map((p) => [p, []]));
  for (let run = 0; run < runs; run++) {
    for (const pagePath of pages) {
      const r = await load(pagePath);
      seen.get(pagePath).push(r);
      const cpu = Object.entries(r.cpu).map(([role, s]) => `${role} ${s.toFixed(2)}`).join(', ');
      console.log(`${pagePath}: ${r.seconds.toFixed(3)} s; CPU s: ${cpu}; longest task ${r.longestTaskMs.toFixed(0)} ms`);
    }
  }
  for (const [pagePath, rs] of seen) {
    console.log(`median of ${rs.length}: ${pagePath}: ${median(rs.map((r) => r.seconds)).toFixed(3)} s; ` +
      `engine workers ${median(rs.map((r) => r.cpu.workers)).toFixed(2)} CPU s, GPU process ${median(rs.map((r) => r.cpu.gpuProcess)).toFixed(2)}, ` +
      `browser process ${median(rs.map((r) => r.cpu.browserProcess)).toFixed(2)}`);
  }
}
