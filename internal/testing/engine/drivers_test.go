//go:build !js

package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/hostile"
)

// envRequireBrowser makes these tests fail, instead of skip, when an engine
// is not installed (internal/harness.EnvRequireBrowser).
const envRequireBrowser = "CLOSESHIM_REQUIRE_BROWSER"

// newEngine returns the engine called name or skips the test when it is
// not installed and envRequireBrowser is unset.
func newEngine(t *testing.T, name string) Engine {
	t.Helper()
	e, err := New(name)
	if errors.Is(err, ErrNoBrowser) {
		if os.Getenv(envRequireBrowser) == "" {
			t.Skipf("%v; set %s=1 to make this a failure", err, envRequireBrowser)
		}
		t.Fatalf("%s is set: %v", envRequireBrowser, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const testPage = `<!doctype html><meta charset="utf-8"><title>t</title>
<script src="page.js"></script>`

// testScript logs only when the test calls logNow, after Open has
// returned: the WebKit driver installs its console hook once the page has
// loaded (WebDriver classic has no script that runs before the page's), so
// a line logged earlier, which a slow machine makes likely, is not kept.
const testScript = `globalThis.logNow = () => setTimeout(() => {
	console.log("hello from the page", 42);
	console.error("an error line");
	globalThis.logged = true;
}, 50);
setTimeout(() => {
	globalThis.done = {n: 3, s: "héllo ✓", list: [1, "two"]};
}, 200);`

// TestDrivers_OpenEvalConsoleClose opens a small page in every engine,
// waits for a global it sets late, reads values of several types, reads the
// console, and checks that Close leaves no process or directory behind.
func TestDrivers_OpenEvalConsoleClose(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, testPage)
		case "/page.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, testScript)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	for _, name := range Names {
		t.Run(name, func(t *testing.T) {
			e := newEngine(t, name)
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			start := time.Now()
			s, err := e.Open(ctx, srv.URL+"/")
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			t.Logf("%s: %s, opened in %v", name, s.Version(), time.Since(start).Round(time.Millisecond))
			if !strings.Contains(strings.ToLower(s.Version()), map[string]string{"chromium": "chromium", "firefox": "firefox", "webkit": "webkit"}[name]) {
				t.Errorf("Version() = %q, want it to name the engine", s.Version())
			}
			raw, err := Wait(ctx, s, "globalThis.done")
			if err != nil {
				s.Close()
				t.Fatalf("Wait: %v", err)
			}
			if got, want := string(raw), `{"n":3,"s":"héllo ✓","list":[1,"two"]}`; got != want {
				t.Errorf("Wait = %s, want %s", got, want)
			}
			for expr, want := range map[string]string{
				"undefined":           "null",
				"1 + 1":               "2",
				`"a" + "\u00e9"`:      `"aé"`,
				"() => 1":             "null",
				"[document.title]":    `["t"]`,
				"({a: [true, null]})": `{"a":[true,null]}`,
			} {
				got, err := s.Eval(ctx, expr)
				if err != nil {
					t.Errorf("Eval(%s): %v", expr, err)
				} else if string(got) != want {
					t.Errorf("Eval(%s) = %s, want %s", expr, got, want)
				}
			}
			if _, err := s.Eval(ctx, `(() => { throw new Error("boom"); })()`); err == nil {
				t.Errorf("Eval of a throwing expression: no error")
			}
			if _, err := s.Eval(ctx, "logNow()"); err != nil {
				t.Fatalf("Eval(logNow()): %v", err)
			}
			if _, err := Wait(ctx, s, "globalThis.logged"); err != nil {
				t.Fatalf("Wait for the page's console lines: %v", err)
			}
			console := s.Console()
			if !slices.ContainsFunc(console, func(l string) bool { return strings.Contains(l, "hello from the page 42") }) ||
				!slices.ContainsFunc(console, func(l string) bool { return strings.Contains(l, "an error line") }) {
				t.Errorf("Console() = %q, want both lines", console)
			}
			pollutedEval(ctx, t, s)
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			if err := s.Close(); err != nil {
				t.Errorf("Close again: %v", err)
			}
			dir := s.(interface{ tempDir() string }).tempDir()
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("Close left the session's directory %s (%v)", dir, err)
			}
			if _, err := s.Eval(ctx, "1"); err == nil {
				t.Errorf("Eval after Close: no error")
			}
		})
	}
}

// pollutedEval checks what Eval does while the page's prototypes carry
// the throwing accessors of the hostile page (internal/testing/hostile), as
// they do while a js/wasm test under wasmexec pollutes them: Eval answers,
// or returns a *ScriptError where the driver's own script breaks (WebKit),
// never another error; a line logged meanwhile is kept; and once the page
// restores its prototypes, Eval works again.
func pollutedEval(ctx context.Context, t *testing.T, s Session) {
	t.Helper()
	install := "(() => {\n" + hostile.Script + `
		const p = closeshimPollute();
		setTimeout(() => console.log("logged while polluted"), 50);
		setTimeout(() => { p.restore(); globalThis.pollutionOver = true; }, 1500);
		return 1;
	})()`
	if _, err := s.Eval(ctx, install); err != nil {
		t.Fatalf("installing the hostile page's accessors: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	switch got, err := s.Eval(ctx, "1"); {
	case err == nil && string(got) == "1":
		t.Logf("with the prototypes polluted, Eval(1) = 1")
	case errors.As(err, new(*ScriptError)):
		t.Logf("with the prototypes polluted, the driver's script threw: %v", err)
	default:
		t.Errorf("with the prototypes polluted, Eval(1) = %s, %v; want 1 or a *ScriptError", got, err)
	}
	if _, err := Wait(ctx, s, "globalThis.pollutionOver"); err != nil {
		t.Fatalf("after the pollution: %v", err)
	}
	if !slices.ContainsFunc(s.Console(), func(l string) bool { return strings.Contains(l, "logged while polluted") }) {
		t.Errorf("Console() = %q, want the line logged while the prototypes were polluted", s.Console())
	}
}
