//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// builtins is the shim's handle on JavaScript. The shim touches every
// value, a page's or its own, only through internal/jsguard, which holds
// the module's one cache of built-ins and its rules for hostile pages: it
// reads with Reflect.get, converts inside calls to built-ins, and builds
// its objects and arrays by defining properties (JSON.parse, Array.of,
// Object.fromEntries), so no setter a page put on Object.prototype or
// Array.prototype runs.
type builtins struct {
	global js.Value // globalThis
}

// loadBuiltins checks that the runtime has Reflect (jsguard.Load).
func loadBuiltins() (*builtins, error) {
	if err := jsguard.Load(); err != nil {
		return nil, errors.New(err.Error() + " in this JavaScript runtime")
	}
	return &builtins{global: js.Global()}, nil
}

// get returns obj[key] through jsguard.Get (Reflect.get), so a getter or
// Proxy trap that throws gives an error, a *jsguard.Exception carrying the
// exception to throw on, instead of ending the program.
func (b *builtins) get(obj js.Value, key string) (js.Value, error) {
	return jsguard.Get(obj, key)
}

// array returns a new JavaScript array of items (jsguard.Array).
func (b *builtins) array(items ...any) (js.Value, error) {
	return jsguard.Array(items...)
}

// object returns a new plain object with the given properties, in order:
// pairs alternates names (strings) and values (jsguard.Object, which makes
// it in one crossing when the values are JSON's).
func (b *builtins) object(pairs ...any) (js.Value, error) {
	return jsguard.Object(pairs...)
}

// kind returns v's type, or jsguard.TypeBigInt for the values syscall/js
// cannot type (a BigInt, document.all), on which Value.Type panics.
func kind(v js.Value) js.Type { return jsguard.Kind(v) }

func isObject(v js.Value) bool { return kind(v) == js.TypeObject }

func isFunction(v js.Value) bool { return kind(v) == js.TypeFunction }
