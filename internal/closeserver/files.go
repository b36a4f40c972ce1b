//go:build !js

package closeserver

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// The Cache-Control values of static files. A URL whose query carries
// v=VERSION, VERSION being the file's current content hash (FileVersion),
// names bytes that never change, so browsers may keep them for a year
// without asking again. Any other URL, the plain main.wasm among them,
// must be revalidated on every use: main.wasm and wasm_exec.js are
// replaced together, and a cached main.wasm beside a fresh wasm_exec.js
// fails at start-up (docs/engines.md, "wasm_exec.js and syscall/js"). Revalidation is cheap: the ETag
// turns it into a 304 without a body.
const (
	CacheImmutable   = "public, max-age=31536000, immutable"
	CacheRevalidate  = "no-cache"
	versionParam     = "v"
	maxCachedFile    = 64 << 20 // larger files are served uncompressed, without an ETag
	brotliLevel      = 6        // level 11 takes many seconds on main.wasm for a few per cent
	compressMinBytes = 1024     // below this, compression saves less than its headers cost
)

// compressible lists the extensions whose files are sent compressed when
// the client accepts it; the image types are compressed already.
var compressible = map[string]bool{
	".wasm": true, ".js": true, ".mjs": true, ".css": true, ".html": true,
	".json": true, ".svg": true,
}

// FileVersion returns the version string of content as the server writes
// it in ETags and expects it in a v= query: the first 32 hex digits of its
// SHA-256, as `sha256sum FILE | cut -c1-32` prints them.
func FileVersion(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:16])
}

// fileCache holds, for each file served, its bytes, version and
// compressed forms, computed once per content: an entry is reused while
// the file's size and modification time stay the same, so a rebuilt
// main.wasm is read and compressed again on its next request, not on
// every one.
type fileCache struct {
	mu      sync.Mutex
	entries map[string]*cachedFile
}

// cachedFile is one version of one file. Its compressed forms are made on
// first demand, each once.
type cachedFile struct {
	size    int64
	modTime time.Time
	raw     []byte
	version string

	gzipOnce, brOnce sync.Once
	gzip, br         []byte
}

// get returns the cached entry for name, reading the file when it is new or
// has changed since. It returns nil when the file cannot be read or is too
// large to hold; the caller then serves it the plain way.
func (c *fileCache) get(fsys fs.FS, name string, info fs.FileInfo) *cachedFile {
	if info.Size() > maxCachedFile {
		return nil
	}
	c.mu.Lock()
	e := c.entries[name]
	c.mu.Unlock()
	if e != nil && e.size == info.Size() && e.modTime.Equal(info.ModTime()) {
		return e
	}
	raw, err := fs.ReadFile(fsys, name)
	if err != nil || int64(len(raw)) != info.Size() {
		// Changed while being read: serve it plainly this time.
		return nil
	}
	e = &cachedFile{size: info.Size(), modTime: info.ModTime(), raw: raw, version: FileVersion(raw)}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = make(map[string]*cachedFile)
	}
	c.entries[name] = e
	c.mu.Unlock()
	return e
}

// encoded returns the bytes of e in encoding ("br", "gzip" or ""), making
// them on first use.
func (e *cachedFile) encoded(encoding string) []byte {
	switch encoding {
	case "br":
		e.brOnce.Do(func() {
			var buf bytes.Buffer
			w := brotli.NewWriterLevel(&buf, brotliLevel)
			w.Write(e.raw)
			w.Close()
			e.br = buf.Bytes()
		})
		return e.br
	case "gzip":
		e.gzipOnce.Do(func() {
			var buf bytes.Buffer
			w := gzip.NewWriter(&buf)
			w.Write(e.raw)
			w.Close()
			e.gzip = buf.Bytes()
		})
		return e.gzip
	}
	return e.raw
}

// serve writes e as the response to r: the best encoding the client
// accepts, an ETag naming version and encoding, the cache policy of the
// URL, and a 304 when If-None-Match already names that ETag (through
// http.ServeContent, which also answers ranges and HEAD).
func (e *cachedFile) serve(w http.ResponseWriter, r *http.Request, name string, compress bool) {
	h := w.Header()
	encoding := ""
	if compress && len(e.raw) >= compressMinBytes {
		h.Add("Vary", "Accept-Encoding")
		encoding = chooseEncoding(r.Header.Values("Accept-Encoding"))
	}
	etag := e.version
	if encoding != "" {
		// Each representation has its own strong ETag (RFC 9110 section
		// 8.8.3): the bytes differ.
		etag += "-" + encoding
		h.Set("Content-Encoding", encoding)
	}
	h.Set("ETag", `"`+etag+`"`)
	if v := r.URL.Query()[versionParam]; len(v) == 1 && v[0] == e.version {
		h.Set("Cache-Control", CacheImmutable)
	} else {
		h.Set("Cache-Control", CacheRevalidate)
	}
	http.ServeContent(w, r, name, e.modTime, bytes.NewReader(e.encoded(encoding)))
}

// chooseEncoding picks br, else gzip, else "" (identity) from the
// Accept-Encoding header values: a coding counts when it is listed, or
// covered by "*", with a q-value above zero (RFC 9110 section 12.5.3).
func chooseEncoding(values []string) string {
	q := map[string]float64{}
	for _, v := range values {
		for _, item := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(item), ";")
			weight := 1.0
			for _, p := range strings.Split(params, ";") {
				k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
				if ok && strings.EqualFold(k, "q") {
					if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
						weight = f
					} else {
						weight = 0 // a malformed weight is no consent
					}
				}
			}
			q[strings.ToLower(strings.TrimSpace(coding))] = weight
		}
	}
	accepts := func(coding string) bool {
		if w, ok := q[coding]; ok {
			return w > 0
		}
		w, ok := q["*"]
		return ok && w > 0
	}
	switch {
	case accepts("br"):
		return "br"
	case accepts("gzip"):
		return "gzip"
	}
	return ""
}
