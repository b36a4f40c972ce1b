//go:build !js

package closeserver

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Options configures a Server. The zero Options is usable: no static
// files, same-origin WebSockets only, DefaultMaxConns and
// DefaultContentSecurityPolicy.
type Options struct {
	// Dir is the directory served at "/", such as "web". Files whose name
	// starts with a dot, directories without an index.html and symlinks
	// that leave Dir are not served. Empty serves no files.
	Dir string

	// OriginPatterns lists the host patterns (path.Match syntax, matched
	// case-insensitively against the Origin's host, or "scheme://host"
	// when the pattern contains "://") that may open WebSockets besides
	// the page's own origin, which coder/websocket always admits. Test
	// runs whose page comes from another port use "127.0.0.1:*" or
	// "localhost:*". Other origins get HTTP 403, the protection against
	// cross-site WebSocket hijacking RFC 6455 section 10.2 asks of servers.
	OriginPatterns []string

	// MaxConns caps the WebSocket connections open at once; beyond it /ws
	// answers HTTP 503. Zero means DefaultMaxConns; negative is an error.
	MaxConns int

	// ContentSecurityPolicy replaces DefaultContentSecurityPolicy when not
	// empty.
	ContentSecurityPolicy string

	// Faults turns on the fault endpoints /_fault/ws, /_fault/drop and
	// /_fault/count (faults.go), through which a test drops groups of
	// connections as a dying server would. For test runs only: web/server never sets it.
	// They answer loopback clients only, and pass the origin check of
	// OriginPatterns like /ws. Off, the paths are the static files'.
	Faults bool
}

// Server serves the static files and the /ws endpoint. It is an
// http.Handler; Serve runs it on a listener. The WebSocket connections it
// upgrades leave net/http's hands (they are hijacked), so only Shutdown,
// not http.Server.Shutdown, ends them.
type Server struct {
	mux     *http.ServeMux
	csp     string
	accept  websocket.AcceptOptions
	limiter connLimiter
	root    *os.Root // nil when Options.Dir is empty

	// life ends when Shutdown begins; every connection watches it.
	life     context.Context
	shutdown context.CancelFunc
	rootOnce sync.Once

	// stallLimit is StallLimit; tests shorten it.
	stallLimit time.Duration

	// faults tracks the fault groups when Options.Faults is set.
	faults faultGroups
	// restarts are the listeners of /_fault/listen (faults_restart.go).
	restarts restartables

	// keys counts the connections of each key=NAME (restart.go).
	keys keyCounts
}

// New returns a Server configured by opts. It fails when Dir cannot be
// opened as a directory, when a pattern of OriginPatterns is malformed (it
// would make every cross-origin handshake fail) or when MaxConns is
// negative.
func New(opts Options) (*Server, error) {
	if opts.MaxConns < 0 {
		return nil, errors.New("closeserver: MaxConns is negative; use 0 for the default of 4096")
	}
	for _, p := range opts.OriginPatterns {
		// coder/websocket matches patterns with path.Match at each
		// handshake and refuses the handshake on a malformed one; say so
		// now instead.
		if _, err := path.Match(p, ""); err != nil {
			return nil, errors.New("closeserver: bad origin pattern " + quote(p) + ": " + err.Error())
		}
	}

	s := &Server{
		mux:        http.NewServeMux(),
		csp:        opts.ContentSecurityPolicy,
		accept:     websocket.AcceptOptions{OriginPatterns: append([]string(nil), opts.OriginPatterns...)},
		limiter:    connLimiter{max: opts.MaxConns},
		stallLimit: StallLimit,
	}
	if s.csp == "" {
		s.csp = DefaultContentSecurityPolicy
	}
	if s.limiter.max == 0 {
		s.limiter.max = DefaultMaxConns
	}
	s.life, s.shutdown = context.WithCancel(context.Background())

	s.mux.HandleFunc("/ws", s.serveWS)
	if opts.Faults {
		s.mux.HandleFunc(FaultWSPath, s.serveFaultWS)
		s.mux.HandleFunc(FaultDropPath, s.serveFaultDrop)
		s.mux.HandleFunc(FaultCountPath, s.serveFaultCount)
		s.mux.HandleFunc(FaultListenPath, s.serveFaultListen)
		s.mux.HandleFunc(FaultRestartPath, s.serveFaultRestart)
	}
	if opts.Dir != "" {
		// os.Root refuses paths, symlinks included, that leave the
		// directory.
		root, err := os.OpenRoot(opts.Dir)
		if err != nil {
			return nil, errors.New("closeserver: static files: " + err.Error())
		}
		s.root = root
		s.mux.Handle("/", staticHandler(root.FS()))
	} else {
		s.mux.Handle("/", staticHandler(emptyFS{}))
	}
	return s, nil
}

// ServeHTTP serves /ws and the static files, with the security headers of
// static.go on every response.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(&headerWriter{ResponseWriter: w, csp: s.csp}, r)
}

// Shutdown ends every WebSocket connection and waits for their goroutines,
// or for ctx to end. From the start it refuses new handshakes and those
// still in their delay (HTTP 503); it sends 1001 GoingAway "server
// shutting down" to echoing connections, drops stalled ones and lets
// closing ones finish their handshake; then it stops serving files. It
// returns ctx's error if ctx ends first; the connections still end within
// coder/websocket's close timeouts (10 s). Calling it again waits again.
func (s *Server) Shutdown(ctx context.Context) error {
	s.limiter.close()
	s.shutdown()
	s.closeRestarts()
	err := s.limiter.wait(ctx)
	s.rootOnce.Do(func() {
		if s.root != nil {
			s.root.Close()
		}
	})
	return err
}

// Serve serves HTTP on ln until ctx ends or serving fails, then shuts
// down: it stops accepting, lets requests in flight finish, ends the
// WebSocket connections (see Shutdown) and returns, all within
// ShutdownTimeout. It returns nil after a clean shutdown caused by ctx.
// Serve closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       2 * time.Minute,
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	var serveErr error
	select {
	case serveErr = <-served:
	case <-ctx.Done():
	}

	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	// http.Server.Shutdown closes the listener and waits for requests in
	// flight; the hijacked WebSockets are Server.Shutdown's.
	err := errors.Join(hs.Shutdown(sctx), s.Shutdown(sctx))
	if serveErr == nil {
		serveErr = <-served
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	return errors.Join(serveErr, err)
}

// BaseURL returns the http URL, without a trailing slash, at which a
// browser on this machine reaches a server listening on addr, such as
// "http://127.0.0.1:41234". A wildcard address (0.0.0.0, ::) becomes
// localhost, since a browser cannot connect to it.
func BaseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// SplitPatterns splits a comma-separated list of origin patterns, as the
// commands' -origins flags take it, dropping spaces and empty items.
func SplitPatterns(list string) []string {
	var out []string
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
