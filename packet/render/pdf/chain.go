package pdf

import (
	"cmp"
	"slices"
	"strings"

	"github.com/go-pdf/fpdf"

	"appealpacket/packet/chain"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// chainPages draws one diagram page per trademark: the parties as boxes
// from the trademark owner down to the seller, each link as an arrow
// labelled with its letters (exhibit, validity and scope of each). A link
// with a problem is drawn red and dashed, with its findings beside it.
// Everything on these pages is said to the reviewer, in the third person.
func (d *doc) chainPages() {
	rep := d.plan.Chains
	for i, res := range rep.Trademarks {
		d.newPage(d.caseStamp(d.sectionName(plan.Chain)))
		if i == 0 {
			d.bookmark(d.sectionName(plan.Chain), 0)
		}
		t := res.Trademark
		d.heading(d.t("chain.heading", cmp.Or(t.Mark, t.ID)), 16)
		// The chain is analysed from case.yaml: say first when its letters
		// do not bear that out.
		if ids := d.lettersNotBorneOut(res.Chain, res.Window); len(ids) > 0 {
			red := plain(9.5)
			red.color = colRed
			d.boxedParagraph("summary", []span{{text: d.n("chain.papers", len(ids), strings.Join(ids, d.t("list.sep"))), st: red}}, 1.5)
		}
		d.boxedParagraph("summary", []span{{text: res.Summary, st: plain(9.5)}}, 1.5)
		if w := res.Window; !w.From.IsZero() && !res.SellerOwns {
			when := d.t("chain.window", proseDate(d.lang, w.From), w.Said[0], proseDate(d.lang, w.To), w.Said[1])
			if w.From == w.To {
				when = d.t("chain.window1", proseDate(d.lang, w.From), w.Said[1])
			}
			d.boxedParagraph("summary", []span{{text: when, st: style{fam: famSans, size: 8.5, color: colMuted}}}, 3)
		}
		d.chainDiagram(res)
		if len(res.Rejected) > 0 {
			d.y += 3
			d.ensure(10)
			d.boxedParagraph("rejected", []span{{text: d.t("chain.rejected"), st: bold(10)}}, 1)
			for _, c := range res.Rejected {
				d.boxedParagraph("rejected", []span{{text: "• " + d.linksText(c.Chain), st: bold(8.5)},
					{text: " (" + d.partiesText(c.Chain) + "): ", st: plain(8.5)}, {text: c.Reason, st: plain(8.5)}}, 0.8)
			}
		}
	}
}

// linkProblems are a link's findings and the errors about its letters'
// files (a letter whose text shows other terms, a blank file): the link
// as drawn rests on those letters.
func (d *doc) linkProblems(l chain.Link) finding.List {
	out := slices.Clone(l.Findings)
	for _, a := range l.Letters {
		for _, f := range letterErrors(d.plan, a) {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// lettersNotBorneOut lists the exhibits of the letters a chain rests on
// in its window (LettersIn: not a renewal that starts after it) with errors
// of their own: the chain drawn is case.yaml's, which those letters do not
// bear out. The other letters' errors stand beside their links.
func (d *doc) lettersNotBorneOut(links []chain.Link, w chain.Window) []string {
	var ids []string
	for _, l := range links {
		for _, a := range l.LettersIn(w) {
			if e := d.plan.ExhibitFor(exhibit.Authorization, a.ID); e != nil && !slices.Contains(ids, e.ID) && letterHasErrors(d.plan, a) {
				ids = append(ids, e.ID)
			}
		}
	}
	return ids
}

// letterErrors are the errors of a letter's own exhibit (its text shows
// other terms, its file is blank).
func letterErrors(p *plan.Plan, a *manifest.Authorization) finding.List {
	e := p.ExhibitFor(exhibit.Authorization, a.ID)
	if e == nil {
		return nil
	}
	var out finding.List
	for _, f := range p.Findings {
		if f.Exhibit == e.ID && f.Severity == finding.Error {
			out = append(out, f)
		}
	}
	return out
}

// letterHasErrors reports whether a letter's own exhibit has errors.
func letterHasErrors(p *plan.Plan, a *manifest.Authorization) bool {
	return len(letterErrors(p, a)) > 0
}

// boxedParagraph draws wrapped text across the content width, across pages
// if needed, recording each line as a box.
func (d *doc) boxedParagraph(kind string, spans []span, gap float64) {
	for _, l := range d.layout(spans, contentW) {
		d.ensure(l.height)
		d.y += d.drawBox(kind, []line{l}, marginX, d.y, contentW)
	}
	d.y += gap
}

// letterID is an authorization's exhibit ID, or its manifest ID when it
// has no exhibit in the packet.
func (d *doc) letterID(a *manifest.Authorization) string {
	if e := d.plan.ExhibitFor(exhibit.Authorization, a.ID); e != nil {
		return e.ID
	}
	return a.ID
}

// linksText names a chain by its letters: "A-1 → A-2 + A-3".
func (d *doc) linksText(links []chain.Link) string {
	if len(links) == 0 {
		return d.t("chain.nolink")
	}
	parts := make([]string, len(links))
	for i, l := range links {
		ids := make([]string, len(l.Letters))
		for j, a := range l.Letters {
			ids[j] = d.letterID(a)
		}
		parts[i] = strings.Join(ids, " + ")
	}
	return strings.Join(parts, " → ")
}

// partiesText names a chain by its parties: "A → B → C".
func (d *doc) partiesText(links []chain.Link) string {
	if len(links) == 0 {
		return d.t("chain.noparty")
	}
	parts := []string{dash(links[0].Grantor)}
	for _, l := range links {
		parts = append(parts, dash(l.Grantee))
	}
	return strings.Join(parts, " → ")
}

const (
	boxW   = 104.0
	boxPad = 2.5
	// maxNameLines bounds a party's name in its box.
	maxNameLines = 4
	// maxLinkFindings is how many findings are written beside a link; the
	// cover lists them all.
	maxLinkFindings = 4
)

func (d *doc) chainDiagram(res chain.TrademarkResult) {
	t := res.Trademark
	m := d.plan.Manifest
	type node struct{ role, name string }
	var nodes []node
	// A pending mark has an applicant, not a registered owner.
	ownerRole, ownerSellerRole, firstGrantorRole := "role.owner", "role.ownerseller", "role.firstgrantor"
	if t.Status == "pending" {
		ownerRole, ownerSellerRole, firstGrantorRole = "role.applicant", "role.applicantseller", "role.firstgrantor.app"
	}
	switch {
	case res.SellerOwns:
		nodes = []node{{d.t(ownerSellerRole), t.Owner}}
	case len(res.Chain) > 0:
		nodes = append(nodes, node{d.t(ownerRole), res.Chain[0].Grantor})
		for i, l := range res.Chain {
			role := d.t("role.distributor")
			if i == len(res.Chain)-1 {
				role = d.t("role.seller")
			}
			nodes = append(nodes, node{role, l.Grantee})
		}
	default:
		nodes = []node{{d.t(ownerRole), dash(t.Owner)}, {d.t("role.seller"), m.Seller.LegalName}}
	}
	if len(res.Chain) > 0 && chain.NormalizeParty(res.Chain[0].Grantor) != chain.NormalizeParty(t.Owner) {
		nodes[0].role = d.t(firstGrantorRole, dash(t.Owner))
	}
	valid := res.SellerOwns || len(res.Chain) > 0
	for _, l := range res.Chain {
		valid = valid && len(d.linkProblems(l)) == 0
	}

	x := marginX + 6
	inner := boxW - 2*boxPad
	for i, n := range nodes {
		if i > 0 {
			d.chainArrow(res.Chain, i-1, x+boxW/2)
		}
		role := d.layoutAtMost(n.role, style{fam: famSans, size: 8, color: colMuted}, inner, 2)
		name := d.layoutAtMost(dash(n.name), bold(10.5), inner, maxNameLines)
		lines := append(role, name...)
		h := linesHeight(lines) + 2*boxPad
		d.ensure(h)
		fill := [3]int{240, 244, 250}
		if i == len(nodes)-1 && valid {
			fill = [3]int{232, 245, 234}
		}
		d.pdf.SetFillColor(fill[0], fill[1], fill[2])
		d.pdf.SetDrawColor(90, 100, 120)
		d.pdf.SetLineWidth(0.35)
		d.pdf.RoundedRect(x, d.y, boxW, h, 2, "1234", "FD")
		d.drawBox("party", lines, x+boxPad, d.y+boxPad, inner)
		d.y += h
	}
	if len(res.Chain) == 0 && !res.SellerOwns {
		d.y += 3
		st := bold(9.5)
		st.color = colRed
		d.boxedParagraph("summary", []span{{text: d.t("chain.none"), st: st}}, 1)
	}
	d.y += 4
	d.pdf.SetDashPattern(nil, 0)
}

// chainArrow draws the arrow of links[k] (or a broken arrow when there is
// no link) down from the current position, with its label to the right:
// each letter of the link with its exhibit, dates and scope, then the
// link's findings. The arrow is as long as its label.
func (d *doc) chainArrow(links []chain.Link, k int, cx float64) {
	lx := cx + 5
	lw := pageW - marginX - lx
	var spans []span
	var l *chain.Link
	if k < len(links) {
		l = &links[k]
	}
	if l == nil {
		spans = append(spans, span{text: d.t("chain.noauth"), st: bold(9)})
	} else {
		if len(l.Letters) > 1 {
			spans = append(spans, span{text: d.n("chain.letters", len(l.Letters), len(l.Letters)),
				st: style{fam: famSans, size: 8, color: colMuted}})
		}
		for j, a := range l.Letters {
			if j > 0 {
				spans = append(spans, span{text: "\n", st: plain(8.5)})
			}
			idst := bold(9.5)
			link := 0
			id := d.letterID(a)
			if e := d.plan.ExhibitFor(exhibit.Authorization, a.ID); e != nil {
				idst.color = colLink
				link = d.exhibitLinks[e.ID]
			}
			spans = append(spans, span{text: id, st: idst, link: link}, span{text: "  " + dash(d.dateRange(a.From, a.To)), st: bold(9)})
			scope := d.t("chain.scope", d.listOr(d.platforms(a.Platforms), d.t("all.platforms")), d.listOr(d.territories(a.Territories), d.t("worldwide")))
			if a.Sublicense {
				scope += d.t("chain.sublicense")
			}
			spans = append(spans, span{text: scope, st: plain(8.5)})
			if a.Goods != "" && len(l.Letters) <= 2 {
				spans = append(spans, span{text: "\n" + a.Goods, st: style{fam: famSans, size: 8, color: colMuted}})
			}
		}
		red := style{fam: famSans, size: 8, color: colRed}
		problems := d.linkProblems(*l)
		for j, f := range problems {
			if j == maxLinkFindings {
				spans = append(spans, span{text: d.n("chain.more", len(problems)-j, len(problems)-j), st: red})
				break
			}
			spans = append(spans, span{text: "\n" + f.Code + ": " + f.Message, st: red})
		}
	}
	lines := d.layout(spans, lw)
	// A label taller than a page is cut: the cover lists every finding.
	if maxH := contentBot - contentTop - 30; linesHeight(lines) > maxH {
		for len(lines) > 1 && linesHeight(lines) > maxH {
			lines = lines[:len(lines)-1]
		}
	}
	length := max(24, linesHeight(lines)+6)
	d.ensure(length)
	top, bot := d.y+1.5, d.y+length-1.5
	bad := l == nil || len(d.linkProblems(*l)) > 0
	col := [3]int{40, 110, 60}
	if bad {
		col = colRed
		d.pdf.SetDashPattern([]float64{2, 1.5}, 0)
	}
	d.pdf.SetDrawColor(col[0], col[1], col[2])
	d.pdf.SetFillColor(col[0], col[1], col[2])
	d.pdf.SetLineWidth(0.7)
	d.pdf.Line(cx, top, cx, bot-3)
	d.pdf.SetDashPattern(nil, 0)
	d.pdf.Polygon([]fpdf.PointType{{X: cx - 2.2, Y: bot - 3.5}, {X: cx + 2.2, Y: bot - 3.5}, {X: cx, Y: bot}}, "F")
	d.drawBox("link label", lines, lx, top+max(0, (length-3-linesHeight(lines))/2), lw)
	d.y += length
}

func (d *doc) listOr(v []string, none string) string {
	if len(v) == 0 {
		return none
	}
	return strings.Join(v, d.t("list.sep"))
}
