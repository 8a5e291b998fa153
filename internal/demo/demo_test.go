package demo

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/demo from the generator")

const demoDir = "../../testdata/demo"

// TestCommittedDemoIsGenerated proves the committed demo case is exactly
// what this package draws, so it can be regenerated and reviewed as code.
func TestCommittedDemoIsGenerated(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.RemoveAll(demoDir); err != nil {
			t.Fatal(err)
		}
		if err := Write(demoDir); err != nil {
			t.Fatal(err)
		}
	}
	total := 0
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(demoDir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v (run go test ./packet/internal/demo -update)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output (run go test ./packet/internal/demo -update and look at the result)", name)
		}
		total += len(got)
	}
	err = filepath.WalkDir(demoDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(demoDir, p)
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			t.Errorf("%s is in testdata/demo but not made by the generator", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > 2<<20 {
		t.Errorf("demo case is %d bytes, over the 2 MB budget", total)
	}
	t.Logf("demo case: %d files, %d bytes", len(files), total)
}
