package wsinterop

import (
	"errors"

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
// the check is closeevent.FormatClosePayload, the rule of RFC 6455 for the
// body of a Close frame. A server may send every code that
// closeevent.Code.ValidOnWire accepts, 1001 GoingAway and 1011
// InternalError included, and NoStatusReceived (1005) with an empty reason,
// which sends a Close frame without a body (the peer reports 1005), as
// coder/websocket does; any other code, or 1005 with a reason, gives an
// error wrapping closeevent.ErrInvalidAccess. The reason must be valid
// UTF-8 of at most closeevent.MaxReasonBytes bytes, else the error wraps
// closeevent.ErrSyntax. Without these checks coder/websocket, given a code
// it cannot send, would drop the connection without any Close frame (the
// peer sees 1006). Some engines fail the connection on codes that are
// valid (docs/engines.md, "Engines").
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
		return opError("Close", err)
	}
	return c.Close(StatusCode(code), reason)
}

// checkServerClose is Close's check outside the browser; see Close.
func checkServerClose(code closeevent.Code, reason string) error {
	_, err := closeevent.FormatClosePayload(code, reason)
	return err
}
