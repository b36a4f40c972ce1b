//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// decode(event) reads a close event with closeevent.FromJS and returns
// eventObject's plain object. It throws a TypeError naming the field when
// event is not a close event (closeevent.ErrNotCloseEvent); a getter or
// Proxy trap of event that throws gives a TypeError carrying the
// exception's text, as FromJS reports it.
func (b *builtins) decode(args []js.Value) (any, error) {
	v := arg(args, 0)
	if t := kind(v); t != js.TypeObject && t != js.TypeFunction {
		return nil, typeError("closeevent.decode: not a close event: got %s, want an object", jsguard.Describe(v))
	}
	e, err := closeevent.FromJS(v)
	if err != nil {
		msg := "closeevent.decode: " + detail(err)
		if errors.Is(err, closeevent.ErrNotCloseEvent) {
			return nil, typeError("%s", msg)
		}
		return nil, &apiError{kind: "Error", msg: msg}
	}
	return b.eventObject(e)
}

// describe(code) returns codeObject's description of code, which must be
// an integer number in 0..65535 (no conversion happens: a string or a
// fraction is a mistake worth reporting); anything else is a RangeError.
func (b *builtins) describe(args []js.Value) (any, error) {
	v := arg(args, 0)
	if kind(v) == js.TypeNumber {
		if c, ok := closeCode(v.Float()); ok {
			return b.codeObject(closeevent.Code(c))
		}
	}
	return nil, rangeError("closeevent.describe: code is %s, want an integer in 0..65535", jsguard.Describe(v))
}
