package packet_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/testlevel"

	"appealpacket/packet"
)

// TestCacheGivesTheSameBytes builds cold, warm, with damaged cache entries
// and without a cache: every build writes the same packet. Then it fits
// the packet to 60% of its full size: the limit forces smaller copies, the
// packet is within it in one file and verifies, and it comes out the same
// from a cold build, a warm one (which starts from the level the cache
// remembers) and one without cache. (The levels themselves are tested in
// package assemble.)
func TestCacheGivesTheSameBytes(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds three photos seven times, with and without the cache")
	dir := bigCase(t, 3)
	build := func(cache string, limit int64) *packet.Result {
		t.Helper()
		res, err := packet.Build(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, CacheDir: cache, MaxSize: limit})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	pdf := func(res *packet.Result) []byte {
		t.Helper()
		b, err := os.ReadFile(res.PDF)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cacheDir := t.TempDir()
	full := build(cacheDir, 1<<30)
	cold := pdf(full)
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
	if warm := pdf(build(cacheDir, 1<<30)); !bytes.Equal(warm, cold) {
		t.Error("a warm build differs from the cold one")
	}
	// Damage: truncate one blob, garble one record; both are rebuilt.
	if err := os.Truncate(blobs[0], 100); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(blobs[1]), "record.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again := pdf(build(cacheDir, 1<<30)); !bytes.Equal(again, cold) {
		t.Error("a build over damaged cache entries differs")
	}
	if st, err := os.Stat(blobs[0]); err != nil || st.Size() <= 100 {
		t.Errorf("the truncated entry was not rebuilt: %v", err)
	}
	// Deleting the cache loses nothing.
	if err := os.RemoveAll(cacheDir); err != nil {
		t.Fatal(err)
	}
	if none := pdf(build("", 1<<30)); !bytes.Equal(none, cold) {
		t.Error("a build without cache differs")
	}

	// Fitted to 60%: cold with a fresh cache, warm, and without cache.
	limit := full.PDFSize * 6 / 10
	fitCache := t.TempDir()
	var fitted [][]byte
	for i, c := range []string{fitCache, fitCache, ""} {
		res := build(c, limit)
		if !res.Fit.Reduced {
			t.Fatalf("display %q: the limit should force smaller copies", res.Fit)
		}
		if i == 0 {
			if len(res.Files) != 2 || res.PDFSize > limit {
				t.Fatalf("packet of %d bytes in %d files, limit %d (full size %d)", res.PDFSize, len(res.Files)-1, limit, full.PDFSize)
			}
			t.Logf("%d bytes at full size, %d bytes within %d: %s", full.PDFSize, res.PDFSize, limit, res.Fit)
			// Originals are untouched and still hashed in the appendix.
			rep, err := packet.Verify(res.PDF, dir, packet.VerifyOptions{})
			if err != nil || !rep.OK() {
				t.Errorf("verify after fitting: %v %+v", err, rep)
			}
		}
		fitted = append(fitted, pdf(res))
	}
	if !bytes.Equal(fitted[0], fitted[1]) || !bytes.Equal(fitted[0], fitted[2]) {
		t.Error("cold, warm and uncached fitted builds differ")
	}
}

// cacheFiles reads every record, blob and sum of a cache folder (not its
// key), by path relative to the folder.
func cacheFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "key" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if slices.Contains(strings.Split(filepath.ToSlash(rel), "/"), "tmp") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[rel] = b
		return nil
	})
	return out
}

// TestCacheRecordsAreAuthenticated: nothing altered in the cache reaches
// a packet. With one byte flipped in every record, blob and sum, each
// record the build reads is recomputed (the file comes back as it was),
// and the packet is the cold build's, byte for byte. Package cache checks
// the rest on one record: every byte of it, an edited value, a record of
// another cache or entry, a lost key.
func TestCacheRecordsAreAuthenticated(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds the demo three times")
	cacheDir := t.TempDir()
	outDir := t.TempDir() // one output folder: the cache remembers the outputs it wrote there
	build := func() []byte {
		t.Helper()
		res, err := packet.Build(context.Background(), demo, packet.Options{OutDir: outDir, Date: demoDate, CacheDir: cacheDir})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(res.PDF)
		return b
	}
	cold := build()
	if warm := build(); !bytes.Equal(warm, cold) {
		t.Fatal("a warm build differs from the cold one")
	}
	snapshot := cacheFiles(t, cacheDir)
	if len(snapshot) < 10 {
		t.Fatalf("the demo's cache holds %d files", len(snapshot))
	}
	for rel, b := range snapshot {
		b = bytes.Clone(b)
		b[(len(rel)*7919)%len(b)] ^= 0x01
		if err := os.WriteFile(filepath.Join(cacheDir, rel), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if got := build(); !bytes.Equal(got, cold) {
		t.Error("one byte flipped in every file: the packet differs from the cold build")
	}
	// Every record and blob altered was recomputed: it is back as it was.
	// (Sums are checked byte by byte in package cache: the sums of earlier
	// builds' outputs are never read again, so they stay as altered.)
	now := cacheFiles(t, cacheDir)
	for p, b := range snapshot {
		if strings.Contains(p, "entries") && !bytes.Equal(now[p], b) {
			t.Errorf("one byte flipped in every file: %s was not recomputed", p)
		}
	}
}
