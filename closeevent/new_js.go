//go:build js && wasm

package closeevent

import (
	"strconv"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
	"github.com/hack-pad/safejs"
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
// New returns an error wrapping ErrUnsupported where the runtime has no
// CloseEvent constructor (Node.js before 23), and the JavaScript exception
// as an error if the constructor throws.
func New(typ string, init Init) (js.Value, error) {
	if _, err := loadRealm(); err != nil {
		return js.Undefined(), err
	}
	ctor, err := jsguard.Get(js.Global(), "CloseEvent")
	if err != nil || jsguard.Kind(ctor) != js.TypeFunction {
		return js.Undefined(), newError(ErrUnsupported, ErrUnsupported.Error()+": no CloseEvent constructor in this runtime", nil)
	}
	dict, err := safejs.ValueOf(map[string]any{
		"code":       int(init.Code),
		"reason":     init.Reason,
		"wasClean":   init.WasClean,
		"bubbles":    init.Bubbles,
		"cancelable": init.Cancelable,
		"composed":   init.Composed,
	})
	if err != nil {
		return js.Undefined(), newError(nil, "closeevent: New: building the CloseEventInit: "+thrownText(err), nil)
	}
	ev, err := safejs.Safe(ctor).New(typ, dict)
	if err != nil {
		return js.Undefined(), newError(nil, "closeevent: new CloseEvent("+strconv.Quote(typ)+") threw "+thrownText(err), nil)
	}
	return safejs.Unsafe(ev), nil
}
