//go:build js && wasm

package wsinterop_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/closeevent/wsinterop"
	"github.com/coder/websocket"
)

// Go front-end code: dial, read until the connection closes, then report
// the typed close and decide whether to reconnect.
func ExampleDial() {
	ctx := context.Background()
	dialCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, tracker, err := wsinterop.Dial(dialCtx, "wss://example.com/feed", nil)
	if err == nil {
		for {
			_, msg, err := conn.Read(ctx)
			if err != nil {
				// After a close, coder/websocket says only net.ErrClosed;
				// the tracker has the rest. Anything else (a message over
				// the read limit) left the socket open: close it with a
				// code the browser accepts.
				if !errors.Is(err, net.ErrClosed) {
					_ = wsinterop.Close(conn, closeevent.NormalClosure, "read failed")
				}
				break
			}
			fmt.Printf("message: %s\n", msg)
		}
	}
	// Also after a failed Dial: a refused connection has its close too.
	e, err := tracker.Wait(ctx)
	if err != nil {
		fmt.Println("no close event:", err)
		return
	}
	fmt.Println(e) // such as: close 1013 TryAgainLater clean reason="busy"
	if err := wsinterop.Err(e); err != nil {
		fmt.Println("as coder/websocket sees it:", websocket.CloseStatus(err))
	}
	fmt.Println("reconnect:", closeevent.ShouldReconnect(e, tracker.Local()))
}

// A Go front end that stays connected: Run dials, runs the session while
// connected, and reconnects as the close says, with a jittered backoff.
// (It needs a browser and a server, so it is compiled, not run.)
func ExampleRun() {
	p := closeevent.Policy{Min: time.Second, Max: time.Minute, MaxAttempts: 10}
	e, err := wsinterop.Run(context.Background(), p, "wss://example.com/feed", nil,
		func(ctx context.Context, c *websocket.Conn) error {
			for {
				_, msg, err := c.Read(ctx)
				if err != nil {
					return err // the connection closed: Run decides
				}
				fmt.Printf("message: %s\n", msg)
			}
		})
	switch {
	case errors.Is(err, closeevent.ErrGaveUp):
		fmt.Println("the server is unreachable:", err)
	case err != nil:
		fmt.Println("stopped:", err)
	default:
		fmt.Println("closed for good:", e) // such as 1000 or 1008 from the server
	}
}
