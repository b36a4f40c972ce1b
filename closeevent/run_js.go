//go:build js && wasm

package closeevent

import (
	"context"
	"strconv"
	"syscall/js"
	"time"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// Run keeps a connection going: it calls dial, waits for the close event
// of the socket whose Tracker dial returned, asks p.Decide(e,
// tracker.Local()), waits p.Delay(attempt) and dials again, for as long as
// Decide says to reconnect.
//
// An attempt fails when dial returns an error (or a Tracker whose Wait
// returns an error, such as one for a socket already closed), or when its
// socket closes before it has been open for p.Stable. A dial error is
// retried without asking Decide. A connection that stayed open for Stable
// resets the count of consecutive failures, and the wait after its close
// is Delay(0).
//
// Run returns:
//   - the last close event and nil when Decide says not to reconnect;
//   - the last close event (the zero CloseEvent if there was none) and an
//     error wrapping ErrGaveUp after p.MaxAttempts consecutive failed
//     attempts, with no wait after the last of them; the error carries the
//     last dial error, if that attempt's was one;
//   - the last close event and ctx.Err() when ctx ends: a socket still
//     open is first closed with NormalClosure (a local close; its own
//     close event arrives later, on its Tracker).
//
// While navigator.onLine is false, Run does not dial: it waits for the
// global "online" event. An "online" event during a wait between attempts
// ends that wait at once. In a runtime without navigator.onLine (Node.js)
// Run counts as online. dial is called with ctx; it should create the
// socket and Track it before returning.
func (p Policy) Run(ctx context.Context, dial func(ctx context.Context) (*Tracker, error)) (CloseEvent, error) {
	if dial == nil {
		return CloseEvent{}, opError("Policy.Run", nil, "dial is nil", nil)
	}
	on := watchOnline()
	defer on.release()
	decide, stable := p.decide(), p.stable()
	var last CloseEvent
	failures := 0
	for {
		if err := on.waitOnline(ctx); err != nil {
			return last, err
		}
		failed := true
		var cause error
		t, err := dial(ctx)
		switch {
		case err != nil:
			cause = err
		case t == nil:
			cause = opError("Policy.Run", nil, "dial returned a nil *Tracker and no error", nil)
		default:
			select {
			case <-t.Done():
			case <-ctx.Done():
				_ = t.Close(NormalClosure, "")
				return last, ctx.Err()
			}
			e, werr := t.Wait(ctx)
			if werr != nil {
				cause = werr
				break
			}
			last = e
			if t.openFor() >= stable {
				failed, failures = false, 0
			}
			if !decide(e, t.Local()) {
				return e, nil
			}
		}
		if err := ctx.Err(); err != nil {
			return last, err
		}
		attempt := 0
		if failed {
			failures++
			if p.MaxAttempts > 0 && failures >= p.MaxAttempts {
				msg := "gave up after " + strconv.Itoa(failures) + " consecutive failed attempts"
				if cause != nil {
					msg += "; the last: " + detail(cause)
				}
				return last, opError("Policy.Run", ErrGaveUp, msg, cause)
			}
			attempt = failures - 1
		}
		if err := on.sleep(ctx, p.Delay(attempt)); err != nil {
			return last, err
		}
	}
}

// online follows the global "online" event for Run.
type online struct {
	fn     js.Func
	wake   chan struct{} // a token after an online event
	attach bool
}

// watchOnline starts listening for the global "online" event. In a runtime
// without addEventListener on the global object it listens to nothing, and
// only the clock ends a wait.
func watchOnline() *online {
	o := &online{wake: make(chan struct{}, 1)}
	fn, err := jsguard.FuncOf(func(js.Value, []js.Value) any {
		select {
		case o.wake <- struct{}{}:
		default:
		}
		return nil
	})
	if err != nil {
		return o // no function can be made: only the clock ends a wait
	}
	o.fn = fn
	_, err = jsguard.Call(js.Global(), "addEventListener", "online", o.fn.Value)
	o.attach = err == nil
	return o
}

func (o *online) release() {
	if o.attach {
		_, _ = jsguard.Call(js.Global(), "removeEventListener", "online", o.fn.Value)
	}
	o.fn.Release()
}

// drain drops a token left by an online event that came while no wait was
// running.
func (o *online) drain() {
	select {
	case <-o.wake:
	default:
	}
}

// waitOnline returns at once while navigator.onLine is not false, and
// otherwise when the online event arrives or ctx ends (ctx.Err()). The
// listener is attached before navigator.onLine is read, and no JavaScript
// runs while Go does, so an online event cannot slip between the two.
func (o *online) waitOnline(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		o.drain()
		if !o.attach || !jsguard.Offline() {
			return nil
		}
		select {
		case <-o.wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// sleep waits d, or less when an online event arrives; it returns
// ctx.Err() when ctx ends first.
func (o *online) sleep(ctx context.Context, d time.Duration) error {
	o.drain()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-o.wake:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
