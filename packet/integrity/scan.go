package integrity

import (
	"appealpacket/internal/digest"
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// Limits on what Read accepts from a packet, which is untrusted input.
const (
	// MaxManifestSize is the largest embedded manifest read: a packet of
	// 10,000 files has a manifest of about 3 MB.
	MaxManifestSize = 16 << 20
	// MaxFiles is the most original files a manifest may list.
	MaxFiles = 50_000
	// MaxParts is the most parts a packet may be split into.
	MaxParts = 999
	// MaxEmbeddedMarkers is the most "/EmbeddedFile" markers Read looks
	// at: each costs a few kilobytes of scanning at most.
	MaxEmbeddedMarkers = 20_000
)

// window bounds how far Read looks for the "obj" that opens the
// dictionary of an embedded file, and for the "stream" that follows it.
// The dictionaries appealpacket writes are under 200 bytes.
const window = 4096

// EmbeddedFile is a file embedded (uncompressed) in a packet.
type EmbeddedFile struct {
	SHA256 string
	Size   int64
}

// Contents is what Read finds in a packet file.
type Contents struct {
	Manifest *Manifest
	// Intact says the file is byte for byte the one the manifest was
	// sealed into: unchanged since it was sealed (by anyone who had the
	// file; the seal is not a signature).
	Intact bool
	// Embedded lists the files embedded uncompressed in the packet, the
	// manifest among them, in the order they stand in the file.
	Embedded []EmbeddedFile
}

// HasEmbedded reports whether a file with this SHA-256 is embedded.
func (c *Contents) HasEmbedded(sha string) bool {
	for _, e := range c.Embedded {
		if e.SHA256 == sha {
			return true
		}
	}
	return false
}

// ErrNoManifest means a file carries no sealed manifest appealpacket can
// read: it was not written by appealpacket, or was rewritten since.
var ErrNoManifest = errors.New("no sealed " + ManifestName + " found")

// Read reads a packet file's bytes, which are untrusted: it finds the
// embedded manifest and every file embedded uncompressed without parsing
// the PDF structure (appealpacket embeds both uncompressed), decodes and
// checks the manifest within the limits above, and checks the seal. Time
// and memory are linear in the size of pdf.
func Read(pdf []byte) (*Contents, error) {
	at, err := sealKey(pdf)
	if err != nil {
		return nil, err
	}
	embedded, manifest, err := scanEmbedded(pdf, at)
	if err != nil {
		return nil, err
	}
	if manifest == nil {
		return nil, fmt.Errorf("%w: the seal does not stand in an uncompressed embedded file", ErrNoManifest)
	}
	m, err := Decode(manifest)
	if err != nil {
		return nil, err
	}
	return &Contents{Manifest: m, Intact: Intact(pdf, m), Embedded: embedded}, nil
}

// sealKey finds the one place where the seal's key stands.
func sealKey(pdf []byte) (int, error) {
	at := bytes.Index(pdf, []byte(key))
	if at < 0 {
		return 0, ErrNoManifest
	}
	if bytes.Contains(pdf[at+len(key):], []byte(key)) {
		return 0, fmt.Errorf("%w: the seal's key appears more than once in the file", ErrNoManifest)
	}
	return at, nil
}

// scanEmbedded walks the "/EmbeddedFile" streams of pdf, hashing each
// one's content and skipping over it, and returns them with the content of
// the one that holds the byte at offset sealAt (the manifest).
func scanEmbedded(pdf []byte, sealAt int) ([]EmbeddedFile, []byte, error) {
	marker := []byte("/EmbeddedFile")
	var files []EmbeddedFile
	var manifest []byte
	markers := 0
	for pos := 0; pos < len(pdf); {
		i := bytes.Index(pdf[pos:], marker)
		if i < 0 {
			break
		}
		i += pos
		pos = i + 1
		end := i + len(marker)
		if end < len(pdf) && regular(pdf[end]) {
			continue // "/EmbeddedFiles", the name tree
		}
		if markers++; markers > MaxEmbeddedMarkers {
			return nil, nil, fmt.Errorf("the file has more than %d embedded-file markers: not a packet appealpacket wrote", MaxEmbeddedMarkers)
		}
		start, stop, ok := embeddedStream(pdf, i)
		if !ok {
			continue
		}
		data := pdf[start:stop]
		if start <= sealAt && sealAt < stop {
			if len(data) > MaxManifestSize {
				return nil, nil, fmt.Errorf("%s is %d bytes, over the %d-byte limit", ManifestName, len(data), MaxManifestSize)
			}
			manifest = data
		}
		files = append(files, EmbeddedFile{SHA256: digest.Hex(data), Size: int64(len(data))})
		pos = stop // past the marker: the stream follows its dictionary
	}
	return files, manifest, nil
}

// embeddedStream returns the content of the uncompressed embedded-file
// stream whose dictionary holds the marker at offset i, if that is what
// stands there: "N G obj", a dictionary with /Type /EmbeddedFile, a direct
// /Length and no /Filter, "stream", Length bytes, "endstream".
func embeddedStream(pdf []byte, i int) (start, stop int, ok bool) {
	from := max(0, i-window)
	obj := bytes.LastIndex(pdf[from:i], []byte("obj"))
	if obj < 0 {
		return 0, 0, false
	}
	p := &lexer{b: pdf[:min(len(pdf), i+window)], i: from + obj + len("obj")}
	p.space()
	dict, ok := p.dict()
	if !ok || p.i <= i || dict["Type"] != (value{kind: kindName, name: "EmbeddedFile"}) {
		return 0, 0, false // not a dictionary, or one that ends before the marker
	}
	if _, compressed := dict["Filter"]; compressed {
		return 0, 0, false
	}
	length, ok := dict["Length"]
	if !ok || length.kind != kindInt || length.n < 0 || length.n > int64(len(pdf)) {
		return 0, 0, false
	}
	p.space()
	if !p.keyword("stream") {
		return 0, 0, false
	}
	switch {
	case p.i+1 < len(pdf) && pdf[p.i] == '\r' && pdf[p.i+1] == '\n':
		p.i += 2
	case p.i < len(pdf) && pdf[p.i] == '\n':
		p.i++
	default:
		return 0, 0, false
	}
	start, stop = p.i, p.i+int(length.n)
	if stop > len(pdf) {
		return 0, 0, false
	}
	rest := pdf[stop:min(len(pdf), stop+len("\r\nendstream"))]
	rest = bytes.TrimLeft(rest, "\r\n")
	if !bytes.HasPrefix(rest, []byte("endstream")) {
		return 0, 0, false
	}
	return start, stop, true
}

// regular reports whether c is a PDF regular character (not white space
// or a delimiter).
func regular(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}

// value is a direct object of a dictionary, as far as Read needs it.
type value struct {
	kind int
	name string // kindName
	n    int64  // kindInt
}

const (
	kindOther = iota
	kindName
	kindInt
)

// maxDepth bounds nested dictionaries and arrays.
const maxDepth = 32

// lexer reads PDF objects from b, never past its end.
type lexer struct {
	b     []byte
	i     int
	depth int
}

// space skips white space and comments.
func (p *lexer) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case 0, '\t', '\n', '\f', '\r', ' ':
			p.i++
		case '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

// keyword consumes kw if it stands at the current position, followed by a
// non-regular character.
func (p *lexer) keyword(kw string) bool {
	if !bytes.HasPrefix(p.b[p.i:], []byte(kw)) {
		return false
	}
	if j := p.i + len(kw); j < len(p.b) && regular(p.b[j]) {
		return false
	}
	p.i += len(kw)
	return true
}

// dict reads "<< /Key value ... >>" and returns its top-level entries.
func (p *lexer) dict() (map[string]value, bool) {
	if !bytes.HasPrefix(p.b[p.i:], []byte("<<")) || p.depth >= maxDepth {
		return nil, false
	}
	p.i += 2
	p.depth++
	defer func() { p.depth-- }()
	out := map[string]value{}
	for {
		p.space()
		if bytes.HasPrefix(p.b[p.i:], []byte(">>")) {
			p.i += 2
			return out, true
		}
		if p.i >= len(p.b) || p.b[p.i] != '/' {
			return nil, false
		}
		k := p.name()
		p.space()
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		out[k] = v
	}
}

// name reads "/Name" (the slash at the current position).
func (p *lexer) name() string {
	p.i++
	j := p.i
	for p.i < len(p.b) && regular(p.b[p.i]) {
		p.i++
	}
	return string(p.b[j:p.i])
}

// value reads one object; an indirect reference "N G R" is kindOther.
func (p *lexer) value() (value, bool) {
	if p.i >= len(p.b) {
		return value{}, false
	}
	switch c := p.b[p.i]; {
	case c == '/':
		return value{kind: kindName, name: p.name()}, true
	case c == '<' && bytes.HasPrefix(p.b[p.i:], []byte("<<")):
		_, ok := p.dict()
		return value{}, ok
	case c == '<':
		end := bytes.IndexByte(p.b[p.i:], '>')
		if end < 0 {
			return value{}, false
		}
		p.i += end + 1
		return value{}, true
	case c == '(':
		return value{}, p.literal()
	case c == '[':
		return value{}, p.array()
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	case regular(c):
		for p.i < len(p.b) && regular(p.b[p.i]) {
			p.i++
		}
		return value{}, true // true, false, null
	}
	return value{}, false
}

// number reads a number, or an indirect reference "N G R".
func (p *lexer) number() (value, bool) {
	j := p.i
	for p.i < len(p.b) && regular(p.b[p.i]) {
		p.i++
	}
	n, err := strconv.ParseInt(string(p.b[j:p.i]), 10, 64)
	if err != nil {
		_, ferr := strconv.ParseFloat(string(p.b[j:p.i]), 64)
		return value{}, ferr == nil
	}
	save := p.i
	p.space()
	g := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	if p.i > g {
		p.space()
		if p.keyword("R") {
			return value{}, true
		}
	}
	p.i = save
	return value{kind: kindInt, n: n}, true
}

// literal reads a "(string)" with balanced parentheses and escapes.
func (p *lexer) literal() bool {
	depth := 0
	for ; p.i < len(p.b); p.i++ {
		switch p.b[p.i] {
		case '\\':
			p.i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				p.i++
				return true
			}
		}
	}
	return false
}

// array reads "[ ... ]".
func (p *lexer) array() bool {
	if p.depth >= maxDepth {
		return false
	}
	p.depth++
	defer func() { p.depth-- }()
	p.i++
	for {
		p.space()
		if p.i >= len(p.b) {
			return false
		}
		if p.b[p.i] == ']' {
			p.i++
			return true
		}
		if _, ok := p.value(); !ok {
			return false
		}
	}
}
