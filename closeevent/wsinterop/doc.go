// Package wsinterop gives Go code that uses github.com/coder/websocket the
// typed close of package closeevent, in the browser and on the server.
//
// coder/websocket's browser build loses most of a close: Read returns only
// net.ErrClosed once the peer has closed, wasClean survives only inside an
// error string, and the library's own closes use codes that the browser's
// WebSocket.close() refuses (1001 in CloseNow, 1008 when a Read or Dial
// context ends, 1009, 1011), so they fail with an InvalidAccessError and
// leave the socket open. This package sits beside the library, without
// changing it, and is the only part of closeevent that imports it:
// importing coder/websocket makes a wasm binary much larger (the README
// gives the figure).
//
// The entry points:
//
//   - Err and FromError convert between a closeevent.CloseEvent and the
//     errors coder/websocket uses (websocket.CloseError, websocket.CloseStatus).
//   - StatusCode and Code convert between closeevent.Code and
//     websocket.StatusCode.
//   - Close closes a *websocket.Conn after checking code and reason, so a
//     code the browser would refuse gives a typed error instead of a
//     JavaScript exception.
//   - In the browser (GOOS=js GOARCH=wasm), Dial is websocket.Dial plus a
//     *closeevent.Tracker whose Wait returns the connection's CloseEvent:
//     the exact code, reason and wasClean, even when Dial itself failed (a
//     refused connection gives 1006), and whose Local says whether this
//     program closed it (through Close or coder/websocket's own Close).
//   - Run keeps a connection going: it dials, runs a session while
//     connected and reconnects as a closeevent.Policy says.
//
// # How Dial sees the WebSocket
//
// coder/websocket's browser build constructs its WebSocket synchronously
// inside Dial, before Dial first blocks, by reading globalThis.WebSocket.
// Dial replaces that global for exactly that construction: immediately
// before calling websocket.Dial it installs a revocable Proxy of the
// original constructor whose construct trap (a Go function made with
// js.FuncOf) puts the original back, constructs with Reflect.construct,
// tracks the new instance at once with closeevent.Track, adds the shield
// described below, and returns it. The instance is a genuine WebSocket made by the original
// constructor (same prototype and new.target); while it is installed, the
// Proxy answers everything else as the original does (WebSocket.OPEN and
// the other constants, prototype, name, instanceof, calling it without
// new). Afterwards the global holds the original again and the Proxy is
// revoked, so a reference to it that escaped fails with a TypeError
// instead of calling a released Go function. The global is restored
// whatever happens: at the construction, and again, deferred, when
// websocket.Dial returns, fails before constructing, or panics. Nothing is
// built with eval or new Function, so a page whose Content-Security-Policy
// forbids them can use Dial.
//
// The shield: coder/websocket's own "error" listener reads event.message
// with Value.Get, which wasm_exec.js does not guard. A WebSocket's error
// event is a plain Event with no message, so that read reaches
// Object.prototype, where a page's throwing getter would break the Go
// program. The hook therefore adds an "error" listener of its own first,
// which reads message through internal/jsguard and defines what it read
// (a string, or else undefined, as on a clean page) as an own property of
// the event: coder/websocket's read then runs no page code. Wrapping the
// instance in a Proxy was the alternative; it would make the socket
// coder/websocket holds differ from the one the page and Track see.
//
// Limits of the approach:
//
//   - It relies on how coder/websocket v1.8's Dial works: one synchronous
//     new globalThis.WebSocket(url, protocols) with the URL rewritten from
//     http(s) to ws(s). If a later version caches the constructor, constructs
//     after blocking or rewrites the URL differently, Dial still dials, but
//     the Tracker reports ErrNotTracked; the package's browser tests catch
//     this on upgrade.
//   - Only one construction is captured, and only one with the URL Dial
//     expects. Go runs one goroutine at a time in wasm, but it can switch
//     between the arming and the construction if the dialing goroutine
//     blocks (a garbage collection assist can park it): concurrent Dials are
//     therefore serialised around that window with a mutex (released at
//     the construction, or, if none comes, when websocket.Dial returns),
//     and a construction for another URL is passed through untouched, with
//     the Tracker reporting ErrNotTracked, rather than tracked by mistake.
//   - Other scripts: a wrapper installed before Dial (an analytics or
//     testing library that replaced WebSocket) is the "original" the hook
//     calls, so its instance is the one tracked. If another script
//     replaces globalThis.WebSocket while the hook is installed (only
//     possible from inside the constructor call), its value is left in
//     place rather than overwritten. A page that made the global read-only
//     (Object.freeze, SES lockdown) cannot be hooked: Dial fails with
//     ErrNotTracked without dialing, and websocket.Dial remains usable.
//   - Realms: the hook replaces the WebSocket of the global scope the Go
//     program runs in, which is right in a page and in a dedicated, shared
//     or service worker; sockets made in another realm (an iframe, another
//     worker) are never seen. A runtime without a WebSocket constructor
//     (Node.js 20) makes Dial fail with an error wrapping
//     closeevent.ErrUnsupported.
//   - When new WebSocket throws (a URL the constructor rejects, such as a
//     scheme other than ws or wss; Firefox's SecurityError for a URL the
//     page's CSP forbids), Dial's error carries the exception as text,
//     where websocket.Dial would carry a js.Error. A Fetch "bad port"
//     throws in no engine: Chromium 156 and Firefox fail the connection
//     later (1006), and WebKit fires no close event at all, so Wait needs
//     a context with a deadline (docs/engines.md, "Engines").
//
// # Closing in the browser
//
// WebSocket.close() accepts only 1000 and 3000-4999, so coder/websocket's
// own closes with other codes throw, are reported as errors and leave the
// socket open. Close the connection with this package's Close (for
// example with NormalClosure) rather than (*websocket.Conn).CloseNow, and
// after a Read whose context ended. When Dial fails because its context
// ended, it closes the half-open WebSocket itself, so the Tracker still
// reports the close.
//
// The examples show Go front-end code from dial to reconnect decision.
package wsinterop
