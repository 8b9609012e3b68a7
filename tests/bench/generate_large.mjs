// Deterministic large inputs for scripts/bench, streamed to disk (never a whole file in memory):
//   build/bench/mailflow-<size>.csv   mailflow CSV, one row per message (unique message ids)
//   build/bench/mailflow-wide-<size>.csv  the same, ten columns as in the performance issue: also the
//                                     sender, the recipient and a quoted subject of 150 characters
//                                     (unique, one in 20 with doubled quotes), 2,000 partners
//   build/bench/extended-<size>.csv   Exchange Online Extended report (historical search), UTF-16 LE
//                                     with BOM and CRLF, 27 quoted columns, ~4 events per message,
//                                     rows shuffled in blocks (real exports are not sorted)
//   build/bench/trace-<size>.csv      Exchange Online message trace (Get-MessageTrace | Export-Csv):
//                                     ten quoted columns, one row per recipient, unique ids and
//                                     subjects, en-US dates newest first
//   build/bench/postfix-<size>.log    Postfix syslog file (mail.log, classic stamps): smtpd, cleanup,
//                                     qmgr, amavis and its re-injection, smtp, lmtp, bounce lines of
//                                     many processes interleaved, TLS lines, probes and rejects,
//                                     anvil/scache statistics, opendkim and Dovecot lines
//   build/bench/exim-<size>.log       Exim main log (4.98, new message ids): arrivals, deliveries
//                                     with X=, greylisting, bounces, rejected connections, queue runs
// (the two logs: see "mail logs" below for their shape and what they count). Next to each:
// <file>.meta.json with what the file must aggregate to (messages and bytes per direction; for the
// logs also per TLS version), so every tool's answer can be checked. A file whose meta matches the
// generator version (VERSION for the CSV files, LOG_VERSION for the logs) and the size is not
// written again.
//
// Sizes: train = ~8 MB each (what the native build trains its profile-guided optimisation on:
// cmake/pgo.cmake); small = ~100 MB each; 1m / 5m = 1 / 5 million messages in the mailflow CSV,
// 1 million in each log at 1m (the Postfix log ~2.6 GB, the Exim log ~0.8 GB: a filtering Postfix
// host writes ~2.6 kB of log per message, noise included) and 2 GB of each log at 5m (5 million
// messages of Postfix log would be ~13 GB), the extended report the same number of bytes as the CSV
// (5 million messages of it would be ~22 GB); 2gb = 2 GB each. The logs span November 2026
// (30 days, more mail on weekday working hours) at every size: larger logs are busier servers.
//
// usage: node tests/bench/generate_large.mjs [--size train|small|1m|5m|2gb] [--out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = 1;      // the mailflow CSV and the extended report
const LOG_VERSION = 1;  // the Postfix and Exim logs
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

export const SIZES = {
  train: { csvBytes: 8e6, extBytes: 8e6, logBytes: 8e6 },
  small: { csvBytes: 100e6, extBytes: 100e6, logBytes: 100e6 },
  '1m': { csvMessages: 1e6, logMessages: 1e6 },
  '5m': { csvMessages: 5e6, logBytes: 2e9 },  // 5 million messages of Postfix log would be ~13 GB
  '2gb': { csvBytes: 2e9, extBytes: 2e9, logBytes: 2e9 },
};

// mulberry32: a small deterministic generator, the same numbers on every machine.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}
// Weighted choice: [[value, weight], ...]
function weighted(r, table) {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [v, w] of table) { if ((x -= w) < 0) return v; }
  return table[table.length - 1][0];
}
// Message sizes: mostly small, a long tail of attachments (2 KB .. ~25 MB).
function messageBytes(r) {
  const u = r.next();
  if (u < 0.70) return 2000 + r.below(60000);
  if (u < 0.95) return 60000 + r.below(900000);
  return 1000000 + r.below(24000000);
}

const DAY_MS = 86400000;
const START = Date.UTC(2026, 10, 1);  // 30 days of November 2026
const PARTNERS = ['fabrikam.com', 'adatum.com', 'wingtiptoys.com', 'relecloud.com', 'woodgrovebank.com',
  'northwindtraders.com', 'litwareinc.com', 'proseware.com', 'fourthcoffee.com', 'tailspintoys.com',
  'contoso-partner.net', 'alpineskihouse.com', 'margiestravel.com', 'lucernepublishing.com', 'bellowscollege.com'];
const HOSTS = [];
for (const d of PARTNERS) for (const h of ['mx', 'mx1', 'mx2', 'mail', 'smtp', 'o1', 'bulk', 'mail2', 'relay', 'out']) HOSTS.push(`${h}.${d}`);
for (let i = 0; i < 50; i++) HOSTS.push(`mail-${i}.outbound.protection.example.net`);

// ---- mailflow CSV ----------------------------------------------------------------------------------
const CSV_IN_CONNECTORS = [['Inbound from Fabrikam', 20], ['Gateway inbound', 40], ['Scanner relay', 5],
  ['', 25], ['Partner "Woodgrove", forced TLS', 5], ['Inbound from Adatum', 5]];
const CSV_OUT_CONNECTORS = [['Gateway outbound', 50], ['Outbound to Adatum', 15], ['', 30], ['Smart host, EU', 5]];
const CSV_TLS = [['1.3', 40], ['1.2', 45], ['1.1', 2], ['1.0', 3], ['none', 7], ['', 3]];

function csvCell(s) { return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; }

function iso(ms, fraction) {
  const s = new Date(ms).toISOString();
  return fraction ? s : s.slice(0, 19) + 'Z';
}

// ---- mailflow CSV, wide: the performance issue's shape ----------------------------------------------
// Ten columns: the seven of the mailflow CSV and the sender, the recipient and a subject of 150
// characters, unique (it begins with the message's number) and quoted, one in 20 with doubled
// quotes; 2,000 partner domains with one to three hosts each (a large organisation's correspondents).
const WIDE_PARTNERS = Array.from({ length: 2000 }, (_, i) => `partner${i}.example`);
const WIDE_WORDS = ['quarterly', 'invoice', 'report', 'meeting', 'update', 'project', 'review', 'budget', 'forecast',
  'contract', 'proposal', 'delivery', 'schedule', 'agenda', 'summary', 'notes', 'draft', 'final', 'approved', 'pending'];
const WIDE_USERS = ['megan', 'alex', 'lee', 'irvin', 'allan', 'johanna', 'lidia', 'grady', 'adele', 'pradeep', 'miriam', 'isaiah'];

// A wide row's remote host and its last three columns.
function wideSide(r, n, inbound) {
  const p = r.below(WIDE_PARTNERS.length), partner = WIDE_PARTNERS[p];
  const host = `${['mx', 'mail', 'smtp'][r.below(1 + (p % 3))]}.${partner}`;
  const user = r.pick(WIDE_USERS), other = r.pick(WIDE_USERS);
  const sender = inbound ? `${other}@${partner}` : `${user}@contoso.com`;
  const recipient = inbound ? `${user}@contoso.com` : `${other}.${user}@${partner}`;
  let subject = `${n} `;
  while (subject.length < 150) subject += r.pick(WIDE_WORDS) + ' ';
  subject = n % 20 === 0 ? subject.slice(0, 139) + ' "re: final"' : subject.slice(0, 150);
  return { host, rest: `,${sender},${recipient},${q(subject)}` };
}

// `wide`: the ten columns above instead of seven.
function writeMailflowCsv(file, { csvBytes, csvMessages }, wide = false) {
  const r = rng(wide ? 0x5EED : 0xC0FFEE);
  const fd = fs.openSync(file + '.tmp', 'w');
  let written = 0, messages = 0;
  const by = { inbound: { messages: 0, bytes: 0 }, outbound: { messages: 0, bytes: 0 } };
  const header = `timestamp,direction,connector,tls_version,bytes,message_id,remote_host${wide ? ',sender,recipient,subject' : ''}\n`;
  fs.writeSync(fd, header);
  written += header.length;
  // Messages spread evenly over 30 days (in file order, with jitter), like a SIEM export.
  const planned = csvMessages || Math.ceil(csvBytes / (wide ? 330 : 112));
  const step = (30 * DAY_MS) / planned;
  const done = () => (csvMessages ? messages >= csvMessages : written >= csvBytes);
  while (!done()) {
    let out = '';
    for (let k = 0; k < 20000 && !done(); k++) {
      const n = messages++;
      const t = START + Math.floor(Math.min(n * step + r.below(5000), 30 * DAY_MS - 1));
      const inbound = r.next() < 0.6;
      const dir = inbound ? 'inbound' : 'outbound';
      const connector = weighted(r, inbound ? CSV_IN_CONNECTORS : CSV_OUT_CONNECTORS);
      const tls = weighted(r, CSV_TLS);
      const bytes = messageBytes(r);
      const { host, rest } = wide ? wideSide(r, n, inbound) : { host: r.pick(HOSTS), rest: '' };
      const id = `<${n.toString(16).padStart(10, '0')}.${r.below(0xffffff).toString(16)}@${inbound ? host : 'eur01.contoso.com'}>`;
      by[dir].messages++;
      by[dir].bytes += bytes;
      const line = `${iso(t)},${dir},${csvCell(connector)},${tls},${bytes},${id},${host}${rest}\n`;
      out += line;
      written += line.length;  // ASCII only
    }
    fs.writeSync(fd, out);
  }
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
  return { rows: messages, messages, by_direction: by };
}

// ---- Exchange Online Extended report (UTF-16 LE) ---------------------------------------------------
const EXT_COLUMNS = ['date_time_utc', 'client_ip', 'client_hostname', 'server_ip', 'server_hostname', 'source_context',
  'connector_id', 'source', 'event_id', 'internal_message_id', 'message_id', 'network_message_id', 'recipient_address',
  'recipient_status', 'total_bytes', 'recipient_count', 'related_recipient_address', 'reference', 'message_subject',
  'sender_address', 'return_path', 'message_info', 'directionality', 'tenant_id', 'original_client_ip',
  'original_server_ip', 'custom_data'];
const EXT_IN_CONNECTORS = [['Inbound from Fabrikam', 25], ['', 60], ['Inbound from Adatum', 15]];
const EXT_OUT_CONNECTORS = [['Outbound to Adatum', 20], ['', 65], ['Smart host, EU', 15]];
const EXT_TLS = [['TLS1_2', 70], ['TLS1_3', 15], ['TLS1_1', 1], ['TLS1_0', 2], ['None', 5], [null, 7]];
const SUBJECTS = ['Invoice, November "final"', 'Re: Q4 plan', 'Updated forecast, regions A, B and C', 'Welcome aboard',
  'Timesheet approval', 'Angebot für Q1 – Müller GmbH', 'Wingtip Toys news: holiday catalogue, 20% off', 'Purchase order 3672'];
const USERS = ['megan', 'alex', 'lee', 'irvin', 'allan', 'johanna', 'lidia', 'grady', 'adele', 'pradeep', 'miriam', 'isaiah'];
const MBX = ['MBX01.svc.contoso.com', 'MBX02.svc.contoso.com', 'MBX03.svc.contoso.com', 'MBX04.svc.contoso.com'];
const TENANT = '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

function q(s) { return '"' + String(s).replace(/"/g, '""') + '"'; }
function hex(r, n) { let s = ''; while (s.length < n) s += r.below(0x10000).toString(16).padStart(4, '0'); return s.slice(0, n); }
function guid(r) { return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`; }
function ip(r, prefix) { return `${prefix}.${1 + r.below(250)}`; }

function extRow(f) { return EXT_COLUMNS.map((c) => q(f[c] ?? '')).join(',') + '\r\n'; }

// The events of one message: inbound (SMTP RECEIVE, AGENTINFO, DELIVER x2), outbound (STOREDRIVER
// RECEIVE, AGENTINFO, TRANSFER, SMTP SENDEXTERNAL) or internal (STOREDRIVER RECEIVE, AGENTINFO,
// DELIVER x2: not mail flow, counted by nobody).
function extMessage(r, n, t, by) {
  const kind = weighted(r, [['in', 55], ['out', 35], ['internal', 10]]);
  const bytes = messageBytes(r);
  const remote = r.pick(HOSTS);
  const user = r.pick(USERS) + '@contoso.com';
  const user2 = r.pick(USERS) + '@contoso.com';
  const mbx = r.pick(MBX);
  const nmid = guid(r);
  const imid = String(1099511627776 + n);
  const id = kind === 'in' ? `<${hex(r, 12)}.${n.toString(16)}@${remote}>` : `<${hex(r, 12).toUpperCase()}${n.toString(16)}@PH0PR01MB${1000 + r.below(9000)}.contoso.com>`;
  const subject = r.pick(SUBJECTS);
  const sender = kind === 'in' ? `${r.pick(USERS)}@${remote.split('.').slice(1).join('.')}` : user;
  const tls = weighted(r, EXT_TLS);
  const tlsData = tls === null ? '' : `;S:tlscipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;S:tlsversion=${tls}`;
  const base = { message_id: id, network_message_id: nmid, internal_message_id: imid, total_bytes: bytes,
    recipient_count: 1, message_subject: subject, sender_address: sender, return_path: sender, tenant_id: TENANT };
  const at = (ms) => iso(t + ms, true);
  const spam = `S:SFA=SUM|SFV=NSPM|SFS=${r.below(999999)}|SCL=1|SCORE=10|DI=SN|H=${remote}|LANG=en`;
  const rows = [];
  if (kind === 'in') {
    const cip = ip(r, '198.51.100');
    const connector = weighted(r, EXT_IN_CONNECTORS);
    const common = { ...base, directionality: 'Incoming', original_client_ip: cip };
    rows.push({ ...common, date_time_utc: at(0), client_ip: cip, client_hostname: remote, server_hostname: mbx,
      source_context: `08DE${hex(r, 12).toUpperCase()};${at(-2000)};0`, connector_id: connector, source: 'SMTP',
      event_id: 'RECEIVE', recipient_address: user,
      custom_data: `S:MimeParts=1/1/0/0/0;S:DeliveryPriority=Normal${tlsData};S:ProxyHop1=${mbx}` });
    rows.push({ ...common, date_time_utc: at(400), client_hostname: mbx, server_hostname: mbx, source: 'AGENT',
      event_id: 'AGENTINFO', recipient_address: user, custom_data: spam });
    for (const rcpt of [user, user2]) {
      rows.push({ ...common, date_time_utc: at(2100 + r.below(900)), client_hostname: mbx, server_hostname: r.pick(MBX),
        source: 'STOREDRIVER', event_id: 'DELIVER', recipient_address: rcpt, recipient_status: '250 2.1.5 Recipient OK',
        message_info: at(-1000) });
    }
    by.inbound.messages++;
    by.inbound.bytes += bytes;
  } else {
    const common = { ...base, directionality: 'Originating', original_client_ip: ip(r, '192.0.2') };
    const rcpt = kind === 'out' ? `${r.pick(USERS)}@${r.pick(PARTNERS)}` : user2;
    rows.push({ ...common, date_time_utc: at(0), client_hostname: mbx, server_hostname: mbx,
      source_context: `MDB:${guid(r)}, Mailbox:${hex(r, 8)}, Event:${r.below(99999)}, MessageClass:IPM.Note, ClientType:MOMT`,
      source: 'STOREDRIVER', event_id: 'RECEIVE', recipient_address: rcpt,
      custom_data: 'S:DeliveryPriority=Normal;S:AccountForest=contoso.onmicrosoft.com' });
    rows.push({ ...common, date_time_utc: at(300), client_hostname: mbx, server_hostname: mbx, source: 'AGENT',
      event_id: 'AGENTINFO', recipient_address: rcpt, custom_data: spam });
    if (kind === 'out') {
      const connector = weighted(r, EXT_OUT_CONNECTORS);
      rows.push({ ...common, date_time_utc: at(600), client_hostname: mbx, server_hostname: mbx, source: 'ROUTING',
        event_id: 'TRANSFER', recipient_address: rcpt, reference: id });
      rows.push({ ...common, date_time_utc: at(1500 + r.below(2000)), client_hostname: mbx, server_ip: ip(r, '203.0.113'),
        server_hostname: remote, source_context: `08DE${hex(r, 12).toUpperCase()};250 2.6.0 <${id}> Queued mail for delivery`,
        connector_id: connector, source: 'SMTP', event_id: 'SENDEXTERNAL', recipient_address: rcpt,
        recipient_status: '250 2.6.0 Queued mail for delivery', custom_data: `S:DeliveryPriority=Normal${tlsData};S:Outbound=1` });
      by.outbound.messages++;
      by.outbound.bytes += bytes;
    } else {
      for (const who of [rcpt, user]) {
        rows.push({ ...common, date_time_utc: at(1000 + r.below(900)), client_hostname: mbx, server_hostname: r.pick(MBX),
          source: 'STOREDRIVER', event_id: 'DELIVER', recipient_address: who, recipient_status: '250 2.1.5 Recipient OK' });
      }
    }
  }
  return rows;
}

function writeExtended(file, { extBytes }) {
  const r = rng(0xE17E4D);
  const fd = fs.openSync(file + '.tmp', 'w');
  const by = { inbound: { messages: 0, bytes: 0 }, outbound: { messages: 0, bytes: 0 } };
  let written = 0, messages = 0, rows = 0;
  const write = (text) => { const b = Buffer.from(text, 'utf16le'); fs.writeSync(fd, b); written += b.length; };
  fs.writeSync(fd, Buffer.from([0xff, 0xfe]));
  written += 2;
  write(EXT_COLUMNS.map(q).join(',') + '\r\n');
  const planned = Math.ceil(extBytes / 4600);
  const step = (30 * DAY_MS) / planned;
  while (written < extBytes) {
    // A block of messages, its events shuffled (Fisher-Yates), like the unsorted real exports.
    const block = [];
    for (let k = 0; k < 500; k++) {
      const n = messages++;
      const t = START + Math.floor(Math.min(n * step + r.below(60000), 30 * DAY_MS - 10000));
      for (const row of extMessage(r, n, t, by)) block.push(extRow(row));
    }
    for (let i = block.length - 1; i > 0; i--) { const j = r.below(i + 1); [block[i], block[j]] = [block[j], block[i]]; }
    rows += block.length;
    write(block.join(''));
  }
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
  return { rows, messages, by_direction: by };
}

// ---- Exchange Online message trace (Get-MessageTrace | Export-Csv) ---------------------------------
// The shape of the issue's own file: ten quoted columns, one row per recipient, unique message ids
// and subjects, en-US dates newest first (as the cmdlet returns them), UTF-8 without BOM and CRLF
// (PowerShell 7, or 5.1 with -NoTypeInformation). Direction from the IPs (FORMATS.md 1.3): FromIP
// only = inbound, ToIP only = outbound; internal mail (neither) is not counted. A message's rows
// share its id, size and trace id.
const TRACE_COLUMNS = ['Received', 'SenderAddress', 'RecipientAddress', 'Subject', 'Status', 'ToIP', 'FromIP', 'Size',
  'MessageId', 'MessageTraceId'];
const TRACE_STATUS = [['Delivered', 85], ['FilteredAsSpam', 6], ['Failed', 3], ['Quarantined', 2], ['Expanded', 2], ['Pending', 2]];
const WORDS = ['report', 'meeting', 'agenda', 'review', 'budget', 'contract', 'renewal', 'delivery', 'shipment', 'order',
  'payment', 'receipt', 'account', 'update', 'schedule', 'project', 'status', 'draft', 'signed', 'notes', 'minutes'];
function usDate(ms) {
  const d = new Date(ms), h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}
function writeMessageTrace(file, { csvBytes, csvMessages }) {
  const r = rng(0x7ACE);
  const fd = fs.openSync(file + '.tmp', 'w');
  const by = { inbound: { messages: 0, bytes: 0 }, outbound: { messages: 0, bytes: 0 } };
  let written = 0, messages = 0, rows = 0;
  const write = (text) => { const b = Buffer.from(text, 'utf8'); fs.writeSync(fd, b); written += b.length; };
  write(TRACE_COLUMNS.map(q).join(',') + '\r\n');
  const planned = csvMessages || Math.ceil(csvBytes / 430);
  const step = (30 * DAY_MS) / planned;
  const done = () => (csvMessages ? messages >= csvMessages : written >= csvBytes);
  while (!done()) {
    let out = '';
    for (let k = 0; k < 5000 && !done(); k++) {
      const n = messages++;
      const t = START + 30 * DAY_MS - 1 - Math.floor(Math.min(n * step + r.below(5000), 30 * DAY_MS - 1));
      const kind = weighted(r, [['in', 57], ['out', 38], ['internal', 5]]);
      const p = r.below(PARTNERS.length), partner = PARTNERS[p], user = `${r.pick(USERS)}@contoso.com`;
      const sender = kind === 'in' ? `${mailbox(r)}@${partner}` : user;
      const recipients = weighted(r, [[1, 90], [2, 8], [3, 2]]);
      let subject = `${r.pick(SUBJECTS)} #${n}`;
      for (let w = 6 + r.below(14); w > 0; w--) subject += ' ' + r.pick(WORDS);
      const bytes = messageBytes(r);
      const id = kind === 'in' ? `<${hex(r, 16)}.${n.toString(36)}@${r.pick(HOSTS)}>`
        : `<${guid(r)}@PH0PR01MB${1000 + r.below(9000)}.namprd01.prod.outlook.com>`;
      const traceId = guid(r);
      // A partner's mail comes from (and goes to) a few servers of its own.
      const remoteIp = `${p % 2 ? '198.51.100' : '203.0.113'}.${1 + 4 * p + r.below(4)}`;
      for (let i = 0; i < recipients; i++) {
        const recipient = kind === 'out' ? `${mailbox(r)}@${partner}` : `${r.pick(USERS)}@contoso.com`;
        out += [usDate(t), sender, recipient, subject, weighted(r, TRACE_STATUS), kind === 'out' ? remoteIp : '',
          kind === 'in' ? remoteIp : '', bytes, id, traceId].map(q).join(',') + '\r\n';
        rows++;
      }
      if (kind !== 'internal') {
        const dir = kind === 'in' ? 'inbound' : 'outbound';
        by[dir].messages++;
        by[dir].bytes += bytes;
      }
      if (out.length > 1 << 20) { write(out); out = ''; }
    }
    write(out);
  }
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
  return { rows, messages: by.inbound.messages + by.outbound.messages, by_direction: by };
}

// ---- mail logs: shared machinery ---------------------------------------------------------------------
// The two logs are written as a mail server writes them: each message is a transaction of several
// lines from several processes (smtpd, cleanup, qmgr, smtp, lmtp, amavis, ... for Postfix; the
// receiving and delivering processes of Exim), spread over seconds or, for a deferred delivery,
// minutes; transactions overlap, so their lines interleave. A transaction's lines go into buckets
// per second and are written once no later transaction can add to that second (transactions start
// in time order). A process (one pid) handles one session or delivery at a time and exits after
// 100 s idle or 100 uses, as Postfix's do; pids grow as the kernel hands them out.

// A log's month, written to `out` until it holds `logMessages` counted messages or `logBytes` bytes:
// transactions spread over the activity clock from `offset` ms past the start, planned from what one
// transaction gives on average (`perTransaction`: counted messages, bytes of log), each written by
// `transaction(t, room)` (room: messages still to count, Infinity for a size in bytes), with the
// periodic lines due before it and `noisePerStep` (plus a random fraction) other lines after it.
function writeMonth({ r, out, counted, logMessages, logBytes, perTransaction: [messagesEach, bytesEach], offset,
  noisePerStep, periodic, noise, transaction }) {
  const planned = logMessages ? Math.ceil(logMessages / messagesEach) : Math.ceil(logBytes / bytesEach);
  const clock = activityClock();
  const done = () => (logMessages ? counted() >= logMessages : out.bytes() >= logBytes);
  for (let k = 0; !done(); k++) {
    const t = Math.floor(clock(k / planned)) + offset;
    const step = clock((k + 1) / planned) - clock(k / planned);
    periodic(t);
    out.flushBefore(t);
    transaction(t, logMessages ? logMessages - counted() : Infinity);
    for (let x = noisePerStep + r.next(); x >= 1; x--) noise(t + Math.floor(r.next() * step));
  }
}

// 30 days of November 2026 (like the other files), more mail on weekday working hours.
const LOG_DAYS = 30;
function activityClock() {
  const minutes = LOG_DAYS * 1440;
  const cum = new Float64Array(minutes + 1);
  const firstWeekday = new Date(START).getUTCDay();
  for (let m = 0; m < minutes; m++) {
    const day = Math.floor(m / 1440), hour = (m % 1440) / 60;
    const weekday = (firstWeekday + day) % 7;
    let w = hour < 6 ? 0.15 : hour < 8 ? 0.15 + (hour - 6) * 0.42 : hour < 18 ? 1 : hour < 23 ? 0.45 : 0.22;
    if (weekday === 0 || weekday === 6) w *= 0.3;
    cum[m + 1] = cum[m] + w;
  }
  const span = minutes * 60000;
  // u in [0, 1): the planned share of the log's transactions before this one -> ms since START.
  // Past the plan (a byte target reached later than estimated) the log goes on at the mean rate.
  return (u) => {
    if (u >= 1) return START + span * u;
    const target = u * cum[minutes];
    let lo = 0, hi = minutes;
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (cum[mid] <= target) lo = mid; else hi = mid; }
    return START + (lo + (target - cum[lo]) / (cum[lo + 1] - cum[lo])) * 60000;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n) => (n < 10 ? '0' + n : String(n));
// "Nov  1 08:15:02" (classic syslog: no year, the day padded with a space)
function classicStamp(sec) {
  const d = new Date(sec * 1000), day = d.getUTCDate();
  return `${MONTHS[d.getUTCMonth()]} ${day < 10 ? ' ' + day : day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}
// "2026-11-01 08:15:02" (Exim's main log)
const eximStamp = (sec) => new Date(sec * 1000).toISOString().slice(0, 19).replace('T', ' ');

// Lines by second, written in time order (within a second in the order they were made, which keeps
// every transaction's own lines in order). ASCII only: length = bytes.
class LogOut {
  constructor(file, prefixOf, startMs) {
    this.file = file;
    this.fd = fs.openSync(file + '.tmp', 'w');
    this.prefixOf = prefixOf;
    this.buckets = new Map();
    this.cursor = Math.floor(startMs / 1000);
    this.last = this.cursor;
    this.out = [];
    this.outLength = 0;
    this.written = 0;
    this.lines = 0;
  }
  at(ms, text) {
    const s = Math.floor(ms / 1000);
    if (s < this.cursor) throw new Error(`line at ${s} after second ${this.cursor} was written: ${text}`);
    let b = this.buckets.get(s);
    if (!b) this.buckets.set(s, (b = []));
    b.push(text);
    if (s > this.last) this.last = s;
  }
  // Writes every second before `ms`: no transaction made from now on starts before it.
  flushBefore(ms) {
    const limit = Math.floor(ms / 1000);
    for (; this.cursor < limit; this.cursor++) {
      const b = this.buckets.get(this.cursor);
      if (!b) continue;
      this.buckets.delete(this.cursor);
      const prefix = this.prefixOf(this.cursor);
      for (const text of b) {
        const line = prefix + text + '\n';
        this.out.push(line);
        this.outLength += line.length;
      }
      this.lines += b.length;
      if (this.outLength >= 1 << 20) this.drain();
    }
  }
  drain() {
    if (!this.out.length) return;
    const s = this.out.join('');
    fs.writeSync(this.fd, s);
    this.written += s.length;
    this.out = [];
    this.outLength = 0;
  }
  bytes() { return this.written + this.outLength; }
  close() {
    this.flushBefore((this.last + 1) * 1000);
    this.drain();
    fs.closeSync(this.fd);
    fs.renameSync(this.file + '.tmp', this.file);
  }
}

// Pids as the kernel hands them out (pid_max 4194304, as systemd sets it), shared by all pools.
function pidAllocator(r, start) {
  let pid = start;
  return () => {
    pid += 1 + r.below(6);
    if (pid >= 4194304) pid = 300 + r.below(1000);
    return pid;
  };
}
// Processes of one service: a free one (the most recently used) or a new one; take() marks it busy
// until the caller sets busyUntil.
class Pool {
  constructor(nextPid, maxIdleMs = 100000, maxUse = 100) {
    this.nextPid = nextPid;
    this.maxIdle = maxIdleMs;
    this.maxUse = maxUse;
    this.procs = [];
  }
  take(t) {
    let best = null;
    for (let i = this.procs.length - 1; i >= 0; i--) {
      const p = this.procs[i];
      if (p.busyUntil > t) continue;
      if (t - p.busyUntil > this.maxIdle || p.uses >= this.maxUse) { this.procs.splice(i, 1); continue; }  // exited
      if (!best || p.busyUntil > best.busyUntil) best = p;
    }
    if (!best) this.procs.push((best = { pid: this.nextPid(), busyUntil: 0, uses: 0 }));
    best.uses++;
    best.busyUntil = Infinity;
    return best;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function randomText(r, n, alphabet = B64) { let s = ''; for (let i = 0; i < n; i++) s += alphabet[r.below(alphabet.length)]; return s; }
const uuid = (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${'89ab'[r.below(4)]}${hex(r, 3)}-${hex(r, 12)}`;
function base62(n, width) { let s = ''; while (n > 0) { s = B62[n % 62] + s; n = Math.floor(n / 62); } return s.padStart(width, '0'); }
// Postfix's delay figures: seconds with two decimals below 10 s, one above ("0.41", "12.3", "0").
const secs = (s) => s.toFixed(s < 10 ? 2 : 1).replace(/\.?0+$/, '');

// Who the server talks to. Every remote host has one TLS behaviour (the same software each time):
// a version (or none) and how its handshake reads. Addresses from the documentation ranges
// (198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) and, for the many unknown senders and probes,
// the benchmarking range 198.18.0.0/15: none of them is a real host.
const TLS_INBOUND = [['1.3', 58], ['1.2', 31], ['none', 7], ['1.1', 1], ['1.0', 3]];
const TLS_OUTBOUND = [['1.3', 55], ['1.2', 38], ['none', 6], ['1.1', 0.5], ['1.0', 0.5]];
const TLS_UNKNOWN = [['1.3', 45], ['1.2', 25], ['none', 30]];
const FREEMAIL = ['example.com', 'example.org', 'example.net'];
const DOMAINS = [...PARTNERS, ...FREEMAIL];
const FIRST = ['anna', 'ben', 'carla', 'dev', 'emma', 'farid', 'gita', 'hugo', 'ines', 'jonas', 'kim', 'lars', 'mia', 'noah',
  'olga', 'paul', 'quinn', 'rosa', 'sam', 'tara'];
const LAST = ['smith', 'meyer', 'rossi', 'novak', 'garcia', 'kowalski', 'jensen', 'dubois', 'silva', 'tanaka'];
const mailbox = (r) => (r.next() < 0.5 ? r.pick(FIRST) : `${r.pick(FIRST)}.${r.pick(LAST)}`);
// Recipients of a message we send: 1..4, mostly one domain; each domain counts once (its own
// delivery), so a message never counts more than `room`.
function recipientsOut(r, room) {
  const n = weighted(r, [[1, 70], [2, 18], [3, 8], [4, 4]]);
  const byDomain = new Map();
  for (let i = 0; i < n; i++) {
    const d = i > 0 && r.next() < 0.6 ? [...byDomain.keys()][0] : r.pick(DOMAINS);
    if (!byDomain.has(d) && byDomain.size >= room) continue;
    if (!byDomain.has(d)) byDomain.set(d, []);
    const to = `${mailbox(r)}@${d}`;
    if (!byDomain.get(d).includes(to)) byDomain.get(d).push(to);
  }
  return byDomain;
}

function remoteWorld(r) {
  let k = 0;
  const ip4 = () => { k++; return `${k % 2 ? '198.51.100' : '203.0.113'}.${1 + ((k >> 1) % 254)}`; };
  const ip6 = () => { k++; return `2001:db8:${(k * 7).toString(16)}::${(25 + k).toString(16)}`; };
  const v6Domains = new Set(['fabrikam.com', 'relecloud.com', 'example.net']);
  // Hosts that send to us.
  const senders = [];
  for (const d of DOMAINS) {
    for (const [h, w] of [['mail', 6], ['smtp', 3], ['out', 2], ['o1', 1], ['bulk', 4]]) {
      const name = d === 'example.com' ? `${h}-${senders.length}.mx.example.com` : `${h}.${d}`;
      senders.push({ name, ip: v6Domains.has(d) && h === 'mail' ? ip6() : ip4(), domain: d, tls: weighted(r, TLS_INBOUND),
        weight: w * (FREEMAIL.includes(d) ? 3 : 1), helo: r.next() < 0.85 ? name : `${h}${r.below(9)}.internal.${d}` });
    }
  }
  for (let i = 0; i < 50; i++) {
    const name = `mail-${['db', 'am', 'eu', 'ph'][i % 4]}${3 + (i % 5)}${r.below(90) + 10}.outbound.protection.example.net`;
    senders.push({ name, ip: ip4(), domain: r.pick(PARTNERS), tls: r.next() < 0.9 ? '1.2' : '1.3', weight: 2, helo: name });
  }
  const senderCum = [];
  let senderTotal = 0;
  for (const s of senders) senderCum.push((senderTotal += s.weight));
  const sender = () => {
    const x = r.next() * senderTotal;
    let lo = 0, hi = senders.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (senderCum[mid] > x) hi = mid; else lo = mid + 1; }
    return senders[lo];
  };
  // Their MX hosts (where we deliver); three domains share one provider's MX.
  const shared = { name: 'aspmx.l.example-mail.net', ip: ip4(), tls: '1.3', trust: 'Trusted' };
  const mx = new Map();
  for (const d of DOMAINS) {
    if (['litwareinc.com', 'proseware.com', 'fourthcoffee.com'].includes(d)) { mx.set(d, [shared]); continue; }
    const hosts = [];
    for (const h of d === 'example.com' ? ['mx1', 'mx2', 'mx3'] : ['mx1', 'mx2']) {
      hosts.push({ name: `${h}.${d}`, ip: v6Domains.has(d) && h === 'mx1' ? ip6() : ip4(), tls: weighted(r, TLS_OUTBOUND),
        trust: weighted(r, [['Verified', 30], ['Trusted', 45], ['Untrusted', 25]]) });
    }
    for (const h of hosts.slice(1)) if (r.next() < 0.7) h.tls = hosts[0].tls;  // mostly one setup per domain
    mx.set(d, hosts);
  }
  const mxFor = (d) => { const hosts = mx.get(d); return r.next() < 0.85 ? hosts[0] : r.pick(hosts); };
  // A host we do not know: no reverse DNS (unknown) or a dynamic address's name.
  const stranger = () => {
    const ip = `198.${18 + r.below(2)}.${r.below(256)}.${1 + r.below(254)}`;
    const name = r.next() < 0.6 ? 'unknown' : `host-${ip.replace(/\./g, '-')}.dyn.example-isp.net`;
    return { name, ip, tls: weighted(r, TLS_UNKNOWN), domain: r.pick(['example.com', 'example.org', 'example-spam.biz', 'example-promo.info']),
      helo: r.next() < 0.5 ? name : r.pick(['User', 'WIN-7SQ1GR4AB2L', 'localhost', `[${ip}]`, 'mail.example.com']), stranger: true };
  };
  return { sender, mxFor, stranger };
}

// ---- Postfix (syslog, /var/log/mail.log) ------------------------------------------------------------
// One host (mx1, Postfix 3.9 with OpenSSL 3) that takes mail for contoso.com on port 25, hands it to
// amavis (127.0.0.1:10024, re-injected on 127.0.0.1:10025 as postfix/10025/smtpd under a new queue
// id) and delivers it to Dovecot over LMTP; users send through the submission service
// (postfix/submission/smtpd, SASL) and local programs through pickup; messages leave through
// postfix/smtp, DKIM-signed by opendkim. smtpd_tls_loglevel and smtp_tls_loglevel are 1. Classic
// syslog stamps (no year). Besides the mail: probes and rejected connections, SASL failures,
// anvil/scache statistics, Dovecot and opendkim lines, a daily reload.
//
// What counts (the rules of engine/formats/postfix/postfix.h and FORMATS.md §6):
//   inbound   a `QUEUEID: client=host[ip]` line of port 25's smtpd = one message, its bytes the
//             qmgr size= of that queue id (also when amavis then discards it as spam: it was
//             received); not counted: the re-injection from amavis (client on 127.0.0.1),
//             submission (sasl_username, the submission service), and a message that cleanup
//             rejected at the end of data (`QUEUEID: milter-reject: END-OF-MESSAGE ...`, after which
//             no queue manager line comes: the sender got a 5xx, the message was never received);
//   outbound  `QUEUEID: to=<...>, relay=host[ip]:25, ..., status=sent` of postfix/smtp = one message
//             per queue id and relay (further recipients at that relay are the same delivery), its
//             bytes the qmgr size= of that queue id (0 when the log holds none: the deliveries at
//             the very start, queued before the log began); not counted: the hand-over to amavis
//             (127.0.0.1:10024), LMTP deliveries, deferred and bounced ones (a deferred delivery
//             that goes later counts then).
// TLS (for the meta's by_tls, not checked by the bench): the version of the session's smtpd TLS
// line (none without one; "no-data" for a session that began before the log), and of the smtp TLS
// line to the same relay before the delivery.
function writePostfixLog(file, { logBytes, logMessages }) {
  const r = rng(0x9057F1C5);
  const world = remoteWorld(r);
  const out = new LogOut(file, (sec) => `${classicStamp(sec)} mx1 `, START);
  const nextPid = pidAllocator(r, 1046000);
  const pool = { smtpd: new Pool(nextPid), submission: new Pool(nextPid), reinject: new Pool(nextPid), smtp: new Pool(nextPid),
    lmtp: new Pool(nextPid), cleanup: new Pool(nextPid), bounce: new Pool(nextPid), amavis: new Pool(nextPid, Infinity, 20) };
  const daemon = { master: 1021, qmgr: nextPid(), pickup: nextPid(), anvil: nextPid(), scache: nextPid(), opendkim: 812, dovecotLmtp: nextPid() };
  const by = { inbound: { messages: 0, bytes: 0 }, outbound: { messages: 0, bytes: 0 } };
  const byTls = { inbound: {}, outbound: {} };
  const count = (dir, bytes, tls) => { by[dir].messages++; by[dir].bytes += bytes; byTls[dir][tls] = (byTls[dir][tls] || 0) + 1; };
  const counted = () => by.inbound.messages + by.outbound.messages;

  // Queue ids as Postfix makes short ones: 5 hex digits of the microseconds, then the queue file's
  // inode number in hex (here ever growing, so no id comes twice in the file).
  let inode = 0x2A0B1;
  const queueId = (t) => (((t % 1000) * 1000 + r.below(1000)).toString(16).padStart(5, '0') + (inode++).toString(16)).toUpperCase();
  const cleanup = (t) => { const p = pool.cleanup.take(t); p.busyUntil = t + 30; return p.pid; };
  const line = (t, text) => out.at(t, text);
  const qmgr = (t, q, from, size, nrcpt) => line(t, `postfix/qmgr[${daemon.qmgr}]: ${q}: from=<${from}>, size=${size}, nrcpt=${nrcpt} (queue active)`);
  const delays = (total, a, b, c) => `delay=${secs(total)}, delays=${secs(a)}/${secs(b)}/${secs(c)}/${secs(Math.max(0, total - a - b - c))}`;

  const serverTls = new Map();  // per sender host: its TLS line's tail
  const tlsProtocol = (v) => (v === '1.0' ? 'TLSv1' : 'TLSv' + v);
  const serverTlsText = (h) => {
    let s = serverTls.get(h);
    if (!s) {
      if (h.tls === '1.3') {
        s = `TLSv1.3 with cipher ${weighted(r, [['TLS_AES_256_GCM_SHA384 (256/256 bits)', 70], ['TLS_AES_128_GCM_SHA256 (128/128 bits)', 20], ['TLS_CHACHA20_POLY1305_SHA256 (256/256 bits)', 10]])}` +
          ` key-exchange ${r.next() < 0.3 ? 'X25519MLKEM768' : 'X25519'} server-signature RSA-PSS (2048 bits) server-digest SHA256`;
      } else if (h.tls === '1.2') {
        s = `TLSv1.2 with cipher ${r.next() < 0.8 ? 'ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)' : 'ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)'}` +
          (r.next() < 0.7 ? ' key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256' : '');
      } else {
        s = `${tlsProtocol(h.tls)} with cipher ECDHE-RSA-AES256-SHA (256/256 bits)`;
      }
      if (!h.stranger) serverTls.set(h, s);
    }
    return s;
  };
  const clientTlsText = (m) => {
    if (!m.tlsText) {
      m.tlsText = m.tls === '1.3'
        ? `TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ${r.next() < 0.5 ? 'ECDSA (P-256)' : 'RSA-PSS (4096 bits)'} server-digest SHA256`
        : m.tls === '1.2' ? 'TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)' : `${tlsProtocol(m.tls)} with cipher ECDHE-RSA-AES256-SHA (256/256 bits)`;
    }
    return m.tlsText;
  };
  const recentTls = new Map();  // relay -> time of the last TLS delivery (a cached connection may be reused)

  // One delivery attempt of queue id q to the recipients rcpts of one domain through postfix/smtp.
  // Returns the time it ends. A delivery that went counts once per queue id and relay (`sentTo`
  // holds the queue id's relays so far: two domains with one MX are one message there).
  function smtpDelivery(t, q, size, rcpts, relayHost, outcome, origOf, sentTo) {
    const p = pool.smtp.take(t);
    const relay = `${relayHost.name}[${relayHost.ip}]:25`;
    let at = t + 20 + r.below(400);
    if (outcome === 'timeout') {
      at += 30000;
      line(at, `postfix/smtp[${p.pid}]: connect to ${relay}: Connection timed out`);
      for (const rc of rcpts)
        line(at, `postfix/smtp[${p.pid}]: ${q}: to=<${rc}>, relay=none, ${delays((at - t) / 1000 + 0.2, 0.2, 0.01, (at - t) / 1000)}, dsn=4.4.1, status=deferred (connect to ${relay}: Connection timed out)`);
      p.busyUntil = at;
      return at;
    }
    let reused = false;
    if (relayHost.tls !== 'none') {
      reused = recentTls.has(relay) && at - recentTls.get(relay) < 300000 && r.next() < 0.5;
      line(at, `postfix/smtp[${p.pid}]: ${relayHost.trust} TLS connection ${reused ? 'reused' : 'established'} to ${relay}: ${clientTlsText(relayHost)}`);
      recentTls.set(relay, at);
      at += 50 + r.below(300);
    }
    const transfer = 150 + Math.floor(size / 4000) + r.below(400);
    at += transfer;
    const total = (at - t) / 1000 + 0.3;
    const common = `relay=${relay}, ${reused ? 'conn_use=2, ' : ''}${delays(total, 0.3, 0.01, 0.1)}`;
    const queuedAs = randomText(r, 12, B62);  // one SMTP transaction for all its recipients
    for (let i = 0; i < rcpts.length; i++) {
      const to = `to=<${rcpts[i]}>${origOf ? `, orig_to=<${origOf.get(rcpts[i])}>` : ''}`;
      if (outcome === 'sent') {
        line(at, `postfix/smtp[${p.pid}]: ${q}: ${to}, ${common}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${queuedAs})`);
      } else if (outcome === 'deferred') {
        line(at, `postfix/smtp[${p.pid}]: ${q}: ${to}, ${common}, dsn=4.7.1, status=deferred (host ${relayHost.name}[${relayHost.ip}] said: 450 4.7.1 <${rcpts[i]}>: Recipient address rejected: Greylisted, please try again later (in reply to RCPT TO command))`);
      } else {
        line(at, `postfix/smtp[${p.pid}]: ${q}: ${to}, ${common}, dsn=5.1.1, status=bounced (host ${relayHost.name}[${relayHost.ip}] said: 550 5.1.1 <${rcpts[i]}>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))`);
      }
    }
    if (outcome === 'sent' && !sentTo.has(relay)) { sentTo.add(relay); count('outbound', size, relayHost.tls); }
    p.busyUntil = at + 5;
    return at;
  }

  // Delivery to a local mailbox: Dovecot's line, then postfix/lmtp's.
  function lmtpDelivery(t, q, rcpt, messageId) {
    const p = pool.lmtp.take(t);
    const at = t + 30 + r.below(200);
    const session = randomText(r, 22);
    line(at - 5, `dovecot: lmtp(${rcpt})<${daemon.dovecotLmtp}><${randomText(r, 22)}>: msgid=<${messageId}>: saved mail to INBOX`);
    line(at, `postfix/lmtp[${p.pid}]: ${q}: to=<${rcpt}>, relay=mx1.contoso.com[private/dovecot-lmtp], ${delays((at - t) / 1000 + 0.4, 0.35, 0.01, 0.02)}, dsn=2.0.0, status=sent (250 2.0.0 <${rcpt}> ${session} Saved)`);
    p.busyUntil = at + 2;
    return at;
  }

  // The non-delivery notice of a bounced delivery, to a local sender.
  function bounceNotice(t, q, sender) {
    const p = pool.bounce.take(t);
    const qb = queueId(t);
    line(t, `postfix/bounce[${p.pid}]: ${q}: sender non-delivery notification: ${qb}`);
    p.busyUntil = t + 10;
    const mid = `${new Date(t).toISOString().replace(/\D/g, '').slice(0, 14)}.${qb}@mx1.contoso.com`;
    line(t + 2, `postfix/cleanup[${cleanup(t)}]: ${qb}: message-id=<${mid}>`);
    qmgr(t + 4, qb, '', 3000 + r.below(4000), 1);
    const end = lmtpDelivery(t + 6, qb, sender, mid);
    line(end + 1, `postfix/qmgr[${daemon.qmgr}]: ${qb}: removed`);
  }

  // A queued message of ours to remote recipients (grouped by domain), from submission, pickup or a
  // forward (origOf: recipient -> the address it was forwarded from): deliveries in parallel, each
  // sent, greylisted then sent, timed out then sent, or bounced. Returns when the queue file is
  // removed (after the last retry).
  function deliverOut(t, q, from, size, byDomain, localSender, origOf = null) {
    let end = t;
    const sentTo = new Set();
    for (const [domain, rcpts] of byDomain) {
      const relayHost = world.mxFor(domain);
      const outcome = weighted(r, [['sent', 94], ['deferred', 3], ['timeout', 1], ['bounced', 2]]);
      const start = t + 10 + r.below(300);
      const first = smtpDelivery(start, q, size, rcpts, relayHost, outcome, origOf, sentTo);
      end = Math.max(end, first);
      if (outcome === 'deferred' || outcome === 'timeout') {
        // The next queue run: qmgr takes it in again, then a delivery that goes.
        const retry = first + 300000 + r.below(1500000);
        qmgr(retry, q, from, size, rcpts.length);
        end = Math.max(end, smtpDelivery(retry + 20, q, size, rcpts, outcome === 'timeout' ? world.mxFor(domain) : relayHost, 'sent', origOf, sentTo));
      } else if (outcome === 'bounced' && localSender) {
        bounceNotice(first + 5, q, localSender);
        end = Math.max(end, first + 300);
      }
    }
    return end + 2;
  }


  // Mail from outside on port 25: a session of one or more messages, each scanned by amavis and
  // re-injected, then delivered to the mailboxes (or forwarded out, which counts as sent too).
  function inboundSession(t, room, simple) {
    const h = world.sender();
    const p = pool.smtpd.take(t);
    const peer = `${h.name}[${h.ip}]`;
    let at = t;
    line(at, `postfix/smtpd[${p.pid}]: connect from ${peer}`);
    const tls = h.tls !== 'none';
    if (tls) line((at += 40 + r.below(160)), `postfix/smtpd[${p.pid}]: Anonymous TLS connection established from ${peer}: ${serverTlsText(h)}`);
    const n = simple ? 1 : Math.min(room, weighted(r, [[1, 85], [2, 10], [3, 5]]));
    let ok = 0, rcptTotal = 0;
    for (let i = 0; i < n; i++) {
      const q = queueId((at += 150 + r.below(1200)));
      line(at, `postfix/smtpd[${p.pid}]: ${q}: client=${peer}`);
      const size = messageBytes(r);
      const nrcpt = simple ? 1 : weighted(r, [[1, 80], [2, 15], [3, 5]]);
      rcptTotal += nrcpt;
      const from = r.next() < 0.04 ? '' : `${r.pick(['info', 'noreply', 'billing', 'news', 'support', mailbox(r)])}@${h.domain}`;
      const rcpts = Array.from({ length: nrcpt }, () => `${r.pick(USERS)}@contoso.com`);
      const messageId = `${randomText(r, 16, B62)}@${h.stranger ? h.domain : h.name}`;
      at += 100 + Math.floor(size / 2000);
      const c = cleanup(at);
      line(at, `postfix/cleanup[${c}]: ${q}: message-id=<${messageId}>`);
      if (!simple && r.next() < 0.02) {
        // Rejected at the end of data by the spam milter: no queue manager line follows.
        line(at + 40, `postfix/cleanup[${c}]: ${q}: milter-reject: END-OF-MESSAGE from ${peer}: 5.7.1 Spam message rejected; from=<${from}> to=<${rcpts[0]}> proto=ESMTP helo=<${h.helo}>`);
        continue;
      }
      ok++;
      if (!h.stranger && r.next() < 0.6) line(at + 20, `opendkim[${daemon.opendkim}]: ${q}: DKIM verification successful`);
      qmgr(at + 30, q, from, size, nrcpt);
      count('inbound', size, h.tls);
      scanAndDeliver(at + 40 + r.below(60), q, from, size, rcpts, messageId, h, room - 1, simple);
    }
    at += 50 + r.below(300);
    const counters = `ehlo=${tls ? 2 : 1}${tls ? ' starttls=1' : ''} mail=${n} rcpt=${rcptTotal} data=${ok === n ? n : `${ok}/${n}`} quit=1`;
    const commands = (tls ? 3 : 1) + n * 2 + rcptTotal + 1;
    line(at, `postfix/smtpd[${p.pid}]: disconnect from ${peer} ${counters} commands=${ok === n ? commands : `${commands - (n - ok)}/${commands}`}`);
    p.busyUntil = at + 1;
  }

  // amavis: the hand-over on 127.0.0.1:10024, its verdict, the re-injection on 10025 under a new
  // queue id, the local deliveries (and a rare forward to an outside address).
  function scanAndDeliver(t, q, from, size, rcpts, messageId, h, room, simple) {
    const smtp = pool.smtp.take(t);
    const a = pool.amavis.take(t);
    const scan = 300 + r.below(2200) + Math.floor(size / 20000);
    const done = t + scan;
    const verdict = weighted(r, h.stranger ? [['CLEAN', 50], ['SPAMMY', 25], ['SPAM', 25]] : [['CLEAN', 95], ['SPAMMY', 4], ['SPAM', 1]]);
    const request = `${a.pid}-${pad2(a.uses)}`;
    const mailId = randomText(r, 12, B62);
    const hits = verdict === 'CLEAN' ? (-3 + r.next() * 5).toFixed(3) : (6 + r.next() * 20).toFixed(3);
    const head = `[${h.ip}]:${1024 + r.below(64000)} [${h.ip}] <${from}> -> ${rcpts.map((x) => `<${x}>`).join(',')}`;
    const hop = `relay=127.0.0.1[127.0.0.1]:10024, ${delays(scan / 1000 + 0.1, 0.08, 0.01, 0.01)}`;
    if (verdict === 'SPAM') {
      line(done, `amavis[${a.pid}]: (${request}) Blocked SPAM {DiscardedInbound,Quarantined}, ${head}, quarantine: spam-${mailId}.gz, Queue-ID: ${q}, Message-ID: <${messageId}>, mail_id: ${mailId}, Hits: ${hits}, size: ${size}, ${scan} ms`);
      for (const rc of rcpts) line(done + 2, `postfix/smtp[${smtp.pid}]: ${q}: to=<${rc}>, ${hop}, dsn=2.7.0, status=sent (250 2.7.0 Ok, discarded, id=${request} - spam)`);
      line(done + 4, `postfix/qmgr[${daemon.qmgr}]: ${q}: removed`);
      smtp.busyUntil = a.busyUntil = done + 5;
      return;
    }
    // The re-injection, while amavis still holds the hand-over.
    const re = pool.reinject.take(done - 60);
    const q2 = queueId(done - 50);
    line(done - 60, `postfix/10025/smtpd[${re.pid}]: connect from localhost[127.0.0.1]`);
    line(done - 50, `postfix/10025/smtpd[${re.pid}]: ${q2}: client=localhost[127.0.0.1]`);
    line(done - 40, `postfix/cleanup[${cleanup(done - 40)}]: ${q2}: message-id=<${messageId}>`);
    const size2 = size + 900 + r.below(500);  // amavis adds its headers
    qmgr(done - 30, q2, from, size2, rcpts.length);
    line(done - 20, `postfix/10025/smtpd[${re.pid}]: disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=${rcpts.length} data=1 quit=1 commands=${4 + rcpts.length}`);
    re.busyUntil = done - 19;
    const kind = verdict === 'CLEAN' ? 'Passed CLEAN {RelayedInbound}' : 'Passed SPAMMY {RelayedTaggedInbound}';
    line(done, `amavis[${a.pid}]: (${request}) ${kind}, ${head}, Queue-ID: ${q}, Message-ID: <${messageId}>, mail_id: ${mailId}, Hits: ${hits}, size: ${size}, queued_as: ${q2}, ${scan} ms`);
    for (const rc of rcpts) line(done + 2, `postfix/smtp[${smtp.pid}]: ${q}: to=<${rc}>, ${hop}, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as ${q2})`);
    line(done + 4, `postfix/qmgr[${daemon.qmgr}]: ${q}: removed`);
    smtp.busyUntil = a.busyUntil = done + 5;
    let end = done + 10;
    const forwards = new Map(), origOf = new Map();
    for (const rc of rcpts) {
      if (!simple && room > forwards.size && r.next() < 0.02) {
        // A user who forwards his mail to an outside mailbox (virtual alias): the re-injected
        // queue id goes out through postfix/smtp.
        const d = r.pick(FREEMAIL), to = `${rc.split('@')[0]}.private@${d}`;
        if (!forwards.has(d)) forwards.set(d, []);
        forwards.get(d).push(to);
        origOf.set(to, rc);
      } else {
        end = Math.max(end, lmtpDelivery(done + 10 + r.below(100), q2, rc, messageId));
      }
    }
    if (forwards.size) end = Math.max(end, deliverOut(done + 10, q2, from, size2, forwards, null, origOf));
    line(end + 1, `postfix/qmgr[${daemon.qmgr}]: ${q2}: removed`);
  }

  // A user sends through the submission service (SASL over STARTTLS), DKIM-signed by opendkim.
  function submission(t, room) {
    const user = `${r.pick(USERS)}@contoso.com`;
    const client = r.next() < 0.6 ? { name: 'gw.office.contoso.com', ip: '192.0.2.40' } : { name: 'unknown', ip: `203.0.113.${1 + r.below(254)}` };
    const peer = `${client.name}[${client.ip}]`;
    const p = pool.submission.take(t);
    let at = t;
    line(at, `postfix/submission/smtpd[${p.pid}]: connect from ${peer}`);
    line((at += 30 + r.below(100)), `postfix/submission/smtpd[${p.pid}]: Anonymous TLS connection established from ${peer}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`);
    const q = queueId((at += 200 + r.below(500)));
    line(at, `postfix/submission/smtpd[${p.pid}]: ${q}: client=${peer}, sasl_method=${r.next() < 0.7 ? 'PLAIN' : 'LOGIN'}, sasl_username=${user}`);
    const byDomain = recipientsOut(r, room);
    const local = r.next() < 0.25 ? [`${r.pick(USERS)}@contoso.com`] : [];
    const nrcpt = [...byDomain.values()].reduce((s, x) => s + x.length, 0) + local.length;
    const size = messageBytes(r);
    const messageId = `${uuid(r)}@contoso.com`;
    at += 100 + Math.floor(size / 3000);
    line(at, `postfix/cleanup[${cleanup(at)}]: ${q}: message-id=<${messageId}>`);
    line(at + 15, `opendkim[${daemon.opendkim}]: ${q}: DKIM-Signature field added (s=mail2026, d=contoso.com)`);
    qmgr(at + 25, q, user, size, nrcpt);
    line(at + 60, `postfix/submission/smtpd[${p.pid}]: disconnect from ${peer} ehlo=2 starttls=1 auth=1 mail=1 rcpt=${nrcpt} data=1 quit=1 commands=${6 + nrcpt}`);
    p.busyUntil = at + 61;
    let end = deliverOut(at + 30, q, user, size, byDomain, user);
    for (const rc of local) end = Math.max(end, lmtpDelivery(at + 40, q, rc, messageId));
    line(end + 1, `postfix/qmgr[${daemon.qmgr}]: ${q}: removed`);
  }

  // A local program (the web shop, cron) sends through sendmail/pickup.
  function pickup(t) {
    const q = queueId(t);
    const [uid, name] = r.next() < 0.8 ? [33, 'www-data'] : [0, 'root'];
    line(t, `postfix/pickup[${daemon.pickup}]: ${q}: uid=${uid} from=<${name}>`);
    const messageId = `${new Date(t).toISOString().replace(/\D/g, '').slice(0, 14)}.${q}@mx1.contoso.com`;
    line(t + 3, `postfix/cleanup[${cleanup(t + 3)}]: ${q}: message-id=<${messageId}>`);
    const size = 1500 + r.below(30000);
    const from = `${name}@mx1.contoso.com`;
    qmgr(t + 6, q, from, size, 1);
    const d = r.pick(DOMAINS);
    const end = deliverOut(t + 10, q, from, size, new Map([[d, [`${mailbox(r)}@${d}`]]]), null);
    line(end + 1, `postfix/qmgr[${daemon.qmgr}]: ${q}: removed`);
  }

  // Not mail: what an Internet-facing port 25 and 587 get most of the time.
  function noise(t) {
    const h = world.stranger();
    const peer = `${h.name}[${h.ip}]`;
    const kind = weighted(r, [['lost', 30], ['tlsprobe', 20], ['rbl', 15], ['unknownuser', 10], ['sslerror', 5], ['saslfail', 12], ['imap', 8]]);
    if (kind === 'imap') {
      const user = `${r.pick(USERS)}@contoso.com`, s = randomText(r, 16), mpid = nextPid();
      line(t, `dovecot: imap-login: Login: user=<${user}>, method=PLAIN, rip=203.0.113.${1 + r.below(254)}, lip=192.0.2.10, mpid=${mpid}, TLS, session=<${s}>`);
      line(t + 20000 + r.below(600000), `dovecot: imap(${user})<${mpid}><${s}>: Disconnected: Logged out in=${100 + r.below(900)} out=${1000 + r.below(90000)} deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=${r.below(5)} body_bytes=${r.below(200000)}`);
      return;
    }
    const service = kind === 'saslfail' ? 'submission/smtpd' : 'smtpd';
    const p = (kind === 'saslfail' ? pool.submission : pool.smtpd).take(t);
    const tag = `postfix/${service}[${p.pid}]:`;
    let at = t;
    if (h.name !== 'unknown' && r.next() < 0.3) line(at, `${tag} warning: hostname ${h.name} does not resolve to address ${h.ip}: Name or service not known`);
    line(at, `${tag} connect from ${peer}`);
    at += 200 + r.below(3000);
    if (kind === 'lost') {
      const after = r.pick(['CONNECT', 'EHLO', 'EHLO', 'RSET']);
      line(at, `${tag} lost connection after ${after} from ${peer}`);
      line(at, `${tag} disconnect from ${peer}${after === 'CONNECT' ? ' commands=0/0' : ` ehlo=1${after === 'RSET' ? ' rset=1' : ''} commands=${after === 'RSET' ? 2 : 1}`}`);
    } else if (kind === 'tlsprobe') {
      line(at, `${tag} Anonymous TLS connection established from ${peer}: ${serverTlsText({ ...h, tls: h.tls === 'none' ? '1.2' : h.tls })}`);
      line(at + 300, `${tag} disconnect from ${peer} ehlo=2 starttls=1 quit=1 commands=4`);
    } else if (kind === 'rbl' || kind === 'unknownuser') {
      const to = kind === 'rbl' ? `${r.pick(USERS)}@contoso.com` : `${randomText(r, 6, 'abcdefghijklmnopqrstuvwxyz')}@contoso.com`;
      const from = `${randomText(r, 8, 'abcdefghijklmnopqrstuvwxyz')}@${h.domain}`;
      const why = kind === 'rbl'
        ? `554 5.7.1 Service unavailable; Client host [${h.ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${h.ip}`
        : `550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`;
      line(at, `${tag} NOQUEUE: reject: RCPT from ${peer}: ${why}; from=<${from}> to=<${to}> proto=ESMTP helo=<${h.helo}>`);
      line(at + 200, `${tag} disconnect from ${peer} ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
    } else if (kind === 'sslerror') {
      line(at, `${tag} SSL_accept error from ${peer}: lost connection`);
      line(at, `${tag} lost connection after STARTTLS from ${peer}`);
      line(at, `${tag} disconnect from ${peer} ehlo=1 starttls=0/1 commands=1/2`);
    } else {
      line(at, `${tag} warning: ${peer}: SASL LOGIN authentication failed: UGFzc3dvcmQ6`);
      line(at + 10, `${tag} lost connection after AUTH from ${peer}`);
      line(at + 10, `${tag} disconnect from ${peer} ehlo=1 auth=0/1 rset=1 commands=2/3`);
    }
    p.busyUntil = at + 400;
  }

  // Lines of the daemons themselves: anvil and scache statistics, the daily reload (logrotate),
  // after which qmgr and pickup are new processes.
  let nextStats = START + 600000, nextReload = START + 6.4 * 3600000;
  function periodic(t) {
    while (nextStats <= t) {
      const s = nextStats, stamp = classicStamp(Math.floor((s - 60000) / 1000));
      const ip = `198.51.100.${1 + r.below(254)}`;
      line(s, `postfix/anvil[${daemon.anvil}]: statistics: max connection rate ${1 + r.below(4)}/60s for (smtp:${ip}) at ${stamp}`);
      line(s, `postfix/anvil[${daemon.anvil}]: statistics: max connection count ${1 + r.below(3)} for (smtp:${ip}) at ${stamp}`);
      line(s, `postfix/anvil[${daemon.anvil}]: statistics: max cache size ${2 + r.below(9)} at ${stamp}`);
      const hits = r.below(12), miss = 1 + r.below(12);
      line(s + 1000, `postfix/scache[${daemon.scache}]: statistics: start interval ${classicStamp(Math.floor((s - 600000) / 1000))}`);
      line(s + 1000, `postfix/scache[${daemon.scache}]: statistics: domain lookup hits=${hits} miss=${miss} success=${Math.round((100 * hits) / (hits + miss))}%`);
      line(s + 1000, `postfix/scache[${daemon.scache}]: statistics: address lookup hits=0 miss=${miss} success=0%`);
      line(s + 1000, `postfix/scache[${daemon.scache}]: statistics: max simultaneous domains=1 addresses=${1 + r.below(2)} connection=${1 + r.below(2)}`);
      nextStats += 600000 + r.below(120000);
    }
    while (nextReload <= t) {
      line(nextReload, `postfix/postfix-script[${nextPid()}]: refreshing the Postfix mail system`);
      line(nextReload, `postfix/master[${daemon.master}]: reload -- version 3.9.1, configuration /etc/postfix`);
      daemon.qmgr = nextPid();
      daemon.pickup = nextPid();
      nextReload += 86400000;
    }
  }

  // The file begins in the middle of things: deliveries and a session whose start is before it
  // (counted, without size or TLS data).
  function before(t) {
    for (let i = 0; i < 3; i++) {
      const q = queueId(t);
      const d = r.pick(PARTNERS);
      const relayHost = world.mxFor(d);
      const end = smtpDelivery(t + 800 * i, q, 0, [`${mailbox(r)}@${d}`], relayHost, 'sent', null, new Set());
      line(end + 1, `postfix/qmgr[${daemon.qmgr}]: ${q}: removed`);
    }
    const h = world.sender();
    const p = pool.smtpd.take(t);
    const q = queueId(t + 500);
    line(t + 500, `postfix/smtpd[${p.pid}]: ${q}: client=${h.name}[${h.ip}]`);
    const size = messageBytes(r);
    const messageId = `${randomText(r, 16, B62)}@${h.name}`;
    line(t + 700, `postfix/cleanup[${cleanup(t + 700)}]: ${q}: message-id=<${messageId}>`);
    qmgr(t + 720, q, `info@${h.domain}`, size, 1);
    count('inbound', size, 'no-data');
    line(t + 900, `postfix/smtpd[${p.pid}]: disconnect from ${h.name}[${h.ip}] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7`);
    p.busyUntil = t + 901;
    scanAndDeliver(t + 760, q, `info@${h.domain}`, size, [`${r.pick(USERS)}@contoso.com`], messageId, h, 0, true);
  }

  // Transactions: ~1.16 counted messages and ~3.05 kB of log each (measured on the small file; it
  // sets the pace, so the file spans the 30 days).
  before(START + 1000);
  writeMonth({ r, out, counted, logMessages, logBytes, perTransaction: [1.157, 3050], offset: 2000, noisePerStep: 1.3,
    periodic, noise, transaction(t, room) {
      if (room < 20) return inboundSession(t, 1, true);  // the last few: one message each, to end on the exact count
      const kind = weighted(r, [['inbound', 55], ['submission', 33], ['pickup', 12]]);
      if (kind === 'inbound') inboundSession(t, room, false);
      else if (kind === 'submission') submission(t, room);
      else pickup(t);
    } });
  out.close();
  return { rows: out.lines, messages: counted(), by_direction: by, by_tls: byTls };
}

// ---- Exim main log (/var/log/exim4/mainlog) ---------------------------------------------------------
// One host (Exim 4.98 with OpenSSL, log_selector +incoming_interface) for contoso.com: mail from
// outside on port 25 (IPv4 and IPv6 listeners), delivered to Dovecot over LMTP or, for a user who
// forwards, out again; users send on port 587 (SMTP AUTH, P=esmtpsa), local programs with P=local;
// deliveries by remote_smtp with their TLS (X=...) and confirmation; greylisting (== then a later
// =>), bounces (** and the bounce message <= <> ... P=local), queue runs, rejected connections,
// authentication failures, TLS errors. Message ids of Exim 4.97+ (1x6mUB-00000006Pya-498Q).
//
// What counts (the rules of engine/formats/exim/exim.h and FORMATS.md §8):
//   inbound   a `<=` line with H= (a remote host) = one message, its bytes S=; not counted: local
//             submission (no H=), SMTP AUTH (A=, P=esmtpa/esmtpsa), lines rejected after DATA
//             (they carry a message id but no `<=`: the message was never accepted);
//   outbound  a `=>` line with H= = one message per message id and host IP (`->` lines are further
//             recipients of the same delivery), its bytes the S= of the message's `<=` line (0 for
//             the deliveries at the very start, whose arrival is before the log); not counted:
//             deliveries without H= (LMTP to Dovecot), `==` deferred, `**` bounced.
// TLS (the meta's by_tls): the version of X= (none without X=).
function writeEximLog(file, { logBytes, logMessages }) {
  const r = rng(0xE1E1A40);
  const world = remoteWorld(r);
  const out = new LogOut(file, (sec) => `${eximStamp(sec)} `, START);
  const nextPid = pidAllocator(r, 1630000);
  const by = { inbound: { messages: 0, bytes: 0 }, outbound: { messages: 0, bytes: 0 } };
  const byTls = { inbound: {}, outbound: {} };
  const count = (dir, bytes, tls) => { by[dir].messages++; by[dir].bytes += bytes; byTls[dir][tls] = (byTls[dir][tls] || 0) + 1; };
  const counted = () => by.inbound.messages + by.outbound.messages;
  const line = (t, text) => out.at(t, text);
  const V4 = '[192.0.2.25]', V6 = '[2001:db8:25::25]';

  // Exim 4.97+ ids: base 62 of the time (6), of the pid (11) and of the fraction of the second (4).
  let serial = 0;
  const messageId = (t, pid) => `${base62(Math.floor(t / 1000), 6)}-${base62(pid, 11)}-${base62(((t % 1000) * 1000 + r.below(1000)) * 14 + (serial++ % 14), 4)}`;
  const xText = new Map();  // per remote host: its X= value
  const tlsField = (h, verify) => {
    if (h.tls === 'none') return '';
    let x = xText.get(h);
    if (!x) {
      x = h.tls === '1.3' ? `TLS1.3:${r.next() < 0.8 ? 'TLS_AES_256_GCM_SHA384:256' : 'TLS_AES_128_GCM_SHA256:128'}`
        : h.tls === '1.2' ? `TLS1.2:${r.next() < 0.8 ? 'ECDHE-RSA-AES256-GCM-SHA384:256' : 'ECDHE-ECDSA-AES128-GCM-SHA256:128'}`
        : `TLS${h.tls === '1.0' ? '1' : h.tls}:ECDHE-RSA-AES256-SHA:256`;
      if (!h.stranger) xText.set(h, x);
    }
    return ` X=${x} CV=${verify}`;
  };
  const helo = (h) => (h.name === 'unknown' ? `(${h.helo})` : h.helo === h.name ? h.name : `${h.name} (${h.helo})`);
  const hostField = (h, port) => `H=${helo(h)} [${h.ip}]:${port}`;
  const iface = (h, port) => `I=${h.ip.includes(':') ? V6 : V4}:${port}`;
  const lmtp = (t, id, rcpt) => line(t, `${id} => ${rcpt} R=virtual_user T=dovecot_lmtp C="250 2.0.0 <${rcpt}> ${randomText(r, 22)} Saved"`);
  const sizeOf = new Map();  // message id -> S= while the message is on the queue

  // Remote deliveries of message id to its recipients (grouped by domain): one `=>` per domain,
  // further recipients as `->`; greylisting (== then => in a later queue run), bounces (** and a
  // bounce message to a local sender). Returns when the message is complete.
  function deliverOut(t, id, size, byDomain, localSender, origOf = null) {
    let end = t;
    const sentTo = new Set();  // the message's hosts so far: two domains with one MX are one message there
    for (const [domain, rcpts] of byDomain) {
      const origTo = origOf && origOf.get(rcpts[0]);
      const m = world.mxFor(domain);
      const outcome = weighted(r, [['sent', 95], ['deferred', 3], ['bounced', 2]]);
      let at = t + 300 + r.below(1500) + Math.floor(size / 5000);
      const hf = `H=${m.name} [${m.ip}]`;
      const route = `R=dnslookup T=remote_smtp ${hf}`;
      const x = tlsField(m, m.trust === 'Verified' ? (r.next() < 0.3 ? 'dane' : 'yes') : m.trust === 'Trusted' ? 'yes' : 'no');
      if (outcome === 'deferred') {
        line(at, `${id} == ${rcpts[0]}${origTo ? ` <${origTo}>` : ''} R=dnslookup T=remote_smtp defer (-44) ${hf}: SMTP error from remote mail server after RCPT TO:<${rcpts[0]}>: 451 4.7.1 Greylisting in action, please come back later`);
        at += 300000 + r.below(1500000);
      }
      if (outcome === 'bounced') {
        line(at, `${id} ** ${rcpts[0]}${origTo ? ` <${origTo}>` : ''} ${route}${x ? x + ' ' : ''}: SMTP error from remote mail server after RCPT TO:<${rcpts[0]}>: 550 5.1.1 <${rcpts[0]}>: Recipient address rejected: User unknown`);
        if (localSender) {
          const pid = nextPid();
          const bid = messageId(at + 5, pid);
          line(at + 5, `${bid} <= <> R=${id} U=Debian-exim P=local S=${3000 + r.below(4000)}`);
          lmtp(at + 60, bid, localSender);
          line(at + 61, `${bid} Completed`);
        }
        end = Math.max(end, at + 70);
        continue;
      }
      const confirm = ` C="250 2.0.0 Ok: queued as ${randomText(r, 12, B62)}"`;
      line(at, `${id} => ${rcpts[0]}${origTo ? ` <${origTo}>` : ''} ${route}${x}${confirm}`);
      for (const rc of rcpts.slice(1)) line(at, `${id} -> ${rc}${origOf ? ` <${origOf.get(rc)}>` : ''} ${route}${x}${confirm}`);
      if (!sentTo.has(m.ip)) { sentTo.add(m.ip); count('outbound', size, m.tls); }
      end = Math.max(end, at);
    }
    return end + 1;
  }


  // Mail from outside: one SMTP connection (one receiving process) with one or more messages.
  function inbound(t, room, simple) {
    const h = world.sender();
    const pid = nextPid();
    const port = 1024 + r.below(64000);
    const n = simple ? 1 : Math.min(room, weighted(r, [[1, 88], [2, 8], [3, 4]]));
    let at = t;
    for (let i = 0; i < n; i++) {
      at += 400 + r.below(2000);
      const id = messageId(at, pid);
      const size = messageBytes(r);
      at += Math.floor(size / 2000);
      const from = r.next() < 0.04 ? '<>' : `${r.pick(['info', 'noreply', 'billing', 'news', 'support', mailbox(r)])}@${h.domain}`;
      if (!simple && r.next() < 0.02) {
        line(at, `${id} ${hostField(h, port)} ${iface(h, 25)} P=esmtp${h.tls === 'none' ? '' : 's'}${tlsField(h, 'no')} F=<${from === '<>' ? '' : from}> rejected after DATA: Your message scored ${(12 + r.next() * 20).toFixed(1)} SpamAssassin points and is rejected`);
        continue;
      }
      const mid = `${randomText(r, 16, B62)}@${h.name}`;
      const dkim = !h.stranger && r.next() < 0.6 ? ` DKIM=${h.domain}` : '';
      line(at, `${id} <= ${from} ${hostField(h, port)} ${iface(h, 25)} P=esmtp${h.tls === 'none' ? '' : 's'}${tlsField(h, 'no')} S=${size}${dkim} id=${mid}`);
      count('inbound', size, h.tls);
      const nrcpt = simple ? 1 : weighted(r, [[1, 82], [2, 13], [3, 5]]);
      let end = at + 50;
      const forwards = new Map(), origOf = new Map();
      for (let k = 0; k < nrcpt; k++) {
        const rc = `${r.pick(USERS)}@contoso.com`;
        if (!simple && r.next() < 0.02) {
          // A user who forwards his mail to an outside mailbox.
          const d = r.pick(FREEMAIL), to = `${rc.split('@')[0]}.private@${d}`;
          if (!forwards.has(d)) forwards.set(d, []);
          forwards.get(d).push(to);
          origOf.set(to, rc);
        } else {
          lmtp(at + 40 + r.below(200), id, rc);
        }
      }
      if (forwards.size) end = Math.max(end, deliverOut(at + 40, id, size, forwards, null, origOf));
      line(Math.max(end, at + 250) + 1, `${id} Completed`);
    }
  }

  // A user sends on port 587 (SMTP AUTH after STARTTLS), or from the webmail on the host itself.
  function submission(t, room) {
    const user = `${r.pick(USERS)}@contoso.com`;
    const pid = nextPid();
    const size = messageBytes(r);
    const at = t + 500 + Math.floor(size / 3000);
    const id = messageId(at, pid);
    const mid = `${uuid(r)}@contoso.com`;
    const auth = `A=dovecot_${r.next() < 0.7 ? 'plain' : 'login'}:${user}`;
    const from = r.next() < 0.2
      ? `H=localhost (webmail.contoso.com) [127.0.0.1]:${30000 + r.below(30000)} I=[127.0.0.1]:587 P=esmtpa ${auth}`
      : `H=(${r.pick(['LAPTOP-', 'DESKTOP-'])}${randomText(r, 7, B62.slice(0, 36))}) [${r.next() < 0.6 ? '192.0.2.40' : `203.0.113.${1 + r.below(254)}`}]:${1024 + r.below(64000)} I=${V4}:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no ${auth}`;
    line(at, `${id} <= ${user} ${from} S=${size} id=${mid}`);
    const byDomain = recipientsOut(r, room);
    let end = deliverOut(at, id, size, byDomain, user);
    if (r.next() < 0.25) { lmtp(at + 80, id, `${r.pick(USERS)}@contoso.com`); end = Math.max(end, at + 81); }
    line(end + 1, `${id} Completed`);
  }

  // A local program (cron, the web shop) sends with /usr/sbin/sendmail.
  function local(t) {
    const [user, host] = r.next() < 0.8 ? ['www-data', 'mx.contoso.com'] : ['root', 'mx.contoso.com'];
    const pid = nextPid();
    const id = messageId(t, pid);
    const size = 900 + r.below(30000);
    line(t, `${id} <= ${user}@${host} U=${user} P=local S=${size} id=E${id}@${host}`);
    const d = r.pick(DOMAINS);
    const to = `${mailbox(r)}@${d}`;
    const end = deliverOut(t, id, size, new Map([[d, [to]]]), null, user === 'root' ? new Map([[to, 'root@mx.contoso.com']]) : null);
    line(end + 1, `${id} Completed`);
  }

  // Not mail: rejected recipients, TLS errors, lost connections, authentication failures.
  function noise(t) {
    const h = world.stranger();
    const port = 1024 + r.below(64000);
    const kind = weighted(r, [['nohost', 15], ['relay', 20], ['rbl', 15], ['unrouteable', 10], ['tlserror', 8], ['nomail', 12], ['lost', 8], ['authfail', 10], ['sync', 2]]);
    const hf = `${hostField(h, port)} ${iface(h, 25)}`;
    const from = `${randomText(r, 8, 'abcdefghijklmnopqrstuvwxyz')}@${h.domain}`;
    const tls = tlsField(h.tls === 'none' ? { ...h, tls: '1.2' } : h, 'no');
    switch (kind) {
      case 'nohost': line(t, `no host name found for IP address ${h.ip}`); break;
      case 'relay': line(t, `${hf} F=<${from}> rejected RCPT <${mailbox(r)}@${r.pick(FREEMAIL)}>: relay not permitted`); break;
      case 'rbl': line(t, `${hf}${tls} F=<${from}> rejected RCPT <${r.pick(USERS)}@contoso.com>: rejected because ${h.ip} is in a black list at zen.spamhaus.org`); break;
      case 'unrouteable': line(t, `${hf}${tls} F=<${from}> rejected RCPT <${randomText(r, 6, 'abcdefghijklmnopqrstuvwxyz')}@contoso.com>: Unrouteable address`); break;
      case 'tlserror': line(t, `TLS error on connection from ${helo(h)} [${h.ip}]:${port} ${iface(h, 25)} (SSL_accept): error:0A000102:SSL routines::unsupported protocol`); break;
      case 'nomail': line(t, `no MAIL in SMTP connection from ${helo(h)} [${h.ip}]:${port} ${iface(h, 25)} D=${1 + r.below(20)}s C=EHLO,STARTTLS,EHLO,QUIT`); break;
      case 'lost': line(t, `SMTP connection from ${helo(h)} [${h.ip}]:${port} ${iface(h, 25)} lost D=${(r.next() * 3).toFixed(3)}s`); break;
      case 'authfail': line(t, `dovecot_login authenticator failed for ${helo(h)} [${h.ip}]:${port} ${iface(h, 587)}: 535 Incorrect authentication data (set_id=${r.pick(['admin', 'info', 'test', r.pick(USERS)])}@contoso.com)`); break;
      default: line(t, `SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[${h.ip}]:${port} ${iface(h, 25)} input="GET / HTTP/1.1\\r\\nHost: 192.0.2.25\\r\\n"`);
    }
  }

  let nextRun = START + 1800000;
  function periodic(t) {
    while (nextRun <= t) {
      const pid = nextPid();
      line(nextRun, `Start queue run: pid=${pid}`);
      line(nextRun + 200 + r.below(2000), `End queue run: pid=${pid}`);
      nextRun += 1800000;
    }
  }

  // The log begins with the daemon's start and the deliveries of messages received before it.
  function before(t) {
    line(t, `exim 4.98.2 daemon started: pid=${nextPid()}, -q30m, listening for SMTP on [192.0.2.25]:25 [2001:db8:25::25]:25 [192.0.2.25]:587`);
    for (let i = 0; i < 3; i++) {
      const id = messageId(t - 3600000 - r.below(3600000), nextPid());
      const d = r.pick(PARTNERS);
      const end = deliverOut(t + 1000 + 700 * i, id, 0, new Map([[d, [`${mailbox(r)}@${d}`]]]), null);
      line(end + 1, `${id} Completed`);
    }
  }

  // ~1.14 counted messages and ~875 bytes of log per transaction (measured on the small file).
  before(START + 1000);
  writeMonth({ r, out, counted, logMessages, logBytes, perTransaction: [1.136, 875], offset: 5000, noisePerStep: 1.6,
    periodic, noise, transaction(t, room) {
      if (room < 20) return inbound(t, 1, true);
      const kind = weighted(r, [['inbound', 55], ['submission', 33], ['local', 12]]);
      if (kind === 'inbound') inbound(t, room, false);
      else if (kind === 'submission') submission(t, room);
      else local(t);
    } });
  out.close();
  return { rows: out.lines, messages: counted(), by_direction: by, by_tls: byTls };
}

// ---- driver -----------------------------------------------------------------------------------------
function ensure(file, kind, size, make, version = VERSION) {
  const metaFile = file + '.meta.json';
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    if (meta.version === version && meta.size === size && fs.statSync(file).size === meta.bytes) return meta;
  } catch { /* not there or stale: write it */ }
  const t0 = Date.now();
  process.stderr.write(`generating ${path.relative(root, file)} ... `);
  const result = make();
  const meta = { version, kind, size, file, bytes: fs.statSync(file).size, ...result };
  fs.writeFileSync(metaFile, JSON.stringify(meta, null, 1) + '\n');
  process.stderr.write(`${(meta.bytes / 1e6).toFixed(0)} MB, ${meta.messages} messages, ${meta.rows} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return meta;
}

export function generate(size, out = path.join(root, 'build', 'bench')) {
  const spec = SIZES[size];
  if (!spec) throw new Error(`unknown size ${size}: use ${Object.keys(SIZES).join(', ')}`);
  fs.mkdirSync(out, { recursive: true });
  const csv = ensure(path.join(out, `mailflow-${size}.csv`), 'mailflow-csv', size, () => writeMailflowCsv(path.join(out, `mailflow-${size}.csv`), spec));
  const wideFile = path.join(out, `mailflow-wide-${size}.csv`);
  const wide = ensure(wideFile, 'mailflow-wide', size, () => writeMailflowCsv(wideFile, spec, true));
  const extSpec = { extBytes: spec.extBytes || csv.bytes };
  const ext = ensure(path.join(out, `extended-${size}.csv`), 'exo-extended', size, () => writeExtended(path.join(out, `extended-${size}.csv`), extSpec));
  const traceFile = path.join(out, `trace-${size}.csv`);
  const trace = ensure(traceFile, 'message-trace', size, () => writeMessageTrace(traceFile, spec));
  const postfixFile = path.join(out, `postfix-${size}.log`), eximFile = path.join(out, `exim-${size}.log`);
  const postfix = ensure(postfixFile, 'postfix', size, () => writePostfixLog(postfixFile, spec), LOG_VERSION);
  const exim = ensure(eximFile, 'exim', size, () => writeEximLog(eximFile, spec), LOG_VERSION);
  return [csv, wide, ext, trace, postfix, exim];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
  for (const m of generate(get('--size', 'small'), get('--out', undefined))) console.log(m.file);
}
