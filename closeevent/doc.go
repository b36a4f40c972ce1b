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
// Browsers differ from the specifications and from each other (measured
// in Chromium 156, Firefox 153 ESR and WebKitGTK 2.50; docs/compat.md has
// the whole table). The differences that matter to users:
//
//   - WebKit fails the connection (1006, not clean) when a server sends
//     1012, 1013 or 1014: a server that must reach WebKit clients should
//     not send them.
//   - close(undefined, reason): the specification accepts it, Chromium
//     throws InvalidAccessError, and Firefox and WebKit send a Close frame
//     without a status, so the peer sees 1005 and the reason is lost. Pass
//     NormalClosure explicitly.
//   - Fractional codes: the specification rounds (close(999.7) is 1000);
//     Chromium and WebKit drop the fraction (999, which throws).
//   - WebKit fires no close event for a connection to a Fetch "bad port"
//     or past its limit of about 199 sockets per page (Chromium allows
//     255, Firefox 200): give Next a context with a deadline.
//   - new CloseEvent keeps a lone surrogate in the reason in Chromium and
//     Firefox; the specification (USVString) and WebKit replace it.
//
// The examples are the quickest way to see the package in use.
package closeevent
