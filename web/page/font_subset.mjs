// A minimal TrueType subsetter for the page's UI font: keeps the glyphs of the code points the
// dashboard draws (Latin-1 for English and German, a few dashes, arrows and triangles), plus the
// components of composite glyphs, and writes a font with only the tables stb_truetype (Dear ImGui's
// rasteriser) reads: cmap (one format 4 subtable), head, hhea, hmtx, maxp, loca, glyf. Glyph ids
// stay as they were; dropped glyphs become empty. DejaVu Sans goes from 760 KB to about 60 KB.
const KEEP_TABLES = ['cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'];

function tableDirectory(font) {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const count = view.getUint16(4);
  const tables = {};
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(font[at], font[at + 1], font[at + 2], font[at + 3]);
    tables[tag] = { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) };
  }
  return { view, tables };
}

function glyphLookup(view, cmap) {
  // Finds the (3,1) or (0,3) format 4 subtable.
  const n = view.getUint16(cmap.offset + 2);
  let sub = -1;
  for (let i = 0; i < n; i++) {
    const rec = cmap.offset + 4 + i * 8;
    const platform = view.getUint16(rec), encoding = view.getUint16(rec + 2);
    const off = cmap.offset + view.getUint32(rec + 4);
    if (view.getUint16(off) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) { sub = off; break; }
  }
  if (sub < 0) throw new Error('font has no format 4 cmap');
  const segCount = view.getUint16(sub + 6) / 2;
  const ends = sub + 14, starts = ends + segCount * 2 + 2, deltas = starts + segCount * 2, ranges = deltas + segCount * 2;
  return (c) => {
    for (let i = 0; i < segCount; i++) {
      if (view.getUint16(ends + i * 2) < c) continue;
      const start = view.getUint16(starts + i * 2);
      if (start > c) return 0;
      const delta = view.getUint16(deltas + i * 2);
      const ro = view.getUint16(ranges + i * 2);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = view.getUint16(ranges + i * 2 + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}

function buildCmap(map /* [[codepoint, gid]] sorted */) {
  const segs = [];
  for (const [c, g] of map) {
    const last = segs[segs.length - 1];
    if (last && last.end === c - 1) { last.end = c; last.gids.push(g); } else segs.push({ start: c, end: c, gids: [g] });
  }
  segs.push({ start: 0xffff, end: 0xffff, gids: null });
  const segCount = segs.length;
  const glyphCount = segs.reduce((n, s) => n + (s.gids ? s.gids.length : 0), 0);
  const length = 16 + segCount * 8 + glyphCount * 2;
  const out = new DataView(new ArrayBuffer(12 + length));
  out.setUint16(0, 0); out.setUint16(2, 1);
  out.setUint16(4, 3); out.setUint16(6, 1); out.setUint32(8, 12);
  const t = 12;
  const log2 = Math.floor(Math.log2(segCount));
  out.setUint16(t, 4); out.setUint16(t + 2, length); out.setUint16(t + 4, 0);
  out.setUint16(t + 6, segCount * 2); out.setUint16(t + 8, 2 * (1 << log2));
  out.setUint16(t + 10, log2); out.setUint16(t + 12, segCount * 2 - 2 * (1 << log2));
  const ends = t + 14, starts = ends + segCount * 2 + 2, deltas = starts + segCount * 2, ranges = deltas + segCount * 2;
  const glyphs = ranges + segCount * 2;
  let k = 0;
  segs.forEach((s, i) => {
    out.setUint16(ends + i * 2, s.end);
    out.setUint16(starts + i * 2, s.start);
    if (!s.gids) { out.setUint16(deltas + i * 2, 1); out.setUint16(ranges + i * 2, 0); return; }
    out.setUint16(deltas + i * 2, 0);
    out.setUint16(ranges + i * 2, glyphs + k * 2 - (ranges + i * 2));
    for (const g of s.gids) out.setUint16(glyphs + 2 * k++, g);
  });
  return new Uint8Array(out.buffer);
}

export function subsetFont(font, codepoints) {
  const { view, tables } = tableDirectory(font);
  for (const tag of KEEP_TABLES) if (!tables[tag]) throw new Error('font lacks table ' + tag);
  const numGlyphs = view.getUint16(tables.maxp.offset + 4);
  const longLoca = view.getInt16(tables.head.offset + 50) === 1;
  const loca = (i) => longLoca ? view.getUint32(tables.loca.offset + i * 4) : view.getUint16(tables.loca.offset + i * 2) * 2;
  const lookup = glyphLookup(view, tables.cmap);

  const map = [];
  const keep = new Set([0]);
  for (const c of codepoints) {
    const g = lookup(c);
    if (g) { map.push([c, g]); keep.add(g); }
  }
  // Components of composite glyphs (accented letters are often composites).
  const pending = [...keep];
  while (pending.length) {
    const g = pending.pop();
    const start = tables.glyf.offset + loca(g), end = tables.glyf.offset + loca(g + 1);
    if (end - start < 10 || view.getInt16(start) >= 0) continue;
    let p = start + 10;
    for (;;) {
      const flags = view.getUint16(p), component = view.getUint16(p + 2);
      if (!keep.has(component)) { keep.add(component); pending.push(component); }
      p += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
      if (!(flags & 0x20)) break;
    }
  }

  const glyfParts = [];
  const newLoca = new DataView(new ArrayBuffer((numGlyphs + 1) * 4));
  let size = 0;
  for (let g = 0; g < numGlyphs; g++) {
    newLoca.setUint32(g * 4, size);
    if (!keep.has(g)) continue;
    const data = font.subarray(tables.glyf.offset + loca(g), tables.glyf.offset + loca(g + 1));
    const padded = (data.length + 3) & ~3;
    const copy = new Uint8Array(padded);
    copy.set(data);
    glyfParts.push(copy);
    size += padded;
  }
  newLoca.setUint32(numGlyphs * 4, size);
  const glyf = new Uint8Array(size);
  let at = 0;
  for (const part of glyfParts) { glyf.set(part, at); at += part.length; }

  const head = font.slice(tables.head.offset, tables.head.offset + tables.head.length);
  new DataView(head.buffer).setInt16(50, 1);  // long loca
  const out = {
    cmap: buildCmap(map.sort((a, b) => a[0] - b[0])),
    glyf,
    head,
    hhea: font.slice(tables.hhea.offset, tables.hhea.offset + tables.hhea.length),
    hmtx: font.slice(tables.hmtx.offset, tables.hmtx.offset + tables.hmtx.length),
    loca: new Uint8Array(newLoca.buffer),
    maxp: font.slice(tables.maxp.offset, tables.maxp.offset + tables.maxp.length),
  };

  // Assemble: offset table, table records (sorted by tag), 4-aligned table data.
  const tags = Object.keys(out).sort();
  let offset = 12 + tags.length * 16;
  const records = tags.map((tag) => {
    const r = { tag, offset, data: out[tag] };
    offset += (out[tag].length + 3) & ~3;
    return r;
  });
  const result = new Uint8Array(offset);
  const dv = new DataView(result.buffer);
  const log2 = Math.floor(Math.log2(tags.length));
  dv.setUint32(0, 0x00010000); dv.setUint16(4, tags.length); dv.setUint16(6, 16 * (1 << log2));
  dv.setUint16(8, log2); dv.setUint16(10, tags.length * 16 - 16 * (1 << log2));
  records.forEach((r, i) => {
    result.set(r.data, r.offset);
    const rec = 12 + i * 16;
    for (let j = 0; j < 4; j++) result[rec + j] = r.tag.charCodeAt(j);
    let sum = 0;
    for (let p = r.offset; p < r.offset + ((r.data.length + 3) & ~3); p += 4) sum = (sum + dv.getUint32(p)) >>> 0;
    dv.setUint32(rec + 4, sum);
    dv.setUint32(rec + 8, r.offset);
    dv.setUint32(rec + 12, r.data.length);
  });
  return result;
}

// The code points the dashboard draws; keep in step with the glyph ranges in web/app/main.cpp.
export function uiCodepoints() {
  const out = [];
  const add = (a, b) => { for (let c = a; c <= b; c++) out.push(c); };
  add(0x20, 0x7e); add(0xa0, 0xff); add(0x2013, 0x2014); add(0x2018, 0x201e); add(0x2022, 0x2022);
  add(0x2026, 0x2026); add(0x2190, 0x2193); add(0x25b2, 0x25b2); add(0x25bc, 0x25bc);
  return out;
}
