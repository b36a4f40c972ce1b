//go:build !js

// Command wasmexec runs a Go program compiled with GOOS=js GOARCH=wasm, such
// as a test binary, in a browser engine: Chromium, Firefox or WebKit
// (internal/engine). It is made for go test's -exec flag:
//
//	GOOS=js GOARCH=wasm go test -exec="wasmexec -engine=firefox" ./closeevent/...
//
// wasmexec serves the program, the toolchain's wasm_exec.js and a small
// page on a free loopback port, opens the page in a fresh browser, and
// passes the program its arguments and wasmexec's whole environment (so
// CLOSESHIM_SERVER_URL from internal/cmd/withserver reaches the tests). The
// program's standard output and error stream back as it writes them and go
// to wasmexec's own; wasmexec exits with the program's exit code.
//
// What the page offers the program:
//   - files (fs.go): the directory wasmexec runs in (go test runs it in the
//     package's directory) is read-only, so a test reads its testdata; the
//     program's $TMPDIR is a temporary directory of wasmexec's, read-write
//     (testing writes examples' output there, t.TempDir lives there);
//     other paths are refused, so -coverprofile and -cpuprofile to a path
//     outside $TMPDIR fail;
//   - wasm_exec.js gives a program a fixed budget for its arguments and
//     environment together (docs/engines.md, "wasm_exec.js and
//     syscall/js"): wasmexec refuses a larger set
//     before it starts a browser, saying so; run it under `env -i` with
//     the few variables the tests need, as make does.
//
// Flags:
//
//	-engine   chromium, firefox or webkit (default $CLOSESHIM_ENGINE, else chromium)
//	-timeout  bound on the whole run (default: the test's -test.timeout plus 2 minutes, else 20 minutes)
//	-v        log what wasmexec does on stderr
//
// Exit codes: the program's own; 1 when wasmexec itself fails (no browser,
// a crash, a timeout), after saying why on stderr; 2 for bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/closeshim/closeshim/internal/testing/engine"
)

// EnvEngine names the variable that chooses the engine when -engine is not
// given.
const EnvEngine = "CLOSESHIM_ENGINE"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Environ(), os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are wasmexec's parsed command line.
type options struct {
	engine  string
	timeout time.Duration
	verbose bool
	prog    string   // the wasm program
	args    []string // its arguments
}

func parseArgs(args []string, environ []string, stderr io.Writer) (options, error) {
	var o options
	flags := flag.NewFlagSet("wasmexec", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&o.engine, "engine", "", "browser engine: "+strings.Join(engine.Names, ", ")+" (default $"+EnvEngine+", else chromium)")
	flags.DurationVar(&o.timeout, "timeout", 0, "bound on the whole run (default: -test.timeout plus 2m, else 20m)")
	flags.BoolVar(&o.verbose, "v", false, "log what wasmexec does")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: wasmexec [-engine NAME] [-timeout D] [-v] PROGRAM [ARGS...]")
		flags.PrintDefaults()
	}
	// Parsing stops at the program: its own flags (-test.v) follow it.
	if err := flags.Parse(args); err != nil {
		return o, err
	}
	if flags.NArg() == 0 {
		flags.Usage()
		return o, errors.New("no program to run")
	}
	o.prog, o.args = flags.Arg(0), flags.Args()[1:]
	if o.engine == "" {
		o.engine = lookupEnv(environ, EnvEngine)
	}
	if o.engine == "" {
		o.engine = "chromium"
	}
	if o.timeout == 0 {
		o.timeout = 20 * time.Minute
		if d, ok := testTimeout(o.args); ok && d > 0 {
			o.timeout = d + 2*time.Minute
		}
	}
	return o, nil
}

// testTimeout finds -test.timeout among a test binary's arguments.
func testTimeout(args []string) (time.Duration, bool) {
	for i, a := range args {
		a = strings.TrimPrefix(a, "-")
		a = strings.TrimPrefix(a, "-")
		name, value, hasValue := strings.Cut(a, "=")
		if name != "test.timeout" {
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return 0, false
			}
			value = args[i+1]
		}
		d, err := time.ParseDuration(value)
		return d, err == nil
	}
	return 0, false
}

func lookupEnv(environ []string, name string) string {
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}

// run runs wasmexec and returns its exit code.
func run(ctx context.Context, args, environ []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, environ, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "wasmexec:", err)
		}
		return 2
	}
	code, err := execute(ctx, o, environ, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "wasmexec:", err)
		return 1
	}
	return code
}
