//go:build js && wasm

package main

import (
	"errors"
	"math"
	"syscall/js"
	"testing"
)

// jsEval runs JavaScript source as a function body and returns its result;
// tests use it to make values only script can make (Symbols, BigInts,
// objects whose valueOf throws).
func jsEval(t *testing.T, body string) js.Value {
	t.Helper()
	return js.Global().Get("Function").New(body).Invoke()
}

func testBuiltins(t *testing.T) *builtins {
	t.Helper()
	b, err := loadBuiltins()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// thrownName returns the constructor name of the exception a rethrow
// carries, or "" when err is not a rethrow.
func thrownName(t *testing.T, err error) string {
	t.Helper()
	var r rethrow
	if !errors.As(err, &r) {
		return ""
	}
	ctor := jsEval(t, "return (e) => e && e.constructor && e.constructor.name")
	return ctor.Invoke(r.value).String()
}

func TestToNumber_JS(t *testing.T) {
	b := testBuiltins(t)
	tests := []struct {
		src   string
		want  float64
		throw string
	}{
		{"return 1.5", 1.5, ""},
		{"return '1000'", 1000, ""},
		{"return ' 4000 '", 4000, ""},
		{"return null", 0, ""},
		{"return true", 1, ""},
		{"return []", 0, ""},
		{"return [3000]", 3000, ""},
		{"return {valueOf() { return 4001 }}", 4001, ""},
		{"return 'abc'", math.NaN(), ""},
		{"return undefined", math.NaN(), ""},
		{"return Symbol('x')", 0, "TypeError"},
		{"return BigInt(10)", 0, "TypeError"},
		{"return {valueOf() { throw new RangeError('mine') }}", 0, "RangeError"},
	}
	for _, tt := range tests {
		got, err := b.toNumber(jsEval(t, tt.src))
		if tt.throw != "" {
			if name := thrownName(t, err); name != tt.throw {
				t.Errorf("toNumber(%s): error %v (thrown %q), want a thrown %s", tt.src, err, name, tt.throw)
			}
			continue
		}
		if err != nil || !(got == tt.want || math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("toNumber(%s) = %v, %v; want %v", tt.src, got, err, tt.want)
		}
	}
}

func TestToUSVString_JS(t *testing.T) {
	b := testBuiltins(t)
	tests := []struct {
		src   string
		want  string
		throw string
	}{
		{"return 'bye'", "bye", ""},
		{"return 12345", "12345", ""},
		{"return null", "null", ""},
		{"return undefined", "undefined", ""},
		{"return '\\uD800x'", "\uFFFDx", ""},            // a lone surrogate becomes U+FFFD
		{"return '\\uDC00\\uD800'", "\uFFFD\uFFFD", ""}, // a reversed pair is two
		{"return '\\uD83D\\uDE00'", "😀", ""},
		{"return {toString() { return 'x' }}", "x", ""},
		{"return Symbol('x')", "", "TypeError"},
		{"return {toString() { throw new SyntaxError('mine') }}", "", "SyntaxError"},
	}
	for _, tt := range tests {
		got, err := b.toUSVString(jsEval(t, tt.src))
		if tt.throw != "" {
			if name := thrownName(t, err); name != tt.throw {
				t.Errorf("toUSVString(%s): error %v (thrown %q), want a thrown %s", tt.src, err, name, tt.throw)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("toUSVString(%s) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}

func TestValidateClose_JS(t *testing.T) {
	b := testBuiltins(t)
	tests := []struct {
		src  string // returns the argument list
		want string // "" for null, else the DOMException name
	}{
		{"return []", ""},
		{"return [1000]", ""},
		{"return [undefined, 'x']", ""},
		{"return [999.5]", ""}, // ties to even: 1000
		{"return [4999.5]", "InvalidAccessError"},
		{"return [2999.5]", ""},
		{"return [NaN]", "InvalidAccessError"},
		{"return ['4000']", ""},
		{"return [1000, 'a'.repeat(124)]", "SyntaxError"},
		{"return [1000, '\\uD800'.repeat(41)]", ""},
		{"return [1000, '\\uD800'.repeat(42)]", "SyntaxError"},
		{"return [5000, 'a'.repeat(200)]", "InvalidAccessError"},
	}
	for _, tt := range tests {
		list := jsEval(t, tt.src)
		args := make([]js.Value, list.Length())
		for i := range args {
			args[i] = list.Index(i)
		}
		got, err := b.validateClose(args)
		if err != nil {
			t.Errorf("validateClose(%s): %v", tt.src, err)
			continue
		}
		name := ""
		if v, ok := got.(js.Value); ok {
			f, _ := b.get(v, "name")
			name = f.String()
		}
		if name != tt.want {
			t.Errorf("validateClose(%s) = %q, want %q", tt.src, name, tt.want)
		}
	}
}

func TestDescribe_JS_RangeError(t *testing.T) {
	b := testBuiltins(t)
	for _, src := range []string{"return 1000.5", "return -1", "return 65536", "return '1000'", "return BigInt(1000)", "return Symbol()"} {
		_, err := b.describe([]js.Value{jsEval(t, src)})
		var ae *apiError
		if !errors.As(err, &ae) || ae.kind != "RangeError" {
			t.Errorf("describe(%s): %v, want a RangeError", src, err)
		}
	}
}
