//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// BenchmarkDecodeFromJS measures the JS API's decode as a page calls it:
// a JavaScript loop calls the export and unwraps its result as
// web/closeevent.js does (r[0] === 0: the value is r[1]). PlainJS is the
// loop over a plain JavaScript function copying the nine attributes, the
// code a page would write by hand. One crossing from Go starts each loop.
func BenchmarkDecodeFromJS(b *testing.B) {
	bi, err := loadBuiltins()
	if err != nil {
		b.Fatal(err)
	}
	if js.Global().Get("CloseEvent").IsUndefined() {
		b.Skip("no CloseEvent constructor in this runtime")
	}
	ev := js.Global().Get("CloseEvent").New("close", map[string]any{"code": 4001, "reason": "bye", "wasClean": true})
	fn, err := jsguard.FuncOf(bi.guard("decode", bi.decode))
	if err != nil {
		b.Fatal(err)
	}
	defer fn.Release()
	newFunc := func(src string) js.Value { return js.Global().Get("Function").New(src).Invoke() }
	shimLoop := newFunc(`return (decode, ev, n) => {
		let last;
		for (let i = 0; i < n; i++) { const r = decode(ev); if (r[0] !== 0) throw new Error("decode failed"); last = r[1]; }
		return last.code; }`)
	plainLoop := newFunc(`return (ev, n) => {
		const copy = e => ({type: e.type, code: e.code, reason: e.reason, wasClean: e.wasClean, isTrusted: e.isTrusted,
			timeStamp: e.timeStamp, bubbles: e.bubbles, cancelable: e.cancelable, composed: e.composed});
		let last;
		for (let i = 0; i < n; i++) last = copy(ev);
		return last.code; }`)
	b.Run("Shim", func(b *testing.B) {
		if got := shimLoop.Invoke(fn.Value, ev, b.N).Int(); got != 4001 {
			b.Fatalf("decode(ev).code = %d, want 4001", got)
		}
	})
	b.Run("PlainJS", func(b *testing.B) {
		if got := plainLoop.Invoke(ev, b.N).Int(); got != 4001 {
			b.Fatalf("copy(ev).code = %d, want 4001", got)
		}
	})
}
