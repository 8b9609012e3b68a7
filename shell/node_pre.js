// Put before the wasm shell's code (emscripten --pre-js; node only). Emscripten's file system
// makes /dev/random and /dev/urandom when the module starts and looks up `crypto` for them, which
// in node loads its crypto module and starts OpenSSL: a fifth of the start of a run that never
// reads them. This `crypto` stands for the global within the module's code and loads node's on
// the first read of either device.
var crypto = { getRandomValues: (array) => require('crypto').webcrypto.getRandomValues(array) };
