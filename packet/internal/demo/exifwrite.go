package demo

import (
	"encoding/binary"
	"math"
	"sort"
)

// exifFields are the tags the demo photos carry.
type exifFields struct {
	make, model, serial, lens string
	taken, offset             string // "2023:10:14 10:21:37", "+08:00"
	orientation               int
	width, height             int
	lat, lon, alt             float64
}

// TIFF field types.
const (
	tByte      = 1
	tASCII     = 2
	tShort     = 3
	tLong      = 4
	tRational  = 5
	tUndefined = 7
)

type entry struct {
	tag, typ uint16
	count    uint32
	data     []byte // little-endian value bytes
}

var le = binary.LittleEndian

func ascii(tag uint16, s string) entry {
	b := append([]byte(s), 0)
	return entry{tag, tASCII, uint32(len(b)), b}
}

func short(tag uint16, v int) entry {
	b := make([]byte, 2)
	le.PutUint16(b, uint16(v))
	return entry{tag, tShort, 1, b}
}

func long(tag uint16, v int) entry {
	b := make([]byte, 4)
	le.PutUint32(b, uint32(v))
	return entry{tag, tLong, 1, b}
}

func rationals(tag uint16, vs ...[2]uint32) entry {
	b := make([]byte, 8*len(vs))
	for i, v := range vs {
		le.PutUint32(b[8*i:], v[0])
		le.PutUint32(b[8*i+4:], v[1])
	}
	return entry{tag, tRational, uint32(len(vs)), b}
}

// dms writes decimal degrees as degrees, minutes and hundredths of seconds.
func dms(v float64) [][2]uint32 {
	v = math.Abs(v)
	d := math.Floor(v)
	m := math.Floor((v - d) * 60)
	s := math.Round(((v-d)*60 - m) * 60 * 10000)
	return [][2]uint32{{uint32(d), 1}, {uint32(m), 1}, {uint32(s), 10000}}
}

// ifdSize is the bytes an IFD takes, its out-of-line values included.
func ifdSize(es []entry) int {
	n := 2 + 12*len(es) + 4
	for _, e := range es {
		if len(e.data) > 4 {
			n += len(e.data) + len(e.data)%2
		}
	}
	return n
}

// writeIFD appends an IFD at offset len(buf) (relative to the TIFF header).
func writeIFD(buf []byte, es []entry, next uint32) []byte {
	sort.Slice(es, func(i, j int) bool { return es[i].tag < es[j].tag })
	start := len(buf)
	dataAt := start + 2 + 12*len(es) + 4
	buf = le.AppendUint16(buf, uint16(len(es)))
	var data []byte
	for _, e := range es {
		buf = le.AppendUint16(buf, e.tag)
		buf = le.AppendUint16(buf, e.typ)
		buf = le.AppendUint32(buf, e.count)
		if len(e.data) <= 4 {
			v := make([]byte, 4)
			copy(v, e.data)
			buf = append(buf, v...)
			continue
		}
		buf = le.AppendUint32(buf, uint32(dataAt+len(data)))
		data = append(data, e.data...)
		if len(e.data)%2 == 1 {
			data = append(data, 0)
		}
	}
	buf = le.AppendUint32(buf, next)
	return append(buf, data...)
}

// exifBlock encodes a little-endian TIFF structure with IFD0, the Exif IFD
// and the GPS IFD.
func exifBlock(f exifFields) []byte {
	exifIFD := []entry{
		{0x9000, tUndefined, 4, []byte("0231")},
		ascii(0x9003, f.taken),
		ascii(0x9004, f.taken),
		ascii(0x9011, f.offset),
		long(0xA002, f.width),
		long(0xA003, f.height),
		ascii(0xA431, f.serial),
		ascii(0xA434, f.lens),
	}
	latRef, lonRef := "N", "E"
	if f.lat < 0 {
		latRef = "S"
	}
	if f.lon < 0 {
		lonRef = "W"
	}
	gps := []entry{
		{0x0000, tByte, 4, []byte{2, 3, 0, 0}},
		ascii(0x0001, latRef),
		rationals(0x0002, dms(f.lat)...),
		ascii(0x0003, lonRef),
		rationals(0x0004, dms(f.lon)...),
		{0x0005, tByte, 1, []byte{0}},
		rationals(0x0006, [2]uint32{uint32(math.Round(f.alt * 10)), 10}),
	}
	ifd0 := []entry{
		ascii(0x010F, f.make),
		ascii(0x0110, f.model),
		short(0x0112, f.orientation),
		rationals(0x011A, [2]uint32{72, 1}),
		rationals(0x011B, [2]uint32{72, 1}),
		short(0x0128, 2),
		ascii(0x0132, f.taken),
		long(0x8769, 0), // patched below
		long(0x8825, 0),
	}
	exifAt := 8 + ifdSize(ifd0)
	gpsAt := exifAt + ifdSize(exifIFD)
	for i := range ifd0 {
		switch ifd0[i].tag {
		case 0x8769:
			ifd0[i] = long(0x8769, exifAt)
		case 0x8825:
			ifd0[i] = long(0x8825, gpsAt)
		}
	}
	buf := []byte{'I', 'I', 42, 0, 8, 0, 0, 0}
	buf = writeIFD(buf, ifd0, 0)
	buf = writeIFD(buf, exifIFD, 0)
	return writeIFD(buf, gps, 0)
}

// app1 wraps a TIFF block as a JPEG APP1 Exif segment.
func app1(tiff []byte) []byte {
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}
