// Package harness holds the tests that run closeshim's browser pages in
// real browser engines (internal/engine: Chromium, Firefox and WebKit),
// against the real shim and a real closeserver:
//
//   - TestHarness runs the JS harness web/test/harness.html, the page and its
//     Worker part, in every engine, and fails on any failure in any;
//   - TestCompat runs the engine record web/test/compat.html in every engine
//     and checks that docs/compat.md still lists its scenarios; RunCompat
//     and CompatMarkdown are what internal/cmd/compat (make compat) uses to
//     write that file;
//   - the TestDemo tests open the demo web/index.html in Chromium.
//
// The tests build web/main.wasm themselves (GOOS=js GOARCH=wasm go build
// ./wasm) into a temporary copy of web/ with the matching wasm_exec.js, so
// `go test ./internal/harness` works without `make`. An engine that is not
// installed is skipped, unless CLOSESHIM_REQUIRE_BROWSER is set (as `make
// test` sets it), in which case its tests fail.
//
// go test ./internal/harness -run TestDemo -update-screenshot (or
// CLOSESHIM_UPDATE_SCREENSHOT=1) rewrites docs/demo.png, the README's
// screenshot of the demo after /?close=4001&reason=bye.
package harness
