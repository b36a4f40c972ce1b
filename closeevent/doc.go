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
//   - CloseEvent is the event as a plain value, with no JavaScript inside.
//
// Built with GOOS=js GOARCH=wasm, the package also reads JavaScript close
// events into CloseEvent values (FromJS), creates native ones (New), and
// listens for them (OnClose, Next), turning every JavaScript failure into
// a Go error instead of a panic.
//
// Browsers differ from the specifications and from each other in a few
// places that the doc comments name where they matter; the most visible is
// that WebKitGTK fails the connection (1006) when a server sends 1012-1014.
//
// The examples are the quickest way to see the package in use.
package closeevent
