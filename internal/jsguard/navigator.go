//go:build js && wasm

package jsguard

import "syscall/js"

// Offline reports whether navigator.onLine is false: false where there is
// no navigator, where reading it throws, or where onLine is not a boolean,
// so that a runtime that cannot say is taken to be online. Policy.Run in
// package closeevent and the shim's reconnect both ask it, so that they
// agree on when not to dial.
func Offline() bool {
	nav, err := Get(js.Global(), "navigator")
	if err != nil || Kind(nav) != js.TypeObject {
		return false
	}
	v, err := Get(nav, "onLine")
	return err == nil && Kind(v) == js.TypeBoolean && !v.Bool()
}
