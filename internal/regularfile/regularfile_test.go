//go:build unix

package regularfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestReadRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		path  string
		limit int64
		want  error
	}{
		"file":          {file, 10, nil},
		"over limit":    {file, 4, ErrTooLarge},
		"folder":        {dir, 10, ErrNotRegular},
		"missing":       {filepath.Join(dir, "none"), 10, os.ErrNotExist},
		"link to file":  {link(t, file, "l1"), 10, nil},
		"link to /dev/": {link(t, os.DevNull, "l2"), 10, ErrNotRegular},
	}
	{
		fifo := filepath.Join(dir, "fifo")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
		cases["fifo"] = struct {
			path  string
			limit int64
			want  error
		}{fifo, 10, ErrNotRegular}
		cases["dev zero"] = struct {
			path  string
			limit int64
			want  error
		}{"/dev/zero", 1 << 30, ErrNotRegular}
	}
	for name, tt := range cases {
		t.Run(name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := Read(tt.path, tt.limit)
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
					t.Errorf("Read(%s) = %v, want %v", tt.path, err, tt.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("Read(%s) blocked", tt.path)
			}
		})
	}
}

func link(t *testing.T, target, name string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.Symlink(target, p); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	return p
}
