//go:build !js

package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumNames are the executables FindChromium looks for on PATH, after
// Debian's /usr/bin/chromium.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// FindChromium returns the path of a Chromium (or Chrome) executable:
// /usr/bin/chromium when it exists, else the first of chromium,
// chromium-browser, google-chrome, google-chrome-stable and chrome on PATH.
// It returns an error wrapping ErrNoBrowser when there is none.
func FindChromium() (string, error) {
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium", nil
	}
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: chromium: no /usr/bin/chromium, and no %s on PATH (Debian's chromium)", ErrNoBrowser, strings.Join(chromiumNames, ", "))
}

// Chromium runs pages in headless Chromium through chromedp (the DevTools
// protocol). Every Open, Run or Visit starts a browser of its own with a
// fresh profile directory; the console comes from Runtime.consoleAPICalled
// events, as DevTools shows it. Visit also offers screenshots and dialogs,
// which only the demo's tests need.
type Chromium struct {
	// ExecPath is the browser executable, from FindChromium.
	ExecPath string
	// Width and Height are the viewport's size in CSS pixels; zero means
	// 900x600.
	Width, Height int
}

// NewChromium returns a Chromium using FindChromium's executable.
func NewChromium() (*Chromium, error) {
	p, err := FindChromium()
	if err != nil {
		return nil, err
	}
	return &Chromium{ExecPath: p}, nil
}

// Name returns "chromium".
func (c *Chromium) Name() string { return "chromium" }

// Run opens pageURL and waits for globalThis.harnessResult: the package's
// Run with c.
func (c *Chromium) Run(ctx context.Context, pageURL string) (Result, error) {
	return Run(ctx, c, pageURL)
}

// Open starts the browser and opens pageURL. See Chromium.
func (c *Chromium) Open(ctx context.Context, pageURL string) (Session, error) {
	p, stop, err := c.start(ctx, pageURL)
	if err != nil {
		return nil, err
	}
	v, err := chromedp.Run(p.ctx, func(ctx context.Context, t *chromedp.Target) (browser.GetVersionResult, error) {
		return cdp.Call(ctx, t, browser.GetVersion, cdp.Empty{})
	})
	if err != nil {
		stop()
		return nil, fmt.Errorf("engine: chromium version: %w", err)
	}
	// "HeadlessChrome/156.0.8078.79": the product of a headless Chromium.
	_, version, _ := strings.Cut(v.Product, "/")
	return &chromiumSession{Page: p, stop: stop, version: "Chromium " + version, dir: p.dir}, nil
}

// Visit starts the browser, opens pageURL and calls fn with the page.
func (c *Chromium) Visit(ctx context.Context, pageURL string, fn func(*Page) error) error {
	p, stop, err := c.start(ctx, pageURL)
	if err != nil {
		return err
	}
	defer stop()
	return fn(p)
}

// start starts the browser and opens pageURL; stop ends the browser and
// removes its profile.
func (c *Chromium) start(ctx context.Context, pageURL string) (_ *Page, stop func(), err error) {
	if c.ExecPath == "" {
		return nil, nil, fmt.Errorf("%w: chromium: no executable", ErrNoBrowser)
	}
	dir, err := os.MkdirTemp("", "closeshim-chromium-")
	if err != nil {
		return nil, nil, fmt.Errorf("engine: profile directory: %w", err)
	}
	w, h := c.Width, c.Height
	if w == 0 || h == 0 {
		w, h = 900, 600
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(c.ExecPath),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(w, h),
	}
	if os.Geteuid() == 0 {
		// Chromium refuses to start as root with its sandbox on.
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop = func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
	}
	defer func() {
		if err != nil {
			stop()
		}
	}()

	p := &Page{ctx: bctx, dir: dir}
	messages := chromedp.Console(bctx) // starts the browser
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			p.log(m.String())
		}
	}()
	if err := chromedp.Listen(bctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			p.dialog(d.Message)
			// Listen's callback must not send commands itself.
			go chromedp.Run(bctx, dismissDialog)
		}
	}); err != nil {
		return nil, nil, fmt.Errorf("engine: starting %s: %w", c.ExecPath, err)
	}
	// The window's size includes the browser's frame, even headless: the
	// viewport is set on its own, so a screenshot is exactly w x h.
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(int64(w), int64(h)), chromedp.Navigate(pageURL)); err != nil {
		return nil, nil, fmt.Errorf("engine: opening %s: %w", pageURL, err)
	}
	return p, stop, nil
}

// chromiumSession is the Session of Chromium.Open.
type chromiumSession struct {
	*Page
	stop    func()
	version string
	dir     string
	once    sync.Once
}

func (s *chromiumSession) tempDir() string { return s.dir }

func (s *chromiumSession) Version() string { return s.version }

// Eval evaluates expr with Runtime.evaluate.
func (s *chromiumSession) Eval(ctx context.Context, expr string) ([]byte, error) {
	ectx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	text, err := chromedp.Run(ectx, chromedp.Evaluate[string](jsonExpr(expr)))
	if err != nil {
		if ctx.Err() != nil {
			err = context.Cause(ctx)
		} else if ex := (*chromedp.ExceptionError)(nil); errors.As(err, &ex) {
			return nil, &ScriptError{Engine: "chromium", Expr: expr, Err: err}
		}
		return nil, fmt.Errorf("engine: chromium evaluating %s: %w", expr, err)
	}
	return []byte(text), nil
}

func (s *chromiumSession) Close() error {
	s.once.Do(s.stop)
	return nil
}

func dismissDialog(ctx context.Context, t *chromedp.Target) (cdp.Empty, error) {
	return cdp.Call(ctx, t, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
}

// Page is a page open in a browser that Visit started.
type Page struct {
	ctx context.Context
	dir string // the profile directory

	mu      sync.Mutex
	console []string
	dialogs []string
}

// WaitTimeout bounds Page.Wait when its context has no earlier deadline.
const WaitTimeout = 60 * time.Second

// Wait waits until the JavaScript expression is truthy and returns its
// value as JSON.
func (p *Page) Wait(expr string) ([]byte, error) {
	raw, err := chromedp.Run(p.ctx, chromedp.Poll[[]byte](expr, chromedp.WithPollingTimeout(WaitTimeout), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		return nil, fmt.Errorf("engine: waiting for %s: %w", expr, err)
	}
	return raw, nil
}

// Eval evaluates a JavaScript expression and decodes its JSON value into
// out.
func (p *Page) Eval(expr string, out any) error {
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		return fmt.Errorf("engine: evaluating %s: %w", expr, err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("engine: decoding the value of %s: %w", expr, err)
	}
	return nil
}

// Screenshot returns a PNG of the viewport.
func (p *Page) Screenshot() ([]byte, error) {
	return chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
}

// Console returns the console messages so far, as DevTools shows them.
func (p *Page) Console() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.console...)
}

// Dialogs returns the messages of the alert, confirm and prompt dialogs
// the page opened; Visit dismisses each.
func (p *Page) Dialogs() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.dialogs...)
}

func (p *Page) log(s string) {
	p.mu.Lock()
	p.console = append(p.console, s)
	p.mu.Unlock()
}

func (p *Page) dialog(s string) {
	p.mu.Lock()
	p.dialogs = append(p.dialogs, s)
	p.mu.Unlock()
}
