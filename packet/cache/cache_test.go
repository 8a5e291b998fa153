package cache

import (
	"appealpacket/internal/testlevel"
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

type picture struct {
	Make, Model string
	Width       int
}

var sum = strings.Repeat("ab", 32) // a source file's SHA-256

// logBuffer collects what the cache logs.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func open(t *testing.T, dir string) (*Cache, *logBuffer) {
	t.Helper()
	var log logBuffer
	c, err := Open(dir, slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	return c, &log
}

// stored puts one picture record with a display blob and returns its key.
func stored(t *testing.T, c *Cache) string {
	t.Helper()
	blob := filepath.Join(t.TempDir(), "display.jpg")
	if err := os.WriteFile(blob, []byte("\xff\xd8 display copy \xff\xd9"), 0o644); err != nil {
		t.Fatal(err)
	}
	key := Key(sum, "picture", "side=1600")
	if err := c.Put(key, picture{"Canon", "EOS 90D", 4000}, map[string]string{"display.jpg": blob}); err != nil {
		t.Fatal(err)
	}
	return key
}

func get(c *Cache, key string) (picture, bool) {
	var p picture
	blobs, ok := c.Get(key, &p)
	return p, ok && blobs["display.jpg"] != ""
}

func TestRoundTrip(t *testing.T) {
	c, _ := open(t, t.TempDir())
	key := stored(t, c)
	p, ok := get(c, key)
	if !ok || p != (picture{"Canon", "EOS 90D", 4000}) {
		t.Fatalf("Get = %+v, %v", p, ok)
	}
	if _, ok := get(c, Key(sum, "picture", "side=900")); ok {
		t.Error("an entry never stored was found")
	}
}

// TestEveryByteOfARecordCounts flips each byte of a record, and of its
// blob, in turn: the entry is never used, and is deleted.
func TestEveryByteOfARecordCounts(t *testing.T) {
	testlevel.SkipIfShort(t, "flips every byte of a record, one write each")
	c, log := open(t, t.TempDir())
	for _, name := range []string{"record.json", "display.jpg"} {
		p := filepath.Join(c.entryDir(stored(t, c)), name)
		orig, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := range orig {
			key := stored(t, c) // again, if the last flip deleted it
			b := bytes.Clone(orig)
			b[i] ^= 1
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			if got, ok := get(c, key); ok {
				t.Fatalf("%s byte %d (%q) flipped: the entry was used: %+v", name, i, orig[i], got)
			}
			if _, err := os.Stat(c.entryDir(key)); !os.IsNotExist(err) {
				t.Fatalf("%s byte %d flipped: the entry was not deleted", name, i)
			}
		}
	}
	if !strings.Contains(log.String(), "level=DEBUG msg=\"cache record failed its check; recomputing\"") ||
		!strings.Contains(log.String(), "cache blob failed its check") {
		t.Errorf("failures not logged at debug level:\n%.500s", log.String())
	}
}

// TestRecordsFromElsewhere: a record written under another key (another
// user's cache), moved to another entry, or edited with a consistent
// checksum, is not used.
func TestRecordsFromElsewhere(t *testing.T) {
	mine, _ := open(t, t.TempDir())
	theirs, _ := open(t, t.TempDir())
	key := stored(t, theirs)
	copyEntry(t, theirs.entryDir(key), mine.entryDir(key))
	if _, ok := get(mine, key); ok {
		t.Error("a record from another cache (another key) was used")
	}
	key = stored(t, mine)
	other := Key(strings.Repeat("cd", 32), "picture", "side=1600") // another file's content
	copyEntry(t, mine.entryDir(key), mine.entryDir(other))
	if _, ok := get(mine, other); ok {
		t.Error("a record moved to another file's entry was used")
	}
	kind := Key(sum, "display", "side=1600") // another kind of work
	copyEntry(t, mine.entryDir(key), mine.entryDir(kind))
	if _, ok := get(mine, kind); ok {
		t.Error("a record moved to another kind's entry was used")
	}
	// "Canon" -> "Canom", as in issue 12: the MAC no longer holds.
	p := filepath.Join(mine.entryDir(key), "record.json")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte("Canon"), []byte("Canom"), 1), 0o600)
	if got, ok := get(mine, key); ok {
		t.Errorf("an edited record was used: %+v", got)
	}
	// A capture date moved back a few years, the record otherwise intact.
	type taken struct{ Taken string }
	dated := Key(sum, "taken")
	if err := mine.Put(dated, taken{"2023-10-14T10:21:37+08:00"}, nil); err != nil {
		t.Fatal(err)
	}
	p = filepath.Join(mine.entryDir(dated), "record.json")
	b, _ = os.ReadFile(p)
	if !bytes.Contains(b, []byte(`"2023-`)) {
		t.Fatalf("the record holds no date: %s", b)
	}
	os.WriteFile(p, bytes.ReplaceAll(b, []byte(`"2023-`), []byte(`"2019-`)), 0o600)
	var got taken
	if _, ok := mine.Get(dated, &got); ok {
		t.Errorf("a record with its date changed was used: %+v", got)
	}
}

func copyEntry(t *testing.T, from, to string) {
	t.Helper()
	os.RemoveAll(to)
	if err := os.MkdirAll(to, 0o700); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(from, e.Name()))
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestKeyFile(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, key string)
	}{
		{"missing", func(t *testing.T, key string) { os.Remove(key) }},
		{"short", func(t *testing.T, key string) { os.Truncate(key, 16) }},
		{"empty", func(t *testing.T, key string) { os.Truncate(key, 0) }},
		{"readable by others", func(t *testing.T, key string) {
			if runtime.GOOS == "windows" {
				t.Skip("no Unix modes")
			}
			os.Chmod(key, 0o644)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			c, _ := open(t, dir)
			key := stored(t, c)
			id := filepath.Join(dir, "f")
			os.WriteFile(id, []byte("x"), 0o644)
			fi, _ := os.Stat(id)
			c.SetSum(id, fi, sum)
			before, _ := os.ReadFile(c.keyFile())
			tt.damage(t, c.keyFile())
			c2, _ := open(t, dir)
			after, err := os.ReadFile(c2.keyFile())
			if err != nil || len(after) != keySize || bytes.Equal(before, after) {
				t.Fatalf("key after damage: %d bytes, same as before %v, %v", len(after), bytes.Equal(before, after), err)
			}
			if st, _ := os.Stat(c2.keyFile()); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
				t.Errorf("new key file mode %v", st.Mode().Perm())
			}
			if _, ok := get(c2, key); ok {
				t.Error("an entry written under the old key was used")
			}
			if _, ok := c2.Sum(id, fi); ok {
				t.Error("a sum written under the old key was used")
			}
		})
	}
}

// TestKeyMadeOnce: processes opening a new cache at once share one key.
func TestKeyMadeOnce(t *testing.T) {
	dir := t.TempDir()
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			c, err := Open(dir, nil)
			if err == nil {
				keys[i] = c.key
			}
		})
	}
	wg.Wait()
	for i, k := range keys {
		if len(k) != keySize || !bytes.Equal(k, keys[0]) {
			t.Fatalf("opener %d has key %x, opener 0 %x", i, k, keys[0])
		}
	}
}

func TestSums(t *testing.T) {
	c, _ := open(t, t.TempDir())
	other, _ := open(t, t.TempDir())
	f := filepath.Join(t.TempDir(), "photo.jpg")
	os.WriteFile(f, []byte("photo"), 0o644)
	fi, _ := os.Stat(f)
	if err := c.SetSum(f, fi, sum); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Sum(f, fi); !ok || got != sum {
		t.Fatalf("Sum = %q, %v", got, ok)
	}
	id := hashString(identity(f, fi))
	p := filepath.Join(c.dir, "sums", id[:2], id)
	b, _ := os.ReadFile(p)
	for i := range b {
		flipped := bytes.Clone(b)
		flipped[i] ^= 1
		os.WriteFile(p, flipped, 0o600)
		if got, ok := c.Sum(f, fi); ok && (got != sum || i < len(b)-1) {
			t.Fatalf("byte %d of the sum flipped: Sum = %q, used", i, got)
		}
	}
	os.WriteFile(p, b, 0o600)
	forged := strings.Repeat("cd", 32)
	os.WriteFile(p, bytes.Replace(b, []byte(sum), []byte(forged), 1), 0o600)
	if got, ok := c.Sum(f, fi); ok {
		t.Errorf("a forged sum was used: %s", got)
	}
	other.SetSum(f, fi, forged)
	theirs, _ := os.ReadFile(filepath.Join(other.dir, "sums", id[:2], id))
	os.WriteFile(p, theirs, 0o600)
	if got, ok := c.Sum(f, fi); ok {
		t.Errorf("a sum from another cache was used: %s", got)
	}
}
