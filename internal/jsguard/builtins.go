//go:build js && wasm

package jsguard

import (
	"sync"
	"syscall/js"
)

// builtins are the JavaScript functions the package calls, read from
// globalThis once, on first use. They are the module's only cache of
// built-ins: closeevent, wsinterop and the shim call these through the
// package's functions and keep none of their own.
type builtins struct {
	reflectGet       js.Value // Reflect.get
	reflectApply     js.Value // Reflect.apply
	reflectSet       js.Value // Reflect.set
	reflectConstruct js.Value // Reflect.construct
	reflectDefine    js.Value // Reflect.defineProperty
	arrayOf          js.Value // Array.of
	fromEntries      js.Value // Object.fromEntries
	objectCreate     js.Value // Object.create
	isPrototypeOf    js.Value // Object.prototype.isPrototypeOf
	jsonParse        js.Value // JSON.parse
	toString         js.Value // String
	concat           js.Value // String.prototype.concat
	mathMax          js.Value // Math.max
	boolean          js.Value // Boolean
	proxyRevocable   js.Value // Proxy.revocable
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

// Load reads the built-ins the package calls from globalThis, the first
// time it is called; later calls return the first call's result, as do
// the functions that call it. Callers call Load at their entry points to
// report a runtime that cannot work at all.
//
// The error says what is missing, "no Reflect object" or "no Reflect.get",
// without saying where, for the caller to put in its own words (package
// closeevent wraps it in ErrUnsupported). Any other built-in is no error
// when missing: the functions that need it fail with "no NAME in this
// runtime" (see need), and DescribeThrown and IsPrototypeOf give their
// fallback answers.
//
// Reflect itself, and Reflect.get, are the only values read with Value.Get:
// something has to be read before Reflect.get can be called, and the global
// object is the runtime's own. A page that put a throwing getter there
// would end the program here; it breaks itself at least as badly. What a
// page replaces before Load runs is what Load keeps: the package doc says
// what that means for the promise.
func Load() error {
	loadOnce.Do(readBuiltins) // a named function: Load is inlined, a closure would be copied
	return loadErr
}

// readBuiltins is what loadOnce runs.
func readBuiltins() { loadErr = loaded.read() }

// paths says where each built-in is, from globalThis.
func (b *builtins) paths() [14]struct {
	dst  *js.Value
	path [3]string
} {
	return [...]struct {
		dst  *js.Value
		path [3]string
	}{
		{&b.reflectApply, [3]string{"Reflect", "apply"}},
		{&b.reflectSet, [3]string{"Reflect", "set"}},
		{&b.reflectConstruct, [3]string{"Reflect", "construct"}},
		{&b.reflectDefine, [3]string{"Reflect", "defineProperty"}},
		{&b.arrayOf, [3]string{"Array", "of"}},
		{&b.fromEntries, [3]string{"Object", "fromEntries"}},
		{&b.objectCreate, [3]string{"Object", "create"}},
		{&b.isPrototypeOf, [3]string{"Object", "prototype", "isPrototypeOf"}},
		{&b.jsonParse, [3]string{"JSON", "parse"}},
		{&b.toString, [3]string{"String"}},
		{&b.concat, [3]string{"String", "prototype", "concat"}},
		{&b.mathMax, [3]string{"Math", "max"}},
		{&b.boolean, [3]string{"Boolean"}},
		{&b.proxyRevocable, [3]string{"Proxy", "revocable"}},
	}
}

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
	// for this very Load. A failed read, or a value that is not a
	// function, leaves undefined.
	for _, p := range b.paths() {
		v := global
		for _, name := range p.path {
			if name == "" {
				break
			}
			var err error
			if v, err = invoke(b.reflectGet, v, name); err != nil {
				v = js.Undefined()
				break
			}
		}
		if Kind(v) != js.TypeFunction {
			v = js.Undefined()
		}
		*p.dst = v
	}
	return nil
}

// need returns Load's error, or "no NAME in this runtime" when the
// built-in *f, named name, is missing. f is a pointer: the built-in is
// read after Load has filled it.
func need(f *js.Value, name string) error {
	if err := Load(); err != nil {
		return err
	}
	if Kind(*f) != js.TypeFunction {
		return textError("no " + name + " in this runtime")
	}
	return nil
}

// Get returns obj[key] by calling Reflect.get(obj, key), so that a getter or
// Proxy trap that throws, or a revoked Proxy, gives an error instead of
// ending the program as Value.Get would. key is a Go string, an int (an
// array index) or a js.Value (a JavaScript string made once, or a Symbol).
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

// GetBoxed is Get for a reader that reads many properties of one object on
// a hot path (package closeevent's FromJS): obj is the object already boxed
// in an interface, once for all its reads, and key a boxed js.Value. It
// panics where Get returns an error, with the *Exception or Load's error,
// so that one deferred recover can cover every read; the caller must
// recover.
func GetBoxed(obj, key any) js.Value {
	if err := Load(); err != nil {
		panic(err)
	}
	v, err := invoke(loaded.reflectGet, obj, key)
	if err != nil {
		panic(err)
	}
	return v
}

// Call calls obj[method](args...) and returns its result; the error is an
// *Exception holding what it threw (or what reading the method threw), or
// Load's error.
//
// It does not use Value.Call, although wasm_exec.js runs that inside a try
// block: when the call throws, syscall/js reads obj[method] again with
// Value.Get to word its panic (syscall/js, Value.Call), outside any try
// block, so a revoked Proxy, a Proxy whose get trap throws or a method
// getter that throws ends the program there after all (docs/engines.md,
// "wasm_exec.js and syscall/js"). Call reads the method once, with Get, and
// calls it with Reflect.apply through Value.Invoke, whose failure path
// reads no property. A method that is not a function gives Reflect.apply's
// TypeError.
func Call(obj js.Value, method string, args ...any) (js.Value, error) {
	m, err := Get(obj, method)
	if err != nil {
		return js.Undefined(), err
	}
	return Apply(m, obj, args...)
}

// Apply calls fn with this and args, as Reflect.apply(fn, this, args) with
// the arguments made into an array by Array.of, which defines its elements
// instead of assigning them, so no setter a page put on Array.prototype
// runs (js.ValueOf of a slice assigns them with SetIndex).
func Apply(fn, this js.Value, args ...any) (js.Value, error) {
	if err := need(&loaded.reflectApply, "Reflect.apply"); err != nil {
		return js.Undefined(), err
	}
	list, err := Array(args...)
	if err != nil {
		return js.Undefined(), err
	}
	return invoke(loaded.reflectApply, fn, this, list)
}

// Invoke calls fn(args...) with this undefined and returns its result or
// an *Exception holding what it threw. fn may be anything: a value that is
// not a function gives an error, not a panic.
//
// Each argument must be a string, a number, a bool, nil or a js.Value
// (a js.Func among them): a Go slice or map would cross through js.ValueOf,
// which builds it by assignment and so runs a page's setters outside any
// try block. Invoke refuses one with an error; build it with Array or
// Object.
func Invoke(fn js.Value, args ...any) (js.Value, error) {
	if err := checkArgs(args); err != nil {
		return js.Undefined(), err
	}
	return invoke(fn, args...)
}

// Construct returns new ctor(args...), or an *Exception holding what the
// constructor threw; the arguments follow Invoke's rule. Value.New is safe
// to recover from: on failure it asks only ctor's type and reads no
// property.
func Construct(ctor js.Value, args ...any) (v js.Value, err error) {
	if err := checkArgs(args); err != nil {
		return js.Undefined(), err
	}
	defer func() {
		if p := recover(); p != nil {
			v, err = js.Undefined(), caught(p)
		}
	}()
	return ctor.New(args...), nil
}

// ConstructWith returns Reflect.construct(target, list, newTarget): a
// construction with an arguments array already made (a Proxy's construct
// trap receives one) and an explicit new.target.
func ConstructWith(target, list, newTarget js.Value) (js.Value, error) {
	if err := need(&loaded.reflectConstruct, "Reflect.construct"); err != nil {
		return js.Undefined(), err
	}
	return invoke(loaded.reflectConstruct, target, list, newTarget)
}

// checkArgs refuses the arguments js.ValueOf would build by assignment.
func checkArgs(args []any) error {
	for _, a := range args {
		switch a.(type) {
		case []any, map[string]any:
			return textError("a Go slice or map passed to JavaScript (build it with jsguard.Array or jsguard.Object)")
		}
	}
	return nil
}

// Set does obj[key] = v through Reflect.set, and fails when the assignment
// did not take effect (Reflect.set returns false for a read-only property)
// or threw. A setter on obj's prototype chain runs, as for any assignment:
// Set is for objects whose own property is known to exist or that have no
// prototype; to add a property to any other object, use Define.
func Set(obj js.Value, key string, v any) error {
	if err := need(&loaded.reflectSet, "Reflect.set"); err != nil {
		return err
	}
	ok, err := invoke(loaded.reflectSet, obj, key, v)
	if err != nil {
		return err
	}
	if Kind(ok) != js.TypeBoolean || !ok.Bool() {
		return textError("the property " + key + " is read-only")
	}
	return nil
}

// Define makes v the value of obj's own property key, writable, enumerable
// and configurable, with Reflect.defineProperty and a descriptor that has
// no prototype: no setter or getter a page put on a prototype runs, neither
// obj's nor the descriptor's. It fails when obj refuses (it is frozen, or
// key is a non-configurable property) or throws (a Proxy's trap).
func Define(obj js.Value, key string, v any) error {
	if err := need(&loaded.reflectDefine, "Reflect.defineProperty"); err != nil {
		return err
	}
	desc, err := NullObject("value", v, "writable", true, "enumerable", true, "configurable", true)
	if err != nil {
		return err
	}
	ok, err := invoke(loaded.reflectDefine, obj, key, desc)
	if err != nil {
		return err
	}
	if Kind(ok) != js.TypeBoolean || !ok.Bool() {
		return textError("the object refused to define " + key)
	}
	return nil
}

// NullObject returns a new object with no prototype and the given own
// properties: pairs alternates names (strings) and values. Having no
// prototype, it inherits nothing a page put on Object.prototype, which is
// what a Proxy handler or a property descriptor needs (the engine reads
// their optional members through the prototype chain).
func NullObject(pairs ...any) (js.Value, error) {
	if err := need(&loaded.objectCreate, "Object.create"); err != nil {
		return js.Undefined(), err
	}
	obj, err := invoke(loaded.objectCreate, nil)
	if err != nil {
		return js.Undefined(), err
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		name, _ := pairs[i].(string)
		// With no prototype, an assignment defines an own property.
		if err := Set(obj, name, pairs[i+1]); err != nil {
			return js.Undefined(), err
		}
	}
	return obj, nil
}

// Array returns a new JavaScript array of items, made by Array.of, which
// defines its elements instead of assigning them. The items follow
// Invoke's rule.
func Array(items ...any) (js.Value, error) {
	if err := need(&loaded.arrayOf, "Array.of"); err != nil {
		return js.Undefined(), err
	}
	return Invoke(loaded.arrayOf, items...)
}

// RevocableProxy returns Proxy.revocable(target, handler)'s proxy and
// revoke function.
func RevocableProxy(target, handler js.Value) (proxy, revoke js.Value, err error) {
	if err := need(&loaded.proxyRevocable, "Proxy.revocable"); err != nil {
		return js.Undefined(), js.Undefined(), err
	}
	pair, err := invoke(loaded.proxyRevocable, target, handler)
	if err != nil {
		return js.Undefined(), js.Undefined(), err
	}
	if proxy, err = Get(pair, "proxy"); err != nil {
		return js.Undefined(), js.Undefined(), err
	}
	if revoke, err = Get(pair, "revoke"); err != nil {
		return js.Undefined(), js.Undefined(), err
	}
	return proxy, revoke, nil
}

// FuncOf is js.FuncOf made safe to call on a hostile page: it returns an
// error where js.FuncOf panics. js.FuncOf makes its function by calling
// the Go instance's _makeFuncWrapper with one argument, and wasm_exec.js
// puts call arguments into a new Array(n) by assignment, so a setter a page
// put on Array.prototype[0] throws there (docs/engines.md, "wasm_exec.js and
// syscall/js"); the call is guarded, so the failure reaches Go as a panic
// that FuncOf recovers.
//
// The error is an *Exception holding what was thrown, whose text says so.
//
// fn's result reaches JavaScript through js.ValueOf and an assignment of
// "result" to wasm_exec.js's own event object: it must be a string, a
// number, a bool, nil or a js.Value, never a Go slice or map.
func FuncOf(fn func(this js.Value, args []js.Value) any) (f js.Func, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = js.Func{Value: js.Undefined()}, caught(p)
			if e, ok := err.(*Exception); ok {
				e.text, e.fixed = funcOfText(e.Value), true
			}
		}
	}()
	return js.FuncOf(fn), nil
}

// funcOfText is the text of what js.FuncOf threw. Where String(v) fails
// too, which is what the page FuncOf describes makes of every call, the
// text names the likely cause rather than the exception.
func funcOfText(v js.Value) string {
	if Load() == nil && Kind(loaded.toString) == js.TypeFunction {
		if s, err := invoke(loaded.toString, v); err == nil && Kind(s) == js.TypeString {
			return "js.FuncOf threw " + s.String()
		}
	}
	return "js.FuncOf threw: a setter on an index of Array.prototype breaks calls"
}

// IsPrototypeOf reports whether proto is on obj's prototype chain, which is
// what obj instanceof C tests with C.prototype as proto. It asks
// Object.prototype.isPrototypeOf inside a call: an exception from a Proxy's
// getPrototypeOf trap, or a revoked Proxy, then answers false, where
// Value.InstanceOf would end the program. It is false, too, when proto is
// not an object or the runtime lacks the built-in.
func IsPrototypeOf(obj, proto js.Value) bool {
	if Load() != nil || Kind(proto) != js.TypeObject {
		return false
	}
	res, err := Apply(loaded.isPrototypeOf, proto, obj)
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
