// Package regularfile is the one bounded reader of the files appealpacket
// is given: it opens read-only, refuses what is not a regular file (a
// folder, a named pipe, a device such as /dev/zero) or is over a size
// limit before reading it, and never blocks on a named pipe. A Dir reads
// names taken from untrusted input (a received packet's manifest) only
// inside one folder: no "..", no absolute path, no link leading out.
package regularfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// NotRegularError says a name is not a regular file.
type NotRegularError struct {
	Name string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is not a regular file (%s)", e.Name, kindOf(e.Mode))
}

// Kind names the type of a file that is not a regular file in words ("a
// named pipe", "a device"), as the errors of this package do.
func Kind(m fs.FileMode) string { return kindOf(m) }

// kindOf names a file type in words.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a link"
	}
	return "type " + m.Type().String()
}

// TooLargeError says a file is over the size limit it was read under.
type TooLargeError struct {
	Name        string
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is %d bytes, over the %d-byte limit", e.Name, e.Size, e.Limit)
}

// The reasons of an OutsideError.
const (
	ReasonNotRelative = "is not a plain relative path"
	ReasonLinkOutside = "is a link that leads outside the folder"
)

// OutsideError says a name does not stay inside the folder it must be read
// from.
type OutsideError struct {
	Name, Dir, Reason string
}

func (e *OutsideError) Error() string {
	return fmt.Sprintf("%q %s; only files inside %s are read", e.Name, e.Reason, e.Dir)
}

// Open opens name read-only if it is a regular file of at most limit
// bytes, and returns it with its size. A named pipe is refused without
// waiting for a writer.
func Open(name string, limit int64) (*os.File, int64, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, 0, err
	}
	if err := admit(name, st, limit); err != nil {
		return nil, 0, err
	}
	f, err := os.OpenFile(name, readOnly, 0)
	if err != nil {
		return nil, 0, err
	}
	return confirm(f, name, st, limit)
}

// Read reads a whole file, opened read-only, refusing anything but a
// regular file and files over limit bytes.
func Read(name string, limit int64) ([]byte, error) {
	f, size, err := Open(name, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, name, size, limit)
}

// admit refuses what Stat says is not a regular file of at most limit bytes.
func admit(name string, st fs.FileInfo, limit int64) error {
	if !st.Mode().IsRegular() {
		return &NotRegularError{Name: name, Mode: st.Mode()}
	}
	if st.Size() > limit {
		return &TooLargeError{Name: name, Size: st.Size(), Limit: limit}
	}
	return nil
}

// confirm checks that the opened file is the one admitted (not swapped
// for another between Stat and Open), and closes it otherwise.
func confirm(f *os.File, name string, admitted fs.FileInfo, limit int64) (*os.File, int64, error) {
	st, err := f.Stat()
	if err == nil {
		err = admit(name, st, limit)
	}
	if err == nil && !os.SameFile(st, admitted) {
		err = fmt.Errorf("%s was replaced while it was being opened", name)
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}

// ReadOpen reads a file opened by Open, from its current offset, as Read
// does: size is its size when opened, limit the most it may have grown to.
func ReadOpen(f io.Reader, name string, size, limit int64) ([]byte, error) {
	return readAll(f, name, size, limit)
}

// readAll reads f (of size bytes when opened) to its end into one
// buffer of that size, refusing more than limit bytes (a file that grew).
func readAll(f io.Reader, name string, size, limit int64) ([]byte, error) {
	buf := make([]byte, size)
	n, err := io.ReadFull(f, buf)
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return buf[:n], nil // it shrank
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	rest, err := io.ReadAll(io.LimitReader(f, limit-size+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", name, err)
	case size+int64(len(rest)) > limit:
		return nil, &TooLargeError{Name: name, Size: size + int64(len(rest)), Limit: limit}
	case len(rest) > 0:
		return append(buf, rest...), nil // it grew, within the limit
	}
	return buf, nil
}

// Dir reads files inside one folder, by names that may come from
// untrusted input. Its methods are safe for concurrent use.
type Dir struct {
	root *os.Root
	path string // as given
	real string // with links resolved, for the check of absolute links
}

// OpenDir opens a folder for reading files inside it.
func OpenDir(path string) (*Dir, error) {
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		root.Close()
		return nil, err
	}
	if real, err = filepath.Abs(real); err != nil {
		root.Close()
		return nil, err
	}
	return &Dir{root: root, path: path, real: real}, nil
}

// Close releases the folder.
func (d *Dir) Close() error { return d.root.Close() }

// Path is the folder as it was given to OpenDir.
func (d *Dir) Path() string { return d.path }

// CheckName refuses a name that could lead outside the folder: not
// slash-separated and relative, empty, with a "." or ".." element, a
// backslash, a drive letter or (on Windows) a reserved device name.
func CheckName(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, "\\\x00") ||
		!filepath.IsLocal(filepath.FromSlash(name)) || (len(name) >= 2 && name[1] == ':') {
		return fmt.Errorf("%q is not a plain relative path", name)
	}
	return nil
}

// Open opens the regular file name (slash-separated, relative to the
// folder) read-only if it is at most limit bytes, and returns its size.
// Links are followed only while they stay inside the folder.
func (d *Dir) Open(name string, limit int64) (*os.File, int64, error) {
	if err := CheckName(name); err != nil {
		return nil, 0, &OutsideError{Name: name, Dir: d.path, Reason: ReasonNotRelative}
	}
	st, err := d.root.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, 0, err
	case err != nil:
		// os.Root refuses every absolute link and any link out of the
		// folder; an absolute link that still leads inside is allowed.
		return d.openResolved(name, limit)
	}
	if err := admit(name, st, limit); err != nil {
		return nil, 0, err
	}
	f, err := d.root.OpenFile(name, readOnly, 0)
	if err != nil {
		return nil, 0, err
	}
	return confirm(f, name, st, limit)
}

// openResolved opens name after resolving its links, if it leads inside
// the folder.
func (d *Dir) openResolved(name string, limit int64) (*os.File, int64, error) {
	real, err := filepath.EvalSymlinks(filepath.Join(d.real, filepath.FromSlash(name)))
	if err != nil {
		return nil, 0, err
	}
	if rel, err := filepath.Rel(d.real, real); err != nil || !filepath.IsLocal(rel) {
		return nil, 0, &OutsideError{Name: name, Dir: d.path, Reason: ReasonLinkOutside}
	}
	f, size, err := Open(real, limit)
	if err != nil {
		var nr *NotRegularError
		var tl *TooLargeError
		switch {
		case errors.As(err, &nr):
			nr.Name = name
		case errors.As(err, &tl):
			tl.Name = name
		}
	}
	return f, size, err
}

// Read reads the whole regular file name inside the folder (see Open).
func (d *Dir) Read(name string, limit int64) ([]byte, error) {
	f, size, err := d.Open(name, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, name, size, limit)
}
