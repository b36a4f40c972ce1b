//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// Argument conversion, as WebIDL converts the arguments of a platform
// method (WHATWG WebIDL, "JavaScript type mapping"). Every step that can
// run a page's code (valueOf, toString, Symbol.toPrimitive, a getter) runs
// inside a call to a built-in (jsguard.ToNumber, ToString, ToBoolean), so
// an exception it throws comes back as an error and is thrown again, as it
// is, to the caller.

// arg returns args[i], or undefined when the caller passed fewer.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// toNumber is ECMAScript's ToNumber, which WebIDL's integer conversions
// start with (jsguard.ToNumber).
func (b *builtins) toNumber(v js.Value) (float64, error) {
	f, err := jsguard.ToNumber(v)
	if err != nil {
		return 0, passOn(err, "converting to a number")
	}
	return f, nil
}

// toUSVString is WebIDL's conversion to a USVString: ToString, which throws
// a TypeError for a Symbol, then every lone surrogate replaced by U+FFFD
// (jsguard.ToString).
func (b *builtins) toUSVString(v js.Value) (string, error) {
	s, err := jsguard.ToString(v)
	if err != nil {
		return "", passOn(err, "converting to a string")
	}
	return s, nil
}

// toBoolean is ECMAScript's ToBoolean, which runs no page code.
func (b *builtins) toBoolean(v js.Value) (bool, error) {
	res, err := jsguard.ToBoolean(v)
	if err != nil {
		return false, passOn(err, "converting to a boolean")
	}
	return res, nil
}

// member reads a dictionary member: dict[key] through Reflect.get, so that
// a getter's or Proxy trap's exception is passed on. present is false when
// the member is undefined, which WebIDL treats as absent.
func (b *builtins) member(dict js.Value, key string) (v js.Value, present bool, err error) {
	v, err = b.get(dict, key)
	if err != nil {
		return v, false, passOn(err, "reading "+key)
	}
	return v, !v.IsUndefined(), nil
}
