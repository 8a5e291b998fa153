package pdf

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"appealpacket/assets"
)

// Font families registered in every document.
const (
	famSans = "sans" // Noto Sans, regular and bold
	famMono = "mono" // Noto Mono, for hashes
	famMath = "math" // Noto Sans Math: arrows, math signs
	famSym  = "sym"  // Noto Sans Symbols 2: check marks, shapes
	famCJK  = "cjk"  // Droid Sans Fallback, for Chinese, Japanese, Korean
	// famCJKCommon is Droid Sans Fallback cut to GB 2312, tried before the
	// whole font: most Chinese text needs nothing else, and fpdf parses
	// the cut font about six times faster (every document parses its fonts).
	famCJKCommon = "cjkc"
)

// fallbacks is the order in which fonts are tried for a character the
// text's own font lacks.
var fallbacks = [...]string{famSans, famMath, famSym, famCJKCommon, famCJK}

// Fonts are the parsed font files a document draws with.
type Fonts struct {
	names map[string]string     // family (and "sans-bold") -> embedded file
	files map[string][]byte     // family -> TrueType data, once read
	cover map[string]*sfnt.Font // family -> font, to test coverage, once parsed
	buf   sfnt.Buffer
	seen  map[famRune]bool // coverage answers already looked up
}

type famRune struct {
	fam string
	r   rune
}

// LoadFonts reads the embedded fonts, or the given TrueType file in place of
// the CJK fallback when cjkOverride is not empty.
func LoadFonts(cjkOverride []byte) (*Fonts, error) {
	f := &Fonts{files: map[string][]byte{}, cover: map[string]*sfnt.Font{}, names: map[string]string{
		famSans: assets.SansRegular, famSans + "-bold": assets.SansBold, famMono: assets.Mono,
		famMath: assets.Math, famSym: assets.Symbols, famCJK: assets.CJK, famCJKCommon: assets.CJKCommon,
	}}
	if cjkOverride != nil {
		parsed, err := sfnt.Parse(cjkOverride)
		if err != nil {
			return nil, fmt.Errorf("font file: not a TrueType font (a .ttc collection cannot be used): %w", err)
		}
		f.files[famCJK], f.cover[famCJK] = cjkOverride, parsed
		f.cover[famCJKCommon] = nil // the user's font draws every CJK character
	}
	if f.font(famSans) == nil {
		return nil, fmt.Errorf("embedded font %s cannot be read", assets.SansRegular)
	}
	return f, nil
}

// file returns a family's TrueType data, reading the embedded file the
// first time it is needed (a packet in Latin script never reads the 4 MB
// CJK font).
func (f *Fonts) file(fam string) []byte {
	if b, ok := f.files[fam]; ok {
		return b
	}
	b, err := fs.ReadFile(assets.Fonts, f.names[fam])
	if err != nil {
		b = nil
	}
	f.files[fam] = b
	return b
}

// font returns a family's parsed font, to test which characters it has.
func (f *Fonts) font(fam string) *sfnt.Font {
	if p, ok := f.cover[fam]; ok {
		return p
	}
	p, err := sfnt.Parse(f.file(fam))
	if err != nil {
		p = nil
	}
	f.cover[fam] = p
	return p
}

// register adds a font to a document. Fonts are added when first used:
// parsing the 4 MB CJK font costs a document that has no Chinese text.
func (f *Fonts) register(pdf *fpdf.Fpdf, fam string, bold bool) {
	if bold {
		pdf.AddUTF8FontFromBytes(fam, "B", f.file(fam+"-bold"))
		return
	}
	pdf.AddUTF8FontFromBytes(fam, "", f.file(fam))
}

func (f *Fonts) has(fam string, r rune) bool {
	k := famRune{fam, r}
	if ok, known := f.seen[k]; known {
		return ok
	}
	font := f.font(fam)
	if font == nil {
		return false
	}
	gi, err := font.GlyphIndex(&f.buf, r)
	ok := err == nil && gi != 0
	if f.seen == nil {
		f.seen = map[famRune]bool{}
	}
	f.seen[k] = ok
	return ok
}

// run is a piece of text drawn in one font.
type run struct {
	fam  string
	text string
}

// split cuts s into runs, each in prefer when it has the glyph, else in the
// first of the fallbacks that has it. A character no font has is replaced
// by "[U+XXXX]" and reported to missing.
func (f *Fonts) split(s string, prefer string, missing map[rune]bool) []run {
	var out []run
	var cur strings.Builder
	curFam := ""
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, run{curFam, cur.String()})
			cur.Reset()
		}
	}
	emit := func(fam, text string) {
		if fam != curFam {
			flush()
			curFam = fam
		}
		cur.WriteString(text)
	}
	for _, r := range s {
		switch {
		case r == '\t':
			r = ' '
		case unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B':
			continue
		}
		fam := ""
		if f.has(prefer, r) {
			fam = prefer
		} else {
			for _, fb := range fallbacks {
				if f.has(fb, r) {
					fam = fb
					break
				}
			}
		}
		if fam == "" {
			missing[r] = true
			emit(famSans, fmt.Sprintf("[U+%04X]", r))
			continue
		}
		emit(fam, string(r))
	}
	flush()
	return out
}

// MissingRunes formats characters no font covers, for a report.
func MissingRunes(m map[rune]bool) string {
	rs := make([]rune, 0, len(m))
	for r := range m {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%q (U+%04X)", r, r)
	}
	return strings.Join(parts, ", ")
}

// Uncovered returns the characters of texts that no embedded font can draw.
func (f *Fonts) Uncovered(texts ...string) map[rune]bool {
	missing := map[rune]bool{}
	for _, t := range texts {
		f.split(t, famSans, missing)
	}
	return missing
}
