//go:build !js

package closeserver

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// tsFaultURL is the ws:// URL of a fault endpoint of ts with a raw query.
func tsFaultURL(ts *httptest.Server, path, rawQuery string) string {
	return "ws" + strings.TrimPrefix(ts.URL, "http") + path + "?" + rawQuery
}

// countGroup returns the answer of /_fault/count?group=group.
func countGroup(t *testing.T, ts *httptest.Server, group string) string {
	t.Helper()
	resp, err := http.Get(ts.URL + FaultCountPath + "?group=" + group)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s?group=%s: %d %q, want 200", FaultCountPath, group, resp.StatusCode, body)
	}
	return strings.TrimSuffix(string(body), "\n")
}

// dropGroup drops group with a POST to /_fault/drop, as a test would
// without a browser (no Origin header), and returns the answer's body,
// such as "dropped 3".
func dropGroup(t *testing.T, ts *httptest.Server, group string) string {
	t.Helper()
	return postDrop(t, ts, group, "", http.StatusOK)
}

// postDrop POSTs to /_fault/drop?group=group with an Origin header unless
// origin is empty, checks the status and returns the body without its
// newline.
func postDrop(t *testing.T, ts *httptest.Server, group, origin string, want int) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+FaultDropPath+"?group="+group, nil)
	if err != nil {
		t.Fatal(err)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s?group=%s: %v", FaultDropPath, group, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("POST %s?group=%s (Origin %q): %d %q, want %d", FaultDropPath, group, origin, resp.StatusCode, body, want)
	}
	if want == http.StatusOK {
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != origin {
			t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, origin)
		}
		if got := resp.Header.Get("Content-Type"); got != "text/plain; charset=utf-8" {
			t.Errorf("Content-Type = %q, want text/plain; charset=utf-8", got)
		}
	}
	return strings.TrimSuffix(string(body), "\n")
}

func TestFaults_OffByDefault(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	for _, target := range []string{FaultDropPath + "?group=a", FaultCountPath + "?group=a", FaultWSPath + "?group=a", FaultWSPath + "?group=a&stall=1"} {
		resp, err := http.Get(ts.URL + target)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s without Options.Faults: status %d, want 404", target, resp.StatusCode)
		}
	}
	// The static files take the POST and refuse it.
	postDrop(t, ts, "a", "", http.StatusMethodNotAllowed)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, tsFaultURL(ts, FaultWSPath, "group=a"), nil)
	if err == nil {
		c.CloseNow()
		t.Fatal("a fault connection opened on a server without Options.Faults")
	}
	if resp == nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("fault handshake without Options.Faults: %v, response %v; want HTTP 404", err, resp)
	}
}

// TestFaults_DropEndsTheGroupWithoutCloseFrames: echoing, stalled-in-closing
// and delayed connections of the group all lose their TCP connection with
// no byte written; another group and plain /ws connections go on.
func TestFaults_DropEndsTheGroupWithoutCloseFrames(t *testing.T) {
	srv, ts := newServer(t, Options{Faults: true}, nil)
	echo := rawDialPath(t, ts, FaultWSPath+"?group=doomed")
	stalled := rawDialPath(t, ts, FaultWSPath+"?group=doomed&stall=1")
	if err := stalled.writeClose(closePayload(4000, "bye")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	delayed := dialAsync2(ctx, tsFaultURL(ts, FaultWSPath, "group=doomed&delay=10000"))
	other := dial2(t, tsFaultURL(ts, FaultWSPath, "group=spared"))
	plain := dial(t, ts, "")
	waitBusy(t, srv, 5, 2*time.Second)
	if got := countGroup(t, ts, "doomed"); got != "3" {
		t.Errorf("count of the group before the drop = %q, want 3 (the delayed handshake included)", got)
	}

	start := time.Now()
	if got := dropGroup(t, ts, "doomed"); got != "dropped 3" {
		t.Errorf("drop reason = %q, want \"dropped 3\"", got)
	}
	for name, c := range map[string]*rawConn{"echo": echo, "stalled": stalled} {
		rest, err := c.readRest(2 * time.Second)
		if err != nil || len(rest) != 0 {
			t.Errorf("%s connection after the drop: got % x, %v; want it closed with no bytes (no Close frame)", name, rest, err)
		}
	}
	select {
	case r := <-delayed:
		if r.resp != nil || r.err == nil {
			t.Errorf("delayed connection after the drop: response %v, error %v; want no response at all", r.resp, r.err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the delayed connection still waits 2 s after the drop")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the drop took %v, want well under the 10 s delay", d)
	}
	for name, c := range map[string]*websocket.Conn{"other group": other, "plain /ws": plain} {
		if err := c.Write(ctx, websocket.MessageText, []byte("still here")); err != nil {
			t.Fatalf("%s: Write after the drop: %v", name, err)
		}
		if _, msg, err := c.Read(ctx); err != nil || string(msg) != "still here" {
			t.Errorf("%s: echo after another group's drop: %q, %v", name, msg, err)
		}
	}
	waitBusy(t, srv, 2, 2*time.Second)
	if got, other := countGroup(t, ts, "doomed"), countGroup(t, ts, "spared"); got != "0" || other != "1" {
		t.Errorf("counts after the drop: doomed %q, spared %q; want 0 and 1", got, other)
	}
	if got := dropGroup(t, ts, "doomed"); got != "dropped 0" {
		t.Errorf("second drop of the same group: reason %q, want \"dropped 0\"", got)
	}
	// The server goes on: a new connection of the dropped group works.
	c := dial2(t, tsFaultURL(ts, FaultWSPath, "group=doomed&close=4001&reason=again"))
	if err := readErr(t, c, 5*time.Second); websocket.CloseStatus(err) != 4001 {
		t.Errorf("new connection after the drop: %v, want close 4001", err)
	}
}

// TestFaults_StallOutlivesStallLimit: a stalled connection of a group is
// held past the server's StallLimit, until a drop.
func TestFaults_StallOutlivesStallLimit(t *testing.T) {
	_, ts := newServer(t, Options{Faults: true}, func(s *Server, _ *httptest.Server) { s.stallLimit = 50 * time.Millisecond })
	c := rawDialPath(t, ts, FaultWSPath+"?group=slow&stall=1")
	if err := c.writeClose(closePayload(1000, "")); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if n, err := c.br.Read(make([]byte, 1)); n != 0 || !isTimeout(err) {
		t.Fatalf("300 ms into a fault-group stall (StallLimit 50 ms): got %d bytes, %v; want nothing yet", n, err)
	}
	c.SetReadDeadline(time.Time{})
	dropGroup(t, ts, "slow")
	if rest, err := c.readRest(2 * time.Second); err != nil || len(rest) != 0 {
		t.Errorf("after the drop: got % x, %v; want the connection closed with no bytes", rest, err)
	}
}

func TestFaults_RefusesBadRequests(t *testing.T) {
	srv, ts := newServer(t, Options{Faults: true, OriginPatterns: []string{"localhost:*"}}, nil)
	bystander := rawDialPath(t, ts, FaultWSPath+"?group=g")
	cases := []struct {
		name, method, target, remote string
		want                         int
		body                         string
	}{
		{"DropFromAnotherHost", "POST", FaultDropPath + "?group=g", "192.0.2.7:4242", 403, "loopback address only"},
		{"WSFromAnotherHost", "GET", FaultWSPath + "?group=g", "[2001:db8::1]:4242", 403, "loopback address only"},
		{"DropByGET", "GET", FaultDropPath + "?group=g", "127.0.0.1:4242", 405, "a drop is a POST request"},
		{"WSByPUT", "PUT", FaultWSPath + "?group=g", "[::1]:4242", 405, "GET request"},
		{"DropWithoutGroup", "POST", FaultDropPath, "127.0.0.1:4242", 400, "group is missing"},
		{"DropEmptyGroup", "POST", FaultDropPath + "?group=", "127.0.0.1:4242", 400, `group="" is not allowed`},
		{"DropGroupWithSlash", "POST", FaultDropPath + "?group=a/b", "127.0.0.1:4242", 400, "is not allowed; a group is 1 to 64"},
		{"DropGroupTooLong", "POST", FaultDropPath + "?group=" + strings.Repeat("g", MaxGroupLen+1), "127.0.0.1:4242", 400, "is not allowed"},
		{"DropGroupTwice", "POST", FaultDropPath + "?group=g&group=g", "127.0.0.1:4242", 400, "given 2 times"},
		{"DropWithMore", "POST", FaultDropPath + "?group=g&close=1000", "127.0.0.1:4242", 400, "takes group=NAME and nothing else"},
		{"WSBadQuery", "GET", FaultWSPath + "?group=g&close=1005", "127.0.0.1:4242", 400, "close=1005 (NoStatusReceived) cannot be sent"},
		{"WSUnknownParam", "GET", FaultWSPath + "?group=g&hold=1", "127.0.0.1:4242", 400, `unknown parameter "hold"`},
		{"CountFromAnotherHost", "GET", FaultCountPath + "?group=g", "192.0.2.7:4242", 403, "loopback address only"},
		{"CountByPOST", "POST", FaultCountPath + "?group=g", "127.0.0.1:4242", 405, "a count is a GET request"},
		{"CountWithoutGroup", "GET", FaultCountPath + "?delay=1", "127.0.0.1:4242", 400, "group is missing"},
		{"CountWithMore", "GET", FaultCountPath + "?group=g&delay=1", "127.0.0.1:4242", 400, "/_fault/count query: it takes group=NAME and nothing else"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, nil)
			req.RemoteAddr = tc.remote
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != tc.want || !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("%s %s from %s: %d %q, want %d with %q", tc.method, tc.target, tc.remote, rec.Code, rec.Body.String(), tc.want, tc.body)
			}
			if rec.Header().Get("Content-Security-Policy") == "" {
				t.Errorf("%s %s: no Content-Security-Policy on the refusal", tc.method, tc.target)
			}
		})
	}

	// A page from a foreign origin cannot drop a group or join one: the
	// origin check refuses it before anything happens, as for /ws.
	for _, origin := range []string{"http://evil.example", "null", "http://localhost.evil.example:80", "%zz"} {
		body := postDrop(t, ts, "g", origin, http.StatusForbidden)
		if !strings.Contains(body, "may not drop connections") && !strings.Contains(body, "cannot parse the Origin") {
			t.Errorf("drop from Origin %q: body %q, want it to say why", origin, body)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL+FaultCountPath+"?group=g", nil)
	req.Header.Set("Origin", "http://evil.example")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("count from a foreign origin: %v, %v; want HTTP 403", resp, err)
	} else {
		resp.Body.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, tsFaultURL(ts, FaultWSPath, "group=g"), &websocket.DialOptions{HTTPHeader: http.Header{"Origin": {"http://evil.example"}}})
	if c != nil {
		c.CloseNow()
	}
	if resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("%s from a foreign origin: %v, response %v; want HTTP 403", FaultWSPath, err, resp)
	}
	// Nothing above dropped the bystander.
	bystander.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	if n, err := bystander.br.Read(make([]byte, 1)); n != 0 || !isTimeout(err) {
		t.Errorf("the group's connection after refused requests: got %d bytes, %v; want it still open", n, err)
	}
	bystander.SetReadDeadline(time.Time{})
	// The page's own origin and the allowed pattern may drop; the answer
	// lets them read it (CORS).
	if got := postDrop(t, ts, "g", ts.URL, http.StatusOK); got != "dropped 1" {
		t.Errorf("drop from the server's own origin: %q, want \"dropped 1\"", got)
	}
	if got := postDrop(t, ts, "g", "http://LOCALHOST:9999", http.StatusOK); got != "dropped 0" {
		t.Errorf("drop from an origin the pattern allows: %q, want \"dropped 0\"", got)
	}
}

// dial2 is dial for a full URL.
func dial2(t *testing.T, u string) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, u, nil)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("Dial(%s): got %v (HTTP %d), want an open WebSocket", u, err, status)
	}
	t.Cleanup(func() { c.CloseNow() })
	return c
}

type dialResult struct {
	resp *http.Response
	err  error
}

// dialAsync2 starts a Dial of u and returns its outcome later.
func dialAsync2(ctx context.Context, u string) <-chan dialResult {
	out := make(chan dialResult, 1)
	go func() {
		c, resp, err := websocket.Dial(ctx, u, nil)
		if err == nil {
			c.CloseNow()
		}
		if resp != nil && resp.Body != nil {
			io.Copy(io.Discard, resp.Body)
		}
		out <- dialResult{resp, err}
	}()
	return out
}

// isTimeout reports whether err is a deadline that passed.
func isTimeout(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.As(err, &ne) && ne.Timeout()
}
