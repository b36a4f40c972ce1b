//go:build !js

// Command withserver runs a command while the closeshim test server runs:
// it starts the server on 127.0.0.1 at a free port, runs the command with
// CLOSESHIM_SERVER_URL=http://127.0.0.1:PORT added to its environment,
// stops the server and exits with the command's exit code.
//
//	go run ./internal/cmd/withserver [-dir web] [-origins 'localhost:*,127.0.0.1:*'] [-faults] -- CMD ARGS...
//
// The command also gets CLOSESHIM_CLOSED_URL, an http URL on 127.0.0.1
// at a port nothing listens on (a port withserver bound and released, and
// above every Fetch Standard "bad port", which browsers refuse without
// connecting), for connection-refused tests. With -faults the server also
// answers the fault endpoints /_fault/ws, /_fault/drop and /_fault/count
// (see internal/closeserver, faults.go), and the command gets
// CLOSESHIM_FAULTS=1.
//
// make test uses it to run GOOS=js tests in a browser (go test -exec
// wasmbrowsertest) against a real server, the way coder/websocket's browser
// tests learn their echo server's URL. wasmbrowsertest serves the test page
// from a port of its own, so the default -origins admits any port on
// localhost and 127.0.0.1.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/closeshim/closeshim/internal/closeserver"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run parses args, runs the command they name while the server runs and
// returns the exit code: the command's, or 2 for bad usage and 1 when the
// server cannot start.
func run(args []string) int {
	flags := flag.NewFlagSet("withserver", flag.ContinueOnError)
	dir := flags.String("dir", "web", "directory of static files to serve")
	origins := flags.String("origins", "localhost:*,127.0.0.1:*", "comma-separated origin patterns allowed to open WebSockets")
	faults := flags.Bool("faults", false, "turn on the server's fault endpoints under /_fault/ (test runs only)")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "usage: withserver [-dir DIR] [-origins PATTERNS] [-faults] -- CMD [ARGS...]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() == 0 {
		flags.Usage()
		return 2
	}

	srv, err := closeserver.New(closeserver.Options{Dir: *dir, OriginPatterns: closeserver.SplitPatterns(*origins), Faults: *faults})
	if err != nil {
		fmt.Fprintln(os.Stderr, "withserver:", err)
		return 1
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "withserver:", err)
		srv.Shutdown(context.Background())
		return 1
	}
	closedURL, err := closedPortURL()
	if err != nil {
		fmt.Fprintln(os.Stderr, "withserver:", err)
		ln.Close()
		srv.Shutdown(context.Background())
		return 1
	}
	env := []string{
		closeserver.EnvServerURL + "=" + closeserver.BaseURL(ln.Addr()),
		closeserver.EnvClosedURL + "=" + closedURL,
	}
	if *faults {
		env = append(env, closeserver.EnvFaults+"=1")
	}

	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	code := runCommand(flags.Args(), env)

	stop()
	if err := <-served; err != nil {
		fmt.Fprintln(os.Stderr, "withserver: stopping the server:", err)
	}
	return code
}

// maxBadPort is the largest port of the Fetch Standard's "bad ports"
// list (10080, "amanda"); browsers fail a WebSocket to any of them at
// once, without a TCP connection, so a refused-connection test must use a
// port above it.
const maxBadPort = 10080

// closedPortURL returns the http URL of a port on 127.0.0.1 that nothing
// listens on: one the kernel gave a listener of ours, now closed. No other
// program is likely to take it while the command runs, as the kernel hands
// out the ephemeral ports in turn.
func closedPortURL() (string, error) {
	for range 20 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", err
		}
		addr := ln.Addr().(*net.TCPAddr)
		ln.Close()
		if addr.Port > maxBadPort {
			return closeserver.BaseURL(addr), nil
		}
	}
	return "", errors.New("no free port above " + strconv.Itoa(maxBadPort) + " for " + closeserver.EnvClosedURL)
}

// runCommand runs args with env added to its environment and returns its
// exit code: 127 when it cannot start (as a shell says), 128+N when signal
// N ended it. SIGINT and SIGTERM sent to withserver are passed on, so that
// the command, not withserver, decides when to stop, and the server
// outlives it.
func runCommand(args []string, env []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), env...)

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "withserver:", err)
		return 127
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	for {
		select {
		case sig := <-sigs:
			_ = cmd.Process.Signal(sig)
		case err := <-waited:
			return exitCode(err)
		}
	}
}

// exitCode turns cmd.Wait's error into an exit status.
func exitCode(err error) int {
	var ee *exec.ExitError
	if err == nil {
		return 0
	}
	if !errors.As(err, &ee) {
		fmt.Fprintln(os.Stderr, "withserver:", err)
		return 1
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	if c := ee.ExitCode(); c >= 0 {
		return c
	}
	return 1
}
