package closeevent

import "errors"

// Sentinel errors shared by the portable and the js/wasm builds. Test for
// them with errors.Is; the errors this package returns wrap them and say
// what was being done.
var (
	// ErrInvalidAccess reports a close code that WebSocket.close() rejects
	// with an "InvalidAccessError" DOMException (WebSockets Standard, the
	// close() method steps, step 1).
	ErrInvalidAccess = errors.New("closeevent: InvalidAccessError")

	// ErrSyntax reports a close reason that WebSocket.close() rejects with a
	// "SyntaxError" DOMException because its UTF-8 encoding is longer than
	// MaxReasonBytes (WebSockets Standard, the close() method steps, step 2).
	ErrSyntax = errors.New("closeevent: SyntaxError")

	// ErrNotCloseEvent reports a JavaScript value that cannot be read as a
	// close event: not an object, or a field of the wrong type or range.
	ErrNotCloseEvent = errors.New("closeevent: not a close event")

	// ErrUnsupported reports a JavaScript runtime that lacks what a call
	// needs, such as a global CloseEvent constructor (Node.js 20 has none).
	ErrUnsupported = errors.New("closeevent: unsupported by this JavaScript runtime")

	// ErrAlreadyClosed reports a WebSocket whose readyState is already
	// CLOSED, so no close event will ever be dispatched on it again.
	ErrAlreadyClosed = errors.New("closeevent: WebSocket is already closed")
)

// wrapError is how the package builds its errors: a message, the sentinel
// it belongs to, and the error that caused it, both visible to errors.Is
// and errors.As. The package does without fmt.Errorf, errors.Join and
// errors.As on purpose: in a wasm binary they cost about the package's
// whole size budget for what a string concatenation does (`make size`
// prints the figures).
type wrapError struct {
	msg   string
	kind  error // a sentinel above, or nil
	cause error // or nil
}

// newError returns an error with the message msg that wraps kind and cause
// (either may be nil); msg should say what the cause was.
func newError(kind error, msg string, cause error) error {
	return &wrapError{msg: msg, kind: kind, cause: cause}
}

func (e *wrapError) Error() string { return e.msg }

func (e *wrapError) Unwrap() []error {
	switch {
	case e.kind == nil:
		return []error{e.cause}
	case e.cause == nil:
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}
