package exif

import (
	"encoding/binary"
	"fmt"
	"sort"
)

// TIFF tag IDs read by this package.
const (
	tagImageWidth      = 0x0100
	tagImageLength     = 0x0101
	tagMake            = 0x010F
	tagModel           = 0x0110
	tagStripOffsets    = 0x0111
	tagOrientation     = 0x0112
	tagStripByteCounts = 0x0117
	tagSoftware        = 0x0131
	tagDateTime        = 0x0132
	tagArtist          = 0x013B
	tagTileOffsets     = 0x0144
	tagTileByteCounts  = 0x0145
	tagCopyright       = 0x8298
	tagExifIFD         = 0x8769
	tagGPSIFD          = 0x8825
	tagDNGSerialNumber = 0xC62F

	tagDateTimeOriginal   = 0x9003
	tagDateTimeDigitized  = 0x9004
	tagOffsetTimeOriginal = 0x9011
	tagBodySerialNumber   = 0xA431
	tagLensModel          = 0xA434

	tagGPSLatitudeRef  = 0x0001
	tagGPSLatitude     = 0x0002
	tagGPSLongitudeRef = 0x0003
	tagGPSLongitude    = 0x0004
	tagGPSAltitudeRef  = 0x0005
	tagGPSAltitude     = 0x0006
)

// TIFF field types and their sizes; type 13 (IFD) is a LONG offset.
const (
	typeByte      = 1
	typeASCII     = 2
	typeShort     = 3
	typeLong      = 4
	typeRational  = 5
	typeUndefined = 7
	typeIFD       = 13
)

var typeSizes = [...]uint64{0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4}

// The tags that the guard hands on to goexif, by the IFD where they belong.
// Everything else (maker notes, thumbnails, private tags) never reaches the
// decoder. Like ExifTool, a tag found in the other of IFD0 and ExifIFD is
// still read (some software writes BodySerialNumber into IFD0), but the
// proper IFD wins.
var (
	ifd0Tags = map[uint16]bool{tagImageWidth: true, tagImageLength: true, tagMake: true, tagModel: true,
		tagOrientation: true, tagSoftware: true, tagDateTime: true, tagArtist: true, tagCopyright: true,
		tagDNGSerialNumber: true}
	exifTags = map[uint16]bool{tagDateTimeOriginal: true, tagDateTimeDigitized: true,
		tagOffsetTimeOriginal: true, tagBodySerialNumber: true, tagLensModel: true}
	gpsTags = map[uint16]bool{tagGPSLatitudeRef: true, tagGPSLatitude: true, tagGPSLongitudeRef: true,
		tagGPSLongitude: true, tagGPSAltitudeRef: true, tagGPSAltitude: true}
)

// tiffEntry is one checked IFD entry: its value lies inside the block.
type tiffEntry struct {
	tag   uint16
	typ   uint16
	count uint32
	value []byte // count × type size bytes, a slice of the block
	pos   uint64 // where value starts in the block
}

// tiffDir is a checked IFD; entries keeps the last entry for each tag.
type tiffDir struct {
	name    string
	entries map[uint16]tiffEntry
}

// tiffGuard is the result of checking a TIFF block.
type tiffGuard struct {
	block           []byte // the checked block (maker notes are read from it in place)
	order           binary.ByteOrder
	ifd0, exif, gps *tiffDir
}

// checkTIFF is the guard that stands between untrusted bytes and goexif. It
// walks the TIFF structure of block itself: the header, IFD0 and the
// IFD1… chain, the Exif and GPS sub-IFDs. Every offset and every value
// (count × type size, in 64-bit arithmetic) is checked against the block
// length; an IFD offset seen before is refused (no loops); at most MaxIFDs
// IFDs and MaxIFDEntries entries per IFD are read. Bad entries are dropped
// with a warning. It fails only when the header or IFD0 is unusable.
func checkTIFF(block []byte, warnf func(string, ...any)) (*tiffGuard, error) {
	if len(block) < 8 {
		return nil, fmt.Errorf("EXIF block of %d bytes is too short for a TIFF header", len(block))
	}
	g := &tiffGuard{block: block}
	switch string(block[:4]) {
	case "II*\x00":
		g.order = binary.LittleEndian
	case "MM\x00*":
		g.order = binary.BigEndian
	default:
		return nil, fmt.Errorf("EXIF block has no TIFF header (starts % x)", block[:4])
	}
	w := &tiffWalker{block: block, order: g.order, warnf: warnf, visited: map[uint32]bool{}}
	var next uint32
	g.ifd0, next = w.readDir("IFD0", g.order.Uint32(block[4:]), true)
	if g.ifd0 == nil {
		return nil, fmt.Errorf("EXIF IFD0 is unreadable")
	}
	if off, ok := w.pointer(g.ifd0, tagExifIFD); ok {
		g.exif, _ = w.readDir("ExifIFD", off, true)
	}
	if off, ok := w.pointer(g.ifd0, tagGPSIFD); ok {
		g.gps, _ = w.readDir("GPS", off, true)
	}
	// The IFD1… chain is only checked (a loop there is what makes goexif
	// spin), never used.
	for i := 1; next != 0; i++ {
		_, next = w.readDir(fmt.Sprintf("IFD%d", i), next, false)
	}
	return g, nil
}

type tiffWalker struct {
	block   []byte
	order   binary.ByteOrder
	warnf   func(string, ...any)
	visited map[uint32]bool
	dirs    int
}

// pointer returns the sub-IFD offset stored in tag of d.
func (w *tiffWalker) pointer(d *tiffDir, tag uint16) (uint32, bool) {
	e, ok := d.entries[tag]
	if !ok {
		return 0, false
	}
	if (e.typ != typeLong && e.typ != typeIFD) || e.count < 1 {
		w.warnf("EXIF %s: sub-IFD pointer 0x%04X has format %d, count %d; ignored", d.name, tag, e.typ, e.count)
		return 0, false
	}
	return w.order.Uint32(e.value), true
}

// readDir checks the IFD at off and returns it (with its entries when keep)
// and the offset of the next IFD in the chain (0 at the end or on damage).
func (w *tiffWalker) readDir(name string, off uint32, keep bool) (*tiffDir, uint32) {
	n := uint64(len(w.block))
	switch {
	case w.dirs >= MaxIFDs:
		w.warnf("EXIF: more than %d IFDs; %s and later ones ignored", MaxIFDs, name)
		return nil, 0
	case w.visited[off]:
		w.warnf("EXIF %s: offset %d points back to an IFD already read (loop); ignored", name, off)
		return nil, 0
	case off < 8 || uint64(off)+2 > n:
		w.warnf("EXIF %s: offset %d is outside the %d-byte EXIF block; ignored", name, off, n)
		return nil, 0
	}
	w.visited[off] = true
	w.dirs++
	count := uint64(w.order.Uint16(w.block[off:]))
	if count > MaxIFDEntries {
		w.warnf("EXIF %s: %d entries (limit %d); ignored", name, count, MaxIFDEntries)
		return nil, 0
	}
	entries := count
	if fit := (n - uint64(off) - 2) / 12; entries > fit {
		w.warnf("EXIF %s: truncated, only %d of %d entries inside the EXIF block", name, fit, count)
		entries = fit
	}
	d := &tiffDir{name: name, entries: make(map[uint16]tiffEntry)}
	bad := 0 // warnings in this IFD
	for i := uint64(0); i < entries; i++ {
		if bad > 10 { // as ExifTool: give up on an IFD this broken
			w.warnf("EXIF %s: too many bad entries; the rest of the IFD ignored", name)
			return d, 0
		}
		p := uint64(off) + 2 + 12*i
		e := tiffEntry{
			tag:   w.order.Uint16(w.block[p:]),
			typ:   w.order.Uint16(w.block[p+2:]),
			count: w.order.Uint32(w.block[p+4:]),
		}
		if int(e.typ) >= len(typeSizes) || e.typ == 0 && i == 0 {
			// Like ExifTool: a bad first entry means a corrupt IFD; a
			// zero format later is padding and skipped silently.
			if i == 0 {
				w.warnf("EXIF %s: first entry has an invalid format %d; the IFD looks corrupt and is ignored", name, e.typ)
				return nil, 0
			}
			w.warnf("EXIF %s: entry %d (tag 0x%04X) has an invalid format %d; ignored", name, i, e.tag, e.typ)
			bad++
			continue
		}
		if e.typ == 0 || e.count == 0 {
			continue
		}
		size := uint64(e.count) * typeSizes[e.typ]
		if size <= 4 {
			e.value, e.pos = w.block[p+8:p+8+size], p+8
		} else {
			vo := uint64(w.order.Uint32(w.block[p+8:]))
			if vo+size > n {
				w.warnf("EXIF %s: tag 0x%04X value (%d bytes at offset %d) lies outside the %d-byte EXIF block; ignored",
					name, e.tag, size, vo, n)
				bad++
				continue
			}
			e.value, e.pos = w.block[vo:vo+size], vo
		}
		if keep {
			d.entries[e.tag] = e
		}
	}
	var next uint32
	if entries == count {
		if p := uint64(off) + 2 + 12*count; p+4 <= n {
			next = w.order.Uint32(w.block[p:])
		}
	}
	return d, next
}

// cleanBlock rebuilds a minimal TIFF block, in the original byte order,
// holding only the whitelisted entries of IFD0, ExifIFD and GPS, each tag
// once (in its proper IFD when present in both), each value at most
// MaxValueBytes. Its structure is correct by construction (no
// next-IFD chain, every offset in range), so it is safe to hand to goexif.
// It returns the block and the offset of the ExifIFD in it (0 if none).
func (g *tiffGuard) cleanBlock(warnf func(string, ...any)) (clean []byte, exifOff uint32) {
	has := func(d *tiffDir, tag uint16) bool {
		if d == nil {
			return false
		}
		_, ok := d.entries[tag]
		return ok
	}
	pick := func(d *tiffDir, keep func(tag uint16) bool) []tiffEntry {
		if d == nil {
			return nil
		}
		var out []tiffEntry
		for tag, e := range d.entries {
			if keep(tag) {
				out = append(out, e)
			}
		}
		// Sorted by tag, as TIFF wants, and so that warnings come in a
		// stable order.
		sort.Slice(out, func(i, j int) bool { return out[i].tag < out[j].tag })
		kept := out[:0]
		for _, e := range out {
			tag := e.tag
			if len(e.value) > MaxValueBytes {
				warnf("EXIF %s: tag 0x%04X value of %d bytes exceeds %d; ignored", d.name, tag, len(e.value), MaxValueBytes)
				continue
			}
			if e.typ == typeIFD { // goexif does not know type 13; same bytes as LONG
				e.typ = typeLong
			}
			kept = append(kept, e)
		}
		return kept
	}
	ifd0 := pick(g.ifd0, func(tag uint16) bool {
		return ifd0Tags[tag] || exifTags[tag] && !has(g.exif, tag)
	})
	exif := pick(g.exif, func(tag uint16) bool {
		return exifTags[tag] || ifd0Tags[tag] && tag != tagImageWidth && tag != tagImageLength && !has(g.ifd0, tag)
	})
	gps := pick(g.gps, func(tag uint16) bool { return gpsTags[tag] })
	// Pointers to the sub-IFDs get their values once the layout is known.
	ptr := func(tag uint16) tiffEntry {
		return tiffEntry{tag: tag, typ: typeLong, count: 1, value: make([]byte, 4)}
	}
	if len(exif) > 0 {
		ifd0 = append(ifd0, ptr(tagExifIFD))
	}
	if len(gps) > 0 {
		ifd0 = append(ifd0, ptr(tagGPSIFD))
	}
	sort.Slice(ifd0, func(i, j int) bool { return ifd0[i].tag < ifd0[j].tag })

	dirLen := func(es []tiffEntry) uint32 {
		if len(es) == 0 {
			return 0
		}
		return 2 + 12*uint32(len(es)) + 4
	}
	off0 := uint32(8)
	offExif := off0 + dirLen(ifd0)
	offGPS := offExif + dirLen(exif)
	dataOff := offGPS + dirLen(gps)
	for i := range ifd0 {
		switch ifd0[i].tag {
		case tagExifIFD:
			g.order.PutUint32(ifd0[i].value, offExif)
		case tagGPSIFD:
			g.order.PutUint32(ifd0[i].value, offGPS)
		}
	}

	buf := make([]byte, dataOff, dataOff+1024)
	if g.order == binary.LittleEndian {
		copy(buf, "II*\x00")
	} else {
		copy(buf, "MM\x00*")
	}
	g.order.PutUint32(buf[4:], off0)
	writeDir := func(at uint32, es []tiffEntry) {
		if len(es) == 0 {
			return
		}
		g.order.PutUint16(buf[at:], uint16(len(es)))
		for i, e := range es {
			p := at + 2 + 12*uint32(i)
			g.order.PutUint16(buf[p:], e.tag)
			g.order.PutUint16(buf[p+2:], e.typ)
			g.order.PutUint32(buf[p+4:], e.count)
			if len(e.value) <= 4 {
				copy(buf[p+8:p+12], e.value)
				continue
			}
			g.order.PutUint32(buf[p+8:], uint32(len(buf)))
			buf = append(buf, e.value...)
			if len(buf)%2 == 1 {
				buf = append(buf, 0)
			}
		}
		// next-IFD offset stays 0
	}
	writeDir(off0, ifd0)
	writeDir(offExif, exif)
	writeDir(offGPS, gps)
	if len(exif) == 0 {
		offExif = 0
	}
	if len(ifd0) == 0 {
		// goexif needs an IFD0; an empty one is valid TIFF.
		buf = append(buf[:8], 0, 0, 0, 0, 0, 0)
	}
	return buf, offExif
}

// readTIFFFile reads a TIFF file: the file is itself the EXIF block, IFD0
// describes the main image.
func readTIFFFile(data []byte, m *Meta) {
	g, err := checkTIFF(data, m.warnf)
	if err != nil {
		m.warnf("TIFF: %v", err)
		return
	}
	m.ImageWidth, m.ImageHeight = tiffSize(g)
	m.ImageDataHash = tiffImageHash(data, g, m.warnf)
	decodeChecked(g, m)
}

// tiffFileDimensions returns the IFD0 image size of a TIFF file.
func tiffFileDimensions(data []byte) (int, int) {
	g, err := checkTIFF(data, func(string, ...any) {})
	if err != nil {
		return 0, 0
	}
	return tiffSize(g)
}

func tiffSize(g *tiffGuard) (int, int) {
	w, _ := entryUint(g.order, g.ifd0.entries[tagImageWidth], 0)
	h, _ := entryUint(g.order, g.ifd0.entries[tagImageLength], 0)
	return dim(w), dim(h)
}

// entryUint returns the i-th value of a SHORT/LONG/BYTE entry.
func entryUint(order binary.ByteOrder, e tiffEntry, i uint32) (uint32, bool) {
	if i >= e.count {
		return 0, false
	}
	switch e.typ {
	case typeByte:
		return uint32(e.value[i]), true
	case typeShort:
		return uint32(order.Uint16(e.value[2*i:])), true
	case typeLong, typeIFD:
		return order.Uint32(e.value[4*i:]), true
	}
	return 0, false
}

// tiffImageHash hashes the IFD0 strips (or tiles) of a TIFF file, in order,
// as ExifTool does for StripOffsets/StripByteCounts and
// TileOffsets/TileByteCounts.
func tiffImageHash(data []byte, g *tiffGuard, warnf func(string, ...any)) string {
	h := newDataHasher()
	for _, pair := range [][2]uint16{{tagStripOffsets, tagStripByteCounts}, {tagTileOffsets, tagTileByteCounts}} {
		offs, ok1 := g.ifd0.entries[pair[0]]
		lens, ok2 := g.ifd0.entries[pair[1]]
		if !ok1 || !ok2 {
			continue
		}
		if offs.count != lens.count {
			warnf("TIFF: %d image data offsets but %d byte counts", offs.count, lens.count)
		}
		for i := uint32(0); i < offs.count && i < lens.count; i++ {
			o, ok1 := entryUint(g.order, offs, i)
			l, ok2 := entryUint(g.order, lens, i)
			if !ok1 || !ok2 {
				warnf("TIFF: image data offsets or byte counts have format %d/%d", offs.typ, lens.typ)
				break
			}
			end := uint64(o) + uint64(l)
			if end > uint64(len(data)) {
				warnf("TIFF: image data block %d (offset %d, %d bytes) runs past the end of the file", i, o, l)
				end = uint64(len(data))
			}
			if uint64(o) < end {
				h.add(data, int(o), int(end))
			}
		}
	}
	return h.sum(data)
}
