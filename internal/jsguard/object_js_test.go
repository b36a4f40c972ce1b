//go:build js && wasm

package jsguard

import (
	"math"
	"strings"
	"syscall/js"
	"testing"
)

func TestObject_MatchesPerPropertyPath(t *testing.T) {
	tricky := "quote\" back\\slash \x00\x01\x1f tab\t nl\n é€😀 \u2028 </script>"
	cases := [][]any{
		{"a", "x", "b", 1, "c", true, "d", 1.5, "e", -0.25e-7},
		{"s", tricky, "big", 1e21, "neg", -65535},
		{"nan", math.NaN(), "inf", math.Inf(1)}, // the fallback path
		{},
	}
	stringify := js.Global().Get("JSON").Get("stringify")
	same := js.Global().Get("Object").Get("is")
	for _, pairs := range cases {
		fast, err := Object(pairs...)
		if err != nil {
			t.Fatalf("Object(%v): %v", pairs, err)
		}
		slow, err := fromEntries(pairs...)
		if err != nil {
			t.Fatalf("fromEntries(%v): %v", pairs, err)
		}
		f, s := fast, slow
		if a, b := stringify.Invoke(f).String(), stringify.Invoke(s).String(); a != b {
			t.Errorf("Object(%v) = %s, fromEntries gives %s", pairs, a, b)
		}
		for i := 0; i+1 < len(pairs); i += 2 {
			k := pairs[i].(string)
			if !same.Invoke(f.Get(k), s.Get(k)).Bool() {
				t.Errorf("property %s: Object gives %v, fromEntries gives %v", k, f.Get(k), s.Get(k))
			}
		}
	}
	obj, _ := Object("s", tricky)
	if got := obj.Get("s").String(); got != tricky {
		t.Errorf("string round trip = %q, want %q", got, tricky)
	}
	if !strings.Contains(tricky, "\u2028") {
		t.Fatal("test string lost its U+2028")
	}
}

// TestObject_NoPrototypeSetterRuns: JSON.parse defines properties, so a
// setter on Object.prototype never sees the values.
func TestObject_NoPrototypeSetterRuns(t *testing.T) {
	js.Global().Get("Function").New(`Object.defineProperty(Object.prototype, "reason", {
		set(v) { globalThis.__leaked = v }, configurable: true })`).Invoke()
	defer js.Global().Get("Function").New(`delete Object.prototype.reason; delete globalThis.__leaked`).Invoke()
	obj, err := Object("reason", "secret")
	if err != nil {
		t.Fatal(err)
	}
	if got := obj.Call("hasOwnProperty", "reason").Bool(); !got {
		t.Error("reason is not an own property")
	}
	if !js.Global().Get("__leaked").IsUndefined() {
		t.Error("a setter on Object.prototype saw the value")
	}
}
