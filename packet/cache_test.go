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
// a packet. Each altered record is recomputed (the file comes back as it
// was), and the packet is the cold build's, byte for byte.
func TestCacheRecordsAreAuthenticated(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the demo six times; package cache checks every byte of a record in -short")
	}
	cacheDir, otherDir := t.TempDir(), t.TempDir()
	outDir := t.TempDir() // one output folder: the cache remembers the outputs it wrote there
	build := func(cache string) []byte {
		t.Helper()
		out := outDir
		if cache != cacheDir {
			out = t.TempDir()
		}
		res, err := packet.Build(context.Background(), demo, packet.Options{OutDir: out, Date: demoDate, CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(res.PDF)
		return b
	}
	cold := build(cacheDir)
	if warm := build(cacheDir); !bytes.Equal(warm, cold) {
		t.Fatal("a warm build differs from the cold one")
	}
	snapshot := cacheFiles(t, cacheDir)
	canon := 0
	for _, b := range snapshot {
		canon += bytes.Count(b, []byte(`"Canon"`))
	}
	if len(snapshot) < 10 || canon == 0 {
		t.Fatalf("the demo's cache holds %d files, %d with the camera make", len(snapshot), canon)
	}
	// Every record and blob altered was recomputed: it is back as it was.
	// (Sums are checked byte by byte in package cache: the sums of earlier
	// builds' outputs are never read again, so they stay as altered.)
	restored := func(stage string) {
		t.Helper()
		now := cacheFiles(t, cacheDir)
		for p, b := range snapshot {
			if strings.Contains(p, "entries") && !bytes.Equal(now[p], b) {
				t.Errorf("%s: %s was not recomputed", stage, p)
			}
		}
	}
	tests := []struct {
		name  string
		alter func(rel string, b []byte) []byte
	}{
		{"one byte flipped in every file", func(rel string, b []byte) []byte {
			b = bytes.Clone(b)
			b[(len(rel)*7919)%len(b)] ^= 0x01
			return b
		}},
		{"Canon becomes Canom", func(_ string, b []byte) []byte {
			return bytes.ReplaceAll(b, []byte(`"Canon"`), []byte(`"Canom"`))
		}},
		{"a 2019 date", func(_ string, b []byte) []byte {
			return bytes.ReplaceAll(b, []byte(`"2023-`), []byte(`"2019-`))
		}},
	}
	for _, tt := range tests {
		for rel, b := range snapshot {
			if err := os.WriteFile(filepath.Join(cacheDir, rel), tt.alter(rel, b), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if got := build(cacheDir); !bytes.Equal(got, cold) {
			t.Errorf("%s: the packet differs from the cold build (contains Canom: %v)", tt.name, bytes.Contains(got, []byte("Canom")))
		}
		restored(tt.name)
	}
	// Records and sums copied from another user's cache (another key).
	build(otherDir)
	for rel, b := range cacheFiles(t, otherDir) {
		os.MkdirAll(filepath.Dir(filepath.Join(cacheDir, rel)), 0o700)
		if err := os.WriteFile(filepath.Join(cacheDir, rel), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if got := build(cacheDir); !bytes.Equal(got, cold) {
		t.Error("records from another cache: the packet differs from the cold build")
	}
	restored("another cache's records")
	// The key file missing: a new key, every record recomputed.
	keys, _ := filepath.Glob(filepath.Join(cacheDir, "*", "key"))
	if len(keys) != 1 {
		t.Fatalf("key files %v", keys)
	}
	os.Remove(keys[0])
	if got := build(cacheDir); !bytes.Equal(got, cold) {
		t.Error("without the key: the packet differs from the cold build")
	}
	now := cacheFiles(t, cacheDir)
	for p, b := range snapshot {
		if strings.HasSuffix(p, ".json") && bytes.Equal(now[p], b) {
			t.Errorf("without the key: %s was kept", p)
		}
	}
}
