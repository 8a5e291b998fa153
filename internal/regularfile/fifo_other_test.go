//go:build !unix

package regularfile

import "testing"

func fifo(t *testing.T, name string) { t.Skip("no named pipes in the file system here") }
