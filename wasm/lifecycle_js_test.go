//go:build js && wasm

package main

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// serverWS returns the ws:// URL of the test server's /ws with query q, or
// skips where there is no WebSocket (Node.js) or no server (a run outside
// `make test`, which starts one and names it in CLOSESHIM_SERVER_URL).
func serverWS(t *testing.T, q string) string {
	t.Helper()
	if js.Global().Get("WebSocket").IsUndefined() {
		t.Skip("this JavaScript runtime has no WebSocket (Node.js before 22)")
	}
	base := os.Getenv("CLOSESHIM_SERVER_URL")
	if base == "" {
		t.Skip("CLOSESHIM_SERVER_URL is not set: run the browser tests through `make test`")
	}
	return "ws" + strings.TrimPrefix(base, "http") + "/ws?" + q
}

// apiErr returns err as an *apiError, or fails.
func apiErr(t *testing.T, err error, kind string, mentions ...string) *apiError {
	t.Helper()
	var ae *apiError
	if !errors.As(err, &ae) {
		t.Fatalf("got error %v, want a %s", err, kind)
	}
	if ae.kind != kind {
		t.Errorf("got a %s %q, want a %s", ae.kind, ae.msg, kind)
	}
	for _, m := range mentions {
		if !strings.Contains(ae.msg, m) {
			t.Errorf("message %q does not mention %q", ae.msg, m)
		}
	}
	return ae
}

func TestShouldReconnect_JS(t *testing.T) {
	b := testBuiltins(t)
	tests := []struct {
		src  string // returns the arguments, as an array
		want bool
	}{
		{"return [{code: 1012}]", true},
		{"return [{code: 1012}, false]", true},
		{"return [{code: 1012}, true]", false},
		{"return [{code: 1012, local: true}]", false},
		{"return [{code: 1012, local: true}, false]", true},
		{"return [{code: 1012, local: 'yes'}]", true}, // not a boolean: ignored
		{"return [{code: 1000}]", false},
		{"return [{code: 1006}]", true},
		{"return [{code: 3008}]", true},
		{"return [{code: 4001}]", false},
		{"return [Object.create({code: 1013})]", true}, // inherited, like a CloseEvent's getter
	}
	for _, tt := range tests {
		args := jsArgs(t, tt.src)
		got, err := b.shouldReconnect(args)
		if err != nil || got != tt.want {
			t.Errorf("shouldReconnect(%s) = %v, %v; want %v", tt.src, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ src, mention string }{
		{"return []", "event is undefined"},
		{"return [1012]", "event is number 1012"},
		{"return [{}]", "event.code is undefined"},
		{"return [{code: '1012'}]", "event.code is string \"1012\""},
		{"return [{code: 1012.5}]", "0..65535"},
		{"return [{code: -1}]", "0..65535"},
		{"return [{code: 1012}, 1]", "local is number 1"},
	} {
		_, err := b.shouldReconnect(jsArgs(t, tt.src))
		apiErr(t, err, "TypeError", tt.mention)
	}
	_, err := b.shouldReconnect(jsArgs(t, "return [{get code() { throw new RangeError('mine') }}]"))
	if name := thrownName(t, err); name != "RangeError" {
		t.Errorf("a throwing code getter: got %v, want its RangeError passed on", err)
	}
}

// jsArgs evaluates src, which returns an array, into export arguments.
func jsArgs(t *testing.T, src string) []js.Value {
	t.Helper()
	arr := jstest.Eval(t, src)
	args := make([]js.Value, arr.Length())
	for i := range args {
		args[i] = arr.Index(i)
	}
	return args
}

func TestReconnectOptions_JS(t *testing.T) {
	b := testBuiltins(t)
	url := js.ValueOf("ws://127.0.0.1:1/ws")

	// Read once each, in WebIDL's dictionary order.
	spy := jstest.Eval(t, `const order = []; globalThis.__order = order;
		return new Proxy({}, {get(t, k) { order.push(k); return undefined; }})`)
	l := &loop{b: b}
	if err := l.readArgs(url, spy); err != nil {
		t.Fatal(err)
	}
	order := js.Global().Get("__order").Call("join", ",").String()
	js.Global().Delete("__order")
	if want := "decide,factor,max,maxAttempts,min,onclose,ongiveup,onopen,protocols,stable"; order != want {
		t.Errorf("options read in the order %s, want %s", order, want)
	}

	l = &loop{b: b}
	if err := l.readArgs(url, jstest.Eval(t, "return {min: 250, max: 4000, stable: 1500.5, factor: 1.5, maxAttempts: 3}")); err != nil {
		t.Fatal(err)
	}
	p := l.policy
	if p.Min != 250*time.Millisecond || p.Max != 4*time.Second || p.Stable != 1500500*time.Microsecond || p.Factor != 1.5 || p.MaxAttempts != 3 {
		t.Errorf("policy = %+v, want min 250ms, max 4s, stable 1.5005s, factor 1.5, maxAttempts 3", p)
	}
	l = &loop{b: b}
	if err := l.readArgs(url, jstest.Eval(t, "return {maxAttempts: Infinity}")); err != nil || l.policy.MaxAttempts != 0 {
		t.Errorf("maxAttempts: Infinity gives %d, %v; want 0 (no limit)", l.policy.MaxAttempts, err)
	}

	for _, tt := range []struct{ src, kind, mention string }{
		{"return 5", "TypeError", "options is number 5"},
		{"return {min: '5'}", "TypeError", "options.min"},
		{"return {min: -1}", "RangeError", "options.min"},
		{"return {max: NaN}", "RangeError", "options.max"},
		{"return {stable: 2 ** 40}", "RangeError", "options.stable"},
		{"return {factor: Infinity}", "RangeError", "options.factor"},
		{"return {maxAttempts: 2.5}", "RangeError", "options.maxAttempts"},
		{"return {decide: 1}", "TypeError", "options.decide"},
		{"return {onopen: {}}", "TypeError", "options.onopen"},
	} {
		l := &loop{b: b}
		apiErr(t, l.readArgs(url, jstest.Eval(t, tt.src)), tt.kind, tt.mention)
	}

	// A throwing getter: a TypeError naming the option, whose cause is
	// the exception.
	marker := jstest.Eval(t, "return globalThis.__marker = new Error('marker')")
	defer js.Global().Delete("__marker")
	l = &loop{b: b}
	ae := apiErr(t, l.readArgs(url, jstest.Eval(t, "return {get onclose() { throw globalThis.__marker }}")), "TypeError", "options.onclose", "threw", "marker")
	if !ae.extra.Equal(marker) {
		t.Errorf("the TypeError's cause is not the getter's exception")
	}
}

func TestTrack_JS_NotAWebSocket(t *testing.T) {
	b := testBuiltins(t)
	for _, src := range []string{"return [() => {}]", "return [() => {}, {}]", "return [() => {}, 5]"} {
		_, err := b.track(jsArgs(t, src))
		var ae *apiError
		if !errors.As(err, &ae) || (ae.kind != "TypeError" && !strings.Contains(ae.msg, "WebSocket")) {
			t.Errorf("track(%s) = %v, want a TypeError (or, without WebSocket, an error naming it)", src, err)
		}
	}
}

// callbacks are JS functions a test hands an export, recording their calls.
type callbacks struct {
	fns   []js.Func
	calls chan []js.Value
}

func newCallbacks(t *testing.T) *callbacks {
	c := &callbacks{calls: make(chan []js.Value, 64)}
	t.Cleanup(func() {
		for _, f := range c.fns {
			f.Release()
		}
	})
	return c
}

// fn returns a function that records (name, args...) on c.calls.
func (c *callbacks) fn(name string) js.Value {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		c.calls <- append([]js.Value{js.ValueOf(name)}, args...)
		return nil
	})
	c.fns = append(c.fns, f)
	return f.Value
}

// next returns the next recorded call named name, skipping others.
func (c *callbacks) next(t *testing.T, name string, within time.Duration) []js.Value {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case call := <-c.calls:
			if call[0].String() == name {
				return call[1:]
			}
		case <-deadline:
			t.Fatalf("no call of %s within %v", name, within)
			return nil
		}
	}
}

func TestTrack_JS_CloseAndSettle(t *testing.T) {
	url := serverWS(t, "")
	b := testBuiltins(t)
	cb := newCallbacks(t)
	ws := js.Global().Get("WebSocket").New(url)
	v, err := b.track([]js.Value{cb.fn("settle"), ws})
	if err != nil {
		t.Fatal(err)
	}
	ctl := v.(js.Value)
	opened := make(chan struct{})
	onOpen := js.FuncOf(func(js.Value, []js.Value) any { close(opened); return nil })
	defer onOpen.Release()
	ws.Call("addEventListener", "open", onOpen)
	select {
	case <-opened:
	case <-time.After(10 * time.Second):
		t.Fatal("the socket did not open")
	}

	// A refused close: a DOMException result, nothing sent.
	r := ctl.Invoke(0, 1001)
	if r.Index(0).Int() != resultError || r.Index(1).String() != "DOMException" || r.Index(3).String() != "InvalidAccessError" {
		t.Errorf("ctl(0, 1001) = [%v, %v, %v], want [1, DOMException, ..., InvalidAccessError]", r.Index(0), r.Index(1), r.Index(3))
	}
	if s := ws.Get("readyState").Int(); s != 1 {
		t.Errorf("readyState %d after a refused close, want OPEN (1)", s)
	}
	if r := ctl.Invoke(1); r.Index(1).Bool() {
		t.Errorf("local is true before any close")
	}
	if r := ctl.Invoke(0, 4001, "bye"); r.Index(0).Int() != resultValue {
		t.Errorf("ctl(0, 4001, 'bye') = %v, want a value result", r.Index(0))
	}
	args := cb.next(t, "settle", 10*time.Second)
	ev := args[0]
	if ev.Get("code").Int() != 4001 || ev.Get("reason").String() != "bye" || !ev.Get("local").Bool() || !ev.Get("wasClean").Bool() {
		t.Errorf("settled with code %v reason %v local %v wasClean %v; want 4001 bye true true",
			ev.Get("code"), ev.Get("reason"), ev.Get("local"), ev.Get("wasClean"))
	}
}

func TestTrack_JS_AlreadyClosed(t *testing.T) {
	url := serverWS(t, "close=4002")
	b := testBuiltins(t)
	cb := newCallbacks(t)
	ws := js.Global().Get("WebSocket").New(url)
	closed := make(chan struct{})
	onClose := js.FuncOf(func(js.Value, []js.Value) any { close(closed); return nil })
	defer onClose.Release()
	ws.Call("addEventListener", "close", onClose)
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the socket did not close")
	}
	if _, err := b.track([]js.Value{cb.fn("settle"), ws}); err != nil {
		t.Fatal(err)
	}
	args := cb.next(t, "settle", 5*time.Second)
	if len(args) < 2 || !args[0].IsUndefined() || !strings.Contains(args[1].String(), "already CLOSED") {
		t.Errorf("settle got %v, want (undefined, a message saying the socket was already CLOSED)", args)
	}
}

// TestReconnect_JS_GivesUp: a refused handshake, three times: ongiveup
// with the last event, ended(3), and the delays growing within bounds.
func TestReconnect_JS_GivesUp(t *testing.T) {
	url := serverWS(t, "refuse=403")
	b := testBuiltins(t)
	cb := newCallbacks(t)
	before := goroutinesAfterACallback(t)
	opts := js.Global().Get("Object").New()
	opts.Set("min", 40)
	opts.Set("max", 1000)
	opts.Set("maxAttempts", 3)
	opts.Set("onclose", cb.fn("onclose"))
	opts.Set("ongiveup", cb.fn("ongiveup"))
	_, err := b.reconnect([]js.Value{
		cb.fn("report"), cb.fn("socket"), cb.fn("ended"),
		js.ValueOf(url), opts,
	})
	if err != nil {
		t.Fatal(err)
	}
	var infos []js.Value
	for len(infos) < 3 {
		select {
		case call := <-cb.calls:
			switch call[0].String() {
			case "onclose":
				infos = append(infos, call[2])
				if call[1].Get("code").Int() != 1006 {
					t.Errorf("close %d: code %v, want 1006", len(infos), call[1].Get("code"))
				}
			case "report":
				t.Errorf("a callback failed: %v", call[1])
			case "ended", "ongiveup":
				t.Fatalf("%s after %d closes, want 3", call[0].String(), len(infos))
			}
		case <-time.After(15 * time.Second):
			t.Fatalf("%d closes within 15 s, want 3", len(infos))
		}
	}
	for i, info := range infos {
		d := info.Get("delay").Float()
		hi := 40.0 * float64(int(1)<<i)
		if i == 2 {
			if info.Get("reconnecting").Bool() || d != 0 {
				t.Errorf("last close: reconnecting %v delay %v, want false and 0", info.Get("reconnecting"), d)
			}
			continue
		}
		if info.Get("attempt").Int() != i || !info.Get("reconnecting").Bool() || d < hi/2 || d > hi {
			t.Errorf("close %d: attempt %v reconnecting %v delay %v; want %d, true, in [%v, %v]",
				i, info.Get("attempt"), info.Get("reconnecting"), d, i, hi/2, hi)
		}
	}
	ended := cb.next(t, "ended", 5*time.Second)
	if ended[0].Int() != 3 {
		t.Errorf("ended(%v), want ended(3)", ended[0])
	}
	last := cb.next(t, "ongiveup", 5*time.Second)
	if last[0].Get("code").Int() != 1006 {
		t.Errorf("ongiveup(%v), want the last event, 1006", last[0])
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := runtime.NumGoroutine(); got > before {
		t.Errorf("%d goroutines after the loop ended, %d before", got, before)
	}
}

// TestTrack_JS_FreesItself: sockets tracked through the export that close
// leave no goroutine behind once settled (the control functions are
// released with them: a call after release would end the program).
func TestTrack_JS_FreesItself(t *testing.T) {
	url := serverWS(t, "close=4001")
	b := testBuiltins(t)
	cb := newCallbacks(t)
	settle := cb.fn("settle")
	before := goroutinesAfterACallback(t)
	const n = 100
	for i := 0; i < n; i++ {
		ws := js.Global().Get("WebSocket").New(url)
		if _, err := b.track([]js.Value{settle, ws}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		if args := cb.next(t, "settle", 20*time.Second); args[0].Get("code").Int() != 4001 {
			t.Fatalf("socket settled with %v, want 4001", args[0].Get("code"))
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := runtime.NumGoroutine(); got > before {
		t.Errorf("%d goroutines after %d tracked sockets closed, %d before", got, n, before)
	}
}

// goroutinesAfterACallback counts goroutines once JavaScript has called a
// Go function from a task of its own. The first such call starts the
// runtime's goroutine for JavaScript events, which then stays: a count
// taken before it would blame that goroutine on the code under test when
// the test runs alone.
func goroutinesAfterACallback(t *testing.T) int {
	t.Helper()
	called := make(chan struct{})
	fn := js.FuncOf(func(js.Value, []js.Value) any {
		close(called)
		return nil
	})
	defer fn.Release()
	js.Global().Call("setTimeout", fn, 0)
	select {
	case <-called:
	case <-time.After(5 * time.Second):
		t.Fatal("setTimeout did not call the Go function within 5 s")
	}
	time.Sleep(20 * time.Millisecond)
	return runtime.NumGoroutine()
}
