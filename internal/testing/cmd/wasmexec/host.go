//go:build !js

package main

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
)

//go:embed page
var pageFiles embed.FS

// hostConfig is what the page needs to know and where its output goes.
type hostConfig struct {
	token    string // the secret first path element of every URL
	prog     string // the wasm program
	wasmExec string // the toolchain's wasm_exec.js
	cwd      string // the directory files are read from
	tmp      string // the program's $TMPDIR, read-write
	argv     []string
	env      map[string]string
	stdout   io.Writer
	stderr   io.Writer
}

// host is the HTTP side of the page: under /TOKEN/ it serves the page,
// config.js, wasm_exec.js and test.wasm, takes the program's output
// (/out?fd=1|2) and exit code (/exit), and runs its file operations
// (/fs/OP, fs.go).
type host struct {
	cfg    hostConfig
	root   *os.Root // cfg.cwd
	tmp    *os.Root // cfg.tmp
	exited chan int // receives the exit code once

	mu     sync.Mutex
	files  map[int]openFile
	nextFD int
	once   sync.Once
}

func newHost(cfg hostConfig) (*host, error) {
	root, err := os.OpenRoot(cfg.cwd)
	if err != nil {
		return nil, err
	}
	tmp, err := os.OpenRoot(cfg.tmp)
	if err != nil {
		root.Close()
		return nil, err
	}
	return &host{cfg: cfg, root: root, tmp: tmp, exited: make(chan int, 1), files: map[int]openFile{}, nextFD: 100}, nil
}

// close closes the files the program left open and the roots.
func (h *host) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for fd, f := range h.files {
		f.Close()
		delete(h.files, fd)
	}
	h.root.Close()
	h.tmp.Close()
}

const tokenHeader = "X-Wasmexec-Token"

func (h *host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/"+h.cfg.token+"/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodPost {
		// Every POST comes from the page's scripts, which send the
		// token in a header too: a form elsewhere cannot.
		if r.Header.Get(tokenHeader) != h.cfg.token {
			http.Error(w, "missing token", http.StatusForbidden)
			return
		}
		switch {
		case rest == "out":
			h.out(w, r)
		case rest == "exit":
			h.exit(w, r)
		case strings.HasPrefix(rest, "fs/"):
			h.fs(w, r, strings.TrimPrefix(rest, "fs/"))
		default:
			http.NotFound(w, r)
		}
		return
	}
	switch rest {
	case "":
		h.static(w, "page/index.html", "text/html; charset=utf-8")
	case "host.js", "start.js":
		h.static(w, "page/"+rest, "text/javascript; charset=utf-8")
	case "config.js":
		h.config(w)
	case "wasm_exec.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeFile(w, r, h.cfg.wasmExec)
	case "test.wasm":
		// instantiateStreaming wants exactly this type, whatever the
		// file's name (a test binary ends in .test).
		w.Header().Set("Content-Type", "application/wasm")
		f, err := os.Open(h.cfg.prog)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		io.Copy(w, f)
	default:
		http.NotFound(w, r)
	}
}

func (h *host) static(w http.ResponseWriter, name, contentType string) {
	b, err := pageFiles.ReadFile(name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Write(b)
}

// config writes config.js: the program's argv, env, cwd and the token.
func (h *host) config(w http.ResponseWriter) {
	b, err := json.Marshal(map[string]any{"argv": h.cfg.argv, "env": h.cfg.env, "cwd": h.cfg.cwd, "token": h.cfg.token})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	fmt.Fprintf(w, "globalThis.wasmexecConfig = %s;\n", b)
}

// out copies a piece of the program's output to stdout or stderr.
func (h *host) out(w http.ResponseWriter, r *http.Request) {
	dst := h.cfg.stdout
	if r.URL.Query().Get("fd") == "2" {
		dst = h.cfg.stderr
	}
	io.Copy(dst, r.Body)
	w.WriteHeader(http.StatusNoContent)
}

func (h *host) exit(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Code int `json:"code"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.once.Do(func() { h.exited <- body.Code })
	w.WriteHeader(http.StatusNoContent)
}
