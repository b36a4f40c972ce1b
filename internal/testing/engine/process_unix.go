//go:build unix && !js

package engine

import (
	"os/exec"
	"syscall"
)

// setProcessGroup makes cmd the leader of a new process group, which the
// processes it starts join, and, where the system can, has it killed when
// the test process dies without stopping it.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setDeathSignal(cmd.SysProcAttr)
}

// signalGroup sends sig to cmd's process group, whose id is cmd's pid.
func signalGroup(cmd *exec.Cmd, sig syscall.Signal) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, sig)
	}
}
