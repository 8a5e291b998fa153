package packet_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/packet"
)

// TestCacheGivesTheSameBytes builds cold, warm, with damaged cache entries
// and without a cache: every build writes the same packet.
func TestCacheGivesTheSameBytes(t *testing.T) {
	dir := bigCase(t, 3)
	cacheDir := t.TempDir()
	build := func(cache string) []byte {
		t.Helper()
		res, err := packet.Build(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, CacheDir: cache, MaxSize: 1 << 30})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(res.PDF)
		return b
	}
	cold := build(cacheDir)
	var blobs []string
	filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "display.jpg" {
			blobs = append(blobs, p)
		}
		return nil
	})
	if len(blobs) != 3 {
		t.Fatalf("the cache holds %d display copies, want 3", len(blobs))
	}
	if warm := build(cacheDir); !bytes.Equal(warm, cold) {
		t.Error("a warm build differs from the cold one")
	}
	// Damage: truncate one blob, garble one record; both are rebuilt.
	if err := os.Truncate(blobs[0], 100); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(blobs[1]), "record.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again := build(cacheDir); !bytes.Equal(again, cold) {
		t.Error("a build over damaged cache entries differs")
	}
	if st, err := os.Stat(blobs[0]); err != nil || st.Size() <= 100 {
		t.Errorf("the truncated entry was not rebuilt: %v", err)
	}
	// Deleting the cache loses nothing.
	if err := os.RemoveAll(cacheDir); err != nil {
		t.Fatal(err)
	}
	if none := build(""); !bytes.Equal(none, cold) {
		t.Error("a build without cache differs")
	}
}

// TestCacheRemembersTheFittingLevel: a packet reduced to fit its limit
// comes out the same from a cold build, a warm one (which starts from the
// level the cache remembers) and one without cache.
func TestCacheRemembersTheFittingLevel(t *testing.T) {
	dir := bigCase(t, 4)
	full, err := packet.Build(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, MaxSize: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	var got [][]byte
	for _, c := range []string{cacheDir, cacheDir, ""} {
		res, err := packet.Build(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, CacheDir: c, MaxSize: full.PDFSize * 6 / 10})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.Display, "reduced") {
			t.Fatalf("display %q: the limit should force smaller copies", res.Display)
		}
		b, _ := os.ReadFile(res.PDF)
		got = append(got, b)
	}
	if !bytes.Equal(got[0], got[1]) || !bytes.Equal(got[0], got[2]) {
		t.Error("cold, warm and uncached builds differ")
	}
}
