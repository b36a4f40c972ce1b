//go:build js && wasm

package wsinterop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/coder/websocket"

	"github.com/closeshim/closeshim/internal/testing/enginetable"
	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// These tests run in a browser against the closeshim test server
// (internal/closeserver), whose URL internal/testing/cmd/withserver passes in
// CLOSESHIM_SERVER_URL; they skip without it.

// query builds a /ws query from name, value pairs.
func query(kv ...string) url.Values {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return q
}

// checkHookGone fails the test unless globalThis.WebSocket is original.
func checkHookGone(t *testing.T, original js.Value) {
	t.Helper()
	if !globalWebSocket(t).Equal(original) {
		t.Error("globalThis.WebSocket is not the original constructor after Dial")
	}
}

// The server closes with a code and reason: the tracker has the exact
// close, and Read fails as coder/websocket makes it fail (net.ErrClosed,
// no status).
func TestDial_ServerCloses(t *testing.T) {
	serverURL(t)
	original := globalWebSocket(t)
	tests := []struct {
		name  string
		query url.Values
		want  closeevent.CloseEvent
	}{
		{"4001 with a reason", query("close", "4001", "reason", "bye"),
			closeevent.CloseEvent{Code: 4001, Reason: "bye", WasClean: true}},
		{"1000 without a reason", query("close", "1000"),
			closeevent.CloseEvent{Code: closeevent.NormalClosure, WasClean: true}},
		{"1001, which a browser may not send", query("close", "1001", "reason", "going away"),
			closeevent.CloseEvent{Code: closeevent.GoingAway, Reason: "going away", WasClean: true}},
		{"1011", query("close", "1011", "reason", "oops"),
			closeevent.CloseEvent{Code: closeevent.InternalError, Reason: "oops", WasClean: true}},
		{"3000 with a non-ASCII reason", query("close", "3000", "reason", "accès refusé €"),
			closeevent.CloseEvent{Code: closeevent.Unauthorized, Reason: "accès refusé €", WasClean: true}},
		{"4999 with a 123-byte reason", query("close", "4999", "reason", strings.Repeat("é", 61)+"x"),
			closeevent.CloseEvent{Code: 4999, Reason: strings.Repeat("é", 61) + "x", WasClean: true}},
		{"no status: 1005", query("close", "none"),
			closeevent.CloseEvent{Code: closeevent.NoStatusReceived, WasClean: true}},
		{"after a delay", query("close", "4002", "reason", "later", "delay", "200"),
			closeevent.CloseEvent{Code: 4002, Reason: "later", WasClean: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, tr, err := Dial(timeout(t), wsURL(t, tt.query), nil)
			if err != nil {
				t.Fatalf("Dial: %v", err)
			}
			checkHookGone(t, original)
			e, err := waitTracker(t, tr)
			if err != nil {
				t.Fatalf("Wait: %v", err)
			}
			if e.Code != tt.want.Code || e.Reason != tt.want.Reason || e.WasClean != tt.want.WasClean || e.Type != "close" || !e.IsTrusted {
				t.Errorf("tracker = %v (trusted %v), want %v, trusted", e, e.IsTrusted, tt.want)
			}
			// Once Wait has the close, so has the Conn.
			if werr := c.Write(timeout(t), websocket.MessageText, []byte("x")); !errors.Is(werr, net.ErrClosed) {
				t.Errorf("Write after Wait = %v, want net.ErrClosed", werr)
			}
			_, _, rerr := c.Read(timeout(t))
			if !errors.Is(rerr, net.ErrClosed) {
				t.Errorf("Read error = %v, want net.ErrClosed as coder/websocket gives it", rerr)
			}
			if s := websocket.CloseStatus(rerr); s != -1 {
				t.Errorf("CloseStatus(Read error) = %v; coder/websocket v1.8.15 gives -1 in the browser", s)
			}
			if _, ok := FromError(rerr); ok {
				t.Error("FromError(Read error) found a close; the browser build's Read carries none")
			}
			// What coder/websocket code can use instead of the lost status.
			want := websocket.StatusCode(tt.want.Code)
			if tt.want.Code == closeevent.NormalClosure {
				want = -1 // Err gives nil for a clean 1000
			}
			if got := websocket.CloseStatus(Err(e)); got != want {
				t.Errorf("CloseStatus(Err(e)) = %v, want %v", got, want)
			}
		})
	}
}

// The server drops the TCP connection: 1006, not clean. Where the engine
// may fire no open event for a connection dropped right after the
// handshake (its internal/testing/enginetable row's MayMissOpen), Dial may
// fail instead, and the tracker still gives 1006.
func TestDial_ServerAborts(t *testing.T) {
	serverURL(t)
	row := jstest.EngineRow(t)
	original := globalWebSocket(t)
	for _, q := range []url.Values{query("abort", "1"), query("abort", "1", "delay", "100")} {
		t.Run(q.Encode(), func(t *testing.T) {
			c, tr, err := Dial(timeout(t), wsURL(t, q), nil)
			checkHookGone(t, original)
			if err != nil {
				if !row.MayMissOpen || !errors.Is(err, net.ErrClosed) {
					t.Fatalf("Dial: %v", err)
				}
				e, werr := waitTracker(t, tr)
				if werr != nil || e.Code != closeevent.AbnormalClosure || e.WasClean {
					t.Errorf("tracker = %v, %v; want 1006, not clean", e, werr)
				}
				t.Logf("%s fired no open event before the drop (row MayMissOpen): Dial: %v", row.Engine, err)
				return
			}
			if _, _, rerr := c.Read(timeout(t)); !errors.Is(rerr, net.ErrClosed) {
				t.Errorf("Read error = %v, want net.ErrClosed", rerr)
			}
			e, err := waitTracker(t, tr)
			if err != nil || e.Code != closeevent.AbnormalClosure || e.WasClean {
				t.Errorf("tracker = %v, %v; want 1006, not clean", e, err)
			}
			if err := Err(e); err == nil || !strings.Contains(err.Error(), "uncleanly") {
				t.Errorf("Err(e) = %v, want an error saying uncleanly", err)
			}
		})
	}
}

// refusedURL returns a ws URL that no server answers: the test server's
// port on 127.0.0.2. internal/testing/cmd/withserver binds 127.0.0.1 alone, and
// while it listens no process can listen on the wildcard address at that
// port, so on Linux, where all of 127.0.0.0/8 is loopback, the connection
// is refused at once. A wasm test cannot open a port of its own to learn
// a closed one, and guessing a port is unsafe.
func refusedURL(t *testing.T) string {
	t.Helper()
	u := serverURL(t)
	if u.Hostname() != "127.0.0.1" {
		t.Skipf("the server listens on %s, not 127.0.0.1: no port is known to be closed", u.Hostname())
	}
	return "ws://127.0.0.2:" + u.Port() + "/ws"
}

// A refused connection: Dial fails, the tracker still gives 1006.
func TestDial_Refused(t *testing.T) {
	original := globalWebSocket(t)
	target := refusedURL(t)
	c, tr, err := Dial(timeout(t), target, nil)
	if err == nil {
		c.CloseNow()
		t.Fatalf("Dial(%s) succeeded; something listens there, so the test proves nothing", target)
	}
	if !errors.Is(err, net.ErrClosed) {
		t.Errorf("Dial error = %v, want coder/websocket's net.ErrClosed", err)
	}
	checkHookGone(t, original)
	e, werr := waitTracker(t, tr)
	if werr != nil || e.Code != closeevent.AbnormalClosure || e.WasClean {
		t.Errorf("tracker = %v, %v; want 1006, not clean", e, werr)
	}
}

// A handshake the server rejects (HTTP 400 for a bad query) looks the same
// to the page as a refusal: 1006, by design.
func TestDial_HandshakeRejected(t *testing.T) {
	original := globalWebSocket(t)
	_, tr, err := Dial(timeout(t), wsURL(t, query("close", "1006")), nil)
	if err == nil {
		t.Fatal("Dial succeeded; the server accepts close=1006")
	}
	checkHookGone(t, original)
	e, werr := waitTracker(t, tr)
	if werr != nil || e.Code != closeevent.AbnormalClosure || e.WasClean {
		t.Errorf("tracker = %v, %v; want 1006, not clean", e, werr)
	}
}

// A URL the constructor rejects: Dial's error carries the browser's
// exception, the tracker has nothing, and the hook is gone. An engine may
// fail a "bad port" later instead: with 1006, or, where its
// internal/testing/enginetable row's BadPort has no close event, with
// nothing after the error event, so that Dial ends with its context and
// the tracker's Wait with its deadline.
func TestDial_ConstructorThrows(t *testing.T) {
	needWebSocket(t)
	original := globalWebSocket(t)
	const badPort = "ws://127.0.0.1:1/ws" // port 1 is a "bad port" (docs/engines.md, "WHATWG Fetch, \"bad port\"")
	for _, target := range []string{
		"ftp://127.0.0.1/ws", // a scheme the constructor rejects: SyntaxError
		badPort,
		"ws://[not an address]/", // not a URL
	} {
		t.Run(target, func(t *testing.T) {
			if target == badPort {
				if row := jstest.EngineRow(t); !enginetable.Closes(row.BadPort) {
					dialSilentBadPort(t, row, original)
					return
				}
			}
			c, tr, err := Dial(timeout(t), target, nil)
			checkHookGone(t, original)
			if err == nil {
				c.CloseNow()
				t.Fatalf("Dial(%s) succeeded", target)
			}
			e, werr := waitTracker(t, tr)
			switch {
			case errors.Is(werr, ErrNotTracked):
				// The constructor threw; its exception is in the error.
				if !strings.Contains(err.Error(), target) || !strings.Contains(err.Error(), "Error") {
					t.Errorf("Dial error = %v, want the URL and the exception", err)
				}
				t.Logf("the constructor threw: %v", err)
			case werr == nil && e.Code == closeevent.AbnormalClosure && !e.WasClean:
				// Some engines fail such a URL later instead.
				t.Logf("the connection failed later: %v", e)
			default:
				t.Errorf("tracker = %v, %v; want ErrNotTracked or 1006", e, werr)
			}
		})
	}
}

// dialSilentBadPort dials a "bad port" in an engine that fires no close
// event for it (row BadPort): Dial returns its context's error, and a
// Wait with a deadline returns that deadline's error, not a hang.
func dialSilentBadPort(t *testing.T, row enginetable.Row, original js.Value) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c, tr, err := Dial(ctx, "ws://127.0.0.1:1/ws", nil)
	checkHookGone(t, original)
	if err == nil {
		c.CloseNow()
		t.Fatal(row.Mismatch("BadPort", row.BadPort, "open"))
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("%s (Dial: %v)", row.Mismatch("BadPort (no close event: Dial ends with its context)", "the context's error", "another outcome"), err)
	}
	wctx, wcancel := context.WithTimeout(context.Background(), time.Second)
	defer wcancel()
	if e, werr := tr.Wait(wctx); !errors.Is(werr, context.DeadlineExceeded) {
		t.Errorf("%s (Tracker.Wait: %v, %v)", row.Mismatch("BadPort (no close event: Tracker.Wait with a deadline returns the context's error)", "the context's error", "another outcome"), e, werr)
	}
	t.Logf("%s fired no close event for a bad port (row BadPort %q): Dial: %v", row.Engine, row.BadPort, err)
}

// A Dial whose context ends first closes the WebSocket it started, so the
// tracker reports a close instead of waiting for ever.
func TestDial_ContextEnded(t *testing.T) {
	original := globalWebSocket(t)
	u := wsURL(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, tr, err := Dial(ctx, u, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Dial error = %v, want context.Canceled", err)
	}
	checkHookGone(t, original)
	e, werr := waitTracker(t, tr)
	if werr != nil || e.Code != closeevent.AbnormalClosure || e.WasClean {
		t.Errorf("tracker = %v, %v; want 1006, not clean", e, werr)
	}
}

// Concurrent Dials each capture their own socket: every tracker reports
// the close its own URL asked for.
func TestDial_Concurrent(t *testing.T) {
	serverURL(t)
	original := globalWebSocket(t)
	const n = 12
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			code, reason := fmt.Sprint(4100+i), fmt.Sprint("conn ", i)
			c, tr, err := Dial(timeout(t), wsURL(t, query("close", code, "reason", reason, "delay", "100")), nil)
			if err != nil {
				t.Errorf("Dial %d: %v", i, err)
				return
			}
			if _, _, err := c.Read(timeout(t)); !errors.Is(err, net.ErrClosed) {
				t.Errorf("Read %d error = %v, want net.ErrClosed", i, err)
			}
			e, err := waitTracker(t, tr)
			if err != nil || fmt.Sprint(int(e.Code)) != code || e.Reason != reason || !e.WasClean {
				t.Errorf("tracker %d = %v, %v; want %s %q clean", i, e, err, code, reason)
			}
		})
	}
	wg.Wait()
	checkHookGone(t, original)
}

// spyOnClose counts calls of WebSocket.prototype.close until the test
// ends.
func spyOnClose(t *testing.T) (calls func() int) {
	t.Helper()
	spy := jstest.Eval(t, `const proto = WebSocket.prototype, saved = proto.close;
		const spy = {calls: 0, restore() { proto.close = saved; }};
		proto.close = function (...args) { spy.calls++; return saved.apply(this, args); };
		return spy;`)
	t.Cleanup(func() { spy.Call("restore") })
	return func() int { return spy.Get("calls").Int() }
}

// Close with 1001 returns the typed error without calling close(), so
// without a JavaScript exception, and leaves the connection usable.
func TestClose_GoingAwayWithoutException(t *testing.T) {
	c, tr, err := Dial(timeout(t), wsURL(t, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	calls := spyOnClose(t)
	err = Close(c, closeevent.GoingAway, "navigating away")
	var ve *closeevent.ValidationError
	if !errors.Is(err, closeevent.ErrInvalidAccess) || !errors.As(err, &ve) || ve.Name != "InvalidAccessError" {
		t.Errorf("Close(1001) = %v, want a *ValidationError wrapping ErrInvalidAccess", err)
	}
	if err := Close(c, 4000, strings.Repeat("€", 42)); !errors.Is(err, closeevent.ErrSyntax) {
		t.Errorf("Close(4000, 126 bytes) = %v, want ErrSyntax", err)
	}
	if n := calls(); n != 0 {
		t.Errorf("WebSocket.prototype.close called %d times, want 0", n)
	}
	if err := c.Write(timeout(t), websocket.MessageText, []byte("still open")); err != nil {
		t.Fatal(err)
	}
	if _, p, err := c.Read(timeout(t)); err != nil || string(p) != "still open" {
		t.Fatalf("echo = %q, %v; want \"still open\"", p, err)
	}
	// The echo server answers the client's Close frame with its code and
	// reason.
	if err := Close(c, 4321, "bye"); err != nil {
		t.Errorf("Close(4321) = %v, want nil", err)
	}
	if n := calls(); n != 1 {
		t.Errorf("WebSocket.prototype.close called %d times, want 1", n)
	}
	e, werr := waitTracker(t, tr)
	if werr != nil || e.Code != 4321 || e.Reason != "bye" || !e.WasClean {
		t.Errorf("tracker = %v, %v; want close 4321 clean reason=\"bye\"", e, werr)
	}
}

// The browser's real constructor, hooked: the constants, prototype and
// name are the original's while the hook is installed, and the global is
// the original after release.
func TestHook_RealWebSocket(t *testing.T) {
	needWebSocket(t)
	original := globalWebSocket(t)
	r, err := loadRealm()
	if err != nil {
		t.Fatal(err)
	}
	h, err := arm(r, "ws://unused.invalid/", func() {})
	if err != nil {
		t.Fatal(err)
	}
	checks := jstest.Eval(t, `const O = arguments[0], WS = globalThis.WebSocket;
		return [WS !== O, WS.OPEN === 1 && WS.CLOSED === 3, WS.prototype === O.prototype,
			WS.name === "WebSocket", Function.prototype.toString.call(WS).includes("[native code]")].map(String).join(",");`, original).String()
	h.release()
	if want := "true,true,true,true,true"; checks != want {
		t.Errorf("checks = %s, want %s (replaced, constants, prototype, name, native toString)", checks, want)
	}
	checkHookGone(t, original)
}
