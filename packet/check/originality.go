package check

import (
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
)

// PhotoNotOriginal: a file under photos whose pixels were changed after
// capture (resized, cropped, captioned, mirrored, converted or saved again
// by an editor) while it keeps the camera's EXIF. Presenting such a file
// as the camera original sinks an appeal: a reviewer who compares its
// pixel size with its EXIF, or its embedded preview with its pixels, sees
// a doctored "original" and doubts the whole packet.
const PhotoNotOriginal = "PHOTO_NOT_ORIGINAL"

// notOriginal reports photos that are not their camera's original file
// (see evidence.Originality).
func notOriginal(in Input) finding.List {
	var fs finding.List
	for _, e := range in.Exhibits.ExhibitsOf(exhibit.Photo) {
		it := e.Files[0]
		if it.Err != nil || !derived(it) {
			continue
		}
		fs = append(fs, finding.Finding{Code: PhotoNotOriginal, Severity: finding.Error, Exhibit: e.ID, File: it.Path.Rel,
			Message: in.text("photo.not_original", it.Path.Rel, e.ID, evidence.SignsText(in.Lang, it.Originality.Reasons)),
			Hint:    in.text("photo.not_original.hint")})
	}
	return fs
}

// derived reports an item whose pixels were changed after capture.
func derived(it *evidence.Item) bool {
	return it.Originality != nil && it.Originality.Derived
}
