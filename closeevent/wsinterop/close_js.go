//go:build js && wasm

package wsinterop

import "github.com/closeshim/closeshim/closeevent"

// checkClose applies the rules of WebSocket.close() (WebSockets Standard,
// the close() method steps 1 and 2) before anything reaches the browser.
func checkClose(code closeevent.Code, reason string) error {
	return closeevent.ValidateClose(code, reason)
}
