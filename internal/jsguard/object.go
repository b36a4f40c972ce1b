//go:build js && wasm

package jsguard

import (
	"math"
	"strconv"
	"syscall/js"
)

// Object returns a new plain object with the given own properties, in
// order: pairs alternates names (strings) and values. Its properties are
// defined, never assigned, so no setter a page put on Object.prototype runs
// (js.ValueOf of a map assigns them with Value.Set, outside any try block).
//
// When every value is a string, a bool, an int or a finite float64, the
// object is made in one crossing: Object writes it as JSON and has
// JSON.parse build it, which defines plain data properties
// (CreateDataProperty) and runs nothing a page can reach. Otherwise it is
// Object.fromEntries of an array of [name, value] arrays made by Array.of;
// fromEntries iterates that array, so it runs the page's
// Array.prototype[Symbol.iterator] if the page replaced it (see the
// package doc).
func Object(pairs ...any) (js.Value, error) {
	if buf, ok := appendJSONObject(make([]byte, 0, 512), pairs); ok && need(&loaded.jsonParse, "JSON.parse") == nil {
		if obj, err := invoke(loaded.jsonParse, string(buf)); err == nil {
			return obj, nil
		}
	}
	return fromEntries(pairs...)
}

// fromEntries is Object's path for values JSON cannot carry.
func fromEntries(pairs ...any) (js.Value, error) {
	if err := need(&loaded.fromEntries, "Object.fromEntries"); err != nil {
		return js.Undefined(), err
	}
	entries := make([]any, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		e, err := Array(pairs[i], pairs[i+1])
		if err != nil {
			return js.Undefined(), err
		}
		entries = append(entries, e)
	}
	list, err := Array(entries...)
	if err != nil {
		return js.Undefined(), err
	}
	return invoke(loaded.fromEntries, list)
}

// appendJSONObject appends pairs as a JSON object, and reports false when a
// value is one JSON cannot carry exactly.
func appendJSONObject(buf []byte, pairs []any) ([]byte, bool) {
	buf = append(buf, '{')
	for i := 0; i+1 < len(pairs); i += 2 {
		if i > 0 {
			buf = append(buf, ',')
		}
		name, _ := pairs[i].(string)
		buf = appendJSONString(buf, name)
		buf = append(buf, ':')
		switch v := pairs[i+1].(type) {
		case string:
			buf = appendJSONString(buf, v)
		case bool:
			buf = strconv.AppendBool(buf, v)
		case int:
			buf = strconv.AppendInt(buf, int64(v), 10)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return buf, false
			}
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		default:
			return buf, false
		}
	}
	return append(buf, '}'), true
}

// appendJSONString appends s as a JSON string (RFC 8259 section 7): quote,
// backslash and control characters escaped, everything else as it is.
// Bytes that are not UTF-8 cross into JavaScript as U+FFFD, as every Go
// string does (wasm_exec.js decodes it with TextDecoder).
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

// ToNumber is ECMAScript's ToNumber, which WebIDL's integer conversions
// start with: Math.max(x) with one argument returns exactly ToNumber(x),
// and like it throws a TypeError for a Symbol or a BigInt (Number(x) would
// convert a BigInt instead). The page's valueOf or toString runs inside
// that call; what it throws comes back as an *Exception.
func ToNumber(v js.Value) (float64, error) {
	if Kind(v) != js.TypeNumber {
		if err := need(&loaded.mathMax, "Math.max"); err != nil {
			return 0, err
		}
		n, err := invoke(loaded.mathMax, v)
		if err != nil {
			return 0, err
		}
		if Kind(n) != js.TypeNumber {
			return 0, textError("Math.max did not return a number")
		}
		v = n
	}
	return v.Float(), nil
}

// ToString is ECMAScript's ToString, which throws a TypeError for a Symbol
// ("".concat(x) does; String(x) would not), giving the Go string: every
// lone surrogate becomes U+FFFD as the string crosses (wasm_exec.js encodes
// it with TextEncoder), which is WebIDL's conversion to a USVString. The
// page's toString runs inside the call.
func ToString(v js.Value) (string, error) {
	if Kind(v) != js.TypeString {
		if err := need(&loaded.concat, "String.prototype.concat"); err != nil {
			return "", err
		}
		s, err := Apply(loaded.concat, js.ValueOf(""), v)
		if err != nil {
			return "", err
		}
		if Kind(s) != js.TypeString {
			return "", textError("String.prototype.concat did not return a string")
		}
		v = s
	}
	return v.String(), nil
}

// ToBoolean is ECMAScript's ToBoolean, which runs no page code; Boolean(x)
// gets document.all (falsy, and untypable in Go) right too.
func ToBoolean(v js.Value) (bool, error) {
	if Kind(v) == js.TypeBoolean {
		return v.Bool(), nil
	}
	if err := need(&loaded.boolean, "Boolean"); err != nil {
		return false, err
	}
	res, err := invoke(loaded.boolean, v)
	if err != nil {
		return false, err
	}
	return Kind(res) == js.TypeBoolean && res.Bool(), nil
}
