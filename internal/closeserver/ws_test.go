//go:build !js

package closeserver

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/coder/websocket"
)

func TestWS_ClosesWithCodeAndReason(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	cases := []struct {
		code   websocket.StatusCode
		reason string
	}{
		{1000, ""},
		{1000, "done"},
		{1001, "going away"},
		{1002, "protocol"},
		{1003, "unsupported"},
		{1007, "bad payload"},
		{1008, "policy"},
		{1009, "too big"},
		{1010, "extension"},
		{1011, "internal"},
		{1012, "restart"},
		{1013, "later"},
		{1014, "gateway"},
		{3000, "Unauthorized"},
		{3999, ""},
		{4000, "été 😀 €"},
		{4999, strings.Repeat("€", 41)},
		{4001, strings.Repeat("x", 123)},
	}
	for _, tc := range cases {
		t.Run(strconv.Itoa(int(tc.code))+"/"+strconv.Itoa(len(tc.reason)), func(t *testing.T) {
			t.Parallel()
			q := Plan{Action: ActionClose, Code: codeOf(tc.code), Reason: tc.reason}.Query()
			err := readErr(t, dial(t, ts, q), 5*time.Second)
			var ce websocket.CloseError
			if !errors.As(err, &ce) {
				t.Fatalf("/ws?%s: Read error %v, want a CloseError", q, err)
			}
			if ce.Code != tc.code || ce.Reason != tc.reason {
				t.Errorf("/ws?%s: got close %d %q, want %d %q", q, ce.Code, ce.Reason, tc.code, tc.reason)
			}
		})
	}
}

func TestWS_CloseNoneSendsNoStatus(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	err := readErr(t, dial(t, ts, "close=none"), 5*time.Second)
	var ce websocket.CloseError
	if !errors.As(err, &ce) {
		t.Fatalf("Read error %v, want a CloseError", err)
	}
	if ce.Code != websocket.StatusNoStatusRcvd || ce.Reason != "" {
		t.Errorf("got close %d %q, want %d (StatusNoStatusRcvd) with no reason", ce.Code, ce.Reason, websocket.StatusNoStatusRcvd)
	}
}

func TestWS_AbortGivesNoCloseError(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	for _, q := range []string{"abort=1", "abort=1&delay=50"} {
		err := readErr(t, dial(t, ts, q), 5*time.Second)
		var ce websocket.CloseError
		if errors.As(err, &ce) {
			t.Errorf("/ws?%s: got close %d %q, want the connection dropped without a Close frame", q, ce.Code, ce.Reason)
		}
		if got := websocket.CloseStatus(err); got != -1 {
			t.Errorf("/ws?%s: CloseStatus = %d, want -1 (not a CloseError)", q, got)
		}
	}
}

// TestWS_CloseFramesOnTheWire checks the bytes the server sends after the
// upgrade: a Close frame is FIN + opcode 8 (RFC 6455 section 5.2, 0x88)
// with the code in network byte order, then the reason (section 5.5.1);
// close=none sends an empty body; abort sends nothing at all. After the
// client's Close the server closes the TCP connection (section 7.1.1).
func TestWS_CloseFramesOnTheWire(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	cases := []struct {
		query string
		want  []byte // the server's frame; nil for none
	}{
		{"close=4001&reason=bye", []byte{0x88, 5, 0x0F, 0xA1, 'b', 'y', 'e'}},
		{"close=1000", []byte{0x88, 2, 0x03, 0xE8}},
		{"close=1012&reason=%C3%A9", []byte{0x88, 4, 0x03, 0xF4, 0xC3, 0xA9}},
		{"close=none", []byte{0x88, 0}},
		{"close=none&delay=20", []byte{0x88, 0}},
		{"abort=1", nil},
		{"abort=1&delay=20", nil},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			t.Parallel()
			c := rawDial(t, ts, tc.query)
			if tc.want == nil {
				rest, err := c.readRest(5 * time.Second)
				if err != nil || len(rest) != 0 {
					t.Fatalf("after the upgrade: got % x, %v; want the connection closed with no bytes", rest, err)
				}
				return
			}
			h, payload, err := c.readFrame(5 * time.Second)
			if err != nil {
				t.Fatalf("reading the Close frame: %v", err)
			}
			got := append([]byte{h, byte(len(payload))}, payload...)
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("server frame = % x, want % x", got, tc.want)
			}
			if err := c.writeClose(payload); err != nil {
				t.Fatalf("answering the Close frame: %v", err)
			}
			rest, err := c.readRest(5 * time.Second)
			if err != nil || len(rest) != 0 {
				t.Errorf("after the closing handshake: got % x, %v; want the connection closed with no bytes", rest, err)
			}
		})
	}
}

func TestWS_EchoesUntilClientCloses(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	c := dial(t, ts, "")
	c.SetReadLimit(-1) // the client's default of 32 KiB is below the server's ReadLimit
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	msgs := []struct {
		typ  websocket.MessageType
		data []byte
	}{
		{websocket.MessageText, []byte("hello")},
		{websocket.MessageBinary, []byte{0, 1, 2, 0xFF}},
		{websocket.MessageText, []byte{}},
		{websocket.MessageBinary, bytes.Repeat([]byte{7}, ReadLimit)},
	}
	for _, m := range msgs {
		if err := c.Write(ctx, m.typ, m.data); err != nil {
			t.Fatalf("Write %v of %d bytes: %v", m.typ, len(m.data), err)
		}
		typ, data, err := c.Read(ctx)
		if err != nil || typ != m.typ || !bytes.Equal(data, m.data) {
			t.Fatalf("echo of a %v message of %d bytes: got %v of %d bytes, %v", m.typ, len(m.data), typ, len(data), err)
		}
	}
	// The client's code and reason come back in the server's Close frame,
	// so coder/websocket's Close returns nil.
	if err := c.Close(4002, "done"); err != nil {
		t.Errorf("Close(4002, \"done\"): got %v, want nil (the server echoes the Close frame)", err)
	}
	waitIdle(t, srv, 2*time.Second)
}

func TestWS_MessageOverReadLimitCloses1009(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	c := dial(t, ts, "")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Write(ctx, websocket.MessageBinary, make([]byte, ReadLimit+1)); err != nil {
		t.Fatalf("Write: %v", err)
	}
	err := readErr(t, c, 5*time.Second)
	if got := websocket.CloseStatus(err); got != websocket.StatusMessageTooBig {
		t.Errorf("after a message of %d bytes: got %v (status %d), want status 1009", ReadLimit+1, err, got)
	}
}

func TestWS_DelayPutsOffTheHandshake(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	const delay = 300 * time.Millisecond
	cases := []struct {
		query string
		want  websocket.StatusCode // -1 for no Close frame, 0 for an echo
	}{
		{"close=4000&reason=later&delay=300", 4000},
		{"close=none&delay=300", websocket.StatusNoStatusRcvd},
		{"abort=1&delay=300", -1},
		{"delay=300", 0},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			c := dial(t, ts, tc.query)
			if elapsed := time.Since(start); elapsed < delay || elapsed > delay+2*time.Second {
				t.Errorf("the handshake took %v, want between %v and %v", elapsed, delay, delay+2*time.Second)
			}
			if tc.want == 0 {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				if err := c.Write(ctx, websocket.MessageText, []byte("late")); err != nil {
					t.Fatalf("Write after the delay: %v", err)
				}
				if typ, msg, err := c.Read(ctx); err != nil || string(msg) != "late" {
					t.Errorf("echo after the delay: got %v %q, %v; want text \"late\"", typ, msg, err)
				}
				return
			}
			err := readErr(t, c, 5*time.Second)
			if got := websocket.CloseStatus(err); got != tc.want {
				t.Errorf("got %v (status %d), want status %d", err, got, tc.want)
			}
		})
	}
}

// dialAsync starts a Dial of /ws?rawQuery and returns its outcome later.
func dialAsync(ctx context.Context, ts *httptest.Server, rawQuery string) <-chan *http.Response {
	out := make(chan *http.Response, 1)
	go func() {
		c, resp, err := websocket.Dial(ctx, wsURL(ts, rawQuery), nil)
		if err == nil {
			c.CloseNow()
		}
		out <- resp // nil when the connection failed before a response
	}()
	return out
}

// waitBusy waits until n /ws handlers run, failing the test after limit.
func waitBusy(t *testing.T, srv *Server, n int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for srv.limiter.count() != n {
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %d /ws handlers run, want %d", limit, srv.limiter.count(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestWS_DelayCancelledByShutdown(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got := dialAsync(ctx, ts, "close=4000&delay=10000")
	waitBusy(t, srv, 1, 2*time.Second)

	start := time.Now()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown during a delay: got %v, want nil", err)
	}
	resp := <-got
	if resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("handshake cut short by Shutdown: response %v, want HTTP 503", resp)
	}
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), "shutting down") {
		t.Errorf("503 body %q, want it to say the server is shutting down", body)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("Shutdown took %v, want well under the 10 s delay", elapsed)
	}
}

func TestWS_DelayCancelledByRequestContext(t *testing.T) {
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	srv, ts := newServer(t, Options{}, func(_ *Server, ts *httptest.Server) {
		ts.Config.BaseContext = func(net.Listener) context.Context { return base }
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got := dialAsync(ctx, ts, "abort=1&delay=10000")
	waitBusy(t, srv, 1, 2*time.Second)

	start := time.Now()
	cancelBase()
	resp := <-got
	if resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("handshake after the request's context ended: response %v, want HTTP 503", resp)
	}
	waitIdle(t, srv, 2*time.Second)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("cancellation took %v to take effect, want well under the 10 s delay", elapsed)
	}
}

func TestWS_DelayCancelledWhenClientLeaves(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	got := dialAsync(ctx, ts, "delay=10000")
	waitBusy(t, srv, 1, 2*time.Second)

	start := time.Now()
	cancel() // the client gives up and closes the TCP connection
	if resp := <-got; resp != nil {
		t.Errorf("cancelled Dial got a response %d, want none", resp.StatusCode)
	}
	waitIdle(t, srv, 2*time.Second)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("the handler ended %v after the client left, want well under the 10 s delay", elapsed)
	}
}

func TestWS_EchoClosedByShutdown(t *testing.T) {
	for _, q := range []string{"", "delay=1"} {
		t.Run("query="+q, func(t *testing.T) {
			srv, ts := newServer(t, Options{}, nil)
			c := dial(t, ts, q)
			start := time.Now()
			shut := make(chan error, 1)
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				shut <- srv.Shutdown(ctx)
			}()
			err := readErr(t, c, 3*time.Second)
			var ce websocket.CloseError
			if !errors.As(err, &ce) || ce.Code != websocket.StatusGoingAway || ce.Reason != shutdownReason {
				t.Errorf("on shutdown: got %v, want close 1001 %q", err, shutdownReason)
			}
			if err := <-shut; err != nil {
				t.Errorf("Shutdown: got %v, want nil", err)
			}
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("shutdown took %v, want well under a second", elapsed)
			}
		})
	}
}

func TestWS_EchoClosedByRequestContext(t *testing.T) {
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	_, ts := newServer(t, Options{}, func(_ *Server, ts *httptest.Server) {
		ts.Config.BaseContext = func(net.Listener) context.Context { return base }
	})
	c := dial(t, ts, "")
	cancelBase()
	err := readErr(t, c, 3*time.Second)
	if got := websocket.CloseStatus(err); got != websocket.StatusGoingAway {
		t.Errorf("echo after the request's context ended: got %v (status %d), want close 1001", err, got)
	}
}

// TestWS_WaitHoldsUntilMessage: with wait=1 the server sends nothing after
// the upgrade until the client's first message, then acts.
func TestWS_WaitHoldsUntilMessage(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	cases := []struct {
		query string
		want  []byte // the server's frame after the message; nil for none
	}{
		{"close=4001&reason=go&wait=1", []byte{0x88, 4, 0x0F, 0xA1, 'g', 'o'}},
		{"close=none&wait=1", []byte{0x88, 0}},
		{"abort=1&wait=1", nil},
		{"close=1000&wait=1&delay=20", []byte{0x88, 2, 0x03, 0xE8}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			t.Parallel()
			c := rawDial(t, ts, tc.query)
			c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
			if n, err := c.br.Read(make([]byte, 1)); n != 0 || !isTimeout(err) {
				t.Fatalf("before any message: got %d bytes, %v; want nothing (a read timeout)", n, err)
			}
			c.SetReadDeadline(time.Time{})
			if err := c.writeText("go"); err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				if rest, err := c.readRest(5 * time.Second); err != nil || len(rest) != 0 {
					t.Fatalf("after the message: got % x, %v; want the connection closed with no bytes", rest, err)
				}
				return
			}
			h, payload, err := c.readFrame(5 * time.Second)
			if err != nil {
				t.Fatalf("reading the Close frame: %v", err)
			}
			if got := append([]byte{h, byte(len(payload))}, payload...); !bytes.Equal(got, tc.want) {
				t.Fatalf("server frame after the message = % x, want % x", got, tc.want)
			}
		})
	}
}

// TestWS_WaitEndsWithTheConnection: a waiting connection ends when the
// client closes (its Close frame is answered) or the server shuts down
// (1001, as for the echo).
func TestWS_WaitEndsWithTheConnection(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	c := dial(t, ts, "close=4001&wait=1")
	if err := c.Close(4002, "never mind"); err != nil {
		t.Errorf("client close while the server waits: %v, want the Close frame answered", err)
	}
	waitIdle(t, srv, 2*time.Second)

	c = dial(t, ts, "close=4001&wait=1")
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}()
	err := readErr(t, c, 3*time.Second)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.StatusGoingAway || ce.Reason != shutdownReason {
		t.Errorf("shutdown while the server waits: got %v, want close 1001 %q", err, shutdownReason)
	}
}

func TestWS_StallNeverAnswersClose(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	c := rawDial(t, ts, "stall=1")
	if err := c.writeClose(closePayload(4000, "bye")); err != nil {
		t.Fatalf("sending Close: %v", err)
	}
	c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	n, err := c.br.Read(make([]byte, 1))
	var ne net.Error
	if n != 0 || !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("within 300 ms of the client's Close: got %d bytes, %v; want nothing (a read timeout)", n, err)
	}
	c.SetReadDeadline(time.Time{})

	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		shut <- srv.Shutdown(ctx)
	}()
	rest, err := c.readRest(3 * time.Second)
	if err != nil || len(rest) != 0 {
		t.Errorf("on shutdown: got % x, %v; want the connection closed with no bytes", rest, err)
	}
	if err := <-shut; err != nil {
		t.Errorf("Shutdown: got %v, want nil", err)
	}
}

func TestWS_StallEndsAfterLimit(t *testing.T) {
	const limit = 200 * time.Millisecond
	_, ts := newServer(t, Options{}, func(s *Server, _ *httptest.Server) { s.stallLimit = limit })
	start := time.Now()
	c := rawDial(t, ts, "stall=1")
	if err := c.writeClose(closePayload(1000, "")); err != nil {
		t.Fatalf("sending Close: %v", err)
	}
	rest, err := c.readRest(3 * time.Second)
	if err != nil || len(rest) != 0 {
		t.Errorf("got % x, %v; want the connection closed with no bytes", rest, err)
	}
	if elapsed := time.Since(start); elapsed < limit {
		t.Errorf("the stalled connection ended after %v, want at least %v", elapsed, limit)
	}
}

func TestWS_StallEndsWhenClientLeaves(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	c := rawDial(t, ts, "stall=1")
	if n := srv.limiter.count(); n != 1 {
		t.Fatalf("%d handlers run with one stalled connection, want 1", n)
	}
	c.Close()
	waitIdle(t, srv, 2*time.Second)
}

func TestWS_RejectsBadQueryBeforeUpgrade(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	for _, tc := range badQueries {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Get(ts.URL + "/ws?" + tc.query)
			if err != nil {
				t.Fatalf("GET: %v", err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status = %d, want 400", resp.StatusCode)
			}
			if got, want := string(body), tc.want+"\n"; got != want {
				t.Errorf("body:\ngot  %q\nwant %q", got, want)
			}
			if got, want := resp.Header.Get("Content-Type"), "text/plain; charset=utf-8"; got != want {
				t.Errorf("Content-Type = %q, want %q", got, want)
			}
			if n := srv.limiter.count(); n != 0 {
				t.Errorf("%d handlers hold a connection slot after a 400, want 0", n)
			}
		})
	}
}

func TestWS_BadQueryRefusesAWebSocketClient(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, wsURL(ts, "close=1005"), nil)
	if err == nil {
		c.CloseNow()
		t.Fatal("Dial(/ws?close=1005) succeeded, want the handshake refused")
	}
	if resp == nil || resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("Dial(/ws?close=1005): got %v, response %v; want HTTP 400", err, resp)
	}
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), "close=1005 (NoStatusReceived) cannot be sent in a Close frame") {
		t.Errorf("400 body = %q, want it to say why 1005 is refused", body)
	}
}

func TestWS_MethodNotAllowed(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodHead, http.MethodOptions} {
		req, _ := http.NewRequest(method, ts.URL+"/ws?close=1000", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s /ws: %v", method, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET" {
			t.Errorf("%s /ws: got %d with Allow %q, want 405 with Allow \"GET\"", method, resp.StatusCode, resp.Header.Get("Allow"))
		}
		if method != http.MethodHead && !strings.Contains(string(body), "GET request (RFC 6455 section 4.1)") {
			t.Errorf("%s /ws: body %q, want it to say the handshake is a GET", method, body)
		}
	}
}

func TestWS_PlainGETIsNotUpgraded(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	resp, err := http.Get(ts.URL + "/ws?close=1000")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUpgradeRequired {
		t.Errorf("GET /ws without Upgrade: status %d, want 426", resp.StatusCode)
	}
	waitIdle(t, srv, time.Second)
}

func TestWS_ConnectionCap(t *testing.T) {
	srv, ts := newServer(t, Options{MaxConns: 2}, nil)
	first := dial(t, ts, "")
	dial(t, ts, "")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, wsURL(ts, ""), nil)
	if err == nil {
		c.CloseNow()
		t.Fatal("third Dial with MaxConns 2 succeeded, want HTTP 503")
	}
	if resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("third Dial: got %v, response %v; want HTTP 503", err, resp)
	}
	body, _ := io.ReadAll(resp.Body)
	if want := "too many WebSocket connections: 2 are open and the limit is 2"; !strings.Contains(string(body), want) {
		t.Errorf("503 body = %q, want it to contain %q", body, want)
	}
	if got := resp.Header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want \"1\"", got)
	}

	first.CloseNow()
	deadline := time.Now().Add(2 * time.Second)
	for srv.limiter.count() != 1 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	dial(t, ts, "") // a freed slot admits a new connection
}

func TestWS_RefusesNewConnectionsAfterShutdown(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	c, resp, err := websocket.Dial(ctx, wsURL(ts, ""), nil)
	if err == nil {
		c.CloseNow()
		t.Fatal("Dial after Shutdown succeeded, want HTTP 503")
	}
	if resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("Dial after Shutdown: got %v, response %v; want HTTP 503", err, resp)
	}
}

func TestWS_Origin(t *testing.T) {
	cases := []struct {
		name     string
		patterns []string
		origin   string // "" sends none; "SELF" is the server's own origin
		want     int
	}{
		{"NoOrigin", nil, "", http.StatusSwitchingProtocols},
		{"SameOrigin", nil, "SELF", http.StatusSwitchingProtocols},
		{"ForeignOrigin", nil, "http://evil.example", http.StatusForbidden},
		{"OtherPortOfSameHost", nil, "http://127.0.0.1:1", http.StatusForbidden},
		{"ForeignAllowedByPattern", []string{"evil.example"}, "http://evil.example", http.StatusSwitchingProtocols},
		{"AnyPortPattern", []string{"localhost:*", "127.0.0.1:*"}, "http://127.0.0.1:1", http.StatusSwitchingProtocols},
		{"PatternIsCaseInsensitive", []string{"Evil.Example"}, "http://EVIL.example", http.StatusSwitchingProtocols},
		{"PatternDoesNotMatch", []string{"localhost:*"}, "http://evil.example", http.StatusForbidden},
		{"SchemePatternChecksScheme", []string{"https://evil.example"}, "http://evil.example", http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, ts := newServer(t, Options{OriginPatterns: tc.patterns}, nil)
			h := http.Header{}
			switch tc.origin {
			case "":
			case "SELF":
				h.Set("Origin", ts.URL)
			default:
				h.Set("Origin", tc.origin)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			c, resp, err := websocket.Dial(ctx, wsURL(ts, ""), &websocket.DialOptions{HTTPHeader: h})
			if c != nil {
				c.CloseNow()
			}
			if resp == nil {
				t.Fatalf("Dial with Origin %q: %v, no response", tc.origin, err)
			}
			if resp.StatusCode != tc.want {
				t.Errorf("Dial with Origin %q and patterns %q: status %d (%v), want %d", tc.origin, tc.patterns, resp.StatusCode, err, tc.want)
			}
		})
	}
}

// codeOf converts a coder/websocket status to a closeevent code for Plan.
func codeOf(s websocket.StatusCode) closeevent.Code { return closeevent.Code(s) }
