package collect

import (
	"fmt"
	"image"
	"strconv"

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
		o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignConverted, format))
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
			o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignThumbShape))
		case !c.Same():
			o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignThumbDiffers, fmt.Sprintf("%.2f", max(0, c.Correlation))))
		default:
			o.Agrees = append(o.Agrees, evidence.NewSign(evidence.SignThumbSame))
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
		o.Agrees = append(o.Agrees, evidence.NewSign(evidence.SignSizeSame, itoa(ew), itoa(eh)))
	case near(w, h, eh, ew) && turned:
		o.Agrees = append(o.Agrees, evidence.NewSign(evidence.SignSizeSameTurned, itoa(ew), itoa(eh)))
	case near(w, h, eh, ew):
		o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignSizeTurned, itoa(w), itoa(h), itoa(ew), itoa(eh)))
	default:
		what := evidence.SignResized
		if !sameShape(w, h, ew, eh) && !sameShape(w, h, eh, ew) {
			what = evidence.SignCropped
		}
		o.Reasons = append(o.Reasons, evidence.NewSign(what, itoa(w), itoa(h), itoa(ew), itoa(eh)))
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
			o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignPixelEditor, f.value, f.label))
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
		sign := evidence.NewSign(evidence.SignXMPHistory, what)
		if e.SoftwareAgent != "" {
			sign = evidence.NewSign(evidence.SignXMPHistoryBy, what, e.SoftwareAgent)
			o.Software, o.PixelSoftware = e.SoftwareAgent, true
		}
		o.Reasons = append(o.Reasons, sign)
		return
	}
	switch {
	case x.PhotoshopHistory != "":
		o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignXMPPhotoshop))
	case x.DerivedFrom != "":
		o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignXMPDerived))
	case o.Software != "":
		o.Doubts = append(o.Doubts, evidence.NewSign(evidence.SignEditor, o.Software))
	}
}

// weighEncoder looks at how the JPEG was encoded.
func weighEncoder(o *evidence.Originality, t *exif.Traces) {
	c := t.Coding
	if c == nil || len(c.Components) == 0 {
		return
	}
	if c.PhotoshopQuality {
		o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignJPEGPhotoshop))
		return
	}
	q, ijg := c.IJGQuality()
	if !ijg {
		o.Agrees = append(o.Agrees, evidence.NewSign(evidence.SignJPEGCameraTables))
		return
	}
	var software []string
	if !c.StandardHuffman && !c.Progressive {
		software = append(software, evidence.TermHuffman)
	}
	if c.Progressive {
		software = append(software, evidence.TermProgressive)
	}
	if c.Sampling() == "4:4:4" {
		software = append(software, evidence.TermFullColour)
	}
	switch {
	case len(software) > 0:
		sign := evidence.NewSign(evidence.SignJPEGSoftware, itoa(q))
		sign.Terms = software
		o.Reasons = append(o.Reasons, sign)
	case t.ThumbnailCoding != nil && len(t.ThumbnailCoding.Components) > 0 && !isIJG(t.ThumbnailCoding):
		o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignJPEGResaved, itoa(q)))
	case c.JFIFFirst:
		o.Doubts = append(o.Doubts, evidence.NewSign(evidence.SignJPEGJFIF, itoa(q)))
	}
}

// itoa formats a number as a Sign argument.
func itoa(n int) string { return strconv.Itoa(n) }

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
		o.Reasons = append(o.Reasons, evidence.NewSign(evidence.SignJPEGDouble, itoa(len(r.Fits)), itoa(r.Examined), itoa(f.q1), itoa(f.q2)))
	case r.Examined > 0:
		o.Agrees = append(o.Agrees, evidence.NewSign(evidence.SignJPEGSingle))
	}
}
