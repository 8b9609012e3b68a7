// Unpacking what the page carries inline (gzip, then base64), for the page's glue (app_glue.js)
// and its workers' (worker_glue.js): build_page.mjs puts this text ahead of each.
/* exported base64Bytes, gunzipStream, gunzip */

// The browser's own decoder where it has one: the app's 600 KB took 21-27 ms a character at a
// time, cold as at start-up, against 0.8-0.9 ms (Chromium 156); the loop for browsers without it.
function base64Bytes(text) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function gunzipStream(bytes) {
  return new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
}
async function gunzip(bytes) {
  return new Uint8Array(await new Response(gunzipStream(bytes)).arrayBuffer());
}
