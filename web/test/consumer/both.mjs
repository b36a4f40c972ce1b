// both.mjs: the module, imported after the classic script began loading,
// must join that load, not start its own (it evaluates closeevent.js a
// second time, which must change nothing).
import { load } from "./node_modules/closeshim/closeevent.mjs";

const fromModule = load();
consumerCheck(fromModule, "both", async (api, ok) => {
  ok("load() is the classic closeeventLoad() Promise", fromModule === globalThis.classicLoad);
  ok("both resolve to the same API object", (await globalThis.classicLoad) === api && (await closeeventLoad()) === api);
});
