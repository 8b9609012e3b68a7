#!/usr/bin/env node
// Deterministic example-data generator for mailflow.
//
// Simulates one organisation, contoso.com, whose mailboxes live in Exchange Online, over
// 2026-11-02 .. 2026-11-22 (UTC), and writes the same Exchange Online messages in every export
// shape mailflow reads (historical-search Extended and Enhanced summary reports, Get-MessageTraceV2
// in two PowerShell cultures, Get-MessageTraceDetail), the EAC Inbound/Outbound messages reports
// for the four weeks before, and mailflow's own CSV for the on-premises gateway of another part of
// the organisation. It also writes expected-totals.json and README.md with the totals it knows it
// wrote, so tests can hold the engine to them.
//
//   node examples/generate.mjs [outdir]      (default: the folder this script is in)
//
// No dependencies, no clock, no Math.random: every value comes from seeded mulberry32 streams, so
// re-running gives byte-identical files.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = resolve(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));

// ---------------------------------------------------------------------------------------------
// Randomness: one independent stream per concern, so changing one part of the story does not
// reshuffle the others.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) { this.next = mulberry32(seed); }
  float() { return this.next(); }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); } // inclusive
  chance(p) { return this.next() < p; }
  pick(list) { return list[Math.floor(this.next() * list.length)]; }
  weighted(pairs) { // [[value, weight], ...]
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of pairs) { if ((x -= w) < 0) return v; }
    return pairs[pairs.length - 1][0];
  }
  poisson(mean) { // Knuth; means here are small
    const limit = Math.exp(-mean);
    let k = 0, p = 1;
    for (;;) { p *= this.next(); if (p <= limit) return k; k++; }
  }
  normal() { // Box-Muller
    const u = Math.max(this.next(), 1e-12), v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  hex(n) { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)]; return s; }
  guid() {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.int(0, 3)]}${this.hex(3)}-${this.hex(12)}`;
  }
  shuffle(list) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar

const DAY_MS = 86400000;
const dayMs = (iso) => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const isWeekend = (ms) => { const d = new Date(ms).getUTCDay(); return d === 0 || d === 6; };
function daysBetween(first, last) {
  const out = [];
  for (let t = dayMs(first); t <= dayMs(last); t += DAY_MS) out.push(t);
  return out;
}

const EAC_FIRST = '2026-10-05', EAC_LAST = '2026-11-01';        // pre-aggregated EAC reports
const PERIOD_FIRST = '2026-11-02', PERIOD_LAST = '2026-11-22';  // per-message exports
const TRACE_FIRST = '2026-11-13';                               // Get-MessageTraceV2: last 10 days
const TRACE_DE_FIRST = '2026-11-18', TRACE_DE_LAST = '2026-11-20';
const WEEKS = [ // the three Monday..Sunday weeks of the per-message period
  ['2026-11-02', '2026-11-08'], ['2026-11-09', '2026-11-15'], ['2026-11-16', '2026-11-22'],
];
const EAC_WEEKS = [
  ['2026-10-05', '2026-10-11'], ['2026-10-12', '2026-10-18'],
  ['2026-10-19', '2026-10-25'], ['2026-10-26', '2026-11-01'],
];

// Story dates
const LEGACY_SCANNER_FROM = dayMs('2026-10-19'); // TLS 1.0 scan-to-mail device connected ...
const LEGACY_SCANNER_UNTIL = dayMs('2026-11-16'); // ... and replaced (exclusive)
const PLAINTEXT_CAMPAIGN = [dayMs('2026-11-09'), dayMs('2026-11-13')]; // inclusive weekdays
const NORTHWIND_NO_STARTTLS_FROM = dayMs('2026-11-16'); // partner MX lost STARTTLS

// A time of day: mostly business hours (07:00-18:00 UTC), some overnight traffic.
function timeOfDay(rng, weekend) {
  const business = rng.chance(weekend ? 0.5 : 0.88);
  const sec = business ? rng.int(7 * 3600, 18 * 3600 - 1) : rng.int(0, 86399);
  return sec * 1000 + rng.int(0, 999);
}

// Log-normal message size, 2 KB .. 5 MB, median ~30 KB.
function messageSize(rng, median = 30000) {
  const s = Math.round(median * Math.exp(1.25 * rng.normal()));
  return Math.min(5 * 1024 * 1024, Math.max(2048, s));
}

// ---------------------------------------------------------------------------------------------
// The organisation and the outside world (documentation IP ranges only).

const ORG = 'contoso.com';
const TENANT_ID = '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const ORG_ONMS = 'contoso.onmicrosoft.com';
const USERS = ['megan', 'lee', 'alex', 'diego', 'grady', 'isaiah', 'johanna', 'lidia', 'lynne',
  'miriam', 'nestor', 'patti', 'pradeep', 'adele', 'joni', 'henrietta', 'irvin', 'allan'];
const DLS = { 'sales@contoso.com': ['megan', 'alex', 'patti'], 'support@contoso.com': ['diego', 'lidia', 'nestor'] };
const EXO_HOSTS = ['MBX01.svc.contoso.com', 'MBX02.svc.contoso.com', 'MBX03.svc.contoso.com', 'MBX04.svc.contoso.com'];
const CLIENT_IPS = ['192.0.2.44', '192.0.2.45', '192.0.2.51', '192.0.2.52']; // office egress

// domain -> sending hosts (inbound) and MX (outbound)
const DOMAINS = {
  'fabrikam.com': { send: [['mail.fabrikam.com', '198.51.100.7'], ['mail2.fabrikam.com', '198.51.100.8']], mx: ['mx1.fabrikam.com', '198.51.100.10'] },
  'adatum.com': { send: [['mail.adatum.com', '203.0.113.9']], mx: ['mx1.adatum.com', '203.0.113.25'] },
  'northwindtraders.com': { send: [['smtp.northwindtraders.com', '198.51.100.21']], mx: ['mx.northwindtraders.com', '198.51.100.22'] },
  'wingtiptoys.com': { send: [['news.wingtiptoys.com', '203.0.113.80'], ['mail.wingtiptoys.com', '203.0.113.81']], mx: ['mx.wingtiptoys.com', '203.0.113.82'] },
  'tailspintoys.com': { send: [['oldmail.tailspintoys.com', '198.51.100.99']], mx: ['mail.tailspintoys.com', '198.51.100.99'] },
  'litwareinc.com': { send: [['exch2010.litwareinc.com', '203.0.113.140']], mx: ['mx.litwareinc.com', '203.0.113.141'] },
  'woodgrovebank.com': { send: [['out1.woodgrovebank.com', '198.51.100.130']], mx: ['mx1.woodgrovebank.com', '198.51.100.131'] },
  'proseware.com': { send: [['mail.proseware.com', '203.0.113.160']], mx: ['mx.proseware.com', '203.0.113.161'] },
  'fourthcoffee.com': { send: [['smtp.fourthcoffee.com', '198.51.100.170']], mx: ['mx.fourthcoffee.com', '198.51.100.171'] },
  'alpineskihouse.com': { send: [['mail.alpineskihouse.com', '203.0.113.190']], mx: ['mx.alpineskihouse.com', '203.0.113.191'] },
  'relecloud.com': { send: [['o1.relecloud.com', '198.51.100.200']], mx: ['mx.relecloud.com', '198.51.100.201'] },
  'lucernepublishing.com': { send: [['mail.lucernepublishing.com', '203.0.113.210']], mx: ['mx.lucernepublishing.com', '203.0.113.211'] },
};
const EXTERNAL_USERS = ['info', 'sales', 'j.doe', 'accounts', 'noreply', 'support', 'k.tanaka', 'm.silva', 'orders', 'r.novak'];

const INTERNET_IN_DOMAINS = [['northwindtraders.com', 4], ['wingtiptoys.com', 2], ['tailspintoys.com', 0.5],
  ['litwareinc.com', 0.5], ['woodgrovebank.com', 2], ['proseware.com', 2], ['fourthcoffee.com', 2],
  ['alpineskihouse.com', 1], ['relecloud.com', 2], ['lucernepublishing.com', 1]];
const INTERNET_OUT_DOMAINS = [['northwindtraders.com', 4], ['wingtiptoys.com', 1],
  ['litwareinc.com', 1.5], ['woodgrovebank.com', 2], ['proseware.com', 2], ['fourthcoffee.com', 2],
  ['alpineskihouse.com', 1], ['relecloud.com', 1.5], ['lucernepublishing.com', 1], ['fabrikam.com', 2]];

// TLS facts: version key (mailflow schema), spelling in Exchange Online custom_data, cipher.
const TLS = {
  '1.3': { exo: 'TLS1_3', cipher: 'TLS_AES_256_GCM_SHA384', detail: 'TLS1.3 with AES256' },
  '1.2': { exo: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', detail: 'TLS1.2 with AES256' },
  '1.1': { exo: 'TLS1_1', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', detail: 'TLS1.1 with AES256' },
  '1.0': { exo: 'TLS1_0', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', detail: 'TLS1.0 with AES256' },
  none: { exo: 'None', cipher: '', detail: '' },
};
const TLS_KEYS = ['none', '1.0', '1.1', '1.2', '1.3'];

const CONNECTORS = {
  'Inbound from Fabrikam': { dir: 'in', type: 'Partner', forced: true },
  'Inbound from OnPrem': { dir: 'in', type: 'OnPremises', forced: false },
  'Outbound to Adatum': { dir: 'out', type: 'Partner', forced: true },
};

const SUBJECTS = ['Invoice {n}, November', 'Re: Q4 plan', 'Purchase order {n}', 'Meeting notes',
  'Shipment {n} dispatched', 'RE: "Urgent" - delivery delayed, please confirm', 'Contract draft v{n}',
  'FW: Price list 2027', 'Weekly report', 'Re: Re: samples', 'Invoice {n}, November "final"',
  'Support case #{n}', 'Welcome aboard', 'Timesheet approval', 'Angebot f\u00fcr Q1 \u2013 M\u00fcller GmbH',
  'R\u00e9union de lundi', 'Lunch?', 'Updated forecast, regions A, B and C'];
const SCAN_SUBJECTS = ['Scanned from SCAN-02', 'Scan to email: Document {n}', 'Message from "KM-C308"'];

// ---------------------------------------------------------------------------------------------
// Exchange Online simulation

function fillSubject(rng, template) { return template.replace('{n}', String(rng.int(1000, 9999))); }
function externalAddress(rng, domain) { return `${rng.pick(EXTERNAL_USERS)}@${domain}`; }
function userAddress(name) { return `${name}@${ORG}`; }

// How each stream picks its TLS version for a message on a given day.
function internetTls(rng, domain, dir, day) {
  if (domain === 'tailspintoys.com') return 'none';                 // legacy server, no STARTTLS
  if (domain === 'litwareinc.com') return dir === 'in' ? '1.1' : '1.2'; // Exchange 2010 sender; EXO never sends 1.0/1.1
  if (domain === 'northwindtraders.com' && dir === 'in') return rng.chance(0.5) ? '1.2' : '1.3';
  return rng.chance(0.55) ? '1.2' : '1.3';
}

// Daily means are kept small on purpose: the UTF-16, 27-column extended report costs ~1 KB per
// event (about 3.3 KB per message), and the example folder should stay small.
// Builds all Exchange Online messages of one day. `full` = per-message period (more detail).
function exoDay(rng, day, full) {
  const weekend = isWeekend(day);
  const msgs = [];
  const mk = (fields) => {
    const m = { time: day + timeOfDay(rng, weekend), size: messageSize(rng), status: 'Delivered', dl: null, ...fields };
    msgs.push(m);
    return m;
  };
  const mean = (weekday, weekendMean) => (weekend ? weekendMean : weekday);

  // Inbound from Fabrikam (Partner, forced TLS 1.2+)
  for (let i = weekend ? rng.poisson(0.1) : rng.int(0, 2); i > 0; i--) { // partners write steadily
    const [host, ip] = rng.pick(DOMAINS['fabrikam.com'].send);
    mk({ dir: 'in', connector: 'Inbound from Fabrikam', tls: rng.chance(0.6) ? '1.2' : '1.3', domain: 'fabrikam.com',
      sender: externalAddress(rng, 'fabrikam.com'), remoteHost: host, remoteIp: ip });
  }
  // Inbound from OnPrem: the ERP relay (TLS 1.2) and the scan-to-mail device (TLS 1.0 while the legacy one is connected)
  for (let i = [1, 3, 5].includes(new Date(day).getUTCDay()) ? 1 : 0; i > 0; i--) { // ERP batch on Mon/Wed/Fri
    mk({ dir: 'in', connector: 'Inbound from OnPrem', tls: '1.2', tlsSpelling: 'SP_PROT_TLS1_2_SERVER', domain: ORG,
      sender: `erp@${ORG}`, remoteHost: 'relay01.contoso.com', remoteIp: '192.0.2.10', size: messageSize(rng, 12000) });
  }
  const legacy = day >= LEGACY_SCANNER_FROM && day < LEGACY_SCANNER_UNTIL;
  for (let i = weekend ? 0 : 1 + (rng.chance(0.25) ? 1 : 0); i > 0; i--) { // a steady scanning habit
    mk({ dir: 'in', connector: 'Inbound from OnPrem', tls: legacy ? '1.0' : '1.2',
      tlsSpelling: legacy ? 'SP_PROT_TLS1_0_SERVER' : 'SP_PROT_TLS1_2_SERVER', domain: ORG, scan: true,
      sender: `scanner@${ORG}`, remoteHost: legacy ? 'scan02.contoso.com' : 'scan03.contoso.com',
      remoteIp: legacy ? '192.0.2.60' : '192.0.2.61', size: messageSize(rng, 250000) });
  }
  // Internet mail without a connector
  for (let i = rng.poisson(mean(1.3, 0.4)); i > 0; i--) {
    const domain = rng.weighted(INTERNET_IN_DOMAINS);
    const [host, ip] = rng.pick(DOMAINS[domain].send);
    const m = mk({ dir: 'in', connector: '', tls: internetTls(rng, domain, 'in', day), domain,
      sender: externalAddress(rng, domain), remoteHost: host, remoteIp: ip });
    const r = rng.float();
    if (r < 0.07) m.status = 'FilteredAsSpam';
    else if (r < 0.10) m.status = 'Failed';
  }
  // Two habits that keep the story stable at small volumes: an Exchange 2010 partner that can only
  // do TLS 1.1 writes on Tuesdays and Thursdays, a legacy plaintext sender on Wednesdays.
  const weekday = new Date(day).getUTCDay();
  if (weekday === 2 || weekday === 4) {
    const [host, ip] = DOMAINS['litwareinc.com'].send[0];
    mk({ dir: 'in', connector: '', tls: '1.1', domain: 'litwareinc.com', sender: `accounts@litwareinc.com`, remoteHost: host, remoteIp: ip });
  }
  if (weekday === 3) {
    const [host, ip] = DOMAINS['tailspintoys.com'].send[0];
    mk({ dir: 'in', connector: '', tls: 'none', domain: 'tailspintoys.com', sender: `orders@tailspintoys.com`, remoteHost: host, remoteIp: ip });
    // ... and the order confirmation goes back in plaintext: its MX offers no STARTTLS
    const [mx, mxIp] = DOMAINS['tailspintoys.com'].mx;
    mk({ dir: 'out', connector: '', tls: 'none', domain: 'tailspintoys.com', sender: userAddress('patti'), remoteHost: mx, remoteIp: mxIp });
  }
  // A plaintext newsletter campaign from a legacy sender in the second week
  if (day >= PLAINTEXT_CAMPAIGN[0] && day <= PLAINTEXT_CAMPAIGN[1]) {
    for (let i = rng.int(1, 2); i > 0; i--) {
      mk({ dir: 'in', connector: '', tls: 'none', domain: 'wingtiptoys.com', newsletter: true,
        sender: 'news@wingtiptoys.com', remoteHost: 'bulk.wingtiptoys.com', remoteIp: '203.0.113.88', size: messageSize(rng, 60000) });
    }
  }
  // Outbound to Adatum (Partner, forced TLS 1.2)
  for (let i = weekend ? rng.poisson(0.05) : rng.int(0, 2); i > 0; i--) {
    const [host, ip] = DOMAINS['adatum.com'].mx;
    mk({ dir: 'out', connector: 'Outbound to Adatum', tls: '1.2', domain: 'adatum.com',
      sender: userAddress(rng.pick(USERS)), remoteHost: host, remoteIp: ip });
  }
  // Outbound without a connector (EXO uses opportunistic TLS 1.2/1.3; plaintext to a domain without STARTTLS)
  for (let i = rng.poisson(mean(1.7, 0.3)); i > 0; i--) {
    const domain = rng.weighted(INTERNET_OUT_DOMAINS);
    const [host, ip] = DOMAINS[domain].mx;
    mk({ dir: 'out', connector: '', tls: internetTls(rng, domain, 'out', day), domain,
      sender: userAddress(rng.pick(USERS)), remoteHost: host, remoteIp: ip });
  }
  // Internal mail: never crosses the boundary
  if (full) {
    for (let i = rng.poisson(mean(0.4, 0.05)); i > 0; i--) {
      mk({ dir: 'internal', connector: '', tls: null, domain: ORG, sender: userAddress(rng.pick(USERS)),
        remoteHost: '', remoteIp: '' });
    }
  }
  // Recipients, subjects, ids (only needed for the per-message period)
  if (full) {
    for (const m of msgs) {
      if (m.dir === 'in') {
        if (!m.scan && !m.newsletter && rng.chance(0.1)) {
          m.dl = rng.pick(Object.keys(DLS));
          m.recipients = DLS[m.dl].map(userAddress);
        } else {
          const n = rng.chance(0.2) ? 2 : 1;
          m.recipients = pickDistinct(rng, USERS, n).map(userAddress);
        }
        m.subject = m.scan ? fillSubject(rng, rng.pick(SCAN_SUBJECTS))
          : m.newsletter ? 'Wingtip Toys news: holiday catalogue, 20% off' : fillSubject(rng, rng.pick(SUBJECTS));
        m.clientIp = m.remoteIp;
      } else if (m.dir === 'out') {
        const n = rng.chance(0.25) ? 2 : 1;
        const locals = pickDistinct(rng, EXTERNAL_USERS, n);
        m.recipients = locals.map((u) => `${u}@${m.domain}`);
        m.subject = fillSubject(rng, rng.pick(SUBJECTS));
        m.clientIp = rng.pick(CLIENT_IPS);
      } else {
        const n = rng.chance(0.3) ? 2 : 1;
        m.recipients = pickDistinct(rng, USERS.filter((u) => userAddress(u) !== m.sender), n).map(userAddress);
        m.subject = fillSubject(rng, rng.pick(SUBJECTS));
        m.clientIp = rng.pick(CLIENT_IPS);
      }
      const localPart = rng.hex(12);
      m.messageId = m.dir === 'in' && m.domain !== ORG
        ? `<${localPart}@${m.remoteHost}>`
        : m.dir === 'in' ? `<${localPart}@${m.remoteHost}>`
          : `<${rng.hex(12).toUpperCase()}@PH0PR01MB${rng.int(1000, 9999)}.contoso.com>`;
      m.networkMessageId = rng.guid();
      m.messageTraceId = m.networkMessageId; // Get-MessageTrace's MessageTraceId is the network message id
      m.exoHost = rng.pick(EXO_HOSTS);
      m.sessionId = rng.hex(16).toUpperCase();
    }
  }
  return msgs;
}

function pickDistinct(rng, list, n) {
  const copy = list.slice();
  rng.shuffle(copy);
  return copy.slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// Writers

const q = (v) => `"${String(v).replace(/"/g, '""')}"`;
const csvQuoted = (fields, delim = ',') => fields.map(q).join(delim);
const csvMinimal = (fields) => fields.map((v) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? q(s) : s;
}).join(',');

const utf16le = (text, bom) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const utf8 = (text, bom) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
// Windows PowerShell 5.1 -Encoding ASCII: every UTF-16 code unit above 0x7F becomes '?'.
const ascii = (text) => Buffer.from(text.replace(/[^\x00-\x7f]/g, '?'), 'latin1');

const isoMs = (ms) => new Date(ms).toISOString(); // 2026-11-20T08:15:02.123Z
const iso7 = (ms) => isoMs(ms).replace(/\.(\d{3})Z$/, '.$10000Z'); // 2026-11-20T08:15:02.1230000Z
const isoSec = (ms) => isoMs(ms).replace(/\.\d{3}Z$/, 'Z');
function enUS(ms) { // 11/20/2026 8:15:02 AM
  const d = new Date(ms);
  const h = d.getUTCHours(), h12 = h % 12 === 0 ? 12 : h % 12;
  const p2 = (n) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}
function deDE(ms) { // 20.11.2026 08:15:02
  const d = new Date(ms);
  const p2 = (n) => String(n).padStart(2, '0');
  return `${p2(d.getUTCDate())}.${p2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

const tlsSpelling = (m) => m.tlsSpelling ?? TLS[m.tls].exo;
function tlsCustomData(m) { // plaintext = S:tlsversion=None and no cipher key
  const parts = [`S:tlsversion=${tlsSpelling(m)}`];
  if (m.tls !== 'none') parts.push(`S:tlscipher=${TLS[m.tls].cipher}`);
  return parts;
}

// --- 1. Extended report (historical search MessageTraceDetail) ---------------------------------

const EXT_COLUMNS = ['date_time_utc', 'client_ip', 'client_hostname', 'server_ip', 'server_hostname',
  'source_context', 'connector_id', 'source', 'event_id', 'internal_message_id', 'message_id',
  'network_message_id', 'recipient_address', 'recipient_status', 'total_bytes', 'recipient_count',
  'related_recipient_address', 'reference', 'message_subject', 'sender_address', 'return_path',
  'message_info', 'directionality', 'tenant_id', 'original_client_ip', 'original_server_ip', 'custom_data'];

function extendedRows(rng, m, nextInternalId) {
  const rows = [];
  const dirWord = m.dir === 'in' ? 'Incoming' : 'Originating';
  const row = (t, f) => {
    const r = {
      date_time_utc: isoMs(t), internal_message_id: String(nextInternalId()), message_id: m.messageId,
      network_message_id: m.networkMessageId, total_bytes: String(m.size), message_subject: m.subject,
      sender_address: m.sender, return_path: m.sender, directionality: dirWord, tenant_id: TENANT_ID,
      original_client_ip: m.clientIp, ...f,
    };
    rows.push(EXT_COLUMNS.map((c) => r[c] ?? ''));
  };
  const mdb = () => `MDB:${rng.guid()}, Mailbox:${rng.hex(8)}, Event:${rng.int(10000, 99999)}, MessageClass:IPM.Note, ClientType:${rng.pick(['OWA', 'MOMT', 'REST'])}`;
  const allRcpt = m.recipients.join(';');
  let t = m.time;
  const agentInfo = () => {
    t += rng.int(150, 900);
    const sfv = m.status === 'FilteredAsSpam' ? 'SPM' : 'NSPM';
    const scl = m.status === 'FilteredAsSpam' ? 6 : rng.pick([-1, 1]);
    const parts = [`S:SFA=SUM|SFV=${sfv}|SFS=${rng.int(100000, 999999)}|SCL=${scl}|SCORE=${scl * 10}|DI=SN|H=${m.remoteHost || m.exoHost}|CIP=${m.clientIp}|LANG=en`];
    if (rng.chance(0.3)) parts.push(`S:TRA=ETR|ruleId=3f0a5f2e-8f43-4c55-9a3c-6b1e2d7c9a10|st=7/17/2026 12:31:25 AM|action=SetHeader|sev=1|mode=Enforce`);
    if (m.size > 200000) parts.push(`S:AMA=SUM|v=1|action=|error=|atch=1`);
    row(t, { source: 'AGENT', event_id: 'AGENTINFO', client_hostname: m.exoHost, server_hostname: m.exoHost,
      recipient_address: allRcpt, recipient_count: String(m.recipients.length),
      custom_data: parts.join(';') });
  };

  if (m.dir === 'in') {
    const envelope = m.dl ? [m.dl] : m.recipients;
    const custom = [`S:ProxyHop1=${m.exoHost}`, ...tlsCustomData(m), 'S:DeliveryPriority=Normal',
      `S:MimeParts=${m.size > 200000 ? '2/1/1/0/0' : '1/1/0/0/0'}`];
    rng.shuffle(custom); // the keys come in no fixed order
    row(t, { client_ip: m.remoteIp, client_hostname: m.remoteHost, server_hostname: m.exoHost,
      source_context: `08DE${m.sessionId.slice(4)};${isoMs(t - rng.int(300, 3000))};0`, connector_id: m.connector,
      source: 'SMTP', event_id: 'RECEIVE', recipient_address: envelope.join(';'), recipient_count: String(envelope.length),
      custom_data: custom.join(';') });
    agentInfo();
    if (m.dl) {
      t += rng.int(50, 400);
      row(t, { client_hostname: m.exoHost, server_hostname: m.exoHost, source: 'ROUTING', event_id: 'EXPAND',
        recipient_address: m.recipients.join(';'), recipient_count: String(m.recipients.length), related_recipient_address: m.dl });
    }
    if (m.status === 'Failed') {
      t += rng.int(200, 1500);
      row(t, { client_hostname: m.exoHost, server_hostname: m.exoHost, source: 'ROUTING', event_id: 'FAIL',
        recipient_address: m.recipients.join(';'), recipient_count: String(m.recipients.length),
        recipient_status: m.recipients.map(() => '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup').join(';') });
    } else {
      for (const r of m.recipients) {
        t += rng.int(300, 4000);
        row(t, { client_hostname: m.exoHost, server_hostname: rng.pick(EXO_HOSTS), source: 'STOREDRIVER', event_id: 'DELIVER',
          recipient_address: r, recipient_count: '1',
          recipient_status: '250 2.1.5 Recipient OK', message_info: isoMs(m.time),
          custom_data: m.status === 'FilteredAsSpam' ? 'S:DeliveredTo=Junk Email' : '' });
      }
    }
  } else {
    row(t, { client_hostname: m.exoHost, server_hostname: m.exoHost, source_context: mdb(), source: 'STOREDRIVER',
      event_id: 'RECEIVE', recipient_address: allRcpt, recipient_count: String(m.recipients.length),
      custom_data: `S:DeliveryPriority=Normal;S:AccountForest=${ORG_ONMS}` });
    if (m.dir === 'internal') {
      for (const r of m.recipients) {
        t += rng.int(300, 3000);
        row(t, { client_hostname: m.exoHost, server_hostname: rng.pick(EXO_HOSTS), source: 'STOREDRIVER', event_id: 'DELIVER',
          recipient_address: r, recipient_count: '1',
          recipient_status: '250 2.1.5 Recipient OK', message_info: isoMs(m.time) });
      }
    } else {
      agentInfo();
      if (m.recipients.length > 1) {
        t += rng.int(50, 400);
        row(t, { client_hostname: m.exoHost, server_hostname: m.exoHost, source: 'ROUTING', event_id: 'TRANSFER',
          recipient_address: allRcpt, recipient_count: String(m.recipients.length), reference: m.messageId });
      }
      t += rng.int(800, 8000);
      const custom = [...tlsCustomData(m), `S:E2ELatency=${(rng.int(800, 9000) / 1000).toFixed(3)}`,
        `S:DeliveryPriority=Normal`, `S:IsSmtpResponseFromExternalServer=True`];
      rng.shuffle(custom);
      row(t, { client_hostname: m.exoHost, server_ip: m.remoteIp, server_hostname: m.remoteHost,
        source_context: '250 2.0.0 OK', connector_id: m.connector, source: 'SMTP',
        event_id: 'SENDEXTERNAL', recipient_address: allRcpt, recipient_count: String(m.recipients.length),
        recipient_status: m.recipients.map(() => '250 2.0.0 OK').join(';'), message_info: isoMs(m.time),
        custom_data: custom.join(';') });
    }
  }
  return rows;
}

// --- 2. Enhanced summary -----------------------------------------------------------------------

const ENH_COLUMNS = ['origin_timestamp_utc', 'sender_address', 'recipient_status', 'message_subject', 'total_bytes',
  'message_id', 'network_message_id', 'original_client_ip', 'directionality', 'connector_id', 'delivery_priority'];

function recipientStatuses(m) { // [address, enhanced status, trace status]
  const out = [];
  if (m.dl) out.push([m.dl, 'Receive, Expand', 'Expanded']);
  const verb = m.dir === 'out' ? 'Send' : m.status === 'Failed' ? 'Fail' : 'Deliver';
  for (const r of m.recipients) out.push([r, `Receive, ${verb}`, m.status]);
  return out;
}

function enhancedRow(m) {
  return [iso7(m.time), m.sender, recipientStatuses(m).map(([a, s]) => `${a}##${s}`).join(';'), m.subject.slice(0, 256),
    String(m.size), m.messageId, m.networkMessageId, m.clientIp, m.dir === 'in' ? '1' : '2', m.connector, 'Normal'];
}

// --- 3./4. Get-MessageTraceV2 + Export-Csv -----------------------------------------------------

const TRACE_TYPE_LINE = '#TYPE Deserialized.Microsoft.Exchange.Management.FfoReporting.MessageTrace';
const TRACE_COLUMNS = ['PSComputerName', 'RunspaceId', 'PSShowComputerName', 'Organization', 'MessageId', 'Received',
  'SenderAddress', 'RecipientAddress', 'Subject', 'Status', 'ToIP', 'FromIP', 'Size', 'MessageTraceId', 'StartDate', 'EndDate', 'Index'];
const TRACE_DE_COLUMNS = ['Received', 'SenderAddress', 'RecipientAddress', 'Subject', 'Status', 'ToIP', 'FromIP',
  'Size', 'MessageId', 'MessageTraceId'];

function traceRows(m) { // one row per recipient; ToIP blank inbound, FromIP blank outbound, both blank internal
  return recipientStatuses(m).map(([addr, , status]) => ({
    Organization: ORG_ONMS, MessageId: m.messageId, received: m.time, SenderAddress: m.sender, RecipientAddress: addr,
    Subject: m.subject, Status: status, ToIP: m.dir === 'out' ? m.remoteIp : '', FromIP: m.dir === 'in' ? m.remoteIp : '',
    Size: String(m.size), MessageTraceId: m.messageTraceId,
  }));
}

// --- 5. Get-MessageTraceDetail + Export-Csv -NoTypeInformation ---------------------------------

const DETAIL_COLUMNS = ['Organization', 'MessageId', 'MessageTraceId', 'Date', 'Event', 'Action', 'Detail', 'Data',
  'SenderAddress', 'RecipientAddress'];

const mep = (name, type, value) => `<MEP Name="${name}" ${type}="${value}" />`;

function detailRows(rng, m) {
  const rcpt = m.recipients[0];
  const rows = [];
  const row = (t, event, action, detail, meps) => rows.push({
    Organization: ORG_ONMS, MessageId: m.messageId, MessageTraceId: m.messageTraceId, Date: enUS(t), Event: event,
    Action: action, Detail: detail, Data: `<root>${meps.join('')}</root>`, SenderAddress: m.sender, RecipientAddress: rcpt,
  });
  const using = m.tls === 'none' ? '' : ` using ${TLS[m.tls].detail}`;
  let t = m.time;
  if (m.dir === 'in') {
    const blob = [];
    if (m.connector) blob.push(`S:InboundConnectorData=Name=${m.connector};ConnectorType=${CONNECTORS[m.connector].type}`);
    blob.push(...tlsCustomData(m));
    row(t, 'Receive', '', `Message received by: ${m.exoHost}${using}`, [mep('ReturnPath', 'String', m.sender),
      mep('ClientIP', 'String', m.remoteIp), mep('ServerHostName', 'String', m.exoHost), mep('CustomData', 'Blob', blob.join(';'))]);
    t += rng.int(1000, 5000);
    if (m.status === 'Failed') {
      row(t, 'Fail', '', 'Reason: [{LED=550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup}]',
        [mep('ErrorCode', 'String', '550 5.1.10')]);
    } else {
      row(t, 'Deliver', '', m.status === 'FilteredAsSpam' ? 'The message was delivered to the Junk Email folder.' : 'The message was successfully delivered.',
        [mep('DeliveryPriority', 'String', 'Normal'), mep('MailboxDatabaseName', 'String', `EURPR0${rng.int(1, 9)}DG${rng.int(100, 999)}-db${rng.int(100, 999)}`)]);
    }
  } else {
    row(t, 'Receive', '', `Message received by: ${m.exoHost}`, [mep('ReturnPath', 'String', m.sender),
      mep('ClientIP', 'String', m.clientIp), mep('ServerHostName', 'String', m.exoHost),
      mep('CustomData', 'Blob', 'S:DeliveryPriority=Normal;S:AccountForest=' + ORG_ONMS)]);
    t += rng.int(1500, 9000);
    const blob = [];
    if (m.connector) blob.push(`S:Microsoft.Exchange.Hygiene.TenantOutboundConnectorCustomData=Name=${m.connector}`);
    blob.push(...tlsCustomData(m));
    row(t, 'Send', m.connector ? 'RouteMessageUsingConnector' : '', `Message sent to ${m.remoteHost} at ${m.remoteIp}${using}`,
      [mep('ServerIP', 'String', m.remoteIp), mep('ServerHostName', 'String', m.remoteHost),
        mep('DeliveryPriority', 'String', 'Normal'), mep('CustomData', 'Blob', blob.join(';'))]);
  }
  return rows;
}

// --- 7. mailflow.csv for the on-premises gateway ------------------------------------------------

const GW_USERS = ['j.berger', 'a.kowalski', 'm.rossi', 's.jansen', 't.nguyen', 'e.larsen', 'p.dubois', 'h.schmidt'];
const GW_DOMAIN = 'mfg.contoso.com';
const GW_TLS_CIPHER = { '1.3': 'TLS_AES_256_GCM_SHA384', '1.2': 'ECDHE-RSA-AES256-GCM-SHA384', '1.0': 'ECDHE-RSA-AES256-SHA', none: '' };

function gatewayDay(rng, day) {
  const weekend = isWeekend(day);
  const out = [];
  const mk = (f) => {
    const nRcpt = rng.chance(0.12) ? 2 : 1;
    const m = { time: day + timeOfDay(rng, weekend), size: messageSize(rng, f.median ?? 30000), status: rng.chance(0.02) ? 'failed' : 'delivered', ...f };
    if (m.dir === 'in') m.recipients = pickDistinct(rng, GW_USERS, nRcpt).map((u) => `${u}@${GW_DOMAIN}`);
    else m.recipients = pickDistinct(rng, EXTERNAL_USERS, nRcpt).map((u) => `${u}@${m.domain}`);
    m.messageId = `<${rng.hex(10).toUpperCase()}.${rng.hex(6)}@${m.dir === 'out' ? 'gw1.' + GW_DOMAIN : m.remoteHost}>`;
    out.push(m);
  };
  for (let i = rng.poisson(weekend ? 2 : 7); i > 0; i--) {
    const domain = rng.weighted(INTERNET_IN_DOMAINS.filter(([d]) => d !== 'tailspintoys.com'));
    const [host, ip] = rng.pick(DOMAINS[domain].send);
    const tls = domain === 'litwareinc.com' ? '1.2' : rng.weighted([['1.3', 45], ['1.2', 50], ['none', 5]]);
    mk({ dir: 'in', connector: 'Gateway inbound', tls, domain, sender: externalAddress(rng, domain), remoteHost: host, remoteIp: ip });
  }
  for (let i = rng.poisson(weekend ? 1 : 5.5); i > 0; i--) {
    const domain = rng.chance(0.4) ? 'northwindtraders.com' : rng.weighted(INTERNET_OUT_DOMAINS.filter(([d]) => d !== 'tailspintoys.com'));
    const [host, ip] = DOMAINS[domain].mx;
    let tls = rng.weighted([['1.3', 45], ['1.2', 52], ['none', 3]]);
    if (domain === 'northwindtraders.com') tls = day >= NORTHWIND_NO_STARTTLS_FROM ? 'none' : (rng.chance(0.5) ? '1.2' : '1.3');
    mk({ dir: 'out', connector: 'Gateway outbound', tls, domain, sender: `${rng.pick(GW_USERS)}@${GW_DOMAIN}`, remoteHost: host, remoteIp: ip });
  }
  for (let i = rng.poisson(weekend ? 0.3 : 2.5); i > 0; i--) {
    const dev = rng.int(1, 4);
    mk({ dir: 'in', connector: 'Scanner relay', tls: rng.weighted([['1.0', 75], ['1.2', 20], ['none', 5]]), domain: GW_DOMAIN,
      sender: `scanner-b${10 + dev}@${GW_DOMAIN}`, remoteHost: `mfp-b${10 + dev}.${GW_DOMAIN}`, remoteIp: `192.0.2.${110 + dev}`, median: 300000 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Counting what was written

const emptyTls = () => Object.fromEntries([...TLS_KEYS, 'no-data'].map((k) => [k, 0]));

class Tally {
  constructor() { this.inbound = 0; this.outbound = 0; this.internal_excluded = 0; this.events_or_rows = 0;
    this.bytes = { inbound: 0, outbound: 0 }; this.tls = { inbound: emptyTls(), outbound: emptyTls() };
    this.connectors = {}; this.first_day = null; this.last_day = null; }
  message(m, tlsKnown = true) {
    if (m.dir === 'internal') { this.internal_excluded++; return; }
    const dir = m.dir === 'in' ? 'inbound' : 'outbound';
    this[dir]++;
    this.bytes[dir] += m.size;
    const tk = tlsKnown ? m.tls : 'no-data';
    this.tls[dir][tk]++;
    this.addConnector(dir, m.connector, tk, 1);
    this.day(isoDay(m.time));
  }
  addConnector(dir, connector, tk, n) {
    const key = `${dir}|${connector === '' ? '(no connector)' : connector}`;
    this.connectors[key] ??= emptyTls();
    this.connectors[key][tk] += n;
  }
  day(d) { if (!this.first_day || d < this.first_day) this.first_day = d; if (!this.last_day || d > this.last_day) this.last_day = d; }
  json(extra = {}) {
    const c = {};
    for (const k of Object.keys(this.connectors).sort()) c[k] = prune(this.connectors[k]);
    return { inbound: this.inbound, outbound: this.outbound, internal_excluded: this.internal_excluded,
      events_or_rows: this.events_or_rows, first_day: this.first_day, last_day: this.last_day, ...extra,
      bytes: this.bytes, tls: { inbound: prune(this.tls.inbound), outbound: prune(this.tls.outbound) }, connectors: c };
  }
}
const prune = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));

// Weekly TLS share per connector, for the story checks and the README.
function weeklyShares(msgs, weeks, connectorOf = (m) => `${m.dir === 'in' ? 'inbound' : 'outbound'}|${m.connector || '(no connector)'}`) {
  const res = {};
  for (const [a, b] of weeks) {
    const lo = dayMs(a), hi = dayMs(b) + DAY_MS;
    for (const m of msgs) {
      if (m.dir === 'internal' || m.time < lo || m.time >= hi) continue;
      const k = connectorOf(m);
      res[k] ??= weeks.map(() => ({ total: 0, none: 0, '1.0': 0 }));
      const w = res[k][weeks.findIndex(([x]) => x === a)];
      w.total++;
      if (m.tls === 'none') w.none++;
      if (m.tls === '1.0') w['1.0']++;
    }
  }
  return res;
}
const pct = (n, d) => (d ? `${Math.round((100 * n) / d)}%` : '-');

function check(cond, what) {
  if (!cond) throw new Error(`story check failed: ${what} (change a seed)`);
}

// ---------------------------------------------------------------------------------------------
// Main

function main() {
  const files = {};
  const expected = {};
  const pending = []; // nothing is written until the story checks pass
  const write = (name, buf) => { pending.push([name, buf]); files[name] = buf.length; };

  // Exchange Online: 7 weeks of the same model; the first 4 only as EAC report counts.
  const eacRng = new Rng(0x0eac2026);
  const exoRng = new Rng(0x3c0a2026);
  const eacMsgs = daysBetween(EAC_FIRST, EAC_LAST).flatMap((d) => exoDay(eacRng, d, false));
  const exo = daysBetween(PERIOD_FIRST, PERIOD_LAST).flatMap((d) => exoDay(exoRng, d, true));
  exo.sort((a, b) => a.time - b.time);

  // Make the pitfalls certain: a subject with a line break, and one with commas and quotes, in the trace window.
  const inTraceWindow = exo.filter((m) => m.time >= dayMs('2026-11-18') && m.dir === 'in' && !m.scan && !m.newsletter);
  inTraceWindow[0].subject = 'Minutes of Monday\'s call\nand next steps';
  inTraceWindow[1].subject = 'RE: Offer 2027, "gold" tier, net 30';

  // 1. Extended
  const extRng = new Rng(0xe47e2026);
  let internalId = 1099511627776;
  const extRows = exo.flatMap((m) => extendedRows(extRng, m, () => internalId++));
  extRng.shuffle(extRows); // the real files come unsorted
  write('exo-extended-report.csv', utf16le([EXT_COLUMNS, ...extRows].map((r) => csvQuoted(r)).join('\r\n') + '\r\n', true));
  const tExt = new Tally();
  exo.forEach((m) => tExt.message(m));
  tExt.events_or_rows = extRows.length;
  expected['exo-extended-report.csv'] = tExt.json();

  // 2. Enhanced summary (UTF-16 LE without BOM), newest first
  const enh = exo.slice().sort((a, b) => b.time - a.time);
  write('exo-enhanced-summary.csv', utf16le([ENH_COLUMNS, ...enh.map(enhancedRow)].map((r) => csvQuoted(r)).join('\r\n') + '\r\n', false));
  const tEnh = new Tally();
  enh.forEach((m) => tEnh.message(m, false));
  tEnh.events_or_rows = enh.length;
  expected['exo-enhanced-summary.csv'] = tEnh.json();

  // 3. Message trace, en-US, #TYPE line, ASCII, last 10 days, newest first
  const runspace = new Rng(0x7ace2026).guid();
  const traceMsgs = exo.filter((m) => m.time >= dayMs(TRACE_FIRST)).sort((a, b) => b.time - a.time);
  const traceRowsAll = traceMsgs.flatMap(traceRows);
  const start = enUS(dayMs(TRACE_FIRST)), end = enUS(dayMs(PERIOD_LAST) + DAY_MS);
  const traceLines = [TRACE_TYPE_LINE, csvQuoted(TRACE_COLUMNS), ...traceRowsAll.map((r, i) => csvQuoted(TRACE_COLUMNS.map((c) => ({
    PSComputerName: 'outlook.office365.com', RunspaceId: runspace, PSShowComputerName: 'False', Received: enUS(r.received),
    StartDate: start, EndDate: end, Index: String(i), ...r }[c])))) ];
  write('message-trace.csv', ascii(traceLines.join('\r\n') + '\r\n'));
  const tTrace = new Tally();
  traceMsgs.forEach((m) => tTrace.message(m, false));
  tTrace.events_or_rows = traceRowsAll.length;
  expected['message-trace.csv'] = tTrace.json();

  // 4. Message trace, de-DE, -UseCulture (;), UTF-8 with BOM, -NoTypeInformation
  const deMsgs = traceMsgs.filter((m) => m.time >= dayMs(TRACE_DE_FIRST) && m.time < dayMs(TRACE_DE_LAST) + DAY_MS);
  const deRows = deMsgs.flatMap(traceRows);
  const deLines = [csvQuoted(TRACE_DE_COLUMNS, ';'), ...deRows.map((r) => csvQuoted(TRACE_DE_COLUMNS.map((c) => (c === 'Received' ? deDE(r.received) : r[c])), ';'))];
  write('message-trace-de.csv', utf8(deLines.join('\r\n') + '\r\n', true));
  const tDe = new Tally();
  deMsgs.forEach((m) => tDe.message(m, false));
  tDe.events_or_rows = deRows.length;
  expected['message-trace-de.csv'] = tDe.json();

  // 5. Message trace detail for 40 boundary messages of the trace window (all interesting ones first)
  const detRng = new Rng(0xde7a2026);
  const candidates = traceMsgs.filter((m) => m.dir !== 'internal').sort((a, b) => a.time - b.time);
  const chosen = new Set();
  const take = (pred, n) => candidates.filter((m) => pred(m) && !chosen.has(m)).slice(0, n).forEach((m) => chosen.add(m));
  take((m) => m.tls === '1.0', 4); take((m) => m.tls === '1.1', 3); take((m) => m.tls === 'none' && m.dir === 'in', 3);
  take((m) => m.tls === 'none' && m.dir === 'out', 2); take((m) => m.connector === 'Outbound to Adatum', 4);
  take((m) => m.connector === 'Inbound from Fabrikam', 4); take((m) => m.status === 'Failed', 1);
  const rest = detRng.shuffle(candidates.filter((m) => !chosen.has(m)));
  while (chosen.size < 40 && rest.length) chosen.add(rest.pop());
  const detMsgs = [...chosen].sort((a, b) => a.time - b.time);
  const detRows = detMsgs.flatMap((m) => detailRows(detRng, m));
  write('message-trace-detail.csv', ascii([csvQuoted(DETAIL_COLUMNS), ...detRows.map((r) => csvQuoted(DETAIL_COLUMNS.map((c) => r[c])))].join('\r\n') + '\r\n'));
  const tDet = new Tally();
  detMsgs.forEach((m) => tDet.message(m));
  tDet.events_or_rows = detRows.length;
  expected['message-trace-detail.csv'] = tDet.json();

  // 6. EAC Inbound / Outbound messages reports (4 weeks before the per-message period)
  // The inbound export has the columns Microsoft documents (no TLS 1.3: Volume minus the TLS columns
  // is the TLS 1.3 mail); the outbound one the newer layout with a TLS 1.3 column.
  const EAC_BASE = ['Date', 'Connector direction and name', 'Connector type', 'Forced TLS?', 'No TLS', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2'];
  for (const [dir, file] of [['in', 'eac-inbound-messages-report.csv'], ['out', 'eac-outbound-messages-report.csv']]) {
    const withTls13 = dir === 'out';
    const EAC_COLUMNS = [...EAC_BASE, ...(withTls13 ? ['TLS 1.3'] : []), 'Volume'];
    const cells = new Map();
    for (const m of eacMsgs.filter((x) => x.dir === dir)) {
      const key = `${isoDay(m.time)}\t${m.connector}`;
      if (!cells.has(key)) cells.set(key, emptyTls());
      cells.get(key)[m.tls]++;
    }
    const t = new Tally();
    const dirWord = dir === 'in' ? 'Inbound' : 'Outbound';
    const rows = [...cells.keys()].sort().map((key) => {
      const [day, connector] = key.split('\t');
      const c = cells.get(key);
      const volume = TLS_KEYS.reduce((s, k) => s + c[k], 0);
      const info = CONNECTORS[connector];
      t[dir === 'in' ? 'inbound' : 'outbound'] += volume;
      for (const k of TLS_KEYS) { t.tls[dir === 'in' ? 'inbound' : 'outbound'][k] += c[k]; if (c[k]) t.addConnector(dir === 'in' ? 'inbound' : 'outbound', connector, k, c[k]); }
      t.day(day);
      return [day, `${dirWord} - ${connector || 'No connector'}`, info ? info.type : '', info?.forced ? 'Yes' : 'No',
        c.none, c['1.0'], c['1.1'], c['1.2'], ...(withTls13 ? [c['1.3']] : []), volume];
    });
    t.events_or_rows = rows.length;
    t.bytes = undefined;
    write(file, utf8([EAC_COLUMNS, ...rows].map(csvMinimal).join('\r\n') + '\r\n', true));
    const j = t.json();
    delete j.bytes;
    expected[file] = j;
  }

  // 7. mailflow.csv: the on-premises gateway, same three weeks
  const gwRng = new Rng(0x6a7e2026);
  const gw = daysBetween(PERIOD_FIRST, PERIOD_LAST).flatMap((d) => gatewayDay(gwRng, d)).sort((a, b) => a.time - b.time);
  const MF_COLUMNS = ['timestamp', 'direction', 'connector', 'tls_version', 'bytes', 'message_id', 'sender', 'recipient', 'remote_host', 'remote_ip', 'status', 'tls_cipher'];
  const mfRows = gw.flatMap((m) => m.recipients.map((r, i) => [isoSec(m.time + i * 1000), m.dir === 'in' ? 'inbound' : 'outbound',
    m.connector, m.tls, m.size, m.messageId, m.sender, r, m.remoteHost, m.remoteIp, m.status, GW_TLS_CIPHER[m.tls]]));
  write('mailflow.csv', utf8([MF_COLUMNS, ...mfRows].map(csvMinimal).join('\n') + '\n', false));
  const tGw = new Tally();
  gw.forEach((m) => tGw.message(m));
  tGw.events_or_rows = mfRows.length;
  expected['mailflow.csv'] = tGw.json();

  // The story the dashboard should tell: verify it, so a seed change cannot silently break it.
  const exoWeeks = weeklyShares(exo, WEEKS);
  const eacWeeks = weeklyShares(eacMsgs, EAC_WEEKS);
  const gwWeeks = weeklyShares(gw, WEEKS);
  if (process.env.MAILFLOW_GEN_DEBUG) console.error(JSON.stringify({ exoWeeks, eacWeeks, gwWeeks }));
  const onprem = exoWeeks['inbound|Inbound from OnPrem'];
  check(onprem[0]['1.0'] * 2 > onprem[0].total && onprem[1]['1.0'] * 2 > onprem[1].total, 'OnPrem TLS 1.0 > 50% in weeks 1-2');
  check(onprem[2]['1.0'] === 0, 'OnPrem TLS 1.0 gone in week 3');
  const nc = exoWeeks['inbound|(no connector)'];
  check(nc[1].none * 4 > nc[1].total && nc[0].none * 4 <= nc[0].total && nc[2].none * 4 <= nc[2].total, 'no-connector inbound No TLS > 25% only in week 2');
  const gwo = gwWeeks['outbound|Gateway outbound'];
  check(gwo[2].none * 4 > gwo[2].total && gwo[0].none * 4 <= gwo[0].total && gwo[1].none * 4 <= gwo[1].total, 'Gateway outbound No TLS > 25% only in week 3');
  const nco = exoWeeks['outbound|(no connector)'];
  check(nco.every((w) => w.none * 4 <= w.total), 'no-connector outbound No TLS stays under 25%');
  check(expected['exo-extended-report.csv'].tls.outbound.none > 0, 'plaintext outbound to tailspintoys.com');
  check(expected['exo-extended-report.csv'].tls.inbound['1.1'] > 0, 'a TLS 1.1 sender');
  check(extRows.length && inTraceWindow.length >= 2, 'pitfall subjects placed');

  const mtaReadme = mtaSources(write, expected); // on-premises MTA logs (appended section below)
  write('expected-totals.json', Buffer.from(JSON.stringify(expected, null, 2) + '\n', 'utf8'));
  write('README.md', Buffer.from(renderReadme(expected, { exoWeeks, eacWeeks, gwWeeks }, exo, eacMsgs, gw) + mtaReadme, 'utf8'));
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, buf] of pending) writeFileSync(join(OUT_DIR, name), buf);

  for (const [name, size] of Object.entries(files)) console.log(`${String(size).padStart(8)}  ${name}`);
  console.log(`${String(Object.values(files).reduce((a, b) => a + b, 0)).padStart(8)}  total bytes written to ${OUT_DIR}`);
}

// ---------------------------------------------------------------------------------------------
// README

function renderReadme(expected, shares, exo, eacMsgs, gw) {
  const table = Object.entries(expected).map(([f, e]) => `| \`${f}\` | ${e.first_day} .. ${e.last_day} | ${e.inbound} | ${e.outbound} | ${e.internal_excluded} | ${e.events_or_rows} |`).join('\n');
  const shareTable = (rows, weeks) => Object.entries(rows).sort().map(([k, ws]) =>
    `| ${k.replace('|', ' / ')} | ${ws.map((w) => `${w.total} msgs: ${pct(w.none, w.total)} none, ${pct(w['1.0'], w.total)} TLS 1.0`).join(' | ')} |`).join('\n');
  const head = (weeks) => `| connector | ${weeks.map(([a, b]) => `${a.slice(5)}..${b.slice(5)}`).join(' | ')} |\n|---|${weeks.map(() => '---|').join('')}`;
  const boundaryExo = exo.filter((m) => m.dir !== 'internal');
  const allIn = boundaryExo.filter((m) => m.dir === 'in').length + eacMsgs.filter((m) => m.dir === 'in').length + gw.filter((m) => m.dir === 'in').length;
  const allOut = boundaryExo.filter((m) => m.dir === 'out').length + eacMsgs.filter((m) => m.dir === 'out').length + gw.filter((m) => m.dir === 'out').length;
  return `# mailflow example data

Synthetic sample exports for one organisation, **contoso.com** (mailboxes in Exchange Online, plus an
on-premises mail gateway for its manufacturing site \`mfg.contoso.com\`). Every file in this folder is
written by \`generate.mjs\`; do not edit them by hand. Domains are the Microsoft example names, IP
addresses come only from the documentation ranges 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24.
Nothing is copied from real logs.

\`\`\`
node examples/generate.mjs [outdir]     # Node 20, no dependencies; default outdir = examples/
\`\`\`

The generator uses seeded mulberry32 streams only (no clock, no \`Math.random\`), so re-running it
gives byte-identical files. It checks its own story (the insights listed below must fire where
stated) and stops with an error if a change breaks it.

## Files

| File | What it is | Encoding |
|---|---|---|
| \`exo-extended-report.csv\` | Exchange Online historical search / EAC **Extended** report (\`-ReportType MessageTraceDetail\`): the 27 columns of FORMATS.md §3.2, one row per event, rows shuffled | UTF-16 LE **with** BOM, CRLF, every field quoted |
| \`exo-enhanced-summary.csv\` | EAC **Enhanced summary** report: the 11 columns of §3.1, one row per message, newest first | UTF-16 LE **without** BOM, CRLF, every field quoted |
| \`message-trace.csv\` | \`Get-MessageTraceV2 \\| Export-Csv\` from Windows PowerShell 5.1 without \`-NoTypeInformation\` (remote-session columns \`PSComputerName,RunspaceId,PSShowComputerName\` first), one row per recipient, en-US dates, only 2026-11-13 .. 2026-11-22 (the 10 days one V2 query may cover) | ASCII (non-ASCII subject characters became \`?\`), CRLF, \`#TYPE\` first line |
| \`message-trace-de.csv\` | the same trace for 2026-11-18 .. 2026-11-20 exported on a de-DE machine with \`-UseCulture -NoTypeInformation -Encoding UTF8\`: \`;\` delimiter, \`20.11.2026 08:15:02\` dates, the short V2 column set (\`Received,SenderAddress,RecipientAddress,Subject,Status,ToIP,FromIP,Size,MessageId,MessageTraceId\`) | UTF-8 with BOM, CRLF |
| \`message-trace-detail.csv\` | \`Get-MessageTraceDetail \\| Export-Csv -NoTypeInformation\` for 40 boundary messages of the trace window (first recipient of each), en-US dates | ASCII, CRLF |
| \`eac-inbound-messages-report.csv\`, \`eac-outbound-messages-report.csv\` | EAC **Inbound / Outbound messages report** export, one row per day and connector, 2026-10-05 .. 2026-11-01 | UTF-8 with BOM, CRLF, quoted only when needed |
| \`mailflow.csv\` | mailflow's own CSV, the on-premises gateway of \`mfg.contoso.com\` as exported from a SIEM, 2026-11-02 .. 2026-11-22 | UTF-8 without BOM, LF |
| \`expected-totals.json\` | what the generator wrote, per file (see below) | UTF-8 |

## One organisation, one timeline, no double counting

* The five Exchange Online per-message files (extended, enhanced summary, the two traces, the
  detail) describe the **same messages**: same \`message_id\`/\`MessageId\`, same
  \`network_message_id\` (= \`MessageTraceId\`), same origin times, sizes, senders, recipients and
  connectors. Loaded together, the engine must join them by message id and count each message once;
  the union is exactly the message set of \`exo-extended-report.csv\` / \`exo-enhanced-summary.csv\`
  (2026-11-02 .. 2026-11-22). The traces and the detail are subsets of it.
* The EAC reports are already aggregated and cannot be joined to messages, so they cover the **four
  weeks before** (2026-10-05 .. 2026-11-01), simulated with the same model and the same connectors.
  The on-premises gateway (\`mailflow.csv\`) is a different part of the organisation (its own
  connectors and message ids), so it adds to the Exchange Online mail rather than repeating it.
* Volumes are those of a small organisation (about 6 Exchange Online messages per weekday plus
  the gateway's ~20): every Exchange Online message costs about 3.5 KB in the UTF-16, 27-column
  extended report alone, and the folder should stay small. The daily means are in \`exoDay()\` and
  \`gatewayDay()\`.
* The Exchange Online exports, the EAC reports and the gateway together therefore give one
  continuous seven-week picture
  (2026-10-05 .. 2026-11-22): ${allIn} inbound and ${allOut} outbound messages in total, internal mail excluded.

## Rules chosen where the sources are unconfirmed (FORMATS.md marks these UNCONFIRMED)

* **TLS in the extended report**: the \`custom_data\` of a \`RECEIVE\` row with \`source\` = \`SMTP\`
  (inbound) or of a \`SENDEXTERNAL\` row (outbound) carries \`S:tlsversion=<v>\` and, when encrypted,
  \`S:tlscipher=<cipher>\`, mixed in no fixed order with other \`S:\` keys. \`<v>\` is \`TLS1_2\`,
  \`TLS1_3\`, \`TLS1_1\`, or Schannel style \`SP_PROT_TLS1_0_SERVER\` / \`SP_PROT_TLS1_2_SERVER\` (the
  \`Inbound from OnPrem\` connector). **A plaintext session is written \`S:tlsversion=None\`** (and has
  no \`S:tlscipher\`). Every boundary message has exactly one such row; all other rows
  (\`STOREDRIVER\` receive/deliver, \`AGENTINFO\`, \`EXPAND\`, \`TRANSFER\`, \`FAIL\`) carry no TLS key.
* **TLS in the detail export**: the \`CustomData\` \`Blob\` MEP in \`Data\` of the \`Receive\` event
  (inbound) or the \`Send\` event (outbound), same \`S:tlsversion\` rule, after
  \`S:InboundConnectorData=Name=<connector>;ConnectorType=<type>\` or
  \`S:Microsoft.Exchange.Hygiene.TenantOutboundConnectorCustomData=Name=<connector>\` when a connector
  was used (absent = no connector). The \`Receive\` event of outbound mail is the mailbox submission
  and has no TLS key. \`Detail\` texts such as \`... using TLS1.2 with AES256\` are invented.
  Column order: \`${DETAIL_COLUMNS.join(',')}\`.
* **Directionality**: extended report \`Incoming\` / \`Originating\`; enhanced summary \`1\` (inbound) /
  \`2\` (outbound). Mail arriving through \`Inbound from OnPrem\` (a scan-to-mail device and an ERP
  relay, sender @contoso.com) is \`Incoming\`/\`1\` and counts as inbound on that connector.
* **Internal mail** (contoso.com to contoso.com, submitted from a mailbox, never crossing the
  boundary) is \`Originating\`/\`2\` with only @contoso.com recipients and an empty \`connector_id\`.
  In the extended report it has only \`STOREDRIVER\` \`RECEIVE\` + \`DELIVER\` rows (no SMTP
  \`RECEIVE\`, no \`SENDEXTERNAL\`); in the traces both \`FromIP\` and \`ToIP\` are blank. Readers
  should leave it out of the boundary counts; the \`internal_excluded\` totals count it.
* **Direction in the traces** (no direction column): \`FromIP\` set = inbound, \`ToIP\` set =
  outbound, both blank = internal.
* **Recipients**: \`recipient_status\` = \`addr##Receive, Deliver\` (inbound), \`addr##Receive, Send\`
  (outbound), \`addr##Receive, Fail\` (rejected), plus \`dl##Receive, Expand\` for mail to a
  distribution list; the traces have one row per recipient including the list (\`Status\` =
  \`Expanded\`). Statuses used: \`Delivered\`, \`FilteredAsSpam\`, \`Failed\`, \`Expanded\`.
* **No connector** = empty \`connector_id\` (extended, enhanced) / no connector key (detail) /
  \`<Direction> - No connector\` with an empty \`Connector type\` (EAC).
* **EAC report export**: \`Date\` written \`2026-10-05\`; \`Connector direction and name\` =
  \`Inbound - <name>\` / \`Outbound - <name>\`; \`Connector type\` \`Partner\`/\`OnPremises\`/empty;
  \`Forced TLS?\` \`Yes\`/\`No\`; the TLS columns and \`Volume\` are message counts. The inbound report
  has the columns Microsoft documents, without TLS 1.3: **\`Volume\` − (\`No TLS\` + \`TLS 1.0\` +
  \`TLS 1.1\` + \`TLS 1.2\`) is the number of TLS 1.3 messages** there. The outbound report has the
  newer layout with a \`TLS 1.3\` column.
* **Timestamps**: extended \`2026-11-20T08:15:02.123Z\`; enhanced \`2026-11-20T08:15:02.1230000Z\`;
  traces and detail en-US \`11/20/2026 8:15:02 AM\` (UTC, no milliseconds) or de-DE
  \`20.11.2026 08:15:02\`; mailflow.csv \`2026-11-20T08:15:02Z\`. The trace \`Received\` is the
  message's origin time truncated to the second.
* **Pitfalls included on purpose**: subjects with commas and doubled quotes, one subject with an
  embedded line break (also in both traces), non-ASCII subjects (kept in the UTF-16/UTF-8 files,
  \`?\` in the ASCII ones), \`S:TRA=ETR|...|st=7/17/2026 12:31:25 AM|...\` in \`custom_data\`,
  \`source_context\` values with commas, a BOM-less UTF-16 file, a \`#TYPE\` line, \`;\` delimiters,
  unsorted rows, multi-recipient messages (several rows per message in every per-message file).

## The story (what the dashboard should show)

* \`Inbound from Fabrikam\` (Partner, forced TLS): TLS 1.2 and 1.3 only.
* \`Inbound from OnPrem\` (OnPremises): a legacy scan-to-mail device using **TLS 1.0** is connected
  from 2026-10-19 and replaced on 2026-11-16, so **"TLS 1.0 is above 50%"** fires on this connector
  from the third EAC week until 2026-11-15, and not in the last week.
* Inbound mail **without a connector**: mostly TLS 1.2/1.3, one TLS 1.1 sender (litwareinc.com,
  Exchange 2010), one plaintext sender (tailspintoys.com); a plaintext newsletter campaign from
  wingtiptoys.com on 2026-11-09 .. 11-13 makes **"No TLS is over 25%"** fire in that week only.
* \`Outbound to Adatum\` (Partner, forced TLS): TLS 1.2 only. Outbound without a connector: TLS
  1.2/1.3, plaintext to tailspintoys.com (no STARTTLS).
* \`mailflow.csv\` (gateway): \`Gateway inbound\`, \`Gateway outbound\`, \`Scanner relay\` (TLS 1.0
  multifunction printers, so "TLS 1.0 is above 50%" every week). From 2026-11-16 the MX of
  northwindtraders.com no longer offers STARTTLS: **\`Gateway outbound\` gets worse in the last
  week** and "No TLS is over 25%" fires on it for 11-16 .. 11-22 only.

Weekly shares as generated (Monday..Sunday weeks):

Exchange Online, per-message files:

${head(WEEKS)}
${shareTable(shares.exoWeeks, WEEKS)}

Exchange Online, EAC reports:

${head(EAC_WEEKS)}
${shareTable(shares.eacWeeks, EAC_WEEKS)}

Gateway (\`mailflow.csv\`):

${head(WEEKS)}
${shareTable(shares.gwWeeks, WEEKS)}

## Expected totals

\`expected-totals.json\` holds, per file, what the generator wrote:
\`{file: {inbound, outbound, internal_excluded, events_or_rows, first_day, last_day, bytes, tls, connectors}}\`.
\`inbound\`/\`outbound\` count **distinct messages** that crossed the boundary (for the EAC reports:
the sum of \`Volume\`); \`internal_excluded\` counts internal messages present in the file;
\`events_or_rows\` counts data rows (header and \`#TYPE\` lines excluded; a quoted field with a line
break does not start a new row). \`tls\` uses mailflow's keys (\`none\`, \`1.0\` .. \`1.3\`,
\`no-data\` for files that carry no TLS facts: the enhanced summary and the traces). \`connectors\`
is keyed \`direction|connector\` with \`(no connector)\` for mail without one. \`bytes\` sums message
sizes once per message (absent for the EAC reports, which have no sizes).

| File | Days | Inbound | Outbound | Internal excluded | Rows |
|---|---|---|---|---|---|
${table}
`;
}

// ---------------------------------------------------------------------------------------------
// On-premises MTA logs ("More sources", part A): an Exchange Server 2019 (EX01) with its message
// tracking and SMTP protocol logs (hybrid with Exchange Online), a Postfix MX, an Exim relay and a
// Sendmail box, all contoso.com, same three weeks. Their own message ids and hosts: they add to the
// Exchange Online picture rather than repeating it. Called from main() before the totals are written.

const MTA_TLS_NAMES = { // how each MTA spells a version
  exchange: { '1.0': 'SP_PROT_TLS1_0', '1.1': 'SP_PROT_TLS1_1', '1.2': 'SP_PROT_TLS1_2', '1.3': 'SP_PROT_TLS1_3' },
  openssl: { '1.0': 'TLSv1', '1.1': 'TLSv1.1', '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' },
  exim: { '1.0': 'TLS1', '1.1': 'TLS1.1', '1.2': 'TLS1.2', '1.3': 'TLS1.3' },
};
const MTA_CIPHER = { '1.3': 'TLS_AES_256_GCM_SHA384', '1.2': 'ECDHE-RSA-AES256-GCM-SHA384', '1.1': 'ECDHE-RSA-AES256-SHA', '1.0': 'ECDHE-RSA-AES256-SHA' };
const SYSLOG_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const syslogStamp = (ms) => { const d = new Date(ms); const p = (n) => String(n).padStart(2, '0');
  return `${SYSLOG_MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`; };
// rsyslog's RSYSLOG_FileFormat (RFC 3339): the examples carry their year, so they read the same in
// any year; classic stamps without a year are covered by the engine's tests.
const rfc3339Stamp = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
const eximStamp = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const upperHex = (rng, n) => rng.hex(n).toUpperCase();

// One boundary message of an on-prem MTA: { time, dir, connector, tls, size, remoteHost, remoteIp, ... }
function mtaDay(rng, day, perDay) {
  const base = day, out = []; // day: ms at 00:00 UTC, as daysBetween() gives it
  for (const [dir, mean, pick] of perDay) {
    const n = rng.poisson(isWeekend(base) ? mean / 3 : mean);
    for (let i = 0; i < n; i++) out.push({ time: base + timeOfDay(rng, isWeekend(base)), dir, ...pick(rng, base), size: messageSize(rng, 20000) });
  }
  return out.sort((a, b) => a.time - b.time);
}
const partner = (rng, domains) => { const d = rng.weighted(domains); return { domain: d, remoteHost: `mail.${d}`, remoteIp: `203.0.113.${rng.int(20, 99)}` }; };
const IN_DOMAINS = [['northwindtraders.com', 4], ['wingtiptoys.com', 2], ['litwareinc.com', 1], ['tailspintoys.com', 1]];
const OUT_DOMAINS = [['northwindtraders.com', 3], ['adatum.com', 3], ['tailspintoys.com', 1]];
const internetTlsOf = (rng, domain) => (domain === 'tailspintoys.com' ? 'none' : domain === 'litwareinc.com' ? '1.1' : rng.chance(0.5) ? '1.3' : '1.2');

function mtaSources(write, expected) {
  const days = daysBetween(PERIOD_FIRST, PERIOD_LAST);
  const tallyOf = (msgs, rows, tlsKnown = true) => { const t = new Tally(); msgs.forEach((m) => t.message(m, tlsKnown)); t.events_or_rows = rows; return t; };

  // 1. EX01: tracking (30 fields) + protocol logs. Protocol logging is on for the Default Frontend
  //    and Office 365 receive connectors and both send connectors, off for "Inbound from Fabrikam"
  //    (as Exchange ships it: off for new connectors), so Fabrikam's messages stay "no TLS data".
  const exRng = new Rng(0xe1012026);
  const ex = days.flatMap((d) => mtaDay(exRng, d, [
    ['in', 1.6, (r) => { const k = r.weighted([['frontend', 3], ['fabrikam', 1], ['o365', 2]]);
      if (k === 'fabrikam') return { connector: 'EX01\\Inbound from Fabrikam', remoteHost: 'mail.fabrikam.com', remoteIp: '198.51.100.7', tls: r.chance(0.5) ? '1.3' : '1.2', logged: false, sessionInContext: true };
      if (k === 'o365') return { connector: 'EX01\\Inbound from Office 365', remoteHost: 'mail.protection.outlook.com', remoteIp: `198.51.100.${r.int(100, 110)}`, tls: '1.2', logged: true, sessionInContext: false };
      const p = partner(r, IN_DOMAINS); return { connector: 'EX01\\Default Frontend EX01', ...p, tls: internetTlsOf(r, p.domain), logged: true, sessionInContext: true }; }],
    ['out', 1.2, (r) => r.chance(0.4)
      ? { connector: 'Outbound to Office 365', remoteHost: 'contoso-com.mail.protection.outlook.com', remoteIp: `198.51.100.${r.int(120, 130)}`, tls: '1.2', logged: true }
      : { connector: 'Outbound to Internet', ...partner(r, OUT_DOMAINS), tls: 'x', logged: true }],
  ])).map((m) => (m.tls === 'x' ? { ...m, tls: internetTlsOf(exRng, m.domain) } : m));
  const MSGTRK_FIELDS = 'date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version';
  const exHeader = (type) => ['#Software: Microsoft Exchange Server', '#Version: 15.02.1544.009', `#Log-type: ${type}`, `#Date: ${isoMs(dayMs(PERIOD_FIRST) + 1004)}`];
  const trk = [], recv = [], send = [];
  let recordId = 2199023255552, internal = 0;
  for (const m of ex) {
    m.session = upperHex(exRng, 16).replace(/^./, '0');
    m.messageId = `<${exRng.hex(12)}@${m.dir === 'in' ? m.remoteHost : 'EX01.contoso.com'}>`;
    const user = `${exRng.pick(USERS)}@${ORG}`, ext = externalAddress(exRng, m.domain ?? 'fabrikam.com');
    const subject = fillSubject(exRng, exRng.pick(SUBJECTS));
    const start = m.time - exRng.int(800, 3000), id = recordId++;
    const row = (t, f) => csvMinimal([isoMs(t), f.cip, f.chost, f.sip, f.shost, f.ctx, f.connector, f.source, f.event, id, m.messageId, exRng.guid(), f.rcpt, f.status ?? '', m.size, 1, '', '', subject, f.from, f.from, f.info ?? '', f.dirn, '', f.ocip ?? '', f.osip ?? '', f.custom ?? '', 'Email', exRng.guid(), '15.02.1544.009']);
    if (m.dir === 'in') {
      trk.push([m.time, row(m.time, { cip: m.remoteIp, chost: m.remoteHost, sip: '192.0.2.10', shost: 'EX01', ctx: m.sessionInContext ? `${m.session};${isoMs(start + 300)};0` : '', connector: m.connector, source: 'SMTP', event: 'RECEIVE', rcpt: user, from: ext, dirn: 'Incoming', ocip: m.remoteIp, osip: '192.0.2.10', custom: 'S:DeliveryPriority=Normal' })]);
      trk.push([m.time + 900, row(m.time + 900, { cip: '192.0.2.10', chost: 'EX01', sip: '192.0.2.10', shost: 'EX01.contoso.com', ctx: `"250 2.0.0 OK;ClientSubmitTime:${isoMs(m.time)}"`.slice(1, -1), connector: '', source: 'STOREDRIVER', event: 'DELIVER', rcpt: user, status: '250 2.1.5 Recipient OK', from: ext, dirn: 'Incoming', info: isoMs(m.time) })]);
    } else {
      trk.push([m.time - 2000, row(m.time - 2000, { cip: '192.0.2.10', chost: 'EX01', sip: '192.0.2.10', shost: 'EX01', ctx: `MDB:${exRng.guid()}, Mailbox:${exRng.guid()}, Event:${exRng.int(1000, 99999)}, MessageClass:IPM.Note`, connector: '', source: 'STOREDRIVER', event: 'RECEIVE', rcpt: ext, from: user, dirn: 'Originating' })]);
      trk.push([m.time, row(m.time, { cip: '192.0.2.10', chost: 'EX01.contoso.com', sip: m.remoteIp, shost: m.remoteHost, ctx: '250 2.6.0 Queued mail for delivery', connector: m.connector, source: 'SMTP', event: 'SEND', rcpt: ext, status: '250 2.0.0 OK', from: user, dirn: 'Originating', ocip: '192.0.2.44', osip: '192.0.2.10', custom: 'S:DeliveryPriority=Normal' })]);
    }
    if (!m.logged) continue;
    const inbound = m.dir === 'in';
    const local = inbound ? '192.0.2.10:25' : `192.0.2.10:${exRng.int(40000, 60000)}`, remote = inbound ? `${m.remoteIp}:${exRng.int(30000, 60000)}` : `${m.remoteIp}:25`;
    const sessionRows = [];
    const pr = (t, seq, ev, data, ctx = '') => sessionRows.push([t, csvMinimal([isoMs(t), m.connector, m.session, seq, local, remote, ev, data, ctx])]);
    pr(start, 0, '+', '', '');
    pr(start + 40, 1, inbound ? '>' : '<', `220 ${inbound ? 'EX01.contoso.com' : m.remoteHost} ESMTP`);
    pr(start + 90, 2, inbound ? '<' : '>', 'EHLO ' + (inbound ? m.remoteHost : 'EX01.contoso.com'));
    if (m.tls !== 'none') {
      pr(start + 150, 3, inbound ? '<' : '>', 'STARTTLS');
      const spelling = `${MTA_TLS_NAMES.exchange[m.tls]}${inbound ? '_SERVER' : '_CLIENT'}`.replace(/^SP_PROT_/, inbound ? 'SP_PROT_' : 'SP_PROT-');
      pr(start + 220, 4, '*', '', `TLS protocol ${spelling} negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDH_EPHEM with strength 384 bits`);
    }
    pr(m.time - 100, 5, inbound ? '<' : '>', `MAIL FROM:<${inbound ? ext : user}> SIZE=${m.size}`);
    pr(m.time + 300, 6, '-', '', 'Local');
    (inbound ? recv : send).push(...sessionRows);
  }
  // Probes and rejected senders: sessions without messages (the protocol log alone cannot tell them apart).
  for (const d of days) {
    const t = d + exRng.int(0, DAY_MS - 10000), sid = upperHex(exRng, 16).replace(/^./, '0');
    const peer = `203.0.113.${exRng.int(150, 199)}:5${exRng.int(1000, 9999)}`;
    recv.push([t, csvMinimal([isoMs(t), 'EX01\\Default Frontend EX01', sid, 0, '192.0.2.10:25', peer, '+', '', ''])]);
    recv.push([t + 3000, csvMinimal([isoMs(t + 3000), 'EX01\\Default Frontend EX01', sid, 1, '192.0.2.10:25', peer, '-', '', 'Remote(SocketError)'])]);
    internal++;
  }
  const bySort = (rows) => rows.sort((a, b) => a[0] - b[0]).map((r) => r[1]);
  const crlfBom = (lines) => utf8(lines.join('\r\n') + '\r\n', true);
  write('MSGTRK20261102-1.LOG', crlfBom([...exHeader('Message Tracking Log'), `#Fields: ${MSGTRK_FIELDS}`, ...bySort(trk)]));
  const PROTO_FIELDS = '#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context';
  write('RECV20261102-1.LOG', crlfBom([...exHeader('SMTP Receive Protocol Log'), PROTO_FIELDS, ...bySort(recv)]));
  write('SEND20261102-1.LOG', crlfBom([...exHeader('SMTP Send Protocol Log'), PROTO_FIELDS, ...bySort(send)]));
  const exJson = tallyOf(ex, trk.length, false).json();
  const joined = new Tally();
  ex.forEach((m) => joined.message({ ...m }, m.logged));
  const joinedByConnector = {};
  for (const [k, v] of Object.entries(joined.connectors)) joinedByConnector[k] = prune(v);
  const matched = ex.filter((m) => m.logged).length;
  exJson.joined_with_protocol_logs = { files: ['RECV20261102-1.LOG', 'SEND20261102-1.LOG'], matched, of: ex.length, tls: { inbound: prune(joined.tls.inbound), outbound: prune(joined.tls.outbound) }, connectors: joinedByConnector };
  expected['MSGTRK20261102-1.LOG'] = exJson;
  for (const [file, rows] of [['RECV20261102-1.LOG', recv], ['SEND20261102-1.LOG', send]])
    expected[file] = { inbound: 0, outbound: 0, internal_excluded: 0, events_or_rows: rows.length, first_day: null, last_day: null, bytes: { inbound: 0, outbound: 0 }, tls: { inbound: {}, outbound: {} }, connectors: {} };

  // 2. Postfix MX of lab.contoso.com: classic syslog stamps (no year), smtpd TLS lines, qmgr sizes.
  const pfRng = new Rng(0x9f1a2026);
  const pf = days.flatMap((d) => mtaDay(pfRng, d, [
    ['in', 1.4, (r) => { const p = partner(r, IN_DOMAINS); return { connector: 'postfix/smtpd', ...p, tls: internetTlsOf(r, p.domain) }; }],
    ['out', 1.0, (r) => { const p = partner(r, OUT_DOMAINS); return { connector: 'postfix/smtp', ...p, tls: internetTlsOf(r, p.domain) }; }],
  ]));
  const pfLines = [];
  let pid = 20000;
  const pl = (t, prog, p, text) => pfLines.push([t, `${rfc3339Stamp(t)} mx1 ${prog}[${p}]: ${text}`]);
  for (const m of pf) {
    const q = upperHex(pfRng, 10), p = pid += pfRng.int(1, 40), addr = externalAddress(pfRng, m.domain), user = `${pfRng.pick(USERS)}@lab.contoso.com`;
    const host = `${m.remoteHost}[${m.remoteIp}]`;
    if (m.dir === 'in') {
      pl(m.time - 2000, 'postfix/smtpd', p, `connect from ${host}`);
      if (m.tls !== 'none') pl(m.time - 1500, 'postfix/smtpd', p, `Anonymous TLS connection established from ${host}: ${MTA_TLS_NAMES.openssl[m.tls]} with cipher ${MTA_CIPHER[m.tls]} (256/256 bits)`);
      pl(m.time, 'postfix/smtpd', p, `${q}: client=${host}`);
      pl(m.time + 100, 'postfix/cleanup', p + 1, `${q}: message-id=<${pfRng.hex(10)}@${m.domain}>`);
      pl(m.time + 200, 'postfix/qmgr', 1200, `${q}: from=<${addr}>, size=${m.size}, nrcpt=1 (queue active)`);
      pl(m.time + 400, 'postfix/smtpd', p, `disconnect from ${host} ehlo=2${m.tls !== 'none' ? ' starttls=1' : ''} mail=1 rcpt=1 data=1 quit=1 commands=${m.tls !== 'none' ? 7 : 6}`);
      pl(m.time + 900, 'postfix/lmtp', p + 2, `${q}: to=<${user}>, relay=mail.lab.contoso.com[private/dovecot-lmtp], delay=0.9, delays=0.2/0/0/0.7, dsn=2.0.0, status=sent (250 2.0.0 Ok)`);
      pl(m.time + 1000, 'postfix/qmgr', 1200, `${q}: removed`);
    } else {
      const relay = `${m.remoteHost}[${m.remoteIp}]:25`;
      pl(m.time - 1500, 'postfix/qmgr', 1200, `${q}: from=<${user}>, size=${m.size}, nrcpt=1 (queue active)`);
      if (m.tls !== 'none') pl(m.time - 800, 'postfix/smtp', p, `Verified TLS connection established to ${relay}: ${MTA_TLS_NAMES.openssl[m.tls]} with cipher ${MTA_CIPHER[m.tls]} (256/256 bits)`);
      pl(m.time, 'postfix/smtp', p, `${q}: to=<${addr}>, relay=${relay}, delay=1.5, delays=0.1/0/0.6/0.8, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)`);
      pl(m.time + 100, 'postfix/qmgr', 1200, `${q}: removed`);
    }
  }
  const pfSorted = bySort(pfLines);
  write('maillog-postfix', Buffer.from(pfSorted.join('\n') + '\n', 'utf8'));
  expected['maillog-postfix'] = tallyOf(pf, pfSorted.length).json();

  // 3. Exim relay (relay.contoso.com): arrivals from internal apps and partners, remote deliveries.
  const exiRng = new Rng(0xe0112026);
  const exi = days.flatMap((d) => mtaDay(exiRng, d, [
    ['in', 1.2, (r) => { const p = partner(r, IN_DOMAINS); return { connector: 'P=esmtp', ...p, tls: internetTlsOf(r, p.domain) }; }],
    ['out', 1.6, (r) => { const p = partner(r, OUT_DOMAINS); return { connector: 'R=dnslookup T=remote_smtp', ...p, tls: internetTlsOf(r, p.domain) }; }],
  ]));
  const eximId = (r) => `1t${r.hex(4)}-${r.hex(6)}-${r.hex(2)}`.replace(/[a-f]/g, (c) => (r.chance(0.5) ? c.toUpperCase() : c));
  const exLines = [];
  for (const m of exi) {
    const id = eximId(exiRng), x = m.tls === 'none' ? '' : ` X=${MTA_TLS_NAMES.exim[m.tls]}:${MTA_CIPHER[m.tls]}:256`;
    if (m.dir === 'in') {
      exLines.push([m.time, `${eximStamp(m.time)} ${id} <= ${externalAddress(exiRng, m.domain)} H=${m.remoteHost} [${m.remoteIp}]:${exiRng.int(30000, 60000)} P=esmtp${m.tls === 'none' ? '' : 's'}${x} S=${m.size} id=${exiRng.hex(10)}@${m.domain}`]);
      exLines.push([m.time + 1000, `${eximStamp(m.time + 1000)} ${id} => ${exiRng.pick(USERS)}@${ORG} R=smarthost T=remote_smtp_smarthost H=EX01.contoso.com [192.0.2.10] X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=yes C="250 2.6.0 Queued mail for delivery"`]);
    } else {
      const app = exiRng.pick(['erp01', 'crm01', 'monitor01']);
      exLines.push([m.time - 2000, `${eximStamp(m.time - 2000)} ${id} <= ${app}@contoso.com H=${app}.contoso.com [192.0.2.${exiRng.int(60, 90)}]:${exiRng.int(30000, 60000)} P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 A=plain:${app} S=${m.size} id=${exiRng.hex(10)}@${app}.contoso.com`]);
      exLines.push([m.time, `${eximStamp(m.time)} ${id} => ${externalAddress(exiRng, m.domain)} R=dnslookup T=remote_smtp H=${m.remoteHost} [${m.remoteIp}]${x}${m.tls === 'none' ? '' : ' CV=yes'} C="250 2.0.0 OK"`]);
    }
    exLines.push([m.time + 1500, `${eximStamp(m.time + 1500)} ${id} Completed`]);
  }
  const exSorted = bySort(exLines);
  write('exim-mainlog', Buffer.from(exSorted.join('\n') + '\n', 'utf8'));
  // The smarthost hop to EX01 is a remote delivery too: it leaves the relay over SMTP.
  const exiAll = [...exi, ...exi.filter((m) => m.dir === 'in').map((m) => ({ ...m, dir: 'out', connector: 'R=smarthost T=remote_smtp_smarthost', tls: '1.2', time: m.time + 1000 }))];
  expected['exim-mainlog'] = tallyOf(exiAll, exSorted.length).json();

  // 4. Sendmail box (mx3.contoso.com): STARTTLS lines without queue id, queue-id lines of the same pid.
  const smRng = new Rng(0x5e4d2026);
  const sm = days.flatMap((d) => mtaDay(smRng, d, [
    ['in', 1.0, (r) => { const p = partner(r, IN_DOMAINS); return { connector: 'daemon=MTA', ...p, tls: p.domain === 'litwareinc.com' ? 'unknown-version' : internetTlsOf(r, p.domain) }; }],
    ['out', 1.0, (r) => { const p = partner(r, OUT_DOMAINS); return { connector: 'mailer=esmtp', ...p, tls: internetTlsOf(r, p.domain) }; }],
  ]));
  const smLines = [];
  let smPid = 4000;
  for (const m of sm) {
    const p = smPid += smRng.int(1, 30), q = `4AK${smRng.hex(5)}${String(p).padStart(6, '0')}`;
    const addr = externalAddress(smRng, m.domain), user = `${smRng.pick(USERS)}@${ORG}`;
    const ver = m.tls === 'unknown-version' ? 'TLSv1/SSLv3' : MTA_TLS_NAMES.openssl[m.tls];
    if (m.dir === 'in') {
      if (m.tls !== 'none') smLines.push([m.time - 500, `${rfc3339Stamp(m.time - 500)} mx3 sm-mta[${p}]: STARTTLS=server, relay=${m.remoteHost} [${m.remoteIp}], version=${ver}, verify=NO, cipher=${MTA_CIPHER[m.tls] ?? 'AES128-SHA'}, bits=256/256`]);
      smLines.push([m.time, `${rfc3339Stamp(m.time)} mx3 sm-mta[${p}]: ${q}: from=<${addr}>, size=${m.size}, class=0, nrcpts=1, msgid=<${smRng.hex(10)}@${m.domain}>, proto=ESMTP${m.tls === 'none' ? '' : 'S'}, daemon=MTA, relay=${m.remoteHost} [${m.remoteIp}]`]);
      smLines.push([m.time + 800, `${rfc3339Stamp(m.time + 800)} mx3 sm-mta[${p + 1}]: ${q}: to=<${user}>, delay=00:00:01, xdelay=00:00:00, mailer=local, pri=30000, dsn=2.0.0, stat=Sent`]);
    } else {
      smLines.push([m.time - 3000, `${rfc3339Stamp(m.time - 3000)} mx3 sm-mta[${p}]: ${q}: from=<${user}>, size=${m.size}, class=0, nrcpts=1, msgid=<${smRng.hex(10)}@contoso.com>, proto=ESMTP, daemon=MSA, relay=pc${smRng.int(1, 40)}.contoso.com [192.0.2.${smRng.int(100, 140)}]`]);
      if (m.tls !== 'none') smLines.push([m.time - 500, `${rfc3339Stamp(m.time - 500)} mx3 sm-mta[${p + 1}]: STARTTLS=client, relay=${m.remoteHost}., version=${ver}, verify=OK, cipher=${MTA_CIPHER[m.tls]}, bits=256/256`]);
      smLines.push([m.time, `${rfc3339Stamp(m.time)} mx3 sm-mta[${p + 1}]: ${q}: to=<${addr}>, delay=00:00:03, xdelay=00:00:01, mailer=esmtp, pri=120000, relay=${m.remoteHost}. [${m.remoteIp}], dsn=2.0.0, stat=Sent (OK)`]);
    }
  }
  const smSorted = bySort(smLines);
  write('maillog-sendmail', Buffer.from(smSorted.join('\n') + '\n', 'utf8'));
  const smTally = new Tally();
  for (const m of sm) { // "unknown-version" is a state of its own
    const dir = m.dir === 'in' ? 'inbound' : 'outbound';
    smTally[dir]++; smTally.bytes[dir] += m.size; smTally.day(isoDay(m.time));
    smTally.tls[dir][m.tls] = (smTally.tls[dir][m.tls] ?? 0) + 1;
    smTally.connectors[`${dir}|${m.connector}`] ??= emptyTls();
    smTally.connectors[`${dir}|${m.connector}`][m.tls] = (smTally.connectors[`${dir}|${m.connector}`][m.tls] ?? 0) + 1;
  }
  smTally.events_or_rows = smSorted.length;
  expected['maillog-sendmail'] = smTally.json();
  check(internal === days.length && matched < ex.length, 'EX01: probe sessions and an unlogged connector');

  return `
## On-premises MTA logs

Written by the \`mtaSources()\` part of the generator: the same organisation and three weeks, seen by
its own mail servers (their own message ids and hosts; they add to the Exchange Online picture).

| File | What it is | Encoding |
|---|---|---|
| \`MSGTRK20261102-1.LOG\` | Exchange Server 2019 **message tracking log** of EX01 (30 fields): SMTP \`RECEIVE\` (Incoming) + \`DELIVER\` per inbound message, \`STOREDRIVER RECEIVE\` + SMTP \`SEND\` (Originating) per outbound message | UTF-8 with BOM, CRLF |
| \`RECV20261102-1.LOG\`, \`SEND20261102-1.LOG\` | EX01's **SMTP receive / send protocol logs**: one session per logged message (\`+\`, banner, EHLO, STARTTLS, the \`*\` TLS row, MAIL FROM, \`-\`) plus one message-less probe session per day | UTF-8 with BOM, CRLF |
| \`maillog-postfix\` | **Postfix** MX \`mx1\` (lab.contoso.com): smtpd/smtp TLS summary lines, qmgr sizes, LMTP local deliveries; rsyslog RFC 3339 stamps | UTF-8, LF |
| \`exim-mainlog\` | **Exim** relay: arrivals from partners (delivered on to EX01 through \`R=smarthost\`), authenticated submissions of internal apps (\`P=esmtpsa\`, not counted) relayed to the internet | UTF-8, LF |
| \`maillog-sendmail\` | **Sendmail** box \`mx3\`: \`STARTTLS=server|client\` lines, \`from=\`/\`to=\` queue-id lines; litwareinc.com's old server logs \`version=TLSv1/SSLv3\` | UTF-8, LF |

Rules chosen where FORMATS.md marks the source UNCONFIRMED:

* The tracking log's SMTP \`RECEIVE\` \`source-context\` starts with the protocol-log **session id**
  (\`08DE...;<time>;0\`) for the Default Frontend and Fabrikam connectors; mail from Exchange Online
  (\`Inbound from Office 365\`) has an empty source-context, so it is joined by connector + remote IP +
  time. Sends are always joined that way.
* Protocol logging is **off** on \`EX01\\Inbound from Fabrikam\` (Exchange's default for a new
  connector): those messages stay "no TLS data" when the logs are joined. Joined, ${matched} of ${ex.length}
  EX01 messages get a TLS version (see \`joined_with_protocol_logs\` in expected-totals.json).
* TLS 1.3 on Exchange is written \`SP_PROT_TLS1_3_SERVER\` / \`SP_PROT-TLS1_3_CLIENT\`.
* The syslog files (Postfix, Sendmail) use rsyslog's RFC 3339 stamps in UTC, so they carry their
  year; classic \`Nov 20 08:15:02\` stamps are read too (year rule in the engine's syslog reader). The Exim relay's smarthost hop to EX01 counts as an outbound delivery of
  the relay (it leaves the host over SMTP), so \`exim-mainlog\` has more outbound than inbound.
`;
}

main();
