//go:build js && wasm

package closeevent_test

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"github.com/closeshim/closeshim/closeevent"
)

// closeEvent makes a close event as an Event named "close" with the
// CloseEvent fields, which every runtime can make (Node.js 20 has no
// CloseEvent constructor).
func closeEvent(code int, reason string, wasClean bool) js.Value {
	ev := js.Global().Get("Event").New("close")
	js.Global().Get("Object").Call("assign", ev, map[string]any{"code": code, "reason": reason, "wasClean": wasClean})
	return ev
}

// Read a JavaScript close event, from a listener of your own, into a Go
// value.
func ExampleFromJS() {
	e, err := closeevent.FromJS(closeEvent(4001, "bye", true))
	fmt.Println(e, err)
	_, err = closeevent.FromJS(js.ValueOf("close"))
	fmt.Println(errors.Is(err, closeevent.ErrNotCloseEvent))
	// Output:
	// close 4001 Code(4001) clean reason="bye" <nil>
	// true
}

// Listen for every close event on a target; on a WebSocket the listener
// releases itself after the socket's own close event.
func ExampleOnClose() {
	target := js.Global().Get("EventTarget").New()
	got := make(chan closeevent.CloseEvent, 1)
	release, err := closeevent.OnClose(target, func(e closeevent.CloseEvent) { got <- e })
	if err != nil {
		fmt.Println(err)
		return
	}
	defer release() // not a WebSocket: release by hand
	target.Call("dispatchEvent", closeEvent(1001, "away", true))
	fmt.Println(<-got)
	// Output:
	// close 1001 GoingAway clean reason="away"
}

// Wait for the next close event, with a deadline.
func ExampleNext() {
	target := js.Global().Get("EventTarget").New()
	go func() {
		time.Sleep(10 * time.Millisecond)
		target.Call("dispatchEvent", closeEvent(1013, "busy", true))
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, err := closeevent.Next(ctx, target)
	fmt.Println(e, err)
	// Output:
	// close 1013 TryAgainLater clean reason="busy" <nil>
}

// Follow a raw WebSocket from construction to its close, and learn who
// closed it. (It needs a browser and a server, so it is compiled, not
// run.)
func ExampleTrack() {
	ws := js.Global().Get("WebSocket").New("wss://example.com/feed")
	tracker, err := closeevent.Track(ws) // right after construction
	if err != nil {
		fmt.Println(err)
		return
	}
	// ... use ws; any code may call ws.close(), or:
	_ = tracker.Close(closeevent.NormalClosure, "done")

	e, err := tracker.Wait(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e, "local:", tracker.Local())
	fmt.Println("reconnect:", closeevent.ShouldReconnect(e, tracker.Local()))
}

// Stay connected: dial, wait for the close, and reconnect as it says, with
// a jittered backoff, until the server says stop, the policy gives up or
// ctx ends. (It needs a browser and a server, so it is compiled, not run.)
func ExamplePolicy_Run() {
	p := closeevent.Policy{Min: time.Second, Max: time.Minute, MaxAttempts: 10}
	e, err := p.Run(context.Background(), func(ctx context.Context) (*closeevent.Tracker, error) {
		ws := js.Global().Get("WebSocket").New("wss://example.com/feed")
		// ... add the page's message handlers to ws here.
		return closeevent.Track(ws)
	})
	switch {
	case errors.Is(err, closeevent.ErrGaveUp):
		fmt.Println("the server is unreachable:", err)
	case err != nil:
		fmt.Println("stopped:", err)
	default:
		fmt.Println("closed for good:", e)
	}
}
