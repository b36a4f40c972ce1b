//go:build !js

package closeserver

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site writes a small site into a temporary directory: pages, a script, a
// module of WebAssembly, hidden files, a directory without an index and
// symlinks in and out of the root.
func site(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "root")
	outside := filepath.Join(parent, "outside") // reached from dir as ../outside
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"index.html":      "<!doctype html><title>closeshim</title>",
		"wasm_exec.js":    "'use strict';",
		"module.mjs":      "export {};",
		"main.wasm":       "\x00asm\x01\x00\x00\x00",
		"style.css":       "body{}",
		"data.json":       "{}",
		"notes.css":       "plain",
		"notes.txt":       "plain",
		"server/main.go":  "package main",
		"sub/file.css":    "in a directory without an index",
		"demo/index.html": "<!doctype html><title>demo</title>",
		".secret":         "hidden",
		".git/config":     "[core]",
		"demo/.env":       "TOKEN=x",
		"upper/SCRIPT.JS": "'use strict';",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "leak.txt"), []byte("outside the root"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "leak.txt"), filepath.Join(dir, "escape.css")); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if err := os.Symlink("notes.css", filepath.Join(dir, "inside.css")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestStatic_ContentTypes(t *testing.T) {
	_, ts := newServer(t, Options{Dir: site(t)}, nil)
	cases := []struct {
		path, want string
	}{
		{"/", "text/html; charset=utf-8"},
		{"/demo/", "text/html; charset=utf-8"},
		{"/main.wasm", "application/wasm"},
		{"/wasm_exec.js", "text/javascript; charset=utf-8"},
		{"/module.mjs", "text/javascript; charset=utf-8"},
		{"/upper/SCRIPT.JS", "text/javascript; charset=utf-8"},
		{"/style.css", "text/css; charset=utf-8"},
		{"/data.json", "application/json"},
	}
	for _, tc := range cases {
		resp, err := http.Get(ts.URL + tc.path)
		if err != nil {
			t.Fatalf("GET %s: %v", tc.path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", tc.path, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.want {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestStatic_HidesWhatIsNotTheSite(t *testing.T) {
	_, ts := newServer(t, Options{Dir: site(t)}, nil)
	cases := []struct {
		path string
		want int
		why  string
	}{
		{"/.secret", http.StatusNotFound, "dotfiles are not served"},
		{"/.git/config", http.StatusNotFound, "dot directories are not served"},
		{"/demo/.env", http.StatusNotFound, "dotfiles below the root are not served"},
		{"/sub/", http.StatusNotFound, "a directory without index.html is not listed"},
		{"/sub/file.css", http.StatusOK, "files in such a directory are served"},
		{"/escape.css", http.StatusNotFound, "a symlink that leaves the root is not followed"},
		{"/inside.css", http.StatusOK, "a symlink within the root is followed"},
		{"/../outside/leak.txt", http.StatusNotFound, "dot-dot cannot leave the root"},
		{"/missing.js", http.StatusNotFound, "a missing file is a 404"},
		{"/server/main.go", http.StatusNotFound, "files of other types (the server's source) are not served"},
		{"/notes.txt", http.StatusNotFound, "plain text is not part of the site"},
	}
	for _, tc := range cases {
		req, _ := http.NewRequest(http.MethodGet, ts.URL, nil)
		req.URL.Opaque = tc.path // keep ".." from being cleaned by the client
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", tc.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("GET %s: status %d, want %d: %s", tc.path, resp.StatusCode, tc.want, tc.why)
		}
		if strings.Contains(string(body), "outside the root") || strings.Contains(string(body), "hidden") {
			t.Errorf("GET %s: body %q leaks a file the site does not show", tc.path, body)
		}
	}
}

func TestStatic_SecurityHeadersOnEveryResponse(t *testing.T) {
	_, ts := newServer(t, Options{Dir: site(t)}, nil)
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' ws: wss:; " +
			"worker-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
			"form-action 'self'; frame-ancestors 'none'",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
	}
	// Files are revalidated (files.go); nothing else is stored.
	cases := []struct {
		method, path string
		status       int
		cache        string
	}{
		{http.MethodGet, "/", http.StatusOK, CacheRevalidate},
		{http.MethodHead, "/main.wasm", http.StatusOK, CacheRevalidate},
		{http.MethodGet, "/wasm_exec.js", http.StatusOK, CacheRevalidate},
		{http.MethodGet, "/missing", http.StatusNotFound, "no-store"},
		{http.MethodGet, "/sub/", http.StatusNotFound, "no-store"},
		{http.MethodGet, "/demo", http.StatusMovedPermanently, "no-store"},
		{http.MethodPost, "/", http.StatusMethodNotAllowed, "no-store"},
		{http.MethodGet, "/ws?bogus=1", http.StatusBadRequest, "no-store"},
		{http.MethodPost, "/ws", http.StatusMethodNotAllowed, "no-store"},
		{http.MethodGet, "/ws", http.StatusUpgradeRequired, "no-store"},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range cases {
		req, _ := http.NewRequest(tc.method, ts.URL+tc.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.method, tc.path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, resp.StatusCode, tc.status)
		}
		want["Cache-Control"] = tc.cache
		for k, v := range want {
			if got := resp.Header.Values(k); len(got) != 1 || got[0] != v {
				t.Errorf("%s %s (%d): %s = %q, want exactly %q", tc.method, tc.path, resp.StatusCode, k, got, v)
			}
		}
	}
}

func TestStatic_CustomContentSecurityPolicy(t *testing.T) {
	const csp = "default-src 'self'; connect-src 'self'"
	_, ts := newServer(t, Options{Dir: site(t), ContentSecurityPolicy: csp}, nil)
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Content-Security-Policy"); got != csp {
		t.Errorf("Content-Security-Policy = %q, want %q", got, csp)
	}
}

func TestStatic_MethodNotAllowed(t *testing.T) {
	_, ts := newServer(t, Options{Dir: site(t)}, nil)
	req, _ := http.NewRequest(http.MethodPut, ts.URL+"/index.html", strings.NewReader("x"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("PUT /index.html: %d with Allow %q, want 405 with Allow \"GET, HEAD\"", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestStatic_NoDirServesNothing(t *testing.T) {
	_, ts := newServer(t, Options{}, nil)
	for _, p := range []string{"/", "/index.html", "/main.wasm"} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s with no Dir: status %d, want 404", p, resp.StatusCode)
		}
	}
}
