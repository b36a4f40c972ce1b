//go:build js && wasm

package closeevent

import (
	"context"
	"runtime"
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// OnClose calls fn with every close event dispatched on target: a
// WebSocket, or any EventTarget that scripts dispatch "close" events to.
//
// The JavaScript listener only reads the event (with FromJS) and queues the
// value; fn runs on a goroutine of its own, so it may block (on a channel, a
// mutex, a network call) without blocking the JavaScript event loop or
// deadlocking the Go program. Events reach fn one at a time, in dispatch
// order. A panic in fn is recovered and reported with its stack through
// console.error, and later events are still delivered. An event that
// cannot be read as a close event (a plain Event named "close", say) is
// reported through console.error and skipped.
//
// release removes the listener and frees its js.Func. It may be called any
// number of times, from any goroutine, and from inside fn; after it returns,
// fn is not called again, and events queued but not yet delivered are
// dropped. On a WebSocket (by prototype, so a subclass counts) the listener
// also releases itself once fn has returned from the socket's own (trusted)
// close event, which a WebSocket fires once: nothing is left to release.
// On other targets it stays until release.
//
// OnClose returns an error, and attaches nothing, when target is not an
// object (naming what it is), when target has no addEventListener method or
// the method throws (wrapping the exception, a *jsguard.Exception), and
// when the runtime cannot make the listener function (a page whose
// Array.prototype has a setter for an index; see the package doc).
func OnClose(target js.Value, fn func(CloseEvent)) (release func(), err error) {
	r, err := loadRealm()
	if err != nil {
		return func() {}, err
	}
	if fn == nil {
		return func() {}, opError("OnClose", nil, "fn is nil", nil)
	}
	if t := jsguard.Kind(target); t != js.TypeObject && t != js.TypeFunction {
		return func() {}, opError("OnClose", nil, "target is "+jsguard.Describe(target)+", want an EventTarget such as a WebSocket", nil)
	}
	l := &listener{realm: r, target: target, fn: fn, wake: make(chan struct{}, 1)}
	l.selfRelease = isWebSocket(target)
	// jsguard.FuncOf, not safejs.FuncOf: safejs's wrapper would link its
	// error machinery (fmt.Errorf and a stack printer) into every program
	// that listens (make size).
	if l.jsFunc, err = jsguard.FuncOf(l.handleEvent); err != nil {
		cause, text := thrown(err)
		return func() {}, opError("OnClose", nil, "cannot make the listener function: "+text, cause)
	}
	add, err := jsguard.Get(target, "addEventListener")
	if err == nil && jsguard.Kind(add) != js.TypeFunction {
		l.jsFunc.Release()
		return func() {}, opError("OnClose", nil, "target.addEventListener is "+jsguard.Describe(add)+", want a function (is target an EventTarget?)", nil)
	}
	if err == nil {
		_, err = jsguard.Apply(add, target, "close", l.jsFunc.Value)
	}
	if err != nil {
		l.jsFunc.Release()
		cause, text := thrown(err)
		return func() {}, opError("OnClose", nil, "target.addEventListener(\"close\") threw "+text, cause)
	}
	go l.deliver()
	return l.release, nil
}

// listener is one OnClose registration.
type listener struct {
	realm  *realm
	target js.Value
	fn     func(CloseEvent)
	jsFunc js.Func

	mu       sync.Mutex
	queue    []CloseEvent
	released bool
	wake     chan struct{} // has a token when queue may be non-empty, or on release

	selfRelease bool // target is a WebSocket: release after its trusted close
	final       bool // that close is queued: release once the queue is empty
	once        sync.Once
}

// handleEvent is the JavaScript listener. It must not block: it runs on the
// JavaScript event loop, and a Go callback that blocks there deadlocks the
// program (docs/engines.md, "wasm_exec.js and syscall/js"). It reads the event while it is
// being dispatched and hands the value to deliver.
func (l *listener) handleEvent(_ js.Value, args []js.Value) any {
	if len(args) == 0 {
		return nil
	}
	e, err := l.realm.fromJS(args[0])
	if err != nil {
		jsguard.ConsoleError(opError("OnClose", nil, "skipping an event: "+detail(err), nil).Error())
		return nil
	}
	l.mu.Lock()
	if !l.released {
		l.queue = append(l.queue, e)
		if l.selfRelease && e.IsTrusted {
			l.final = true
		}
	}
	l.mu.Unlock()
	l.signal()
	return nil
}

// signal wakes deliver without ever blocking: one pending token is enough.
func (l *listener) signal() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// deliver calls fn for each queued event, in order, until release. (A
// plain receive rather than a select over two channels: select links
// runtime.selectgo, about 13 KB of wasm, into every program.)
func (l *listener) deliver() {
	for range l.wake {
		for {
			l.mu.Lock()
			if l.released {
				l.mu.Unlock()
				return
			}
			if len(l.queue) == 0 {
				final := l.final
				l.mu.Unlock()
				if final {
					l.release()
				}
				break
			}
			e := l.queue[0]
			l.queue[0] = CloseEvent{}
			l.queue = l.queue[1:]
			l.mu.Unlock()
			l.call(e)
		}
	}
}

// call runs fn, turning a panic into a console.error report.
func (l *listener) call(e CloseEvent) {
	defer func() {
		if p := recover(); p != nil {
			jsguard.ConsoleError(opError("OnClose", nil, "handler panicked on "+e.String()+": "+panicText(p), nil).Error() + "\n" + stackText())
		}
	}()
	l.fn(e)
}

func (l *listener) release() {
	l.once.Do(func() {
		l.mu.Lock()
		l.released = true
		l.queue = nil
		l.mu.Unlock()
		l.signal() // deliver sees released and returns
		// The listener is removed before its function is freed, so the
		// target never calls a released js.Func. An error here (a target
		// whose removeEventListener throws) leaves nothing to undo.
		_, _ = jsguard.Call(l.target, "removeEventListener", "close", l.jsFunc.Value)
		l.jsFunc.Release()
	})
}

// webSocketClosed is WebSocket.CLOSED, the readyState of a closed socket
// (WebSockets Standard, "The WebSocket interface").
const webSocketClosed = 3

// Next waits for the next close event on target and returns it.
//
// It returns ctx.Err() when ctx ends first, with the listener removed; give
// it a deadline, since WebKit fires no close event at all for some failed
// connections (see the package documentation). For
// a WebSocket whose readyState is already CLOSED it returns
// ErrAlreadyClosed at once, since no close event will follow. Errors from
// OnClose are returned as they are.
func Next(ctx context.Context, target js.Value) (CloseEvent, error) {
	if err := ctx.Err(); err != nil {
		return CloseEvent{}, err
	}
	got := make(chan CloseEvent, 1)
	release, err := OnClose(target, func(e CloseEvent) {
		select {
		case got <- e:
		default: // a later event; Next wants only the first
		}
	})
	if err != nil {
		return CloseEvent{}, err
	}
	defer release()
	// Checked after the listener is attached: a WebSocket sets readyState
	// to CLOSED and fires close in one task, and no JavaScript task runs
	// while Go does, so nothing can slip between the two.
	if closedWebSocket(target) {
		return CloseEvent{}, opError("Next", ErrAlreadyClosed, "", nil)
	}
	select {
	case e := <-got:
		return e, nil
	case <-ctx.Done():
		return CloseEvent{}, ctx.Err()
	}
}

// closedWebSocket reports whether target is a WebSocket (by prototype, so a
// subclass counts) whose readyState is CLOSED.
func closedWebSocket(target js.Value) bool {
	state, err := webSocketState(target)
	return err == nil && state == webSocketClosed
}

// stackText is the calling goroutine's stack, as runtime/debug.Stack gives
// it, without importing runtime/debug (which brings package os along).
func stackText() string {
	buf := make([]byte, 4096)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) {
			return string(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}
