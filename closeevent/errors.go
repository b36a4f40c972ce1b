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

// errPrefix starts every message of the package: its sentinels' and, once,
// each error opError makes.
const errPrefix = "closeevent: "

// wrapError is how the package builds its errors: the operation that
// failed, what went wrong, the sentinel the error belongs to and the error
// that caused it (a *jsguard.Exception holding what JavaScript threw, say),
// both visible to errors.Is and errors.As. The package does without
// fmt.Errorf, errors.Join and errors.As on purpose: in a wasm binary they
// cost about the package's whole size budget for what a string
// concatenation does (`make size` prints the figures).
type wrapError struct {
	op    string // the exported function, such as "Next"; "" for none
	what  string // the problem, in words that name the bad value
	kind  error  // a sentinel above, or nil
	cause error  // or nil
}

// opError returns the error of op: its message is "closeevent: op: " (or
// "closeevent: " when op is "") followed by what, or, when what is "", by
// the sentinel's own words without their prefix. It is the one place that
// writes that context, so no message repeats a prefix; what must
// therefore carry none. kind and cause are wrapped, not only quoted: what
// usually repeats the cause's text, clipped.
func opError(op string, kind error, what string, cause error) error {
	return &wrapError{op: op, what: what, kind: kind, cause: cause}
}

func (e *wrapError) Error() string {
	if e.op == "" {
		return errPrefix + e.Detail()
	}
	return errPrefix + e.op + ": " + e.Detail()
}

// Detail is the message without its "closeevent: op: " context, for a
// caller that gives the context in its own words: the shim in wasm/ starts
// each JS API message with the member's name instead, and the demo server
// with its query's.
func (e *wrapError) Detail() string {
	if e.what == "" && e.kind != nil {
		return kindWords(e.kind)
	}
	return e.what
}

// kindWords is a sentinel's message without the package's prefix.
func kindWords(kind error) string {
	k := kind.Error()
	if len(k) > len(errPrefix) && k[:len(errPrefix)] == errPrefix {
		k = k[len(errPrefix):]
	}
	return k
}

// detail returns err's message without the package's context, for a
// message that gives its own.
func detail(err error) string {
	if e, ok := err.(*wrapError); ok {
		return e.Detail()
	}
	return err.Error()
}

func (e *wrapError) Unwrap() []error {
	switch {
	case e.kind == nil:
		return []error{e.cause}
	case e.cause == nil:
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}
