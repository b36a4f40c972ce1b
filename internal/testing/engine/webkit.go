//go:build !js

package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// miniBrowserGlobs are where FindWebKit looks for WebKitGTK's MiniBrowser,
// newest API first: Debian installs it with libwebkit2gtk-4.1-0 (which
// webkit2gtk-driver depends on) under /usr/lib/<triplet>/webkit2gtk-4.1.
var miniBrowserGlobs = []string{
	"/usr/lib/*/webkitgtk-6.0/MiniBrowser",
	"/usr/lib/*/webkit2gtk-4.1/MiniBrowser",
	"/usr/lib/*/webkit2gtk-4.0/MiniBrowser",
	"/usr/libexec/webkitgtk-6.0/MiniBrowser",
	"/usr/libexec/webkit2gtk-4.1/MiniBrowser",
	"/usr/libexec/webkit2gtk-4.0/MiniBrowser",
}

// WebKit runs pages in WebKitGTK's MiniBrowser through WebKitWebDriver, a
// W3C WebDriver remote end over HTTP. MiniBrowser has no headless mode, so
// Open first starts Xvfb on a free display; then WebKitWebDriver on a free
// loopback port with that display, and a session whose capabilities name
// MiniBrowser and its --automation flag. The browser's data directories
// (XDG_*_HOME) are temporary.
//
// WebKitWebDriver has no console log: after navigating, Open wraps the
// page's console methods to keep what they are given, and every Eval
// collects it. Messages written before the page finished loading, and
// those of workers, are missed.
type WebKit struct {
	// Driver is WebKitWebDriver, Browser is MiniBrowser and Xvfb the X
	// server, from FindWebKit.
	Driver, Browser, Xvfb string
}

// FindWebKit finds WebKitWebDriver and Xvfb on PATH and MiniBrowser in
// WebKitGTK's library directories. It returns an error wrapping
// ErrNoBrowser that names what is missing.
func FindWebKit() (*WebKit, error) {
	var w WebKit
	var missing []string
	var err error
	if w.Driver, err = exec.LookPath("WebKitWebDriver"); err != nil {
		missing = append(missing, "WebKitWebDriver on PATH (Debian's webkit2gtk-driver)")
	}
	for _, g := range miniBrowserGlobs {
		if m, _ := filepath.Glob(g); len(m) > 0 {
			slices.Sort(m)
			w.Browser = m[len(m)-1]
			break
		}
	}
	if w.Browser == "" {
		missing = append(missing, "WebKitGTK's MiniBrowser (Debian's libwebkit2gtk-4.1-0, which webkit2gtk-driver installs)")
	}
	if w.Xvfb, err = exec.LookPath("Xvfb"); err != nil {
		missing = append(missing, "Xvfb on PATH (Debian's xvfb): MiniBrowser needs an X display")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: webkit: no %s", ErrNoBrowser, joinList(missing))
	}
	return &w, nil
}

// NewWebKit returns FindWebKit's WebKit.
func NewWebKit() (*WebKit, error) { return FindWebKit() }

// Name returns "webkit".
func (w *WebKit) Name() string { return "webkit" }

// webKitDriverAttempts is how often Open tries a new port when
// WebKitWebDriver does not come up on the one it chose.
const webKitDriverAttempts = 3

// Open starts Xvfb, WebKitWebDriver and MiniBrowser, and opens pageURL.
// See WebKit.
func (w *WebKit) Open(ctx context.Context, pageURL string) (_ Session, err error) {
	if w.Driver == "" || w.Browser == "" || w.Xvfb == "" {
		return nil, fmt.Errorf("%w: webkit: WebKit is missing a program: %+v", ErrNoBrowser, *w)
	}
	s := &webKitSession{}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	s.dir, err = os.MkdirTemp("", "closeshim-webkit-")
	if err != nil {
		return nil, fmt.Errorf("engine: webkit data directory: %w", err)
	}
	start, cancel := context.WithTimeout(ctx, StartTimeout)
	defer cancel()

	var display string
	s.xvfb, display, err = startXvfb(start, w.Xvfb)
	if err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		err = s.startDriver(start, w.Driver, display)
		if err == nil || attempt == webKitDriverAttempts || start.Err() != nil {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	stopDriver := s.driver.kill
	s.stopWithCtx = context.AfterFunc(ctx, func() {
		stopDriver()
		s.xvfb.kill()
	})

	var created struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	caps := map[string]any{
		"webkitgtk:browserOptions": map[string]any{
			"binary": w.Browser,
			"args":   []string{"--automation"},
		},
		"pageLoadStrategy": "normal",
		"timeouts":         map[string]int{"script": 30000, "pageLoad": int(StartTimeout / time.Millisecond), "implicit": 0},
	}
	if err := s.wd.do(start, http.MethodPost, "/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": caps}}, &created); err != nil {
		return nil, fmt.Errorf("engine: webkit new session: %w; WebKitWebDriver's output:\n%s", err, s.driver.tail())
	}
	s.id = created.SessionID
	s.version = created.Capabilities.BrowserName + " " + created.Capabilities.BrowserVersion
	if created.Capabilities.BrowserName == "MiniBrowser" {
		// MiniBrowser reports the version of WebKitGTK it runs on.
		s.version = "WebKitGTK " + created.Capabilities.BrowserVersion
	}
	if err := s.wd.do(start, http.MethodPost, s.path("/url"), map[string]string{"url": pageURL}, nil); err != nil {
		return nil, fmt.Errorf("engine: webkit opening %s: %w", pageURL, err)
	}
	if err := s.wd.do(start, http.MethodPost, s.path("/execute/sync"), map[string]any{"script": consoleHook, "args": []any{}}, nil); err != nil {
		return nil, fmt.Errorf("engine: webkit installing the console hook: %w", err)
	}
	return s, nil
}

// startDriver starts WebKitWebDriver on a free port with DISPLAY set and
// waits until its /status says it is ready.
func (s *webKitSession) startDriver(ctx context.Context, driver, display string) error {
	if s.driver != nil {
		s.driver.stop()
		s.driver = nil
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	cmd := exec.Command(driver, "--port="+strconv.Itoa(port), "--host=local")
	cmd.Env = childEnv(
		"DISPLAY="+display,
		"GDK_BACKEND=x11",
		"NO_AT_BRIDGE=1", // no accessibility bus to look for
		"XDG_CACHE_HOME="+filepath.Join(s.dir, "cache"),
		"XDG_CONFIG_HOME="+filepath.Join(s.dir, "config"),
		"XDG_DATA_HOME="+filepath.Join(s.dir, "data"),
	)
	s.driver, err = startProc("WebKitWebDriver", cmd, nil)
	if err != nil {
		return err
	}
	s.wd = &webDriver{base: "http://127.0.0.1:" + strconv.Itoa(port), client: &http.Client{}}
	tick := time.NewTicker(PollInterval)
	defer tick.Stop()
	for {
		var status struct {
			Ready bool `json:"ready"`
		}
		err := s.wd.do(ctx, http.MethodGet, "/status", nil, &status)
		if err == nil {
			// A fresh driver is ready; "not ready" means a session
			// exists, which cannot be ours yet.
			if !status.Ready {
				return errors.New("engine: WebKitWebDriver says it is not ready")
			}
			return nil
		}
		select {
		case <-s.driver.exited():
			return s.driver.exitError()
		case <-ctx.Done():
			return fmt.Errorf("engine: WebKitWebDriver did not answer on port %d: %w; its output:\n%s", port, context.Cause(ctx), s.driver.tail())
		case <-tick.C:
		}
	}
}

// consoleHook wraps the page's console methods so that what they are
// given is kept, with uncaught errors, for Eval to drain through
// globalThis.__closeshimConsole(), which returns the lines kept since the
// last call as a JSON array. The tests pollute the page's prototypes with
// throwing accessors (internal/testing/hostile) while Eval polls, so the
// hook and the drain touch no inherited name: the built-ins they need are
// taken when the hook is installed, lines are added by defining an own
// index, and the drain returns a string.
const consoleHook = `if (typeof globalThis.__closeshimConsole !== "function") {
	const define = Reflect.defineProperty, apply = Reflect.apply, stringify = JSON.stringify, str = String;
	let buf = [];
	const keep = (line) => define(buf, buf.length, { __proto__: null, value: line, writable: true, enumerable: true, configurable: true });
	const text = (args) => {
		let out = "";
		for (let i = 0; i < args.length; i++) {
			let a = args[i];
			try { a = typeof a === "string" ? a : str(a); } catch (e) { a = "?"; }
			out += (i > 0 ? " " : "") + a;
		}
		return out;
	};
	for (const level of ["log", "info", "warn", "error", "debug"]) {
		const orig = console[level];
		console[level] = function (...args) { keep(level + ": " + text(args)); return apply(orig, this, args); };
	}
	globalThis.addEventListener("error", (e) => keep("uncaught: " + e.message));
	globalThis.__closeshimConsole = () => { const out = stringify(buf); buf = []; return out; };
}`

// webKitSession is a page in a MiniBrowser that WebKit.Open started.
type webKitSession struct {
	dir         string
	xvfb        *proc
	driver      *proc
	stopWithCtx func() bool
	wd          *webDriver
	id          string
	version     string

	mu      sync.Mutex
	console []string

	closeOnce sync.Once
	closeErr  error
}

func (s *webKitSession) path(p string) string { return "/session/" + s.id + p }

func (s *webKitSession) Version() string { return s.version }

func (s *webKitSession) tempDir() string { return s.dir }

func (s *webKitSession) Console() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.console...)
}

// Eval runs expr with "Execute Script" (POST /session/ID/execute/sync) and
// collects the console lines the hook kept meanwhile.
func (s *webKitSession) Eval(ctx context.Context, expr string) ([]byte, error) {
	// One string, the value's JSON and the drained lines' JSON on a line
	// each (JSON has no raw newline), so that the answer needs no array
	// the page's prototypes could break (see consoleHook).
	script := "const drain = globalThis.__closeshimConsole;\nreturn " + jsonExpr(expr) +
		" + \"\\n\" + (typeof drain === \"function\" ? drain() : \"[]\");"
	var out string
	if err := s.wd.do(ctx, http.MethodPost, s.path("/execute/sync"), map[string]any{"script": script, "args": []any{}}, &out); err != nil {
		if we := (*WebDriverError)(nil); errors.As(err, &we) && we.Code == "javascript error" {
			return nil, &ScriptError{Engine: "webkit", Expr: expr, Err: err}
		}
		return nil, fmt.Errorf("engine: webkit evaluating %s: %w", expr, err)
	}
	text, rest, ok := strings.Cut(out, "\n")
	var lines []string
	if !ok || json.Unmarshal([]byte(rest), &lines) != nil {
		return nil, fmt.Errorf("engine: webkit evaluating %s: unexpected answer %q", expr, out)
	}
	if len(lines) > 0 {
		s.mu.Lock()
		s.console = append(s.console, lines...)
		s.mu.Unlock()
	}
	return []byte(text), nil
}

// Close deletes the session (which closes MiniBrowser), then ends
// WebKitWebDriver's and Xvfb's process groups and removes the data
// directories.
func (s *webKitSession) Close() error {
	s.closeOnce.Do(func() {
		var c cleanup
		if s.id != "" && s.wd != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			c.add(s.wd.do(ctx, http.MethodDelete, s.path(""), nil, nil))
			cancel()
		}
		if s.driver != nil {
			c.add(s.driver.stop())
		}
		if s.xvfb != nil {
			c.add(s.xvfb.stop())
		}
		if s.stopWithCtx != nil {
			s.stopWithCtx()
		}
		c.removeAll(s.dir)
		s.closeErr = c.err()
	})
	return s.closeErr
}

// joinList joins items as "a, b and c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := items[0]
	for _, it := range items[1 : len(items)-1] {
		out += ", " + it
	}
	return out + " and " + items[len(items)-1]
}
