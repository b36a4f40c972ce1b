//go:build !js

package engine

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Timeouts for the processes a driver starts. The machines that run the
// tests may be small and busy, so they are generous.
const (
	// StartTimeout bounds a browser's start-up: until its protocol
	// endpoint answers and a session is open.
	StartTimeout = 90 * time.Second
	// stopGrace is how long a process has to exit after SIGTERM before
	// its whole process group gets SIGKILL.
	stopGrace = 10 * time.Second
	// waitDelay bounds the wait for a killed process's output pipes,
	// which its children may hold open.
	waitDelay = 5 * time.Second
	// tailLines is how many lines of a process's output an error quotes.
	tailLines = 40
)

// proc is a process a driver started, in a process group of its own so
// that stop ends it with every process it started in turn (Firefox's
// content processes, MiniBrowser and its web processes).
type proc struct {
	name string
	cmd  *exec.Cmd
	out  *lineWriter

	done    chan struct{} // closed once Wait has returned
	waitErr error

	stopOnce sync.Once
	stopErr  error
}

// startProc starts cmd with its output going to a lineWriter that calls
// onLine (if not nil) for every line and keeps the last lines for errors.
func startProc(name string, cmd *exec.Cmd, onLine func(string)) (*proc, error) {
	p := &proc{name: name, cmd: cmd, out: &lineWriter{onLine: onLine}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	cmd.WaitDelay = waitDelay
	setProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("engine: starting %s: %w", name, err)
	}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// exited is closed once the process has exited.
func (p *proc) exited() <-chan struct{} { return p.done }

// tail returns the last lines the process wrote, for an error message.
func (p *proc) tail() string { return p.out.tail() }

// exitError describes how the process ended, with its last output lines.
func (p *proc) exitError() error {
	<-p.done
	return fmt.Errorf("engine: %s exited (%v); its last output:\n%s", p.name, p.waitErr, p.tail())
}

// stop sends SIGTERM to the process group, waits up to stopGrace for the
// process to exit, then sends SIGKILL to the group (which also ends any
// process of the group that outlived its parent) and waits for it. It
// returns nil when the process exited after SIGTERM or had exited before;
// calling it again returns the first result.
func (p *proc) stop() error {
	p.stopOnce.Do(func() {
		select {
		case <-p.done:
		default:
			signalGroup(p.cmd, syscall.SIGTERM)
			select {
			case <-p.done:
			case <-time.After(stopGrace):
				p.stopErr = fmt.Errorf("engine: %s did not exit within %v of SIGTERM; killed", p.name, stopGrace)
			}
		}
		signalGroup(p.cmd, syscall.SIGKILL)
		<-p.done
	})
	return p.stopErr
}

// kill sends SIGKILL to the process group at once, without waiting.
func (p *proc) kill() {
	select {
	case <-p.done:
	default:
		signalGroup(p.cmd, syscall.SIGKILL)
	}
}

// lineWriter splits what a process writes into lines: it calls onLine for
// each and keeps the last tailLines.
type lineWriter struct {
	onLine func(string)

	mu    sync.Mutex
	part  []byte
	lines []string
}

func (w *lineWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	w.part = append(w.part, b...)
	var complete []string
	for {
		i := bytes.IndexByte(w.part, '\n')
		if i < 0 {
			break
		}
		line := strings.TrimRight(string(w.part[:i]), "\r")
		w.part = w.part[i+1:]
		complete = append(complete, line)
		w.lines = append(w.lines, line)
		if len(w.lines) > tailLines {
			w.lines = w.lines[len(w.lines)-tailLines:]
		}
	}
	w.mu.Unlock()
	if w.onLine != nil {
		for _, l := range complete {
			w.onLine(l)
		}
	}
	return len(b), nil
}

func (w *lineWriter) tail() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	lines := append([]string(nil), w.lines...)
	if len(w.part) > 0 {
		lines = append(lines, string(w.part))
	}
	if len(lines) == 0 {
		return "  (nothing)"
	}
	return "  " + strings.Join(lines, "\n  ")
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago, for
// a program that must be told its port (WebKitWebDriver). Another program
// may take it meanwhile: callers retry on failure.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("engine: finding a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// childEnv returns the environment for a browser process: the test's own,
// without proxy settings (every page is on loopback and must stay there),
// with extra appended (later entries win).
func childEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToLower(name) {
		case "http_proxy", "https_proxy", "all_proxy", "ftp_proxy", "no_proxy":
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// cleanup collects the errors of a session's Close.
type cleanup struct{ errs []error }

func (c *cleanup) add(err error) {
	if err != nil {
		c.errs = append(c.errs, err)
	}
}

func (c *cleanup) removeAll(dir string) {
	if dir != "" {
		c.add(os.RemoveAll(dir))
	}
}

func (c *cleanup) err() error { return errors.Join(c.errs...) }
