// Deterministic large inputs for scripts/bench, streamed to disk (never a whole file in memory):
//   build/bench/mailflow-<size>.csv   mailflow CSV, one row per message (unique message ids)
//   build/bench/extended-<size>.csv   Exchange Online Extended report (historical search), UTF-16 LE
//                                     with BOM and CRLF, 27 quoted columns, ~4 events per message,
//                                     rows shuffled in blocks (real exports are not sorted)
// Next to each: <file>.meta.json with what the file must aggregate to (messages and bytes per
// direction), so every tool's answer can be checked. A file whose meta matches the generator
// version and the size is not written again.
//
// Sizes: small = ~100 MB each; 1m / 5m = 1 / 5 million messages in the mailflow CSV, the extended
// report the same number of bytes as that CSV (5 million messages of it would be ~22 GB);
// 2gb = 2 GB each.
//
// usage: node tests/bench/generate_large.mjs [--size small|1m|5m|2gb] [--out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = 1;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

export const SIZES = {
  small: { csvBytes: 100e6, extBytes: 100e6 },
  '1m': { csvMessages: 1e6 },
  '5m': { csvMessages: 5e6 },
  '2gb': { csvBytes: 2e9, extBytes: 2e9 },
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

function writeMailflowCsv(file, { csvBytes, csvMessages }) {
  const r = rng(0xC0FFEE);
  const fd = fs.openSync(file + '.tmp', 'w');
  let written = 0, messages = 0;
  const by = { inbound: { messages: 0, bytes: 0 }, outbound: { messages: 0, bytes: 0 } };
  const header = 'timestamp,direction,connector,tls_version,bytes,message_id,remote_host\n';
  fs.writeSync(fd, header);
  written += header.length;
  // Messages spread evenly over 30 days (in file order, with jitter), like a SIEM export.
  const planned = csvMessages || Math.ceil(csvBytes / 112);
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
      const host = r.pick(HOSTS);
      const id = `<${n.toString(16).padStart(10, '0')}.${r.below(0xffffff).toString(16)}@${inbound ? host : 'eur01.contoso.com'}>`;
      by[dir].messages++;
      by[dir].bytes += bytes;
      const line = `${iso(t)},${dir},${csvCell(connector)},${tls},${bytes},${id},${host}\n`;
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

// ---- driver -----------------------------------------------------------------------------------------
function ensure(file, kind, size, make) {
  const metaFile = file + '.meta.json';
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    if (meta.version === VERSION && meta.size === size && fs.statSync(file).size === meta.bytes) return meta;
  } catch { /* not there or stale: write it */ }
  const t0 = Date.now();
  process.stderr.write(`generating ${path.relative(root, file)} ... `);
  const result = make();
  const meta = { version: VERSION, kind, size, file, bytes: fs.statSync(file).size, ...result };
  fs.writeFileSync(metaFile, JSON.stringify(meta, null, 1) + '\n');
  process.stderr.write(`${(meta.bytes / 1e6).toFixed(0)} MB, ${meta.messages} messages, ${meta.rows} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return meta;
}

export function generate(size, out = path.join(root, 'build', 'bench')) {
  const spec = SIZES[size];
  if (!spec) throw new Error(`unknown size ${size}: use ${Object.keys(SIZES).join(', ')}`);
  fs.mkdirSync(out, { recursive: true });
  const csv = ensure(path.join(out, `mailflow-${size}.csv`), 'mailflow-csv', size, () => writeMailflowCsv(path.join(out, `mailflow-${size}.csv`), spec));
  const extSpec = { extBytes: spec.extBytes || csv.bytes };
  const ext = ensure(path.join(out, `extended-${size}.csv`), 'exo-extended', size, () => writeExtended(path.join(out, `extended-${size}.csv`), extSpec));
  return [csv, ext];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
  for (const m of generate(get('--size', 'small'), get('--out', undefined))) console.log(m.file);
}
