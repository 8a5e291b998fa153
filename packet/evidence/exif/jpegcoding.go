package exif

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// JPEGCoding is how the main image of a JPEG file was encoded, read from
// the segments before its first scan: the quantisation tables, the
// components and their sampling, the kind of Huffman tables, and the
// application segments an encoder leaves behind. Different encoders (a
// camera's, libjpeg's, Photoshop's) leave different traces here, which is
// how a re-saved picture tells itself apart from the camera's file.
type JPEGCoding struct {
	// Quant holds the quantisation tables by slot (0-3) in natural
	// (row-major) order; nil for a slot the file does not define.
	Quant [4]*[64]uint16
	// Components of the frame, in SOF order.
	Components []JPEGComponent
	// Progressive, Arithmetic and Lossless describe the SOF marker.
	Progressive, Arithmetic, Lossless bool
	// HuffmanTables counts the Huffman tables defined before the first
	// scan; StandardHuffman is set when there is at least one and every one
	// of them has the code lengths of a table of the JPEG standard's Annex
	// K (what cameras write; encoders that optimise their tables, or write
	// progressive scans, define others).
	HuffmanTables   int
	StandardHuffman bool
	// JFIF and Adobe report an APP0 "JFIF" and an APP14 "Adobe" segment;
	// JFIFFirst reports that the JFIF segment comes before any EXIF one.
	JFIF, JFIFFirst, Adobe bool
	// PhotoshopQuality reports Photoshop's JPEG save settings (the 8BIM
	// resource 0x0406 of an APP13 "Photoshop 3.0" segment): Photoshop
	// encoded this picture.
	PhotoshopQuality bool
	// Segments lists the markers before the first scan, in order ("APP1",
	// "DQT", "SOF0", ...).
	Segments []string
}

// JPEGComponent is one component of a JPEG frame.
type JPEGComponent struct {
	ID, H, V, Table uint8
}

// jpegHeader is what the walk over a JPEG's segments before the first scan
// collects.
type jpegHeader struct {
	coding *JPEGCoding
	exif   []byte // TIFF block of the first EXIF APP1
	xmp    []byte // the first standard XMP packet
}

// maxJPEGSegments caps the segments walked before the first scan.
const maxJPEGSegments = 1000

const xmpHeader = "http://ns.adobe.com/xap/1.0/\x00"

// readJPEGHeader walks the marker segments of a JPEG file up to its first
// SOS. It never reads past the data and stops at the first damage, keeping
// what it found before it (err says what was wrong).
func readJPEGHeader(data []byte) (h jpegHeader, err error) {
	c := &JPEGCoding{}
	h.coding = c
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return h, fmt.Errorf("not a JPEG file (no SOI marker)")
	}
	pos := 2
	standard, exifSeen := true, false
	for n := 0; ; n++ {
		if n >= maxJPEGSegments {
			return h, fmt.Errorf("more than %d segments before the image data", maxJPEGSegments)
		}
		// Skip to the next marker: garbage, then fill bytes.
		i := bytes.IndexByte(data[pos:], 0xFF)
		if i < 0 {
			return h, fmt.Errorf("the file ends before the image data")
		}
		pos += i
		for pos+1 < len(data) && data[pos+1] == 0xFF {
			pos++
		}
		if pos+1 >= len(data) {
			return h, fmt.Errorf("the file ends before the image data")
		}
		marker := data[pos+1]
		pos += 2
		if marker == 0x00 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7 {
			continue // not a segment
		}
		if marker == 0xD9 {
			return h, fmt.Errorf("EOI before any image data")
		}
		if pos+2 > len(data) {
			return h, fmt.Errorf("%s segment cut off by the end of the file", jpegMarkerName(marker))
		}
		segLen := int(binary.BigEndian.Uint16(data[pos:]))
		if segLen < 2 || pos+segLen > len(data) {
			return h, fmt.Errorf("%s segment at offset %d has a bad length %d", jpegMarkerName(marker), pos-2, segLen)
		}
		seg := data[pos+2 : pos+segLen]
		pos += segLen
		c.Segments = append(c.Segments, jpegMarkerName(marker))
		switch {
		case marker == 0xDA: // SOS: the header ends here
			c.StandardHuffman = standard && c.HuffmanTables > 0
			return h, nil
		case marker == 0xDB:
			if err := c.readDQT(seg); err != nil {
				return h, err
			}
		case marker == 0xC4:
			n, std, err := readDHT(seg)
			if err != nil {
				return h, err
			}
			c.HuffmanTables += n
			standard = standard && std
		case isSOF(marker):
			if c.Components != nil {
				break // a second frame header: keep the first
			}
			if err := c.readSOF(marker, seg); err != nil {
				return h, err
			}
		case marker == 0xE0:
			if bytes.HasPrefix(seg, []byte("JFIF\x00")) {
				c.JFIF = true
				c.JFIFFirst = !exifSeen
			}
		case marker == 0xE1:
			if off := exifHeaderAt(seg); off >= 0 {
				exifSeen = true
				if h.exif == nil {
					h.exif = seg[off+6:]
				}
			} else if h.xmp == nil && bytes.HasPrefix(seg, []byte(xmpHeader)) {
				h.xmp = seg[len(xmpHeader):]
			}
		case marker == 0xED:
			if photoshopHasResource(seg, 0x0406) {
				c.PhotoshopQuality = true
			}
		case marker == 0xEE:
			if bytes.HasPrefix(seg, []byte("Adobe")) {
				c.Adobe = true
			}
		}
	}
}

// readDQT reads the quantisation tables of one DQT segment.
func (c *JPEGCoding) readDQT(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, seg[0]&15
		if tq > 3 || pq > 1 {
			return fmt.Errorf("DQT: invalid table %d of precision %d", tq, pq)
		}
		size := 64 * (1 + int(pq))
		if len(seg) < 1+size {
			return fmt.Errorf("DQT: table %d cut off", tq)
		}
		var t [64]uint16
		for k := 0; k < 64; k++ {
			v := uint16(seg[1+k])
			if pq == 1 {
				v = binary.BigEndian.Uint16(seg[1+2*k:])
			}
			t[zigzag[k]] = v
		}
		c.Quant[tq] = &t
		seg = seg[1+size:]
	}
	return nil
}

// readSOF reads a frame header.
func (c *JPEGCoding) readSOF(marker byte, seg []byte) error {
	if len(seg) < 6 {
		return fmt.Errorf("%s: too short", jpegMarkerName(marker))
	}
	n := int(seg[5])
	if n == 0 || len(seg) < 6+3*n {
		return fmt.Errorf("%s: %d components do not fit in %d bytes", jpegMarkerName(marker), n, len(seg))
	}
	c.Components = make([]JPEGComponent, n)
	for i := range n {
		p := seg[6+3*i:]
		c.Components[i] = JPEGComponent{ID: p[0], H: p[1] >> 4, V: p[1] & 15, Table: p[2] & 3}
	}
	switch marker {
	case 0xC2, 0xC6, 0xCA, 0xCE:
		c.Progressive = true
	case 0xC3, 0xC7, 0xCB, 0xCF:
		c.Lossless = true
	}
	c.Arithmetic = marker >= 0xC9
	return nil
}

// readDHT reads one DHT segment: how many tables it defines, and whether
// each has the code lengths of one of the standard tables.
func readDHT(seg []byte) (n int, standard bool, err error) {
	standard = true
	for len(seg) > 0 {
		if len(seg) < 17 {
			return n, false, fmt.Errorf("DHT: table cut off")
		}
		var counts [16]byte
		copy(counts[:], seg[1:17])
		total := 0
		for _, x := range counts {
			total += int(x)
		}
		if len(seg) < 17+total {
			return n, false, fmt.Errorf("DHT: table of %d codes cut off", total)
		}
		n++
		standard = standard && isStandardHuffman(counts)
		seg = seg[17+total:]
	}
	return n, standard, nil
}

// The code lengths of the four Huffman tables of the JPEG standard
// (ITU T.81 Annex K.3): luminance DC, chrominance DC, luminance AC,
// chrominance AC.
var standardHuffman = [4][16]byte{
	{0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0},
	{0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0},
	{0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d},
	{0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77},
}

func isStandardHuffman(counts [16]byte) bool {
	for _, s := range standardHuffman {
		if counts == s {
			return true
		}
	}
	return false
}

// photoshopHasResource reports whether an APP13 "Photoshop 3.0" segment
// holds the 8BIM image resource id.
func photoshopHasResource(seg []byte, id uint16) bool {
	const hdr = "Photoshop 3.0\x00"
	if !bytes.HasPrefix(seg, []byte(hdr)) {
		return false
	}
	b := seg[len(hdr):]
	for len(b) >= 12 && string(b[:4]) == "8BIM" {
		rid := binary.BigEndian.Uint16(b[4:])
		nameLen := int(b[6])
		p := 7 + nameLen
		if p%2 == 1 { // the Pascal name is padded to an even size
			p++
		}
		if len(b) < p+4 {
			return false
		}
		size := int(binary.BigEndian.Uint32(b[p:]))
		p += 4
		if size < 0 || size > len(b)-p {
			return false
		}
		if rid == id {
			return true
		}
		p += size + size&1
		if p > len(b) {
			return false
		}
		b = b[p:]
	}
	return false
}

// zigzag maps the k-th coefficient of a DQT table (zigzag order) to its
// row-major index.
var zigzag = [64]uint8{
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
}

// The example tables of the JPEG standard (ITU T.81 Annex K.1), row-major,
// that the Independent JPEG Group's library scales by a quality factor.
// libjpeg (and so ImageMagick, GIMP, Pillow, most web tools) and Go's
// image/jpeg write exactly these tables scaled.
var ijgLuma = [64]uint16{
	16, 11, 10, 16, 24, 40, 51, 61,
	12, 12, 14, 19, 26, 58, 60, 55,
	14, 13, 16, 24, 40, 57, 69, 56,
	14, 17, 22, 29, 51, 87, 80, 62,
	18, 22, 37, 56, 68, 109, 103, 77,
	24, 35, 55, 64, 81, 104, 113, 92,
	49, 64, 78, 87, 103, 121, 120, 101,
	72, 92, 95, 98, 112, 100, 103, 99,
}

var ijgChroma = [64]uint16{
	17, 18, 24, 47, 99, 99, 99, 99,
	18, 21, 26, 66, 99, 99, 99, 99,
	24, 26, 56, 99, 99, 99, 99, 99,
	47, 66, 99, 99, 99, 99, 99, 99,
	99, 99, 99, 99, 99, 99, 99, 99,
	99, 99, 99, 99, 99, 99, 99, 99,
	99, 99, 99, 99, 99, 99, 99, 99,
	99, 99, 99, 99, 99, 99, 99, 99,
}

// ijgScaled returns base scaled to quality q (1-100) as libjpeg's
// jpeg_quality_scaling and jpeg_add_quant_table do; baseline limits the
// values to 255.
func ijgScaled(base *[64]uint16, q int, baseline bool) [64]uint16 {
	scale := 200 - 2*q
	if q < 50 {
		scale = 5000 / q
	}
	var t [64]uint16
	for i, b := range base {
		v := (int(b)*scale + 50) / 100
		v = max(v, 1)
		v = min(v, 32767)
		if baseline {
			v = min(v, 255)
		}
		t[i] = uint16(v)
	}
	return t
}

// IJGQuality returns the quality factor q (1-100) when the picture's
// quantisation tables are exactly the IJG example tables scaled to q (the
// luminance table for the first component and, for colour pictures, the
// chrominance table for the others): the tables libjpeg-based editors and
// Go's image/jpeg write. ok is false for any other tables.
func (c *JPEGCoding) IJGQuality() (q int, ok bool) {
	if c == nil || len(c.Components) == 0 {
		return 0, false
	}
	luma := c.Quant[c.Components[0].Table]
	if luma == nil {
		return 0, false
	}
	var chroma *[64]uint16
	for _, comp := range c.Components[1:] {
		t := c.Quant[comp.Table]
		if t == nil || chroma != nil && t != chroma {
			return 0, false
		}
		chroma = t
	}
	for q := 1; q <= 100; q++ {
		for _, baseline := range []bool{true, false} {
			if *luma != ijgScaled(&ijgLuma, q, baseline) {
				continue
			}
			if chroma == nil || *chroma == ijgScaled(&ijgChroma, q, baseline) {
				return q, true
			}
		}
	}
	return 0, false
}

// Sampling names the chroma subsampling of a three-component picture
// ("4:2:0", "4:2:2", "4:4:4", "4:4:0", or "HxV" of the first component
// otherwise); "" for other pictures.
func (c *JPEGCoding) Sampling() string {
	if c == nil || len(c.Components) != 3 {
		return ""
	}
	y := c.Components[0]
	for _, comp := range c.Components[1:] {
		if comp.H != 1 || comp.V != 1 {
			return fmt.Sprintf("%dx%d,%dx%d", y.H, y.V, comp.H, comp.V)
		}
	}
	switch [2]uint8{y.H, y.V} {
	case [2]uint8{1, 1}:
		return "4:4:4"
	case [2]uint8{2, 1}:
		return "4:2:2"
	case [2]uint8{2, 2}:
		return "4:2:0"
	case [2]uint8{1, 2}:
		return "4:4:0"
	}
	return fmt.Sprintf("%dx%d", y.H, y.V)
}

// String summarises the coding for diagnostics: "IJG q92 4:2:0 optimised
// Huffman, JFIF".
func (c *JPEGCoding) String() string {
	if c == nil {
		return ""
	}
	var parts []string
	if q, ok := c.IJGQuality(); ok {
		parts = append(parts, fmt.Sprintf("IJG q%d", q))
	} else {
		parts = append(parts, "own tables")
	}
	if s := c.Sampling(); s != "" {
		parts = append(parts, s)
	}
	switch {
	case c.Progressive:
		parts = append(parts, "progressive")
	case !c.StandardHuffman:
		parts = append(parts, "optimised Huffman")
	}
	if c.JFIF {
		parts = append(parts, "JFIF")
	}
	if c.Adobe {
		parts = append(parts, "Adobe")
	}
	if c.PhotoshopQuality {
		parts = append(parts, "Photoshop save")
	}
	return strings.Join(parts, " ")
}
