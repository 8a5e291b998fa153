// Package output writes a build's files into the output folder, the last
// stage of a build: never over an output that a user changed since
// appealpacket wrote it (unless asked to), every file through a temporary
// file renamed only when all are complete (a failure or a kill leaves the
// previous outputs or none, never half of one), and the parts of an
// earlier, differently split packet of the same case removed.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"appealpacket/internal/digest"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/atomicfile"
	"appealpacket/packet/cache"
	"appealpacket/packet/integrity"
)

// File is one output to write: a packet part (Part 1, 2, …) or the index
// (Part 0), named relative to the output folder.
type File struct {
	Name string
	Data []byte
	Part int
}

// Options say where and how to write.
type Options struct {
	Dir  string // the output folder, created if missing; default "."
	Base string // the packet files' name stem ("<case-id>-packet"): older parts of it are checked and replaced
	// Pictures is the case ID whose page pictures ("<id>-p01.jpg") and
	// originals ("<id>-P-1-original.jpg") a channel build writes: when
	// files include pictures, older ones of the case are checked and
	// replaced.
	Pictures string
	// Cache remembers the outputs written, so that the next build need not
	// read them to know they are unchanged; nil works without.
	Cache *cache.Cache
	// Overwrite replaces outputs even when they were changed after
	// appealpacket wrote them.
	Overwrite bool
	// FailAt, in tests, makes the write fail at the named step
	// ("write NAME").
	FailAt func(step string) error
}

// Write writes files into o.Dir: all of them or, on any error, none (the
// previous outputs are left as they were). Before writing it refuses, with
// an *EditedError, to replace a packet file or index that was changed
// since appealpacket wrote it, unless o.Overwrite.
func Write(files []File, o Options) ([]Written, error) {
	dir := o.Dir
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	var index string
	for _, f := range files {
		if f.Part == 0 {
			index = filepath.Join(dir, f.Name)
		}
	}
	stale := staleOutputs(dir, o.Base)
	if !o.Overwrite {
		if err := checkOverwrite(stale, index, o.Cache); err != nil {
			return nil, err
		}
	}
	if pics := picturesOf(files, o.Pictures); len(pics) > 0 {
		old := stalePictures(dir, o.Pictures)
		if !o.Overwrite {
			if err := checkPictures(append(old, pics...), dir, o.Cache); err != nil {
				return nil, err
			}
		}
		stale = append(stale, old...)
	}
	var temps []*atomicfile.File
	defer func() {
		for _, t := range temps {
			t.Abort()
		}
	}()
	written := make([]Written, len(files))
	for i, f := range files {
		path := filepath.Join(dir, f.Name)
		t, err := atomicfile.Create(path)
		if err != nil {
			return nil, err
		}
		temps = append(temps, t)
		if _, err := t.Write(f.Data); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		if o.FailAt != nil {
			if err := o.FailAt("write " + f.Name); err != nil {
				return nil, err
			}
		}
		written[i] = Written{Path: path, Size: int64(len(f.Data)), Part: f.Part}
	}
	for _, t := range temps {
		if err := t.Commit(); err != nil {
			return nil, err
		}
	}
	rememberOutputs(o.Cache, written, files)
	for _, old := range stale {
		if !slices.ContainsFunc(written, func(w Written) bool { return filepath.Clean(w.Path) == filepath.Clean(old) }) {
			os.Remove(old) // a part of an earlier layout, checked intact above
		}
	}
	return written, nil
}

// Check refuses, as Write would, to replace outputs a user edited (an
// *EditedError), and writes nothing: a build whose files take long to
// draw (a channel's page pictures, seconds a page) checks before drawing
// them. index names the index file the build will write, "" for none;
// pictures says the build writes page pictures (of case o.Pictures).
// Write checks again: the folder may change meanwhile.
func Check(index string, pictures bool, o Options) error {
	if o.Overwrite {
		return nil
	}
	dir := o.Dir
	if dir == "" {
		dir = "."
	}
	if index != "" {
		index = filepath.Join(dir, index)
	}
	if err := checkOverwrite(staleOutputs(dir, o.Base), index, o.Cache); err != nil {
		return err
	}
	if pictures && o.Pictures != "" {
		return checkPictures(stalePictures(dir, o.Pictures), dir, o.Cache)
	}
	return nil
}

// Written is one file a build wrote.
type Written struct {
	Path string
	Size int64
	Part int // 1-based part of the packet; 0 for the XLSX index
}

// staleOutputs lists packet files of this case already in dir (one file or
// parts), which a new build replaces.
func staleOutputs(dir, base string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	partRE := regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `(-part[0-9]+-of-[0-9]+)?\.pdf$`)
	var out []string
	for _, e := range entries {
		if !e.IsDir() && partRE.MatchString(e.Name()) { // links and special files too: checked, never followed blindly
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// pictureRE matches the page pictures and originals a channel build
// writes for case id.
func pictureRE(id string) *regexp.Regexp {
	q := regexp.QuoteMeta(id)
	return regexp.MustCompile(`^` + q + `-(p[0-9]+\.(jpg|png)|[A-Z]+-[0-9]+-original\.[a-z0-9]+)$`)
}

// picturesOf lists the names among files that are pictures of case id.
func picturesOf(files []File, id string) []string {
	if id == "" {
		return nil
	}
	re := pictureRE(id)
	var out []string
	for _, f := range files {
		if re.MatchString(f.Name) {
			out = append(out, f.Name)
		}
	}
	return out
}

// stalePictures lists the page pictures and originals of case id already
// in dir.
func stalePictures(dir, id string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	re := pictureRE(id)
	var out []string
	for _, e := range entries {
		if !e.IsDir() && re.MatchString(e.Name()) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// checkPictures refuses to replace or remove pictures that the cache does
// not remember writing unchanged: a picture carries no manifest that
// could tell whether someone changed it.
func checkPictures(paths []string, dir string, c *cache.Cache) error {
	for _, p := range paths {
		if !filepath.IsAbs(p) && filepath.Dir(p) == "." {
			p = filepath.Join(dir, p)
		}
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return err
		}
		if c == nil || !unchangedSinceWritten(c, []string{p}) {
			return &EditedError{File: p, Reason: "exists, and appealpacket cannot tell whether it was changed since it wrote it (a picture carries no manifest; builds without the cache cannot either)"}
		}
	}
	return nil
}

// EditedError is returned when a build would replace an output that was
// changed after appealpacket wrote it (or that appealpacket did not write),
// and Options.Overwrite is not set.
type EditedError struct {
	File   string
	Reason string
}

func (e *EditedError) Error() string {
	return fmt.Sprintf("%s %s; it is left as it is. Move it away, or build with --overwrite to replace it", e.File, e.Reason)
}

// checkOverwrite refuses to replace outputs a user edited: every existing
// packet file must be intact per its sealed manifest, and an existing XLSX
// must have the hash the packet's manifest recorded. Outputs the cache
// remembers writing, unchanged since (same identity as a file's hash in the
// cache: size, times, inode), need not be read again.
func checkOverwrite(pdfs []string, xlsxPath string, c *cache.Cache) error {
	if c != nil && unchangedSinceWritten(c, append(slices.Clone(pdfs), xlsxPath)) {
		return nil
	}
	xlsxOK := false
	for _, p := range pdfs {
		data, err := regularfile.Read(p, maxOutputBytes)
		if err != nil {
			return err
		}
		m, ok := integrity.Embedded(data)
		if !ok {
			return &EditedError{File: p, Reason: "exists and does not carry appealpacket's manifest"}
		}
		if !integrity.Intact(data, m) {
			return &EditedError{File: p, Reason: "was changed since appealpacket wrote it"}
		}
		if b, err := regularfile.Read(xlsxPath, maxOutputBytes); err == nil && digest.Hex(b) == m.Index.SHA256 {
			xlsxOK = true
		}
	}
	if _, err := os.Stat(xlsxPath); err == nil && !xlsxOK {
		return &EditedError{File: xlsxPath, Reason: "was changed since appealpacket wrote it (or no packet records it)"}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// maxOutputBytes bounds what is read of an existing output before it is
// replaced: packets and indexes are far smaller.
const maxOutputBytes = 1 << 30

// outputMark tags the sums the cache keeps for outputs this tool wrote.
const outputMark = "written by appealpacket"

// rememberOutputs records the identity of each file a build wrote, so that
// the next build can tell they are unchanged without reading them.
func rememberOutputs(c *cache.Cache, written []Written, files []File) {
	if c == nil {
		return
	}
	for i, w := range written {
		if abs, err := filepath.Abs(w.Path); err == nil {
			if fi, err := os.Stat(abs); err == nil {
				c.SetSum(abs+"\x00"+outputMark, fi, digest.Hex(files[i].Data))
			}
		}
	}
}

// unchangedSinceWritten reports whether every existing file among paths
// is one this tool wrote and the cache saw unchanged since.
func unchangedSinceWritten(c *cache.Cache, paths []string) bool {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		abs, aerr := filepath.Abs(p)
		if err != nil || aerr != nil {
			return false
		}
		if _, ok := c.Sum(abs+"\x00"+outputMark, fi); !ok {
			return false
		}
	}
	return true
}
