package output

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"appealpacket/packet/cache"
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
