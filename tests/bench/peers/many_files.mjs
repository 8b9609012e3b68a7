// Many small files (scripts/bench --size many): a folder of 500 Exchange logs (250 message tracking
// logs and 250 SMTP protocol logs, the examples' shapes with their ids made unique per file)
// against the same rows in two files (one tracking log, one protocol log), in the shell and in the
// page, in one run. The difference over the 498 extra files is the per-file overhead (issue 15:
// at most 2 ms). Writes docs/benchmarks-many.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withBrowser, openOurPage, pageIngest } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const shellPath = path.resolve(process.env.MAILFLOW_SHELL || path.join(root, 'build/native/shell/mailflow'));
const pagePath = path.resolve(process.env.MAILFLOW_PAGE || path.join(root, 'build/wasm/web/mailflow.html'));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const log = (t) => process.stderr.write(t + '\n');

// ---- the files ----------------------------------------------------------------------------------
const FILES = 500;
const manyDir = path.join(root, 'build/bench/many');
const joinedDir = path.join(root, 'build/bench/many-joined');
function split(text) {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.length);
  return { header: lines.filter((l) => l.startsWith('#')), rows: lines.filter((l) => !l.startsWith('#')) };
}
// Message ids, internal ids and SMTP session ids made unique per file, so each file holds its own
// messages (joined only with its own protocol log's sessions, as on a real server).
function unique(row, i) {
  return row.replace(/<([0-9a-f]+)@/g, `<$1x${i}@`).replace(/,(21990232\d+),/g, (m, id) => `,${BigInt(id) + BigInt(i) * 1000000n},`)
    .replace(/,([0-9A-F]{16}),/g, (m, id) => `,${id.slice(0, 12)}${(i & 0xffff).toString(16).padStart(4, '0').toUpperCase()},`);
}
function generate() {
  const marker = path.join(manyDir, '.complete');
  if (fs.existsSync(marker)) return;
  fs.rmSync(manyDir, { recursive: true, force: true });
  fs.rmSync(joinedDir, { recursive: true, force: true });
  fs.mkdirSync(manyDir, { recursive: true });
  fs.mkdirSync(joinedDir, { recursive: true });
  const tracking = split(fs.readFileSync(path.join(root, 'examples/MSGTRK20261102-1.LOG'), 'utf8'));
  const receive = split(fs.readFileSync(path.join(root, 'examples/RECV20261102-1.LOG'), 'utf8'));
  const joined = { tracking: [], receive: [] };
  for (let i = 0; i < FILES / 2; i++) {
    const t = tracking.rows.map((r) => unique(r, i));
    const r = receive.rows.map((x) => unique(x, i));
    fs.writeFileSync(path.join(manyDir, `MSGTRK-${i}.LOG`), [...tracking.header, ...t].join('\r\n') + '\r\n');
    fs.writeFileSync(path.join(manyDir, `RECV-${i}.LOG`), [...receive.header, ...r].join('\r\n') + '\r\n');
    joined.tracking.push(...t);
    joined.receive.push(...r);
  }
  fs.writeFileSync(path.join(joinedDir, 'MSGTRK-all.LOG'), [...tracking.header, ...joined.tracking].join('\r\n') + '\r\n');
  fs.writeFileSync(path.join(joinedDir, 'RECV-all.LOG'), [...receive.header, ...joined.receive].join('\r\n') + '\r\n');
  fs.writeFileSync(marker, '');
}
const filesOf = (dir) => fs.readdirSync(dir).filter((n) => !n.startsWith('.')).sort().map((n) => path.join(dir, n));
const bytesOf = (files) => files.reduce((n, f) => n + fs.statSync(f).size, 0);

// ---- the runs -----------------------------------------------------------------------------------
function shellRun(files) {
  const t0 = process.hrtime.bigint();
  const out = execFileSync(shellPath, ['aggregate', ...files], { maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, messages: JSON.parse(out).rows.reduce((n, r) => n + r.messages, 0) };
}
// `workers`: the page's engine workers (?workers=N), started before the files are given.
const pageRun = (workers) => (files) => withBrowser(async (browser) => {
    const page = await openOurPage(browser, pagePath, workers);
    const { stats, ...r } = await pageIngest(page, files);
    const messages = await page.evaluate(() => window.mailflow.aggregate().rows.reduce((n, r) => n + r.messages, 0));
    return { ...r, messages, snapshots: stats.ingest.snapshots };
  });
async function measure(label, n, once) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    samples.push(await once());
    log(`  ${label} run ${i + 1}/${n}: ${samples.at(-1).seconds.toFixed(3)} s`);
  }
  const m = { ...samples[0], seconds: median(samples.map((s) => s.seconds)) };
  if (samples.some((s) => s.messages !== m.messages)) throw new Error(`${label}: runs disagree`);
  return m;
}

generate();
const many = filesOf(manyDir), joined = filesOf(joinedDir);
const rows = [];
// The page with one engine worker and with one per core (its default, at most four).
const cores = os.cpus().length;
for (const [tool, available, run] of [['mailflow shell (aggregate)', fs.existsSync(shellPath), shellRun],
  ['mailflow page (change to idle(), one engine worker)', fs.existsSync(pagePath), pageRun(1)],
  ...(cores > 1 ? [[`mailflow page (change to idle(), ${cores} engine workers)`, fs.existsSync(pagePath), pageRun(cores)]] : [])]) {
  if (!available) { log(`${tool}: not built, left out`); continue; }
  const a = await measure(`${tool}, ${many.length} files`, runs, () => run(many));
  const b = await measure(`${tool}, ${joined.length} files`, runs, () => run(joined));
  const check = a.messages === b.messages ? 'ok' : `differ: ${a.messages} vs ${b.messages}`;
  rows.push({ tool, a, b, check, perFileMs: ((a.seconds - b.seconds) * 1000) / (many.length - joined.length) });
}
const ms = (x) => (x == null ? '–' : `${Math.round(x)} ms`);
const mbps = (s, files) => (bytesOf(files) / 1e6 / s).toFixed(1);
const lines = rows.map((r) => [r.tool, `${r.a.seconds.toFixed(3)} s (${mbps(r.a.seconds, many)} MB/s)`,
  `${r.b.seconds.toFixed(3)} s (${mbps(r.b.seconds, joined)} MB/s)`, `${(r.a.seconds / r.b.seconds).toFixed(2)}×`,
  `${r.perFileMs.toFixed(2)} ms`, r.a.snapshots != null ? `${r.a.snapshots} / ${r.b.snapshots}` : '–',
  r.a.longestTaskMs != null ? `${ms(r.a.longestTaskMs)} / ${ms(r.a.ownLongestMs)}` : '–', r.check]);
const header = ['tool', `${many.length} files`, `${joined.length} files, same rows`, 'ratio', 'per extra file', 'snapshots', 'longest block (task / own)', 'check'];
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const table = [header, widths.map((w) => '-'.repeat(w)), ...lines].map((l) => l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
const doc = `# Benchmark: many small files

Written by \`scripts/bench --size many --runs ${runs}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; a benchmark, not a test.

${many.length} Exchange logs (${(bytesOf(many) / 1e6).toFixed(1)} MB: ${many.length / 2} message tracking logs and ${many.length / 2} SMTP
receive protocol logs, the examples' shapes with ids unique per file) against the same rows in ${joined.length} files. Every
figure is the median of ${runs} runs. **per extra file** = (time of ${many.length} files − time of ${joined.length}) / ${many.length - joined.length}.
**snapshots**: the aggregates the page's ingest worker handed to the dashboard. **longest block**: the page's
longest \`longtask\` / the longest stretch of its own code (see benchmarks-small.md). **check**: the same messages
either way.

\`\`\`
${table}
\`\`\`
`;
console.log(table);
fs.writeFileSync(path.join(root, 'docs/benchmarks-many.md'), doc);
log('written: docs/benchmarks-many.md');
