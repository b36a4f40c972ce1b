//go:build js && wasm

// Package jsguard stands for the layer: its operations are not reported.
package jsguard

import "syscall/js"

func layer(v js.Value) {
	v.Get("a")
	v.Call("m")
	js.FuncOf(nil)
	js.ValueOf(map[string]any{})
}
