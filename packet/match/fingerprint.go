package match

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"math"
)

// Fingerprint is what is kept of a picture to compare it with others: the
// picture's pixel size; a luminance thumbnail of at most 6912 pixels (8
// bits each, same aspect ratio: 96×72 for 4:3, 83×83 for a square),
// averaged over equal cells of the picture and stretched to the full
// 0..255 range; two colour thumbnails (Cb and Cr, as JPEG stores them) of
// half its width and height; and where the picture's content is: inside
// padding bars, or the photo inside a phone screenshot of a listing page.
//
// A Fingerprint is a plain value: comparable with ==, safe to copy and to
// share between goroutines. Its zero value stands for a picture with no
// pixels, which matches nothing. It is stored with MarshalBinary in
// EncodedLen bytes.
type Fingerprint struct {
	width, height uint32    // of the picture given to Of
	content       [4]uint16 // x0, y0, x1, y1 of the content, in 65535ths of width and height
	tw, th        uint8     // luminance thumbnail size; the colour ones are chromaSize
	luma          [lumaPixels]uint8
	cb, cr        [chromaPixels]uint8
}

// Of fingerprints a picture. The picture must be upright (EXIF orientation
// already applied); any size works, and about 512 pixels on the long side
// (what package collect gives it) gives about the same result as the
// camera original, because the thumbnails are plain box averages. Transparent pixels count as lying on
// white, the way listing pictures are shown. *image.YCbCr (JPEG),
// *image.Gray, *image.RGBA and *image.NRGBA are read directly; other types
// go through At, which is several times slower.
func Of(img image.Image) Fingerprint {
	b := img.Bounds()
	var f Fingerprint
	if b.Empty() {
		return f
	}
	tw, th := thumbSize(b.Dx(), b.Dy())
	f.width, f.height = uint32(b.Dx()), uint32(b.Dy())
	f.tw, f.th = uint8(tw), uint8(th)
	p := readPixels(img, tw, th)
	stretch(p.luma, f.luma[:])
	round8(p.cb, f.cb[:])
	round8(p.cr, f.cr[:])
	c := content(p)
	for i, v := range [4]float64{c.x0, c.y0, c.x1, c.y1} {
		f.content[i] = uint16(math.Round(v * 65535))
	}
	return f
}

// IsZero reports whether f is the zero Fingerprint (a picture with no
// pixels).
func (f Fingerprint) IsZero() bool { return f.width == 0 }

// Size returns the pixel size of the picture that was fingerprinted.
func (f Fingerprint) Size() (width, height int) { return int(f.width), int(f.height) }

func (f *Fingerprint) aspect() float64 { return float64(f.width) / float64(f.height) }

// contentRect is the picture without its padding, if it has any, less one
// thumbnail pixel on each padded side (that pixel may be half padding).
func (f *Fingerprint) contentRect() rect {
	c := f.content
	r := rect{float64(c[0]) / 65535, float64(c[1]) / 65535, float64(c[2]) / 65535, float64(c[3]) / 65535}
	if c[0] > 0 {
		r.x0 += 1 / float64(f.tw)
	}
	if c[2] < 65535 {
		r.x1 -= 1 / float64(f.tw)
	}
	if c[1] > 0 {
		r.y0 += 1 / float64(f.th)
	}
	if c[3] < 65535 {
		r.y1 -= 1 / float64(f.th)
	}
	return r
}

// EncodedLen is the length of every encoded Fingerprint.
//
// The encoding, all integers big-endian: "APF2" (4 bytes, format and
// version); picture width and height (uint32 each); the content's left,
// top, right and bottom edges in 65535ths of width and height (uint16 each,
// 0, 0, 65535, 65535 for a picture that is all content); luminance
// thumbnail width and height (1 byte each); its pixels row by row,
// zero-padded to 6912 bytes; the Cb thumbnail's pixels, then the Cr
// thumbnail's (half the width and height, rounded up), each zero-padded to
// 1800 bytes; CRC-32 (IEEE) of everything before it (4 bytes). 10538 bytes
// in all.
const EncodedLen = 4 + 4 + 4 + 4*2 + 1 + 1 + lumaPixels + 2*chromaPixels + 4

var magic = [4]byte{'A', 'P', 'F', '2'}

// MarshalBinary encodes f in EncodedLen bytes. It never fails.
func (f Fingerprint) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, EncodedLen)
	b = append(b, magic[:]...)
	b = binary.BigEndian.AppendUint32(b, f.width)
	b = binary.BigEndian.AppendUint32(b, f.height)
	for _, v := range f.content {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	b = append(b, f.tw, f.th)
	b = append(b, f.luma[:]...)
	b = append(b, f.cb[:]...)
	b = append(b, f.cr[:]...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// ErrCorrupt is wrapped by every UnmarshalBinary error.
var ErrCorrupt = errors.New("match: corrupt fingerprint")

// UnmarshalBinary decodes what MarshalBinary encoded. It returns an error
// wrapping ErrCorrupt, and leaves f unchanged, when data is not exactly such
// an encoding (wrong length, format, checksum, or sizes).
func (f *Fingerprint) UnmarshalBinary(data []byte) error {
	bad := func(why string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(why, args...))
	}
	if len(data) != EncodedLen {
		return bad("%d bytes, want %d", len(data), EncodedLen)
	}
	if [4]byte(data[:4]) != magic {
		return bad("format %q, want %q", data[:4], magic[:])
	}
	body, sum := data[:EncodedLen-4], binary.BigEndian.Uint32(data[EncodedLen-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return bad("checksum mismatch")
	}
	g := new(Fingerprint)
	g.width = binary.BigEndian.Uint32(data[4:])
	g.height = binary.BigEndian.Uint32(data[8:])
	for i := range g.content {
		g.content[i] = binary.BigEndian.Uint16(data[12+2*i:])
	}
	g.tw, g.th = data[20], data[21]
	off := 22
	off += copy(g.luma[:], data[off:])
	off += copy(g.cb[:], data[off:])
	copy(g.cr[:], data[off:])
	n := int(g.tw) * int(g.th)
	cw, ch := chromaSize(int(g.tw), int(g.th))
	c := g.content
	switch {
	case g.width == 0 || g.height == 0:
		if *g != (Fingerprint{}) {
			return bad("empty picture with a thumbnail")
		}
	case g.tw < minSide || g.th < minSide || n > lumaPixels:
		return bad("thumbnail %d×%d", g.tw, g.th)
	case c[0] >= c[2] || c[1] >= c[3]:
		return bad("content %v", c)
	case !zero(g.luma[n:]) || !zero(g.cb[cw*ch:]) || !zero(g.cr[cw*ch:]):
		return bad("data after a thumbnail")
	}
	*f = *g
	return nil
}

func zero(b []uint8) bool {
	for _, v := range b {
		if v != 0 {
			return false
		}
	}
	return true
}
