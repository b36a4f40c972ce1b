//go:build js && wasm

package closeevent

import (
	"fmt"
	"math"
	"syscall/js"

	"github.com/hack-pad/safejs"
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
// throws gives an error carrying the exception's text. FromJS never panics
// and never ends the Go program, whatever v is: it reads v only through
// calls (Reflect.get), which wasm_exec.js guards, never with Value.Get.
func FromJS(v js.Value) (CloseEvent, error) {
	r, err := loadRealm()
	if err != nil {
		return CloseEvent{}, err
	}
	return r.fromJS(safejs.Safe(v))
}

func (r *realm) fromJS(v safejs.Value) (e CloseEvent, err error) {
	if t := v.Type(); t != safejs.TypeObject && t != safejs.TypeFunction {
		return CloseEvent{}, fmt.Errorf("%w: got %s, want an object", ErrNotCloseEvent, describe(v))
	}
	if e, ok := r.fastRead(safejs.Unsafe(v)); ok {
		return e, nil
	}
	var code float64
	if code, err = r.number(v, "code", true); err != nil {
		return CloseEvent{}, err
	}
	// The code attribute is an unsigned short (WebSockets Standard, "The
	// CloseEvent interface"); a native event always holds one.
	if code != math.Trunc(code) || code < 0 || code > math.MaxUint16 {
		return CloseEvent{}, fmt.Errorf("%w: code is number %s, want an integer in 0..65535", ErrNotCloseEvent, formatNumber(code))
	}
	e.Code = Code(code)
	if e.Reason, err = r.string(v, "reason", true); err != nil {
		return CloseEvent{}, err
	}
	if e.WasClean, err = r.boolean(v, "wasClean", true); err != nil {
		return CloseEvent{}, err
	}
	if e.Type, err = r.string(v, "type", false); err != nil {
		return CloseEvent{}, err
	}
	if e.IsTrusted, err = r.boolean(v, "isTrusted", false); err != nil {
		return CloseEvent{}, err
	}
	if e.TimeStamp, err = r.number(v, "timeStamp", false); err != nil {
		return CloseEvent{}, err
	}
	if e.Bubbles, err = r.boolean(v, "bubbles", false); err != nil {
		return CloseEvent{}, err
	}
	if e.Cancelable, err = r.boolean(v, "cancelable", false); err != nil {
		return CloseEvent{}, err
	}
	if e.Composed, err = r.boolean(v, "composed", false); err != nil {
		return CloseEvent{}, err
	}
	return e, nil
}

// field reads v[name] and checks its type; an undefined optional field
// gives ok == false and no error.
func (r *realm) field(v safejs.Value, name string, want safejs.Type, required bool) (val safejs.Value, ok bool, err error) {
	val, err = r.get(v, name)
	if err != nil {
		return val, false, fmt.Errorf("%w: reading %s threw %w", ErrNotCloseEvent, name, err)
	}
	switch t := val.Type(); {
	case t == want:
		return val, true, nil
	case t == safejs.TypeUndefined && !required:
		return val, false, nil
	default:
		return val, false, fmt.Errorf("%w: %s is %s, want a %s", ErrNotCloseEvent, name, describe(val), want)
	}
}

func (r *realm) number(v safejs.Value, name string, required bool) (float64, error) {
	val, ok, err := r.field(v, name, safejs.TypeNumber, required)
	if !ok {
		return 0, err
	}
	return floatOf(val), nil
}

func (r *realm) boolean(v safejs.Value, name string, required bool) (bool, error) {
	val, ok, err := r.field(v, name, safejs.TypeBoolean, required)
	if !ok {
		return false, err
	}
	return boolOf(val), nil
}

func (r *realm) string(v safejs.Value, name string, required bool) (string, error) {
	val, ok, err := r.field(v, name, safejs.TypeString, required)
	if !ok {
		return "", err
	}
	s, err := val.String()
	if err != nil {
		return "", fmt.Errorf("%w: reading %s: %w", ErrNotCloseEvent, name, r.thrown(err))
	}
	return s, nil
}
