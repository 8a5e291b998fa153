//go:build unix

package regularfile

import (
	"syscall"
	"testing"
)

// fifo makes a named pipe, which a careless reader waits on forever.
func fifo(t *testing.T, name string) {
	t.Helper()
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}
