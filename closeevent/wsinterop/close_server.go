//go:build !(js && wasm)

package wsinterop

import "github.com/closeshim/closeshim/closeevent"

// checkClose applies a server's rules for a Close frame; see Close.
func checkClose(code closeevent.Code, reason string) error {
	return checkServerClose(code, reason)
}
