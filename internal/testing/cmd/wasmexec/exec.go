//go:build !js

package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/closeshim/closeshim/internal/testing/engine"
)

// argsEnvLimit is what wasm_exec.js leaves a program for its arguments and
// environment: from address 4096 up to the linker's wasmMinDataAddr,
// 4096+8192 ("total length of command line and environment variables
// exceeds limit").
const argsEnvLimit = 8192

// argsEnvSize returns the bytes wasm_exec.js needs for argv and env: each
// string as UTF-8 with a NUL, padded to 8 bytes, then a table of 8-byte
// pointers to them with a zero after each list.
func argsEnvSize(argv []string, env map[string]string) int {
	pad := func(n int) int { return (n + 7) &^ 7 }
	size := 0
	for _, a := range argv {
		size += pad(len(a) + 1)
	}
	for k, v := range env {
		size += pad(len(k) + 1 + len(v) + 1)
	}
	return size + 8*(len(argv)+1+len(env)+1)
}

// envMap turns an environment list into the object go.env takes; a later
// entry wins, as in os/exec.
func envMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
			m[k] = v
		}
	}
	return m
}

// biggestVars names the n largest variables of env, for the error that
// says the environment is too large.
func biggestVars(env map[string]string, n int) string {
	names := slices.Collect(maps.Keys(env))
	size := func(k string) int { return len(k) + len(env[k]) + 2 }
	slices.SortFunc(names, func(a, b string) int {
		if c := cmp.Compare(size(b), size(a)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, k := range names[:min(n, len(names))] {
		parts = append(parts, fmt.Sprintf("%s (%d bytes)", k, size(k)))
	}
	return strings.Join(parts, ", ")
}

// findWasmExec returns wasm_exec.js of the toolchain that go test runs:
// from $GOROOT, else from `go env GOROOT` (go test puts its own go first on
// PATH), else from the GOROOT wasmexec was built with; lib/wasm since Go
// 1.24, misc/wasm before.
func findWasmExec(environ []string) (string, error) {
	var roots []string
	if r := lookupEnv(environ, "GOROOT"); r != "" {
		roots = append(roots, r)
	}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		roots = append(roots, strings.TrimSpace(string(out)))
	}
	roots = append(roots, runtime.GOROOT())
	for _, r := range roots {
		for _, sub := range []string{"lib/wasm", "misc/wasm"} {
			p := filepath.Join(r, sub, "wasm_exec.js")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("no wasm_exec.js in lib/wasm or misc/wasm of %s", strings.Join(roots, ", "))
}

// execute serves the program, runs it in the engine and returns its exit
// code.
func execute(ctx context.Context, o options, environ []string, stdout, stderr io.Writer) (int, error) {
	logf := func(format string, args ...any) {
		if o.verbose {
			fmt.Fprintf(stderr, "wasmexec: "+format+"\n", args...)
		}
	}
	if _, err := os.Stat(o.prog); err != nil {
		return 0, err
	}
	wasmExec, err := findWasmExec(environ)
	if err != nil {
		return 0, err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp("", "wasmexec-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	argv := append([]string{o.prog}, o.args...)
	env := envMap(environ)
	env["TMPDIR"] = tmp // os.TempDir, t.TempDir and examples write there
	if n := argsEnvSize(argv, env); n >= argsEnvLimit {
		return 0, fmt.Errorf("the arguments and environment take %d bytes, and wasm_exec.js gives a program less than %d: "+
			"run wasmexec with a smaller environment, such as `env -i PATH=\"$PATH\" HOME=\"$HOME\" ...` (make test does); the largest variables: %s",
			n, argsEnvLimit, biggestVars(env, 5))
	}
	for _, a := range argv {
		if !utf8.ValidString(a) {
			return 0, fmt.Errorf("argument %q is not valid UTF-8", a)
		}
	}
	eng, err := engine.New(o.engine)
	if err != nil {
		return 0, err
	}
	token, err := newToken()
	if err != nil {
		return 0, err
	}
	h, err := newHost(hostConfig{
		token: token, prog: o.prog, wasmExec: wasmExec, cwd: cwd, tmp: tmp, argv: argv, env: env,
		stdout: stdout, stderr: stderr,
	})
	if err != nil {
		return 0, err
	}
	defer h.close()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: time.Minute}
	go srv.Serve(ln)
	defer srv.Close()
	pageURL := "http://" + ln.Addr().String() + "/" + token + "/"
	logf("serving %s (wasm_exec.js from %s) at http://%s/", o.prog, wasmExec, ln.Addr())

	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	start := time.Now()
	s, err := eng.Open(ctx, pageURL)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err := s.Close(); err != nil {
			fmt.Fprintln(stderr, "wasmexec: closing the browser:", err)
		}
	}()
	logf("%s started in %v", s.Version(), time.Since(start).Round(time.Millisecond))

	// Eval fails once the browser or its protocol connection is gone;
	// until then, the program may run as long as it needs. A script that
	// threw (engine.ScriptError) is an answer: a test that pollutes the
	// page's prototypes breaks the driver's own scripts for a while.
	gone := make(chan error, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
			_, err := s.Eval(ctx, "1")
			if se := (*engine.ScriptError)(nil); errors.As(err, &se) {
				continue
			}
			if err != nil && ctx.Err() == nil {
				gone <- err
				return
			}
		}
	}()
	select {
	case code := <-h.exited:
		logf("%s: exit code %d after %v", s.Version(), code, time.Since(start).Round(time.Millisecond))
		return code, nil
	case err := <-gone:
		return 0, fmt.Errorf("%s: the browser went away: %w%s", s.Version(), err, consoleText(s))
	case <-ctx.Done():
		return 0, fmt.Errorf("%s: no exit after %v (%w)%s", s.Version(), time.Since(start).Round(time.Second), context.Cause(ctx), consoleText(s))
	}
}

// consoleText is the page's console, for an error message.
func consoleText(s engine.Session) string {
	lines := s.Console()
	if len(lines) == 0 {
		return ""
	}
	return "\nthe page's console:\n  " + strings.Join(lines, "\n  ")
}

func newToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
