//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
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
