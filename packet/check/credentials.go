package check

import (
	"fmt"
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
				Message: fmt.Sprintf("%s (%s) carries Content Credentials that do not validate (%s): the file was changed after it was signed, or its credentials are damaged",
					it.Path.Rel, e.ID, strings.Join(codes, ", ")),
				Hint: "Use the file exactly as the camera or app signed it; a reviewer who checks its Content Credentials (e.g. at contentcredentials.org/verify) sees the same failure."})
		}
	}
	return fs
}
