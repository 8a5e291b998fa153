package sign

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// This file is a small reader of PDF syntax: enough to follow classic
// cross-reference tables from revision to revision and to read the
// dictionaries that signing touches (trailer, catalog, pages, AcroForm,
// signatures). It never decodes streams, works on bytes in memory, keeps
// the byte span of every value so that signing can copy entries it does
// not change verbatim, and bounds nesting, so hostile input costs at most
// a pass over the file.

// ErrSyntax wraps the PDF syntax errors of this package.
var ErrSyntax = errors.New("PDF syntax")

func syntaxErr(at int, format string, args ...any) error {
	return fmt.Errorf("%w at byte %d: %s", ErrSyntax, at, fmt.Sprintf(format, args...))
}

type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kName
	kString
	kArray
	kDict
	kRef
)

// objRef is an indirect reference.
type objRef struct{ num, gen int }

func (r objRef) String() string { return fmt.Sprintf("%d %d R", r.num, r.gen) }

// value is a parsed PDF object with its span in the source.
type value struct {
	kind       kind
	start, end int
	num        float64
	isInt      bool
	b          bool
	s          string // a name (without '/') or a string's decoded bytes
	ref        objRef
	items      []value // array
	keys       []string
	vals       []value // dictionary, in source order
}

func (v value) get(key string) (value, bool) {
	for i, k := range v.keys {
		if k == key {
			return v.vals[i], true
		}
	}
	return value{}, false
}

func (v value) name(key string) string {
	if x, ok := v.get(key); ok && x.kind == kName {
		return x.s
	}
	return ""
}

func (v value) intValue() (int, bool) {
	if v.kind != kNumber || !v.isInt || v.num < -1e15 || v.num > 1e15 {
		return 0, false
	}
	return int(v.num), true
}

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 64

type parser struct {
	src []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// keyword reads a run of regular characters.
func (p *parser) keyword() string {
	start := p.pos
	for p.pos < len(p.src) && !isSpace(p.src[p.pos]) && !isDelim(p.src[p.pos]) {
		p.pos++
	}
	return string(p.src[start:p.pos])
}

// value parses one object at the current position. Integers followed by
// "G R" become references.
func (p *parser) value(depth int) (value, error) {
	if depth > maxDepth {
		return value{}, syntaxErr(p.pos, "nested deeper than %d", maxDepth)
	}
	p.skipSpace()
	if p.pos >= len(p.src) {
		return value{}, syntaxErr(p.pos, "unexpected end")
	}
	start := p.pos
	c := p.src[p.pos]
	switch {
	case c == '/':
		p.pos++
		raw := p.keyword()
		n, err := decodeName(raw)
		if err != nil {
			return value{}, syntaxErr(start, "%v", err)
		}
		return value{kind: kName, s: n, start: start, end: p.pos}, nil
	case c == '(':
		s, err := p.literalString()
		if err != nil {
			return value{}, err
		}
		return value{kind: kString, s: s, start: start, end: p.pos}, nil
	case c == '<' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '<':
		p.pos += 2
		v := value{kind: kDict, start: start}
		for {
			p.skipSpace()
			if p.pos+1 < len(p.src) && p.src[p.pos] == '>' && p.src[p.pos+1] == '>' {
				p.pos += 2
				v.end = p.pos
				return v, nil
			}
			k, err := p.value(depth + 1)
			if err != nil {
				return value{}, err
			}
			if k.kind != kName {
				return value{}, syntaxErr(k.start, "a dictionary key is not a name")
			}
			val, err := p.value(depth + 1)
			if err != nil {
				return value{}, err
			}
			if slices.Contains(v.keys, k.s) {
				return value{}, syntaxErr(k.start, "key /%s twice in a dictionary", k.s)
			}
			v.keys = append(v.keys, k.s)
			v.vals = append(v.vals, val)
		}
	case c == '<':
		s, err := p.hexString()
		if err != nil {
			return value{}, err
		}
		return value{kind: kString, s: s, start: start, end: p.pos}, nil
	case c == '[':
		p.pos++
		v := value{kind: kArray, start: start}
		for {
			p.skipSpace()
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				p.pos++
				v.end = p.pos
				return v, nil
			}
			item, err := p.value(depth + 1)
			if err != nil {
				return value{}, err
			}
			v.items = append(v.items, item)
		}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		word := p.keyword()
		f, err := strconv.ParseFloat(word, 64)
		if err != nil {
			return value{}, syntaxErr(start, "bad number %q", word)
		}
		v := value{kind: kNumber, num: f, isInt: !strings.Contains(word, "."), start: start, end: p.pos}
		// "num gen R" is a reference.
		if v.isInt && f >= 0 {
			save := p.pos
			p.skipSpace()
			gstart := p.pos
			g := p.keyword()
			if gen, err := strconv.Atoi(g); err == nil && gen >= 0 && p.pos > gstart && g[0] != '+' && g[0] != '-' {
				p.skipSpace()
				if p.keyword() == "R" {
					return value{kind: kRef, ref: objRef{int(f), gen}, start: start, end: p.pos}, nil
				}
			}
			p.pos = save
		}
		return v, nil
	}
	word := p.keyword()
	switch word {
	case "true", "false":
		return value{kind: kBool, b: word == "true", start: start, end: p.pos}, nil
	case "null":
		return value{kind: kNull, start: start, end: p.pos}, nil
	case "":
		return value{}, syntaxErr(start, "unexpected %q", c)
	}
	return value{}, syntaxErr(start, "unexpected keyword %q", word)
}

func decodeName(raw string) (string, error) {
	if !strings.Contains(raw, "#") {
		return raw, nil
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' {
			if i+2 >= len(raw) {
				return "", errors.New("bad #-escape in a name")
			}
			n, err := strconv.ParseUint(raw[i+1:i+3], 16, 8)
			if err != nil {
				return "", errors.New("bad #-escape in a name")
			}
			b.WriteByte(byte(n))
			i += 2
			continue
		}
		b.WriteByte(raw[i])
	}
	return b.String(), nil
}

// literalString reads a literal string. Its value is the raw bytes
// between the parentheses, escapes left as they are: enough for dates and
// for comparing two versions of an object.
func (p *parser) literalString() (string, error) {
	start := p.pos
	p.pos++ // (
	depth := 1
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '\\':
			p.pos++ // the escaped character neither opens nor closes
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				p.pos++
				return string(p.src[start+1 : p.pos-1]), nil
			}
		}
		p.pos++
	}
	return "", syntaxErr(start, "unterminated string")
}

func (p *parser) hexString() (string, error) {
	start := p.pos
	end := bytes.IndexByte(p.src[p.pos:], '>')
	if end < 0 {
		return "", syntaxErr(start, "unterminated hex string")
	}
	digits := bytes.Clone(p.src[p.pos+1 : p.pos+end])
	p.pos += end + 1
	digits = slices.DeleteFunc(digits, isSpace)
	if len(digits)%2 == 1 {
		digits = append(digits, '0') // a missing last digit is 0
	}
	out := make([]byte, len(digits)/2)
	if _, err := hex.Decode(out, digits); err != nil {
		return "", syntaxErr(start, "bad hex string: %v", err)
	}
	return string(out), nil
}

// object is an indirect object as written in one revision.
type object struct {
	ref    objRef
	offset int   // of "N G obj"
	val    value // the object's value
	stream bool  // a stream follows the dictionary
}

// readObject parses the indirect object at offset, which must be ref.
func readObject(src []byte, offset int, ref objRef) (*object, error) {
	if offset < 0 || offset >= len(src) {
		return nil, syntaxErr(offset, "object %v is outside the file", ref)
	}
	p := &parser{src: src, pos: offset}
	num, gen, kw := p.keyword(), "", ""
	p.skipSpace()
	gen = p.keyword()
	p.skipSpace()
	kw = p.keyword()
	if num != strconv.Itoa(ref.num) || gen != strconv.Itoa(ref.gen) || kw != "obj" {
		return nil, syntaxErr(offset, "object %v is not where the cross-reference table says", ref)
	}
	v, err := p.value(0)
	if err != nil {
		return nil, fmt.Errorf("object %v: %w", ref, err)
	}
	p.skipSpace()
	o := &object{ref: ref, offset: offset, val: v}
	switch p.keyword() {
	case "endobj":
	case "stream":
		if v.kind != kDict {
			return nil, syntaxErr(p.pos, "object %v: a stream without a dictionary", ref)
		}
		o.stream = true
	default:
		return nil, syntaxErr(p.pos, "object %v: no endobj", ref)
	}
	return o, nil
}

// revision is one section of a file's cross-reference chain: the original
// file or one incremental update.
type revision struct {
	xrefAt  int            // offset of its "xref" keyword
	end     int            // offset just after its %%EOF line
	entries map[int]xentry // the objects this section defines or frees
	trailer value
}

type xentry struct {
	offset, gen int
	free        bool
}

// document is a parsed cross-reference chain, oldest revision first.
type document struct {
	src       []byte
	revisions []*revision
}

// maxRevisions bounds the /Prev chain.
const maxRevisions = 1000

// parseDocument follows startxref and /Prev from the end of src. Only
// classic cross-reference tables are read: appealpacket writes no other,
// and a file with cross-reference streams was rewritten by another tool.
func parseDocument(src []byte) (*document, error) {
	tail := src[max(0, len(src)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, syntaxErr(len(src), "no startxref at the end of the file")
	}
	p := &parser{src: tail, pos: i + len("startxref")}
	p.skipSpace()
	at, err := strconv.Atoi(p.keyword())
	if err != nil {
		return nil, syntaxErr(len(src)-len(tail)+i, "bad startxref")
	}
	d := &document{src: src}
	seen := map[int]bool{}
	for {
		if seen[at] || len(seen) >= maxRevisions {
			return nil, syntaxErr(at, "the cross-reference chain loops")
		}
		seen[at] = true
		r, err := parseXref(src, at)
		if err != nil {
			return nil, err
		}
		d.revisions = append(d.revisions, r)
		if _, ok := r.trailer.get("XRefStm"); ok {
			return nil, syntaxErr(at, "a hybrid cross-reference (XRefStm) is not supported")
		}
		prev, ok := r.trailer.get("Prev")
		if !ok {
			break
		}
		if at, ok = prev.intValue(); !ok || at < 0 {
			return nil, syntaxErr(r.xrefAt, "bad /Prev")
		}
	}
	slices.Reverse(d.revisions)
	for k, r := range d.revisions {
		if k > 0 && r.xrefAt <= d.revisions[k-1].xrefAt {
			return nil, syntaxErr(r.xrefAt, "the revisions are not in file order")
		}
		if r.end, err = eofAfter(src, r.xrefAt); err != nil {
			return nil, err
		}
		if k > 0 && r.xrefAt < d.revisions[k-1].end {
			return nil, syntaxErr(r.xrefAt, "an update starts inside the previous revision")
		}
	}
	if d.revisions[len(d.revisions)-1].end != len(src) {
		return nil, syntaxErr(d.revisions[len(d.revisions)-1].end, "bytes after the last %%%%EOF")
	}
	return d, nil
}

// eofAfter returns the offset just after the first %%EOF line after at.
func eofAfter(src []byte, at int) (int, error) {
	i := bytes.Index(src[at:], []byte("%%EOF"))
	if i < 0 {
		return 0, syntaxErr(at, "no %%%%EOF after the cross-reference table")
	}
	end := at + i + len("%%EOF")
	if end < len(src) && src[end] == '\r' {
		end++
	}
	if end < len(src) && src[end] == '\n' {
		end++
	}
	return end, nil
}

// parseXref reads a classic cross-reference section and its trailer.
func parseXref(src []byte, at int) (*revision, error) {
	if at < 0 || at >= len(src) {
		return nil, syntaxErr(at, "startxref points outside the file")
	}
	p := &parser{src: src, pos: at}
	if p.keyword() != "xref" {
		return nil, syntaxErr(at, "no classic cross-reference table (a cross-reference stream, written by another program?)")
	}
	r := &revision{xrefAt: at, entries: map[int]xentry{}}
	for {
		p.skipSpace()
		word := p.keyword()
		if word == "trailer" {
			break
		}
		first, err1 := strconv.Atoi(word)
		p.skipSpace()
		count, err2 := strconv.Atoi(p.keyword())
		if err1 != nil || err2 != nil || first < 0 || count < 0 || count > len(src)/18 || first > 1<<24 {
			return nil, syntaxErr(p.pos, "bad cross-reference subsection")
		}
		for n := first; n < first+count; n++ {
			p.skipSpace()
			off, err1 := strconv.Atoi(p.keyword())
			p.skipSpace()
			gen, err2 := strconv.Atoi(p.keyword())
			p.skipSpace()
			typ := p.keyword()
			if err1 != nil || err2 != nil || (typ != "n" && typ != "f") || off < 0 || gen < 0 || gen > 65535 {
				return nil, syntaxErr(p.pos, "bad cross-reference entry for object %d", n)
			}
			r.entries[n] = xentry{offset: off, gen: gen, free: typ == "f"}
		}
	}
	tr, err := p.value(0)
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	if tr.kind != kDict {
		return nil, syntaxErr(tr.start, "the trailer is not a dictionary")
	}
	r.trailer = tr
	return r, nil
}

// lookup finds the latest definition of ref at or before revision k.
func (d *document) lookup(ref objRef, k int) (*object, error) {
	for ; k >= 0; k-- {
		e, ok := d.revisions[k].entries[ref.num]
		if !ok {
			continue
		}
		if e.free || e.gen != ref.gen {
			return nil, fmt.Errorf("object %v is free", ref)
		}
		return readObject(d.src, e.offset, ref)
	}
	return nil, fmt.Errorf("object %v is not in the file", ref)
}

// resolve follows a reference (at revision k); other values are returned
// as they are.
func (d *document) resolve(v value, k int) (value, error) {
	if v.kind != kRef {
		return v, nil
	}
	o, err := d.lookup(v.ref, k)
	if err != nil {
		return value{}, err
	}
	return o.val, nil
}

func (d *document) last() int { return len(d.revisions) - 1 }

// trailerRef returns a reference held by the latest trailer.
func (d *document) trailerRef(key string) (objRef, bool) {
	v, ok := d.revisions[d.last()].trailer.get(key)
	return v.ref, ok && v.kind == kRef
}

// firstPage returns the reference and dictionary of page 1 as of
// revision k.
func (d *document) firstPage(catalog value, k int) (objRef, value, error) {
	node, ok := catalog.get("Pages")
	for depth := 0; ok && depth < maxDepth; depth++ {
		if node.kind != kRef {
			break
		}
		dict, err := d.resolve(node, k)
		if err != nil {
			return objRef{}, value{}, err
		}
		switch dict.name("Type") {
		case "Page":
			return node.ref, dict, nil
		case "Pages":
			kids, _ := dict.get("Kids")
			if kids, err = d.resolve(kids, k); err != nil || kids.kind != kArray || len(kids.items) == 0 {
				return objRef{}, value{}, errors.New("a page tree node has no /Kids")
			}
			node = kids.items[0]
			continue
		}
		break
	}
	return objRef{}, value{}, errors.New("the first page is not found")
}
