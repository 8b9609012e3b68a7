// A local http server for the DuckDB-Wasm bench page only (DuckDB-Wasm loads its worker and .wasm
// by URL; mailflow's own page is still opened from file://). Serves the given folders under their
// prefixes and the given pages, read-only, on 127.0.0.1 and a free port.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

// folders: { '/duckdb/': '/abs/dist', ... }; pages: { '/bench.html': '<!doctype html>...' }
export async function startStaticServer({ folders, pages }) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (pages[url] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(pages[url]);
      return;
    }
    const prefix = Object.keys(folders).find((p) => url.startsWith(p));
    const file = prefix && path.join(folders[prefix], url.slice(prefix.length));
    if (!file || !file.startsWith(folders[prefix]) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
