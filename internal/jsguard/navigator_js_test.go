//go:build js && wasm

package jsguard

import (
	"testing"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// TestOffline checks Offline against navigator.onLine as the page sets it
// (an own property on navigator, or a navigator object where the runtime
// has none), including the answers that count as online.
func TestOffline(t *testing.T) {
	restore := jstest.Eval(t, `
		const had = "navigator" in globalThis;
		if (!had) globalThis.navigator = {};
		const nav = globalThis.navigator;
		return (v) => {
			if (v === "restore") {
				delete nav.onLine;
				if (!had) delete globalThis.navigator;
				return;
			}
			Object.defineProperty(nav, "onLine", {configurable: true, get() {
				if (v === "throw") throw new Error("boom");
				return v;
			}});
		};`)
	defer restore.Invoke("restore")
	for _, tt := range []struct {
		onLine any
		want   bool
	}{
		{false, true},
		{true, false},
		{"false", false}, // not a boolean: taken as online
		{"throw", false}, // a getter that throws: taken as online
	} {
		restore.Invoke(tt.onLine)
		if got := Offline(); got != tt.want {
			t.Errorf("navigator.onLine = %v: Offline() = %v, want %v", tt.onLine, got, tt.want)
		}
	}
}
