// harness.js: the JS test harness of closeshim's browser shim.
//
// It loads the real shim (wasm_exec.js, closeevent.js, main.wasm) and
// exercises every member of the JS API, in the page and inside a Web Worker
// (harness-worker.js imports this file and runs the same suite), against
// native CloseEvents and real WebSockets to this server's /ws. Every check
// compares what Go decodes with what JavaScript itself reads, or the shim's
// answer with the engine's own behaviour and the specifications.
//
// Where an engine deviates from the specifications in a way docs/engines.md
// records for it, the deviation is listed as expected (detected by user
// agent), not failed; an unrecorded deviation fails.
//
// The page prints "N passed, N failed" (textContent) and logs it to the
// console, and sets globalThis.harnessResult = {passed, failed, failures,
// deviations, groups} for the Go driver (internal/testing/engine).
"use strict";

// eslint-disable-next-line no-unused-vars
const CloseeventHarness = (() => {
  const { wsURL, within } = closeshimTestkit; // web/testkit.js
  const inWindow = typeof document !== "undefined";
  const scope = inWindow ? "page" : "worker";

  // ---- engine detection and the deviations docs/engines.md records -----

  function detectEngine(ua) {
    if (/Firefox\//.test(ua)) {
      return "firefox";
    }
    if (/(Chrome|Chromium)\//.test(ua)) {
      return "chromium";
    }
    if (/AppleWebKit\//.test(ua)) {
      return "webkit";
    }
    return "unknown";
  }

  const engine = detectEngine(String(globalThis.navigator && navigator.userAgent));

  // The engines' known deviations that this suite checks, by name; each is
  // a bullet of docs/engines.md, "Engines" (docs/compat.md has every
  // scenario):
  //   fraction: "Fractional codes in close()"
  //   absentCodeWithReason: "close(undefined, reason)", the engine that throws
  //   loneSurrogateInit: "Unpaired surrogates in new CloseEvent"
  //   wire1012: "1012, 1013 and 1014 from a server"
  const QUIRKS = {
    chromium: { fraction: true, absentCodeWithReason: true, loneSurrogateInit: true },
    firefox: { loneSurrogateInit: true },
    webkit: { fraction: true, wire1012: true },
    unknown: {},
  };
  const quirks = QUIRKS[engine];

  // ---- the tally --------------------------------------------------------

  function show(v) {
    if (v === undefined) {
      return "undefined";
    }
    if (typeof v === "number") {
      return Object.is(v, -0) ? "-0" : String(v);
    }
    if (typeof v === "bigint") {
      return v + "n";
    }
    if (typeof v === "symbol" || typeof v === "function") {
      return String(v);
    }
    try {
      const s = JSON.stringify(v);
      return s.length > 200 ? s.slice(0, 200) + "…" : s;
    } catch (e) {
      return String(v);
    }
  }

  class Tally {
    constructor(where) {
      this.where = where;
      this.passed = 0;
      this.failed = 0;
      this.failures = [];
      this.deviations = [];
      this.groups = {};
      this.checks = [];
      this.group = "setup";
    }
    section(name) {
      this.group = name;
    }
    label(name) {
      return this.where + ": " + this.group + ": " + name;
    }
    pass(name) {
      this.passed++;
      this.groups[this.where + ": " + this.group] = (this.groups[this.where + ": " + this.group] || 0) + 1;
      this.checks.push("ok   " + this.label(name));
    }
    fail(name, detail) {
      this.failed++;
      const msg = this.label(name) + ": " + detail;
      this.failures.push(msg);
      this.checks.push("FAIL " + msg);
      console.error("FAIL " + msg);
    }
    ok(name, cond, detail) {
      if (cond) {
        this.pass(name);
      } else {
        this.fail(name, detail || "not true");
      }
    }
    eq(name, got, want) {
      if (Object.is(got, want) || (typeof got === "object" && got !== null && show(got) === show(want))) {
        this.pass(name);
      } else {
        this.fail(name, "got " + show(got) + ", want " + show(want));
      }
    }
    // throws runs fn and checks that it throws an instance of ctor whose
    // message contains every string of includes.
    throws(name, fn, ctor, ...includes) {
      let r;
      try {
        r = fn();
      } catch (e) {
        if (!(e instanceof ctor)) {
          this.fail(name, "threw " + describeThrown(e) + ", want a " + ctor.name);
          return e;
        }
        for (const s of includes) {
          if (!String(e.message).includes(s)) {
            this.fail(name, "message " + show(e.message) + " does not mention " + show(s));
            return e;
          }
        }
        this.pass(name);
        return e;
      }
      this.fail(name, "returned " + show(r) + ", want a thrown " + ctor.name);
      return undefined;
    }
    deviation(name, text) {
      this.deviations.push(this.label(name) + ": " + text);
    }
    async step(name, fn) {
      try {
        await fn();
      } catch (e) {
        this.fail(name, "the scenario itself threw " + describeThrown(e) + (e && e.stack ? "\n" + e.stack : ""));
      }
    }
    merge(other) {
      this.passed += other.passed;
      this.failed += other.failed;
      this.failures.push(...other.failures);
      this.deviations.push(...other.deviations);
      this.checks.push(...other.checks);
      Object.assign(this.groups, other.groups);
    }
    result() {
      return {
        passed: this.passed,
        failed: this.failed,
        failures: this.failures.slice(),
        deviations: this.deviations.slice(),
        groups: Object.assign({}, this.groups),
        checks: this.checks.slice(),
      };
    }
  }

  function describeThrown(e) {
    if (e instanceof DOMException) {
      return "DOMException " + e.name + ": " + e.message;
    }
    if (e instanceof Error) {
      return e.name + ": " + e.message;
    }
    return show(e);
  }

  // ---- helpers -------------------------------------------------------------

  const MARKER = new Error("harness marker exception");



  const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

  function utf8Len(s) {
    return new TextEncoder().encode(s).length;
  }

  // usv returns s with lone surrogates replaced by U+FFFD, as WebIDL's
  // USVString conversion does (TextDecoder(TextEncoder(s)) is exactly that).
  function usv(s) {
    return new TextDecoder().decode(new TextEncoder().encode(s));
  }

  const EVENT_FIELDS = ["type", "code", "reason", "wasClean", "isTrusted", "timeStamp", "bubbles", "cancelable", "composed"];
  const CODE_FIELDS = ["name", "legacyName", "description", "range", "registered", "sendable", "validOnWire", "retryable"];
  const DECODE_KEYS = EVENT_FIELDS.concat(CODE_FIELDS, ["abnormal"]);
  const DESCRIBE_KEYS = ["code"].concat(CODE_FIELDS);

  // jsReads is what JavaScript itself reads from an event.
  function jsReads(e) {
    const out = {};
    for (const f of EVENT_FIELDS) {
      out[f] = e[f];
    }
    return out;
  }

  // checkDecoded compares a decoded object with what JavaScript reads from
  // the event (or with a previous decode), and its code fields with
  // describe(code).
  function checkDecoded(t, api, name, decoded, native) {
    t.eq(name + ": keys", Object.keys(decoded), DECODE_KEYS);
    for (const f of EVENT_FIELDS) {
      if (f in native) {
        t.eq(name + ": " + f + " as JavaScript reads it", decoded[f], native[f]);
      }
    }
    const d = api.describe(decoded.code);
    for (const f of CODE_FIELDS) {
      t.eq(name + ": " + f + " as describe gives it", decoded[f], d[f]);
    }
    t.eq(name + ": abnormal", decoded.abnormal, !decoded.wasClean || decoded.code === 1006);
  }

  // outcome runs fn and names what happened: null (accepted), a
  // DOMException's name, "TypeError", "marker" (the harness's own
  // exception, passed on as it is) or "other: ...".
  function outcome(fn) {
    try {
      const r = fn();
      if (r === undefined || r === null) {
        return null;
      }
      if (typeof r === "object" && typeof r.name === "string") {
        return r.name;
      }
      return "returned " + show(r);
    } catch (e) {
      if (e === MARKER) {
        return "marker";
      }
      if (e instanceof DOMException) {
        return e.name;
      }
      if (e instanceof TypeError) {
        return "TypeError";
      }
      return "other: " + describeThrown(e);
    }
  }

  // ---- the suite -------------------------------------------------------------

  const MEMBERS = ["version", "decode", "describe", "validateClose", "truncateReason", "create", "watch", "track", "shouldReconnect", "reconnect"];

  function apiSection(t, api) {
    t.section("api");
    t.ok("globalThis.closeevent is the API", globalThis.closeevent === api);
    t.ok("the API object is frozen", Object.isFrozen(api));
    t.eq("members", Object.keys(api), MEMBERS);
    t.ok("version is a non-empty string", typeof api.version === "string" && api.version.length > 0, show(api.version));
    for (const m of MEMBERS.slice(1)) {
      t.eq(m + " is a function", typeof api[m], "function");
    }
    t.ok("no initCloseEvent (removed from the platform)", !("initCloseEvent" in api));
    t.ok("closeeventLoad again returns the same Promise", closeeventLoad() === closeeventLoad("elsewhere.wasm"));
    t.ok("CloseEvent exists in this scope", typeof CloseEvent === "function");
  }

  // describe(code) against the registry facts, and its RangeErrors.
  function describeSection(t, api) {
    t.section("describe");
    const table = [
      // code, name, legacyName, range, registered, sendable, validOnWire, retryable
      [0, "Code(0)", "", "Unused", false, false, false, false],
      [999, "Code(999)", "", "Unused", false, false, false, false],
      [1000, "NormalClosure", "CLOSE_NORMAL", "Protocol", true, true, true, false],
      [1001, "GoingAway", "CLOSE_GOING_AWAY", "Protocol", true, false, true, true],
      [1002, "ProtocolError", "CLOSE_PROTOCOL_ERROR", "Protocol", true, false, true, false],
      [1003, "UnsupportedData", "CLOSE_UNSUPPORTED", "Protocol", true, false, true, false],
      [1004, "Code(1004)", "", "Protocol", false, false, false, false],
      [1005, "NoStatusReceived", "CLOSE_NO_STATUS", "Protocol", true, false, false, true],
      [1006, "AbnormalClosure", "CLOSE_ABNORMAL", "Protocol", true, false, false, true],
      [1009, "MessageTooBig", "CLOSE_TOO_LARGE", "Protocol", true, false, true, false],
      [1011, "InternalError", "", "Protocol", true, false, true, true],
      [1012, "ServiceRestart", "", "Protocol", true, false, true, true],
      [1014, "BadGateway", "", "Protocol", true, false, true, true],
      [1015, "TLSHandshake", "", "Protocol", true, false, false, false],
      [1016, "Code(1016)", "", "Protocol", false, false, false, false],
      [2999, "Code(2999)", "", "Protocol", false, false, false, false],
      [3000, "Unauthorized", "", "Library", true, true, true, false],
      [3003, "Forbidden", "", "Library", true, true, true, false],
      [3008, "Timeout", "", "Library", true, true, true, true],
      [3999, "Code(3999)", "", "Library", false, true, true, false],
      [4000, "Code(4000)", "", "Private", false, true, true, false],
      [4999, "Code(4999)", "", "Private", false, true, true, false],
      [5000, "Code(5000)", "", "Undefined", false, false, false, false],
      [65535, "Code(65535)", "", "Undefined", false, false, false, false],
    ];
    for (const [code, name, legacyName, range, registered, sendable, validOnWire, retryable] of table) {
      const d = api.describe(code);
      t.eq("describe(" + code + ") keys", Object.keys(d), DESCRIBE_KEYS);
      t.eq("describe(" + code + ")", {
        code: d.code, name: d.name, legacyName: d.legacyName, range: d.range,
        registered: d.registered, sendable: d.sendable, validOnWire: d.validOnWire, retryable: d.retryable,
      }, { code, name, legacyName, range, registered, sendable, validOnWire, retryable });
      t.ok("describe(" + code + ").description is a sentence", typeof d.description === "string" && d.description.length > 20, show(d.description));
    }
    t.eq("describe(-0).code", api.describe(-0).code, 0);
    const bad = [
      ["-1", -1], ["65536", 65536], ["1000.5", 1000.5], ["NaN", NaN], ["Infinity", Infinity],
      ["'1000'", "1000"], ["null", null], ["undefined", undefined], ["{}", {}], ["10n", 10n],
      ["Symbol()", Symbol("s")], ["true", true], ["[1000]", [1000]],
    ];
    for (const [label, v] of bad) {
      t.throws("describe(" + label + ") throws RangeError", () => api.describe(v), RangeError, "0..65535");
    }
    t.throws("describe() throws RangeError", () => api.describe(), RangeError, "undefined");
    // A value whose valueOf would lie is never converted.
    let called = false;
    t.throws("describe({valueOf}) throws RangeError without calling valueOf", () => api.describe({ valueOf() { called = true; return 1000; } }), RangeError);
    t.ok("describe never calls valueOf", !called);
  }

  // validateClose against the engine's own WebSocket.prototype.close, on a
  // socket that is already closed: close() validates its arguments first
  // (WebSockets Standard, close() steps 1-2) and then does nothing.
  function closeCases() {
    const a = (n) => "a".repeat(n);
    return [
      // label, () => args, spec outcome, engine quirk -> outcome
      ["close()", () => [], null],
      ["close(1000)", () => [1000], null],
      ["close(1000, 'bye')", () => [1000, "bye"], null],
      ["close(3000)", () => [3000], null],
      ["close(4999)", () => [4999], null],
      ["close(5000)", () => [5000], "InvalidAccessError"],
      ["close(2999)", () => [2999], "InvalidAccessError"],
      ["close(999)", () => [999], "InvalidAccessError"],
      ["close(1001)", () => [1001], "InvalidAccessError"],
      ["close(1005)", () => [1005], "InvalidAccessError"],
      ["close(1006)", () => [1006], "InvalidAccessError"],
      ["close(1011)", () => [1011], "InvalidAccessError"],
      ["close(0)", () => [0], "InvalidAccessError"],
      ["close(65535)", () => [65535], "InvalidAccessError"],
      ["close(65536 + 1000) clamps to 65535", () => [66536], "InvalidAccessError"],
      ["close(-1) clamps to 0", () => [-1], "InvalidAccessError"],
      ["close(NaN) is 0", () => [NaN], "InvalidAccessError"],
      ["close(Infinity)", () => [Infinity], "InvalidAccessError"],
      ["close(-Infinity)", () => [-Infinity], "InvalidAccessError"],
      ["close(null) is 0", () => [null], "InvalidAccessError"],
      ["close('1000')", () => ["1000"], null],
      ["close('4000.2')", () => ["4000.2"], null],
      ["close('abc') is NaN", () => ["abc"], "InvalidAccessError"],
      ["close(true) is 1", () => [true], "InvalidAccessError"],
      ["close([]) is 0", () => [[]], "InvalidAccessError"],
      ["close([3000])", () => [[3000]], null],
      ["close({valueOf: 4000})", () => [{ valueOf: () => 4000 }], null],
      ["close({[Symbol.toPrimitive]: 3001})", () => [{ [Symbol.toPrimitive]: () => 3001 }], null],
      ["close(1000.4)", () => [1000.4], null],
      ["close(1000.5) ties to even 1000", () => [1000.5], null],
      ["close(3000.5) ties to even 3000", () => [3000.5], null],
      ["close(4999.4)", () => [4999.4], null],
      ["close(999.5) ties to even 1000", () => [999.5], null, { fraction: "InvalidAccessError" }],
      ["close(999.7) rounds to 1000", () => [999.7], null, { fraction: "InvalidAccessError" }],
      ["close(2999.5) ties to even 3000", () => [2999.5], null, { fraction: "InvalidAccessError" }],
      ["close(4999.5) ties to even 5000", () => [4999.5], "InvalidAccessError", { fraction: null }],
      ["close(4999.6) rounds to 5000", () => [4999.6], "InvalidAccessError", { fraction: null }],
      ["close(undefined)", () => [undefined], null],
      ["close(undefined, 'x') has no code", () => [undefined, "x"], null, { absentCodeWithReason: "InvalidAccessError" }],
      ["close(1000, undefined)", () => [1000, undefined], null],
      ["close(1000, 123 bytes)", () => [1000, a(123)], null],
      ["close(1000, 124 bytes)", () => [1000, a(124)], "SyntaxError"],
      ["close(1000, 'é' x 61 = 122 bytes)", () => [1000, "é".repeat(61)], null],
      ["close(1000, 'é' x 62 = 124 bytes)", () => [1000, "é".repeat(62)], "SyntaxError"],
      ["close(4000, '€' x 41 = 123 bytes)", () => [4000, "€".repeat(41)], null],
      ["close(4000, '€' x 41 + 'a' = 124 bytes)", () => [4000, "€".repeat(41) + "a"], "SyntaxError"],
      ["close(1000, emoji x 30 + 'abc' = 123 bytes)", () => [1000, "😀".repeat(30) + "abc"], null],
      ["close(1000, lone surrogate x 41 = 123 bytes as U+FFFD)", () => [1000, "\uD800".repeat(41)], null],
      ["close(1000, lone surrogate x 42 = 126 bytes as U+FFFD)", () => [1000, "\uD800".repeat(42)], "SyntaxError"],
      ["close(1000, reversed pair x 20 = 120 bytes)", () => [1000, "\uDC00\uD800".repeat(20)], null],
      ["close(1000, 12345)", () => [1000, 12345], null],
      ["close(1000, null) is 'null'", () => [1000, null], null],
      ["close(1000, {toString: 124 bytes})", () => [1000, { toString: () => a(124) }], "SyntaxError"],
      ["close(5000, 200 bytes): the code is checked first", () => [5000, a(200)], "InvalidAccessError"],
      ["close(Symbol())", () => [Symbol("c")], "TypeError"],
      ["close(10n)", () => [10n], "TypeError"],
      ["close(1000, Symbol())", () => [1000, Symbol("r")], "TypeError"],
      ["close(999, Symbol()): conversions before checks", () => [999, Symbol("r")], "TypeError"],
      ["close({valueOf throws})", () => [{ valueOf() { throw MARKER; } }], "marker"],
      ["close(1000, {toString throws})", () => [1000, { toString() { throw MARKER; } }], "marker"],
      ["close({valueOf throws}, Symbol()): code converted first", () => [{ valueOf() { throw MARKER; } }, Symbol("r")], "marker"],
    ];
  }

  async function closedSocket() {
    const ws = new WebSocket(wsURL("close=1000"));
    await within(5000, new Promise((resolve) => ws.addEventListener("close", resolve)), "a socket to close");
    return ws;
  }

  async function validateSection(t, api) {
    t.section("validateClose vs the engine's close()");
    const ws = await closedSocket();
    t.eq("the reference socket is CLOSED", ws.readyState, WebSocket.CLOSED);
    for (const [label, args, spec, quirk] of closeCases()) {
      const shim = outcome(() => api.validateClose(...args()));
      const native = outcome(() => ws.close(...args()));
      t.eq(label + ": validateClose follows the spec", shim, spec);
      let known;
      if (quirk) {
        for (const k of Object.keys(quirk)) {
          if (quirks[k]) {
            known = quirk[k];
          }
        }
      }
      if (native === spec) {
        t.pass(label + ": the engine follows the spec");
        if (known !== undefined) {
          t.deviation(label, engine + " was expected to give " + show(known) + " but follows the spec now");
        }
      } else if (known !== undefined && native === known) {
        t.pass(label + ": the engine deviates as docs/engines.md records for " + engine);
        t.deviation(label, engine + " gives " + show(native) + "; the spec says " + show(spec));
      } else {
        t.fail(label + ": the engine", "close() gives " + show(native) + ", the spec says " + show(spec) +
          (known !== undefined ? " and " + engine + "'s recorded deviation " + show(known) : ""));
      }
    }
    // What validateClose returns when close() would throw.
    const r = api.validateClose(1001, "x");
    t.eq("validateClose(1001) keys", r && Object.keys(r), ["name", "message"]);
    t.eq("validateClose(1001).name", r && r.name, "InvalidAccessError");
    t.ok("validateClose(1001).message says what is allowed", r && /1000/.test(r.message) && /3000/.test(r.message) && /4999/.test(r.message), show(r));
    const s = api.validateClose(1000, "a".repeat(124));
    t.eq("validateClose(1000, 124 bytes).name", s && s.name, "SyntaxError");
    t.ok("validateClose(1000, 124 bytes).message counts bytes", s && /124/.test(s.message) && /123/.test(s.message), show(s));
    // valueOf and toString run once each, as in close().
    let v = 0;
    let w = 0;
    const code = { valueOf() { v++; return 4000; } };
    const reason = { toString() { w++; return "r"; } };
    api.validateClose(code, reason);
    const shimCalls = [v, w];
    v = 0;
    w = 0;
    ws.close(code, reason);
    t.eq("valueOf and toString run as often as in close()", shimCalls, [v, w]);
    t.eq("valueOf and toString run once each", shimCalls, [1, 1]);
    // The thrown exception is the very one the page threw.
    let caught;
    try {
      api.validateClose({ valueOf() { throw MARKER; } });
    } catch (e) {
      caught = e;
    }
    t.ok("an exception from valueOf is passed on as it is", caught === MARKER, describeThrown(caught));
    t.throws("validateClose(Symbol()) throws TypeError", () => api.validateClose(Symbol("x")), TypeError);
  }

  function truncateSection(t, api) {
    t.section("truncateReason");
    const cases = [
      ["''", "", ""],
      ["'bye'", "bye", "bye"],
      ["'a' x 123", "a".repeat(123), "a".repeat(123)],
      ["'a' x 200", "a".repeat(200), "a".repeat(123)],
      ["'€' x 50", "€".repeat(50), "€".repeat(41)],
      ["'é' x 70", "é".repeat(70), "é".repeat(61)],
      ["emoji x 40", "😀".repeat(40), "😀".repeat(30)],
      ["'ab' + emoji x 40", "ab" + "😀".repeat(40), "ab" + "😀".repeat(30)],
      ["lone surrogate x 50", "\uD800".repeat(50), "\uFFFD".repeat(41)],
      ["12345 (a number)", 12345, "12345"],
      ["null", null, "null"],
      ["undefined", undefined, "undefined"],
      ["{toString}", { toString: () => "x".repeat(130) }, "x".repeat(123)],
    ];
    for (const [label, input, want] of cases) {
      const got = api.truncateReason(input);
      t.eq("truncateReason(" + label + ")", got, want);
      t.ok("truncateReason(" + label + ") fits in 123 bytes", utf8Len(got) <= 123, utf8Len(got) + " bytes");
      t.eq("validateClose(1000, truncateReason(" + label + "))", api.validateClose(1000, got), null);
      t.ok("truncateReason(" + label + ") is a prefix of the USVString", usv(String(input)).startsWith(got));
    }
    t.throws("truncateReason() throws TypeError", () => api.truncateReason(), TypeError, "1 argument required");
    t.throws("truncateReason(Symbol()) throws TypeError", () => api.truncateReason(Symbol("x")), TypeError);
    let caught;
    try {
      api.truncateReason({ toString() { throw MARKER; } });
    } catch (e) {
      caught = e;
    }
    t.ok("truncateReason passes on a toString exception", caught === MARKER, describeThrown(caught));
  }

  // create(type, init) against new CloseEvent(type, init).
  function createSection(t, api) {
    t.section("create vs new CloseEvent");
    const cases = [
      ["('close')", () => ["close"]],
      ["('close', undefined)", () => ["close", undefined]],
      ["('close', null)", () => ["close", null]],
      ["('close', {})", () => ["close", {}]],
      ["(full init)", () => ["close", { code: 4001, reason: "bye", wasClean: true, bubbles: true, cancelable: true, composed: true }]],
      ["({code: -1}) wraps to 65535", () => ["close", { code: -1 }]],
      ["({code: 65536}) wraps to 0", () => ["close", { code: 65536 }]],
      ["({code: 70000.9})", () => ["close", { code: 70000.9 }]],
      ["({code: 1000.9}) truncates", () => ["close", { code: 1000.9 }]],
      ["({code: -0.5})", () => ["close", { code: -0.5 }]],
      ["({code: '4001'})", () => ["close", { code: "4001" }]],
      ["({code: NaN})", () => ["close", { code: NaN }]],
      ["({code: Infinity})", () => ["close", { code: Infinity }]],
      ["({code: null})", () => ["close", { code: null }]],
      ["(truthy and falsy flags)", () => ["close", { bubbles: 1, cancelable: "", composed: {}, wasClean: "yes" }]],
      ["({reason: 42})", () => ["close", { reason: 42 }]],
      ["({reason: null})", () => ["close", { reason: null }]],
      ["({reason: multi-byte})", () => ["close", { reason: "héllo ✓ 😀 日本" }]],
      ["('x y')", () => ["x y", { code: 3000 }]],
      ["(42)", () => [42]],
      ["(undefined)", () => [undefined]],
      ["(init is a function)", () => ["close", Object.assign(() => {}, { code: 4002 })]],
    ];
    for (const [label, args] of cases) {
      const mine = api.create(...args());
      const native = new CloseEvent(...args());
      t.ok("create" + label + " is a CloseEvent", mine instanceof CloseEvent);
      t.eq("create" + label + " isTrusted", mine.isTrusted, false);
      const a = jsReads(mine);
      const b = jsReads(native);
      delete a.timeStamp;
      delete b.timeStamp;
      t.eq("create" + label + " equals new CloseEvent" + label, a, b);
    }

    // USVString: a lone surrogate in reason becomes U+FFFD.
    const lone = "\uD800x";
    const mine = api.create("close", { reason: lone });
    const native = new CloseEvent("close", { reason: lone });
    t.eq("create({reason: lone surrogate}) follows the spec (USVString)", mine.reason, "\uFFFDx");
    if (native.reason === "\uFFFDx") {
      t.pass("new CloseEvent({reason: lone surrogate}) follows the spec");
      if (quirks.loneSurrogateInit) {
        t.deviation("lone surrogate in CloseEventInit.reason", engine + " was expected to keep it but follows the spec now");
      }
    } else if (quirks.loneSurrogateInit && native.reason === lone) {
      t.pass("new CloseEvent({reason: lone surrogate}) keeps it, as docs/engines.md records for " + engine);
      t.deviation("lone surrogate in CloseEventInit.reason", engine + " keeps the lone surrogate; the spec (USVString) says U+FFFD");
    } else {
      t.fail("new CloseEvent({reason: lone surrogate})", "got " + show(native.reason));
    }

    // The dictionary's members are read in WebIDL's order, as natively.
    const order = (fn) => {
      const keys = [];
      const init = new Proxy({}, { get(target, key) { keys.push(String(key)); return undefined; } });
      fn(init);
      return keys;
    };
    const mineOrder = order((init) => api.create("close", init));
    t.eq("create reads init in the native order", mineOrder, order((init) => new CloseEvent("close", init)));
    t.eq("create reads init in WebIDL's order", mineOrder, ["bubbles", "cancelable", "composed", "code", "reason", "wasClean"]);

    // Errors, as the native constructor gives them.
    const errs = [
      ["()", () => []],
      ["('close', 5)", () => ["close", 5]],
      ["('close', 'x')", () => ["close", "x"]],
      ["(Symbol())", () => [Symbol("t")]],
      ["('close', {code: Symbol()})", () => ["close", { code: Symbol("c") }]],
      ["('close', {code: 10n})", () => ["close", { code: 10n }]],
      ["('close', {reason: Symbol()})", () => ["close", { reason: Symbol("r") }]],
      ["(getter throws)", () => ["close", { get code() { throw MARKER; } }]],
      ["(valueOf throws)", () => ["close", { code: { valueOf() { throw MARKER; } } }]],
    ];
    for (const [label, args] of errs) {
      const mineOut = outcome(() => api.create(...args()));
      const nativeOut = outcome(() => new CloseEvent(...args()));
      t.ok("create" + label + " throws", mineOut !== null && !String(mineOut).startsWith("returned"), show(mineOut));
      t.eq("create" + label + " throws as new CloseEvent" + label, mineOut, nativeOut);
    }

    // A created event dispatches like any other.
    const target = new EventTarget();
    let got = null;
    target.addEventListener("close", (e) => { got = e; });
    const ev = api.create("close", { code: 4003, reason: "made", wasClean: true });
    target.dispatchEvent(ev);
    t.ok("a created event is delivered as itself", got === ev);
  }

  function decodeSection(t, api) {
    t.section("decode");
    const inits = [
      {},
      { code: 1000, reason: "", wasClean: true },
      { code: 1005, wasClean: true },
      { code: 1006 },
      { code: 4001, reason: "bye", wasClean: true, bubbles: true, cancelable: true, composed: true },
      { code: 65535, reason: "héllo ✓ 😀 日本" },
      { code: 3008, reason: "€".repeat(41) },
      { code: -1 },
    ];
    for (const init of inits) {
      const e = new CloseEvent("close", init);
      const label = "new CloseEvent('close', " + show(init) + ")";
      checkDecoded(t, api, label, api.decode(e), jsReads(e));
    }
    // Another type, and an event after its dispatch.
    const other = new CloseEvent("custom-type", { code: 3000 });
    checkDecoded(t, api, "a CloseEvent of another type", api.decode(other), jsReads(other));
    const target = new EventTarget();
    let dispatched;
    target.addEventListener("close", (e) => { dispatched = e; });
    target.dispatchEvent(new CloseEvent("close", { code: 4002, reason: "dispatched", wasClean: true }));
    checkDecoded(t, api, "a dispatched CloseEvent", api.decode(dispatched), jsReads(dispatched));

    // Objects that are not CloseEvents but have its fields (polyfills).
    const plain = api.decode({ code: 4000, reason: "plain", wasClean: false });
    t.eq("a plain object: code, reason, wasClean", [plain.code, plain.reason, plain.wasClean], [4000, "plain", false]);
    t.eq("a plain object: absent Event fields are zero", [plain.type, plain.isTrusted, plain.timeStamp, plain.bubbles], ["", false, 0, false]);
    const ev = new Event("close");
    Object.assign(ev, { code: 1001, reason: "polyfill", wasClean: true });
    checkDecoded(t, api, "an Event with close fields", api.decode(ev), jsReads(ev));

    // Errors name the field.
    const bad = [
      ["()", [], "object"],
      ["(null)", [null], "null"],
      ["(undefined)", [undefined], "undefined"],
      ["(5)", [5], "number"],
      ["('close')", ["close"], "string"],
      ["(Symbol())", [Symbol("s")], "symbol"],
      ["(10n)", [10n], "bigint"],
      ["({})", [{}], "code"],
      ["(new Event('close'))", [new Event("close")], "code"],
      ["({code: '1000'})", [{ code: "1000", reason: "", wasClean: true }], "code"],
      ["({code: 1000.5})", [{ code: 1000.5, reason: "", wasClean: true }], "code"],
      ["({code: -1})", [{ code: -1, reason: "", wasClean: true }], "code"],
      ["({code: 65536})", [{ code: 65536, reason: "", wasClean: true }], "code"],
      ["({code: NaN})", [{ code: NaN, reason: "", wasClean: true }], "code"],
      ["({code: 10n})", [{ code: 10n, reason: "", wasClean: true }], "code"],
      ["(no reason)", [{ code: 1000, wasClean: true }], "reason"],
      ["({reason: 5})", [{ code: 1000, reason: 5, wasClean: true }], "reason"],
      ["({reason: 10n})", [{ code: 1000, reason: 10n, wasClean: true }], "reason"],
      ["({wasClean: 1})", [{ code: 1000, reason: "", wasClean: 1 }], "wasClean"],
      ["({type: 5})", [{ code: 1000, reason: "", wasClean: true, type: 5 }], "type"],
      ["({timeStamp: 'now'})", [{ code: 1000, reason: "", wasClean: true, timeStamp: "now" }], "timeStamp"],
      ["({bubbles: 'yes'})", [{ code: 1000, reason: "", wasClean: true, bubbles: "yes" }], "bubbles"],
      ["({composed: 10n})", [{ code: 1000, reason: "", wasClean: true, composed: 10n }], "composed"],
    ];
    for (const [label, args, mention] of bad) {
      t.throws("decode" + label + " throws TypeError naming " + mention, () => api.decode(...args), TypeError, mention);
    }

    // Hostile objects: getters and Proxy traps that throw are reported, and
    // the Go program lives on.
    const getter = Object.defineProperty({ code: 1000, wasClean: true }, "reason", { get() { throw MARKER; } });
    t.throws("decode(a throwing getter) throws TypeError naming the field", () => api.decode(getter), TypeError, "reason", "harness marker");
    const trap = new Proxy({}, { get() { throw MARKER; } });
    t.throws("decode(a throwing Proxy) throws TypeError", () => api.decode(trap), TypeError, "code");
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    t.throws("decode(a revoked Proxy) throws TypeError", () => api.decode(proxy), TypeError, "code");
    const weird = Object.defineProperty({ code: 1000, reason: "", wasClean: true }, "type", { get() { throw Symbol("thrown symbol"); } });
    t.throws("decode(a getter throwing a Symbol) throws TypeError", () => api.decode(weird), TypeError, "type");
    t.eq("the Go program survived the hostile values", api.describe(1000).name, "NormalClosure");
  }

  async function watchSection(t, api) {
    t.section("watch");
    const target = new EventTarget();
    const got = [];
    let wake = null;
    const next = (what) => within(2000, new Promise((resolve) => { wake = resolve; }), what);
    const stop = api.watch(target, (d) => {
      got.push(d);
      if (wake) {
        wake(d);
      }
    });
    t.eq("watch returns a function", typeof stop, "function");

    let p = next("a watched close event");
    const ev = api.create("close", { code: 4001, reason: "watched", wasClean: true });
    target.dispatchEvent(ev);
    const d = await p;
    checkDecoded(t, api, "the watched event", d, jsReads(ev));

    // Not a close event, or another type: skipped. A BigInt field is one
    // syscall/js cannot even type; the Go program must survive it.
    target.dispatchEvent(new Event("close"));
    target.dispatchEvent(Object.assign(new Event("close"), { code: 10n, reason: "", wasClean: true }));
    target.dispatchEvent(new CloseEvent("closing", { code: 4002 }));
    p = next("the next watched close event");
    target.dispatchEvent(new CloseEvent("close", { code: 4003 }));
    const d2 = await p;
    t.eq("an Event named close without close fields is skipped", d2.code, 4003);
    t.eq("two deliveries so far", got.length, 2);
    t.eq("the Go program survived a close event with a BigInt code", api.describe(1000).name, "NormalClosure");

    // A throwing callback is reported (reportError), not thrown at the
    // dispatcher, and later events are still delivered.
    const reported = [];
    const onError = (e) => {
      if (e.error === MARKER) {
        reported.push(e.error);
        e.preventDefault();
      }
    };
    globalThis.addEventListener("error", onError);
    const t2 = new EventTarget();
    let calls = 0;
    let wake2 = null;
    const stop2 = api.watch(t2, () => {
      calls++;
      if (wake2) {
        wake2();
      }
      throw MARKER;
    });
    let dispatchThrew = false;
    let p2 = within(2000, new Promise((resolve) => { wake2 = resolve; }), "a throwing callback");
    try {
      t2.dispatchEvent(new CloseEvent("close", { code: 4004 }));
    } catch (e) {
      dispatchThrew = true;
    }
    await p2;
    await tick();
    t.ok("the dispatcher does not see the callback's exception", !dispatchThrew);
    t.eq("the callback's exception is reported", reported.length, 1);
    p2 = within(2000, new Promise((resolve) => { wake2 = resolve; }), "a second call after a throw");
    t2.dispatchEvent(new CloseEvent("close", { code: 4005 }));
    await p2;
    t.eq("the watch survives a throwing callback", calls, 2);
    stop2();
    globalThis.removeEventListener("error", onError);

    // Two watches on one target both see the event.
    let other = null;
    const stop3 = api.watch(target, (x) => { other = x; });
    p = next("two watches");
    target.dispatchEvent(new CloseEvent("close", { code: 4006 }));
    await p;
    await tick();
    t.eq("a second watch sees the same event", other && other.code, 4006);
    stop3();

    // After stop, nothing more.
    t.eq("stop() returns undefined", stop(), undefined);
    t.eq("stop() again is a no-op", stop(), undefined);
    target.dispatchEvent(new CloseEvent("close", { code: 4007 }));
    await tick(50);
    t.eq("no delivery after stop", got.length, 3);

    // Bad arguments.
    const cb = () => {};
    t.throws("watch() throws TypeError", () => api.watch(), TypeError, "target");
    t.throws("watch(5, cb) throws TypeError", () => api.watch(5, cb), TypeError, "target");
    t.throws("watch(target) throws TypeError", () => api.watch(new EventTarget()), TypeError, "callback");
    t.throws("watch(target, 5) throws TypeError", () => api.watch(new EventTarget(), 5), TypeError, "callback");
    t.throws("watch({}, cb) throws TypeError (no addEventListener)", () => api.watch({}, cb), TypeError, "addEventListener");
  }

  // ---- real sockets -----------------------------------------------------------

  // The scenarios, by who closes. expect: code, reason, wasClean, and
  // whether an error event precedes close. quirk names a docs/engines.md
  // deviation that changes the outcome for some engines.
  const HELLO = "héllo wörld ✓ 😀 日本";
  const MARKUP = "<img src=x onerror=\"globalThis.harnessXSS=1\">";
  function socketScenarios() {
    const q = (code, reason) => "close=" + code + (reason === undefined ? "" : "&reason=" + encodeURIComponent(reason));
    const server = (code, reason) => ({ label: "server closes " + code + " " + show(reason || ""), query: q(code, reason), expect: { code, reason: reason || "", wasClean: true, error: false } });
    return [
      server(1000),
      server(1000, "bye"),
      server(1001, "going away"),
      server(1003, "no binary"),
      server(1008, "policy"),
      server(1011, "oops"),
      Object.assign(server(1012, "restart"), { quirk: "wire1012" }),
      Object.assign(server(1013), { quirk: "wire1012" }),
      Object.assign(server(1014, "gateway"), { quirk: "wire1012" }),
      server(3000, "auth"),
      server(3008),
      server(4001, "bye"),
      server(4999, "last"),
      server(4003, HELLO),
      server(4004, "a".repeat(123)),
      server(4005, "€".repeat(41)),
      server(4006, "😀".repeat(30) + "abc"),
      Object.assign(server(4007, MARKUP), { markup: true }),
      { label: "server closes 4002 after delay=150", query: "close=4002&reason=later&delay=150", expect: { code: 4002, reason: "later", wasClean: true, error: false } },
      { label: "server closes without status (close=none)", query: "close=none", expect: { code: 1005, reason: "", wasClean: true, error: false } },
      // A TCP drop after the handshake closes the connection without
      // failing it: the spec asks for no error event, and Chromium fires
      // none; whether one comes is not checked.
      { label: "server drops the connection (abort=1)", query: "abort=1", expect: { code: 1006, reason: "", wasClean: false, error: "either" } },
      { label: "server drops after delay=100", query: "abort=1&delay=100", expect: { code: 1006, reason: "", wasClean: false, error: "either" } },
      { label: "server refuses the handshake (close=999: HTTP 400)", query: "close=999", expect: { code: 1006, reason: "", wasClean: false, error: true } },
      { label: "client close(4000, 'client bye')", query: "", client: [4000, "client bye"], expect: { code: 4000, reason: "client bye", wasClean: true, error: false } },
      { label: "client close(1000)", query: "", client: [1000], expect: { code: 1000, reason: "", wasClean: true, error: false } },
      { label: "client close(3001, 'é' x 61)", query: "", client: [3001, "é".repeat(61)], expect: { code: 3001, reason: "é".repeat(61), wasClean: true, error: false } },
      { label: "client close() without code", query: "", client: [], expect: { code: 1005, reason: "", wasClean: true, error: false } },
      { label: "client close() while CONNECTING", query: "", connecting: true, expect: { code: 1006, reason: "", wasClean: false, error: true } },
    ];
  }

  async function runSocket(api, sc) {
    const ws = new WebSocket(wsURL(sc.query));
    const log = [];
    let watched;
    const viaWatch = new Promise((resolve) => {
      watched = api.watch(ws, resolve);
    });
    ws.addEventListener("open", () => {
      log.push("open");
      if (sc.client) {
        ws.close(...sc.client);
      }
    });
    ws.addEventListener("error", () => log.push("error"));
    const viaListener = new Promise((resolve) => {
      ws.addEventListener("close", (e) => {
        log.push("close");
        let decoded;
        let error;
        try {
          decoded = api.decode(e);
        } catch (x) {
          error = x;
        }
        resolve({ native: jsReads(e), decoded, error, isCloseEvent: e instanceof CloseEvent });
      });
    });
    if (sc.connecting) {
      ws.close();
    }
    try {
      const [fromListener, fromWatch] = await within(8000, Promise.all([viaListener, viaWatch]), sc.label);
      return Object.assign(fromListener, { watched: fromWatch, log, readyState: ws.readyState });
    } finally {
      watched();
    }
  }

  async function socketSection(t, api, scenarios) {
    t.section("sockets");
    for (const sc of scenarios) {
      await t.step(sc.label, async () => {
        const r = await runSocket(api, sc);
        const name = sc.label;
        if (r.error) {
          t.fail(name + ": decode", "threw " + describeThrown(r.error));
          return;
        }
        t.ok(name + ": the event is a CloseEvent", r.isCloseEvent);
        t.eq(name + ": readyState is CLOSED", r.readyState, WebSocket.CLOSED);
        checkDecoded(t, api, name, r.decoded, r.native);
        t.eq(name + ": watch and decode agree", r.watched, r.decoded);
        t.eq(name + ": isTrusted", r.decoded.isTrusted, true);
        t.eq(name + ": type", r.decoded.type, "close");
        const got = { code: r.decoded.code, reason: r.decoded.reason, wasClean: r.decoded.wasClean, error: r.log.includes("error") };
        const want = Object.assign({}, sc.expect);
        if (want.error === "either") {
          want.error = got.error;
        }
        if (sc.quirk && quirks[sc.quirk] && got.code === 1006 && !got.wasClean) {
          t.pass(name + ": fails the connection, as docs/engines.md records for " + engine);
          t.deviation(name, engine + " reports 1006, not clean; the code is valid on the wire");
        } else {
          t.eq(name + ": code, reason, wasClean, error event", got, want);
        }
        if (got.error) {
          t.ok(name + ": the error event precedes close", r.log.indexOf("error") < r.log.indexOf("close"), show(r.log));
        }
        t.eq(name + ": reason bytes as JavaScript counts them", utf8Len(r.decoded.reason), utf8Len(r.native.reason));
        if (sc.markup && inWindow) {
          const box = document.getElementById("render");
          box.textContent = r.decoded.reason;
          t.eq(name + ": rendered as text: no element created", box.childElementCount, 0);
          t.eq(name + ": rendered as text: the text is the reason", box.textContent, MARKUP);
          t.ok(name + ": rendered as text: no <img> anywhere", document.querySelector("#render img") === null);
          box.textContent = "";
        }
      });
    }
    await tick(50);
    t.ok("no markup reason ran as script", globalThis.harnessXSS === undefined);
  }

  // A subset for the worker: one of each kind.
  function workerScenarios() {
    const keep = new Set([
      "server closes 4001 \"bye\"", "server closes 4003 " + show(HELLO), "server closes 4004 " + show("a".repeat(123)),
      "server closes without status (close=none)", "server drops the connection (abort=1)",
      "client close(4000, 'client bye')", "client close() without code", "client close() while CONNECTING",
    ]);
    return socketScenarios().filter((s) => keep.has(s.label));
  }

  // ---- track, shouldReconnect, reconnect: in full in the page; track and
  // the restart scenario in the worker too ----------------------------------

  // A key of the server's key=NAME&times=N, new for each scenario, so that
  // only the first connection(s) of a scenario act and later ones echo.
  let keySeq = 0;
  const newKey = () => "h" + Date.now().toString(36) + "-" + (keySeq++) + "-" + Math.random().toString(36).slice(2, 8);

  // loopRec runs api.reconnect(url, options) with callbacks that record
  // each open, close (with its info) and give-up, and until(what, cond)
  // waits for cond() to hold, checked after each of them.
  function loopRec(api, url, options) {
    const rec = { opens: [], closes: [], giveups: [], waiters: [] };
    const notify = () => {
      for (const w of rec.waiters.splice(0)) {
        w();
      }
    };
    rec.r = api.reconnect(url, Object.assign({
      onopen(ws) {
        rec.opens.push({ ws, at: performance.now() });
        notify();
      },
      onclose(event, info) {
        rec.closes.push({ event, info, at: performance.now() });
        notify();
      },
      ongiveup(event) {
        rec.giveups.push({ event, at: performance.now() });
        notify();
      },
    }, options));
    rec.until = (what, cond, ms = 8000) => within(ms, new Promise((resolve) => {
      const check = () => (cond() ? resolve() : rec.waiters.push(check));
      check();
    }), what);
    return rec;
  }

  // closedEvent resolves with ws's close event, as JavaScript reads it.
  function nativeClose(ws) {
    return new Promise((resolve) => ws.addEventListener("close", (e) => resolve(jsReads(e)), { once: true }));
  }

  function opened(ws) {
    return ws.readyState === WebSocket.OPEN ? Promise.resolve() :
      new Promise((resolve) => ws.addEventListener("open", resolve, { once: true }));
  }

  // wire1012 checks a 1012-1014 close as the engine reports it.
  function checkWireCode(t, name, ev, code) {
    if (quirks.wire1012 && ev.code === 1006 && !ev.wasClean) {
      t.pass(name + ": fails the connection, as docs/engines.md records for " + engine);
      t.deviation(name, engine + " reports 1006, not clean, for the server's " + code);
    } else {
      t.eq(name + ": code, wasClean", [ev.code, ev.wasClean], [code, true]);
    }
  }

  // The reported exceptions (reportError) that are the harness's MARKER.
  function catchReports() {
    const got = [];
    const onError = (e) => {
      if (e.error === MARKER) {
        got.push(e.error);
        e.preventDefault();
      }
    };
    globalThis.addEventListener("error", onError);
    return { got, stop: () => globalThis.removeEventListener("error", onError) };
  }

  async function trackSection(t, api) {
    t.section("track");

    // The page's own ws.close() on a tracked socket is a local close, and
    // tracking changes nothing else: close(1001) still throws the engine's
    // own InvalidAccessError.
    await t.step("the page's ws.close()", async () => {
      const ws = new WebSocket(wsURL(""));
      const tr = api.track(ws);
      t.eq("track returns {closed, close, local}", Object.keys(tr), ["closed", "close", "local"]);
      t.ok("closed is a Promise", tr.closed instanceof Promise);
      await within(5000, opened(ws), "open");
      t.eq("local is false while open", tr.local, false);
      let threw = null;
      try {
        ws.close(1001);
      } catch (e) {
        threw = e;
      }
      t.ok("ws.close(1001) still throws the engine's InvalidAccessError", threw instanceof DOMException && threw.name === "InvalidAccessError", describeThrown(threw));
      t.eq("a refused ws.close(1001) is not a close", ws.readyState, WebSocket.OPEN);
      ws.close(4000, "page");
      const ev = await within(5000, tr.closed, "closed");
      checkDecoded(t, api, "closed", Object.fromEntries(Object.entries(ev).filter(([k]) => k !== "local")), {});
      t.eq("closed: code, reason, wasClean, local", [ev.code, ev.reason, ev.wasClean, ev.local], [4000, "page", true, true]);
      t.eq("local is true after the page's ws.close()", tr.local, true);
      t.eq("no own close property is left on the socket", Object.getOwnPropertyNames(ws).includes("close"), false);
    });

    // track(ws).close with refused arguments throws close()'s DOMException
    // and sends nothing; with good ones it closes, locally.
    await t.step("track(ws).close", async () => {
      const ws = new WebSocket(wsURL(""));
      const tr = api.track(ws);
      await within(5000, opened(ws), "open");
      const e = t.throws("close(1001) throws a DOMException", () => tr.close(1001), DOMException);
      t.eq("its name is validateClose's", e && e.name, api.validateClose(1001).name);
      t.eq("it is InvalidAccessError", e && e.name, "InvalidAccessError");
      const e2 = t.throws("close(4000, 124 bytes) throws a DOMException", () => tr.close(4000, "x".repeat(124)), DOMException);
      t.eq("its name is SyntaxError", e2 && e2.name, "SyntaxError");
      t.throws("close(Symbol()) throws close()'s TypeError", () => tr.close(Symbol("s")), TypeError);
      t.throws("close(4000, {toString() {throw}}) passes the exception on", () => tr.close(4000, { toString() { throw MARKER; } }), Error);
      await tick(50);
      t.eq("nothing was sent: the socket is still OPEN", ws.readyState, WebSocket.OPEN);
      t.eq("local is still false", tr.local, false);
      // The echo answers with the same frame: proof of what was sent.
      ws.send("ping");
      t.eq("close(4001, 'bye') returns undefined", tr.close(4001, "bye"), undefined);
      const ev = await within(5000, tr.closed, "closed");
      t.eq("the server echoed 4001 'bye'", [ev.code, ev.reason, ev.wasClean, ev.local], [4001, "bye", true, true]);
      t.eq("close() after the event does nothing", tr.close(4002), undefined);
      t.throws("close(1001) after the event still throws", () => tr.close(1001), DOMException);
      t.eq("local stays true", tr.local, true);
    });

    // closed keeps the event: awaited long after the event fired, and
    // more than once. The server closes: local is false.
    await t.step("closed after the event fired", async () => {
      const ws = new WebSocket(wsURL("close=4002&reason=later"));
      const tr = api.track(ws);
      const native = await within(5000, nativeClose(ws), "the native close event");
      await tick(200);
      const ev = await within(1000, tr.closed, "closed, 200 ms after the event");
      t.eq("code, reason, wasClean as JavaScript read them", [ev.code, ev.reason, ev.wasClean], [native.code, native.reason, native.wasClean]);
      t.eq("a server's close is not local", ev.local, false);
      t.ok("closed again gives the same object", (await tr.closed) === ev);
      t.eq("shouldReconnect(closed) takes its local", api.shouldReconnect(ev), false);
    });

    // A socket already CLOSED: closed rejects with an Error saying so.
    await t.step("a socket already CLOSED", async () => {
      const ws = new WebSocket(wsURL("close=4003"));
      await within(5000, nativeClose(ws), "the close event");
      const tr = api.track(ws);
      let err = null;
      try {
        await within(2000, tr.closed, "closed of a CLOSED socket");
      } catch (e) {
        err = e;
      }
      t.ok("closed rejects with an Error", err instanceof Error && !(err instanceof TypeError), describeThrown(err));
      t.ok("the message says the socket was already CLOSED", err && /already CLOSED/.test(err.message), describeThrown(err));
      t.eq("local is false", tr.local, false);
      t.eq("close() does nothing", tr.close(), undefined);
      t.throws("close(1001) still throws", () => tr.close(1001), DOMException);
    });

    // A close event a script dispatches does not settle closed.
    await t.step("a dispatched close event", async () => {
      const ws = new WebSocket(wsURL(""));
      const tr = api.track(ws);
      let settled = false;
      tr.closed.then(() => { settled = true; });
      await within(5000, opened(ws), "open");
      ws.dispatchEvent(new CloseEvent("close", { code: 4999, wasClean: true }));
      await tick(50);
      t.eq("an untrusted close event does not settle closed", settled, false);
      tr.close(4004);
      const ev = await within(5000, tr.closed, "closed");
      t.eq("the browser's own event settles it", ev.code, 4004);
    });

    t.throws("track() throws TypeError", () => api.track(), TypeError, "WebSocket");
    t.throws("track({}) throws TypeError", () => api.track({}), TypeError, "WebSocket");
    t.throws("track(new EventTarget()) throws TypeError", () => api.track(new EventTarget()), TypeError, "WebSocket");
    t.throws("track(5) throws TypeError", () => api.track(5), TypeError, "5");
  }

  function shouldReconnectSection(t, api) {
    t.section("shouldReconnect");
    const decoded = (code) => api.decode(new CloseEvent("close", { code }));
    for (const [code, want] of [[1000, false], [1001, true], [1006, true], [1008, false], [1012, true], [1013, true], [3000, false], [3008, true], [4001, false]]) {
      t.eq("decode output " + code, api.shouldReconnect(decoded(code)), want);
      t.eq("decode output " + code + ", local", api.shouldReconnect(decoded(code), true), false);
      t.eq("native CloseEvent " + code, api.shouldReconnect(new CloseEvent("close", { code })), want);
      t.eq("create() event " + code, api.shouldReconnect(api.create("close", { code })), want);
      t.eq("agrees with describe(code).retryable", api.shouldReconnect(decoded(code), false), api.describe(code).retryable);
    }
    const tracked = Object.assign(decoded(1012), { local: true });
    t.eq("track output with local true", api.shouldReconnect(tracked), false);
    t.eq("track output, local argument false wins", api.shouldReconnect(tracked, false), true);
    t.eq("returns a boolean", typeof api.shouldReconnect(decoded(1000)), "boolean");
    t.throws("shouldReconnect() throws TypeError", () => api.shouldReconnect(), TypeError, "event");
    t.throws("shouldReconnect(1012) throws TypeError", () => api.shouldReconnect(1012), TypeError, "event");
    t.throws("shouldReconnect({}) throws TypeError", () => api.shouldReconnect({}), TypeError, "event.code");
    t.throws("shouldReconnect({code: '1012'}) throws TypeError", () => api.shouldReconnect({ code: "1012" }), TypeError, "event.code");
    t.throws("shouldReconnect({code: 70000}) throws TypeError", () => api.shouldReconnect({ code: 70000 }), TypeError, "0..65535");
    t.throws("shouldReconnect(event, 'yes') throws TypeError", () => api.shouldReconnect(decoded(1012), "yes"), TypeError, "local");
    t.eq("a throwing code getter passes the exception on", outcome(() => api.shouldReconnect({ get code() { throw MARKER; } })), "marker");
  }

  // restartScenario: the server closes with 1012 and is then back; the
  // loop reconnects after a delay within the policy's bounds. It runs in
  // the page and in the worker (navigator.onLine and the online event of a
  // WorkerGlobalScope).
  async function restartScenario(t, api) {
    const q = (s) => wsURL(s);
    const rec = loopRec(api, q("close=1012&reason=restart&key=" + newKey() + "&times=1"), { min: 60, max: 600, stable: 400 });
    t.eq("reconnect returns {stop, socket, attempt}", Object.keys(rec.r), ["stop", "socket", "attempt"]);
    t.ok("socket is a WebSocket at once", rec.r.socket instanceof WebSocket);
    t.eq("attempt is 0 at first", rec.r.attempt, 0);
    await rec.until("a second open", () => rec.opens.length === 2);
    const c = rec.closes[0];
    checkWireCode(t, "the first close", c.event, 1012);
    t.eq("info: local, attempt, reconnecting", [c.info.local, c.info.attempt, c.info.reconnecting], [false, 0, true]);
    t.ok("info.delay is within [min/2, min]", c.info.delay >= 30 && c.info.delay <= 60, show(c.info.delay));
    const waited = rec.opens[1].at - c.at;
    t.ok("the next socket opened after the delay", waited >= c.info.delay - 2, "waited " + waited.toFixed(1) + " ms, delay " + c.info.delay.toFixed(1));
    t.ok("and not much later", waited < c.info.delay + 3000, "waited " + waited.toFixed(1) + " ms");
    t.ok("socket is the new one", rec.r.socket === rec.opens[1].ws && rec.opens[1].ws !== rec.opens[0].ws);
    t.eq("attempt is 1 after one failed attempt", rec.r.attempt, 1);
    await tick(500);
    t.eq("attempt is 0 once the connection has been open for stable", rec.r.attempt, 0);
    const closing = nativeClose(rec.r.socket);
    t.eq("stop() returns undefined", rec.r.stop(), undefined);
    const last = await within(5000, closing, "the close after stop()");
    t.eq("stop() closed with 1000, cleanly", [last.code, last.wasClean], [1000, true]);
    await tick(200);
    t.eq("no dial after stop()", rec.opens.length, 2);
    t.eq("no give-up", rec.giveups.length, 0);
    t.eq("stop() again does nothing", rec.r.stop(), undefined);
    t.throws("stop(1001) after the end still throws", () => rec.r.stop(1001), DOMException);
  }

  async function reconnectSection(t, api) {
    t.section("reconnect");
    const q = (s) => wsURL(s);

    // The stalled closing handshake takes the engine's timeout or the
    // server's (internal/closeserver, StallLimit): started first, awaited
    // last.
    const stalled = (async () => {
      const rec = loopRec(api, q("stall=1"), { min: 20, max: 40 });
      const ws = new WebSocket(q("stall=1"));
      const tr = api.track(ws);
      await rec.until("the stalled socket opens", () => rec.opens.length === 1);
      await within(5000, opened(ws), "the tracked stalled socket opens");
      const start = performance.now();
      rec.opens[0].ws.close(1000);
      tr.close(1000);
      return { rec, tr, start };
    })();
    stalled.catch(() => {}); // awaited, and reported, by the last step

    await t.step("1012, then back", () => restartScenario(t, api));

    for (const [code, reason] of [[1008, "policy"], [1000, "done"]]) {
      await t.step(code + " stops", async () => {
        const rec = loopRec(api, q("close=" + code + "&reason=" + reason), { min: 20, max: 40 });
        await rec.until("the close", () => rec.closes.length === 1);
        const c = rec.closes[0];
        t.eq(code + ": code, reason, wasClean", [c.event.code, c.event.reason, c.event.wasClean], [code, reason, true]);
        t.eq(code + ": info", [c.info.local, c.info.reconnecting, c.info.delay], [false, false, 0]);
        await tick(300);
        t.eq(code + ": no second dial", rec.opens.length, 1);
        t.eq(code + ": no give-up", rec.giveups.length, 0);
        t.eq(code + ": stop() after the end does nothing", rec.r.stop(), undefined);
      });
    }

    await t.step("a dropped connection (1006) reconnects", async () => {
      const rec = loopRec(api, q("abort=1&key=" + newKey() + "&times=1"), { min: 20, max: 40 });
      await rec.until("a reconnected socket opens", () => rec.closes.length === 1 && rec.opens.some((o) => o.ws !== rec.closes[0].ws && o.at > rec.closes[0].at));
      const c = rec.closes[0];
      t.eq("1006, not clean, not local", [c.event.code, c.event.wasClean, c.event.local], [1006, false, false]);
      t.eq("info: reconnecting, attempt", [c.info.reconnecting, c.info.attempt], [true, 0]);
      rec.r.stop(4000, "bye");
      await tick(100);
      t.eq("the stopped socket is CLOSING or CLOSED", rec.r.socket.readyState >= WebSocket.CLOSING, true);
    });

    await t.step("the page's ws.close() on the loop's socket", async () => {
      const rec = loopRec(api, q(""), { min: 20, max: 40 });
      await rec.until("open", () => rec.opens.length === 1);
      rec.r.socket.close(4000, "page");
      await rec.until("the close", () => rec.closes.length === 1);
      const c = rec.closes[0];
      t.eq("4000 'page', clean, local", [c.event.code, c.event.reason, c.event.wasClean, c.event.local, c.info.local], [4000, "page", true, true, true]);
      t.eq("no reconnect after a local close", c.info.reconnecting, false);
      await tick(200);
      t.eq("no second dial", rec.opens.length, 1);
    });

    await t.step("a refused handshake (403): give up after maxAttempts", async () => {
      const rec = loopRec(api, q("refuse=403"), { min: 100, max: 10000, factor: 2, maxAttempts: 4 });
      await rec.until("ongiveup", () => rec.giveups.length === 1, 15000);
      t.eq("4 attempts, 4 closes", rec.closes.length, 4);
      t.eq("no open", rec.opens.length, 0);
      rec.closes.forEach((c, i) => {
        t.eq("close " + i + ": 1006 not clean", [c.event.code, c.event.wasClean], [1006, false]);
        t.eq("close " + i + ": attempt", c.info.attempt, i);
        t.eq("close " + i + ": reconnecting", c.info.reconnecting, i < 3);
        if (i < 3) {
          const d = 100 * 2 ** i;
          t.ok("close " + i + ": delay in [" + d / 2 + ", " + d + "]", c.info.delay >= d / 2 && c.info.delay <= d, show(c.info.delay));
          const next = rec.closes[i + 1].at - c.at;
          t.ok("close " + i + ": the next close came after the delay", next >= c.info.delay - 2, next.toFixed(1) + " ms");
        }
      });
      t.ok("the delays grow", rec.closes[0].info.delay <= rec.closes[1].info.delay && rec.closes[1].info.delay <= rec.closes[2].info.delay,
        show(rec.closes.map((c) => c.info.delay)));
      t.eq("ongiveup got the last event", rec.giveups[0].event && rec.giveups[0].event.code, 1006);
      // A fifth wait would be Delay(3), at least 400 ms.
      const last = rec.giveups[0].at - rec.closes[3].at;
      t.ok("no wait after the last attempt", last < 300, last.toFixed(1) + " ms");
      t.eq("attempt is 4 at the end", rec.r.attempt, 4);
      await tick(200);
      t.eq("no dial after giving up", rec.closes.length, 4);
    });

    // The engines cannot go offline under WebDriver: navigator.onLine is
    // overridden on the instance and the online event dispatched by hand.
    await t.step("offline, then online", async () => {
      Object.defineProperty(navigator, "onLine", { configurable: true, get: () => false });
      let rec;
      try {
        rec = loopRec(api, q(""), { min: 20, max: 40 });
        t.eq("no socket while offline", rec.r.socket, null);
        await tick(300);
        t.eq("still no socket 300 ms later", rec.r.socket, null);
      } finally {
        delete navigator.onLine;
      }
      const at = performance.now();
      globalThis.dispatchEvent(new Event("online"));
      await rec.until("a dial after the online event", () => rec.opens.length === 1, 5000);
      t.ok("a socket at once after online", rec.r.socket instanceof WebSocket);
      t.ok("opened soon after online", rec.opens[0].at - at < 3000, (rec.opens[0].at - at).toFixed(1) + " ms");
      rec.r.stop();
    });

    await t.step("an online event ends a backoff wait", async () => {
      const rec = loopRec(api, q("close=1012&key=" + newKey() + "&times=1"), { min: 20000, max: 20000 });
      await rec.until("the first close", () => rec.closes.length === 1);
      t.ok("a long wait is coming", rec.closes[0].info.delay >= 10000, show(rec.closes[0].info.delay));
      await tick(50);
      const at = performance.now();
      globalThis.dispatchEvent(new Event("online"));
      await rec.until("a dial after the online event", () => rec.opens.length === 2, 5000);
      t.ok("the wait ended at once", rec.opens[1].at - at < 3000, (rec.opens[1].at - at).toFixed(1) + " ms");
      rec.r.stop();
    });

    await t.step("callbacks that throw", async () => {
      const reports = catchReports();
      try {
        const rec = loopRec(api, q("close=1012&key=" + newKey() + "&times=1"), {
          min: 20, max: 40,
          decide() { throw MARKER; },
        });
        const closes = [];
        let opens2 = 0;
        const r2 = loopRec(api, q("close=4001&key=" + newKey() + "&times=1"), {
          min: 20, max: 40,
          decide(event, local) { return event.code === 4001 && !local ? 1 : 0; },
          onopen() {
            opens2++;
            throw MARKER;
          },
          onclose(event, info) { closes.push(info); throw MARKER; },
        });
        await rec.until("a second open after a throwing decide", () => rec.opens.length === 2);
        t.eq("decide threw: the default rule reconnected after 1012", rec.closes[0].info.reconnecting, true);
        await r2.until("a decide that says 1 (truthy) reconnects", () => closes.length === 1);
        await within(8000, (async () => {
          while (opens2 < 2) {
            await tick(20);
          }
        })(), "the second socket opens");
        t.eq("decide's truthy answer counts", closes[0].reconnecting, true);
        rec.r.stop();
        r2.r.stop();
        await tick(50);
        t.ok("what the callbacks threw was reported", reports.got.length >= 4, show(reports.got.length));
      } finally {
        reports.stop();
      }
    });

    await t.step("stop with refused arguments", async () => {
      const rec = loopRec(api, q(""), { min: 20, max: 40 });
      await rec.until("open", () => rec.opens.length === 1);
      const e = t.throws("stop(1001) throws a DOMException", () => rec.r.stop(1001), DOMException);
      t.eq("InvalidAccessError", e && e.name, "InvalidAccessError");
      await tick(50);
      t.eq("the socket is still OPEN", rec.r.socket.readyState, WebSocket.OPEN);
      const closing = nativeClose(rec.r.socket);
      rec.r.stop(4005, "done");
      const ev = await within(5000, closing, "the close");
      t.eq("stop(4005, 'done') closed with them", [ev.code, ev.reason], [4005, "done"]);
    });

    await t.step("bad arguments", async () => {
      const url = q("");
      t.throws("reconnect() throws TypeError", () => api.reconnect(), TypeError, "argument");
      t.throws("reconnect(url, 5) throws TypeError", () => api.reconnect(url, 5), TypeError, "options");
      for (const [name, v, ctor, want] of [
        ["min", "5", TypeError, "options.min"],
        ["min", -1, RangeError, "options.min"],
        ["max", NaN, RangeError, "options.max"],
        ["stable", 2 ** 40, RangeError, "options.stable"],
        ["factor", "2", TypeError, "options.factor"],
        ["maxAttempts", 1.5, RangeError, "options.maxAttempts"],
        ["decide", true, TypeError, "options.decide"],
        ["onclose", 5, TypeError, "options.onclose"],
        ["onopen", {}, TypeError, "options.onopen"],
        ["ongiveup", "f", TypeError, "options.ongiveup"],
      ]) {
        t.throws("options." + name + " = " + show(v) + " throws " + ctor.name, () => api.reconnect(url, { [name]: v }), ctor, want);
      }
      const e = t.throws("a throwing getter gives a TypeError", () => api.reconnect(url, { get min() { throw MARKER; } }), TypeError, "options.min", "threw");
      t.ok("its cause is the getter's exception", e && e.cause === MARKER);
      const order = [];
      const spy = new Proxy({}, { get(target, key) { order.push(key); return undefined; } });
      const r = api.reconnect(url, spy);
      r.stop();
      t.eq("options are read once, in WebIDL's (alphabetical) order", order,
        ["decide", "factor", "max", "maxAttempts", "min", "onclose", "ongiveup", "onopen", "protocols", "stable"]);
      const bad = t.throws("a bad URL throws the WebSocket constructor's SyntaxError", () => api.reconnect("ftp://x.invalid/"), DOMException);
      t.eq("its name", bad && bad.name, "SyntaxError");
      t.throws("a bad protocol throws the constructor's SyntaxError", () => api.reconnect(url, { protocols: "a b" }), DOMException);
    });

    await t.step("own close(1000) while the server stalls the closing handshake", async () => {
      const { rec, tr, start } = await stalled;
      const ev = await within(90000, tr.closed, "the close event of the stalled, tracked socket");
      t.eq("track: 1006, not clean, local", [ev.code, ev.wasClean, ev.local], [1006, false, true]);
      t.eq("track: shouldReconnect says no", api.shouldReconnect(ev), false);
      await rec.until("the close event of the loop's stalled socket", () => rec.closes.length === 1, 90000);
      const c = rec.closes[0];
      t.eq("reconnect: 1006, not clean, local", [c.event.code, c.event.wasClean, c.event.local, c.info.local], [1006, false, true, true]);
      t.eq("reconnect: no reconnect", c.info.reconnecting, false);
      console.log("stalled closing handshake: " + engine + " reported 1006 after " + ((c.at - start) / 1000).toFixed(1) + " s");
      await tick(100);
      t.eq("no second dial", rec.opens.length, 1);
    });
  }

  async function runSuite(t, api, scenarios) {
    await t.step("api", () => apiSection(t, api));
    await t.step("describe", () => describeSection(t, api));
    await t.step("validateClose", () => validateSection(t, api));
    await t.step("truncateReason", () => truncateSection(t, api));
    await t.step("create", () => createSection(t, api));
    await t.step("decode", () => decodeSection(t, api));
    await t.step("watch", () => watchSection(t, api));
    await t.step("sockets", () => socketSection(t, api, scenarios));
  }

  // load starts the shim and checks the loader's own promises.
  async function load(t) {
    t.section("loader");
    let ready = 0;
    globalThis.addEventListener("closeevent:ready", () => ready++);
    const p = closeeventLoad();
    t.ok("closeeventLoad returns a Promise", p instanceof Promise);
    t.ok("calling it twice returns the same Promise", closeeventLoad() === p);
    const api = await within(20000, p, "closeeventLoad()");
    await tick();
    t.eq("closeevent:ready was dispatched once", ready, 1);
    return api;
  }

  // runWorker is harness-worker.js's entry.
  async function runWorker() {
    const t = new Tally("worker");
    try {
      t.section("scope");
      t.ok("runs in a worker", typeof document === "undefined" && typeof WorkerGlobalScope === "function" && self instanceof WorkerGlobalScope);
      const api = await load(t);
      await runSuite(t, api, workerScenarios());
      await t.step("track", () => trackSection(t, api));
      t.section("reconnect");
      await t.step("1012, then back", () => restartScenario(t, api));
    } catch (e) {
      t.fail("worker", "threw " + describeThrown(e));
    }
    return t.result();
  }

  // ---- the page -------------------------------------------------------------------

  function runWorkerMode(mode) {
    return new Promise((resolve) => {
      const w = new Worker("harness-worker.js?mode=" + mode);
      const timer = setTimeout(() => {
        w.terminate();
        resolve({ mode, crash: "timed out" });
      }, 60000);
      w.addEventListener("message", (e) => {
        clearTimeout(timer);
        w.terminate();
        resolve(e.data);
      });
      w.addEventListener("error", (e) => {
        clearTimeout(timer);
        w.terminate();
        resolve({ mode, crash: "worker error: " + e.message });
      });
    });
  }

  async function loaderFailures(t) {
    t.section("loader failures (in workers)");
    const cases = [
      ["no-go", false, ["wasm_exec.js is not loaded", "make build"]],
      ["missing-wasm", false, ["missing.wasm", "HTTP 404", "make build"]],
      ["mismatch", false, ["different Go releases", "make build"]],
      ["no-streaming", true, []],
    ];
    const results = await Promise.all(cases.map(([mode]) => runWorkerMode(mode)));
    cases.forEach(([mode, ok, mentions], i) => {
      const r = results[i];
      if (r.crash) {
        t.fail(mode, r.crash);
        return;
      }
      const l = r.loader;
      t.eq(mode + ": loads", l.ok, ok);
      if (ok) {
        t.eq(mode + ": the API works", l.describe, "Private");
      } else {
        t.eq(mode + ": rejects with an Error", l.name, "Error");
        for (const m of mentions) {
          t.ok(mode + ": the message mentions " + show(m), String(l.message).includes(m), show(l.message));
        }
      }
    });
  }

  function render(res) {
    closeshimTestkit.render(res, "Engine: " + engine + " (" + navigator.userAgent + ")", [
      ["failures", res.failures.length ? res.failures : ["none"]],
      ["deviations", res.deviations.length ? res.deviations : ["none"]],
      ["checks", res.checks],
    ]);
  }

  async function runPage() {
    const t = new Tally("page");
    try {
      const api = await load(t);
      await runSuite(t, api, socketScenarios());
      await t.step("track", () => trackSection(t, api));
      await t.step("shouldReconnect", () => shouldReconnectSection(t, api));
      await t.step("reconnect", () => reconnectSection(t, api));
      t.section("worker");
      const w = await runWorkerMode("suite");
      if (w.crash) {
        t.fail("the worker suite", w.crash);
      } else {
        t.merge(w.result);
      }
      await loaderFailures(t);
    } catch (e) {
      t.fail("harness", "threw " + describeThrown(e) + (e && e.stack ? "\n" + e.stack : ""));
    }
    const res = t.result();
    render(res);
    for (const d of res.deviations) {
      console.log("deviation: " + d);
    }
    console.log(res.passed + " passed, " + res.failed + " failed");
    const { checks, ...rest } = res;
    globalThis.harnessResult = rest;
  }

  if (inWindow) {
    runPage();
  }

  return { runWorker, detectEngine };
})();
