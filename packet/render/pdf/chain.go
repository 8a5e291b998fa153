package pdf

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"appealpacket/packet/chain"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// chainPages draws one diagram page per trademark: the parties as boxes
// from the trademark owner down to the seller, each authorization as an
// arrow labelled with its exhibit, validity and scope. A link with a
// problem is drawn red and dashed, with its findings beside it.
func (d *doc) chainPages() {
	rep := d.plan.Chains
	for i, res := range rep.Trademarks {
		d.newPage(d.caseStamp("Authorization chain"))
		if i == 0 {
			d.bookmark(string(plan.Chain), 0)
		}
		t := res.Trademark
		d.heading(fmt.Sprintf("Authorization chain: %s", t.Mark), 16)
		d.paragraph([]span{{text: res.Summary, st: plain(9.5)}}, 3)
		d.chainDiagram(res)
		if len(res.Rejected) > 0 {
			d.y += 3
			d.ensure(10)
			d.paragraph([]span{{text: "Chains and paths not used", st: bold(10)}}, 1)
			for _, c := range res.Rejected {
				path := chainText(c.Chain)
				d.paragraph([]span{{text: "• " + path + ": ", st: bold(8.5)}, {text: c.Reason, st: plain(8.5)}}, 0.8)
			}
		}
	}
}

// chainText names a chain by its parties: "A → B → C".
func chainText(links []*manifest.Authorization) string {
	if len(links) == 0 {
		return "(no link)"
	}
	parts := []string{links[0].Grantor}
	for _, l := range links {
		parts = append(parts, l.Grantee)
	}
	return strings.Join(parts, " → ")
}

const (
	boxW   = 104.0
	boxPad = 2.5
)

func (d *doc) chainDiagram(res chain.TrademarkResult) {
	t := res.Trademark
	m := d.plan.Manifest
	type node struct{ role, name string }
	var nodes []node
	var links []*manifest.Authorization
	switch {
	case res.SellerOwns:
		nodes = []node{{"Trademark owner and seller", t.Owner}}
	case len(res.Chain) > 0:
		nodes = append(nodes, node{"Trademark owner", res.Chain[0].Grantor})
		for i, l := range res.Chain {
			role := "Distributor"
			if i == len(res.Chain)-1 {
				role = "Seller"
			}
			nodes = append(nodes, node{role, l.Grantee})
		}
		links = res.Chain
	default:
		nodes = []node{{"Trademark owner", dash(t.Owner)}, {"Seller", m.Seller.LegalName}}
	}
	if len(res.Chain) > 0 && chain.NormalizeParty(res.Chain[0].Grantor) != chain.NormalizeParty(t.Owner) {
		nodes[0].role = "First grantor (not the registered owner " + dash(t.Owner) + ")"
	}

	// Lay out the boxes to know their heights, then the arrows' length.
	laid := make([][]line, len(nodes))
	heights := make([]float64, len(nodes))
	boxes := 0.0
	for i, n := range nodes {
		laid[i] = d.layout([]span{{text: n.role, st: style{fam: famSans, size: 8, color: colMuted}}, {text: "\n" + n.name, st: bold(10.5)}}, boxW-2*boxPad)
		heights[i] = linesHeight(laid[i]) + 2*boxPad
		boxes += heights[i]
	}
	arrow := 34.0
	if n := len(nodes) - 1; n > 0 {
		arrow = max(24, min(40, (contentBot-d.y-boxes-40)/float64(n)))
	}
	x := marginX + 6
	for i := range nodes {
		if i > 0 {
			d.chainArrow(links, i-1, res, x+boxW/2, arrow)
		}
		d.ensure(heights[i])
		fill := [3]int{240, 244, 250}
		if i == len(nodes)-1 && (res.SellerOwns || len(links) > 0) && len(res.LinkFindings) == 0 {
			fill = [3]int{232, 245, 234}
		}
		d.pdf.SetFillColor(fill[0], fill[1], fill[2])
		d.pdf.SetDrawColor(90, 100, 120)
		d.pdf.SetLineWidth(0.35)
		d.pdf.RoundedRect(x, d.y, boxW, heights[i], 2, "1234", "FD")
		ly := d.y + boxPad
		for _, l := range laid[i] {
			d.drawLine(l, x+boxPad, ly)
			ly += l.height
		}
		d.y += heights[i]
	}
	if len(links) == 0 && !res.SellerOwns {
		d.y += 3
		st := bold(9.5)
		st.color = colRed
		d.paragraph([]span{{text: "No chain of authorizations connects the owner to the seller.", st: st}}, 1)
	}
	d.y += 4
	d.pdf.SetDashPattern(nil, 0)
}

// chainArrow draws the arrow of links[k] (or a broken arrow when there is
// no link) from the current position down by length, with its label.
func (d *doc) chainArrow(links []*manifest.Authorization, k int, res chain.TrademarkResult, cx, length float64) {
	d.ensure(length)
	top, bot := d.y+1.5, d.y+length-1.5
	var l *manifest.Authorization
	var fs finding.List
	if k < len(links) {
		l = links[k]
		fs = res.LinkFindings[l.ID]
	}
	bad := l == nil || len(fs) > 0
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

	// Label to the right of the arrow.
	lx := cx + 5
	lw := pageW - marginX - lx
	var spans []span
	if l == nil {
		spans = append(spans, span{text: "no authorization", st: bold(9)})
	} else {
		idst := bold(9.5)
		label := l.ID
		link := 0
		if e := d.plan.ExhibitFor(plan.Authorization, l.ID); e != nil {
			idst.color = colLink
			label = e.ID
			link = d.exhibitLinks[e.ID]
		}
		spans = append(spans, span{text: label, st: idst, link: link}, span{text: "  " + dash(dateRange(l.From, l.To)), st: bold(9)})
		scope := fmt.Sprintf("\n%s · %s", listOr(l.Platforms, "all platforms"), listOr(l.Territories, "worldwide"))
		if l.Sublicense {
			scope += " · may sublicense"
		}
		spans = append(spans, span{text: scope, st: plain(8.5)})
		if l.Goods != "" {
			spans = append(spans, span{text: "\n" + l.Goods, st: style{fam: famSans, size: 8, color: colMuted}})
		}
	}
	for _, f := range fs {
		st := style{fam: famSans, size: 8, color: colRed}
		spans = append(spans, span{text: "\n" + f.Code + ": " + f.Message, st: st})
	}
	lines := d.layout(spans, lw)
	ly := top + max(0, (length-linesHeight(lines))/2-2)
	for _, ln := range lines {
		if ly+ln.height > d.y+length+12 {
			break // keep the label near its arrow; the findings are listed in full elsewhere
		}
		d.drawLine(ln, lx, ly)
		ly += ln.height
	}
	d.y += length
}

func listOr(v []string, none string) string {
	if len(v) == 0 {
		return none
	}
	return strings.Join(v, ", ")
}
