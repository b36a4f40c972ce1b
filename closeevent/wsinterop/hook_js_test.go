//go:build js && wasm

package wsinterop

import (
	"errors"
	"strings"
	"syscall/js"
	"testing"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// armFake installs a FakeWebSocket and arms the hook for want, counting
// the unlocks. The hook is released when the test ends.
func armFake(t *testing.T, want string) (fake js.Value, h *hook, unlocks *int) {
	t.Helper()
	fake = installFake(t)
	r, err := loadRealm()
	if err != nil {
		t.Fatal(err)
	}
	unlocks = new(int)
	h, err = arm(r, want, func() { *unlocks++ })
	if err != nil {
		t.Fatalf("arm: %v", err)
	}
	t.Cleanup(h.release)
	return fake, h, unlocks
}

// While the hook is installed, the global answers as the original does;
// the instance is the original's, made with the original as new.target;
// the global is the original again as soon as it is made.
func TestHook_BehavesAsTheOriginalConstructor(t *testing.T) {
	const url = "ws://example.test/a"
	fake, h, unlocks := armFake(t, url)

	checks := jstest.Eval(t, `const Fake = arguments[0], WS = globalThis.WebSocket;
		return [
			WS !== Fake,
			typeof WS === "function",
			WS.CONNECTING === 0 && WS.OPEN === 1 && WS.CLOSING === 2 && WS.CLOSED === 3,
			WS.prototype === Fake.prototype,
			WS.name === Fake.name,
			WS.length === Fake.length,
			Object.getPrototypeOf(WS) === Object.getPrototypeOf(Fake),
		].map(String).join(",");`, fake).String()
	if want := "true,true,true,true,true,true,true"; checks != want {
		t.Errorf("the armed global: checks = %s, want %s (not replaced, function, constants, prototype, name, length, static chain)", checks, want)
	}

	inst := jstest.Eval(t, `return new globalThis.WebSocket(arguments[0], [])`, url)
	checks = jstest.Eval(t, `const Fake = arguments[0], inst = arguments[1];
		return [
			Object.getPrototypeOf(inst) === Fake.prototype,
			inst.newTarget === Fake,
			inst instanceof Fake,
			inst.constructor === Fake,
			globalThis.WebSocket === Fake,
		].map(String).join(",");`, fake, inst).String()
	if want := "true,true,true,true,true"; checks != want {
		t.Errorf("the instance: checks = %s, want %s (prototype, new.target, instanceof, constructor, global restored)", checks, want)
	}
	if *unlocks != 1 {
		t.Errorf("unlock called %d times at the construction, want 1", *unlocks)
	}

	// The instance was tracked at construction: its Tracker follows it,
	// and ignores the close event the fake dispatches from script.
	tr := h.result()
	if tr == nil {
		t.Fatal("no Tracker for the captured instance")
	}
	inst.Call("fire", 4001, "bye", true)
	ignoresScriptClose(t, tr)
	h.release()
	if *unlocks != 1 {
		t.Errorf("unlock called %d times in all, want 1", *unlocks)
	}
}

// Called without new, the global throws as the original does, and the
// hook stays armed for the construction.
func TestHook_CallWithoutNewBehavesAsTheOriginal(t *testing.T) {
	fake, h, unlocks := armFake(t, "ws://example.test/")
	name := jstest.Eval(t, `try { globalThis.WebSocket("ws://example.test/"); return "no exception"; }
		catch (e) { return e.name; }`).String()
	if name != "TypeError" {
		t.Errorf("calling the armed global without new threw %s, want TypeError", name)
	}
	if globalWebSocket(t).Equal(fake) || *unlocks != 0 {
		t.Errorf("the hook disarmed on a call without new (unlocks %d)", *unlocks)
	}
	h.release()
	if !globalWebSocket(t).Equal(fake) || *unlocks != 1 {
		t.Errorf("after release: global restored = %v, unlocks = %d; want true, 1", globalWebSocket(t).Equal(fake), *unlocks)
	}
}

// A constructor exception becomes a TypeError at the new (a trap cannot
// rethrow) and is kept, as text, for Dial to report.
func TestHook_ConstructorThrows(t *testing.T) {
	const url = "ftp://example.test/"
	fake, h, _ := armFake(t, url)
	name := jstest.Eval(t, `try { new globalThis.WebSocket(arguments[0]); return "no exception"; }
		catch (e) { return e.name; }`, url).String()
	if name != "TypeError" {
		t.Errorf("new threw %s, want TypeError", name)
	}
	if err := h.thrownByConstructor(); err == nil || !strings.Contains(err.Error(), "SyntaxError") {
		t.Errorf("thrownByConstructor = %v, want the fake's SyntaxError", err)
	}
	if !globalWebSocket(t).Equal(fake) {
		t.Error("the global is not the original after the construction threw")
	}
	h.release()
	if _, err := waitTracker(t, h.result()); !errors.Is(err, ErrNotTracked) || !strings.Contains(err.Error(), "SyntaxError") {
		t.Errorf("tracker error = %v, want ErrNotTracked with the SyntaxError", err)
	}
}

// A construction for another URL is not Dial's: it is made, untracked, and
// the hook disarms.
func TestHook_ForeignConstructionPassesThrough(t *testing.T) {
	fake, h, unlocks := armFake(t, "ws://example.test/mine")
	inst := jstest.Eval(t, `return new globalThis.WebSocket("ws://example.test/theirs")`)
	if got := inst.Get("url").String(); got != "ws://example.test/theirs" {
		t.Errorf("instance url = %q", got)
	}
	if !globalWebSocket(t).Equal(fake) || *unlocks != 1 {
		t.Errorf("after a foreign construction: restored = %v, unlocks = %d; want true, 1", globalWebSocket(t).Equal(fake), *unlocks)
	}
	h.release()
	if _, err := waitTracker(t, h.result()); !errors.Is(err, ErrNotTracked) || !strings.Contains(err.Error(), "theirs") {
		t.Errorf("tracker error = %v, want ErrNotTracked naming the other URL", err)
	}
}

// A reference to the Proxy that escaped fails with a TypeError once the
// hook is released, instead of calling a released Go function (which
// would end the program).
func TestHook_EscapedProxyIsRevoked(t *testing.T) {
	_, h, _ := armFake(t, "ws://example.test/")
	proxy := jstest.Eval(t, `return globalThis.WebSocket`)
	h.release() // as Dial does when websocket.Dial returns
	for name, body := range map[string]string{
		"new":        `try { new arguments[0]("ws://example.test/"); return "no exception"; } catch (e) { return e.name; }`,
		"get OPEN":   `try { return "no exception " + arguments[0].OPEN; } catch (e) { return e.name; }`,
		"call":       `try { arguments[0](); return "no exception"; } catch (e) { return e.name; }`,
		"instanceof": `try { return "no exception " + ({} instanceof arguments[0]); } catch (e) { return e.name; }`,
	} {
		if got := jstest.Eval(t, body, proxy).String(); got != "TypeError" {
			t.Errorf("%s on the escaped Proxy: %s, want TypeError", name, got)
		}
	}
}

// A global that cannot be replaced: arm fails, leaving nothing behind.
func TestHook_ReadOnlyGlobal(t *testing.T) {
	keepGlobalWebSocket(t)
	fake := jstest.Eval(t, fakeWebSocketSource)
	for name, define := range map[string]string{
		"non-writable":         `Object.defineProperty(globalThis, "WebSocket", {value: arguments[0], writable: false, configurable: true})`,
		"setter ignores write": `Object.defineProperty(globalThis, "WebSocket", {get: () => arguments[0], set: () => {}, configurable: true})`,
		"setter throws":        `Object.defineProperty(globalThis, "WebSocket", {get: () => arguments[0], set: () => { throw new Error("frozen") }, configurable: true})`,
	} {
		t.Run(name, func(t *testing.T) {
			jstest.Eval(t, define, fake)
			r, err := loadRealm()
			if err != nil {
				t.Fatal(err)
			}
			unlocks := 0
			h, err := arm(r, "ws://example.test/", func() { unlocks++ })
			if err == nil {
				h.release()
				t.Fatal("arm succeeded on a global that cannot be replaced")
			}
			if !errors.Is(err, ErrNotTracked) || unlocks != 0 {
				t.Errorf("arm error = %v (unlocks %d), want ErrNotTracked and no unlock", err, unlocks)
			}
			if !globalWebSocket(t).Equal(fake) {
				t.Error("the global changed")
			}
		})
	}
}
