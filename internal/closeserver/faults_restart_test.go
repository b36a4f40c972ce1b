//go:build !js

package closeserver

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// post POSTs to url and returns the status and the body without its
// newline.
func post(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "", nil)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSuffix(string(body), "\n")
}

// TestFaults_Restart: a listener of /_fault/listen serves the same
// server; a restart drops its WebSockets without a Close frame (the client
// reads 1006), refuses connections while down, and then serves the same
// port again, while the server's own listener is untouched.
func TestFaults_Restart(t *testing.T) {
	_, ts := newServer(t, Options{Faults: true}, nil)
	status, base := post(t, ts.URL+FaultListenPath)
	if status != http.StatusOK || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("POST %s: %d %q, want 200 and a base URL", FaultListenPath, status, base)
	}
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws := "ws" + strings.TrimPrefix(base, "http") + "/ws"
	var conns []*websocket.Conn
	for range 3 {
		c, _, err := websocket.Dial(ctx, ws, nil)
		if err != nil {
			t.Fatalf("dial %s: %v", ws, err)
		}
		conns = append(conns, c)
	}
	other, _, err := websocket.Dial(ctx, wsURL(ts, ""), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.CloseNow()

	done := make(chan string, 1)
	go func() { _, body := post(t, ts.URL+FaultRestartPath+"?port="+port+"&down=300"); done <- body }()
	for _, c := range conns {
		_, _, err := c.Read(ctx)
		if got := websocket.CloseStatus(err); got != -1 || err == nil {
			t.Errorf("read on a restarted connection: %v (status %d), want a dropped connection", err, got)
		}
	}
	// While down, the port refuses.
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second); err == nil {
		select {
		case <-done:
			t.Log("the restart ended before the refusal could be seen")
		default:
			t.Errorf("a dial while the listener is down connected, want refused")
		}
	}
	if body := <-done; body != "restarted 3" {
		t.Errorf("restart answered %q, want \"restarted 3\"", body)
	}
	c, _, err := websocket.Dial(ctx, ws, nil)
	if err != nil {
		t.Fatalf("dial after the restart: %v", err)
	}
	c.Close(websocket.StatusNormalClosure, "")
	if err := other.Write(ctx, websocket.MessageText, []byte("x")); err != nil {
		t.Errorf("the server's own listener lost a connection to the restart: %v", err)
	}
	if _, _, err := other.Read(ctx); err != nil {
		t.Errorf("echo on the server's own listener after the restart: %v", err)
	}
}

func TestFaults_RestartRefusesBadRequests(t *testing.T) {
	_, ts := newServer(t, Options{Faults: true}, nil)
	for _, tc := range []struct {
		target string
		want   int
	}{
		{FaultListenPath + "?x=1", http.StatusBadRequest},
		{FaultRestartPath + "?port=1&down=0", http.StatusNotFound},
		{FaultRestartPath + "?port=1", http.StatusBadRequest},
		{FaultRestartPath + "?port=1&down=-1", http.StatusBadRequest},
		{FaultRestartPath + "?port=1&down=10001", http.StatusBadRequest},
		{FaultRestartPath + "?port=x&down=1", http.StatusBadRequest},
	} {
		if status, body := post(t, ts.URL+tc.target); status != tc.want {
			t.Errorf("POST %s: %d %q, want %d", tc.target, status, body, tc.want)
		}
	}
	resp, err := http.Get(ts.URL + FaultListenPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET %s: %d, want 405", FaultListenPath, resp.StatusCode)
	}
	// Off without Faults.
	_, plain := newServer(t, Options{}, nil)
	if status, _ := post(t, plain.URL+FaultListenPath); status == http.StatusOK {
		t.Errorf("POST %s without Options.Faults: 200, want the static files' refusal", FaultListenPath)
	}
}
