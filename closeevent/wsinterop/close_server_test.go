//go:build !(js && wasm)

package wsinterop_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/closeevent/wsinterop"
	"github.com/coder/websocket"
)

// closeAttempt is one call of wsinterop.Close the test server makes.
type closeAttempt struct {
	code   closeevent.Code
	reason string
}

// serveCloses starts a server whose handler, for each connection, calls
// wsinterop.Close with every attempt in turn until one succeeds (after
// each refused one it writes "still open"), and reports every result.
func serveCloses(t *testing.T, attempts []closeAttempt) (url string, results <-chan error) {
	t.Helper()
	out := make(chan error, len(attempts))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			out <- err
			return
		}
		defer c.CloseNow()
		// Keep reading so that the client's answer to the Close frame
		// is seen: coder/websocket reads control frames only in a Read.
		c.CloseRead(context.Background())
		for _, a := range attempts {
			err := wsinterop.Close(c, a.code, a.reason)
			out <- err
			if err == nil {
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			werr := c.Write(ctx, websocket.MessageText, []byte("still open"))
			cancel()
			if werr != nil {
				out <- werr
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http"), out
}

// readUntilClose reads messages until Read fails and returns them and
// the error.
func readUntilClose(t *testing.T, url string) ([]string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	var msgs []string
	for {
		_, p, err := c.Read(ctx)
		if err != nil {
			return msgs, err
		}
		msgs = append(msgs, string(p))
	}
}

// A server may send every code a peer may send, including the ones the
// browser's close() refuses, and the client reads it back exactly.
func TestClose_ServerSendsValidOnWireCodes(t *testing.T) {
	for _, a := range []closeAttempt{
		{closeevent.GoingAway, "restarting"},
		{closeevent.InternalError, "oops"},
		{closeevent.PolicyViolation, ""},
		{closeevent.TryAgainLater, "busy"},
		{4999, strings.Repeat("é", 61) + "x"}, // 123 bytes
	} {
		t.Run(a.code.String(), func(t *testing.T) {
			url, results := serveCloses(t, []closeAttempt{a})
			_, err := readUntilClose(t, url)
			if got := <-results; got != nil {
				t.Errorf("server's Close(%d, %q) = %v, want nil", a.code, a.reason, got)
			}
			want := closeevent.CloseEvent{Type: "close", Code: a.code, Reason: a.reason, WasClean: true}
			if got, ok := wsinterop.FromError(err); !ok || got != want {
				t.Errorf("client's Read error %q: FromError = %v, %v; want %v, true", err, got, ok, want)
			}
		})
	}
}

// NoStatusReceived with no reason sends a Close frame without a body,
// which the client reports as 1005.
func TestClose_ServerSendsNoStatus(t *testing.T) {
	url, results := serveCloses(t, []closeAttempt{{closeevent.NoStatusReceived, ""}})
	_, err := readUntilClose(t, url)
	if got := <-results; got != nil {
		t.Errorf("server's Close(1005, \"\") = %v, want nil", got)
	}
	want := closeevent.CloseEvent{Type: "close", Code: closeevent.NoStatusReceived, WasClean: true}
	if got, ok := wsinterop.FromError(err); !ok || got != want {
		t.Errorf("client's Read error %q: FromError = %v, %v; want %v, true", err, got, ok, want)
	}
}

// A refused Close sends nothing and leaves the connection open: the
// message written after it arrives, and the close that follows is the
// valid one.
func TestClose_ServerRefusalSendsNothing(t *testing.T) {
	attempts := []closeAttempt{
		{closeevent.AbnormalClosure, ""},
		{1004, ""},
		{closeevent.TLSHandshake, ""},
		{999, ""},
		{5000, ""},
		{2000, ""},
		{closeevent.NoStatusReceived, "a reason"},
		{4000, strings.Repeat("a", 124)},
		{4000, "bad \xff UTF-8"},
		{4001, "finally"},
	}
	url, results := serveCloses(t, attempts)
	msgs, err := readUntilClose(t, url)
	for i, a := range attempts {
		got := <-results
		last := i == len(attempts)-1
		if last {
			if got != nil {
				t.Errorf("Close(%d, %q) = %v, want nil", a.code, a.reason, got)
			}
			continue
		}
		var sentinel error = closeevent.ErrSyntax
		if !a.code.ValidOnWire() { // 1005 with a reason too
			sentinel = closeevent.ErrInvalidAccess
		}
		if !errors.Is(got, sentinel) || !strings.HasPrefix(got.Error(), "wsinterop: Close: ") {
			t.Errorf("Close(%d, %q) = %v, want a wsinterop: Close: error wrapping %v", a.code, a.reason, got, sentinel)
		}
		if msg := got.Error(); strings.Count(msg, "wsinterop:") != 1 || strings.Contains(msg, "closeevent:") {
			t.Errorf("Close(%d, %q) = %q: the message repeats a package's prefix", a.code, a.reason, msg)
		}
	}
	if len(msgs) != len(attempts)-1 {
		t.Errorf("client read %d messages, want %d (one after each refused Close): %q", len(msgs), len(attempts)-1, msgs)
	}
	want := closeevent.CloseEvent{Type: "close", Code: 4001, Reason: "finally", WasClean: true}
	if got, ok := wsinterop.FromError(err); !ok || got != want {
		t.Errorf("client's Read error %q: FromError = %v, %v; want %v, true", err, got, ok, want)
	}
}
