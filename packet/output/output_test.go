package output

import (
	"bytes"
	"errors"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/digest"
	"appealpacket/internal/fixture/sealed"
	"appealpacket/packet/cache"
	"appealpacket/packet/integrity"
)

// TestCheckBeforeDrawing: Check refuses what Write would refuse, before
// anything is drawn or written: a page picture changed since it was
// written, a packet file without appealpacket's manifest; --overwrite
// lets both through, and a build without pictures leaves pictures alone.
func TestCheckBeforeDrawing(t *testing.T) {
	dir := t.TempDir()
	c, err := cache.Open(t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Dir: dir, Base: "C-1-packet", Pictures: "C-1", Cache: c}
	pictures := []File{{Name: "C-1-p01.jpg", Data: []byte("page 1"), Part: 1}, {Name: "C-1-p02.jpg", Data: []byte("page 2"), Part: 2}}
	if _, err := Write(pictures, o); err != nil {
		t.Fatal(err)
	}
	if err := Check("", true, o); err != nil {
		t.Fatalf("pictures as written: %v", err)
	}
	edited := filepath.Join(dir, "C-1-p02.jpg")
	if err := os.WriteFile(edited, []byte("retouched"), 0o644); err != nil {
		t.Fatal(err)
	}
	var e *EditedError
	if err := Check("", true, o); !errors.As(err, &e) || e.File != edited {
		t.Fatalf("an edited picture: %v, want an *EditedError naming %s", err, edited)
	}
	if _, err := Write(pictures, o); !errors.As(err, &e) {
		t.Fatalf("Write over an edited picture: %v, want an *EditedError as Check said", err)
	}
	if err := Check("", false, o); err != nil {
		t.Errorf("a build without pictures: %v, want the pictures left alone", err)
	}
	overwrite := o
	overwrite.Overwrite = true
	if err := Check("", true, overwrite); err != nil {
		t.Errorf("--overwrite: %v", err)
	}
	if err := Check("", true, Options{Dir: dir, Base: "C-1-packet", Pictures: "C-1"}); !errors.As(err, &e) {
		t.Errorf("without the cache: %v, want an *EditedError (nothing tells the pictures are as written)", err)
	}

	if err := os.WriteFile(filepath.Join(dir, "C-1-packet.pdf"), []byte("%PDF-1.7 someone else's"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Check("C-1-index.xlsx", false, o); !errors.As(err, &e) || filepath.Base(e.File) != "C-1-packet.pdf" {
		t.Errorf("a packet file without the manifest: %v, want an *EditedError naming it", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("Check changed the folder: %d files, want 3", len(entries))
	}
}

// sealedPair returns a packet file (the least sealed one) and an index
// whose hash its manifest records, as a build without channel writes them.
func sealedPair(t *testing.T, index string) []File {
	t.Helper()
	xlsx := []byte(index)
	m := &integrity.Manifest{Format: 1, Tool: "appealpacket test", Case: "C-1",
		Index:  integrity.Output{File: "C-1-index.xlsx", SHA256: digest.Hex(xlsx)},
		Packet: integrity.Packet{File: "C-1-packet.pdf", Part: 1, Parts: []string{"C-1-packet.pdf"}}}
	pdf, err := sealed.Manifest(m)
	if err != nil {
		t.Fatal(err)
	}
	return []File{{Name: "C-1-packet.pdf", Data: pdf, Part: 1}, {Name: "C-1-index.xlsx", Data: xlsx}}
}

// TestWriteWithoutCacheReadsTheManifest: without a cache, whether an
// existing packet and index may be replaced is read from the packet's
// sealed manifest: the pair as written is replaced; a packet a viewer
// appended to, or an index edited, is refused with an *EditedError and
// left as it is.
func TestWriteWithoutCacheReadsTheManifest(t *testing.T) {
	dir := t.TempDir()
	o := Options{Dir: dir, Base: "C-1-packet"}
	pdfPath, xlsxPath := filepath.Join(dir, "C-1-packet.pdf"), filepath.Join(dir, "C-1-index.xlsx")
	if _, err := Write(sealedPair(t, "index 1"), o); err != nil {
		t.Fatal(err)
	}
	second := sealedPair(t, "index 2")
	if _, err := Write(second, o); err != nil {
		t.Fatalf("rewriting the pair as written: %v", err)
	}
	if b, _ := os.ReadFile(xlsxPath); string(b) != "index 2" {
		t.Fatalf("the index was not replaced: %q", b)
	}
	edits := []struct {
		name, file, other string
		edit              func(b []byte) []byte
	}{
		{"a packet a viewer appended to", pdfPath, xlsxPath, func(b []byte) []byte { return append(b, "\n% edited\n"...) }},
		{"an edited index", xlsxPath, pdfPath, func(b []byte) []byte { return append(b, " and my note"...) }},
	}
	for _, tt := range edits {
		if _, err := Write(second, Options{Dir: dir, Base: "C-1-packet", Overwrite: true}); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(tt.file)
		edited := tt.edit(b)
		if err := os.WriteFile(tt.file, edited, 0o644); err != nil {
			t.Fatal(err)
		}
		other, _ := os.ReadFile(tt.other)
		var e *EditedError
		if _, err := Write(sealedPair(t, "index 3"), o); !errors.As(err, &e) || e.File != tt.file {
			t.Errorf("%s: Write = %v, want an *EditedError naming %s", tt.name, err, tt.file)
		}
		if now, _ := os.ReadFile(tt.file); !bytes.Equal(now, edited) {
			t.Errorf("%s: it was changed", tt.name)
		}
		if now, _ := os.ReadFile(tt.other); !bytes.Equal(now, other) {
			t.Errorf("%s: the other output was changed", tt.name)
		}
	}
}

// TestFailedWriteLeavesThePreviousOutputs: a write that fails after any
// of its files (the packet, the index) leaves the previous packet and
// index as they were, and no temporary file.
func TestFailedWriteLeavesThePreviousOutputs(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(sealedPair(t, "index 1"), Options{Dir: dir, Base: "C-1-packet"}); err != nil {
		t.Fatal(err)
	}
	before := folder(t, dir)
	next := sealedPair(t, "index 2")
	for _, f := range next {
		step := "write " + f.Name
		o := Options{Dir: dir, Base: "C-1-packet", FailAt: func(s string) error {
			if s == step {
				return errors.New("injected failure")
			}
			return nil
		}}
		if _, err := Write(next, o); err == nil || !strings.Contains(err.Error(), "injected") {
			t.Fatalf("%s: err = %v", step, err)
		}
		if after := folder(t, dir); !maps.Equal(after, before) {
			t.Errorf("a failure at %q changed the output folder: %v", step, slices.Sorted(maps.Keys(after)))
		}
	}
	if _, err := Write(next, Options{Dir: dir, Base: "C-1-packet"}); err != nil {
		t.Fatal(err)
	}
	if after := folder(t, dir); len(after) != 2 || maps.Equal(after, before) {
		t.Errorf("the write without failure did not replace the pair: %v", slices.Sorted(maps.Keys(after)))
	}
}

// folder reads the files of a folder: name -> contents and modification
// time.
func folder(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		info, ierr := e.Info()
		if err != nil || ierr != nil {
			t.Fatal(err, ierr)
		}
		out[e.Name()] = info.ModTime().String() + "\n" + string(b)
	}
	return out
}
