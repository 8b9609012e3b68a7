// The page's slice reader (web/page/slice_reader.js) on node's Blob, which runs the same code as
// the browser's worker: a file's slices read in order through its stream give its bytes exactly,
// however the slices fall against the stream's own chunks; a slice that does not follow the last
// one starts a new stream; a file that got shorter gives the page's error text. Both ways of
// reading a stream: a BYOB reader (Chromium, node) and a plain reader's chunks (a browser whose
// Blob streams are no byte streams), the latter through a file whose stream is no byte stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../web/page/slice_reader.js'), 'utf8');
const sliceReader = new Function(`${source}\nreturn sliceReader;`)();

const bytes = new Uint8Array(1_000_003).map((_, i) => (i * 7919) % 251);
// A read's bytes, where it gave no error.
async function dataOf(reading) {
  const { data, error } = await reading;
  assert.equal(error, undefined);
  return data;
}

// A Blob's view whose stream hands out plain chunks of `chunk` bytes (not a byte stream).
function plainFile(blob, chunk) {
  return {
    size: blob.size,
    slice: (at, end) => {
      const part = blob.slice(at, end);
      return {
        arrayBuffer: () => part.arrayBuffer(),
        stream: () => {
          let sent = 0;
          return new ReadableStream({
            async pull(controller) {
              if (sent >= part.size) { controller.close(); return; }
              controller.enqueue(new Uint8Array(await part.slice(sent, sent + chunk).arrayBuffer()));
              sent += chunk;
            },
          });
        },
      };
    },
    arrayBuffer: () => blob.arrayBuffer(),
  };
}

async function readInSlices(read, file, first, step, stream) {
  const out = new Uint8Array(file.size);
  out.set(new Uint8Array(await dataOf(read({ file, start: 0, end: first }))), 0);
  const pending = [];
  for (let at = first; at < file.size; at += step) {
    const end = Math.min(file.size, at + step);
    pending.push(dataOf(read({ file, start: at, end, stream })).then((data) => {
      assert.equal(data.byteLength, end - at);
      out.set(new Uint8Array(data), at);
    }));
  }
  await Promise.all(pending);  // asked for all at once, as the workers read ahead
  return out;
}

for (const [kind, makeFile] of [['BYOB reader', (blob) => blob], ['plain reader', (blob) => plainFile(blob, 65_537)]]) {
  test(`slices read in order through one stream give the file's bytes (${kind})`, async () => {
    const file = makeFile(new Blob([bytes]));
    for (const [first, step] of [[1 << 16, 1 << 17], [1000, 333_333], [1, 999_999], [4096, 7]]) {
      const read = sliceReader();
      assert.deepEqual(await readInSlices(read, file, first, step, 1), bytes, `first ${first}, then ${step} at a time`);
    }
  });

  test(`a slice that does not follow the last one starts a new stream (${kind})`, async () => {
    const file = makeFile(new Blob([bytes]));
    const read = sliceReader();
    const at = (start, end) => dataOf(read({ file, start, end, stream: 1 })).then((b) => new Uint8Array(b));
    assert.deepEqual(await at(10, 20), bytes.subarray(10, 20));
    assert.deepEqual(await at(500_000, 500_100), bytes.subarray(500_000, 500_100));  // a jump ahead
    assert.deepEqual(await at(500_100, 500_200), bytes.subarray(500_100, 500_200));
    assert.deepEqual(new Uint8Array(await dataOf(read({ file, start: 5, end: 9, stream: 2 }))), bytes.subarray(5, 9));
    assert.deepEqual(await at(0, 3), bytes.subarray(0, 3));  // back to an earlier file's start
  });

  test(`a file shorter than it was fails with "it changed while it was read" (${kind})`, async () => {
    const shrunk = makeFile(new Blob([bytes.subarray(0, 600_000)]));
    const file = { size: bytes.length, slice: (at, end) => shrunk.slice(at, end), arrayBuffer: () => shrunk.arrayBuffer() };
    const read = sliceReader();
    assert.equal((await dataOf(read({ file, start: 100_000, end: 500_000, stream: 1 }))).byteLength, 400_000);
    assert.deepEqual(await read({ file, start: 500_000, end: 900_000, stream: 1 }), { error: 'it changed while it was read' });
    // The stream is gone with its error: the next file reads as usual.
    const next = makeFile(new Blob([bytes]));
    assert.deepEqual(new Uint8Array(await dataOf(read({ file: next, start: 0, end: 10, stream: 2 }))), bytes.subarray(0, 10));
  });
}
