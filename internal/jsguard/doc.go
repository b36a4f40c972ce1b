//go:build js && wasm

// Package jsguard is the module's one layer between Go and a page's
// JavaScript: the only package that makes the syscall/js operations that
// can throw, or that read again after a throw. Package closeevent, its
// wsinterop and the shim in wasm/ touch JavaScript values only through it,
// and keep no built-ins of their own; `make check` enforces that with
// internal/testing/cmd/jsguardcheck, which names the function here to use
// instead of each forbidden operation.
//
// What wasm_exec.js guards. It runs three operations inside a try block:
// valueCall (Value.Call), valueInvoke (Value.Invoke) and valueNew
// (Value.New). An exception there reaches Go as a panic carrying a
// js.Error, which a recover can turn into an error. Everything else it
// runs unguarded: valueGet, valueSet, valueDelete, valueIndex,
// valueSetIndex, valueLength, valueInstanceOf, valuePrepareString,
// copyBytesToGo and copyBytesToJS, and its own bookkeeping (storing a
// value, freeing a reference). An exception thrown there unwinds through
// the wasm stack: no recover (nor safejs) can stop it, and the Go program
// is broken (docs/engines.md, "wasm_exec.js and syscall/js"). Even the
// guarded three are not safe as syscall/js wraps them: Value.Call, when
// its call throws, reads the method again with Value.Get to word its
// panic.
//
// So every function here makes only Value.Invoke and Value.New, under a
// recover, and never Value.Call:
//
//   - Get reads with Reflect.get (GetBoxed, for a hot reader, the same);
//     Call reads the method once with Get and calls it with Apply, which is
//     Reflect.apply; Invoke, Construct (Value.New) and ConstructWith
//     (Reflect.construct) call directly, as their failure paths read no
//     property.
//   - Set is Reflect.set, Define is Reflect.defineProperty with a
//     descriptor that has no prototype, NullObject makes an object without
//     one (Object.create(null)), RevocableProxy is Proxy.revocable.
//   - Array is Array.of and Object is JSON.parse or Object.fromEntries:
//     they define elements and properties instead of assigning them, so no
//     setter a page put on Array.prototype or Object.prototype runs, as it
//     would with js.ValueOf of a slice or map (SetIndex and Set, unguarded).
//     Invoke and Construct refuse a Go slice or map as an argument for that
//     reason.
//   - IsPrototypeOf asks Object.prototype.isPrototypeOf instead of
//     Value.InstanceOf; Kind is Value.Type without its panic on a BigInt.
//   - ToNumber, ToString and ToBoolean convert inside calls to Math.max,
//     String.prototype.concat and Boolean, where a page's valueOf or
//     toString may run and throw.
//   - FuncOf is js.FuncOf under a recover: js.FuncOf calls into
//     JavaScript with an argument, which fails while a page has a setter
//     on an index of Array.prototype.
//   - An exception becomes text through String(x) inside a call
//     (DescribeThrown, Exception, Thrown, PanicText), never through
//     js.Error.Error, which reads its message with Value.Get.
//   - Describe and FormatNumber say what a value is in error messages,
//     reading only what Type, Bool, Float and String read, which runs no
//     page code.
//
// What it cannot guard: the names wasm_exec.js itself reads and writes on
// ordinary objects ("result" on the event object of every call into Go,
// push and pop, and the indices they write, on its pool of value ids), and
// a built-in a page replaced before Load read it: Load reads them once,
// the first time any function here needs one, and keeps them. Package
// closeevent's doc states the resulting promise.
//
// ConsoleError reports what has no caller to return to, through the
// page's current console.error.
//
// Why so little. Package closeevent has a size budget (`make size`), so
// this package uses neither fmt.Errorf nor errors.As nor errors.Join (see
// closeevent/errors.go), builds its errors from strings, and runs no
// JavaScript at start-up: the built-ins it calls are read on first use
// (Load).
package jsguard
