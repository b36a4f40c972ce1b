//go:build js && wasm

// Command floor is Go's size floor for a wasm program that talks to
// JavaScript: syscall/js and nothing else (no fmt), built the way `make
// size` builds the shim. It exposes one function that reads a close
// event's code, and waits for calls as the shim does.
package main

import "syscall/js"

func main() {
	js.Global().Set("closeshimFloor", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return args[0].Get("code").Int()
	}))
	select {}
}
