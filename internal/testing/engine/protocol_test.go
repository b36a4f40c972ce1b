//go:build !js

package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// fakeBiDi is a WebDriver BiDi remote end that answers script.evaluate
// with a string, fails every other command with "unknown command", sends
// one log event first, and ends the connection on "end".
func fakeBiDi(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		ctx := r.Context()
		c.Write(ctx, websocket.MessageText, []byte(`{"type":"event","method":"log.entryAdded","params":{"level":"info","text":"hi"}}`))
		for {
			_, data, err := c.Read(ctx)
			if err != nil {
				return
			}
			var cmd struct {
				ID     int64           `json:"id"`
				Method string          `json:"method"`
				Params json.RawMessage `json:"params"`
			}
			json.Unmarshal(data, &cmd)
			var reply string
			switch cmd.Method {
			case "script.evaluate":
				reply = fmt.Sprintf(`{"type":"success","id":%d,"result":{"type":"success","result":{"type":"string","value":"[1,2]"}}}`, cmd.ID)
			case "end":
				return
			default:
				reply = fmt.Sprintf(`{"type":"error","id":%d,"error":"unknown command","message":"no %s"}`, cmd.ID, cmd.Method)
			}
			c.Write(ctx, websocket.MessageText, []byte(reply))
		}
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

func TestBiDiConn(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	events := make(chan string, 1)
	c, err := dialBiDi(ctx, fakeBiDi(t), func(method string, params json.RawMessage) { events <- method + " " + string(params) })
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	select {
	case e := <-events:
		if !strings.HasPrefix(e, "log.entryAdded ") || !strings.Contains(e, `"hi"`) {
			t.Errorf("event = %q", e)
		}
	case <-ctx.Done():
		t.Fatal("no event")
	}

	var r struct {
		Result struct{ Value string } `json:"result"`
	}
	if err := c.call(ctx, "script.evaluate", map[string]any{"expression": "1"}, &r); err != nil || r.Result.Value != "[1,2]" {
		t.Errorf("script.evaluate = %+v, %v", r, err)
	}
	err = c.call(ctx, "nope.nope", nil, nil)
	var be *BiDiError
	if !errors.As(err, &be) || be.Code != "unknown command" || be.Method != "nope.nope" {
		t.Errorf("an unknown command: %v, want a *BiDiError", err)
	}
	// The remote end goes away while a command waits for its answer.
	if err := c.call(ctx, "end", nil, nil); err == nil || !strings.Contains(err.Error(), "connection ended") {
		t.Errorf("a command the remote end never answers: %v, want the connection's end", err)
	}
	short, cancelShort := context.WithTimeout(ctx, time.Millisecond)
	defer cancelShort()
	if err := c.call(short, "script.evaluate", nil, nil); err == nil {
		t.Errorf("a command after the end: no error")
	}
}

func TestWebDriver(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/status":
			fmt.Fprint(w, `{"value":{"ready":true,"message":""}}`)
		case "/session/s1/execute/sync":
			var body struct {
				Script string `json:"script"`
			}
			json.NewDecoder(r.Body).Decode(&body)
			if strings.Contains(body.Script, "throw") {
				w.WriteHeader(http.StatusInternalServerError)
				fmt.Fprint(w, `{"value":{"error":"javascript error","message":"boom","stacktrace":""}}`)
				return
			}
			fmt.Fprint(w, `{"value":"{\"a\":1}\n[\"log: one\"]"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `not json`)
		}
	}))
	defer srv.Close()
	wd := &webDriver{base: srv.URL, client: srv.Client()}
	ctx := context.Background()

	var status struct{ Ready bool }
	if err := wd.do(ctx, http.MethodGet, "/status", nil, &status); err != nil || !status.Ready {
		t.Errorf("GET /status = %+v, %v", status, err)
	}
	s := &webKitSession{wd: wd, id: "s1"}
	got, err := s.Eval(ctx, "x")
	if err != nil || string(got) != `{"a":1}` {
		t.Errorf("Eval = %s, %v", got, err)
	}
	if c := s.Console(); len(c) != 1 || c[0] != "log: one" {
		t.Errorf("Console() = %q", c)
	}
	_, err = s.Eval(ctx, "throw 1")
	var we *WebDriverError
	if !errors.As(err, &we) || we.Status != 500 || we.Code != "javascript error" || we.Message != "boom" {
		t.Errorf("a throwing script: %v, want a *WebDriverError", err)
	}
	if se := (*ScriptError)(nil); !errors.As(err, &se) || se.Engine != "webkit" {
		t.Errorf("a throwing script: %v, want a *ScriptError", err)
	}
	if err := wd.do(ctx, http.MethodGet, "/elsewhere", nil, nil); err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Errorf("a non-JSON answer: %v", err)
	}
}

func TestTruthy(t *testing.T) {
	for raw, want := range map[string]bool{
		"null": false, "false": false, "0": false, `""`: false, "": false,
		"true": true, "1": true, `"x"`: true, "{}": true, "[]": true, `{"passed":0}`: true,
	} {
		if got := truthy([]byte(raw)); got != want {
			t.Errorf("truthy(%s) = %v, want %v", raw, got, want)
		}
	}
}

func TestLineWriter(t *testing.T) {
	var lines []string
	w := &lineWriter{onLine: func(l string) { lines = append(lines, l) }}
	fmt.Fprint(w, "one\r\ntw")
	fmt.Fprint(w, "o\nthree")
	if strings.Join(lines, "|") != "one|two" {
		t.Errorf("lines = %q", lines)
	}
	if got := w.tail(); got != "  one\n  two\n  three" {
		t.Errorf("tail() = %q", got)
	}
	for i := 0; i < 2*tailLines; i++ {
		fmt.Fprintf(w, "l%d\n", i)
	}
	if n := strings.Count(w.tail(), "\n") + 1; n != tailLines {
		t.Errorf("tail() has %d lines, want %d", n, tailLines)
	}
}

func TestNew_Unknown(t *testing.T) {
	if _, err := New("lynx"); err == nil || errors.Is(err, ErrNoBrowser) {
		t.Errorf("New(lynx) = %v, want an error that is not ErrNoBrowser", err)
	}
}
