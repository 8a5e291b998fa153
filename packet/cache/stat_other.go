//go:build !unix

package cache

import "io/fs"

// sysIdentity has nothing to add where the system offers no inode.
func sysIdentity(fs.FileInfo) string { return "" }

// private is true: file modes do not say who may read a file here.
func private(string) bool { return true }
