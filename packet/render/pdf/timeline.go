package pdf

import (
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"

	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// bar is one row of the timeline: a span of dates (or a single date when
// from equals to) and how to draw it.
type bar struct {
	label    string
	from, to time.Time
	col      [3]int
	point    bool // a single date, drawn as a diamond
	openEnd  bool // no end date: drawn to the axis end with an arrow
	note     string
	dashed   bool
	far      bool // its end does not stretch the axis (a trademark's expiry years ahead)
}

// HasTimeline reports whether the case has dates to draw on a timeline.
func HasTimeline(p *plan.Plan) bool { return len(timelineBars(p)) > 1 }

func timelineBars(p *plan.Plan) []bar {
	m := p.Manifest
	var bars []bar
	day := func(d manifest.Date) time.Time { return d.Time() }
	for _, t := range m.Trademarks {
		switch {
		case !t.Registered.IsZero() || !t.Expires.IsZero():
			from := t.Registered
			if from.IsZero() {
				from = t.Filed
			}
			b := bar{label: "Trademark " + t.Mark, from: day(from), to: day(t.Expires), col: [3]int{120, 90, 170}, far: true,
				note: "registered " + dash(t.Registered.String()) + ", expires " + dash(t.Expires.String())}
			if t.Expires.IsZero() {
				b.openEnd, b.to = true, b.from
			}
			if t.Status == "pending" {
				b.dashed = true
				b.note = "pending (filed " + dash(t.Filed.String()) + ")"
			}
			bars = append(bars, b)
		case !t.Filed.IsZero():
			bars = append(bars, bar{label: "Trademark " + t.Mark + " filed", from: day(t.Filed), to: day(t.Filed), point: true, col: [3]int{120, 90, 170}})
		}
	}
	for _, a := range m.Authorizations {
		if a.From.IsZero() && a.To.IsZero() {
			continue
		}
		b := bar{label: fmt.Sprintf("%s → %s", a.ID, a.Grantee), from: day(a.From), to: day(a.To), col: [3]int{40, 120, 70},
			note: dateRange(a.From, a.To)}
		if a.From.IsZero() {
			b.from = b.to
		}
		if a.To.IsZero() {
			b.openEnd, b.to = true, b.from
		}
		if p.Chains != nil {
			for _, res := range p.Chains.Trademarks {
				if len(res.LinkFindings[a.ID]) > 0 {
					b.col, b.dashed = colRed, true
				}
			}
		}
		bars = append(bars, b)
	}
	var first, last time.Time
	n := 0
	for _, e := range p.ExhibitsOf(plan.Photo) {
		if meta := e.Files[0].Meta; meta != nil {
			if t, ok := meta.CaptureTime(); ok {
				t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
				if first.IsZero() || t.Before(first) {
					first = t
				}
				if last.IsZero() || t.After(last) {
					last = t
				}
				n++
			}
		}
	}
	if n > 0 {
		b := bar{label: fmt.Sprintf("Original photos (%d)", n), from: first, to: last, col: [3]int{30, 100, 180},
			note: first.Format(time.DateOnly)}
		if !last.Equal(first) {
			b.note += " to " + last.Format(time.DateOnly)
		} else {
			b.point = true
		}
		bars = append(bars, b)
	}
	for _, l := range m.Listings {
		if !l.Published.IsZero() {
			bars = append(bars, bar{label: "Listing " + l.ID + " published", from: day(l.Published), to: day(l.Published), point: true,
				col: [3]int{200, 120, 20}, note: l.Published.String()})
		}
	}
	if c := m.Case.ComplaintDate; !c.IsZero() {
		bars = append(bars, bar{label: "Complaint " + m.Case.ID, from: day(c), to: day(c), point: true, col: colRed, note: c.String()})
	}
	return bars
}

// timeline draws the case's dates on one axis: trademark validity, each
// authorization's window, the photos' capture range, listing dates and the
// complaint date as a red line.
func (d *doc) timeline() {
	d.newPage(d.caseStamp("Timeline"))
	d.bookmark(string(plan.Timeline), 0)
	d.heading("Timeline", 16)
	d.paragraph([]span{{text: "Every date of the case on one axis. The shaded band is the period the seller must be covered for: " +
		"from the first listing to the complaint. Bars in red and dashed have a problem (see the findings).", st: style{fam: famSans, size: 9, color: colMuted}}}, 4)
	bars := timelineBars(d.plan)
	if len(bars) == 0 {
		return
	}
	// The axis spans the dates that matter, with some room; bars running
	// beyond it are cut with an arrow.
	var lo, hi time.Time
	for _, b := range bars {
		if lo.IsZero() || b.from.Before(lo) {
			lo = b.from
		}
		end := b.to
		if b.far {
			end = b.from
		}
		if hi.IsZero() || end.After(hi) {
			hi = end
		}
	}
	if hi.IsZero() || !hi.After(lo) {
		hi = lo.AddDate(1, 0, 0)
	}
	width := hi.Sub(lo)
	lo = lo.Add(-width / 12)
	hi = hi.Add(width / 8)

	labelW := 62.0
	x0, x1 := marginX+labelW, pageW-marginX-4
	xOf := func(t time.Time) float64 {
		if t.Before(lo) {
			t = lo
		}
		if t.After(hi) {
			t = hi
		}
		return x0 + (x1-x0)*float64(t.Sub(lo))/float64(hi.Sub(lo))
	}
	rowH := 11.0
	top := d.y + 8
	bottom := top + rowH*float64(len(bars))
	if bottom > contentBot-12 {
		rowH = max(6, (contentBot-12-top)/float64(len(bars)))
		bottom = top + rowH*float64(len(bars))
	}

	// The window that matters.
	if p := d.plan; p.Chains != nil && len(p.Chains.Trademarks) > 0 {
		w := p.Chains.Trademarks[0].Window
		if !w.From.IsZero() && !w.To.IsZero() {
			d.pdf.SetFillColor(252, 243, 214)
			d.pdf.Rect(xOf(w.From.Time()), top-4, max(0.8, xOf(w.To.Time())-xOf(w.From.Time())), bottom-top+4, "F")
		}
	} else if m := d.plan.Manifest; !m.Case.ComplaintDate.IsZero() {
		for _, l := range m.Listings {
			if !l.Published.IsZero() && l.Published.Before(m.Case.ComplaintDate) {
				d.pdf.SetFillColor(252, 243, 214)
				d.pdf.Rect(xOf(l.Published.Time()), top-4, xOf(m.Case.ComplaintDate.Time())-xOf(l.Published.Time()), bottom-top+4, "F")
				break
			}
		}
	}
	// Year ticks.
	d.pdf.SetDrawColor(200, 200, 200)
	d.pdf.SetLineWidth(0.2)
	tick := plain(7.5)
	tick.color = colMuted
	for y := lo.Year() + 1; y <= hi.Year(); y++ {
		t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		x := xOf(t)
		d.pdf.Line(x, top-4, x, bottom)
		d.textAt(x-4, bottom+1.5, 12, span{text: fmt.Sprint(y), st: tick})
	}
	d.pdf.Line(x0, bottom, x1, bottom)

	y := top
	for _, b := range bars {
		d.textAt(marginX, y+rowH/2-2.2, labelW-3, span{text: b.label, st: plain(8)})
		cy := y + rowH/2
		d.pdf.SetDrawColor(b.col[0], b.col[1], b.col[2])
		d.pdf.SetFillColor(b.col[0], b.col[1], b.col[2])
		if b.point {
			x := xOf(b.from)
			if b.col == colRed { // the complaint: a line across the chart
				d.pdf.SetLineWidth(0.6)
				d.pdf.Line(x, top-4, x, bottom)
			}
			d.pdf.Polygon(diamond(x, cy, 1.8), "F")
		} else {
			xa, xb := xOf(b.from), xOf(b.to)
			if b.openEnd || b.to.After(hi) {
				xb = x1
			}
			if b.dashed {
				d.pdf.SetLineWidth(1.6)
				d.pdf.SetDashPattern([]float64{2, 1.2}, 0)
				d.pdf.Line(xa, cy, xb, cy)
				d.pdf.SetDashPattern(nil, 0)
			} else {
				d.pdf.Rect(xa, cy-1.6, max(0.8, xb-xa), 3.2, "F")
			}
			if b.openEnd || b.to.After(hi) {
				d.pdf.Polygon(arrowHead(xb, cy), "F")
			}
		}
		if b.note != "" {
			st := plain(7)
			st.color = colMuted
			nx := xOf(b.from)
			d.textAt(min(nx, x1-45), cy+2.2, 60, span{text: b.note, st: st})
		}
		y += rowH
	}
	d.y = bottom + 10
}

func diamond(x, y, r float64) []fpdf.PointType {
	return []fpdf.PointType{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}
}

func arrowHead(x, y float64) []fpdf.PointType {
	return []fpdf.PointType{{X: x, Y: y - 2.4}, {X: x + 3, Y: y}, {X: x, Y: y + 2.4}}
}
