package match

import (
	"image"
	"math"
)

// thumbPixels is the most pixels a fingerprint's thumbnail holds. The
// thumbnail keeps the picture's aspect ratio, e.g. 36×27 for 4:3, 31×31 for
// a square, 41×23 for 16:9.
const thumbPixels = 980

// Thumbnail sides are in [minSide, maxSide] whatever the aspect ratio.
const minSide, maxSide = 4, 192

// thumbSize returns the thumbnail size for a w×h picture: the aspect ratio
// kept as closely as whole pixels allow, tw*th <= thumbPixels.
func thumbSize(w, h int) (tw, th int) {
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

// padLuma is how close to white (or black) a row or column of pixels must
// stay, all of it, to be padding: in luma levels ×1000.
const padLuma = 8000

// thumbnail returns the luma of img averaged over tw×th equal cells
// (a box filter: every source pixel counts once, in the cell that holds its
// centre), contrast-stretched to 0..255, and the content of img without its
// padding (see content), in fractions of its width and height. Transparent
// pixels are taken as lying on white, the way listing pictures are shown.
func thumbnail(img image.Image, tw, th int) ([]uint8, rect) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	sum := make([]uint64, tw*th)
	cellX := make([]int, w)
	colsIn, rowsIn := make([]int, tw), make([]int, th) // source columns (rows) in each cell column (row)
	for x := range cellX {
		cellX[x] = (2*x + 1) * tw / (2 * w)
		colsIn[cellX[x]]++
	}
	for y := range h {
		rowsIn[(2*y+1)*th/(2*h)]++
	}
	// Rows and columns that are padding: all white or all black.
	rowPad := make([]padKind, h)
	colLo, colHi := make([]uint32, w), make([]uint32, w)
	for x := range colLo {
		colLo[x] = math.MaxUint32
	}
	row := make([]uint32, w) // luma ×1000 of the current row
	lumaRows(img, func(y int, luma []uint32) {
		cy := (2*y + 1) * th / (2 * h)
		s := sum[cy*tw : cy*tw+tw]
		lo, hi := uint32(math.MaxUint32), uint32(0)
		for x, v := range luma {
			s[cellX[x]] += uint64(v)
			lo, hi = min(lo, v), max(hi, v)
			colLo[x], colHi[x] = min(colLo[x], v), max(colHi[x], v)
		}
		rowPad[y] = kindOf(lo, hi)
	}, row)
	colPad := make([]padKind, w)
	for x := range colPad {
		colPad[x] = kindOf(colLo[x], colHi[x])
	}
	mean := make([]float64, tw*th)
	lo, hi := math.Inf(1), math.Inf(-1)
	cnt := func(i int) int { return colsIn[i%tw] * rowsIn[i/tw] }
	for i := range mean {
		if n := cnt(i); n > 0 {
			mean[i] = float64(sum[i]) / float64(n)
			lo, hi = min(lo, mean[i]), max(hi, mean[i])
		}
	}
	// Cells that got no pixel (pictures smaller than the thumbnail) copy
	// their left or upper neighbour.
	for i := range mean {
		if cnt(i) == 0 {
			switch {
			case i%tw > 0:
				mean[i] = mean[i-1]
			case i >= tw:
				mean[i] = mean[i-tw]
			}
		}
	}
	out := make([]uint8, tw*th)
	y0, y1 := margins(rowPad)
	x0, x1 := margins(colPad)
	content := rect{float64(x0) / float64(w), float64(y0) / float64(h), float64(x1) / float64(w), float64(y1) / float64(h)}
	if hi-lo < 1e-9 {
		return out, content // a flat picture: all zero
	}
	k := 255 / (hi - lo)
	for i, v := range mean {
		out[i] = uint8(math.Round(float64((v - lo) * k)))
	}
	return out, content
}

type padKind uint8

const (
	notPad padKind = iota
	whitePad
	blackPad
)

func kindOf(lo, hi uint32) padKind {
	switch {
	case lo >= 255000-padLuma:
		return whitePad
	case hi <= padLuma:
		return blackPad
	}
	return notPad
}

// margins returns the lines [from, to) left once padding is cut off both
// ends: runs of white (or black) lines at each end, the same colour, each
// at least 3 % of the side. Padding is centred, so as much is cut at each
// end: the shorter run (the longer one may go on into a white sky or
// floor, which is no harm either). At least a quarter of the side must
// remain. Otherwise it returns all the lines.
func margins(pad []padKind) (from, to int) {
	n := len(pad)
	a := 0
	for a < n && pad[a] != notPad && pad[a] == pad[0] {
		a++
	}
	z := 0
	for z < n-a && pad[n-1-z] != notPad && pad[n-1-z] == pad[n-1] {
		z++
	}
	m := min(a, z)
	if pad[0] != pad[n-1] || m < (3*n+99)/100 || 4*(n-2*m) < n {
		return 0, n
	}
	return m, n - m
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
	case *image.RGBA: // premultiplied: on white, 255-A is added
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
				r, g, bb, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA() // premultiplied, 16 bits
				l := (299*uint64(r) + 587*uint64(g) + 114*uint64(bb) + 1000*(0xffff-uint64(a))) / 257
				row[x] = uint32(l)
			}
			fn(y, row)
		}
	}
}
