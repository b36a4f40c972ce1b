package closeevent

import "strconv"

// ValidationError is the error ValidateClose returns: the DOMException that
// WebSocket.close() would throw for the same arguments. It wraps
// ErrInvalidAccess or ErrSyntax, so errors.Is tells the two apart.
type ValidationError struct {
	// Name is the DOMException name the browser would throw:
	// "InvalidAccessError" for the code, "SyntaxError" for the reason.
	Name string
	// Message says what was wrong and what is allowed.
	Message string

	sentinel error
}

// Error returns "closeevent: " followed by the name and the message.
func (e *ValidationError) Error() string {
	return "closeevent: " + e.Name + ": " + e.Message
}

// Unwrap returns ErrInvalidAccess or ErrSyntax.
func (e *ValidationError) Unwrap() error { return e.sentinel }

// ValidateClose returns nil exactly when the browser's WebSocket.close(code,
// reason) would accept these arguments, following the close() method steps
// of the WebSockets Standard: the code must be 1000 or in 3000-4999 (step 1,
// else an "InvalidAccessError"), and the reason, as the browser sees it
// after the Go string crossed into JavaScript, must encode to at most
// MaxReasonBytes bytes of UTF-8 (step 2, else a "SyntaxError"). The code is
// checked first, as the browser does. A close() whose code is absent is
// checked like one with NormalClosure: the reason rule alone applies.
//
// The error is a *ValidationError wrapping ErrInvalidAccess or ErrSyntax.
// Use TruncateReason to shorten a reason that is too long.
func ValidateClose(code Code, reason string) error {
	if !code.Sendable() {
		return &ValidationError{
			Name:     "InvalidAccessError",
			Message:  "close code " + strconv.Itoa(int(code)) + " (" + code.String() + ") cannot be passed to WebSocket.close(): the code must be 1000, or between 3000 and 4999",
			sentinel: ErrInvalidAccess,
		}
	}
	if n := ReasonLen(reason); n > MaxReasonBytes {
		return &ValidationError{
			Name:     "SyntaxError",
			Message:  "close reason is " + strconv.Itoa(n) + " bytes of UTF-8; WebSocket.close() accepts at most " + strconv.Itoa(MaxReasonBytes),
			sentinel: ErrSyntax,
		}
	}
	return nil
}
