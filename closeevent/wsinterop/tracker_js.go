//go:build js && wasm

package wsinterop

import (
	"errors"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/closeevent/internal/tracking"
)

// ErrNotTracked reports a Tracker that has no WebSocket to follow: Dial
// could not install its hook, the WebSocket constructor threw, or
// websocket.Dial constructed no WebSocket the hook recognised (see the
// package documentation). The Tracker's Wait returns it, wrapped with the
// reason, at once.
var ErrNotTracked = errors.New("wsinterop: no WebSocket is tracked")

// notTracked returns a finished *closeevent.Tracker whose Wait returns err,
// an error wrapping ErrNotTracked.
func notTracked(err error) *closeevent.Tracker {
	return (*closeevent.Tracker)(tracking.Failed(err))
}

// notTrackedBecause returns an error wrapping ErrNotTracked and err, whose
// text is ErrNotTracked's, then what was being done, then err's text
// without its context.
func notTrackedBecause(what string, err error) error {
	msg := ErrNotTracked.Error() + ": "
	if what != "" {
		msg += what + ": "
	}
	return &contextError{msg: msg + bare(err), errs: []error{ErrNotTracked, err}}
}
