package regularfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// tree makes a folder "case" holding a.txt (5 bytes), sub/b.txt, and,
// beside it, secret.txt outside the folder. It returns the case folder.
func tree(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "case")
	for name, body := range map[string]string{"case/a.txt": "hello", "case/sub/b.txt": "b", "secret.txt": "secret"} {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
}

// within fails the test if f takes longer than a few seconds (a read
// that blocks on a named pipe or never ends on /dev/zero).
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("still reading after 5 s")
	}
}

func TestRead(t *testing.T) {
	dir := tree(t)
	fifo(t, filepath.Join(dir, "pipe"))
	tests := []struct {
		name string
		path string
		want string // "" = the contents "hello"; else a part of the error
	}{
		{"regular", filepath.Join(dir, "a.txt"), ""},
		{"over the limit", filepath.Join(dir, "sub", "b.txt"), ""},
		{"folder", dir, "is not a regular file (a folder)"},
		{"named pipe", filepath.Join(dir, "pipe"), "is not a regular file (a named pipe)"},
		{"device", "/dev/zero", "is not a regular file (a device)"},
		{"missing", filepath.Join(dir, "nope"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path == "/dev/zero" && runtime.GOOS == "windows" {
				t.Skip("no /dev/zero")
			}
			limit := int64(5)
			if tt.name == "over the limit" {
				limit = 0
				tt.want = "over the 0-byte limit"
			}
			within(t, func() {
				b, err := Read(tt.path, limit)
				switch {
				case tt.want == "" && (err != nil || string(b) != "hello"):
					t.Errorf("Read = %q, %v; want hello", b, err)
				case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
					t.Errorf("Read error %v, want %q", err, tt.want)
				}
			})
		})
	}
}

func TestDirStaysInside(t *testing.T) {
	dir := tree(t)
	fifo(t, filepath.Join(dir, "pipe"))
	link(t, "../secret.txt", filepath.Join(dir, "up"))
	link(t, filepath.Join(filepath.Dir(dir), "secret.txt"), filepath.Join(dir, "abs-out"))
	link(t, "/dev/zero", filepath.Join(dir, "zero"))
	link(t, "sub/b.txt", filepath.Join(dir, "in"))
	abs, _ := filepath.Abs(filepath.Join(dir, "a.txt"))
	link(t, abs, filepath.Join(dir, "abs-in"))
	link(t, "..", filepath.Join(dir, "parent"))
	tests := []struct {
		name, want string // want: the contents, or "!" + a part of the error
		is         any    // the error's type, if any
	}{
		{"a.txt", "hello", nil},
		{"sub/b.txt", "b", nil},
		{"in", "b", nil},
		{"abs-in", "hello", nil},
		{"../secret.txt", "!is not a plain relative path", &OutsideError{}},
		{"sub/../a.txt", "!is not a plain relative path", &OutsideError{}},
		{"/etc/passwd", "!is not a plain relative path", &OutsideError{}},
		{`sub\b.txt`, "!is not a plain relative path", &OutsideError{}},
		{"C:/x", "!is not a plain relative path", &OutsideError{}},
		{"", "!is not a plain relative path", &OutsideError{}},
		{".", "!is not a plain relative path", &OutsideError{}},
		{"up", "!leads outside the folder", &OutsideError{}},
		{"abs-out", "!leads outside the folder", &OutsideError{}},
		{"parent/secret.txt", "!leads outside the folder", &OutsideError{}},
		{"zero", "!leads outside the folder", &OutsideError{}},
		{"pipe", "!is not a regular file (a named pipe)", &NotRegularError{}},
		{"sub", "!is not a regular file (a folder)", &NotRegularError{}},
		{"nope", "!no such file", nil},
	}
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			within(t, func() {
				b, err := d.Read(tt.name, 1<<20)
				if !strings.HasPrefix(tt.want, "!") {
					if err != nil || string(b) != tt.want {
						t.Errorf("Read = %q, %v; want %q", b, err, tt.want)
					}
					return
				}
				if err == nil || !strings.Contains(err.Error(), tt.want[1:]) {
					t.Fatalf("Read error %v, want %q", err, tt.want[1:])
				}
				switch tt.is.(type) {
				case *OutsideError:
					var e *OutsideError
					if !errors.As(err, &e) {
						t.Errorf("%T, want an OutsideError", err)
					}
				case *NotRegularError:
					var e *NotRegularError
					if !errors.As(err, &e) || e.Name != tt.name {
						t.Errorf("%T %v, want a NotRegularError naming %s", err, err, tt.name)
					}
				}
				if tt.name == "nope" && !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%v is not fs.ErrNotExist", err)
				}
			})
		})
	}
}

func TestDirLimit(t *testing.T) {
	d, err := OpenDir(tree(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var tl *TooLargeError
	if _, err := d.Read("a.txt", 4); !errors.As(err, &tl) || tl.Size != 5 || tl.Limit != 4 {
		t.Errorf("Read over the limit: %v", err)
	}
	if _, err := d.Read("a.txt", 5); err != nil {
		t.Errorf("Read at the limit: %v", err)
	}
}
