//go:build js && wasm

package good

import "syscall/js"

// Tests build hostile values with the forbidden operations: not reported.
func inTest(v js.Value) {
	v.Get("a")
	js.FuncOf(nil)
}
