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
