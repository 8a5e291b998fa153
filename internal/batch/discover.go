package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"appealpacket/internal/regularfile"
	"appealpacket/packet/manifest"
)

// Discover lists the case folders named by args and by listFile, in order,
// without duplicates.
//
// An argument that holds a case.yaml is a case; otherwise each of its
// immediate sub-folders that holds one is a case (sorted by name). An
// argument that is neither is an error naming it.
//
// listFile, when not empty, names one case folder per line; lines are
// trimmed, blank lines and lines starting with # are skipped, and relative
// paths are relative to the list file's folder. Each line is taken as a
// case folder as it is: one that turns out not to be a case fails on its
// own when the batch runs, without stopping the others.
func Discover(args []string, listFile string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(dir string) {
		dir = filepath.Clean(dir)
		key := dir
		if abs, err := filepath.Abs(dir); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, dir)
		}
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such folder", arg)
		}
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("%s: not a folder (give case folders, or folders of case folders)", arg)
		}
		if isCase(arg) {
			add(arg)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		n := 0
		for _, e := range entries { // sorted by name
			sub := filepath.Join(arg, e.Name())
			if st, err := os.Stat(sub); err != nil || !st.IsDir() || !isCase(sub) {
				continue
			}
			add(sub)
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no %s in it or in its sub-folders", arg, manifest.FileName)
		}
	}
	if listFile != "" {
		lines, err := readList(listFile)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			add(l)
		}
	}
	return out, nil
}

// isCase reports whether dir holds a case.yaml.
func isCase(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, manifest.FileName))
	return err == nil && !st.IsDir()
}

// readList reads a --list file.
func readList(name string) ([]string, error) {
	f, _, err := regularfile.Open(name, 1<<20)
	if err != nil {
		return nil, fmt.Errorf("--list: %w", err)
	}
	defer f.Close()
	base := filepath.Dir(name)
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(base, line)
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--list %s: %w", name, err)
	}
	return out, nil
}
