// Screenshots of every view of the page on its bundled example data, in English and German, light
// and dark, 1400 and 900 CSS pixels wide, into docs/gallery/ (run by scripts/gallery; not a test).
// Names: VIEW-LANG-THEME-WIDTH.png, e.g. partners-de-dark-900.png.
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, root, show, waitFrames } from './harness.mjs';

const out = path.resolve(process.env.MAILFLOW_GALLERY || path.join(root, 'docs', 'gallery'));
const views = [
  ['dashboard', { page: 'dashboard', range: 'all' }],
  ['tls-flyout', { page: 'dashboard', range: 'all', flyout: true }],
  ['connectors', { page: 'connectors', range: 'all', view: 'mail-flow' }],
  ['tls-usage', { page: 'connectors', range: 'all', view: 'tls-usage' }],
  ['partners', { page: 'partners', range: 'all', partners_direction: 'inbound', policy: '1.2' }],
  ['sources', { page: 'sources' }],
];
const sizes = [[1400, 900], [900, 700]];

fs.mkdirSync(out, { recursive: true });
const browser = await launch();
try {
  for (const [width, height] of sizes) {
    const { context, page } = await openPage(browser, { viewport: { width, height } });
    for (const language of ['en', 'de']) {
      for (const theme of ['light', 'dark']) {
        for (const [name, command] of views) {
          await show(page, { flyout: false, ...command, language, theme });
          await waitFrames(page, 3);
          const file = path.join(out, `${name}-${language}-${theme}-${width}.png`);
          await page.screenshot({ path: file });
        }
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`gallery: ${views.length * sizes.length * 4} screenshots in ${path.relative(root, out)}`);
