//go:build !js

package harness

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/closeserver"
	"github.com/closeshim/closeshim/internal/testing/engine"
	"github.com/closeshim/closeshim/internal/testing/hostile"
)

// EnvRequireBrowser makes the browser tests fail, instead of skip, when no
// browser is installed.
const EnvRequireBrowser = "CLOSESHIM_REQUIRE_BROWSER"

// repoRoot is the module root, two levels above this package.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found at %s: %v", root, err)
	}
	return root
}

// newEngine returns the engine called name (one of engine.Names), or
// skips the test when it is not installed and EnvRequireBrowser is unset.
func newEngine(t testing.TB, name string) engine.Engine {
	t.Helper()
	e, err := engine.New(name)
	if errors.Is(err, engine.ErrNoBrowser) {
		if os.Getenv(EnvRequireBrowser) == "" {
			t.Skipf("%v; `make test` installs it, or set %s=1 to make this a failure", err, EnvRequireBrowser)
		}
		t.Fatalf("%s is set but %s is not installed: %v", EnvRequireBrowser, name, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// chromium returns the Chromium engine, which the demo's tests use for
// its screenshots and dialogs, or skips as newEngine does.
func chromium(t testing.TB) *engine.Chromium {
	t.Helper()
	return newEngine(t, "chromium").(*engine.Chromium)
}

// site is a built copy of web/ once per test binary: the pages, main.wasm
// built from ./wasm, and the wasm_exec.js of the same toolchain.
var site struct {
	once sync.Once
	dir  string
	err  error
}

// siteDir returns the built copy of web/.
func siteDir(t testing.TB) string {
	t.Helper()
	site.once.Do(func() {
		site.dir, site.err = buildSite(repoRoot(t))
	})
	if site.err != nil {
		t.Fatal(site.err)
	}
	return site.dir
}

func buildSite(root string) (string, error) {
	dir, err := os.MkdirTemp("", "closeshim-web-")
	if err != nil {
		return "", err
	}
	// The pages and scripts: the files directly in web/ and the test pages
	// in web/test/, not the server's sources and not build outputs a stale
	// `make` may have left.
	for _, sub := range []string{"", "test"} {
		if err := copyPages(filepath.Join(root, "web", sub), filepath.Join(dir, sub)); err != nil {
			return "", err
		}
	}

	// The hostile page's pollution script lives in Go, once, for the Go
	// tests and the page alike.
	if err := os.WriteFile(filepath.Join(dir, "test", "pollute.js"), []byte(hostile.Script), 0o644); err != nil {
		return "", err
	}

	gobin := goCommand()
	build := exec.Command(gobin, "build", "-trimpath", "-o", filepath.Join(dir, "main.wasm"), "./wasm")
	build.Dir = root
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return "", errors.New("building main.wasm: " + err.Error() + "\n" + string(out))
	}

	out, err := exec.Command(gobin, "env", "GOROOT").Output()
	if err != nil {
		return "", errors.New("go env GOROOT: " + err.Error())
	}
	goroot := strings.TrimSpace(string(out))
	// lib/wasm since Go 1.24, misc/wasm before (docs/engines.md,
	// "wasm_exec.js and syscall/js").
	var copyErr error
	for _, sub := range []string{"lib/wasm", "misc/wasm"} {
		if copyErr = copyFile(filepath.Join(goroot, sub, "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js")); copyErr == nil {
			return dir, nil
		}
	}
	return "", errors.New("no wasm_exec.js in " + goroot + "/lib/wasm or misc/wasm: " + copyErr.Error())
}

// copyPages copies the files directly in src (no directories, no dot
// files, no build outputs) into dst, which it makes.
func copyPages(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "main.wasm" || name == "wasm_exec.js" || strings.HasPrefix(name, ".") {
			continue
		}
		if err := copyFile(filepath.Join(src, name), filepath.Join(dst, name)); err != nil {
			return err
		}
	}
	return nil
}

// goCommand is the go command of the toolchain running the tests.
func goCommand() string {
	if p := filepath.Join(os.Getenv("GOROOT"), "bin", "go"); os.Getenv("GOROOT") != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "go"
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// serve starts a closeserver for dir on a free loopback port and returns
// its base URL, such as "http://127.0.0.1:41234". It stops with the test.
func serve(t testing.TB, dir string) string {
	t.Helper()
	return serveWith(t, closeserver.Options{Dir: dir})
}

// serveWith is serve with other Options, such as the fault endpoints.
func serveWith(t testing.TB, opts closeserver.Options) string {
	t.Helper()
	srv, err := closeserver.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("closeserver: %v", err)
			}
		case <-time.After(closeserver.ShutdownTimeout + 5*time.Second):
			t.Errorf("closeserver did not shut down")
		}
	})
	return closeserver.BaseURL(ln.Addr())
}
