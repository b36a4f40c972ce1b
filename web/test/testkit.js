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

  // render shows a test page's result: the summary line ("N passed, M
  // failed", with data-state for the eye), the engine line, each list of
  // texts given as [element id, items], and the table of checks per group.
  // Everything goes in as text, never as markup.
  render(res, engineText, lists) {
    const summary = document.getElementById("summary");
    summary.textContent = res.passed + " passed, " + res.failed + " failed";
    summary.dataset.state = res.failed === 0 ? "passed" : "failed";
    document.getElementById("engine").textContent = engineText;
    for (const [id, items] of lists) {
      document.getElementById(id).replaceChildren(...items.map((s) => {
        const li = document.createElement("li");
        li.textContent = s;
        return li;
      }));
    }
    document.querySelector("#groups tbody").replaceChildren(...Object.keys(res.groups).map((g) => {
      const tr = document.createElement("tr");
      const a = document.createElement("td");
      const b = document.createElement("td");
      a.textContent = g;
      b.textContent = String(res.groups[g]);
      tr.append(a, b);
      return tr;
    }));
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
