package c2pa

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Container formats, as reported in Report.Format.
const (
	FormatJPEG = "JPEG"
	FormatPNG  = "PNG"
	FormatBMFF = "BMFF" // HEIC, HEIF, AVIF, MP4, MOV…
	FormatWebP = "WEBP"
	FormatC2PA = "C2PA" // a stand-alone manifest store (.c2pa sidecar)
)

// errFormat is returned (wrapped) when the data is none of the containers
// this package reads.
var errFormat = errors.New("not a JPEG, PNG, ISO BMFF (HEIC), WebP or C2PA manifest file")

// bmffC2PAUUID is the ISO BMFF "uuid" box user type of a C2PA manifest box.
var bmffC2PAUUID = [16]byte{0xd8, 0xfe, 0xc3, 0xd6, 0x1b, 0x0e, 0x48, 0x3c, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7e, 0xc4, 0x81}

// found is what the container walk finds: the manifest store bytes (nil
// when there is none) and the XMP dcterms:provenance reference, if any.
type found struct {
	format     string
	store      []byte
	provenance string
}

// locate walks the container and returns its manifest store.
func locate(r io.ReaderAt, size int64, lim Limits) (found, error) {
	head := make([]byte, 16)
	n, err := r.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return found{}, fmt.Errorf("reading the file header: %w", err)
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8}):
		return locateJPEG(r, size, lim)
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return locateChunks(r, size, lim, pngLayout())
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return locateChunks(r, size, lim, webpLayout())
	case len(head) >= 8 && string(head[4:8]) == "ftyp":
		return locateBMFF(r, size, lim)
	case len(head) >= 8 && string(head[4:8]) == "jumb":
		store, err := readSection(r, 0, size, lim)
		return found{format: FormatC2PA, store: store}, err
	}
	return found{}, errFormat
}

// readSection reads n bytes at off, refusing more than the store limit.
func readSection(r io.ReaderAt, off, n int64, lim Limits) ([]byte, error) {
	if n > lim.MaxStoreBytes {
		return nil, fmt.Errorf("manifest store of %d bytes exceeds the limit of %d", n, lim.MaxStoreBytes)
	}
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, off); err != nil {
		return nil, fmt.Errorf("reading %d bytes at offset %d: %w", n, off, err)
	}
	return buf, nil
}

// readFull reads len(b) bytes at off; a short read is an error naming what.
func readFull(r io.ReaderAt, b []byte, off int64, what string) error {
	n, err := r.ReadAt(b, off)
	if n == len(b) {
		return nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%s at offset %d: %w", what, off, err)
}

// jpegPart is one APP11 JUMBF segment's share of a box.
type jpegPart struct {
	seq  uint32
	data []byte
}

func locateJPEG(r io.ReaderAt, size int64, lim Limits) (found, error) {
	f := found{format: FormatJPEG}
	parts := map[uint16][]jpegPart{} // by box instance number
	var order []uint16
	var total int64
	off := int64(2)
	hdr := make([]byte, 4)
	for segments := 0; off+4 <= size; segments++ {
		if segments > lim.MaxSegments {
			return f, fmt.Errorf("JPEG: more than %d segments before the image data", lim.MaxSegments)
		}
		if err := readFull(r, hdr, off, "JPEG segment header"); err != nil {
			return f, err
		}
		if hdr[0] != 0xFF {
			return f, fmt.Errorf("JPEG: no marker at offset %d", off)
		}
		marker := hdr[1]
		if marker == 0xFF { // fill byte
			off++
			continue
		}
		if marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
			off += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			break
		}
		segLen := int64(binary.BigEndian.Uint16(hdr[2:]))
		if segLen < 2 || off+2+segLen > size {
			return f, fmt.Errorf("JPEG: segment 0x%02X at offset %d has length %d past the end of the file", marker, off, segLen)
		}
		body := off + 4
		bodyLen := segLen - 2
		switch marker {
		case 0xEB: // APP11
			if bodyLen < 16 {
				break
			}
			seg := make([]byte, bodyLen)
			if err := readFull(r, seg, body, "JPEG APP11 segment"); err != nil {
				return f, err
			}
			if seg[0] != 'J' || seg[1] != 'P' {
				break
			}
			en := binary.BigEndian.Uint16(seg[2:])
			seq := binary.BigEndian.Uint32(seg[4:])
			data := seg[8:]
			if seq != 1 { // continuation: skip the repeated box header
				skip := 8
				if binary.BigEndian.Uint32(data) == 1 {
					skip = 16
				}
				if len(data) < skip {
					return f, fmt.Errorf("JPEG APP11 segment at offset %d (box %d, part %d): truncated box header", off, en, seq)
				}
				data = data[skip:]
			}
			total += int64(len(data))
			if total > lim.MaxStoreBytes {
				return f, fmt.Errorf("JPEG APP11 JUMBF data exceeds the limit of %d bytes", lim.MaxStoreBytes)
			}
			if _, ok := parts[en]; !ok {
				order = append(order, en)
			}
			parts[en] = append(parts[en], jpegPart{seq: seq, data: data})
		case 0xE1: // APP1: XMP?
			const xmpID = "http://ns.adobe.com/xap/1.0/\x00"
			if f.provenance != "" || bodyLen <= int64(len(xmpID)) {
				break
			}
			seg := make([]byte, bodyLen)
			if err := readFull(r, seg, body, "JPEG APP1 segment"); err != nil {
				return f, err
			}
			if bytes.HasPrefix(seg, []byte(xmpID)) {
				f.provenance = xmpProvenance(seg[len(xmpID):])
			}
		}
		off += 2 + segLen
	}
	for _, en := range order {
		store, err := assembleJPEG(en, parts[en])
		if err != nil {
			return f, err
		}
		if isManifestStore(store) {
			f.store = store
			break
		}
	}
	return f, nil
}

// assembleJPEG joins the parts of one APP11 box in sequence order.
func assembleJPEG(en uint16, ps []jpegPart) ([]byte, error) {
	slices.SortStableFunc(ps, func(a, b jpegPart) int { return cmp.Compare(a.seq, b.seq) })
	var out []byte
	for i, p := range ps {
		if p.seq != uint32(i+1) {
			return nil, fmt.Errorf("JPEG APP11 box %d: part %d missing or repeated (found part %d)", en, i+1, p.seq)
		}
		out = append(out, p.data...)
	}
	return out, nil
}

// isManifestStore reports whether b starts with a superbox whose
// description box has the C2PA manifest store type. Only the headers are
// looked at: a store with a damaged length is still a store (and is then
// reported as unreadable).
func isManifestStore(b []byte) bool {
	if len(b) < 16 || string(b[4:8]) != "jumb" {
		return false
	}
	d := b[8:]
	if binary.BigEndian.Uint32(b) == 1 {
		d = b[16:]
	}
	return len(d) >= 24 && string(d[4:8]) == "jumd" && [16]byte(d[8:24]) == typeManifestStore
}

// chunkLayout describes a chunked container: PNG (big-endian length, type,
// data, CRC) or RIFF/WebP (type, little-endian length, data, pad byte).
type chunkLayout struct {
	format string
	first  int64 // offset of the first chunk
	// header reads the type and data length from an 8-byte chunk header.
	header func(h []byte) (typ string, n int64)
	// trailer is the number of bytes after n bytes of data.
	trailer                     func(n int64) int64
	storeType, xmpType, endType string
	// xmp reads the provenance from an XMP chunk's data.
	xmp func(data []byte) string
}

func pngLayout() chunkLayout {
	return chunkLayout{format: FormatPNG, first: 8,
		header:    func(h []byte) (string, int64) { return string(h[4:8]), int64(binary.BigEndian.Uint32(h)) },
		trailer:   func(int64) int64 { return 4 },
		storeType: "caBX", xmpType: "iTXt", endType: "IEND", xmp: pngXMPProvenance}
}

func webpLayout() chunkLayout {
	return chunkLayout{format: FormatWebP, first: 12,
		header:    func(h []byte) (string, int64) { return string(h[:4]), int64(binary.LittleEndian.Uint32(h[4:])) },
		trailer:   func(n int64) int64 { return n & 1 },
		storeType: "C2PA", xmpType: "XMP ", xmp: xmpProvenance}
}

// locateChunks walks the chunks of a PNG or WebP file.
func locateChunks(r io.ReaderAt, size int64, lim Limits, l chunkLayout) (found, error) {
	f := found{format: l.format}
	hdr := make([]byte, 8)
	off := l.first
	for chunks := 0; off+8 <= size; chunks++ {
		if chunks > lim.MaxSegments {
			return f, fmt.Errorf("%s: more than %d chunks", l.format, lim.MaxSegments)
		}
		if err := readFull(r, hdr, off, l.format+" chunk header"); err != nil {
			return f, err
		}
		typ, n := l.header(hdr)
		if off+8+n > size {
			return f, fmt.Errorf("%s: chunk %q at offset %d has length %d past the end of the file", l.format, printable(typ), off, n)
		}
		switch typ {
		case l.storeType:
			if f.store != nil {
				return f, fmt.Errorf("%s: a second %s chunk at offset %d", l.format, typ, off)
			}
			store, err := readSection(r, off+8, n, lim)
			if err != nil {
				return f, fmt.Errorf("%s %s chunk: %w", l.format, typ, err)
			}
			f.store = store
		case l.xmpType:
			if f.provenance == "" && n <= lim.MaxXMPBytes {
				data := make([]byte, n)
				if err := readFull(r, data, off+8, l.format+" "+typ+" chunk"); err != nil {
					return f, err
				}
				f.provenance = l.xmp(data)
			}
		case l.endType:
			return f, nil
		}
		off += 8 + n + l.trailer(n)
	}
	return f, nil
}

// pngXMPProvenance reads the provenance of an uncompressed
// "XML:com.adobe.xmp" iTXt chunk.
func pngXMPProvenance(data []byte) string {
	const key = "XML:com.adobe.xmp\x00"
	if !bytes.HasPrefix(data, []byte(key)) || len(data) < len(key)+2 || data[len(key)] != 0 {
		return ""
	}
	rest := data[len(key)+2:]
	for range 2 { // language tag, translated keyword
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			return ""
		}
		rest = rest[i+1:]
	}
	return xmpProvenance(rest)
}

// bmffBox is one ISO BMFF box header.
type bmffBox struct {
	typ           string
	start, end    int64 // the whole box
	payload       int64 // offset after the header (and user type)
	userType      [16]byte
	hasUserType   bool
	headerLength  int64
	declaredToEOF bool
}

// readBMFFBox reads the box header at off within [off, limit).
func readBMFFBox(r io.ReaderAt, off, limit int64) (bmffBox, error) {
	var h [32]byte
	if off+8 > limit {
		return bmffBox{}, fmt.Errorf("BMFF: truncated box header at offset %d", off)
	}
	if err := readFull(r, h[:8], off, "BMFF box header"); err != nil {
		return bmffBox{}, err
	}
	b := bmffBox{typ: string(h[4:8]), start: off, headerLength: 8}
	size := int64(binary.BigEndian.Uint32(h[:4]))
	switch size {
	case 0:
		size = limit - off
		b.declaredToEOF = true
	case 1:
		if off+16 > limit {
			return b, fmt.Errorf("BMFF: truncated large size at offset %d", off)
		}
		if err := readFull(r, h[8:16], off+8, "BMFF large size"); err != nil {
			return b, err
		}
		large := binary.BigEndian.Uint64(h[8:16])
		if large > uint64(limit-off) {
			return b, fmt.Errorf("BMFF: box %q at offset %d has size %d past the end", printable(b.typ), off, large)
		}
		size = int64(large)
		b.headerLength = 16
	}
	if b.typ == "uuid" {
		if err := readFull(r, b.userType[:], off+b.headerLength, "BMFF uuid"); err != nil {
			return b, err
		}
		b.hasUserType = true
		b.headerLength += 16
	}
	if size < b.headerLength || size > limit-off {
		return b, fmt.Errorf("BMFF: box %q at offset %d has size %d outside its parent", printable(b.typ), off, size)
	}
	b.end = off + size
	b.payload = off + b.headerLength
	return b, nil
}

// topLevelBMFF lists the top-level boxes of the file.
func topLevelBMFF(r io.ReaderAt, size int64, lim Limits) ([]bmffBox, error) {
	var out []bmffBox
	for off := int64(0); off < size; {
		if len(out) >= lim.MaxSegments {
			return out, fmt.Errorf("BMFF: more than %d top-level boxes", lim.MaxSegments)
		}
		b, err := readBMFFBox(r, off, size)
		if err != nil {
			return out, err
		}
		out = append(out, b)
		off = b.end
	}
	return out, nil
}

func locateBMFF(r io.ReaderAt, size int64, lim Limits) (found, error) {
	f := found{format: FormatBMFF}
	boxes, err := topLevelBMFF(r, size, lim)
	if err != nil {
		return f, err
	}
	for _, b := range boxes {
		if !b.hasUserType || b.userType != bmffC2PAUUID {
			continue
		}
		// FullBox version and flags, a NUL-terminated purpose, then for
		// "manifest" an 8-byte offset to the first auxiliary uuid box.
		n := b.end - b.payload
		head := make([]byte, min(n, 64))
		if err := readFull(r, head, b.payload, "BMFF C2PA box"); err != nil {
			return f, err
		}
		if len(head) < 5 {
			return f, fmt.Errorf("BMFF C2PA box at offset %d: truncated", b.start)
		}
		end := bytes.IndexByte(head[4:], 0)
		if end < 0 {
			return f, fmt.Errorf("BMFF C2PA box at offset %d: purpose not terminated", b.start)
		}
		purpose := string(head[4 : 4+end])
		if purpose != "manifest" {
			continue // "merkle" boxes carry no store
		}
		data := b.payload + 4 + int64(end) + 1 + 8
		if data > b.end {
			return f, fmt.Errorf("BMFF C2PA box at offset %d: truncated", b.start)
		}
		if f.store != nil {
			return f, fmt.Errorf("BMFF: a second C2PA manifest box at offset %d", b.start)
		}
		store, err := readSection(r, data, b.end-data, lim)
		if err != nil {
			return f, fmt.Errorf("BMFF C2PA box: %w", err)
		}
		f.store = store
	}
	return f, nil
}

// xmpProvenance returns the dcterms:provenance value of an XMP packet, as
// an attribute or an element.
func xmpProvenance(xmp []byte) string {
	s := string(xmp)
	const name = "dcterms:provenance"
	for i := strings.Index(s, name); i >= 0; {
		rest := s[i+len(name):]
		rest = strings.TrimLeft(rest, " \t\r\n")
		switch {
		case strings.HasPrefix(rest, "="):
			rest = strings.TrimLeft(rest[1:], " \t\r\n")
			if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
				if j := strings.IndexByte(rest[1:], rest[0]); j >= 0 {
					return xmlUnescape(rest[1 : 1+j])
				}
			}
		case strings.HasPrefix(rest, ">"):
			if j := strings.IndexByte(rest, '<'); j >= 0 {
				return strings.TrimSpace(xmlUnescape(rest[1:j]))
			}
		}
		next := strings.Index(s[i+1:], name)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return ""
}

var xmlEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'")

func xmlUnescape(s string) string { return xmlEntities.Replace(s) }
