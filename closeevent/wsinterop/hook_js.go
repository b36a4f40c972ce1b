//go:build js && wasm

package wsinterop

import (
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// webSocketName is the global that coder/websocket's browser build
// constructs its WebSocket from (internal/wsjs, New).
const webSocketName = "WebSocket"

// hook is one arming of the constructor hook described in the package
// documentation: for one Dial, globalThis.WebSocket is a revocable Proxy of
// the original constructor, whose construct trap captures the first
// instance made for the URL Dial expects.
type hook struct {
	r      *realm
	want   string // the URL websocket.Dial passes to the constructor
	unlock func() // lets the next Dial arm; called once, at disarm

	original js.Value // the constructor that was global when armed
	proxy    js.Value
	revoke   js.Value
	trap     js.Func
	shield   js.Func // see shield, in jsbase_js.go

	disarmOnce  sync.Once
	releaseOnce sync.Once

	mu           sync.Mutex // guards what the trap records, for Dial to read
	ws           js.Value
	captured     bool                // ws is the instance made for want
	tracker      *closeevent.Tracker // ws's, once captured; or a failed one
	constructErr error               // what the constructor threw for want
	missed       string
}

// arm installs the hook. On success the caller must call release, whether
// or not the hook fires; on failure nothing is left installed and unlock
// has not been called.
func arm(r *realm, want string, unlock func()) (*hook, error) {
	h := &hook{r: r, want: want, unlock: unlock, ws: js.Undefined(), revoke: js.Undefined()}
	var err error
	h.original, err = jsguard.Get(r.global, webSocketName)
	if err != nil {
		return nil, fmt.Errorf("%w: reading globalThis.WebSocket threw %w", ErrNotTracked, jsguard.Thrown(err))
	}
	if jsguard.Kind(h.original) != js.TypeFunction {
		return nil, fmt.Errorf("%w: no WebSocket constructor in this runtime", closeevent.ErrUnsupported)
	}
	// Both functions are made before anything is installed: making one
	// fails on a page whose Array.prototype has an index setter, and then
	// websocket.Dial, which makes its own with js.FuncOf and does not
	// recover, must not run at all.
	if h.shield, err = shield(); err != nil {
		return nil, fmt.Errorf("%w: cannot make a JavaScript function: %w", ErrNotTracked, jsguard.Thrown(err))
	}
	if h.trap, err = jsguard.FuncOf(h.construct); err != nil {
		return nil, fmt.Errorf("%w: cannot make a JavaScript function: %w", ErrNotTracked, jsguard.Thrown(err))
	}
	fail := func(what string, err error) (*hook, error) {
		if jsguard.Kind(h.revoke) == js.TypeFunction {
			_, _ = jsguard.Invoke(h.revoke)
		}
		h.trap.Release()
		return nil, fmt.Errorf("%w: %s: %w", ErrNotTracked, what, thrownOr(err))
	}
	// The handler has no prototype, so nothing a page put on
	// Object.prototype can pose as a trap.
	handler, err := jsguard.NullObject("construct", h.trap.Value)
	if err != nil {
		return fail("building the Proxy handler", err)
	}
	if h.proxy, h.revoke, err = jsguard.RevocableProxy(h.original, handler); err != nil {
		return fail("Proxy.revocable failed", err)
	}

	// Install, then read back: an accessor property could accept the
	// value and keep another.
	if err := jsguard.Set(r.global, webSocketName, h.proxy); err != nil {
		return fail("cannot replace globalThis.WebSocket", err)
	}
	if now, err := jsguard.Get(r.global, webSocketName); err != nil || !now.Equal(h.proxy) {
		h.restore()
		return fail("cannot replace globalThis.WebSocket", errors.New("the global did not keep the new value"))
	}
	return h, nil
}

// construct is the Proxy's construct trap: (target, argumentsList,
// newTarget). It runs inside new WebSocket(...), on the JavaScript stack,
// so it must not block, and a panic here would end the program: it is
// recovered, and the construction then fails with a TypeError.
func (h *hook) construct(_ js.Value, args []js.Value) (result any) {
	defer func() {
		if p := recover(); p != nil {
			h.disarm()
			h.note(func() { h.missed = "the WebSocket constructor hook panicked: " + jsguard.PanicText(p) })
			result = js.Undefined()
		}
	}()
	if len(args) < 3 {
		h.disarm()
		return js.Undefined()
	}
	list, newTarget := args[1], args[2]

	// Is this the construction websocket.Dial makes? list is the
	// arguments array the engine made for this call.
	url := ""
	if first, err := jsguard.Get(list, 0); err == nil && jsguard.Kind(first) == js.TypeString {
		url = first.String()
	}
	mine := url == h.want

	// One shot: the original is back before it runs, so that a
	// construction inside it (a wrapper that news the global) reaches
	// the original, not this trap.
	h.disarm()
	if newTarget.Equal(h.proxy) {
		// new.target is the Proxy itself, which is revoked now: use the
		// original, whose prototype the Proxy reported anyway.
		newTarget = h.original
	}
	ws, err := jsguard.ConstructWith(h.original, list, newTarget)
	if err != nil {
		// A trap cannot rethrow the exception; returning a non-object
		// makes the engine throw a TypeError at the new, which
		// coder/websocket catches. Dial reports the original exception.
		thrown := thrownOr(err)
		h.note(func() {
			if mine {
				h.constructErr = thrown
			} else {
				h.missed = fmt.Sprintf("a WebSocket for %q was being constructed when the hook fired, and threw", url)
			}
		})
		return js.Undefined()
	}
	if !mine {
		h.note(func() {
			h.missed = fmt.Sprintf("the WebSocket constructed while the hook was installed was for %q, not %q", url, h.want)
		})
		return ws
	}
	// Attached now, before the instance leaves this call: no event can
	// have been dispatched yet, and these listeners run before those
	// coder/websocket adds once it has the instance.
	if _, err := jsguard.Call(ws, "addEventListener", "error", h.shield.Value); err != nil {
		jsguard.ConsoleError("wsinterop: Dial: cannot shield the WebSocket's error events: " + jsguard.Thrown(err).Error())
	}
	t, err := closeevent.Track(ws)
	if err != nil {
		t = notTracked(notTrackedBecause("tracking the WebSocket", err))
	}
	h.note(func() {
		h.ws, h.captured, h.tracker = ws, true, t
	})
	return ws
}

// note runs f under h.mu.
func (h *hook) note(f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f()
}

// disarm puts the original constructor back, revokes the Proxy and lets
// the next Dial arm. It acts once; later calls do nothing.
func (h *hook) disarm() {
	h.disarmOnce.Do(func() {
		h.restore()
		if _, err := jsguard.Invoke(h.revoke); err != nil {
			jsguard.ConsoleError("wsinterop: revoking the WebSocket hook: " + jsguard.Thrown(err).Error())
		}
		h.unlock()
	})
}

// restore sets globalThis.WebSocket back to the original if it still holds
// the Proxy. A value another script put there since is left alone.
func (h *hook) restore() {
	now, err := jsguard.Get(h.r.global, webSocketName)
	if err != nil || !now.Equal(h.proxy) {
		return
	}
	if err := jsguard.Set(h.r.global, webSocketName, h.original); err != nil {
		// Nothing to return to: the caller is the engine or a deferred
		// cleanup. The page must hear of it, as every later new
		// WebSocket would throw on the revoked Proxy.
		jsguard.ConsoleError("wsinterop: could not restore globalThis.WebSocket: " + thrownOr(err).Error())
	}
}

// release disarms the hook if it has not fired, frees the trap (the
// revoked Proxy can no longer call it) and, when no instance was captured,
// makes the Tracker one that reports why. Dial defers it. Later calls do
// nothing.
func (h *hook) release() {
	h.releaseOnce.Do(h.releaseNow)
}

func (h *hook) releaseNow() {
	h.disarm()
	h.trap.Release()
	h.mu.Lock()
	captured, constructErr, missed := h.captured, h.constructErr, h.missed
	h.mu.Unlock()
	if captured {
		return
	}
	var why error
	switch {
	case constructErr != nil:
		why = fmt.Errorf("%w: new WebSocket threw %w", ErrNotTracked, constructErr)
	case missed != "":
		why = fmt.Errorf("%w: %s", ErrNotTracked, missed)
	default:
		why = fmt.Errorf("%w: websocket.Dial constructed no WebSocket through globalThis.WebSocket", ErrNotTracked)
	}
	h.note(func() { h.tracker = notTracked(why) })
}

// result returns the Tracker of the captured WebSocket, or, once release
// has run, one whose Wait says why none was captured.
func (h *hook) result() *closeevent.Tracker {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.tracker
}

// thrownByConstructor returns what the constructor threw for Dial's URL, or
// nil.
func (h *hook) thrownByConstructor() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.constructErr
}

// abandon closes the captured WebSocket, for a Dial that failed while it
// may still be connecting (its context ended): coder/websocket's own close
// uses 1008, which the browser refuses, so the socket would otherwise stay
// open, and the Tracker would wait for ever. close(1000) fails a
// connecting socket (1006) and does nothing to a closed one; it is a local
// close (closeevent.Tracker.Local).
func (h *hook) abandon() {
	h.mu.Lock()
	ws, captured := h.ws, h.captured
	h.mu.Unlock()
	if !captured {
		return
	}
	if _, err := jsguard.Call(ws, "close", int(closeevent.NormalClosure)); err != nil {
		jsguard.ConsoleError("wsinterop: closing the WebSocket of a failed Dial: " + jsguard.Thrown(err).Error())
	}
}

// thrownOr returns err with the JavaScript exception inside it, if any,
// made into a *jsguard.Exception whose text is taken once (jsguard.Thrown),
// and any other error as it is.
func thrownOr(err error) error {
	if _, ok := jsguard.ThrownValue(err); ok {
		return jsguard.Thrown(err)
	}
	return err
}
