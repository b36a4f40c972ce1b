//go:build js && wasm

package wsinterop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/coder/websocket"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// These tests run Dial on a FakeWebSocket (helpers_js_test.go), so they
// run in every runtime, Node.js 20 included; dial_js_test.go runs the same
// paths in a browser against the real server.

func TestDialFake_PeerClose(t *testing.T) {
	fake := installFake(t)
	const url = "ws://example.test/ws"
	c, tr, err := Dial(timeout(t), url, nil)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	if !globalWebSocket(t).Equal(fake) {
		t.Error("globalThis.WebSocket is not the original after Dial")
	}
	select {
	case <-tr.Done():
		t.Fatal("Done is closed before the close")
	default:
	}
	fakeInstance(t, fake, url).Call("fire", 4001, "bye", true)
	// A fake's close event is dispatched by script: the Tracker ignores
	// it (dial_js_test.go checks the browser's own), the Conn does not.
	ignoresScriptClose(t, tr)
	if werr := c.Write(timeout(t), websocket.MessageText, []byte("x")); !errors.Is(werr, net.ErrClosed) {
		t.Errorf("Write after Wait = %v, want net.ErrClosed", werr)
	}
	_, _, rerr := c.Read(timeout(t))
	if !errors.Is(rerr, net.ErrClosed) {
		t.Errorf("Read error = %v, want net.ErrClosed as coder/websocket gives it", rerr)
	}
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tr.Wait(ended); err != context.Canceled {
		t.Errorf("Wait with an ended context = %v, want context.Canceled", err)
	}
	if tr.Local() {
		t.Error("Local is true after the peer closed")
	}
}

func TestDialFake_Refused(t *testing.T) {
	fake := installFake(t)
	c, tr, err := Dial(timeout(t), "ws://example.test/refuse", nil)
	if err == nil || c != nil {
		t.Fatalf("Dial = %v, %v; want an error", c, err)
	}
	if !errors.Is(err, net.ErrClosed) {
		t.Errorf("Dial error = %v, want coder/websocket's net.ErrClosed", err)
	}
	ignoresScriptClose(t, tr)
	if !globalWebSocket(t).Equal(fake) {
		t.Error("globalThis.WebSocket is not the original after a failed Dial")
	}
}

// A Dial whose context ends while connecting closes the socket, which
// coder/websocket's close(1008) cannot do in a browser, so the tracker
// still reports a close.
func TestDialFake_ContextEnded(t *testing.T) {
	fake := installFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	const url = "ws://example.test/slow"
	_, tr, err := Dial(ctx, url, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Dial error = %v, want context.Canceled", err)
	}
	ignoresScriptClose(t, tr)
	if state := fakeInstance(t, fake, url).Get("readyState").Int(); state != 3 {
		t.Errorf("readyState = %d, want 3 (CLOSED)", state)
	}
}

func TestDialFake_ConstructorThrows(t *testing.T) {
	fake := installFake(t)
	const url = "ftp://example.test/"
	c, tr, err := Dial(timeout(t), url, nil)
	if c != nil || err == nil || !strings.Contains(err.Error(), "SyntaxError") || !strings.Contains(err.Error(), url) {
		t.Fatalf("Dial = %v, %v; want an error naming the URL and carrying the constructor's SyntaxError", c, err)
	}
	if _, werr := waitTracker(t, tr); !errors.Is(werr, ErrNotTracked) {
		t.Errorf("tracker error = %v, want ErrNotTracked", werr)
	}
	if !globalWebSocket(t).Equal(fake) {
		t.Error("globalThis.WebSocket is not the original after the constructor threw")
	}
}

func TestDialFake_NoWebSocket(t *testing.T) {
	keepGlobalWebSocket(t)
	jstest.Eval(t, `delete globalThis.WebSocket`)
	c, tr, err := Dial(timeout(t), "ws://example.test/", nil)
	if c != nil || !errors.Is(err, closeevent.ErrUnsupported) {
		t.Errorf("Dial = %v, %v; want an error wrapping ErrUnsupported", c, err)
	}
	if tr == nil {
		t.Fatal("Dial returned a nil Tracker")
	}
	if _, werr := tr.Wait(context.Background()); !errors.Is(werr, ErrNotTracked) {
		t.Errorf("Wait = %v, want ErrNotTracked at once", werr)
	}
}

// Concurrent Dials each capture their own socket, and the global is the
// original once they are done.
func TestDialFake_Concurrent(t *testing.T) {
	fake := installFake(t)
	const n = 20
	var wg sync.WaitGroup
	conns := make([]*websocket.Conn, n)
	trackers := make([]*closeevent.Tracker, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			conns[i], trackers[i], errs[i] = Dial(timeout(t), fmt.Sprintf("ws://example.test/%d", i), nil)
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("Dial %d: %v", i, errs[i])
		}
		fakeInstance(t, fake, fmt.Sprintf("ws://example.test/%d", i)).Call("fire", 4000+i, fmt.Sprint("r", i), true)
	}
	for i := range n {
		// Each Tracker follows its own socket: none has an error.
		ignoresScriptClose(t, trackers[i])
	}
	if !globalWebSocket(t).Equal(fake) {
		t.Error("globalThis.WebSocket is not the original after concurrent Dials")
	}
	if got := jstest.Eval(t, `return arguments[0].instances.length`, fake).Int(); got != n {
		t.Errorf("%d sockets constructed, want %d", got, n)
	}
}

// Close with a code the browser refuses returns the typed error and never
// calls close(); coder/websocket's own Close does, and gets an exception.
func TestDialFake_CloseGoingAway(t *testing.T) {
	fake := installFake(t)
	c, tr, err := Dial(timeout(t), "ws://example.test/", nil)
	if err != nil {
		t.Fatal(err)
	}
	err = Close(c, closeevent.GoingAway, "bye")
	var ve *closeevent.ValidationError
	if !errors.Is(err, closeevent.ErrInvalidAccess) || !errors.As(err, &ve) || ve.Name != "InvalidAccessError" {
		t.Errorf("Close(1001) = %v, want a *ValidationError wrapping ErrInvalidAccess", err)
	}
	if calls := fake.Get("closeCalls").Int(); calls != 0 {
		t.Errorf("close() called %d times, want 0", calls)
	}
	if err := Close(c, 4000, strings.Repeat("x", 124)); !errors.Is(err, closeevent.ErrSyntax) {
		t.Errorf("Close(4000, 124 bytes) = %v, want ErrSyntax", err)
	}
	// The connection is still open.
	if err := c.Write(timeout(t), websocket.MessageText, []byte("ping")); err != nil {
		t.Fatal(err)
	}
	if _, p, err := c.Read(timeout(t)); err != nil || string(p) != "ping" {
		t.Fatalf("echo = %q, %v; want ping", p, err)
	}
	// coder/websocket's own Close passes 1001 to the browser, which throws;
	// the library catches the exception and returns it as a js.Error.
	if err := c.Close(websocket.StatusGoingAway, "bye"); err == nil || !strings.Contains(err.Error(), "JavaScript error") {
		t.Errorf("(*websocket.Conn).Close(1001) = %v, want the exception as a JavaScript error", err)
	}
	if calls := fake.Get("closeCalls").Int(); calls != 1 {
		t.Errorf("close() called %d times after coder/websocket's Close, want 1", calls)
	}
	// That attempt made coder/websocket record a close it never sent; a
	// valid Close still closes.
	if tr.Local() {
		t.Error("Local is true after close(1001) threw")
	}
	if err := Close(c, closeevent.NormalClosure, "done"); err != nil {
		t.Errorf("Close(1000) = %v", err)
	}
	if !tr.Local() {
		t.Error("Local is false after Close(1000)")
	}
	ignoresScriptClose(t, tr)
}
