// Package regularfile reads the files appealpacket is given — manifests,
// evidence, templates, fonts, profiles, packets, old outputs, cache
// entries — refusing what is not a regular file or is too large before
// reading it. A named pipe or a device is refused without being opened for
// long: opening a FIFO for reading would wait for a writer forever, and
// /dev/zero never ends.
package regularfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by the error for anything but a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by the error for a file over the limit.
var ErrTooLarge = errors.New("over the size limit")

// Open opens a regular file read-only. It refuses a folder, a named pipe,
// a device or a socket (following symbolic links to what they name)
// without blocking, and a file replaced by something else between its
// check and its opening.
func Open(name string) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, notRegular(name, st)
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	got, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !got.Mode().IsRegular() || !os.SameFile(st, got) {
		f.Close()
		return nil, nil, fmt.Errorf("%s changed while it was being opened: %w", name, ErrNotRegular)
	}
	return f, got, nil
}

// Read reads a whole regular file (see Open), refusing files over limit
// bytes, and files that grow past it while being read.
func Read(name string, limit int64) ([]byte, error) {
	f, st, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, fmt.Errorf("%s is %d bytes, %w of %d bytes", name, st.Size(), ErrTooLarge, limit)
	}
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+1))
	if _, err := io.Copy(buf, io.LimitReader(f, limit+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(buf.Len()) > limit {
		return nil, fmt.Errorf("%s grew past %d bytes while it was read: %w", name, limit, ErrTooLarge)
	}
	return buf.Bytes(), nil
}

func notRegular(name string, st fs.FileInfo) error {
	what := "not a regular file"
	switch t := st.Mode().Type(); {
	case st.IsDir():
		what = "a folder, not a file"
	case t&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO), not a file"
	case t&fs.ModeDevice != 0 || t&fs.ModeCharDevice != 0:
		what = "a device, not a file"
	case t&fs.ModeSocket != 0:
		what = "a socket, not a file"
	}
	return fmt.Errorf("%s is %s: %w", name, what, ErrNotRegular)
}
