//go:build !js

package closeserver

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// wasmSite writes a directory with a main.wasm large enough to be
// compressed (and compressible, like real wasm) and returns the directory
// and the file's bytes.
func wasmSite(t *testing.T) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	content := []byte("\x00asm\x01\x00\x00\x00")
	for len(content) < 200_000 {
		// Repetitive with some noise, as code is.
		content = append(content, []byte("local.get 0 i32.const ")...)
		content = append(content, byte('0'+r.IntN(10)))
	}
	if err := os.WriteFile(filepath.Join(dir, "main.wasm"), content, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tiny.js"), []byte("'use strict';"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, content
}

// fetch sends a GET with the given headers through a client that neither
// decompresses nor follows redirects, and returns the response and its body
// as sent.
func fetch(t *testing.T, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// An explicit Accept-Encoding keeps net/http from adding its own gzip
	// and decoding the body behind the test's back.
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func decode(t *testing.T, encoding string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch encoding {
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		r = zr
	default:
		return body
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s body: %v", encoding, err)
	}
	return out
}

func TestFiles_Compression(t *testing.T) {
	dir, content := wasmSite(t)
	_, ts := newServer(t, Options{Dir: dir}, nil)
	cases := []struct {
		accept, want string
	}{
		{"gzip, deflate, br, zstd", "br"}, // what browsers send
		{"gzip", "gzip"},
		{"br;q=0, gzip;q=0.5", "gzip"},
		{"*", "br"},
		{"*;q=0, gzip", "gzip"},
		{"identity", ""},
		{"gzip;q=0", ""},
		{"gzip;q=bogus", ""},
		{"deflate", ""},
	}
	for _, tc := range cases {
		resp, body := fetch(t, ts.URL+"/main.wasm", map[string]string{"Accept-Encoding": tc.accept})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("Accept-Encoding %q: status %d, want 200", tc.accept, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Encoding"); got != tc.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tc.accept, got, tc.want)
		}
		if got := resp.Header.Get("Content-Type"); got != "application/wasm" {
			t.Errorf("Accept-Encoding %q: Content-Type %q, want application/wasm", tc.accept, got)
		}
		if got := resp.Header.Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: Vary %q, want Accept-Encoding", tc.accept, got)
		}
		if tc.want != "" && len(body) >= len(content)/2 {
			t.Errorf("Accept-Encoding %q: %d bytes sent for %d, want it compressed", tc.accept, len(body), len(content))
		}
		if got := decode(t, tc.want, body); !bytes.Equal(got, content) {
			t.Errorf("Accept-Encoding %q: decoded body of %d bytes differs from the file's %d", tc.accept, len(got), len(content))
		}
	}

	// A file too small to gain is sent as it is.
	resp, _ := fetch(t, ts.URL+"/tiny.js", map[string]string{"Accept-Encoding": "br, gzip"})
	if got := resp.Header.Get("Content-Encoding"); got != "" {
		t.Errorf("tiny.js: Content-Encoding %q, want none", got)
	}
}

func TestFiles_ETagAndNotModified(t *testing.T) {
	dir, content := wasmSite(t)
	_, ts := newServer(t, Options{Dir: dir}, nil)
	version := FileVersion(content)
	for _, enc := range []string{"br", "gzip", ""} {
		accept := enc
		if accept == "" {
			accept = "identity"
		}
		want := `"` + version + `"`
		if enc != "" {
			want = `"` + version + "-" + enc + `"`
		}
		resp, _ := fetch(t, ts.URL+"/main.wasm", map[string]string{"Accept-Encoding": accept})
		etag := resp.Header.Get("ETag")
		if etag != want {
			t.Fatalf("%s: ETag %q, want %q", accept, etag, want)
		}

		resp, body := fetch(t, ts.URL+"/main.wasm", map[string]string{"Accept-Encoding": accept, "If-None-Match": etag})
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("%s, If-None-Match %s: status %d with %d bytes, want 304 without a body", accept, etag, resp.StatusCode, len(body))
		}
		if got := resp.Header.Get("ETag"); got != etag {
			t.Errorf("%s: 304 carries ETag %q, want %q", accept, got, etag)
		}
		if got := resp.Header.Get("Cache-Control"); got != CacheRevalidate {
			t.Errorf("%s: 304 carries Cache-Control %q, want %q", accept, got, CacheRevalidate)
		}

		resp, _ = fetch(t, ts.URL+"/main.wasm", map[string]string{"Accept-Encoding": accept, "If-None-Match": `"other"`})
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s, If-None-Match of another version: status %d, want 200", accept, resp.StatusCode)
		}
	}

	// A rebuilt file gets a new ETag at once; the old one no longer
	// matches.
	resp, _ := fetch(t, ts.URL+"/main.wasm", nil)
	old := resp.Header.Get("ETag")
	rebuilt := append(bytes.Clone(content), "rebuilt"...)
	path := filepath.Join(dir, "main.wasm")
	if err := os.WriteFile(path, rebuilt, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	resp, body := fetch(t, ts.URL+"/main.wasm", map[string]string{"If-None-Match": old})
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, rebuilt) {
		t.Errorf("after a rebuild, If-None-Match of the old ETag: status %d with %d bytes, want 200 with the new %d", resp.StatusCode, len(body), len(rebuilt))
	}
	if got, want := resp.Header.Get("ETag"), `"`+FileVersion(rebuilt)+`"`; got != want {
		t.Errorf("after a rebuild: ETag %q, want %q", got, want)
	}
}

func TestFiles_CachePolicy(t *testing.T) {
	dir, content := wasmSite(t)
	_, ts := newServer(t, Options{Dir: dir}, nil)
	version := FileVersion(content)
	cases := []struct {
		query, want, why string
	}{
		{"", CacheRevalidate, "an unversioned URL is revalidated"},
		{"?v=" + version, CacheImmutable, "the URL of this exact content is cached for good"},
		{"?v=0123456789abcdef0123456789abcdef", CacheRevalidate, "another version's URL is not"},
		{"?v=", CacheRevalidate, "an empty version is none"},
		{"?v=" + version + "&v=" + version, CacheRevalidate, "a repeated v is ambiguous"},
		{"?x=" + version, CacheRevalidate, "only v carries the version"},
	}
	for _, tc := range cases {
		resp, _ := fetch(t, ts.URL+"/main.wasm"+tc.query, nil)
		if got := resp.Header.Values("Cache-Control"); len(got) != 1 || got[0] != tc.want {
			t.Errorf("GET /main.wasm%s: Cache-Control %q, want %q: %s", tc.query, got, tc.want, tc.why)
		}
	}
}

func TestFileVersion_IsSha256Prefix(t *testing.T) {
	// printf closeshim | sha256sum | cut -c1-32
	if got, want := FileVersion([]byte("closeshim")), "b3884e51975876acade1282cde4235a5"; got != want {
		t.Errorf("FileVersion(\"closeshim\") = %q, want %q", got, want)
	}
}
