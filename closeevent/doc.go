// Package closeevent turns the browser's CloseEvent, what a WebSocket fires
// when it closes, into typed, validated Go values.
//
// The portable part builds on every platform, so servers and front ends
// share one set of rules:
//
//   - Code is a close code with the IANA registry's constants, its block of
//     the code space (Range), its meaning (Description) and the predicates
//     that matter in practice: Sendable (WebSocket.close() accepts it),
//     ValidOnWire (a peer may send it) and Retryable (reconnecting may help).
//   - ValidateClose says, in Go, whether WebSocket.close(code, reason) would
//     throw and with which DOMException; TruncateReason shortens a reason to
//     the 123 bytes the browser allows, counting bytes as the browser does.
//   - ParseClosePayload and FormatClosePayload read and build the body of
//     a Close frame as RFC 6455 allows it, for servers and proxies; a
//     received body that breaks the rules gives a *FrameError carrying the
//     status to fail the connection with.
//   - CloseEvent is the event as a plain value, with no JavaScript inside.
//   - ShouldReconnect says whether to reconnect after a close, given who
//     closed the socket; Policy holds a reconnect policy (a capped,
//     jittered exponential backoff, an attempt cap, a stability time) and
//     Policy.Delay draws its waits.
//
// Built with GOOS=js GOARCH=wasm, the package also reads JavaScript close
// events into CloseEvent values (FromJS), creates native ones (New), and
// listens for them (OnClose, Next), turning every JavaScript failure into
// a Go error instead of a panic. Track follows one WebSocket to its close
// and tells whether this program closed it (Tracker.Local), and
// Policy.Run keeps a connection going, reconnecting as the close says.
// `go doc` shows this half only with GOOS=js GOARCH=wasm set.
//
// Browsers differ from the specifications and from each other. The
// package follows the specifications; docs/engines.md, "Engines", says
// where each engine differs, measured and dated, and docs/compat.md has
// the whole table. What that means for code using the package:
//
//   - A server that must reach every engine should not send 1012, 1013 or
//     1014, although they are valid.
//   - Give WebSocket.close() a code whenever it has a reason: engines
//     disagree on close(undefined, reason).
//   - Pass whole numbers as codes: engines disagree on fractions.
//   - Give Next a context with a deadline: an engine may fire no close
//     event at all for a failed connection.
//   - A reason read from a CloseEvent made by a script may hold a lone
//     surrogate in some engines.
//
// # Hostile pages
//
// What a page does to JavaScript does not end the Go program: FromJS, New,
// OnClose, Next, Track and its Tracker, Policy.Run, wsinterop's Dial, Run
// and Close, and the shim's JS API return an error (or throw, for the JS
// API) instead. Exactly:
//
//   - Every value a page hands over, and every object the module builds,
//     is touched only through calls that wasm_exec.js runs inside a try
//     block (internal/jsguard's doc lists them). Throwing getters, setters
//     and Proxy traps, revoked Proxies, BigInts and exceptions that refuse
//     to become text give errors that wrap the exception.
//   - Getters and setters a page puts on Object.prototype, Array.prototype
//     and Function.prototype do not change results: objects and
//     dictionaries are built by defining properties, never by assignment,
//     and the module reads no property that a native CloseEvent, or an
//     object that has its fields as own data properties, does not have.
//     Such an event reads exactly as on a clean page, and New returns the
//     event whenever the page's own new CloseEvent with the same members
//     succeeds. coder/websocket's own error listener, which reads
//     event.message unguarded, is shielded by wsinterop's hook.
//   - A setter on an index of Array.prototype (or Object.prototype) makes
//     every call from Go that passes arguments fail, js.FuncOf's among
//     them: the entry points that make a function return an error.
//
// Not guaranteed, because the break is in Go's runtime (wasm_exec.js and
// syscall/js) or precedes the module:
//
//   - the names wasm_exec.js itself writes or reads on ordinary objects:
//     "result" on the event object of every call from JavaScript into Go,
//     push and pop, and the indices they write, on its pool of value ids
//     (so an index setter on Array.prototype ends the program as soon as
//     Go reads a string or a reference is freed), and its own fields on
//     the Go instance;
//   - a page that replaced Reflect, Reflect.get or any other built-in the
//     module uses (Array.of, JSON.parse, Object.fromEntries, ...) before
//     the module first read it: the module keeps what it read then;
//   - Symbol-keyed hooks such as Array.prototype[Symbol.iterator], which
//     Object.fromEntries runs when an object's values are not JSON's;
//   - what the page's own code does with the values it gets back.
//
// The examples are the quickest way to see the package in use.
package closeevent
