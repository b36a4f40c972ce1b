//go:build !js

package engine

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// startXvfb starts the virtual X server xvfb on a free display and returns
// it with the display's name, such as ":1". Xvfb chooses the display
// itself (-displayfd) and listens only on its local socket (-nolisten tcp).
func startXvfb(ctx context.Context, xvfb string) (*proc, string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, "", fmt.Errorf("engine: Xvfb: %w", err)
	}
	defer r.Close()
	// ExtraFiles[0] is the child's fd 3.
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	cmd.Env = childEnv()
	p, err := startProc("Xvfb", cmd, nil)
	w.Close()
	if err != nil {
		return nil, "", err
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- s
	}()
	fail := func(err error) (*proc, string, error) {
		p.stop()
		return nil, "", err
	}
	select {
	case s := <-line:
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fail(fmt.Errorf("engine: Xvfb gave no display number (%q); its output:\n%s", s, p.tail()))
		}
		return p, ":" + strconv.Itoa(n), nil
	case <-ctx.Done():
		return fail(fmt.Errorf("engine: Xvfb did not start: %w; its output:\n%s", context.Cause(ctx), p.tail()))
	}
}
