// Command closeeventonly imports closeevent and not wsinterop: the test
// TestDeps_CloseeventOnlyProgramHasNoCoderWebSocket checks that such a
// program does not contain coder/websocket.
package main

import (
	"fmt"

	"github.com/closeshim/closeshim/closeevent"
)

func main() {
	fmt.Println(closeevent.ValidateClose(closeevent.GoingAway, "bye"))
}
