//go:build js && wasm

package wsinterop

import (
	"fmt"
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// Calling JavaScript safely.
//
// As in package closeevent, this package touches JavaScript values only
// through internal/jsguard, the module's one layer of guarded operations
// and its one cache of built-ins (see its package doc).

// realm is a runtime that loadRealm found able to run the hook.
type realm struct {
	global js.Value // globalThis
}

// loadRealm checks, once, that the runtime has what the hook needs.
var loadRealm = sync.OnceValues(func() (*realm, error) {
	if err := jsguard.Load(); err != nil {
		return nil, fmt.Errorf("%w: %s", closeevent.ErrUnsupported, err)
	}
	return &realm{global: js.Global()}, nil
})

// shield is the "error" listener the hook adds to the WebSocket it
// captures before coder/websocket adds its own, made once and never
// released (one function serves every Dial).
//
// Why: coder/websocket's own error listener reads event.message with
// Value.Get (ws_js.go, newConn), which wasm_exec.js does not guard. A
// WebSocket's error event is a plain Event, with no message of its own, so
// that read reaches Object.prototype, and a throwing getter a page put
// there would end the Go program. The shield reads message through
// jsguard.Get and defines the result on the event as an own data property:
// the string it read, or undefined when the read threw or gave anything
// but a string (coder/websocket calls String on it, which panics on a
// BigInt). coder/websocket's read then finds that property and runs no
// page code. On a clean page the event reads exactly as before: message is
// undefined.
func shield() (js.Func, error) {
	shieldMu.Lock()
	defer shieldMu.Unlock()
	if shieldMade {
		return shieldFn, nil
	}
	// Made again after a failure: FuncOf fails only while the page's
	// Array.prototype has an index setter, which it may remove.
	f, err := jsguard.FuncOf(shieldEvent)
	if err != nil {
		return f, err
	}
	shieldFn, shieldMade = f, true
	return f, nil
}

var (
	shieldMu   sync.Mutex
	shieldFn   js.Func
	shieldMade bool
)

// shieldEvent is the shield's body.
func shieldEvent(_ js.Value, args []js.Value) any {
	if len(args) == 0 {
		return nil
	}
	ev := args[0]
	msg, err := jsguard.Get(ev, "message")
	if err != nil || jsguard.Kind(msg) != js.TypeString {
		msg = js.Undefined()
	}
	// A refusal (a frozen event) leaves the event as it was: nothing else
	// can be done for it here.
	_ = jsguard.Define(ev, "message", msg)
	return nil
}
