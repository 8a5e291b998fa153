package match

import (
	"image"
	"math"
)

// thumbPixels is the most pixels a fingerprint's thumbnail holds. The
// thumbnail keeps the picture's aspect ratio, e.g. 32×24 for 4:3, 27×27 for
// a square, 36×20 for 16:9.
const thumbPixels = 768

// thumbSize returns the thumbnail size for a w×h picture: the aspect ratio
// kept as closely as whole pixels allow, w*h <= thumbPixels, each side in
// [minSide, maxSide].
func thumbSize(w, h int) (tw, th int) {
	const minSide, maxSide = 4, 192
	a := float64(w) / float64(h)
	tw = int(math.Sqrt(thumbPixels * a))
	tw = min(max(tw, minSide), maxSide)
	th = min(max(thumbPixels/tw, minSide), maxSide)
	// Best aspect among th and th-1 rows (rounding down above may be coarse).
	if t := int(math.Round(float64(tw) / a)); t >= minSide && t <= th {
		th = t
	}
	return tw, th
}

// thumbnail returns the luma of img averaged over tw×th equal cells
// (a box filter: every source pixel counts once, in the cell that holds its
// centre), contrast-stretched to 0..255. Transparent pixels are taken as lying
// on white, the way listing pictures are shown.
func thumbnail(img image.Image, tw, th int) []uint8 {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	sum := make([]uint64, tw*th)
	cnt := make([]uint32, tw*th)
	cellX := make([]int, w)
	for x := range cellX {
		cellX[x] = (2*x + 1) * tw / (2 * w)
	}
	row := make([]uint32, w) // luma ×1000 of the current row
	lumaRows(img, func(y int, luma []uint32) {
		cy := (2*y + 1) * th / (2 * h)
		s, c := sum[cy*tw:cy*tw+tw], cnt[cy*tw:cy*tw+tw]
		for x, v := range luma {
			cx := cellX[x]
			s[cx] += uint64(v)
			c[cx]++
		}
	}, row)
	mean := make([]float64, tw*th)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range mean {
		if cnt[i] > 0 {
			mean[i] = float64(sum[i]) / float64(cnt[i])
		}
		lo, hi = min(lo, mean[i]), max(hi, mean[i])
	}
	// Cells that got no pixel (pictures smaller than the thumbnail) copy
	// their left or upper neighbour.
	for i := range mean {
		if cnt[i] == 0 {
			switch {
			case i%tw > 0:
				mean[i] = mean[i-1]
			case i >= tw:
				mean[i] = mean[i-tw]
			}
		}
	}
	out := make([]uint8, tw*th)
	if hi-lo < 1e-9 {
		return out // a flat picture: all zero
	}
	k := 255 / (hi - lo)
	for i, v := range mean {
		out[i] = uint8(math.Round(float64((v - lo) * k)))
	}
	return out
}

// lumaRows calls fn for every row of img, top to bottom, with the row's
// luma (ITU-R BT.601, as JPEG stores it) scaled by 1000. It reads the common
// decoded types directly and any other through At.
func lumaRows(img image.Image, fn func(y int, luma []uint32), row []uint32) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			off := m.YOffset(b.Min.X, b.Min.Y+y)
			for x, v := range m.Y[off : off+w] {
				row[x] = uint32(v) * 1000
			}
			fn(y, row)
		}
	case *image.Gray:
		for y := 0; y < h; y++ {
			off := m.PixOffset(b.Min.X, b.Min.Y+y)
			for x, v := range m.Pix[off : off+w] {
				row[x] = uint32(v) * 1000
			}
			fn(y, row)
		}
	case *image.RGBA: // premultiplied: composite on white adds 255-A
		for y := 0; y < h; y++ {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				q := p[4*x : 4*x+4 : 4*x+4]
				row[x] = 299*uint32(q[0]) + 587*uint32(q[1]) + 114*uint32(q[2]) + 1000*(255-uint32(q[3]))
			}
			fn(y, row)
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				q := p[4*x : 4*x+4 : 4*x+4]
				l := 299*uint32(q[0]) + 587*uint32(q[1]) + 114*uint32(q[2])
				a := uint32(q[3])
				row[x] = (l*a + 255000*(255-a)) / 255
			}
			fn(y, row)
		}
	default:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				r, g, bb, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA() // premultiplied, 16 bit
				l := (299*uint64(r) + 587*uint64(g) + 114*uint64(bb) + 1000*(0xffff-uint64(a))) / 257
				row[x] = uint32(l)
			}
			fn(y, row)
		}
	}
}
