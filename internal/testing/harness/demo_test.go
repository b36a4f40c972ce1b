//go:build !js

package harness

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/engine"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "rewrite docs/demo.png from the demo after /?close=4001&reason=bye")

// EnvUpdateScreenshot does what -update-screenshot does, for runs through
// make or go test ./... where a package's own flag cannot be passed.
const EnvUpdateScreenshot = "CLOSESHIM_UPDATE_SCREENSHOT"

// demoDone is true once the demo has decoded a close event, or failed.
const demoDone = `["done", "error"].includes(document.body.dataset.state) && document.body.dataset.state`

// demoView is what a test reads from the demo page.
type demoView struct {
	State     string `json:"state"`
	Code      string `json:"code"`
	Reason    string `json:"reason"`
	WasClean  string `json:"wasClean"`
	Name      string `json:"name"`
	Range     string `json:"range"`
	Images    int    `json:"images"`
	LoadError string `json:"loadError"`
	Log       string `json:"log"`
}

const readDemo = `({
	state: document.body.dataset.state,
	code: document.getElementById("r-code").textContent,
	reason: document.getElementById("r-reason").textContent,
	wasClean: document.getElementById("r-wasClean").textContent,
	name: document.getElementById("r-name").textContent,
	range: document.getElementById("r-range").textContent,
	images: document.querySelectorAll("img").length,
	loadError: document.getElementById("load-error").textContent,
	log: document.getElementById("log").textContent,
})`

// openDemo opens the demo at query and returns what it shows once done.
func openDemo(t *testing.T, query string, also func(*engine.Page) error) (demoView, []string) {
	t.Helper()
	c := chromium(t)
	base := serve(t, siteDir(t))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var (
		v       demoView
		dialogs []string
	)
	err := c.Visit(ctx, base+"/"+query, func(p *engine.Page) error {
		if _, err := p.Wait(demoDone); err != nil {
			return err
		}
		if err := p.Eval(readDemo, &v); err != nil {
			return err
		}
		dialogs = p.Dialogs()
		if also != nil {
			return also(p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("demo %s: %v", query, err)
	}
	return v, dialogs
}

// TestDemo_DeepLinkMarkupReason opens the demo's deep link with a reason
// that looks like markup: the page must show the code and the reason as
// text, create no element from it and run none of it.
func TestDemo_DeepLinkMarkupReason(t *testing.T) {
	reason := `<img src=x onerror=alert(1)>`
	v, dialogs := openDemo(t, "?close=4001&reason="+url.QueryEscape(reason), nil)
	if v.State != "done" {
		t.Fatalf("demo state = %q, want done (load error %q)", v.State, v.LoadError)
	}
	if v.Code != "4001" {
		t.Errorf("shown code = %q, want 4001", v.Code)
	}
	if v.Reason != reason {
		t.Errorf("shown reason = %q, want %q as text", v.Reason, reason)
	}
	if v.WasClean != "true" {
		t.Errorf("shown wasClean = %q, want true", v.WasClean)
	}
	if v.Range != "Private" {
		t.Errorf("shown range = %q, want Private", v.Range)
	}
	if v.Images != 0 {
		t.Errorf("the page has %d <img> elements, want 0: the reason became markup", v.Images)
	}
	if len(dialogs) != 0 {
		t.Errorf("the page opened dialogs %q: the reason ran as script", dialogs)
	}
}

// TestDemo_DeepLinks runs each of the demo's deep-link modes.
func TestDemo_DeepLinks(t *testing.T) {
	tests := []struct {
		query    string
		code     string
		reason   string
		wasClean string
	}{
		{"?close=1001&reason=" + url.QueryEscape("héllo ✓"), "1001", "héllo ✓", "true"},
		{"?close=none", "1005", "", "true"},
		{"?abort=1", "1006", "", "false"},
		{"?client=4000&reason=bye", "4000", "bye", "true"},
		{"?client=", "1005", "", "true"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			v, _ := openDemo(t, tt.query, nil)
			got := [4]string{v.State, v.Code, v.Reason, v.WasClean}
			want := [4]string{"done", tt.code, tt.reason, tt.wasClean}
			if got != want {
				t.Errorf("state, code, reason, wasClean = %q, want %q\nlog: %s", got, want, v.Log)
			}
		})
	}
}

// TestDemo_Screenshot checks the demo after /?close=4001&reason=bye and,
// with -update-screenshot or CLOSESHIM_UPDATE_SCREENSHOT=1, writes the
// README's docs/demo.png from it.
func TestDemo_Screenshot(t *testing.T) {
	var shot []byte
	v, _ := openDemo(t, "?close=4001&reason=bye", func(p *engine.Page) (err error) {
		shot, err = p.Screenshot()
		return err
	})
	if v.Code != "4001" || v.Reason != "bye" {
		t.Fatalf("demo shows code %q reason %q, want 4001 and bye", v.Code, v.Reason)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 900 || b.Dy() != 600 {
		t.Errorf("screenshot is %dx%d, want 900x600", b.Dx(), b.Dy())
	}
	if !*updateScreenshot && os.Getenv(EnvUpdateScreenshot) == "" {
		return
	}
	dst := filepath.Join(repoRoot(t), "docs", "demo.png")
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", dst, len(shot))
}

// TestDemo_LoadError checks the on-page error when main.wasm is missing.
func TestDemo_LoadError(t *testing.T) {
	c := chromium(t)
	dir := t.TempDir()
	for _, name := range []string{"index.html", "demo.js", "demo.css", "closeevent.js", "wasm_exec.js"} {
		if err := copyFile(filepath.Join(siteDir(t), name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	base := serve(t, dir)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var v demoView
	err := c.Visit(ctx, base+"/?close=4001", func(p *engine.Page) error {
		if _, err := p.Wait(demoDone); err != nil {
			return err
		}
		return p.Eval(readDemo, &v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if v.State != "error" || !strings.Contains(v.LoadError, "HTTP 404") || !strings.Contains(v.LoadError, "make build") {
		t.Errorf("state %q, load error %q; want error, mentioning HTTP 404 and make build", v.State, v.LoadError)
	}
}

// TestDemo_Reconnect runs the demo's reconnect scenarios: the log shows
// each attempt, its close, the decision and the delay, and the page shows
// the reason as text only.
func TestDemo_Reconnect(t *testing.T) {
	delay := regexp.MustCompile(`reconnect in (\d+) ms \(Delay\((\d+)\), drawn from \[(\d+), (\d+)\] ms\)`)
	tests := []struct {
		query    string
		contains []string
		delays   int // how many "reconnect in" decisions
	}{
		{"?reconnect=1&close=1012&reason=restart", []string{
			"attempt 1: open", "attempt 1: close event: 1012 ServiceRestart, reason \"restart\", wasClean true, local false",
			"decision: reconnect in", "1012 ServiceRestart is retryable", "attempt 2: open", "the server is back: stop()",
		}, 1},
		{"?reconnect=1&close=1012&times=2", []string{"attempt 2: close event: 1012", "attempt 3: open", "the server is back"}, 2},
		{"?reconnect=1&abort=1", []string{"attempt 1: close event: 1006 AbnormalClosure", "attempt 2: open"}, 1},
		{"?reconnect=1&close=1008&reason=policy", []string{"decision: stop: 1008 PolicyViolation is not retryable"}, 0},
		{"?reconnect=1&client=1000", []string{"local true", "decision: stop: this page closed the socket itself"}, 0},
		{"?reconnect=1&refuse=403", []string{
			"attempt 5: close event: 1006", "decision: stop: 5 consecutive attempts failed",
			"gave up after 5 consecutive failed attempts",
		}, 4},
		{"?reconnect=1&refuse=503&times=2", []string{"attempt 3: open", "the server is back"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			v, _ := openDemo(t, tt.query, nil)
			if v.State != "done" {
				t.Fatalf("demo state = %q, want done; log: %s", v.State, v.Log)
			}
			for _, want := range tt.contains {
				if !strings.Contains(v.Log, want) {
					t.Errorf("the log does not say %q\nlog: %s", want, v.Log)
				}
			}
			got := delay.FindAllStringSubmatch(v.Log, -1)
			if len(got) != tt.delays {
				t.Errorf("%d reconnect decisions, want %d\nlog: %s", len(got), tt.delays, v.Log)
			}
			for i, m := range got {
				d, _ := strconv.Atoi(m[1])
				attempt, _ := strconv.Atoi(m[2])
				lo, _ := strconv.Atoi(m[3])
				hi, _ := strconv.Atoi(m[4])
				if attempt != i || d < lo || d > hi {
					t.Errorf("decision %d: delay %d ms for Delay(%d) in [%d, %d]; want Delay(%d) and the delay within its range", i, d, attempt, lo, hi, i)
				}
			}
		})
	}
}

// TestDemo_ReconnectMarkupReason: in the reconnect scenario too, a reason
// that looks like markup is shown as text and runs nothing.
func TestDemo_ReconnectMarkupReason(t *testing.T) {
	reason := `<img src=x onerror=alert(1)>`
	v, dialogs := openDemo(t, "?reconnect=1&close=4001&reason="+url.QueryEscape(reason), nil)
	if v.State != "done" || v.Reason != reason || !strings.Contains(v.Log, reason) {
		t.Errorf("state %q, shown reason %q; want done and %q as text in the result and the log\nlog: %s", v.State, v.Reason, reason, v.Log)
	}
	if v.Images != 0 || len(dialogs) != 0 {
		t.Errorf("%d <img> elements and dialogs %q: the reason became markup", v.Images, dialogs)
	}
}
