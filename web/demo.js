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
    if (p.has("client")) {
      const code = p.get("client");
      return { mode: "client", code: code === "none" ? "" : code, reason, delay: "" };
    }
    if (p.get("close") === "none") {
      return { mode: "none", code: "", reason: null, delay };
    }
    if (p.has("close")) {
      return { mode: "server", code: p.get("close"), reason, delay };
    }
    if (p.get("abort") === "1") {
      return { mode: "abort", code: "", reason: null, delay };
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
    }
    if (sc.delay && sc.mode !== "client") {
      p.set("delay", sc.delay);
    }
    return "?" + p.toString();
  }

  // wsURL is the /ws URL on this page's origin for a scenario; the client
  // mode uses the echo, which answers the page's Close frame.
  function wsURL(sc) {
    const u = new URL("/ws", location.href);
    u.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    u.search = sc.mode === "client" ? "" : link(sc);
    return u.href;
  }

  function readForm() {
    const mode = form.elements.mode.value;
    return {
      mode,
      code: $("code").value.trim(),
      reason: $("reason").value,
      delay: form.dataset.delay || "",
    };
  }

  function fillForm(sc) {
    form.elements.mode.value = sc.mode;
    if (sc.mode === "server" || sc.mode === "client") {
      $("code").value = sc.code;
      $("reason").value = sc.reason || "";
    }
    form.dataset.delay = sc.delay || "";
    syncForm();
  }

  // ---- what the Go rules say before anything is sent -----------------------

  function syncForm() {
    const sc = readForm();
    const usesCode = sc.mode === "server" || sc.mode === "client";
    $("code").disabled = !usesCode;
    $("reason").disabled = !usesCode;
    $("code").required = sc.mode === "server";
    $("permalink").href = link(sc);
    $("hint").textContent = api ? hint(sc) : "";
  }

  // hint says what the shim's rules predict for the scenario.
  function hint(sc) {
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
