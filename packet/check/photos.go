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
			Message: fmt.Sprintf("%s cannot be shown in the packet: %s", it.Path.Rel, strings.Join(it.Notes, "; ")),
			Hint:    "For a picture over the pixel limit, raise it with --max-pixels if you trust the file, and over the memory a build gives a picture, with --memory; else use a smaller copy for display and keep the original."})
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
				Message: fmt.Sprintf("%s is declared to be made from %q, which is not one of the case's photos", it.Path.Rel, d.Raw),
				Hint:    fmt.Sprintf("List %q under photos: (or correct the name of the original at %s).", d.Raw, m.At(d.Pos))})
		}
		for _, o := range c.Origins {
			if o.How != exhibit.Declared {
				continue
			}
			how := "could not be compared with it (one of the two pictures cannot be decoded)"
			if o.Distance >= 0 {
				how = fmt.Sprintf("does not match it: distance %d of %d, where %d or less means the same picture", o.Distance, match.MaxDistance, match.Threshold)
			}
			fs = append(fs, finding.Finding{Code: ListingDeclaredUnconfirmed, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: fmt.Sprintf("%s is declared to be made from %s (%s), but the comparison %s; the packet shows the link as declared by you, not as confirmed",
					it.Path.Rel, o.Original.ID, o.Original.Files[0].Path.Rel, how),
				Hint: "Check that case.yaml names the right original. If the listing picture was redrawn or assembled from several photos, keep the declaration: the reviewer sees both pictures side by side."})
		}
		if len(c.Origins) > 0 || len(in.Exhibits.ExhibitsOf(exhibit.Photo)) == 0 {
			continue
		}
		if !c.Compared {
			fs = append(fs, finding.Finding{Code: ListingUnmatched, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: fmt.Sprintf("%s could not be compared with the original photos", it.Path.Rel),
				Hint:    "Check that the listing picture and the originals open as pictures."})
			continue
		}
		msg := fmt.Sprintf("%s matches none of the original photos", it.Path.Rel)
		if c.Nearest != nil {
			msg += fmt.Sprintf(" (closest: %s, distance %d of %d; a match is %d or less)", c.Nearest.ID, c.NearestDistance, match.MaxDistance, match.Threshold)
		}
		fs = append(fs, finding.Finding{Code: ListingUnmatched, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
			Message: msg + "; its page says that no original is in the packet",
			Hint: "Add the camera original this listing picture was made from. If you know which photo it is but the comparison misses it (a heavy edit or collage), " +
				"name it in case.yaml: images: [{path: " + it.Path.Rel + ", original: originals/IMG_….JPG}]."})
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
			msg := fmt.Sprintf("%s carries no EXIF metadata: nothing in it shows which camera took it or when", it.Path.Rel)
			if meta != nil && len(meta.Warnings) > 0 {
				// EXIF there but not read (an eXIf chunk over the limit, a
				// damaged block): say so, not that there is none.
				msg = fmt.Sprintf("%s carries no EXIF metadata that could be read (%s): nothing read shows which camera took it or when", it.Path.Rel, strings.Join(meta.Warnings, "; "))
			}
			fs = append(fs, finding.Finding{Code: PhotoNoEXIF, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: msg,
				Hint:    "Use the file exactly as the camera or phone wrote it (copy it by cable or as a 'document', not through a chat app, which strips metadata)."})
			continue
		}
		if len(meta.Warnings) > 0 {
			fs = append(fs, finding.Finding{Code: PhotoMetadataDamaged, Severity: finding.Info, Exhibit: e.ID, File: it.Path.Rel,
				Message: fmt.Sprintf("%s: part of the metadata is damaged and was not trusted: %s", it.Path.Rel, strings.Join(meta.Warnings, "; ")),
				Hint:    "Look for an untouched copy of the file; a reviewer may ask why the metadata is damaged."})
		}
		if ed := EditorIn(meta.Software); ed != "" && !derived(it) { // else PHOTO_NOT_ORIGINAL says it
			fs = append(fs, finding.Finding{Code: PhotoEdited, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: fmt.Sprintf("%s was saved by %q: it is an edited copy, not the camera original", it.Path.Rel, meta.Software),
				Hint:    "Use the file as the camera wrote it; keep edited versions for the listing only."})
		}
		taken, ok := meta.CaptureTime()
		if !ok {
			fs = append(fs, finding.Finding{Code: PhotoNoCaptureTime, Severity: finding.Warning, Exhibit: e.ID, File: it.Path.Rel,
				Message: fmt.Sprintf("%s has EXIF but no capture time (DateTimeOriginal)", it.Path.Rel),
				Hint:    "Use the camera original; without a capture time the photo cannot show it predates the listing."})
		} else {
			day := taken.Format(time.DateOnly) // the camera's own calendar day
			listing := firstListing
			if e.Photo != nil && listings[e.Photo.Listing] != nil {
				listing = listings[e.Photo.Listing]
			}
			if listing != nil && !listing.Published.IsZero() && day > listing.Published.String() {
				fs = append(fs, finding.Finding{Code: PhotoAfterListing, Severity: finding.Error, Exhibit: e.ID, File: it.Path.Rel,
					Where:   m.Where(fmt.Sprintf("listings[%d].published", slices.IndexFunc(m.Listings, func(l manifest.Listing) bool { return l.ID == listing.ID }))),
					Message: fmt.Sprintf("%s was taken on %s, after listing %s went live on %s: it cannot be the original of that listing's pictures", it.Path.Rel, day, listing.ID, listing.Published),
					Hint:    "Use the photos from the shoot that made the listing pictures, or check the listing's published date in case.yaml."})
			}
			if c := m.Case.ComplaintDate; !c.IsZero() && day > c.String() {
				fs = append(fs, finding.Finding{Code: PhotoAfterComplaint, Severity: finding.Error, Exhibit: e.ID, File: it.Path.Rel,
					Where:   m.Where("case.complaint_date"),
					Message: fmt.Sprintf("%s was taken on %s, after the complaint of %s: a reviewer will see it as made for the appeal", it.Path.Rel, day, c),
					Hint:    "Remove it from the case; only photos taken before the complaint support the appeal."})
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
				names[i] = b.String()
			}
			fs = append(fs, finding.Finding{Code: PhotoCameraMixed, Severity: finding.Info,
				Message: fmt.Sprintf("the photos of listing %s come from %d camera bodies: %s", l.ID, len(bs), strings.Join(names, "; ")),
				Hint:    "Fine if you own them all; be ready to say which camera took which picture."})
		}
	}
	if b, ok := OneBody(all); ok && len(all) > 1 {
		fs = append(fs, finding.Finding{Code: PhotoOneBody, Severity: finding.Info,
			Message: fmt.Sprintf("all %d photos were taken by one camera body: %s (read from %s)", len(all), b, b.Source),
			Hint:    "Strong evidence: the statement says so. Keep the camera: a photo of its serial plate settles any doubt."})
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
