//go:build js && wasm

package closeevent

import (
	"runtime"
	"strings"
	"sync/atomic"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// Leaks: attaching and releasing OnClose listeners, and reading events
// with FromJS, must leave behind nothing that grows with their number: not
// in the Go heap, not in the goroutines, not in the JavaScript values Go
// holds references to, not in the js.Funcs.
//
// What is counted, and how:
//   - the Go heap after runtime.GC: HeapAlloc, and live objects (Mallocs
//     minus Frees), from runtime.ReadMemStats;
//   - goroutines, from runtime.NumGoroutine (each listener runs one);
//   - the JavaScript values Go holds: wasm_exec.js keeps every value Go
//     has a reference to in go._values, and puts the slot of a released one
//     in go._idPool, so _values.length - _idPool.length is the number held.
//     A js.Value's slot is released by its Go finalizer once the Go GC has
//     found the Value unreachable;
//   - js.Funcs: js.FuncOf asks go._makeFuncWrapper for the JavaScript
//     function that calls back into Go. The test wraps that method to tag
//     each function it makes, and counts the tagged functions still in
//     _values: a js.Func that is never released stays in syscall/js's table
//     with the listener that owns it, so its function stays in _values.
//     Released functions are also called once more, a sample of them:
//     syscall/js answers a call to a released function with
//     console.error("call to released function") and nothing else.
// The Go object is found through the same wrapper (it is the method's
// this), since wasm_exec.js keeps it in no global.

// goRuntimeJS wraps Go.prototype._makeFuncWrapper and returns the probe.
const goRuntimeJS = `
if (typeof Go !== "function" || typeof Go.prototype._makeFuncWrapper !== "function") return null;
const proto = Go.prototype, orig = proto._makeFuncWrapper;
const s = {go: null, tagged: new WeakSet(), made: 0, last: null, kept: []};
proto._makeFuncWrapper = function (id) {
	const f = orig.call(this, id);
	s.go = this; s.tagged.add(f); s.made++; s.last = f;
	return f;
};
s.restore = () => { proto._makeFuncWrapper = orig; };
s.keepLast = () => { s.kept.push(s.last); };
// [values Go holds, tagged js.Func functions among them]
s.counts = () => {
	const v = s.go._values;
	let funcs = 0;
	for (const x of v) if (typeof x === "function" && s.tagged.has(x)) funcs++;
	return [v.length - s.go._idPool.length, funcs];
};
// Calls every kept function with a close event and returns what
// console.error received meanwhile.
s.callKept = (ev) => {
	const said = [], saved = console.error;
	console.error = (...a) => said.push(a.map(String).join(" "));
	try { for (const f of s.kept) f(ev); } finally { console.error = saved; }
	s.kept = [];
	return said;
};
return s;`

// goRuntime is the probe of goRuntimeJS.
type goRuntime struct{ js.Value }

func newGoRuntime(t *testing.T) goRuntime {
	t.Helper()
	p := jstest.Eval(t, goRuntimeJS)
	if p.IsNull() {
		t.Skip("this wasm_exec.js has no Go.prototype._makeFuncWrapper to count js.Funcs with")
	}
	t.Cleanup(func() { p.Call("restore") })
	js.FuncOf(func(js.Value, []js.Value) any { return nil }).Release() // finds the Go object
	if p.Get("go").IsNull() {
		t.Skip("js.FuncOf did not go through Go.prototype._makeFuncWrapper")
	}
	return goRuntime{p}
}

// leakCounts is one measurement.
type leakCounts struct {
	heapAlloc, liveObjects uint64
	sys                    uint64 // the memory Go took from the runtime: its wasm memory, which never shrinks
	goroutines             int
	jsValues, jsFuncs      int
}

// measure collects garbage until the counts hold still, then takes them.
// A js.Value's finalizer runs on the finalizer goroutine after the GC that
// found it, and only the next GC frees what it held; the sleeps let that
// goroutine run.
func (g goRuntime) measure() leakCounts {
	var last leakCounts
	for i := 0; i < 20; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		c := g.Call("counts")
		now := leakCounts{ms.HeapAlloc, ms.Mallocs - ms.Frees, ms.Sys, runtime.NumGoroutine(), c.Index(0).Int(), c.Index(1).Int()}
		if i > 2 && now.jsValues == last.jsValues && now.jsFuncs == last.jsFuncs && now.goroutines == last.goroutines {
			return now
		}
		last = now
	}
	return last
}

// Tolerances. A leak of one listener costs far more than these: its
// listener struct, two channels, a closure, a js.Func, a goroutine and its
// stack, and a JavaScript function; a leak of one decode
// costs at least the reference to a string or the event. So a leak of even
// one in a hundred would exceed them by a wide margin, while what remains
// is the test's own bookkeeping and the testing package's.
const (
	leakHeapBytes   = 256 << 10
	leakLiveObjects = 500
	leakJSValues    = 16
	leakJSFuncs     = 0
	leakGoroutines  = 0
	// leakSysBytes bounds how much more memory Go may take from the
	// runtime over the decodes: what one garbage-collection cycle's
	// worth of values waiting for their finalizers needs. A loop that
	// kept its values until it ended would take far more per million
	// decodes.
	leakSysBytes = 64 << 20
)

func checkLeak(t *testing.T, what string, ops int, before, after leakCounts) {
	t.Helper()
	t.Logf("%s: heap %d -> %d bytes, memory from the runtime %d -> %d bytes, live objects %d -> %d, goroutines %d -> %d, JavaScript values held by Go %d -> %d, js.Func functions %d -> %d",
		what, before.heapAlloc, after.heapAlloc, before.sys, after.sys, before.liveObjects, after.liveObjects, before.goroutines, after.goroutines,
		before.jsValues, after.jsValues, before.jsFuncs, after.jsFuncs)
	if d := int64(after.heapAlloc) - int64(before.heapAlloc); d > leakHeapBytes {
		t.Errorf("%s: the Go heap grew by %d bytes (%.1f per operation), want at most %d in all", what, d, float64(d)/float64(ops), leakHeapBytes)
	}
	if d := int64(after.liveObjects) - int64(before.liveObjects); d > leakLiveObjects {
		t.Errorf("%s: %d more live Go objects, want at most %d", what, d, leakLiveObjects)
	}
	if d := after.goroutines - before.goroutines; d > leakGoroutines {
		t.Errorf("%s: %d more goroutines, want none", what, d)
	}
	if d := after.jsValues - before.jsValues; d > leakJSValues {
		t.Errorf("%s: Go holds %d more JavaScript values, want at most %d", what, d, leakJSValues)
	}
	if d := after.jsFuncs - before.jsFuncs; d > leakJSFuncs {
		t.Errorf("%s: %d more js.Func functions alive, want none", what, d)
	}
}

// leakEvent returns a close event to dispatch and decode: a native one
// where the runtime has CloseEvent, else an Event with the fields.
func leakEvent(t *testing.T, code int, reason string) js.Value {
	if js.Global().Get("CloseEvent").IsUndefined() {
		return fakeCloseEvent(t, "close", code, reason, true)
	}
	v, err := New("close", Init{Code: Code(code), Reason: reason, WasClean: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// leakTarget returns an EventTarget that counts its listeners (Node.js
// would warn past ten listeners on it: the warning is turned off).
func leakTarget(t *testing.T) js.Value {
	return jstest.Eval(t, `const t = new EventTarget();
		t.listeners = 0;
		const add = t.addEventListener.bind(t), remove = t.removeEventListener.bind(t);
		t.addEventListener = (type, fn) => { t.listeners++; add(type, fn); };
		t.removeEventListener = (type, fn) => { t.listeners--; remove(type, fn); };
		if (typeof require === "function") { try { require("events").setMaxListeners(0, t); } catch (e) {} }
		return t;`)
}

// TestLeak_OnCloseListeners attaches 100,000 listeners (1,000,000 under
// soak) a thousand at a time to one target, dispatches a close event to
// each thousand and waits for all of them to be delivered, then releases
// them.
func TestLeak_OnCloseListeners(t *testing.T) {
	g := newGoRuntime(t)
	n, batch := scale(100000, 1000000), 1000
	target := leakTarget(t)
	ev := leakEvent(t, 4000, "leak")

	round := func(probe bool) {
		var delivered atomic.Int64
		releases := make([]func(), batch)
		for i := range releases {
			release, err := OnClose(target, func(e CloseEvent) {
				if e.Code == 4000 {
					delivered.Add(1)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			releases[i] = release
			if probe && i == 0 {
				g.Call("keepLast")
			}
		}
		target.Call("dispatchEvent", ev)
		if !waitUntil(10*time.Second, func() bool { return delivered.Load() == int64(batch) }) {
			t.Fatalf("%d of %d listeners got the event", delivered.Load(), batch)
		}
		for _, release := range releases {
			release()
		}
	}
	// Warm up: the first two rounds grow, once and for all, what the
	// runtime keeps for reuse (goroutine descriptors, map buckets) to the
	// size a batch needs. Measured: after one round the heap still grows
	// once, by the same amount whatever the number of rounds that follow;
	// after two it holds still.
	round(false)
	round(false)
	before := g.measure()
	start := time.Now()
	for done := 0; done < n; done += batch {
		round(done%(n/100) == 0)
	}
	d := time.Since(start)
	after := g.measure()
	if got := target.Get("listeners").Int(); got != 0 {
		t.Errorf("%d listeners still attached to the target, want 0", got)
	}
	// Each sampled function, called after its release, must only make
	// syscall/js complain.
	said := g.Call("callKept", ev)
	for i := 0; i < said.Length(); i++ {
		if s := said.Index(i).String(); !strings.Contains(s, "call to released function") {
			t.Errorf("calling a released listener's function: console.error(%q), want \"call to released function\"", s)
		}
	}
	if said.Length() != 100 {
		t.Errorf("%d of the 100 sampled released functions said they were released", said.Length())
	}
	t.Logf("%d listeners attached, each sent an event and released in %v (%.1f µs each); js.FuncOf made %d functions",
		n, d.Round(time.Millisecond), float64(d.Microseconds())/float64(n), g.Get("made").Int())
	checkLeak(t, "OnClose listeners", n, before, after)
	soakFigure(t, "listeners", n, 0) // a round stops the test unless every listener got its event
	alive(t)
}

// TestLeak_FromJSDecodes decodes 1,000,000 events (10,000,000 under soak)
// with FromJS: native CloseEvents where the runtime has them, with reasons
// that are copied into Go and reasons that are not.
func TestLeak_FromJSDecodes(t *testing.T) {
	g := newGoRuntime(t)
	n := scale(1000000, 10000000)
	type sample struct {
		ev   js.Value
		want CloseEvent
	}
	var samples []sample
	for _, s := range []struct {
		code   int
		reason string
	}{{1000, ""}, {4001, "a reason copied into Go"}, {3000, strings.Repeat("é", 61)}, {1006, "\u0000😀"}} {
		ev := leakEvent(t, s.code, s.reason)
		want, err := FromJS(ev)
		if err != nil || int(want.Code) != s.code || want.Reason != s.reason {
			t.Fatalf("FromJS(%d %q) = %v, %v", s.code, s.reason, want, err)
		}
		samples = append(samples, sample{ev, want})
	}
	decode := func(count int) {
		for i := 0; i < count; i++ {
			yieldEvery(1000, i)
			s := samples[i%len(samples)]
			if e, err := FromJS(s.ev); err != nil || e != s.want {
				t.Fatalf("decode %d: FromJS = %v, %v; want %v", i, e, err, s.want)
			}
		}
	}
	decode(10000) // warm up
	before := g.measure()
	start := time.Now()
	decode(n)
	d := time.Since(start)
	after := g.measure()
	t.Logf("%d events decoded in %v (%.2f µs each)", n, d.Round(time.Millisecond), float64(d.Nanoseconds())/1000/float64(n))
	checkLeak(t, "FromJS decodes", n, before, after)
	if d := int64(after.sys) - int64(before.sys); d > leakSysBytes {
		t.Errorf("FromJS decodes: Go's wasm memory grew by %d bytes over %d decodes, want at most %d: JavaScript values are not freed while the loop runs", d, n, leakSysBytes)
	}
	soakFigure(t, "decodes", n, 0) // decode stops the test at the first wrong one
	alive(t)
}
