//go:build js && wasm

package wsinterop

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/coder/websocket"
)

// dialMu serialises the hook's window, from arming to the construction
// (or to websocket.Dial's return if none happens), across concurrent
// Dials: each Dial must save the real constructor, not another's Proxy.
// The hook unlocks it as it disarms, possibly on another goroutine.
var dialMu sync.Mutex

// Dial opens a WebSocket connection as websocket.Dial does, with the same
// arguments and the same errors, and returns a Tracker for its close
// event. It works in the browser build only; the package documentation
// describes how it captures the WebSocket, and its limits.
//
// The Tracker is a *closeevent.Tracker (see closeevent.Track) following the
// connection's WebSocket: its Wait returns the browser's own close event,
// with the exact code, reason and wasClean, whichever side closed; by the
// time Wait returns it, the *websocket.Conn has seen the same close (its
// Read and Write fail with net.ErrClosed at once). Its Local is true after
// Close, or coder/websocket's own Close, closed the connection. Err turns
// the event into the error coder/websocket code expects.
//
// The Tracker is returned even when Dial fails, never nil:
//
//   - when the connection could not be made (refused, DNS or TLS failure,
//     a handshake the server rejected), Wait returns the browser's close
//     event, AbnormalClosure and not clean;
//   - when ctx ends first, Dial closes the half-open WebSocket (which
//     coder/websocket's close with 1008 fails to do), so Wait again returns
//     its close, usually AbnormalClosure;
//   - when the WebSocket constructor throws (a URL it rejects), the error
//     carries the exception's text and Wait returns ErrNotTracked, as it
//     does whenever the hook saw no WebSocket.
//
// Dial fails without dialing, with an error wrapping
// closeevent.ErrUnsupported, in a runtime without a WebSocket constructor,
// and with one wrapping ErrNotTracked when globalThis.WebSocket cannot be
// replaced.
func Dial(ctx context.Context, url string, opts *websocket.DialOptions) (*websocket.Conn, *closeevent.Tracker, error) {
	c, t, _, err := dial(ctx, url, opts)
	return c, t, err
}

// dial is Dial, which also returns the WebSocket it captured (undefined
// when none).
func dial(ctx context.Context, url string, opts *websocket.DialOptions) (*websocket.Conn, *closeevent.Tracker, js.Value, error) {
	none := js.Undefined()
	r, err := loadRealm()
	if err != nil {
		return nil, notTracked(notTrackedBecause("", err)), none, opError("Dial", err)
	}

	dialMu.Lock()
	h, err := arm(r, constructorURL(url), dialMu.Unlock)
	if err != nil {
		dialMu.Unlock()
		why := err
		if !errors.Is(err, ErrNotTracked) {
			why = notTrackedBecause("", err)
		}
		return nil, notTracked(why), none, opError("Dial", err)
	}

	// Deferred, so the global is restored even if websocket.Dial panics
	// or returns without constructing; called at once after it too,
	// since the Tracker is known only once release has run.
	defer h.release()
	c, _, err := websocket.Dial(ctx, url, opts)
	h.release()
	t := h.result()
	if err != nil {
		if thrown := h.thrownByConstructor(); thrown != nil {
			// What websocket.Dial would have said had the constructor's
			// exception reached it; it saw the hook's TypeError instead.
			return nil, t, none, fmt.Errorf("failed to WebSocket dial %q: %w", url, thrown)
		}
		h.abandon()
		return nil, t, none, err
	}
	h.mu.Lock()
	ws := h.ws
	h.mu.Unlock()
	return c, t, ws, nil
}

// constructorURL is the URL coder/websocket v1.8's browser build passes to
// the WebSocket constructor for url (ws_js.go, dial).
func constructorURL(url string) string {
	url = strings.Replace(url, "http://", "ws://", 1)
	return strings.Replace(url, "https://", "wss://", 1)
}
