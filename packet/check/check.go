// Package check turns a case's manifest and collected evidence into
// findings. It is pure: evidence in, findings out. Every finding has a
// stable code (the constants below are a contract users and scripts rely
// on), a severity, the exhibit it concerns, a message and a hint.
package check

import (
	"errors"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/chain"
	"appealpacket/packet/deadline"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
)

// Finding codes about files and the manifest.
const (
	FileMissing    = manifest.FileMissing
	FileOutside    = manifest.FileOutside
	FileUnreadable = manifest.FileUnreadable
	FilesNotRead   = manifest.FilesNotRead
	FileDuplicate  = "FILE_DUPLICATE"
	// FileTypeUnsupported: a file whose content is not of a type its role
	// takes (a PDF named .jpg among the photos; a .docx certificate).
	FileTypeUnsupported = "FILE_TYPE_UNSUPPORTED"
	// FileTooLarge: a file over the size appealpacket reads (a picture
	// over 100 MB, a PDF over 64 MB): hashed, not read.
	FileTooLarge       = "FILE_TOO_LARGE"
	ManifestIncomplete = "MANIFEST_INCOMPLETE"
	TextGlyphMissing   = "TEXT_GLYPH_MISSING"
)

// Input is everything the checks look at.
type Input struct {
	Manifest *manifest.Manifest
	Problems []manifest.Problem // files Load could not resolve
	Items    []*evidence.Item   // every collected file
	Exhibits *exhibit.Set       // numbered exhibits, listing pictures compared
	// Profile is the platform's rules (see platform.go); nil means the
	// built-in profile of case.platform.
	Profile *profile.Profile
	// Today is the day deadlines are counted to (the packet's date);
	// zero: deadlines are not checked.
	Today time.Time
	// Holidays are the public holidays business days skip; nil: weekends
	// only.
	Holidays *deadline.Calendar
	// Lang is the language of the findings' messages and hints (codes
	// and JSON keys do not change with it).
	Lang i18n.Lang
	// OCR says how scans were read, for the hint of a scan that gave no
	// text; the zero value: Tesseract was not found.
	OCR OCRUse
}

// OCRUse is how the scanned papers of a case were read.
type OCRUse int

const (
	OCRNotFound OCRUse = iota // Tesseract was asked for but is not installed
	OCROff                    // the user turned OCR off (--ocr off)
	OCRUsed                   // Tesseract read the scans
)

// unreadHint is the message key of what to do about scans that gave no
// text, read as u says.
func (u OCRUse) unreadHint() string {
	switch u {
	case OCROff:
		return "doc.not_read.hint.off"
	case OCRUsed:
		return "doc.not_read.hint.unreadable"
	}
	return "doc.not_read.hint"
}

// Run runs every check and returns the findings, sorted by severity, and
// the authorization chain analysis (for the chain diagram and timeline).
func Run(in Input) (finding.List, *chain.Report) {
	var fs finding.List
	fs = append(fs, files(in)...)
	fs = append(fs, photos(in)...)
	fs = append(fs, notOriginal(in)...)
	fs = append(fs, photoDates(in)...)
	fs = append(fs, listings(in)...)
	fs = append(fs, credentials(in)...)
	fs = append(fs, papers(in)...)
	fs = append(fs, statementCitations(in)...)
	fs = append(fs, notShown(in)...)
	rep := chain.Analyze(in.Manifest, chain.Exhibits{
		Trademark:     func(id string) string { return exhibitID(in.Exhibits.ExhibitFor(exhibit.Trademark, id)) },
		Authorization: func(id string) string { return exhibitID(in.Exhibits.ExhibitFor(exhibit.Authorization, id)) },
	})
	fs = append(fs, rep.Findings...)
	fs = append(fs, platform(in)...)
	fs = placeholders(in.Lang, in.Manifest, fs)
	fs.Sort()
	return fs, rep
}

// exhibitID is e's ID, or "" when e is nil.
func exhibitID(e *exhibit.Exhibit) string {
	if e == nil {
		return ""
	}
	return e.ID
}

func files(in Input) finding.List {
	var fs finding.List
	m := in.Manifest
	for _, p := range in.Problems {
		hint := in.text("file.hint.path")
		sev := finding.Error
		switch p.Code {
		case FilesNotRead:
			sev = finding.Warning
			hint = in.text("file.hint.not_read")
		case FileOutside:
			hint = in.text("file.hint.outside")
		case FileUnreadable:
			hint = in.text("file.hint.unreadable")
		}
		fs = append(fs, finding.Finding{Code: p.Code, Severity: sev, File: p.Path.Raw,
			Where: m.At(p.Path.Pos), Message: in.text("file.problem", p.Field, problemText(in, p)), Hint: hint})
	}
	bySum := map[string]*evidence.Item{}
	seen := map[*evidence.Item]bool{}
	for _, it := range in.Items {
		if seen[it] || it.Path.Abs == "" {
			continue
		}
		seen[it] = true
		ex := exhibitID(in.Exhibits.ExhibitOfFile(it.Path.Rel))
		if errors.Is(it.Err, evidence.ErrWrongType) {
			hint := in.text("file.hint.wrong_type")
			if it.Role == evidence.Photo || it.Role == evidence.ListingImage {
				hint = in.text("file.hint.wrong_picture")
			}
			fs = append(fs, finding.Finding{Code: FileTypeUnsupported, Severity: finding.Error, Exhibit: ex, File: it.Path.Rel,
				Where: m.At(it.Path.Pos), Message: it.Err.Error(), Hint: hint})
			continue
		}
		if errors.Is(it.Err, evidence.ErrTooLarge) {
			fs = append(fs, finding.Finding{Code: FileTooLarge, Severity: finding.Error, Exhibit: ex, File: it.Path.Rel,
				Where: m.At(it.Path.Pos), Message: it.Err.Error(),
				Hint: in.text("file.hint.too_large")})
			continue
		}
		if it.Err != nil {
			fs = append(fs, finding.Finding{Code: FileUnreadable, Severity: finding.Error, Exhibit: ex, File: it.Path.Rel,
				Where:   m.At(it.Path.Pos),
				Message: it.Err.Error(), Hint: in.text("file.hint.damaged")})
			continue
		}
		if it.SHA256 == "" {
			continue
		}
		if other, dup := bySum[it.SHA256]; dup {
			fs = append(fs, finding.Finding{Code: FileDuplicate, Severity: finding.Warning, Exhibit: ex, File: it.Path.Rel,
				Message: in.text("file.duplicate", it.Path.Rel, other.Path.Rel),
				Hint:    in.text("file.hint.duplicate")})
			continue
		}
		bySum[it.SHA256] = it
	}
	return fs
}

// Glyphs reports, in language l, characters of the packet's text that no
// embedded font can draw.
func Glyphs(l i18n.Lang, missing string) finding.Finding {
	return finding.Finding{Code: TextGlyphMissing, Severity: finding.Warning,
		Message: messages.Text(l, "glyphs", missing), Hint: messages.Text(l, "glyphs.hint")}
}

// problemText says what is wrong with a path of case.yaml in the check's
// language; the rarer problems as manifest.Load words them.
func problemText(in Input, p manifest.Problem) string {
	if p.Kind == "" {
		return p.Msg
	}
	return in.text("path."+p.Kind, p.Path.Raw)
}
