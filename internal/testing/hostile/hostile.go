// Package hostile is the hostile page of the module's tests: one script
// that puts throwing getters and setters on Object.prototype,
// Array.prototype and Function.prototype for every property name the
// module's code reads or writes, for the Go tests (Pollute, in the js/wasm
// build) and for the JS API's test page (the harness serves Script as
// pollute.js), so that the list of names lives here only.
package hostile

// Script defines globalThis.closeshimPollute(options), which installs the
// accessors and returns {restore, installed, skipped, hits, uncaught}:
//
//   - options.indices: instead of the names, the array indices 0..3 on
//     Array.prototype, which wasm_exec.js itself writes when it passes a
//     call's arguments (new Array(n), then a[i] = v), so that every call
//     from Go with arguments fails, guarded, js.FuncOf among them. It also
//     writes them, unguarded, when it returns an id to its pool
//     (_idPool.push, on every finalized reference, and on every string Go
//     reads), which ends the program: only entry points that fail before
//     reading a string survive this page, and the promise leaves it out;
//   - restore(): removes every accessor and puts back what was there; it
//     takes no argument, so Go can call it while indices are polluted;
//   - installed and skipped: "Proto.name" texts, skipped for an own
//     property the prototype will not let go (Array.prototype.length);
//   - hits(): the "Proto.name get|set" of every accessor that ran, once
//     each, in order;
//   - uncaught(): the messages of the exceptions that reached the page's
//     error event meanwhile (an exception thrown through Go's callbacks).
//
// The names not polluted are those wasm_exec.js itself reads or writes on
// ordinary objects ("result" on each call's event object, push and pop and
// the indices of its id pool): a page that breaks them breaks Go's
// runtime, not this module, and the package docs say so.
const Script = `"use strict";
globalThis.closeshimPollute = function closeshimPollute(options) {
  const names = [
    // CloseEvent and Event: what FromJS reads, New writes, the shim returns.
    "code", "reason", "wasClean", "type", "isTrusted", "timeStamp", "bubbles", "cancelable",
    "composed", "defaultPrevented", "eventPhase", "target", "currentTarget", "srcElement",
    "returnValue", "cancelBubble",
    // EventTarget and WebSocket: OnClose, Next, wsinterop, coder/websocket.
    "addEventListener", "removeEventListener", "dispatchEvent", "handleEvent", "readyState",
    "prototype", "close", "send", "protocol", "binaryType", "url", "data", "extensions",
    "bufferedAmount", "onclose", "onerror", "onopen", "onmessage",
    // Conversions, calls and errors.
    "then", "length", "constructor", "call", "apply", "bind", "toString", "valueOf",
    "toLocaleString", "message", "name", "stack", "cause", "error", "errors",
    // Property descriptors, Proxy handlers and results jsguard makes.
    "value", "writable", "enumerable", "configurable", "get", "set", "construct", "proxy",
    "revoke", "has", "getPrototypeOf", "ownKeys", "isPrototypeOf", "hasOwnProperty",
    // The JS API's members and the objects it returns.
    "version", "decode", "describe", "validateClose", "truncateReason", "create", "watch",
    "legacyName", "description", "range", "registered", "sendable", "validOnWire",
    "retryable", "abnormal", "report", "unwatch", "stop",
  ];
  let protos = [["Object.prototype", Object.prototype], ["Array.prototype", Array.prototype],
    ["Function.prototype", Function.prototype]];
  if (options && options.indices) {
    names.length = 0;
    names.push("0", "1", "2", "3");
    protos = [["Array.prototype", Array.prototype]];
  }
  const seen = new Set(), hits = [], installed = [], skipped = [], saved = [];
  const getOwn = Object.getOwnPropertyDescriptor, define = Reflect.defineProperty;
  // Descriptors without a prototype: once "value" or "get" is polluted, a
  // descriptor that inherits from Object.prototype would run them.
  const desc = (fields) => Object.assign(Object.create(null), fields);
  // add appends by defining, as an assignment or push would run the
  // index accessors once they are installed.
  const add = (list, v) => define(list, list.length,
    desc({ value: v, writable: true, enumerable: true, configurable: true }));
  const hit = (what) => {
    if (!seen.has(what)) {
      seen.add(what);
      add(hits, what);
    }
  };
  for (const [label, proto] of protos) {
    for (const name of names) {
      const where = label + "." + name;
      const own = getOwn(proto, name);
      const before = own && desc(own); // restore must not inherit the accessors either
      const ok = define(proto, name, desc({
        configurable: true,
        get() { hit(where + " get"); throw new Error("hostile page: get " + where); },
        set(v) { hit(where + " set"); throw new Error("hostile page: set " + where); },
      }));
      if (ok) {
        add(installed, where);
        add(saved, [proto, name, before]);
      } else {
        add(skipped, where);
      }
    }
  }
  // An exception that escapes to the page (out of a listener Go runs,
  // through wasm_exec.js's unguarded operations) leaves the Go program
  // broken even where the page goes on: it is recorded, and a failure.
  const uncaught = [];
  const onError = (ev) => { add(uncaught, String(ev.message)); };
  if (typeof globalThis.addEventListener === "function") {
    globalThis.addEventListener("error", onError);
  }
  const restore = () => {
    if (typeof globalThis.removeEventListener === "function") {
      globalThis.removeEventListener("error", onError);
    }
    for (let i = saved.length - 1; i >= 0; i--) {
      const [proto, name, before] = saved[i];
      if (before) {
        define(proto, name, before);
      } else {
        Reflect.deleteProperty(proto, name);
      }
    }
    saved.length = 0;
  };
  return Object.freeze(desc({ restore, installed, skipped, hits: () => hits.slice(), uncaught: () => uncaught.slice() }));
};
`
