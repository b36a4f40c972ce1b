package wsinterop

import (
	"errors"
	"strings"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/coder/websocket"
)

// Err returns the close e as the error coder/websocket code expects: nil
// for a clean NormalClosure (the close a caller asked for), otherwise an
// error that errors.As turns into a websocket.CloseError with e's code and
// reason, so that websocket.CloseStatus(Err(e)) is e.Code. Its message
// says when the close was not clean, such as
//
//	wsinterop: WebSocket closed uncleanly: status = StatusAbnormalClosure and reason = ""
//
// The error keeps all of e: FromError returns it unchanged, however the
// error was wrapped since.
func Err(e closeevent.CloseEvent) error {
	if e.WasClean && e.Code == closeevent.NormalClosure {
		return nil
	}
	return &closeError{event: e}
}

// closeError is the error Err returns.
type closeError struct {
	event closeevent.CloseEvent
}

func (err *closeError) Error() string {
	what := "wsinterop: WebSocket closed: "
	if !err.event.WasClean {
		what = "wsinterop: WebSocket closed uncleanly: "
	}
	return what + err.closeErr().Error()
}

// Unwrap returns the websocket.CloseError with the event's code and reason,
// which is what makes errors.As and websocket.CloseStatus work.
func (err *closeError) Unwrap() error { return err.closeErr() }

func (err *closeError) closeErr() websocket.CloseError {
	return websocket.CloseError{Code: StatusCode(err.event.Code), Reason: err.event.Reason}
}

// The text coder/websocket v1.8 wraps around a websocket.CloseError when a
// close was not clean; FromError looks for it, as nothing else records it.
const (
	// ws_js.go, Conn.close: the close event's wasClean was false.
	uncleanMarker = "unclean connection close: "
	// ws_js.go, Conn.exportedClose: the close this side sent, which
	// (*websocket.Conn).Close returns only when the connection then
	// closed without a clean closing handshake.
	sentCloseMarker = "sent close: "
)

// FromError returns the close carried by err, an error that Err made or
// that coder/websocket returned, in the browser or on a server, however it
// was wrapped since (fmt.Errorf with %w, errors.Join). It returns false
// when err is nil or carries no websocket.CloseError, or when that error's
// code is outside 0..65535 and so is no close code.
//
// For an error from Err, the result is the event Err was given. For one
// from coder/websocket it has Type "close", the CloseError's code and
// reason, and the other Event fields zero; WasClean says what the error
// tells about the closing handshake:
//
//   - false for AbnormalClosure and TLSHandshake, which a browser reports
//     when no Close frame arrived;
//   - false when coder/websocket marked the close unclean: its browser build
//     wraps the close of an unclean close event in "unclean connection
//     close: ", and its browser Close returns the close it sent ("sent
//     close: ") only when the connection then closed uncleanly; FromError
//     reports that sent close, which is all the error holds (a Tracker has
//     the close the browser saw);
//   - true otherwise, such as for a server's Read that failed with
//     "received close frame: ": a Close frame from the peer arrived.
//
// Recognising coder/websocket's unclean closes depends on that wording, which
// is no API; a future version that changes it makes WasClean true there.
func FromError(err error) (closeevent.CloseEvent, bool) {
	var ours *closeError
	if errors.As(err, &ours) {
		return ours.event, true
	}
	var ce websocket.CloseError
	if !errors.As(err, &ce) {
		return closeevent.CloseEvent{}, false
	}
	code, ok := Code(ce.Code)
	if !ok {
		return closeevent.CloseEvent{}, false
	}
	clean := code != closeevent.AbnormalClosure && code != closeevent.TLSHandshake && !markedUnclean(err)
	return closeevent.CloseEvent{Type: "close", Code: code, Reason: ce.Reason, WasClean: clean}, true
}

// markedUnclean reports whether err, or an error it wraps, is one of the
// wrappers coder/websocket puts around the close of an unclean close. Only
// the start of each message counts: a CloseError's own text begins with
// "status = ", so no reason can pass for a marker. (The server build's
// "sent close frame: " is another text.)
func markedUnclean(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	if strings.HasPrefix(msg, uncleanMarker) || strings.HasPrefix(msg, sentCloseMarker) {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return markedUnclean(u.Unwrap())
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if markedUnclean(e) {
				return true
			}
		}
	}
	return false
}
