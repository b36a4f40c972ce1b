//go:build js && wasm

// Package bad makes every forbidden operation once; each must be reported.
package bad

import (
	"syscall/js"

	"github.com/hack-pad/safejs"
)

func jsOps(v js.Value, f js.Func, m map[string]any, s []any, x any) {
	v.Get("a")                  // want `js.Value.Get outside internal/jsguard: use jsguard.Get`
	v.Set("a", 1)               // want `js.Value.Set outside internal/jsguard: use jsguard.Define`
	v.Index(0)                  // want `js.Value.Index outside internal/jsguard: use jsguard.Get\(v, i\)`
	v.SetIndex(0, 1)            // want `js.Value.SetIndex outside internal/jsguard: use jsguard.Array or jsguard.Define`
	v.Delete("a")               // want `js.Value.Delete outside internal/jsguard`
	v.Length()                  // want `js.Value.Length outside internal/jsguard: use jsguard.Get\(v, "length"\)`
	v.Call("m", 1)              // want `js.Value.Call outside internal/jsguard: use jsguard.Call`
	v.Invoke(1)                 // want `js.Value.Invoke outside internal/jsguard: use jsguard.Invoke`
	v.New(1)                    // want `js.Value.New outside internal/jsguard: use jsguard.Construct`
	v.InstanceOf(v)             // want `js.Value.InstanceOf outside internal/jsguard: use jsguard.IsPrototypeOf`
	_ = v.Type()                // want `js.Value.Type outside internal/jsguard: use jsguard.Kind`
	f.Get("a")                  // want `js.Value.Get outside internal/jsguard`
	js.Global().Get("document") // want `js.Value.Get outside internal/jsguard`
	get := v.Get                // want `js.Value.Get outside internal/jsguard`
	_ = get
	js.FuncOf(nil)      // want `js.FuncOf outside internal/jsguard: use jsguard.FuncOf`
	js.ValueOf(m)       // want `js.ValueOf outside internal/jsguard: use jsguard.Object or jsguard.Array`
	js.ValueOf(s)       // want `js.ValueOf outside internal/jsguard`
	js.ValueOf(x)       // want `js.ValueOf outside internal/jsguard`
	js.ValueOf([]int{}) // want `js.ValueOf outside internal/jsguard`
	of := js.ValueOf    // want `js.ValueOf outside internal/jsguard`
	_ = of
}

func safejsOps(v safejs.Value, m map[string]any) {
	v.Get("a")         // want `safejs.Value.Get outside internal/jsguard: use jsguard.Get`
	v.Set("a", 1)      // want `safejs.Value.Set outside internal/jsguard`
	v.Index(0)         // want `safejs.Value.Index outside internal/jsguard`
	v.SetIndex(0, 1)   // want `safejs.Value.SetIndex outside internal/jsguard`
	v.Delete("a")      // want `safejs.Value.Delete outside internal/jsguard`
	v.Length()         // want `safejs.Value.Length outside internal/jsguard`
	v.Call("m")        // want `safejs.Value.Call outside internal/jsguard: use jsguard.Call`
	v.Invoke()         // want `safejs.Value.Invoke outside internal/jsguard: use jsguard.Invoke`
	v.New()            // want `safejs.Value.New outside internal/jsguard: use jsguard.Construct`
	v.InstanceOf(v)    // want `safejs.Value.InstanceOf outside internal/jsguard`
	_ = v.Type()       // want `safejs.Value.Type outside internal/jsguard: use jsguard.Kind`
	safejs.FuncOf(nil) // want `safejs.FuncOf outside internal/jsguard: use jsguard.FuncOf`
	safejs.ValueOf(m)  // want `safejs.ValueOf outside internal/jsguard: use jsguard.Object or jsguard.Array`
}
