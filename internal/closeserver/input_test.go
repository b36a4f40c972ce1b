//go:build !js

package closeserver

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// FuzzServeWS drives the /ws and /_fault/ws handlers, not only ParseQuery,
// with any raw query: the answer is HTTP 400 with ParseQuery's (or
// SplitGroup's) message exactly when the query breaks the contract;
// otherwise the request gets as far as the opening handshake, which a plain
// GET fails (426), or its delay, which the request's ended context cuts
// short (503). Every answer carries the security headers, none is a 5xx
// other than that 503, and no request leaves a connection slot taken: a
// refused request changes nothing.
func FuzzServeWS(f *testing.F) {
	for _, tc := range goodQueries {
		f.Add(tc.query, false)
	}
	for _, tc := range badQueries {
		f.Add(tc.query, false)
	}
	f.Add("group=g&close=4001&reason=x", true)
	f.Add("group=g&group=h", true)
	f.Add("close=1000", true)
	f.Add("group=g&stall=1&delay=10", true)

	srv, err := New(Options{Faults: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Shutdown(context.Background()) })
	ended, cancel := context.WithCancel(context.Background())
	cancel() // delays end at once

	f.Fuzz(func(t *testing.T, raw string, fault bool) {
		path, query := "/ws", raw
		if fault {
			path = FaultWSPath
		}
		req := httptest.NewRequest(http.MethodGet, path, nil).WithContext(ended)
		req.URL.RawQuery = raw
		req.RemoteAddr = "127.0.0.1:4242"
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)

		var wantErr error
		var plan Plan
		if fault {
			var rest string
			if _, rest, wantErr = SplitGroup(raw); wantErr == nil {
				query = rest
			}
		}
		if wantErr == nil {
			plan, wantErr = ParseQuery(query)
		}
		switch {
		case wantErr != nil:
			if rec.Code != http.StatusBadRequest || rec.Body.String() != wantErr.Error()+"\n" {
				t.Fatalf("%s?%q: %d %q, want 400 %q", path, raw, rec.Code, rec.Body.String(), wantErr.Error())
			}
		case plan.Key != "":
			// The server counts a key across inputs: past its first
			// Times connections the plan is the echo (426 here), and
			// with too many keys counted, a new one gets 503.
			ok := rec.Code == http.StatusUpgradeRequired || rec.Code == http.StatusServiceUnavailable ||
				plan.Action == ActionRefuse && rec.Code == plan.Status
			if !ok {
				t.Fatalf("%s?%q (key %q): status %d %q, want %d, 426 or 503", path, raw, plan.Key, rec.Code, rec.Body.String(), plan.Status)
			}
		case plan.Delay > 0:
			if rec.Code != http.StatusServiceUnavailable {
				t.Fatalf("%s?%q (delay %v, request context ended): status %d, want 503", path, raw, plan.Delay, rec.Code)
			}
		case plan.Action == ActionRefuse:
			if rec.Code != plan.Status {
				t.Fatalf("%s?%q: status %d %q, want the refusal's %d", path, raw, rec.Code, rec.Body.String(), plan.Status)
			}
		default:
			if rec.Code != http.StatusUpgradeRequired {
				t.Fatalf("%s?%q without Upgrade headers: status %d %q, want 426", path, raw, rec.Code, rec.Body.String())
			}
		}
		if rec.Header().Get("Content-Security-Policy") == "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("%s?%q: status %d without the security headers: %v", path, raw, rec.Code, rec.Header())
		}
		if n := srv.limiter.count(); n != 0 {
			t.Fatalf("%s?%q: %d connection slots taken after the request, want 0", path, raw, n)
		}
	})
}

// TestWS_RefusalsChangeNothing: a handshake refused for its origin (403),
// beyond the cap (503) or for its query (400) leaves no slot taken and the
// open connections as they were.
func TestWS_RefusalsChangeNothing(t *testing.T) {
	srv, ts := newServer(t, Options{MaxConns: 1}, nil)
	c := dial(t, ts, "")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	refused := []struct {
		query  string
		origin string
		want   int
	}{
		{"", "http://evil.example", http.StatusServiceUnavailable}, // the cap is checked first
		{"close=1005", "", http.StatusBadRequest},
	}
	for _, r := range refused {
		h := http.Header{}
		if r.origin != "" {
			h.Set("Origin", r.origin)
		}
		rc, resp, err := websocket.Dial(ctx, wsURL(ts, r.query), &websocket.DialOptions{HTTPHeader: h})
		if rc != nil {
			rc.CloseNow()
		}
		if resp == nil || resp.StatusCode != r.want {
			t.Errorf("Dial(/ws?%s, Origin %q): %v, %v; want HTTP %d", r.query, r.origin, err, resp, r.want)
		}
	}
	if n := srv.limiter.count(); n != 1 {
		t.Errorf("%d slots taken after the refusals, want the 1 open connection's", n)
	}
	c.CloseNow()
	waitIdle(t, srv, 2*time.Second)

	// With the slot free, the origin check is what refuses.
	h := http.Header{"Origin": {"http://evil.example"}}
	rc, resp, err := websocket.Dial(ctx, wsURL(ts, ""), &websocket.DialOptions{HTTPHeader: h})
	if rc != nil {
		rc.CloseNow()
	}
	if resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("Dial from a foreign origin: %v, %v; want HTTP 403", err, resp)
	}
	waitIdle(t, srv, 2*time.Second)
	body := make([]byte, 200)
	n, _ := resp.Body.Read(body)
	if !strings.Contains(string(body[:n]), "Origin") {
		t.Errorf("403 body %q, want it to name the origin", body[:n])
	}
	dial(t, ts, "") // and the server still admits a connection
}
