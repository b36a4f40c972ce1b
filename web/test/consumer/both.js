// both.js: the classic loader starts the load before the module runs.
"use strict";
globalThis.classicLoad = closeeventLoad();
