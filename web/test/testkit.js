// testkit.js: the helpers closeshim's test pages share (harness.js,
// compat.js, reliability.js), one place for each. A classic script: load it
// before the page's own script, or with importScripts in a Worker.
"use strict";

// eslint-disable-next-line no-unused-vars
const closeshimTestkit = Object.freeze({
  // wsURL returns the ws: (or wss:) URL of this server's /ws endpoint with
  // the given query (a string without "?", or URLSearchParams).
  wsURL(query) {
    const u = new URL("/ws", globalThis.location.href);
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    u.search = query ? String(query) : "";
    return u.href;
  },

  // within settles as promise does, or rejects after ms milliseconds with
  // an error naming what was awaited.
  within(ms, promise, what) {
    let timer;
    return Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out after " + ms + " ms waiting for " + what)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  },
});
