//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/hack-pad/safejs"
)

// builtins are the JavaScript functions the shim calls, read once at start
// from globalThis. The shim touches a value a page handed it only through
// calls to them (wasm_exec.js turns an exception thrown inside a call into
// an error, but one thrown inside Value.Get, Set or InstanceOf ends the
// program; SPEC-NOTES, "Go toolchain facts"), and builds its own objects
// with Array.of and Object.fromEntries, which define properties instead of
// assigning them, so no setter a page put on Object.prototype or
// Array.prototype runs.
type builtins struct {
	reflectGet  safejs.Value // Reflect.get(obj, key)
	arrayOf     safejs.Value // Array.of(...items)
	fromEntries safejs.Value // Object.fromEntries(entries)
	mathMax     safejs.Value // Math.max(x) is ToNumber(x)
	concat      safejs.Value // String.prototype.concat: "".concat(x) is ToString(x)
	boolean     safejs.Value // Boolean(x) is ToBoolean(x)
	global      safejs.Value // globalThis
}

// loadBuiltins reads the built-ins. Only Reflect is read with Value.Get, on
// the global object, as package closeevent does too; the rest go through
// Reflect.get.
func loadBuiltins() (*builtins, error) {
	b := &builtins{global: safejs.Safe(js.Global())}
	reflect, err := b.global.Get("Reflect")
	if err != nil || !isObject(reflect) {
		return nil, errors.New("no Reflect object in this JavaScript runtime")
	}
	if b.reflectGet, err = reflect.Get("get"); err != nil || !isFunction(b.reflectGet) {
		return nil, errors.New("no Reflect.get in this JavaScript runtime")
	}
	path := func(names ...string) (safejs.Value, error) {
		v := b.global
		for _, n := range names {
			if v, err = b.get(v, n); err != nil {
				return v, err
			}
		}
		if !isFunction(v) {
			return v, errors.New("no function " + joinDots(names) + " in this JavaScript runtime")
		}
		return v, nil
	}
	for _, f := range []struct {
		dst  *safejs.Value
		path []string
	}{
		{&b.arrayOf, []string{"Array", "of"}},
		{&b.fromEntries, []string{"Object", "fromEntries"}},
		{&b.mathMax, []string{"Math", "max"}},
		{&b.concat, []string{"String", "prototype", "concat"}},
		{&b.boolean, []string{"Boolean"}},
	} {
		if *f.dst, err = path(f.path...); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func joinDots(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += "."
		}
		s += n
	}
	return s
}

// get returns obj[key] through Reflect.get, so a getter or Proxy trap that
// throws gives an error (carrying the exception) instead of ending the
// program.
func (b *builtins) get(obj safejs.Value, key string) (safejs.Value, error) {
	return b.reflectGet.Invoke(obj, key)
}

// array returns a new JavaScript array of items.
func (b *builtins) array(items ...any) (safejs.Value, error) {
	return b.arrayOf.Invoke(items...)
}

// object returns a new plain object with the given properties, in order:
// pairs alternates names (strings) and values.
func (b *builtins) object(pairs ...any) (safejs.Value, error) {
	entries := make([]any, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		e, err := b.array(pairs[i], pairs[i+1])
		if err != nil {
			return safejs.Undefined(), err
		}
		entries = append(entries, e)
	}
	list, err := b.array(entries...)
	if err != nil {
		return safejs.Undefined(), err
	}
	return b.fromEntries.Invoke(list)
}

// typeOf returns v's type. ok is false for the values syscall/js cannot
// type (a BigInt, document.all): Value.Type panics "bad type flag" on
// them, a Go panic that typeOf recovers.
func typeOf(v safejs.Value) (t safejs.Type, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = safejs.TypeUndefined, false
		}
	}()
	return v.Type(), true
}

func isObject(v safejs.Value) bool {
	t, ok := typeOf(v)
	return ok && t == safejs.TypeObject
}

func isFunction(v safejs.Value) bool {
	t, ok := typeOf(v)
	return ok && t == safejs.TypeFunction
}
