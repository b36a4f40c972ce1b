// module.mjs: the page with no script tag of the shim's: the module brings
// wasm_exec.js itself and finds main.wasm beside itself.
import load, { load as named } from "./node_modules/closeshim/closeevent.mjs";

consumerCheck(named(), "import", async (api, ok) => {
  ok("the default export is load", load === named);
  ok("load() again is the same Promise", load() === named("elsewhere.wasm"));
  ok("the module set globalThis.Go (wasm_exec.js)", typeof globalThis.Go === "function");
});
