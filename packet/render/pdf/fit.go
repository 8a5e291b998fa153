package pdf

import (
	"strings"
)

// textBox is a box of text drawn on a page: its position and size, and the
// lines drawn in it. The chain and timeline pages record every box they
// draw when doc.boxes is set, so that a test can check that the measured
// text fits its box and that boxes that must not overlap do not.
type textBox struct {
	page        int
	x, y, w, h  float64
	lines       []line
	kind        string // what the box holds: "tick", "row label", "note" ...
	keepClearOf bool   // other boxes of the same kind must not overlap it
}

// text is the text drawn in the box.
func (b textBox) text() string {
	var s []string
	for _, l := range b.lines {
		var parts []string
		for _, p := range l.pieces {
			parts = append(parts, p.text)
		}
		s = append(s, strings.Join(parts, " "))
	}
	return strings.Join(s, "\n")
}

// drawBox draws laid-out lines in a box of width w from (x, y) and records
// the box; it returns the height of the lines.
func (d *doc) drawBox(kind string, lines []line, x, y, w float64) float64 {
	h := linesHeight(lines)
	ly := y
	for _, l := range lines {
		d.drawLine(l, x, ly)
		ly += l.height
	}
	d.record(textBox{kind: kind, x: x, y: y, w: w, h: h, lines: lines})
	return h
}

func (d *doc) record(b textBox) {
	if d.boxes != nil {
		b.page = d.pdf.PageNo()
		*d.boxes = append(*d.boxes, b)
	}
}

// fitLine lays out text on one line no wider than width, cutting it with
// "…" when it is longer.
func (d *doc) fitLine(text string, st style, width float64) line {
	return d.layoutAtMost(strings.ReplaceAll(text, "\n", " "), st, width, 1)[0]
}

// textWidth is the width of text drawn on one line in st.
func (d *doc) textWidth(text string, st style) float64 {
	lines := d.layout([]span{{text: text, st: st}}, 1e6)
	w := 0.0
	for _, l := range lines {
		w = max(w, l.width)
	}
	return w
}

// knockOut paints a white rectangle behind a box of text, with a margin,
// so that lines under it do not strike through the text.
func (d *doc) knockOut(x, y, w, h float64) {
	const pad = 0.5
	d.pdf.SetFillColor(255, 255, 255)
	d.pdf.Rect(x-pad, y-pad/2, w+2*pad, h+pad, "F")
}
