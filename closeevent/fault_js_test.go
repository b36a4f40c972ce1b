//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/enginetable"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// Faults: a server that dies under open connections, one that never
// answers a closing handshake, a port nothing listens on, a close while
// the socket is still connecting. Each must end in exactly one close event
// saying what happened (1006, not clean, for every failure), and the Go
// program must go on: the next connection works.
//
// The server's fault endpoints (internal/closeserver, faults.go) are on
// when withserver runs with -faults, which sets CLOSESHIM_FAULTS=1; every
// withserver run sets CLOSESHIM_CLOSED_URL.

const (
	faultsEnv    = "CLOSESHIM_FAULTS"
	closedURLEnv = "CLOSESHIM_CLOSED_URL"
)

// needFaults skips the test unless the server's fault endpoints are on,
// and returns the server's base URL.
func needFaults(t testing.TB) string {
	t.Helper()
	base := needWebSocket(t)
	if os.Getenv(faultsEnv) != "1" {
		t.Skipf("%s is not 1: run the tests through withserver -faults to turn on the server's fault endpoints", faultsEnv)
	}
	return base
}

// faultGroup returns a group name of its own for a test: the server takes
// up to 64 letters, digits, '.', '_' and '-'.
func faultGroup(t testing.TB) string {
	name := strings.ReplaceAll(t.Name(), "/", ".")
	if len(name) > 40 {
		name = name[:40]
	}
	return "ce-" + name + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
}

// faultWSURL is the URL of a connection of group with a /ws query.
func faultWSURL(base, group, query string) string {
	u := "ws" + strings.TrimPrefix(base, "http") + "/_fault/ws?group=" + group
	if query != "" {
		u += "&" + query
	}
	return u
}

// dropGroup drops every connection of group, as a server that dies would,
// with a POST to /_fault/drop sent by fetch (a WebSocket handshake would
// queue behind any socket still connecting), and returns how many the
// server dropped.
func dropGroup(t testing.TB, base, group string) int {
	t.Helper()
	p := jstest.Eval(t, `return fetch(arguments[0], {method: "POST"}).then(r => r.text().then(b => r.status + " " + b))`,
		base+"/_fault/drop?group="+group)
	v, err := await(p, 10*time.Second)
	if err != nil {
		t.Fatalf("POST /_fault/drop?group=%s: %v", group, err)
	}
	status, body, _ := strings.Cut(strings.TrimSpace(v.String()), " ")
	n, err := strconv.Atoi(strings.TrimPrefix(body, "dropped "))
	if status != "200" || err != nil {
		t.Fatalf("POST /_fault/drop?group=%s: %s %q, want 200 \"dropped N\"", group, status, body)
	}
	return n
}

// countGroup returns how many connections of group the server holds now,
// its delayed handshakes included.
func countGroup(t testing.TB, base, group string) int {
	t.Helper()
	p := jstest.Eval(t, `return fetch(arguments[0]).then(r => r.text().then(b => r.status + " " + b))`,
		base+"/_fault/count?group="+group)
	v, err := await(p, 10*time.Second)
	if err != nil {
		t.Fatalf("GET /_fault/count?group=%s: %v", group, err)
	}
	status, body, _ := strings.Cut(strings.TrimSpace(v.String()), " ")
	n, err := strconv.Atoi(body)
	if status != "200" || err != nil {
		t.Fatalf("GET /_fault/count?group=%s: %s %q, want 200 and a number", group, status, body)
	}
	return n
}

// await waits for a promise to settle, for at most limit.
func await(p js.Value, limit time.Duration) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 2)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any { ch <- result{v: args[0]}; return nil })
	defer ok.Release()
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: errors.New(js.Global().Call("String", args[0]).String())}
		return nil
	})
	defer fail.Release()
	p.Call("then", ok, fail)
	select {
	case r := <-ch:
		return r.v, r.err
	case <-time.After(limit):
		return js.Undefined(), errors.New("the promise did not settle within " + limit.String())
	}
}

// faultRecorder notes, per socket, the order of its events ("open",
// "error", "close") and its close event as JavaScript reads it.
const faultRecorder = `const rec = {log: []};
rec.watch = (ws, i) => {
	const entry = {events: [], code: -1, reason: "", wasClean: null};
	rec.log[i] = entry;
	ws.addEventListener("open", () => entry.events.push("open"));
	ws.addEventListener("error", () => entry.events.push("error"));
	ws.addEventListener("close", e => {
		entry.events.push("close"); entry.at = performance.now();
		Object.assign(entry, {code: e.code, reason: e.reason, wasClean: e.wasClean});
	});
};
rec.events = i => rec.log[i].events.join(",");
rec.lastClose = () => Math.max(...rec.log.map(e => e.at ?? -1));
rec.states = wss => wss.map(ws => ws.readyState).join(",");
return rec;`

// watched is a set of sockets whose close events OnClose delivers.
type watched struct {
	t   testing.TB
	rec js.Value
	mu  sync.Mutex
	got [][]CloseEvent
	ws  []js.Value
}

func newWatched(t testing.TB) *watched {
	return &watched{t: t, rec: jstest.Eval(t, faultRecorder)}
}

// open creates a WebSocket to u and watches it from JavaScript and
// through OnClose; it returns the socket's index.
func (w *watched) open(u string) int {
	w.t.Helper()
	i, threw := w.tryOpen(u)
	if threw != "" {
		w.t.Fatalf("new WebSocket(%q) threw %s", u, threw)
	}
	return i
}

// tryOpen is open for a URL the engine may refuse at once: when the
// WebSocket constructor throws, it returns the exception's name and -1.
func (w *watched) tryOpen(u string) (int, string) {
	w.t.Helper()
	ws := jstest.Eval(w.t, `try { return new WebSocket(arguments[0]) } catch (e) { return "threw " + (e && e.name) }`, u)
	if ws.Type() == js.TypeString {
		return -1, ws.String()
	}
	w.mu.Lock()
	i := len(w.ws)
	w.ws = append(w.ws, ws)
	w.got = append(w.got, nil)
	w.mu.Unlock()
	w.rec.Call("watch", ws, i)
	release, err := OnClose(ws, func(e CloseEvent) {
		w.mu.Lock()
		w.got[i] = append(w.got[i], e)
		w.mu.Unlock()
	})
	if err != nil {
		w.t.Fatalf("OnClose: %v", err)
	}
	w.t.Cleanup(release)
	return i, ""
}

// delivered returns how many sockets OnClose has delivered a close for.
func (w *watched) delivered() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, evs := range w.got {
		if len(evs) > 0 {
			n++
		}
	}
	return n
}

// lost returns how many sockets OnClose delivered other than exactly one
// close for.
func (w *watched) lost() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, evs := range w.got {
		if len(evs) != 1 {
			n++
		}
	}
	return n
}

// waitOpen waits until the sockets from..to-1 are all OPEN.
func (w *watched) waitOpen(from, to int, limit time.Duration) {
	w.t.Helper()
	ok := waitUntil(limit, func() bool {
		for i := from; i < to; i++ {
			if w.ws[i].Get("readyState").Int() != 1 {
				return false
			}
		}
		return true
	})
	if !ok {
		w.t.Fatalf("sockets %d..%d not all open after %v: readyStates %s", from, to-1, limit, w.rec.Call("states", js.ValueOf(toAny(w.ws[from:to]))).String())
	}
}

// waitClosed waits until OnClose has delivered a close for every socket.
func (w *watched) waitClosed(limit time.Duration) time.Duration {
	w.t.Helper()
	start := time.Now()
	if !waitUntil(limit, func() bool { return w.delivered() == len(w.ws) }) {
		w.t.Fatalf("after %v OnClose delivered the close of %d of %d sockets; readyStates %s", limit, w.delivered(), len(w.ws),
			w.rec.Call("states", js.ValueOf(toAny(w.ws))).String())
	}
	d := time.Since(start)
	time.Sleep(50 * time.Millisecond) // room for a duplicate to show
	return d
}

// now is the page's clock, performance.now(), in milliseconds.
func now() float64 { return js.Global().Get("performance").Call("now").Float() }

// check checks socket i's close: exactly one, as want says, and as
// JavaScript read it; it returns the socket's events in order, such as
// "open,error,close". Call it after waitClosed, which leaves room for a
// duplicate to show.
func (w *watched) check(i int, want CloseEvent) string {
	w.t.Helper()
	w.mu.Lock()
	evs := w.got[i]
	w.mu.Unlock()
	events := w.rec.Call("events", i).String()
	if len(evs) != 1 {
		w.t.Errorf("socket %d: OnClose delivered %d close events %v, want 1 (events %s)", i, len(evs), evs, events)
		return events
	}
	e := evs[0]
	if e.Type != "close" || e.Code != want.Code || e.Reason != want.Reason || e.WasClean != want.WasClean || !e.IsTrusted {
		w.t.Errorf("socket %d: OnClose delivered %v, want %v (events %s)", i, e, want, events)
	}
	entry := w.rec.Get("log").Index(i)
	if int(e.Code) != entry.Get("code").Int() || e.Reason != entry.Get("reason").String() || e.WasClean != entry.Get("wasClean").Bool() {
		w.t.Errorf("socket %d: Go read %v; JavaScript read code %d reason %q wasClean %v", i, e,
			entry.Get("code").Int(), entry.Get("reason").String(), entry.Get("wasClean").Bool())
	}
	return events
}

func toAny(vs []js.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// abnormal is the close event of every failure: 1006, no reason, not
// clean (docs/engines.md, "The specifications": how the close event is
// filled).
var abnormal = CloseEvent{Code: AbnormalClosure, WasClean: false}

// nextConnectionWorks checks that, after a fault, the Go program runs and
// a new connection to the server works both ways: an echo answers, and a
// server close arrives clean, as sent.
func nextConnectionWorks(t *testing.T) {
	t.Helper()
	alive(t)
	ws := openSocket(t, jstest.WSURL(t, ""))
	got := make(chan string, 1)
	onMsg := js.FuncOf(func(_ js.Value, args []js.Value) any {
		got <- args[0].Get("data").String() // our own MessageEvent
		return nil
	})
	defer onMsg.Release()
	ws.Call("addEventListener", "message", onMsg)
	ws.Call("send", "still here")
	select {
	case m := <-got:
		if m != "still here" {
			t.Errorf("echo after the fault: %q, want \"still here\"", m)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no echo within 10 s after the fault")
	}
	ws.Call("close", 4000, "done")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if e, err := Next(ctx, ws); err != nil || e.Code != 4000 || e.Reason != "done" || !e.WasClean {
		t.Errorf("client close after the fault: %v, %v; want 4000 \"done\" clean", e, err)
	}
	nextAndCompare(t, js.Global().Get("WebSocket").New(jstest.WSURL(t, "close=4001&reason=after+the+fault")),
		CloseEvent{Code: 4001, Reason: "after the fault", WasClean: true})
}

// TestFault_ServerKilled: the server drops every connection of a group at
// once, without Close frames, as its death would: sockets that were open
// and idle, open and echoing, closing (their Close frame unanswered) and
// still connecting each report 1006, not clean, once, with the events the
// engine's row gives (enginetable: DropOpen, StalledClose, DropConnecting).
// The sockets go to a listener of their own, so that the engine's penalty
// on a port whose connections failed does not slow the next test.
func TestFault_ServerKilled(t *testing.T) {
	base := needFaults(t)
	row := jstest.EngineRow(t)
	rounds, idle := scale(1, 5), scale(30, 200)
	const closing = 10
	if idle+closing+1 > row.SocketLimit {
		idle = row.SocketLimit - closing - 1
	}
	for r := 0; r < rounds; r++ {
		ln := newFaultListener(t, base)
		group := faultGroup(t)
		w := newWatched(t)
		for i := 0; i < idle; i++ {
			w.open(faultWSURL(ln.base, group, ""))
		}
		for i := 0; i < closing; i++ {
			w.open(faultWSURL(ln.base, group, "stall=1"))
		}
		w.waitOpen(0, idle+closing, row.WaveOpen)
		for i := idle; i < idle+closing; i++ {
			w.ws[i].Call("close", 4000+i, "unanswered")
		}
		for i := 0; i < idle; i += 2 {
			w.ws[i].Call("send", strings.Repeat("x", 1000)) // echoes in flight
		}
		// Last, alone, so that it reaches the server at once: a socket the
		// server keeps CONNECTING.
		w.open(faultWSURL(ln.base, group, "delay=10000"))
		total := idle + closing + 1

		// Wait for the connecting socket to reach the server, so that one
		// drop kills everything at once.
		held := 0
		if !waitUntil(10*time.Second, func() bool { held = countGroup(t, base, group); return held == total }) {
			t.Fatalf("the server holds %d connections of the group after 10 s, want %d", held, total)
		}
		start := now()
		if n := dropGroup(t, base, group); n != total {
			t.Fatalf("the server dropped %d connections, want %d", n, total)
		}
		w.waitClosed(30 * time.Second)
		last := w.rec.Call("lastClose").Float() - start
		ta := newTally(row)
		for i := 0; i < total; i++ {
			events := w.check(i, abnormal)
			switch {
			case i < idle:
				ta.add("DropOpen", row.DropOpen, events)
			case i < idle+closing:
				ta.add("StalledClose", row.StalledClose, events)
			default:
				ta.add("DropConnecting", row.DropConnecting, events)
			}
		}
		ta.check(t)
		t.Logf("%s round %d: %d sockets killed at once (%d open, %d closing, 1 connecting): each reported 1006 not clean once, "+
			"the last %.1f ms after the drop request was sent; events: %v",
			row.Engine, r+1, total, idle, closing, last, ta)
		soakFigure(t, "drops", total, w.lost())
		if t.Failed() {
			return
		}
		betweenWaves(row)
	}
	nextConnectionWorks(t)
}

// TestFault_StalledClosingHandshake: the client closes, and the server
// never answers its Close frame. The socket stays CLOSING, with no close
// event, until the TCP connection ends: then 1006, not clean, and not the
// code and reason the client sent, with the events of the engine's
// StalledClose. Under soak the engine gives up by itself, after its
// StalledCloseGiveUp with its StalledCloseGiveUpEvents; the fast variant
// ends the wait with a drop before the soonest of them (WebKit's).
func TestFault_StalledClosingHandshake(t *testing.T) {
	base := needFaults(t)
	row := jstest.EngineRow(t)
	ln := newFaultListener(t, base)
	group := faultGroup(t)
	w := newWatched(t)
	i := w.open(faultWSURL(ln.base, group, "stall=1"))
	w.waitOpen(i, i+1, 10*time.Second)
	start := time.Now()
	w.ws[i].Call("close", 4001, "no answer")
	time.Sleep(2 * time.Second)
	if got, state := w.delivered(), w.ws[i].Get("readyState").Int(); got != 0 || state != 2 {
		t.Fatalf("2 s into an unanswered closing handshake: %d close events, readyState %d; want none, CLOSING (2)", got, state)
	}
	w.ws[i].Call("close", 4002, "again") // a second close() does nothing
	if soak() {
		// The server holds a stalled fault connection for 2 minutes; the
		// engine gives up sooner (StalledCloseGiveUp).
		w.waitClosed(closeserverFaultStall)
		elapsed := time.Since(start)
		events := w.check(i, abnormal)
		soakFigure(t, "drops", 1, w.lost())
		t.Logf("%s gave up on the closing handshake by itself after %v: %v (events %s)", row.Engine, elapsed.Round(time.Millisecond), w.got[i], events)
		checkRow(t, row, "StalledCloseGiveUpEvents", row.StalledCloseGiveUpEvents, events)
		if g := row.StalledCloseGiveUp; elapsed < g/2 || elapsed > g+g/2+10*time.Second {
			t.Error(row.Mismatch("StalledCloseGiveUp", g, elapsed.Round(time.Second)))
		}
	} else {
		dropped := now()
		if n := dropGroup(t, base, group); n != 1 {
			t.Errorf("dropped %d connections, want the stalled 1", n)
		}
		w.waitClosed(10 * time.Second)
		events := w.check(i, abnormal)
		checkRow(t, row, "StalledClose", row.StalledClose, events)
		soakFigure(t, "drops", 1, w.lost())
		t.Logf("%s: unanswered close: CLOSING for 2 s with no event; the server's drop then gave 1006 not clean %.1f ms later (events %s)",
			row.Engine, w.rec.Call("lastClose").Float()-dropped, events)
	}
	nextConnectionWorks(t)
}

// closeserverFaultStall is how long the server holds a stalled fault
// connection (internal/closeserver.FaultStallLimit), plus a margin: an
// engine that has not given up by then is shown the server's drop.
const closeserverFaultStall = 2*time.Minute + 20*time.Second

// TestFault_ConnectionRefused: a port nothing listens on (the server's
// TCP RST), and a Fetch Standard "bad port" the browser refuses without
// trying: each fires the events of the engine's row (Refused, BadPort);
// a close, where there is one, is 1006 not clean, and where the row has no
// close, Next with a deadline returns the context's error.
func TestFault_ConnectionRefused(t *testing.T) {
	needWebSocket(t)
	row := jstest.EngineRow(t)
	closed := os.Getenv(closedURLEnv)
	if closed == "" {
		t.Skipf("%s is not set: run the browser tests through withserver, as make test does", closedURLEnv)
	}
	for _, tc := range []struct{ name, field, want, url string }{
		{"NothingListens", "Refused", row.Refused, "ws" + strings.TrimPrefix(closed, "http") + "/ws"},
		{"FetchBadPort", "BadPort", row.BadPort, "ws://127.0.0.1:1/ws"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWatched(t)
			start := now()
			i, threw := w.tryOpen(tc.url)
			if threw != "" {
				checkRow(t, row, tc.field, tc.want, threw)
				nextConnectionWorks(t)
				return
			}
			if enginetable.Closes(tc.want) {
				w.waitClosed(20 * time.Second)
				checkRow(t, row, tc.field, tc.want, w.check(i, abnormal))
				t.Logf("%s, %s: %s, 1006 not clean, %.1f ms after new WebSocket", row.Engine, tc.url, tc.want, w.rec.Call("lastClose").Float()-start)
			} else {
				if !waitUntil(20*time.Second, func() bool { return w.rec.Call("events", i).String() == tc.want }) {
					checkRow(t, row, tc.field, tc.want, w.rec.Call("events", i).String())
				}
				noClose(t, row, tc.field, w.ws[i], 3*time.Second)
				checkRow(t, row, tc.field, tc.want, w.rec.Call("events", i).String())
				t.Logf("%s, %s: %s and no close event; SilentClosed %v", row.Engine, tc.url, tc.want, row.SilentClosed)
			}
			nextConnectionWorks(t)
		})
	}
}

// TestFault_ServerRestarted: the server is restarted under 50 open sockets:
// its listener closed, every connection dropped, the port refusing for half
// a second, then served again. Each socket fires the engine's DropOpen
// events once, 1006 not clean; then a new socket to the same port opens,
// within the delay the engine adds after failed connections
// (RedialDelayMax: Firefox waits about a minute), and the server's other
// port never noticed.
func TestFault_ServerRestarted(t *testing.T) {
	base := needFaults(t)
	row := jstest.EngineRow(t)
	const n = 50
	ln := newFaultListener(t, base)
	w := newWatched(t)
	for range n {
		w.open(ln.base + "/ws")
	}
	w.waitOpen(0, n, row.WaveOpen)
	start := now()
	if got := ln.restart(t, base, 500*time.Millisecond); got < n {
		t.Errorf("the restart dropped %d connections, want at least the %d sockets", got, n)
	}
	w.waitClosed(30 * time.Second)
	ta := newTally(row)
	for i := 0; i < n; i++ {
		ta.add("DropOpen", row.DropOpen, w.check(i, abnormal))
	}
	ta.check(t)
	soakFigure(t, "drops", n, w.lost())
	last := w.rec.Call("lastClose").Float() - start
	// The same port again.
	bound := 10*time.Second + row.RedialDelayMax
	redial := time.Now()
	ws := js.Global().Get("WebSocket").New("ws" + strings.TrimPrefix(ln.base, "http") + "/ws?close=4001&reason=back")
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	e, err := Next(ctx, ws)
	if err != nil || e.Code != 4001 || e.Reason != "back" || !e.WasClean {
		t.Errorf("a socket to the restarted port: %v, %v; want 4001 \"back\" clean within %v", e, err, bound)
	}
	// The engine's penalty on the port, after 50 failed connections: near
	// RedialDelayMax where the row has one, none otherwise.
	took := time.Since(redial)
	if row.RedialDelayMax > 0 && took < row.RedialDelayMax/4 {
		t.Error(row.Mismatch("RedialDelayMax (the dial after 50 dropped sockets)", row.RedialDelayMax, took.Round(time.Millisecond)))
	}
	if row.RedialDelayMax == 0 && took > 10*time.Second {
		t.Error(row.Mismatch("RedialDelayMax (the dial after 50 dropped sockets)", row.RedialDelayMax, took.Round(time.Millisecond)))
	}
	t.Logf("%s: %d sockets under a restart: each 1006 not clean once (%v), the last %.1f ms after the restart began; "+
		"a new socket to the same port closed as sent %v after it was made", row.Engine, n, ta, last, time.Since(redial).Round(time.Millisecond))
	nextConnectionWorks(t)
}

// TestFault_CloseWhileConnecting: close() on a CONNECTING socket fails the
// connection (WebSockets Standard, close() steps): 1006 not clean, an error
// event first, never open, whatever code and reason close() was given; the
// next socket does not wait for the abandoned handshake. A close() whose
// arguments are invalid throws first and leaves the socket connecting.
func TestFault_CloseWhileConnecting(t *testing.T) {
	needWebSocket(t)
	for _, tc := range []struct {
		name string
		args []any
	}{
		{"WithCodeAndReason", []any{4001, "early"}},
		{"WithoutCode", nil},
		{"Code1000", []any{1000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWatched(t)
			i := w.open(jstest.WSURL(t, "close=4000&reason=late&delay=3000"))
			w.ws[i].Call("close", tc.args...)
			if state := w.ws[i].Get("readyState").Int(); state != 2 {
				t.Errorf("readyState right after close() while CONNECTING: %d, want CLOSING (2)", state)
			}
			w.waitClosed(10 * time.Second)
			if events := w.check(i, abnormal); events != "error,close" {
				t.Errorf("events %s, want error,close", events)
			}
			start := time.Now()
			openSocket(t, jstest.WSURL(t, "")).Call("close")
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("the next socket took %v to open, want far less than the abandoned 3 s handshake", d)
			}
			nextConnectionWorks(t)
		})
	}

	// Validation comes before the state check (close() steps 1 and 2): a
	// bad code or an over-long reason throws and the socket goes on
	// connecting, then closes as the server says.
	for _, tc := range []struct {
		name, exception string
		args            []any
	}{
		{"Code1001Throws", "InvalidAccessError", []any{1001}},
		{"LongReasonThrows", "SyntaxError", []any{4000, strings.Repeat("r", 124)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWatched(t)
			i := w.open(jstest.WSURL(t, "close=4000&reason=late&delay=300"))
			threw := jstest.Eval(t, `try { arguments[0].close(...arguments[1]); return "" } catch (e) { return e.name }`, w.ws[i], js.ValueOf(tc.args)).String()
			if threw != tc.exception {
				t.Errorf("close(%v) while CONNECTING threw %q, want %s", tc.args, threw, tc.exception)
			}
			w.waitClosed(10 * time.Second)
			if events := w.check(i, CloseEvent{Code: 4000, Reason: "late", WasClean: true}); events != "open,close" {
				t.Errorf("events %s, want open,close", events)
			}
		})
	}
	alive(t)
}
