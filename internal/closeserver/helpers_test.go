//go:build !js

package closeserver

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// newServer starts a Server with opts behind httptest. setup, if not nil,
// runs before the server accepts anything. Cleanup shuts the Server down
// and fails the test if its connections do not all end.
func newServer(t *testing.T, opts Options, setup func(*Server, *httptest.Server)) (*Server, *httptest.Server) {
	t.Helper()
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("New(%+v): %v", opts, err)
	}
	ts := httptest.NewUnstartedServer(srv)
	if setup != nil {
		setup(srv, ts)
	}
	ts.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: got %v, want nil: every connection should end", err)
		}
		ts.Close()
	})
	return srv, ts
}

// wsURL is the ws:// URL of ts's /ws endpoint with a raw query.
func wsURL(ts *httptest.Server, rawQuery string) string {
	u := "ws" + strings.TrimPrefix(ts.URL, "http") + "/ws"
	if rawQuery != "" {
		u += "?" + rawQuery
	}
	return u
}

// dial opens a WebSocket to /ws?rawQuery with coder/websocket's client and
// drops it when the test ends.
func dial(t *testing.T, ts *httptest.Server, rawQuery string) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, wsURL(ts, rawQuery), nil)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("Dial(/ws?%s): got %v (HTTP %d), want an open WebSocket", rawQuery, err, status)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

// readErr reads from c until it fails and returns the error, failing the
// test if a message arrives or nothing happens within limit.
func readErr(t *testing.T, c *websocket.Conn, limit time.Duration) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	typ, msg, err := c.Read(ctx)
	if err == nil {
		t.Fatalf("Read: got a %v message %q, want the connection to end", typ, msg)
	}
	if ctx.Err() != nil {
		t.Fatalf("Read: nothing within %v (%v), want the connection to end", limit, err)
	}
	return err
}

// waitIdle waits until no /ws handler runs, failing the test after limit.
func waitIdle(t *testing.T, srv *Server, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for srv.limiter.count() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %d /ws handlers still run, want 0", limit, srv.limiter.count())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// rawConn is a WebSocket client written against the bytes, for tests that
// must see exactly what the server puts on the wire.
type rawConn struct {
	net.Conn
	br *bufio.Reader
}

// rawDial performs the opening handshake of RFC 6455 section 4.1 by hand
// and returns the connection positioned after the server's 101 response.
func rawDial(t *testing.T, ts *httptest.Server, rawQuery string) *rawConn {
	t.Helper()
	return rawDialPath(t, ts, "/ws?"+rawQuery)
}

// rawDialPath is rawDial for any request target, such as
// "/_fault/ws?group=a&stall=1".
func rawDialPath(t *testing.T, ts *httptest.Server, target string) *rawConn {
	t.Helper()
	host := ts.Listener.Addr().String()
	conn, err := net.DialTimeout("tcp", host, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", host, err)
	}
	t.Cleanup(func() { conn.Close() })
	// The key is the sample nonce of RFC 6455 section 1.3.
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", target, host)
	br := bufio.NewReader(conn)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("reading the handshake response: %v", err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("handshake for %s: got HTTP %d, want 101", target, resp.StatusCode)
	}
	if got, want := resp.Header.Get("Sec-WebSocket-Accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="; got != want {
		t.Fatalf("Sec-WebSocket-Accept = %q, want %q (RFC 6455 section 1.3)", got, want)
	}
	conn.SetReadDeadline(time.Time{})
	return &rawConn{Conn: conn, br: br}
}

// readFrame reads one unfragmented, unmasked server frame (RFC 6455
// section 5.2) whose payload fits in 125 bytes, as control frames do.
func (c *rawConn) readFrame(limit time.Duration) (header byte, payload []byte, err error) {
	c.SetReadDeadline(time.Now().Add(limit))
	defer c.SetReadDeadline(time.Time{})
	var h [2]byte
	if _, err := io.ReadFull(c.br, h[:]); err != nil {
		return 0, nil, err
	}
	if h[1]&0x80 != 0 || h[1]&0x7F > 125 {
		return 0, nil, fmt.Errorf("frame header % x: masked or long payloads are not expected from the server", h)
	}
	payload = make([]byte, h[1]&0x7F)
	if _, err := io.ReadFull(c.br, payload); err != nil {
		return 0, nil, err
	}
	return h[0], payload, nil
}

// writeClose sends a masked Close frame (RFC 6455 section 5.5.1) with
// payload as its body. The masking key is zero, which leaves the payload
// as it is: section 5.3 requires the mask bit, not a random key, of a
// frame to be valid.
func (c *rawConn) writeClose(payload []byte) error {
	frame := append([]byte{0x88, 0x80 | byte(len(payload)), 0, 0, 0, 0}, payload...)
	_, err := c.Write(frame)
	return err
}

// writeText sends a masked text frame (RFC 6455 section 5.6) with a
// payload of at most 125 bytes and a zero masking key.
func (c *rawConn) writeText(payload string) error {
	frame := append([]byte{0x81, 0x80 | byte(len(payload)), 0, 0, 0, 0}, payload...)
	_, err := c.Write(frame)
	return err
}

// readRest reads until the server closes the connection and returns what
// arrived; it fails if the connection stays open past limit.
func (c *rawConn) readRest(limit time.Duration) ([]byte, error) {
	c.SetReadDeadline(time.Now().Add(limit))
	defer c.SetReadDeadline(time.Time{})
	b, err := io.ReadAll(c.br)
	if errors.Is(err, net.ErrClosed) || isReset(err) {
		err = nil // a reset ends the connection as surely as a FIN
	}
	return b, err
}

// isReset reports whether err is a connection reset by the peer.
func isReset(err error) bool {
	return err != nil && strings.Contains(err.Error(), "connection reset")
}

// closePayload is the body of a Close frame with code and reason.
func closePayload(code uint16, reason string) []byte {
	return append(binary.BigEndian.AppendUint16(nil, code), reason...)
}
