package wsinterop_test

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/closeevent/wsinterop"
	"github.com/coder/websocket"
)

// Code written for coder/websocket's errors keeps working with a typed
// close: Err gives it the error it expects.
func ExampleErr() {
	e := closeevent.CloseEvent{Type: "close", Code: closeevent.AbnormalClosure}
	err := wsinterop.Err(e)
	fmt.Println(err)
	fmt.Println(websocket.CloseStatus(err))

	var ce websocket.CloseError
	fmt.Println(errors.As(err, &ce), ce.Code)

	// A clean NormalClosure is what the caller asked for: no error.
	fmt.Println(wsinterop.Err(closeevent.CloseEvent{Type: "close", Code: closeevent.NormalClosure, WasClean: true}))
	// Output:
	// wsinterop: WebSocket closed uncleanly: status = StatusAbnormalClosure and reason = ""
	// StatusAbnormalClosure
	// true StatusAbnormalClosure
	// <nil>
}

// The close inside an error from coder/websocket, here what a server's
// Read returns when the browser closes with 4001, says what happened and
// whether the client will come back.
func ExampleFromError() {
	err := fmt.Errorf("failed to get reader: %w",
		fmt.Errorf("received close frame: %w", websocket.CloseError{Code: 4001, Reason: "logged out"}))

	if e, ok := wsinterop.FromError(err); ok {
		fmt.Println(e)
		fmt.Println(e.Code.Range(), e.Code.Retryable())
	}
	_, ok := wsinterop.FromError(errors.New("connection reset"))
	fmt.Println(ok)
	// Output:
	// close 4001 Code(4001) clean reason="logged out"
	// Private false
	// false
}

// A server closes with codes the browser could not send itself, and gets
// a typed error, before anything is sent, for one no peer may receive.
func ExampleClose() {
	http.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		// ... serve until shutdown, then:
		if err := wsinterop.Close(c, closeevent.AbnormalClosure, ""); errors.Is(err, closeevent.ErrInvalidAccess) {
			fmt.Println(err) // 1006 is never sent in a Close frame
		}
		_ = wsinterop.Close(c, closeevent.GoingAway, "server restarting")
	})
}
