//go:build !unix

package raster

import "io/fs"

// private: on Windows a folder's access is set by its ACL, which this
// does not read; the folder is created under the user's own profile by
// default, and the flag's help says to give a folder of one's own.
func private(string, fs.FileInfo) error { return nil }
