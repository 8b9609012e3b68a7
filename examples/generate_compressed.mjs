// Writes the compressed and TLS-RPT examples into examples/compressed/, deterministically (no
// clock, no randomness beyond a fixed-seed generator; node's zlib for the gzip and deflate data):
//   tlsrpt/fabrikam.com!contoso.com!<start>!<end>.json.gz   21 daily reports, one per line, RFC field
//                                                           names, mx-host as a list, gzip'd
//   tlsrpt/adatum.com!contoso.com!<start>!<end>.json        21 daily reports, one per line, draft
//                                                           names (mx-host-pattern, additional-info-uri)
//   tlsrpt/wingtiptoys.com!contoso.com!<start>!<end>.json   one pretty-printed report, mx-host a string
//   exports.zip   exports/ (a folder), exports/mailflow.csv.gz (gzip of ../mailflow.csv, stored),
//                 exports/message-trace.csv (deflate)
//   expected-compressed.json   what the engine must read from them (tests/engine/formats/tlsrpt_test.cpp)
// Run: node examples/generate_compressed.mjs   (after examples/generate.mjs)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'compressed');
mkdirSync(join(out, 'tlsrpt'), { recursive: true });

let seed = 20261102;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];

const first = Date.UTC(2026, 10, 2);  // 2026-11-02
const days = 21;                      // to 2026-11-22
const day = (i) => new Date(first + i * 86400000).toISOString().slice(0, 10);
const unix = (i) => (first + i * 86400000) / 1000;

const expected = { reports: 0, successful: 0, failed: 0, by_result: {}, by_organization: {} };
function count(org, policies) {
  expected.reports += 1;
  expected.by_organization[org] = (expected.by_organization[org] || 0) + 1;
  for (const p of policies) {
    expected.successful += p.summary['total-successful-session-count'];
    expected.failed += p.summary['total-failure-session-count'];
    for (const f of p['failure-details'] || [])
      expected.by_result[f['result-type']] = (expected.by_result[f['result-type']] || 0) + f['failed-session-count'];
  }
}

const stsPolicy = ['version: STSv1', 'mode: enforce', 'mx: mx1.contoso.com', 'mx: mx2.contoso.com', 'max_age: 604800'];

function fabrikam(i) {
  const failures = [];
  if (i % 4 === 1) failures.push({ 'result-type': 'certificate-expired', 'sending-mta-ip': '198.51.100.7',
    'receiving-mx-hostname': 'mx2.contoso.com', 'receiving-ip': '203.0.113.26', 'failed-session-count': 2 + (i % 3) });
  if (i >= 14) failures.push({ 'result-type': 'validation-failure', 'sending-mta-ip': pick(['198.51.100.7', '198.51.100.8']),
    'receiving-mx-hostname': 'mx1.contoso.com', 'failed-session-count': 1, 'failure-reason-code': 'X509_V_ERR_CERT_UNTRUSTED' });
  const failed = failures.reduce((n, f) => n + f['failed-session-count'], 0);
  const policies = [{
    policy: { 'policy-type': 'sts', 'policy-string': stsPolicy, 'policy-domain': 'contoso.com', 'mx-host': ['mx1.contoso.com', 'mx2.contoso.com'] },
    summary: { 'total-successful-session-count': 380 + Math.floor(random() * 60), 'total-failure-session-count': failed },
    ...(failures.length ? { 'failure-details': failures } : {}),
  }];
  count('Fabrikam Mail', policies);
  return { 'organization-name': 'Fabrikam Mail', 'date-range': { 'start-datetime': `${day(i)}T00:00:00Z`, 'end-datetime': `${day(i)}T23:59:59Z` },
    'contact-info': 'tlsrpt@fabrikam.com', 'report-id': `${day(i)}T00:00:00Z_contoso.com`, policies };
}

function adatum(i) {
  // Adatum's relay has no MTA-STS view of contoso.com's second MX: STARTTLS fails there on some days.
  const failed = i % 3 === 0 ? 4 + (i % 5) : 0;
  const policies = [{
    policy: { 'policy-type': 'no-policy-found', 'policy-domain': 'contoso.com', 'mx-host-pattern': 'mx2.contoso.com' },
    summary: { 'total-successful-session-count': 120 + Math.floor(random() * 30), 'total-failure-session-count': failed },
    ...(failed ? { 'failure-details': [{ 'result-type': 'starttls-not-supported', 'sending-mta-ip': '203.0.113.80',
      'receiving-mx-hostname': 'mx2.contoso.com', 'failed-session-count': failed, 'additional-info-uri': 'https://adatum.com/tlsrpt-help' }] } : {}),
  }];
  count('Adatum', policies);
  return { 'organization-name': 'Adatum', 'date-range': { 'start-datetime': `${day(i)}T00:00:00Z`, 'end-datetime': `${day(i)}T23:59:59Z` },
    'contact-info': 'postmaster@adatum.com', 'report-id': `adatum-${day(i).replaceAll('-', '')}-01`, policies };
}

const fabrikamLines = [...Array(days).keys()].map((i) => JSON.stringify(fabrikam(i))).join('\n') + '\n';
const adatumLines = [...Array(days).keys()].map((i) => JSON.stringify(adatum(i))).join('\n') + '\n';
const wingtipPolicies = [{
  policy: { 'policy-type': 'sts', 'policy-string': stsPolicy, 'policy-domain': 'contoso.com', 'mx-host': '*.contoso.com' },
  summary: { 'total-successful-session-count': 57, 'total-failure-session-count': 3 },
  'failure-details': [{ 'result-type': 'sts-policy-fetch-error', 'sending-mta-ip': '192.0.2.44', 'failed-session-count': 3,
    'additional-information': 'https://wingtiptoys.com/tlsrpt' }],
}];
count('Wingtip Toys', wingtipPolicies);
const wingtip = { 'organization-name': 'Wingtip Toys', 'date-range': { 'start-datetime': `${day(18)}T00:00:00Z`, 'end-datetime': `${day(18)}T23:59:59Z` },
  'contact-info': 'mailto:tls@wingtiptoys.com', 'report-id': 'wt-2026-11-20', policies: wingtipPolicies };

const range = `${unix(0)}!${unix(days) - 1}`;
writeFileSync(join(out, 'tlsrpt', `fabrikam.com!contoso.com!${range}.json.gz`), zlib.gzipSync(fabrikamLines, { level: 9 }));
writeFileSync(join(out, 'tlsrpt', `adatum.com!contoso.com!${range}.json`), adatumLines);
writeFileSync(join(out, 'tlsrpt', `wingtiptoys.com!contoso.com!${unix(18)}!${unix(19) - 1}.json`), JSON.stringify(wingtip, null, 2) + '\n');

// ---- exports.zip, written as a streaming zip writer does (local headers, then the central directory)
const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function zip(entries) {
  const parts = [], central = [];
  let offset = 0;
  for (const { name, data, method } of entries) {
    const body = method === 8 ? zlib.deflateRawSync(data, { level: 9 }) : data;
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);  // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE((2026 - 1980) << 9 | 11 << 5 | 23, 12);  // 2026-11-23
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    header.copy(dir, 6, 4, 30);  // version needed .. name length, extra length
    dir.writeUInt32LE(name.endsWith('/') ? 0x10 : 0, 38);
    dir.writeUInt32LE(offset, 42);
    parts.push(header, nameBytes, body);
    central.push(dir, nameBytes);
    offset += header.length + nameBytes.length + body.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBytes, end]);
}
const mailflowCsv = readFileSync(join(here, 'mailflow.csv'));
const traceCsv = readFileSync(join(here, 'message-trace.csv'));
writeFileSync(join(out, 'exports.zip'), zip([
  { name: 'exports/', data: Buffer.alloc(0), method: 0 },
  { name: 'exports/mailflow.csv.gz', data: zlib.gzipSync(mailflowCsv, { level: 9 }), method: 0 },
  { name: 'exports/message-trace.csv', data: traceCsv, method: 8 },
]));

writeFileSync(join(out, 'expected-compressed.json'), JSON.stringify({
  tlsrpt: { ...expected, first_day: day(0), last_day: day(days - 1) },
  'exports.zip': { entries: ['exports.zip/exports/mailflow.csv.gz', 'exports.zip/exports/message-trace.csv'],
    same_as: ['mailflow.csv', 'message-trace.csv'] },
}, null, 2) + '\n');
console.log(`wrote ${out}: ${expected.reports} TLS reports, exports.zip`);
