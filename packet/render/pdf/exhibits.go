package pdf

import (
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/match"
	"appealpacket/packet/plan"
	"appealpacket/packet/render/pdfimport"
)

// Placement asks for page SourcePage of a PDF file to be drawn into a box of
// packet page TargetPage, once the packet is written. Box is in PDF points
// from the page's bottom-left corner.
type Placement struct {
	File       *evidence.Item
	SourcePage int
	TargetPage int
	X, Y, W, H float64
}

var kindGroups = [...]string{"Listing pictures", "Original photos", "Trademark certificates", "Authorizations", "Other documents"}

// exhibits draws every exhibit page.
func (d *doc) exhibits() {
	first := true
	lastKind := exhibit.Kind(-1)
	for _, e := range d.plan.Exhibits {
		if !d.plan.InPart(e) {
			continue
		}
		for i, pg := range d.plan.Pages(e) {
			stamp := fmt.Sprintf("Exhibit %s · page %d of %d", e.ID, pg.K, pg.N)
			if pg.File == e.Translation {
				stamp = fmt.Sprintf("Exhibit %s, translation · page %d of %d", e.ID, pg.K, pg.N)
			}
			d.newPage(d.caseStamp(stamp))
			if first {
				d.bookmark("Exhibits", 0)
				first = false
			}
			if e.Kind != lastKind {
				d.bookmark(kindGroups[e.Kind], 1)
				lastKind = e.Kind
			}
			if i == 0 {
				d.bookmark(e.ID+" "+e.Title, 2)
			}
			d.exhibitPage(e, pg)
		}
	}
}

func (d *doc) exhibitPage(e *exhibit.Exhibit, pg plan.Page) {
	title := fmt.Sprintf("Exhibit %s — %s", e.ID, e.Title)
	if pg.File == e.Translation {
		title = fmt.Sprintf("Exhibit %s, translation — %s", e.ID, e.Title)
	}
	for _, l := range d.layoutAtMost(title, bold(13), contentW, maxTitleLines) {
		d.drawLine(l, marginX, d.y)
		d.y += l.height
	}
	d.y += 1
	var facts []row
	switch e.Kind {
	case exhibit.Photo:
		facts = photoFacts(e, pg.File)
	case exhibit.Listing:
		facts = listingFacts(e)
	case exhibit.Trademark:
		facts = trademarkFacts(e)
	case exhibit.Authorization:
		facts = authorizationFacts(d.plan, e)
	case exhibit.Document:
		facts = documentFacts(e)
	}
	if pg.File == e.Translation {
		var of []string
		for _, f := range e.Files {
			if f != e.Translation {
				of = append(of, f.Path.Rel)
			}
		}
		facts = append(facts, kv("Translation of", strings.Join(of, ", "), plain(8.5)))
	}
	for _, sig := range pg.File.Signatures {
		facts = append(facts, kv("Digital signature", signatureText(sig), plain(8.5)))
	}
	fileLabel := "Original file"
	if e.Kind == exhibit.Listing || pg.File.Originality != nil && pg.File.Originality.Derived {
		fileLabel = "File" // not an original, whatever its folder is called
	}
	facts = append(facts, kv(fileLabel, fmt.Sprintf("%s (%s bytes)", pg.File.Path.Rel, thousands(pg.File.Size)), plain(8.5)))
	if pg.File.Format == "PDF" {
		facts = append(facts, kv("Source page", fmt.Sprintf("%d of %d", pg.SourcePage, max(pg.File.Pages, 1)), plain(8.5)))
	}

	// Measure the facts so the picture gets the rest of the page.
	factsH := 0.0
	for _, r := range facts {
		h := 0.0
		for i, c := range r.cells {
			h = max(h, linesHeight(d.layout(c, factCols[i].width-2*cellPad)))
		}
		factsH += h + 2*cellPad
	}
	boxTop := d.y + 1
	boxH := contentBot - boxTop - factsH - 6
	if boxH < 60 { // long facts: give the picture at least this much and let the table flow
		boxH = 60
	}
	switch o := firstOrigin(e); {
	case o != nil && o.Original.Files[0].Display != nil:
		d.sideBySide(pg, o, boxTop, boxH)
	case e.Kind == exhibit.Listing && e.Comparison != nil:
		d.noOrigin(pg, boxTop, boxH)
	default:
		d.content(pg, marginX, boxTop, contentW, boxH)
	}
	d.y = boxTop + boxH + 4
	d.drawTable(factCols, facts, true)
}

var factCols = []column{{"", 40}, {"", contentW - 40}}

// maxTitleLines bounds an exhibit page's title: an exhibit page is one
// page, whatever the length of a title typed into case.yaml.
const maxTitleLines = 3

// layoutAtMost lays out text in at most n lines, cutting it with "…" when
// it is longer.
func (d *doc) layoutAtMost(text string, st style, width float64, n int) []line {
	lines := d.layout([]span{{text: text, st: st}}, width)
	if len(lines) <= n {
		return lines
	}
	r := []rune(text)
	lo, hi := 0, len(r) // the longest prefix that fits, by bisection
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if len(d.layout([]span{{text: string(r[:mid]) + "…", st: st}}, width)) <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return d.layout([]span{{text: strings.TrimSpace(string(r[:lo])) + "…", st: st}}, width)
}

// firstOrigin is the original a listing exhibit's page shows beside it:
// the closest matched one, else the first the seller declares; nil for
// other exhibits and listing pictures with no original.
func firstOrigin(e *exhibit.Exhibit) *exhibit.Origin {
	if e.Kind != exhibit.Listing || e.Comparison == nil || len(e.Comparison.Origins) == 0 {
		return nil
	}
	return &e.Comparison.Origins[0]
}

// sideBySide draws a listing picture beside the original it was made from.
// A matched original has the matched region framed; a declared one is
// captioned as the seller's statement, unframed.
func (d *doc) sideBySide(pg plan.Page, o *exhibit.Origin, top, h float64) {
	half := (contentW - 6) / 2
	ox := marginX + half + 6
	cap := plain(8.5)
	cap.color = colMuted
	link := plain(8.5)
	link.color = colLink
	vst := bold(8.5)
	var head, verdict string
	switch o.How {
	case exhibit.Matched:
		head, verdict = "Made from original ", fmt.Sprintf(" (matched, distance %d of %d)", o.Distance, match.MaxDistance)
		vst.color = colGreen
	case exhibit.Credentials:
		head, verdict = "Made from original ", " (named by its signed Content Credentials)"
		vst.color = colGreen
	default:
		head, verdict = "Declared by the seller: made from ", " (not confirmed by comparison)"
		vst.color = colMuted
	}
	left := d.layout([]span{{text: "Listing picture (as published)", st: cap}}, half)
	right := d.layout([]span{{text: head, st: cap}, {text: o.Original.ID, st: link, link: d.exhibitLinks[o.Original.ID]},
		{text: verdict, st: vst}}, half)
	capH := max(linesHeight(left), linesHeight(right)) + 2
	for i, lines := range [][]line{left, right} {
		y := top + 1
		for _, l := range lines {
			d.drawLine(l, []float64{marginX, ox}[i], y)
			y += l.height
		}
	}
	d.content(pg, marginX, top+capH, half, h-capH)
	d.origin(o, ox, top+capH, half, h-capH)
}

// origin draws the original photo of a listing picture inside a box, the
// matched region framed when the comparison found it.
func (d *doc) origin(o *exhibit.Origin, x, y, w, h float64) {
	disp := o.Original.Files[0].Display
	if disp == nil {
		return
	}
	d.picture(disp, x, y, w, h)
	if o.How != exhibit.Matched {
		return
	}
	bx, by, bw, bh := d.pictureBox(disp, x, y, w, h)
	d.pdf.SetDrawColor(colGreen[0], colGreen[1], colGreen[2])
	d.pdf.SetLineWidth(0.6)
	r := o.Region
	d.pdf.Rect(bx+r.X0*bw, by+r.Y0*bh, (r.X1-r.X0)*bw, (r.Y1-r.Y0)*bh, "D")
}

// noOrigin draws a listing picture for which no original is in the packet:
// the picture alone, and a plain sentence saying so.
func (d *doc) noOrigin(pg plan.Page, top, h float64) {
	st := bold(9.5)
	st.color = colText
	msg := "No photo in this packet was found to be the original of this listing picture."
	lines := d.layout([]span{{text: msg, st: st}}, contentW)
	y := top
	for _, l := range lines {
		d.drawLine(l, marginX, y)
		y += l.height
	}
	y += 2
	d.content(pg, marginX, y, contentW, h-(y-top))
}

// pictureBox is where picture draws a display copy inside a box.
func (d *doc) pictureBox(disp *evidence.Display, bx, by, bw, bh float64) (x, y, w, h float64) {
	vw, vh := float64(disp.Width), float64(disp.Height)
	if disp.Orientation >= 5 {
		vw, vh = vh, vw
	}
	scale := min(bw/vw, bh/vh)
	w, h = vw*scale, vh*scale
	return bx + (bw-w)/2, by + (bh-h)/2, w, h
}

// content draws what the page shows inside the box: a picture, a PDF page
// (placed later), or a notice when the file cannot be shown.
func (d *doc) content(pg plan.Page, x, y, w, h float64) {
	f := pg.File
	switch {
	case f.Format == "PDF" && f.PDF != nil && f.Err == nil:
		pl := Placement{File: f, SourcePage: pg.SourcePage, TargetPage: d.pdf.PageNo(),
			X: x * ptPerMM, Y: (pageH - y - h) * ptPerMM, W: w * ptPerMM, H: h * ptPerMM}
		d.placements = append(d.placements, pl)
		// Frame where the page will land.
		fit := pdfimport.Placement{Source: f.PDF, SourcePage: pg.SourcePage, Box: pdfimport.Rect{X: pl.X, Y: pl.Y, W: pl.W, H: pl.H}}.Fitted()
		d.pdf.SetDrawColor(170, 170, 170)
		d.pdf.SetLineWidth(0.3)
		d.pdf.Rect(fit.X/ptPerMM, pageH-(fit.Y+fit.H)/ptPerMM, fit.W/ptPerMM, fit.H/ptPerMM, "D")
	case f.Display != nil && f.Err == nil:
		d.picture(f.Display, x, y, w, h)
	default:
		d.pdf.SetDrawColor(200, 200, 200)
		d.pdf.Rect(x, y, w, h, "D")
		why := "This file cannot be shown as a picture."
		if f.Err != nil {
			why = "This file could not be read: " + f.Err.Error()
		} else if len(f.Notes) > 0 {
			why += " " + strings.Join(f.Notes, "; ")
		}
		why += " Its SHA-256 is in the appendix; the original is available on request."
		st := style{fam: famSans, size: 10, color: colMuted}
		ly := y + h/2 - 8
		for _, l := range d.layout([]span{{text: why, st: st}}, w-20) {
			d.drawLine(l, x+10, ly)
			ly += l.height
		}
	}
}

// picture draws an image upright inside the box, applying its EXIF
// orientation with a transformation so the image bytes stay as they are.
func (d *doc) picture(disp *evidence.Display, bx, by, bw, bh float64) {
	name := disp.File
	if d.pdf.GetImageInfo(name) == nil {
		f, err := os.Open(name)
		if err != nil {
			d.pdf.SetError(fmt.Errorf("open display copy of picture: %w", err))
			return
		}
		d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, f)
		f.Close()
	}
	o := disp.Orientation
	sw, sh := float64(disp.Width), float64(disp.Height) // stored size
	vw, vh := sw, sh                                    // size as viewed
	if o >= 5 {
		vw, vh = sh, sw
	}
	scale := min(bw/vw, bh/vh)
	dw, dh := vw*scale, vh*scale
	dx, dy := bx+(bw-dw)/2, by+(bh-dh)/2
	if o <= 1 || o > 8 {
		d.pdf.ImageOptions(name, dx, dy, dw, dh, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
		return
	}
	// Draw the stored image at its own size with its bottom-left corner at
	// the viewed box's bottom-left, then map it onto the viewed box.
	drawW, drawH := dw, dh
	if o >= 5 {
		drawW, drawH = dh, dw
	}
	d.pdf.TransformBegin()
	d.pdf.Transform(orientationMatrix(o, dx*ptPerMM, (pageH-dy-dh)*ptPerMM, dw*ptPerMM, dh*ptPerMM, drawW*ptPerMM, drawH*ptPerMM))
	d.pdf.ImageOptions(name, dx, dy+dh-drawH, drawW, drawH, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	d.pdf.TransformEnd()
}

// orientationMatrix maps an image drawn unrotated in the rectangle with
// bottom-left (x0, y0) and size sw×sh (PDF points, y up) onto the rectangle
// (x0, y0, dw, dh) as EXIF orientation o says the picture is to be viewed.
// In unit coordinates of the stored picture (a right, b up) the viewed
// position is u' = cu0 + cua·a + cub·b, w' = cw0 + cwa·a + cwb·b.
func orientationMatrix(o int, x0, y0, dw, dh, sw, sh float64) fpdf.TransformMatrix {
	c := map[int][6]float64{ // cu0, cua, cub, cw0, cwa, cwb
		1: {0, 1, 0, 0, 0, 1},
		2: {1, -1, 0, 0, 0, 1},
		3: {1, -1, 0, 1, 0, -1},
		4: {0, 1, 0, 1, 0, -1},
		5: {1, 0, -1, 1, -1, 0},
		6: {0, 0, 1, 1, -1, 0},
		7: {0, 0, 1, 0, 1, 0},
		8: {1, 0, -1, 0, 1, 0},
	}[o]
	a := dw * c[1] / sw
	cc := dw * c[2] / sh
	b := dh * c[4] / sw
	dd := dh * c[5] / sh
	return fpdf.TransformMatrix{
		A: a, B: b, C: cc, D: dd,
		E: x0 + dw*c[0] - a*x0 - cc*y0,
		F: y0 + dh*c[3] - b*x0 - dd*y0,
	}
}

func photoFacts(e *exhibit.Exhibit, f *evidence.Item) []row {
	st := plain(8.5)
	var rows []row
	m := f.Meta
	if m == nil || !m.HasEXIF {
		rows = append(rows, kv("EXIF", "none: the file carries no camera metadata", st))
	}
	get := func(fn func() string) string {
		if m == nil {
			return ""
		}
		return fn()
	}
	taken := get(func() string { return strings.TrimSpace(exifDate(m.DateTimeOriginal) + " " + m.OffsetTimeOriginal) })
	camera := get(m.Camera)
	rows = append(rows,
		kv("Camera", camera, st),
		kv("Camera body serial", get(func() string { return serialText(m.Body()) }), st),
		kv("Lens", get(func() string { return m.LensModel }), st),
		kv("Taken", taken, st),
		kv("Software", get(func() string { return m.Software }), st),
		kv("GPS", get(func() string { return gpsText(m.GPS) }), st),
		kv("Pixel size", get(func() string {
			if m.ImageWidth == 0 {
				return ""
			}
			return fmt.Sprintf("%d × %d (orientation %s)", m.ImageWidth, m.ImageHeight, orientationText(m.Orientation))
		}), st),
	)
	if e.Photo != nil && e.Photo.Listing != "" {
		rows = append(rows, kv("Listing", e.Photo.Listing, st))
	}
	if text, valid := CredentialsText(f.C2PA); text != "" {
		cst := st
		if !valid {
			cst.color = colRed
		}
		rows = append(rows, kv("Content Credentials", text, cst))
	}
	rows = append(rows, row{cells: [][]span{{{text: "SHA-256", st: bold(8.5)}}, {{text: f.SHA256, st: mono(8)}}}})
	if m != nil && m.ImageDataHash != "" {
		rows = append(rows, row{cells: [][]span{{{text: "Image-data hash", st: bold(8.5)}}, {{text: m.ImageDataHash, st: mono(8)}}}})
	}
	for _, n := range f.Notes {
		rows = append(rows, kv("Note", n, style{fam: famSans, size: 8.5, color: colRed}))
	}
	return rows
}

// serialText is a body's serial with where it was read, e.g.
// "083021004417 (EXIF BodySerialNumber)" or "ZA2146315, internal (Canon
// maker notes)".
func serialText(b exif.Body) string {
	if b.Serial == "" {
		return ""
	}
	s := b.Serial
	if b.Internal {
		s += ", the maker's internal serial"
	}
	group, tag, _ := strings.Cut(b.Source, ":")
	switch group {
	case "":
	case "ExifIFD", "IFD0":
		s += " (EXIF " + tag + ")"
	default:
		s += " (" + group + " maker notes)"
	}
	return s
}

func listingFacts(e *exhibit.Exhibit) []row {
	st := plain(8.5)
	l := e.Listing
	rows := []row{
		kv("Listing ID", l.ID, st),
		kv("Title", l.Title, st),
		kv("URL", l.URL, st),
		kv("Published", l.Published.String(), st),
	}
	if c := e.Comparison; c != nil {
		rows = append(rows, kv("Original photo", OriginsText(c), st))
	}
	return rows
}

// OriginsText describes the originals a listing picture was made from, for
// its page and the index: "P-4 (matched, distance 8 of 100; 25 or less is
// the same picture, resized, cropped or recompressed)".
func OriginsText(c *exhibit.Comparison) string {
	if len(c.Origins) == 0 {
		return "none in this packet"
	}
	var parts []string
	matched := false
	for _, o := range c.Origins {
		switch o.How {
		case exhibit.Matched:
			matched = true
			parts = append(parts, fmt.Sprintf("%s (matched, distance %d of %d)", o.Original.ID, o.Distance, match.MaxDistance))
		case exhibit.Credentials:
			parts = append(parts, fmt.Sprintf("%s (named by the picture's signed Content Credentials; the comparison does not find it)", o.Original.ID))
		default:
			parts = append(parts, fmt.Sprintf("%s (declared by the seller; the comparison does not confirm it)", o.Original.ID))
		}
	}
	text := strings.Join(parts, "; ")
	if matched {
		text += fmt.Sprintf(". A distance of %d or less means the same picture, resized, cropped or recompressed.", match.Threshold)
	}
	return text
}

func trademarkFacts(e *exhibit.Exhibit) []row {
	st := plain(8.5)
	t := e.Trademark
	classes := make([]string, len(t.Classes))
	for i, c := range t.Classes {
		classes[i] = strconv.Itoa(c)
	}
	return []row{
		kv("Mark", fmt.Sprintf("%s (%s)", t.Mark, t.Status), st),
		kv("Office / number", strings.TrimSpace(t.Office+" "+t.Number), st),
		kv("Classes", strings.Join(classes, ", "), st),
		kv("Owner", t.Owner, st),
		kv("Filed / registered", strings.Trim(t.Filed.String()+" / "+t.Registered.String(), " /"), st),
		kv("Expires", t.Expires.String(), st),
	}
}

func authorizationFacts(p *plan.Plan, e *exhibit.Exhibit) []row {
	st := plain(8.5)
	a := e.Authorization
	all := func(v []string, none string) string {
		if len(v) == 0 {
			return none
		}
		return strings.Join(v, ", ")
	}
	sub := "no"
	if a.Sublicense {
		sub = "yes"
	}
	return []row{
		kv("Grantor → grantee", a.Grantor+" → "+a.Grantee, st),
		kv("Trademarks", all(trademarkRefs(p, a.Trademarks), ""), st),
		kv("Valid", dateRange(a.From, a.To), st),
		kv("Platforms", all(a.Platforms, "all platforms"), st),
		kv("Territories", all(a.Territories, "worldwide"), st),
		kv("Goods", a.Goods, st),
		kv("May sublicense", sub, st),
	}
}

// trademarkRefs names trademarks as the packet shows them: "T-1 BARTECH",
// the manifest ID when one has no exhibit.
func trademarkRefs(p *plan.Plan, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = exhibitOr(p, exhibit.Trademark, id)
		for _, t := range p.Manifest.Trademarks {
			if t.ID == id && t.Mark != "" {
				out[i] += " " + t.Mark
			}
		}
	}
	return out
}

func documentFacts(e *exhibit.Exhibit) []row {
	st := plain(8.5)
	doc := e.Document
	return []row{
		kv("Kind", doc.Kind, st),
		kv("Title", doc.Title, st),
		kv("Date", doc.Date.String(), st),
		kv("File name", path.Base(doc.Path.String()), st),
	}
}

// exifDate turns "2023:10:05 14:03:00" into "2023-10-05 14:03:00".
func exifDate(s string) string {
	if len(s) >= 10 && s[4] == ':' && s[7] == ':' {
		return s[:4] + "-" + s[5:7] + "-" + s[8:]
	}
	return s
}

func orientationText(o int) string {
	switch o {
	case 0:
		return "not recorded"
	case 1:
		return "1, upright"
	case 3:
		return "3, shown rotated 180°"
	case 6:
		return "6, shown rotated 90° clockwise"
	case 8:
		return "8, shown rotated 90° counter-clockwise"
	}
	return fmt.Sprintf("%d, shown corrected", o)
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// signatureText describes a digital signature of an evidence PDF for its
// exhibit page: only what was read and checked.
func signatureText(s evidence.PaperSignature) string {
	who := s.Signer
	if who == "" {
		who = "an unnamed signer"
	}
	text := fmt.Sprintf("%s by %s", s.Kind, who)
	if !s.Declared.IsZero() {
		text += ", " + s.Declared.UTC().Format("2006-01-02 15:04 UTC") + " (the time the signer's computer declared)"
	}
	switch {
	case s.Verifies && s.WholeFile:
		text += "; it verifies and covers the whole file."
	case s.Verifies:
		text += "; it verifies, but the file was changed after signing (the signature covers an earlier version)."
	default:
		text += "; it does not verify: " + s.Problem + "."
	}
	text = strings.ToUpper(text[:1]) + text[1:]
	return text + " These pages are a copy, without the signature: it can be checked in the original file, embedded in this packet when it fits the size limit."
}
