//go:build !js

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/engine"
)

func TestArgsEnvSize(t *testing.T) {
	// "a\0" and "K=V\0" take 8 bytes each; then 4 pointers of 8 bytes
	// (argv, its zero, env, its zero).
	if got := argsEnvSize([]string{"a"}, map[string]string{"K": "V"}); got != 48 {
		t.Errorf("argsEnvSize = %d, want 48", got)
	}
	// "12345678\0" pads to 16 bytes; 3 pointers (argv, its zero, env's zero).
	if got := argsEnvSize([]string{"12345678"}, nil); got != 16+24 {
		t.Errorf("argsEnvSize of a 9-byte string = %d, want 40", got)
	}
	big := map[string]string{"BIG": strings.Repeat("x", argsEnvLimit)}
	if argsEnvSize(nil, big) < argsEnvLimit {
		t.Errorf("an %d-byte variable fits", argsEnvLimit)
	}
	if got := biggestVars(map[string]string{"A": "1", "LONG": "123456", "B": "22"}, 2); got != "LONG (12 bytes), B (5 bytes)" {
		t.Errorf("biggestVars = %q", got)
	}
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args    []string
		env     []string
		engine  string
		prog    string
		rest    []string
		timeout time.Duration
	}{
		{[]string{"x.test", "-test.v"}, nil, "chromium", "x.test", []string{"-test.v"}, 20 * time.Minute},
		{[]string{"-engine=webkit", "x.test"}, []string{EnvEngine + "=firefox"}, "webkit", "x.test", []string{}, 20 * time.Minute},
		{[]string{"x.test", "-test.timeout=3m", "-engine=chromium"}, []string{EnvEngine + "=firefox"}, "firefox", "x.test", []string{"-test.timeout=3m", "-engine=chromium"}, 5 * time.Minute},
		{[]string{"-timeout", "1m", "x.test", "-test.timeout", "10m"}, nil, "chromium", "x.test", []string{"-test.timeout", "10m"}, time.Minute},
	}
	for _, tt := range tests {
		o, err := parseArgs(tt.args, tt.env, &bytes.Buffer{})
		if err != nil {
			t.Errorf("parseArgs(%q): %v", tt.args, err)
			continue
		}
		if o.engine != tt.engine || o.prog != tt.prog || strings.Join(o.args, " ") != strings.Join(tt.rest, " ") || o.timeout != tt.timeout {
			t.Errorf("parseArgs(%q) = engine %q prog %q args %q timeout %v; want %q %q %q %v",
				tt.args, o.engine, o.prog, o.args, o.timeout, tt.engine, tt.prog, tt.rest, tt.timeout)
		}
	}
	if _, err := parseArgs(nil, nil, &bytes.Buffer{}); err == nil {
		t.Errorf("parseArgs(nil): no error")
	}
}

func TestRun_EnvironmentTooLarge(t *testing.T) {
	var stderr bytes.Buffer
	env := []string{"HUGE=" + strings.Repeat("x", 9000)}
	code := run(context.Background(), []string{"-engine=chromium", os.Args[0]}, env, &bytes.Buffer{}, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "HUGE") || !strings.Contains(stderr.String(), "env -i") {
		t.Errorf("run with a 9 KB environment: exit %d, stderr %q; want 1 and a message naming HUGE and env -i", code, stderr.String())
	}
}

// buildProg builds testdata/prog's tests for GOOS=js GOARCH=wasm.
func buildProg(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	out := filepath.Join(t.TempDir(), "prog.test")
	cmd := exec.Command(goTool, "test", "-c", "-o", out, "./testdata/prog")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building testdata/prog: %v\n%s", err, b)
	}
	return out
}

// TestRun_Engines runs testdata/prog's tests in every engine: once passing
// (arguments, environment, testdata, $TMPDIR, an example, prototypes
// polluted for seconds), once with a test that fails, whose exit code and
// stderr must come through.
func TestRun_Engines(t *testing.T) {
	prog := buildProg(t)
	t.Chdir("testdata/prog")
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "WASMEXEC_TEST_VALUE=héllo ✓"}
	for _, name := range engine.Names {
		t.Run(name, func(t *testing.T) {
			if _, err := engine.New(name); errors.Is(err, engine.ErrNoBrowser) {
				if os.Getenv("CLOSESHIM_REQUIRE_BROWSER") == "" {
					t.Skip(err)
				}
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()

			var stdout, stderr bytes.Buffer
			start := time.Now()
			code := run(ctx, []string{"-engine=" + name, prog, "-test.v", "-test.count=1"}, env, &stdout, &stderr)
			t.Logf("%s: exit %d in %v", name, code, time.Since(start).Round(time.Millisecond))
			if code != 0 {
				t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
			}
			for _, want := range []string{"args: -test.v -test.count=1", "--- PASS: TestTempDir", "--- PASS: TestPollutedPrototypes", "--- PASS: Example ", "\nPASS\n"} {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, &stdout)
				}
			}

			stdout.Reset()
			stderr.Reset()
			code = run(ctx, []string{"-engine=" + name, prog, "-test.run=TestFailOnRequest"}, append(env, "WASMEXEC_TEST_FAIL=1"), &stdout, &stderr)
			if code != 1 {
				t.Errorf("a failing test: exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
			}
			if !strings.Contains(stdout.String(), "failing as asked") || !strings.Contains(stderr.String(), "to stderr") {
				t.Errorf("a failing test: stdout %q, stderr %q; want the failure and the line written to stderr", &stdout, &stderr)
			}
		})
	}
}
