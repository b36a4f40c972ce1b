//go:build js && wasm

package jsguard

import (
	"math"
	"strconv"
	"syscall/js"
)

// TypeBigInt is what Kind returns for a value that js.Type cannot name: a
// BigInt, and, in browsers, document.all, the only other value that
// wasm_exec.js stores without a type flag (its typeof is "undefined", yet
// it is not undefined).
const TypeBigInt js.Type = -1

// Kind returns v's type as Value.Type does, except that it returns
// TypeBigInt where Value.Type panics. wasm_exec.js stores a BigInt with no
// type flag, and Value.Type panics "bad type flag" on it (docs/engines.md,
// "wasm_exec.js and syscall/js"), so a value a page handed over may not be
// asked for its Type directly. Kind runs no JavaScript code.
func Kind(v js.Value) (t js.Type) {
	defer func() {
		if recover() != nil {
			t = TypeBigInt
		}
	}()
	return v.Type()
}

// TypeName returns the typeof name of t, such as "object" or "bigint".
func TypeName(t js.Type) string {
	if t == TypeBigInt {
		return "bigint"
	}
	return t.String()
}

// Describe says what v is, for an error message: its type and, for a
// boolean, number or string, its value, such as `number 1.5` or
// `string "1000"`; a string is clipped to 80 bytes (see Clip).
// Other values give their type name alone ("undefined", "null", "object",
// "function", "symbol", "bigint").
//
// Describe reads only what Type, Bool, Float and String read, which runs no
// JavaScript code, so a hostile value cannot throw or run a getter here.
func Describe(v js.Value) string {
	switch t := Kind(v); t {
	case js.TypeBoolean:
		return "boolean " + strconv.FormatBool(v.Bool())
	case js.TypeNumber:
		return "number " + FormatNumber(v.Float())
	case js.TypeString:
		return "string " + strconv.Quote(Clip(v.String()))
	default:
		return TypeName(t)
	}
}

// FormatNumber formats f for a message: NaN, Infinity and -Infinity by
// their JavaScript names, any other number in Go's shortest form that reads
// back exactly (strconv's 'g' with precision -1). That agrees with
// JavaScript's String(f) for the numbers close codes and reasons involve;
// from a million up, and for tiny fractions, Go writes an exponent where
// JavaScript may not (1e+06 for 1000000).
func FormatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// clipMax is the most bytes of a page's text Clip keeps.
const clipMax = 80

// Clip shortens s for an error message: at most 80 bytes of it, never
// cutting a UTF-8 sequence, followed by "…(N bytes)" giving the full length
// when anything was cut. A page controls these strings, and one of a
// megabyte should not make a megabyte error.
func Clip(s string) string {
	if len(s) <= clipMax {
		return s
	}
	n := clipMax
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…(" + strconv.Itoa(len(s)) + " bytes)"
}
