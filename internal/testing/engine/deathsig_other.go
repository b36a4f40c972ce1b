//go:build unix && !linux && !js

package engine

import "syscall"

// setDeathSignal does nothing: only Linux has a parent-death signal.
func setDeathSignal(attr *syscall.SysProcAttr) {}
