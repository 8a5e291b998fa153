//go:build unix

package cache

import (
	"fmt"
	"io/fs"
	"os"
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

// private reports whether only the owner may read the file.
func private(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.Mode().Perm()&0o077 == 0
}
