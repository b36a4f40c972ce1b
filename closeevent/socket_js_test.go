//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"os"
	"strings"
	"syscall/js"
	"testing"
	"time"
)

// serverURLEnv names the environment variable that carries the local test
// server's URL (http://127.0.0.1:PORT), set by `make test` through
// internal/testing/cmd/withserver, as coder/websocket's browser tests get theirs.
const serverURLEnv = "CLOSESHIM_SERVER_URL"

// wsURL returns the ws:// URL of the server's /ws endpoint with query q, or
// skips the test where no server or no WebSocket is available.
func wsURL(t testing.TB, q string) string {
	t.Helper()
	if js.Global().Get("WebSocket").IsUndefined() {
		t.Skip("this JavaScript runtime has no WebSocket (Node.js before 22)")
	}
	base := os.Getenv(serverURLEnv)
	if base == "" {
		t.Skipf("%s is not set: run the browser tests through `make test`, which starts the server", serverURLEnv)
	}
	return "ws" + strings.TrimPrefix(base, "http") + "/ws?" + q
}

// openSocket opens a WebSocket and returns it once its open event fired.
func openSocket(t testing.TB, url string) js.Value {
	t.Helper()
	ws := js.Global().Get("WebSocket").New(url)
	opened := make(chan struct{})
	onOpen := js.FuncOf(func(js.Value, []js.Value) any { close(opened); return nil })
	defer onOpen.Release()
	ws.Call("addEventListener", "open", onOpen, map[string]any{"once": true})
	select {
	case <-opened:
	case <-time.After(10 * time.Second):
		t.Fatalf("WebSocket to %s did not open within 10s", url)
	}
	return ws
}

// nextAndCompare waits for ws's close event through Next and checks the Go
// value against the expectation and against JavaScript's own reading of
// the same event (captured by a plain listener).
func nextAndCompare(t *testing.T, ws js.Value, want CloseEvent) {
	t.Helper()
	seen := js.Global().Get("Array").New()
	rec := jsEval(t, `const seen = arguments[0];
		return e => seen.push({code: e.code, reason: e.reason, wasClean: e.wasClean, type: e.type, isTrusted: e.isTrusted})`, seen)
	ws.Call("addEventListener", "close", rec)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := Next(ctx, ws)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	if got.Type != "close" || got.Code != want.Code || got.Reason != want.Reason || got.WasClean != want.WasClean || !got.IsTrusted {
		t.Errorf("close event = %v (trusted %v), want %v (trusted)", got, got.IsTrusted, want)
	}
	if seen.Length() != 1 {
		t.Fatalf("JavaScript saw %d close events, want 1", seen.Length())
	}
	js0 := seen.Index(0)
	if int(got.Code) != js0.Get("code").Int() || got.Reason != js0.Get("reason").String() || got.WasClean != js0.Get("wasClean").Bool() {
		t.Errorf("Go read %v; JavaScript read code %d reason %q wasClean %v", got,
			js0.Get("code").Int(), js0.Get("reason").String(), js0.Get("wasClean").Bool())
	}
}

func TestSocket_ServerCloses(t *testing.T) {
	long := strings.Repeat("é", 61) + "z" // 123 bytes
	tests := []struct {
		name, query string
		want        CloseEvent
	}{
		{"normal", "close=1000", CloseEvent{Code: NormalClosure, WasClean: true}},
		{"private code and reason", "close=4001&reason=bye", CloseEvent{Code: 4001, Reason: "bye", WasClean: true}},
		{"internal error", "close=1011&reason=internal", CloseEvent{Code: InternalError, Reason: "internal", WasClean: true}},
		{"123-byte multi-byte reason", "close=3003&reason=" + encodeURIComponent(long), CloseEvent{Code: Forbidden, Reason: long, WasClean: true}},
		{"markup and emoji reason", "close=4999&reason=" + encodeURIComponent("<b>€😀</b>"), CloseEvent{Code: 4999, Reason: "<b>€😀</b>", WasClean: true}},
		{"no status", "close=none", CloseEvent{Code: NoStatusReceived, WasClean: true}},
		{"dropped connection", "abort=1", CloseEvent{Code: AbnormalClosure, WasClean: false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws := js.Global().Get("WebSocket").New(wsURL(t, tc.query))
			nextAndCompare(t, ws, tc.want)
		})
	}
}

func TestSocket_ClientCloses(t *testing.T) {
	t.Run("with code and reason", func(t *testing.T) {
		ws := openSocket(t, wsURL(t, ""))
		ws.Call("close", 4002, "client")
		nextAndCompare(t, ws, CloseEvent{Code: 4002, Reason: "client", WasClean: true})
	})
	t.Run("without code", func(t *testing.T) {
		ws := openSocket(t, wsURL(t, ""))
		ws.Call("close")
		nextAndCompare(t, ws, CloseEvent{Code: NoStatusReceived, WasClean: true})
	})
	t.Run("while connecting", func(t *testing.T) {
		ws := js.Global().Get("WebSocket").New(wsURL(t, "delay=200"))
		ws.Call("close", 4003, "early")
		nextAndCompare(t, ws, CloseEvent{Code: AbnormalClosure, WasClean: false})
	})
}

func TestNext_AlreadyClosedWebSocket(t *testing.T) {
	ws := js.Global().Get("WebSocket").New(wsURL(t, "close=4000"))
	nextAndCompare(t, ws, CloseEvent{Code: 4000, WasClean: true})
	start := time.Now()
	_, err := Next(context.Background(), ws)
	if !errors.Is(err, ErrAlreadyClosed) {
		t.Fatalf("Next on a CLOSED WebSocket = %v, want ErrAlreadyClosed", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Next on a CLOSED WebSocket took %v, want at once", d)
	}
}

func encodeURIComponent(s string) string {
	return js.Global().Call("encodeURIComponent", s).String()
}
