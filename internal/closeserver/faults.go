//go:build !js

package closeserver

// Fault injection, for test runs only.
//
// With Options.Faults the server answers three more endpoints, and only to
// clients on a loopback address (others get HTTP 403):
//
//	GET  /_fault/ws?group=NAME&QUERY   a /ws connection (QUERY is any /ws
//	                                   query) that joins the group NAME
//	POST /_fault/drop?group=NAME       drops every connection of the group
//	                                   NAME; answers 200 "dropped N"
//	GET  /_fault/count?group=NAME      answers 200 "N", the connections of
//	                                   the group the server holds now, its
//	                                   delayed handshakes included
//
// A test counts to know that its connections have reached the server, the
// one still CONNECTING in the browser included, before it drops them all
// at once.
//
// A drop does what the death of the server's process does to its
// connections: each TCP connection is closed at once, without a Close
// frame, whatever it was doing (echoing, closing, stalled), so the browser
// reports 1006, not clean (RFC 6455 section 7.1.5). A connection still in
// its delay loses its TCP connection before any response: the browser's
// opening handshake fails, 1006 again. Groups keep the test packages that
// share one server from dropping each other's connections; a drop ends only
// the connections of its group open at that moment.
//
// The drop is a plain request, not a WebSocket handshake, because Chromium
// opens WebSockets to a host one CONNECTING at a time (docs/engines.md,
// "Engines"): a drop handshake would wait behind the very connection it is
// meant to end while that one is still connecting. A page sends it with fetch as a CORS
// "simple request" (POST, no body, no custom header), so no preflight. So
// that a page from a foreign origin cannot drop anything (cross-site request
// forgery), the drop applies the origin check of the opening handshake
// (coder/websocket's Accept) to the Origin header, which browsers send with
// every POST; an allowed origin gets Access-Control-Allow-Origin, so that
// the page can read the count.
//
// A stalled connection of a group is held for FaultStallLimit instead of
// StallLimit, long enough for a test to watch a browser give up on a
// closing handshake by itself (docs/engines.md, "Engines").
//
// The endpoints exist only when Options.Faults is set: web/server never sets
// it; internal/testing/cmd/withserver sets it with -faults.

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultStallLimit is how long a stalled connection of a fault group is held
// before the server drops it, unless a drop or shutdown ends it first.
const FaultStallLimit = 2 * time.Minute

// errDropped is what delay returns when a drop ends a connection in its
// delay.
var errDropped = errors.New("the connection was dropped by " + FaultDropPath)

// faultGroups tracks the connections of every fault group.
type faultGroups struct {
	mu     sync.Mutex
	groups map[string]map[*faultConn]struct{}
}

// faultConn is one connection of a group.
type faultConn struct {
	mu      sync.Mutex
	dropped chan struct{} // closed by drop
	conn    net.Conn      // the hijacked connection, once Accept made one
}

// join adds a connection to group; leave removes it.
func (g *faultGroups) join(group string) (fc *faultConn, leave func()) {
	fc = &faultConn{dropped: make(chan struct{})}
	g.mu.Lock()
	if g.groups == nil {
		g.groups = map[string]map[*faultConn]struct{}{}
	}
	if g.groups[group] == nil {
		g.groups[group] = map[*faultConn]struct{}{}
	}
	g.groups[group][fc] = struct{}{}
	g.mu.Unlock()
	return fc, func() {
		g.mu.Lock()
		delete(g.groups[group], fc)
		if len(g.groups[group]) == 0 {
			delete(g.groups, group)
		}
		g.mu.Unlock()
	}
}

// drop drops every connection of group and returns how many there were.
func (g *faultGroups) drop(group string) int {
	g.mu.Lock()
	members := make([]*faultConn, 0, len(g.groups[group]))
	for fc := range g.groups[group] {
		members = append(members, fc)
	}
	delete(g.groups, group) // a dropped connection is in no group
	g.mu.Unlock()
	for _, fc := range members {
		fc.drop()
	}
	return len(members)
}

// count returns how many connections group has.
func (g *faultGroups) count(group string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.groups[group])
}

// drop closes the connection's TCP connection if it has one, and makes
// attach close the one it gets later.
func (fc *faultConn) drop() {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	select {
	case <-fc.dropped:
		return
	default:
	}
	close(fc.dropped)
	if fc.conn != nil {
		fc.conn.Close()
	}
}

// attach records the hijacked connection, closing it at once if the
// connection was dropped before Accept returned.
func (fc *faultConn) attach(conn net.Conn) {
	if fc == nil || conn == nil {
		return
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.conn = conn
	select {
	case <-fc.dropped:
		conn.Close()
	default:
	}
}

// droppedChan is the channel closed by drop; nil (never ready) for a
// connection outside any group.
func (fc *faultConn) droppedChan() <-chan struct{} {
	if fc == nil {
		return nil
	}
	return fc.dropped
}

// faultAllowed answers the requests a fault endpoint refuses: a method
// other than method (405) and clients not on a loopback address (403). It
// reports whether the request may go on.
func faultAllowed(w http.ResponseWriter, r *http.Request, method, why string) bool {
	if r.Method != method {
		w.Header().Set("Allow", method)
		http.Error(w, r.Method+" is not allowed on "+r.URL.Path+": "+why, http.StatusMethodNotAllowed)
		return false
	}
	if !loopbackClient(r) {
		http.Error(w, "the fault endpoints answer clients on a loopback address only", http.StatusForbidden)
		return false
	}
	return true
}

// loopbackClient reports whether the request came from a loopback address.
func loopbackClient(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveFaultWS is /_fault/ws: /ws for a connection that joins a group.
func (s *Server) serveFaultWS(w http.ResponseWriter, r *http.Request) {
	if !faultAllowed(w, r, http.MethodGet, "a WebSocket opening handshake is a GET request (RFC 6455 section 4.1)") {
		return
	}
	group, rest, err := SplitGroup(r.URL.RawQuery)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	plan, err := ParseQuery(rest)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	fc, leave := s.faults.join(group)
	defer leave()
	s.serveSocket(w, r, plan, fc)
}

// serveFaultDrop is /_fault/drop: it drops the group and answers
// "dropped N".
func (s *Server) serveFaultDrop(w http.ResponseWriter, r *http.Request) {
	if group, ok := s.faultRequest(w, r, http.MethodPost, "a drop is a POST request"); ok {
		io.WriteString(w, "dropped "+strconv.Itoa(s.faults.drop(group))+"\n")
	}
}

// serveFaultCount is /_fault/count: it answers how many connections the
// group has.
func (s *Server) serveFaultCount(w http.ResponseWriter, r *http.Request) {
	if group, ok := s.faultRequest(w, r, http.MethodGet, "a count is a GET request"); ok {
		io.WriteString(w, strconv.Itoa(s.faults.count(group))+"\n")
	}
}

// faultRequest checks a request to /_fault/drop or /_fault/count: the
// method, a loopback client, a query of group=NAME alone, an allowed
// origin. It answers a refusal itself; otherwise it sets the headers of a
// plain-text answer the page may read (CORS) and returns the group.
func (s *Server) faultRequest(w http.ResponseWriter, r *http.Request, method, why string) (group string, ok bool) {
	if !faultAllowed(w, r, method, why) {
		return "", false
	}
	group, rest, err := SplitGroup(r.URL.RawQuery)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return "", false
	}
	if rest != "" {
		http.Error(w, "bad "+r.URL.Path+" query: it takes group=NAME and nothing else", http.StatusBadRequest)
		return "", false
	}
	if err := s.checkOrigin(r); err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return "", false
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		w.Header().Set("Access-Control-Allow-Origin", origin)
	}
	w.Header().Add("Vary", "Origin")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	return group, true
}

// checkOrigin applies to r the origin check websocket.Accept applies to an
// opening handshake (coder/websocket, accept.go, authenticateOrigin), with
// the same OriginPatterns: a request without Origin (not from a browser
// page) passes; so does one whose Origin has the request's host, or a host
// (or "scheme://host", when the pattern has "://") that a pattern matches,
// case-insensitively.
func (s *Server) checkOrigin(r *http.Request) error {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return nil
	}
	u, err := url.Parse(origin)
	if err != nil {
		return errors.New("cannot parse the Origin header " + quote(origin))
	}
	if strings.EqualFold(r.Host, u.Host) {
		return nil
	}
	for _, pattern := range s.accept.OriginPatterns {
		target := u.Host
		if strings.Contains(pattern, "://") {
			target = u.Scheme + "://" + u.Host
		}
		// New checked every pattern, so Match cannot fail here.
		if ok, _ := path.Match(strings.ToLower(pattern), strings.ToLower(target)); ok {
			return nil
		}
	}
	return errors.New("request Origin " + quote(origin) + " may not drop connections on " + quote(r.Host) +
		"; allow it with Options.OriginPatterns (withserver -origins)")
}
