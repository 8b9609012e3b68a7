// The dashboard's finish (issue 13), as a user meets it: a folder of 100 files loads with ONE
// overall progress bar and a folded per-file list; the Sources page sums the files up by format
// with the days they cover and says why a file counted no messages; a saved report's banner is
// one line with the full list on demand; TLS-RPT failures raise insights; Esc closes only the
// innermost window and Enter in the Save report dialog saves. Figures are read through
// window.mailflow.view() and the DOM summary, never from pixels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launch, openPage, show, waitFrames, clickControl, dropFiles, examplesDir, pagePath } from './harness.mjs';

let browser, tmp;
before(async () => {
  assert.ok(fs.existsSync(pagePath), `${pagePath} is missing`);
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-finish-'));
});
after(async () => { await browser?.close(); if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

const view = (page) => page.evaluate(() => window.mailflow.view());
async function loaded(page) {
  await page.waitForFunction(() => window.mailflow.example === false);
  await page.evaluate(() => window.mailflow.idle());
  await waitFrames(page, 3);
  return page.evaluate(() => window.mailflow.aggregate());
}
const exampleFiles = fs.readdirSync(examplesDir)
  .filter((n) => !n.startsWith('.') && !/\.(md|mjs|json)$/i.test(n)).sort()
  .map((n) => path.join(examplesDir, n))
  .filter((f) => fs.statSync(f).isFile());

// 100 small mailflow CSVs over the last week of November (a few rows each, known counts), and a
// larger one first, so that the panel is on screen long enough to be watched.
function manyFiles() {
  const dir = path.join(tmp, 'many');
  fs.mkdirSync(dir, { recursive: true });
  const header = 'timestamp,direction,connector,tls_version,bytes,remote_host\n';
  const files = [];
  let messages = 0;
  const big = path.join(dir, 'gateway-000-big.csv');
  const line = '2026-11-24T08:00:00Z,inbound,Gateway,1.2,1000,mx.fabrikam.com\n';
  const bigRows = 120000;
  fs.writeFileSync(big, header + line.repeat(bigRows));
  files.push(big);
  messages += bigRows;
  for (let i = 1; i < 100; i++) {
    const rows = 2 + (i % 4);
    let csv = header;
    for (let r = 0; r < rows; r++) {
      const day = 24 + ((i + r) % 7);
      csv += `2026-11-${day}T${String(r + 8).padStart(2, '0')}:00:00Z,${r % 2 ? 'outbound' : 'inbound'},Gateway,1.${2 + (r % 2)},${100 + r},mx${i}.adatum.com\n`;
    }
    const f = path.join(dir, `gateway-${String(i).padStart(3, '0')}.csv`);
    fs.writeFileSync(f, csv);
    files.push(f);
    messages += rows;
  }
  return { files, messages, bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0) };
}

test('100 files: one overall progress bar with files and bytes, a folded per-file list, all messages counted', async (t) => {
  const { files, messages, bytes } = manyFiles();
  const { page, context, watched } = await openPage(browser);
  // Watch every frame's progress from the page itself (the panel may be up only briefly).
  await page.evaluate(() => {
    window.__progressSeen = [];
    const poll = () => {
      const p = window.mailflow.view().progress;
      if (p && p.shown) window.__progressSeen.push(p);
      if (window.__progressSeen.length < 400) requestAnimationFrame(poll);
    };
    poll();
  });
  await dropFiles(page, files);
  const agg = await loaded(page);
  const seen = await page.evaluate(() => window.__progressSeen.map(({ files, ...overall }) => ({ ...overall, rows: files.length })));
  t.diagnostic(`progress frames seen: ${seen.length}; first ${JSON.stringify(seen[0])}`);
  assert.ok(seen.length > 0, 'the progress panel was on screen while the files loaded');
  for (const p of seen) {
    assert.equal(p.files_total, 100, 'the overall figures count every file of the load');
    assert.equal(p.bytes_total, bytes, 'bytes total = the files\' sizes');
    assert.ok(p.files_done <= p.files_total && p.bytes_done <= p.bytes_total, JSON.stringify(p));
    assert.equal(p.list_open, false, 'with 100 files the per-file list starts folded');
    assert.equal(p.rows, 100);
  }
  // Done: every file and byte, and the dashboard has every message.
  const v = await view(page);
  assert.equal(v.progress.shown, false, 'the panel goes once everything is read');
  assert.deepEqual([v.progress.files_done, v.progress.files_total, v.progress.bytes_done, v.progress.bytes_total],
    [100, 100, bytes, bytes]);
  assert.equal(agg.sources.length, 100);
  assert.equal(agg.sources.reduce((n, s) => n + s.messages, 0), messages);
  assert.equal(agg.rows.reduce((n, r) => n + r.messages, 0), messages);
  assert.equal(v.card.inbound.messages + v.card.outbound.messages, messages, 'the card (last 7 days) shows all messages');
  // The Sources page sums them up in one line and folds the long list.
  await show(page, { page: 'sources' });
  const s = await view(page);
  assert.equal(s.sources_summary, '100 mailflow CSVs');
  assert.deepEqual(s.source_groups.map((g) => [g.files, g.messages, g.first_day, g.last_day, g.days_shown]),
    [[100, messages, '2026-11-24', '2026-11-30', '24–30 Nov 2026']]);
  assert.equal(s.sources_list_open, false, 'a list of 100 files starts folded');
  await clickControl(page, 'sources:files');
  assert.equal((await view(page)).sources_list_open, true, 'and opens on a click');
  assert.deepEqual([...watched.consoleErrors, ...watched.pageErrors], []);
  await context.close();
});

test('the progress panel of a few files lists them open, with Cancel all beside the overall bar', async () => {
  // Three large files: however fast the engine, Cancel all comes before the last one is read.
  const dir = path.join(tmp, 'few');
  fs.mkdirSync(dir, { recursive: true });
  const files = ['big-1.csv', 'big-2.csv', 'big-3.csv'].map((name) => path.join(dir, name));
  fs.writeFileSync(files[0], 'timestamp,direction,connector,tls_version,bytes,remote_host\n' +
    '2026-11-24T08:00:00Z,inbound,Gateway,1.2,1000,mx.fabrikam.com\n'.repeat(3000000));
  for (const copy of files.slice(1)) fs.copyFileSync(files[0], copy);
  const { page, context } = await openPage(browser);
  await page.setInputFiles('#mf-file', files);
  await page.waitForFunction(() => { const v = window.mailflow.view(); return v.progress && v.progress.shown && v.progress.bytes_done > 0 && v.controls['cancel:all']; });
  const p = (await view(page)).progress;
  assert.equal(p.list_open, true, 'a few files: their rows are shown');
  assert.deepEqual(p.files.map((f) => f.name), ['big-1.csv', 'big-2.csv', 'big-3.csv']);
  await clickControl(page, 'cancel:all');
  await page.evaluate(() => window.mailflow.idle());
  const after = (await view(page)).progress.files;
  // A file read to its end before the click stays counted; every other one is cancelled, unread to its end.
  for (const f of after) {
    assert.ok(['done', 'cancelled'].includes(f.state), JSON.stringify(f));
    if (f.state === 'cancelled') assert.ok(f.bytes_read < f.size, JSON.stringify(f));
  }
  assert.equal(after.at(-1).state, 'cancelled', JSON.stringify(after));
  const agg = await page.evaluate(() => window.mailflow.aggregate());
  const done = after.filter((f) => f.state === 'done').length;
  assert.equal(agg.rows.reduce((n, r) => n + r.messages, 0), done * 3000000, 'only the files read to their end are counted');
  await context.close();
});

test('Sources: grouped by format with the days each covers; every file without messages says why (EN and DE)', async () => {
  const { page, context } = await openPage(browser);
  await page.setInputFiles('#mf-file', exampleFiles);
  const agg = await loaded(page);
  await show(page, { page: 'sources' });
  let v = await view(page);
  // Every group's days are the span of its files' own days, which the aggregate JSON keeps.
  for (const g of v.source_groups) {
    const mine = agg.sources.filter((s) => s.format === g.format);
    assert.equal(g.files, mine.length, g.format);
    assert.equal(g.messages, mine.reduce((n, s) => n + s.messages, 0), g.format);
    const days = mine.filter((s) => s.first_day).flatMap((s) => [s.first_day, s.last_day]).sort();
    assert.equal(g.first_day, days[0], g.format);
    assert.equal(g.last_day, days.at(-1), g.format);
  }
  assert.ok(v.source_groups.some((g) => g.format === 'exchange-protocol' && g.files === 2), 'the two protocol logs are one group');
  assert.match(v.sources_summary, /2 protocol logs/);
  for (const g of v.source_groups) assert.equal(!!g.no_messages_because, g.messages === 0, `${g.label}: says why it has no messages`);
  assert.equal(v.source_groups.find((g) => g.format === 'exchange-protocol').no_messages_because, 'sessions, joined into the tracking log');
  assert.match(v.sources_summary, /1 tracking log\b/);
  // A file that counted messages has its days; every file without says why.
  for (const s of v.sources) {
    const src = agg.sources.find((x) => x.name === s.name);
    if (src.messages > 0) {
      assert.ok(src.first_day && src.last_day && src.first_day <= src.last_day, `${s.name} has its days`);
      assert.ok(s.days_shown, s.name);
    } else {
      assert.ok(s.no_messages_because, `${s.name} says why it has no messages`);
      assert.equal(s.status_shown, s.no_messages_because);
    }
  }
  // Messages another file counted first: that file is named.
  const countedElsewhere = agg.sources.filter((s) => s.messages === 0 && s.counted_by);
  assert.ok(countedElsewhere.length > 0, 'the examples have a file whose messages another counted first');
  for (const src of countedElsewhere)
    assert.equal(v.sources.find((s) => s.name === src.name).no_messages_because, `counted by ${src.counted_by}`);
  const recv = v.sources.find((s) => s.name === 'RECV20261102-1.LOG');
  assert.equal(recv.no_messages_because, 'sessions, joined into the tracking log');
  assert.equal(v.sources_list_open, exampleFiles.length <= 10);

  await show(page, { language: 'de' });
  v = await view(page);
  assert.match(v.sources_summary, /2 SMTP-Protokolle/);
  assert.equal(v.sources.find((s) => s.name === 'RECV20261102-1.LOG').no_messages_because,
    'Sitzungen, mit dem Nachrichtenverfolgungsprotokoll verknüpft');
  assert.match(v.source_groups.find((g) => g.first_day).days_shown, /^\d{1,2}\.(\d\d\.)?(–\d{1,2}\.\d\d\.\d{4})?/);
  // The screen reader's summary sums the files up the same way, in the same language.
  let summary = await page.textContent('#mf-summary');
  assert.ok(summary.includes(v.sources_summary), 'the summary has the sources in a line');
  for (const g of v.source_groups) assert.ok(summary.includes(g.label), `the summary names the group ${g.label}`);
  assert.ok(summary.includes('Sitzungen, mit dem Nachrichtenverfolgungsprotokoll verknüpft'), 'and why a group has no messages');
  // The dashboard's Sources card sums up more than a few files by format too.
  await show(page, { page: 'dashboard' });
  v = await view(page);
  assert.match(v.sources_summary, /2 SMTP-Protokolle/);
  summary = await page.textContent('#mf-summary');
  assert.ok(summary.includes(v.sources_summary), 'the dashboard summary has the sources line');
  await context.close();
});

test('Saved report: Enter in the dialog saves; the banner is one line, the full list on demand', async () => {
  const { page, context } = await openPage(browser);
  await dropFiles(page, exampleFiles);
  const agg = await loaded(page);
  await page.keyboard.press('Control+s');
  await waitFrames(page, 3);
  assert.equal((await view(page)).dialog, 'save');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const file = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(file);
  await waitFrames(page, 3);
  assert.equal((await view(page)).dialog, undefined, 'Enter saved and closed the dialog');

  const opened = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const rp = await opened.newPage();
  await rp.goto(pathToFileURL(file).href);
  await rp.evaluate(() => window.mailflow.ready);
  await waitFrames(rp, 3);
  let v = await view(rp);
  assert.equal(v.banner, 'Saved report');
  const days = agg.rows.map((r) => r.day).sort();
  const groups = new Set(agg.sources.map((s) => s.format));
  // "3 Extended reports, ...; 1–30 Nov 2026": one part per format, then the days of the data.
  const [formats, span] = v.report.summary_shown.split('; ');
  assert.equal(formats.split(', ').length, groups.size, v.report.summary_shown);
  assert.match(formats, /1 Extended report\b/);
  const last = new Date(days.at(-1) + 'T00:00:00Z');
  assert.match(span, new RegExp(`${last.getUTCDate()} [A-Z][a-z]{2} ${last.getUTCFullYear()}$`), span);
  assert.match(v.report.holds_shown, /with remote partners and host names/);
  assert.equal(v.report.files_open, false);
  assert.equal(v.report.files_shown, undefined, 'the full list waits for the toggle');
  await clickControl(rp, 'banner:files');
  v = await view(rp);
  assert.equal(v.report.files_open, true);
  for (const f of exampleFiles) assert.ok(v.report.files_shown.includes(path.basename(f)), path.basename(f));
  await opened.close();
  await context.close();
});

test('TLS-RPT failures raise insights on the TLS reports page and in the dashboard, for the Filter\'s range', async () => {
  const tlsrptDir = path.join(examplesDir, 'compressed', 'tlsrpt');
  if (!fs.existsSync(tlsrptDir))
    execFileSync(process.execPath, [path.join(examplesDir, 'generate_compressed.mjs')], { stdio: 'inherit' });
  const files = fs.readdirSync(tlsrptDir).filter((n) => !n.startsWith('.')).map((n) => path.join(tlsrptDir, n));
  const { page, context } = await openPage(browser);
  await page.setInputFiles('#mf-file', [...files, path.join(examplesDir, 'exo-extended-report.csv')]);
  const agg = await loaded(page);
  // Failed sessions per domain over all days, as the aggregate's tls_reports counts them.
  const failedBy = (from, to) => {
    const out = {};
    for (const s of agg.tls_reports.domain_sessions)
      if (s.result !== 'success' && s.day >= from && s.day <= to) out[s.policy_domain] = (out[s.policy_domain] || 0) + s.sessions;
    return out;
  };
  await show(page, { page: 'dashboard', range: 'all' });
  let v = await view(page);
  const all = failedBy('0000', '9999');
  assert.ok(Object.keys(all).length > 0, 'the example TLS reports have failures');
  assert.deepEqual(Object.fromEntries(v.tlsrpt_insights.map((i) => [i.domain, i.failed])), all);
  for (const i of v.tlsrpt_insights) {
    assert.match(i.text_shown, new RegExp(`^TLS-RPT: ${i.failed.toLocaleString('en-US')} failed sessions? to ${i.domain.replace('.', '\\.')} \\(`));
    assert.equal(i.result, i.failures[0].result, 'named by its most frequent failure type');
  }

  await show(page, { page: 'tls-reports' });
  v = await view(page);
  assert.deepEqual(v.tlsrpt_insights.map((i) => i.failed), Object.values(all).sort((a, b) => b - a));
  // A custom range: only the failures of its days.
  const day = agg.tls_reports.domain_sessions.find((s) => s.result !== 'success').day;
  await show(page, { from: day, to: day });
  v = await view(page);
  assert.deepEqual([v.range.from, v.range.to], [day, day]);
  assert.deepEqual(Object.fromEntries(v.tlsrpt_insights.map((i) => [i.domain, i.failed])), failedBy(day, day));
  await show(page, { language: 'de' });
  v = await view(page);
  assert.match(v.tlsrpt_insights[0].text_shown, /^TLS-RPT: \d+ fehlgeschlagene Sitzung(en)? zu /);
  // The screen reader hears them too.
  const summary = await page.textContent('#mf-summary');
  for (const i of v.tlsrpt_insights) assert.ok(summary.includes(i.text_shown), `the summary says: ${i.text_shown}`);
  await context.close();
});

test('Esc closes only the innermost window: the insight hosts above the flyout first, then the flyout', async () => {
  const { page, context } = await openPage(browser);
  await show(page, { range: 'all' });
  let v = await view(page);
  assert.ok(v.insights.length > 0, 'the example data has insights');
  await show(page, { flyout: true });
  await show(page, { insight: 0 });
  await waitFrames(page, 3);
  v = await view(page);
  assert.equal(v.view, 'tls-flyout');
  assert.ok(v.insight_hosts, 'the hosts window is open above the flyout');
  await page.keyboard.press('Escape');
  await waitFrames(page, 3);
  v = await view(page);
  assert.equal(v.insight_hosts, undefined, 'Esc closed the hosts window');
  assert.equal(v.view, 'tls-flyout', 'the flyout stays');
  await page.keyboard.press('Escape');
  await waitFrames(page, 3);
  assert.equal((await view(page)).view, 'dashboard', 'the next Esc closes the flyout');
  // The Save report dialog above the flyout closes alone too.
  await show(page, { flyout: true });
  await page.keyboard.press('Control+s');
  await waitFrames(page, 3);
  assert.equal((await view(page)).dialog, 'save');
  await page.keyboard.press('Escape');
  await waitFrames(page, 3);
  v = await view(page);
  assert.deepEqual([v.dialog, v.view], [undefined, 'tls-flyout']);
  await context.close();
});

test('a click, a tap or a pen press that comes without a prior pointer move acts at once, each on its own spot', async () => {
  for (const mode of ['mouse', 'touch', 'pen']) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, hasTouch: mode === 'touch' });
    const page = await context.newPage();
    await page.goto(pathToFileURL(pagePath).href);
    await page.evaluate(() => window.mailflow.ready);
    await waitFrames(page, 3);
    // Every press lands where the pointer was not the frame before: nothing hovers it first.
    const press = async (id) => {
      const c = (await view(page)).controls[id];
      assert.ok(c, `${mode}: control ${id} is on screen`);
      const x = c.x + c.w / 2, y = c.y + c.h / 2;
      if (mode === 'mouse') await page.mouse.click(x, y);
      else if (mode === 'touch') await page.touchscreen.tap(x, y);
      else {
        await page.evaluate(([px, py]) => {
          const canvas = document.getElementById('mf-canvas');
          const init = (down) => ({ clientX: px, clientY: py, bubbles: true, button: 0, buttons: down ? 1 : 0, pointerType: 'pen' });
          canvas.dispatchEvent(new PointerEvent('pointerdown', init(true)));
          canvas.dispatchEvent(new MouseEvent('mousedown', init(true)));
          canvas.dispatchEvent(new PointerEvent('pointerup', init(false)));
          canvas.dispatchEvent(new MouseEvent('mouseup', init(false)));
        }, [x, y]);
      }
      await waitFrames(page, 3);
    };
    const expected = [['tab:connectors', 'connector-report'], ['tab:sources', 'sources'],
      ['tab:partners', 'partners'], ['tab:dashboard', 'dashboard']];
    for (const [id, shown] of expected) {
      await press(id);
      assert.equal((await view(page)).view, shown, `${mode}: ${id} shows ${shown} after one press`);
    }
    await press('language');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de', `${mode}: the language button switched at once`);
    await context.close();
  }
});
