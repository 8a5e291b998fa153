package pdf

import (
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/match"
	"appealpacket/packet/plan"
	"appealpacket/packet/render/pdfimport"
	"appealpacket/packet/statement"
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

// exhibits draws every exhibit page.
func (d *doc) exhibits() {
	first := true
	lastKind := exhibit.Kind(-1)
	for _, e := range d.plan.Exhibits {
		if !d.plan.InPart(e) {
			continue
		}
		for i, pg := range d.plan.Pages(e) {
			stamp := d.t("exhibit.stamp", e.ID, pg.K, pg.N)
			if pg.File == e.Translation {
				stamp = d.t("exhibit.stamp.tr", e.ID, pg.K, pg.N)
			}
			d.newPage(d.caseStamp(stamp))
			if first {
				d.bookmark(d.sectionName(plan.Exhibits), 0)
				first = false
			}
			if e.Kind != lastKind {
				group := "group." + e.Kind.Prefix()
				if e.Kind == exhibit.Photo && d.anyNotOriginal() {
					group = "group.P.any"
				}
				d.bookmark(d.t(group), 1)
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
	title := d.t("exhibit.title", e.ID, e.Title)
	if pg.File == e.Translation {
		title = d.t("exhibit.title.tr", e.ID, e.Title)
	}
	for _, l := range d.layoutAtMost(title, bold(13), contentW, maxTitleLines) {
		d.drawLine(l, marginX, d.y)
		d.y += l.height
	}
	d.y += 1
	var facts []row
	switch e.Kind {
	case exhibit.Photo:
		facts = d.photoFacts(e, pg.File)
	case exhibit.Listing:
		facts = d.listingFacts(e)
	case exhibit.Trademark:
		facts = d.trademarkFacts(e)
	case exhibit.Authorization:
		facts = d.authorizationFacts(e)
	case exhibit.Document:
		facts = d.documentFacts(e)
	}
	if pg.File == e.Translation {
		var of []string
		for _, f := range e.Files {
			if f != e.Translation {
				of = append(of, f.Path.Rel)
			}
		}
		facts = append(facts, kv(d.t("fact.translationof"), strings.Join(of, ", "), plain(8.5)))
	}
	for _, sig := range pg.File.Signatures {
		facts = append(facts, kv(d.t("fact.signature"), d.signatureText(sig), plain(8.5)))
	}
	fileLabel := d.t("fact.original")
	if e.Kind == exhibit.Listing || d.notOriginal[e.ID] {
		// Not shown to be its camera's original (no EXIF, edited, ...),
		// whatever its folder is called.
		fileLabel = d.t("fact.file")
	}
	facts = append(facts, kv(fileLabel, d.t("fact.filesize", pg.File.Path.Rel, thousands(pg.File.Size)), plain(8.5)))
	if pg.File.Format == "PDF" {
		facts = append(facts, kv(d.t("fact.sourcepage"), d.t("fact.pageof", pg.SourcePage, max(pg.File.Pages, 1)), plain(8.5)))
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
	var sentence string
	switch copied := d.notOriginal[o.Original.ID]; {
	case o.How == exhibit.Matched && copied:
		sentence = d.t("side.matched.copy", o.Original.ID, o.Distance, match.MaxDistance)
		vst.color = colRed
	case o.How == exhibit.Matched:
		sentence = d.t("side.matched", o.Original.ID, o.Distance, match.MaxDistance)
		vst.color = colGreen
	case o.How == exhibit.Credentials && copied:
		sentence = d.t("side.c2pa.copy", o.Original.ID)
		vst.color = colRed
	case o.How == exhibit.Credentials:
		sentence = d.t("side.c2pa", o.Original.ID)
		vst.color = colGreen
	default:
		sentence = d.t("side.declared", o.Original.ID)
		vst.color = colMuted
	}
	// The caption before the ID, the ID as a link, the verdict after it.
	id := exhibitRef.FindStringIndex(sentence)
	left := d.layout([]span{{text: d.t("side.listing"), st: cap}}, half)
	right := d.layout([]span{{text: sentence[:id[0]], st: cap}, {text: o.Original.ID, st: link, link: d.exhibitLinks[o.Original.ID]},
		{text: sentence[id[1]:], st: vst}}, half)
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
	msg := d.t("side.noorigin")
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
		fit := pdfimport.Placement{Source: pdfimport.SourceOf(f.PDF), SourcePage: pg.SourcePage, Box: pdfimport.Rect{X: pl.X, Y: pl.Y, W: pl.W, H: pl.H}}.Fitted()
		d.pdf.SetDrawColor(170, 170, 170)
		d.pdf.SetLineWidth(0.3)
		d.pdf.Rect(fit.X/ptPerMM, pageH-(fit.Y+fit.H)/ptPerMM, fit.W/ptPerMM, fit.H/ptPerMM, "D")
	case f.Display != nil && f.Err == nil:
		d.picture(f.Display, x, y, w, h)
	default:
		d.pdf.SetDrawColor(200, 200, 200)
		d.pdf.Rect(x, y, w, h, "D")
		why := d.t("content.cannot")
		if f.Err != nil {
			why = d.t("content.unreadable", f.Err.Error())
		} else if len(f.Notes) > 0 {
			why += " " + d.notesText(f.Notes)
		}
		why += d.t("content.hash")
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

func (d *doc) photoFacts(e *exhibit.Exhibit, f *evidence.Item) []row {
	st := plain(8.5)
	var rows []row
	m := f.Meta
	if m == nil || !m.HasEXIF {
		rows = append(rows, kv(d.t("fact.exif"), d.t("fact.exif.none"), st))
	}
	get := func(fn func() string) string {
		if m == nil {
			return ""
		}
		return fn()
	}
	taken := get(func() string { return strings.TrimSpace(exifDate(m.DateTimeOriginal) + " " + m.OffsetTimeOriginal) })
	gps := get(func() string { return gpsText(m.GPS) })
	// A program made to change EXIF saved the file: its time and position
	// may be the program's, not the camera's.
	if m != nil && exif.EXIFEditor(m.Software) != "" {
		if taken != "" {
			taken += d.t("fact.rewritten", m.Software)
		}
		if gps != "" {
			gps += d.t("fact.rewritten", m.Software)
		}
	}
	camera := get(m.Camera)
	rows = append(rows,
		kv(d.t("fact.camera"), camera, st),
		kv(d.t("fact.serial"), get(func() string { return d.serialText(m.Body()) }), st),
		kv(d.t("fact.lens"), get(func() string { return m.LensModel }), st),
		kv(d.t("fact.taken"), taken, st),
		kv(d.t("fact.software"), get(func() string { return m.Software }), st),
		kv(d.t("fact.gps"), gps, st),
		kv(d.t("fact.pixels"), get(func() string {
			if m.ImageWidth == 0 {
				return ""
			}
			return d.t("fact.pixels.value", m.ImageWidth, m.ImageHeight, d.orientationText(m.Orientation))
		}), st),
	)
	if e.Photo != nil && e.Photo.Listing != "" {
		rows = append(rows, kv(d.t("fact.listing"), e.Photo.Listing, st))
	}
	if text, valid := CredentialsText(d.lang, f.C2PA); text != "" {
		cst := st
		if !valid {
			cst.color = colRed
		}
		rows = append(rows, kv(d.t("fact.c2pa"), text, cst))
	}
	rows = append(rows, row{cells: [][]span{{{text: d.t("fact.sha"), st: bold(8.5)}}, {{text: f.SHA256, st: mono(8)}}}})
	if m != nil && m.ImageDataHash != "" {
		rows = append(rows, row{cells: [][]span{{{text: d.t("fact.imagehash"), st: bold(8.5)}}, {{text: m.ImageDataHash, st: mono(8)}}}})
	}
	if o := f.Originality; o != nil && o.Derived {
		why := o.Summary(d.lang)
		if r, n := utf8.DecodeRuneInString(why); n > 0 {
			why = string(unicode.ToUpper(r)) + why[n:] // a sentence of its own
		}
		rows = append(rows, kv(d.t("fact.edited"), why, style{fam: famSans, size: 8.5, color: colRed}))
	}
	for _, n := range f.Notes {
		rows = append(rows, kv(d.t("fact.note"), d.notesText([]string{n}), style{fam: famSans, size: 8.5, color: colRed}))
	}
	return rows
}

// notesText joins the notes the readers left on a file (EXIF warnings, a
// damaged segment: technical messages in English). A Chinese page says
// they are the reader's technical messages, quoted in English.
func (d *doc) notesText(notes []string) string {
	text := strings.Join(notes, "; ")
	if d.lang == i18n.Chinese && text != "" && !i18n.HasChinese(text) {
		return d.t("note.english", text)
	}
	return text
}

// serialText is a body's serial with where it was read, e.g.
// "083021004417 (EXIF BodySerialNumber)" or "ZA2146315, internal (Canon
// maker notes)".
func (d *doc) serialText(b exif.Body) string {
	if b.Serial == "" {
		return ""
	}
	s := b.Serial
	if b.Internal {
		s = d.t("serial.internal", s)
	}
	group, tag, _ := strings.Cut(b.Source, ":")
	switch group {
	case "":
	case "ExifIFD", "IFD0":
		s = d.t("serial.exif", s, tag)
	default:
		s = d.t("serial.makernotes", s, group)
	}
	return s
}

func (d *doc) listingFacts(e *exhibit.Exhibit) []row {
	st := plain(8.5)
	l := e.Listing
	rows := []row{
		kv(d.t("fact.listingid"), l.ID, st),
		kv(d.t("fact.title"), l.Title, st),
		kv(d.t("fact.url"), l.URL, st),
		kv(d.t("fact.published"), l.Published.String(), st),
	}
	if c := e.Comparison; c != nil {
		label := d.t("fact.originalphoto")
		for _, o := range c.Origins {
			if d.notOriginal[o.Original.ID] {
				label = d.t("fact.sourcephoto") // not all of them are originals
			}
		}
		rows = append(rows, kv(label, d.originsText(c), st))
	}
	return rows
}

// originsText describes the photos a listing picture was made from, for
// its page: "P-4 (matched, distance 8 of 100; 25 or less is the same
// picture, resized, cropped or recompressed)". A photo that is not its
// camera's original file is said to be one.
func (d *doc) originsText(c *exhibit.Comparison) string {
	if len(c.Origins) == 0 {
		return d.t("origins.none")
	}
	var parts []string
	matched := false
	for _, o := range c.Origins {
		id := o.Original.ID
		if d.notOriginal[id] {
			id = d.t("origins.notoriginal", id)
		}
		switch o.How {
		case exhibit.Matched:
			matched = true
			parts = append(parts, d.t("origins.matched", id, o.Distance, match.MaxDistance))
		case exhibit.Credentials:
			parts = append(parts, d.t("origins.c2pa", id))
		default:
			parts = append(parts, d.t("origins.declared", id))
		}
	}
	text := strings.Join(parts, d.t("origins.sep"))
	if matched {
		text = d.t("origins.threshold", text, match.Threshold)
	}
	return text
}

func (d *doc) trademarkFacts(e *exhibit.Exhibit) []row {
	st := plain(8.5)
	t := e.Trademark
	classes := make([]string, len(t.Classes))
	for i, c := range t.Classes {
		classes[i] = strconv.Itoa(c)
	}
	return []row{
		kv(d.t("fact.mark"), d.t("fact.mark.value", t.Mark, statement.StatusName(t.Status, d.lang.Code())), st),
		kv(d.t("fact.office"), strings.TrimSpace(t.Office+" "+t.Number), st),
		kv(d.t("fact.classes"), strings.Join(classes, ", "), st),
		kv(d.t("fact.owner"), t.Owner, st),
		kv(d.t("fact.filed"), strings.Trim(t.Filed.String()+" / "+t.Registered.String(), " /"), st),
		kv(d.t("fact.expires"), t.Expires.String(), st),
	}
}

func (d *doc) authorizationFacts(e *exhibit.Exhibit) []row {
	p := d.plan
	st := plain(8.5)
	a := e.Authorization
	all := func(v []string, none string) string {
		if len(v) == 0 {
			return none
		}
		return strings.Join(v, ", ")
	}
	sub := d.t("no")
	if a.Sublicense {
		sub = d.t("yes")
	}
	return []row{
		kv(d.t("fact.parties"), a.Grantor+" → "+a.Grantee, st),
		kv(d.t("fact.trademarks"), all(trademarkRefs(p, a.Trademarks), ""), st),
		kv(d.t("fact.valid"), d.dateRange(a.From, a.To), st),
		kv(d.t("fact.platforms"), all(d.platforms(a.Platforms), d.t("all.platforms")), st),
		kv(d.t("fact.territories"), all(d.territories(a.Territories), d.t("worldwide")), st),
		kv(d.t("fact.goods"), a.Goods, st),
		kv(d.t("fact.sublicense"), sub, st),
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

func (d *doc) documentFacts(e *exhibit.Exhibit) []row {
	st := plain(8.5)
	doc := e.Document
	kind := doc.Kind
	if zh, ok := documentKindsZh[kind]; ok && d.lang == i18n.Chinese {
		kind = zh + " " + kind
	}
	return []row{
		kv(d.t("fact.kind"), kind, st),
		kv(d.t("fact.title"), doc.Title, st),
		kv(d.t("fact.date"), doc.Date.String(), st),
		kv(d.t("fact.filename"), path.Base(doc.Path.String()), st),
	}
}

// documentKindsZh are the document kinds of case.yaml in Chinese.
var documentKindsZh = map[string]string{"invoice": "发票", "shooting-record": "拍摄记录", "design": "设计稿", "correspondence": "往来函件", "other": "其他"}

// platforms names platforms for the page ("aliexpress" → "AliExpress").
func (d *doc) platforms(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = d.platformName(p)
	}
	return out
}

// territories writes territories, "worldwide" in the packet's language.
func (d *doc) territories(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t
		if t == "worldwide" {
			out[i] = d.t("worldwide")
		}
	}
	return out
}

// exifDate turns "2023:10:05 14:03:00" into "2023-10-05 14:03:00".
func exifDate(s string) string {
	if len(s) >= 10 && s[4] == ':' && s[7] == ':' {
		return s[:4] + "-" + s[5:7] + "-" + s[8:]
	}
	return s
}

func (d *doc) orientationText(o int) string {
	switch o {
	case 0:
		return d.t("orient.none")
	case 1, 3, 6, 8:
		return d.t(fmt.Sprintf("orient.%d", o))
	}
	return d.t("orient.other", o)
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
func (d *doc) signatureText(s evidence.PaperSignature) string {
	who := s.Signer
	if who == "" {
		who = d.t("sig.unnamed")
	}
	kind := d.t("sig.kind.signature")
	if s.Kind == "document timestamp" {
		kind = d.t("sig.kind.timestamp")
	}
	text := d.t("sig.by", kind, who)
	if !s.Declared.IsZero() {
		text = d.t("sig.declared", text, s.Declared.UTC().Format("2006-01-02 15:04 UTC"))
	}
	switch {
	case s.Verifies && s.WholeFile:
		text = d.t("sig.whole", text)
	case s.Verifies:
		text = d.t("sig.changed", text)
	case s.Unchecked:
		text = d.t("sig.unchecked", text, s.Problem)
	default:
		text = d.t("sig.bad", text, s.Problem)
	}
	if s.SelfSigned {
		text += d.t("sig.selfsigned")
	}
	text = strings.ToUpper(text[:1]) + text[1:]
	return d.t("sig.copy", text)
}
