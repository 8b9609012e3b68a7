// TLS reports as e-mails in the page: .eml files (Google's and Microsoft's shapes), an mbox and the
// files of a maildir, dropped as a user drops them (tests/data/real-shapes/tlsrpt-*). The TLS
// reports view shows the sessions counted by hand from the files (see
// tests/data/real-shapes/README.md): Microsoft's DANE and MTA-STS policies evaluate the same 57
// sessions, which count once, with each policy's own figures beside them; and the page gives
// what `mailflow aggregate` gives for the same files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, show, clickControl, dropFiles, foreignRequests, root, shellAggregate } from './harness.mjs';

const shapes = path.join(root, 'tests/data/real-shapes');
const maildirFiles = () => ['cur', 'new'].flatMap((sub) =>
  fs.readdirSync(path.join(shapes, 'tlsrpt-maildir', sub)).sort().map((n) => path.join(shapes, 'tlsrpt-maildir', sub, n)));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function loaded(page) {
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  return page.evaluate(() => window.mailflow.aggregate());
}
const view = (page) => page.evaluate(() => window.mailflow.view());

async function tlsReportsView(page) {
  await clickControl(page, 'tab:tls-reports');
  await show(page, { range: 'all' });
  const v = await view(page);
  assert.equal(v.view, 'tls-reports');
  return v.tls_reports;
}

test('Report e-mails (.eml): sessions per domain, Microsoft\'s two policies counted once', async () => {
  const files = ['tlsrpt-google.eml', 'tlsrpt-microsoft.eml'].map((n) => path.join(shapes, n));
  const { page, watched, context } = await openPage(browser);
  await dropFiles(page, files);
  const agg = await loaded(page);

  const sources = Object.fromEntries(agg.sources.map((s) => [s.name, s]));
  for (const name of ['tlsrpt-google.eml', 'tlsrpt-microsoft.eml']) {
    assert.equal(sources[name].format, 'tlsrpt-mail', name);
    assert.equal(sources[name].error ?? '', '', name);
    assert.equal(sources[name].records, 1, name);
    assert.equal(sources[name].skipped, 0, name);
  }
  assert.equal(agg.tls_reports.reports, 2);

  const r = await tlsReportsView(page);
  // Google: 240 successful + 3 failed; Microsoft: 57 (sts and tlsa alike), once.
  assert.deepEqual([r.totals.sessions, r.totals.successful, r.totals.failed], [300, 297, 3]);
  assert.equal(r.reports, 2);
  assert.deepEqual(r.days.map((d) => [d.day, d.sessions, d.failed]), [['2026-11-19', 300, 3]]);
  assert.equal(r.domains.length, 1);
  const contoso = r.domains[0];
  assert.deepEqual([contoso.domain, contoso.sessions, contoso.failed], ['contoso.com', 300, 3]);
  assert.equal(contoso.policies_overlap, true);
  assert.deepEqual(contoso.policies.map((p) => [p.type, p.sessions, p.failed]), [['sts', 300, 3], ['tlsa', 57, 0]]);
  assert.deepEqual(r.failure_types.map((f) => [f.result, f.sessions]), [['certificate-expired', 3]]);
  assert.deepEqual(r.failure_types[0].sending_mtas.map((h) => h.host), ['198.51.100.25']);
  assert.deepEqual(r.failure_types[0].receiving_mx.map((h) => h.host), ['mx2.contoso.com']);

  const expected = shellAggregate(files);
  if (expected) assert.deepEqual(agg.tls_reports, expected.tls_reports, 'page = mailflow aggregate (tls_reports)');

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
  await context.close();
});

test('An mbox and a maildir\'s files: every message accounted for, other mail said to be no report', async () => {
  const files = [path.join(shapes, 'tlsrpt-reports.mbox'), ...maildirFiles()];
  const { page, watched, context } = await openPage(browser);
  await dropFiles(page, files);
  const agg = await loaded(page);

  const mbox = agg.sources.find((s) => s.name === 'tlsrpt-reports.mbox');
  assert.equal(mbox.format, 'tlsrpt-mail');
  assert.deepEqual([mbox.records, mbox.skipped], [5, 2]);
  assert.deepEqual(mbox.skipped_by_reason, {
    'a DMARC report e-mail, not a TLS report': 1,
    'e-mail without a TLS report attachment': 1,
  });
  const plain = agg.sources.find((s) => s.name.endsWith(':2,RS'));
  assert.match(plain.error, /^an e-mail without a TLS report/);
  assert.equal(agg.tls_reports.reports, 5);  // 3 in the mbox, 2 in the maildir

  const r = await tlsReportsView(page);
  const domains = Object.fromEntries(r.domains.map((d) => [d.domain, [d.sessions, d.failed]]));
  // contoso.com: Mail.ru's 1 failed session. fabrikam.com: 12 (Postfix reporter, no policy-domain:
  // the e-mail's TLS-Report-Domain) + 104 (Google, 4 failed) + 90 (Microsoft, sts and tlsa once,
  // 2 failed) + 131 (Google).
  assert.deepEqual(domains, { 'contoso.com': [1, 1], 'fabrikam.com': [337, 6] });
  assert.deepEqual(r.days.map((d) => [d.day, d.sessions]), [['2026-11-20', 207], ['2026-11-21', 131]]);
  const failures = Object.fromEntries(r.failure_types.map((f) => [f.result, f.sessions]));
  // Google's details add up to 6 against its summary's 4: scaled to 2 and 2.
  assert.deepEqual(failures, { 'starttls-not-supported': 2, 'validation-failure': 2, 'certificate-host-mismatch': 2,
    'sts-policy-fetch-error': 1 });

  // The shell is given the folder: the other mail in it is reported and skipped, not fatal.
  const expected = shellAggregate([path.join(shapes, 'tlsrpt-reports.mbox'), path.join(shapes, 'tlsrpt-maildir')]);
  if (expected) assert.deepEqual(agg.tls_reports, expected.tls_reports, 'page = mailflow aggregate (tls_reports)');

  assert.deepEqual(watched.pageErrors, []);
  assert.deepEqual(foreignRequests(watched), []);
  await context.close();
});
