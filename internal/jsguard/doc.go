//go:build js && wasm

// Package jsguard holds the module's rules for touching JavaScript values
// that a page handed over: values it may have made hostile with throwing
// getters, Proxy traps, revoked Proxies, BigInts or exceptions that refuse
// to become text. Package closeevent, its wsinterop and the shim in wasm/
// all follow these rules by calling this package; none re-derives them.
//
// Why calls only. wasm_exec.js catches a JavaScript exception only around a
// call (Value.Call, Invoke, New), where it becomes a Go panic carrying a
// js.Error that a recover can turn into an error. An exception thrown while
// Go runs Value.Get, Set, Index or InstanceOf is not caught there: it
// unwinds through the wasm stack and ends the Go program, and no recover
// (nor safejs) can stop it (docs/engines.md, "wasm_exec.js and syscall/js"). So:
//
//   - Get reads a property with Reflect.get, not Value.Get;
//   - Call calls a method with Reflect.apply, not Value.Call, which, when
//     the call throws, reads the method again with Value.Get to word its
//     panic, and so ends the program on a revoked Proxy after all;
//   - IsPrototypeOf asks Object.prototype.isPrototypeOf, not InstanceOf;
//   - an exception becomes text through String(x) inside a call
//     (DescribeThrown, Exception, Thrown, PanicText), never through
//     js.Error.Error, which reads the exception's message with Value.Get;
//   - Kind is Value.Type without its panic: Value.Type panics "bad type
//     flag" on a BigInt (docs/engines.md, "wasm_exec.js and syscall/js"), so a value a
//     page handed over is never asked for its Type directly;
//   - Describe and FormatNumber say what a value is in error messages,
//     reading only what Type, Bool, Float and String read, which runs no
//     JavaScript code.
//
// ConsoleError reports what has no caller to return to, through the
// page's current console.error.
//
// Why so little. Package closeevent has a size budget (`make size`), so
// this package uses neither fmt.Errorf nor errors.As nor errors.Join (about
// 40 KB of gzip between them; see closeevent/errors.go), builds its errors
// from strings, and runs no JavaScript at start-up: the built-ins it calls
// are read on first use (Load).
package jsguard
