// Put before the wasm shell's code (emscripten --pre-js; node only), so that it runs as the native
// shell does.
// - The environment is the process's (emscripten gives a program a made-up one, LANG=C.UTF-8
//   whatever the user's): LANG and LC_* choose the language, MAILFLOW_PAGE the saved report's page.
// - `fetch` and `crypto` stand for node's globals of the same names within the module's code.
//   Emscripten 3.1.6 fetches the .wasm whenever fetch exists, as in a browser, and node 18 and later
//   have one, which takes no file path ("Failed to parse URL"): without it the module is read from
//   disk, and the shell runs without node's --no-experimental-fetch. Its file system makes
//   /dev/random and /dev/urandom as the module starts and looks up `crypto` for them, which in node
//   loads node's crypto module and starts OpenSSL: a fifth of the start of a run that never reads
//   them. This `crypto` loads node's on the first read of either.
Module['preRun'] = () => Object.assign(ENV, process.env);
var fetch;
var crypto = { getRandomValues: (array) => require('crypto').webcrypto.getRandomValues(array) };
