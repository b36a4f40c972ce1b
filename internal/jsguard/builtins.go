//go:build js && wasm

package jsguard

import (
	"sync"
	"syscall/js"
)

// builtins are the JavaScript functions the package calls, read from
// globalThis once, on first use.
type builtins struct {
	reflectGet    js.Value // Reflect.get
	reflectApply  js.Value // Reflect.apply; undefined if missing
	arrayOf       js.Value // Array.of; undefined if missing
	toString      js.Value // String; undefined if missing
	isPrototypeOf js.Value // Object.prototype.isPrototypeOf; undefined if missing
}

// Loading is lazy, in a function behind a sync.Once rather than in a
// package-level initialiser: a program that never touches a page's values
// runs no JavaScript for them at start-up and, where nothing calls Load,
// does not link the code behind it.
var (
	loadOnce sync.Once
	loaded   builtins
	loadErr  error
)

// Load reads the built-ins the package calls (Reflect.get, Reflect.apply,
// Array.of, String and Object.prototype.isPrototypeOf) from globalThis, the
// first time it is called; later calls return the first call's result, as
// do the functions that call it (Get, Call, IsPrototypeOf, DescribeThrown).
// Callers call Load at their entry points to report a runtime that cannot
// work at all.
//
// The error says what is missing, "no Reflect object" or "no Reflect.get",
// without saying where, for the caller to put in its own words (package
// closeevent wraps it in ErrUnsupported). The other built-ins are no error
// when missing: Call then fails, and DescribeThrown and IsPrototypeOf give
// their fallback answers.
//
// Reflect itself, and Reflect.get, are the only values read with Value.Get:
// something has to be read before Reflect.get can be called, and the global
// object is the runtime's own. A page that put a throwing getter there
// would end the program here; it breaks itself at least as badly.
func Load() error {
	loadOnce.Do(readBuiltins) // a named function: Load is inlined, a closure would be copied
	return loadErr
}

// readBuiltins is what loadOnce runs.
func readBuiltins() { loadErr = loaded.read() }

// read fills b from globalThis and returns Load's error.
func (b *builtins) read() error {
	global := js.Global()
	reflect := global.Get("Reflect")
	if Kind(reflect) != js.TypeObject {
		return textError("no Reflect object")
	}
	if b.reflectGet = reflect.Get("get"); Kind(b.reflectGet) != js.TypeFunction {
		b.reflectGet = js.Undefined()
		return textError("no Reflect.get")
	}
	// From here on through Reflect.get, called directly: Get would wait
	// for this very Load. A failed read leaves undefined.
	get := b.reflectGet
	b.reflectApply, _ = invoke(get, reflect, "apply")
	array, _ := invoke(get, global, "Array")
	b.arrayOf, _ = invoke(get, array, "of")
	b.toString, _ = invoke(get, global, "String")
	object, _ := invoke(get, global, "Object")
	proto, _ := invoke(get, object, "prototype")
	b.isPrototypeOf, _ = invoke(get, proto, "isPrototypeOf")
	return nil
}

// ReflectGet returns Reflect.get, or undefined when Load failed. It is for
// a reader that calls it itself, with js.Value.Invoke under a recover of
// its own, on a path too hot for Get's per-call recover and error (package
// closeevent's FromJS); every other reader calls Get.
func ReflectGet() js.Value {
	Load()
	return loaded.reflectGet
}

// Get returns obj[key] by calling Reflect.get(obj, key), so that a getter or
// Proxy trap that throws, or a revoked Proxy, gives an error instead of
// ending the program as Value.Get would. key is a Go string or a js.Value
// (a JavaScript string made once, or a Symbol).
//
// The error is an *Exception holding what was thrown (Reflect.get itself
// throws a TypeError when obj is not an object or a function), or Load's
// error when the runtime has no Reflect.get.
func Get(obj js.Value, key any) (js.Value, error) {
	if err := Load(); err != nil {
		return js.Undefined(), err
	}
	return invoke(loaded.reflectGet, obj, key)
}

// Call calls obj[method](args...) and returns its result; the error is an
// *Exception holding what it threw (or what reading the method threw), or
// Load's error.
//
// It does not use Value.Call, although wasm_exec.js runs that inside a try
// block: when the call throws, syscall/js reads obj[method] again with
// Value.Get to word its panic (syscall/js, Value.Call), outside any try
// block, so a revoked Proxy, a Proxy whose get trap throws or a method
// getter that throws ends the program there after all (SPEC-NOTES, "Go
// toolchain facts": Get is unguarded). Call reads the method once, with
// Get, and calls it with Reflect.apply through Value.Invoke, whose failure
// path reads no property. A method that is not a function gives
// Reflect.apply's TypeError.
func Call(obj js.Value, method string, args ...any) (js.Value, error) {
	m, err := Get(obj, method)
	if err != nil {
		return js.Undefined(), err
	}
	return apply(m, obj, args...)
}

// apply calls fn with this and args, as Reflect.apply(fn, this, args) with
// the arguments made into an array by Array.of, which defines its elements
// instead of assigning them, so no setter a page put on Array.prototype
// runs (js.ValueOf of a slice assigns them with SetIndex).
func apply(fn, this js.Value, args ...any) (js.Value, error) {
	if Kind(loaded.reflectApply) != js.TypeFunction || Kind(loaded.arrayOf) != js.TypeFunction {
		return js.Undefined(), textError("no Reflect.apply or Array.of")
	}
	list, err := invoke(loaded.arrayOf, args...)
	if err != nil {
		return js.Undefined(), err
	}
	return invoke(loaded.reflectApply, fn, this, list)
}

// IsPrototypeOf reports whether proto is on obj's prototype chain, which is
// what obj instanceof C tests with C.prototype as proto. It asks
// Object.prototype.isPrototypeOf inside a call: an exception from a Proxy's
// getPrototypeOf trap, or a revoked Proxy, then answers false, where
// Value.InstanceOf would end the program. It is false, too, when proto is
// not an object or the runtime lacks the built-in.
func IsPrototypeOf(obj, proto js.Value) bool {
	if Load() != nil || Kind(loaded.isPrototypeOf) != js.TypeFunction || Kind(proto) != js.TypeObject {
		return false
	}
	res, err := apply(loaded.isPrototypeOf, proto, obj)
	return err == nil && Kind(res) == js.TypeBoolean && res.Bool()
}

// ConsoleError reports msg through console.error, or on standard error in
// a runtime without a console (or whose console.error throws). It is for
// failures that have no caller to return to.
func ConsoleError(msg string) {
	if !ConsoleErrorValue(msg) {
		println(msg)
	}
}

// ConsoleErrorValue hands v (a message, or a js.Value such as an exception,
// which the console then shows with its stack) to console.error, and
// reports whether it could: false in a runtime without a console, or when
// console.error throws. console is looked up on every call, through Get,
// as a page may replace it (with an error reporter, say) at any time.
func ConsoleErrorValue(v any) bool {
	console, err := Get(js.Global(), "console")
	if err != nil || Kind(console) != js.TypeObject {
		return false
	}
	_, err = Call(console, "error", v)
	return err == nil
}

// invoke calls fn(args...) and returns the JavaScript exception it threw,
// which reaches Go as a panic carrying a js.Error, as an *Exception; any
// other panic (Value.Type's on a BigInt fn, say) gives "a Go panic in the
// JavaScript bridge". Value.Invoke is safe to recover from: on failure it
// asks only fn's type, and reads no property, unlike Value.Call (see Call).
func invoke(fn js.Value, args ...any) (v js.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = js.Undefined(), caught(p)
		}
	}()
	return fn.Invoke(args...), nil
}
