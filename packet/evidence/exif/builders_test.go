package exif

// Builders for small test images with exactly the metadata a test needs: a
// minimal TIFF/EXIF encoder and wrappers for JPEG, PNG, WebP and HEIC. They
// write structure only where pixels do not matter (our reader never decodes
// them); JPEG and PNG pixels come from the standard library encoders.

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"sort"
	"testing"
)

// tEntry is one IFD entry to encode. data holds the value bytes (already in
// the block's byte order); raw, when set, is written verbatim into the
// value/offset field instead (to forge bad offsets).
type tEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte
	raw      *uint32
}

// tIFD is one IFD to encode, with sub-IFDs (by pointer tag) and a chain.
type tIFD struct {
	entries  []tEntry
	sub      map[uint16]*tIFD
	next     *tIFD
	nextRaw  *uint32 // forged next-IFD offset
	countRaw *uint16 // forged entry count
}

// tb makes entries in one byte order.
type tb struct{ o binary.ByteOrder }

var (
	le = tb{binary.LittleEndian}
	be = tb{binary.BigEndian}
)

func u32p(v uint32) *uint32 { return &v }

func (b tb) ascii(tag uint16, s string) tEntry {
	return tEntry{tag: tag, typ: typeASCII, count: uint32(len(s) + 1), data: append([]byte(s), 0)}
}

func (b tb) short(tag uint16, vs ...uint16) tEntry {
	d := make([]byte, 2*len(vs))
	for i, v := range vs {
		b.o.PutUint16(d[2*i:], v)
	}
	return tEntry{tag: tag, typ: typeShort, count: uint32(len(vs)), data: d}
}

func (b tb) long(tag uint16, vs ...uint32) tEntry {
	d := make([]byte, 4*len(vs))
	for i, v := range vs {
		b.o.PutUint32(d[4*i:], v)
	}
	return tEntry{tag: tag, typ: typeLong, count: uint32(len(vs)), data: d}
}

func (b tb) byteVal(tag uint16, vs ...byte) tEntry {
	return tEntry{tag: tag, typ: typeByte, count: uint32(len(vs)), data: append([]byte(nil), vs...)}
}

// rational takes numerator/denominator pairs.
func (b tb) rational(tag uint16, nd ...uint32) tEntry {
	d := make([]byte, 4*len(nd))
	for i, v := range nd {
		b.o.PutUint32(d[4*i:], v)
	}
	return tEntry{tag: tag, typ: typeRational, count: uint32(len(nd) / 2), data: d}
}

// encode writes a TIFF block: header, the IFDs (depth first), then values.
func (b tb) encode(root *tIFD) []byte {
	var order []*tIFD
	offs := map[*tIFD]uint32{}
	var visit func(d *tIFD)
	visit = func(d *tIFD) {
		if d == nil {
			return
		}
		if _, ok := offs[d]; ok {
			return
		}
		offs[d] = 0
		order = append(order, d)
		tags := make([]int, 0, len(d.sub))
		for t := range d.sub {
			tags = append(tags, int(t))
		}
		sort.Ints(tags)
		for _, t := range tags {
			visit(d.sub[uint16(t)])
		}
		visit(d.next)
	}
	visit(root)
	pos := uint32(8)
	for _, d := range order {
		offs[d] = pos
		pos += 2 + 12*uint32(len(d.entries)+len(d.sub)) + 4
	}
	buf := make([]byte, pos)
	if b.o == binary.LittleEndian {
		copy(buf, "II*\x00")
	} else {
		copy(buf, "MM\x00*")
	}
	b.o.PutUint32(buf[4:], offs[root])
	for _, d := range order {
		es := append([]tEntry(nil), d.entries...)
		for t, s := range d.sub {
			es = append(es, b.long(t, offs[s]))
		}
		sort.SliceStable(es, func(i, j int) bool { return es[i].tag < es[j].tag })
		at := offs[d]
		n := uint16(len(es))
		if d.countRaw != nil {
			n = *d.countRaw
		}
		b.o.PutUint16(buf[at:], n)
		for i, e := range es {
			p := at + 2 + 12*uint32(i)
			b.o.PutUint16(buf[p:], e.tag)
			b.o.PutUint16(buf[p+2:], e.typ)
			b.o.PutUint32(buf[p+4:], e.count)
			switch {
			case e.raw != nil:
				b.o.PutUint32(buf[p+8:], *e.raw)
			case len(e.data) <= 4:
				copy(buf[p+8:p+12], e.data)
			default:
				b.o.PutUint32(buf[p+8:], uint32(len(buf)))
				buf = append(buf, e.data...)
				if len(buf)%2 == 1 {
					buf = append(buf, 0)
				}
			}
		}
		next := at + 2 + 12*uint32(len(es))
		switch {
		case d.nextRaw != nil:
			b.o.PutUint32(buf[next:], *d.nextRaw)
		case d.next != nil:
			b.o.PutUint32(buf[next:], offs[d.next])
		}
	}
	return buf
}

// fullExif is an EXIF block with every tag the package reads: a camera in
// the southern and western hemispheres, below sea level.
func fullExif(b tb) []byte {
	exifIFD := &tIFD{entries: []tEntry{
		b.ascii(tagDateTimeOriginal, "2024:03:01 10:20:30"),
		b.ascii(tagDateTimeDigitized, "2024:03:01 10:20:31"),
		b.ascii(tagOffsetTimeOriginal, "+08:00"),
		b.ascii(tagBodySerialNumber, "072024000973"),
		b.ascii(tagLensModel, "EF24-70mm f/2.8L USM"),
		b.short(0xA002, 640), // ExifImageWidth, not read
	}}
	gps := &tIFD{entries: []tEntry{
		b.ascii(tagGPSLatitudeRef, "S"),
		b.rational(tagGPSLatitude, 33, 1, 51, 1, 3546, 100),
		b.ascii(tagGPSLongitudeRef, "W"),
		b.rational(tagGPSLongitude, 70, 1, 39, 1, 0, 1),
		b.byteVal(tagGPSAltitudeRef, 1),
		b.rational(tagGPSAltitude, 125, 10),
	}}
	thumb := &tIFD{entries: []tEntry{b.short(0x0103, 6)}}
	return b.encode(&tIFD{
		entries: []tEntry{
			b.ascii(tagMake, "Canon"),
			b.ascii(tagModel, "Canon EOS 5D Mark III"),
			b.short(tagOrientation, 6),
			b.ascii(tagSoftware, "Firmware 1.3.5"),
			b.ascii(tagDateTime, "2024:03:02 08:00:00"),
			b.ascii(tagArtist, "Li Wei"),
			b.ascii(tagCopyright, "Shenzhen Bartech"),
		},
		sub:  map[uint16]*tIFD{tagExifIFD: exifIFD, tagGPSIFD: gps},
		next: thumb,
	})
}

// wantFull is what Read must return for fullExif (container fields aside).
func wantFull() Meta {
	alt := -12.5
	return Meta{
		HasEXIF: true, Make: "Canon", Model: "Canon EOS 5D Mark III", SerialNumber: "072024000973",
		SerialNumberSource: "ExifIFD:SerialNumber", LensModel: "EF24-70mm f/2.8L USM", LensModelSource: "ExifIFD:LensModel",
		DateTimeOriginal: "2024:03:01 10:20:30", OffsetTimeOriginal: "+08:00",
		CreateDate: "2024:03:01 10:20:31", ModifyDate: "2024:03:02 08:00:00", Software: "Firmware 1.3.5",
		Artist: "Li Wei", Copyright: "Shenzhen Bartech", Orientation: 6,
		GPS: &GPS{Latitude: -(33 + 51.0/60 + 35.46/3600), Longitude: -(70 + 39.0/60), Altitude: &alt},
	}
}

// testPicture is a small image with some structure, so that its compressed
// data is not trivially repetitive.
func testPicture() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 24, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 24; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 10), uint8(y * 15), uint8(x * y), 255})
		}
	}
	return img
}

// jpegSegment encodes one marker segment.
func jpegSegment(marker byte, payload []byte) []byte {
	seg := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

func exifAPP1(block []byte) []byte {
	return jpegSegment(0xE1, append([]byte("Exif\x00\x00"), block...))
}

func xmpAPP1(xmp string) []byte {
	return jpegSegment(0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmp...))
}

// buildJPEG encodes testPicture and inserts segs right after SOI.
func buildJPEG(t testing.TB, segs ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testPicture(), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	enc := buf.Bytes()
	out := append([]byte(nil), enc[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, enc[2:]...)
}

func pngChunk(typ string, data []byte) []byte {
	c := make([]byte, 8, 12+len(data))
	binary.BigEndian.PutUint32(c, uint32(len(data)))
	copy(c[4:], typ)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// buildPNG encodes testPicture and inserts chunks after IHDR (before IDAT)
// or just before IEND.
func buildPNG(t testing.TB, afterIDAT bool, chunks ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, testPicture()); err != nil {
		t.Fatal(err)
	}
	enc := buf.Bytes()
	at := 8 + 25 // signature + IHDR chunk
	if afterIDAT {
		at = len(enc) - 12 // IEND
	}
	out := append([]byte(nil), enc[:at]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, enc[at:]...)
}

func riffChunk(fourCC string, data []byte) []byte {
	c := make([]byte, 8, 9+len(data))
	copy(c, fourCC)
	binary.LittleEndian.PutUint32(c[4:], uint32(len(data)))
	c = append(c, data...)
	if len(data)%2 == 1 {
		c = append(c, 0)
	}
	return c
}

// buildWebP writes an extended WebP (VP8X canvas w×h, a VP8L bitstream
// header and made-up data, then an EXIF chunk when exif is not nil) or, with
// exif nil and simple set, a lossy "VP8 " file.
func buildWebP(w, h int, exif []byte, pixels []byte) []byte {
	var chunks []byte
	if exif != nil {
		vp8x := make([]byte, 10)
		vp8x[0] = 0x08 // EXIF flag
		putU24 := func(b []byte, v int) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }
		putU24(vp8x[4:], w-1)
		putU24(vp8x[7:], h-1)
		chunks = append(chunks, riffChunk("VP8X", vp8x)...)
	}
	vp8l := []byte{0x2F, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(vp8l[1:], uint32(w-1)|uint32(h-1)<<14)
	chunks = append(chunks, riffChunk("VP8L", append(vp8l, pixels...))...)
	if exif != nil {
		chunks = append(chunks, riffChunk("EXIF", exif)...)
	}
	out := append([]byte("RIFF\x00\x00\x00\x00WEBP"), chunks...)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

func box(typ string, payload ...[]byte) []byte {
	b := make([]byte, 8)
	copy(b[4:], typ)
	for _, p := range payload {
		b = append(b, p...)
	}
	binary.BigEndian.PutUint32(b, uint32(len(b)))
	return b
}

func fullBox(typ string, version byte, flags uint32, payload ...[]byte) []byte {
	vf := []byte{version, byte(flags >> 16), byte(flags >> 8), byte(flags)}
	return box(typ, append([][]byte{vf}, payload...)...)
}

func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// heicOptions shapes buildHEIC.
type heicOptions struct {
	width, height uint32
	coded         []byte // the hvc1 item's data
	exif          []byte // TIFF block; nil for no Exif item
	exifAtEnd     bool   // put the Exif payload in a last mdat after everything
	ilocVersion   byte
}

// buildHEIC writes ftyp, meta (hdlr, pitm, iinf, iref cdsc, iprp with
// ispe, iloc) and mdat, with item 1 an hvc1 image and item 2 the Exif item.
func buildHEIC(o heicOptions) []byte {
	ftyp := box("ftyp", []byte("heic"), be32(0), []byte("mif1heic"))
	exifPayload := append(be32(6), append([]byte("Exif\x00\x00"), o.exif...)...)
	meta := func(codedOff, exifOff uint32) []byte {
		infes := [][]byte{be16(1), fullBox("infe", 2, 0, be16(1), be16(0), []byte("hvc1\x00"))}
		if o.exif != nil {
			infes[0] = be16(2)
			infes = append(infes, fullBox("infe", 2, 0, be16(2), be16(0), []byte("Exif\x00")))
		}
		iloc := []byte{0x44, 0x00} // offset 4, length 4, base 0, index 0
		var items [][]byte
		item := func(id uint16, off, ln uint32) []byte {
			var it []byte
			if o.ilocVersion == 2 {
				it = be32(uint32(id))
			} else {
				it = be16(id)
			}
			if o.ilocVersion >= 1 {
				it = append(it, be16(0)...) // construction method 0
			}
			it = append(it, be16(0)...) // data reference index
			it = append(it, be16(1)...) // one extent
			it = append(it, be32(off)...)
			return append(it, be32(ln)...)
		}
		items = append(items, item(1, codedOff, uint32(len(o.coded))))
		if o.exif != nil {
			items = append(items, item(2, exifOff, uint32(len(exifPayload))))
		}
		count := be16(uint16(len(items)))
		if o.ilocVersion == 2 {
			count = be32(uint32(len(items)))
		}
		iloc = append(iloc, count...)
		for _, it := range items {
			iloc = append(iloc, it...)
		}
		parts := [][]byte{
			fullBox("hdlr", 0, 0, be32(0), []byte("pict"), make([]byte, 12), []byte{0}),
			fullBox("pitm", 0, 0, be16(1)),
			fullBox("iinf", 0, 0, bytes.Join(infes, nil)),
		}
		if o.exif != nil {
			parts = append(parts, fullBox("iref", 0, 0, box("cdsc", be16(2), be16(1), be16(1))))
		}
		ispe := fullBox("ispe", 0, 0, be32(o.width), be32(o.height))
		ipma := fullBox("ipma", 0, 0, be32(1), be16(1), []byte{1, 0x81})
		parts = append(parts, box("iprp", box("ipco", ispe), ipma), fullBox("iloc", o.ilocVersion, 0, iloc))
		return fullBox("meta", 0, 0, parts...)
	}
	// Lay out once with zero offsets to learn the sizes, then for real.
	m := meta(0, 0)
	mdatStart := uint32(len(ftyp) + len(m))
	var codedOff, exifOff uint32
	var tail []byte
	if o.exifAtEnd {
		codedOff = mdatStart + 8
		mdat := box("mdat", o.coded)
		exifOff = mdatStart + uint32(len(mdat)) + 8
		tail = append(mdat, box("mdat", exifPayload)...)
	} else {
		exifOff = mdatStart + 8
		codedOff = exifOff
		if o.exif != nil {
			codedOff += uint32(len(exifPayload))
			tail = box("mdat", exifPayload, o.coded)
		} else {
			tail = box("mdat", o.coded)
		}
	}
	out := append(append(ftyp, meta(codedOff, exifOff)...), tail...)
	return out
}
