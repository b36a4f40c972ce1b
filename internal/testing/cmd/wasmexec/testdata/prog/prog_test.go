//go:build js && wasm

// Package prog is the program wasmexec's tests run in each engine: its
// tests check what wasmexec offers a GOOS=js test binary.
package prog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"syscall/js"
	"testing"
	"time"
)

func TestArgsAndEnv(t *testing.T) {
	if got := os.Getenv("WASMEXEC_TEST_VALUE"); got != "héllo ✓" {
		t.Errorf("WASMEXEC_TEST_VALUE = %q, want %q", got, "héllo ✓")
	}
	if !strings.HasPrefix(os.TempDir(), os.TempDir()) || os.TempDir() == "/tmp" {
		t.Errorf("os.TempDir() = %q, want wasmexec's own directory", os.TempDir())
	}
	fmt.Println("args:", strings.Join(os.Args[1:], " "))
}

func TestReadTestdata(t *testing.T) {
	b, err := os.ReadFile("testdata/data.txt")
	if err != nil || string(b) != "read from the host\n" {
		t.Errorf("ReadFile(testdata/data.txt) = %q, %v", b, err)
	}
	entries, err := os.ReadDir("testdata")
	if err != nil || len(entries) != 1 || entries[0].Name() != "data.txt" {
		t.Errorf("ReadDir(testdata) = %v, %v", entries, err)
	}
	if _, err := os.Stat("testdata/missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat(testdata/missing) = %v, want ErrNotExist", err)
	}
	wd, err := os.Getwd()
	if err != nil || filepath.Base(wd) != "prog" {
		t.Errorf("Getwd() = %q, %v; want the package directory", wd, err)
	}
}

func TestTempDir(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(p, []byte("written"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(p); err != nil || string(b) != "written" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	if err := os.Rename(p, p+".2"); err != nil {
		t.Errorf("Rename: %v", err)
	}
}

func TestWritesOutsideTempFail(t *testing.T) {
	err := os.WriteFile("testdata/new.txt", []byte("x"), 0o644)
	if !errors.Is(err, syscall.EROFS) {
		t.Errorf("WriteFile(testdata/new.txt) = %v, want EROFS", err)
	}
	if _, err := os.ReadFile("/etc/hostname"); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("ReadFile(/etc/hostname) = %v, want a permission error", err)
	}
}

func TestFailOnRequest(t *testing.T) {
	if os.Getenv("WASMEXEC_TEST_FAIL") == "1" {
		fmt.Fprintln(os.Stderr, "to stderr")
		t.Fatal("failing as asked")
	}
}

func Example() {
	fmt.Println("hello from an example")
	// Output: hello from an example
}

// TestPollutedPrototypes keeps a throwing getter on
// Array.prototype.constructor for longer than wasmexec's liveness check
// takes to run twice, as the module's pollution tests do. WebKit's
// WebDriver breaks meanwhile (engine.ScriptError), and wasmexec must not
// take that for a browser gone.
func TestPollutedPrototypes(t *testing.T) {
	restore := js.Global().Get("Function").New(`const proto = Array.prototype;
		const before = Object.getOwnPropertyDescriptor(proto, "constructor");
		Object.defineProperty(proto, "constructor", {configurable: true, get() { throw new Error("polluted by TestPollutedPrototypes"); }});
		return () => Object.defineProperty(proto, "constructor", before);`).Invoke()
	defer restore.Invoke()
	time.Sleep(5 * time.Second)
}
