// Inlines everything into ONE self-contained page that works from file:// with no network:
// the template, the CSS, the dashboard module (emscripten -sSINGLE_FILE output, wasm inside), the
// ingest worker's source as a string (started from a Blob URL), the UI font (subset) and every
// bundled example export (gzip + base64; the page unpacks them with DecompressionStream).
//
// The examples' aggregate is made here too, by the engine itself (the wasm shell under node, given
// with --shell), so that the page opens on the example dashboard at once, without waiting for its
// ingest worker to start and read them; the worker reads the examples again only when asked. It
// goes into the page as the binary image of the worker's snapshots (--examples-binary), which the
// dashboard reads without a JSON parser. The font's atlas is made here too, for the common device
// pixel ratios (--bake-font-atlas, web/tools/bake_font_atlas.cpp), so that the page does not
// rasterise its font as it starts.
//
//   node build_page.mjs --page-dir web/page --worker mailflow_worker.js --app mailflow_app.js
//                       --examples examples --shell mailflow.js --examples-binary examples_binary.js
//                       --font DejaVuSans.ttf --bake-font-atlas bake_font_atlas.js --out mailflow.html
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { subsetFont, uiCodepoints } from './font_subset.mjs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const required of ['page-dir', 'worker', 'app', 'out']) {
  if (!args[required]) { console.error(`build_page: --${required} is required`); process.exit(2); }
}
if (args.shell && !args['examples-binary']) { console.error('build_page: --shell needs --examples-binary'); process.exit(2); }
const read = (p) => fs.readFileSync(p, 'utf8');
const gzip64 = (bytes) => zlib.gzipSync(bytes, { level: 9 }).toString('base64');
// A JS string literal safe inside <script>: JSON escapes quotes and controls; "<" never appears raw.
const jsString = (text) => JSON.stringify(text).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
// Inline script code must not contain "</script" or "<!--" (the HTML parser would end or bend it).
function inlineScript(code, what) {
  // A saved report is found by its elements right after the page's report marker; no script may
  // spell them out (engine/export/report_html.h).
  if (code.includes('<script type="application/json" id="mailflow-report">') || code.includes('id="mailflow-aggregate">')) {
    throw new Error(`build_page: ${what} spells out the saved-report element; reword it`);
  }
  if (/<\/script|<!--/i.test(code)) {
    code = code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
    console.warn(`build_page: escaped </script or <!-- in ${what}`);
  }
  return code;
}

// emscripten's -sSINGLE_FILE output keeps the wasm as a data: URI and, in 3.1.6, tries fetch() on
// it first, which the page's CSP (default-src 'none') refuses with a console error. So the wasm is
// taken out here, gzipped (about 40% of its base64 size) and handed to the module as wasmBinary:
// no fetch at all, and a smaller page.
function splitWasm(js, what) {
  const re = /wasmBinaryFile="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
  const m = js.match(re);
  if (!m) throw new Error(`build_page: no inline wasm found in ${what} (was it linked with -sSINGLE_FILE=1?)`);
  return { js: js.replace(re, () => 'wasmBinaryFile="mailflow.wasm"'), wasm: Buffer.from(m[1], 'base64') };
}

const pageDir = args['page-dir'];
const workerModule = splitWasm(read(args.worker), args.worker);
const appModule = splitWasm(read(args.app), args.app);
const workerSource = `const MF_WORKER_WASM = ${JSON.stringify(gzip64(workerModule.wasm))};\n` +
                     workerModule.js + '\n' + read(path.join(pageDir, 'slice_reader.js')) + '\n' +
                     read(path.join(pageDir, 'unpack.js')) + '\n' + read(path.join(pageDir, 'worker_glue.js'));

const examples = [];
const examplePaths = [];
if (args.examples && fs.existsSync(args.examples)) {
  for (const name of fs.readdirSync(args.examples).sort()) {
    const full = path.join(args.examples, name);
    if (name.startsWith('.') || /\.(md|mjs|json)$/i.test(name) || !fs.statSync(full).isFile()) continue;
    examples.push({ name, gz: gzip64(fs.readFileSync(full)) });
    examplePaths.push(full);
  }
}
// The same files, in the same order, through the same engine as the page's worker would read them.
function examplesImage() {
  const json = `${args.out}.examples.json`, image = `${args.out}.examples.bin`;
  fs.writeFileSync(json, execFileSync(process.execPath, [args.shell, 'aggregate', ...examplePaths],
                                      { maxBuffer: 64 << 20 }));
  execFileSync(process.execPath, ['--no-experimental-fetch', args['examples-binary'], json, image], { stdio: 'inherit' });
  const bytes = fs.readFileSync(image);
  fs.rmSync(json);
  fs.rmSync(image);
  return bytes;
}
const examplesAggregate = args.shell && examplePaths.length ? gzip64(examplesImage()) : '';

let font = '';
const fontAtlases = [];
if (args.font && fs.existsSync(args.font)) {
  try {
    const subset = subsetFont(new Uint8Array(fs.readFileSync(args.font)), uiCodepoints());
    font = gzip64(subset);
    if (args['bake-font-atlas']) fontAtlases.push(...bakeFontAtlases(subset));
  } catch (err) {
    console.warn(`build_page: font left out (${err.message}); the page uses Dear ImGui's built-in font`);
  }
}
// Desktop screens at 100%, 125% and 150% and high-density screens; any other ratio is built by
// the page as it starts (20-40 ms).
function bakeFontAtlases(ttf) {
  const scales = [1, 1.25, 1.5, 2];
  const dir = fs.mkdtempSync(`${args.out}.atlas-`);
  try {
    fs.writeFileSync(path.join(dir, 'font.ttf'), ttf);
    const outputs = scales.flatMap((scale) => [String(scale), path.join(dir, `${scale}.bin`)]);
    execFileSync(process.execPath, ['--no-experimental-fetch', args['bake-font-atlas'], path.join(dir, 'font.ttf'), ...outputs],
                 { stdio: 'inherit' });
    return scales.map((scale) => ({ scale, gz: gzip64(fs.readFileSync(path.join(dir, `${scale}.bin`))) }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const data = [
  `const MF_WORKER_SOURCE = ${jsString(workerSource)};`,
  `const MF_EXAMPLES = ${JSON.stringify(examples)};`,
  `const MF_EXAMPLES_AGGREGATE = ${JSON.stringify(examplesAggregate)};`,
  `const MF_FONT = ${JSON.stringify(font)};`,
  `const MF_FONT_ATLASES = ${JSON.stringify(fontAtlases)};`,
  `const MF_APP_WASM = ${JSON.stringify(gzip64(appModule.wasm))};`,
].join('\n');

const version = (() => {
  try { return read(path.join(pageDir, '..', '..', 'CMakeLists.txt')).match(/VERSION\s+([0-9.]+)/)[1]; } catch { return ''; }
})();
// Replacement functions, so "$" in the inlined code is never taken as a replacement pattern.
const html = read(path.join(pageDir, 'template.html'))
  .replace('@MF_VERSION@', () => version)
  .replace('@MF_CSS@', () => read(path.join(pageDir, 'page.css')))
  .replace('@MF_DATA@', () => data)
  .replace('@MF_APP_MODULE@', () => inlineScript(appModule.js, 'the app module'))
  .replace('@MF_APP_GLUE@', () => inlineScript(read(path.join(pageDir, 'unpack.js')) + '\n' +
                                              read(path.join(pageDir, 'app_glue.js')), 'app_glue.js'));

fs.mkdirSync(path.dirname(args.out), { recursive: true });
fs.writeFileSync(args.out, html);
const kb = (n) => (n / 1024).toFixed(0) + ' KB';
console.log(`build_page: ${args.out} ${kb(html.length)} (app wasm ${kb(appModule.wasm.length)}, worker ${kb(workerSource.length)}, ` +
            `font ${kb(font.length)}, its atlases ${kb(fontAtlases.reduce((n, a) => n + a.gz.length, 0))}, ${examples.length} examples ${kb(examples.reduce((n, e) => n + e.gz.length, 0))})`);
