//go:build unix

package regularfile

import "syscall"

// openFlags keep a FIFO that replaced the file after its check from
// blocking the open.
const openFlags = syscall.O_NONBLOCK
