//go:build js && wasm

package closeevent

import (
	"context"
	"sync"
	"syscall/js"
	"time"
	"unsafe"

	"github.com/closeshim/closeshim/closeevent/internal/tracking"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// The readyState values of a WebSocket (WebSockets Standard, "The
// WebSocket interface"); webSocketClosed is in listen_js.go.
const (
	webSocketConnecting = 0
	webSocketOpen       = 1
)

func init() {
	tracking.Failed = func(err error) unsafe.Pointer { return unsafe.Pointer(failedTracker(err)) }
}

// Tracker follows one WebSocket from Track to its close event: it keeps
// the event, tells who closed the socket (Local), and closes the socket
// safely (Close). Its methods may be called from any goroutine.
//
// A Tracker frees everything it attached to the socket (its listeners, its
// js.Funcs, the close accessor described on Local) by itself once the
// close event has been read: there is nothing to release. A socket that
// never closes keeps them for as long as it lives. Use the Trackers that
// Track and wsinterop.Dial return: the zero Tracker follows nothing, and
// its Done never closes.
type Tracker struct {
	done chan struct{}

	mu    sync.Mutex
	ws    js.Value // undefined once finished
	event CloseEvent
	err   error
	got   bool // the trusted close event has been read
	local bool // this program closed the socket
	// When the open event arrived (or Track ran, if already open) and
	// when the close event arrived, as monotonic readings (since); 0 for
	// not yet. Not time.Time, whose String and Format a program links as
	// soon as a Tracker reaches an interface value; for the same reason
	// init hands tracking.Failed an unsafe.Pointer, not an interface.
	openedAt, closedAt time.Duration
	before             int  // readyState when the close accessor was read
	checking           bool // a check of the readyState is queued
	accessor           bool // the close accessor was installed
	funcs              [4]js.Func
}

// The js.Funcs of a Tracker, in Tracker.funcs.
const (
	fnEvent  = iota // the open and close listener
	fnGet           // the close accessor's getter
	fnCheck         // the microtask that checks the readyState
	fnFinish        // the task that finishes after the dispatch
)

// Track starts following ws, a WebSocket (by prototype, so a subclass
// counts), and returns its Tracker. Call it right after constructing the
// socket, before the program returns to the event loop, so that no event
// can be missed.
//
// Only the browser's own close event finishes the Tracker: a close event
// that a script dispatches (isTrusted false) is ignored. For a socket that
// is already CLOSED, Track returns a Tracker whose Done is closed and whose
// Wait returns an error wrapping ErrAlreadyClosed, and nil.
//
// Track returns an error, and no Tracker, for anything that is not a
// WebSocket, an error wrapping ErrUnsupported in a runtime without a
// WebSocket constructor, and one carrying the exception when the socket's
// addEventListener throws.
//
// Tracking changes nothing about how the socket behaves: see Local for the
// one property it defines on the instance.
func Track(ws js.Value) (*Tracker, error) {
	r, err := loadRealm()
	if err != nil {
		return nil, err
	}
	state, err := webSocketState(ws)
	if err != nil {
		return nil, err
	}
	if state == webSocketClosed {
		return failedTracker(opError("Track", ErrAlreadyClosed, "", nil)), nil
	}
	t := &Tracker{done: make(chan struct{}), ws: ws}
	if state == webSocketOpen {
		t.openedAt = since()
	}
	fn, err := jsguard.FuncOf(func(_ js.Value, args []js.Value) any {
		t.handleEvent(r, args)
		return nil
	})
	if err != nil {
		cause, text := thrown(err)
		return nil, opError("Track", nil, "cannot make the listener function: "+text, cause)
	}
	t.funcs[fnEvent] = fn
	for _, typ := range [...]string{"open", "close"} {
		if _, err := jsguard.Call(ws, "addEventListener", typ, t.funcs[fnEvent].Value); err != nil {
			_, _ = jsguard.Call(ws, "removeEventListener", "open", t.funcs[fnEvent].Value)
			t.funcs[fnEvent].Release()
			cause, text := thrown(err)
			return nil, opError("Track", nil, "ws.addEventListener(\""+typ+"\") threw "+text, cause)
		}
	}
	t.installAccessor()
	return t, nil
}

// webSocketState returns ws's readyState, or an error when ws is not a
// WebSocket.
func webSocketState(ws js.Value) (int, error) {
	if !isWebSocket(ws) {
		if _, ok := webSocketPrototype(); !ok {
			return 0, opError("Track", ErrUnsupported, "no WebSocket constructor in this runtime", nil)
		}
		return 0, opError("Track", nil, "got "+jsguard.Describe(ws)+" that is not a WebSocket; want a WebSocket (or an instance of a subclass)", nil)
	}
	state, err := jsguard.Get(ws, "readyState")
	if err != nil {
		cause, text := thrown(err)
		return 0, opError("Track", nil, "reading readyState threw "+text, cause)
	}
	if jsguard.Kind(state) != js.TypeNumber {
		return 0, opError("Track", nil, "readyState is "+jsguard.Describe(state)+", want a number", nil)
	}
	return state.Int(), nil
}

// isWebSocket reports whether v is a WebSocket: whether the current
// WebSocket.prototype is on its prototype chain, so a subclass counts.
func isWebSocket(v js.Value) bool {
	proto, ok := webSocketPrototype()
	return ok && jsguard.IsPrototypeOf(v, proto)
}

// webSocketPrototype returns globalThis.WebSocket.prototype, read now (a
// page may replace the global), and false in a runtime without a
// WebSocket constructor.
func webSocketPrototype() (js.Value, bool) {
	ctor, err := jsguard.Get(js.Global(), "WebSocket")
	if err != nil || jsguard.Kind(ctor) != js.TypeFunction {
		return js.Value{}, false
	}
	proto, err := jsguard.Get(ctor, "prototype")
	return proto, err == nil
}

// failedTracker returns a finished Tracker whose Wait returns err.
func failedTracker(err error) *Tracker {
	t := &Tracker{done: make(chan struct{}), err: err}
	close(t.done)
	return t
}

// How Local sees a close that the page's own JavaScript makes.
//
// A Go function cannot stand in for ws.close: a js.FuncOf callback cannot
// throw a JavaScript exception, and ws.close(1001) must still throw the
// browser's own InvalidAccessError to its caller (coder/websocket relies on
// it). So Track defines on the instance an own, non-enumerable,
// configurable accessor property "close" whose getter returns the very
// function ws.close would resolve to without it (WebSocket.prototype.close,
// or a subclass's, read from the prototype chain at each get): the call
// and any exception happen in JavaScript, untouched by Go. The getter notes the readyState and queues a microtask that
// looks again: only a close() that did not throw takes a socket from
// CONNECTING or OPEN to CLOSING or CLOSED before the current task ends (the
// browser changes readyState itself only in tasks of its own), so that
// change is a local close. A close() on a socket the server is already
// closing (CLOSING) is not. Calls that bypass the property,
// WebSocket.prototype.close.call(ws), are not seen.

// installAccessor defines the close accessor on t.ws. When it cannot (a
// frozen socket, an own close property a page set), Local counts
// Tracker.Close only.
func (t *Tracker) installAccessor() {
	object, err := jsguard.Get(js.Global(), "Object")
	if err != nil {
		return
	}
	if own, err := jsguard.Call(object, "hasOwn", t.ws, "close"); err != nil || jsguard.Kind(own) != js.TypeBoolean || own.Bool() {
		return
	}
	reflect, err := jsguard.Get(js.Global(), "Reflect")
	if err != nil {
		return
	}
	desc, err := jsguard.Call(object, "create", js.Null())
	if err != nil {
		return
	}
	ws := t.ws
	get, err := jsguard.FuncOf(func(js.Value, []js.Value) any {
		t.noteCloseRead()
		return inheritedClose(reflect, ws)
	})
	if err != nil {
		return
	}
	check, err := jsguard.FuncOf(func(js.Value, []js.Value) any {
		t.checkState()
		return nil
	})
	if err != nil {
		get.Release()
		return
	}
	t.funcs[fnGet], t.funcs[fnCheck] = get, check
	ok := true
	for _, kv := range [...]struct {
		key string
		v   any
	}{{"get", t.funcs[fnGet].Value}, {"configurable", true}, {"enumerable", false}} {
		if _, err := jsguard.Call(reflect, "set", desc, kv.key, kv.v); err != nil {
			ok = false
		}
	}
	if ok {
		_, err = jsguard.Call(reflect, "defineProperty", t.ws, "close", desc)
	}
	if !ok || err != nil {
		t.funcs[fnGet].Release()
		t.funcs[fnCheck].Release()
		t.funcs[fnGet], t.funcs[fnCheck] = js.Func{}, js.Func{}
		return
	}
	t.accessor = true
}

// inheritedClose returns what ws.close resolves to without the accessor:
// the close property of ws's prototype chain, read now, with ws as the
// receiver, so that a page that patches WebSocket.prototype.close after
// Track is still called. When that read throws (a hostile prototype), it
// returns undefined: a getter made with js.FuncOf cannot throw, so the
// caller then gets "ws.close is not a function" instead of the exception.
func inheritedClose(reflect, ws js.Value) js.Value {
	proto, err := jsguard.Call(reflect, "getPrototypeOf", ws)
	if err != nil {
		return js.Undefined()
	}
	fn, err := jsguard.Call(reflect, "get", proto, "close", ws)
	if err != nil {
		return js.Undefined()
	}
	return fn
}

// noteCloseRead is the close accessor's getter: ws.close is being read, and
// probably called right after. No lock is held while JavaScript runs: a
// page's readyState getter could read ws.close again.
func (t *Tracker) noteCloseRead() {
	t.mu.Lock()
	ws, skip := t.ws, t.checking || t.got
	t.checking = true
	t.mu.Unlock()
	if skip || ws.IsUndefined() {
		return
	}
	state, ok := readyState(ws)
	if ok {
		_, err := jsguard.Call(js.Global(), "queueMicrotask", t.funcs[fnCheck].Value)
		ok = err == nil
	}
	t.mu.Lock()
	t.before, t.checking = state, ok
	t.mu.Unlock()
}

// checkState is the microtask noteCloseRead queued.
func (t *Tracker) checkState() {
	t.mu.Lock()
	ws, before := t.ws, t.before
	t.mu.Unlock()
	state, ok := 0, false
	if !ws.IsUndefined() {
		state, ok = readyState(ws)
	}
	t.mu.Lock()
	t.checking = false
	if ok && before <= webSocketOpen && state > webSocketOpen {
		t.local = true
	}
	t.mu.Unlock()
}

// readyState returns ws.readyState, read through a guarded call.
func readyState(ws js.Value) (int, bool) {
	state, err := jsguard.Get(ws, "readyState")
	if err != nil || jsguard.Kind(state) != js.TypeNumber {
		return 0, false
	}
	return state.Int(), true
}

// handleEvent is the open and close listener. It runs on the JavaScript
// event loop and must not block.
func (t *Tracker) handleEvent(r *realm, args []js.Value) {
	if len(args) == 0 {
		return
	}
	if typ, err := jsguard.Get(args[0], "type"); err == nil && jsguard.Kind(typ) == js.TypeString && typ.String() == "open" {
		t.mu.Lock()
		if t.openedAt == 0 {
			t.openedAt = since()
		}
		t.mu.Unlock()
		return
	}
	e, err := r.fromJS(args[0])
	if err != nil {
		return
	}
	if !e.IsTrusted || e.Type != "close" {
		return // a script dispatched it
	}
	t.mu.Lock()
	if t.got {
		t.mu.Unlock()
		return
	}
	t.got, t.event, t.closedAt = true, e, since()
	t.mu.Unlock()
	// Done closes in a task queued now, which runs only after this
	// dispatch of the close event has reached every listener: whoever
	// Done wakes (a program that then exits, say) runs after
	// coder/websocket's own listener, and any other, has seen the close.
	// A Go timer is not enough: Go runs ready goroutines before it hands
	// control back to JavaScript.
	fin, err := jsguard.FuncOf(func(js.Value, []js.Value) any {
		t.finish()
		return nil
	})
	if err != nil {
		t.finish()
		return
	}
	t.funcs[fnFinish] = fin
	if _, err := jsguard.Call(js.Global(), "setTimeout", t.funcs[fnFinish].Value, 0); err != nil {
		t.finish()
	}
}

// finish detaches everything Track attached and closes done.
func (t *Tracker) finish() {
	t.mu.Lock()
	ws := t.ws
	t.ws = js.Undefined()
	t.mu.Unlock()
	if ws.IsUndefined() {
		return
	}
	for _, typ := range [...]string{"open", "close"} {
		_, _ = jsguard.Call(ws, "removeEventListener", typ, t.funcs[fnEvent].Value)
	}
	if t.accessor {
		t.removeAccessor(ws)
	}
	for i := range t.funcs {
		if !t.funcs[i].IsUndefined() {
			t.funcs[i].Release()
			t.funcs[i] = js.Func{}
		}
	}
	close(t.done)
}

// removeAccessor deletes the close accessor if it is still the one Track
// defined: a property a page put there since is left alone.
func (t *Tracker) removeAccessor(ws js.Value) {
	reflect, err := jsguard.Get(js.Global(), "Reflect")
	if err != nil {
		return
	}
	desc, err := jsguard.Call(reflect, "getOwnPropertyDescriptor", ws, "close")
	if err != nil || jsguard.Kind(desc) != js.TypeObject {
		return
	}
	if get, err := jsguard.Get(desc, "get"); err != nil || !get.Equal(t.funcs[fnGet].Value) {
		return
	}
	_, _ = jsguard.Call(reflect, "deleteProperty", ws, "close")
}

// Done returns a channel that is closed once the close event has been read
// (after every listener of that event has run), or at once for a Tracker
// that has nothing to wait for (Wait then returns its error).
func (t *Tracker) Done() <-chan struct{} {
	return t.done
}

// Wait returns the socket's close event, whether it fired before or after
// Wait was called, as soon as Done is closed. It returns ctx.Err() when ctx
// ends first, and the Tracker's error for a Tracker that has nothing to
// wait for: one wrapping ErrAlreadyClosed for a socket that was CLOSED when
// Track was called.
func (t *Tracker) Wait(ctx context.Context) (CloseEvent, error) {
	select {
	case <-t.done:
	case <-ctx.Done():
		select {
		case <-t.done: // both ready: the event wins
		default:
			return CloseEvent{}, ctx.Err()
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.event, t.err
}

// Close closes the socket with code and reason, as ws.close(code, reason)
// does. It first checks them with ValidateClose: when they are refused it
// returns that *ValidationError, sends nothing and leaves the socket open.
// Otherwise it calls the socket's close() through a guarded call and
// returns an error carrying the exception if it threw. A Close that takes
// the socket from CONNECTING or OPEN to closing makes Local true.
//
// Close on a Tracker whose close event has arrived, or that has no socket,
// does nothing and returns nil.
func (t *Tracker) Close(code Code, reason string) error {
	if err := ValidateClose(code, reason); err != nil {
		return err
	}
	t.mu.Lock()
	ws := t.ws
	t.mu.Unlock()
	if ws.IsUndefined() {
		return nil
	}
	before, ok := readyState(ws)
	if _, err := jsguard.Call(ws, "close", int(code), reason); err != nil {
		cause, text := thrown(err)
		return opError("Tracker.Close", nil, "ws.close threw "+text, cause)
	}
	if ok && before <= webSocketOpen {
		t.mu.Lock()
		if !t.got {
			t.local = true
		}
		t.mu.Unlock()
	}
	return nil
}

// Local reports whether this program closed the socket before its close
// event arrived: through Tracker.Close, or through any call of
// ws.close(...) on that socket made after Track by the page's own
// JavaScript, another library or coder/websocket. A call that threw (a
// refused code) is not a close, nor is a close() on a socket the server was
// already closing. Calls that bypass the socket's close property, such as
// WebSocket.prototype.close.call(ws), are not seen, nor are any calls on a
// socket whose close property could not be redefined (a frozen one, or one
// with an own close property). Local is meaningful once Done is closed.
//
// To see those calls, Track defines on the instance an own, non-enumerable,
// configurable accessor property close, whose getter returns the function
// ws.close would resolve to without it, so that ws.close(...) behaves exactly as
// without tracking (ws.close(1001) still throws the browser's own
// InvalidAccessError). The Tracker deletes the property after the close
// event.
func (t *Tracker) Local() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.local
}

// openFor returns how long the socket was open before its close event: 0
// if it never opened.
func (t *Tracker) openFor() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.openedAt == 0 || t.closedAt == 0 {
		return 0
	}
	return t.closedAt - t.openedAt
}

// epoch is the reference of since, taken when the program starts.
var epoch = time.Now()

// since returns the monotonic time since epoch, at least 1 so that 0 can
// mean "not yet".
func since() time.Duration {
	return max(time.Since(epoch), 1)
}
