//go:build js && wasm

package closeevent

import (
	"strconv"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// Init holds the members of a CloseEventInit dictionary (WebSockets
// Standard, "The CloseEvent interface"): the CloseEvent's own wasClean, code
// and reason, and the EventInit flags it inherits.
type Init struct {
	Code       Code
	Reason     string
	WasClean   bool
	Bubbles    bool
	Cancelable bool
	Composed   bool
}

// New returns a native CloseEvent made by new CloseEvent(typ, init), ready
// to dispatch. Its isTrusted is false, as for every event a script makes.
//
// The reason crosses into JavaScript as a USVString: invalid UTF-8 in it
// becomes U+FFFD (see ReasonLen). The constructor checks neither code nor
// reason against what WebSocket.close() allows; use ValidateClose for that.
//
// The CloseEventInit dictionary is built with its members defined as own
// data properties (never assigned), so a setter or getter a page put on
// Object.prototype neither runs nor changes it: New returns the event
// whenever the page's own new CloseEvent(typ, init), with init an object
// literal of the same members, succeeds.
//
// New returns an error wrapping ErrUnsupported where the runtime has no
// CloseEvent constructor (Node.js before 23), and one wrapping the
// JavaScript exception (a *jsguard.Exception) if building the dictionary
// or the constructor throws.
func New(typ string, init Init) (js.Value, error) {
	if _, err := loadRealm(); err != nil {
		return js.Undefined(), err
	}
	ctor, err := jsguard.Get(js.Global(), "CloseEvent")
	if err != nil || jsguard.Kind(ctor) != js.TypeFunction {
		return js.Undefined(), opError("New", ErrUnsupported, "no CloseEvent constructor in this runtime", nil)
	}
	dict, err := jsguard.Object(
		"code", int(init.Code),
		"reason", init.Reason,
		"wasClean", init.WasClean,
		"bubbles", init.Bubbles,
		"cancelable", init.Cancelable,
		"composed", init.Composed,
	)
	if err != nil {
		cause, text := thrown(err)
		return js.Undefined(), opError("New", nil, "building the CloseEventInit failed: "+text, cause)
	}
	ev, err := jsguard.Construct(ctor, typ, dict)
	if err != nil {
		cause, text := thrown(err)
		return js.Undefined(), opError("New", nil, "new CloseEvent("+strconv.Quote(typ)+") threw "+text, cause)
	}
	return ev, nil
}
