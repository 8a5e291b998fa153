package collect

import (
	"fmt"
	"image"
	"strings"

	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
)

// assessOriginality weighs the traces of a picture file (meta may be nil;
// img is the decoded picture as stored, scaled down, or nil when it could
// not be decoded; rq the counts of its JPEG coefficients, or nil).
func assessOriginality(format string, meta *exif.Meta, t *exif.Traces, img image.Image, rq *requantStats) *evidence.Originality {
	o := &evidence.Originality{}
	if meta == nil || !meta.HasEXIF || t == nil {
		return o // nothing claims to be a camera original
	}
	camera := meta.Make != "" || meta.Model != "" || meta.DateTimeOriginal != ""
	if camera && (format == "PNG" || format == "WEBP") {
		o.Reasons = append(o.Reasons, fmt.Sprintf("it is a %s file with a camera's EXIF, but cameras and phones save photos as JPEG or HEIC, so it was converted after it was taken", format))
	}
	weighSize(o, meta, t)
	weighSoftware(o, meta, t)
	weighEncoder(o, t)
	if img != nil && t.Thumbnail != nil && format == "JPEG" {
		c := compareThumbnail(img, t.Thumbnail)
		switch {
		case !c.Compared:
			o.Unchecked = append(o.Unchecked, c.Why)
		case !c.Framing:
			o.Reasons = append(o.Reasons, "the small preview the camera embedded in the file shows a picture of another shape, so the picture was cropped or turned after it was taken")
		case !c.Same():
			o.Reasons = append(o.Reasons, fmt.Sprintf("the small preview the camera embedded in the file does not show the same picture (likeness %.2f of 1), so the picture was cropped, mirrored, captioned or otherwise changed after it was taken", max(0, c.Correlation)))
		default:
			o.Agrees = append(o.Agrees, "the preview the camera embedded shows the same picture")
		}
	}
	if format == "JPEG" && rq != nil {
		weighRequantisation(o, rq)
	}
	if len(o.Reasons) == 0 && len(o.Doubts) >= 2 {
		o.Reasons, o.Doubts = o.Doubts, nil
	}
	o.Derived = len(o.Reasons) > 0
	return o
}

// sizeTolerance allows for cameras that record the size rounded to the
// JPEG block grid.
const sizeTolerance = 16

// weighSize compares the stored pixel size with the EXIF PixelXDimension and
// PixelYDimension.
func weighSize(o *evidence.Originality, meta *exif.Meta, t *exif.Traces) {
	w, h := meta.ImageWidth, meta.ImageHeight
	ew, eh := t.PixelWidth, t.PixelHeight
	if w <= 0 || h <= 0 || ew <= 0 || eh <= 0 {
		return
	}
	near := func(a, b, c, d int) bool {
		return max(a-c, c-a) < sizeTolerance && max(b-d, d-b) < sizeTolerance
	}
	turned := meta.Orientation >= 5 && meta.Orientation <= 8
	switch {
	case near(w, h, ew, eh):
		o.Agrees = append(o.Agrees, fmt.Sprintf("its pixel size is the %d×%d its EXIF records", ew, eh))
	case near(w, h, eh, ew) && turned:
		o.Agrees = append(o.Agrees, fmt.Sprintf("its pixel size is the %d×%d its EXIF records, turned as its orientation says", ew, eh))
	case near(w, h, eh, ew):
		o.Reasons = append(o.Reasons, fmt.Sprintf("its pixels are turned (%d×%d) against the %d×%d its EXIF says the camera wrote, and no turn is recorded, so it was turned and saved again after it was taken", w, h, ew, eh))
	default:
		what := "resized"
		if !sameShape(w, h, ew, eh) && !sameShape(w, h, eh, ew) {
			what = "cropped"
		}
		o.Reasons = append(o.Reasons, fmt.Sprintf("it is %d×%d pixels but its EXIF says the camera wrote %d×%d, so it was %s after it was taken", w, h, ew, eh, what))
	}
}

// sameShape reports whether w×h and ew×eh have the same aspect ratio
// within 2 %.
func sameShape(w, h, ew, eh int) bool {
	a, b := float64(w)/float64(h), float64(ew)/float64(eh)
	return a/b > 0.98 && a/b < 1.02
}

// weighSoftware looks for editors in EXIF Software and ProcessingSoftware, XMP
// CreatorTool and the XMP history.
func weighSoftware(o *evidence.Originality, meta *exif.Meta, t *exif.Traces) {
	fields := []struct{ label, value string }{
		{"EXIF Software", meta.Software},
		{"EXIF ProcessingSoftware", t.ProcessingSoftware},
	}
	if t.XMP != nil {
		fields = append(fields, struct{ label, value string }{"XMP CreatorTool", t.XMP.CreatorTool})
	}
	for _, f := range fields {
		_, kind := exif.Editor(f.value)
		if kind == exif.PixelEditor {
			o.Reasons = append(o.Reasons, fmt.Sprintf("it was saved by %s (%s), an editor that encodes the picture anew whenever it saves it", f.value, f.label))
			o.Software, o.PixelSoftware = f.value, true
			return
		}
		if kind == exif.MetadataEditor && o.Software == "" {
			o.Software = f.value
		}
	}
	x := t.XMP
	if x == nil {
		x = &exif.XMP{}
	}
	if e, ok := x.PixelEvent(); ok {
		what := e.Action
		if e.Parameters != "" {
			what += " (" + e.Parameters + ")"
		}
		by := ""
		if e.SoftwareAgent != "" {
			by = " by " + e.SoftwareAgent
			o.Software, o.PixelSoftware = e.SoftwareAgent, true
		}
		o.Reasons = append(o.Reasons, fmt.Sprintf("its XMP editing history says it was %s%s", what, by))
		return
	}
	switch {
	case x.PhotoshopHistory != "":
		o.Reasons = append(o.Reasons, "its XMP holds Photoshop's editing history")
	case x.DerivedFrom != "":
		o.Reasons = append(o.Reasons, "its XMP says it was saved from another document (xmpMM:DerivedFrom)")
	case o.Software != "":
		o.Doubts = append(o.Doubts, fmt.Sprintf("it was saved by %s, which can change the metadata alone or the pixels too", o.Software))
	}
}

// weighEncoder looks at how the JPEG was encoded.
func weighEncoder(o *evidence.Originality, t *exif.Traces) {
	c := t.Coding
	if c == nil || len(c.Components) == 0 {
		return
	}
	if c.PhotoshopQuality {
		o.Reasons = append(o.Reasons, "it holds Photoshop's JPEG save settings, so Photoshop encoded these pixels")
		return
	}
	q, ijg := c.IJGQuality()
	if !ijg {
		o.Agrees = append(o.Agrees, "its JPEG tables are not the standard ones image editors write")
		return
	}
	var software []string
	if !c.StandardHuffman && !c.Progressive {
		software = append(software, "optimised Huffman tables")
	}
	if c.Progressive {
		software = append(software, "progressive scans")
	}
	if c.Sampling() == "4:4:4" {
		software = append(software, "full-resolution colour")
	}
	switch {
	case len(software) > 0:
		o.Reasons = append(o.Reasons, fmt.Sprintf("it is encoded as image software encodes (the standard IJG tables at quality %d with %s), not as a camera does", q, strings.Join(software, " and ")))
	case t.ThumbnailCoding != nil && len(t.ThumbnailCoding.Components) > 0 && !isIJG(t.ThumbnailCoding):
		o.Reasons = append(o.Reasons, fmt.Sprintf("its pixels are encoded with the standard IJG tables at quality %d while the preview the camera embedded keeps the camera's own tables, so it was saved again after it was taken", q))
	case c.JFIFFirst:
		o.Doubts = append(o.Doubts, fmt.Sprintf("it is encoded with the standard IJG tables at quality %d and a JFIF header before its EXIF, as re-saving apps write (and a few cameras)", q))
	}
}

func isIJG(c *exif.JPEGCoding) bool {
	_, ok := c.IJGQuality()
	return ok
}

// weighRequantisation looks for the traces of an earlier JPEG compression in the
// coefficients (see doubleCompression).
func weighRequantisation(o *evidence.Originality, rq *requantStats) {
	r := doubleCompression(rq)
	switch {
	case r.Double():
		f := r.Fits[0]
		o.Reasons = append(o.Reasons, fmt.Sprintf("its JPEG data was compressed twice: %d of the %d coefficients examined keep the steps of an earlier compression (divisor %d, now %d), which a camera saving its photo once does not leave, so the picture was opened and saved again after it was taken",
			len(r.Fits), r.Examined, f.q1, f.q2))
	case r.Examined > 0:
		o.Agrees = append(o.Agrees, "its JPEG data shows no trace of a second compression")
	}
}
