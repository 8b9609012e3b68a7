// Layout at every width from 600 px up, in English and German: the app's own layout check
// (view().layout, made each frame) finds no text wider than its table cell and no window that cuts
// off content it cannot scroll to, on every page; long connector names (Exchange Online's
// "Outbound to Office 365 - <GUID>") are shortened in the tables with the whole name on hover and
// never push the other columns away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, show, waitFrames, dropFiles, pagePath } from './harness.mjs';

let browser, tmp;
before(async () => {
  assert.ok(fs.existsSync(pagePath), `${pagePath} is missing`);
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-layout-'));
});
after(async () => { await browser?.close(); if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

const view = (page) => page.evaluate(() => window.mailflow.view());
const views = [
  ['dashboard', { page: 'dashboard', flyout: false }],
  ['TLS flyout', { page: 'dashboard', flyout: true }],
  ['mail flow', { page: 'connectors', view: 'mail-flow', flyout: false }],
  ['all mail flow', { page: 'connectors', view: 'all-mail-flow' }],
  ['TLS usage', { page: 'connectors', view: 'tls-usage' }],
  ['partners', { page: 'partners' }],
  ['sources', { page: 'sources' }],
];

async function assertNothingCut(page, what) {
  await waitFrames(page, 3);
  const v = await view(page);
  assert.ok(v.layout, `${what}: the layout check ran`);
  assert.deepEqual(v.layout.clipped_texts, [], `${what}: every text fits its cell`);
  assert.deepEqual(v.layout.cut_windows, [], `${what}: no window cuts its content off`);
  return v;
}

for (const [width, height, dpr] of [[600, 700, 1], [900, 700, 1], [900, 700, 2], [1400, 900, 1]]) {
  test(`nothing is cut at ${width}×${height}${dpr > 1 ? ' DPR ' + dpr : ''}, English and German, every page`, async () => {
    const { page, context } = await openPage(browser, { viewport: { width, height }, deviceScaleFactor: dpr });
    let checked = 0;
    for (const lang of ['en', 'de']) {
      await show(page, { language: lang });
      for (const [name, command] of views) {
        await show(page, command);
        const v = await assertNothingCut(page, `${width} px, ${lang}, ${name}`);
        checked += v.layout.texts_checked;
      }
    }
    assert.ok(checked > 500, `the check looked at the tables' texts (${checked})`);
    if (width >= 1400) {  // a wide window has room for every page: no page scrolls sideways
      for (const [name, command] of views) {
        await show(page, command);
        await waitFrames(page, 3);
        const pages = (await view(page)).layout.scrolling_sideways.filter((w) => !w.includes('table'));
        assert.deepEqual(pages, [], `${name}: nothing but tables scrolls sideways at ${width} px`);
      }
    }
    await context.close();
  });
}

test('connector names with GUIDs are shortened in the tables, named in full on hover and in view(), and push nothing off', async () => {
  const out = 'Outbound to Office 365 - 7c2e4f51-3b9a-4d8e-a1f0-5e6d7c8b9a01';
  const inb = 'Inbound from Office 365 - 0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f';
  const lines = ['timestamp,direction,connector,tls_version,bytes,message_id,sender,recipient,remote_host,remote_ip,status'];
  for (let i = 0; i < 30; i++) {
    const day = String(20 + (i % 5)).padStart(2, '0');
    lines.push(`2026-11-${day}T10:${String(i).padStart(2, '0')}:00Z,outbound,${out},${i % 3 ? '1.2' : 'none'},1000,<o${i}@contoso.com>,a@contoso.com,b@fabrikam.com,mx.fabrikam.com,198.51.100.7,delivered`);
    if (i < 20) lines.push(`2026-11-${day}T11:${String(i).padStart(2, '0')}:00Z,inbound,${inb},1.3,2000,<i${i}@fabrikam.com>,c@fabrikam.com,d@contoso.com,mail.fabrikam.com,198.51.100.8,delivered`);
  }
  const file = path.join(tmp, 'guid-connectors.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  for (const lang of ['en', 'de']) {
    const { page, context } = await openPage(browser, { viewport: { width: 900, height: 700 } });
    await show(page, { language: lang });
    await dropFiles(page, [file]);
    await page.waitForFunction(() => window.mailflow.example === false);
    await page.evaluate(() => window.mailflow.idle());
    await show(page, { page: 'connectors', view: 'mail-flow', range: 'all' });
    let v = await assertNothingCut(page, `${lang}: connector report`);
    assert.equal(v.connector_label, out, `${lang}: the busiest connector (30 messages against 20), named in full in view()`);
    assert.deepEqual(v.connectors.map((c) => c.connector).sort(), [inb, out].sort());
    await show(page, { page: 'dashboard' });
    await assertNothingCut(page, `${lang}: dashboard with GUID connectors`);
    await show(page, { page: 'partners' });
    await assertNothingCut(page, `${lang}: partners with GUID connectors`);
    await context.close();
  }
});

test('an unreadable file: the card says so, and its long error wraps inside its panel at 600 px (EN and DE)', async () => {
  const file = path.join(tmp, 'quarterly-export-with-a-rather-long-name-from-the-archive.csv');
  fs.writeFileSync(file, 'This is not a mail log, just a note somebody saved with a .csv name. '.repeat(40));
  for (const [lang, says] of [['en', /could not be read/], ['de', /konnte nicht gelesen werden/]]) {
    const { page, context } = await openPage(browser, { viewport: { width: 600, height: 700 } });
    await show(page, { language: lang });
    await dropFiles(page, [file]);
    await page.waitForFunction(() => window.mailflow.example === false);
    await page.evaluate(() => window.mailflow.idle());
    await show(page, { page: 'dashboard' });
    let v = await assertNothingCut(page, `${lang}: dashboard with an unreadable file`);
    assert.match(v.card.empty, /could not be read/, 'the card says the file could not be read');
    assert.match(await page.textContent('#mf-summary'), says);
    await show(page, { page: 'sources' });
    v = await assertNothingCut(page, `${lang}: sources with an unreadable file`);
    assert.ok(v.sources[0].error, 'the Sources list says why');
    await context.close();
  }
});
