//go:build js && wasm

package jsguard

import (
	"errors"
	"fmt"
	"strings"
	"syscall/js"
	"testing"

	"github.com/hack-pad/safejs"
)

// jsEval runs JavaScript source as the body of a function and returns its
// result. Tests use it to build hostile values that only script can make
// (getters, Proxies, BigInts); the page under test has no CSP forbidding it.
func jsEval(t testing.TB, body string, args ...any) js.Value {
	t.Helper()
	return js.Global().Get("Function").New(body).Invoke(args...)
}

// stillRunning fails the test if the Go program can no longer call into
// JavaScript, which is what a crash through Value.Get would leave.
func stillRunning(t *testing.T) {
	t.Helper()
	if got := jsEval(t, `return 6 * 7`).Int(); got != 42 {
		t.Fatalf("after the hostile values, 6*7 = %d", got)
	}
}

func TestLoad(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatalf("Load() = %v, want nil in a runtime with Reflect", err)
	}
	if !loaded.reflectGet.Equal(jsEval(t, `return Reflect.get`)) {
		t.Error("the cached Reflect.get is not Reflect.get")
	}
	for _, p := range loaded.paths() {
		if Kind(*p.dst) != js.TypeFunction {
			t.Errorf("built-in %v is %s, want a function", p.path, Describe(*p.dst))
		}
	}
}

func TestKind_EveryType(t *testing.T) {
	tests := []struct {
		src  string
		want js.Type
		name string
	}{
		{`return undefined`, js.TypeUndefined, "undefined"},
		{`return null`, js.TypeNull, "null"},
		{`return false`, js.TypeBoolean, "boolean"},
		{`return 1.5`, js.TypeNumber, "number"},
		{`return NaN`, js.TypeNumber, "number"},
		{`return "s"`, js.TypeString, "string"},
		{`return Symbol("s")`, js.TypeSymbol, "symbol"},
		{`return {}`, js.TypeObject, "object"},
		{`return new Proxy({}, {get() { throw new Error("trap") }})`, js.TypeObject, "object"},
		{`return () => 1`, js.TypeFunction, "function"},
		{`return 10n`, TypeBigInt, "bigint"},
		{`return BigInt(-1)`, TypeBigInt, "bigint"},
		{`return 0n`, TypeBigInt, "bigint"},
	}
	for _, tt := range tests {
		v := jsEval(t, tt.src)
		if got := Kind(v); got != tt.want {
			t.Errorf("Kind(%s) = %d, want %d", tt.src, got, tt.want)
		}
		if got := TypeName(Kind(v)); got != tt.name {
			t.Errorf("TypeName(Kind(%s)) = %q, want %q", tt.src, got, tt.name)
		}
	}
}

// document.all is the other value wasm_exec.js stores without a type flag;
// it exists only in browsers.
func TestKind_DocumentAll(t *testing.T) {
	if jsEval(t, `return typeof document === "undefined"`).Bool() {
		t.Skip("no document in this runtime (Node.js or a worker)")
	}
	all := jsEval(t, `return document.all`)
	if got := Kind(all); got != TypeBigInt {
		t.Errorf("Kind(document.all) = %d, want TypeBigInt (%d)", got, TypeBigInt)
	}
	if got := Describe(all); got != "bigint" {
		t.Errorf("Describe(document.all) = %q, want %q", got, "bigint")
	}
}

func TestDescribe_EveryType(t *testing.T) {
	long := strings.Repeat("a", 100)
	tests := []struct {
		src  string
		want string
	}{
		{`return undefined`, "undefined"},
		{`return null`, "null"},
		{`return true`, "boolean true"},
		{`return false`, "boolean false"},
		{`return 1000`, "number 1000"},
		{`return 1000.5`, "number 1000.5"},
		{`return -1`, "number -1"},
		{`return NaN`, "number NaN"},
		{`return Infinity`, "number Infinity"},
		{`return -Infinity`, "number -Infinity"},
		{`return ""`, `string ""`},
		{`return "1000"`, `string "1000"`},
		{`return "a\nb\u0000"`, `string "a\nb\x00"`},
		{`return "a".repeat(100)`, `string "` + long[:80] + `…(100 bytes)"`},
		{`return Symbol("s")`, "symbol"},
		{`return {}`, "object"},
		{`return new Number(5)`, "object"},
		{`return [1, 2]`, "object"},
		{`return function f() {}`, "function"},
		{`return 10n`, "bigint"},
		// Describe reads nothing that runs code: these would throw if it did.
		{`return new Proxy({}, {get() { throw new Error("trap") }, getPrototypeOf() { throw new Error("trap") }})`, "object"},
		{`const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy`, "object"},
		{`return {toString() { throw new Error("no") }, valueOf() { throw new Error("no") }}`, "object"},
		{`return Object.defineProperty(function () {}, "name", {get() { throw new Error("no") }})`, "function"},
	}
	for _, tt := range tests {
		if got := Describe(jsEval(t, tt.src)); got != tt.want {
			t.Errorf("Describe(%s) = %q, want %q", tt.src, got, tt.want)
		}
	}
	stillRunning(t)
}

func TestFormatNumber(t *testing.T) {
	nan := jsEval(t, `return NaN`).Float()
	inf := jsEval(t, `return Infinity`).Float()
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0"}, {1000, "1000"}, {65535, "65535"}, {1000.5, "1000.5"}, {-1, "-1"},
		{0.1, "0.1"}, {nan, "NaN"}, {inf, "Infinity"}, {-inf, "-Infinity"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.f); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestClip(t *testing.T) {
	a80 := strings.Repeat("a", 80)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"80 bytes are kept", a80, a80},
		{"81 bytes are cut", a80 + "b", a80 + "…(81 bytes)"},
		// "€" is 3 bytes: 78 + 3 = 81, so the euro sign would straddle
		// byte 80 and is dropped whole.
		{"a character is never cut", strings.Repeat("a", 78) + "€€", strings.Repeat("a", 78) + "…(84 bytes)"},
		{"a character ending at 80 is kept", strings.Repeat("a", 77) + "€b", strings.Repeat("a", 77) + "€…(81 bytes)"},
	}
	for _, tt := range tests {
		if got := Clip(tt.in); got != tt.want {
			t.Errorf("%s: Clip = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// exceptionOf returns the *Exception inside err, failing the test if there
// is none.
func exceptionOf(t *testing.T, what string, err error) *Exception {
	t.Helper()
	e, ok := err.(*Exception)
	if !ok {
		t.Fatalf("%s: error %v (%T), want a *jsguard.Exception", what, err, err)
	}
	return e
}

func TestGet(t *testing.T) {
	obj := jsEval(t, `return {a: 1, s: "x", [Symbol.for("k")]: "sym"}`)
	if v, err := Get(obj, "a"); err != nil || v.Int() != 1 {
		t.Errorf("Get(obj, \"a\") = %v, %v; want 1", v, err)
	}
	if v, err := Get(obj, "missing"); err != nil || !v.IsUndefined() {
		t.Errorf("Get(obj, \"missing\") = %v, %v; want undefined", v, err)
	}
	if v, err := Get(obj, js.ValueOf("s")); err != nil || v.String() != "x" {
		t.Errorf("Get(obj, js string \"s\") = %v, %v; want \"x\"", v, err)
	}
	if v, err := Get(obj, jsEval(t, `return Symbol.for("k")`)); err != nil || v.String() != "sym" {
		t.Errorf("Get(obj, Symbol) = %v, %v; want \"sym\"", v, err)
	}
	if v, err := Get(jsEval(t, `return function f() {}`), "name"); err != nil || v.String() != "f" {
		t.Errorf("Get(function, \"name\") = %v, %v; want \"f\"", v, err)
	}
}

func TestGet_Hostile(t *testing.T) {
	tests := []struct {
		name, src string
		text      string // a substring of the exception's text
	}{
		{"throwing getter", `return Object.defineProperty({}, "k", {get() { throw new RangeError("getter says no") }})`, "RangeError: getter says no"},
		{"getter throwing a number", `return {get k() { throw 42 }}`, "42"},
		{"getter throwing a bigint", `return {get k() { throw 7n }}`, "7"},
		{"getter throwing a symbol", `return {get k() { throw Symbol("thrown") }}`, "Symbol(thrown)"},
		{"getter throwing undefined", `return {get k() { throw undefined }}`, "undefined"},
		{"throwing Proxy trap", `return new Proxy({}, {get(t, k) { throw new Error("trap on " + String(k)) }})`, "Error: trap on k"},
		{"revoked Proxy", `const p = Proxy.revocable({k: 1}, {}); p.revoke(); return p.proxy`, "TypeError"},
		{"undefined", `return undefined`, "TypeError"},
		{"null", `return null`, "TypeError"},
		{"a number", `return 5`, "TypeError"},
		{"a bigint", `return 5n`, "TypeError"},
		{"getter throwing a hostile object", `return {get k() { throw {toString() { throw new Error("no") }} }}`,
			"an exception of type object that cannot be converted to a string"},
		{"getter throwing a Proxy", `return {get k() { throw new Proxy({}, {get() { throw new Error("trap") }}) }}`,
			"an exception of type object that cannot be converted to a string"},
		{"getter throwing a revoked Proxy", `return {get k() { const p = Proxy.revocable({}, {}); p.revoke(); throw p.proxy }}`,
			"an exception of type object that cannot be converted to a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Get(jsEval(t, tt.src), "k")
			if err == nil {
				t.Fatalf("Get(%s, \"k\") = %v, want an error", tt.src, v)
			}
			if !v.IsUndefined() {
				t.Errorf("Get(%s, \"k\") returned %v with its error, want undefined", tt.src, Describe(v))
			}
			e := exceptionOf(t, tt.src, err)
			if got := e.Error(); !strings.Contains(got, tt.text) {
				t.Errorf("Get(%s, \"k\") error %q does not contain %q", tt.src, got, tt.text)
			}
			if got, ok := ThrownValue(err); !ok || !got.Equal(e.Value) {
				t.Errorf("ThrownValue(Get's error) = %v, %v; want the exception's value", Describe(got), ok)
			}
		})
	}
	stillRunning(t)
}

// An *Exception from Get keeps the very value thrown, so that it can be
// thrown on as it is.
func TestGet_KeepsTheThrownValue(t *testing.T) {
	pair := jsEval(t, `const marker = new Error("marker");
		return [marker, Object.defineProperty({}, "k", {get() { throw marker }})]`)
	_, err := Get(pair.Index(1), "k")
	if e := exceptionOf(t, "Get", err); !e.Value.Equal(pair.Index(0)) {
		t.Error("the Exception's Value is not the object the getter threw")
	}
}

// Get's error runs the page's toString only when its text is wanted;
// Thrown takes the text once, at once.
func TestException_WhenTheTextIsTaken(t *testing.T) {
	calls := jsEval(t, `return {n: 0}`)
	obj := jsEval(t, `const calls = arguments[0];
		return {get k() { throw {toString() { calls.n++; return "counted" }} }}`, calls)
	count := func() int { return calls.Get("n").Int() }

	_, err := Get(obj, "k")
	if n := count(); n != 0 {
		t.Fatalf("Get ran the exception's toString %d times before its text was wanted, want 0", n)
	}
	if got := err.Error(); got != "counted" || count() != 1 {
		t.Errorf("Get's error: Error() = %q after %d toString calls, want \"counted\" after 1", got, count())
	}

	fixed := Thrown(err)
	if n := count(); n != 2 {
		t.Errorf("Thrown ran toString %d times in all, want 2 (one more)", n)
	}
	for range 3 {
		if got := fixed.Error(); got != "counted" {
			t.Errorf("Thrown(err).Error() = %q, want \"counted\"", got)
		}
	}
	if n := count(); n != 2 {
		t.Errorf("Thrown's error ran toString again when printed: %d calls in all, want 2", n)
	}
}

func TestThrown(t *testing.T) {
	thrower := safejs.Safe(jsEval(t, `return () => { throw new SyntaxError("bad") }`))
	_, callErr := thrower.Invoke() // a safejs error wrapping a js.Error
	if callErr == nil {
		t.Fatal("the throwing function did not throw")
	}
	if got := Thrown(callErr).Error(); got != "SyntaxError: bad" {
		t.Errorf("Thrown(a safejs error).Error() = %q, want %q", got, "SyntaxError: bad")
	}
	wrapped := fmt.Errorf("context: %w", callErr)
	if got := Thrown(wrapped).Error(); got != "SyntaxError: bad" {
		t.Errorf("Thrown(fmt.Errorf(%%w)).Error() = %q, want %q", got, "SyntaxError: bad")
	}
	joined := errors.Join(errors.New("first"), callErr)
	if got := Thrown(joined).Error(); got != "SyntaxError: bad" {
		t.Errorf("Thrown(errors.Join(...)).Error() = %q, want %q", got, "SyntaxError: bad")
	}
	for _, err := range []error{errors.New("plain"), errors.Join(errors.New("a"), errors.New("b")), fmt.Errorf("x: %w", errors.New("y"))} {
		if got := Thrown(err).Error(); got != "a Go panic in the JavaScript bridge" {
			t.Errorf("Thrown(%q).Error() = %q, want the bridge text", err, got)
		}
		if _, ok := ThrownValue(err); ok {
			t.Errorf("ThrownValue(%q) found an exception in an error holding none", err)
		}
	}
	if _, ok := ThrownValue(nil); ok {
		t.Error("ThrownValue(nil) found an exception")
	}
	if v, ok := ThrownValue(js.Error{Value: js.ValueOf(3)}); !ok || v.Int() != 3 {
		t.Errorf("ThrownValue(js.Error{3}) = %v, %v; want 3, true", v, ok)
	}
}

func TestCall(t *testing.T) {
	obj := jsEval(t, `return {x: 40, add(a, b) { return this.x + a + b }}`)
	if v, err := Call(obj, "add", 1, js.ValueOf(1)); err != nil || v.Int() != 42 {
		t.Errorf("Call(obj, \"add\", 1, 1) = %v, %v; want 42 (this bound to obj)", v, err)
	}
	fn := js.FuncOf(func(js.Value, []js.Value) any { return "from Go" })
	defer fn.Release()
	callBack := jsEval(t, `return {run(f) { return f() }}`)
	if v, err := Call(callBack, "run", fn); err != nil || v.String() != "from Go" {
		t.Errorf("Call(obj, \"run\", a js.Func) = %v, %v; want \"from Go\"", v, err)
	}
	if v, err := Call(obj, "missing"); err == nil {
		t.Errorf("Call(obj, \"missing\") = %v, want a TypeError", Describe(v))
	} else if !strings.Contains(err.Error(), "TypeError") {
		t.Errorf("Call(obj, \"missing\") error %q, want a TypeError", err)
	}
}

// Each of these ends the program with Value.Call, which reads the method
// again with Value.Get once the call has thrown.
func TestCall_Hostile(t *testing.T) {
	tests := []struct {
		name, src string
		text      string // a substring of the error
	}{
		{"the method throws", `return {m() { throw new RangeError("method says no") }}`, "RangeError: method says no"},
		{"a method getter that throws", `return {get m() { throw new Error("getter says no") }}`, "Error: getter says no"},
		{"a method that throws, then a getter that throws", `let n = 0; return {get m() {
			if (n++) throw new Error("second read");
			return () => { throw new Error("first call") } }}`, "Error: first call"},
		{"a Proxy whose get trap throws", `return new Proxy({}, {get() { throw new Error("trap") }})`, "Error: trap"},
		{"a revoked Proxy", `const p = Proxy.revocable({m() {}}, {}); p.revoke(); return p.proxy`, "TypeError"},
		{"the method is a number", `return {m: 5}`, "TypeError"},
		{"the method is a bigint", `return {m: 5n}`, "TypeError"},
		{"undefined", `return undefined`, "TypeError"},
		{"a bigint", `return 5n`, "TypeError"},
	}
	for _, tt := range tests {
		v, err := Call(jsEval(t, tt.src), "m")
		if err == nil {
			t.Errorf("%s: Call = %v, want an error", tt.name, Describe(v))
			continue
		}
		if got := err.Error(); !strings.Contains(got, tt.text) {
			t.Errorf("%s: Call error %q does not contain %q", tt.name, got, tt.text)
		}
		if _, ok := ThrownValue(err); !ok {
			t.Errorf("%s: Call error %q holds no exception", tt.name, err)
		}
	}
	stillRunning(t)
}

func TestDescribeThrown(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{`return new Error("x")`, "Error: x"},
		{`return new TypeError("")`, "TypeError"},
		{`return 42`, "42"},
		{`return 7n`, "7"},
		{`return Symbol("s")`, "Symbol(s)"},
		{`return null`, "null"},
		{`return undefined`, "undefined"},
		{`return "a string"`, "a string"},
		{`return "x".repeat(1000)`, strings.Repeat("x", 1000)}, // not clipped here
		{`return {toString() { return "mine" }}`, "mine"},
		{`return {[Symbol.toPrimitive]() { return "prim" }}`, "prim"},
		// Hostile values: String(x) throws, inside a call.
		{`return {toString() { throw new Error("no") }}`, "an exception of type object that cannot be converted to a string"},
		{`return {[Symbol.toPrimitive]() { return Symbol() }}`, "an exception of type object that cannot be converted to a string"},
		{`return Object.create(null)`, "an exception of type object that cannot be converted to a string"},
		{`return new Proxy({}, {get() { throw new Error("trap") }})`, "an exception of type object that cannot be converted to a string"},
		{`const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy`, "an exception of type object that cannot be converted to a string"},
		{`const f = () => 1; f.toString = () => { throw 1 }; return f`, "an exception of type function that cannot be converted to a string"},
	}
	for _, tt := range tests {
		if got := DescribeThrown(jsEval(t, tt.src)); got != tt.want {
			t.Errorf("DescribeThrown(%s) = %q, want %q", tt.src, got, tt.want)
		}
	}
	stillRunning(t)
}

type stringer struct{ n int }

func (s stringer) String() string { return fmt.Sprintf("stringer %d", s.n) }

func TestPanicText(t *testing.T) {
	hostile := jsEval(t, `return new Proxy({}, {get() { throw new Error("trap") }})`)
	tests := []struct {
		name string
		p    any
		want string
	}{
		{"a js.Error", js.Error{Value: jsEval(t, `return new RangeError("r")`)}, "RangeError: r"},
		// js.Error.Error would read message with Value.Get and end the program.
		{"a hostile js.Error", js.Error{Value: hostile}, "an exception of type object that cannot be converted to a string"},
		{"a js.Error of a bigint", js.Error{Value: jsEval(t, `return 9n`)}, "9"},
		{"an *Exception", &Exception{Value: js.ValueOf("thrown")}, "thrown"},
		{"an error", errors.New("plain error"), "plain error"},
		{"a string", "a string", "a string"},
		{"an int", 42, "42"},
		{"a Stringer", stringer{7}, "stringer 7"},
		{"a float", 0.5, "0.5"},
		{"a bool", true, "true"},
		// Without fmt, other values are not spelled out.
		{"a struct", struct{ x int }{1}, "a panic value of an unprintable type"},
	}
	for _, tt := range tests {
		if got := PanicText(tt.p); got != tt.want {
			t.Errorf("%s: PanicText = %q, want %q", tt.name, got, tt.want)
		}
	}
	// What a recover really sees from a call that threw.
	func() {
		defer func() {
			if got := PanicText(recover()); got != "Error: from a call" {
				t.Errorf("PanicText(recovered) = %q, want %q", got, "Error: from a call")
			}
		}()
		jsEval(t, `return () => { throw new Error("from a call") }`).Invoke()
	}()
	stillRunning(t)
}

func TestIsPrototypeOf(t *testing.T) {
	tests := []struct {
		name string
		src  string // returns [obj, proto]
		want bool
	}{
		{"a plain object and Object.prototype", `return [{}, Object.prototype]`, true},
		{"a subclass instance", `class A {}; class B extends A {}; return [new B(), A.prototype]`, true},
		{"an event and Event.prototype", `return [new Event("x"), Event.prototype]`, true},
		{"an unrelated prototype", `return [{}, Array.prototype]`, false},
		{"a null-prototype object", `return [Object.create(null), Object.prototype]`, false},
		{"an object and itself", `const o = {}; return [o, o]`, false},
		{"a primitive", `return [5, Number.prototype]`, false},
		{"proto is not an object", `return [{}, undefined]`, false},
		{"proto is a bigint", `return [{}, 1n]`, false},
		// These make Value.InstanceOf end the program.
		{"a Proxy whose getPrototypeOf throws", `return [new Proxy({}, {getPrototypeOf() { throw new Error("trap") }}), Object.prototype]`, false},
		{"a revoked Proxy", `const p = Proxy.revocable({}, {}); p.revoke(); return [p.proxy, Object.prototype]`, false},
	}
	for _, tt := range tests {
		pair := jsEval(t, tt.src)
		if got := IsPrototypeOf(pair.Index(0), pair.Index(1)); got != tt.want {
			t.Errorf("%s: IsPrototypeOf = %v, want %v", tt.name, got, tt.want)
		}
	}
	stillRunning(t)
}

// withConsole replaces globalThis.console with what src returns until the
// test ends, and returns a log array; src gets the log as arguments[0] and
// the real console as arguments[1].
//
// In a browser, wasm_exec.js writes the Go program's standard output and
// error with console.log, outside any try block: while a console without
// a working log is installed, the test must print nothing (no t.Log, no
// ConsoleError falling back to println), or the program ends.
func withConsole(t *testing.T, src string) js.Value {
	t.Helper()
	log := jsEval(t, `return []`)
	saved := jsEval(t, `return Object.getOwnPropertyDescriptor(globalThis, "console")`)
	replacement := jsEval(t, src, log, js.Global().Get("console"))
	jsEval(t, `Object.defineProperty(globalThis, "console", {configurable: true, writable: true, value: arguments[0]})`, replacement)
	t.Cleanup(func() {
		jsEval(t, `Object.defineProperty(globalThis, "console", arguments[0])`, saved)
	})
	return log
}

// recorder is a console whose error records its arguments and whose log is
// the real one.
const recorder = `const [log, real] = arguments; return {error: (...a) => log.push(a), log: real.log.bind(real)}`

func TestConsoleError(t *testing.T) {
	log := withConsole(t, recorder)
	ConsoleError("a message")
	exc := jsEval(t, `return new Error("an exception")`)
	if !ConsoleErrorValue(exc) {
		t.Error("ConsoleErrorValue with a working console = false, want true")
	}
	if n := log.Length(); n != 2 {
		t.Fatalf("console.error was called %d times, want 2", n)
	}
	if got := log.Index(0).Index(0).String(); got != "a message" {
		t.Errorf("console.error got %q, want %q", got, "a message")
	}
	if !log.Index(1).Index(0).Equal(exc) {
		t.Error("ConsoleErrorValue did not hand the exception itself to console.error")
	}
}

// A page may replace console at any time: it is looked up on every call.
func TestConsoleError_LookedUpEachTime(t *testing.T) {
	first := withConsole(t, recorder)
	ConsoleError("to the first")
	second := withConsole(t, recorder)
	ConsoleError("to the second")
	if first.Length() != 1 || second.Length() != 1 {
		t.Errorf("the first console got %d reports, the second %d; want 1 each", first.Length(), second.Length())
	}
}

// A console.error that throws: ConsoleError falls back to standard error
// (which wasm_exec.js writes with console.log in a browser).
func TestConsoleError_Throws(t *testing.T) {
	withConsole(t, `const [log, real] = arguments; return {error() { throw new Error("no") }, log: real.log.bind(real)}`)
	if ConsoleErrorValue("x") {
		t.Error("ConsoleErrorValue with a throwing console.error = true, want false")
	}
	ConsoleError("jsguard test: this line goes to standard error, as it should")
}

func TestConsoleErrorValue_Hostile(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"no console", `return undefined`},
		{"console is a number", `return 5`},
		{"console is a bigint", `return 5n`},
		{"console.error is missing", `return {}`},
		{"console.error is a throwing getter", `return {get error() { throw new Error("no") }}`},
		{"console is a throwing Proxy", `return new Proxy({}, {get() { throw new Error("trap") }})`},
		{"console is a revoked Proxy", `const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy`},
	}
	for _, tt := range tests {
		// No t.Run: its output in -v mode would go through the console
		// being replaced.
		func() {
			restore := withConsoleNow(t, tt.src)
			ok := ConsoleErrorValue("x")
			restore()
			if ok {
				t.Errorf("%s: ConsoleErrorValue = true, want false", tt.name)
			}
		}()
	}
	// globalThis.console as a getter that throws.
	saved := jsEval(t, `return Object.getOwnPropertyDescriptor(globalThis, "console")`)
	jsEval(t, `Object.defineProperty(globalThis, "console", {configurable: true, get() { throw new Error("no console for you") }})`)
	ok := ConsoleErrorValue("x")
	jsEval(t, `Object.defineProperty(globalThis, "console", arguments[0])`, saved)
	if ok {
		t.Error("a throwing getter for console: ConsoleErrorValue = true, want false")
	}
	stillRunning(t)
}

// withConsoleNow is withConsole restored by the function it returns, for
// a window in which the test prints nothing.
func withConsoleNow(t *testing.T, src string) (restore func()) {
	t.Helper()
	saved := jsEval(t, `return Object.getOwnPropertyDescriptor(globalThis, "console")`)
	replacement := jsEval(t, src)
	jsEval(t, `Object.defineProperty(globalThis, "console", {configurable: true, writable: true, value: arguments[0]})`, replacement)
	return func() { jsEval(t, `Object.defineProperty(globalThis, "console", arguments[0])`, saved) }
}
