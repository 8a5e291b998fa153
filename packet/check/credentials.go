package check

import (
	"strings"

	"appealpacket/packet/evidence/c2pa"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
)

// PhotoC2PAInvalid (warning): a photo or listing picture carries Content
// Credentials (C2PA) that do not validate: the file was changed after it
// was signed, or the credentials are damaged. A reviewer who checks them
// sees the same failure.
const PhotoC2PAInvalid = "PHOTO_C2PA_INVALID"

// credentials reports pictures whose Content Credentials fail validation.
func credentials(in Input) finding.List {
	var fs finding.List
	for _, k := range []exhibit.Kind{exhibit.Photo, exhibit.Listing} {
		for _, e := range in.Exhibits.ExhibitsOf(k) {
			it := e.Files[0]
			r := it.C2PA
			if it.Err != nil || r == nil || r.Status != c2pa.StatusPresent || r.State != c2pa.StateInvalid {
				continue
			}
			var codes []string
			if r.ActiveManifest != nil {
				codes = r.ActiveManifest.Failures()
			}
			fs = append(fs, finding.Finding{Code: PhotoC2PAInvalid, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: in.text("photo.c2pa_invalid", it.Path.Rel, e.ID, strings.Join(codes, ", ")),
				Hint:    in.text("photo.c2pa_invalid.hint")})
		}
	}
	return fs
}
