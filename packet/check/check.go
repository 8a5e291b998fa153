// Package check turns a case's manifest and collected evidence into
// findings. It is pure: evidence in, findings out. Every finding has a
// stable code (the constants below are a contract users and scripts rely
// on), a severity, the exhibit it concerns, a message and a hint.
package check

import (
	"errors"
	"fmt"
	"time"

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
	fs = placeholders(in.Manifest, fs)
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
		hint := "Fix the path in case.yaml, or put the file in the case folder."
		sev := finding.Error
		switch p.Code {
		case FilesNotRead:
			sev = finding.Warning
			hint = "Add the camera's own JPEG or HEIC of each shot (most cameras save one beside a RAW file) and keep the RAW file to send on request; move other files out of the photos folder."
		case FileOutside:
			hint = "Copy the file into the case folder and name it relative to the folder; appealpacket reads nothing outside it."
		case FileUnreadable:
			hint = "Name a regular file that you can open."
		}
		fs = append(fs, finding.Finding{Code: p.Code, Severity: sev, File: p.Path.Raw,
			Where: m.At(p.Path.Pos), Message: p.Field + ": " + p.Msg, Hint: hint})
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
			hint := "Export the document as PDF (or a picture) and name that file in case.yaml."
			if it.Role == evidence.Photo || it.Role == evidence.ListingImage {
				hint = "Name the picture file itself here; a PDF belongs under trademarks, authorizations or documents."
			}
			fs = append(fs, finding.Finding{Code: FileTypeUnsupported, Severity: finding.Error, Exhibit: ex, File: it.Path.Rel,
				Where: m.At(it.Path.Pos), Message: it.Err.Error(), Hint: hint})
			continue
		}
		if errors.Is(it.Err, evidence.ErrTooLarge) {
			fs = append(fs, finding.Finding{Code: FileTooLarge, Severity: finding.Error, Exhibit: ex, File: it.Path.Rel,
				Where: m.At(it.Path.Pos), Message: it.Err.Error(),
				Hint: "Name a smaller copy in case.yaml: a picture exported as JPEG, a PDF with fewer pages or scanned at 200-300 dpi. A packet of 10 MB could not hold a file this size anyway."})
			continue
		}
		if it.Err != nil {
			fs = append(fs, finding.Finding{Code: FileUnreadable, Severity: finding.Error, Exhibit: ex, File: it.Path.Rel,
				Where:   m.At(it.Path.Pos),
				Message: it.Err.Error(), Hint: "Replace the file with a complete copy of the original."})
			continue
		}
		if it.SHA256 == "" {
			continue
		}
		if other, dup := bySum[it.SHA256]; dup {
			fs = append(fs, finding.Finding{Code: FileDuplicate, Severity: finding.Warning, Exhibit: ex, File: it.Path.Rel,
				Message: fmt.Sprintf("%s has the same content (SHA-256) as %s", it.Path.Rel, other.Path.Rel),
				Hint:    "Keep one copy; a reviewer counts repeated evidence as padding."})
			continue
		}
		bySum[it.SHA256] = it
	}
	return fs
}

// Glyphs reports characters of the packet's text that no embedded font can draw.
func Glyphs(missing string) finding.Finding {
	return finding.Finding{Code: TextGlyphMissing, Severity: finding.Warning,
		Message: "these characters cannot be drawn with the embedded fonts and appear as [U+XXXX] in the PDF: " + missing,
		Hint:    "Pass a TrueType font that has them with --font FILE.ttf, or write the text without them."}
}
