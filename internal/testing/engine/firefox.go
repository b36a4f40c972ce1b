//go:build !js

package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// firefoxNames are the executables FindFirefox looks for on PATH: Debian's
// firefox-esr first.
var firefoxNames = []string{"firefox-esr", "firefox"}

// FindFirefox returns the path of the first of firefox-esr and firefox on
// PATH, or an error wrapping ErrNoBrowser.
func FindFirefox() (string, error) {
	for _, name := range firefoxNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: firefox: no %s on PATH (Debian's firefox-esr)", ErrNoBrowser, strings.Join(firefoxNames, " or "))
}

// Firefox runs pages in headless Firefox over WebDriver BiDi, the protocol
// Firefox serves itself with --remote-debugging-port: no geckodriver. Open
// starts firefox with a fresh profile, reads the endpoint it prints
// ("WebDriver BiDi listening on ws://127.0.0.1:PORT"), opens a session
// over a WebSocket and navigates the first tab. Console messages come from
// log.entryAdded events: the page's, and its workers' where Firefox
// reports them.
type Firefox struct {
	// ExecPath is the firefox executable, from FindFirefox.
	ExecPath string
}

// NewFirefox returns a Firefox using FindFirefox's executable.
func NewFirefox() (*Firefox, error) {
	p, err := FindFirefox()
	if err != nil {
		return nil, err
	}
	return &Firefox{ExecPath: p}, nil
}

// Name returns "firefox".
func (f *Firefox) Name() string { return "firefox" }

// firefoxPrefs go into the fresh profile's user.js. Firefox's remote agent
// already sets the preferences automation needs; these keep a test run
// quiet and on loopback.
var firefoxPrefs = map[string]any{
	"browser.shell.checkDefaultBrowser":          false,
	"browser.startup.homepage_override.mstone":   "ignore",
	"datareporting.policy.dataSubmissionEnabled": false,
	"toolkit.telemetry.reportingpolicy.firstRun": false,
	"app.update.disabledForTesting":              true,
	"network.proxy.type":                         0, // no proxy: every page is on loopback
	"browser.safebrowsing.update.enabled":        false,
	"extensions.getAddons.cache.enabled":         false,
}

var bidiListening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

// Open starts firefox and opens pageURL. See Firefox.
func (f *Firefox) Open(ctx context.Context, pageURL string) (_ Session, err error) {
	if f.ExecPath == "" {
		return nil, fmt.Errorf("%w: firefox: no executable", ErrNoBrowser)
	}
	s := &firefoxSession{}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	s.dir, err = os.MkdirTemp("", "closeshim-firefox-")
	if err != nil {
		return nil, fmt.Errorf("engine: firefox profile directory: %w", err)
	}
	profile := filepath.Join(s.dir, "profile")
	if err := writeFirefoxProfile(profile); err != nil {
		return nil, err
	}

	endpoint := make(chan string, 1)
	cmd := exec.Command(f.ExecPath, "--headless", "--no-remote", "--remote-debugging-port=0", "-profile", profile, "about:blank")
	cmd.Env = childEnv(
		"MOZ_CRASHREPORTER_DISABLE=1",
		"MOZ_DISABLE_AUTO_SAFE_MODE=1",
		"XDG_CACHE_HOME="+filepath.Join(s.dir, "cache"),
		"XDG_CONFIG_HOME="+filepath.Join(s.dir, "config"),
	)
	s.proc, err = startProc("firefox", cmd, func(line string) {
		if m := bidiListening.FindStringSubmatch(line); m != nil {
			select {
			case endpoint <- m[1]:
			default:
			}
		}
	})
	if err != nil {
		return nil, err
	}
	// The browser ends with ctx, as Open promises.
	s.stopWithCtx = context.AfterFunc(ctx, s.proc.kill)

	start, cancel := context.WithTimeout(ctx, StartTimeout)
	defer cancel()
	var url string
	select {
	case url = <-endpoint:
	case <-s.proc.exited():
		return nil, s.proc.exitError()
	case <-start.Done():
		return nil, fmt.Errorf("engine: firefox printed no WebDriver BiDi endpoint within %v (%w); its output:\n%s", StartTimeout, context.Cause(start), s.proc.tail())
	}

	s.conn, err = dialBiDi(start, url+"/session", s.event)
	if err != nil {
		return nil, err
	}
	var created struct {
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := s.conn.call(start, "session.new", map[string]any{"capabilities": map[string]any{}}, &created); err != nil {
		return nil, err
	}
	s.version = titleCase(created.Capabilities.BrowserName) + " " + created.Capabilities.BrowserVersion
	if err := s.conn.call(start, "session.subscribe", map[string]any{"events": []string{"log.entryAdded"}}, nil); err != nil {
		return nil, err
	}
	var tree struct {
		Contexts []struct {
			Context string `json:"context"`
		} `json:"contexts"`
	}
	if err := s.conn.call(start, "browsingContext.getTree", map[string]any{"maxDepth": 0}, &tree); err != nil {
		return nil, err
	}
	if len(tree.Contexts) == 0 {
		return nil, fmt.Errorf("engine: firefox has no browsing context to navigate")
	}
	s.context = tree.Contexts[0].Context
	if err := s.conn.call(start, "browsingContext.navigate", map[string]any{"context": s.context, "url": pageURL, "wait": "complete"}, nil); err != nil {
		return nil, fmt.Errorf("engine: firefox opening %s: %w", pageURL, err)
	}
	return s, nil
}

// titleCase returns name with its first letter in upper case: "Firefox".
func titleCase(name string) string {
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// writeFirefoxProfile creates the profile directory with its user.js.
func writeFirefoxProfile(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("engine: firefox profile: %w", err)
	}
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(firefoxPrefs)) {
		v, _ := json.Marshal(firefoxPrefs[name])
		fmt.Fprintf(&b, "user_pref(%q, %s);\n", name, v)
	}
	if err := os.WriteFile(filepath.Join(dir, "user.js"), []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("engine: firefox profile: %w", err)
	}
	return nil
}

// firefoxSession is a page in a firefox that Firefox.Open started.
type firefoxSession struct {
	dir         string
	proc        *proc
	stopWithCtx func() bool
	conn        *bidiConn
	context     string
	version     string

	mu      sync.Mutex
	console []string

	closeOnce sync.Once
	closeErr  error
}

func (s *firefoxSession) Version() string { return s.version }

func (s *firefoxSession) tempDir() string { return s.dir }

// event records log.entryAdded events (WebDriver BiDi, "log.entryAdded").
func (s *firefoxSession) event(method string, params json.RawMessage) {
	if method != "log.entryAdded" {
		return
	}
	var e struct {
		Level string `json:"level"`
		Text  string `json:"text"`
		Type  string `json:"type"`
	}
	if json.Unmarshal(params, &e) != nil {
		return
	}
	line := e.Level + ": " + e.Text
	if e.Type == "javascript" {
		line = "uncaught " + line
	}
	s.mu.Lock()
	s.console = append(s.console, line)
	s.mu.Unlock()
}

func (s *firefoxSession) Console() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.console...)
}

// Eval runs script.evaluate in the page's realm (WebDriver BiDi,
// "script.evaluate").
func (s *firefoxSession) Eval(ctx context.Context, expr string) ([]byte, error) {
	var r struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value any    `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	err := s.conn.call(ctx, "script.evaluate", map[string]any{
		"expression":      jsonExpr(expr),
		"target":          map[string]any{"context": s.context},
		"awaitPromise":    false,
		"resultOwnership": "none",
	}, &r)
	if err != nil {
		return nil, fmt.Errorf("engine: firefox evaluating %s: %w", expr, err)
	}
	if r.Type == "exception" {
		return nil, &ScriptError{Engine: "firefox", Expr: expr, Err: errors.New(r.ExceptionDetails.Text)}
	}
	text, ok := r.Result.Value.(string)
	if r.Result.Type != "string" || !ok {
		return nil, fmt.Errorf("engine: firefox evaluating %s: got a %s, want the JSON string", expr, r.Result.Type)
	}
	return []byte(text), nil
}

// Close asks firefox to close (browser.close), then ends its process group
// and removes the profile.
func (s *firefoxSession) Close() error {
	s.closeOnce.Do(func() {
		var c cleanup
		if s.conn != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			// The connection may end before the answer comes: firefox is
			// closing, which is what was asked.
			_ = s.conn.call(ctx, "browser.close", nil, nil)
			cancel()
			s.conn.close()
		}
		if s.proc != nil {
			c.add(s.proc.stop())
		}
		if s.stopWithCtx != nil {
			s.stopWithCtx()
		}
		c.removeAll(s.dir)
		s.closeErr = c.err()
	})
	return s.closeErr
}
