package packet_test

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// peakRSS is this process's peak resident memory in bytes (VmHWM, the
// figure /usr/bin/time -v reports as "Maximum resident set size"). The
// child's rusage is no use: a child started by Go shares the parent's
// memory until exec, and Linux counts the parent's peak in it.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}
