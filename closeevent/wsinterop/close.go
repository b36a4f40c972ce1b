package wsinterop

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/coder/websocket"
)

// Close closes c with code and reason, as (*websocket.Conn).Close does,
// once code and reason have passed the checks of the side the program runs
// on; when they fail, Close sends nothing, leaves c open and returns an
// error that wraps closeevent.ErrInvalidAccess (the code) or
// closeevent.ErrSyntax (the reason), prefixed "wsinterop: Close: ".
//
// In the browser (GOOS=js) the checks are closeevent.ValidateClose, the
// steps of WebSocket.close(): the code must be 1000 or in 3000-4999, the
// reason at most 123 bytes of UTF-8 as the browser counts them, and the
// error is the *closeevent.ValidationError itself, wrapped. Where
// coder/websocket would pass such a code to the browser and get an
// InvalidAccessError exception back, Close reports it before.
// closeevent.TruncateReason shortens a reason that is too long.
//
// On a server (every other GOOS) WebSocket.close()'s rules do not apply:
// a server may send every code that closeevent.Code.ValidOnWire accepts
// (1000-1003, 1007-1014 and 3000-4999; RFC 6455 section 7.4.1), 1001
// GoingAway and 1011 InternalError included. The reason must be valid
// UTF-8 (a peer must fail the connection on anything else, RFC 6455
// sections 5.5.1 and 8.1) of at most closeevent.MaxReasonBytes bytes (the
// 125-byte control frame body less the code, section 5.5). One more code
// is accepted, as coder/websocket does: NoStatusReceived (1005) with an
// empty reason sends a Close frame with no body, which the peer reports as
// 1005. Without these checks coder/websocket, given a code it cannot send,
// would drop the connection without any Close frame (the peer sees 1006).
// WebKit fails the connection when it receives 1012-1014 (see
// closeevent.Code.ValidOnWire); a server with WebKit clients should avoid
// them.
//
// Close returns an error when c is nil. Otherwise it returns what
// (*websocket.Conn).Close returns; in the browser that is nil after a
// clean closing handshake, and an error that FromError reads as the close
// it sent, not clean, after an unclean one.
func Close(c *websocket.Conn, code closeevent.Code, reason string) error {
	if c == nil {
		return errors.New("wsinterop: Close: nil *websocket.Conn")
	}
	if err := checkClose(code, reason); err != nil {
		return fmt.Errorf("wsinterop: Close: %w", err)
	}
	return c.Close(StatusCode(code), reason)
}

// checkServerClose is Close's check outside the browser; see Close.
func checkServerClose(code closeevent.Code, reason string) error {
	switch {
	case code == closeevent.NoStatusReceived:
		if reason != "" {
			return fmt.Errorf("%w: close code 1005 (NoStatusReceived) sends a Close frame without a body, which cannot carry the reason", closeevent.ErrSyntax)
		}
		return nil
	case !code.ValidOnWire():
		return fmt.Errorf("%w: close code %d (%s) cannot be sent in a Close frame: a server may send 1000-1003, 1007-1014 and 3000-4999",
			closeevent.ErrInvalidAccess, int(code), code)
	case !utf8.ValidString(reason):
		return fmt.Errorf("%w: close reason is not valid UTF-8, and a peer must fail the connection on it", closeevent.ErrSyntax)
	case closeevent.ReasonLen(reason) > closeevent.MaxReasonBytes:
		return fmt.Errorf("%w: close reason is %d bytes of UTF-8; a Close frame holds at most %d",
			closeevent.ErrSyntax, closeevent.ReasonLen(reason), closeevent.MaxReasonBytes)
	}
	return nil
}
