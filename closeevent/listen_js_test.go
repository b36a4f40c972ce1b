//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// recordingTarget returns an EventTarget that counts its listeners, so a
// test can see that release really removed one.
func recordingTarget(t testing.TB) js.Value {
	return jstest.Eval(t, `const t = new EventTarget();
		t.listeners = 0;
		const add = t.addEventListener.bind(t), remove = t.removeEventListener.bind(t);
		t.addEventListener = (type, fn) => { t.listeners++; add(type, fn); };
		t.removeEventListener = (type, fn) => { t.listeners--; remove(type, fn); };
		return t;`)
}

func dispatch(t testing.TB, target js.Value, code int, reason string) {
	t.Helper()
	target.Call("dispatchEvent", fakeCloseEvent(t, "close", code, reason, true))
}

// captureConsoleError replaces console.error with a recorder until the
// test ends and returns a function listing what was reported.
func captureConsoleError(t testing.TB) func() []string {
	console := js.Global().Get("console")
	saved := console.Get("error")
	log := js.Global().Get("Array").New()
	console.Set("error", jstest.Eval(t, `const log = arguments[0]; return (...a) => log.push(a.map(String).join(" "))`, log))
	t.Cleanup(func() { console.Set("error", saved) })
	return func() []string {
		var out []string
		for i := 0; i < log.Length(); i++ {
			out = append(out, log.Index(i).String())
		}
		return out
	}
}

func waitFor(t testing.TB, ch <-chan CloseEvent) CloseEvent {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no close event delivered within 5s")
		return CloseEvent{}
	}
}

func TestOnClose_DeliversInDispatchOrder(t *testing.T) {
	target := recordingTarget(t)
	got := make(chan CloseEvent, 100)
	release, err := OnClose(target, func(e CloseEvent) { got <- e })
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	// Dispatched by JavaScript in one task, so Go cannot run in between.
	jstest.Eval(t, `for (let i = 0; i < 50; i++) {
		const e = new Event("close"); Object.assign(e, {code: 4000 + i, reason: "n" + i, wasClean: true});
		arguments[0].dispatchEvent(e);
	}`, target)
	for i := 0; i < 50; i++ {
		e := waitFor(t, got)
		if int(e.Code) != 4000+i || e.Reason != "n"+strconv.Itoa(i) {
			t.Fatalf("event %d = %v, want code %d reason n%d", i, e, 4000+i, i)
		}
	}
}

func TestOnClose_BlockingHandlerDoesNotBlockJavaScript(t *testing.T) {
	target := recordingTarget(t)
	unblock := make(chan struct{})
	got := make(chan CloseEvent, 10)
	release, err := OnClose(target, func(e CloseEvent) {
		<-unblock // blocks the handler, never the event loop
		got <- e
	})
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	dispatch(t, target, 4001, "first")
	// If the listener waited for the handler, this dispatch would deadlock
	// the program ("all goroutines are asleep").
	dispatch(t, target, 4002, "second")
	// A JavaScript timer still fires while the handler is blocked.
	fired := make(chan struct{})
	cb := js.FuncOf(func(js.Value, []js.Value) any { close(fired); return nil })
	defer cb.Release()
	js.Global().Call("setTimeout", cb, 1)
	select {
	case <-fired:
	case <-time.After(5 * time.Second):
		t.Fatal("a JavaScript timer did not fire while the handler was blocked")
	}
	close(unblock)
	if e := waitFor(t, got); e.Code != 4001 {
		t.Errorf("first delivered = %v, want 4001", e)
	}
	if e := waitFor(t, got); e.Code != 4002 {
		t.Errorf("second delivered = %v, want 4002", e)
	}
}

func TestOnClose_PanicIsRecoveredAndReported(t *testing.T) {
	reports := captureConsoleError(t)
	target := recordingTarget(t)
	got := make(chan CloseEvent, 10)
	release, err := OnClose(target, func(e CloseEvent) {
		if e.Code == 4001 {
			panic("handler exploded")
		}
		got <- e
	})
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	dispatch(t, target, 4001, "boom")
	dispatch(t, target, 4002, "after")
	if e := waitFor(t, got); e.Code != 4002 {
		t.Fatalf("after the panic, delivered %v, want 4002", e)
	}
	r := strings.Join(reports(), "\n")
	for _, want := range []string{"handler panicked", "handler exploded", "4001", "listen_js_test.go"} {
		if !strings.Contains(r, want) {
			t.Errorf("console.error report %q lacks %q", r, want)
		}
	}
}

func TestOnClose_SkipsEventsThatAreNotCloseEvents(t *testing.T) {
	reports := captureConsoleError(t)
	target := recordingTarget(t)
	got := make(chan CloseEvent, 10)
	release, err := OnClose(target, func(e CloseEvent) { got <- e })
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	target.Call("dispatchEvent", js.Global().Get("Event").New("close"))
	// A BigInt field: js.Value.Type panics on BigInts, which must not
	// reach the listener.
	jstest.Eval(t, `const e = new Event("close"); Object.assign(e, {code: 10n, reason: "", wasClean: true});
		arguments[0].dispatchEvent(e)`, target)
	dispatch(t, target, 4003, "real")
	if e := waitFor(t, got); e.Code != 4003 {
		t.Fatalf("delivered %v, want the 4003 after the skipped plain Event", e)
	}
	r := strings.Join(reports(), "\n")
	for _, want := range []string{"code is undefined", "code is bigint"} {
		if !strings.Contains(r, want) {
			t.Errorf("console.error report %q does not explain a skipped event with %q", r, want)
		}
	}
}

func TestOnClose_ReleaseRemovesListenerOnce(t *testing.T) {
	target := recordingTarget(t)
	calls := 0
	release, err := OnClose(target, func(CloseEvent) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if n := target.Get("listeners").Int(); n != 1 {
		t.Fatalf("listeners after OnClose = %d, want 1", n)
	}
	release()
	release() // idempotent
	if n := target.Get("listeners").Int(); n != 0 {
		t.Fatalf("listeners after release twice = %d, want 0", n)
	}
	dispatch(t, target, 4000, "late")
	time.Sleep(10 * time.Millisecond)
	if calls != 0 {
		t.Errorf("handler called %d times after release, want 0", calls)
	}
}

func TestOnClose_ReleaseFromInsideHandler(t *testing.T) {
	target := recordingTarget(t)
	got := make(chan CloseEvent, 10)
	var release func()
	release, err := OnClose(target, func(e CloseEvent) {
		release()
		release()
		got <- e
	})
	if err != nil {
		t.Fatal(err)
	}
	// Both dispatched before Go runs: the second is queued, then dropped.
	jstest.Eval(t, `for (const c of [4001, 4002]) {
		const e = new Event("close"); Object.assign(e, {code: c, reason: "", wasClean: true});
		arguments[0].dispatchEvent(e);
	}`, target)
	if e := waitFor(t, got); e.Code != 4001 {
		t.Fatalf("delivered %v, want 4001", e)
	}
	select {
	case e := <-got:
		t.Fatalf("delivered %v after release from inside the handler", e)
	case <-time.After(20 * time.Millisecond):
	}
	if n := target.Get("listeners").Int(); n != 0 {
		t.Errorf("listeners = %d after release from inside the handler, want 0", n)
	}
}

func TestOnClose_BadTarget(t *testing.T) {
	for _, src := range []string{
		`return {}`, `return 5`, `return undefined`, `return 5n`,
		`return {addEventListener() { throw new Error("no listeners here") }}`,
		// These end the program if addEventListener is called with
		// Value.Call, which reads the method again with Value.Get once the
		// call has thrown.
		`return {get addEventListener() { throw new Error("no getter here") }}`,
		`return new Proxy({}, {get() { throw new Error("trap") }})`,
		`const p = Proxy.revocable({addEventListener() {}}, {}); p.revoke(); return p.proxy`,
	} {
		release, err := OnClose(jstest.Eval(t, src), func(CloseEvent) {})
		if err == nil {
			t.Errorf("OnClose(%s) succeeded, want an error", src)
		}
		release() // a no-op, but callable
	}
	if _, err := OnClose(recordingTarget(t), nil); err == nil {
		t.Error("OnClose with a nil handler succeeded, want an error")
	}
	if got := jstest.Eval(t, `return 6 * 7`).Int(); got != 42 {
		t.Fatalf("after the bad targets, 6*7 = %d", got)
	}
}

// A target revoked after OnClose: release must not end the program.
func TestOnClose_ReleaseAfterTheTargetIsRevoked(t *testing.T) {
	pair := jstest.Eval(t, `return Proxy.revocable({addEventListener() {}, removeEventListener() {}}, {})`)
	release, err := OnClose(pair.Get("proxy"), func(CloseEvent) {})
	if err != nil {
		t.Fatalf("OnClose(a Proxy of a target) = %v", err)
	}
	pair.Get("revoke").Invoke()
	release()
	if got := jstest.Eval(t, `return 6 * 7`).Int(); got != 42 {
		t.Fatalf("after release, 6*7 = %d", got)
	}
}

func TestNext_ReturnsTheNextEvent(t *testing.T) {
	target := recordingTarget(t)
	cb := js.FuncOf(func(js.Value, []js.Value) any { dispatch(t, target, 4010, "next"); return nil })
	defer cb.Release()
	js.Global().Call("setTimeout", cb, 5)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, err := Next(ctx, target)
	if err != nil || e.Code != 4010 || e.Reason != "next" {
		t.Fatalf("Next = %v, %v; want 4010 next", e, err)
	}
	if n := target.Get("listeners").Int(); n != 0 {
		t.Errorf("listeners after Next = %d, want 0", n)
	}
}

func TestNext_Cancelled(t *testing.T) {
	target := recordingTarget(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := Next(ctx, target)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Next with an expiring context = %v, want context.DeadlineExceeded", err)
	}
	if n := target.Get("listeners").Int(); n != 0 {
		t.Errorf("listeners after a cancelled Next = %d, want 0", n)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := Next(ctx, target); !errors.Is(err, context.Canceled) {
		t.Fatalf("Next with a cancelled context = %v, want context.Canceled", err)
	}
}
