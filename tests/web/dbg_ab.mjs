import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '/work/main/tests/web/harness.mjs';
const dir = process.env.DIR || '/work/main/build/bench/many';
const pages = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((n) => !n.startsWith('.')).sort().map((n) => path.join(dir, n));
const browser = await launch();
const res = Object.fromEntries(pages.map((p) => [p, []]));
for (let run = 0; run < Number(process.env.RUNS || 5); run++) for (const p of pages) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(p).href + (process.env.Q || '?workers=1'));
  await page.evaluate(() => window.mailflow.ready);
  await page.evaluate(() => window.addEventListener('change', () => { window.__t0 = performance.now(); }, true));
  await page.setInputFiles('#mf-file', files);
  const r = await page.evaluate(async () => { await window.mailflow.idle(); return { ms: performance.now() - window.__t0, stats: window.mailflow.stats() }; });
  res[p].push(r.ms);
  await context.close();
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
for (const p of pages) console.log(path.basename(p), 'median', med(res[p]).toFixed(0), res[p].map((x) => x.toFixed(0)).join(' '));
await browser.close();
