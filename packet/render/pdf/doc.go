// Package pdf draws a planned packet as one PDF with go-pdf/fpdf: cover,
// statement, index, exhibit pages with their stamps, and the hash appendix,
// with clickable cross-references and an outline. Page numbers come from the
// plan; the same layout code measures sections for the plan and draws them,
// so the two cannot disagree.
package pdf

import (
	"github.com/go-pdf/fpdf"

	"appealpacket/internal/i18n"
	"appealpacket/packet/check"
	"appealpacket/packet/plan"
)

// Page geometry, in mm (A4 portrait).
const (
	pageW      = 210.0
	pageH      = 297.0
	marginX    = 18.0
	contentW   = pageW - 2*marginX
	contentTop = 22.0
	contentBot = 279.0
	ptPerMM    = 72 / 25.4
)

// doc is one fpdf document being drawn, plus the state the layout needs.
type doc struct {
	pdf          *fpdf.Fpdf
	fonts        *Fonts
	plan         *plan.Plan
	lang         i18n.Lang // the packet's language
	missing      map[rune]bool
	exhibitLinks map[string]int       // exhibit ID -> link to its first page
	sectionLinks map[plan.Section]int // section -> link to its first page
	total        int                  // pages in the packet; 0 while measuring
	y            float64              // next free vertical position on the page
	stamp        string               // header stamp of the current page
	font         fontKey
	placements   []Placement
	footer       string // left of every page's footer
	// notOriginal holds the photo exhibits the findings show are not
	// their camera's original file (check.NotOriginal): the packet never
	// calls them originals.
	notOriginal map[string]bool
	registered  map[fontKey]bool // fonts added to pdf (size 0)
	measured    map[measureKey]measuredToken
	boxes       *[]textBox   // when not nil, the text boxes of the chain and timeline pages are recorded here (tests)
	drawn       *[]drawnLine // when not nil, every line of text drawn is recorded here (tests)
}

// drawnLine is a line of text as drawn: its page, top-left corner and
// size in mm.
type drawnLine struct {
	page       int
	x, y, w, h float64
	text       string
}

type fontKey struct {
	fam  string
	bold bool
	size float64
}

func newDoc(fonts *Fonts, p *plan.Plan, total int, missing map[rune]bool) *doc {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginX, contentTop, marginX)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	return (&doc{pdf: pdf, fonts: fonts, missing: missing, registered: map[fontKey]bool{}}).forPlan(p, total)
}

// measureOn returns a scratch document for measuring plan p that draws
// into d's PDF, with the fonts d registered and the text it measured.
func (d *doc) measureOn(p *plan.Plan) *doc {
	return (&doc{pdf: d.pdf, fonts: d.fonts, missing: d.missing, registered: d.registered, measured: d.measured}).forPlan(p, 0)
}

// forPlan sets what of d depends on the plan it draws.
func (d *doc) forPlan(p *plan.Plan, total int) *doc {
	pdf := d.pdf
	d.plan, d.total, d.lang = p, total, langOf(p.Manifest)
	d.notOriginal = check.NotOriginalPhotos(p.Set, p.Findings)
	d.exhibitLinks, d.sectionLinks = map[string]int{}, map[plan.Section]int{}
	d.footer = d.t("page.footer", p.Manifest.Seller.LegalName)
	if len(p.Parts) > 1 {
		d.footer = d.t("page.footer.part", p.Part, len(p.Parts), p.Manifest.Seller.LegalName)
	}
	// Every link target is known before anything is drawn.
	for _, e := range p.Exhibits {
		if !p.InPart(e) {
			continue // in another file: cited as text
		}
		l := pdf.AddLink()
		if total > 0 && p.First(e) > 0 {
			pdf.SetLink(l, 0, p.First(e))
		}
		d.exhibitLinks[e.ID] = l
	}
	for _, s := range p.Sections {
		l := pdf.AddLink()
		if total > 0 {
			pdf.SetLink(l, 0, s.First)
		}
		d.sectionLinks[s.Section] = l
	}
	return d
}

func (d *doc) setFont(fam string, bold bool, size float64) {
	k := fontKey{fam, bold, size}
	if k == d.font {
		return
	}
	d.font = k
	if reg := (fontKey{fam, bold, 0}); !d.registered[reg] {
		d.fonts.register(d.pdf, fam, bold)
		d.registered[reg] = true
	}
	styleStr := ""
	if bold {
		styleStr = "B"
	}
	d.pdf.SetFont(fam, styleStr, size)
}

// newPage starts a page with its header stamp and footer page number.
func (d *doc) newPage(stamp string) {
	d.pdf.AddPage()
	d.stamp = stamp
	d.font = fontKey{} // fpdf resets nothing, but be safe across pages
	n := d.pdf.PageNo()

	d.pdf.SetDrawColor(170, 170, 170)
	d.pdf.SetLineWidth(0.2)
	d.textAt(marginX, 9, contentW, span{text: stamp, st: style{fam: famSans, size: 8.5, color: colMuted}})
	d.pdf.Line(marginX, 14.5, pageW-marginX, 14.5)
	d.pdf.Line(marginX, 284, pageW-marginX, 284)
	footer := d.t("page.number", n)
	if d.total > 0 {
		footer = d.t("page.number.total", n, d.total)
	}
	fst := style{fam: famSans, size: 8.5, color: colMuted}
	d.setFont(famSans, false, 8.5)
	w := d.pdf.GetStringWidth(footer)
	if d.lang == i18n.Chinese { // the Chinese glyphs are in the CJK font: measure as drawn
		w = d.layout([]span{{text: footer, st: fst}}, contentW)[0].width
	}
	d.drawLine(d.fitLine(d.footer, fst, contentW-w-6), marginX, 286) // a long seller name is cut, clear of the page number
	d.textAt(pageW-marginX-w, 286, w+1, span{text: footer, st: fst})
	d.y = contentTop
}

// textAt draws one line of text, cut to fit width, at (x, y).
func (d *doc) textAt(x, y, width float64, spans ...span) {
	ls := d.layout(spans, width)
	if len(ls) > 0 {
		d.drawLine(ls[0], x, y)
	}
}

// ensure starts a continuation page unless h mm fit on this one.
func (d *doc) ensure(h float64) bool {
	if d.y+h <= contentBot {
		return false
	}
	d.newPage(d.stamp)
	return true
}

// paragraph draws wrapped text at the current position, across pages if
// needed, and leaves a gap after it.
func (d *doc) paragraph(spans []span, gap float64) {
	for _, l := range d.layout(spans, contentW) {
		d.ensure(l.height)
		d.drawLine(l, marginX, d.y)
		d.y += l.height
	}
	d.y += gap
}

// heading draws a section title.
func (d *doc) heading(text string, size float64) {
	d.ensure(size * 0.9)
	// A title longer than the line (a bilingual one) wraps, at most once.
	for i, l := range d.layoutAtMost(text, bold(size), contentW, 2) {
		if i > 0 {
			d.y += bold(size).lineHeight()
		}
		d.drawLine(l, marginX, d.y)
	}
	d.y += bold(size).lineHeight() + 2
}

// column of a table.
type column struct {
	title string
	width float64
}

// row of a table: one list of spans per column, and an optional link for
// the whole row.
type row struct {
	cells [][]span
	link  int
	fill  [3]int // background; zero for none
}

const cellPad = 1.4

// table draws rows under a header row, repeating the header on every page.
// A table whose columns have no titles has no header row.
func (d *doc) table(cols []column, rows []row) {
	d.drawTable(cols, rows, false)
}

// cutLines keeps the first lines of a table cell that fit in room mm,
// followed by a note that the text is cut, if it does not fit whole.
func (d *doc) cutLines(ls []line, room, width float64) []line {
	if linesHeight(ls) <= room {
		return ls
	}
	note := d.layout([]span{{text: d.t("table.cut"), st: style{fam: famSans, size: 8, color: colMuted}}}, width)
	for len(ls) > 0 && linesHeight(ls)+linesHeight(note) > room {
		ls = ls[:len(ls)-1]
	}
	return append(ls, note...)
}

// drawTable draws a table; with clip it never starts a page, dropping the
// rows that do not fit and saying so in a last row.
func (d *doc) drawTable(cols []column, rows []row, clip bool) {
	titled := false
	for _, c := range cols {
		titled = titled || c.title != ""
	}
	header := func() {
		if !titled {
			return
		}
		if d.lang != i18n.Chinese {
			h := bold(8.5).lineHeight() + 2*cellPad
			d.pdf.SetFillColor(225, 230, 238)
			d.pdf.Rect(marginX, d.y, contentW, h, "F")
			x := marginX
			for _, c := range cols {
				d.textAt(x+cellPad, d.y+cellPad, c.width-2*cellPad, span{text: c.title, st: bold(8.5)})
				x += c.width
			}
			d.y += h
			return
		}
		// A bilingual title too long for its column takes two lines.
		titles := make([][]line, len(cols))
		lines := 1
		for i, c := range cols {
			titles[i] = d.layout([]span{{text: c.title, st: bold(8.5)}}, c.width-2*cellPad)
			lines = max(lines, min(len(titles[i]), 2))
		}
		h := bold(8.5).lineHeight()*float64(lines) + 2*cellPad
		d.pdf.SetFillColor(225, 230, 238)
		d.pdf.Rect(marginX, d.y, contentW, h, "F")
		x := marginX
		for i, c := range cols {
			for j, l := range titles[i][:min(len(titles[i]), 2)] {
				d.drawLine(l, x+cellPad, d.y+cellPad+float64(j)*bold(8.5).lineHeight())
			}
			x += c.width
		}
		d.y += h
	}
	if !clip {
		d.ensure(bold(8.5).lineHeight()*2 + 4*cellPad)
	}
	header()
	for i, r := range rows {
		laid := make([][]line, len(cols))
		h := 0.0
		for i := range cols {
			if i < len(r.cells) {
				laid[i] = d.layout(r.cells[i], cols[i].width-2*cellPad)
			}
			h = max(h, linesHeight(laid[i]))
		}
		if headH := bold(8.5).lineHeight() + 2*cellPad; h > contentBot-contentTop-headH-2*cellPad {
			// A row taller than a page would run past the page's foot:
			// it is cut to a page.
			h = 0
			for i := range laid {
				laid[i] = d.cutLines(laid[i], contentBot-contentTop-headH-2*cellPad, cols[i].width-2*cellPad)
				h = max(h, linesHeight(laid[i]))
			}
		}
		h += 2 * cellPad
		if clip && d.y+h > contentBot {
			more := d.n("table.more", len(rows)-i, len(rows)-i)
			d.textAt(marginX+cellPad, d.y+cellPad, contentW, span{text: more, st: style{fam: famSans, size: 8, color: colMuted}})
			break
		}
		if d.ensure(h) {
			header()
		}
		if r.fill != ([3]int{}) {
			d.pdf.SetFillColor(r.fill[0], r.fill[1], r.fill[2])
			d.pdf.Rect(marginX, d.y, contentW, h, "F")
		}
		x := marginX
		for i, c := range cols {
			ly := d.y + cellPad
			for _, l := range laid[i] {
				d.drawLine(l, x+cellPad, ly)
				ly += l.height
			}
			x += c.width
		}
		if r.link != 0 {
			d.pdf.Link(marginX, d.y, contentW, h, r.link)
		}
		d.pdf.SetDrawColor(210, 210, 210)
		d.pdf.Line(marginX, d.y+h, pageW-marginX, d.y+h)
		d.y += h
	}
	d.y += 4
}

// anyNotOriginal reports that a photo exhibit of the packet is not its
// camera's original file: the packet then calls its photos "photos", not
// "original photos".
func (d *doc) anyNotOriginal() bool { return len(d.notOriginal) > 0 }
