// check.js: what the npm consumer pages check, once the shim is loaded from
// node_modules/closeshim (internal/testing/harness/npm_test.go installs the
// tarball there and serves this directory with the project's server). A
// classic script after testkit.js; the module pages import it for its side
// effect. consumerCheck(loaded, how, extra) awaits loaded, decodes a real
// close from the server and sets globalThis.harnessResult.
"use strict";

globalThis.consumerCheck = async (loaded, how, extra) => {
  const { wsURL, within } = closeshimTestkit;
  const failures = [];
  let passed = 0;
  const ok = (name, cond, detail) => {
    if (cond) {
      passed++;
    } else {
      failures.push(how + ": " + name + (detail === undefined ? "" : " (" + detail + ")"));
    }
  };
  let seen = null;
  try {
    const api = await within(30000, loaded, "the shim to load");
    ok("the API is frozen", Object.isFrozen(api));
    ok("the API is globalThis.closeevent", globalThis.closeevent === api);
    const pkg = await (await fetch("node_modules/closeshim/package.json")).json();
    ok("closeevent.version is the package's version", api.version === pkg.version, api.version + " vs " + pkg.version);

    const ws = new WebSocket(wsURL("close=4001&reason=bye"));
    const e = await within(20000, new Promise((resolve) => {
      const stop = api.watch(ws, (ev) => {
        stop();
        resolve(ev);
      });
    }), "the close event of /ws?close=4001&reason=bye");
    seen = { code: e.code, reason: e.reason, wasClean: e.wasClean, name: e.name, range: e.range, retryable: e.retryable };
    ok("code is 4001", e.code === 4001, e.code);
    ok("reason is bye", e.reason === "bye", e.reason);
    ok("wasClean", e.wasClean === true, e.wasClean);
    ok("name", e.name === "Code(4001)", e.name);
    ok("range", e.range === "Private", e.range);
    ok("describe(1013) is retryable", api.describe(1013).retryable === true);
    const refusal = api.validateClose(1001, "bye");
    ok("validateClose(1001) refuses as close() would", refusal !== null && refusal.name === "InvalidAccessError",
      JSON.stringify(refusal));

    // One load per page: both loaders fetch the same main.wasm, once.
    const fetched = performance.getEntriesByType("resource").filter((r) => new URL(r.name).pathname.endsWith("/main.wasm"));
    ok("main.wasm was fetched once, from the package", fetched.length === 1 &&
      new URL(fetched[0].name).pathname === "/node_modules/closeshim/main.wasm", fetched.map((r) => r.name).join(", "));
    if (extra) {
      await extra(api, ok);
    }
  } catch (err) {
    failures.push(how + ": " + (err && err.stack ? err.stack : String(err)));
  }
  globalThis.harnessResult = { passed, failed: failures.length, failures, how, seen };
};
