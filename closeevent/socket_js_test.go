//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

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
	rec := jstest.Eval(t, `const seen = arguments[0];
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
			ws := js.Global().Get("WebSocket").New(jstest.WSURL(t, tc.query))
			nextAndCompare(t, ws, tc.want)
		})
	}
}

func TestSocket_ClientCloses(t *testing.T) {
	t.Run("with code and reason", func(t *testing.T) {
		ws := openSocket(t, jstest.WSURL(t, ""))
		ws.Call("close", 4002, "client")
		nextAndCompare(t, ws, CloseEvent{Code: 4002, Reason: "client", WasClean: true})
	})
	t.Run("without code", func(t *testing.T) {
		ws := openSocket(t, jstest.WSURL(t, ""))
		ws.Call("close")
		nextAndCompare(t, ws, CloseEvent{Code: NoStatusReceived, WasClean: true})
	})
	t.Run("while connecting", func(t *testing.T) {
		ws := js.Global().Get("WebSocket").New(jstest.WSURL(t, "delay=200"))
		ws.Call("close", 4003, "early")
		nextAndCompare(t, ws, CloseEvent{Code: AbnormalClosure, WasClean: false})
	})
}

func TestNext_AlreadyClosedWebSocket(t *testing.T) {
	ws := js.Global().Get("WebSocket").New(jstest.WSURL(t, "close=4000"))
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
