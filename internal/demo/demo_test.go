package demo

import (
	"bytes"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"appealpacket/internal/testlevel"
)

var update = flag.Bool("update", false, "rewrite testdata/demo and testdata/demo-zh from the generator")

// TestCommittedDemoIsGenerated proves the committed demo cases (English
// and Chinese) are exactly what this package draws, so they can be
// regenerated and reviewed as code.
func TestCommittedDemoIsGenerated(t *testing.T) {
	testlevel.SkipIfShort(t, "draws the demo cases' pictures and papers")
	// The Chinese demo is the English one with its own case.yaml (see
	// FilesZh): the pictures and papers are drawn once, for both.
	english := sync.OnceValues(Files)
	chinese := func() (map[string][]byte, error) {
		files, err := english()
		if err != nil {
			return nil, err
		}
		files = maps.Clone(files)
		files["case.yaml"] = []byte(manifestZh)
		return files, nil
	}
	for _, tc := range []struct {
		dir   string
		files func() (map[string][]byte, error)
		write func(string) error
	}{
		{"../../testdata/demo", english, Write},
		{"../../testdata/demo-zh", chinese, WriteZh},
	} {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			t.Parallel()
			files, err := tc.files()
			if err != nil {
				t.Fatal(err)
			}
			checkGenerated(t, tc.dir, files, tc.write)
		})
	}
}

func checkGenerated(t *testing.T, demoDir string, files map[string][]byte, write func(string) error) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(demoDir); err != nil {
			t.Fatal(err)
		}
		if err := write(demoDir); err != nil {
			t.Fatal(err)
		}
	}
	total := 0
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(demoDir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v (run go test ./internal/demo -update)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output (run go test ./internal/demo -update and look at the result)", name)
		}
		total += len(got)
	}
	err := filepath.WalkDir(demoDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(demoDir, p)
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			t.Errorf("%s is in %s but not made by the generator", rel, demoDir)
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
