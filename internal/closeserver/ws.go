//go:build !js

package closeserver

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/coder/websocket"
)

// shutdownReason is the reason of the 1001 GoingAway Close frame that
// connections get when the server shuts down (RFC 6455 section 7.4.1:
// "a server going down").
const shutdownReason = "server shutting down"

// serveWS is the /ws endpoint. Everything that can refuse a request runs
// before the upgrade, so that a refused request changes nothing: the
// method (405), the query (400), the connection cap (503), then, inside
// websocket.Accept, the handshake headers (426 or 400, RFC 6455 section
// 4.2.1) and the origin (403, section 10.2).
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		// RFC 6455 section 4.1: the opening handshake is a GET request.
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, r.Method+" is not allowed on /ws: a WebSocket opening handshake is a GET request (RFC 6455 section 4.1)",
			http.StatusMethodNotAllowed)
		return
	}
	plan, err := ParseQuery(r.URL.RawQuery)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.serveSocket(w, r, plan, nil)
}

// serveSocket runs one connection of /ws or, with fc not nil, of a fault
// group (faults.go), once its query is known to be good.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request, plan Plan, fc *faultConn) {
	plan, err := s.forKey(plan)
	if err != nil {
		w.Header().Set("Retry-After", "60")
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	// A delayed handshake holds a slot too: it is a connection the
	// server keeps open.
	if err := s.limiter.acquire(); err != nil {
		w.Header().Set("Retry-After", "1")
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer s.limiter.release()

	if err := s.delay(r.Context(), plan.Delay, fc.droppedChan()); err != nil {
		if errors.Is(err, errDropped) {
			// Dropped while the browser waits for the response: end
			// the TCP connection without one, as a dead server would.
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		// Before the hijack, net/http cancels the request's context when
		// the client goes away; then nobody reads this.
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}

	if plan.Action == ActionRefuse {
		// Before Accept: no upgrade, and the browser fails the
		// connection (WebSockets Standard, "establish a WebSocket
		// connection": a status other than 101).
		http.Error(w, refusalText(plan.Status), plan.Status)
		return
	}

	hw := &hijackWatcher{ResponseWriter: w}
	c, err := websocket.Accept(hw, r, &s.accept)
	if err != nil {
		return // Accept has written the response
	}
	c.SetReadLimit(ReadLimit)
	fc.attach(hw.conn)

	if plan.Wait && !s.waitForMessage(r.Context(), c) {
		return
	}
	switch plan.Action {
	case ActionClose:
		// Close sends the Close frame, reads (and drops) what the client
		// sends until its Close frame arrives or 5 s pass, then closes
		// the TCP connection: the closing handshake of RFC 6455 section
		// 7.1.2. Its error only says the client did not answer in time;
		// the frame went out. coder/websocket sends every code that
		// ValidOnWire allows (its validWireCloseCode is the same set),
		// so the plan's code never falls back to its 1011.
		c.Close(websocket.StatusCode(plan.Code), plan.Reason)
	case ActionCloseNoStatus:
		// For this one code coder/websocket writes a Close frame with an
		// empty body (close.go, writeClose), which RFC 6455 section 5.5.1
		// allows; the status itself is never sent.
		c.Close(websocket.StatusNoStatusRcvd, "")
	case ActionAbort:
		// CloseNow closes the TCP connection without writing anything.
		c.CloseNow()
	case ActionStall, ActionEcho:
		// The request's context stays valid after the hijack until this
		// handler returns (http.Hijacker); cancelling it, or shutting
		// the server down, ends the connection.
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		stopWatching := context.AfterFunc(s.life, cancel)
		defer stopWatching()
		if plan.Action == ActionStall {
			limit := s.stallLimit
			if fc != nil {
				limit = FaultStallLimit
			}
			s.stall(ctx, c, hw.conn, limit)
		} else {
			serveEcho(ctx, c)
		}
	}
}

// waitForMessage holds c open until the client sends a message, for a
// plan with Wait. It reports false when the connection ended first: the
// client closed (coder/websocket has answered its Close frame) or went
// away, or the server shut down (c is closed with 1001 GoingAway, as the
// echo is) or the request's context ended.
func (s *Server) waitForMessage(ctx context.Context, c *websocket.Conn) bool {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopWatching := context.AfterFunc(s.life, cancel)
	defer stopWatching()
	got := make(chan error, 1)
	go func() {
		// Not ctx: ending it would make coder/websocket drop the
		// connection at once, while shutdown sends 1001 first.
		_, _, err := c.Read(context.Background())
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			c.CloseNow()
			return false
		}
		return true
	case <-ctx.Done():
		c.Close(websocket.StatusGoingAway, shutdownReason)
		<-got
		return false
	}
}

// delay waits d before the upgrade. It fails early, saying why, when ctx
// ends (the client went away), the server shuts down or dropped is closed
// (errDropped).
func (s *Server) delay(ctx context.Context, d time.Duration, dropped <-chan struct{}) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-s.life.Done():
		return errShuttingDown
	case <-dropped:
		return errDropped
	case <-ctx.Done():
		return errors.New("the request was cancelled during its delay: " + ctx.Err().Error())
	}
}

// serveEcho echoes on c until the client closes or the connection fails;
// when ctx ends first, it closes with 1001 GoingAway. It returns once the
// connection is closed and its reader has stopped.
func serveEcho(ctx context.Context, c *websocket.Conn) {
	echoed := make(chan struct{})
	go func() {
		defer close(echoed)
		echo(c)
	}()
	select {
	case <-echoed:
		// The client closed (coder/websocket has answered its Close
		// frame) or the connection failed: nothing is left to send.
		c.CloseNow()
	case <-ctx.Done():
		c.Close(websocket.StatusGoingAway, shutdownReason)
		<-echoed
	}
}

// echo sends every message back with its type until reading fails: the
// client closed (coder/websocket answers its Close frame with the same
// code and reason, RFC 6455 section 5.5.1), the server closed the
// connection, or a message exceeded ReadLimit (the library closes with
// 1009).
func echo(c *websocket.Conn) {
	// Not the request's context: ending it would make coder/websocket
	// drop the connection at once, while shutdown sends 1001 first. The
	// reads end when the connection closes, which serveEcho always does.
	for {
		typ, msg, err := c.Read(context.Background())
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
		err = c.Write(ctx, typ, msg)
		cancel()
		if err != nil {
			return
		}
	}
}

// stall holds c open without ever writing to it: the client's Close frame
// is read from raw and discarded like everything else, so the closing
// handshake never completes. It ends, dropping the TCP connection, when
// ctx ends, when limit passes or when the client closes the TCP connection
// itself.
func (s *Server) stall(ctx context.Context, c *websocket.Conn, raw net.Conn, limit time.Duration) {
	if raw == nil {
		// Accept hijacked without hijackWatcher, which net/http never
		// makes it do; drop the connection rather than answer.
		c.CloseNow()
		return
	}
	// coder/websocket never reads unless asked, so raw has one reader.
	gone := make(chan struct{})
	go func() {
		defer close(gone)
		io.Copy(io.Discard, raw)
	}()

	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	case <-gone:
	}
	c.CloseNow() // closes raw, which ends the copy
	<-gone
}

// hijackWatcher records the connection websocket.Accept hijacks, so that
// stall can read it below the library.
type hijackWatcher struct {
	http.ResponseWriter
	conn net.Conn
}

// Hijack hijacks the underlying connection and remembers it.
func (h *hijackWatcher) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	h.conn = conn
	return conn, brw, err
}

// Unwrap returns the wrapped ResponseWriter, for http.ResponseController.
func (h *hijackWatcher) Unwrap() http.ResponseWriter { return h.ResponseWriter }
