package match

import (
	"image"
	"math"
	"slices"
)

// lumaPixels is the most pixels a fingerprint's luminance thumbnail holds.
// The thumbnail keeps the picture's aspect ratio: 96×72 for 4:3, 83×83 for
// a square, 56×121 for a phone screenshot (1170×2532).
const lumaPixels = 6912

// chromaPixels is the room for each colour thumbnail (Cb, Cr): half the
// luminance thumbnail's width and height, rounded up (at most
// (6912+255+27+1)/4 pixels).
const chromaPixels = 1800

// Thumbnail sides are in [minSide, maxSide] whatever the aspect ratio.
const minSide, maxSide = 4, 255

// thumbSize returns the luminance thumbnail size for a w×h picture: the
// aspect ratio kept as closely as whole pixels allow, tw*th <= lumaPixels.
func thumbSize(w, h int) (tw, th int) {
	a := float64(w) / float64(h)
	tw = int(math.Sqrt(lumaPixels * a))
	tw = min(max(tw, minSide), maxSide)
	th = min(max(lumaPixels/tw, minSide), maxSide)
	// Best aspect among th and fewer rows (rounding down above may be coarse).
	if t := int(math.Round(float64(tw) / a)); t >= minSide && t <= th {
		th = t
	}
	return tw, th
}

// chromaSize is the colour thumbnails' size for a tw×th luminance one.
func chromaSize(tw, th int) (cw, ch int) { return (tw + 1) / 2, (th + 1) / 2 }

// pixels is what one pass over a picture collects: the luma thumbnail
// (cell means, not yet stretched), the chroma thumbnails, and a copy of
// the luma, subsampled to at most detectSide pixels on the long side, to
// find the picture's content (see content).
type pixels struct {
	luma, cb, cr []float64
	small        []uint8 // sw×sh luma
	sw, sh       int
}

// detectSide is the largest side of the luma copy that content reads.
const detectSide = 1024

// readPixels averages img onto a tw×th luma grid and a cw×ch chroma grid
// (a box filter: every source pixel counts once, in the cell that holds
// its centre). Transparent pixels are taken as lying on white, the way
// listing pictures are shown.
func readPixels(img image.Image, tw, th int) *pixels {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	cw, ch := chromaSize(tw, th)
	step := (max(w, h) + detectSide - 1) / detectSide
	p := &pixels{sw: (w + step - 1) / step, sh: (h + step - 1) / step}
	p.small = make([]uint8, p.sw*p.sh)
	lsum := make([]uint64, tw*th)
	bsum, rsum := make([]uint64, cw*ch), make([]uint64, cw*ch)
	cellX, chromaX := make([]int, w), make([]int, w)
	colsIn, rowsIn := make([]int, tw), make([]int, th)
	ccolsIn, crowsIn := make([]int, cw), make([]int, ch)
	for x := range cellX {
		cellX[x] = (2*x + 1) * tw / (2 * w)
		colsIn[cellX[x]]++
		chromaX[x] = (2*x + 1) * cw / (2 * w)
		ccolsIn[chromaX[x]]++
	}
	for y := range h {
		rowsIn[(2*y+1)*th/(2*h)]++
		crowsIn[(2*y+1)*ch/(2*h)]++
	}
	rows := newRowBuf(w)
	readRows(img, rows, func(y int) {
		cy := (2*y + 1) * th / (2 * h)
		s := lsum[cy*tw : cy*tw+tw]
		for x, v := range rows.y {
			s[cellX[x]] += uint64(v)
		}
		ccy := (2*y + 1) * ch / (2 * h)
		sb, sr := bsum[ccy*cw:ccy*cw+cw], rsum[ccy*cw:ccy*cw+cw]
		for x, v := range rows.cb {
			sb[chromaX[x]] += uint64(v)
			sr[chromaX[x]] += uint64(rows.cr[x])
		}
		if y%step == 0 {
			out := p.small[(y/step)*p.sw:]
			for i := range p.sw {
				out[i] = uint8((rows.y[i*step] + 500) / 1000)
			}
		}
	})
	p.luma = means(lsum, colsIn, rowsIn)
	p.cb = means(bsum, ccolsIn, crowsIn)
	p.cr = means(rsum, ccolsIn, crowsIn)
	return p
}

// means divides the cell sums by the pixels in each cell; cells that got no
// pixel (pictures smaller than the grid) copy their left or upper neighbour.
func means(sum []uint64, colsIn, rowsIn []int) []float64 {
	tw := len(colsIn)
	out := make([]float64, len(sum))
	cnt := func(i int) int { return colsIn[i%tw] * rowsIn[i/tw] }
	for i := range out {
		if n := cnt(i); n > 0 {
			out[i] = float64(sum[i]) / float64(n)
		}
	}
	for i := range out {
		if cnt(i) == 0 {
			switch {
			case i%tw > 0:
				out[i] = out[i-1]
			case i >= tw:
				out[i] = out[i-tw]
			}
		}
	}
	return out
}

// stretch maps v's range onto 0..255 (all zero for a flat picture).
func stretch(v []float64, out []uint8) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	if hi-lo < 1e-9 {
		return
	}
	k := 255 / (hi - lo)
	for i, x := range v {
		out[i] = uint8(math.Round(float64((x - lo) * k)))
	}
}

// round8 rounds values ×1000 to 8 bits.
func round8(v []float64, out []uint8) {
	for i, x := range v {
		out[i] = uint8(min(max(math.Round(x/1000), 0), 255))
	}
}

// ---- content: the picture inside bars, or inside a screenshot ----

// A page colour is a luma that many pixels have exactly (at least
// pageShare of the picture within ±1 level, pageSpike times as many as
// within the levels around it): padding bars, or the page around the
// photo in a screenshot (its background, bands, status bar), which an
// app draws in flat colours where a photo's backdrop shades off. A line
// (row or column) is plain when most of it (plainShare) is within
// ±plainSpread of a page colour: a bar, or page with some text, an icon, a
// thin button. A photo's lines are seldom plain, except over a pure white
// or black backdrop, which is no harm: cutting it off leaves a region of
// the same photo.
const (
	pageShare   = 0.04
	pageSpike   = 16
	maxPages    = 3
	plainSpread = 2 // ± levels
	plainShare  = 0.6
	minContent  = 0.2
)

// pages returns the picture's page colours (see pageShare), at most
// maxPages, the most common first.
func pages(small []uint8) []int {
	var hist [256 + 16]int // shifted by 8: no bounds to check
	for _, v := range small {
		hist[int(v)+8]++
	}
	type peak struct{ v, n int }
	var peaks []peak
	for v := range 256 {
		i := v + 8
		c := hist[i-1] + hist[i] + hist[i+1]
		if c < int(math.Ceil(pageShare*float64(len(small)))) || hist[i] < hist[i-1] || hist[i] < hist[i+1] {
			continue
		}
		around := 0
		for d := 3; d <= 8; d++ {
			around += hist[i-d] + hist[i+d]
		}
		if c*12 >= pageSpike*3*around {
			peaks = append(peaks, peak{v, c})
		}
	}
	slices.SortStableFunc(peaks, func(a, b peak) int { return b.n - a.n })
	var out []int
	for _, p := range peaks[:min(len(peaks), maxPages)] {
		out = append(out, p.v)
	}
	return out
}

// content returns the picture's content, in fractions of its width and
// height: the tallest run of rows that are not plain (see pageShare), and
// within it the widest run of columns that are not plain. That is the
// picture without padding bars, or the photo in a phone screenshot of a
// listing page (status bar, title, price and buttons are on plain rows). It
// is the whole picture when there is no page colour, or when the run would
// be under minContent of either side.
func content(p *pixels) rect {
	whole := rect{0, 0, 1, 1}
	w, h := p.sw, p.sh
	if w < 8 || h < 8 {
		return whole
	}
	var isPage [256]bool
	pg := pages(p.small)
	if len(pg) == 0 {
		return whole
	}
	for _, v := range pg {
		for u := max(v-plainSpread, 0); u <= min(v+plainSpread, 255); u++ {
			isPage[u] = true
		}
	}
	plainRow := make([]bool, h)
	for y := range h {
		c := 0
		for _, v := range p.small[y*w : y*w+w] {
			if isPage[v] {
				c++
			}
		}
		plainRow[y] = float64(c) >= plainShare*float64(w)
	}
	y0, y1 := longestRun(plainRow)
	if y1-y0 < int(math.Ceil(minContent*float64(h))) {
		return whole
	}
	plainCol := make([]bool, w)
	for x := range w {
		c := 0
		for y := y0; y < y1; y++ {
			if isPage[p.small[y*w+x]] {
				c++
			}
		}
		plainCol[x] = float64(c) >= plainShare*float64(y1-y0)
	}
	x0, x1 := longestRun(plainCol)
	if x1-x0 < int(math.Ceil(minContent*float64(w))) {
		return whole
	}
	return rect{float64(x0) / float64(w), float64(y0) / float64(h), float64(x1) / float64(w), float64(y1) / float64(h)}
}

// longestRun returns the longest run [from, to) of false values; the first
// one of equal runs.
func longestRun(plain []bool) (from, to int) {
	start := -1
	for i := 0; i <= len(plain); i++ {
		if i < len(plain) && !plain[i] {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start > to-from {
			from, to = start, i
		}
		start = -1
	}
	return from, to
}

// ---- reading pixels ----

// rowBuf is one row of a picture: luma and chroma (ITU-R BT.601, as JPEG
// stores them), each scaled by 1000.
type rowBuf struct{ y, cb, cr []uint32 }

func newRowBuf(w int) *rowBuf {
	return &rowBuf{make([]uint32, w), make([]uint32, w), make([]uint32, w)}
}

// set stores an opaque pixel given by its 8-bit R, G, B.
func (r *rowBuf) set(x int, R, G, B uint32) {
	r.y[x] = 299*R + 587*G + 114*B
	r.cb[x] = 128000 + 500*B - 169*R - 331*G
	r.cr[x] = 128000 + 500*R - 419*G - 81*B
}

// readRows calls fn for every row of img, top to bottom, with the row in
// r. It reads the common decoded types directly and any other through At.
func readRows(img image.Image, r *rowBuf, fn func(y int)) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			off := m.YOffset(b.Min.X, b.Min.Y+y)
			for x, v := range m.Y[off : off+w] {
				r.y[x] = uint32(v) * 1000
				c := m.COffset(b.Min.X+x, b.Min.Y+y)
				r.cb[x], r.cr[x] = uint32(m.Cb[c])*1000, uint32(m.Cr[c])*1000
			}
			fn(y)
		}
	case *image.Gray:
		for y := 0; y < h; y++ {
			off := m.PixOffset(b.Min.X, b.Min.Y+y)
			for x, v := range m.Pix[off : off+w] {
				r.y[x], r.cb[x], r.cr[x] = uint32(v)*1000, 128000, 128000
			}
			fn(y)
		}
	case *image.RGBA: // premultiplied: on white, 255-A is added
		for y := 0; y < h; y++ {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				q := p[4*x : 4*x+4 : 4*x+4]
				t := 255 - uint32(q[3])
				r.set(x, uint32(q[0])+t, uint32(q[1])+t, uint32(q[2])+t)
			}
			fn(y)
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			p := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				q := p[4*x : 4*x+4 : 4*x+4]
				a := uint32(q[3])
				on := func(c uint8) uint32 { return (uint32(c)*a + 255*(255-a) + 127) / 255 }
				r.set(x, on(q[0]), on(q[1]), on(q[2]))
			}
			fn(y)
		}
	default:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				cr, cg, cb, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA() // premultiplied, 16 bits
				t := 0xffff - a
				r.set(x, (cr+t+128)/257, (cg+t+128)/257, (cb+t+128)/257)
			}
			fn(y)
		}
	}
}
