package pdf

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// style is how a span of text looks.
type style struct {
	fam   string // famSans or famMono; the CJK fallback applies to both
	bold  bool
	size  float64 // points
	color [3]int
}

var (
	colText  = [3]int{20, 20, 20}
	colMuted = [3]int{100, 100, 100}
	colLink  = [3]int{0, 70, 170}
	colRed   = [3]int{180, 20, 20}
	colGreen = [3]int{20, 120, 40}
)

func plain(size float64) style { return style{fam: famSans, size: size, color: colText} }
func bold(size float64) style  { return style{fam: famSans, bold: true, size: size, color: colText} }
func mono(size float64) style  { return style{fam: famMono, size: size, color: colText} }

// lineHeight is the distance between baselines, in mm.
func (s style) lineHeight() float64 { return s.size * 25.4 / 72 * 1.4 }

// span is a piece of text in one style, optionally a link to a page.
type span struct {
	text string
	st   style
	link int // fpdf link id; 0 for none
}

// piece is text placed on a line, in one font.
type piece struct {
	x, w float64 // relative to the line start, mm
	fam  string
	bold bool
	size float64
	col  [3]int
	text string
	link int
}

// line is one laid-out line of text.
type line struct {
	pieces []piece
	width  float64
	height float64 // mm, the tallest style on the line
}

// token is an unbreakable unit of text: a word, or one CJK character.
type token struct {
	text       string
	spaceAfter bool // a space separates this token from the next
	glue       bool // no line break before this token (closing punctuation after a link)
	st         style
	link       int
}

// isWide reports characters that may be broken between (CJK scripts).
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// closingPunct reports punctuation that may not begin a line (CJK rules).
func closingPunct(r rune) bool {
	return strings.ContainsRune("，。、；：！？）」』】》〉〕］｝〗〙”’,.;:!?)%", r)
}

// openingPunct reports punctuation that may not end a line (CJK rules):
// it stays with the character after it.
func openingPunct(r rune) bool {
	return strings.ContainsRune("（「『【《〈〔［｛〖〘“‘", r)
}

// onlyOpening reports a word made of opening punctuation only.
func onlyOpening(s string) bool {
	for _, r := range s {
		if !openingPunct(r) {
			return false
		}
	}
	return s != ""
}

func tokenize(spans []span) []token {
	var out []token
	for _, sp := range spans {
		var word strings.Builder
		glue := false // the next token may not begin a line
		flush := func(space bool) {
			if word.Len() > 0 {
				out = append(out, token{text: word.String(), st: sp.st, link: sp.link, spaceAfter: space, glue: glue})
				word.Reset()
				glue = false
			} else if space && len(out) > 0 {
				out[len(out)-1].spaceAfter = true
			}
		}
		for _, r := range sp.text {
			switch {
			case r == ' ' || r == '\t':
				flush(true)
			case closingPunct(r) && word.Len() == 0 && len(out) > 0 && out[len(out)-1].link == sp.link:
				// Never start a line with a closing mark: keep it with the character before.
				out[len(out)-1].text += string(r)
			case closingPunct(r) && word.Len() == 0 && len(out) > 0 && !out[len(out)-1].spaceAfter:
				// After a link: a token of its own, glued to the link.
				glue = true
				word.WriteRune(r)
				if isWide(r) {
					flush(false)
				}
			case isWide(r) && closingPunct(r) && word.Len() > 0:
				// "Ltd.）": the mark ends the word.
				word.WriteRune(r)
				flush(false)
			case isWide(r) && openingPunct(r):
				// Never end a line with an opening mark: it begins the next token.
				flush(false)
				word.WriteRune(r)
			case isWide(r) && onlyOpening(word.String()):
				word.WriteRune(r)
				flush(false)
			case isWide(r):
				flush(false)
				out = append(out, token{text: string(r), st: sp.st, link: sp.link, glue: glue})
				glue = false
			default:
				word.WriteRune(r)
			}
		}
		flush(false)
	}
	return out
}

// layout wraps spans into lines no wider than width (mm). A "\n" in a span
// forces a line break.
func (d *doc) layout(spans []span, width float64) []line {
	var lines []line
	var cur line
	var pendingSpace float64
	newLine := func() {
		lines = append(lines, cur)
		cur = line{}
		pendingSpace = 0
	}
	// Split spans at hard line breaks first.
	var paras [][]span
	para := []span{}
	for _, sp := range spans {
		parts := strings.Split(sp.text, "\n")
		for i, p := range parts {
			if i > 0 {
				paras = append(paras, para)
				para = []span{}
			}
			if p != "" {
				para = append(para, span{text: p, st: sp.st, link: sp.link})
			}
		}
	}
	paras = append(paras, para)
	for pi, para := range paras {
		if pi > 0 {
			newLine()
		}
		toks := tokenize(para)
		for i, tok := range toks {
			pieces, w := d.measure(tok)
			if gw := d.gluedWidth(toks[i+1:], w); gw > w && gw <= width && len(cur.pieces) > 0 && cur.width+pendingSpace+gw > width {
				newLine() // the tokens glued to this one go to the next line with it
			}
			if w > width { // a word longer than the line: break it by characters
				for _, part := range d.breakWord(tok, width) {
					pp, pw := d.measure(part)
					if len(cur.pieces) > 0 && cur.width+pendingSpace+pw > width {
						newLine()
					}
					d.place(&cur, pp, pw, pendingSpace, tok.st)
					pendingSpace = 0
				}
			} else {
				if len(cur.pieces) > 0 && cur.width+pendingSpace+w > width {
					newLine()
				}
				d.place(&cur, pieces, w, pendingSpace, tok.st)
				pendingSpace = 0
			}
			if tok.spaceAfter {
				d.setFont(tok.st.fam, tok.st.bold, tok.st.size)
				pendingSpace = d.pdf.GetStringWidth(" ")
			}
		}
	}
	lines = append(lines, cur)
	for i := range lines {
		if lines[i].height == 0 {
			lines[i].height = plain(10).lineHeight()
			if len(spans) > 0 {
				lines[i].height = spans[0].st.lineHeight()
			}
		}
	}
	return lines
}

// gluedWidth is the width w of a token plus that of the tokens glued to
// it (the first of next that may not begin a line, and so on).
func (d *doc) gluedWidth(next []token, w float64) float64 {
	for _, t := range next {
		if !t.glue {
			break
		}
		_, tw := d.measure(t)
		w += tw
	}
	return w
}

func (d *doc) place(l *line, pieces []piece, w, space float64, st style) {
	if len(l.pieces) == 0 {
		space = 0
	}
	x := l.width + space
	for _, p := range pieces {
		p.x += x
		l.pieces = append(l.pieces, p)
	}
	l.width = x + w
	l.height = max(l.height, st.lineHeight())
}

// measure splits a token into font runs and measures them.
func (d *doc) measure(t token) ([]piece, float64) {
	k := measureKey{t.text, t.st}
	if m, ok := d.measured[k]; ok {
		out := slices.Clone(m.pieces)
		for i := range out {
			out[i].link = t.link
		}
		for r := range m.missing {
			d.missing[r] = true
		}
		return out, m.w
	}
	var out []piece
	x := 0.0
	for _, r := range d.fonts.split(t.text, t.st.fam, d.missing) {
		b := t.st.bold && r.fam == famSans
		d.setFont(r.fam, b, t.st.size)
		w := d.pdf.GetStringWidth(r.text)
		out = append(out, piece{x: x, w: w, fam: r.fam, bold: b, size: t.st.size, col: t.st.color, text: r.text, link: t.link})
		x += w
	}
	if d.measured == nil {
		d.measured = map[measureKey]measuredToken{}
	}
	var missing map[rune]bool
	for _, r := range t.text {
		if d.missing[r] {
			if missing == nil {
				missing = map[rune]bool{}
			}
			missing[r] = true
		}
	}
	d.measured[k] = measuredToken{pieces: slices.Clone(out), w: x, missing: missing}
	return out, x
}

// measureKey and measuredToken memoize measure: the same labels and words
// recur on every exhibit page.
type measureKey struct {
	text string
	st   style
}

type measuredToken struct {
	pieces  []piece
	w       float64
	missing map[rune]bool
}

// breakWord cuts a token into parts that each fit width.
func (d *doc) breakWord(t token, width float64) []token {
	var parts []token
	start := 0
	for start < len(t.text) {
		end := start
		for end < len(t.text) {
			_, size := utf8.DecodeRuneInString(t.text[end:])
			if _, w := d.measure(token{text: t.text[start : end+size], st: t.st}); w > width && end > start {
				// A path or a name breaks after its separator rather than
				// mid-word: "…/2023-10-14_" then "094112.png".
				if i := strings.LastIndexAny(t.text[start:end], "/\\_-."); i > (end-start)/3 && end < len(t.text) {
					end = start + i + 1
				}
				// Nor does the next part begin with a closing mark, nor this
				// one end with an opening mark, while a character is left.
				for end < len(t.text) {
					next, _ := utf8.DecodeRuneInString(t.text[end:])
					prev, size := utf8.DecodeLastRuneInString(t.text[start:end])
					if !closingPunct(next) && !openingPunct(prev) || end-size <= start {
						break
					}
					end -= size
				}
				break
			}
			end += size
		}
		parts = append(parts, token{text: t.text[start:end], st: t.st, link: t.link})
		start = end
	}
	if len(parts) > 0 {
		parts[len(parts)-1].spaceAfter = t.spaceAfter
	}
	return parts
}

// drawLine draws a laid-out line with its top-left corner at (x, y).
func (d *doc) drawLine(l line, x, y float64) {
	if d.drawn != nil && len(l.pieces) > 0 {
		var text strings.Builder
		for _, p := range l.pieces {
			text.WriteString(p.text)
		}
		*d.drawn = append(*d.drawn, drawnLine{page: d.pdf.PageNo(), x: x, y: y, w: l.width, h: l.height, text: text.String()})
	}
	for _, p := range l.pieces {
		d.setFont(p.fam, p.bold, p.size)
		d.pdf.SetTextColor(p.col[0], p.col[1], p.col[2])
		baseline := y + p.size*25.4/72*1.05
		d.pdf.Text(x+p.x, baseline, p.text)
		if p.link != 0 {
			d.pdf.Link(x+p.x, y, p.w, l.height, p.link)
		}
	}
}

// linesHeight sums the heights of lines.
func linesHeight(ls []line) float64 {
	h := 0.0
	for _, l := range ls {
		h += l.height
	}
	return h
}

// exhibitRef finds exhibit IDs cited in running text.
var exhibitRef = regexp.MustCompile(`\b[LPTAD]-[0-9]+\b`)

// linkify turns text into spans, making each cited exhibit that exists a
// link to its first page.
func (d *doc) linkify(text string, st style) []span {
	var out []span
	last := 0
	for _, m := range exhibitRef.FindAllStringIndex(text, -1) {
		id := text[m[0]:m[1]]
		link, ok := d.exhibitLinks[id]
		if !ok {
			continue
		}
		if m[0] > last {
			out = append(out, span{text: text[last:m[0]], st: st})
		}
		ls := st
		ls.color = colLink
		out = append(out, span{text: id, st: ls, link: link})
		last = m[1]
	}
	if last < len(text) {
		out = append(out, span{text: text[last:], st: st})
	}
	return out
}
