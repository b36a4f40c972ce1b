// script.js: the page of script tags, as the README's "Install from npm"
// shows it: closeeventLoad() with its default URL, main.wasm beside
// closeevent.js in the package.
"use strict";
consumerCheck(closeeventLoad(), "script");
