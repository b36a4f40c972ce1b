// start.js: runs the Go program wasmexec serves as test.wasm with the
// arguments and environment of config.js, then reports its exit code to
// wasmexec (POST /exit) once all its output has arrived there.
"use strict";

(async () => {
  const cfg = globalThis.wasmexecConfig;
  const headers = { "X-Wasmexec-Token": cfg.token };
  const status = document.getElementById("status");
  const encoder = new TextEncoder();

  async function exit(code, message) {
    if (message) {
      globalThis.fs.writeSync(2, encoder.encode("wasmexec: " + message + "\n"));
    }
    await globalThis.wasmexecFlush();
    status.textContent = "exit " + code;
    await fetch("exit", { method: "POST", headers, body: JSON.stringify({ code }) });
  }

  globalThis.addEventListener("unhandledrejection", (e) => {
    globalThis.fs.writeSync(2, encoder.encode("wasmexec: unhandled rejection: " + (e.reason && e.reason.stack || e.reason) + "\n"));
  });

  try {
    const go = new Go();
    go.argv = cfg.argv;
    go.env = cfg.env;
    let code = 0;
    go.exit = (c) => { code = c; };
    const resp = fetch("test.wasm");
    let result;
    if (WebAssembly.instantiateStreaming) {
      result = await WebAssembly.instantiateStreaming(resp, go.importObject);
    } else {
      result = await WebAssembly.instantiate(await (await resp).arrayBuffer(), go.importObject);
    }
    await go.run(result.instance);
    await exit(code);
  } catch (e) {
    await exit(1, "the Go program failed: " + (e && e.stack || e));
  }
})();
