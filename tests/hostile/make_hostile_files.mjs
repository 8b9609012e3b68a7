// Writes the hostile inputs every front end must survive (the shell test and the browser test use
// the same files): each must end with a clear message or clean accounting, in bounded memory,
// without a crash or a hang. Deterministic; node only, no dependencies.
//   node tests/hostile/make_hostile_files.mjs OUTDIR [--big]
// --big adds the 200 MB line without a newline (the browser and shell tests pass it; it is
// written in pieces, never held in memory).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const out = process.argv[2];
const big = process.argv.includes('--big');
if (!out) throw new Error('usage: make_hostile_files.mjs OUTDIR [--big]');
fs.mkdirSync(out, { recursive: true });
const write = (name, data) => fs.writeFileSync(path.join(out, name), data);

let seed = 0x2026;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
const header = 'timestamp,direction,connector,tls_version,bytes\n';
const row = '2026-11-20T08:15:02Z,inbound,Gateway inbound,1.2,5\n';

write('random-bytes.bin', Buffer.from(Array.from({ length: 1 << 16 }, random)));
write('empty.csv', '');
write('header-only.csv', header);
write('unterminated-quote.csv', header + row + '2026-11-20T08:15:02Z,inbound,"Gateway inbound,1.2,5\n');
write('columns-100000.csv', Array.from({ length: 100000 }, (_, i) => `c${i}`).join(',') + '\n' + row);
write('invalid-utf8.csv', Buffer.concat([Buffer.from(header), Buffer.from('2026-11-20T08:15:02Z,inbound,Conn\xff\xfe\xc3,1.2,5\n', 'latin1')]));
const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(header + row, 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('x', 'utf16le'), Buffer.from([0x41])]);
write('invalid-utf16-odd-length.csv', utf16);
write('extreme-dates-and-numbers.csv', header + '9999-12-31T23:59:59Z,inbound,A,1.2,5\n1900-01-01T00:00:00Z,inbound,A,1.2,5\n' +
  '2026-11-20T08:15:02Z,inbound,A,1.2,18446744073709551616\n2026-11-20T08:15:02Z,inbound,A,1.2,-4\n');
write('format-changes-halfway.csv', header + row + '"date_time_utc","client_ip","event_id"\n"2026-11-20T08:15:02Z","1.2.3.4","RECEIVE"\n');
write('deep.json', '['.repeat(200000) + ']'.repeat(200000));
write('huge-aggregate.json', '{"schema":"mailflow.aggregate.v1","rows":[' + Array.from({ length: 50000 }, () => '{"day":"2026-11-20"}').join(',') + ']}');
// A gzip that inflates more than a thousandfold (200 MB of zeros in ~200 KB).
write('bomb-1000x.csv.gz', zlib.gzipSync(Buffer.alloc(200 << 20), { level: 9 }));
write('truncated.csv.gz', zlib.gzipSync(Buffer.from(header + row.repeat(1000))).subarray(0, 300));

// A zip with 12,000 tiny stored entries (beyond the engine's cap of 10,000).
function zipOf(entries) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc32 = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const parts = [], central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name), local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(data.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
    parts.push(local, n, data); central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const centralBytes = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Math.min(entries.length, 0xffff), 8); end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(centralBytes.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralBytes, end]);
}
write('zip-12000-entries.zip', zipOf(Array.from({ length: 12000 }, (_, i) => [`e${i}.csv`, Buffer.from(header + row)])));

if (big) {  // 200 MB in one line, after a valid header and row
  const fd = fs.openSync(path.join(out, 'line-200mb-no-newline.csv'), 'w');
  fs.writeSync(fd, header + row);
  const piece = Buffer.alloc(1 << 20, 'x');
  for (let i = 0; i < 200; i++) fs.writeSync(fd, piece);
  fs.closeSync(fd);
}
