package closeevent

import "strconv"

// CloseEvent is a close event as a plain Go value: the attributes of the
// WebSockets Standard's CloseEvent interface and those of Event that it
// inherits. It holds no reference to JavaScript, so it outlives the event it
// was read from, crosses goroutines freely and builds on every platform.
// Its JSON form uses the JavaScript property names.
type CloseEvent struct {
	// Type is the event type, "close" for events a WebSocket fires.
	Type string `json:"type"`
	// Code is the close code: the peer's status, 1005 when its Close frame
	// had none, 1006 when no Close frame arrived.
	Code Code `json:"code"`
	// Reason is the peer's close reason, decoded from UTF-8.
	Reason string `json:"reason"`
	// WasClean reports whether the connection closed after a completed
	// closing handshake.
	WasClean bool `json:"wasClean"`
	// IsTrusted reports whether the browser dispatched the event, rather
	// than a script.
	IsTrusted bool `json:"isTrusted"`
	// TimeStamp is Event.timeStamp: milliseconds since the time origin of
	// the page or worker that created the event.
	TimeStamp float64 `json:"timeStamp"`
	// Bubbles, Cancelable and Composed are the Event flags of the same
	// names.
	Bubbles    bool `json:"bubbles"`
	Cancelable bool `json:"cancelable"`
	Composed   bool `json:"composed"`
}

// Abnormal reports whether the connection did not close cleanly: the
// closing handshake did not complete, or the code is AbnormalClosure.
func (e CloseEvent) Abnormal() bool {
	return !e.WasClean || e.Code == AbnormalClosure
}

// String formats the event for logs, such as
// `close 4001 Code(4001) clean reason="bye"`.
func (e CloseEvent) String() string {
	typ := e.Type
	if typ == "" {
		typ = `""`
	}
	clean := "clean"
	if !e.WasClean {
		clean = "not clean"
	}
	return typ + " " + strconv.Itoa(int(e.Code)) + " " + e.Code.String() + " " + clean + " reason=" + strconv.Quote(e.Reason)
}
