// German, completely: with files that have skipped rows, notes, insights and a TLS coverage hint,
// switching the page to German turns every text of the engine German too (insight sentences,
// format names, skip reasons, problems, notes, the hint), numbers and days are written the German
// way (1.234 / 84,7 % / 24.11.2026), and no known English phrase is left in view() or in the DOM
// summary the screen reader reads. Back in English, the same texts read English again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openPage, show, root, examplesDir } from './harness.mjs';

const files = [
  path.join(root, 'tests/shell/data/gateway.csv'),          // skipped rows, problems, insights
  path.join(examplesDir, 'message-trace.csv'),               // a format without TLS
  path.join(examplesDir, 'maillog-postfix'),                 // notes (TLS join), skip reasons
  path.join(examplesDir, 'compressed/tlsrpt/adatum.com!contoso.com!1793577600!1795391999.json'),  // 2,872 sessions
];

// English the engine writes, none of which may be left on a German page.
const englishPhrases = [
  'No TLS is over', 'TLS 1.0 is above', 'TLS 1.1 still in use', 'TLS share got worse', 'had no TLS',
  'messages with TLS data', 'through connector', 'without a connector', 'mailflow CSV', 'Exchange Online message trace',
  'Postfix mail log', 'TLS-RPT report', 'internal message', 'unreadable timestamp', 'not a boundary crossing',
  'syslog time stamps', 'TLS of received messages', 'A message trace has no TLS', 'counts sessions, not messages',
  'line of a program', 'further recipient',
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const view = (page) => page.evaluate(() => window.mailflow.view());
const summary = (page) => page.locator('#mf-summary').textContent();

function englishLeft(text) {
  return englishPhrases.filter((phrase) => text.includes(phrase));
}

async function loadInGerman(page, chosen) {
  await page.setInputFiles('#mf-file', chosen);
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  await show(page, { page: 'dashboard', range: 'all', language: 'de' });
}

test('German: insights, format names, skip reasons, notes and numbers', async () => {
  const { page, watched, context } = await openPage(browser);
  await loadInGerman(page, files);

  // The dashboard: insight sentences and the coverage hint in German, with German figures.
  let v = await view(page);
  assert.equal(v.language, 'de');
  assert.ok(v.insights.length >= 3, JSON.stringify(v.insights));
  const titles = v.insights.map((i) => i.title_shown);
  assert.ok(titles.includes('Mehr als 25 % ohne TLS'), titles.join(' | '));
  for (const insight of v.insights) {
    assert.notEqual(insight.title_shown, insight.title, `${insight.title} is translated`);
    assert.match(insight.detail_shown, /\d+,\d %/, `German percentages: ${insight.detail_shown}`);
    assert.match(insight.detail_shown, /\d\d\.\d\d\.2026/, `German days: ${insight.detail_shown}`);
    assert.deepEqual(englishLeft(insight.detail_shown), [], insight.detail_shown);
  }
  assert.ok(v.insights.some((i) => i.detail_shown.includes('der eingehenden Nachrichten ohne Connector hatten kein TLS')),
    v.insights.map((i) => i.detail_shown).join('\n'));
  assert.ok(v.insights.every((i) => /^[A-Z]/.test(i.title)), 'view() keeps the English message ids beside them');

  let dom = await summary(page);
  assert.ok(dom.includes('Mehr als 25 % ohne TLS'), dom);
  assert.match(dom, /\d\d\.\d\d\.2026 – \d\d\.\d\d\.2026/, 'the range in German days');
  assert.deepEqual(englishLeft(dom), [], dom);

  // The sources: format names, skip reasons, problems and notes in German.
  await show(page, { page: 'sources' });
  v = await view(page);
  const byName = Object.fromEntries(v.sources.map((s) => [path.basename(s.name), s]));
  const gateway = byName['gateway.csv'];
  assert.equal(gateway.format_name_shown, 'mailflow-CSV');
  assert.deepEqual(gateway.skipped_by_reason_shown, {
    'interne Nachricht (bleibt in der Organisation)': 1,
    'unlesbarer Zeitstempel "not a date"': 1,
  });
  assert.deepEqual(gateway.problems_shown, [{ line: 25, reason: 'unlesbarer Zeitstempel "not a date"' }]);
  assert.ok(gateway.codes.includes('skip.unreadable_timestamp'), gateway.codes.join(', '));
  assert.equal(byName['message-trace.csv'].format_name_shown, 'Exchange Online: Nachrichtenablaufverfolgung (Get-MessageTrace)');
  const postfix = byName['maillog-postfix'];
  assert.equal(postfix.format_name_shown, 'Postfix-Mailprotokoll (syslog)');
  assert.ok(postfix.notes_shown.some((n) => n.startsWith('TLS gesendeter Nachrichten')), postfix.notes_shown.join('\n'));
  assert.ok(postfix.notes_shown.some((n) => n.startsWith('TLS empfangener Nachrichten')), postfix.notes_shown.join('\n'));
  const tlsrpt = v.sources.find((s) => s.format === 'tlsrpt');
  assert.ok(tlsrpt.notes_shown.includes('TLS-RPT zählt Sitzungen, keine Nachrichten: 21 Berichte mit 2.872 Sitzungen, davon 41 fehlgeschlagen'),
    'German plural and thousands: ' + tlsrpt.notes_shown.join('\n'));
  for (const s of v.sources) {
    const shown = [s.format_name_shown, ...Object.keys(s.skipped_by_reason_shown), ...s.notes_shown,
      ...s.problems_shown.map((p) => p.reason)].join('\n');
    assert.deepEqual(englishLeft(shown), [], `${s.name}: ${shown}`);
  }
  dom = await summary(page);
  for (const text of ['mailflow-CSV', 'interne Nachricht (bleibt in der Organisation)', 'TLS empfangener Nachrichten',
    'Postfix-Mailprotokoll (syslog)', '2.872 Sitzungen'])
    assert.ok(dom.includes(text), `the DOM summary says "${text}": ${dom}`);
  assert.deepEqual(englishLeft(dom), [], dom);

  // The TLS reports: German thousands in the figures the summary reads out.
  await show(page, { page: 'tls-reports' });
  dom = await summary(page);
  assert.match(dom, /2\.872 Sitzungen, 41 fehlgeschlagen, 98,57 % erfolgreich/, dom);

  // Back in English: the same texts read English again, plurals agree with their counts.
  await show(page, { page: 'sources', language: 'en' });
  v = await view(page);
  const en = Object.fromEntries(v.sources.map((s) => [path.basename(s.name), s]));
  assert.equal(en['gateway.csv'].format_name_shown, 'mailflow CSV');
  assert.ok(Object.keys(en['gateway.csv'].skipped_by_reason_shown).includes('internal message (stays in the organisation)'));
  dom = await summary(page);
  assert.ok(dom.includes('2,872 sessions'), dom);
  await show(page, { page: 'dashboard' });
  assert.ok((await summary(page)).includes('No TLS is over 25%'));

  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});

test('German: the TLS coverage hint of a message trace alone', async () => {
  const { page, watched, context } = await openPage(browser);
  await loadInGerman(page, [path.join(examplesDir, 'message-trace.csv')]);
  // The card covers the last 7 days of the data; a message trace tells no TLS for any of them.
  const v = await view(page);
  assert.match(v.card.tls_hint, /^A message trace has no TLS/, 'view() keeps the English message id');
  assert.match(v.card.tls_hint_shown, /^Eine Nachrichtenablaufverfolgung enthält kein TLS: Fügen Sie die Details/);
  const dom = await summary(page);
  assert.ok(dom.includes('Eine Nachrichtenablaufverfolgung enthält kein TLS'), dom);
  assert.match(dom, /\d\d\.\d\d\.2026 – \d\d\.\d\d\.2026/, "the card's days in German");
  assert.deepEqual(englishLeft(dom), [], dom);
  await show(page, { language: 'en' });
  assert.ok((await summary(page)).includes('A message trace has no TLS'));
  assert.deepEqual(watched.pageErrors, []);
  await context.close();
});
