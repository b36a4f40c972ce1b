//go:build js && wasm

package closeevent

import (
	"math"
	"syscall/js"
)

// The fast read.
//
// Each crossing of the Go/JavaScript boundary costs time, and what costs
// most is a string or object coming back: it gets a reference and a Go
// finalizer, and a string then crosses twice more to be copied. Measured in
// headless Chromium: a number read with Value.Get about 0.4 µs, a string
// about 4 µs. fastRead keeps the precise path's safety (every read is a
// call to Reflect.get, which wasm_exec.js guards) and trims the rest:
//   - property names are JavaScript strings made once, so no name is
//     decoded on each read, as Value.Get does;
//   - wasm_exec.js gives equal strings the same reference while one is
//     alive, so a type equal to the "close" and a reason equal to the ""
//     the realm holds are recognised without copying them;
//   - one recover covers the whole read instead of one per call.
// Anything unexpected (an exception, a wrong type) returns ok == false, and
// FromJS takes the precise path, which names the problem.

// fastRead reads v's nine attributes; ok reports whether they all had the
// types FromJS requires.
func (r *realm) fastRead(v js.Value) (e CloseEvent, ok bool) {
	defer func() {
		if recover() != nil {
			e, ok = CloseEvent{}, false
		}
	}()
	var target any = v // boxed once for all nine calls
	get := func(i int) js.Value { return r.rawReflectGet.Invoke(target, r.fieldKeys[i]) }

	code := get(1)
	if code.Type() != js.TypeNumber {
		return e, false
	}
	f := code.Float()
	if f != math.Trunc(f) || f < 0 || f > math.MaxUint16 {
		return e, false
	}
	e.Code = Code(f)

	var str bool
	if e.Reason, str = r.fastString(get(2)); !str {
		return CloseEvent{}, false
	}
	var b bool
	if e.WasClean, b = fastBool(get(3)); !b {
		return CloseEvent{}, false
	}
	// The optional attributes: undefined leaves the zero value.
	if t := get(0); !t.IsUndefined() {
		if e.Type, str = r.fastString(t); !str {
			return CloseEvent{}, false
		}
	}
	for i, dst := range [...]*bool{4: &e.IsTrusted, 6: &e.Bubbles, 7: &e.Cancelable, 8: &e.Composed} {
		if dst == nil {
			continue
		}
		if val := get(i); !val.IsUndefined() {
			if *dst, b = fastBool(val); !b {
				return CloseEvent{}, false
			}
		}
	}
	if ts := get(5); !ts.IsUndefined() {
		if ts.Type() != js.TypeNumber {
			return CloseEvent{}, false
		}
		e.TimeStamp = ts.Float()
	}
	return e, true
}

func (r *realm) fastString(v js.Value) (string, bool) {
	switch {
	case v.Type() != js.TypeString:
		return "", false
	case v.Equal(r.closeType):
		return "close", true
	case v.Equal(r.emptyString):
		return "", true
	}
	return v.String(), true
}

func fastBool(v js.Value) (bool, bool) {
	if v.Type() != js.TypeBoolean {
		return false, false
	}
	return v.Bool(), true
}
