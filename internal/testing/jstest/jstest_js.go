//go:build js && wasm

// Package jstest holds the helpers the module's js/wasm tests share: running
// JavaScript source, finding the test server that `make test` starts, and
// the row of internal/testing/enginetable for the engine a test runs in.
// Only tests import it.
package jstest

import (
	"os"
	"strings"
	"syscall/js"
	"testing"

	"github.com/closeshim/closeshim/internal/testing/enginetable"
)

// Eval runs JavaScript source as the body of a function called with args
// and returns its result. Tests use it to make values only script can make
// (getters, Proxies, Symbols, BigInts); the pages the tests run in have no
// CSP forbidding it, and the module's own code never builds functions from
// source.
func Eval(t testing.TB, body string, args ...any) js.Value {
	t.Helper()
	return js.Global().Get("Function").New(body).Invoke(args...)
}

// EnvServerURL names the variable that carries the test server's base URL
// (http://127.0.0.1:PORT); internal/testing/cmd/withserver sets it, as
// internal/closeserver's EnvServerURL says.
const EnvServerURL = "CLOSESHIM_SERVER_URL"

// ServerURL returns the test server's base URL, or skips the test, saying
// why, when the runtime has no WebSocket (Node.js 20) or no server was
// started (the test does not run under `make test`).
func ServerURL(t testing.TB) string {
	t.Helper()
	if js.Global().Get("WebSocket").Type() != js.TypeFunction {
		t.Skip("this JavaScript runtime has no WebSocket constructor (Node.js 20 has none); run the test in a browser")
	}
	base := os.Getenv(EnvServerURL)
	if base == "" {
		t.Skipf("%s is not set: run the js/wasm tests through `make test`, which starts the server", EnvServerURL)
	}
	return strings.TrimSuffix(base, "/")
}

// WSURL returns the ws:// URL of the test server's /ws endpoint with the
// raw query q (such as "close=4001&reason=bye"), or skips as ServerURL does.
func WSURL(t testing.TB, q string) string {
	t.Helper()
	return "ws" + strings.TrimPrefix(ServerURL(t), "http") + "/ws?" + q
}

// EngineRow returns the internal/testing/enginetable row of the engine the
// test runs in, which it tells from navigator.userAgent, and skips the test
// outside a browser engine the table knows (Node.js, say).
func EngineRow(t testing.TB) enginetable.Row {
	t.Helper()
	nav := js.Global().Get("navigator")
	ua := ""
	if nav.Type() == js.TypeObject {
		if v := nav.Get("userAgent"); v.Type() == js.TypeString {
			ua = v.String()
		}
	}
	row, ok := enginetable.ForUserAgent(ua)
	if !ok {
		t.Skipf("not in a browser engine of internal/testing/enginetable (userAgent %q)", ua)
	}
	return row
}
