//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// alive reports whether a process with this ID exists (a process of
// another user counts).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
