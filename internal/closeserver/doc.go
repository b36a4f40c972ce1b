// Package closeserver is the local server behind closeshim's demo pages and
// browser tests: it serves a directory of static files and a WebSocket
// endpoint, /ws, that closes each connection in the way its query asks, so
// that a page can observe every kind of close event a browser reports.
//
// The /ws query is the contract pages and tests rely on; ParseQuery documents
// it in full and Plan.Query builds it. In short:
//
//	/ws                          echo every message until the client closes
//	/ws?close=4001&reason=bye    send Close 4001 "bye", finish the handshake
//	/ws?close=none               send a Close frame without a status (1005)
//	/ws?abort=1                  drop the TCP connection, no Close frame (1006)
//	/ws?close=1000&delay=500     answer the handshake 500 ms late, then close
//	/ws?stall=1                  never answer the client's Close frame
//	/ws?close=4001&wait=1        close once the client sends a message
//	/ws?refuse=403               refuse the handshake with HTTP 403 (1006)
//	/ws?close=1012&key=K&times=1 close the first connection of key K with
//	                             1012, echo on later ones (a restart)
//
// A query that breaks the contract gets HTTP 400 with a plain-text reason,
// before any upgrade. The server also caps concurrent WebSockets
// (DefaultMaxConns) and message sizes (ReadLimit), admits cross-origin
// pages only through Options.OriginPatterns, and puts a
// Content-Security-Policy (DefaultContentSecurityPolicy), nosniff and
// no-referrer on every response. Static files come with an ETag (304 to a
// matching If-None-Match), brotli or gzip when the client accepts it, and
// Cache-Control no-cache, or a year's immutable caching for a URL whose
// ?v= is the file's FileVersion (files.go); every other response is
// no-store.
//
// For test runs only, Options.Faults adds /_fault/ws, /_fault/drop and
// /_fault/count (faults.go): connections in a named group, a POST that
// drops the whole group at once without Close frames, as a server that
// dies would, and a count of the group.
// They answer loopback clients only, pass the same origin check, and are
// off unless asked for: web/server never turns them on; withserver -faults
// does.
//
// Three entry points:
//
//   - New builds a Server, an http.Handler; Server.Serve runs it on a
//     listener until a context ends. The command web/server is a thin
//     wrapper around them.
//   - ParseQuery and Plan (portable, also in GOOS=js builds) parse and build
//     /ws queries; WebSocketURL turns the server's base URL into a /ws URL.
//   - EnvServerURL names the variable through which internal/testing/cmd/withserver
//     hands the running server's URL to the tests it starts; EnvFaults and
//     EnvClosedURL say whether the fault endpoints are on and where nothing
//     listens (for connection-refused tests).
//
// The server side needs net/http hijacking and coder/websocket's Accept, so
// it builds only where GOOS is not js.
package closeserver
