//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/enginetable"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// Load: many real WebSockets to the local server, each closed with its own
// code and a reason that names it, half by the server and half by the
// client, all watched through OnClose. Nothing may be lost, doubled or
// altered on the way from the browser to the Go handler.
//
// Each engine holds a limited number of WebSockets per page (Chromium:
// per host) at once: its row's SocketLimit in internal/testing/enginetable
// (docs/engines.md, "Engines"), which also says what the socket past the
// limit fires. A run above the limit goes in waves that each wait for every
// close of the one before. Chromium opens sockets one CONNECTING at a time
// and puts off new ones while many others wait to connect, so its waves
// take seconds to open on any machine, their closes a fraction of that.

// loadWave is the size of a wave, at most the engine's limit.
const loadWave = 200

// loadWaveTimeout bounds one wave beyond the row's WaveOpen: generous for a
// loaded machine, but it keeps a lost event from hanging the run.
const loadWaveTimeout = 30 * time.Second

// loadRecorder is the JavaScript side of a wave: it counts opens, errors
// and the sockets open at once, and records every close event as
// JavaScript reads it, to compare with what OnClose delivered.
const loadRecorder = `const rec = {opened: 0, live: 0, peak: 0, errors: 0, closes: []};
rec.watch = (ws, i, onOpen) => {
	let open = false;
	ws.addEventListener("open", () => {
		open = true; rec.opened++; rec.live++;
		if (rec.live > rec.peak) rec.peak = rec.live;
		if (onOpen) onOpen(i);
	});
	ws.addEventListener("error", () => { rec.errors++; });
	ws.addEventListener("close", e => {
		if (open) rec.live--;
		rec.closes.push([i, e.code, e.reason, e.wasClean, e.type, e.isTrusted]);
	});
};
return rec;`

// loadFigures is what a wave measured.
type loadFigures struct {
	sockets, byServer, byClient int
	peak                        int           // sockets open at once
	lost                        int           // closes not delivered once, as sent
	allOpen                     time.Duration // until every socket was open
	total                       time.Duration // until OnClose delivered every close
}

// loadSocket is one socket of a wave and what its close must say.
type loadSocket struct {
	ws       js.Value
	code     Code
	reason   string
	byClient bool
}

// loadCode gives socket number g of a run its own code in 3000..4999.
func loadCode(g int) Code { return Code(3000 + g%2000) }

// loadReason names socket number g of a run and who closes it; multi-byte
// text checks that the reason survives UTF-8 on the wire and the
// UTF-16/UTF-8 crossings into Go.
func loadReason(g int, byClient bool) string {
	who := "server"
	if byClient {
		who = "client"
	}
	return "load #" + strconv.Itoa(g) + " closed by the " + who + " ✓"
}

// runLoadWave opens n sockets numbered first..first+n-1 at once and, once
// all of them are open (so that they are held together), closes the even
// ones from the server (/ws?close=CODE&reason=R&wait=1, which closes when
// the client sends a message) and the odd ones from the client
// (ws.close(CODE, R) on the echo endpoint); then it checks that OnClose
// delivered each close exactly once, as sent and clean, and as JavaScript
// itself read it.
func runLoadWave(t *testing.T, first, n int) loadFigures {
	t.Helper()
	row := jstest.EngineRow(t)
	if n > row.SocketLimit {
		t.Fatalf("a wave of %d sockets is above %s's limit of %d (internal/testing/enginetable)", n, row.Engine, row.SocketLimit)
	}
	rec := jstest.Eval(t, loadRecorder)
	opens := make(chan int, n)
	onOpen := js.FuncOf(func(_ js.Value, args []js.Value) any {
		opens <- args[0].Int() // buffered for every socket: never blocks
		return nil
	})
	defer onOpen.Release()

	var (
		mu        sync.Mutex
		got       = make([][]CloseEvent, n)
		delivered int
		allIn     = make(chan struct{})
	)
	sockets := make([]loadSocket, n)
	start := time.Now()
	fig := loadFigures{sockets: n}
	// No JavaScript event runs while this loop runs (Go holds the
	// thread), so every listener is in place before any socket can open
	// or close.
	for i := range sockets {
		g := first + i
		s := loadSocket{code: loadCode(g), byClient: g%2 == 1}
		s.reason = loadReason(g, s.byClient)
		query := ""
		if s.byClient {
			fig.byClient++
		} else {
			fig.byServer++
			query = "close=" + strconv.Itoa(int(s.code)) + "&reason=" + url.QueryEscape(s.reason) + "&wait=1"
		}
		s.ws = js.Global().Get("WebSocket").New(jstest.WSURL(t, query))
		rec.Call("watch", s.ws, i, onOpen)
		release, err := OnClose(s.ws, func(e CloseEvent) {
			mu.Lock()
			defer mu.Unlock()
			got[i] = append(got[i], e)
			if delivered++; delivered == n {
				close(allIn)
			}
		})
		if err != nil {
			t.Fatalf("OnClose on socket %d: %v", g, err)
		}
		defer release()
		sockets[i] = s
	}

	deadline := time.NewTimer(row.WaveOpen + loadWaveTimeout)
	defer deadline.Stop()
	for opened := 0; opened < n; opened++ {
		select {
		case <-opens:
		case <-deadline.C:
			t.Fatalf("after %v only %d of the %d sockets opened (JavaScript saw %d opens, %d errors, %d closes)",
				row.WaveOpen+loadWaveTimeout, opened, n, rec.Get("opened").Int(), rec.Get("errors").Int(), rec.Get("closes").Length())
		}
	}
	fig.allOpen = time.Since(start)
	for _, s := range sockets {
		if s.byClient {
			s.ws.Call("close", int(s.code), s.reason)
		} else {
			s.ws.Call("send", "close now")
		}
	}
	select {
	case <-allIn:
	case <-deadline.C:
		mu.Lock()
		n0 := delivered
		mu.Unlock()
		t.Fatalf("after %v OnClose delivered %d of %d closes (JavaScript saw %d)", row.WaveOpen+loadWaveTimeout, n0, n, rec.Get("closes").Length())
	}
	fig.total = time.Since(start)
	fig.peak = rec.Get("peak").Int()

	// A duplicate would come right behind the last event; give it time.
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	lost := 0
	for i, s := range sockets {
		want := CloseEvent{Type: "close", Code: s.code, Reason: s.reason, WasClean: true, IsTrusted: true}
		switch evs := got[i]; {
		case len(evs) != 1:
			lost++
			if lost <= 10 {
				t.Errorf("socket %d (%s): OnClose delivered %d close events, want exactly 1: %v", first+i, s.reason, len(evs), evs)
			}
		default:
			e := evs[0]
			e.TimeStamp, e.Bubbles, e.Cancelable, e.Composed = 0, false, false, false
			if e != want {
				lost++
				t.Errorf("socket %d: OnClose delivered %v, want %v", first+i, evs[0], want)
			}
		}
	}
	// JavaScript's own reading, one close per socket, equal to Go's.
	closes := rec.Get("closes")
	if closes.Length() != n {
		t.Errorf("JavaScript saw %d close events for %d sockets", closes.Length(), n)
	}
	seen := make([]bool, n)
	for k := 0; k < closes.Length(); k++ {
		c := closes.Index(k)
		i := c.Index(0).Int()
		if seen[i] {
			t.Errorf("JavaScript saw socket %d close twice", first+i)
			continue
		}
		seen[i] = true
		if len(got[i]) != 1 {
			continue
		}
		e := got[i][0]
		if int(e.Code) != c.Index(1).Int() || e.Reason != c.Index(2).String() || e.WasClean != c.Index(3).Bool() ||
			e.Type != c.Index(4).String() || e.IsTrusted != c.Index(5).Bool() {
			t.Errorf("socket %d: Go read %v; JavaScript read code %d reason %q wasClean %v", first+i, e,
				c.Index(1).Int(), c.Index(2).String(), c.Index(3).Bool())
		}
	}
	if errs := rec.Get("errors").Int(); errs != 0 {
		t.Errorf("%d sockets fired an error event, want none", errs)
	}
	fig.lost = lost
	return fig
}

// TestLoad_AtTheLimitNothingLost: as many sockets at once as the engine
// holds (its row's SocketLimit), each close seen once, exactly as sent.
func TestLoad_AtTheLimitNothingLost(t *testing.T) {
	needWebSocket(t)
	row := jstest.EngineRow(t)
	rounds := scale(1, 10)
	for r := 0; r < rounds; r++ {
		fig := runLoadWave(t, r*row.SocketLimit, row.SocketLimit)
		t.Logf("%s round %d: %d sockets (%d closed by the server, %d by the client), %d open at once at the peak; "+
			"all open after %v; every close delivered by OnClose %v later",
			row.Engine, r+1, fig.sockets, fig.byServer, fig.byClient, fig.peak, fig.allOpen.Round(time.Millisecond),
			(fig.total - fig.allOpen).Round(time.Millisecond))
		soakFigure(t, "sockets", fig.sockets, fig.lost)
		if t.Failed() {
			return
		}
		betweenWaves(row)
	}
	alive(t)
}

// TestLoad_PastTheLimit: with the engine's SocketLimit sockets open, one
// more fires what the row's PastLimit says: an error and 1006 (Chromium,
// Firefox), or an error and no close event at all (WebKit), on which Next
// with a deadline returns, not hangs. Once the held sockets close, the next
// connection works.
func TestLoad_PastTheLimit(t *testing.T) {
	needWebSocket(t)
	row := jstest.EngineRow(t)
	betweenWaves(row)
	w := newWatched(t)
	for range row.SocketLimit {
		w.open(jstest.WSURL(t, ""))
	}
	w.waitOpen(0, row.SocketLimit, row.WaveOpen)
	start := now()
	extra := w.open(jstest.WSURL(t, "close=4000&reason=past+the+limit"))
	tr, err := Track(w.ws[extra]) // before any event can fire
	if err != nil {
		t.Fatalf("Track: %v", err)
	}
	settled := func() bool { return w.rec.Call("events", extra).String() == row.PastLimit }
	waitUntil(row.WaveOpen, func() bool {
		ev := w.rec.Call("events", extra).String()
		return settled() || enginetable.Closes(ev) || enginetable.Fires(ev, "open")
	})
	settledMs := now() - start
	if enginetable.Closes(row.PastLimit) {
		waitUntil(10*time.Second, func() bool { return w.delivered() == 1 })
		time.Sleep(50 * time.Millisecond) // room for a duplicate
		checkRow(t, row, "PastLimit", row.PastLimit, w.check(extra, abnormal))
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if e, err := tr.Wait(ctx); err != nil || e.Code != AbnormalClosure || e.WasClean {
			t.Errorf("Tracker.Wait on the socket past the limit: %v, %v; want 1006, not clean", e, err)
		}
	} else {
		noClose(t, row, "PastLimit", w.ws[extra], 3*time.Second)
		// A Tracker made while the socket was CONNECTING waits for a close
		// event that never comes: Wait with a deadline returns the
		// context's error, not a hang.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if e, err := tr.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s (Tracker.Wait: %v, %v)", row.Mismatch("PastLimit (no close event: Tracker.Wait with a deadline returns the context's error)",
				"the context's error", "another outcome"), e, err)
		}
		checkRow(t, row, "PastLimit", row.PastLimit, w.rec.Call("events", extra).String())
	}
	t.Logf("%s: %d sockets open, socket %d fired %s within %.0f ms, readyState %d",
		row.Engine, row.SocketLimit, row.SocketLimit+1, w.rec.Call("events", extra).String(), settledMs, w.ws[extra].Get("readyState").Int())
	for i := range row.SocketLimit {
		w.ws[i].Call("close", 4000, "done")
	}
	want := row.SocketLimit
	if enginetable.Closes(row.PastLimit) {
		want++
	}
	if !waitUntil(row.WaveOpen, func() bool { return w.delivered() >= want }) {
		t.Errorf("OnClose delivered %d closes of %d sockets", w.delivered(), want)
	}
	lost := w.lost()
	if !enginetable.Closes(row.PastLimit) && len(w.got[extra]) == 0 {
		lost-- // none was due
	}
	soakFigure(t, "sockets", row.SocketLimit+1, lost)
	nextConnectionWorks(t)
}

// TestLoad_WavesNothingLost: 1,000 sockets (10,000 under soak) in waves of
// 200 (fewer where the engine holds fewer: Row.Wave), each wave waiting for every
// close of the one before.
func TestLoad_WavesNothingLost(t *testing.T) {
	needWebSocket(t)
	row := jstest.EngineRow(t)
	total, wave := scale(1000, 10000), row.Wave(loadWave)
	start := time.Now()
	peak, held, lost := 0, 0, 0
	for first := 0; first < total; first += wave {
		fig := runLoadWave(t, first, min(wave, total-first))
		peak = max(peak, fig.peak)
		held += fig.sockets
		lost += fig.lost
		if t.Failed() {
			soakFigure(t, "sockets", held, lost)
			t.Fatalf("wave starting at socket %d failed; stopping", first)
		}
	}
	soakFigure(t, "sockets", held, lost)
	d := time.Since(start)
	t.Logf("%s: %d sockets in %d waves of %d: every close delivered once, exactly as sent, in %v (%.2f ms a socket); at most %d open at once",
		row.Engine, held, (total+wave-1)/wave, wave, d.Round(time.Millisecond), float64(d.Microseconds())/1000/float64(held), peak)
	alive(t)
}
