//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains how to build the shim: it only runs in a JavaScript host.
func main() {
	fmt.Fprintln(os.Stderr, "closeshim's wasm/ is the browser shim; build it with\n"+
		"\tGOOS=js GOARCH=wasm go build -o web/main.wasm ./wasm\n"+
		"(or `make build`) and load it with web/closeevent.js")
	os.Exit(2)
}
