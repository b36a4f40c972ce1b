//go:build !js

package closeserver

// Restarts, for test runs only (Options.Faults, loopback clients, the
// origin check of the other fault endpoints):
//
//	POST /_fault/listen                  opens a listener of its own on a
//	                                     free port of 127.0.0.1 that serves
//	                                     this same server; answers 200 with
//	                                     its base URL, "http://127.0.0.1:PORT"
//	POST /_fault/restart?port=P&down=MS  restarts the listener on port P as
//	                                     a server process restart would: the
//	                                     listener is closed and every TCP
//	                                     connection it accepted (HTTP and
//	                                     WebSocket alike) is dropped without
//	                                     a Close frame; for MS milliseconds
//	                                     (0 to MaxRestartDown) the port
//	                                     refuses connections; then the same
//	                                     port serves again. Answers 200
//	                                     "restarted N" (the connections
//	                                     dropped) once it serves again.
//
// A listener of its own keeps a restart from ending the connections of the
// other tests that share this server, and keeps an engine's penalty on a
// host and port whose connections just failed (Firefox waits longer and
// longer before dialling it again; internal/testing/enginetable) on that
// port alone. The listeners end with the server.

import (
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

const (
	// FaultListenPath takes a POST that opens a restartable listener.
	FaultListenPath = "/_fault/listen"
	// FaultRestartPath takes a POST that restarts one.
	FaultRestartPath = "/_fault/restart"
	// MaxRestartDown is the longest a restart may keep its port down.
	MaxRestartDown = 10 * time.Second
	// MaxFaultListeners caps the restartable listeners a server opens.
	MaxFaultListeners = 64
)

// restartables are a server's restartable listeners, by port.
type restartables struct {
	mu    sync.Mutex
	ports map[int]*restartable
	done  bool
}

// restartable is one listener and the connections it accepted.
type restartable struct {
	mu    sync.Mutex
	addr  string
	hs    *http.Server
	conns map[net.Conn]struct{}
}

// trackingListener records every connection it accepts in r.
type trackingListener struct {
	net.Listener
	r *restartable
}

func (l trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := &trackedConn{Conn: c, r: l.r}
	l.r.mu.Lock()
	l.r.conns[tc] = struct{}{}
	l.r.mu.Unlock()
	return tc, nil
}

// trackedConn leaves its listener's set when closed.
type trackedConn struct {
	net.Conn
	r    *restartable
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.r.mu.Lock()
		delete(c.r.conns, c)
		c.r.mu.Unlock()
	})
	return c.Conn.Close()
}

// start serves s on a fresh listener at r.addr.
func (r *restartable) start(s *Server) error {
	ln, err := net.Listen("tcp", r.addr)
	if err != nil {
		return err
	}
	r.addr = ln.Addr().String()
	hs := &http.Server{Handler: s, ReadHeaderTimeout: readHeaderTimeout}
	r.mu.Lock()
	r.hs = hs
	r.mu.Unlock()
	go hs.Serve(trackingListener{Listener: ln, r: r})
	return nil
}

// stop closes the listener and drops every connection it accepted; it
// returns how many it dropped.
func (r *restartable) stop() int {
	r.mu.Lock()
	hs := r.hs
	conns := make([]net.Conn, 0, len(r.conns))
	for c := range r.conns {
		conns = append(conns, c)
	}
	r.mu.Unlock()
	if hs != nil {
		hs.Close() // closes the listener and the connections net/http still owns
	}
	for _, c := range conns { // the hijacked ones too
		c.Close()
	}
	return len(conns)
}

// serveFaultListen is /_fault/listen.
func (s *Server) serveFaultListen(w http.ResponseWriter, r *http.Request) {
	if !s.faultPlain(w, r, "a listen is a POST request") {
		return
	}
	if r.URL.RawQuery != "" {
		http.Error(w, "bad "+FaultListenPath+" query: it takes none", http.StatusBadRequest)
		return
	}
	s.restarts.mu.Lock()
	defer s.restarts.mu.Unlock()
	if s.restarts.done {
		http.Error(w, "the server is shutting down", http.StatusServiceUnavailable)
		return
	}
	if len(s.restarts.ports) >= MaxFaultListeners {
		http.Error(w, "the server already has "+strconv.Itoa(MaxFaultListeners)+" listeners of "+FaultListenPath, http.StatusServiceUnavailable)
		return
	}
	rl := &restartable{addr: "127.0.0.1:0", conns: map[net.Conn]struct{}{}}
	if err := rl.start(s); err != nil {
		http.Error(w, "cannot listen: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if s.restarts.ports == nil {
		s.restarts.ports = map[int]*restartable{}
	}
	_, portText, _ := net.SplitHostPort(rl.addr)
	port, _ := strconv.Atoi(portText)
	s.restarts.ports[port] = rl
	io.WriteString(w, "http://"+rl.addr+"\n")
}

// serveFaultRestart is /_fault/restart.
func (s *Server) serveFaultRestart(w http.ResponseWriter, r *http.Request) {
	if !s.faultPlain(w, r, "a restart is a POST request") {
		return
	}
	q := r.URL.Query()
	port, err := strconv.Atoi(q.Get("port"))
	down, derr := strconv.Atoi(q.Get("down"))
	if err != nil || derr != nil || len(q) != 2 || down < 0 || time.Duration(down)*time.Millisecond > MaxRestartDown {
		http.Error(w, "bad "+FaultRestartPath+" query "+quote(r.URL.RawQuery)+": it takes port=P (a port "+FaultListenPath+
			" opened) and down=MS (0 to "+strconv.Itoa(int(MaxRestartDown.Milliseconds()))+")", http.StatusBadRequest)
		return
	}
	s.restarts.mu.Lock()
	rl := s.restarts.ports[port]
	done := s.restarts.done
	s.restarts.mu.Unlock()
	if rl == nil || done {
		http.Error(w, "no listener of "+FaultListenPath+" on port "+strconv.Itoa(port), http.StatusNotFound)
		return
	}
	n := rl.stop()
	select {
	case <-time.After(time.Duration(down) * time.Millisecond):
	case <-s.life.Done():
		http.Error(w, "the server is shutting down", http.StatusServiceUnavailable)
		return
	}
	if err := rl.start(s); err != nil {
		http.Error(w, "cannot listen on port "+strconv.Itoa(port)+" again: "+err.Error(), http.StatusInternalServerError)
		return
	}
	io.WriteString(w, "restarted "+strconv.Itoa(n)+"\n")
}

// faultPlain checks a POST to a fault endpoint that takes no group: a
// loopback client and an allowed origin; it sets the headers of a readable
// plain-text answer.
func (s *Server) faultPlain(w http.ResponseWriter, r *http.Request, why string) bool {
	if !faultAllowed(w, r, http.MethodPost, why) {
		return false
	}
	if err := s.checkOrigin(r); err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return false
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		w.Header().Set("Access-Control-Allow-Origin", origin)
	}
	w.Header().Add("Vary", "Origin")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	return true
}

// closeRestarts ends every restartable listener; Shutdown calls it.
func (s *Server) closeRestarts() {
	s.restarts.mu.Lock()
	s.restarts.done = true
	ports := s.restarts.ports
	s.restarts.ports = nil
	s.restarts.mu.Unlock()
	for _, rl := range ports {
		rl.stop()
	}
}
