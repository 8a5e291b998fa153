//go:build unix

package cache

import (
	"fmt"
	"io/fs"
	"syscall"
)

// sysIdentity adds the inode and change time, which a rewrite of the file
// always changes (unlike the modification time, which tools can set back).
func sysIdentity(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d|%d|%d", st.Dev, st.Ino, ctime(st))
}
