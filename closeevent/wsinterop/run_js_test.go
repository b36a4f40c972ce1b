//go:build js && wasm

package wsinterop

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/coder/websocket"
)

// Local tells who closed: this package's Close and coder/websocket's own
// Close are local; the server's close is not, nor is a Close the browser
// refused (1001).
func TestDial_Local(t *testing.T) {
	for _, tc := range []struct {
		name  string
		query string
		close func(c *websocket.Conn) error
		local bool
		code  closeevent.Code
	}{
		{"wsinterop.Close", "", func(c *websocket.Conn) error { return Close(c, 4020, "mine") }, true, 4020},
		{"Conn.Close", "", func(c *websocket.Conn) error { return c.Close(4021, "theirs") }, true, 4021},
		{"server closes", "close=4022", func(*websocket.Conn) error { return nil }, false, 4022},
		{"Conn.Close(1001) refused, then the server closes", "close=4023&wait=1", func(c *websocket.Conn) error {
			if err := c.Close(websocket.StatusGoingAway, ""); err == nil {
				return errors.New("Conn.Close(1001) succeeded, want the browser's exception")
			}
			return c.Write(context.Background(), websocket.MessageText, []byte("close now"))
		}, false, 4023},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tc.query)
			c, tr, err := Dial(timeout(t), wsURL(t, q), nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := tc.close(c); err != nil {
				t.Fatal(err)
			}
			e, err := waitTracker(t, tr)
			if err != nil || e.Code != tc.code {
				t.Fatalf("Wait = %v, %v; want close %d", e, err, tc.code)
			}
			if tr.Local() != tc.local {
				t.Errorf("Local = %v, want %v", tr.Local(), tc.local)
			}
		})
	}
}

// testKey returns a key for the server's key=NAME&times=N that no other
// test, and no earlier run against the same server, uses.
func testKey(t *testing.T) string {
	return "wsinterop-" + strconv.Itoa(len(t.Name())) + "-" + strconv.FormatInt(time.Now().UnixNano()%1e12, 36)
}

var fastPolicy = closeevent.Policy{Min: 50 * time.Millisecond, Max: 500 * time.Millisecond, Stable: 2 * time.Second}

// The server closes with 1012 (1006 in WebKit) and is back: Run dials
// again; the second session ends by returning nil, and Run closes the
// connection (local) and stops.
func TestRun_ReconnectsAfterRestart(t *testing.T) {
	key := testKey(t)
	var sessions atomic.Int32
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	e, err := Run(ctx, fastPolicy, wsURL(t, query("close", "1012", "key", key, "times", "1")), nil,
		func(ctx context.Context, c *websocket.Conn) error {
			if sessions.Add(1) == 1 {
				_, _, err := c.Read(ctx) // the server's close ends the read
				return err
			}
			if err := c.Write(ctx, websocket.MessageText, []byte("back")); err != nil {
				return err
			}
			_, msg, err := c.Read(ctx)
			if err != nil || string(msg) != "back" {
				t.Errorf("the echo after the restart = %q, %v", msg, err)
			}
			return nil
		})
	if err != nil || e.Code != closeevent.NormalClosure || !e.WasClean {
		t.Errorf("Run = %v, %v; want Run's own close 1000 clean, nil", e, err)
	}
	if n := sessions.Load(); n != 2 {
		t.Errorf("%d sessions, want 2", n)
	}
}

// An error from session while the connection stands ends Run with that
// error, after closing the connection.
func TestRun_SessionError(t *testing.T) {
	boom := errors.New("the application failed")
	var sessions atomic.Int32
	e, err := Run(timeout(t), fastPolicy, wsURL(t, nil), nil, func(context.Context, *websocket.Conn) error {
		sessions.Add(1)
		return boom
	})
	if err != boom {
		t.Errorf("Run error = %v, want the session's own error", err)
	}
	if e.Code != closeevent.NormalClosure || !e.WasClean {
		t.Errorf("Run's event = %v, want the close Run made, 1000 clean", e)
	}
	if n := sessions.Load(); n != 1 {
		t.Errorf("%d sessions, want 1", n)
	}
}

// A refused handshake (403) is a dial error: retried without asking
// Decide, until MaxAttempts; session never runs.
func TestRun_RefusedGivesUp(t *testing.T) {
	decided := 0
	p := fastPolicy
	p.MaxAttempts = 3
	p.Decide = func(closeevent.CloseEvent, bool) bool { decided++; return true }
	e, err := Run(timeout(t), p, wsURL(t, query("refuse", "403")), nil, func(context.Context, *websocket.Conn) error {
		t.Error("session ran on a refused connection")
		return nil
	})
	if !errors.Is(err, closeevent.ErrGaveUp) || decided != 0 || e != (closeevent.CloseEvent{}) {
		t.Errorf("Run = %v, %v (Decide asked %d times); want the zero event, ErrGaveUp, Decide never asked", e, err, decided)
	}
}

// When ctx ends, the session returns and Run returns ctx.Err().
func TestRun_ContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Run(ctx, fastPolicy, wsURL(t, nil), nil, func(ctx context.Context, c *websocket.Conn) error {
		cancel()
		_, _, err := c.Read(ctx)
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if _, err := Run(context.Background(), fastPolicy, "ws://127.0.0.1:1/", nil, nil); err == nil {
		t.Error("Run with a nil session = nil error")
	}
}
