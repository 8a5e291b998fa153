// Package pdfpatch edits the PDF files go-pdf/fpdf writes, at the byte
// level, without parsing them into a document model: it numbers their
// images canonically and embeds files by appending an incremental update.
// A packet without PDF exhibits thus never goes through a full PDF library
// pass, which halves the time of a rebuild.
//
// The edits rely on the layout fpdf writes (a classic cross-reference
// table, one object after another, image objects in a row, one resource
// dictionary listing every image, a catalog with an empty EmbeddedFiles
// name tree). Anything else is refused with ErrUnexpected, and the caller
// falls back to package pdfimport, which reads any PDF.
package pdfpatch

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// ErrUnexpected means the file is not laid out as fpdf writes it.
var ErrUnexpected = errors.New("pdfpatch: not a PDF laid out the way fpdf writes it")

// xref is a parsed classic cross-reference table.
type xref struct {
	offsets []int // by object number; 0 for the free object 0
	sorted  []int // the offsets in file order
	at      int   // offset of the "xref" keyword
	trailer []byte
}

var startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

func parseXref(pdf []byte) (*xref, error) {
	m := startxrefRE.FindSubmatch(pdf)
	if m == nil {
		return nil, fmt.Errorf("%w: no startxref", ErrUnexpected)
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at <= 0 || at >= len(pdf) || !bytes.HasPrefix(pdf[at:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("%w: no classic xref table at %d", ErrUnexpected, at)
	}
	rest := pdf[at+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, ErrUnexpected
	}
	n, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || n < 1 || len(rest) < nl+1+20*n {
		return nil, fmt.Errorf("%w: bad xref size", ErrUnexpected)
	}
	entries := rest[nl+1:]
	x := &xref{offsets: make([]int, n), at: at}
	for i := 0; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if i == 0 {
			continue
		}
		if e[17] != 'n' {
			return nil, fmt.Errorf("%w: free object %d", ErrUnexpected, i)
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= at {
			return nil, fmt.Errorf("%w: bad offset of object %d", ErrUnexpected, i)
		}
		x.offsets[i] = off
		if !bytes.HasPrefix(pdf[off:], []byte(strconv.Itoa(i)+" 0 obj\n")) {
			return nil, fmt.Errorf("%w: object %d is not at its offset", ErrUnexpected, i)
		}
	}
	x.sorted = slices.Clone(x.offsets[1:])
	slices.Sort(x.sorted)
	x.trailer = entries[20*n:]
	if !bytes.HasPrefix(x.trailer, []byte("trailer\n<<")) {
		return nil, fmt.Errorf("%w: no trailer", ErrUnexpected)
	}
	return x, nil
}

// span returns where object n starts and ends (the next object, or the
// xref table).
func (x *xref) span(n int) (int, int) {
	start := x.offsets[n]
	i, _ := slices.BinarySearch(x.sorted, start+1)
	if i < len(x.sorted) {
		return start, x.sorted[i]
	}
	return start, x.at
}

func (x *xref) trailerInt(key string) (int, bool) {
	re := regexp.MustCompile(`/` + key + ` (\d+)`)
	m := re.FindSubmatch(x.trailer)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	return n, err == nil
}

var imageRefRE = regexp.MustCompile(`/I([0-9a-f]+) (\d+) 0 R`)

// CanonicalImages renumbers the image objects of an fpdf-made PDF so that
// their numbers follow the order of their resource names (which fpdf
// derives from the images' content), and returns the new file. fpdf itself
// numbers images of equal width in Go map order, which varies from run to
// run. A file with no or one image is returned as it is.
func CanonicalImages(pdf []byte) ([]byte, error) {
	x, err := parseXref(pdf)
	if err != nil {
		return nil, err
	}
	if len(x.offsets) < 3 {
		return nil, ErrUnexpected
	}
	rs, re := x.span(2)
	res := pdf[rs:re]
	refs := imageRefRE.FindAllSubmatch(res, -1)
	if len(refs) < 2 {
		return pdf, nil
	}
	byName := map[string]int{}
	var names []string
	var nums []int
	for _, r := range refs {
		n, _ := strconv.Atoi(string(r[2]))
		if n <= 0 || n >= len(x.offsets) {
			return nil, fmt.Errorf("%w: image object %d", ErrUnexpected, n)
		}
		byName[string(r[1])] = n
		names = append(names, string(r[1]))
		nums = append(nums, n)
	}
	slices.Sort(names)
	slices.Sort(nums)
	// The image objects must stand in a row, in number order, and be plain
	// images (no soft mask or palette object after them).
	var bodies = map[int][]byte{}
	for i, n := range nums {
		if i > 0 && n != nums[i-1]+1 {
			return nil, fmt.Errorf("%w: image objects not consecutive", ErrUnexpected)
		}
		s, e := x.span(n)
		obj := pdf[s:e]
		header := strconv.Itoa(n) + " 0 obj\n"
		if !bytes.HasPrefix(obj, []byte(header+"<</Type /XObject\n/Subtype /Image\n")) || bytes.Contains(obj[:min(len(obj), 400)], []byte("/SMask")) ||
			bytes.Contains(obj[:min(len(obj), 400)], []byte("/Indexed")) {
			return nil, fmt.Errorf("%w: object %d is not a plain image", ErrUnexpected, n)
		}
		if i > 0 {
			if ps, _ := x.span(nums[i-1]); ps >= s {
				return nil, fmt.Errorf("%w: image objects out of order", ErrUnexpected)
			}
		}
		bodies[n] = obj[len(header):]
	}
	first, _ := x.span(nums[0])
	_, last := x.span(nums[len(nums)-1])
	if rs >= first && rs < last {
		return nil, ErrUnexpected
	}
	newNum := map[string]int{}
	for i, name := range names {
		newNum[name] = nums[i]
	}
	newOffsets := slices.Clone(x.offsets)
	newRes := imageRefRE.ReplaceAllFunc(res, func(m []byte) []byte {
		sub := imageRefRE.FindSubmatch(m)
		return []byte(fmt.Sprintf("/I%s %d 0 R", sub[1], newNum[string(sub[1])]))
	})
	delta := len(newRes) - len(res)
	// Reassemble in file order: the images in canonical order and the
	// resource dictionary are rewritten; what follows the dictionary moves
	// by delta. The result has room to spare for an attachment (Attach).
	var out bytes.Buffer
	out.Grow(len(pdf) + delta + 1<<16 + len(pdf)/8)
	writeImages := func() {
		for i, name := range names {
			n := nums[i]
			newOffsets[n] = out.Len()
			out.WriteString(strconv.Itoa(n) + " 0 obj\n")
			out.Write(bodies[byName[name]])
		}
	}
	if rs < first {
		out.Write(pdf[:rs])
		out.Write(newRes)
		out.Write(pdf[re:first])
		writeImages()
		out.Write(pdf[last:x.at])
	} else {
		out.Write(pdf[:first])
		writeImages()
		out.Write(pdf[last:rs])
		out.Write(newRes)
		out.Write(pdf[re:x.at])
	}
	if out.Len() != x.at+delta {
		return nil, ErrUnexpected
	}
	for n, off := range x.offsets {
		if n == 0 || (off >= first && off < last) {
			continue
		}
		if off > rs {
			newOffsets[n] = off + delta
		}
	}
	writeXref(&out, newOffsets, x.trailer, x.at+delta)
	return out.Bytes(), nil
}

// writeXref writes a full cross-reference table, the trailer and startxref.
func writeXref(out *bytes.Buffer, offsets []int, trailer []byte, at int) {
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range offsets[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	tr := trailer
	if i := bytes.Index(tr, []byte("startxref")); i >= 0 {
		tr = tr[:i]
	}
	out.Write(tr)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", at)
}

// File is a file to embed.
type File struct {
	Name        string
	Data        []byte
	Description string
	ModTime     time.Time
}

// emptyNames is the empty EmbeddedFiles name tree fpdf writes in every
// catalog.
var emptyNames = []byte("/EmbeddedFiles << /Names [\n  \n] >>")

// Attach embeds files (uncompressed, so they can be found in the file as
// they are) by appending an incremental update to an fpdf-made PDF: the
// files' streams and file specifications, and a new catalog whose
// EmbeddedFiles name tree lists them, sorted by name. The original bytes
// are kept as they are, so pages, links and outline do not move. The
// update is appended in place when pdf has the capacity (the caller hands
// pdf over).
func Attach(pdf []byte, files []File) ([]byte, error) {
	x, err := parseXref(pdf)
	if err != nil {
		return nil, err
	}
	root, ok1 := x.trailerInt("Root")
	size, ok2 := x.trailerInt("Size")
	if !ok1 || !ok2 || root <= 0 || root >= len(x.offsets) || size != len(x.offsets) {
		return nil, fmt.Errorf("%w: trailer", ErrUnexpected)
	}
	cs, ce := x.span(root)
	catalog := pdf[cs:ce]
	if bytes.Count(catalog, emptyNames) != 1 {
		return nil, fmt.Errorf("%w: the catalog has no empty EmbeddedFiles tree", ErrUnexpected)
	}
	sorted := slices.Clone(files)
	slices.SortFunc(sorted, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Name == sorted[i-1].Name {
			return nil, fmt.Errorf("pdfpatch: %q attached twice", sorted[i].Name)
		}
	}
	out := bytes.NewBuffer(pdf)
	out.Grow(totalSize(files) + 4096)
	if pdf[len(pdf)-1] != '\n' {
		out.WriteByte('\n')
	}
	newOffsets := map[int]int{}
	next := size
	var tree bytes.Buffer
	for _, f := range sorted {
		stream, spec := next, next+1
		next += 2
		newOffsets[stream] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<</Type /EmbeddedFile /Length %d /Params <</Size %d /ModDate %s>>>>\nstream\n", stream, len(f.Data), len(f.Data), pdfDate(f.ModTime))
		out.Write(f.Data)
		out.WriteString("\nendstream\nendobj\n")
		newOffsets[spec] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<</Type /Filespec /F %s /UF %s /EF <</F %d 0 R>> /Desc %s>>\nendobj\n",
			spec, pdfString(asciiName(f.Name)), pdfText(f.Name), stream, pdfText(f.Description))
		fmt.Fprintf(&tree, "%s %d 0 R ", pdfText(f.Name), spec)
	}
	newOffsets[root] = out.Len()
	names := []byte("/EmbeddedFiles << /Names [" + tree.String() + "] >>")
	out.Write(bytes.Replace(catalog, emptyNames, names, 1))
	if !bytes.HasSuffix(catalog, []byte("\n")) {
		out.WriteByte('\n')
	}
	xrefAt := out.Len()
	fmt.Fprintf(out, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n%d %d\n", root, newOffsets[root], size, next-size)
	for n := size; n < next; n++ {
		fmt.Fprintf(out, "%010d 00000 n \n", newOffsets[n])
	}
	info, hasInfo := x.trailerInt("Info")
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n", next, root)
	if hasInfo {
		fmt.Fprintf(out, "/Info %d 0 R\n", info)
	}
	fmt.Fprintf(out, "/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", x.at, xrefAt)
	return out.Bytes(), nil
}

func totalSize(files []File) int {
	n := 0
	for _, f := range files {
		n += len(f.Data) + 512
	}
	return n
}

// pdfDate formats a time as a PDF date string.
func pdfDate(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}

// pdfString writes an ASCII literal string, escaping what must be.
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`, "\n", `\n`)
	return "(" + r.Replace(s) + ")"
}

// pdfText writes any text: ASCII as a literal string, else UTF-16BE hex.
func pdfText(s string) string {
	ascii := true
	for _, r := range s {
		if r >= 0x80 || r < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		return pdfString(s)
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// asciiName replaces what is not printable ASCII, for the /F entry that
// old readers use.
func asciiName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7F {
			return '_'
		}
		return r
	}, s)
}
