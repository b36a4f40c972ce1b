//go:build js && wasm

package wsinterop

import (
	"context"
	"net/url"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/closeevent"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// globalWebSocket returns globalThis.WebSocket, read through Reflect.get.
func globalWebSocket(t testing.TB) js.Value {
	t.Helper()
	return jstest.Eval(t, `return Reflect.get(globalThis, "WebSocket")`)
}

// keepGlobalWebSocket restores globalThis.WebSocket's property descriptor,
// whatever a test did to it, when the test ends.
func keepGlobalWebSocket(t testing.TB) {
	t.Helper()
	saved := jstest.Eval(t, `return Object.getOwnPropertyDescriptor(globalThis, "WebSocket") ?? null`)
	t.Cleanup(func() {
		jstest.Eval(t, `if (arguments[0] === null) delete globalThis.WebSocket;
			else Object.defineProperty(globalThis, "WebSocket", arguments[0]);`, saved)
	})
}

// fakeWebSocketSource defines a stand-in for the browser's WebSocket: an
// EventTarget with the constants, the constructor's checks, close()'s
// checks and the events coder/websocket listens for, so that Dial and the
// hook can be tested in any runtime, Node.js 20 included. A URL whose path
// is /refuse fails to connect; any other opens. send echoes.
const fakeWebSocketSource = `
class FakeWebSocket extends EventTarget {
	static CONNECTING = 0; static OPEN = 1; static CLOSING = 2; static CLOSED = 3;
	static instances = [];
	static closeCalls = 0;
	constructor(url, protocols) {
		super();
		if (typeof url !== "string" || !/^wss?:\/\//.test(url)) {
			throw new DOMException("fake: the URL " + url + " is invalid", "SyntaxError");
		}
		this.url = url;
		this.protocol = "";
		this.binaryType = "blob";
		this.readyState = 0;
		this.newTarget = new.target;
		FakeWebSocket.instances.push(this);
		setTimeout(() => {
			if (new URL(url).pathname === "/refuse") {
				this.fail();
			} else if (this.readyState === 0) {
				this.readyState = 1;
				this.dispatchEvent(new Event("open"));
			}
		}, 0);
	}
	fail() {
		if (this.readyState === 3) return;
		this.dispatchEvent(new Event("error"));
		this.fire(1006, "", false);
	}
	fire(code, reason, wasClean) {
		if (this.readyState === 3) return;
		this.readyState = 3;
		const e = new Event("close");
		Object.assign(e, {code, reason, wasClean});
		this.dispatchEvent(e);
	}
	close(code, reason) {
		FakeWebSocket.closeCalls++;
		if (code !== undefined && code !== 1000 && !(code >= 3000 && code <= 4999)) {
			throw new DOMException("fake: the close code must be either 1000, or between 3000 and 4999. " + code + " is neither.", "InvalidAccessError");
		}
		if (reason !== undefined && new TextEncoder().encode(reason).length > 123) {
			throw new DOMException("fake: the close reason must not be greater than 123 UTF-8 bytes.", "SyntaxError");
		}
		if (this.readyState === 0) { setTimeout(() => this.fail(), 0); return; }
		if (this.readyState !== 1) return;
		this.readyState = 2;
		setTimeout(() => this.fire(code ?? 1005, reason ?? "", true), 0);
	}
	send(data) {
		setTimeout(() => this.dispatchEvent(new MessageEvent("message", {data})), 0);
	}
}
return FakeWebSocket;`

// installFake makes a FakeWebSocket class the global WebSocket until the
// test ends, and returns it.
func installFake(t testing.TB) js.Value {
	t.Helper()
	keepGlobalWebSocket(t)
	fake := jstest.Eval(t, fakeWebSocketSource)
	jstest.Eval(t, `globalThis.WebSocket = arguments[0]`, fake)
	return fake
}

// fakeInstance returns the FakeWebSocket made for url.
func fakeInstance(t testing.TB, fake js.Value, url string) js.Value {
	t.Helper()
	inst := jstest.Eval(t, `return arguments[0].instances.find(i => i.url === arguments[1]) ?? null`, fake, url)
	if inst.IsNull() {
		t.Fatalf("no FakeWebSocket was constructed for %q", url)
	}
	return inst
}

// needWebSocket skips a test in a runtime without a WebSocket constructor.
func needWebSocket(t testing.TB) {
	t.Helper()
	if globalWebSocket(t).Type() != js.TypeFunction {
		t.Skip("this JavaScript runtime has no WebSocket constructor (Node.js 20 has none); run the test in a browser")
	}
}

// serverURL returns the base URL of the closeshim test server, or skips
// the test as jstest.ServerURL does.
func serverURL(t testing.TB) *url.URL {
	t.Helper()
	raw := jstest.ServerURL(t)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		t.Fatalf("%s=%q is not a URL with a host: %v", jstest.EnvServerURL, raw, err)
	}
	return u
}

// wsURL returns the server's /ws URL with query, such as "close=4001".
func wsURL(t testing.TB, query url.Values) string {
	t.Helper()
	return jstest.WSURL(t, query.Encode())
}

// waitTracker waits up to 10 s for the tracker's result.
func waitTracker(t testing.TB, tr *closeevent.Tracker) (closeevent.CloseEvent, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	e, err := tr.Wait(ctx)
	if err == context.DeadlineExceeded {
		t.Fatal("the tracker gave nothing within 10 s")
	}
	return e, err
}

// timeout returns a context that ends after 10 s.
func timeout(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// ignoresScriptClose checks that tr, a Tracker of a FakeWebSocket, is not
// finished by the close event the fake dispatched from script: only the
// browser's own (trusted) close event finishes a Tracker. It waits for two
// JavaScript tasks, long enough for a Tracker that took the event to
// finish.
func ignoresScriptClose(t testing.TB, tr *closeevent.Tracker) {
	t.Helper()
	for range 2 {
		ran := make(chan struct{})
		fn := js.FuncOf(func(js.Value, []js.Value) any { close(ran); return nil })
		js.Global().Call("setTimeout", fn, 10)
		<-ran
		fn.Release()
	}
	select {
	case <-tr.Done():
		e, err := tr.Wait(context.Background())
		t.Errorf("the Tracker finished on a close event dispatched by script: %v, %v", e, err)
	default:
	}
}
