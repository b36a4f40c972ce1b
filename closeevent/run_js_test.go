//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// dialLog records what Run did: when each dial started, and the Tracker
// and close time of each.
type dialLog struct {
	mu       sync.Mutex
	dials    []time.Time
	trackers []*Tracker
}

func (l *dialLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.dials)
}

func (l *dialLog) tracker(i int) *Tracker {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i >= len(l.trackers) {
		return nil
	}
	return l.trackers[i]
}

// dialer returns a dial function for Run that opens a WebSocket to the
// server's /ws with the query query(n) for the n-th dial (from 0), tracks
// it and logs it; opened, if not nil, runs with each open socket.
func (l *dialLog) dialer(t *testing.T, query func(n int) string, opened func(n int, ws js.Value, tr *Tracker)) func(context.Context) (*Tracker, error) {
	return func(ctx context.Context) (*Tracker, error) {
		l.mu.Lock()
		n := len(l.dials)
		l.dials = append(l.dials, time.Now())
		l.mu.Unlock()
		ws := js.Global().Get("WebSocket").New(jstest.WSURL(t, query(n)))
		tr, err := Track(ws)
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		l.trackers = append(l.trackers, tr)
		l.mu.Unlock()
		if opened != nil {
			go func() {
				if waitUntil(10*time.Second, func() bool { return ws.Get("readyState").Int() == 1 }) {
					opened(n, ws, tr)
				}
			}()
		}
		return tr, nil
	}
}

// closedAt returns when tracker i's close event was read: Done's closing,
// observed from a goroutine started with the dial.
func closedAt(tr *Tracker) time.Time {
	<-tr.Done()
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return epoch.Add(tr.closedAt)
}

// fast is the policy of these tests: short delays, so that a run takes
// tenths of a second, and a Stable the tests' connections either stay
// below (they close at once) or pass on purpose.
var fast = Policy{Min: 100 * time.Millisecond, Max: 800 * time.Millisecond, Stable: 2 * time.Second}

// slack is what a wait may overrun its bound by on a loaded machine: the
// timer, the scheduler, and the browser's own task queue.
const slack = 400 * time.Millisecond

// checkGap checks that the wait from the close event of dial i-1 to dial
// i lies within [d/2, d] of attempt (plus slack above), and returns it.
func checkGap(t *testing.T, l *dialLog, i, attempt int, p Policy) time.Duration {
	t.Helper()
	d := ceiling(p, attempt)
	gap := l.dials[i].Sub(closedAt(l.tracker(i - 1)))
	if gap < d/2-time.Millisecond || gap > d+slack {
		t.Errorf("wait before dial %d (attempt %d) = %v, want within [%v, %v] (+%v slack)", i, attempt, gap, d/2, d, slack)
	}
	return gap
}

// The server closes with 1012 and is back: Run reconnects after a delay
// within the policy's bounds, then stops after the program's own close.
// WebKit fails 1012 as 1006 not clean (see Code.ValidOnWire): retryable
// too, so Run behaves alike.
func TestRun_ServiceRestartReconnects(t *testing.T) {
	key := testKey(t)
	var l dialLog
	dial := l.dialer(t, func(int) string { return "close=1012&reason=restart&times=1&key=" + key },
		func(n int, ws js.Value, tr *Tracker) {
			if n == 1 { // the server is back: the echo; the program ends it
				tr.Close(NormalClosure, "done")
			}
		})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	e, err := fast.Run(ctx, dial)
	if err != nil || e.Code != NormalClosure || e.Reason != "done" {
		t.Fatalf("Run = %v, %v; want the program's own close 1000 \"done\" and nil", e, err)
	}
	if n := l.count(); n != 2 {
		t.Fatalf("%d dials, want 2", n)
	}
	first, _ := l.tracker(0).Wait(ctx)
	want := CloseEvent{Code: ServiceRestart, Reason: "restart", WasClean: true}
	if engineName() == "webkit" {
		want = CloseEvent{Code: AbnormalClosure}
	}
	if first.Code != want.Code || first.Reason != want.Reason || first.WasClean != want.WasClean {
		t.Errorf("%s: the first connection closed with %v, want %v", engineName(), first, want)
	}
	gap := checkGap(t, &l, 1, 0, fast)
	if !l.tracker(1).Local() {
		t.Error("Local = false for the connection the program closed")
	}
	t.Logf("%s: %v, reconnected after %v", engineName(), first, gap)
}

// 1008 and 1000 from the server end Run: no reconnect.
func TestRun_StopsOnPolicyViolationAndNormal(t *testing.T) {
	for _, code := range []Code{PolicyViolation, NormalClosure} {
		t.Run(code.String(), func(t *testing.T) {
			var l dialLog
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			e, err := fast.Run(ctx, l.dialer(t, func(int) string { return "close=" + strconv.Itoa(int(code)) }, nil))
			if err != nil || e.Code != code || !e.WasClean {
				t.Errorf("Run = %v, %v; want close %d clean, nil", e, err, code)
			}
			if n := l.count(); n != 1 {
				t.Errorf("%d dials, want 1", n)
			}
		})
	}
}

// A dropped connection (1006) is reconnected.
func TestRun_DroppedReconnects(t *testing.T) {
	key := testKey(t)
	var l dialLog
	dial := l.dialer(t, func(int) string { return "abort=1&times=1&key=" + key }, func(n int, _ js.Value, tr *Tracker) {
		if n == 1 {
			tr.Close(NormalClosure, "")
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if e, err := fast.Run(ctx, dial); err != nil || e.Code != NormalClosure {
		t.Fatalf("Run = %v, %v; want the program's close 1000, nil", e, err)
	}
	first, _ := l.tracker(0).Wait(ctx)
	if first.Code != AbnormalClosure || first.WasClean || l.tracker(0).Local() {
		t.Errorf("the dropped connection: %v, Local %v; want 1006 not clean, not local", first, l.tracker(0).Local())
	}
	if n := l.count(); n != 2 {
		t.Fatalf("%d dials, want 2", n)
	}
	checkGap(t, &l, 1, 0, fast)
}

// The program's own close(1000) while the server never answers the closing
// handshake: the close event comes late, 1006 not clean, and is local, so
// Run does not reconnect (the rule e.Abnormal() || e.Code.Retryable()
// would). The wait ends when the server drops the stalled connection
// (closeserver.StallLimit, 30 s) or the engine gives up first (Chromium
// after 60 s, so the server's limit ends it there).
func TestRun_OwnCloseOnStalledServer(t *testing.T) {
	var l dialLog
	var closed time.Time
	dial := l.dialer(t, func(int) string { return "stall=1" }, func(_ int, _ js.Value, tr *Tracker) {
		closed = time.Now()
		if err := tr.Close(NormalClosure, "bye"); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	e, err := fast.Run(ctx, dial)
	elapsed := time.Since(closed)
	if err != nil {
		t.Fatalf("Run = %v, %v; want the close event and nil", e, err)
	}
	if e.Code != AbnormalClosure || e.WasClean {
		t.Errorf("%s: the close event after an unanswered close(1000) = %v, want 1006 not clean", engineName(), e)
	}
	if !ShouldReconnect(e, false) {
		t.Error("ShouldReconnect(1006, not local) = false; this test shows Local is what stops the reconnect")
	}
	if !l.tracker(0).Local() {
		t.Error("Local = false after Tracker.Close")
	}
	if n := l.count(); n != 1 {
		t.Errorf("%d dials, want 1: no reconnect after a local close", n)
	}
	t.Logf("%s: close(1000) unanswered; the close event came %v later: %v", engineName(), elapsed.Round(time.Millisecond), e)
}

// A handshake the server refuses with 403 (1006 in the browser): Run gives
// up after MaxAttempts dials with ErrGaveUp, the waits growing, and no
// wait after the last.
func TestRun_RefusedGivesUp(t *testing.T) {
	p := Policy{Min: 60 * time.Millisecond, Max: 2 * time.Second, MaxAttempts: 4, Stable: time.Second}
	var l dialLog
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	e, err := p.Run(ctx, l.dialer(t, func(int) string { return "refuse=403" }, nil))
	end := time.Now()
	if !errors.Is(err, ErrGaveUp) {
		t.Fatalf("Run = %v, %v; want an error wrapping ErrGaveUp", e, err)
	}
	if e.Code != AbnormalClosure || e.WasClean {
		t.Errorf("Run's last event = %v, want the refusal's 1006 not clean", e)
	}
	if n := l.count(); n != 4 {
		t.Fatalf("%d dials, want MaxAttempts = 4", n)
	}
	var gaps []time.Duration
	for i := 1; i < 4; i++ {
		gaps = append(gaps, checkGap(t, &l, i, i-1, p))
	}
	if after := end.Sub(closedAt(l.tracker(3))); after > p.Min/2 {
		t.Errorf("Run returned %v after the last failure, want at once (no wait after the last attempt)", after)
	}
	t.Logf("%s: 403 refused 4 times, waits %v, then %v", engineName(), gaps, err)
}

// Dial errors are failed attempts, retried without asking Decide; Run
// gives up with the last dial error wrapped. Runs in every runtime.
func TestRun_DialErrors(t *testing.T) {
	boom := errors.New("no route")
	decided := 0
	p := Policy{Min: 20 * time.Millisecond, Max: time.Second, MaxAttempts: 3,
		Decide: func(CloseEvent, bool) bool { decided++; return true }}
	var times []time.Time
	e, err := p.Run(context.Background(), func(context.Context) (*Tracker, error) {
		times = append(times, time.Now())
		return nil, boom
	})
	end := time.Now()
	if !errors.Is(err, ErrGaveUp) || !errors.Is(err, boom) || e != (CloseEvent{}) {
		t.Errorf("Run = %v, %v; want the zero event and an error wrapping ErrGaveUp and the dial error", e, err)
	}
	if len(times) != 3 || decided != 0 {
		t.Errorf("%d dials, Decide asked %d times; want 3 and 0", len(times), decided)
	}
	if after := end.Sub(times[len(times)-1]); after > 10*time.Millisecond {
		t.Errorf("Run returned %v after the last dial, want at once", after)
	}
	if len(times) == 3 {
		if g := times[1].Sub(times[0]); g < 10*time.Millisecond || g > 20*time.Millisecond+slack {
			t.Errorf("first wait %v, want within [10ms, 20ms]", g)
		}
		if g := times[2].Sub(times[1]); g < 20*time.Millisecond || g > 40*time.Millisecond+slack {
			t.Errorf("second wait %v, want within [20ms, 40ms]", g)
		}
	}
	if _, err := p.Run(context.Background(), nil); err == nil {
		t.Error("Run with a nil dial = nil error")
	}
}

// A connection that stayed open for Stable resets the count of failures:
// with MaxAttempts 2, failure, stable, failure, failure gives up at the
// fourth dial, not the third; the wait after the stable one is Delay(0).
func TestRun_StableResetsTheCount(t *testing.T) {
	p := Policy{Min: 50 * time.Millisecond, Max: time.Second, MaxAttempts: 2, Stable: 300 * time.Millisecond}
	var l dialLog
	dial := l.dialer(t, func(n int) string {
		if n == 1 {
			return "close=1012&wait=1" // closes on the client's first message
		}
		return "abort=1"
	}, func(n int, ws js.Value, _ *Tracker) {
		if n == 1 {
			time.Sleep(p.Stable + 100*time.Millisecond)
			ws.Call("send", "close now")
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := p.Run(ctx, dial)
	if !errors.Is(err, ErrGaveUp) {
		t.Fatalf("Run error = %v, want ErrGaveUp", err)
	}
	if n := l.count(); n != 4 {
		t.Fatalf("%d dials, want 4: the stable connection reset the count", n)
	}
	checkGap(t, &l, 1, 0, p)
	checkGap(t, &l, 2, 0, p) // after the stable connection
	checkGap(t, &l, 3, 0, p) // the first failure since
}

// When ctx ends, Run closes the open socket with 1000 (a local close) and
// returns ctx.Err() and the last event.
func TestRun_ContextEndClosesTheSocket(t *testing.T) {
	var l dialLog
	ctx, cancel := context.WithCancel(context.Background())
	dial := l.dialer(t, func(int) string { return "" }, func(int, js.Value, *Tracker) { cancel() })
	e, err := fast.Run(ctx, dial)
	if !errors.Is(err, context.Canceled) || e != (CloseEvent{}) {
		t.Fatalf("Run = %v, %v; want the zero event (no close yet) and context.Canceled", e, err)
	}
	tr := l.tracker(0)
	if got := waitTracker(t, tr, 10*time.Second); got.Code != NormalClosure || !got.WasClean {
		t.Errorf("the socket closed with %v, want 1000 clean", got)
	}
	if !tr.Local() {
		t.Error("Local = false for the socket Run closed")
	}
}

// offlineJS makes navigator.onLine report the value of a flag the test
// sets, by defining an own property on navigator: the engines cannot be
// taken offline under WebDriver, so the test overrides what Run reads, and
// dispatches the "online" event itself, as the browser would.
const offlineJS = `
const nav = globalThis.navigator;
const s = {online: false};
Object.defineProperty(nav, "onLine", {get: () => s.online, configurable: true});
s.restore = () => { delete nav.onLine; };
s.goOnline = () => { s.online = true; globalThis.dispatchEvent(new Event("online")); };
s.ping = () => { globalThis.dispatchEvent(new Event("online")); };
return s;`

// While navigator.onLine is false, Run does not dial; the online event
// makes it dial at once. An online event during a backoff wait ends the
// wait at once.
func TestRun_Offline(t *testing.T) {
	if engineName() == "node" {
		t.Skip("Node.js has no window events and no navigator.onLine")
	}
	s := jstest.Eval(t, offlineJS)
	defer s.Call("restore")
	var mu sync.Mutex
	var dials []time.Time
	dialed := func() int { mu.Lock(); defer mu.Unlock(); return len(dials) }
	p := Policy{Min: 10 * time.Second, Max: 20 * time.Second, MaxAttempts: 3}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := p.Run(ctx, func(context.Context) (*Tracker, error) {
			mu.Lock()
			dials = append(dials, time.Now())
			mu.Unlock()
			return nil, errors.New("refused")
		})
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	if n := dialed(); n != 0 {
		t.Fatalf("%d dials while offline, want none", n)
	}
	s.Call("ping") // an online event while still offline: no dial
	time.Sleep(100 * time.Millisecond)
	if n := dialed(); n != 0 {
		t.Fatalf("%d dials after an online event with navigator.onLine still false, want none", n)
	}
	// fire calls the page's method and returns how long until dial number
	// n (from 1) started.
	fire := func(method string, n int, what string) time.Duration {
		t.Helper()
		at := time.Now()
		s.Call(method)
		if !waitUntil(time.Second, func() bool { return dialed() == n }) {
			t.Fatalf("%s: no dial within 1 s (%d dials)", what, dialed())
		}
		mu.Lock()
		defer mu.Unlock()
		return dials[n-1].Sub(at)
	}
	first := fire("goOnline", 1, "the online event")
	// The dial failed; Run waits Delay(0), at least 5 s. An online event
	// ends that wait at once.
	time.Sleep(200 * time.Millisecond)
	second := fire("ping", 2, "an online event during the backoff wait")
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	t.Logf("%s: dialed %v after the online event; a second online event ended a 5-10 s wait after %v", engineName(), first, second)
}
