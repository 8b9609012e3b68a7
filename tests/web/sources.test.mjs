// Compressed sources and TLS-RPT in the page: the TLS-RPT reports (.json and .json.gz) and a zip of
// exports (examples/compressed/, made by examples/generate_compressed.mjs) picked with the file
// picker give exactly what `mailflow aggregate` of the same files gives (rows, the tls_reports
// section, sources); the "TLS reports" tab appears only with TLS-RPT data and shows the Filter's
// range; the Sources panel lists zip entries under their archive and explains "connector" for
// Postfix, Exim and Sendmail logs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openPage, show, waitFrames, clickControl, screenshotPath, decodePng, foreignRequests,
  examplesDir, shellPath, shellAggregate } from './harness.mjs';

const compressedDir = path.join(examplesDir, 'compressed');
const tlsrptDir = path.join(compressedDir, 'tlsrpt');

function compressedFiles() {
  if (!fs.existsSync(path.join(compressedDir, 'exports.zip')) || !fs.existsSync(tlsrptDir))
    execFileSync(process.execPath, [path.join(examplesDir, 'generate_compressed.mjs')], { stdio: 'inherit' });
  const tlsrpt = fs.readdirSync(tlsrptDir).filter((n) => !n.startsWith('.')).sort().map((n) => path.join(tlsrptDir, n));
  return [...tlsrpt, path.join(compressedDir, 'exports.zip')];
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


// The shell names a source by the path it was given ("…/compressed/exports.zip/exports/x.csv"),
// the page by the file's name ("exports.zip/exports/x.csv").
function sourceFigures(agg, files) {
  const dirs = [...new Set(files.map((f) => path.dirname(f) + '/'))].sort((a, b) => b.length - a.length);
  const local = (name) => { const d = dirs.find((p) => name.startsWith(p)); return d ? name.slice(d.length) : name; };
  return agg.sources.map(({ name, format, records, messages, skipped, skipped_by_reason, error }) =>
    ({ name: local(name), format, records, messages, skipped, skipped_by_reason, error }));
}

async function loadedAggregate(page) {
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  return page.evaluate(() => window.mailflow.aggregate());
}
const view = (page) => page.evaluate(() => window.mailflow.view());
const summary = (page) => page.locator('#mf-summary').textContent();

// Sums over the aggregate's tls_reports sessions within [from, to] (all days without them).
function tlsSums(tls, from = '0000', to = '9999') {
  const out = { sessions: 0, successful: 0, failed: 0, byDay: {}, byResult: {}, byDomain: {} };
  // A domain's sessions once per report (a report may evaluate them against two policies).
  for (const s of tls.domain_sessions ?? tls.sessions) {
    if (s.day < from || s.day > to) continue;
    const ok = s.result === 'success';
    out.sessions += s.sessions;
    out[ok ? 'successful' : 'failed'] += s.sessions;
    const d = (out.byDay[s.day] ??= { successful: 0, failed: 0 });
    d[ok ? 'successful' : 'failed'] += s.sessions;
    if (!ok) out.byResult[s.result] = (out.byResult[s.result] || 0) + s.sessions;
    const dom = (out.byDomain[s.policy_domain] ??= { sessions: 0, failed: 0 });
    dom.sessions += s.sessions;
    if (!ok) dom.failed += s.sessions;
  }
  return out;
}
const addDays = (day, n) => new Date(Date.parse(day + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

test('TLS-RPT reports and a zip of exports: the page = mailflow aggregate, the TLS reports view shows them', async (t) => {
  const files = compressedFiles();
  const expected = shellAggregate(files);
  if (!expected) t.diagnostic(`no shell at ${shellPath}: checking against examples/compressed/expected-compressed.json only`);
  const want = JSON.parse(fs.readFileSync(path.join(compressedDir, 'expected-compressed.json'), 'utf8'));

  const { page, watched, context } = await openPage(browser);
  // The example data has no TLS reports: no TLS reports tab.
  assert.equal((await view(page)).controls['tab:tls-reports'], undefined, 'no TLS reports tab without TLS-RPT data');

  await page.setInputFiles('#mf-file', files);
  const agg = await loadedAggregate(page);
  assert.ok(agg.tls_reports, 'window.mailflow.aggregate() has a tls_reports section');
  if (expected) {
    assert.deepEqual(agg.rows, expected.rows, 'page = mailflow aggregate (rows)');
    assert.deepEqual(agg.tls_reports, expected.tls_reports, 'page = mailflow aggregate (tls_reports)');
    assert.deepEqual(sourceFigures(agg, files), sourceFigures(expected, files), 'page = mailflow aggregate (sources)');
    assert.deepEqual(agg.remote_hosts, expected.remote_hosts, 'page = mailflow aggregate (remote hosts)');
  }
  const all = tlsSums(agg.tls_reports);
  assert.equal(agg.tls_reports.reports, want.tlsrpt.reports);
  assert.equal(all.successful, want.tlsrpt.successful);
  assert.equal(all.failed, want.tlsrpt.failed);
  assert.deepEqual(all.byResult, want.tlsrpt.by_result);
  const days = Object.keys(all.byDay).sort();
  assert.deepEqual([days[0], days.at(-1)], [want.tlsrpt.first_day, want.tlsrpt.last_day]);

  // The tab is there now; a click opens the view on the Filter's default range (last 7 days of
  // the reports).
  await clickControl(page, 'tab:tls-reports');
  let v = await view(page);
  assert.equal(v.view, 'tls-reports');
  const last = want.tlsrpt.last_day, first7 = addDays(last, -6);
  assert.deepEqual([v.range.preset, v.range.from, v.range.to], ['last-7-days', first7, last]);
  const week = tlsSums(agg.tls_reports, first7, last);
  assert.deepEqual([v.tls_reports.totals.sessions, v.tls_reports.totals.failed], [week.sessions, week.failed],
    'last 7 days: the sums of the aggregate over them');
  assert.notEqual(week.sessions, all.sessions, 'the range matters for this data');

  // All data: the totals are the sums of the aggregate's tls_reports.
  await show(page, { range: 'all' });
  v = await view(page);
  const r = v.tls_reports;
  assert.deepEqual([r.range.from, r.range.to], [want.tlsrpt.first_day, want.tlsrpt.last_day]);
  assert.equal(r.totals.sessions, all.sessions);
  assert.equal(r.totals.successful, all.successful);
  assert.equal(r.totals.failed, all.failed);
  assert.equal(r.reports, want.tlsrpt.reports);
  assert.match(r.note, /sessions, not messages/);
  assert.equal(r.days.length, days.length);
  for (const d of r.days) assert.deepEqual([d.successful, d.failed], [all.byDay[d.day]?.successful ?? 0, all.byDay[d.day]?.failed ?? 0], d.day);
  assert.deepEqual(Object.fromEntries(r.domains.map((d) => [d.domain, { sessions: d.sessions, failed: d.failed }])), all.byDomain);
  assert.deepEqual(Object.fromEntries(r.failure_types.map((f) => [f.result, f.sessions])), want.tlsrpt.by_result);
  assert.deepEqual(r.failure_types.map((f) => f.sessions), [...r.failure_types.map((f) => f.sessions)].sort((a, b) => b - a), 'most failed first');
  for (const f of r.failure_types) {
    const mtas = agg.tls_reports.sending_mtas.find((g) => g.result === f.result);
    assert.deepEqual(f.sending_mtas.map((h) => h.host), (mtas ? mtas.hosts : []).slice(0, 5).map((h) => h.host), `${f.result}: sending MTAs`);
    assert.ok(f.receiving_mx.length > 0, `${f.result}: receiving MX`);
  }
  assert.deepEqual(Object.fromEntries(r.organizations.map((o) => [o.host, o.reports])), want.tlsrpt.by_organization);

  // The accessible summary says the same.
  const fmt = (n) => n.toLocaleString('en-US');
  const text = await summary(page);
  assert.match(text, /TLS reports\./);
  assert.ok(text.includes(`${fmt(all.sessions)} sessions, ${fmt(all.failed)} failed`), text);
  assert.match(text, /not messages/);
  for (const result of Object.keys(want.tlsrpt.by_result)) assert.ok(text.includes(`${result}: ${fmt(want.tlsrpt.by_result[result])}.`), result);

  // The chart: successful (green) and failed (red) bars drawn; hovering a bar reports its day.
  const shot = await page.screenshot({ path: screenshotPath('tls-reports') });
  const png = decodePng(shot);
  const c = v.chart;
  const near = (x, y, rgb) => { const i = (y * png.width + x) * 4; return Math.abs(png.pixels[i] - rgb[0]) + Math.abs(png.pixels[i + 1] - rgb[1]) + Math.abs(png.pixels[i + 2] - rgb[2]) < 30; };
  let green = 0, red = 0;
  for (let y = Math.floor(c.y); y < Math.min(png.height, c.y + c.h); y++)
    for (let x = Math.floor(c.x); x < Math.min(png.width, c.x + c.w); x++) {
      if (near(x, y, [16, 124, 16])) green++;
      if (near(x, y, [196, 43, 28])) red++;
    }
  assert.ok(green > 500, `successful sessions drawn (${green} green pixels)`);
  assert.ok(red > 0, `failed sessions drawn (${red} red pixels)`);
  await page.mouse.move(c.x + c.w * 0.75, c.y + c.h * 0.7);
  await waitFrames(page, 3);
  const hovered = (await view(page)).tls_reports.hovered_day;
  assert.ok(hovered, 'a hovered bar is reported');
  assert.deepEqual([hovered.successful, hovered.failed], [all.byDay[hovered.day]?.successful ?? 0, all.byDay[hovered.day]?.failed ?? 0]);
  await page.screenshot({ path: screenshotPath('tls-reports-tooltip') });
  await page.mouse.move(5, 5);

  // Copy puts the domains table on the clipboard.
  await clickControl(page, 'copy:tlsrpt-domains');
  const copied = await page.evaluate(() => window.mailflowHost.lastCopied);
  assert.match(copied, /^Policy domain\tPolicy types\tSessions/);
  assert.ok(copied.includes(`contoso.com\t`), copied);

  // German.
  await show(page, { language: 'de' });
  assert.match(await summary(page), /TLS-Berichte\. [\d.]+ Sitzungen, [\d.]+ fehlgeschlagen/);
  await page.screenshot({ path: screenshotPath('tls-reports-de') });
  await show(page, { language: 'en' });

  // Sources: the zip's entries under the archive, each with its own format.
  await show(page, { page: 'sources' });
  v = await view(page);
  const names = v.sources.map((s) => s.name);
  const zipAt = names.indexOf('exports.zip');
  assert.ok(zipAt >= 0, names.join(', '));
  assert.deepEqual(v.sources[zipAt].entries, want['exports.zip'].entries);
  assert.deepEqual(names.slice(zipAt + 1, zipAt + 1 + want['exports.zip'].entries.length), want['exports.zip'].entries, 'entries right after their archive');
  const entryFormats = {};
  for (const name of want['exports.zip'].entries) {
    const s = v.sources.find((x) => x.name === name);
    assert.equal(s.archive, 'exports.zip');
    assert.equal(s.entry, name.slice('exports.zip/'.length));
    assert.equal(s.error, '');
    assert.ok(s.messages > 0, `${name} has messages`);
    entryFormats[s.entry] = s.format;
  }
  assert.deepEqual(entryFormats, { 'exports/mailflow.csv.gz': 'mailflow-csv', 'exports/message-trace.csv': 'message-trace' });
  assert.ok(v.sources.filter((s) => s.format === 'tlsrpt').every((s) => s.archive === undefined && s.error === ''));
  assert.ok(v.sources.every((s) => s.connector_hint === undefined), 'no MTA hint without MTA logs');
  assert.match(await summary(page), /exports\.zip: archive with entries 2\./);
  await page.screenshot({ path: screenshotPath('sources-zip') });
  t.diagnostic(`tls-reports: ${all.sessions} sessions, ${all.failed} failed, ${agg.tls_reports.reports} reports, ${days[0]}..${days.at(-1)}; `
    + `last 7 days ${week.sessions}/${week.failed}; hovered ${JSON.stringify(hovered)}; sources ${v.sources.map((s) => `${s.name}=${s.format}`).join(' ')}`);

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
  await context.close();
});

test('Postfix, Exim and Sendmail sources explain what "connector" means there; no TLS reports tab', async () => {
  const mta = ['maillog-postfix', 'exim-mainlog', 'maillog-sendmail'].map((n) => path.join(examplesDir, n));
  const other = path.join(examplesDir, 'mailflow.csv');
  const { page, watched, context } = await openPage(browser);
  await page.setInputFiles('#mf-file', [...mta, other]);
  const agg = await loadedAggregate(page);
  assert.equal(agg.tls_reports, undefined);
  await show(page, { page: 'sources' });
  const v = await view(page);
  assert.equal(v.controls['tab:tls-reports'], undefined, 'no TLS reports tab without TLS-RPT data');
  const hints = Object.fromEntries(v.sources.map((s) => [s.format, s.connector_hint !== undefined]));
  assert.deepEqual(hints, { postfix: true, exim: true, sendmail: true, 'mailflow-csv': false });
  await show(page, { page: 'tls-reports' });
  assert.equal((await view(page)).view, 'dashboard', 'asking for the TLS reports page without TLS-RPT data shows the dashboard');
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});
