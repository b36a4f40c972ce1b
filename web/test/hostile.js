// hostile.js: every member of the JS API on a hostile page. It loads the
// shim, runs each entry of the table below on the clean page, then calls
// closeshimPollute (pollute.js, which internal/testing/hostile holds and
// the harness serves) and runs them again, and fails an entry whose
// polluted result differs from its clean one, or any exception that
// escaped to the page meanwhile.
//
// Code that runs while the page is polluted reads only own properties and
// resolves promises only with strings: a promise resolved with an object
// reads its "then", which the page made throw.
//
// The page sets globalThis.harnessResult = {passed, failed, failures,
// deviations, groups} when it is done (internal/engine).
"use strict";

(() => {
  const { wsURL } = closeshimTestkit; // web/testkit.js

  // outcome runs f and describes what it gave: "ok " and the JSON of its
  // result, or "throws " and the exception's name and message.
  function outcome(f) {
    try {
      return "ok " + JSON.stringify(f());
    } catch (e) {
      return "throws " + thrownText(e);
    }
  }

  function thrownText(e) {
    return e instanceof Error ? e.name + ": " + e.message : "a " + typeof e;
  }

  // withoutTime drops the timeStamp of a decoded event made anew on each
  // run.
  function withoutTime(d) {
    const { timeStamp, ...rest } = d; // eslint-disable-line no-unused-vars
    return rest;
  }

  // same reports whether the shim and the page's own code gave the same
  // outcome kind and, for a throw, the same text.
  function same(a, b) {
    const ka = a.slice(0, 6), kb = b.slice(0, 6);
    return ka === kb && (ka !== "throws" || a === b) ? "same" : "differs: shim " + a + ", page " + b;
  }

  // later runs f after ms milliseconds and resolves with the string it
  // returns, or with "timed out" after limit milliseconds.
  function later(ms, limit, f) {
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve("timed out after " + limit + " ms"), limit);
      setTimeout(() => Promise.resolve(f()).then((s) => { clearTimeout(t); resolve(s); }), ms);
    });
  }

  // The fixtures, made on the clean page.
  function fixtures() {
    return {
      native: new CloseEvent("close", { code: 4001, reason: "native", wasClean: true, bubbles: true }),
      plain: {
        type: "close", code: 1000, reason: "plain", wasClean: false, isTrusted: false,
        timeStamp: 12.5, bubbles: false, cancelable: true, composed: false,
      },
      target: new EventTarget(),
      events: [],
    };
  }

  // entries: every member of the JS API, as a table that the lifecycle
  // API's members join. run returns a string or a promise of one.
  function entries(api, fx) {
    const full = { code: 4003, reason: "made", wasClean: true, bubbles: true, cancelable: false, composed: true };
    const partial = { code: 4003, reason: "made", wasClean: true };
    return [
      ["version", () => outcome(() => api.version)],
      ["closeeventLoad again", () => closeeventLoad().then((x) => x === api ? "the same API" : "another object")],
      ["decode(native CloseEvent)", () => outcome(() => api.decode(fx.native))],
      ["decode(own data properties)", () => outcome(() => api.decode(fx.plain))],
      ["decode(42)", () => outcome(() => api.decode(42))],
      ["describe(1000)", () => outcome(() => api.describe(1000))],
      ["describe(-1)", () => outcome(() => api.describe(-1))],
      ["validateClose(1000, \"bye\")", () => outcome(() => api.validateClose(1000, "bye"))],
      ["validateClose(999)", () => outcome(() => api.validateClose(999))],
      ["validateClose(1000, long)", () => outcome(() => api.validateClose(1000, "x".repeat(200)))],
      ["truncateReason", () => outcome(() => api.truncateReason("é".repeat(100)))],
      ["create(every member), decode", () => outcome(() => withoutTime(api.decode(api.create("close", full))))],
      ["create(three members) vs new CloseEvent", () =>
        same(outcome(() => api.decode(api.create("close", partial))),
          outcome(() => api.decode(new CloseEvent("close", partial))))],
      ["create()", () => outcome(() => api.create())],
      ["watch, dispatch, unwatch", () => {
        let got = "no event";
        const stop = api.watch(fx.target, (d) => { got = "got " + JSON.stringify(d); });
        fx.target.dispatchEvent(fx.native);
        return later(50, 5000, () => { stop(); stop(); return got; });
      }],
      ["watch(42)", () => outcome(() => api.watch(42, () => {}))],
      ["watch(target, 42)", () => outcome(() => api.watch(fx.target, 42))],
      ["shouldReconnect(1006)", () => outcome(() => api.shouldReconnect({ code: 1006 }, false))],
      ["shouldReconnect(42)", () => outcome(() => api.shouldReconnect(42))],
      ["track a WebSocket the server closes", () => new Promise((resolve) => {
        let t;
        try {
          t = api.track(new WebSocket(wsURL("close=4000&reason=bye")));
        } catch (e) {
          resolve("track threw " + thrownText(e));
          return;
        }
        const timer = setTimeout(() => resolve("closed did not settle within 10 s"), 10000);
        t.closed.then((d) => {
          clearTimeout(timer);
          resolve("closed " + d.code + " " + JSON.stringify(d.reason) + " " + d.wasClean + " local=" + t.local);
        }, (e) => {
          clearTimeout(timer);
          resolve("closed rejected: " + thrownText(e));
        });
      })],
      ["track(42)", () => outcome(() => api.track(42))],
      ["reconnect to a server that closes with 1000, then stop", () => new Promise((resolve) => {
        let r;
        try {
          // Every member given, undefined or not: a dictionary member
          // the page leaves out is read through Object.prototype, as the
          // platform's own dictionaries are (create's entries show it).
          r = api.reconnect(wsURL("close=1000"), {
            min: 10, max: 20, maxAttempts: 2, factor: undefined, decide: undefined, onclose: undefined,
            ongiveup: undefined, onopen: undefined, protocols: undefined, stable: undefined,
          });
        } catch (e) {
          resolve("reconnect threw " + thrownText(e));
          return;
        }
        setTimeout(() => {
          try {
            r.stop(1000, "done");
            resolve("stopped; attempt " + r.attempt);
          } catch (e) {
            resolve("stop threw " + thrownText(e));
          }
        }, 500);
      })],
      ["reconnect(42)", () => outcome(() => api.reconnect(42))],
      ["watch a WebSocket the server closes", () => new Promise((resolve) => {
        let ws;
        try {
          ws = new WebSocket(wsURL("close=4000&reason=bye"));
        } catch (e) {
          resolve("new WebSocket threw " + thrownText(e));
          return;
        }
        const t = setTimeout(() => resolve("no close event within 10 s"), 10000);
        const stop = api.watch(ws, (d) => {
          clearTimeout(t);
          stop();
          resolve("got " + d.code + " " + JSON.stringify(d.reason) + " " + d.wasClean);
        });
      })],
    ];
  }

  // runAll fills out and resolves with nothing: resolving with the array
  // would read its "then".
  async function runAll(list, out) {
    for (const [name, run] of list) {
      let got;
      try {
        got = await run();
      } catch (e) {
        got = "the entry threw " + thrownText(e);
      }
      out[out.length] = [name, String(got)];
    }
  }

  async function main() {
    const res = { passed: 0, failed: 0, failures: [], deviations: [], groups: {} };
    const lines = [];
    try {
      const api = await closeeventLoad();
      const fx = fixtures();
      // The timeStamp of a native event is fixed once made; the events
      // watch sees are the same object, so results compare exactly.
      const list = entries(api, fx);
      const clean = [], polluted = [];
      await runAll(list, clean);
      const page = closeshimPollute();
      try {
        await runAll(list, polluted);
      } finally {
        page.restore();
      }
      lines.push("polluted " + page.installed.length + " prototype properties; kept: " + page.skipped.join(", "));
      lines.push("accessors that ran: " + page.hits().join(", "));
      for (const msg of page.uncaught()) {
        res.failed++;
        res.failures.push("an exception escaped to the page while it was polluted: " + msg);
      }
      for (let i = 0; i < clean.length; i++) {
        const [name, want] = clean[i], got = polluted[i][1];
        lines.push(name + ": " + got);
        if (got === want) {
          res.passed++;
        } else {
          res.failed++;
          res.failures.push(name + " on the polluted page: " + got + "; on the clean page: " + want);
        }
      }
      res.groups["JS API on a polluted page"] = res.passed;
    } catch (e) {
      res.failed++;
      res.failures.push("the page threw " + thrownText(e) + (e && e.stack ? "\n" + e.stack : ""));
    }
    for (const l of lines) {
      console.log(l);
    }
    console.log(res.passed + " passed, " + res.failed + " failed");
    document.getElementById("log").textContent = lines.concat(res.failures).join("\n");
    const summary = document.getElementById("summary");
    summary.textContent = res.passed + " passed, " + res.failed + " failed";
    summary.dataset.state = res.failed ? "failed" : "passed";
    globalThis.harnessResult = res;
  }

  main();
})();
