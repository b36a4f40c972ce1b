//go:build linux

package engine

import "syscall"

// setDeathSignal has Linux send SIGKILL to the process when the thread
// that started it ends, which in practice is when the test process dies:
// a test killed by its timeout leaves no browser behind. The browser's own
// children notice their parent's end and exit.
func setDeathSignal(attr *syscall.SysProcAttr) {
	attr.Pdeathsig = syscall.SIGKILL
}
