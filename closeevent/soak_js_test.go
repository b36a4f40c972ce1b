//go:build js && wasm

package closeevent

import (
	"flag"
	"os"
	"runtime"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// The reliability tests (load_js_test.go, fault_js_test.go,
// hostile_js_test.go, leak_js_test.go) run a fast variant in `make test`
// and a long one under soak: the -soak test flag, or CLOSESHIM_SOAK=1 in
// the environment, which is what `make soak` sets (wasmbrowsertest passes
// the environment on to the page).
var soakFlag = flag.Bool("soak", false, "run the long variants of the load, fault, hostile-value and leak tests (also CLOSESHIM_SOAK=1)")

// soakEnv names the environment variable that turns on the long variants.
const soakEnv = "CLOSESHIM_SOAK"

// soak reports whether the long variants run.
func soak() bool { return *soakFlag || os.Getenv(soakEnv) == "1" }

// scale returns fast in a normal run and long under soak.
func scale(fast, long int) int {
	if soak() {
		return long
	}
	return fast
}

// soakFigure logs, in a form `make soak` adds up per engine, n items of a
// kind (sockets, drops, hostile values, listeners, decodes) a test ran and
// how many of them were lost: a close not delivered exactly once and as
// expected, a value read other than JavaScript read it.
func soakFigure(t testing.TB, kind string, n, lost int) {
	t.Helper()
	t.Logf("soak figure: %s %d lost %d", kind, n, lost)
}

// needWebSocket skips a test in runtimes without a WebSocket (Node.js
// before 22) or without the test server, naming the reason, and returns the
// server's base URL.
func needWebSocket(t testing.TB) string {
	t.Helper()
	return jstest.ServerURL(t)
}

// waitUntil polls cond, yielding to the JavaScript event loop between
// polls, until it holds or limit passes; it reports whether it held.
func waitUntil(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(2 * time.Millisecond)
	}
	return true
}

// yieldEvery lets the other goroutines run after every nth step i of a
// loop that reads JavaScript values, as a program does between the events
// it handles. A js.Value's JavaScript value is freed by a finalizer, which
// runs on its own goroutine, and js/wasm switches goroutines only where
// one blocks or yields: a loop that never yields keeps every value it read
// until it ends, and Go's wasm memory, which never shrinks, grows with it
// (docs/engines.md, "wasm_exec.js and syscall/js").
func yieldEvery(n, i int) {
	if i%n == n-1 {
		runtime.Gosched()
	}
}

// alive checks that the Go program still runs and still reaches
// JavaScript: a goroutine answers, and a call into JavaScript returns.
func alive(t testing.TB) {
	t.Helper()
	ch := make(chan int)
	go func() { ch <- 6 * 7 }()
	if got := <-ch; got != 42 {
		t.Fatalf("a goroutine answered %d, want 42", got)
	}
	if got := js.Global().Get("Math").Call("max", 41, 42).Int(); got != 42 {
		t.Fatalf("Math.max(41, 42) = %d, want 42", got)
	}
}
