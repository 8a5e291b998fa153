// Package initcase writes a first case.yaml for a folder of evidence, so
// that a seller starts from the photos, screenshots and scans they already
// have rather than from the manifest's schema (`appealpacket init`).
//
// It scans the folder recursively and sorts every file:
//
//   - pictures whose EXIF names a camera (Make or Model) and a capture time
//     are camera originals → photos, grouped in comments by camera and day,
//     unless the file is not the camera's own (resized, cropped, captioned
//     or saved again by an editor with the camera's EXIF kept: see
//     evidence.Originality); such a picture goes with the candidate listing
//     pictures, its comment saying why;
//   - other pictures (screenshots, downloads, pictures sent through chat
//     apps) are candidate listing pictures → one listing's images, each
//     compared with the originals by perceptual fingerprint (package match)
//     and its closest original named in a comment;
//   - PDFs are classified by their text (the first pages' text layer, see
//     PDFText), else by their file and folder names (see ClassifyText and
//     ClassifyName): trademark certificates → trademarks, authorization
//     letters → authorizations, invoices and other papers → documents.
//     Pictures whose name says they are such a paper ("商标注册证.jpg",
//     "invoice-scan.png") go there too, and so do pictures without a
//     camera that look like a page of text (LooksLikePaper) whose OCR says
//     which paper they are ("scan0001.png");
//   - other files (text, Word, spreadsheets, videos) are not listed: the
//     packet shows PDFs and pictures only. A comment at the end names them.
//
// Hidden files and folders, case.yaml itself, appealpacket's own outputs,
// links and sub-folders holding their own case.yaml are skipped.
//
// Everything the files cannot tell is written as the value TODO (dates
// too: `complaint_date: TODO`), and `appealpacket check` reports the TODOs
// left as one MANIFEST_INCOMPLETE finding. case.id is a complaint number
// found in the folder's name, a complaint file's name or under its label
// in a paper's text, else TODO (a folder's name is no complaint number).
//
// Perceptual matching decodes each picture scaled to 1600 pixels and turned
// upright by its EXIF orientation (HEIC pictures one at a time). Nothing in
// the folder is changed: files are opened read-only, and the only files
// written are case.yaml, atomically, and, before it replaces one, the
// previous file as case.yaml.bak. An existing case.yaml is updated (see
// update: the new files added, everything written kept), or replaced
// only with Options.Force.
package initcase

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"appealpacket/internal/i18n"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/atomicfile"
	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
	"appealpacket/packet/profile"
)

// Placeholder is written for every value the files cannot tell. package
// check reports it (check.Placeholder).
const Placeholder = "TODO"

// Options tune Init. The zero value writes an AliExpress image-theft case.
type Options struct {
	Platform string // case.platform; default aliexpress
	Type     string // case.type; default image-theft
	ID       string // case.id; default a complaint number in the folder's or a file's name or a paper's text, else TODO
	Force    bool   // start over: replace an existing case.yaml instead of adding to it
	Workers  int    // files read in parallel; default the number of CPUs
	// Next is the folder as the next command should name it, for the
	// header's "Next:" line; default dir as given to Init.
	Next   string
	Logger *slog.Logger
	// OCR says how scanned papers are read to fill in their values: ""
	// or "auto" with Tesseract when installed, "off", or the path of the
	// tesseract command (see doctext.Select).
	OCR string
	// Progress, when not nil, is told how far the scan is (see ScanDir).
	Progress func(step string, done, total int)
	// Lang is the language of case.yaml's comments and its case.language
	// (a new file; an update writes in the language of the file it adds
	// to).
	Lang i18n.Lang
}

// Result describes the written case.yaml.
type Result struct {
	File   string // path of case.yaml
	CaseID string
	// Counts of what was found.
	Photos, Cameras, Candidates, Matched, Trademarks, Authorizations, Documents int
	// NotOriginal counts the pictures whose EXIF names a camera but which
	// are not its original file (listed as listing pictures, among
	// Candidates).
	NotOriginal int
	// Unlisted names files that are not pictures or PDFs (relative paths).
	Unlisted []string
	// Skipped says what was left out and why.
	Skipped []string
	// TODOs counts the values left as TODO.
	TODOs int
	// Updated says init added to an existing case.yaml (the counts above
	// are then of what it added; nothing was written when they are all
	// zero); Backup is where the previous file was kept (also with Force);
	// Gone lists the files it names that are no longer in the folder.
	Updated bool
	Backup  string
	Gone    []Gone
	// Read lists the fields filled in from what a paper says (its text
	// layer or OCR), e.g. "trademarks[0].number": each is marked "read
	// from the document: check it".
	Read []string
}

// Init scans dir and writes dir/case.yaml (see the package documentation).
func Init(ctx context.Context, dir string, opts Options) (*Result, error) {
	opts.Platform = cmp.Or(opts.Platform, "aliexpress")
	opts.Type = cmp.Or(opts.Type, "image-theft")
	if !slices.Contains(manifest.Platforms, opts.Platform) {
		return nil, fmt.Errorf("platform %q is not one of %s", opts.Platform, strings.Join(manifest.Platforms, ", "))
	}
	if !slices.Contains(manifest.CaseTypes, opts.Type) {
		return nil, fmt.Errorf("case type %q is not one of %s", opts.Type, strings.Join(manifest.CaseTypes, ", "))
	}
	id := opts.ID
	if id != "" && (strings.ContainsAny(id, `/\:*?"<>|`) || strings.TrimSpace(id) == "") {
		return nil, fmt.Errorf("case id %q cannot be part of a file name; use letters, digits, '-' and '_'", id)
	}
	file := filepath.Join(dir, manifest.FileName)
	old, err := existing(file)
	if err != nil {
		return nil, err
	}
	var oldM *manifest.Manifest
	var problems []manifest.Problem
	if old != nil && !opts.Force {
		// An update: the files case.yaml does not list yet are added.
		if oldM, problems, err = manifest.LoadData(dir, old); err != nil {
			return nil, fmt.Errorf("%w\ninit adds the new files of the folder to a case.yaml that loads: correct it, or start over with --force (the current file is kept as %s)", err, BackupName)
		}
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ocr, err := doctext.Select(ctx, opts.OCR)
	if err != nil {
		return nil, err
	}
	s, err := ScanDir(ctx, dir, opts.Workers, ocr, opts.Progress)
	if err != nil {
		return nil, err
	}
	log.Debug("scanned case folder", "dir", dir, "files", len(s.Files))
	if oldM != nil {
		return update(dir, file, old, oldM, problems, s, opts)
	}
	if id == "" {
		id = complaintNumber(dir, s.Files)
	}
	m, notes, res := Draft(s, id, opts.Platform, opts.Type, cmp.Or(opts.Next, dir), opts.Lang)
	text := Render(m, notes)
	if _, err := manifest.Parse(text, manifest.FileName); err != nil {
		return nil, fmt.Errorf("internal error: the case.yaml written does not load (please report it): %v", err)
	}
	if again, err := existing(file); err != nil {
		return nil, err
	} else if !bytes.Equal(again, old) {
		return nil, fmt.Errorf("%s changed while init was reading the folder; run init again", file)
	}
	if old != nil {
		if res.Backup, err = writeFile(filepath.Join(dir, BackupName), old); err != nil {
			return nil, err
		}
	}
	if _, err := writeFile(file, text); err != nil {
		return nil, err
	}
	res.File = file
	res.Skipped = s.Skipped
	return res, nil
}

// update adds to the case.yaml old (loaded as oldM) the pictures and PDFs
// of the scan it does not list, keeping every byte of it, and writes the
// previous file to BackupName first. Nothing is written when nothing is
// new.
func update(dir, file string, old []byte, oldM *manifest.Manifest, problems []manifest.Problem, s *Scan, opts Options) (*Result, error) {
	names, gone := listed(oldM, problems)
	for _, f := range s.Files {
		if names[f.Rel] {
			f.Role = Listed
		}
	}
	lang, _ := i18n.Parse(oldM.Case.Language)
	m, notes, res := Draft(s, oldM.Case.ID, oldM.Case.Platform, oldM.Case.Type, cmp.Or(opts.Next, dir), lang)
	res.File, res.Updated, res.Gone, res.Skipped = file, true, gone, s.Skipped
	renumber(oldM, m)
	if len(m.Listings) == 1 && len(m.Listings[0].Images) == 0 {
		m.Listings = nil
	}
	if len(m.Listings)+len(m.Photos)+len(m.Trademarks)+len(m.Authorizations)+len(m.Documents) == 0 {
		res.TODOs = 0
		return res, nil
	}
	notes.Header, notes.Footer = []string{}, nil
	var listingNote string
	if len(oldM.Listings) > 1 && len(m.Listings) > 0 {
		listingNote = messages.Text(lang, "listing.found_by_init")
	}
	text, err := merge(old, Render(m, notes), listingNote, messages.Text(lang, "added_by_init"))
	if err != nil {
		return nil, err
	}
	before, err := manifest.Parse(old, manifest.FileName)
	if err != nil {
		return nil, err
	}
	after, err := manifest.Parse(text, manifest.FileName)
	if err != nil {
		return nil, fmt.Errorf("internal error: case.yaml with the new files does not load (please report it; nothing was written): %v", err)
	}
	res.TODOs = todos(text) - todos(old)
	if !sameAndMore(before, after, m) {
		return nil, fmt.Errorf("internal error: adding the new files would change what case.yaml says (please report it; nothing was written)")
	}
	if again, err := existing(file); err != nil {
		return nil, err
	} else if !bytes.Equal(again, old) {
		return nil, fmt.Errorf("%s changed while init was reading the folder; run init again", file)
	}
	if res.Backup, err = writeFile(filepath.Join(dir, BackupName), old); err != nil {
		return nil, err
	}
	if _, err := writeFile(file, text); err != nil {
		return nil, err
	}
	return res, nil
}

// sameAndMore reports whether after is before with add's entries added:
// every list as long as both together, and every entry of before
// unchanged (compared as Render writes it).
func sameAndMore(before, after, add *manifest.Manifest) bool {
	images := func(m *manifest.Manifest) int {
		n := 0
		for _, l := range m.Listings {
			n += len(l.Images)
		}
		return n
	}
	if len(after.Photos) != len(before.Photos)+len(add.Photos) ||
		len(after.Trademarks) != len(before.Trademarks)+len(add.Trademarks) ||
		len(after.Authorizations) != len(before.Authorizations)+len(add.Authorizations) ||
		len(after.Documents) != len(before.Documents)+len(add.Documents) ||
		images(after) != images(before)+images(add) {
		return false
	}
	trimmed := *after
	trimmed.Photos = after.Photos[:len(before.Photos)]
	trimmed.Trademarks = after.Trademarks[:len(before.Trademarks)]
	trimmed.Authorizations = after.Authorizations[:len(before.Authorizations)]
	trimmed.Documents = after.Documents[:len(before.Documents)]
	trimmed.Listings = nil
	for i, l := range after.Listings {
		if i >= len(before.Listings) {
			break
		}
		l.Images = l.Images[:len(before.Listings[i].Images)]
		trimmed.Listings = append(trimmed.Listings, l)
	}
	return bytes.Equal(Render(before, &Notes{Header: []string{}}), Render(&trimmed, &Notes{Header: []string{}}))
}

// existing returns the bytes of an existing case.yaml, or nil when there
// is none; one that is not a regular file is an error.
func existing(file string) ([]byte, error) {
	st, err := os.Lstat(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a regular file; not writing over it", file)
	}
	data, err := regularfile.Read(file, manifest.MaxSize)
	if err != nil {
		return nil, err
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// writeFile writes data to name whole, then renames it into place.
func writeFile(name string, data []byte) (string, error) {
	f, err := atomicfile.Create(name)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Commit(); err != nil {
		return "", err
	}
	return name, nil
}

// complaintPattern is what a platform's complaint number looks like in a
// folder or file name: letters, then digits in one or more groups
// ("IPP-2024-0001234", "IPR20240001234", "case_2024_55312"), or a run of
// at least 8 digits.
var complaintPattern = regexp.MustCompile(`(?i)(?:^|[^a-z0-9])([a-z]{2,6}[-_]?\d{4,}(?:[-_]\d{3,})*|\d{8,})(?:$|[^a-z0-9])`)

// cameraName is how cameras and scanners name files ("IMG_0412",
// "PXL_20231014", "DSC01234"): never a complaint number.
var cameraName = regexp.MustCompile(`(?i)^(img|dsc|dscf|dscn|pxl|vid|pano|scan|photo|screenshot|wp|mvimg)[-_]?\d`)

// complaintNumber finds the complaint number in the case folder's name,
// failing that in the name of a file about the complaint (one whose name
// says complaint, notice, notification or case), failing that under a
// label in a paper's text (the platform's notice, printed to PDF), and
// returns it with '-' for '_'. Without one it returns Placeholder: a folder's name ("mycase")
// is no complaint number, and a packet numbered by it would be refused.
func complaintNumber(dir string, files []*File) string {
	name := filepath.Base(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		name = filepath.Base(abs)
	}
	candidates := []string{name}
	for _, f := range files {
		base := strings.ToLower(filepath.Base(f.Rel))
		for _, w := range []string{"complaint", "notice", "notification", "case", "ipp", "ipr"} {
			if strings.Contains(base, w) {
				candidates = append(candidates, strings.TrimSuffix(filepath.Base(f.Rel), filepath.Ext(f.Rel)))
				break
			}
		}
	}
	for _, c := range candidates {
		m := complaintPattern.FindStringSubmatch(c)
		if m == nil || cameraName.MatchString(m[1]) {
			continue
		}
		return strings.ToUpper(strings.ReplaceAll(m[1], "_", "-"))
	}
	// The platform's notice, saved as a PDF or a scan, states it under a
	// label: one number for the whole folder, or none.
	found := ""
	for _, f := range files {
		for _, m := range complaintLabel.FindAllStringSubmatch(f.Text, -1) {
			n := strings.ToUpper(strings.ReplaceAll(cmp.Or(m[2], m[4]), "_", "-"))
			if found != "" && n != found {
				return Placeholder // two complaints' numbers: the seller chooses
			}
			found = n
		}
	}
	return cmp.Or(found, Placeholder)
}

// complaintLabel finds a complaint number in a paper's text under its
// label ("Complaint number: IPP-2024-0001234", "Case ID: 2024031500123",
// "投诉编号：IPP2024…").
var complaintLabel = regexp.MustCompile(`(?i)(complaint|case|notice|infringement report)\s*(?:number|no\.?|id|#)\s*[:：]?\s*([a-z]{2,6}[-_]?\d{4,}(?:[-_]\d{3,})*|\d{8,})\b|` +
	`(投诉(?:编号|单号|号)|案件(?:编号|号))\s*[:：]?\s*([a-z]{2,6}[-_]?\d{4,}(?:[-_]\d{3,})*|\d{8,})`)

// Draft turns a scan into a manifest with TODO placeholders, the comments
// about its files, and the counts for the report. next names the folder in
// the header's "Next:" line; lang is the language of the comments and of
// case.language.
func Draft(s *Scan, id, platform, caseType, next string, lang i18n.Lang) (*manifest.Manifest, *Notes, *Result) {
	m := &manifest.Manifest{Version: 1,
		Case:   manifest.Case{ID: id, Platform: platform, Type: caseType, Complainant: Placeholder, Language: lang.Code()},
		Seller: manifest.Seller{LegalName: Placeholder, Store: Placeholder, StoreID: Placeholder},
	}
	notes := &Notes{Header: defaultHeader(lang, shellQuote(next)), File: map[string]string{}, Before: map[string][]string{}, Read: map[string]bool{}, Lang: lang}
	t := func(key string, args ...any) string { return messages.Text(lang, key, args...) }
	res := &Result{CaseID: id}
	path := func(f *File) manifest.Path { return manifest.Path{Raw: f.Rel} }

	// Photos, grouped by camera and day (then by name).
	var originals []*File
	for _, f := range s.Files {
		if f.Role == Original {
			originals = append(originals, f)
		}
	}
	slices.SortStableFunc(originals, func(a, b *File) int {
		return cmp.Or(strings.Compare(a.Day, b.Day), strings.Compare(a.Camera, b.Camera), strings.Compare(a.Rel, b.Rel))
	})
	cameras := map[string]bool{}
	for i, f := range originals {
		if i == 0 || f.Camera != originals[i-1].Camera || f.Day != originals[i-1].Day {
			n := 0
			for _, g := range originals[i:] {
				if g.Camera != f.Camera || g.Day != f.Day {
					break
				}
				n++
			}
			notes.Before[f.Rel] = []string{messages.Count(lang, "photos.group", n, f.Camera, f.Day, n)}
		}
		cameras[f.Camera] = true
		m.Photos = append(m.Photos, manifest.Photo{Path: path(f)})
		if f.fpErr != nil {
			notes.File[f.Rel] = t("photo.not_compared", f.fpErr.Error())
		}
	}
	res.Photos, res.Cameras = len(originals), len(cameras)

	// One listing holding every candidate picture.
	listing := manifest.Listing{ID: Placeholder, Title: Placeholder, URL: Placeholder}
	for _, f := range s.Files {
		if f.Role != Candidate {
			continue
		}
		listing.Images = append(listing.Images, manifest.ListingImage{Path: path(f)})
		res.Candidates++
		var note string
		switch {
		case f.Matched && f.Match.Close:
			res.Matched++
			note = t("listing.looks_like", s.Files[f.Original].Rel, f.Match.Distance)
		case f.Matched && f.Match.Distance < match.MaxDistance:
			note = t("listing.closest", s.Files[f.Original].Rel, f.Match.Distance)
		case f.fpErr != nil:
			note = t("listing.not_compared", f.fpErr.Error())
		case len(originals) == 0:
			note = t("listing.no_originals")
		default:
			note = t("listing.no_match")
		}
		if len(f.NotOriginal) > 0 {
			res.NotOriginal++
			note = t("listing.not_original", evidence.SignsText(lang, f.NotOriginal), note)
		}
		notes.File[f.Rel] = note
	}
	m.Listings = []manifest.Listing{listing}

	// Papers.
	prof, _ := profile.Select(platform, "", "")
	for _, f := range s.Files {
		if f.Role != Document || f.Class != Trademark {
			continue
		}
		n := len(m.Trademarks) + 1
		facts := doctext.Extract(f.Text)
		key := fmt.Sprintf("trademarks[%d].", n-1)
		m.Trademarks = append(m.Trademarks, manifest.Trademark{ID: fmt.Sprintf("TM%d", n), Mark: notes.fill(key+"mark", facts.Mark),
			Number: notes.fill(key+"number", facts.Number), Office: notes.fill(key+"office", facts.Office),
			Owner: notes.fill(key+"owner", facts.Owner), Status: "registered", Files: []manifest.Path{path(f)}})
		t := &m.Trademarks[len(m.Trademarks)-1]
		if !facts.Registered.IsZero() {
			t.Registered = manifest.NewDate(facts.Registered.Date())
			notes.Read[key+"registered"] = true
		}
		if !facts.Expires.IsZero() {
			t.Expires = manifest.NewDate(facts.Expires.Date())
			notes.Read[key+"expires"] = true
		}
		for c := range strings.SplitSeq(facts.Classes, ", ") {
			if n, err := strconv.Atoi(c); err == nil {
				t.Classes = append(t.Classes, n)
				notes.Read[key+"classes"] = true
			}
		}
		notes.File[f.Rel] = why(lang, f)
	}
	var tmIDs []string
	han := lang == i18n.Chinese // the script party names are written in
	for i, t := range m.Trademarks {
		tmIDs = append(tmIDs, t.ID)
		if i == 0 && t.Owner != Placeholder {
			han = isHan(t.Owner)
		}
	}
	for _, f := range s.Files {
		if f.Role != Document || f.Class != Authorization {
			continue
		}
		n := len(m.Authorizations) + 1
		facts := doctext.Extract(f.Text)
		key := fmt.Sprintf("authorizations[%d].", n-1)
		a := manifest.Authorization{ID: fmt.Sprintf("AUTH%d", n),
			Grantor: notes.fill(key+"grantor", cmp.Or(facts.Grantor, partyIn(f.Text, doctext.Grantor, han))),
			Grantee: notes.fill(key+"grantee", cmp.Or(facts.Grantee, partyIn(f.Text, doctext.Grantee, han))), Trademarks: slices.Clone(tmIDs),
			Platforms: []string{Placeholder}, Territories: []string{Placeholder}, Goods: Placeholder, Files: []manifest.Path{path(f)}}
		if !facts.From.IsZero() {
			a.From, a.To = manifest.NewDate(facts.From.Date()), manifest.NewDate(facts.To.Date())
			notes.Read[key+"from"], notes.Read[key+"to"] = true, true
		}
		if ts := doctext.TerritoryEntries(facts.Territory); len(ts) > 0 {
			a.Territories = ts
			notes.Read[key+"territories"] = true
		}
		if ps := doctext.Platforms(f.Text); len(ps) > 0 {
			a.Platforms = ps
			notes.Read[key+"platforms"] = true
		}
		if facts.Sublicense {
			a.Sublicense = true
			notes.Read[key+"sublicense"] = true
		}
		m.Authorizations = append(m.Authorizations, a)
		notes.File[f.Rel] = why(lang, f)
	}
	for _, f := range s.Files {
		if f.Role != Document || f.Class == Trademark || f.Class == Authorization {
			continue
		}
		d := manifest.Document{Path: path(f), Kind: f.Class.Kind(), Title: Placeholder}
		key := fmt.Sprintf("documents[%d].", len(m.Documents))
		if f.Class == Invoice {
			facts := doctext.Extract(f.Text)
			if facts.InvoiceNumber != "" {
				d.Title = notes.fill(key+"title", t("invoice.title", facts.InvoiceNumber))
			}
			if !facts.Date.IsZero() {
				d.Date = manifest.NewDate(facts.Date.Date())
				notes.Read[key+"date"] = true
			}
			if prof != nil && prof.Invoice.BuyerMustMatchSeller || facts.Buyer != "" {
				d.Buyer = notes.fill(key+"buyer", facts.Buyer)
			}
		}
		m.Documents = append(m.Documents, d)
		notes.File[f.Rel] = why(lang, f)
	}
	res.Trademarks, res.Authorizations, res.Documents = len(m.Trademarks), len(m.Authorizations), len(m.Documents)
	for k := range notes.Read {
		res.Read = append(res.Read, k)
	}
	slices.Sort(res.Read)

	// Everything else.
	var footer []string
	for _, f := range s.Files {
		if f.Role == Unlisted {
			res.Unlisted = append(res.Unlisted, f.Rel)
			line := "  " + f.Rel
			if f.Note != "" {
				line += ": " + f.Note
			}
			footer = append(footer, line)
		}
	}
	if len(footer) > 0 {
		notes.Footer = append([]string{"", t("footer.unlisted.1"), t("footer.unlisted.2")}, footer...)
	}
	if len(originals) == 0 {
		notes.Footer = append(notes.Footer, "", t("footer.no_photos.1"), t("footer.no_photos.2"))
	}
	res.TODOs = todos(Render(m, &Notes{Header: []string{}, Lang: lang}))
	return m, notes, res
}

// todos counts the values Render wrote as TODO.
func todos(text []byte) int {
	return bytes.Count(text, []byte(`"`+Placeholder+`"`)) + bytes.Count(text, []byte(": "+manifest.DatePlaceholder+" "))
}

// why says, in language l, why a paper was put where it is.
func why(l i18n.Lang, f *File) string {
	class := messages.Text(l, fmt.Sprintf("class.%d", f.Class))
	var s string
	switch {
	case f.Cue == "":
		s = messages.Text(l, "why.unknown")
	case f.ByText:
		s = messages.Text(l, "why.text", class, f.Cue)
	default:
		s = messages.Text(l, "why.name", class, f.Cue)
	}
	if f.Note != "" && !f.ByText {
		s = messages.Text(l, "why.note", s, f.Note)
	}
	return s
}

// partyIn returns the party a bilingual paper names under f's labels in
// the script the case's names are written in (han: Chinese characters),
// when the paper gives it once in that script and once or more in the
// other: a letter that labels both "Licensee: Guangzhou Huaxin Trading
// Co., Ltd." and "被授权方：广州华信贸易有限公司". A note after the name
// ("(store: Lumen Home Store)") is left out. Else "".
func partyIn(text string, f doctext.Field, han bool) string {
	var in, other []string
	for _, v := range doctext.Labelled(text, f) {
		v = strings.TrimSpace(trailingNote.ReplaceAllString(v, ""))
		if isHan(v) == han {
			if !slices.ContainsFunc(in, func(w string) bool { return doctext.Fold(w) == doctext.Fold(v) }) {
				in = append(in, v)
			}
		} else {
			other = append(other, v)
		}
	}
	if len(in) == 1 && len(other) > 0 {
		return in[0]
	}
	return ""
}

// trailingNote is a parenthetical note after a name, with a colon in it.
var trailingNote = regexp.MustCompile(`\s*[(（][^()（）]*[:：][^()（）]*[)）]\s*$`)

// isHan reports whether a name is written in Chinese characters: more of
// its letters are Han than not.
func isHan(s string) bool {
	han, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r):
			other++
		}
	}
	return han > other
}
