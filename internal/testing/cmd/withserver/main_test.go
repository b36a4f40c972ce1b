//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/closeserver"
	"github.com/coder/websocket"
)

// helperEnv makes the test binary act as the command withserver runs.
const helperEnv = "WITHSERVER_TEST_HELPER"

// TestMain lets the test binary play the command: with helperEnv set it
// runs the helper named there and exits with its code.
func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "":
		os.Exit(m.Run())
	case "dial":
		os.Exit(helperDial())
	case "faults":
		os.Exit(helperFaults(true))
	case "nofaults":
		os.Exit(helperFaults(false))
	case "exit3":
		os.Exit(3)
	case "sigterm":
		// Die by a signal, as a test binary killed by a timeout would.
		p, _ := os.FindProcess(os.Getpid())
		p.Signal(syscall.SIGTERM)
		time.Sleep(5 * time.Second)
		os.Exit(98)
	default:
		os.Exit(99)
	}
}

// helperDial opens /ws?close=4001&reason=hi on the server named by
// closeserver.EnvServerURL and exits 0 only if it sees that close.
func helperDial() int {
	base := os.Getenv(closeserver.EnvServerURL)
	u, err := closeserver.WebSocketURL(base, closeserver.Plan{Action: closeserver.ActionClose, Code: 4001, Reason: "hi"})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s=%q: %v\n", closeserver.EnvServerURL, base, err)
		return 10
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, u, nil)
	if err != nil {
		fmt.Fprintf(os.Stderr, "Dial(%s): %v\n", u, err)
		return 11
	}
	defer c.CloseNow()
	_, _, err = c.Read(ctx)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4001 || ce.Reason != "hi" {
		fmt.Fprintf(os.Stderr, "got %v, want close 4001 \"hi\"\n", err)
		return 12
	}
	return 0
}

// helperFaults checks the environment withserver gives: the closed URL
// refuses connections, and the fault endpoints answer (a drop of an empty
// group closes with 1000 "dropped 0") exactly when on says so.
func helperFaults(on bool) int {
	closed := os.Getenv(closeserver.EnvClosedURL)
	u, err := url.Parse(closed)
	if err != nil || u.Hostname() != "127.0.0.1" || u.Port() == "" {
		fmt.Fprintf(os.Stderr, "%s=%q, want http://127.0.0.1:PORT\n", closeserver.EnvClosedURL, closed)
		return 20
	}
	if port, _ := strconv.Atoi(u.Port()); port <= maxBadPort {
		fmt.Fprintf(os.Stderr, "%s=%q: port %d is a Fetch bad port or below one\n", closeserver.EnvClosedURL, closed, port)
		return 21
	}
	if conn, err := net.DialTimeout("tcp", u.Host, 2*time.Second); err == nil {
		conn.Close()
		fmt.Fprintf(os.Stderr, "%s=%q accepted a connection, want it refused\n", closeserver.EnvClosedURL, closed)
		return 22
	} else if !errors.Is(err, syscall.ECONNREFUSED) {
		fmt.Fprintf(os.Stderr, "connecting to %s: %v, want connection refused\n", closed, err)
		return 23
	}

	if got, want := os.Getenv(closeserver.EnvFaults), map[bool]string{true: "1"}[on]; got != want {
		fmt.Fprintf(os.Stderr, "%s=%q, want %q\n", closeserver.EnvFaults, got, want)
		return 24
	}
	drop, err := closeserver.FaultDropURL(os.Getenv(closeserver.EnvServerURL), "nobody")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 25
	}
	resp, err := http.Post(drop, "", nil)
	if err != nil {
		fmt.Fprintf(os.Stderr, "POST %s: %v\n", drop, err)
		return 26
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !on {
		// Without -faults the static files refuse the POST.
		if resp.StatusCode == http.StatusOK {
			fmt.Fprintf(os.Stderr, "drop without -faults: %d %q, want a refusal\n", resp.StatusCode, body)
			return 27
		}
		return 0
	}
	if resp.StatusCode != http.StatusOK || string(body) != "dropped 0\n" {
		fmt.Fprintf(os.Stderr, "drop: %d %q, want 200 \"dropped 0\"\n", resp.StatusCode, body)
		return 28
	}
	return 0
}

func TestRun_FaultsAndClosedURL(t *testing.T) {
	for _, tc := range []struct {
		helper string
		flags  []string
	}{
		{"faults", []string{"-faults"}},
		{"nofaults", nil},
	} {
		t.Run(tc.helper, func(t *testing.T) {
			t.Setenv(helperEnv, tc.helper)
			args := append(append([]string{"-dir", t.TempDir()}, tc.flags...), "--", os.Args[0], "-test.run=^$")
			if got := run(args); got != 0 {
				t.Errorf("withserver %q: exit code %d, want 0 (see the helper's stderr)", args, got)
			}
		})
	}
}

func TestRun_CommandReachesServer(t *testing.T) {
	t.Setenv(helperEnv, "dial")
	if got := run([]string{"-dir", t.TempDir(), "--", os.Args[0], "-test.run=^$"}); got != 0 {
		t.Errorf("withserver running a client of the server: exit code %d, want 0 (see the helper's stderr)", got)
	}
}

func TestRun_ExitCodes(t *testing.T) {
	t.Setenv(helperEnv, "exit3")
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"CommandsCode", []string{"-dir", t.TempDir(), "--", os.Args[0]}, 3},
		{"WithoutDashDash", []string{"-dir", t.TempDir(), os.Args[0]}, 3},
		{"CommandNotFound", []string{"-dir", t.TempDir(), "--", "/nonexistent/closeshim-command"}, 127},
		{"NoCommand", []string{"-dir", t.TempDir()}, 2},
		{"UnknownFlag", []string{"-nope", "--", "true"}, 2},
		{"MissingDir", []string{"-dir", "/nonexistent/closeshim-dir", "--", "true"}, 1},
		{"BadOrigin", []string{"-dir", t.TempDir(), "-origins", "[x", "--", "true"}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(tc.args); got != tc.want {
				t.Errorf("run(%q) = %d, want %d", tc.args, got, tc.want)
			}
		})
	}
}

func TestRun_SignalledCommandExits128PlusSignal(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no SIGTERM to die by on " + runtime.GOOS)
	}
	t.Setenv(helperEnv, "sigterm")
	if got, want := run([]string{"-dir", t.TempDir(), "--", os.Args[0]}), 128+int(syscall.SIGTERM); got != want {
		t.Errorf("withserver running a command killed by SIGTERM: exit code %d, want %d", got, want)
	}
}
