package packet_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/fixture"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
)

// buildOutcome is what a build in a helper process reports.
type buildOutcome struct {
	Codes []string // the findings' codes
	Err   string
	Peak  int64 // peak resident memory of the process, bytes
}

// TestBuildHelperProcess is not a test: run by runBuild in a child
// process, it builds (with --force) the case the environment names and
// prints the outcome as JSON.
func TestBuildHelperProcess(t *testing.T) {
	args := os.Getenv("APPEALPACKET_BUILD_HELPER")
	if args == "" {
		t.Skip("helper process for TestBuildHostileMemory")
	}
	var a struct {
		Case, Out string
		Memory    int64
	}
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		t.Fatal(err)
	}
	var out buildOutcome
	res, err := packet.Build(context.Background(), a.Case, packet.Options{OutDir: a.Out, Date: demoDate, Force: true, Memory: a.Memory})
	if err != nil {
		out.Err = err.Error()
	} else {
		out.Codes = res.Findings.Codes()
	}
	out.Peak = peakRSS()
	b, _ := json.Marshal(out)
	fmt.Printf("\nBUILD-RESULT %s\n", b)
}

// runBuild builds a case in a child process set up as the command sets
// itself (GOGC 300, a soft memory limit of 320 MiB), so that its peak
// memory is the command's.
func runBuild(t *testing.T, caseDir string, memory int64) (buildOutcome, time.Duration) {
	t.Helper()
	args, _ := json.Marshal(map[string]any{"Case": caseDir, "Out": t.TempDir(), "Memory": memory})
	cmd := exec.Command(os.Args[0], "-test.run=^TestBuildHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "APPEALPACKET_BUILD_HELPER="+string(args), "GOGC=300", "GOMEMLIMIT=320MiB", "APPEALPACKET_OCR=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("helper: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	_, line, ok := strings.Cut(stdout.String(), "BUILD-RESULT ")
	if !ok {
		t.Fatalf("no result from the helper:\n%s%s", stdout.String(), stderr.String())
	}
	line, _, _ = strings.Cut(line, "\n")
	var out buildOutcome
	if err := json.Unmarshal([]byte(line), &out); err != nil {
		t.Fatal(err)
	}
	return out, time.Since(start)
}

// demoWith is a copy of the demo case with files added: each is written
// by its function, and named in case.yaml as a document unless it is in
// originals/ (a photo).
func demoWith(t *testing.T, files map[string]func(name string)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "case")
	if err := fixture.CopyTree(demo, dir); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "case.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for rel, write := range files {
		write(filepath.Join(dir, rel))
		if !strings.HasPrefix(rel, "originals/") {
			fmt.Fprintf(f, "  - {path: %s, kind: other, title: %q, date: 2023-09-18}\n", rel, rel)
		}
	}
	return dir
}

// sparseFile writes a file of size bytes that starts with head, the rest
// a hole (no disk, no time).
func sparseFile(t *testing.T, head []byte, size int64) func(string) {
	return func(name string) {
		t.Helper()
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.Write(head); err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildHostileMemory: whatever the files of a case (sizes, Flate bombs,
// pictures that decode to gigabytes), a build's peak memory stays under
// the README's bound of 500 MB, and each file gets its finding. Each case
// is built in a child process, whose peak memory is measured.
func TestBuildHostileMemory(t *testing.T) {
	testlevel.SkipUnlessLong(t, "a measurement of six builds' peak memory in child processes")
	var deep bytes.Buffer // 16-bit RGBA, 4000×3000: 96 MB decoded
	if err := png.Encode(&deep, image.NewNRGBA64(image.Rect(0, 0, 4000, 3000))); err != nil {
		t.Fatal(err)
	}
	photoBytes, err := os.ReadFile(filepath.Join(demo, "originals/IMG_0412.JPG"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		files  map[string]func(string)
		memory int64
		want   []string // finding codes the build must report
	}{
		{"a video of 1 GB among the documents", map[string]func(string){
			"other/video.mp4": sparseFile(t, []byte("\x00\x00\x00\x18ftypisom"), 1e9)}, 0, []string{"FILE_TYPE_UNSUPPORTED"}},
		{"a PDF of 1 GB", map[string]func(string){
			"other/scan.pdf": sparseFile(t, []byte("%PDF-1.7\n"), 1e9)}, 0, []string{"FILE_TOO_LARGE"}},
		{"a photo of 1 GB", map[string]func(string){
			"originals/motion.jpg": sparseFile(t, photoBytes, 1e9)}, 0, []string{"FILE_TOO_LARGE"}},
		{"a Flate bomb of 4 GB in one stream", map[string]func(string){
			"other/bomb.pdf": func(name string) { write(t, name, fixture.BombPDF(1, 4<<30)) }}, 0, []string{"FILE_UNREADABLE"}},
		{"8 pages inflating to 60 MB each", map[string]func(string){
			"other/bombs.pdf": func(name string) { write(t, name, fixture.BombPDF(8, 60<<20)) }}, 0, nil},
		{"a 16-bit PNG over the memory given", map[string]func(string){
			"originals/deep.png": func(name string) { write(t, name, deep.Bytes()) }}, 64 << 20, []string{"PICTURE_NOT_SHOWN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, elapsed := runBuild(t, demoWith(t, tt.files), tt.memory)
			if out.Err != "" {
				t.Fatalf("build failed: %s", out.Err)
			}
			for _, c := range tt.want {
				if !slices.Contains(out.Codes, c) {
					t.Errorf("codes %v, want %s", out.Codes, c)
				}
			}
			t.Logf("%v, peak RSS %d MB", elapsed.Round(time.Millisecond), out.Peak>>20)
			if out.Peak > 500<<20 && !raceDetector {
				t.Errorf("peak resident memory %d MB, over the 500 MB bound", out.Peak>>20)
			}
		})
	}
}
