// harness-worker.js: the harness inside a dedicated Web Worker. The page
// starts it as harness-worker.js?mode=MODE and gets one message back:
//   mode=suite         the shared suite of harness.js, run in worker scope
//   mode=no-go         closeevent.js without wasm_exec.js
//   mode=missing-wasm  closeeventLoad("missing.wasm"): the server has none
//   mode=mismatch      a wasm_exec.js whose imports do not match main.wasm
//   mode=no-streaming  no WebAssembly.instantiateStreaming: the fallback
"use strict";

const mode = new URL(self.location.href).searchParams.get("mode") || "suite";

// Loader failures report what closeeventLoad rejected with.
async function loaderMode() {
  if (mode === "no-go") {
    importScripts("../closeevent.js");
  } else {
    importScripts("../wasm_exec.js", "../closeevent.js");
  }
  if (mode === "mismatch") {
    // What a wasm_exec.js from another Go release looks like to main.wasm:
    // an import it needs is missing.
    const Go = self.Go;
    self.Go = class extends Go {
      constructor() {
        super();
        delete this.importObject.gojs["syscall/js.valueGet"];
      }
    };
  }
  if (mode === "no-streaming") {
    WebAssembly.instantiateStreaming = undefined;
  }
  // In a worker the default URL is resolved against the worker's own URL
  // (web/closeevent.js), and this worker lives in web/test/.
  const url = mode === "missing-wasm" ? "missing.wasm" : "../main.wasm";
  try {
    const api = await closeeventLoad(url);
    return { ok: true, version: api.version, describe: api.describe(4001).range };
  } catch (err) {
    return { ok: false, name: err && err.name, message: String(err && err.message) };
  }
}

async function main() {
  if (mode !== "suite") {
    self.postMessage({ mode, loader: await loaderMode() });
    return;
  }
  importScripts("../wasm_exec.js", "../closeevent.js", "testkit.js", "harness.js");
  // The suite calls closeeventLoad() with the default URL, which a worker
  // resolves against its own URL, here web/test/: point it at web/main.wasm.
  const load = self.closeeventLoad;
  self.closeeventLoad = (url = "../main.wasm") => load(url);
  const result = await CloseeventHarness.runWorker();
  self.postMessage({ mode, result });
}

main().catch((err) => {
  self.postMessage({ mode, crash: String(err && err.stack || err) });
});
