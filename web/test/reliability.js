// reliability.js: closeshim's JS API under load, hostile values and hostile
// markup, in the browser, against the real shim (wasm_exec.js,
// closeevent.js, main.wasm) and real WebSockets to this server's /ws.
//
// Four sections, each a group of checks:
//
//   burst    `burst` sockets (200) open at once, each closed with its own
//            code in 3000..4999 and a reason naming it, half by the server
//            (/ws?close=CODE&reason=R&wait=1, told to close by one message
//            once every socket is open) and half by the client
//            (ws.close(CODE, R) on the echo endpoint). closeevent.watch must
//            deliver every close exactly once, with the exact code, reason
//            and wasClean, equal to what JavaScript itself read from the
//            event.
//   limit    with the engine's socketLimit sockets open (`row`, below),
//            one more: it must fire what the row's pastLimit says (an
//            error and 1006, or an error and no close event at all), and
//            watch must deliver exactly the close the engine fired, or
//            none; then the held sockets close and a new one works.
//   waves    the same as burst for `n` sockets (1,000) in waves of at most
//            `wave` (200, at most the engine's limit), each wave waiting
//            for every close of the one before.
//   reconnect  `clients` (200, fewer where the engine holds fewer) keep a
//            socket going with closeevent.reconnect while the server
//            restarts under them (/_fault/listen and /_fault/restart, when
//            the server has its fault endpoints): every client must be back
//            within the engine's own bound (its row's redialDelayMaxMs where
//            the engine makes a dial wait after failed connections), not in
//            lockstep; the spread of the reconnect times is a figure.
//   hostile  `values` (20,000) JavaScript values from a seeded generator fed
//            to closeevent.decode: primitives of every type (BigInt and
//            Symbol too), getters and Proxy traps that throw, revoked
//            Proxies, frozen and null-prototype objects, huge strings, lone
//            surrogates, numbers at every edge, objects whose conversions
//            throw, getters that answer differently on each read. Each call
//            must return a plain object whose fields JavaScript's own
//            reading of the value confirms, or throw the shim's TypeError;
//            afterwards the shim must still answer.
//   markup   a close reason <img src=x onerror="globalThis.pwned=1"> from
//            the server, rendered with textContent: no element, no script.
//
// Query parameters (a soak run asks for more): row (the engine's row of
// internal/testing/enginetable as JSON; burst defaults to its socketLimit),
// n, burst, wave, values,
// seed (of the generator; random when absent, and always reported), from
// (the index of the first value, so that ?seed=S&from=I&values=1 replays
// value I of seed S) and only (a comma-separated subset of the sections).
//
// The page sets globalThis.harnessResult = {passed, failed, failures,
// deviations, groups, figures, seed} when done, the shape harness.js uses
// (internal/testing/engine.Result reads the first five); figures are sentences
// giving what was measured: sockets held, waves, milliseconds, values tried.
"use strict";

(() => {
  const { wsURL, within } = closeshimTestkit; // web/testkit.js
  // ---- parameters -------------------------------------------------------

  const SECTIONS = ["burst", "limit", "waves", "reconnect", "hostile", "markup"];
  const query = new URL(globalThis.location.href).searchParams;
  const paramErrors = [];

  // intParam reads a whole-number parameter in lo..hi, or returns def.
  function intParam(name, def, lo, hi) {
    const raw = query.get(name);
    if (raw === null) {
      return def;
    }
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isInteger(n) || n < lo || n > hi) {
      paramErrors.push("?" + name + "=" + JSON.stringify(raw) + " is not a whole number in " + lo + ".." + hi);
      return def;
    }
    return n;
  }

  // row is this engine's row of internal/testing/enginetable, as JSON
  // (Row.JSON), which the harness passes in ?row=: its socket limit, what
  // the socket past it fires, whether a closed socket's place frees late.
  // Opened by hand, without it, the page holds at most 200 sockets and
  // skips the limit section.
  let row = null;
  if (query.get("row") !== null) {
    try {
      row = JSON.parse(query.get("row"));
      if (!Number.isInteger(row.socketLimit) || row.socketLimit < 2 || typeof row.pastLimit !== "string") {
        throw new Error("no whole socketLimit above 1 and pastLimit string");
      }
    } catch (e) {
      paramErrors.push("?row= is not an engine row of internal/testing/enginetable: " + e.message);
      row = null;
    }
  }
  const LIMIT = row ? row.socketLimit : 200;
  const params = {
    burst: intParam("burst", LIMIT, 1, LIMIT),
    n: intParam("n", 1000, 0, 1e7),
    wave: intParam("wave", Math.min(200, LIMIT), 1, LIMIT),
    values: intParam("values", 20000, 0, 1e9),
    clients: intParam("clients", Math.min(200, LIMIT - (row && row.slotsFreedLate ? 9 : 0)), 1, LIMIT),
    seed: intParam("seed", (Math.random() * 0xFFFFFFFF) >>> 0 || 1, 0, 0xFFFFFFFF),
    from: intParam("from", 0, 0, 1e9),
  };
  const only = query.get("only");
  const sections = only === null ? SECTIONS : only.split(",").map((s) => s.trim()).filter(Boolean);
  for (const s of sections) {
    if (!SECTIONS.includes(s)) {
      paramErrors.push("?only= names an unknown section " + JSON.stringify(s) + "; the sections are " + SECTIONS.join(", "));
    }
  }

  // Bounds on waiting. Chromium puts off each new socket the more others
  // to the same host are CONNECTING: measured here, a wave of 20 sockets
  // and a wave of 200 both take about 5 s to open, and their closes a
  // fraction of a second. The bounds are generous for a busy 2-core
  // machine but keep a lost event from hanging the run.
  const OPEN_TIMEOUT_MS = 60000;
  const CLOSE_TIMEOUT_MS = 30000;
  // How long to wait after the last expected close for a duplicate.
  const DUPLICATE_GRACE_MS = 200;
  // A single decode call slower than this counts as a hang.
  const HANG_MS = 5000;

  // ---- the tally ------------------------------------------------------

  const MAX_FAILURES_KEPT = 100;

  function show(v) {
    try {
      if (typeof v === "string") {
        return JSON.stringify(v.length > 60 ? v.slice(0, 60) + "…(" + v.length + " chars)" : v);
      }
      if (typeof v === "number") {
        return Object.is(v, -0) ? "-0" : String(v);
      }
      if (typeof v === "bigint") {
        return v + "n";
      }
      if (typeof v === "symbol") {
        return v.toString();
      }
      if (v === null || v === undefined || typeof v === "boolean") {
        return String(v);
      }
      const s = JSON.stringify(v);
      return s === undefined ? typeof v : (s.length > 300 ? s.slice(0, 300) + "…" : s);
    } catch (e) {
      return typeof v;
    }
  }

  // stackOf returns the lines of e's stack below its message, if any.
  function stackOf(e) {
    try {
      const lines = String(e.stack || "").split("\n");
      if (lines[0] === e.name + ": " + e.message) {
        lines.shift();
      }
      return lines.length && lines.join("") ? "\n" + lines.join("\n") : "";
    } catch (x) {
      return "";
    }
  }

  // clip shortens a message for a failure report.
  const clip = (s) => (s.length > 400 ? s.slice(0, 400) + "…(" + s.length + " chars)" : s);

  function describeThrown(e) {
    try {
      if (e instanceof Error || e instanceof DOMException) {
        return e.name + ": " + clip(String(e.message));
      }
    } catch (x) {
      // a Proxy or revoked Proxy thrown as an exception
    }
    return typeof e + " " + show(e);
  }

  const tally = {
    passed: 0,
    failed: 0,
    failures: [],
    groups: {},
    figures: [],
    group: "setup",
    pass() {
      this.passed++;
      this.groups[this.group] = (this.groups[this.group] || 0) + 1;
    },
    fail(what, detail) {
      this.failed++;
      const msg = this.group + ": " + what + ": " + detail;
      if (this.failures.length < MAX_FAILURES_KEPT) {
        this.failures.push(msg);
      } else if (this.failures.length === MAX_FAILURES_KEPT) {
        this.failures.push("(further failures are counted, not listed)");
      }
      console.error("FAIL " + msg);
    },
    ok(what, cond, detail) {
      if (cond) {
        this.pass();
      } else {
        this.fail(what, detail || "not true");
      }
      return cond;
    },
    eq(what, got, want) {
      return this.ok(what, Object.is(got, want), "got " + show(got) + ", want " + show(want));
    },
    figure(text) {
      this.figures.push(this.group + ": " + text);
      console.log("figure: " + this.group + ": " + text);
    },
  };

  // ---- helpers --------------------------------------------------------



  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // A task boundary without setTimeout's clamping, to let events and the
  // driver's polls in during long loops.
  function yieldTask() {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    });
  }

  // usv is s as a USVString: lone surrogates become U+FFFD. It is also what
  // a string becomes on its way into Go (wasm_exec.js encodes with
  // TextEncoder).
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const usv = (s) => decoder.decode(encoder.encode(s));

  const EVENT_FIELDS = ["type", "code", "reason", "wasClean", "isTrusted", "timeStamp", "bubbles", "cancelable", "composed"];
  const CODE_FIELDS = ["name", "legacyName", "description", "range", "registered", "sendable", "validOnWire", "retryable"];
  const DECODE_KEYS = EVENT_FIELDS.concat(CODE_FIELDS, ["abnormal"]);

  // jsReads is what JavaScript itself reads from a close event.
  function jsReads(e) {
    const out = {};
    for (const f of EVENT_FIELDS) {
      out[f] = e[f];
    }
    return out;
  }

  // describeOf caches describe(code): its answer is a pure function of code.
  function describer(api) {
    const cache = new Map();
    return (code) => {
      let d = cache.get(code);
      if (d === undefined) {
        d = api.describe(code);
        cache.set(code, d);
      }
      return d;
    };
  }

  // shapeProblem says what is wrong with a decoded object apart from its
  // event fields ("" if nothing): a plain object, DECODE_KEYS in order, own
  // data properties, code fields as describe gives them, abnormal right.
  function shapeProblem(d, describe) {
    if (d === null || typeof d !== "object") {
      return "not an object: " + show(d);
    }
    if (Object.getPrototypeOf(d) !== Object.prototype) {
      return "its prototype is not Object.prototype";
    }
    const keys = Object.keys(d);
    if (keys.join() !== DECODE_KEYS.join()) {
      return "keys " + show(keys) + ", want " + show(DECODE_KEYS);
    }
    for (const k of keys) {
      const desc = Object.getOwnPropertyDescriptor(d, k);
      if (!("value" in desc)) {
        return k + " is an accessor, not a data property";
      }
    }
    const want = describe(d.code);
    for (const f of CODE_FIELDS) {
      if (!Object.is(d[f], want[f])) {
        return f + " is " + show(d[f]) + ", describe(" + d.code + ") says " + show(want[f]);
      }
    }
    if (d.abnormal !== (!d.wasClean || d.code === 1006)) {
      return "abnormal is " + show(d.abnormal) + " with wasClean " + d.wasClean + " and code " + d.code;
    }
    return "";
  }

  // ---- load: burst and waves ------------------------------------------

  // loadCode gives socket g its own code in 3000..4999 (within a run of up
  // to 2,000 sockets; beyond, codes repeat but reasons never do).
  const loadCode = (g) => 3000 + (g % 2000);

  // loadReason names socket g and who closes it. The check mark makes it
  // multi-byte UTF-8, which must survive the wire and both crossings
  // between JavaScript's UTF-16 and Go's UTF-8.
  const loadReason = (g, byClient) => "socket #" + g + " closed by the " + (byClient ? "client" : "server") + " \u2713";

  // runWave opens n sockets, numbered first.., all at once; once every one
  // is open it closes the even ones from the server and the odd ones from
  // the client, and checks each close as watch delivered it and as
  // JavaScript read it. It returns what it measured, or throws when the
  // wave cannot complete (the caller stops there).
  async function runWave(api, describe, first, n) {
    const t0 = performance.now();
    const sockets = [];
    let opened = 0;
    let endedEarly = 0; // closed before ever opening
    let live = 0;
    let peak = 0;
    let complete = 0; // sockets with both a watched and a JavaScript close
    let wakeOpen;
    let wakeClosed;
    const allOpen = new Promise((resolve) => { wakeOpen = resolve; });
    const allClosed = new Promise((resolve) => { wakeClosed = resolve; });
    const settle = (s) => {
      if (!s.done && s.watched.length > 0 && s.seen.length > 0) {
        s.done = true;
        if (++complete === n) {
          wakeClosed();
        }
      }
    };

    for (let i = 0; i < n; i++) {
      const g = first + i;
      const byClient = g % 2 === 1;
      const s = {
        g, byClient, code: loadCode(g), reason: loadReason(g, byClient),
        open: false, errors: 0, seen: [], watched: [], done: false, ws: null, unwatch: null,
      };
      const search = byClient ? "" : new URLSearchParams({ close: s.code, reason: s.reason, wait: "1" });
      s.ws = new WebSocket(wsURL(search));
      s.ws.addEventListener("open", () => {
        s.open = true;
        opened++;
        live++;
        peak = Math.max(peak, live);
        if (opened + endedEarly === n) {
          wakeOpen();
        }
      });
      s.ws.addEventListener("error", () => { s.errors++; });
      s.ws.addEventListener("close", (e) => {
        s.seen.push(jsReads(e));
        if (s.open) {
          live--;
        } else if (s.seen.length === 1) {
          endedEarly++;
          if (opened + endedEarly === n) {
            wakeOpen();
          }
        }
        settle(s);
      });
      s.unwatch = api.watch(s.ws, (d) => {
        s.watched.push(d);
        settle(s);
      });
      sockets.push(s);
    }

    const fig = { sockets: n, byServer: 0, byClient: 0, peak: 0, openMs: 0, closeMs: 0 };
    try {
      try {
        await within(OPEN_TIMEOUT_MS, allOpen, "sockets " + first + ".." + (first + n - 1) + " to open");
      } catch (e) {
        throw new Error(e.message + " (" + opened + " of " + n + " open, " + endedEarly + " closed before opening)");
      }
      fig.openMs = performance.now() - t0;
      if (endedEarly > 0) {
        const bad = sockets.filter((s) => !s.open).slice(0, 5).map((s) => "#" + s.g + ": " + show(s.seen[0]));
        throw new Error(endedEarly + " of " + n + " sockets closed before opening, such as " + bad.join("; "));
      }
      fig.peak = peak;
      tally.eq("sockets " + first + ".." + (first + n - 1) + " all open at once", peak, n);

      const t1 = performance.now();
      for (const s of sockets) {
        if (s.byClient) {
          fig.byClient++;
          s.ws.close(s.code, s.reason);
        } else {
          fig.byServer++;
          s.ws.send("close now");
        }
      }
      try {
        await within(CLOSE_TIMEOUT_MS, allClosed, "the closes of sockets " + first + ".." + (first + n - 1));
      } catch (e) {
        const missing = sockets.filter((s) => !s.done);
        throw new Error(e.message + " (" + missing.length + " missing, such as " +
          missing.slice(0, 5).map((s) => "#" + s.g + " watched " + s.watched.length + " JavaScript " + s.seen.length).join(", ") + ")");
      }
      fig.closeMs = performance.now() - t1;
      // A duplicate would come right behind the last close.
      await sleep(DUPLICATE_GRACE_MS);

      for (const s of sockets) {
        const who = "socket #" + s.g + " (closed by the " + (s.byClient ? "client" : "server") + ")";
        const once = tally.eq(who + ": watch calls", s.watched.length, 1);
        if (!tally.eq(who + ": JavaScript close events", s.seen.length, 1) || !once) {
          continue;
        }
        const d = s.watched[0];
        const js = s.seen[0];
        tally.ok(who + ": code, reason, wasClean, type, isTrusted as sent",
          d.code === s.code && d.reason === s.reason && d.wasClean === true && d.type === "close" && d.isTrusted === true,
          "got " + show({ code: d.code, reason: d.reason, wasClean: d.wasClean, type: d.type, isTrusted: d.isTrusted }) +
          ", want " + show({ code: s.code, reason: s.reason, wasClean: true, type: "close", isTrusted: true }));
        const differ = EVENT_FIELDS.filter((f) => !Object.is(d[f], js[f]));
        tally.ok(who + ": watch delivered what JavaScript read", differ.length === 0,
          differ.map((f) => f + ": watch " + show(d[f]) + ", JavaScript " + show(js[f])).join("; "));
        const bad = shapeProblem(d, describe);
        tally.ok(who + ": a plain object with the code's description", bad === "", bad);
        tally.eq(who + ": error events", s.errors, 0);
      }
      fig.peak = peak;
      return fig;
    } finally {
      for (const s of sockets) {
        s.unwatch();
        if (s.ws.readyState === WebSocket.CONNECTING || s.ws.readyState === WebSocket.OPEN) {
          s.ws.close();
        }
      }
      // On failure, let the sockets closed above finish before the caller
      // goes on, so that a broken wave does not crowd the next section.
      await within(CLOSE_TIMEOUT_MS, Promise.all(sockets.map((s) => s.ws.readyState === WebSocket.CLOSED ? null :
        new Promise((resolve) => s.ws.addEventListener("close", resolve)))), "the last sockets to close").catch(() => {});
    }
  }

  const ms = (x) => Math.round(x) + " ms";

  async function burstSection(api) {
    tally.group = "burst";
    const describe = describer(api);
    const t0 = performance.now();
    const fig = await runWave(api, describe, 0, params.burst);
    const total = performance.now() - t0;
    tally.figure(fig.sockets + " sockets open at once (peak " + fig.peak + "), " + fig.byServer + " closed by the server and " +
      fig.byClient + " by the client: all open after " + ms(fig.openMs) + ", every close watched " + ms(fig.closeMs) +
      " later; " + ms(total) + " in all; each close seen once, exactly as sent");
  }

  // Where the engine frees a closed socket's place late (row
  // slotsFreedLate), a full wave waits a little after the last one.
  const betweenWaves = () => (row && row.slotsFreedLate ? sleep(5000) : Promise.resolve());

  // limitSection holds row.socketLimit sockets open, opens one more and
  // checks that it fires row.pastLimit and that watch reports exactly
  // that: the close the engine fired, or nothing when it fired none.
  async function limitSection(api) {
    tally.group = "limit";
    if (!row) {
      tally.figure("skipped: no engine row in ?row= (the harness passes it)");
      return;
    }
    await betweenWaves();
    const held = [];
    let opened = 0;
    let wake;
    const allOpen = new Promise((resolve) => { wake = resolve; });
    for (let i = 0; i < row.socketLimit; i++) {
      const ws = new WebSocket(wsURL(""));
      ws.addEventListener("open", () => { if (++opened === row.socketLimit) { wake(); } });
      held.push(ws);
    }
    try {
      await within(OPEN_TIMEOUT_MS, allOpen, row.socketLimit + " sockets to open").catch((e) => {
        throw new Error(e.message + " (" + opened + " open)");
      });
      tally.eq(row.socketLimit + " sockets (the engine's socketLimit) all open", opened, row.socketLimit);
      const events = [];
      const seen = [];
      const watched = [];
      const t0 = performance.now();
      const extra = new WebSocket(wsURL(new URLSearchParams({ close: "4000", reason: "past the limit" })));
      extra.addEventListener("open", () => events.push("open"));
      extra.addEventListener("error", () => events.push("error"));
      extra.addEventListener("close", (e) => { events.push("close"); seen.push(jsReads(e)); });
      const unwatch = api.watch(extra, (d) => watched.push(d));
      // Settled: the row's events, or a close, or an open (both wrong
      // where the row says otherwise), or time out.
      const start = performance.now();
      while (performance.now() - start < OPEN_TIMEOUT_MS && events.join(",") !== row.pastLimit &&
        !events.includes("close") && !events.includes("open")) {
        await sleep(10);
      }
      const settledMs = performance.now() - t0;
      await sleep(2000); // room for a late close, or a second one
      unwatch();
      const got = events.join(",");
      tally.ok("socket " + (row.socketLimit + 1) + " fires the row's pastLimit", got === row.pastLimit,
        row.engine + " (table row measured in " + row.measured + ") no longer matches internal/testing/enginetable: pastLimit is " +
        show(row.pastLimit) + " in the table, the engine fired " + show(got));
      tally.eq("watch calls for the socket past the limit: one per close event the engine fired", watched.length, seen.length);
      if (seen.length === 1 && watched.length === 1) {
        const d = watched[0];
        const differ = EVENT_FIELDS.filter((f) => !Object.is(d[f], seen[0][f]));
        tally.ok("watch delivered what JavaScript read", differ.length === 0,
          differ.map((f) => f + ": watch " + show(d[f]) + ", JavaScript " + show(seen[0][f])).join("; "));
        tally.ok("the close past the limit is 1006, not clean", d.code === 1006 && d.wasClean === false,
          "got " + show({ code: d.code, wasClean: d.wasClean }));
      }
      tally.figure(row.engine + ": " + row.socketLimit + " sockets open; socket " + (row.socketLimit + 1) + " fired " +
        show(got || "no event") + " within " + ms(settledMs) + " (readyState " + extra.readyState + "), watch reported " +
        watched.length + " close" + (watched.length === 1 ? " " + watched[0].code : "s"));
    } finally {
      let closed = 0;
      const allClosed = Promise.all(held.map((ws) => ws.readyState === WebSocket.CLOSED ? null :
        new Promise((resolve) => ws.addEventListener("close", () => { closed++; resolve(); }))));
      for (const ws of held) {
        if (ws.readyState !== WebSocket.CLOSED) {
          ws.close();
        }
      }
      await within(CLOSE_TIMEOUT_MS, allClosed, "the held sockets to close").catch((e) => tally.fail("limit", e.message + " (" + closed + " closed)"));
    }
    await betweenWaves();
  }

  // postFault POSTs to a fault endpoint of this page's server and returns
  // the answer's text, or throws naming the status.
  async function postFault(target) {
    const r = await fetch(target, { method: "POST" });
    const body = (await r.text()).trim();
    if (r.status !== 200) {
      throw new Error("POST " + target + ": " + r.status + " " + body);
    }
    return body;
  }

  // reconnectSection: params.clients clients of closeevent.reconnect on a
  // listener of their own, which the server restarts under them.
  async function reconnectSection(api) {
    tally.group = "reconnect";
    if (!row) {
      tally.figure("skipped: no engine row in ?row= (the harness passes it)");
      return;
    }
    let base;
    try {
      base = await postFault("/_fault/listen");
    } catch (e) {
      tally.figure("skipped: the server has no fault endpoints (" + e.message + ")");
      return;
    }
    const port = new URL(base).port;
    const url = "ws" + base.slice(4) + "/ws";
    const MIN = 1000, MAX = 4000, STABLE = 1000, DOWN = 500;
    const opens = [];
    const clients = [];
    for (let i = 0; i < params.clients; i++) {
      opens.push([]);
      clients.push(api.reconnect(url, { min: MIN, max: MAX, stable: STABLE, onopen: () => opens[i].push(performance.now()) }));
    }
    const backAfter = (t) => opens.filter((o) => o.length > 0 && o[o.length - 1] > t).length;
    try {
      const t0 = performance.now();
      while (backAfter(-1) < params.clients && performance.now() - t0 < row.waveOpenMs) {
        await sleep(20);
      }
      if (!tally.eq(params.clients + " clients connected", backAfter(-1), params.clients)) {
        return;
      }
      await sleep(STABLE + 200);
      const start = performance.now();
      const answer = await postFault("/_fault/restart?port=" + port + "&down=" + DOWN);
      const bound = row.waveOpenMs + DOWN + 3 * MAX + (row.redialDelayMaxMs || 0);
      while (backAfter(start) < params.clients && performance.now() - start < bound) {
        await sleep(20);
      }
      const times = opens.map((o) => o.find((at) => at > start)).filter((x) => x !== undefined).map((x) => x - start).sort((a, b) => a - b);
      const pct = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : -1);
      tally.ok("every client back after the restart, within " + row.engine + "'s bound of " + ms(bound), times.length === params.clients,
        times.length + " of " + params.clients + " back");
      tally.ok("the clients did not come back in lockstep", pct(0.9) - pct(0.1) >= MIN / 10,
        "the middle 80% came back within " + ms(pct(0.9) - pct(0.1)));
      tally.figure(row.engine + ": " + params.clients + " clients of reconnect, the server restarted under them (" + answer +
        ", the port down " + ms(DOWN) + "): " + times.length + " back; reconnect times after the restart began: min " + ms(pct(0)) +
        ", p10 " + ms(pct(0.1)) + ", median " + ms(pct(0.5)) + ", p90 " + ms(pct(0.9)) + ", max " + ms(pct(1)));
    } finally {
      for (const c of clients) {
        c.stop(1000, "done");
      }
      await sleep(500);
      await betweenWaves();
    }
  }

  async function wavesSection(api) {
    tally.group = "waves";
    const describe = describer(api);
    const t0 = performance.now();
    let held = 0;
    let waves = 0;
    let peak = 0;
    let openMs = 0;
    let closeMs = 0;
    for (let first = 0; first < params.n; first += params.wave) {
      const before = tally.failed;
      const fig = await runWave(api, describe, first, Math.min(params.wave, params.n - first));
      waves++;
      held += fig.sockets;
      peak = Math.max(peak, fig.peak);
      openMs = Math.max(openMs, fig.openMs);
      closeMs = Math.max(closeMs, fig.closeMs);
      if (tally.failed > before) {
        tally.fail("waves", "wave " + waves + " failed; stopping after " + held + " sockets");
        break;
      }
    }
    const total = performance.now() - t0;
    tally.figure(held + " sockets in " + waves + " waves of at most " + params.wave + " (at most " + peak + " open at once): " +
      "every close watched once, exactly as sent, in " + ms(total) + " (" + (held ? (total / held).toFixed(2) : "0") +
      " ms a socket; slowest wave open after " + ms(openMs) + ", its closes " + ms(closeMs) + ")");
  }

  // ---- hostile values --------------------------------------------------

  // rng is a small seeded generator (SplitMix32): deterministic for a
  // seed, so that a failing value can be replayed by its seed and index.
  function rng(state) {
    let s = state | 0;
    return () => {
      s = (s + 0x9E3779B9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21F0AAAD);
      z = Math.imul(z ^ (z >>> 15), 0x735A2D97);
      return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
    };
  }

  // What each field of a close event may hold for decode to accept it
  // (closeevent.FromJS's documentation): code, reason and wasClean are
  // required; the Event attributes may be undefined, which decode reads as
  // the zero value.
  const FIELD_TYPE = {
    type: "string", code: "number", reason: "string", wasClean: "boolean", isTrusted: "boolean",
    timeStamp: "number", bubbles: "boolean", cancelable: "boolean", composed: "boolean",
  };
  const REQUIRED = new Set(["code", "reason", "wasClean"]);
  const ZERO = {
    type: "", code: 0, reason: "", wasClean: false, isTrusted: false, timeStamp: 0,
    bubbles: false, cancelable: false, composed: false,
  };
  const acceptable = (f, x) => (x === undefined && !REQUIRED.has(f)) ||
    (typeof x === FIELD_TYPE[f] && (f !== "code" || (Number.isInteger(x) && x >= 0 && x <= 65535)));

  // matches reports whether decode's got is right for field f holding x
  // (an acceptable value): strings as USVStrings, undefined as the zero
  // value, numbers as they are, NaN included, except that -0 comes back as
  // 0: wasm_exec.js stores -0 as its shared value for 0 (its table of
  // values compares with SameValueZero), so Go never sees a -0. No real
  // event has one: a code is an unsigned short, a timeStamp is not
  // negative.
  function matches(f, x, got) {
    if (x === undefined) {
      return Object.is(got, ZERO[f]);
    }
    if (typeof x === "string") {
      return got === usv(x);
    }
    if (x === 0) {
      return Object.is(got, 0);
    }
    return Object.is(got, x);
  }

  const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, -0.5, 999, 999.9999999999999, 1000, 1000.5, 1004, 1005, 1006, 1015, 1016,
    2999, 3000, 3999, 4000, 4999, 4999.5, 4999.999999999999, 5000, 65534, 65535, 65535.00000000001, 65535.5, 65536,
    -65535, -65536, 2 ** 16 + 1000, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1000,
    2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 64, 1e21, 1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE,
    Number.MIN_VALUE, -Number.MIN_VALUE, Number.EPSILON, 1 + Number.EPSILON, 0.1 + 0.2, 1e-7, NaN, Infinity, -Infinity];

  // breaksGetInvariant reports whether a Proxy get trap that returns x for
  // key k of target makes the read throw a TypeError: ECMAScript, "[[Get]]
  // (P, Receiver)" of Proxy exotic objects, the invariants on a
  // non-configurable own property of the target.
  function breaksGetInvariant(target, k, x) {
    const d = Object.getOwnPropertyDescriptor(target, k);
    if (d === undefined || d.configurable) {
      return false;
    }
    if ("value" in d) {
      return !d.writable && !Object.is(x, d.value);
    }
    return d.get === undefined && x !== undefined;
  }

  // A Gen builds one value from (seed, index). Every accessor it plants
  // that may answer differently from one read to the next records its
  // answers (or that it threw) in log, by field, so that the verdict can
  // tell what decode itself saw.
  class Gen {
    constructor(seed, index) {
      this.r = rng((seed ^ Math.imul(index + 1, 0x85EBCA6B)) >>> 0 ^ Math.imul(index, 0x27D4EB2F));
      this.r();
      this.log = new Map();
      this.volatile = new Set(); // fields with an accessor that may change its answer
      this.volatileAll = false;  // a Proxy that may change any answer
      this.labels = [];
      this.protos = new WeakMap();
      this.top = undefined;
    }
    int(n) { return Math.floor(this.r() * n); }
    chance(p) { return this.r() < p; }
    pick(a) { return a[this.int(a.length)]; }
    note(s) {
      if (this.labels.length < 24) {
        this.labels.push(s);
      }
    }
    // record logs an answer to a read of field f through receiver: only
    // reads of the generated value itself count, not those of a value
    // nested in it (gen.top is set once the value is built).
    record(f, receiver, entry) {
      if (receiver === this.top && typeof f === "string" && Object.hasOwn(FIELD_TYPE, f)) {
        let l = this.log.get(f);
        if (l === undefined) {
          l = [];
          this.log.set(f, l);
        }
        l.push(entry);
      }
    }

    hugeString() {
      return this.chance(0.03) ? "h".repeat(1 << 22) + "\uD800" : "y".repeat(65536 + this.int(8192));
    }
    string() {
      switch (this.int(16)) {
        case 0: return "";
        case 1: return "close";
        case 2: return "\uD800";
        case 3: return "a\uDC00b";
        case 4: return "\uD83D\uDE00\uD83D";
        case 5: return "\uDFFF\uD800";
        case 6: return "\u0000nul\u0000";
        case 7: return "\u00e9\u{1F600}\u20ac\uFFFD\uFEFF\uFFFE\uFFFF";
        case 8: return "x".repeat(this.int(300));
        case 9: return this.chance(0.2) ? this.hugeString() : "z".repeat(123 + this.int(3));
        case 10: {
          let s = "";
          for (let k = this.int(64); k > 0; k--) {
            s += String.fromCharCode(this.int(0x10000));
          }
          return s;
        }
        case 11: return "<img src=x onerror=\"globalThis.pwned=1\">";
        case 12: return "\u2028\u2029\r\n\t\u200B\u202E";
        case 13: return "__proto__";
        case 14: return "\\\"}{,:[]";
        default: return String(this.int(70000));
      }
    }
    number() {
      return this.chance(0.7) ? this.pick(EDGE_NUMBERS) :
        this.pick([this.int(65536), (this.r() - 0.5) * 2 ** this.int(1030), this.r() * 70000, -this.int(65536)]);
    }
    bigint() { return this.pick([0n, 1000n, -1n, 65535n, 2n ** 64n, -(2n ** 70n)]); }
    symbol() { return this.pick([Symbol(), Symbol("code"), Symbol.iterator, Symbol.for("close"), Symbol.toPrimitive]); }
    revoked() {
      const p = Proxy.revocable({ type: "close", code: 1000, reason: "", wasClean: true }, {});
      p.revoke();
      return p.proxy;
    }
    // allTrapsThrow wraps target in a Proxy whose every trap throws.
    allTrapsThrow(target) {
      const h = {};
      for (const trap of ["get", "set", "has", "deleteProperty", "ownKeys", "getOwnPropertyDescriptor", "defineProperty",
        "getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions", "apply", "construct"]) {
        h[trap] = (_t, key, receiver) => {
          if (trap === "get") {
            this.record(key, receiver, { threw: true });
          }
          throw new Error("trap " + trap);
        };
      }
      return new Proxy(target, h);
    }
    conversionsThrow() {
      const boom = () => { throw new Error("conversion"); };
      return { toString: boom, valueOf: boom, toJSON: boom, [Symbol.toPrimitive]: boom };
    }
    // thrown is what a hostile getter or trap throws.
    thrown() {
      switch (this.int(13)) {
        case 0: return new Error("boom");
        case 1: return new TypeError("closeevent.decode: a page's own TypeError");
        case 2: return new DOMException("dom boom", "InvalidStateError");
        case 3: return "a thrown string";
        case 4: return 42;
        case 5: return Symbol("thrown");
        case 6: return 7n;
        case 7: return null;
        case 8: return undefined;
        case 9: return this.conversionsThrow();
        case 10: return this.revoked();
        case 11: return this.allTrapsThrow({});
        default: return this.hugeString();
      }
    }
    anyValue(depth) {
      switch (this.int(depth > 0 ? 17 : 16)) {
        case 0: return undefined;
        case 1: return null;
        case 2: return this.chance(0.5);
        case 3: case 4: return this.number();
        case 5: case 6: return this.string();
        case 7: return this.symbol();
        case 8: return this.bigint();
        case 9: return this.conversionsThrow();
        case 10: return this.revoked();
        case 11: return this.allTrapsThrow({});
        case 12: return this.pick([() => 1000, function code() {}, class Close {}, async () => {}, Math.max.bind(null, 1), function* gen() {}]);
        case 13: return this.pick([Object(1000), Object("close"), Object(true), Object(1n), Object(Symbol("boxed"))]);
        case 14: return this.pick([[1000, "", true], new Date(NaN), /x/g, new Map(), Promise.resolve(1), new Uint8Array(3), new WeakRef({})]);
        case 15: return Object.freeze(Object.create(null));
        default: return this.eventish(depth - 1);
      }
    }
    validValue(f) {
      switch (f) {
        case "code": return this.pick([0, -0, 1000, 1005, 1006, 1015, 3000, 4999, 65535, this.int(65536), this.int(65536)]);
        case "timeStamp": return this.number(); // any number is a timeStamp
        case "type": case "reason": return this.string();
        default: return this.chance(0.5);
      }
    }
    // nearMiss is a value just outside what field f accepts.
    nearMiss(f) {
      switch (f) {
        case "code": return this.pick([65536, -1, -0.5, 0.5, 1000.5, 65535.5, 65535.00000000001, 4999.999999999999, NaN, Infinity,
          -Infinity, 2 ** 32 + 1000, "1000", 1000n, Object(1000), null, true, [1000], undefined, { valueOf: () => 1000 }]);
        case "timeStamp": return this.pick(["0", 0n, Object(1), null, false, Symbol("t"), [0]]);
        case "type": case "reason": return this.pick([Object("close"), 1000, null, Symbol("s"), ["close"],
          { toString: () => "close" }, 0n, f === "reason" ? undefined : false]);
        default: return this.pick([0, 1, "true", "", Object(true), null, 1n, Symbol("b"), f === "wasClean" ? undefined : "false"]);
      }
    }
    // changing returns a getter for f that cycles through answers, some
    // valid, some not, one a throw, logging each.
    changing(f) {
      const THROW = {};
      const answers = [this.validValue(f), this.anyValue(0), this.validValue(f), THROW, this.nearMiss(f)];
      const err = this.thrown();
      let n = this.int(answers.length);
      this.volatile.add(f);
      const gen = this;
      return function changingGetter() {
        const a = answers[n++ % answers.length];
        if (a === THROW) {
          gen.record(f, this, { threw: true });
          throw err;
        }
        gen.record(f, this, { threw: false, value: a });
        return a;
      };
    }
    // define puts field f on o in one of the ways JavaScript allows (or
    // leaves it absent): on o itself or on a prototype of o's own.
    define(o, f, mode, depth) {
      let desc;
      switch (mode) {
        case "absent": return;
        case "valid": {
          const x = this.validValue(f);
          desc = this.chance(0.5) ? { value: x } : { get: () => x };
          break;
        }
        case "any": {
          const x = this.anyValue(depth);
          desc = this.chance(0.5) ? { value: x } : { get: () => x };
          break;
        }
        case "near": {
          const x = this.nearMiss(f);
          desc = this.chance(0.5) ? { value: x } : { get: () => x };
          break;
        }
        case "throws": {
          const x = this.thrown();
          desc = { get: () => { throw x; } };
          break;
        }
        default: // "changing"
          desc = { get: this.changing(f) };
      }
      desc.configurable = this.chance(0.5);
      desc.enumerable = this.chance(0.5);
      if ("value" in desc) {
        desc.writable = this.chance(0.5);
      }
      let where = o;
      if (this.chance(0.2)) {
        where = this.protos.get(o);
        if (where === undefined) {
          where = Object.create(Object.getPrototypeOf(o));
          try {
            Object.setPrototypeOf(o, where);
            this.protos.set(o, where);
          } catch (e) {
            where = o;
          }
        }
      }
      try {
        Object.defineProperty(where, f, desc);
      } catch (e) {
        this.note(f + " refused");
      }
    }
    container() {
      switch (this.int(11)) {
        case 0: case 1: this.note("object"); return {};
        case 2: this.note("null-prototype"); return Object.create(null);
        case 3: this.note("function"); return function closeish() {};
        case 4: this.note("array"); return [];
        case 5: {
          const type = this.pick(["close", "message"]);
          this.note("Event " + type);
          return new Event(type);
        }
        case 6: this.note("CloseEvent.prototype without a CloseEvent"); return Object.create(CloseEvent.prototype);
        case 7: case 8: {
          this.note("native CloseEvent");
          const init = {};
          for (const k of ["code", "reason", "wasClean", "bubbles", "cancelable", "composed"]) {
            if (this.chance(0.6)) {
              init[k] = this.chance(0.7) ? this.validValue(k) : this.anyValue(0);
            }
          }
          try {
            return new CloseEvent(this.pick(["close", "close", "error", ""]), init);
          } catch (e) {
            this.note("its constructor threw");
            return {};
          }
        }
        case 9: {
          this.note("CloseEvent subclass");
          class Sub extends CloseEvent {}
          this.define(Sub.prototype, this.pick(EVENT_FIELDS), this.pick(["any", "throws", "valid", "changing"]), 0);
          return new Sub("close", { code: 4000, reason: "sub", wasClean: true });
        }
        default: {
          this.note("class with accessors");
          const x = this.validValue("code");
          class Closeish {
            get code() { return x; }
            get reason() { return "accessor"; }
            get wasClean() { return true; }
          }
          return new Closeish();
        }
      }
    }
    eventish(depth) {
      let o = this.container();
      const aimValid = this.chance(0.5);
      const modes = ["absent", "absent", "absent", "valid", "valid", "valid", "valid", "any", "near", "throws"];
      for (const f of EVENT_FIELDS) {
        let mode;
        if (aimValid) {
          mode = REQUIRED.has(f) ? "valid" : this.pick(["absent", "absent", "valid"]);
        } else {
          mode = this.pick(modes);
        }
        if (this.chance(0.02)) {
          mode = "changing";
        }
        if (mode !== "absent") {
          this.note(f + ":" + mode);
        }
        this.define(o, f, mode, depth);
      }
      if (aimValid && this.chance(0.4)) {
        const f = this.pick(EVENT_FIELDS);
        this.note("spoil " + f);
        this.define(o, f, this.pick(["near", "near", "any", "throws", "changing"]), depth);
      }
      switch (this.int(8)) {
        case 0: this.note("frozen"); Object.freeze(o); break;
        case 1: this.note("sealed"); Object.seal(o); break;
        case 2: this.note("not extensible"); Object.preventExtensions(o); break;
        default: break;
      }
      switch (this.int(12)) {
        case 0: this.note("transparent Proxy"); o = new Proxy(o, {}); break;
        case 1: this.note("Proxy through Reflect.get"); o = new Proxy(o, { get: (t, k, rcv) => Reflect.get(t, k, rcv) }); break;
        case 2: {
          const f = this.pick(EVENT_FIELDS);
          const x = this.thrown();
          this.note("Proxy throwing on " + f);
          o = new Proxy(o, {
            get: (t, k, rcv) => {
              if (k === f) {
                this.record(k, rcv, { threw: true });
                throw x;
              }
              return Reflect.get(t, k, rcv);
            },
          });
          break;
        }
        case 3: {
          this.note("Proxy changing its answers");
          this.volatileAll = true;
          let n = this.int(3);
          o = new Proxy(o, {
            get: (t, k, rcv) => {
              let x;
              try {
                x = n++ % 3 === 1 ? this.anyValue(0) : Reflect.get(t, k, rcv);
              } catch (e) {
                this.record(k, rcv, { threw: true });
                throw e;
              }
              // Another value than a frozen property's makes the read
              // itself throw, once this trap has returned.
              this.record(k, rcv, breaksGetInvariant(t, k, x) ? { threw: true } : { threw: false, value: x });
              return x;
            },
          });
          break;
        }
        case 4: this.note("Proxy with every trap throwing"); o = this.allTrapsThrow(o); break;
        case 5: {
          this.note("Proxy over a revoked Proxy");
          o = new Proxy(this.revoked(), {});
          break;
        }
        default: break;
      }
      return o;
    }
    // value returns the generated value.
    value() {
      this.top = this.build();
      return this.top;
    }
    build() {
      const kind = this.int(100);
      if (kind < 12) {
        const v = this.anyValue(0);
        this.note("top-level " + (v === null ? "null" : typeof v));
        return v;
      }
      if (kind < 16) {
        this.note("revoked Proxy");
        return this.revoked();
      }
      if (kind < 19) {
        this.note("conversions throw");
        return this.conversionsThrow();
      }
      if (kind < 22) {
        this.note("built-in object");
        return this.pick([globalThis, document, Math, JSON, Reflect, Object.prototype, Function.prototype,
          CloseEvent.prototype, new EventTarget(), document.createElement("div")]);
      }
      return this.eventish(2);
    }
  }

  // verdict judges decode's outcome for v. seen holds what the volatile
  // accessors answered during the call, by field. For every other field
  // JavaScript reads v itself now: the value is the same as decode saw.
  // It returns "" when the outcome is right, else what is wrong.
  function verdict(gen, v, seen, outcome, describe) {
    const objectish = v !== null && (typeof v === "object" || typeof v === "function");
    // candidates[f]: what reading f gave, or may have given, decode.
    const candidates = {};
    let invalid = "";
    if (objectish) {
      for (const f of EVENT_FIELDS) {
        let list = (gen.volatileAll || gen.volatile.has(f)) ? seen.get(f) : undefined;
        if (list === undefined || list.length === 0) {
          try {
            list = [{ threw: false, value: Reflect.get(v, f) }];
          } catch (e) {
            list = [{ threw: true }];
          }
        }
        candidates[f] = list;
        if (!invalid) {
          const bad = list.find((c) => c.threw || !acceptable(f, c.value));
          if (bad) {
            invalid = f + (bad.threw ? " throws" : " is " + show(bad.value));
          }
        }
      }
    } else {
      invalid = "a " + (v === null ? "null" : typeof v) + ", not an object";
    }

    if (!outcome.ok) {
      const e = outcome.error;
      if (!(e instanceof TypeError)) {
        return "threw " + describeThrown(e) + ", want a TypeError";
      }
      if (!String(e.message).startsWith("closeevent.decode: ")) {
        return "threw a TypeError that is not the shim's: " + clip(String(e.message));
      }
      if (e.message.length > 1000) {
        return "its TypeError's message is " + e.message.length + " characters long: " + show(e.message);
      }
      if (!invalid) {
        return "threw " + JSON.stringify(clip(e.message)) + ", but JavaScript reads a valid close event";
      }
      return "";
    }
    const d = outcome.value;
    if (!objectish) {
      return "returned " + show(d) + " for " + invalid;
    }
    const bad = shapeProblem(d, describe);
    if (bad) {
      return "returned an object whose " + bad;
    }
    for (const f of EVENT_FIELDS) {
      const list = candidates[f];
      if (!list.some((c) => !c.threw && acceptable(f, c.value) && matches(f, c.value, d[f]))) {
        return f + " is " + show(d[f]) + ", but JavaScript read " + list.map((c) => c.threw ? "a throw" : show(c.value)).join(" or ");
      }
    }
    return "";
  }

  async function hostileSection(api) {
    tally.group = "hostile";
    const describe = describer(api);
    const { seed, from, values } = params;
    tally.figure("seed " + seed + " (replay: ?only=hostile&seed=" + seed + "&values=" + values + (from ? "&from=" + from : "") +
      "; one value I: ?only=hostile&seed=" + seed + "&from=I&values=1)");
    const t0 = performance.now();
    let slice = performance.now();
    let returned = 0;
    let refused = 0;
    let volatileCount = 0;
    let slowest = 0;
    let slowestAt = -1;
    let wrong = 0;
    let tried = 0;
    for (let i = from; i < from + values; i++) {
      const gen = new Gen(seed, i);
      let v;
      try {
        v = gen.value();
      } catch (e) {
        tally.fail("value " + i, "the generator itself threw " + describeThrown(e) + " (" + gen.labels.join(", ") + ")");
        wrong++;
        continue;
      }
      gen.log = new Map();
      let outcome;
      const c0 = performance.now();
      try {
        outcome = { ok: true, value: api.decode(v) };
      } catch (e) {
        outcome = { ok: false, error: e };
      }
      const took = performance.now() - c0;
      const seen = gen.log;
      gen.log = new Map(); // the verdict's own reads go elsewhere
      tried++;
      if (took > slowest) {
        slowest = took;
        slowestAt = i;
      }
      if (gen.volatile.size > 0 || gen.volatileAll) {
        volatileCount++;
      }
      let bad;
      try {
        bad = verdict(gen, v, seen, outcome, describe);
      } catch (e) {
        bad = "the verdict threw " + describeThrown(e);
      }
      if (!bad && took > HANG_MS) {
        bad = "took " + ms(took);
      }
      if (bad) {
        wrong++;
        tally.fail("value " + i + " of seed " + seed + " (" + gen.labels.join(", ") + ")", bad);
        if (wrong >= 20) {
          tally.fail("values", "stopping after 20 wrong values");
          break;
        }
      } else {
        tally.pass();
        if (outcome.ok) {
          returned++;
        } else {
          refused++;
        }
      }
      if (performance.now() - slice > 40) {
        await yieldTask();
        slice = performance.now();
      }
    }
    const took = performance.now() - t0;
    tally.figure(tried + " values tried in " + ms(took) + " (" + (tried ? (1000 * took / tried).toFixed(1) : "0") + " µs each, " +
      "the slowest call " + slowest.toFixed(1) + " ms at value " + slowestAt + "): " + returned + " decoded to an object JavaScript confirms, " +
      refused + " refused with the shim's TypeError, " + volatileCount + " with accessors that answer differently on each read; " +
      wrong + " wrong");

    // The shim still answers.
    tally.group = "hostile: alive after";
    await aliveChecks(api, "after " + tried + " hostile values");
  }

  // aliveChecks shows that the Go program still runs: describe answers, a
  // created event decodes, and a real socket's close decodes and is watched.
  async function aliveChecks(api, when) {
    try {
      tally.eq("describe(1000).name " + when, api.describe(1000).name, "NormalClosure");
      const ev = api.create("close", { code: 4321, reason: "still \u2713", wasClean: true });
      const d = api.decode(ev);
      tally.ok("a created event decodes " + when, d.code === 4321 && d.reason === "still \u2713" && d.wasClean === true, show(d));
      const ws = new WebSocket(wsURL(new URLSearchParams({ close: "4322", reason: "alive \u2713" })));
      let stop;
      const watched = new Promise((resolve) => { stop = api.watch(ws, resolve); });
      const decoded = new Promise((resolve) => {
        ws.addEventListener("close", (e) => {
          try {
            resolve(api.decode(e));
          } catch (err) {
            resolve({ threw: describeThrown(err) });
          }
        });
      });
      const [w, dd] = await within(20000, Promise.all([watched, decoded]), "a real socket's close " + when);
      stop();
      for (const [how, x] of [["decode", dd], ["watch", w]]) {
        tally.ok("a real socket's close through " + how + " " + when,
          x.code === 4322 && x.reason === "alive \u2713" && x.wasClean === true && x.isTrusted === true, show(x));
      }
    } catch (e) {
      tally.fail("the shim " + when, "threw " + describeThrown(e));
    }
  }

  // ---- markup -------------------------------------------------------

  const MARKUP = "<img src=x onerror=\"globalThis.pwned=1\">";

  async function markupSection(api) {
    tally.group = "markup";
    let violations = 0;
    const onViolation = () => { violations++; };
    document.addEventListener("securitypolicyviolation", onViolation);
    try {
      const imagesBefore = document.getElementsByTagName("img").length;
      const ws = new WebSocket(wsURL(new URLSearchParams({ close: "4003", reason: MARKUP })));
      let stop;
      const d = await within(20000, new Promise((resolve) => { stop = api.watch(ws, resolve); }), "the close carrying markup");
      stop();
      tally.eq("the reason arrives as sent", d.reason, MARKUP);
      const box = document.getElementById("render");
      const line = document.createElement("p");
      line.textContent = d.code + " " + d.name + ": " + d.reason;
      box.append(line);
      tally.eq("rendered with textContent: no element created", line.childElementCount, 0);
      tally.eq("rendered with textContent: the text is the reason", line.textContent, "4003 Code(4003): " + MARKUP);
      // An <img> that had been created would fail to load /x and run its
      // handler (or, under the CSP, report a violation) within a moment.
      await sleep(300);
      tally.eq("no <img> in the document", document.getElementsByTagName("img").length, imagesBefore);
      tally.eq("globalThis.pwned stays undefined", globalThis.pwned, undefined);
      tally.eq("no Content-Security-Policy violation (nothing even tried to run)", violations, 0);
    } finally {
      document.removeEventListener("securitypolicyviolation", onViolation);
    }
  }

  // ---- the page -------------------------------------------------------

  function render(res) {
    closeshimTestkit.render(res, "Engine: " + navigator.userAgent, [
      ["figures", res.figures],
      ["failures", res.failures.length ? res.failures : ["none"]],
    ]);
  }

  async function run() {
    const t0 = performance.now();
    try {
      tally.group = "setup";
      for (const e of paramErrors) {
        tally.fail("query", e);
      }
      const api = await within(30000, closeeventLoad(), "closeeventLoad()");
      tally.ok("the shim loaded", typeof api.decode === "function");
      tally.figure("closeshim " + api.version + "; parameters " + JSON.stringify(params) + "; sections " + sections.join(","));
      const steps = {
        burst: burstSection, limit: limitSection, waves: wavesSection, reconnect: reconnectSection,
        hostile: hostileSection, markup: markupSection,
      };
      for (const name of SECTIONS) {
        if (!sections.includes(name)) {
          continue;
        }
        try {
          await steps[name](api);
        } catch (e) {
          tally.fail(name, "the section stopped: " + describeThrown(e) + stackOf(e));
        }
      }
      tally.group = "end";
      await aliveChecks(api, "at the end");
    } catch (e) {
      tally.fail("page", "threw " + describeThrown(e) + stackOf(e));
    }
    tally.group = "end";
    tally.figure("the page ran for " + ms(performance.now() - t0));
    const res = {
      passed: tally.passed,
      failed: tally.failed,
      failures: tally.failures.slice(),
      deviations: [],
      groups: Object.assign({}, tally.groups),
      figures: tally.figures.slice(),
      seed: params.seed,
    };
    render(res);
    console.log(res.passed + " passed, " + res.failed + " failed");
    globalThis.harnessResult = res;
  }

  run();
})();
