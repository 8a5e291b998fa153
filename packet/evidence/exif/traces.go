package exif

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// Traces are what a picture file keeps of how it was made, beyond the
// metadata of Meta: the pixel size the camera recorded, the small preview
// it embedded, how the JPEG was encoded, the XMP an editor leaves behind
// and every date the file carries. Package evidence compares them with the
// pixels to tell a camera original from a picture changed after capture.
type Traces struct {
	// PixelWidth and PixelHeight are the ExifIFD PixelXDimension and
	// PixelYDimension (0xA002, 0xA003): the size the camera says it wrote.
	// 0 when absent.
	PixelWidth, PixelHeight int
	// ProcessingSoftware is IFD0 0x000B.
	ProcessingSoftware string
	// Thumbnail is the JPEG preview of IFD1 (JPEGInterchangeFormat), a
	// copy; nil when there is none.
	Thumbnail []byte
	// Coding is how the main image was encoded (JPEG files only), and
	// ThumbnailCoding how the thumbnail was.
	Coding, ThumbnailCoding *JPEGCoding
	// XMP is the file's XMP packet as read (JPEG APP1, the HEIC XMP item,
	// TIFF tag 700); nil when it has none.
	XMP *XMP
	// Dates lists every date the file carries (see Stamp), the EXIF ones
	// first, then those of the XMP and of the thumbnail's own EXIF.
	Dates []Stamp
	// Warnings lists what could not be read.
	Warnings []string
}

// Maximum size of an embedded thumbnail that is kept.
const maxThumbnail = 1 << 20

// TIFF tags read by Examine beyond those of Meta.
const (
	tagProcessingSoftware  = 0x000B
	tagCompression         = 0x0103
	tagXMP                 = 0x02BC
	tagThumbnailOffset     = 0x0201
	tagThumbnailLength     = 0x0202
	tagOffsetTime          = 0x9010
	tagOffsetTimeDigitized = 0x9012
	tagSubSecTime          = 0x9290
	tagSubSecTimeOriginal  = 0x9291
	tagSubSecTimeDigitized = 0x9292
	tagPixelXDimension     = 0xA002
	tagPixelYDimension     = 0xA003
	tagGPSTimeStamp        = 0x0007
	tagGPSDateStamp        = 0x001D
)

// Examine reads the traces of a picture file held in memory. It never
// fails and never decodes pixels: what cannot be read becomes a warning.
// Work and memory are bounded like Read's.
func Examine(data []byte) (t *Traces) {
	t = &Traces{}
	defer func() {
		if r := recover(); r != nil {
			t.warnf("internal error while examining the file: %v", r)
		}
	}()
	discard := func(string, ...any) {}
	var block, xmp []byte
	switch sniff(data) {
	case "JPEG":
		h, err := readJPEGHeader(data)
		t.Coding, block, xmp = h.coding, h.exif, h.xmp
		if err != nil {
			// As Read: the metadata of a file that breaks off before its
			// image data is not trusted.
			t.warnf("JPEG: %v; its metadata is not read", err)
			block, xmp = nil, nil
		}
	case "HEIC", "HEIF", "AVIF":
		s := scanHEIF(data, false, discard)
		block, xmp = s.exif, s.xmp
	case "PNG":
		block = scanPNG(data, false, discard).exif
	case "WEBP":
		block = scanWebP(data, false, discard).exif
	case "TIFF":
		block = data
	default:
		return t
	}
	if block != nil {
		xmp = t.readExif(block, "", xmp)
	}
	if xmp != nil {
		x, err := ParseXMP(xmp)
		if err != nil {
			t.warnf("%v", err)
		}
		t.XMP = x
		t.Dates = append(t.Dates, x.stamps()...)
	}
	if t.Thumbnail != nil {
		h, err := readJPEGHeader(t.Thumbnail)
		if err != nil {
			t.warnf("thumbnail: %v", err)
		}
		t.ThumbnailCoding = h.coding
		if h.exif != nil {
			own := &Traces{}
			own.readExif(h.exif, "thumbnail ", nil)
			t.Dates = append(t.Dates, own.Dates...)
		}
	}
	return t
}

func (t *Traces) warnf(format string, args ...any) {
	if len(t.Warnings) < maxWarnings {
		t.Warnings = append(t.Warnings, fmt.Sprintf(format, args...))
	}
}

// readExif reads the traces of an EXIF (TIFF) block: the pixel size, the
// thumbnail, the dates. prefix starts the Source of every date ("thumbnail
// "). It returns xmp, or the XMP of TIFF tag 700 when xmp is nil.
func (t *Traces) readExif(block []byte, prefix string, xmp []byte) []byte {
	g, err := checkTIFF(block, func(string, ...any) {})
	if err != nil {
		t.warnf("EXIF: %v", err)
		return xmp
	}
	e := exifEntries{order: g.order}
	if prefix == "" {
		t.PixelWidth = e.uint(g.exif, tagPixelXDimension)
		t.PixelHeight = e.uint(g.exif, tagPixelYDimension)
		t.ProcessingSoftware = e.text(g.ifd0, tagProcessingSoftware)
		if xmp == nil {
			if x, ok := g.ifd0.entries[tagXMP]; ok && len(x.value) <= MaxXMPBytes {
				xmp = x.value
			}
		}
		t.Thumbnail = t.thumbnail(block, g)
	}
	add := func(kind StampKind, name string, dir *tiffDir, tag, subsec, offset uint16) {
		date := e.text(dir, tag)
		if date == "" {
			return
		}
		s, ok := exifStamp(kind, prefix+"EXIF "+name, date, e.text(g.exif, subsec), e.text(g.exif, offset))
		if !ok {
			t.warnf("EXIF %s %q is not a date", name, date)
			return
		}
		t.Dates = append(t.Dates, s)
	}
	add(Captured, "DateTimeOriginal", g.exif, tagDateTimeOriginal, tagSubSecTimeOriginal, tagOffsetTimeOriginal)
	add(Digitized, "CreateDate", g.exif, tagDateTimeDigitized, tagSubSecTimeDigitized, tagOffsetTimeDigitized)
	// A thumbnail's own EXIF was written with it, when the picture was
	// taken.
	modified := Modified
	if prefix != "" {
		modified = Digitized
	}
	add(modified, "ModifyDate", g.ifd0, tagDateTime, tagSubSecTime, tagOffsetTime)
	if date := e.text(g.gps, tagGPSDateStamp); date != "" {
		hms := e.rationals(g.gps, tagGPSTimeStamp, 3)
		if _, ok := g.gps.entries[tagGPSTimeStamp]; ok && hms == nil {
			hms = []float64{} // present but unreadable: not a time
		}
		if s, ok := gpsStamp(date, hms); ok {
			s.Source = prefix + s.Source
			t.Dates = append(t.Dates, s)
		} else {
			t.warnf("EXIF GPS date and time %q %v are not a time", date, hms)
		}
	}
	return xmp
}

// thumbnail returns a copy of the IFD1 JPEG thumbnail of block, or nil.
func (t *Traces) thumbnail(block []byte, g *tiffGuard) []byte {
	off0 := uint64(g.order.Uint32(block[4:]))
	count := uint64(g.order.Uint16(block[off0:])) // checkTIFF read IFD0 there
	p := off0 + 2 + 12*count
	if p+4 > uint64(len(block)) {
		return nil
	}
	next := g.order.Uint32(block[p:])
	if next == 0 {
		return nil
	}
	w := &tiffWalker{block: block, order: g.order, warnf: func(string, ...any) {}, visited: map[uint32]bool{uint32(off0): true}}
	ifd1, _ := w.readDir("IFD1", next, true)
	if ifd1 == nil {
		return nil
	}
	e := exifEntries{order: g.order}
	if c := e.uint(ifd1, tagCompression); c != 0 && c != 6 && c != 7 {
		return nil // an uncompressed (TIFF strip) thumbnail
	}
	off, n := uint64(e.uint(ifd1, tagThumbnailOffset)), uint64(e.uint(ifd1, tagThumbnailLength))
	switch {
	case n == 0:
		return nil
	case off+n > uint64(len(block)) || n > maxThumbnail:
		t.warnf("EXIF thumbnail (%d bytes at offset %d) lies outside the %d-byte EXIF block", n, off, len(block))
		return nil
	case !bytes.HasPrefix(block[off:], []byte{0xFF, 0xD8}):
		t.warnf("EXIF thumbnail at offset %d is not a JPEG", off)
		return nil
	}
	return bytes.Clone(block[off : off+n])
}

// exifEntries reads typed values from checked IFD entries.
type exifEntries struct{ order binary.ByteOrder }

// uint returns a SHORT or LONG value, 0 when absent or of another type.
func (e exifEntries) uint(d *tiffDir, tag uint16) int {
	if d == nil {
		return 0
	}
	v, ok := entryUint(e.order, d.entries[tag], 0)
	if !ok || v > math.MaxInt32 {
		return 0
	}
	return int(v)
}

// text returns an ASCII (or BYTE, UNDEFINED) value cut at its first NUL,
// spaces trimmed.
func (e exifEntries) text(d *tiffDir, tag uint16) string {
	if d == nil {
		return ""
	}
	x, ok := d.entries[tag]
	if !ok || x.typ != typeASCII && x.typ != typeByte && x.typ != typeUndefined {
		return ""
	}
	s := x.value
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return strings.ToValidUTF8(strings.TrimSpace(string(s)), "\uFFFD")
}

// rationals returns the n RATIONAL values of a tag, nil when absent, of
// another type or with a zero denominator.
func (e exifEntries) rationals(d *tiffDir, tag uint16, n int) []float64 {
	if d == nil {
		return nil
	}
	x, ok := d.entries[tag]
	if !ok || x.typ != typeRational || int(x.count) < n {
		return nil
	}
	v := make([]float64, n)
	for i := range n {
		num, den := e.order.Uint32(x.value[8*i:]), e.order.Uint32(x.value[8*i+4:])
		if den == 0 {
			return nil
		}
		v[i] = float64(num) / float64(den)
	}
	return v
}

// stamps returns the dates of an XMP packet. xmp:CreateDate is the
// capture's when the XMP is the camera's; an editor's XMP gives the date
// its document was made.
func (x *XMP) stamps() []Stamp {
	edited := false
	if _, kind := Editor(x.CreatorTool); kind != NotAnEditor {
		edited = true
	}
	if _, ok := x.PixelEvent(); ok {
		edited = true
	}
	createKind := Digitized
	if edited {
		createKind = Modified
	}
	var out []Stamp
	add := func(kind StampKind, name, v string) {
		if s, ok := xmpStamp(kind, "XMP "+name, v); ok {
			out = append(out, s)
		}
	}
	add(Captured, "exif:DateTimeOriginal", x.DateTimeOriginal)
	add(Captured, "photoshop:DateCreated", x.DateCreated)
	add(Digitized, "exif:DateTimeDigitized", x.DateTimeDigitized)
	add(createKind, "xmp:CreateDate", x.CreateDate)
	add(Modified, "xmp:ModifyDate", x.ModifyDate)
	add(Modified, "xmp:MetadataDate", x.MetadataDate)
	for _, e := range x.History {
		add(Modified, "XMP history ("+e.Action+")", e.When)
	}
	return out
}

// heifMIME reads the item_name and content_type strings that follow the
// item type of a "mime" infe box, and returns the content type.
func heifMIME(c *cursor) string {
	cstring := func() string {
		rest := c.b[c.pos:c.end]
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			c.bad = true
			return ""
		}
		c.pos += uint64(i) + 1
		return string(rest[:i])
	}
	cstring() // item_name
	return cstring()
}

// xmpBlock returns the first XMP item (a "mime" item of content type
// application/rdf+xml), or nil. Problems are not reported: the XMP is
// read for Examine only.
func (p *heifParser) xmpBlock() []byte {
	for _, id := range p.sortedIDs() {
		it := p.items[id]
		if it.typ != "mime" || it.mime != "application/rdf+xml" {
			continue
		}
		b, err := p.itemBytes(it, MaxXMPBytes)
		if err == nil {
			return b
		}
	}
	return nil
}
