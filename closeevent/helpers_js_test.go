//go:build js && wasm

package closeevent

import (
	"syscall/js"
	"testing"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// inBrowser reports whether the test runs in a browser page or worker, as
// opposed to Node.js.
func inBrowser() bool {
	return js.Global().Get("process").IsUndefined()
}

// needCloseEvent skips a test in runtimes without a CloseEvent constructor
// (Node.js before 23), naming the reason.
func needCloseEvent(t testing.TB) {
	t.Helper()
	if js.Global().Get("CloseEvent").IsUndefined() {
		t.Skip("this JavaScript runtime has no CloseEvent constructor (Node.js before 23)")
	}
}

// fakeCloseEvent returns an Event named typ with own properties code,
// reason and wasClean: what a polyfill makes, and what Node.js 20 can make.
func fakeCloseEvent(t testing.TB, typ string, code int, reason string, wasClean bool) js.Value {
	t.Helper()
	return jstest.Eval(t, `const e = new Event(arguments[0]);
		Object.assign(e, {code: arguments[1], reason: arguments[2], wasClean: arguments[3]});
		return e;`, typ, code, reason, wasClean)
}
