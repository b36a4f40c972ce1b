//go:build js && wasm

package closeevent

import (
	"math"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// FromJS reads a JavaScript close event into a CloseEvent.
//
// It accepts a native CloseEvent and any object whose code is an integer
// number in 0..65535, whose reason is a string and whose wasClean is a
// boolean, so that events from Node.js (undici), Deno or a polyfill work.
// The Event attributes type, isTrusted, timeStamp, bubbles, cancelable and
// composed are read too; each may be absent (undefined), which leaves the
// zero value, but one that is present must have the type the DOM gives it.
//
// Every failure wraps ErrNotCloseEvent and names the field that was wrong
// and the JavaScript type or value it held; a getter or Proxy trap that
// throws gives an error carrying the exception's text and wrapping it.
// FromJS never panics and never ends the Go program, whatever v is: it
// reads v only through internal/jsguard (Reflect.get, inside a call that
// wasm_exec.js guards), never with Value.Get.
func FromJS(v js.Value) (CloseEvent, error) {
	r, err := loadRealm()
	if err != nil {
		return CloseEvent{}, err
	}
	return r.fromJS(v)
}

// How FromJS reads, and why it is fast.
//
// Each crossing of the Go/JavaScript boundary costs time, and what costs
// most is a string or an object coming back: it gets a reference and a Go
// finalizer, and a string then crosses twice more to be copied. Measured in
// headless Chromium (make bench), a string costs about ten times a number.
// FromJS reads through Reflect.get calls, which wasm_exec.js guards, and
// trims the rest:
//   - property names are JavaScript strings made once (realm.fieldKeys), so
//     no name is decoded on each read, as Value.Get does;
//   - wasm_exec.js gives equal strings the same reference while one is
//     alive, so a type equal to the realm's "close" and a reason equal to
//     its "" are recognised without copying them;
//   - the object is boxed once for the nine reads, and one deferred
//     recover covers them (jsguard.GetBoxed); the index of the field being
//     read tells the error which one threw.

// The indexes of eventFields.
const (
	fieldType = iota
	fieldCode
	fieldReason
	fieldWasClean
	fieldIsTrusted
	fieldTimeStamp
	fieldBubbles
	fieldCancelable
	fieldComposed
)

func (r *realm) fromJS(v js.Value) (e CloseEvent, err error) {
	if t := jsguard.Kind(v); t != js.TypeObject && t != js.TypeFunction {
		return CloseEvent{}, notCloseEvent("got "+jsguard.Describe(v)+", want an object", nil)
	}
	reading := -1
	defer func() {
		if p := recover(); p != nil {
			cause, _ := p.(error) // GetBoxed panics with its error
			if cause == nil {
				cause = textPanic(panicText(p))
			}
			cause, text := thrown(cause)
			e, err = CloseEvent{}, notCloseEvent("reading "+eventFields[reading]+" threw "+text, cause)
		}
	}()
	var target any = v // boxed once for all nine calls
	get := func(i int) js.Value {
		reading = i
		return jsguard.GetBoxed(target, r.fieldKeys[i])
	}

	code := get(fieldCode)
	if jsguard.Kind(code) != js.TypeNumber {
		return CloseEvent{}, wrongType(fieldCode, code)
	}
	// The code attribute is an unsigned short (WebSockets Standard, "The
	// CloseEvent interface"); a native event always holds one.
	if f := code.Float(); f != math.Trunc(f) || f < 0 || f > math.MaxUint16 {
		return CloseEvent{}, notCloseEvent("code is number "+jsguard.FormatNumber(f)+", want an integer in 0..65535", nil)
	}
	e.Code = Code(code.Float())

	reason := get(fieldReason)
	if jsguard.Kind(reason) != js.TypeString {
		return CloseEvent{}, wrongType(fieldReason, reason)
	}
	e.Reason = r.goString(reason)

	wasClean := get(fieldWasClean)
	if jsguard.Kind(wasClean) != js.TypeBoolean {
		return CloseEvent{}, wrongType(fieldWasClean, wasClean)
	}
	e.WasClean = wasClean.Bool()

	// The Event attributes: undefined leaves the zero value.
	if typ := get(fieldType); !typ.IsUndefined() {
		if jsguard.Kind(typ) != js.TypeString {
			return CloseEvent{}, wrongType(fieldType, typ)
		}
		e.Type = r.goString(typ)
	}
	if ts := get(fieldTimeStamp); !ts.IsUndefined() {
		if jsguard.Kind(ts) != js.TypeNumber {
			return CloseEvent{}, wrongType(fieldTimeStamp, ts)
		}
		e.TimeStamp = ts.Float()
	}
	for i, dst := range [...]*bool{fieldIsTrusted: &e.IsTrusted, fieldBubbles: &e.Bubbles, fieldCancelable: &e.Cancelable, fieldComposed: &e.Composed} {
		if dst == nil {
			continue
		}
		if val := get(i); !val.IsUndefined() {
			if jsguard.Kind(val) != js.TypeBoolean {
				return CloseEvent{}, wrongType(i, val)
			}
			*dst = val.Bool()
		}
	}
	return e, nil
}

// goString copies a JavaScript string into Go, skipping the copy for the
// strings the realm holds.
func (r *realm) goString(v js.Value) string {
	switch {
	case v.Equal(r.closeType):
		return "close"
	case v.Equal(r.emptyString):
		return ""
	}
	return v.String()
}

// fieldTypes are the JavaScript types of eventFields, for error messages.
var fieldTypes = [...]string{"string", "number", "string", "boolean", "boolean", "number", "boolean", "boolean", "boolean"}

func wrongType(field int, v js.Value) error {
	return notCloseEvent(eventFields[field]+" is "+jsguard.Describe(v)+", want a "+fieldTypes[field], nil)
}

// notCloseEvent returns FromJS's error, wrapping ErrNotCloseEvent.
func notCloseEvent(what string, cause error) error {
	return opError("", ErrNotCloseEvent, kindWords(ErrNotCloseEvent)+": "+what, cause)
}

// textPanic is a panic that carried no error, as an error.
type textPanic string

func (p textPanic) Error() string { return string(p) }
