// Package regularfile reads the files appealpacket is given, refusing
// what is not a regular file or is too large before reading it.
package regularfile

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// Read reads a whole file, opened read-only, refusing anything but a
// regular file and files over limit bytes.
func Read(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s is %d bytes, over the %d-byte limit", name, st.Size(), limit)
	}
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+1))
	if _, err := io.Copy(buf, io.LimitReader(f, limit+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return buf.Bytes(), nil
}
