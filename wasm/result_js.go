//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
	"github.com/hack-pad/safejs"
)

// What an export returns to web/closeevent.js, which turns it into a
// return value or a throw. A Go callback cannot throw, so every export
// returns one of three arrays:
//
//	[0, value]              return value
//	[1, "TypeError", msg]   throw new TypeError(msg) (or RangeError, Error)
//	[1, "TypeError", msg, cause]
//	                        the same with {cause}: a page's exception it wraps
//	[1, "DOMException", msg, name]
//	                        throw new DOMException(msg, name)
//	[2, exception]          throw exception, as it is
//
// The third passes on an exception that a page's own code threw during a
// conversion (a valueOf, a getter), as the browser's own methods do.
const (
	resultValue = 0
	resultError = 1
	resultThrow = 2
)

// apiError is an error the wrapper throws as a new TypeError, RangeError or
// Error with msg.
type apiError struct {
	kind string // "TypeError", "RangeError", "Error" or "DOMException"
	msg  string
	// extra is the DOMException's name, or the exception a TypeError
	// wraps (its cause); absent when undefined.
	extra safejs.Value
}

func (e *apiError) Error() string { return e.kind + ": " + e.msg }

func typeError(format string, args ...any) error {
	return &apiError{kind: "TypeError", msg: fmt.Sprintf(format, args...)}
}

func rangeError(format string, args ...any) error {
	return &apiError{kind: "RangeError", msg: fmt.Sprintf(format, args...)}
}

// plainTypeError is typeError without a format, for code that avoids fmt.
func plainTypeError(msg string) error { return &apiError{kind: "TypeError", msg: msg} }

// domException is an error the wrapper throws as new DOMException(msg,
// name), such as the InvalidAccessError close() throws.
func domException(name, msg string) error {
	return &apiError{kind: "DOMException", msg: msg, extra: safejs.Safe(js.ValueOf(name))}
}

// rethrow is a JavaScript exception the wrapper throws again as it is.
type rethrow struct{ value safejs.Value }

func (rethrow) Error() string { return "a JavaScript exception" }

// passOn returns the exception inside err, from a call into JavaScript, as
// a rethrow; any other error becomes an Error saying what was being done.
// It never calls err.Error() on a js.Error, which reads the exception with
// Value.Get: jsguard.ThrownValue finds the exception without it.
func passOn(err error, doing string) error {
	if v, ok := jsguard.ThrownValue(err); ok {
		return rethrow{safejs.Safe(v)}
	}
	return &apiError{kind: "Error", msg: doing + ": a Go error in the JavaScript bridge"}
}

// result turns what an export computed into the array described above.
func (b *builtins) result(value any, err error) any {
	var (
		out    safejs.Value
		aerr   *apiError
		thrown rethrow
		berr   error
	)
	exception, isException := jsguard.ThrownValue(err)
	switch {
	case err == nil:
		out, berr = b.array(resultValue, value)
	case errors.As(err, &thrown):
		out, berr = b.array(resultThrow, thrown.value)
	case isException:
		// A built-in threw while the shim built its answer: pass the
		// exception on (a js.Error's Error method would read it with
		// Value.Get).
		out, berr = b.array(resultThrow, safejs.Safe(exception))
	case errors.As(err, &aerr) && !aerr.extra.IsUndefined():
		out, berr = b.array(resultError, aerr.kind, aerr.msg, aerr.extra)
	case errors.As(err, &aerr):
		out, berr = b.array(resultError, aerr.kind, aerr.msg)
	default:
		out, berr = b.array(resultError, "Error", err.Error())
	}
	if berr != nil {
		// Array.of failed (a page replaced it with something that
		// throws): syscall/js builds this one with Set, on a new array.
		return []any{resultError, "Error", "closeevent: the shim could not build its result: Array.of threw"}
	}
	return out
}
