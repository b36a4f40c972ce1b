//go:build js && wasm

package closeevent

import (
	"errors"
	"strings"
	"syscall/js"
	"testing"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

func TestFromJS_NativeRoundTrip(t *testing.T) {
	needCloseEvent(t)
	inits := []Init{
		{},
		{Code: NormalClosure, Reason: "done", WasClean: true},
		{Code: 4001, Reason: "bye", Bubbles: true, Cancelable: true, Composed: true},
		{Code: 65535, Reason: strings.Repeat("€", 41), WasClean: true},
		{Code: AbnormalClosure, Reason: "é😀\u0000nul"},
	}
	for _, init := range inits {
		v, err := New("close", init)
		if err != nil {
			t.Fatalf("New(%+v): %v", init, err)
		}
		got, err := FromJS(v)
		if err != nil {
			t.Fatalf("FromJS(New(%+v)): %v", init, err)
		}
		want := CloseEvent{Type: "close", Code: init.Code, Reason: init.Reason, WasClean: init.WasClean,
			Bubbles: init.Bubbles, Cancelable: init.Cancelable, Composed: init.Composed,
			TimeStamp: v.Get("timeStamp").Float()}
		if got != want {
			t.Errorf("FromJS(New(%+v)) = %+v, want %+v", init, got, want)
		}
	}
}

// TestFromJS_BrowserConversions: what the constructor converts comes out
// as the runtime reports it, checked against JavaScript's own reading.
func TestFromJS_BrowserConversions(t *testing.T) {
	needCloseEvent(t)
	for _, src := range []string{
		`return new CloseEvent("close", {code: 70000})`,       // modulo 2^16: 4464
		`return new CloseEvent("close", {code: -1})`,          // 65535
		`return new CloseEvent("close", {code: 1000.9})`,      // integer part
		`return new CloseEvent("close", {code: NaN})`,         // 0
		`return new CloseEvent("close", {reason: "\uD800x"})`, // lone surrogate
		`return new CloseEvent("x", {reason: 42, wasClean: 1})`,
	} {
		v := jstest.Eval(t, src)
		got, err := FromJS(v)
		if err != nil {
			t.Fatalf("%s: FromJS: %v", src, err)
		}
		if want := v.Get("code").Int(); int(got.Code) != want {
			t.Errorf("%s: Code = %d, JavaScript reads %d", src, got.Code, want)
		}
		if want := v.Get("reason").String(); got.Reason != want {
			t.Errorf("%s: Reason = %q, JavaScript reads %q", src, got.Reason, want)
		}
		if want := v.Get("wasClean").Bool(); got.WasClean != want {
			t.Errorf("%s: WasClean = %v, JavaScript reads %v", src, got.WasClean, want)
		}
	}
	// WebIDL "unsigned short": the integer part modulo 2^16.
	if got, _ := FromJS(jstest.Eval(t, `return new CloseEvent("close", {code: 70000})`)); got.Code != 4464 {
		t.Errorf("new CloseEvent({code: 70000}).code read as %d, want 4464", got.Code)
	}
}

// TestFromJS_PolyfillObjects: objects that are not native CloseEvents but
// have the three fields are accepted.
func TestFromJS_PolyfillObjects(t *testing.T) {
	v := fakeCloseEvent(t, "close", 4002, "poly", true)
	got, err := FromJS(v)
	if err != nil {
		t.Fatalf("FromJS(Event with fields): %v", err)
	}
	if got.Type != "close" || got.Code != 4002 || got.Reason != "poly" || !got.WasClean {
		t.Errorf("FromJS(Event with fields) = %+v", got)
	}
	plain := jstest.Eval(t, `return {code: 1000, reason: "", wasClean: false}`)
	got, err = FromJS(plain)
	if err != nil || got != (CloseEvent{Code: 1000}) {
		t.Errorf("FromJS(plain object) = %+v, %v; want code 1000 and zero values", got, err)
	}
	nullProto := jstest.Eval(t, `const o = Object.create(null); Object.assign(o, {code: 3000, reason: "n", wasClean: true}); return Object.freeze(o)`)
	if got, err := FromJS(nullProto); err != nil || got.Code != 3000 {
		t.Errorf("FromJS(frozen null-prototype object) = %+v, %v", got, err)
	}
}

func TestFromJS_BadInput(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the error
	}{
		{"undefined", `return undefined`, []string{"got undefined"}},
		{"null", `return null`, []string{"got null"}},
		{"number", `return 1000`, []string{"got number 1000"}},
		{"string", `return "close"`, []string{`got string "close"`}},
		{"boolean", `return true`, []string{"got boolean true"}},
		{"symbol", `return Symbol("s")`, []string{"got symbol"}},
		{"bigint", `return 10n`, []string{"got bigint"}},
		{"bigint code", `return {code: 1000n, reason: "", wasClean: true}`, []string{"code is bigint", "want a number"}},
		{"bigint wasClean", `return {code: 1000, reason: "", wasClean: 1n}`, []string{"wasClean is bigint"}},
		{"throwing a bigint", `return {get code() { throw 7n }, reason: "", wasClean: true}`, []string{"reading code threw 7"}},
		{"array", `return [1000, "", true]`, []string{"code is undefined"}},
		{"empty object", `return {}`, []string{"code is undefined"}},
		{"plain Event", `return new Event("close")`, []string{"code is undefined"}},
		{"MessageEvent", `return new MessageEvent("message", {data: "x"})`, []string{"code is undefined"}},
		{"code as string", `return {code: "1000", reason: "", wasClean: true}`, []string{`code is string "1000"`, "want a number"}},
		{"code fraction", `return {code: 1000.5, reason: "", wasClean: true}`, []string{"code is number 1000.5", "0..65535"}},
		{"code negative", `return {code: -1, reason: "", wasClean: true}`, []string{"code is number -1"}},
		{"code too large", `return {code: 65536, reason: "", wasClean: true}`, []string{"code is number 65536"}},
		{"code NaN", `return {code: NaN, reason: "", wasClean: true}`, []string{"code is number NaN"}},
		{"code Infinity", `return {code: Infinity, reason: "", wasClean: true}`, []string{"code is number Infinity"}},
		{"code object", `return {code: new Number(1000), reason: "", wasClean: true}`, []string{"code is object"}},
		{"reason number", `return {code: 1000, reason: 5, wasClean: true}`, []string{"reason is number 5", "want a string"}},
		{"reason missing", `return {code: 1000, wasClean: true}`, []string{"reason is undefined"}},
		{"wasClean string", `return {code: 1000, reason: "", wasClean: "true"}`, []string{`wasClean is string "true"`, "want a boolean"}},
		{"type number", `return {code: 1000, reason: "", wasClean: true, type: 7}`, []string{"type is number 7"}},
		{"timeStamp string", `return {code: 1000, reason: "", wasClean: true, timeStamp: "1"}`, []string{`timeStamp is string "1"`}},
		{"bubbles null", `return {code: 1000, reason: "", wasClean: true, bubbles: null}`, []string{"bubbles is null"}},
		{"huge string code", `return {code: "x".repeat(1e6), reason: "", wasClean: true}`, []string{"1000000 bytes"}},
		{"throwing getter", `return {get code() { throw new RangeError("getter says no") }, reason: "", wasClean: true}`,
			[]string{"reading code threw", "RangeError: getter says no"}},
		{"throwing non-error", `return {code: 1000, get reason() { throw 42 }, wasClean: true}`, []string{"reading reason threw 42"}},
		{"throwing hostile exception", `return {code: 1000, reason: "", get wasClean() {
			throw new Proxy({}, {get() { throw new Error("trap") }, getPrototypeOf() { throw new Error("trap") }}) }}`,
			[]string{"reading wasClean threw", "cannot be converted"}},
		{"revoked proxy", `const p = Proxy.revocable({code: 1000, reason: "", wasClean: true}, {}); p.revoke(); return p.proxy`,
			[]string{"reading code threw", "TypeError", "revoked"}},
		{"throwing proxy trap", `return new Proxy({}, {get(t, k) { throw new Error("trap on " + String(k)) }})`,
			[]string{"trap on code"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := jstest.Eval(t, tc.src)
			got, err := FromJS(v)
			if err == nil {
				t.Fatalf("FromJS(%s) = %+v, want an error", tc.src, got)
			}
			if !errors.Is(err, ErrNotCloseEvent) {
				t.Errorf("FromJS error %q does not wrap ErrNotCloseEvent", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("FromJS error %q does not contain %q", err, w)
				}
			}
			if got != (CloseEvent{}) {
				t.Errorf("FromJS returned %+v with the error, want the zero value", got)
			}
		})
	}
	// The program is still running: a JavaScript call still works.
	if got := jstest.Eval(t, `return 6 * 7`).Int(); got != 42 {
		t.Fatalf("after the bad inputs, 6*7 = %d", got)
	}
}

func TestNew_Unsupported(t *testing.T) {
	saved := js.Global().Get("CloseEvent")
	js.Global().Set("CloseEvent", js.Undefined())
	defer js.Global().Set("CloseEvent", saved)
	if _, err := New("close", Init{}); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("New without a CloseEvent constructor = %v, want ErrUnsupported", err)
	}
}

func TestNew_ConstructorThrows(t *testing.T) {
	saved := js.Global().Get("CloseEvent")
	js.Global().Set("CloseEvent", jstest.Eval(t, `return function CloseEvent() { throw new TypeError("nope") }`))
	defer js.Global().Set("CloseEvent", saved)
	_, err := New("close", Init{})
	if err == nil || !strings.Contains(err.Error(), "TypeError: nope") {
		t.Fatalf("New with a throwing constructor = %v, want the TypeError", err)
	}
}

// TestReasonLen_MatchesTheBrowser checks the Encoding Standard decoder
// against the real crossing of Go strings into JavaScript.
func TestReasonLen_MatchesTheBrowser(t *testing.T) {
	encoder := js.Global().Get("TextEncoder").New()
	for _, tc := range decodeCases {
		jsStr := js.ValueOf(tc.in)
		if got := jsStr.String(); got != tc.want {
			t.Errorf("%s: the runtime decodes %q as %q, the test table says %q", tc.name, tc.in, got, tc.want)
		}
		if n := encoder.Call("encode", jsStr).Length(); n != ReasonLen(tc.in) {
			t.Errorf("%s: the runtime counts %d bytes for %q, ReasonLen says %d", tc.name, n, tc.in, ReasonLen(tc.in))
		}
	}
}
