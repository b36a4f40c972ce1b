//go:build !js

package closeserver

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// DefaultContentSecurityPolicy is the Content-Security-Policy the server
// sends when Options.ContentSecurityPolicy is empty. It allows what the
// demo needs and nothing else:
//
//   - script-src 'wasm-unsafe-eval' lets WebAssembly.instantiateStreaming
//     compile the Go program; plain 'unsafe-eval' (eval, new Function)
//     stays forbidden, so code that builds JavaScript at run time fails
//     here as it would on a strict site (CSP Level 3, "wasm-unsafe-eval").
//   - connect-src 'self' ws: wss: admits fetch of the page's own files
//     (main.wasm) and WebSockets to any host, since fault tests may point
//     at another port; CSP Level 3 lets 'self' match ws: on the same host,
//     but engines have not always agreed, so the schemes are listed.
//   - worker-src 'self' allows the Worker-scope tests (CloseEvent is
//     exposed in workers: WebSockets Standard, "The CloseEvent interface").
//   - object-src, base-uri, form-action and frame-ancestors close the
//     usual injection and framing holes.
//
// A page that must test a WebSocket URL the CSP forbids (engines differ:
// docs/engines.md, "Engines") needs a stricter connect-src through
// Options.ContentSecurityPolicy.
const DefaultContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"connect-src 'self' ws: wss:; worker-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// contentTypes overrides the mime package for the types a page cannot do
// without: mime reads the system's tables, which may map .js to a legacy
// type, and with "X-Content-Type-Options: nosniff" a browser refuses a
// script or stylesheet whose type is wrong (Fetch Standard, "should
// response to request be blocked due to nosniff?").
var contentTypes = map[string]string{
	// WebAssembly.instantiateStreaming rejects any other type
	// (WebAssembly Web API, "compile a potential WebAssembly response").
	".wasm": "application/wasm",
	// The HTML Standard names text/javascript the one JavaScript MIME type
	// to serve.
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
}

// securityHeaders writes the headers every response carries.
func securityHeaders(h http.Header, csp string) {
	h.Set("Content-Security-Policy", csp)
	// Browsers must trust the Content-Type above, not guess from content.
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	// Static files set their own policy (files.go); everything else (the
	// /ws answers, errors: http.FileServer and http.ServeContent delete
	// Cache-Control from their error responses) is never stored.
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
}

// headerWriter puts the security headers on a response when its header is
// written, whatever the handler did to the map before: http.FileServer
// deletes Cache-Control from its error responses, for one.
type headerWriter struct {
	http.ResponseWriter
	csp   string
	wrote bool // a final (non-1xx) header has been written
}

// WriteHeader sets the security headers, then writes the header. The
// 101 of a WebSocket upgrade carries them too, harmlessly.
func (w *headerWriter) WriteHeader(code int) {
	if !w.wrote {
		securityHeaders(w.Header(), w.csp)
		w.wrote = code >= 200
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write writes the header first if the handler has not, as
// http.ResponseWriter does.
func (w *headerWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController and coder/websocket's Accept reach
// the Hijacker and Flusher underneath.
func (w *headerWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// staticHandler serves files from fsys for GET and HEAD, with the content
// types of contentTypes and, for each regular file, the ETag, cache policy
// and compression of files.go. Directories (their redirects and
// index.html) and what the site does not show go through http.FileServer.
func staticHandler(fsys fs.FS) http.Handler {
	site := siteFS{fsys}
	files := http.FileServerFS(site)
	var cache fileCache
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, r.Method+" is not allowed here: the static files are served to GET and HEAD only",
				http.StatusMethodNotAllowed)
			return
		}
		// Set before http.FileServer looks: it keeps a Content-Type it
		// finds and only then consults mime or sniffs.
		if ct, ok := contentTypes[strings.ToLower(path.Ext(r.URL.Path))]; ok {
			w.Header().Set("Content-Type", ct)
		}
		if name, ok := fileName(r.URL.Path); ok {
			ext := strings.ToLower(path.Ext(name))
			if ct, ok := contentTypes[ext]; ok {
				w.Header().Set("Content-Type", ct)
			}
			if info, err := fs.Stat(site, name); err == nil && info.Mode().IsRegular() {
				if e := cache.get(site, name, info); e != nil {
					e.serve(w, r, name, compressible[ext])
					return
				}
			}
		}
		files.ServeHTTP(w, r)
	})
}

// fileName returns the fs.FS name of the file a URL path shows: the
// index.html of a path ending in "/", else the named file. It refuses a
// path ending in "/index.html", which http.FileServer redirects to its
// directory.
func fileName(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.HasSuffix(urlPath, "/index.html") {
		return "", false
	}
	name := path.Clean(urlPath)
	if strings.HasSuffix(urlPath, "/") {
		name = path.Join(name, "index.html")
	}
	name = name[1:]
	return name, fs.ValidPath(name) && name != "."
}

// siteFS is the part of a directory the server shows: no names starting
// with a dot (.git, .env), no file whose type is not in contentTypes (the
// demo's directory also holds the server's Go source), and no directory
// without an index.html, which http.FileServer would otherwise list. Every failure reads as "does not
// exist", so that a symlink escaping the root (refused by os.Root) is a
// 404 like any missing file, not a 500 that tells it apart.
type siteFS struct{ fsys fs.FS }

// Open opens name if the site shows it, else fails with fs.ErrNotExist.
func (s siteFS) Open(name string) (fs.File, error) {
	if name != "." {
		for _, elem := range strings.Split(name, "/") {
			if strings.HasPrefix(elem, ".") {
				return nil, fs.ErrNotExist
			}
		}
	}
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, fs.ErrNotExist
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fs.ErrNotExist
	}
	if info.IsDir() {
		if _, err := fs.Stat(s.fsys, path.Join(name, "index.html")); err != nil {
			f.Close()
			return nil, fs.ErrNotExist
		}
	} else if _, ok := contentTypes[strings.ToLower(path.Ext(name))]; !ok {
		f.Close()
		return nil, fs.ErrNotExist
	}
	return f, nil
}

// emptyFS is the site when Options.Dir is empty: every path is a 404.
type emptyFS struct{}

// Open fails with fs.ErrNotExist.
func (emptyFS) Open(string) (fs.File, error) { return nil, fs.ErrNotExist }
