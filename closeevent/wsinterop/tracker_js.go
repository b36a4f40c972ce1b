//go:build js && wasm

package wsinterop

import (
	"context"
	"errors"
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// ErrNotTracked reports a Tracker that has no WebSocket to follow: Dial
// could not install its hook, the WebSocket constructor threw, or
// websocket.Dial constructed no WebSocket the hook recognised (see the
// package documentation). Tracker.Wait returns it, wrapped with the reason,
// at once.
var ErrNotTracked = errors.New("wsinterop: no WebSocket is tracked")

// Tracker follows the WebSocket behind one connection made by Dial and
// holds its close event once the browser has dispatched it. Its methods
// may be called from any goroutine. The zero Tracker tracks nothing: Done
// is closed and Wait returns ErrNotTracked.
type Tracker struct {
	done chan struct{}
	once sync.Once

	mu      sync.Mutex
	event   closeevent.CloseEvent
	err     error
	release func() // removes the close listener
}

func newTracker() *Tracker {
	return &Tracker{done: make(chan struct{})}
}

// closedChan is what Done returns for the zero Tracker.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// Done returns a channel that is closed once the close event has arrived,
// or once it is known that none will (Wait then returns ErrNotTracked).
func (t *Tracker) Done() <-chan struct{} {
	if t == nil || t.done == nil {
		return closedChan
	}
	return t.done
}

// Wait returns the connection's close event: at once if it has already
// arrived, otherwise when it does. The event is the browser's own: its
// exact code, reason and wasClean, whichever side closed and whether or not
// Dial succeeded (a refused connection gives AbnormalClosure, not clean).
// Err turns it into the error coder/websocket code expects. By the time
// Wait returns an event, the *websocket.Conn has seen the same close: its
// Read and Write fail with net.ErrClosed at once.
//
// Wait returns ctx.Err() if ctx ends first, and an error wrapping
// ErrNotTracked if the Tracker has no WebSocket to follow.
func (t *Tracker) Wait(ctx context.Context) (closeevent.CloseEvent, error) {
	select {
	case <-t.Done():
		return t.result()
	default:
	}
	select {
	case <-t.Done():
		return t.result()
	case <-ctx.Done():
		return closeevent.CloseEvent{}, ctx.Err()
	}
}

func (t *Tracker) result() (closeevent.CloseEvent, error) {
	if t == nil || t.done == nil {
		return closeevent.CloseEvent{}, ErrNotTracked
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.event, t.err
}

// finish records the outcome and closes done, the first time only; it
// reports whether this call was the first.
func (t *Tracker) finish(e closeevent.CloseEvent, err error) (first bool) {
	t.once.Do(func() {
		t.mu.Lock()
		t.event, t.err = e, err
		t.mu.Unlock()
		close(t.done)
		first = true
	})
	return first
}

// listening records the function that removes the close listener. It runs
// in the hook, before any close event can be dispatched.
func (t *Tracker) listening(release func()) {
	t.mu.Lock()
	t.release = release
	t.mu.Unlock()
}

// record is the close listener: the first close event is the connection's
// close, and the listener is removed after it. It runs on closeevent's
// delivery goroutine, so it may block.
//
// The listener was attached before coder/websocket's own, and Go runs
// every ready goroutine before it hands control back to JavaScript, so
// without a pause Wait could return (and a test program could even exit)
// before the browser has called coder/websocket's listener, which closes
// the Conn. record therefore waits for a JavaScript task queued with
// setTimeout: it runs only after the current task, the dispatch of the
// close event to every listener, has finished. (A Go time.Sleep is not
// enough: when the machine is slow, the Go timer is already due when the
// scheduler looks, and it runs without returning to JavaScript.)
func (t *Tracker) record(e closeevent.CloseEvent) {
	afterDispatch()
	t.finish(e, nil)
	t.mu.Lock()
	release := t.release
	t.release = nil
	t.mu.Unlock()
	if release != nil {
		release()
	}
}

// afterDispatch blocks until a JavaScript task queued now with setTimeout
// has run, so that the event being dispatched has reached every listener.
// Where setTimeout is missing or throws, or no function can be made, it
// returns at once.
func afterDispatch() {
	ran := make(chan struct{})
	fn, err := jsguard.FuncOf(func(js.Value, []js.Value) any {
		close(ran)
		return nil
	})
	if err != nil {
		return
	}
	defer fn.Release()
	if _, err := jsguard.Call(js.Global(), "setTimeout", fn, 0); err != nil {
		return
	}
	<-ran
}
