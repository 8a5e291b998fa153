package pdfsrc

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file reads just enough of PDF content streams and ToUnicode CMaps to
// find cue words: the string operands of the text-showing operators, and
// the code → Unicode tables of fonts. It works on bytes already decoded by
// pdfcpu, never panics, and bounds its work by the input's length and the
// max* constants.

// Limits on the work done for one PDF.
const (
	maxCMapEntries = 1 << 16 // bfchar entries kept from one CMap
	maxCMapRanges  = 1 << 12 // bfrange entries kept from one CMap
	maxRangeArray  = 1 << 12 // destinations listed in one bfrange array
	maxOperands    = 64      // operands kept before an operator
	maxArrayItems  = 1 << 14 // items kept in one array operand
)

// tokKind is the kind of a content-stream token.
type tokKind int

const (
	tokEOF tokKind = iota
	tokNumber
	tokString // literal (...) or hex <...>: value holds the bytes
	tokName   // /Name: value holds the name without the slash
	tokOp     // an operator or keyword (Tj, BT, beginbfchar, true ...)
	tokArrayOpen
	tokArrayClose
	tokDictOpen
	tokDictClose
)

type token struct {
	kind  tokKind
	value []byte
}

// lexer splits PDF content (or CMap) bytes into tokens.
type lexer struct {
	data []byte
	pos  int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// next returns the next token; every call consumes at least one byte
// unless it returns tokEOF, so a loop over next always ends.
func (l *lexer) next() token {
	for {
		for l.pos < len(l.data) {
			c := l.data[l.pos]
			if isSpace(c) {
				l.pos++
				continue
			}
			if c == '%' {
				for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
					l.pos++
				}
				continue
			}
			break
		}
		if l.pos >= len(l.data) {
			return token{kind: tokEOF}
		}
		c := l.data[l.pos]
		switch c {
		case '(':
			return token{kind: tokString, value: l.literal()}
		case '<':
			if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
				l.pos += 2
				return token{kind: tokDictOpen}
			}
			return token{kind: tokString, value: l.hex()}
		case '>':
			l.pos++
			if l.pos < len(l.data) && l.data[l.pos] == '>' {
				l.pos++
				return token{kind: tokDictClose}
			}
			continue // a stray '>'
		case '[':
			l.pos++
			return token{kind: tokArrayOpen}
		case ']':
			l.pos++
			return token{kind: tokArrayClose}
		case '{', '}', ')':
			l.pos++
			continue
		case '/':
			l.pos++
			start := l.pos
			for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
				l.pos++
			}
			return token{kind: tokName, value: l.data[start:l.pos]}
		}
		start := l.pos
		for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
			l.pos++
		}
		word := l.data[start:l.pos]
		if c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
			return token{kind: tokNumber, value: word}
		}
		return token{kind: tokOp, value: word}
	}
}

// literal reads a (...) string with nested parentheses and escapes.
func (l *lexer) literal() []byte {
	l.pos++ // '('
	var out []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out
			}
		case '\\':
			if l.pos >= len(l.data) {
				return out
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; k++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// hex reads a <...> string.
func (l *lexer) hex() []byte {
	l.pos++ // '<'
	var out []byte
	hi, half := byte(0), false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := hexVal(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// operand is one operand of a content-stream operator: a string, a name, a
// number, or an array of those (TJ).
type operand struct {
	tok   token
	array []token
}

// scanOps calls fn for every operator of content with its operands. It skips
// inline image data (BI ... ID <binary> EI: fn sees BI without operands)
// and dictionaries.
func scanOps(content []byte, fn func(op string, args []operand) bool) {
	l := &lexer{data: content}
	var args []operand
	for {
		t := l.next()
		switch t.kind {
		case tokEOF:
			return
		case tokArrayOpen:
			var items []token
			for {
				it := l.next()
				if it.kind == tokEOF || it.kind == tokArrayClose {
					break
				}
				if it.kind == tokArrayOpen || it.kind == tokDictOpen || it.kind == tokDictClose || it.kind == tokOp {
					continue // nested structures do not occur in TJ arrays
				}
				if len(items) < maxArrayItems {
					items = append(items, it)
				}
			}
			if len(args) < maxOperands {
				args = append(args, operand{array: items, tok: token{kind: tokArrayOpen}})
			}
		case tokDictOpen:
			skipDict(l)
			if len(args) < maxOperands {
				args = append(args, operand{tok: token{kind: tokDictOpen}})
			}
		case tokOp:
			op := string(t.value)
			if op == "BI" {
				if !fn(op, nil) { // an inline image: fn sees only that there is one
					return
				}
				skipInlineImage(l)
				args = args[:0]
				continue
			}
			if !fn(op, args) {
				return
			}
			args = args[:0]
		default:
			if len(args) < maxOperands {
				args = append(args, operand{tok: t})
			}
		}
	}
}

// skipDict skips to the end of a dictionary whose "<<" was just read.
func skipDict(l *lexer) {
	depth := 1
	for depth > 0 {
		switch l.next().kind {
		case tokEOF:
			return
		case tokDictOpen:
			depth++
		case tokDictClose:
			depth--
		}
	}
}

// skipInlineImage skips an inline image after BI: its dictionary up to ID,
// then binary data up to an EI that stands alone between white space.
func skipInlineImage(l *lexer) {
	for {
		t := l.next()
		if t.kind == tokEOF {
			return
		}
		if t.kind == tokOp && string(t.value) == "ID" {
			break
		}
	}
	l.pos++ // the single white-space byte after ID
	for i := l.pos; i+1 < len(l.data); i++ {
		if l.data[i] == 'E' && l.data[i+1] == 'I' && (i == 0 || isSpace(l.data[i-1])) &&
			(i+2 >= len(l.data) || isSpace(l.data[i+2]) || isDelim(l.data[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.data)
}

// cmap maps character codes of a font to Unicode text, from a ToUnicode
// CMap (bfchar and bfrange) and its code space ranges.
type cmap struct {
	space  []codeRange       // codespace ranges: byte length of codes
	chars  map[uint64]string // bfchar, by charKey
	ranges []bfRange         // bfrange
	lens   map[int]bool      // code lengths that occur in chars and ranges
}

// charKey keys a code by its length too: <01> and <0001> differ.
func charKey(v uint32, n int) uint64 { return uint64(n)<<32 | uint64(v) }

type codeRange struct {
	n      int // bytes
	lo, hi []byte
}

type bfRange struct {
	n      int // code length in bytes
	lo, hi uint32
	dst    []uint16 // first destination (UTF-16), incremented along the range
	array  []string // or one destination per code
}

// parseCMap reads the codespace ranges, bfchar and bfrange sections of a
// CMap. Anything else is ignored; malformed entries are skipped.
func parseCMap(data []byte) *cmap {
	c := &cmap{chars: map[uint64]string{}, lens: map[int]bool{}}
	l := &lexer{data: data}
	for {
		t := l.next()
		if t.kind == tokEOF {
			slices.SortStableFunc(c.ranges, func(a, b bfRange) int {
				return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.lo, b.lo))
			})
			return c
		}
		if t.kind != tokOp {
			continue
		}
		switch string(t.value) {
		case "begincodespacerange":
			for {
				lo := l.next()
				if lo.kind != tokString {
					break
				}
				hi := l.next()
				if hi.kind != tokString {
					break
				}
				if n := len(lo.value); n >= 1 && n <= 4 && len(hi.value) == n && len(c.space) < 64 {
					c.space = append(c.space, codeRange{n: n, lo: lo.value, hi: hi.value})
				}
			}
		case "beginbfchar":
			for {
				src := l.next()
				if src.kind != tokString {
					break
				}
				dst := l.next()
				if dst.kind != tokString && dst.kind != tokName {
					break
				}
				if n := len(src.value); n >= 1 && n <= 4 && len(c.chars) < maxCMapEntries {
					c.chars[charKey(code(src.value), n)] = utf16Text(dst.value, dst.kind == tokName)
					c.lens[n] = true
				}
			}
		case "beginbfrange":
			for {
				lo := l.next()
				if lo.kind != tokString {
					break
				}
				hi := l.next()
				if hi.kind != tokString {
					break
				}
				r := bfRange{n: len(lo.value), lo: code(lo.value), hi: code(hi.value)}
				ok := r.n >= 1 && r.n <= 4 && len(hi.value) == r.n && r.lo <= r.hi
				d := l.next()
				switch d.kind {
				case tokString:
					r.dst = utf16Units(d.value)
					ok = ok && len(r.dst) > 0
				case tokArrayOpen:
					for {
						it := l.next()
						if it.kind != tokString && it.kind != tokName {
							break // ']' or garbage ends the array
						}
						if len(r.array) < maxRangeArray {
							r.array = append(r.array, utf16Text(it.value, it.kind == tokName))
						}
					}
					ok = ok && len(r.array) > 0
				default:
					ok = false
				}
				if ok && len(c.ranges) < maxCMapRanges {
					c.ranges = append(c.ranges, r)
					c.lens[r.n] = true
				}
				if d.kind != tokString && d.kind != tokArrayOpen {
					break
				}
			}
		}
	}
}

// code is the big-endian value of a code's bytes (at most 4).
func code(b []byte) uint32 {
	var v uint32
	for _, x := range b[:min(len(b), 4)] {
		v = v<<8 | uint32(x)
	}
	return v
}

// utf16Units reads big-endian UTF-16 code units; an odd last byte is dropped.
func utf16Units(b []byte) []uint16 {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return u
}

// utf16Text decodes a bfchar destination: UTF-16BE bytes, or a glyph name
// (rarely used; kept only when it is a single printable character).
func utf16Text(b []byte, name bool) string {
	if name {
		if len(b) == 1 {
			return string(b)
		}
		return ""
	}
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	return string(utf16.Decode(utf16Units(b)))
}

// codeLen returns the length of the code starting at b[0] by the code space
// ranges, or 0 when none matches.
func (c *cmap) codeLen(b []byte) int {
	for _, r := range c.space {
		if len(b) < r.n {
			continue
		}
		in := true
		for k := 0; k < r.n; k++ {
			if b[k] < r.lo[k] || b[k] > r.hi[k] {
				in = false
				break
			}
		}
		if in {
			return r.n
		}
	}
	return 0
}

// lookup maps one code of n bytes.
func (c *cmap) lookup(v uint32, n int) (string, bool) {
	if s, ok := c.chars[charKey(v, n)]; ok {
		return s, true
	}
	// The range with the largest start at or below v, among codes of n
	// bytes (parseCMap sorts ranges by length, then start).
	i := sort.Search(len(c.ranges), func(i int) bool {
		r := c.ranges[i]
		return r.n > n || (r.n == n && r.lo > v)
	}) - 1
	if i >= 0 {
		r := c.ranges[i]
		if r.n != n || v > r.hi {
			return "", false
		}
		off := v - r.lo
		if r.array != nil {
			if int(off) < len(r.array) {
				return r.array[off], true
			}
			return "", true
		}
		if len(r.dst) == 0 {
			return "", true
		}
		u := append([]uint16(nil), r.dst...)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// font is how the codes of a font's strings become text.
type font struct {
	toUnicode *cmap
	diffs     map[byte]string // a simple font's /Differences, as text
	wide      bool            // codes are 2 bytes when no code space says otherwise (Type0)
	utf16     bool            // a predefined UCS-2/UTF-16 CMap encoding: codes are Unicode
}

// decode turns the bytes of a shown string into text.
func (f *font) decode(b []byte, out []byte) []byte {
	switch {
	case f == nil:
		return appendLatin1(out, b)
	case f.utf16:
		return append(out, string(utf16.Decode(utf16Units(b)))...)
	}
	return f.decodeCodes(b, out)
}

func (f *font) decodeCodes(b []byte, out []byte) []byte {
	cm := f.toUnicode
	for i := 0; i < len(b); {
		// A simple font's codes are one byte whatever its ToUnicode CMap's
		// code space says (producers often write <0000> <FFFF> there).
		n := 1
		if f.wide && cm != nil {
			n = cm.codeLen(b[i:])
		}
		if f.wide && n == 0 {
			n = 2
			if cm != nil && len(cm.space) == 0 {
				// No code space: use the length the mappings use.
				switch {
				case cm.lens[2] && !cm.lens[1]:
					n = 2
				case cm.lens[1] && !cm.lens[2]:
					n = 1
				}
			}
		}
		n = min(n, len(b)-i)
		v := code(b[i : i+n])
		i += n
		if cm != nil {
			if s, ok := cm.lookup(v, n); ok {
				out = append(out, s...)
				continue
			}
		}
		if !f.wide {
			if t, ok := f.diffs[byte(v)]; ok {
				out = append(out, t...)
				continue
			}
			out = appendLatin1(out, []byte{byte(v)})
		}
		// A wide code with no mapping is a glyph ID: nothing to show.
	}
	return out
}

// appendLatin1 appends b read as Windows-1252 (a superset of Latin-1 for
// printable text, and what simple fonts usually use).
func appendLatin1(out, b []byte) []byte {
	for _, c := range b {
		r := rune(c)
		if c >= 0x80 && c < 0xA0 {
			r = cp1252[c-0x80]
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

var cp1252 = [32]rune{
	'€', ' ', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', ' ', 'Ž', ' ',
	' ', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', ' ', 'ž', 'Ÿ',
}

// textSink collects extracted text up to limit bytes.
type textSink struct {
	out   []byte
	limit int
	// work counts the content bytes and character codes read, so that a
	// document with little visible text cannot make the reading long.
	work int
	// The baseline of the text shown last (lastY, when shown is set) and
	// of the text position now (y): text shown on another baseline starts
	// a new line, text moved to along the same baseline (a run of another
	// font, a word placed on its own) is parted from it by a space.
	y, lastY     float64
	shown, moved bool
}

// maxWork bounds textSink.work for one document.
const maxWork = 64 << 20

func (s *textSink) full() bool { return len(s.out) >= s.limit || s.work >= maxWork }

func (s *textSink) newline() {
	if len(s.out) > 0 && s.out[len(s.out)-1] != '\n' {
		s.out = append(s.out, '\n')
	}
	s.shown, s.moved = false, false
}

// baselineTolerance is how far (in text space units) two runs' baselines
// may differ and still be one line.
const baselineTolerance = 0.5

// beginShow is called before text is shown: a new line when the baseline
// changed since the text shown last, a space when the text moved along it.
func (s *textSink) beginShow() {
	switch {
	case !s.shown:
	case math.Abs(s.y-s.lastY) > baselineTolerance:
		s.newline()
	case s.moved && len(s.out) > 0 && s.out[len(s.out)-1] != ' ' && s.out[len(s.out)-1] != '\n':
		s.out = append(s.out, ' ')
	}
	s.shown, s.moved, s.lastY = true, false, s.y
}

// number returns operand i of args as a number, and whether it is one.
func number(args []operand, i int) (float64, bool) {
	if i >= len(args) || args[i].tok.kind != tokNumber {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(args[i].tok.value), 64)
	return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

// showText appends the text of a content stream's text-showing operators
// (Tj, TJ, ' and ") to s, choosing each string's font by Tf through fonts,
// and calls form for every Do operand (a form XObject to read too). Text
// shown on another baseline (Tm, Td, TD, T*, ', ") starts a new line; text
// moved to along the same baseline, or after a TJ gap wider than a space,
// follows a space: a line drawn in several runs (a label and its value, a
// Latin run and a CJK run) is read as one line. It stops once s is full.
func showText(content []byte, fonts func(name string) *font, form func(name string), s *textSink) {
	s.work += len(content)
	var cur *font
	scanOps(content, func(op string, args []operand) bool {
		switch op {
		case "Tf":
			if len(args) >= 1 && args[0].tok.kind == tokName {
				cur = fonts(string(args[0].tok.value))
			}
		case "Tj", "'", `"`:
			if op != "Tj" {
				s.newline()
				s.y-- // the next line, wherever its leading puts it
			}
			s.beginShow()
			if n := len(args); n >= 1 && args[n-1].tok.kind == tokString {
				s.work += len(args[n-1].tok.value)
				s.out = cur.decode(args[n-1].tok.value, s.out)
			}
		case "TJ":
			s.beginShow()
			if len(args) >= 1 && args[len(args)-1].tok.kind == tokArrayOpen {
				for _, it := range args[len(args)-1].array {
					switch it.kind {
					case tokString:
						s.work += len(it.value)
						s.out = cur.decode(it.value, s.out)
					case tokNumber:
						if v, err := strconv.ParseFloat(string(it.value), 64); err == nil && v < -200 {
							s.out = append(s.out, ' ')
						}
					}
				}
			}
		case "BT":
			s.y, s.moved = 0, true // the text matrix starts again at the origin
		case "Td", "TD":
			if ty, ok := number(args, 1); ok && len(args) == 2 {
				s.y += ty
			} else {
				s.y--
			}
			s.moved = true
		case "Tm":
			if f, ok := number(args, 5); ok && len(args) == 6 {
				s.y = f
			} else {
				s.y--
			}
			s.moved = true
		case "T*":
			s.y--
			s.moved = true
		case "Do":
			if len(args) >= 1 && args[0].tok.kind == tokName && form != nil {
				s.newline() // a form draws in its own space
				form(string(args[0].tok.value))
				s.newline()
			}
		}
		return !s.full()
	})
}

// glyphText returns the text of a glyph name from an /Encoding
// /Differences array: single letters, digits, ligatures, common
// punctuation and uniXXXX names; ok is false for other names.
func glyphText(name string) (string, bool) {
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return name, true
	}
	if t, ok := glyphNames[name]; ok {
		return t, true
	}
	if hexs, ok := strings.CutPrefix(name, "uni"); ok && len(hexs) == 4 {
		if v, err := strconv.ParseUint(hexs, 16, 16); err == nil {
			return string(rune(v)), true
		}
	}
	return "", false
}

var glyphNames = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
	"space": " ", "period": ".", "comma": ",", "colon": ":", "semicolon": ";", "hyphen": "-", "endash": "–", "emdash": "—",
	"parenleft": "(", "parenright": ")", "slash": "/", "ampersand": "&", "quotesingle": "'", "quoteright": "’", "quoteleft": "‘",
	"quotedblleft": "“", "quotedblright": "”", "quotedbl": "\"", "exclam": "!", "question": "?", "at": "@", "numbersign": "#",
	"percent": "%", "dollar": "$", "underscore": "_", "registered": "®", "trademark": "™", "copyright": "©", "bullet": "•",
	"fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl",
	"eacute": "é", "egrave": "è", "agrave": "à", "ccedilla": "ç", "udieresis": "ü", "odieresis": "ö", "adieresis": "ä", "germandbls": "ß",
}

// differences reads an /Encoding /Differences array: a code, then the glyph
// names of that code and the ones after it.
func differences(arr []any) map[byte]string {
	out := map[byte]string{}
	c := -1
	for _, it := range arr {
		switch v := it.(type) {
		case int:
			c = v
		case string:
			if c >= 0 && c <= 255 {
				if t, ok := glyphText(v); ok {
					out[byte(c)] = t
				}
				c++
			}
		}
	}
	return out
}
