package raster_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/testlevel"

	"appealpacket/packet/render/raster"
)

// startTimes draws pdf with each engine in turn (nil: a new one each time)
// and returns how long PDFium took to start each time, from its log.
func startTimes(t *testing.T, pdf []byte, engines ...*raster.Engine) []time.Duration {
	t.Helper()
	var out []time.Duration
	re := regexp.MustCompile(`msg="PDFium ready" took=(\S+)`)
	for _, e := range engines {
		var log bytes.Buffer
		if _, err := raster.Pages(context.Background(), pdf, raster.Options{Type: "png", DPI: 30, Engine: e, Logger: slog.New(slog.NewTextHandler(&log, nil))}); err != nil {
			t.Fatal(err)
		}
		m := re.FindStringSubmatch(log.String())
		if m == nil {
			t.Fatalf("no start time in the log: %s", log.String())
		}
		d, err := time.ParseDuration(m[1])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// An engine compiles PDFium once, in Prepare: its calls of Pages then
// start in a fraction of that time; so does a new engine on the folder a
// first one filled, as the next run of the tool does. (One compilation
// in all: it takes several seconds, and minutes under the race detector.)
func TestEngineReuse(t *testing.T) {
	testlevel.SkipUnlessLong(t, "compiles PDFium from scratch (4 s) and compares start times")
	pdf := twoPages(t)
	dir := filepath.Join(t.TempDir(), "pdfium")
	first, err := raster.NewDiskEngine(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o700 {
		t.Errorf("folder created %v, want 0700", st.Mode().Perm())
	}
	if first.Dir() != dir {
		t.Errorf("Dir() = %q, want %q", first.Dir(), dir)
	}
	start := time.Now()
	if err := first.Prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	compiled := time.Since(start)
	d := startTimes(t, pdf, first, first)
	first.Close(context.Background())
	t.Logf("Prepare (compiling) %v; then the first start %v, the second %v", compiled, d[0], d[1])
	for i, what := range []string{"first start after Prepare", "second start with the same engine"} {
		if d[i]*3 > compiled {
			t.Errorf("%s took %v, compiling %v: not reused", what, d[i], compiled)
		}
	}
	next, err := raster.NewDiskEngine(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close(context.Background())
	d1 := startTimes(t, pdf, next)
	t.Logf("a new engine on the folder: %v", d1[0])
	if d1[0]*3 > compiled {
		t.Errorf("a new engine on the folder took %v to start, compiling %v: the folder's code was not used", d1[0], compiled)
	}
}

// A folder others may write, or a file, is refused as the compiled
// code's folder.
func TestDiskEngineRefuses(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, want string
		unixOnly        bool
	}{
		{"empty", "", "no folder", false},
		{"a file", file, "", false},
		{"writable by others", filepath.Join(base, "shared"), "can be written by others", true},
		{"writable by the group", filepath.Join(base, "group"), "can be written by others", true},
	}
	if err := os.Mkdir(filepath.Join(base, "shared"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(base, "shared"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(base, "group"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(base, "group"), 0o770); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.unixOnly && runtime.GOOS == "windows" {
				t.Skip("folder modes are Unix's")
			}
			e, err := raster.NewDiskEngine(tt.dir)
			if err == nil {
				e.Close(context.Background())
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
}
