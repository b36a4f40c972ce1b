//go:build js && wasm

// Command withcloseevent reads close events with package closeevent, the
// program `make size` compares with minimal.
package main

import (
	"fmt"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
)

func main() {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		e, err := closeevent.FromJS(args[0])
		fmt.Println(e, err)
		return nil
	})
	js.Global().Set("onCloseEvent", f)
	release, err := closeevent.OnClose(js.Global().Get("target"), func(e closeevent.CloseEvent) {
		fmt.Println(e, e.Code.Description(), e.Code.Retryable())
	})
	fmt.Println(err)
	defer release()
	select {}
}
