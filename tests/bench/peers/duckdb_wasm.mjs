// DuckDB-Wasm (@duckdb/duckdb-wasm) in the same Chromium: the bench page is served by a local http
// server (DuckDB-Wasm loads its worker and .wasm by URL), the file is registered with
// registerFileHandle (read by DuckDB's worker with FileReaderSync, never copied whole) and the
// aggregation of duckdb_queries.mjs runs on it (its statements in order, the last one's rows). Uses
// the bundles DuckDB picks on a page that is not cross-origin isolated (as on plain static hosting):
// eh, else mvp; no threads.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static_server.mjs';
import { aggregateStatements } from './duckdb_queries.mjs';
import { rendererPeakBytes, startBlockProbe, blockedStretch } from './browser.mjs';

const modules = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules');
const dist = path.join(modules, '@duckdb/duckdb-wasm/dist');
const packageDir = (name) => path.join(modules, name);
export const duckdbWasmVersion = JSON.parse(fs.readFileSync(path.join(modules, '@duckdb/duckdb-wasm/package.json'), 'utf8')).version;

const BENCH_PAGE = `<!doctype html>
<script type="importmap">{"imports": {"apache-arrow": "/arrow/Arrow.dom.mjs", "flatbuffers": "/flatbuffers/mjs/flatbuffers.js", "tslib": "/tslib/tslib.es6.mjs"}}</script>
<link rel=icon href="data:,">
<input type=file id=f>
<script type="module">
import * as duckdb from '/duckdb/duckdb-browser.mjs';
window.duckdbBench = {
  // Loading the library and instantiating the database: its start-up, from navigation start.
  async start() {
    const bundle = await duckdb.selectBundle({
      mvp: { mainModule: '/duckdb/duckdb-mvp.wasm', mainWorker: '/duckdb/duckdb-browser-mvp.worker.js' },
      eh: { mainModule: '/duckdb/duckdb-eh.wasm', mainWorker: '/duckdb/duckdb-browser-eh.worker.js' },
    });
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker));
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    this.conn = await db.connect();
    this.db = db;
    return { startupMs: performance.now(), version: await db.getVersion(), module: bundle.mainModule };
  },
  async run(statements) {
    const file = document.getElementById('f').files[0];
    const t0 = performance.now();
    await this.db.registerFileHandle('input.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    for (const sql of statements.slice(0, -1)) await this.conn.query(sql);
    const table = await this.conn.query(statements.at(-1));
    const ms = performance.now() - t0;
    const rows = table.toArray().map((r) => { const o = r.toJSON(); return { direction: o.direction, messages: Number(o.messages), bytes: Number(o.bytes) }; });
    return { ms, rows };
  },
};
window.dispatchEvent(new Event('duckdb-bench-ready'));
</script>`;

export async function startDuckdbWasmServer() {
  return startStaticServer({
    folders: { '/duckdb/': dist, '/arrow/': packageDir('apache-arrow'), '/flatbuffers/': packageDir('flatbuffers'), '/tslib/': packageDir('tslib') },
    pages: { '/bench.html': BENCH_PAGE },
  });
}

// What a user's browser downloads: the library, its worker, the wasm and Apache Arrow (minified).
export function duckdbWasmAppBytes(module) {
  const name = path.basename(module);
  const worker = name === 'duckdb-eh.wasm' ? 'duckdb-browser-eh.worker.js' : 'duckdb-browser-mvp.worker.js';
  return [path.join(dist, name), path.join(dist, worker), path.join(dist, 'duckdb-browser.mjs'),
    path.join(packageDir('apache-arrow'), 'Arrow.es2015.min.js')].reduce((n, f) => n + fs.statSync(f).size, 0);
}

export async function duckdbWasmRun(browser, origin, file, kind) {
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/bench.html`);
  await page.waitForFunction(() => window.duckdbBench);
  const started = await page.evaluate(() => window.duckdbBench.start());
  await page.setInputFiles('#f', file);
  await startBlockProbe(page);
  const r = await page.evaluate((statements) => window.duckdbBench.run(statements), aggregateStatements(kind, 'input.csv'));
  const blocked = await blockedStretch(page);
  if (errors.length) throw new Error(`DuckDB-Wasm page errors: ${errors.join('; ')}`);
  return { seconds: r.ms / 1000, rssBytes: rendererPeakBytes(), rows: r.rows, startupMs: started.startupMs,
    version: started.version, appBytes: duckdbWasmAppBytes(started.module), ...blocked };
}
