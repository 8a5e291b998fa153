// Command memory measures the peak memory and time of `appealpacket build`
// on the cases that used to cost the most: many photos (40, 400, 1,500
// camera-like 12 MP JPEGs), files of 1 GB, Flate "bombs" in evidence PDFs,
// and 16-bit RGBA PNGs of 118.8 MP. It writes the cases into a folder
// outside the repository (made once, kept for the next run), builds each
// with the command's default settings — cold (an empty cache) and warm (the
// same cache again) — and prints a Markdown table of the peak resident
// memory (the child's rusage, as /usr/bin/time -v reports it) and the wall
// time of each build. Run it from the repository's root:
//
//	go run ./tools/bench/memory                      # every case, in /tmp/appealpacket-memory
//	go run ./tools/bench/memory -cases 40,bomb,png16 # some of them
//
// Builds run with --force, so that a case with a refused file is still
// drawn to the end: the worst case. The README's memory table comes from
// this command. Cases are generated in child processes, so that this
// process stays small: Linux counts a parent's peak in its child's (a
// child shares the parent's memory until it starts its program).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// A benchCase is one row of the table.
type benchCase struct {
	name, about string
	make        func(bin, dir string) error // writes the case folder dir
}

var cases = []benchCase{
	{"40", "40 photos (12 MP JPEG)", photos(40)},
	{"400", "400 photos", photos(400)},
	{"1500", "1,500 photos", photos(1500)},
	{"1gb", "one 1 GB PDF document", demoWith(genBigPDF)},
	{"3gb", "three 1 GB files (PDF, JPEG photo, video)", demoWith(genBigPDF, genBigJPEG, genBigVideo)},
	{"bomb", "Flate bomb: 4 MB PDF, one stream inflating to 4 GB", demoWith(genBomb)},
	{"bombs", "Flate bombs: 8 page streams of 60 MB each (480 MB)", demoWith(genSpreadBomb)},
	{"png16", "two 16-bit RGBA PNGs of 118.8 MP", demoWith(genPNG16)},
	{"heic", "20 HEIC photos (12 MP, iPhone; needs the corpus)", demoWith(genHEIC)},
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == "-gen" {
		// A child process: write one file of a case.
		if err := generate(os.Args[2], os.Args[3:]); err != nil {
			fmt.Fprintln(os.Stderr, "memory -gen:", err)
			os.Exit(1)
		}
		return
	}
	dir := flag.String("dir", filepath.Join(os.TempDir(), "appealpacket-memory"), "folder for the cases, binaries and outputs (kept between runs)")
	only := flag.String("cases", "", "comma-separated case names to run (default all: "+names()+")")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./tools/bench/memory [-dir DIR] [-cases 40,400,...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(*dir, *only); err != nil {
		fmt.Fprintln(os.Stderr, "memory:", err)
		os.Exit(1)
	}
}

func names() string {
	var n []string
	for _, c := range cases {
		n = append(n, c.name)
	}
	return strings.Join(n, ",")
}

func run(dir, only string) error {
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	for n := range want {
		if !strings.Contains(","+names()+",", ","+n+",") {
			return fmt.Errorf("no case %q (cases: %s)", n, names())
		}
	}
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	for _, pkg := range []string{"./cmd/appealpacket", "./tools/benchphotos"} {
		cmd := exec.Command("go", "build", "-o", bin+string(filepath.Separator), pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", pkg, err)
		}
	}
	fmt.Println("| case | input | cold: peak RSS | cold: time | warm: peak RSS | warm: time | outcome |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---|")
	for _, c := range cases {
		if len(want) > 0 && !want[c.name] {
			continue
		}
		caseDir := filepath.Join(dir, "case-"+c.name)
		if _, err := os.Stat(filepath.Join(caseDir, "case.yaml")); err != nil {
			fmt.Fprintf(os.Stderr, "making case %s in %s\n", c.name, caseDir)
			os.RemoveAll(caseDir)
			if err := c.make(bin, caseDir); err != nil {
				return fmt.Errorf("case %s: %w", c.name, err)
			}
		}
		cacheDir := filepath.Join(dir, "cache-"+c.name)
		if err := os.RemoveAll(cacheDir); err != nil {
			return err
		}
		var row []string
		var outcome string
		for _, pass := range []string{"cold", "warm"} {
			fmt.Fprintf(os.Stderr, "building %s (%s)\n", c.name, pass)
			m, err := build(bin, caseDir, cacheDir, filepath.Join(dir, "out-"+c.name))
			if err != nil {
				return fmt.Errorf("case %s: %w", c.name, err)
			}
			row = append(row, mb(m.peak), fmt.Sprintf("%.1f s", m.elapsed.Seconds()))
			outcome = m.outcome
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s |\n", c.about, size(caseDir), row[0], row[1], row[2], row[3], outcome)
	}
	return nil
}

// measured is one build.
type measured struct {
	peak    int64 // bytes; 0 where the system does not say
	elapsed time.Duration
	outcome string
}

// build runs appealpacket build on a case with default settings (and
// --force: see the package documentation).
func build(bin, caseDir, cacheDir, out string) (measured, error) {
	cmd := exec.Command(filepath.Join(bin, "appealpacket"), "build", "--force", "--overwrite", "--cache-dir", cacheDir, caseDir, "-o", out)
	cmd.Env = os.Environ()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return measured{}, err
	}
	code := cmd.ProcessState.ExitCode()
	if code > 1 {
		return measured{}, fmt.Errorf("build failed (exit status %d): %s", code, stderr.String())
	}
	return measured{peak: maxRSS(cmd.ProcessState), elapsed: elapsed, outcome: outcomeOf(stdout.String(), code)}, nil
}

// outcomeOf sums up what a build printed: its first file and how photos
// were made to fit.
func outcomeOf(stdout string, code int) string {
	var parts []string
	for _, line := range strings.Split(stdout, "\n") {
		switch {
		case strings.Contains(line, "-packet") && strings.Contains(line, "pages"):
			if len(parts) == 0 {
				_, rest, _ := strings.Cut(line, ": ")
				parts = append(parts, rest)
			}
		case strings.HasPrefix(line, "display copies"):
			parts = append(parts, strings.TrimSpace(line))
		case strings.Contains(line, "error(s)"):
			counts, _, _ := strings.Cut(strings.TrimSpace(line), "; run")
			parts = append(parts, counts)
		}
	}
	if code == 1 {
		parts = append(parts, "NOT READY (forced)")
	}
	return strings.ReplaceAll(strings.Join(parts, "; "), "|", "/")
}

func mb(n int64) string {
	if n <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d MB", (n+(1<<19))>>20)
}

// size is the total size of the files of a folder, in words.
func size(dir string) string {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	default:
		return fmt.Sprintf("%d MB", (n+(1<<19))>>20)
	}
}

// photos makes a case of n benchmark photos with tools/benchphotos.
func photos(n int) func(bin, dir string) error {
	return func(bin, dir string) error {
		return runChild(exec.Command(filepath.Join(bin, "benchphotos"), "-n", fmt.Sprint(n), dir))
	}
}

// demoWith makes a copy of testdata/demo with files added by generators
// (run in child processes), each a line of the manifest.
func demoWith(gens ...string) func(bin, dir string) error {
	return func(bin, dir string) error {
		if err := copyDir("testdata/demo", dir); err != nil {
			return fmt.Errorf("copy the demo case (run from the repository's root): %w", err)
		}
		self, err := os.Executable()
		if err != nil {
			return err
		}
		for _, g := range gens {
			if err := runChild(exec.Command(self, "-gen", g, dir)); err != nil {
				return err
			}
		}
		return nil
	}
}

func runChild(cmd *exec.Cmd) error {
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
