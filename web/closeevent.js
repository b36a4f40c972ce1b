// closeevent.js: loads closeshim's Go shim (main.wasm) and exposes its JS
// API. A classic script: load it with <script src> after wasm_exec.js in a
// page, or with importScripts("wasm_exec.js", "closeevent.js") in a worker.
// It assumes neither window nor document, and runs no inline code. The ES
// module closeevent.mjs imports this file: it is the one implementation
// of both loaders. Its types are in closeevent.d.ts.
//
//   closeeventLoad(wasmURL = "main.wasm") -> Promise of the API object
//
// The default URL is resolved against this script's own URL (a worker's
// URL in a worker); a URL you pass goes to fetch() as it is. The Promise
// resolves to a frozen object, also set as globalThis.closeevent, and an
// Event named "closeevent:ready" is dispatched on globalThis. Calling
// closeeventLoad again returns the same Promise, whatever its argument.
//
// Members (every rule is computed by the Go package closeevent):
//   version                      the shim's version string
//   decode(event)                plain object; TypeError naming the bad field
//   describe(code)               plain object; RangeError unless an integer 0..65535
//   validateClose(code, reason)  null, or {name, message} of the DOMException
//                                WebSocket.prototype.close would throw
//   truncateReason(reason)       the longest prefix of at most 123 UTF-8 bytes
//   create(type, init)           a native CloseEvent
//   watch(target, callback)      calls callback(decode(event)) for each close
//                                event; returns a function that stops watching
//   track(ws)                    {closed, close(code, reason), local}: closed a
//                                Promise of decode(event) plus local (rejects
//                                for a socket already CLOSED); close throws
//                                close()'s DOMException for refused arguments
//   shouldReconnect(event, local) whether to reconnect after this close
//   reconnect(url, options)      {stop(code, reason), socket, attempt}: keeps a
//                                socket going as closeevent.Policy.Run does
// @ts-check
"use strict";

(() => {
  // A page may evaluate this file more than once (a <script> tag and
  // closeevent.mjs's import, or two tags): the first evaluation owns the
  // one load of main.wasm, and a later one changes nothing, so that every
  // loader resolves to the same API object. The mark is a registered
  // Symbol, the same in every evaluation and invisible to Object.keys.
  const evaluated = Symbol.for("closeshim.closeevent.js");
  if (Object.prototype.hasOwnProperty.call(globalThis, evaluated)) {
    return;
  }
  Object.defineProperty(globalThis, evaluated, { value: true });

  // The base for the default wasm URL: this script's URL in a page, the
  // worker's URL in a worker (importScripts has no currentScript).
  const base = (() => {
    const doc = globalThis.document;
    // null in a module (closeevent.mjs passes its own URL) and a worker.
    const script = /** @type {HTMLScriptElement | null} */ (doc && doc.currentScript);
    if (script && script.src) {
      return script.src;
    }
    return globalThis.location ? String(globalThis.location.href) : undefined;
  })();

  const rebuild = "rebuild both with `make build` (it compiles web/main.wasm and copies the " +
    "wasm_exec.js of the same Go toolchain next to it)";

  let loading = null;

  /**
   * @param {string | URL} [wasmURL]
   * @returns {Promise<import("./closeevent").CloseEventAPI>}
   */
  function closeeventLoad(wasmURL = base ? new URL("main.wasm", base).href : "main.wasm") {
    if (loading === null) {
      loading = load(String(wasmURL));
    }
    return loading;
  }

  async function load(url) {
    if (typeof globalThis.Go !== "function") {
      throw new Error("closeevent: wasm_exec.js is not loaded (there is no global Go): load the " +
        "wasm_exec.js of the Go release that built main.wasm before closeevent.js; " + rebuild);
    }
    const go = new globalThis.Go();
    if (!go.importObject || typeof go.run !== "function") {
      throw new Error("closeevent: this wasm_exec.js does not look like Go's (no importObject or run); " + rebuild);
    }

    // main.wasm hands its exports to a function whose name it gets in the
    // environment variable CLOSESHIM_REGISTER (wasm/exports_js.go); the
    // property lives only while the program starts.
    const key = "__closeeventRegister_" + Math.random().toString(36).slice(2);
    let exports = null;
    Object.defineProperty(globalThis, key, {
      configurable: true,
      value: (x) => { exports = x; },
    });
    go.env = { CLOSESHIM_REGISTER: key };

    let running;
    try {
      const instance = await instantiate(url, go.importObject);
      running = go.run(instance); // runs main() until it waits for calls
    } catch (err) {
      throw explain(err, url);
    } finally {
      delete globalThis[key];
    }
    running.then(
      () => console.error("closeevent: the Go program in " + url + " has exited; the API no longer works"),
      (err) => console.error("closeevent: the Go program in " + url + " failed:", err),
    );
    if (exports === null) {
      // The program ended (or never registered) during its start.
      const ended = await Promise.race([
        running.then(() => "exited", (err) => err),
        new Promise((resolve) => setTimeout(() => resolve("running"), 0)),
      ]);
      if (ended instanceof Error) {
        throw explain(ended, url);
      }
      throw new Error("closeevent: " + url + " started but did not register the closeevent API (" +
        (ended === "exited" ? "the Go program exited; see the console" : "is it built from ./wasm?") +
        "); if wasm_exec.js and main.wasm come from different Go releases, " + rebuild);
    }

    const api = makeAPI(exports);
    globalThis.closeevent = api;
    if (typeof globalThis.dispatchEvent === "function" && typeof Event === "function") {
      globalThis.dispatchEvent(new Event("closeevent:ready"));
    }
    return api;
  }

  // instantiate fetches and compiles main.wasm: streaming when the server
  // says application/wasm (instantiateStreaming refuses anything else),
  // else from the downloaded bytes.
  async function instantiate(url, imports) {
    let response;
    try {
      response = await fetch(url);
    } catch (err) {
      throw new Error("closeevent: could not fetch " + url + ": " + err.message +
        " (serve the page over http, e.g. with `make run`, not from file://)");
    }
    if (!response.ok) {
      throw new Error("closeevent: could not load " + url + ": HTTP " + response.status + " " +
        response.statusText + "; build it with `make build` " +
        "(GOOS=js GOARCH=wasm go build -o web/main.wasm ./wasm)");
    }
    const type = response.headers.get("Content-Type") || "";
    if (typeof WebAssembly.instantiateStreaming === "function" && /^application\/wasm\s*(;|$)/i.test(type)) {
      return (await WebAssembly.instantiateStreaming(response, imports)).instance;
    }
    const bytes = await response.arrayBuffer();
    return (await WebAssembly.instantiate(bytes, imports)).instance;
  }

  // explain turns a failure to start into an error that says what to do.
  function explain(err, url) {
    const msg = err && err.message ? err.message : String(err);
    if (err instanceof WebAssembly.LinkError || /Import #\d+|import object field|"gojs"|Value\.\w+ on undefined/i.test(msg)) {
      return new Error("closeevent: wasm_exec.js and " + url + " come from different Go releases (" +
        msg + "); " + rebuild, { cause: err });
    }
    if (err instanceof WebAssembly.CompileError) {
      return new Error("closeevent: " + url + " is not a valid WebAssembly module (" + msg +
        "); build it with `make build`", { cause: err });
    }
    if (msg.startsWith("closeevent:")) {
      return err;
    }
    return new Error("closeevent: could not start " + url + ": " + msg, { cause: err });
  }

  // unwrap turns an export's result into a return value or a throw; see
  // wasm/result_js.go: [0, value], [1, kind, message] or [2, exception].
  function unwrap(r) {
    if (typeof r === "string") {
      throw new Error(r); // the shim could not build an array (wasm/result_js.go)
    }
    switch (r[0]) {
      case 0:
        return r[1];
      case 2:
        throw r[1];
      default:
        if (r[1] === "DOMException") {
          throw new DOMException(r[2], r[3]);
        }
        if (r[1] === "TypeError") {
          throw new TypeError(r[2], r.length > 3 ? { cause: r[3] } : undefined);
        }
        if (r[1] === "RangeError") {
          throw new RangeError(r[2]);
        }
        throw new Error(r[2]);
    }
  }

  // report is what the Go side calls with an exception a watch callback
  // threw: reported like a listener's, not thrown at the dispatcher.
  function report(err) {
    if (typeof globalThis.reportError === "function") {
      globalThis.reportError(err);
    } else {
      console.error(err);
    }
  }

  // refuse throws what close(code, reason) would throw for arguments
  // validateClose refuses, once a tracker or loop no longer reaches Go.
  function refuse(x, args) {
    const v = unwrap(Reflect.apply(x.validateClose, undefined, args));
    if (v !== null) {
      throw new DOMException(v.message, v.name);
    }
  }

  // closer returns track's close or reconnect's stop over the shim's
  // control function: ctl(0, code, reason) while live(); after that ctl is
  // released, and only the arguments are checked, as close() checks them.
  function closer(x, ctl, live) {
    return function (code, reason) {
      if (!live()) {
        refuse(x, arguments);
        return;
      }
      unwrap(Reflect.apply(ctl, undefined, [0, ...arguments]));
    };
  }

  // track builds track(ws)'s object on the shim's control function (see
  // wasm/track_js.go): ctl(0, code, reason) closes, ctl(1) reads local.
  // Once settle has run, ctl is released and must not be called again.
  function track(x, ws) {
    let settled = false;
    let local = false;
    let resolve;
    let reject;
    const closed = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const settle = (event, message) => {
      settled = true;
      if (message === undefined) {
        local = event.local;
        // An own, non-enumerable then: resolving a promise with an object
        // reads its then, and a page's getter for then on
        // Object.prototype would reject closed (or a page's then would
        // take it over). The descriptor has no prototype for the same
        // reason.
        Reflect.defineProperty(event, "then", { __proto__: null, value: undefined });
        resolve(event);
      } else {
        reject(new Error(message));
      }
    };
    const ctl = unwrap(x.track(settle, ws));
    return Object.freeze({
      closed,
      close: closer(x, ctl, () => !settled),
      get local() {
        return settled ? local : unwrap(ctl(1));
      },
    });
  }

  // reconnect builds reconnect(url, options)'s object on the shim's control
  // function (see wasm/reconnect_js.go): ctl(0, code, reason) stops, ctl(1)
  // reads attempt. Once ended has run, ctl is released.
  function reconnect(x, args) {
    let socket = null;
    let ended = false;
    let attempt = 0;
    const ctl = unwrap(Reflect.apply(x.reconnect, undefined, [
      report,
      (ws) => { socket = ws; },
      (n) => {
        ended = true;
        attempt = n;
      },
      ...args,
    ]));
    return Object.freeze({
      stop: closer(x, ctl, () => !ended),
      get socket() {
        return socket;
      },
      get attempt() {
        return ended ? attempt : unwrap(ctl(1));
      },
    });
  }

  function makeAPI(x) {
    // Arguments go to Go as they came (Reflect.apply with arguments), so
    // that it can tell a missing argument from undefined.
    return Object.freeze({
      version: x.version,
      decode(event) {
        return unwrap(Reflect.apply(x.decode, undefined, arguments));
      },
      describe(code) {
        return unwrap(Reflect.apply(x.describe, undefined, arguments));
      },
      validateClose(code, reason) {
        return unwrap(Reflect.apply(x.validateClose, undefined, arguments));
      },
      truncateReason(reason) {
        return unwrap(Reflect.apply(x.truncateReason, undefined, arguments));
      },
      create(type, init) {
        return unwrap(Reflect.apply(x.create, undefined, arguments));
      },
      watch(target, callback) {
        const stop = unwrap(x.watch(target, callback, report));
        let stopped = false;
        return function unwatch() {
          if (!stopped) {
            stopped = true;
            stop();
          }
        };
      },
      track(ws) {
        return track(x, ws);
      },
      shouldReconnect(event, local) {
        return unwrap(Reflect.apply(x.shouldReconnect, undefined, arguments));
      },
      reconnect(url, options) {
        return reconnect(x, arguments);
      },
    });
  }

  globalThis.closeeventLoad = closeeventLoad;
})();
