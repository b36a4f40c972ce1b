//go:build !js

package closeserver

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// refuse=STATUS answers the handshake with that status and the reason in
// the body, before any upgrade, to a WebSocket client and to a plain GET.
func TestWS_RefuseAnswersTheStatus(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	for _, status := range []int{400, 403, 429, 503, 599} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q := Plan{Action: ActionRefuse, Status: status}.Query()
			c, resp, err := websocket.Dial(ctx, wsURL(ts, q), nil)
			if err == nil {
				c.CloseNow()
				t.Fatalf("Dial(/ws?%s) succeeded, want the handshake refused", q)
			}
			if resp == nil || resp.StatusCode != status {
				t.Fatalf("Dial(/ws?%s): %v, response %v; want HTTP %d", q, err, resp, status)
			}
			body, _ := io.ReadAll(resp.Body)
			if want := "refused as the query asks (refuse=" + strconv.Itoa(status) + ")"; !strings.Contains(string(body), want) {
				t.Errorf("body = %q, want it to contain %q", body, want)
			}
			if n := srv.limiter.count(); n != 0 {
				t.Errorf("%d handlers hold a connection slot after a refusal, want 0", n)
			}
		})
	}
}

// With key and times, the first times connections of a key act as asked
// and later ones echo; another key has its own count.
func TestWS_KeyActsOnTheFirstConnectionsOnly(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	q := Plan{Action: ActionClose, Code: 1012, Reason: "restart", Key: "restart-a", Times: 2}.Query()
	for i := 1; i <= 2; i++ {
		err := readErr(t, dial(t, ts, q), 5*time.Second)
		if code := websocket.CloseStatus(err); code != 1012 {
			t.Fatalf("connection %d of the key: Read error %v, want close 1012", i, err)
		}
	}
	for i := 3; i <= 4; i++ {
		c := dial(t, ts, q)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := c.Write(ctx, websocket.MessageText, []byte("back")); err != nil {
			t.Fatalf("connection %d: Write: %v", i, err)
		}
		_, msg, err := c.Read(ctx)
		cancel()
		if err != nil || string(msg) != "back" {
			t.Fatalf("connection %d of the key: echo = %q, %v; want \"back\"", i, msg, err)
		}
		c.Close(websocket.StatusNormalClosure, "")
	}
	other := Plan{Action: ActionClose, Code: 1012, Key: "restart-b", Times: 1}.Query()
	if code := websocket.CloseStatus(readErr(t, dial(t, ts, other), 5*time.Second)); code != 1012 {
		t.Errorf("first connection of another key closed with %d, want 1012", code)
	}
}

// A refusal with a key refuses the first connections, then upgrades.
func TestWS_KeyRefusesThenServes(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	q := Plan{Action: ActionRefuse, Status: 403, Key: "refuse-once", Times: 1}.Query()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if c, resp, err := websocket.Dial(ctx, wsURL(ts, q), nil); err == nil || resp == nil || resp.StatusCode != 403 {
		if c != nil {
			c.CloseNow()
		}
		t.Fatalf("first Dial: %v, %v; want HTTP 403", resp, err)
	}
	dial(t, ts, q).Close(websocket.StatusNormalClosure, "")
}

// Once MaxKeys keys are counted, a new key is refused with 503 unless one
// has been idle for KeyIdle, which is then forgotten.
func TestKeyCounts_Limit(t *testing.T) {
	var k keyCounts
	now := time.Now()
	for i := range MaxKeys {
		if n, err := k.next("k"+strconv.Itoa(i), now); n != 1 || err != nil {
			t.Fatalf("next(k%d) = %d, %v; want 1, nil", i, n, err)
		}
	}
	if n, err := k.next("k0", now); n != 2 || err != nil {
		t.Errorf("next of a known key at the limit = %d, %v; want 2, nil", n, err)
	}
	if _, err := k.next("new", now.Add(KeyIdle-time.Second)); !errors.Is(err, errTooManyKeys) {
		t.Errorf("next of a new key at the limit = %v, want errTooManyKeys", err)
	}
	if n, err := k.next("new", now.Add(KeyIdle)); n != 1 || err != nil {
		t.Errorf("next of a new key once the others are idle = %d, %v; want 1, nil", n, err)
	}
	if len(k.keys) != 1 {
		t.Errorf("%d keys counted after the idle ones were forgotten, want 1", len(k.keys))
	}
}

// The server answers 503 with the reason when it counts too many keys.
func TestWS_TooManyKeys(t *testing.T) {
	srv, ts := newServer(t, Options{}, nil)
	now := time.Now()
	for i := range MaxKeys {
		srv.keys.next("k"+strconv.Itoa(i), now)
	}
	resp, err := http.Get(ts.URL + "/ws?" + Plan{Action: ActionAbort, Key: "one-more", Times: 1}.Query())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "keys already") {
		t.Errorf("GET with a new key at the limit: %d %q, want 503 saying the server counts too many keys", resp.StatusCode, body)
	}
}
