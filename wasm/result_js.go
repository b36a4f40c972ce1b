//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// What an export returns to web/closeevent.js, which turns it into a
// return value or a throw. A Go callback cannot throw, so every export
// returns one of three arrays, or, when no array can be made, a string
// that the wrapper throws as an Error:
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
	extra js.Value
}

func (e *apiError) Error() string { return e.kind + ": " + e.msg }

// typeError is a TypeError whose message is format with each %s replaced
// by the next of args, in order: the one verb the shim's messages need,
// done here because fmt would cost the shim a large share of its size
// (`make size`).
func typeError(format string, args ...string) error {
	return &apiError{kind: "TypeError", msg: sprintS(format, args)}
}

// rangeError is typeError's RangeError.
func rangeError(format string, args ...string) error {
	return &apiError{kind: "RangeError", msg: sprintS(format, args)}
}

// sprintS replaces each %s of format with the next of args; a %s without
// an argument stays as it is, and arguments left over are dropped.
func sprintS(format string, args []string) string {
	var b strings.Builder
	for len(args) > 0 {
		i := strings.Index(format, "%s")
		if i < 0 {
			break
		}
		b.WriteString(format[:i])
		b.WriteString(args[0])
		format, args = format[i+2:], args[1:]
	}
	b.WriteString(format)
	return b.String()
}

// asError is errors.As for a concrete error type T: it finds the first
// error of type T in err's tree, following Unwrap() error and Unwrap()
// []error depth first, sets *target to it and reports true. errors.As
// itself links reflection code that the shim cannot afford (`make size`).
func asError[T error](err error, target *T) bool {
	for err != nil {
		if t, ok := err.(T); ok {
			*target = t
			return true
		}
		switch e := err.(type) {
		case interface{ Unwrap() []error }:
			for _, err := range e.Unwrap() {
				if asError(err, target) {
					return true
				}
			}
			return false
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		default:
			return false
		}
	}
	return false
}

// plainTypeError is typeError without a format.
func plainTypeError(msg string) error { return &apiError{kind: "TypeError", msg: msg} }

// domException is an error the wrapper throws as new DOMException(msg,
// name), such as the InvalidAccessError close() throws.
func domException(name, msg string) error {
	return &apiError{kind: "DOMException", msg: msg, extra: js.ValueOf(name)}
}

// rethrow is a JavaScript exception the wrapper throws again as it is.
type rethrow struct{ value js.Value }

func (rethrow) Error() string { return "a JavaScript exception" }

// passOn returns the exception inside err, from a call into JavaScript, as
// a rethrow; any other error becomes an Error saying what was being done.
// It never calls err.Error() on a js.Error, which reads the exception with
// Value.Get: jsguard.ThrownValue finds the exception without it.
func passOn(err error, doing string) error {
	if v, ok := jsguard.ThrownValue(err); ok {
		return rethrow{v}
	}
	return &apiError{kind: "Error", msg: doing + ": a Go error in the JavaScript bridge"}
}

// result turns what an export computed into the array described above.
func (b *builtins) result(value any, err error) any {
	var (
		out    js.Value
		aerr   *apiError
		thrown rethrow
		berr   error
	)
	exception, isException := jsguard.ThrownValue(err)
	switch {
	case err == nil:
		out, berr = b.array(resultValue, value)
	case asError(err, &thrown):
		out, berr = b.array(resultThrow, thrown.value)
	case isException:
		// A built-in threw while the shim built its answer: pass the
		// exception on (a js.Error's Error method would read it with
		// Value.Get).
		out, berr = b.array(resultThrow, exception)
	case asError(err, &aerr) && !aerr.extra.IsUndefined():
		out, berr = b.array(resultError, aerr.kind, aerr.msg, aerr.extra)
	case asError(err, &aerr):
		out, berr = b.array(resultError, aerr.kind, aerr.msg)
	default:
		out, berr = b.array(resultError, "Error", err.Error())
	}
	if berr != nil {
		// Array.of failed: the page replaced it, or put a setter on
		// Array.prototype[0], which breaks every call that passes
		// arguments (jsguard.FuncOf says why). A Go slice here would
		// cross through js.ValueOf, which assigns its elements outside
		// any try block, so the answer is a string, which the wrapper
		// throws as an Error.
		return "closeevent: the shim could not build its result (does the page break Array.of or Array.prototype?)"
	}
	return out
}
