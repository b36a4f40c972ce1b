//go:build js && wasm

// Package tool stands for the exempt test tooling: not reported.
package tool

import "syscall/js"

func tooling(v js.Value) { v.Get("a") }
