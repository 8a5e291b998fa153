//go:build unix

package raster

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// private refuses a folder that others could write code into: one owned
// by another user, or writable by its group or by everyone.
func private(dir string, st fs.FileInfo) error {
	if s, ok := st.Sys().(*syscall.Stat_t); ok && int(s.Uid) != os.Geteuid() {
		return fmt.Errorf("compiled PDFium folder %s belongs to another user (uid %d): its code would run as you; give a folder of your own", dir, s.Uid)
	}
	if st.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("compiled PDFium folder %s can be written by others (%v): its code would run as you; give a folder only you can write (chmod 700)", dir, st.Mode().Perm())
	}
	return nil
}
