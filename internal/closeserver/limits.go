package closeserver

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"
)

// The server's limits. Each bounds a resource a page or a misbehaving
// client could otherwise hold without end.
const (
	// DefaultMaxConns is the number of WebSocket connections open at once
	// when Options.MaxConns is zero. Beyond it /ws answers HTTP 503.
	// Every engine limits a page's WebSockets far below it
	// (docs/engines.md, "Engines"), so one page alone never reaches it.
	DefaultMaxConns = 4096

	// ReadLimit is the largest message, in bytes, the echo accepts (64 KiB,
	// twice coder/websocket's default of 32 KiB). A bigger message makes
	// the library close the connection with 1009, MessageTooBig (RFC 6455
	// section 7.4.1).
	ReadLimit = 64 << 10

	// MaxDelay is the largest delay a /ws query may ask for.
	MaxDelay = 10 * time.Second

	// StallLimit is how long a stall=1 connection is held before the server
	// drops it, if the server does not shut down first.
	StallLimit = 30 * time.Second

	// ShutdownTimeout bounds Server.Serve's shutdown once its context ends.
	// coder/websocket's Close waits up to 5 s to write the Close frame and
	// 5 s for the peer's answer, so this covers a peer that never answers.
	ShutdownTimeout = 10 * time.Second

	// writeTimeout bounds each echoed message: a client that stops
	// reading cannot hold a handler forever.
	writeTimeout = 10 * time.Second

	// readHeaderTimeout bounds the request line and headers, so that a
	// client that never finishes them cannot hold a connection.
	readHeaderTimeout = 10 * time.Second
)

// errShuttingDown is the 503 reason once Shutdown has begun.
var errShuttingDown = errors.New("the server is shutting down and accepts no new WebSocket connections")

// connLimiter counts the WebSocket handlers that run, refuses new ones
// above its maximum or once closed, and lets Shutdown wait for the rest.
type connLimiter struct {
	max int

	mu     sync.Mutex
	active int
	closed bool
	wg     sync.WaitGroup
}

// acquire reserves a connection slot, or says why there is none. A
// successful acquire must be paired with release.
func (l *connLimiter) acquire() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errShuttingDown
	}
	if l.active >= l.max {
		return errors.New("too many WebSocket connections: " + strconv.Itoa(l.active) +
			" are open and the limit is " + strconv.Itoa(l.max) + "; try again once some have closed")
	}
	l.active++
	// Add under mu: close sets closed under mu before anyone waits, so no
	// Add can race with wait.
	l.wg.Add(1)
	return nil
}

// release frees a slot taken by acquire.
func (l *connLimiter) release() {
	l.mu.Lock()
	l.active--
	l.mu.Unlock()
	l.wg.Done()
}

// count returns the number of handlers that hold a slot.
func (l *connLimiter) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.active
}

// close makes every later acquire fail.
func (l *connLimiter) close() {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
}

// wait returns once every slot is released, or with ctx's error when ctx
// ends first. Call close first, or new slots may keep it waiting.
func (l *connLimiter) wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		l.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		// The goroutine above ends with the last handler; every handler
		// ends within coder/websocket's close timeouts.
		return ctx.Err()
	}
}
