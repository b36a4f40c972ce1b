//go:build js && wasm

package jsguard

import (
	"strconv"
	"syscall/js"
)

// Exception is a JavaScript exception that a call caught (Get, or any call
// whose error Thrown was given): the thrown value, kept so that it can be
// thrown again as it is, and its text.
//
// Unlike js.Error, whose Error method reads the exception's message with
// Value.Get (and so ends the program on a hostile exception: a Proxy, a
// throwing getter), an Exception gets its text with DescribeThrown, inside
// a call.
type Exception struct {
	// Value is what was thrown: usually an Error object, but JavaScript can
	// throw any value.
	Value js.Value

	text  string
	fixed bool // text holds the text (Thrown made it); else Error converts
}

// Error returns the exception's text as DescribeThrown gives it. For an
// Exception from Get it converts the value on every call, which runs the
// page's toString, if it has one, each time, and only when the text is
// wanted: a caller that throws the value on (the shim in wasm/) runs none
// of the page's code. An Exception from Thrown holds its text already.
func (e *Exception) Error() string {
	if e.fixed {
		return e.text
	}
	return DescribeThrown(e.Value)
}

// textError is an error that is only a text, so that the package's errors
// need neither errors.New's allocation at start-up nor fmt.
type textError string

func (e textError) Error() string { return string(e) }

// errBridge is what Thrown and Get report for a Go panic that carried no
// JavaScript exception (syscall/js refusing a value, say).
const errBridge = textError("a Go panic in the JavaScript bridge")

// caught turns what a call into JavaScript panicked with into an error.
func caught(p any) error {
	if e, ok := p.(js.Error); ok {
		return &Exception{Value: e.Value}
	}
	return errBridge
}

// ThrownValue returns the JavaScript exception inside err: the value of a
// js.Error (what Value.Call, Invoke and New panic with, and what safejs's
// errors wrap) or of an *Exception, found by following Unwrap, single or
// multiple. ok is false when err holds no exception. It is a loop over
// Unwrap rather than errors.As, which links reflection code a size-budgeted
// program cannot afford (see the package documentation).
func ThrownValue(err error) (v js.Value, ok bool) {
	for err != nil {
		switch e := err.(type) {
		case *Exception:
			return e.Value, true
		case js.Error:
			return e.Value, true
		case interface{ Unwrap() []error }:
			for _, err := range e.Unwrap() {
				if v, ok := ThrownValue(err); ok {
					return v, true
				}
			}
			return js.Undefined(), false
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		default:
			return js.Undefined(), false
		}
	}
	return js.Undefined(), false
}

// Thrown turns the error of a failed call into JavaScript (from safejs,
// from Get, or from a recover) into an *Exception whose text is taken now,
// once, with DescribeThrown, so that the page's toString does not run again
// whenever the error is printed. It never calls err's own Error method,
// which for a js.Error reads the exception with Value.Get. An error holding
// no JavaScript exception gives "a Go panic in the JavaScript bridge".
func Thrown(err error) error {
	if e, ok := err.(*Exception); ok && e.fixed {
		return e // its text is taken already, and may say more (FuncOf's)
	}
	v, ok := ThrownValue(err)
	if !ok {
		return errBridge
	}
	return &Exception{Value: v, text: DescribeThrown(v), fixed: true}
}

// DescribeThrown returns the text of a thrown value v: String(v), called
// through a call so that a toString, Symbol.toPrimitive or Proxy trap that
// throws cannot end the program. When String(v) throws too (or the runtime
// has no String), it says so and gives v's type:
// "an exception of type object that cannot be converted to a string".
//
// The text is not shortened: callers that put a page's exception into
// their messages clip it where they want to (Clip).
func DescribeThrown(v js.Value) string {
	if Load() == nil && Kind(loaded.toString) == js.TypeFunction {
		if s, err := invoke(loaded.toString, v); err == nil && Kind(s) == js.TypeString {
			return s.String()
		}
	}
	return "an exception of type " + TypeName(Kind(v)) + " that cannot be converted to a string"
}

// PanicText formats what a recovered panic carried, for a report: a
// js.Error (what Value.Call and Invoke panic with) through DescribeThrown,
// never its Error method; an error (an *Exception among them) with its
// Error method; a string as it is; a fmt.Stringer with its String method;
// integers, floats and booleans as Go writes them; anything else as "a
// panic value of an unprintable type". Not fmt.Sprint: fmt would cost the
// shim a large share of its size (`make size`).
//
// An error that wraps a js.Error is formatted with its own Error method,
// which keeps its context but reads the exception with Value.Get; only
// the code that made such an error can avoid that, by using Thrown.
func PanicText(p any) string {
	switch p := p.(type) {
	case js.Error:
		return DescribeThrown(p.Value)
	case error:
		return p.Error()
	case string:
		return p
	case interface{ String() string }:
		return p.String()
	case int:
		return strconv.Itoa(p)
	case int64:
		return strconv.FormatInt(p, 10)
	case uint64:
		return strconv.FormatUint(p, 10)
	case float64:
		return strconv.FormatFloat(p, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(p)
	}
	return "a panic value of an unprintable type"
}
