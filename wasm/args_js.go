//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/hack-pad/safejs"
)

// Argument conversion, as WebIDL converts the arguments of a platform
// method (WHATWG WebIDL, "JavaScript type mapping"). Every step that can
// run a page's code (valueOf, toString, Symbol.toPrimitive, a getter) runs
// inside a call to a built-in, so an exception it throws comes back as an
// error and is thrown again, as it is, to the caller.

// arg returns args[i], or undefined when the caller passed fewer.
func arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}

// toNumber is ECMAScript's ToNumber, which WebIDL's integer conversions
// start with: Math.max(x) with one argument returns exactly ToNumber(x), and
// like it throws a TypeError for a Symbol or a BigInt (Number(x) would
// convert a BigInt instead).
func (b *builtins) toNumber(v safejs.Value) (float64, error) {
	if kind(v) != js.TypeNumber {
		n, err := b.mathMax.Invoke(v)
		if err != nil {
			return 0, passOn(err, "converting to a number")
		}
		v = n
	}
	f, err := v.Float()
	if err != nil {
		return 0, passOn(err, "reading a number")
	}
	return f, nil
}

// toUSVString is WebIDL's conversion to a USVString: ToString, which throws
// a TypeError for a Symbol ("".concat(x) does; String(x) would not), then
// every lone surrogate replaced by U+FFFD. The second step happens as the
// string crosses into Go: wasm_exec.js encodes it with TextEncoder, which
// makes exactly that replacement.
func (b *builtins) toUSVString(v safejs.Value) (string, error) {
	if kind(v) != js.TypeString {
		s, err := b.concat.Call("call", "", v)
		if err != nil {
			return "", passOn(err, "converting to a string")
		}
		v = s
	}
	s, err := v.String()
	if err != nil {
		return "", passOn(err, "reading a string")
	}
	return s, nil
}

// toBoolean is ECMAScript's ToBoolean, which runs no page code; Boolean(x)
// gets document.all (falsy, and untypable in Go) right too.
func (b *builtins) toBoolean(v safejs.Value) (bool, error) {
	if kind(v) == js.TypeBoolean {
		return v.Bool()
	}
	res, err := b.boolean.Invoke(v)
	if err != nil {
		return false, passOn(err, "converting to a boolean")
	}
	return res.Bool()
}

// member reads a dictionary member: dict[key] through Reflect.get, so that
// a getter's or Proxy trap's exception is passed on. present is false when
// the member is undefined, which WebIDL treats as absent.
func (b *builtins) member(dict safejs.Value, key string) (v safejs.Value, present bool, err error) {
	v, err = b.get(dict, key)
	if err != nil {
		return v, false, passOn(err, "reading "+key)
	}
	return v, !v.IsUndefined(), nil
}
