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

// An engine compiles PDFium once: its second call starts in a fraction
// of the first's time; so does a new engine on the folder a first one
// filled, as the next run of the tool does. (One compilation in all: it
// takes several seconds.)
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
	d := startTimes(t, pdf, first, first)
	first.Close(context.Background())
	t.Logf("first start %v, second with the same engine %v", d[0], d[1])
	if d[1]*3 > d[0] {
		t.Errorf("second start with the same engine took %v, first %v: not reused", d[1], d[0])
	}
	next, err := raster.NewDiskEngine(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close(context.Background())
	d1 := startTimes(t, pdf, next)
	t.Logf("a new engine on the folder: %v", d1[0])
	if d1[0]*3 > d[0] {
		t.Errorf("a new engine on the folder took %v to start, the first %v: the folder's code was not used", d1[0], d[0])
	}

	// Prepare compiles ahead: the first Pages after it starts as fast as
	// a second one.
	ahead := raster.NewEngine()
	defer ahead.Close(context.Background())
	if err := ahead.Prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	d2 := startTimes(t, pdf, ahead)
	t.Logf("first start after Prepare: %v", d2[0])
	if d2[0]*3 > d[0] {
		t.Errorf("the first start after Prepare took %v, a first compilation %v: Prepare did not compile", d2[0], d[0])
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
