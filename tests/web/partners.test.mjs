// The Partners page and the TLS "what if", as an admin uses them before enforcing TLS: eight
// messages counted by hand are dropped on the page; the partner table, its hosts and totals, the
// search, the direction, connector and range, the policy's refused / cannot tell / pass figures,
// the ranked partners and the concentration sentence are read through window.mailflow.view(); the
// contact list and the partner CSV are downloaded; a report saved without partners says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, show, waitFrames, clickControl, dropFiles, screenshotPath, foreignRequests,
  pagePath } from './harness.mjs';

// Hand counts. Inbound: fabrikam.com 3 (old.fabrikam.com 2 — its two spellings are one host —,
// mail.fabrikam.com 1; TLS 1.2, 1.0, none; 3500 bytes), 203.0.113.9 1 (none, no connector),
// outlook.com 1 (1.3, no connector). Outbound: adatum.co.uk 3 (1.2, 1.1, no TLS data; 550 bytes).
const CSV = `timestamp,direction,connector,tls_version,bytes,remote_host,remote_ip,message_id
2026-11-20T08:00:00Z,inbound,Inbound from Fabrikam,TLSv1.2,1000,mail.fabrikam.com,,m1
2026-11-20T09:00:00Z,inbound,Inbound from Fabrikam,TLSv1,2000,old.fabrikam.com,,m2
2026-11-21T10:00:00Z,inbound,Inbound from Fabrikam,none,500,OLD.Fabrikam.com.,,m3
2026-11-21T11:00:00Z,inbound,,TLSv1.3,700,mail-eopbgr.outbound.protection.outlook.com,,m4
2026-11-22T12:00:00Z,inbound,,none,300,,203.0.113.9,m5
2026-11-22T13:00:00Z,outbound,Outbound to Adatum,TLSv1.2,400,mx1.adatum.co.uk,,m6
2026-11-23T14:00:00Z,outbound,Outbound to Adatum,TLSv1.1,100,mx2.adatum.co.uk,,m7
2026-11-23T15:00:00Z,outbound,Outbound to Adatum,,50,mx2.adatum.co.uk,,m8
`;

let browser, tmp, page, watched, context, csvFile;
before(async () => {
  assert.ok(fs.existsSync(pagePath), `${pagePath} is missing: cmake --build --preset wasm --target mailflow_page`);
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-partners-'));
  csvFile = path.join(tmp, 'partners.csv');
  fs.writeFileSync(csvFile, CSV);
  ({ page, watched, context } = await openPage(browser));
  await page.evaluate(() => window.mailflow.idle());
  await dropFiles(page, [csvFile]);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  await waitFrames(page, 2);
});
after(async () => { await browser?.close(); if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

const view = () => page.evaluate(() => window.mailflow.view());
const byName = (v) => Object.fromEntries(v.partners.map((p) => [p.partner, p]));

async function download(action) {
  const [dl] = await Promise.all([page.waitForEvent('download'), action()]);
  const file = path.join(tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return file;
}

test('the Partners tab lists one row per partner with its hosts, TLS states, days and connectors', async () => {
  await clickControl(page, 'tab:partners');
  await show(page, { range: 'all' });
  const v = await view();
  assert.equal(v.view, 'partners');
  assert.equal(v.page, 'partners');
  assert.deepEqual([v.range.from, v.range.to], ['2026-11-20', '2026-11-23']);
  assert.equal(v.direction, 'both');
  assert.equal(v.connector, 'all');
  assert.deepEqual(v.connector_items, ['all', 'Inbound from Fabrikam', 'Outbound to Adatum', '']);
  // Heaviest first, names breaking ties.
  assert.deepEqual(v.partners.map((p) => [p.partner, p.messages]),
    [['adatum.co.uk', 3], ['fabrikam.com', 3], ['203.0.113.9', 1], ['outlook.com', 1]]);
  const p = byName(v);
  const fab = p['fabrikam.com'];
  assert.deepEqual(fab.hosts, [{ host: 'old.fabrikam.com', messages: 2 }, { host: 'mail.fabrikam.com', messages: 1 }]);
  assert.equal(fab.bytes, 3500);
  assert.deepEqual([fab.by_tls['1.2'], fab.by_tls['1.0'], fab.by_tls.none, fab.by_tls['1.3'], fab.by_tls['no-data']], [1, 1, 1, 0, 0]);
  assert.deepEqual([fab.first_day, fab.last_day], ['2026-11-20', '2026-11-21']);
  assert.deepEqual(fab.connectors, ['Inbound from Fabrikam']);
  assert.deepEqual(p['203.0.113.9'].connectors, [''], 'mail without a connector is "(no connector)"');
  assert.deepEqual(p['203.0.113.9'].by_tls.none, 1);
  assert.equal(p['outlook.com'].hosts[0].host, 'mail-eopbgr.outbound.protection.outlook.com');
  assert.deepEqual([p['adatum.co.uk'].by_tls['1.2'], p['adatum.co.uk'].by_tls['1.1'], p['adatum.co.uk'].by_tls['no-data']], [1, 1, 1]);
  assert.deepEqual([v.totals.partners, v.totals.messages, v.totals.bytes, v.totals.by_tls['no-data']], [4, 8, 5050, 1]);
  assert.equal(v.bounded, false);
  assert.equal(v.what_if, null, 'the what-if is off until a policy is chosen');
  assert.equal(v.not_in_table, 0, 'every message of the range has its partner');
  // The screen-reader summary follows the page.
  assert.match(await page.locator('#mf-summary').textContent(), /Partners: 4 partners, 8 messages/);
});

test('a row\'s hosts open beneath the table', async () => {
  await clickControl(page, 'partner-hosts:fabrikam.com');
  let v = await view();
  assert.deepEqual(v.expanded, { partner: 'fabrikam.com', hosts: [{ host: 'old.fabrikam.com', messages: 2 }, { host: 'mail.fabrikam.com', messages: 1 }] });
  await page.screenshot({ path: screenshotPath('partners') });
  await clickControl(page, 'partners-hosts:close');
  v = await view();
  assert.equal(v.expanded, undefined, 'closed again');
});

test('the search matches partners and hosts, ignoring case', async () => {
  await show(page, { partners_search: 'OLD.fab' });
  let v = await view();
  assert.deepEqual(v.partners.map((p) => p.partner), ['fabrikam.com'], 'a host name finds its partner');
  assert.equal(v.search, 'OLD.fab');
  await show(page, { partners_search: 'PROTECTION.outlook' });
  v = await view();
  assert.deepEqual(v.partners.map((p) => p.partner), ['outlook.com']);
  // Typed into the search box with the keyboard, as a user does.
  await show(page, { partners_search: '' });
  await clickControl(page, 'partners-search');
  await page.keyboard.type('adatum');
  await waitFrames(page, 3);
  v = await view();
  assert.equal(v.search, 'adatum');
  assert.deepEqual(v.partners.map((p) => p.partner), ['adatum.co.uk']);
  assert.equal(v.totals.messages, 8, 'the totals are the range\'s, whatever the search shows');
  await page.keyboard.press('Escape');
  await show(page, { partners_search: '' });
  assert.equal((await view()).partners.length, 4);
});

test('inbound, require TLS 1.2: what would be refused, by whom, and the concentration', async () => {
  await clickControl(page, 'partners-direction:inbound');
  await clickControl(page, 'policy:1.2');
  await waitFrames(page, 3);
  const v = await view();
  assert.equal(v.direction, 'inbound');
  assert.deepEqual(v.partners.map((p) => p.partner), ['fabrikam.com', '203.0.113.9', 'outlook.com']);
  const w = v.what_if;
  assert.ok(w, 'the what-if is on');
  assert.equal(w.policy, '1.2');
  assert.deepEqual(w.fail, { messages: 3, bytes: 2800 });
  assert.deepEqual(w.pass, { messages: 2, bytes: 1700 });
  assert.deepEqual(w.cannot_tell, { messages: 0, bytes: 0 });
  assert.deepEqual(w.days.map((d) => [d.day, d.fail.messages, d.pass.messages, d.cannot_tell.messages]),
    [['2026-11-20', 1, 1, 0], ['2026-11-21', 1, 1, 0], ['2026-11-22', 1, 0, 0], ['2026-11-23', 0, 0, 0]]);
  assert.deepEqual(w.partners.map((p) => [p.partner, p.messages, p.bytes, Math.round(p.share * 1000) / 10, p.worst_tls, p.last_seen]),
    [['fabrikam.com', 2, 2500, 66.7, 'none', '2026-11-21'], ['203.0.113.9', 1, 300, 33.3, 'none', '2026-11-22']]);
  assert.deepEqual(w.partners[0].hosts, [{ host: 'old.fabrikam.com', messages: 2 }], 'only the hosts of the refused mail');
  assert.deepEqual([w.concentration.partners, w.concentration.share, w.concentration.messages], [2, 1, 3]);
  assert.equal(w.concentration.text, '2 partners send 100% of the inbound mail that TLS 1.2 would refuse');
  assert.ok(v.chart && v.chart.h > 50, 'the per-day chart is drawn');
  assert.match(await page.locator('#mf-summary').textContent(), /Would be refused: 3 messages; Cannot tell: 0; Would pass: 2/);
  await page.screenshot({ path: screenshotPath('partners-what-if') });
});

test('the contact list is the refused partners as CSV', async () => {
  const file = await download(() => clickControl(page, 'partners:export-contacts'));
  assert.match(path.basename(file), /mailflow-contact-list-tls-1\.2-2026-11-20_2026-11-23\.csv$/);
  assert.equal(fs.readFileSync(file, 'utf8'),
    'Partner,Hosts,Messages,Bytes,Share,Worst TLS,Last seen\r\n' +
    'fabrikam.com,old.fabrikam.com,2,2500,0.6667,No TLS,2026-11-21\r\n' +
    '203.0.113.9,203.0.113.9,1,300,0.3333,No TLS,2026-11-22\r\n');
});

test('the figures follow the connector, the direction, the policy and the range', async () => {
  // Outbound through Adatum, require TLS 1.3: 1.2 and 1.1 fail, the message without TLS data cannot tell.
  await show(page, { partners_direction: 'outbound', connector: 'Outbound to Adatum', policy: '1.3' });
  let v = await view();
  assert.deepEqual([v.direction, v.connector], ['outbound', 'Outbound to Adatum']);
  assert.deepEqual(v.partners.map((p) => [p.partner, p.messages]), [['adatum.co.uk', 3]]);
  let w = v.what_if;
  assert.equal(w.policy, '1.3');
  assert.deepEqual([w.fail, w.cannot_tell, w.pass], [{ messages: 2, bytes: 500 }, { messages: 1, bytes: 50 }, { messages: 0, bytes: 0 }]);
  assert.deepEqual(w.partners.map((p) => [p.partner, p.messages, p.worst_tls, p.last_seen]), [['adatum.co.uk', 2, '1.1', '2026-11-23']]);
  assert.equal(w.concentration.text, '1 partner sends 100% of the outbound mail that TLS 1.3 would refuse');

  // Require TLS (any version) there: nothing fails; the message without TLS data still cannot tell.
  await clickControl(page, 'policy:any');
  v = await view();
  assert.deepEqual([v.what_if.fail.messages, v.what_if.cannot_tell.messages, v.what_if.pass.messages], [0, 1, 2]);
  assert.deepEqual(v.what_if.partners, []);
  assert.equal(v.what_if.concentration, null);

  // Inbound mail without a connector, TLS 1.2: only the IP partner's unencrypted message fails.
  await show(page, { partners_direction: 'inbound', connector: '', policy: '1.2' });
  v = await view();
  assert.equal(v.connector, '');
  assert.deepEqual(v.partners.map((p) => p.partner), ['203.0.113.9', 'outlook.com']);
  assert.deepEqual([v.what_if.fail.messages, v.what_if.pass.messages], [1, 1]);
  assert.deepEqual(v.what_if.partners.map((p) => p.partner), ['203.0.113.9']);

  // One day: 2026-11-20, all connectors, both directions.
  await show(page, { connector: 'all', partners_direction: 'both', from: '2026-11-20', to: '2026-11-20' });
  v = await view();
  assert.deepEqual([v.range.from, v.range.to, v.connector, v.direction], ['2026-11-20', '2026-11-20', 'all', 'both']);
  assert.deepEqual(v.partners.map((p) => [p.partner, p.messages]), [['fabrikam.com', 2]]);
  assert.deepEqual([v.what_if.fail.messages, v.what_if.pass.messages, v.what_if.days.length], [1, 1, 1]);
  assert.deepEqual(v.what_if.partners.map((p) => [p.partner, p.worst_tls]), [['fabrikam.com', '1.0']]);

  // Policy off again.
  await clickControl(page, 'policy:off');
  assert.equal((await view()).what_if, null);
  await show(page, { range: 'all' });
});

test('Export CSV gives the partner table of what is shown', async () => {
  const file = await download(() => clickControl(page, 'partners:export-csv'));
  assert.match(path.basename(file), /mailflow-partners-2026-11-20_2026-11-23\.csv$/);
  const lines = fs.readFileSync(file, 'utf8').split('\r\n');
  assert.equal(lines[0], 'Partner,Hosts,Messages,Bytes,TLS 1.3,TLS 1.2,TLS 1.1,TLS 1.0,SSL 3.0,Unknown TLS version,No TLS,No TLS data,TLS protected,First day,Last day,Connectors');
  assert.ok(lines.includes('fabrikam.com,old.fabrikam.com; mail.fabrikam.com,3,3500,0,1,0,1,0,0,1,0,0.6667,2026-11-20,2026-11-21,Inbound from Fabrikam'), lines.join('\n'));
  assert.equal(lines.filter((l) => l).length, 5, 'a header and four partners');
});

test('a header sorts the partner table, and the sort follows new figures', async () => {
  // The rows as shown: Copy puts them on the clipboard in the order on screen.
  let copied = '';
  const shownPartners = async () => {
    await clickControl(page, 'copy:partners');
    copied = await page.evaluate(() => window.mailflowHost.lastCopied);
    await page.keyboard.press('Escape');  // closes "Copied", which would take the next click
    await waitFrames(page, 2);
    return copied.split('\n').slice(1).filter((l) => l).map((l) => l.split('\t')[0]);
  };
  assert.deepEqual(await shownPartners(), ['adatum.co.uk', 'fabrikam.com', '203.0.113.9', 'outlook.com'], 'heaviest first');
  // Numbers go out raw, days as dates.
  const [head, adatum] = copied.split('\n').map((l) => l.split('\t'));
  const cell = (name) => adatum[head.indexOf(name)];
  assert.deepEqual([cell('Messages'), cell('Bytes'), cell('TLS 1.1'), cell('First day'), cell('Last day')],
    ['3', '550', '1', '2026-11-22', '2026-11-23']);
  const copy = (await view()).controls['copy:partners'];
  const header = { x: copy.x + 30, y: copy.y + copy.h + 14 };  // the Partner column's header, beneath Copy
  await page.mouse.click(header.x, header.y);
  await waitFrames(page, 2);
  assert.deepEqual(await shownPartners(), ['203.0.113.9', 'adatum.co.uk', 'fabrikam.com', 'outlook.com'], 'by name');
  await page.mouse.click(header.x, header.y);
  await waitFrames(page, 2);
  assert.deepEqual(await shownPartners(), ['outlook.com', 'fabrikam.com', 'adatum.co.uk', '203.0.113.9'], 'by name, descending');
  // Other figures, other rows: sorted the same way (a table kept between frames is sorted once,
  // and again when it is rebuilt). From 21 November the same four partners rank otherwise.
  await show(page, { from: '2026-11-21', to: '2026-11-23' });
  assert.deepEqual(await shownPartners(), ['outlook.com', 'fabrikam.com', 'adatum.co.uk', '203.0.113.9']);
  await show(page, { partners_direction: 'inbound' });
  assert.deepEqual(await shownPartners(), ['outlook.com', 'fabrikam.com', '203.0.113.9']);
  await page.mouse.click(header.x, header.y);  // the third click: as the engine ranks them
  await show(page, { partners_direction: 'both', range: 'all' });
  assert.deepEqual(await shownPartners(), ['adatum.co.uk', 'fabrikam.com', '203.0.113.9', 'outlook.com']);
});

test('German: the page, its controls and the what-if speak German', async () => {
  await show(page, { language: 'de', partners_direction: 'inbound', policy: '1.2' });
  const v = await view();
  assert.equal(v.language, 'de');
  const summary = await page.locator('#mf-summary').textContent();
  assert.match(summary, /Partner: 3 Partner, 5 Nachrichten/);
  assert.match(summary, /Würde abgelehnt: 3 Nachrichten; Nicht feststellbar: 0; Würde angenommen: 2/);
  // The concentration sentence in German (German numbers: "100 %"); view() keeps the English too.
  const c = v.what_if.concentration;
  assert.equal(c.text, '2 partners send 100% of the inbound mail that TLS 1.2 would refuse');
  assert.match(c.text_shown, /^2 Partner .*100 %.*TLS 1\.2/);
  assert.ok(summary.includes(c.text_shown), 'the summary reads the German sentence');
  await page.screenshot({ path: screenshotPath('partners-de') });
  await show(page, { language: 'en', policy: 'off', partners_direction: 'both' });
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
});

test('on the bundled examples the partner table accounts for every message of the connector report', async () => {
  const fresh = await openPage(browser);
  await fresh.page.evaluate(() => window.mailflow.idle());
  const look = () => fresh.page.evaluate(() => window.mailflow.view());
  await show(fresh.page, { page: 'partners', range: 'all' });
  const p = await look();
  assert.equal(p.example, true);
  assert.ok(p.partners.length > 0, 'the examples name remote partners');
  await show(fresh.page, { page: 'connectors', view: 'all-mail-flow', range: 'all' });
  const c = await look();
  assert.equal(p.totals.messages + p.not_in_table, c.totals.inbound.messages + c.totals.outbound.messages,
    `partners ${p.totals.messages} + not named per message ${p.not_in_table}`);
  await fresh.context.close();
});

test('a report saved without remote partners says so on the Partners page', async () => {
  await show(page, { without_hosts: true });
  const file = await download(async () => { await show(page, { save: true }); });
  await show(page, { without_hosts: false });
  const saved = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const other = await saved.newPage();
  await other.goto(pathToFileURL(file).href);
  await other.evaluate(() => window.mailflow.ready);
  const v = await other.evaluate(() => window.mailflow.view());
  assert.equal(v.view, 'partners', 'the report opens on the page it was saved on');
  assert.equal(v.report.remote_hosts, false);
  assert.equal(v.partners_note, 'saved-without-partners');
  assert.deepEqual(v.partners, []);
  await saved.close();
});
