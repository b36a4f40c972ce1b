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
// The examples are the quickest way to see the package in use.
package closeevent
