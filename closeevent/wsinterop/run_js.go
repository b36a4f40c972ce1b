//go:build js && wasm

package wsinterop

import (
	"context"
	"errors"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
	"github.com/coder/websocket"
)

// Run keeps a coder/websocket connection going as p.Run does (see
// closeevent.Policy.Run): it dials url with Dial (opts as
// websocket.Dial takes them) and runs session with the connection while
// it is connected. When session returns, Run closes the connection with
// NormalClosure (a local close, so the default Decide stops) if it is
// still open, waits for its close event, then decides as Policy.Run does:
// Decide(event, Local), a wait of p.Delay(attempt), a new dial. A dial
// error is a failed attempt, retried without asking Decide.
//
// An error from session while the connection was still open (not the
// connection closing under it) ends Run: the connection is closed with
// NormalClosure and Run returns its close event, if it arrives before ctx
// ends, and that error. Otherwise Run returns what Policy.Run returns: the
// last close event and nil when Decide says stop, an error wrapping
// closeevent.ErrGaveUp after p.MaxAttempts consecutive failed attempts,
// ctx.Err() when ctx ends. session gets a context that ends with ctx and
// should return when it does.
func Run(ctx context.Context, p closeevent.Policy, url string, opts *websocket.DialOptions,
	session func(ctx context.Context, c *websocket.Conn) error) (closeevent.CloseEvent, error) {
	if session == nil {
		return closeevent.CloseEvent{}, errNilSession
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var failed error                // session's own error
	var failedT *closeevent.Tracker // the connection it ended
	e, err := p.Run(runCtx, func(ctx context.Context) (*closeevent.Tracker, error) {
		c, t, ws, err := dial(ctx, url, opts)
		if err != nil {
			return nil, err
		}
		serr := session(ctx, c)
		open := stillOpen(ws)
		if open {
			// The local close: Local becomes true.
			_ = t.Close(closeevent.NormalClosure, "")
		}
		if serr != nil && open && ctx.Err() == nil {
			failed, failedT = serr, t
			cancel()
		}
		return t, nil
	})
	if failed == nil {
		return e, err
	}
	if last, werr := failedT.Wait(ctx); werr == nil {
		e = last
	}
	return e, failed
}

// errNilSession is what Run returns for a nil session.
var errNilSession = errors.New("wsinterop: Run: session is nil")

// stillOpen reports whether ws is an OPEN WebSocket: session returned
// while the connection stood, so its error, if any, is its own.
func stillOpen(ws js.Value) bool {
	state, err := jsguard.Get(ws, "readyState")
	return err == nil && jsguard.Kind(state) == js.TypeNumber && state.Int() == 1
}
