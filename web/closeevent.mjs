// closeevent.mjs: closeshim's loader as an ES module. It brings Go's
// wasm_exec.js itself (which only sets globalThis.Go) and shares the one
// implementation and the one load of closeevent.js, so a page may use this
// module, the classic script, or both: every loader resolves to the same
// API object. Types: closeevent.d.ts.
//
//   import { load } from "./closeevent.mjs";   // or: import load from ...
//   const closeevent = await load();           // main.wasm beside this file
//
// load(wasmURL) is closeeventLoad(wasmURL) of closeevent.js, except that
// the default URL is resolved against this module's own URL.
// @ts-check
import "./wasm_exec.js";
import "./closeevent.js";

/**
 * Loads main.wasm once and resolves to the frozen closeevent API.
 * @param {string | URL} [wasmURL] main.wasm's URL; defaults to the one beside this module
 * @returns {Promise<import("./closeevent").CloseEventAPI>}
 */
export function load(wasmURL = new URL("main.wasm", import.meta.url).href) {
  return globalThis.closeeventLoad(wasmURL);
}

export default load;
