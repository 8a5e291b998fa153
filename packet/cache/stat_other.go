//go:build !unix

package cache

import "io/fs"

// sysIdentity has nothing to add where the system offers no inode.
func sysIdentity(fs.FileInfo) string { return "" }
