package pdf

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"appealpacket/packet/chain"
	"appealpacket/packet/check"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// bar is one span of dates on a row of the timeline (a single date when
// from equals to) and how to draw it.
type bar struct {
	from, to  time.Time
	col       [3]int
	point     bool   // a single date, drawn as a diamond
	line      bool   // a single date drawn as a line across the chart (the complaint)
	openEnd   bool   // no end date: drawn to the axis end with an arrow
	dashed    bool   // has a problem
	far       bool   // its end does not stretch the axis (a trademark's expiry years ahead)
	note      string // written under the bar
	shortNote string // written instead when note does not fit
}

// timelineRow is one row of the timeline: a label (and a second line under
// it), its bars, and the days it leaves uncovered.
type timelineRow struct {
	label, sub string
	bars       []bar
	uncovered  []chain.Span
}

var (
	colMark    = [3]int{120, 90, 170}
	colLetter  = [3]int{40, 120, 70}
	colPhoto   = [3]int{30, 100, 180}
	colListing = [3]int{200, 120, 20}
)

// HasTimeline reports whether the case has dates to draw on a timeline.
func HasTimeline(p *plan.Plan) bool { return len(timelineRows(p)) > 1 }

func day(d manifest.Date) time.Time { return d.Time() }

// markBlocked reports whether the chain analysis found a blocking problem
// with the trademark id itself (chain.TrademarkResult.MarkProblems).
func markBlocked(p *plan.Plan, id string) bool {
	if p.Chains == nil {
		return false
	}
	return slices.ContainsFunc(p.Chains.Trademarks, func(res chain.TrademarkResult) bool {
		return res.Trademark != nil && res.Trademark.ID == id && len(res.MarkProblems) > 0
	})
}

// timelineRows lists the rows: trademarks, links (each letter a bar),
// original photos, listings, the complaint.
func timelineRows(p *plan.Plan) []timelineRow {
	lang := langOf(p.Manifest)
	tr := func(key string, args ...any) string { return messages.Text(lang, key, args...) }
	m := p.Manifest
	var rows []timelineRow
	for _, t := range m.Trademarks {
		label := strings.TrimSpace(exhibitOr(p, exhibit.Trademark, t.ID) + " " + t.Mark)
		switch {
		case !t.Registered.IsZero() || !t.Expires.IsZero():
			from := cmp.Or(t.Registered, t.Filed)
			b := bar{from: day(from), to: day(t.Expires), col: colMark, far: true,
				note: tr("tl.registered", dash(t.Registered.String()), dash(t.Expires.String())), shortNote: tr("tl.registered1", dash(t.Registered.String()))}
			if from.IsZero() {
				b.from = b.to
			}
			if t.Expires.IsZero() {
				b.openEnd, b.to = true, b.from
			}
			if t.Status == "pending" {
				b.dashed = true
				b.note, b.shortNote = tr("tl.pending", dash(t.Filed.String())), tr("tl.pending1")
			}
			if markBlocked(p, t.ID) { // expired, not yet registered: the legend's red
				b.col, b.dashed = colRed, true
			}
			rows = append(rows, timelineRow{label: label, sub: tr("tl.trademark"), bars: []bar{b}})
		case !t.Filed.IsZero():
			rows = append(rows, timelineRow{label: label, sub: tr("tl.filed"),
				bars: []bar{{from: day(t.Filed), to: day(t.Filed), point: true, col: colMark, note: t.Filed.String()}}})
		}
	}
	for _, l := range timelineLinks(p) {
		r := timelineRow{sub: dash(l.Grantor) + " → " + dash(l.Grantee)}
		var ids []string
		problems := map[string]finding.List{}
		if p.Chains != nil {
			for _, res := range p.Chains.Trademarks {
				for _, used := range res.Chain {
					if used.Key != l.Key {
						continue
					}
					r.uncovered = append(r.uncovered, used.Uncovered...)
					for _, a := range used.Letters {
						problems[a.ID] = append(problems[a.ID], used.Problems(a.ID)...)
					}
				}
			}
		}
		for _, a := range l.Letters {
			id := exhibitOr(p, exhibit.Authorization, a.ID)
			ids = append(ids, id)
			if a.From.IsZero() && a.To.IsZero() {
				continue
			}
			b := bar{from: day(a.From), to: day(a.To), col: colLetter, note: id + " · " + dateRange(lang, a.From, a.To), shortNote: id}
			if a.From.IsZero() {
				b.from = b.to
			}
			if a.To.IsZero() {
				b.openEnd, b.to = true, b.from
			}
			// A letter with a problem in the chain, or whose own file does
			// not bear out the dates drawn (its text gives another term).
			if len(problems[a.ID]) > 0 || letterHasErrors(p, a) {
				b.col, b.dashed = colRed, true
			}
			r.bars = append(r.bars, b)
		}
		if len(r.bars) == 0 {
			continue
		}
		r.label = strings.Join(ids, ", ")
		rows = append(rows, r)
	}
	var first, last time.Time
	n := 0
	for _, e := range p.ExhibitsOf(exhibit.Photo) {
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
		b := bar{from: first, to: last, col: colPhoto, note: first.Format(time.DateOnly)}
		if !last.Equal(first) {
			b.note = tr("tl.to", b.note, last.Format(time.DateOnly))
		} else {
			b.point = true
		}
		label := "tl.photos"
		if len(check.NotOriginalPhotos(p.Set, p.Findings)) > 0 {
			label = "tl.photos.any"
		}
		rows = append(rows, timelineRow{label: tr(label, n), sub: tr("tl.capture"), bars: []bar{b}})
	}
	for _, l := range m.Listings {
		if !l.Published.IsZero() {
			rows = append(rows, timelineRow{label: tr("tl.listing", l.ID), sub: tr("tl.published"),
				bars: []bar{{from: day(l.Published), to: day(l.Published), point: true, col: colListing, note: l.Published.String()}}})
		}
	}
	if c := m.Case.ComplaintDate; !c.IsZero() {
		rows = append(rows, timelineRow{label: tr("tl.complaint", m.Case.ID), sub: tr("tl.made"),
			bars: []bar{{from: day(c), to: day(c), point: true, line: true, col: colRed, note: c.String()}}})
	}
	return rows
}

// timelineLinks is the case's links: the chain analysis's, or one link per
// authorization when there is none.
func timelineLinks(p *plan.Plan) []chain.Link {
	if p.Chains != nil && len(p.Chains.Links) > 0 {
		return p.Chains.Links
	}
	var out []chain.Link
	for i := range p.Manifest.Authorizations {
		a := &p.Manifest.Authorizations[i]
		out = append(out, chain.Link{Key: a.ID, Grantor: a.Grantor, Grantee: a.Grantee, Letters: []*manifest.Authorization{a}})
	}
	return out
}

// exhibitOr is the exhibit ID of a trademark or authorization, or its
// manifest ID when it has no exhibit.
func exhibitOr(p *plan.Plan, k exhibit.Kind, id string) string {
	if e := p.ExhibitFor(k, id); e != nil {
		return e.ID
	}
	return id
}

// Timeline geometry, in mm.
const (
	tlLabelW  = 62.0 // the column of row labels
	tlRowH    = 11.0
	tlMinRowH = 6.0
	tlNoteRow = 9.0 // rows lower than this have no notes under their bars
	tickGap   = 2.5 // the least space between two tick labels
)

// timeline draws the case's dates on one axis: trademark validity, each
// link's letters on the link's row, the photos' capture range, listing
// dates and the complaint date as a red line.
func (d *doc) timeline() {
	d.newPage(d.caseStamp(d.sectionName(plan.Timeline)))
	d.bookmark(d.sectionName(plan.Timeline), 0)
	d.heading(d.sectionName(plan.Timeline), 16)
	intro := d.t("tl.intro")
	if len(d.plan.Manifest.Authorizations) > 0 {
		intro = d.t("tl.intro.auth")
	}
	d.boxedParagraph("intro", []span{{text: intro, st: style{fam: famSans, size: 9, color: colMuted}}}, 4)
	rows := timelineRows(d.plan)
	if len(rows) == 0 {
		return
	}
	lo, hi := axisRange(rows)
	x0, x1 := marginX+tlLabelW, pageW-marginX-4
	xOf := func(t time.Time) float64 {
		if t.Before(lo) {
			t = lo
		}
		if t.After(hi) {
			t = hi
		}
		return x0 + (x1-x0)*float64(t.Sub(lo))/float64(hi.Sub(lo))
	}
	rowH := tlRowH
	top := d.y + 8
	bottom := top + rowH*float64(len(rows))
	if bottom > contentBot-12 {
		rowH = max(tlMinRowH, (contentBot-12-top)/float64(len(rows)))
		bottom = top + rowH*float64(len(rows))
	}

	// Behind everything: the window that matters, the ticks, the complaint.
	d.windowBand(xOf, top, bottom)
	tickSt := plain(7.5)
	tickSt.color = colMuted
	ticks := d.chooseTicks(lo, hi, xOf, tickSt)
	d.pdf.SetDrawColor(200, 200, 200)
	d.pdf.SetLineWidth(0.2)
	for _, t := range ticks {
		d.pdf.Line(xOf(t.at), top-4, xOf(t.at), bottom)
	}
	d.pdf.Line(x0, bottom, x1, bottom)
	for _, r := range rows {
		for _, b := range r.bars {
			if b.line {
				d.pdf.SetDrawColor(b.col[0], b.col[1], b.col[2])
				d.pdf.SetLineWidth(0.6)
				d.pdf.Line(xOf(b.from), top-4, xOf(b.from), bottom)
			}
		}
	}
	d.drawTicks(ticks, xOf, x0, x1, bottom, tickSt)

	y := top
	for _, r := range rows {
		d.timelineRow(r, y, rowH, xOf, x0, x1, hi)
		y += rowH
	}
	d.y = bottom + 10
}

// axisRange is the span of the axis: the dates that matter, with some
// room; bars running beyond it are cut with an arrow.
func axisRange(rows []timelineRow) (lo, hi time.Time) {
	for _, r := range rows {
		for _, b := range r.bars {
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
	}
	if hi.IsZero() || !hi.After(lo) {
		hi = lo.AddDate(1, 0, 0)
	}
	width := hi.Sub(lo)
	return lo.Add(-width / 12), hi.Add(width / 8)
}

// windowBand shades the period the seller must be authorized for.
func (d *doc) windowBand(xOf func(time.Time) float64, top, bottom float64) {
	band := func(from, to time.Time) {
		d.pdf.SetFillColor(252, 243, 214)
		d.pdf.Rect(xOf(from), top-4, max(0.8, xOf(to)-xOf(from)), bottom-top+4, "F")
	}
	if p := d.plan; p.Chains != nil && len(p.Chains.Trademarks) > 0 {
		if w := p.Chains.Trademarks[0].Window; !w.From.IsZero() && !w.To.IsZero() {
			band(w.From.Time(), w.To.Time())
		}
		return
	}
	m := d.plan.Manifest
	if m.Case.ComplaintDate.IsZero() {
		return
	}
	for _, l := range m.Listings {
		if !l.Published.IsZero() && l.Published.Before(m.Case.ComplaintDate) {
			band(l.Published.Time(), m.Case.ComplaintDate.Time())
			return
		}
	}
}

// tick is a labelled date on the axis.
type tick struct {
	at    time.Time
	label string
}

// tickStep is a spacing of ticks: a number of days, months or years.
type tickStep struct {
	days, months, years int
	layout              string // time.Format layout of the labels
}

// tickSteps are the spacings tried, finest first.
var tickSteps = []tickStep{
	{days: 1, layout: time.DateOnly}, {days: 2, layout: time.DateOnly}, {days: 7, layout: time.DateOnly}, {days: 14, layout: time.DateOnly},
	{months: 1, layout: "2006-01"}, {months: 2, layout: "2006-01"}, {months: 3, layout: "2006-01"}, {months: 6, layout: "2006-01"},
	{years: 1, layout: "2006"}, {years: 2, layout: "2006"}, {years: 5, layout: "2006"}, {years: 10, layout: "2006"},
	{years: 20, layout: "2006"}, {years: 50, layout: "2006"}, {years: 100, layout: "2006"},
}

// ticks lists the ticks of step s from lo to hi, at round dates: every
// s.days days from lo, the first of every s.months-th month (January,
// April... for quarters), January 1 of every year divisible by s.years.
func (s tickStep) ticks(lo, hi time.Time) []tick {
	var t time.Time
	next := func(t time.Time) time.Time { return t.AddDate(s.years, s.months, s.days) }
	switch {
	case s.days > 0:
		t = time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC)
		if t.Before(lo) {
			t = t.AddDate(0, 0, 1)
		}
	case s.months > 0:
		t = time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
		for t.Before(lo) || (int(t.Month())-1)%s.months != 0 {
			t = t.AddDate(0, 1, 0)
		}
	default:
		y := lo.Year()
		t = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		for t.Before(lo) || t.Year()%s.years != 0 {
			t = t.AddDate(1, 0, 0)
		}
	}
	var out []tick
	for ; !t.After(hi) && len(out) < 1000; t = next(t) {
		out = append(out, tick{at: t, label: t.Format(s.layout)})
	}
	return out
}

// chooseTicks picks the finest spacing whose labels, measured, keep
// tickGap between each other on the axis.
func (d *doc) chooseTicks(lo, hi time.Time, xOf func(time.Time) float64, st style) []tick {
	var ticks []tick
	for _, s := range tickSteps {
		ticks = s.ticks(lo, hi)
		if len(ticks) > 200 {
			continue
		}
		fits := true
		for i := 1; i < len(ticks) && fits; i++ {
			need := (d.textWidth(ticks[i-1].label, st)+d.textWidth(ticks[i].label, st))/2 + tickGap
			fits = xOf(ticks[i].at)-xOf(ticks[i-1].at) >= need
		}
		if fits && len(ticks) > 0 {
			return ticks
		}
	}
	return ticks
}

// drawTicks writes the tick labels under the axis, centred on their ticks
// and kept inside the chart; a label that would then touch the one before
// is left out.
func (d *doc) drawTicks(ticks []tick, xOf func(time.Time) float64, x0, x1, bottom float64, st style) {
	lastEnd := x0 - 100
	for _, t := range ticks {
		w := d.textWidth(t.label, st)
		x := min(max(xOf(t.at)-w/2, x0-4), x1+4-w)
		if x < lastEnd+tickGap {
			continue
		}
		l := d.fitLine(t.label, st, w+0.01)
		d.drawBox("tick", []line{l}, x, bottom+1.5, w+0.01)
		lastEnd = x + w
	}
}

// timelineRow draws one row at y: its label, the frames of its uncovered
// days, its bars, then the notes under the bars on white, so that no line
// strikes through them.
func (d *doc) timelineRow(r timelineRow, y, rowH float64, xOf func(time.Time) float64, x0, x1 float64, hi time.Time) {
	cy := y + rowH/2
	labelSt, subSt := plain(8), style{fam: famSans, size: 6.8, color: colMuted}
	lw := tlLabelW - 3
	lines := []line{d.fitLine(r.label, labelSt, lw)}
	if r.sub != "" && rowH >= tlNoteRow {
		lines = append(lines, d.fitLine(r.sub, subSt, lw))
	}
	d.drawBox("row label", lines, marginX, cy-linesHeight(lines)/2, lw)

	for _, s := range r.uncovered {
		xa, xb := xOf(s.From.Time()), xOf(s.To.Time().AddDate(0, 0, 1))
		d.pdf.SetFillColor(250, 222, 222)
		d.pdf.SetDrawColor(colRed[0], colRed[1], colRed[2])
		d.pdf.SetLineWidth(0.3)
		d.pdf.SetDashPattern([]float64{1, 0.8}, 0)
		d.pdf.Rect(xa, cy-2.6, max(0.8, xb-xa), 5.2, "FD")
		d.pdf.SetDashPattern(nil, 0)
	}
	for _, b := range r.bars {
		d.pdf.SetDrawColor(b.col[0], b.col[1], b.col[2])
		d.pdf.SetFillColor(b.col[0], b.col[1], b.col[2])
		if b.point {
			d.pdf.Polygon(diamond(xOf(b.from), cy, 1.8), "F")
			continue
		}
		// A letter's bar runs to the end of its last day, less a seam that
		// tells two back-to-back letters apart.
		xa, xb := xOf(b.from), xOf(b.to.AddDate(0, 0, 1))-0.35
		if b.openEnd || b.to.After(hi) {
			xb = x1
		}
		if b.dashed {
			d.pdf.SetLineWidth(1.6)
			d.pdf.SetDashPattern([]float64{2, 1.2}, 0)
			d.pdf.Line(xa, cy, max(xa+0.8, xb), cy)
			d.pdf.SetDashPattern(nil, 0)
		} else {
			d.pdf.Rect(xa, cy-1.6, max(0.8, xb-xa), 3.2, "F")
		}
		if b.openEnd || b.to.After(hi) {
			d.pdf.Polygon(arrowHead(xb, cy), "F")
		}
	}
	if rowH < tlNoteRow {
		return
	}
	noteSt := plain(7)
	noteSt.color = colMuted
	notes, all := d.placeNotes(r.bars, false, y, cy, rowH, xOf, x0, x1, noteSt)
	if !all {
		// Not every bar gets its dates: name each bar by its ID instead
		// (the chain page gives every letter's dates), if that fits.
		if short, ok := d.placeNotes(r.bars, true, y, cy, rowH, xOf, x0, x1, noteSt); ok || len(short) > len(notes) {
			notes = short
		}
	}
	for _, n := range notes {
		l := d.fitLine(n.text, noteSt, n.w+0.01)
		d.knockOut(n.x, n.y, n.w, l.height)
		d.drawBox("note", []line{l}, n.x, n.y, n.w+0.01)
	}
}

// note is a note placed under or over a bar.
type note struct {
	text    string
	x, y, w float64
}

// placeNotes places the notes of a row's bars (their short notes when
// short): under the bar, or over it when the note before is in the way,
// never overlapping. It reports whether every bar got one.
func (d *doc) placeNotes(bars []bar, short bool, y, cy, rowH float64, xOf func(time.Time) float64, x0, x1 float64, st style) ([]note, bool) {
	ys := [2]float64{cy + 2.1, y + 0.3}
	lastEnd := [2]float64{x0 - 100, x0 - 100}
	var out []note
	all := true
	for _, b := range bars {
		text := b.note
		if short && b.shortNote != "" {
			text = b.shortNote
		}
		if text == "" {
			continue
		}
		x := xOf(b.from)
		switch {
		case b.line:
			x += 1.2
		case b.point:
			x += 2.4
		}
		w := d.textWidth(text, st)
		nx := min(x, x1+4-w)
		if b.line && nx < x { // no room right of the line: write it on the left
			nx = xOf(b.from) - 1.2 - w
		}
		placed := false
		for side := range ys {
			if placed || (side == 1 && rowH < tlRowH) || nx < lastEnd[side]+1.5 || nx < x0-4 {
				continue
			}
			out = append(out, note{text: text, x: nx, y: ys[side], w: w})
			lastEnd[side] = nx + w
			placed = true
		}
		all = all && placed
	}
	return out, all
}

func diamond(x, y, r float64) []fpdf.PointType {
	return []fpdf.PointType{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}
}

func arrowHead(x, y float64) []fpdf.PointType {
	return []fpdf.PointType{{X: x, Y: y - 2.4}, {X: x + 3, Y: y}, {X: x, Y: y + 2.4}}
}
