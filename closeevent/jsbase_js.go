//go:build js && wasm

package closeevent

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync"
	"syscall/js"

	"github.com/hack-pad/safejs"
)

// Reading JavaScript safely.
//
// wasm_exec.js catches exceptions only around calls (Value.Call, Invoke,
// New); an exception thrown while Go runs Value.Get, Set, Index or
// InstanceOf (a getter, a Proxy trap, a revoked Proxy) unwinds through the
// wasm stack and ends the Go program, and safejs cannot stop it (see
// SPEC-NOTES, "Go toolchain facts"). So this package touches values it did
// not create only through calls: Reflect.get instead of Get,
// Object.prototype.isPrototypeOf instead of InstanceOf, String(x) instead of
// reading an exception's message.

// realm holds the built-ins the package calls, read once from globalThis.
type realm struct {
	reflectGet    safejs.Value // Reflect.get
	toString      safejs.Value // String
	isPrototypeOf safejs.Value // Object.prototype.isPrototypeOf
	keys          map[string]safejs.Value

	// For the fast read (fastread_js.go), kept as plain js.Value to avoid
	// safejs's allocations on the hot path; fastRead recovers instead.
	rawReflectGet js.Value
	fieldKeys     [len(eventFields)]any // JavaScript strings, boxed once
	closeType     js.Value              // the JavaScript string "close"
	emptyString   js.Value              // the JavaScript string ""
}

// eventFields are the attributes FromJS reads: CloseEvent's own and those
// it inherits from Event.
var eventFields = [...]string{"type", "code", "reason", "wasClean", "isTrusted", "timeStamp", "bubbles", "cancelable", "composed"}

// loadRealm returns the realm, reading it on first use. It is a function,
// not a package-level sync.OnceValues, so that a program that never reads
// JavaScript events does not link the code behind it.
func loadRealm() (*realm, error) {
	realmOnce.Do(func() { theRealm, realmErr = newRealm() })
	return theRealm, realmErr
}

var (
	realmOnce sync.Once
	theRealm  *realm
	realmErr  error
)

func newRealm() (*realm, error) {
	global := safejs.Safe(js.Global())
	r := &realm{keys: map[string]safejs.Value{}}
	// The global object is ours to read, but a page can still have put a
	// getter on it; read it through Reflect.get like everything else.
	reflect, err := global.Get("Reflect")
	if err != nil || kind(safejs.Unsafe(reflect)) != js.TypeObject {
		return nil, newError(ErrUnsupported, "closeevent: no Reflect object in this runtime", nil)
	}
	if r.reflectGet, err = reflect.Get("get"); err != nil || kind(safejs.Unsafe(r.reflectGet)) != js.TypeFunction {
		return nil, newError(ErrUnsupported, "closeevent: no Reflect.get in this runtime", nil)
	}
	for _, name := range propertyNames {
		r.keys[name], _ = safejs.ValueOf(name)
	}
	r.rawReflectGet = safejs.Unsafe(r.reflectGet)
	for i, name := range eventFields {
		r.fieldKeys[i] = js.ValueOf(name)
	}
	r.closeType, r.emptyString = js.ValueOf("close"), js.ValueOf("")
	r.toString, _ = r.get(global, "String")
	object, _ := r.get(global, "Object")
	if proto, _ := r.get(object, "prototype"); kind(safejs.Unsafe(proto)) == js.TypeObject {
		r.isPrototypeOf, _ = r.get(proto, "isPrototypeOf")
	}
	return r, nil
}

// propertyNames are the names the package reads; their JavaScript strings
// are made once, so that a read passes a js.Value instead of converting a
// Go string on every call.
var propertyNames = []string{
	"type", "code", "reason", "wasClean", "isTrusted", "timeStamp", "bubbles", "cancelable", "composed",
	"String", "Object", "prototype", "isPrototypeOf", "console", "CloseEvent", "WebSocket", "readyState",
}

// key returns the JavaScript string for a property name.
func (r *realm) key(name string) safejs.Value {
	if k, ok := r.keys[name]; ok {
		return k
	}
	k, _ := safejs.ValueOf(name) // a name outside propertyNames: made each time
	return k
}

// get returns obj[name] by calling Reflect.get, so that a throwing getter
// or Proxy trap becomes an error instead of ending the program. obj must be
// an object or a function; otherwise Reflect.get throws, which is caught too.
func (r *realm) get(obj safejs.Value, name string) (safejs.Value, error) {
	v, err := r.reflectGet.Invoke(obj, r.key(name))
	if err != nil {
		return safejs.Undefined(), r.thrown(err)
	}
	return v, nil
}

// isA reports whether proto is on obj's prototype chain, through
// Object.prototype.isPrototypeOf, which reports a Proxy trap's exception
// instead of ending the program as InstanceOf would.
func (r *realm) isA(obj, proto safejs.Value) bool {
	if r.isPrototypeOf.Type() != safejs.TypeFunction || kind(safejs.Unsafe(proto)) != js.TypeObject {
		return false
	}
	res, err := r.isPrototypeOf.Call("call", proto, obj)
	return err == nil && kind(safejs.Unsafe(res)) == js.TypeBoolean && safejs.Unsafe(res).Bool()
}

// thrown turns the error of a failed call into a Go error carrying the
// JavaScript exception as text. It never calls the original error's Error
// method: js.Error reads the exception's message with Value.Get, which a
// hostile exception (a Proxy, a throwing getter) would turn into the very
// crash this package exists to prevent. String(x) runs inside a call.
func (r *realm) thrown(err error) error {
	// A loop over errors.Unwrap instead of errors.As, which would link
	// the reflection code errors.As needs (see wrapError).
	for ; err != nil; err = errors.Unwrap(err) {
		if jsErr, ok := err.(js.Error); ok {
			return jsError{r.describeThrown(safejs.Safe(jsErr.Value))}
		}
	}
	return jsError{"a Go panic in the JavaScript bridge"}
}

func (r *realm) describeThrown(v safejs.Value) string {
	if r.toString.Type() == safejs.TypeFunction {
		if s, err := r.toString.Invoke(v); err == nil && kind(safejs.Unsafe(s)) == js.TypeString {
			if str, err := s.String(); err == nil {
				return clip(str)
			}
		}
	}
	return "an exception of type " + typeName(kind(safejs.Unsafe(v))) + " that cannot be converted to a string"
}

// jsError is a JavaScript exception, as text.
type jsError struct{ msg string }

func (e jsError) Error() string { return e.msg }

// typeBigInt is what kind returns for a BigInt, which js.Type lacks.
const typeBigInt js.Type = -1

// kind is js.Value.Type without its panic: wasm_exec.js stores a BigInt
// with no type flag, and Value.Type panics ("bad type flag") on it, so any
// value a page hands over may not be asked for its Type directly.
func kind(v js.Value) (t js.Type) {
	defer func() {
		if recover() != nil {
			t = typeBigInt
		}
	}()
	return v.Type()
}

// typeName is the typeof name of a kind.
func typeName(t js.Type) string {
	if t == typeBigInt {
		return "bigint"
	}
	return t.String()
}

// describe says what a JavaScript value is, for error messages: its type
// and, for primitives, its value, such as `string "1000"` or `number 1.5`.
// It only reads what Type, Bool, Float and String read without running
// JavaScript code.
func describe(v js.Value) string {
	switch t := kind(v); t {
	case js.TypeBoolean:
		return "boolean " + strconv.FormatBool(v.Bool())
	case js.TypeNumber:
		return "number " + formatNumber(v.Float())
	case js.TypeString:
		return "string " + strconv.Quote(clip(v.String()))
	default:
		return typeName(t)
	}
}

// panicText formats what a recovered panic carried: a JavaScript exception
// (the js.Error that Value.Call and Invoke panic with) through
// describeThrown, an error or a string as it is, anything else with
// fmt.Sprint, which a program that prints at all links anyway.
func (r *realm) panicText(p any) string {
	switch p := p.(type) {
	case js.Error:
		return r.describeThrown(safejs.Safe(p.Value))
	case error:
		return p.Error()
	case string:
		return p
	}
	return fmt.Sprint(p)
}

// formatNumber formats a number as JavaScript would print it, for messages.
func formatNumber(f float64) string {
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

// clip shortens text for an error message without cutting a character.
func clip(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	n := max
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…(" + strconv.Itoa(len(s)) + " bytes)"
}
