// compat.js: the engine record. It runs a fixed list of close scenarios
// against this engine's own WebSocket and CloseEvent (no Go, no shim) and
// records what the engine reports next to what the specifications ask, as
// one short text per scenario so that engines compare cell by cell.
//
// The page sets globalThis.compatRecord = {userAgent, elapsedMs,
// scenarios: [{group, label, spec, got}]} when it is done; the command
// internal/testing/cmd/compat runs it in every engine and writes docs/compat.md.
// The same file runs inside a Worker (compat.js?worker) for the checks of
// worker scope.
//
// The texts:
//   close event   CODE "REASON" clean|unclean, then "+error" when an error
//                 event came first, and "(no open)" when the socket never
//                 fired open although the spec says it opens (or "(open)"
//                 the other way round); "throws InvalidAccessError" when
//                 close() threw; "no close event" when none came within 5 s
//   close() call  "accepted", or the name of what it threw
//   constructor   the converted value, or "throws TypeError"
// A spec of "-" means the specifications set no expectation (a limit).
// Reasons show lone surrogates and U+FFFD as \uXXXX escapes; a long reason
// shows as <N bytes as sent> when it arrived unchanged.
"use strict";

(() => {
  if (typeof closeshimTestkit === "undefined") {
    importScripts("testkit.js"); // the Worker copy of this file (compat.js?worker)
  }
  const { wsURL, within } = closeshimTestkit; // web/testkit.js
  const inWindow = typeof document !== "undefined";

  // ---- texts ------------------------------------------------------------

  // quote shows a string with lone surrogates, U+FFFD, quotes, backslashes
  // and controls escaped, so that the difference is visible in a table.
  function quote(s) {
    let out = "\"";
    for (const ch of String(s)) {
      const c = ch.codePointAt(0);
      if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffd || c < 0x20) {
        out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
      } else if (ch === "\"" || ch === "\\") {
        out += "\\" + ch;
      } else {
        out += ch;
      }
    }
    return out + "\"";
  }

  const utf8Len = (s) => new TextEncoder().encode(s).length;

  // reasonText shows a reason; one that arrived as sent (sent) and is
  // long shows as its byte count.
  function reasonText(reason, sent) {
    if (sent !== undefined && reason === sent && reason.length > 16) {
      return "<" + utf8Len(reason) + " bytes as sent>";
    }
    return quote(reason);
  }

  // closeText shows what a socket did; expectOpen says whether the spec
  // has it fire open first (every socket whose handshake completes).
  function closeText(r, expectOpen, sent) {
    if (r.threw) {
      return "throws " + r.threw;
    }
    let text = r.noClose ? "no close event (readyState " + r.readyState + ")" :
      r.code + " " + reasonText(r.reason, sent) + " " + (r.wasClean ? "clean" : "unclean");
    if (r.error) {
      text += " +error";
    }
    if (r.opened !== expectOpen) {
      text += r.opened ? " (open)" : " (no open)";
    }
    return text;
  }

  function thrownName(e) {
    if (e instanceof DOMException) {
      return e.name;
    }
    if (e instanceof Error) {
      return e.name;
    }
    return "a non-Error " + typeof e;
  }

  // outcome runs fn: "accepted", or the name of what it threw.
  function outcome(fn) {
    try {
      fn();
      return "accepted";
    } catch (e) {
      return thrownName(e);
    }
  }

  // thrown runs fn: "accepted", or "throws " and the name of what it threw.
  function thrown(fn) {
    const o = outcome(fn);
    return o === "accepted" ? o : "throws " + o;
  }

  function valueText(v) {
    return typeof v === "string" ? quote(v) : String(v);
  }

  // ---- sockets ----------------------------------------------------------



  // NO_CLOSE_MS is how long socket waits for a close event before it
  // reports that none came.
  const NO_CLOSE_MS = 5000;

  // socket opens a WebSocket to url (a /ws query, or a whole URL);
  // onOpen(ws) runs at its open event and now(ws) right after the
  // constructor. It resolves with what the close event said, or what
  // onOpen threw (the socket is then closed with close() to clean up), or
  // that no close event came within NO_CLOSE_MS.
  function socket(url, { onOpen, now } = {}) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url.startsWith("ws:") ? url : wsURL(url));
      let error = false;
      let opened = false;
      let threw = null;
      const timer = setTimeout(() => resolve({ noClose: true, readyState: ws.readyState, error, opened }), NO_CLOSE_MS);
      ws.addEventListener("open", () => {
        opened = true;
        if (!onOpen) {
          return;
        }
        try {
          onOpen(ws);
        } catch (e) {
          threw = thrownName(e);
          ws.close();
        }
      });
      ws.addEventListener("error", () => { error = true; });
      ws.addEventListener("close", (e) => {
        clearTimeout(timer);
        resolve(threw ? { threw } : { code: e.code, reason: e.reason, wasClean: e.wasClean, error, opened });
      });
      if (now) {
        try {
          now(ws);
        } catch (e) {
          reject(e);
        }
      }
    });
  }

  async function closedSocket() {
    const ws = new WebSocket(wsURL("close=1000"));
    await within(10000, new Promise((resolve) => ws.addEventListener("close", resolve)), "a socket to close");
    return ws;
  }

  // ---- the scenarios --------------------------------------------------------

  const IANA = {
    1000: "Normal Closure", 1001: "Going Away", 1002: "Protocol error", 1003: "Unsupported Data",
    1007: "Invalid frame payload data", 1008: "Policy Violation", 1009: "Message Too Big",
    1010: "Mandatory Ext.", 1011: "Internal Error", 1012: "Service Restart", 1013: "Try Again Later",
    1014: "Bad Gateway", 3000: "Unauthorized", 3003: "Forbidden", 3008: "Timeout", 4001: "private use",
  };

  const LONG = "é".repeat(61) + "z"; // 123 bytes
  const HELLO = "héllo ✓ 😀";

  // ev is an expected close event, for the spec column; opened says
  // whether open fires first.
  const ev = (code, reason, wasClean, error, opened) => ({ code, reason, wasClean, error: !!error, opened: opened !== false });

  // Each scenario: group, label, spec (the text the specifications ask
  // for) and run (resolves with the engine's text). Scenarios in a group
  // run one after another, in this order, in every engine.
  function pageScenarios() {
    const list = [];
    const add = (group, label, spec, run) => list.push({ group, label, spec, run });

    // The server closes (RFC 6455 section 7.4; every code a peer may put in
    // a Close frame, IANA registry).
    for (const code of Object.keys(IANA).map(Number)) {
      add("server closes", "server sends " + code + " " + IANA[code] + ", reason \"x\"", closeText(ev(code, "x", true), true),
        async () => closeText(await socket("close=" + code + "&reason=x"), true));
    }
    add("server closes", "server sends 4002 without a reason", closeText(ev(4002, "", true), true),
      async () => closeText(await socket("close=4002"), true));
    add("server closes", "server sends 4003 " + quote(HELLO), closeText(ev(4003, HELLO, true), true),
      async () => closeText(await socket("close=4003&reason=" + encodeURIComponent(HELLO)), true));
    add("server closes", "server sends 4004 with a 123-byte reason", closeText(ev(4004, LONG, true), true, LONG),
      async () => closeText(await socket("close=4004&reason=" + encodeURIComponent(LONG)), true, LONG));
    add("server closes", "server sends a Close frame without status", closeText(ev(1005, "", true), true),
      async () => closeText(await socket("close=none"), true));

    // Failures (WebSockets Standard, "feedback from the protocol": all
    // 1006; an error event only when the connection was failed).
    add("connection failures", "server drops the TCP connection right after the handshake (10 times)", closeText(ev(1006, "", false), true),
      () => repeated(10, async () => closeText(await socket("abort=1"), true)));
    add("connection failures", "server drops the TCP connection once the client has sent a message", closeText(ev(1006, "", false), true),
      async () => closeText(await socket("abort=1&wait=1", { onOpen: (ws) => ws.send("go") }), true));
    add("connection failures", "server refuses the handshake (HTTP 400)", closeText(ev(1006, "", false, true, false), false),
      async () => closeText(await socket("close=999"), false));
    add("connection failures", "WebSocket to a bad port (ws://127.0.0.1:1/, Fetch's bad ports)", closeText(ev(1006, "", false, true, false), false),
      async () => {
        try {
          return closeText(await socket("ws://127.0.0.1:1/"), false);
        } catch (e) {
          return "constructor throws " + thrownName(e);
        }
      });

    // The client closes an open socket; the server echoes its Close frame.
    const client = (label, args, want, sent) => add("client closes", label, closeText(want, true, sent),
      async () => closeText(await socket("", { onOpen: (ws) => ws.close(...args) }), true, sent));
    client("close()", [], ev(1005, "", true));
    client("close(undefined)", [undefined], ev(1005, "", true));
    client("close(1000)", [1000], ev(1000, "", true));
    client("close(4000, \"bye\")", [4000, "bye"], ev(4000, "bye", true));
    client("close(3000, 'é' x 61 = 122 bytes)", [3000, "é".repeat(61)], ev(3000, "é".repeat(61), true), "é".repeat(61));
    client("close(undefined, \"x\"): a reason without a code gets 1000", [undefined, "x"], ev(1000, "x", true));
    client("close(3000.7) rounds to 3001", [3000.7], ev(3001, "", true));
    client("close(4000.5) ties to even 4000", [4000.5], ev(4000, "", true));
    client("close(2999.5) ties to even 3000", [2999.5], ev(3000, "", true));
    client("close(999.7) rounds to 1000", [999.7], ev(1000, "", true));
    client("close(1000, \"\\uD800x\"): USVString", [1000, "\uD800x"], ev(1000, "\uFFFDx", true));
    add("client closes", "close(4000) then close(4001) while CLOSING", closeText(ev(4000, "", true), true),
      async () => closeText(await socket("", { onOpen: (ws) => { ws.close(4000); ws.close(4001); } }), true));

    // close() while CONNECTING fails the connection (close() steps).
    add("close while CONNECTING", "close() while CONNECTING", closeText(ev(1006, "", false, true, false), false),
      async () => closeText(await socket("delay=300&close=1000", { now: (ws) => ws.close() }), false));
    add("close while CONNECTING", "close(4000, \"bye\") while CONNECTING", closeText(ev(1006, "", false, true, false), false),
      async () => closeText(await socket("delay=300&close=1000", { now: (ws) => ws.close(4000, "bye") }), false));
    add("close while CONNECTING", "readyState right after close() while CONNECTING", "2",
      async () => {
        let state;
        await socket("delay=300&close=1000", { now: (ws) => { ws.close(); state = ws.readyState; } });
        return String(state);
      });

    // close() validates its arguments first, even on a CLOSED socket
    // (close() steps 1-2, [Clamp] unsigned short, USVString).
    const args = (label, argv, spec) => add("close() arguments (on a CLOSED socket)", "close(" + label + ")", spec,
      async () => {
        const ws = await closedSocket();
        return outcome(() => ws.close(...argv));
      });
    args("1000", [1000], "accepted");
    args("999.7", [999.7], "accepted");
    args("999.5", [999.5], "accepted");
    args("1000.5", [1000.5], "accepted");
    args("2999.5", [2999.5], "accepted");
    args("4999.4", [4999.4], "accepted");
    args("4999.5", [4999.5], "InvalidAccessError");
    args("4999.6", [4999.6], "InvalidAccessError");
    args("undefined, \"x\"", [undefined, "x"], "accepted");
    args("NaN", [NaN], "InvalidAccessError");
    args("-1", [-1], "InvalidAccessError");
    args("66536", [66536], "InvalidAccessError");
    args("\"4000.2\"", ["4000.2"], "accepted");
    args("1001", [1001], "InvalidAccessError");
    args("1005", [1005], "InvalidAccessError");
    args("5000", [5000], "InvalidAccessError");
    args("1000, 123 bytes", [1000, "a".repeat(123)], "accepted");
    args("1000, 124 bytes", [1000, "a".repeat(124)], "SyntaxError");
    args("1000, \"\\uD800\" x 41 (123 bytes as U+FFFD)", [1000, "\uD800".repeat(41)], "accepted");
    args("1000, \"\\uD800\" x 42 (126 bytes as U+FFFD)", [1000, "\uD800".repeat(42)], "SyntaxError");
    args("5000, 200 bytes", [5000, "a".repeat(200)], "InvalidAccessError");
    args("10n", [10n], "TypeError");

    constructorScenarios(add);
    add("CloseEvent in a Worker", "typeof CloseEvent in a dedicated Worker", "\"function\"", () => workerValue("typeof"));
    add("CloseEvent in a Worker", "new CloseEvent(\"close\", {reason: \"\\uD800x\"}).reason in a Worker", quote("\uFFFDx"), () => workerValue("lone"));

    // Last, as it fills the engine's socket table: how many sockets one
    // page may hold, and what the ones past the limit report.
    add("limits", "WebSockets open at once, of 300 to one host", "-", async () => (await manySockets()).count);
    add("limits", "what a socket past that limit reports", closeText(ev(1006, "", false, true, false), false), async () => (await manySockets()).past);
    return list;
  }

  // constructorScenarios adds the CloseEvent constructor's conversions
  // (WebIDL: unsigned short wraps modulo 2^16, USVString, boolean).
  function constructorScenarios(add) {
    const group = "new CloseEvent";
    const field = (label, init, key, spec) => add(group, "{" + label + "}." + key, spec,
      async () => {
        try {
          return valueText(new CloseEvent("close", init())[key]);
        } catch (e) {
          return "throws " + thrownName(e);
        }
      });
    field("", () => ({}), "code", "0");
    field("", () => ({}), "reason", quote(""));
    field("", () => ({}), "wasClean", "false");
    field("code: -1", () => ({ code: -1 }), "code", "65535");
    field("code: 65536", () => ({ code: 65536 }), "code", "0");
    field("code: 70000.9", () => ({ code: 70000.9 }), "code", "4464");
    field("code: 1000.9", () => ({ code: 1000.9 }), "code", "1000");
    field("code: -0.5", () => ({ code: -0.5 }), "code", "0");
    field("code: 2 ** 32 + 1000", () => ({ code: 2 ** 32 + 1000 }), "code", "1000");
    field("code: NaN", () => ({ code: NaN }), "code", "0");
    field("code: Infinity", () => ({ code: Infinity }), "code", "0");
    field("code: \"4001\"", () => ({ code: "4001" }), "code", "4001");
    field("code: null", () => ({ code: null }), "code", "0");
    field("code: 10n", () => ({ code: 10n }), "code", "throws TypeError");
    field("reason: \"\\uD800x\"", () => ({ reason: "\uD800x" }), "reason", quote("\uFFFDx"));
    field("reason: \"x\\uDC00\"", () => ({ reason: "x\uDC00" }), "reason", quote("x\uFFFD"));
    field("reason: \"\\uDC00\\uD800\"", () => ({ reason: "\uDC00\uD800" }), "reason", quote("\uFFFD\uFFFD"));
    field("reason: \"\\uD83D\\uDE00\" (a pair)", () => ({ reason: "\uD83D\uDE00" }), "reason", quote("😀"));
    field("reason: null", () => ({ reason: null }), "reason", quote("null"));
    field("reason: 42", () => ({ reason: 42 }), "reason", quote("42"));
    field("wasClean: \"yes\"", () => ({ wasClean: "yes" }), "wasClean", "true");
    field("wasClean: 0", () => ({ wasClean: 0 }), "wasClean", "false");
    add(group, "new CloseEvent()", "throws TypeError", async () => thrown(() => new CloseEvent()));
    add(group, "new CloseEvent(\"close\", 5)", "throws TypeError", async () => thrown(() => new CloseEvent("close", 5)));
    add(group, "initCloseEvent in CloseEvent.prototype", "false", async () => String("initCloseEvent" in CloseEvent.prototype));
    add(group, "document.createEvent(\"CloseEvent\")", "throws NotSupportedError", async () => thrown(() => document.createEvent("CloseEvent")));
  }

  // repeated runs a scenario n times, one after another, for a behaviour
  // that races: the text when every run gave the same, else each text with
  // how many runs gave it ("A x7, B x3").
  async function repeated(n, run) {
    const counts = new Map();
    for (let i = 0; i < n; i++) {
      const text = await run();
      counts.set(text, (counts.get(text) || 0) + 1);
    }
    if (counts.size === 1) {
      return counts.keys().next().value;
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([text, k]) => text + " x" + k).join(", ");
  }

  // manySockets opens 300 echo sockets at once and waits up to 20 s for
  // each to open or fail. It resolves with how many opened and the text of
  // the first that failed (as socket() would give it: error, close event,
  // no close event). Then it closes every socket and waits for the closes,
  // so that the engine's table is empty again. Two scenarios read it.
  let many = null;
  function manySockets() {
    if (!many) {
      many = runManySockets();
    }
    return many;
  }

  async function runManySockets() {
    const N = 300;
    const socks = [];
    const results = [];
    for (let i = 0; i < N; i++) {
      const ws = new WebSocket(wsURL(""));
      const r = { opened: false, error: false, noClose: true, readyState: 0 };
      socks.push(ws);
      results.push(new Promise((resolve) => {
        ws.addEventListener("open", () => { r.opened = true; resolve(r); });
        ws.addEventListener("error", () => {
          r.error = true;
          setTimeout(() => { r.readyState = ws.readyState; resolve(r); }, NO_CLOSE_MS);
        });
        ws.addEventListener("close", (e) => {
          Object.assign(r, { noClose: false, code: e.code, reason: e.reason, wasClean: e.wasClean });
          resolve(r);
        });
        setTimeout(() => resolve(null), 20000);
      }));
    }
    const all = await Promise.all(results);
    await Promise.race([
      Promise.all(socks.map((ws) => ws.readyState === WebSocket.CLOSED ? null :
        new Promise((resolve) => { ws.addEventListener("close", resolve); ws.close(); }))),
      new Promise((r) => setTimeout(r, 10000)),
    ]);
    const opened = all.filter((r) => r && r.opened).length;
    const pending = all.filter((r) => r === null).length;
    const failed = all.find((r) => r && !r.opened);
    return {
      count: opened + " of " + N + (pending ? " (" + pending + " still CONNECTING after 20 s)" : ""),
      past: failed ? closeText(failed, false) : "none failed",
    };
  }

  // ---- worker scope ---------------------------------------------------------

  function workerChecks() {
    return {
      typeof: quote(typeof CloseEvent),
      lone: typeof CloseEvent === "function" ? quote(new CloseEvent("close", { reason: "\uD800x" }).reason) : "no CloseEvent",
    };
  }

  let workerResult = null;
  function workerValue(key) {
    if (!workerResult) {
      workerResult = new Promise((resolve, reject) => {
        const w = new Worker("compat.js?worker");
        w.addEventListener("message", (e) => { w.terminate(); resolve(e.data); });
        w.addEventListener("error", (e) => { w.terminate(); reject(new Error("worker error: " + e.message)); });
      });
    }
    return within(20000, workerResult, "the worker").then((r) => r[key]);
  }

  if (!inWindow) {
    self.postMessage(workerChecks());
    return;
  }

  // ---- the page ---------------------------------------------------------------

  async function main() {
    const started = performance.now();
    const scenarios = [];
    for (const sc of pageScenarios()) {
      let got;
      try {
        got = await within(60000, sc.run(), sc.label);
      } catch (e) {
        got = "harness error: " + thrownName(e) + ": " + (e && e.message);
      }
      scenarios.push({ group: sc.group, label: sc.label, spec: sc.spec, got });
    }
    const record = {
      userAgent: navigator.userAgent,
      elapsedMs: Math.round(performance.now() - started),
      scenarios,
    };
    render(record);
    globalThis.compatRecord = record;
  }

  const differs = (s) => s.spec !== "-" && s.got !== s.spec;

  function render(record) {
    const differ = record.scenarios.filter(differs).length;
    const summary = document.getElementById("summary");
    summary.textContent = record.scenarios.length + " scenarios, " + differ + " differ from the spec, in " + record.elapsedMs + " ms";
    summary.dataset.state = "passed";
    document.getElementById("engine").textContent = navigator.userAgent;
    const body = document.querySelector("#record tbody");
    body.replaceChildren(...record.scenarios.map((s) => {
      const tr = document.createElement("tr");
      for (const text of [s.group + ": " + s.label, s.spec, s.got]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      if (differs(s)) {
        tr.lastChild.style.fontWeight = "bold";
      }
      return tr;
    }));
  }

  main();
})();
