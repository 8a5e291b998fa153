package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/plan"
)

// Options set what the document says about itself.
type Options struct {
	Created  time.Time // creation and modification date written in the PDF
	Producer string    // e.g. "appealpacket 0.3.0"

	drawn *[]drawnLine // tests: every line of text drawn is recorded here
}

// Result reports what drawing met.
type Result struct {
	// Missing holds characters no embedded font covers; they are drawn as
	// "[U+XXXX]".
	Missing map[rune]bool
	// Placements are the pages of PDF exhibits to stamp into the packet.
	Placements []Placement
}

// Measurer measures sections for plan.Paginate by drawing them into a
// scratch document with the same code Render uses. One Measurer serves
// every plan a build paginates (each part, each fitting level): they are
// measured in one scratch document, whose fonts are parsed once (parsing
// them takes longer than drawing most sections).
type Measurer struct {
	fonts *Fonts
	d     *doc
}

// NewMeasurer returns a Measurer drawing with fonts.
func NewMeasurer(fonts *Fonts) *Measurer { return &Measurer{fonts: fonts} }

// maxScratchPages bounds the scratch document: past it, the next plan
// starts a new one (its memory is a few KB a page).
const maxScratchPages = 400

// Pages implements plan.Measurer.
func (m *Measurer) Pages(p *plan.Plan, s plan.Section) int {
	switch {
	case m.d == nil || m.d.pdf.PageNo() > maxScratchPages && m.d.plan != p:
		m.d = newDoc(m.fonts, p, 0, map[rune]bool{})
	case m.d.plan != p:
		m.d = m.d.measureOn(p)
	}
	before := m.d.pdf.PageNo()
	m.d.section(s)
	return m.d.pdf.PageNo() - before
}

// Render draws the paginated plan as a PDF to w. It fails if a section
// turns out longer or shorter than the plan measured.
func Render(p *plan.Plan, fonts *Fonts, w io.Writer, opts Options) (*Result, error) {
	res := &Result{Missing: map[rune]bool{}}
	d := newDoc(fonts, p, p.Total, res.Missing)
	d.drawn = opts.drawn
	pdf := d.pdf
	m := p.Manifest
	pdf.SetTitle(d.t("doc.title", m.Case.ID), true)
	pdf.SetAuthor(m.Seller.LegalName, true)
	pdf.SetSubject(d.t("doc.subject", d.complaintType(m.Case.Type), d.platformName(m.Case.Platform)), true)
	pdf.SetCreator(opts.Producer, true)
	pdf.SetProducer(opts.Producer, true)
	pdf.SetCreationDate(opts.Created)
	pdf.SetModificationDate(opts.Created)
	if d.lang == i18n.Chinese {
		pdf.SetLang("zh-CN")
	} else {
		pdf.SetLang("en")
	}

	for _, s := range p.Sections {
		if s.Section == plan.Exhibits {
			d.exhibits()
		} else {
			d.section(s.Section)
		}
		if got := pdf.PageNo() - s.First + 1; got != s.Pages && !pdf.Err() {
			return nil, fmt.Errorf("render: section %q took %d pages, planned %d (a layout bug)", s.Section, got, s.Pages)
		}
	}
	if pdf.PageNo() != p.Total {
		return nil, fmt.Errorf("render: drew %d pages, planned %d (a layout bug)", pdf.PageNo(), p.Total)
	}
	if err := pdf.Output(w); err != nil {
		return nil, fmt.Errorf("render PDF: %w", err)
	}
	res.Placements = d.placements
	return res, nil
}

// RenderLetter draws a letter (text in the statement format, exhibit IDs
// as plain text) as a PDF of its own.
func RenderLetter(p *plan.Plan, fonts *Fonts, title, text string, w io.Writer, opts Options) (*Result, error) {
	res := &Result{Missing: map[rune]bool{}}
	d := newDoc(fonts, p, 0, res.Missing)
	d.footer = p.Manifest.Seller.LegalName
	pdf := d.pdf
	pdf.SetTitle(title, true)
	pdf.SetAuthor(p.Manifest.Seller.LegalName, true)
	pdf.SetCreator(opts.Producer, true)
	pdf.SetProducer(opts.Producer, true)
	pdf.SetCreationDate(opts.Created)
	pdf.SetModificationDate(opts.Created)
	d.newPage(d.caseStamp(title))
	d.textAt(pageW-marginX-40, d.y, 40, span{text: proseDate(d.lang, p.Manifest.Case.Prepared), st: plain(10)})
	d.y += 10
	d.body(text, false)
	if err := pdf.Output(w); err != nil {
		return nil, fmt.Errorf("render letter: %w", err)
	}
	return res, nil
}

// LetterTitle is the title of a letter kind (statement.LetterKinds) in a
// case's language: "Withdrawal request", "撤回投诉请求函".
func LetterTitle(kind, lang string) string {
	l, _ := i18n.Parse(lang)
	if _, ok := messages["letter."+kind]; !ok {
		return strings.ToUpper(kind[:1]) + strings.ReplaceAll(kind[1:], "-", " ")
	}
	return messages.Text(l, "letter."+kind)
}

// gpsText formats a position as "23.129100 N, 113.264400 E, 21 m".
func gpsText(g *exif.GPS) string {
	if g == nil {
		return ""
	}
	ns, ew := "N", "E"
	lat, lon := g.Latitude, g.Longitude
	if lat < 0 {
		ns, lat = "S", -lat
	}
	if lon < 0 {
		ew, lon = "W", -lon
	}
	s := fmt.Sprintf("%.6f %s, %.6f %s", lat, ns, lon, ew)
	if g.Altitude != nil {
		s += fmt.Sprintf(", %.0f m", *g.Altitude)
	}
	return s
}
