//go:build !linux

package packet_test

import "testing"

// peakRSS is 0 here: only Linux is measured.
func peakRSS() int64 { return 0 }

func mkfifo(t *testing.T, name string) { t.Skip("named pipes are tested on Linux") }
