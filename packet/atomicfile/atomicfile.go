// Package atomicfile writes output files so that a reader, a crash or a
// kill never sees a partial file: data goes to a temporary file in the same
// folder, is synced, and is renamed over the target only when complete.
//
// A temporary file is named ".<target>.<pid>-<random>.tmp". One left behind
// by a process that was killed (kill -9, a power cut) is removed by the
// next Create of the same target, once its process is gone.
//
// TempDir makes a command's work folder the same way: named after its
// process, and removed by the next command once that process is gone.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// File is an output being written; Commit makes it visible under its name,
// Abort (or a failed Commit) removes it. Abort after Commit does nothing.
type File struct {
	*os.File
	target string
	done   bool
}

// Create starts writing target through a temporary file next to it, after
// removing the temporary files of target that killed processes left.
func Create(target string) (*File, error) {
	removeLeftovers(target)
	f, err := os.CreateTemp(filepath.Dir(target), fmt.Sprintf(".%s.%d-*.tmp", filepath.Base(target), os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("create temporary file for %s: %w", target, err)
	}
	return &File{File: f, target: target}, nil
}

// Commit syncs, closes and renames the file to its target name.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	err := f.Chmod(0o644)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), f.target)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", f.target, err)
	}
	return nil
}

// Abort discards the temporary file.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}

// Write writes target with the output of fn, atomically.
func Write(target string, fn func(w io.Writer) error) error {
	f, err := Create(target)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// WriteScratch writes target with the output of fn through a temporary
// file in tmpDir ("": target's folder), renamed into place only when fn
// and the close succeed, so that a reader never sees part of it; the file
// is private (mode 0600). Unlike Write it neither syncs nor looks for
// leftovers: it is for files a process writes by the hundred into a folder
// of its own (a work folder, a cache), where a crash costs recomputing
// them, never the user's output.
func WriteScratch(target, tmpDir string, fn func(w io.Writer) error) error {
	if tmpDir == "" {
		tmpDir = filepath.Dir(target)
	}
	f, err := os.CreateTemp(tmpDir, "scratch-*.tmp")
	if err != nil {
		return err
	}
	err = fn(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), target)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// TempDir creates a work folder in the system's temporary folder, named
// "<prefix>-<pid>-<random>", after removing the work folders of the same
// prefix that processes now gone left behind (a kill -9 or a power cut; a
// process that ends otherwise removes its own). The caller removes it.
func TempDir(prefix string) (string, error) {
	removeLeftoverDirs(os.TempDir(), prefix+"-")
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s-%d-*", prefix, os.Getpid()))
	if err != nil {
		return "", fmt.Errorf("work folder: %w", err)
	}
	return dir, nil
}

// removeLeftoverDirs removes the folders in dir named prefix+"<pid>-..."
// whose process is gone.
func removeLeftoverDirs(dir, prefix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() { // a link is not followed
			continue
		}
		pidText, _, hasPID := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !hasPID || err != nil || pid <= 0 || pid == os.Getpid() || alive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// staleAge is how old a leftover temporary file whose writer cannot be
// told (no process ID in its name) must be to be removed.
const staleAge = time.Hour

// removeLeftovers removes the temporary files of target whose writing
// process is gone.
func removeLeftovers(target string) {
	dir, prefix := filepath.Dir(target), "."+filepath.Base(target)+"."
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || !strings.HasSuffix(rest, ".tmp") || !e.Type().IsRegular() {
			continue
		}
		pidText, _, hasPID := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		switch {
		case hasPID && err == nil && pid > 0:
			if pid == os.Getpid() || alive(pid) {
				continue
			}
		default:
			info, err := e.Info()
			if err != nil || time.Since(info.ModTime()) < staleAge {
				continue
			}
		}
		os.Remove(filepath.Join(dir, name))
	}
}
