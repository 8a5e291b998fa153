package atomicfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "packet.pdf")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("new"))
	if b, _ := os.ReadFile(target); string(b) != "old" {
		t.Fatalf("target changed before Commit: %q", b)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // after Commit: nothing
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("after Commit: %q", b)
	}
	g, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	g.Write([]byte("half"))
	g.Abort()
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("after Abort: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

func TestWriteFailureKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "index.xlsx")
	os.WriteFile(target, []byte("old"), 0o644)
	boom := errors.New("boom")
	if err := Write(target, func(w io.Writer) error { w.Write([]byte("partial")); return boom }); !errors.Is(err, boom) {
		t.Fatalf("Write = %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "old" {
		t.Errorf("target %q after a failed write", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

func TestFailingRenameLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out")
	if err := os.Mkdir(target, 0o755); err != nil { // a folder where the file should go
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(target, "x"), []byte("x"), 0o644)
	f, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("data"))
	if err := f.Commit(); err == nil {
		t.Fatal("Commit over a non-empty folder succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

// TestWriteScratch: the file appears whole or not at all, private, with
// nothing left in the temporary folder, whichever step fails.
func TestWriteScratch(t *testing.T) {
	boom := errors.New("boom")
	write := func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }
	tests := []struct {
		name      string
		ownTmp    bool // a temporary folder of its own; else the target's
		folderAt  bool // a non-empty folder stands where the file goes
		fn        func(w io.Writer) error
		wantErr   error // nil: none; errAny: any error
		wantFiles int   // entries of the target's folder afterwards
	}{
		{name: "written", fn: write, wantFiles: 1},
		{name: "written through another folder", ownTmp: true, fn: write, wantFiles: 1},
		{name: "fn fails", fn: func(w io.Writer) error { w.Write([]byte("partial")); return boom }, wantErr: boom},
		{name: "rename fails", folderAt: true, fn: write, wantErr: errAny, wantFiles: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, tmp := t.TempDir(), ""
			if tt.ownTmp {
				tmp = t.TempDir()
			}
			target := filepath.Join(dir, "blob")
			if tt.folderAt {
				os.MkdirAll(filepath.Join(target, "x"), 0o755)
			}
			err := WriteScratch(target, tmp, tt.fn)
			switch {
			case tt.wantErr == nil && err != nil, tt.wantErr != nil && err == nil:
				t.Fatalf("WriteScratch = %v, want %v", err, tt.wantErr)
			case tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
				t.Errorf("error %v does not wrap %v", err, tt.wantErr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != tt.wantFiles {
				t.Errorf("the target's folder holds %v, want %d entries", entries, tt.wantFiles)
			}
			if tmp != "" {
				if left, _ := os.ReadDir(tmp); len(left) != 0 {
					t.Errorf("left in the temporary folder: %v", left)
				}
			}
			if tt.wantErr != nil {
				return
			}
			b, _ := os.ReadFile(target)
			st, _ := os.Stat(target)
			private := runtime.GOOS == "windows" || st.Mode().Perm()&0o077 == 0 // Windows has no such bits
			if string(b) != "new" || !private {
				t.Errorf("target %q, mode %v; want the bytes written, private", b, st.Mode())
			}
		})
	}
}

// errAny stands for any error in a test table.
var errAny = errors.New("any error")

// TestLeftoversOfKilledProcessesAreRemoved: a temporary file whose process
// is gone is removed by the next Create; one of a running process is not.
func TestLeftoversOfKilledProcessesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "C-1-packet.pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid // exited: its ID is free
	leftovers := map[string]bool{
		".C-1-packet.pdf." + itoa(dead) + "-123.tmp":      false, // removed
		".C-1-packet.pdf." + itoa(os.Getpid()) + "-9.tmp": true,  // ours, running
		".C-1-packet.pdf.oldformat.tmp":                   true,  // too recent to tell
		".other.pdf." + itoa(dead) + "-1.tmp":             true,  // another target
	}
	for name := range leftovers {
		os.WriteFile(filepath.Join(dir, name), []byte("partial"), 0o644)
	}
	old := filepath.Join(dir, ".C-1-packet.pdf.ancient.tmp")
	os.WriteFile(old, nil, 0o644)
	os.Chtimes(old, time.Now().Add(-2*staleAge), time.Now().Add(-2*staleAge))
	leftovers[".C-1-packet.pdf.ancient.tmp"] = false
	f, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	for name, kept := range leftovers {
		_, err := os.Stat(filepath.Join(dir, name))
		if (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestWorkFoldersOfKilledProcessesAreRemoved: a work folder whose process
// is gone (killed with -9, it could not remove it) is removed by the next
// TempDir; those of running processes, other names and links are not.
func TestWorkFoldersOfKilledProcessesAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // Unix
	t.Setenv("TMP", tmp)    // Windows
	t.Setenv("TEMP", tmp)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := itoa(cmd.Process.Pid) // exited: its ID is free
	elsewhere := t.TempDir()
	kept := map[string]bool{
		"ap-work-" + dead + "-123":                 false, // removed, with its contents
		"ap-work-" + itoa(os.Getpid()) + "-9":      true,  // ours
		"ap-work-" + itoa(os.Getppid()) + "-9":     true,  // a running process's
		"ap-work-123456789012345678901234567890-1": true,  // not a process ID
		"ap-workshop-" + dead + "-1":               true,  // another prefix
		"ap-work-" + dead:                          true,  // not a work folder's name
	}
	for name := range kept {
		if err := os.MkdirAll(filepath.Join(tmp, name, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(tmp, name, "sub", "master.jpg"), []byte("scaled copy"), 0o644)
	}
	// A link named like a leftover is not followed.
	if err := os.Symlink(elsewhere, filepath.Join(tmp, "ap-work-"+dead+"-7")); err == nil {
		os.WriteFile(filepath.Join(elsewhere, "keep"), nil, 0o644)
		kept["ap-work-"+dead+"-7"] = true
	}
	dir, err := TempDir("ap-work")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if filepath.Dir(dir) != filepath.Clean(tmp) || !strings.HasPrefix(filepath.Base(dir), "ap-work-"+itoa(os.Getpid())+"-") {
		t.Errorf("work folder %s; want ap-work-%d-… in %s", dir, os.Getpid(), tmp)
	}
	for name, want := range kept {
		if _, err := os.Lstat(filepath.Join(tmp, name)); (err == nil) != want {
			t.Errorf("%s: kept %v, want %v", name, err == nil, want)
		}
	}
	if _, err := os.Stat(filepath.Join(elsewhere, "keep")); err != nil && kept["ap-work-"+dead+"-7"] {
		t.Errorf("the link's target was removed: %v", err)
	}
}
