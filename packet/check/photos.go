package check

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
)

// Finding codes about photos.
const (
	PhotoNoEXIF         = "PHOTO_NO_EXIF"
	PhotoEdited         = "PHOTO_EDITED"
	PhotoAfterListing   = "PHOTO_AFTER_LISTING"
	PhotoAfterComplaint = "PHOTO_AFTER_COMPLAINT"
	PhotoNoCaptureTime  = "PHOTO_NO_CAPTURE_TIME"
	PhotoCameraMixed    = "PHOTO_CAMERA_MIXED"
	// PhotoOneBody (info): every photo names the same camera body, serial
	// included: strong evidence, which the statement states.
	PhotoOneBody         = "PHOTO_ONE_BODY"
	PhotoMetadataDamaged = "PHOTO_METADATA_DAMAGED"
	ListingUnmatched     = "LISTING_UNMATCHED"
	// ListingDeclaredUnconfirmed: case.yaml says a listing picture was made
	// from a photo, and comparing the two does not confirm it.
	ListingDeclaredUnconfirmed = "LISTING_DECLARED_UNCONFIRMED"
	// ListingOriginalNotAPhoto: case.yaml names as a listing picture's
	// original a file that is not one of the case's photos.
	ListingOriginalNotAPhoto = "LISTING_ORIGINAL_NOT_A_PHOTO"
	PictureNotShown          = "PICTURE_NOT_SHOWN"
)

// notShown reports pictures that read fine but cannot be drawn (over the
// pixel limit, or no preview could be made).
func notShown(in Input) finding.List {
	var fs finding.List
	for _, e := range in.Exhibits.Exhibits {
		if e.Kind != exhibit.Photo && e.Kind != exhibit.Listing {
			continue
		}
		it := e.Files[0]
		if it.Err != nil || it.Display != nil {
			continue
		}
		fs = append(fs, finding.Finding{Code: PictureNotShown, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
			Message: in.text("picture.not_shown", it.Path.Rel, strings.Join(it.Notes, "; ")),
			Hint:    in.text("picture.not_shown.hint")})
	}
	return fs
}

// EditorIn returns the editor named by an EXIF Software value (see
// exif.Editor), or "". Camera firmware ("Ver.1.0", "HDR+ 1.0.3", "16.4.1")
// is not an editor.
func EditorIn(software string) string {
	name, _ := exif.Editor(software)
	return name
}

// listings reports listing pictures with no original, declared links the
// comparison does not confirm, and declared originals that are not photos.
func listings(in Input) finding.List {
	var fs finding.List
	m := in.Manifest
	for _, e := range in.Exhibits.ExhibitsOf(exhibit.Listing) {
		it := e.Files[0]
		c := e.Comparison
		if it.Err != nil || c == nil {
			continue
		}
		for _, d := range c.Unknown {
			fs = append(fs, finding.Finding{Code: ListingOriginalNotAPhoto, Severity: finding.Error, Exhibit: e.ID, File: it.Path.Rel,
				Where:   m.At(d.Pos),
				Message: in.text("listing.original_not_photo", it.Path.Rel, d.Raw),
				Hint:    in.text("listing.original_not_photo.h", d.Raw, m.At(d.Pos))})
		}
		for _, o := range c.Origins {
			if o.How != exhibit.Declared {
				continue
			}
			msg := in.text("listing.declared.undecodable", it.Path.Rel, o.Original.ID, o.Original.Files[0].Path.Rel)
			if o.Distance >= 0 {
				msg = in.text("listing.declared.distance", it.Path.Rel, o.Original.ID, o.Original.Files[0].Path.Rel, o.Distance, match.MaxDistance, match.Threshold)
			}
			fs = append(fs, finding.Finding{Code: ListingDeclaredUnconfirmed, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: msg, Hint: in.text("listing.declared.hint")})
		}
		if len(c.Origins) > 0 || len(in.Exhibits.ExhibitsOf(exhibit.Photo)) == 0 {
			continue
		}
		if !c.Compared {
			fs = append(fs, finding.Finding{Code: ListingUnmatched, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: in.text("listing.not_compared", it.Path.Rel),
				Hint:    in.text("listing.not_compared.hint")})
			continue
		}
		msg := in.text("listing.unmatched", it.Path.Rel)
		if c.Nearest != nil {
			msg = in.text("listing.unmatched.nearest", it.Path.Rel, c.Nearest.ID, c.NearestDistance, match.MaxDistance, match.Threshold)
		}
		fs = append(fs, finding.Finding{Code: ListingUnmatched, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
			Message: msg, Hint: in.text("listing.unmatched.hint", it.Path.Rel, in.Exhibits.ExhibitsOf(exhibit.Photo)[0].Files[0].Path.Rel)})
	}
	return fs
}

func photos(in Input) finding.List {
	var fs finding.List
	m := in.Manifest
	listings := map[string]*manifest.Listing{}
	var firstListing *manifest.Listing
	for i := range m.Listings {
		l := &m.Listings[i]
		listings[l.ID] = l
		if !l.Published.IsZero() && (firstListing == nil || l.Published.Before(firstListing.Published)) {
			firstListing = l
		}
	}
	bodies := map[string][]exif.Body{} // listing ID -> distinct camera bodies
	var all []exif.Body                // of every photo with EXIF
	for _, e := range in.Exhibits.ExhibitsOf(exhibit.Photo) {
		it := e.Files[0]
		if it.Err != nil {
			continue
		}
		meta := it.Meta
		if meta == nil || !meta.HasEXIF {
			msg := in.text("photo.no_exif", it.Path.Rel)
			if meta != nil && len(meta.Warnings) > 0 {
				// EXIF there but not read (an eXIf chunk over the limit, a
				// damaged block): say so, not that there is none.
				msg = in.text("photo.no_exif.unread", it.Path.Rel, strings.Join(meta.Warnings, "; "))
			}
			fs = append(fs, finding.Finding{Code: PhotoNoEXIF, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: msg,
				Hint:    in.text("photo.as_written.hint")})
			continue
		}
		if len(meta.Warnings) > 0 {
			fs = append(fs, finding.Finding{Code: PhotoMetadataDamaged, Severity: finding.Info, Exhibit: e.ID, File: it.Path.Rel,
				Message: in.text("photo.damaged", it.Path.Rel, strings.Join(meta.Warnings, "; ")),
				Hint:    in.text("photo.damaged.hint")})
		}
		if ed := EditorIn(meta.Software); ed != "" && !derived(it) { // else PHOTO_NOT_ORIGINAL says it
			fs = append(fs, finding.Finding{Code: PhotoEdited, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: in.text("photo.edited", it.Path.Rel, meta.Software),
				Hint:    in.text("photo.edited.hint")})
		}
		taken, ok := meta.CaptureTime()
		if !ok {
			fs = append(fs, finding.Finding{Code: PhotoNoCaptureTime, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: in.text("photo.no_time", it.Path.Rel),
				Hint:    in.text("photo.no_time.hint")})
		} else {
			day := taken.Format(time.DateOnly) // the camera's own calendar day
			listing := firstListing
			if e.Photo != nil && listings[e.Photo.Listing] != nil {
				listing = listings[e.Photo.Listing]
			}
			if listing != nil && !listing.Published.IsZero() && day > listing.Published.String() {
				fs = append(fs, finding.Finding{Code: PhotoAfterListing, Severity: finding.Error, Exhibit: e.ID, File: it.Path.Rel,
					Where:   m.Where(fmt.Sprintf("listings[%d].published", slices.IndexFunc(m.Listings, func(l manifest.Listing) bool { return l.ID == listing.ID }))),
					Message: in.text("photo.after_listing", it.Path.Rel, day, listing.ID, listing.Published),
					Hint:    in.text("photo.after_listing.hint")})
			}
			if c := m.Case.ComplaintDate; !c.IsZero() && day > c.String() {
				fs = append(fs, finding.Finding{Code: PhotoAfterComplaint, Severity: finding.Error, Exhibit: e.ID, File: it.Path.Rel,
					Where:   m.Where("case.complaint_date"),
					Message: in.text("photo.after_complaint", it.Path.Rel, day, c),
					Hint:    in.text("photo.after_complaint.hint")})
			}
		}
		all = append(all, meta.Body())
		if e.Photo != nil && e.Photo.Listing != "" && meta.Camera() != "" {
			bodies[e.Photo.Listing] = addBody(bodies[e.Photo.Listing], meta.Body())
		}
	}
	for _, l := range m.Listings {
		if bs := bodies[l.ID]; len(bs) > 1 {
			names := make([]string, len(bs))
			for i, b := range bs {
				names[i] = in.body(b)
			}
			fs = append(fs, finding.Finding{Code: PhotoCameraMixed, Severity: finding.Info,
				Message: in.text("photo.camera_mixed", l.ID, len(bs), strings.Join(names, in.text("items.sep"))),
				Hint:    in.text("photo.camera_mixed.hint")})
		}
	}
	if b, ok := OneBody(all); ok && len(all) > 1 {
		fs = append(fs, finding.Finding{Code: PhotoOneBody, Severity: finding.Info,
			Message: in.text("photo.one_body", len(all), in.body(b), b.Source),
			Hint:    in.text("photo.one_body.hint")})
	}
	return fs
}

// addBody adds b to the distinct bodies bs unless it may be one of them:
// the same body, or the same camera where a serial cannot tell.
func addBody(bs []exif.Body, b exif.Body) []exif.Body {
	for _, o := range bs {
		if same, known := o.SameAs(b); same || !known {
			return bs
		}
	}
	return append(bs, b)
}

// OneBody returns the camera body every photo was taken by, when all
// carry the same identified body (make, model and serial).
func OneBody(bodies []exif.Body) (exif.Body, bool) {
	if len(bodies) == 0 || !bodies[0].Identified() {
		return exif.Body{}, false
	}
	for _, b := range bodies[1:] {
		if same, known := bodies[0].SameAs(b); !same || !known {
			return exif.Body{}, false
		}
	}
	return bodies[0], true
}

// notOriginalCodes are the findings that show a photo is not a camera
// original as the camera wrote it.
var notOriginalCodes = []string{PhotoNoEXIF, PhotoNoCaptureTime, PhotoEdited, PhotoNotOriginal, PhotoDatesInconsistent, PhotoDateImplausible, PhotoC2PAInvalid}

// NotOriginalPhotos returns the photo exhibits of set that are not their
// camera's original file: those the findings show (NotOriginal), and any
// whose pixels were found changed after capture, whatever the findings
// say. A packet never calls them originals.
func NotOriginalPhotos(set *exhibit.Set, fs finding.List) map[string]bool {
	out := NotOriginal(fs)
	for _, e := range set.ExhibitsOf(exhibit.Photo) {
		if derived(e.Files[0]) {
			out[e.ID] = true
		}
	}
	return out
}

// NotOriginal returns the photo exhibits that the findings show are not
// camera originals as the camera wrote them (no EXIF, no capture time,
// saved by an editor, pixels altered): the packet never calls them
// originals.
func NotOriginal(fs finding.List) map[string]bool {
	out := map[string]bool{}
	for _, f := range fs {
		if f.Exhibit != "" && slices.Contains(notOriginalCodes, f.Code) {
			out[f.Exhibit] = true
		}
	}
	return out
}
