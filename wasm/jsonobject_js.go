//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"sync"

	"github.com/hack-pad/safejs"
)

// plainObject returns a new plain object with the given properties, in
// order, like builtins.object, but in one crossing when it can: it writes
// the object as JSON in Go and has JSON.parse build it.
//
// Why: building an object through Array.of and Object.fromEntries crosses
// the Go/JavaScript boundary once per property, and each crossing costs
// about a microsecond; decode's 18 properties made decode() cost about
// 124 µs a call in headless Chromium (BenchmarkDecodeFromJS). JSON.parse
// defines properties as plain data properties (CreateDataProperty), so, as
// with Object.fromEntries, no setter a page put on Object.prototype runs.
//
// Values JSON cannot carry exactly (NaN, the infinities, anything but a
// string, bool, int or float64) take the per-property path.
func (b *builtins) plainObject(pairs ...any) (safejs.Value, error) {
	parse := b.jsonParse()
	if parse.Type() != safejs.TypeFunction {
		return b.object(pairs...)
	}
	buf := make([]byte, 0, 512)
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
				return b.object(pairs...)
			}
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		default:
			return b.object(pairs...)
		}
	}
	buf = append(buf, '}')
	obj, err := parse.Invoke(string(buf))
	if err != nil {
		return b.object(pairs...) // a page replaced JSON.parse with something that throws
	}
	return obj, nil
}

// jsonParse returns JSON.parse, read once (undefined if it is missing).
func (b *builtins) jsonParse() safejs.Value {
	jsonParseOnce.Do(func() {
		jsonParseFn = safejs.Undefined()
		if json, err := b.get(b.global, "JSON"); err == nil && isObject(json) {
			if f, err := b.get(json, "parse"); err == nil && isFunction(f) {
				jsonParseFn = f
			}
		}
	})
	return jsonParseFn
}

var (
	jsonParseOnce sync.Once
	jsonParseFn   safejs.Value
)

// appendJSONString appends s as a JSON string (RFC 8259 section 7): quote,
// backslash and control characters escaped, everything else as it is.
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
