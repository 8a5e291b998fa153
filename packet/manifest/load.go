package manifest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"appealpacket/internal/regularfile"
)

// Problem codes for files the manifest names. They are part of the
// findings contract (see package check).
const (
	FileMissing    = "FILE_MISSING"
	FileOutside    = "FILE_OUTSIDE_CASE"
	FileUnreadable = "FILE_UNREADABLE"
	// FilesNotRead is a warning, not an error: a photo folder holds files
	// that are not pictures appealpacket reads (RAW, AVIF, videos), left
	// out of the packet.
	FilesNotRead = "FILES_NOT_READ"
)

// Problem is a file named by the manifest that cannot be used: missing,
// outside the case folder, or not a regular readable file. Load reports
// problems instead of failing so that `check` can list them all.
type Problem struct {
	Code  string // FileMissing, FileOutside, FileUnreadable or FilesNotRead
	Field string // e.g. "trademarks[0].files[1]"
	Path  Path
	Msg   string
	// Kind names the common problems, for messages in other languages:
	// "missing" (Path.Raw does not exist), "empty" (no path),
	// "absolute", "dotdot" (a path going out with ".."), "folder" (a
	// folder where a file is wanted); "" for the others, which only Msg
	// says.
	Kind string
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", FileName, p.Path.Pos.Line, p.Path.Pos.Col, p.Field, p.Msg)
}

// ImageExtensions are the file name extensions a photo folder is scanned for.
var imageExtensions = []string{".jpg", ".jpeg", ".heic", ".heif", ".png", ".webp", ".tif", ".tiff"}

// IsImageName reports whether name has the extension of a photo format
// appealpacket reads.
func IsImageName(name string) bool {
	return slices.Contains(imageExtensions, strings.ToLower(filepath.Ext(name)))
}

// Load reads dir/case.yaml, decodes it (see Parse) and resolves every path
// it names inside dir. A photo path naming a folder is expanded to every
// image in it, sorted by name. Files that cannot be used are returned as
// problems; the manifest's own errors are returned as an Errors error.
func Load(dir string) (*Manifest, []Problem, error) {
	file := filepath.Join(dir, FileName)
	data, err := readManifest(file)
	if err != nil {
		return nil, nil, err
	}
	return LoadData(dir, data)
}

// LoadData is Load of the case.yaml text data already read from dir (so
// that a caller that needs the bytes reads the file once).
func LoadData(dir string, data []byte) (*Manifest, []Problem, error) {
	file := filepath.Join(dir, FileName)
	m, err := Parse(data, file)
	if err != nil {
		return nil, nil, err
	}
	m.Dir = dir
	problems, err := resolve(m)
	if err != nil {
		return nil, nil, err
	}
	return m, problems, nil
}

func readManifest(file string) ([]byte, error) {
	data, err := regularfile.Read(file, MaxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no %s in %s: a case folder needs one (see `appealpacket init`)", FileName, filepath.Dir(file))
	}
	return data, err
}

// resolver checks paths against the case folder.
type resolver struct {
	dir, realDir string
	problems     []Problem
}

func resolve(m *Manifest) ([]Problem, error) {
	realDir, err := filepath.EvalSymlinks(m.Dir)
	if err != nil {
		return nil, fmt.Errorf("case folder: %w", err)
	}
	realDir, err = filepath.Abs(realDir)
	if err != nil {
		return nil, fmt.Errorf("case folder: %w", err)
	}
	r := &resolver{dir: m.Dir, realDir: realDir}
	for i := range m.Listings {
		for j := range m.Listings[i].Images {
			img := &m.Listings[i].Images[j]
			field := fmt.Sprintf("listings[%d].images[%d]", i, j)
			r.file(&img.Path, field)
			if img.Original.Raw != "" {
				r.file(&img.Original, field+".original")
			}
			for k := range img.Originals {
				r.file(&img.Originals[k], fmt.Sprintf("%s.originals[%d]", field, k))
			}
		}
	}
	entries := make([]photoEntry, 0, len(m.Photos))
	for i, p := range m.Photos {
		field := fmt.Sprintf("photos[%d].path", i)
		st, ok := r.check(&p.Path, field)
		switch {
		case !ok:
			entries = append(entries, photoEntry{photos: []Photo{p}}) // kept so the problem has its exhibit
		case !st.IsDir():
			if r.regular(p.Path, st, field) {
				entries = append(entries, photoEntry{photos: []Photo{p}})
			}
		default:
			entries = append(entries, photoEntry{photos: r.folder(p, field), folder: true})
		}
	}
	m.Photos = eachFileOnce(entries)
	for i := range m.Trademarks {
		for j := range m.Trademarks[i].Files {
			r.file(&m.Trademarks[i].Files[j], fmt.Sprintf("trademarks[%d].files[%d]", i, j))
		}
		r.translation(&m.Trademarks[i].Translation, fmt.Sprintf("trademarks[%d].translation", i))
	}
	for i := range m.Authorizations {
		for j := range m.Authorizations[i].Files {
			r.file(&m.Authorizations[i].Files[j], fmt.Sprintf("authorizations[%d].files[%d]", i, j))
		}
		r.translation(&m.Authorizations[i].Translation, fmt.Sprintf("authorizations[%d].translation", i))
	}
	for i := range m.Documents {
		r.file(&m.Documents[i].Path, fmt.Sprintf("documents[%d].path", i))
		r.translation(&m.Documents[i].Translation, fmt.Sprintf("documents[%d].translation", i))
	}
	return r.problems, nil
}

func (r *resolver) problem(code, field string, p Path, format string, args ...any) {
	r.problems = append(r.problems, Problem{Code: code, Field: field, Path: p, Msg: fmt.Sprintf(format, args...)})
}

// kind names the last problem (see Problem.Kind).
func (r *resolver) kind(k string) { r.problems[len(r.problems)-1].Kind = k }

// translation resolves an optional translation's path.
func (r *resolver) translation(p *Path, field string) {
	if p.Raw != "" {
		r.file(p, field)
	}
}

// file resolves a path that must name a regular file.
func (r *resolver) file(p *Path, field string) {
	if st, ok := r.check(p, field); ok && !r.regular(*p, st, field) {
		p.Rel, p.Abs = "", ""
	}
}

func (r *resolver) regular(p Path, st fs.FileInfo, field string) bool {
	switch {
	case st.Mode().IsRegular():
		return true
	case st.IsDir():
		r.problem(FileUnreadable, field, p, "%q is a folder; name a file", p.Raw)
		r.kind("folder")
	default:
		r.problem(FileUnreadable, field, p, "%q is not a regular file (%s)", p.Raw, regularfile.Kind(st.Mode()))
	}
	return false
}

// check resolves p inside the case folder, following symlinks only when
// they stay inside it, and sets p.Rel and p.Abs. It returns the target's
// FileInfo.
func (r *resolver) check(p *Path, field string) (fs.FileInfo, bool) {
	raw := p.Raw
	if strings.TrimSpace(raw) == "" {
		r.problem(FileMissing, field, *p, "empty path")
		r.kind("empty")
		return nil, false
	}
	slashed := strings.ReplaceAll(raw, `\`, "/")
	if filepath.IsAbs(raw) || strings.HasPrefix(slashed, "/") || filepath.VolumeName(raw) != "" ||
		(len(slashed) >= 2 && slashed[1] == ':') {
		r.problem(FileOutside, field, *p, "%q is an absolute path; paths are relative to the case folder", raw)
		r.kind("absolute")
		return nil, false
	}
	if slices.Contains(strings.Split(slashed, "/"), "..") {
		r.problem(FileOutside, field, *p, "%q uses \"..\"; every file must be inside the case folder", raw)
		r.kind("dotdot")
		return nil, false
	}
	rel := path.Clean(slashed)
	abs := filepath.Join(r.dir, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			r.problem(FileMissing, field, *p, "%q does not exist in the case folder", raw)
			r.kind("missing")
		} else {
			r.problem(FileUnreadable, field, *p, "%q: %v", raw, err)
		}
		return nil, false
	}
	real, err = filepath.Abs(real)
	if err == nil {
		var within string
		within, err = filepath.Rel(r.realDir, real)
		if err == nil && (within == ".." || strings.HasPrefix(within, ".."+string(filepath.Separator)) || filepath.IsAbs(within)) {
			r.problem(FileOutside, field, *p, "%q is a link to %s, outside the case folder", raw, real)
			return nil, false
		}
	}
	if err != nil {
		r.problem(FileUnreadable, field, *p, "%q: %v", raw, err)
		return nil, false
	}
	st, err := os.Stat(real)
	if err != nil {
		r.problem(FileUnreadable, field, *p, "%q: %v", raw, err)
		return nil, false
	}
	p.Rel, p.Abs = rel, abs
	return st, true
}

// photoEntry is what one entry of photos: names, a file or a folder's.
type photoEntry struct {
	photos []Photo
	folder bool
}

// eachFileOnce lists the photos of the entries in order, each file once:
// a file an entry names on its own is that entry's photo (its listing and
// note are the seller's word on it), not also its folder entry's, and a
// file two folder entries find ("originals" and "originals/2023") is the
// first one's.
func eachFileOnce(entries []photoEntry) []Photo {
	taken := map[string]bool{}
	for _, e := range entries {
		if !e.folder && e.photos[0].Path.Rel != "" {
			taken[e.photos[0].Path.Rel] = true
		}
	}
	var out []Photo
	for _, e := range entries {
		for _, p := range e.photos {
			if e.folder && p.Path.Rel != "" {
				if taken[p.Path.Rel] {
					continue
				}
				taken[p.Path.Rel] = true
			}
			out = append(out, p)
		}
	}
	return out
}

// folder expands a photo entry naming a folder into one entry per image.
func (r *resolver) folder(p Photo, field string) []Photo {
	entries, err := os.ReadDir(p.Path.Abs)
	if err != nil {
		r.problem(FileUnreadable, field, p.Path, "cannot list folder %q: %v", p.Path.Raw, err)
		return []Photo{p}
	}
	var out []Photo
	var notRead []string
	for _, e := range entries { // ReadDir sorts by name
		if strings.HasPrefix(e.Name(), ".") || e.IsDir() {
			continue
		}
		if !IsImageName(e.Name()) {
			notRead = append(notRead, e.Name())
			continue
		}
		child := p
		child.Path = Path{Raw: path.Join(p.Path.Raw, e.Name()), Pos: p.Path.Pos}
		st, ok := r.check(&child.Path, field)
		if !ok || !r.regular(child.Path, st, field) {
			child.Path.Rel, child.Path.Abs = "", ""
		}
		out = append(out, child)
	}
	if len(notRead) > 0 {
		shown := notRead[:min(len(notRead), 10)]
		more := ""
		if len(notRead) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(notRead)-len(shown))
		}
		r.problem(FilesNotRead, field, p.Path, "folder %q holds files that are not read as photos: %s%s (appealpacket reads %s)",
			p.Path.Raw, strings.Join(shown, ", "), more, strings.Join(imageExtensions, " "))
	}
	if len(out) == 0 {
		r.problem(FileMissing, field, p.Path, "folder %q holds no photos (looked for %s)", p.Path.Raw, strings.Join(imageExtensions, " "))
		p.Path.Rel, p.Path.Abs = "", ""
		return []Photo{p}
	}
	return out
}
