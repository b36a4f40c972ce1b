// demo.js: the demo of index.html. It loads the shim, closes a real
// WebSocket to this server's /ws the way the form (or the page's deep link)
// says, and shows the close event as closeevent.decode reads it, with a
// log of the socket's events. The close reason is untrusted text: it only
// ever reaches the page through textContent.
//
// Deep links (the same scenario the form builds):
//   ?close=CODE&reason=TEXT   the server sends Close CODE TEXT
//   ?close=none               the server sends a Close frame without a status (1005)
//   ?abort=1                  the server drops the TCP connection (1006)
//   ?client=CODE&reason=TEXT  the page calls ws.close(CODE, TEXT) once open;
//                             ?client= (or client=none) calls it without a code
//   &delay=MS                 the server waits MS ms first (server modes)
//   ?refuse=STATUS            the server refuses the handshake with this HTTP
//                             status (400-599): the browser reports 1006
//   &reconnect=1              keep the socket going with closeevent.reconnect:
//                             the log shows each attempt, its delay and the
//                             decision; the server acts on the first &times=N
//                             connections (default 1; every one for refuse),
//                             then echoes, as a restarted server would
// body[data-state] is loading, ready, running, done or error, for tests.
// @ts-check
"use strict";

(() => {
  // The page's elements are its own (index.html): a form, inputs, a link.
  /** @type {(id: string) => any} */
  const $ = (id) => document.getElementById(id);
  const form = $("scenario");

  function setState(s) {
    document.body.dataset.state = s;
  }

  // ---- scenarios and deep links -------------------------------------------

  // parseLink reads a scenario from a query string, or returns null.
  function parseLink(search) {
    const p = new URLSearchParams(search);
    const delay = p.get("delay") || "";
    const reason = p.get("reason");
    const again = { reconnect: p.get("reconnect") === "1", times: p.get("times") || "" };
    if (p.has("client")) {
      const code = p.get("client");
      return Object.assign({ mode: "client", code: code === "none" ? "" : code, reason, delay: "" }, again);
    }
    if (p.get("close") === "none") {
      return Object.assign({ mode: "none", code: "", reason: null, delay }, again);
    }
    if (p.has("close")) {
      return Object.assign({ mode: "server", code: p.get("close"), reason, delay }, again);
    }
    if (p.get("abort") === "1") {
      return Object.assign({ mode: "abort", code: "", reason: null, delay }, again);
    }
    if (p.has("refuse")) {
      return Object.assign({ mode: "refuse", code: p.get("refuse"), reason: null, delay }, again);
    }
    return null;
  }

  // link is the deep link of a scenario.
  function link(sc) {
    const p = new URLSearchParams();
    switch (sc.mode) {
      case "server":
        p.set("close", sc.code);
        if (sc.reason) {
          p.set("reason", sc.reason);
        }
        break;
      case "none":
        p.set("close", "none");
        break;
      case "abort":
        p.set("abort", "1");
        break;
      case "client":
        p.set("client", sc.code);
        if (sc.reason !== null && sc.reason !== "") {
          p.set("reason", sc.reason);
        }
        break;
      case "refuse":
        p.set("refuse", sc.code);
        break;
    }
    if (sc.delay && sc.mode !== "client") {
      p.set("delay", sc.delay);
    }
    if (sc.reconnect) {
      p.set("reconnect", "1");
      if (sc.times && sc.mode !== "client") {
        p.set("times", sc.times);
      }
    }
    return "?" + p.toString();
  }

  // wsURL is the /ws URL on this page's origin for a scenario; the client
  // mode uses the echo, which answers the page's Close frame. To reconnect,
  // the server acts on the first times connections of a key of the page's
  // own, then echoes.
  function wsURL(sc) {
    const u = new URL("/ws", location.href);
    u.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    if (sc.mode === "client") {
      return u.href;
    }
    const p = new URLSearchParams(link(sc));
    p.delete("reconnect");
    p.delete("times");
    const times = sc.times || (sc.mode === "refuse" ? "" : "1");
    if (sc.reconnect && times) {
      p.set("key", "demo-" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8));
      p.set("times", times);
    }
    u.search = p.toString();
    return u.href;
  }

  function readForm() {
    const mode = form.elements.mode.value;
    return {
      mode,
      code: $("code").value.trim(),
      reason: $("reason").value,
      delay: form.dataset.delay || "",
      reconnect: $("reconnect").checked,
      times: form.dataset.times || "",
    };
  }

  function fillForm(sc) {
    form.elements.mode.value = sc.mode;
    if (sc.mode === "server" || sc.mode === "client" || sc.mode === "refuse") {
      $("code").value = sc.code;
      $("reason").value = sc.reason || "";
    }
    $("reconnect").checked = sc.reconnect;
    form.dataset.delay = sc.delay || "";
    form.dataset.times = sc.times || "";
    syncForm();
  }

  // ---- what the Go rules say before anything is sent -----------------------

  function syncForm() {
    const sc = readForm();
    const usesCode = sc.mode === "server" || sc.mode === "client" || sc.mode === "refuse";
    $("code").disabled = !usesCode;
    $("reason").disabled = !usesCode || sc.mode === "refuse";
    $("code").required = sc.mode === "server" || sc.mode === "refuse";
    $("permalink").href = link(sc);
    $("hint").textContent = api ? hint(sc) : "";
  }

  // hint says what the shim's rules predict for the scenario.
  function hint(sc) {
    const h = hintOnce(sc);
    return sc.reconnect
      ? h + " closeevent.reconnect then decides, and waits a growing, jittered delay before each new attempt."
      : h;
  }

  function hintOnce(sc) {
    if (sc.mode === "refuse") {
      return "The server answers the handshake with HTTP " + sc.code + ": the browser reports 1006, not clean (only statuses 400-599).";
    }
    if (sc.mode === "none") {
      return "The browser reports 1005 (NoStatusReceived): the Close frame has no status.";
    }
    if (sc.mode === "abort") {
      return "The browser reports 1006 (AbnormalClosure), not clean: no Close frame arrives.";
    }
    const reasonCheck = api.validateClose(1000, sc.reason);
    if (sc.mode === "server") {
      let d;
      try {
        d = api.describe(Number(sc.code === "" ? NaN : sc.code));
      } catch (e) {
        return "Enter a code from 0 to 65535.";
      }
      if (!d.validOnWire) {
        return "A server may not send " + d.code + " in a Close frame: this server answers HTTP 400 and the browser reports 1006.";
      }
      if (reasonCheck) {
        return "The reason is too long for a Close frame (over 123 bytes of UTF-8): this server answers HTTP 400.";
      }
      return (d.registered ? d.code + " " + d.name : d.code + ", a " + d.range.toLowerCase() + " code,") +
        " may appear in a Close frame: the server sends it as is.";
    }
    const args = sc.code === "" ? [undefined, sc.reason] : [Number(sc.code), sc.reason];
    const v = api.validateClose(...args);
    return v === null
      ? "validateClose: close() accepts these arguments."
      : "validateClose: close() throws " + v.name + ": " + v.message;
  }

  // ---- running a scenario -----------------------------------------------------

  let api = null;
  let started = 0;

  function log(text, kind) {
    const li = document.createElement("li");
    if (kind) {
      li.className = kind;
    }
    const time = document.createElement("span");
    time.className = "time";
    time.textContent = "+" + Math.round(performance.now() - started) + " ms";
    const msg = document.createElement("span");
    msg.textContent = text;
    li.append(time, " ", msg);
    $("log").append(li);
  }

  function clearResult() {
    for (const id of ["r-name", "r-range", "r-description", "r-reason", "r-reason-bytes", "r-wasClean", "r-retryable"]) {
      $(id).textContent = "";
    }
    $("r-code").textContent = "…";
    $("log").replaceChildren();
  }

  function show(d) {
    $("r-code").textContent = String(d.code);
    $("r-name").textContent = d.name + (d.legacyName ? " (" + d.legacyName + ")" : "") + (d.registered ? "" : ", not in the IANA registry");
    $("r-range").textContent = d.range;
    $("r-description").textContent = d.description;
    $("r-reason").textContent = d.reason; // untrusted: text only
    $("r-reason-bytes").textContent = d.reason === "" ? "(empty)" : "(" + new TextEncoder().encode(d.reason).length + " bytes)";
    $("r-wasClean").textContent = String(d.wasClean);
    $("r-retryable").textContent = d.retryable ? "yes: reconnecting may help" : "no";
    $("result").dataset.code = String(d.code);
  }

  function run(sc) {
    setState("running");
    $("run").disabled = true;
    clearResult();
    started = performance.now();
    history.replaceState(null, "", link(sc));
    $("permalink").href = link(sc);
    if (sc.reconnect) {
      runReconnect(sc);
      return;
    }

    const url = wsURL(sc);
    log("new WebSocket(" + JSON.stringify(url) + ")");
    let ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      log("new WebSocket threw " + e.name + ": " + e.message, "bad");
      finish();
      return;
    }
    const stop = api.watch(ws, (d) => {
      log("close event: " + d.code + " " + d.name + ", reason " + JSON.stringify(d.reason) + ", wasClean " + d.wasClean, d.abnormal ? "bad" : "good");
      show(d);
      stop();
      finish();
    });
    ws.addEventListener("open", () => {
      log("open");
      if (sc.mode === "client") {
        closeFromClient(ws, sc);
      }
    });
    ws.addEventListener("error", () => log("error event", "bad"));
  }

  // The policy of the reconnect scenarios: small, so that the demo ends
  // in seconds.
  const POLICY = { min: 300, max: 3000, factor: 2, maxAttempts: 5, stable: 2000 };

  // BACK is how long a new socket must stay open for the demo to call the
  // server back and stop.
  const BACK = 1000;

  // runReconnect keeps a socket going with closeevent.reconnect and logs
  // each attempt, its close, the decision and the delay before the next.
  // It ends when the loop stops or gives up, or once a new socket has
  // stayed open for BACK ms after a close (the server is back): then it
  // stops the loop.
  function runReconnect(sc) {
    const url = wsURL(sc);
    let attempt = 1;
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        finish();
      }
    };
    log("closeevent.reconnect(" + JSON.stringify(url) + ", " + JSON.stringify(POLICY) + ")");
    let r;
    try {
      r = api.reconnect(url, Object.assign({
        onopen(ws) {
          log("attempt " + attempt + ": open", "good");
          if (attempt === 1 && sc.mode === "client") {
            closeFromClient(ws, sc);
          } else if (attempt > 1) {
            // The server closes at once when it still acts (times=N).
            const now = attempt;
            setTimeout(() => {
              if (attempt === now && !ended) {
                log("open for " + BACK + " ms: the server is back: stop()", "good");
                r.stop();
                end();
              }
            }, BACK);
          }
        },
        onclose(d, info) {
          log("attempt " + attempt + ": close event: " + d.code + " " + d.name + ", reason " + JSON.stringify(d.reason) +
            ", wasClean " + d.wasClean + ", local " + d.local, d.abnormal ? "bad" : "");
          show(d);
          log("decision: " + decision(d, info), info.reconnecting ? "good" : "bad");
          attempt++;
          if (!info.reconnecting && !api.shouldReconnect(d)) {
            end(); // a stop; a give-up ends in ongiveup
          }
        },
        ongiveup() {
          log("gave up after " + POLICY.maxAttempts + " consecutive failed attempts (maxAttempts)", "bad");
          end();
        },
      }, POLICY));
    } catch (e) {
      log("closeevent.reconnect threw " + e.name + ": " + e.message, "bad");
      end();
    }
  }

  // decision says in words what onclose's info means.
  function decision(d, info) {
    if (info.reconnecting) {
      return "reconnect in " + Math.round(info.delay) + " ms (Delay(" + info.attempt + "), drawn from [" +
        Math.round(bound(info.attempt) / 2) + ", " + Math.round(bound(info.attempt)) + "] ms): " +
        d.code + " " + d.name + " is retryable";
    }
    if (d.local) {
      return "stop: this page closed the socket itself";
    }
    if (!api.shouldReconnect(d)) {
      return "stop: " + d.code + " " + d.name + " is not retryable";
    }
    return "stop: " + POLICY.maxAttempts + " consecutive attempts failed";
  }

  // bound is the top of Delay(attempt)'s range for POLICY.
  function bound(attempt) {
    return Math.min(POLICY.max, POLICY.min * POLICY.factor ** attempt);
  }

  function closeFromClient(ws, sc) {
    const args = [];
    if (sc.code !== "") {
      args.push(Number(sc.code));
      if (sc.reason) {
        args.push(sc.reason);
      }
    } else if (sc.reason) {
      args.push(undefined, sc.reason);
    }
    const shown = "ws.close(" + args.map((a) => a === undefined ? "undefined" : JSON.stringify(a)).join(", ") + ")";
    const v = api.validateClose(...args);
    log("validateClose: " + (v === null ? "accepted" : v.name + ": " + v.message), v === null ? "" : "bad");
    try {
      ws.close(...args);
      log(shown);
    } catch (e) {
      log(shown + " threw " + e.name + ": " + e.message, "bad");
      log("ws.close() instead");
      ws.close();
    }
  }

  function finish() {
    $("run").disabled = false;
    setState("done");
  }

  // ---- start --------------------------------------------------------------------

  function loadFailed(err) {
    const box = $("load-error");
    box.textContent = "The shim did not load: " + (err && err.message ? err.message : String(err));
    box.hidden = false;
    setState("error");
  }

  form.addEventListener("input", syncForm);
  form.addEventListener("change", syncForm);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (api) {
      run(readForm());
    }
  });

  if (typeof closeeventLoad !== "function") {
    loadFailed(new Error("closeevent.js did not load; serve web/ with `make run`"));
    return;
  }
  closeeventLoad().then((loaded) => {
    api = loaded;
    $("version").textContent = "v" + api.version;
    $("run").disabled = false;
    setState("ready");
    const sc = parseLink(location.search);
    if (sc) {
      fillForm(sc);
      run(sc);
    } else {
      syncForm();
    }
  }, loadFailed);
})();
