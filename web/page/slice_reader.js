// A file's slices for the ingest and parse workers (web/page/worker_glue.js), read in the helper
// worker that reads them (from this function's text) or, where that cannot run, in the engine
// worker itself. The read function it returns gives a promise, never rejected, of {data} (an
// ArrayBuffer) or {error} (its text) for {file, start, end, stream}: without `stream`, one read
// of those bytes (a whole small file, a file's first slice); with it (a number), the next slice of
// the file's bytes read in order through one stream of the rest of the file, each slice filled by
// a BYOB reader (or copied from a plain reader's chunks where Blob streams are no byte streams). A slice that does not follow
// the stream's last one opens a new stream at its start. A file shorter than it was when dropped
// gives the error "it changed while it was read".
/* exported sliceReader */
function sliceReader() {
  let current = null;  // the stream being read: {stream, at, reader, byob, rest}
  let inOrder = Promise.resolve();
  const open = (file, stream, at) => {
    const body = file.slice(at).stream();
    try {
      return { stream, at, reader: body.getReader({ mode: 'byob' }), byob: true, rest: null };
    } catch (notBytes) {  // a browser whose Blob streams are no byte streams
      return { stream, at, reader: body.getReader(), byob: false, rest: null };
    }
  };
  const changed = () => new Error('it changed while it was read');
  async function fill(from, size) {
    let buffer = new ArrayBuffer(size);
    let filled = 0;
    while (filled < size) {
      if (from.byob) {
        const { done, value } = await from.reader.read(new Uint8Array(buffer, filled, size - filled));
        if (done) throw changed();
        buffer = value.buffer;  // the same memory, handed back
        filled += value.byteLength;
      } else {
        const chunk = from.rest || (await from.reader.read()).value;
        if (!chunk) throw changed();
        const taken = Math.min(chunk.byteLength, size - filled);
        new Uint8Array(buffer, filled, taken).set(chunk.subarray(0, taken));
        from.rest = taken < chunk.byteLength ? chunk.subarray(taken) : null;
        filled += taken;
      }
    }
    return buffer;
  }
  async function next({ file, start, end, stream }) {
    if (!current || current.stream !== stream || current.at !== start) {
      if (current) current.reader.cancel().catch(() => {});
      current = open(file, stream, start);
    }
    const from = current;
    try {
      const buffer = await fill(from, end - start);
      from.at = end;
      return buffer;
    } catch (error) {
      if (current === from) current = null;
      throw error;
    } finally {
      if (current === from && end === file.size) current = null;
    }
  }
  const once = ({ file, start, end }) => (start === 0 && end === file.size ? file : file.slice(start, end)).arrayBuffer();
  return (request) => {
    const read = request.stream === undefined ? once(request) : inOrder.then(() => next(request));
    if (request.stream !== undefined) inOrder = read.catch(() => {});
    return read.then((data) => ({ data }), (error) => ({ error: String((error && error.message) || error) }));
  };
}
