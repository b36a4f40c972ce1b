//go:build js && wasm

// Command minimal reads close events by hand, the baseline of `make size`.
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		e := args[0]
		fmt.Println(e.Get("code").Int(), e.Get("reason").String(), e.Get("wasClean").Bool())
		return nil
	})
	js.Global().Set("onCloseEvent", f)
	select {}
}
