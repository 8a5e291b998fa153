//go:build !unix

package regularfile

const openFlags = 0
