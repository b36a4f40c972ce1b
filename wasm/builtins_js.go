//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
	"github.com/hack-pad/safejs"
)

// builtins are the JavaScript functions the shim calls, read once at start
// from globalThis. The shim touches a value a page handed it only through
// calls (wasm_exec.js turns an exception thrown inside a call into an
// error, but one thrown inside Value.Get, Set or InstanceOf ends the
// program; SPEC-NOTES, "Go toolchain facts"): it reads with
// internal/jsguard, which holds those rules, converts with the built-ins
// below, and builds its own objects with Array.of and Object.fromEntries,
// which define properties instead of assigning them, so no setter a page
// put on Object.prototype or Array.prototype runs.
type builtins struct {
	arrayOf     safejs.Value // Array.of(...items)
	fromEntries safejs.Value // Object.fromEntries(entries)
	mathMax     safejs.Value // Math.max(x) is ToNumber(x)
	concat      safejs.Value // String.prototype.concat: "".concat(x) is ToString(x)
	boolean     safejs.Value // Boolean(x) is ToBoolean(x)
	global      safejs.Value // globalThis
}

// loadBuiltins reads the built-ins, through Reflect.get (jsguard.Get).
func loadBuiltins() (*builtins, error) {
	if err := jsguard.Load(); err != nil {
		return nil, errors.New(err.Error() + " in this JavaScript runtime")
	}
	b := &builtins{global: safejs.Safe(js.Global())}
	path := func(names ...string) (v safejs.Value, err error) {
		v = b.global
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
		v, err := path(f.path...)
		if err != nil {
			return nil, err
		}
		*f.dst = v
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

// get returns obj[key] through jsguard.Get (Reflect.get), so a getter or
// Proxy trap that throws gives an error, a *jsguard.Exception carrying the
// exception to throw on, instead of ending the program.
func (b *builtins) get(obj safejs.Value, key string) (safejs.Value, error) {
	v, err := jsguard.Get(safejs.Unsafe(obj), key)
	return safejs.Safe(v), err
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

// kind returns v's type, or jsguard.TypeBigInt for the values syscall/js
// cannot type (a BigInt, document.all), on which Value.Type panics.
func kind(v safejs.Value) js.Type { return jsguard.Kind(safejs.Unsafe(v)) }

func isObject(v safejs.Value) bool { return kind(v) == js.TypeObject }

func isFunction(v safejs.Value) bool { return kind(v) == js.TypeFunction }
