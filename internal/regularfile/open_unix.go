//go:build unix

package regularfile

import (
	"os"
	"syscall"
)

// readOnly opens without waiting for a writer when the name turns out to
// be a named pipe (swapped in after the Stat that admitted it); regular
// files ignore O_NONBLOCK.
const readOnly = os.O_RDONLY | syscall.O_NONBLOCK
