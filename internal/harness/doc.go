// Package harness holds the tests that run closeshim's browser pages (the
// JS harness web/harness.html and the demo web/index.html) in a real
// browser engine, against the real shim and a real closeserver.
//
// The tests build web/main.wasm themselves (GOOS=js GOARCH=wasm go build
// ./wasm) into a temporary copy of web/ with the matching wasm_exec.js, so
// `go test ./internal/harness` works without `make`. Without Chromium they
// skip, unless CLOSESHIM_REQUIRE_BROWSER is set (as `make test` sets it),
// in which case they fail.
//
// go test ./internal/harness -run TestDemo -update-screenshot (or
// CLOSESHIM_UPDATE_SCREENSHOT=1) rewrites docs/demo.png, the README's
// screenshot of the demo after /?close=4001&reason=bye.
package harness
