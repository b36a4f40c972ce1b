//go:build js && wasm

// Command wasm is the browser shim: built with
//
//	GOOS=js GOARCH=wasm go build -o web/main.wasm ./wasm
//
// and started by web/closeevent.js, it hands the JavaScript wrapper an
// object of exports (version, decode, describe, validateClose,
// truncateReason, create, watch) and then waits, serving calls, for as long
// as the page or worker lives.
//
// A Go callback cannot throw a JavaScript exception, and a panic would end
// the program, so every export recovers, never blocks, and returns a result
// (result_js.go) that the wrapper turns into a return value or a thrown
// TypeError or RangeError. Every rule comes from package closeevent; this
// package only converts arguments the way WebIDL does (convert.go,
// args_js.go) and shapes the answers (objects_js.go).
//
// The wrapper tells the program where to hand its exports through the
// environment variable CLOSESHIM_REGISTER (registerEnv): the name of a
// function it put on globalThis for the occasion.
package main

func main() {
	if err := register(); err != nil {
		// Nothing can call this program without its exports: say why
		// and end it, so the loader's promise rejects. println, not
		// package os: the shim does without os (`make size`).
		println("closeshim: " + err.Error())
		return
	}
	select {} // serve calls from JavaScript until the page goes away
}
