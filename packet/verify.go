package packet

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"appealpacket/internal/i18n"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/integrity"
	"appealpacket/packet/manifest"
)

// Verification statuses of a file.
const (
	StatusOK         = "ok"
	StatusChanged    = "changed"
	StatusMissing    = "missing"
	StatusUnreadable = "unreadable" // not a regular file inside the case folder: a link out, a pipe, a folder
	StatusExtra      = "extra"      // in the case folder, not in the packet: a difference only with Strict
)

// DefaultMaxPacketSize is the largest packet file Verify reads unless told
// otherwise: far above any platform's upload limit.
const DefaultMaxPacketSize = 512 << 20

// Bounds on the folders Verify looks through.
const (
	// maxPartCandidates is how many PDF files of the packet's folder
	// Verify reads at most to find the other parts of a split packet.
	maxPartCandidates = 64
	// maxFolderEntries is how many entries of the packet's folder, and of
	// the case folder, Verify looks at.
	maxFolderEntries = 100_000
	// maxOutputChecks is how many unlisted PDF files of the case folder
	// Verify reads at most to tell appealpacket's own outputs.
	maxOutputChecks = 256
)

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// Strict counts files in the case folder that the packet does not
	// list as differences (by default they are reported as information).
	Strict bool
	// MaxPacketSize is the largest packet file read; 0 means
	// DefaultMaxPacketSize.
	MaxPacketSize int64
	// Lang is the language of the report's notes and details (its
	// statuses stay: scripts read them); the zero value is English.
	Lang i18n.Lang
}

// VerifyReport is the outcome of Verify.
type VerifyReport struct {
	Case   string
	Strict bool
	Parts  []PartCheck // every part of the packet, in order
	// Files compares the case folder with the manifest (empty without a folder).
	Files []FileCheck
	// Attachments compares the originals embedded in the packet with the manifest.
	Attachments []FileCheck
	// Outputs are appealpacket's own outputs found in the case folder
	// (packets, recognised by their embedded manifest, and their indexes):
	// not case files, never counted as extra.
	Outputs []string
	// Notes say what Verify could not look at (a folder too large).
	Notes []string
}

// PartCheck says whether a packet file is unchanged since it was sealed.
type PartCheck struct {
	Part    int    // 1-based
	File    string // the file checked; "" when the part was not found
	BuiltAs string // the name the build gave it
	Given   bool   // the file Verify was given (the others are looked up)
	// Intact says the file is byte for byte the one its manifest was
	// sealed into: unchanged since it was sealed, by anyone who had the
	// file. The seal is not a signature.
	// Intact does not say who made the file: for that, see
	// VerifySignatures.
	Intact bool
	Note   string
}

// FileCheck is the status of one file.
type FileCheck struct {
	Path   string
	Status string // StatusOK, StatusChanged, StatusMissing, StatusUnreadable or StatusExtra
	Detail string
}

// OK reports whether nothing differs: every part intact, every embedded
// original and every listed file as the manifest says, and, with Strict,
// no extra file.
func (r *VerifyReport) OK() bool {
	for _, p := range r.Parts {
		if !p.Intact {
			return false
		}
	}
	for _, f := range append(slices.Clone(r.Files), r.Attachments...) {
		if f.Status != StatusOK && (f.Status != StatusExtra || r.Strict) {
			return false
		}
	}
	return true
}

// Extra returns the files in the case folder that the packet does not list.
func (r *VerifyReport) Extra() []FileCheck {
	var out []FileCheck
	for _, f := range r.Files {
		if f.Status == StatusExtra {
			out = append(out, f)
		}
	}
	return out
}

// Verify checks a packet file, which is untrusted input: that the file it
// is given — whatever its name — is byte for byte the file its embedded
// manifest was sealed into; for a split packet, that every other part is
// in the same folder (found by its contents, whatever its name) and
// intact; that the originals embedded in each part are the ones the
// manifest lists; and, when caseDir is not empty, that the case folder
// holds the files the manifest lists, unchanged. Names from the manifest
// are read only inside the packet's folder or the case folder (no "..",
// no absolute path, no link out, regular files only), and every read is
// bounded. The error is for a packet that cannot be read at all.
func Verify(packetPath, caseDir string, opts VerifyOptions) (*VerifyReport, error) {
	limit := opts.MaxPacketSize
	if limit <= 0 {
		limit = DefaultMaxPacketSize
	}
	given, err := readPacket(packetPath, limit)
	if err != nil {
		return nil, err
	}
	m := given.Manifest
	rep := &VerifyReport{Case: m.Case, Strict: opts.Strict}
	found := map[int]*foundPart{m.Packet.Part: {file: packetPath, contents: given}}
	if len(m.Packet.Parts) > 1 {
		sp, err := findParts(packetPath, m, limit, opts.Lang)
		if err != nil {
			return nil, err
		}
		for k, p := range sp.parts {
			found[k] = p
		}
		rep.Notes = append(rep.Notes, sp.notes...)
	}
	for k, name := range m.Packet.Parts {
		p := found[k+1]
		pc := PartCheck{Part: k + 1, BuiltAs: name, Given: k+1 == m.Packet.Part}
		switch {
		case p == nil:
			pc.Note = messages.Text(opts.Lang, "verify.part_missing", filepath.Dir(packetPath), k+1, len(m.Packet.Parts))
		default:
			pc.File, pc.Intact = p.file, p.contents.Intact
			if !pc.Intact {
				pc.Note = messages.Text(opts.Lang, "verify.part_changed")
			}
			rep.Attachments = append(rep.Attachments, checkAttachments(p, opts.Lang)...)
		}
		rep.Parts = append(rep.Parts, pc)
	}
	if caseDir == "" {
		return rep, nil
	}
	if err := checkCaseFolder(rep, m, caseDir, packetPath, limit, opts.Lang); err != nil {
		return nil, err
	}
	return rep, nil
}

// foundPart is a part of the packet and what it holds.
type foundPart struct {
	file     string
	contents *integrity.Contents
}

// readPacket reads a packet file under the size limit and its manifest.
func readPacket(path string, limit int64) (*integrity.Contents, error) {
	data, err := regularfile.Read(path, limit)
	if err != nil {
		return nil, fmt.Errorf("read the packet: %w", err)
	}
	c, err := integrity.Read(data)
	if errors.Is(err, integrity.ErrNoManifest) {
		return nil, fmt.Errorf("%s has no %s (%v): it was not written by appealpacket, or was changed by another program", path, integrity.ManifestName, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// checkAttachments checks the originals a part's manifest says it embeds.
func checkAttachments(p *foundPart, l i18n.Lang) []FileCheck {
	var out []FileCheck
	name := filepath.Base(p.file)
	for _, f := range p.contents.Manifest.Files {
		if !f.Attached {
			continue
		}
		fc := FileCheck{Path: f.Path, Status: StatusOK}
		if !p.contents.HasEmbedded(f.SHA256) {
			fc.Status, fc.Detail = StatusMissing, messages.Text(l, "verify.attachment_missing", name)
		}
		out = append(out, fc)
	}
	return out
}

// sameBuild reports whether c is a part of the packet m describes: the
// same packet ID (or, for packets made before it, the same case, parts,
// date, tool and index).
func sameBuild(c, m *integrity.Manifest) bool {
	if c.Case != m.Case || !slices.Equal(c.Packet.Parts, m.Packet.Parts) || c.Packet.ID != m.Packet.ID {
		return false
	}
	return m.Packet.ID != "" || (c.Index == m.Index && c.Prepared == m.Prepared && c.Tool == m.Tool)
}

// siblings is what findParts found.
type siblings struct {
	parts map[int]*foundPart
	notes []string
}

// findParts looks for the other parts of a split packet among the PDF
// files in the folder of the one given, by their contents: a file is part
// k if its own manifest says so and names the same packet. A file named as
// the part was built is tried first, then files whose names start alike
// (a browser's "… (1).pdf"), then the others; an intact file wins over a
// changed one.
func findParts(packetPath string, m *integrity.Manifest, limit int64, l i18n.Lang) (*siblings, error) {
	out := &siblings{parts: map[int]*foundPart{}}
	dirPath := filepath.Dir(packetPath)
	dir, err := regularfile.OpenDir(dirPath)
	if err != nil {
		return nil, fmt.Errorf("the packet's folder: %w", err)
	}
	defer dir.Close()
	names, truncated, err := pdfNames(dirPath)
	if err != nil {
		return nil, fmt.Errorf("the packet's folder: %w", err)
	}
	if truncated {
		out.notes = append(out.notes, messages.Text(l, "verify.parts_truncated", maxFolderEntries, dirPath))
	}
	givenInfo, _ := os.Stat(packetPath)
	slices.SortStableFunc(names, func(a, b string) int { return partRank(a, m) - partRank(b, m) })
	complete := func() bool { // every other part found intact
		for k := range m.Packet.Parts {
			if p := out.parts[k+1]; k+1 != m.Packet.Part && (p == nil || !p.contents.Intact) {
				return false
			}
		}
		return true
	}
	read := 0
	for _, name := range names {
		if complete() {
			break
		}
		if read == maxPartCandidates {
			out.notes = append(out.notes, messages.Text(l, "verify.parts_stopped", maxPartCandidates, dirPath))
			break
		}
		if st, err := os.Stat(filepath.Join(dirPath, name)); err == nil && givenInfo != nil && os.SameFile(st, givenInfo) {
			continue
		}
		read++
		data, err := dir.Read(name, limit)
		if err != nil {
			continue
		}
		c, err := integrity.Read(data)
		if err != nil || !sameBuild(c.Manifest, m) || c.Manifest.Packet.Part == m.Packet.Part {
			continue
		}
		k := c.Manifest.Packet.Part
		if prev := out.parts[k]; prev == nil || (!prev.contents.Intact && c.Intact) {
			out.parts[k] = &foundPart{file: filepath.Join(dirPath, name), contents: c}
		}
	}
	return out, nil
}

// partRank orders the files to try as parts of m: 0 named as a part was
// built, 1 named alike, 2 any other.
func partRank(name string, m *integrity.Manifest) int {
	lower := strings.ToLower(name)
	rank := 2
	for _, p := range m.Packet.Parts {
		switch {
		case name == p:
			return 0
		case strings.HasPrefix(lower, strings.ToLower(strings.TrimSuffix(p, ".pdf"))):
			rank = 1
		}
	}
	return rank
}

// pdfNames lists the regular files named *.pdf in a folder (not links),
// at most maxFolderEntries entries looked at.
func pdfNames(dir string) ([]string, bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	var names []string
	seen := 0
	for {
		entries, err := f.ReadDir(1024)
		for _, e := range entries {
			if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".pdf") {
				names = append(names, e.Name())
			}
		}
		seen += len(entries)
		if seen >= maxFolderEntries {
			return names, true, nil
		}
		if errors.Is(err, io.EOF) || len(entries) == 0 {
			slices.Sort(names)
			return names, false, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
}

// checkCaseFolder compares the case folder with the manifest: each listed
// file read inside the folder only, then the files it does not list.
func checkCaseFolder(rep *VerifyReport, m *integrity.Manifest, caseDir, packetPath string, limit int64, l i18n.Lang) error {
	dir, err := regularfile.OpenDir(caseDir)
	if err != nil {
		return fmt.Errorf("the case folder: %w", err)
	}
	defer dir.Close()
	listed := make(map[string]bool, len(m.Files))
	for _, f := range m.Files {
		listed[f.Path] = true
		rep.Files = append(rep.Files, checkFile(dir, f, l))
	}
	extras, truncated, err := unlisted(caseDir, listed)
	if err != nil {
		return err
	}
	if truncated {
		rep.Notes = append(rep.Notes, messages.Text(l, "verify.folder_truncated", maxFolderEntries, caseDir))
	}
	outputs := ownOutputs(dir, extras, packetPath, caseDir, m, limit)
	for _, rel := range extras {
		if outputs[rel] {
			rep.Outputs = append(rep.Outputs, rel)
			continue
		}
		rep.Files = append(rep.Files, FileCheck{Path: rel, Status: StatusExtra, Detail: messages.Text(l, "verify.extra")})
	}
	return nil
}

// checkFile compares one listed file with the manifest, reading it only
// if its size is the one recorded.
func checkFile(dir *regularfile.Dir, f integrity.File, l i18n.Lang) FileCheck {
	fc := FileCheck{Path: f.Path, Status: StatusOK}
	file, size, err := dir.Open(f.Path, math.MaxInt64)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fc.Status = StatusMissing
		return fc
	case err != nil:
		fc.Status, fc.Detail = StatusUnreadable, unreadable(err, l)
		return fc
	}
	defer file.Close()
	if size != f.Size {
		fc.Status, fc.Detail = StatusChanged, messages.Text(l, "verify.size_changed", size, f.Size)
		return fc
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(file, size+1)); err != nil {
		fc.Status, fc.Detail = StatusUnreadable, messages.Text(l, "verify.not_read", err.Error())
		return fc
	}
	if hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		fc.Status, fc.Detail = StatusChanged, messages.Text(l, "verify.contents_changed")
	}
	return fc
}

// unreadable says in words why a listed file could not be read.
func unreadable(err error, l i18n.Lang) string {
	var out *regularfile.OutsideError
	var nr *regularfile.NotRegularError
	switch {
	case errors.As(err, &out):
		switch out.Reason {
		case regularfile.ReasonNotRelative:
			return messages.Text(l, "verify.not_read.not_relative")
		case regularfile.ReasonLinkOutside:
			return messages.Text(l, "verify.not_read.link_outside")
		}
		return messages.Text(l, "verify.not_read", out.Error())
	case errors.As(err, &nr):
		return messages.Text(l, "verify.not_read", nr.Error())
	}
	return messages.Text(l, "verify.not_read", err.Error())
}

// unlisted walks the case folder for files the manifest does not list
// (not case.yaml, nothing hidden), at most maxFolderEntries entries.
func unlisted(caseDir string, listed map[string]bool) ([]string, bool, error) {
	var out []string
	seen := 0
	errStop := errors.New("stop")
	err := filepath.WalkDir(caseDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if seen++; seen > maxFolderEntries {
			return errStop
		}
		if d.IsDir() {
			if p != caseDir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(caseDir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == manifest.FileName || strings.HasPrefix(d.Name(), ".") || listed[rel] {
			return nil
		}
		out = append(out, rel)
		return nil
	})
	if errors.Is(err, errStop) {
		return out, true, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("the case folder: %w", err)
	}
	return out, false, nil
}

// ownOutputs tells which unlisted files of the case folder appealpacket
// wrote: PDF files carrying its manifest (an output folder inside the
// case folder, `build -o CASE_DIR/out`), the index named by such a PDF
// beside it, and the given packet and its index.
func ownOutputs(dir *regularfile.Dir, extras []string, packetPath, caseDir string, m *integrity.Manifest, limit int64) map[string]bool {
	outputs := map[string]bool{}
	indexes := map[string]bool{} // slash paths relative to the case folder
	if rel, ok := inside(caseDir, filepath.Dir(packetPath)); ok {
		indexes[join(rel, m.Index.File)] = true
	}
	checked := 0
	for _, rel := range extras {
		if !strings.EqualFold(filepath.Ext(rel), ".pdf") || checked == maxOutputChecks {
			continue
		}
		checked++
		data, err := dir.Read(rel, limit)
		if err != nil {
			continue
		}
		if c, err := integrity.Read(data); err == nil {
			outputs[rel] = true
			if c.Manifest.Index.File != "" {
				indexes[join(pathDir(rel), c.Manifest.Index.File)] = true
			}
		}
	}
	for _, rel := range extras {
		if indexes[rel] {
			outputs[rel] = true
		}
	}
	return outputs
}

// inside returns dir relative to base, slash-separated, if it is inside.
func inside(base, dir string) (string, bool) {
	b, err1 := filepath.Abs(base)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(b, d)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func pathDir(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return "."
}

func join(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return dir + "/" + name
}
