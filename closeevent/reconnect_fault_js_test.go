//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// reconnectRecorder notes, per client, when each of its sockets opened, on
// the page's clock.
const reconnectRecorder = `const rec = {opens: []};
rec.dial = (url, i) => {
	const ws = new WebSocket(url);
	ws.addEventListener("open", () => { (rec.opens[i] ||= []).push(performance.now()); });
	return ws;
};
rec.opensOf = i => rec.opens[i] || [];
return rec;`

// TestFault_ReconnectAfterRestart: 200 clients (fewer where the engine
// holds fewer: Row.Wave) each keep a connection going with Policy.Run; the
// server is restarted under them (every connection dropped, the port
// refusing for half a second). Every client is back, within the engine's
// own bound (the policy's delays, plus RedialDelayMax where the engine
// makes a dial wait after failed connections, as Firefox does), and they
// did not come back in lockstep. The spread of the reconnect times is
// logged per engine.
func TestFault_ReconnectAfterRestart(t *testing.T) {
	base := needFaults(t)
	row := jstest.EngineRow(t)
	n := row.Wave(200)
	ln := newFaultListener(t, base)
	url := "ws" + strings.TrimPrefix(ln.base, "http") + "/ws"
	rec := jstest.Eval(t, reconnectRecorder)
	policy := Policy{Min: time.Second, Max: 4 * time.Second, Stable: time.Second}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		results = make([]error, n)
		dials   = make([]int, n)
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := policy.Run(ctx, func(context.Context) (*Tracker, error) {
				mu.Lock()
				dials[i]++
				mu.Unlock()
				return Track(rec.Call("dial", url, i))
			})
			mu.Lock()
			results[i] = err
			mu.Unlock()
		}()
	}
	opened := func(after float64) int {
		k := 0
		for i := range n {
			o := rec.Call("opensOf", i)
			if o.Length() > 0 && o.Index(o.Length()-1).Float() > after {
				k++
			}
		}
		return k
	}
	if !waitUntil(row.WaveOpen, func() bool { return opened(-1) == n }) {
		t.Fatalf("%d of %d clients connected within %v", opened(-1), n, row.WaveOpen)
	}
	time.Sleep(policy.Stable + 200*time.Millisecond) // each connection counts as stable

	start := now()
	const down = 500 * time.Millisecond
	dropped := ln.restart(t, base, down)
	// Each client's bound: the engine's wave, the port down, the policy's
	// longest delay a few times over, and the engine's own wait.
	bound := row.WaveOpen + down + 3*policy.Max + row.RedialDelayMax
	back := 0
	ok := waitUntil(bound, func() bool { back = opened(start); return back == n })
	took := now() - start
	var times []float64
	for i := range n {
		o := rec.Call("opensOf", i)
		for k := 0; k < o.Length(); k++ {
			if at := o.Index(k).Float(); at > start {
				times = append(times, at-start)
				break
			}
		}
	}
	slices.Sort(times)
	pct := func(p float64) float64 {
		if len(times) == 0 {
			return -1
		}
		return times[min(len(times)-1, int(p*float64(len(times))))]
	}
	mu.Lock()
	totalDials := 0
	for _, d := range dials {
		totalDials += d
	}
	mu.Unlock()
	t.Logf("%s: %d clients, restart dropped %d connections; %d back after %.0f ms; reconnect times (ms after the restart began): "+
		"min %.0f, p10 %.0f, median %.0f, p90 %.0f, max %.0f; %d dials in all (%d beyond one per client and one after the restart)",
		row.Engine, n, dropped, back, took, pct(0), pct(0.1), pct(0.5), pct(0.9), pct(1), totalDials, totalDials-2*n)
	if !ok {
		t.Errorf("%d of %d clients were back within %v (the bound for %s: WaveOpen %v, the port down %v, 3 x Policy.Max %v, RedialDelayMax %v)",
			back, n, bound, row.Engine, row.WaveOpen, down, policy.Max, row.RedialDelayMax)
	}
	if dropped < n {
		t.Errorf("the restart dropped %d connections, want the %d clients'", dropped, n)
	}
	// Lockstep would be every client back in the same instant; the
	// policy draws each delay from [d/2, d], so the middle 80 % of the
	// clients should be spread over a good part of Min/2.
	if spread := pct(0.9) - pct(0.1); ok && spread < float64(policy.Min.Milliseconds())/10 {
		t.Errorf("%s: the middle 80%% of the clients came back within %.0f ms of each other, want at least %d ms: lockstep",
			row.Engine, spread, policy.Min.Milliseconds()/10)
	}

	cancel()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Policy.Run did not return within 30 s of its context's end")
	}
	for i, err := range results {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("client %d: Run returned %v, want context.Canceled", i, err)
			break
		}
	}
	nextConnectionWorks(t)
}
