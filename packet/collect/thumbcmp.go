package collect

import (
	"bytes"
	"image"
	"math"
	"sort"
	"strconv"

	"appealpacket/internal/jpegcodec"
	"appealpacket/packet/evidence"
)

// Limits of the comparison of a picture with its embedded EXIF thumbnail.
const (
	// thumbGrid is the long side, in cells, of the luma grids compared.
	thumbGrid = 32
	// maxThumbPixels refuses to decode thumbnails larger than this (an
	// EXIF thumbnail is 160×120 or so; a few phones write 512×384).
	maxThumbPixels = 1024 * 1024
)

// thumbComparison is how a picture compares with its EXIF thumbnail.
type thumbComparison struct {
	// Compared is false when the comparison could not be made (see Why).
	Compared bool
	Why      evidence.Sign
	// Framing is false when the thumbnail shows a picture of another shape
	// (not explained by black bars around the same picture).
	Framing bool
	// Correlation of the normalised luma grids (1 = same picture); Worst is
	// the mean of the largest 5 % of cell differences, in standard
	// deviations of the picture's luma (a caption or a pasted patch is
	// a cluster of large differences).
	Correlation, Worst float64
}

// Thresholds beyond which a thumbnail is taken not to show the picture,
// measured on the corpus and on some 150 camera files of public sample
// collections (see originality_measure_test.go): camera originals give
// Worst ≤ 0.75 and a correlation ≥ 0.95; a caption over an eighth of the
// picture gives Worst ≥ 1.3, a mirror Worst ≥ 1.8.
const (
	maxThumbWorst       = 1.0
	minThumbCorrelation = 0.85
)

// Same reports a thumbnail that shows the picture.
func (c thumbComparison) Same() bool {
	return c.Framing && c.Correlation >= minThumbCorrelation && c.Worst <= maxThumbWorst
}

// compareThumbnail compares the picture img (as stored: not turned by its
// orientation) with the JPEG thumbnail embedded in its EXIF. The picture
// may sit in the thumbnail between black bars (a 3:2 picture in a 160×120
// thumbnail), and some cameras make the thumbnail of a slightly smaller
// field than the picture: both are allowed for.
func compareThumbnail(img image.Image, thumb []byte) thumbComparison {
	cfg, err := jpegcodec.DecodeConfig(bytes.NewReader(thumb))
	if err != nil {
		return thumbComparison{Why: evidence.NewSign(evidence.SignThumbUnreadable, err.Error())}
	}
	if cfg.Width*cfg.Height > maxThumbPixels || cfg.Width < 16 || cfg.Height < 16 {
		return thumbComparison{Why: evidence.NewSign(evidence.SignThumbTooLarge, strconv.Itoa(cfg.Width), strconv.Itoa(cfg.Height))}
	}
	t, err := jpegcodec.Decode(bytes.NewReader(thumb))
	if err != nil {
		return thumbComparison{Why: evidence.NewSign(evidence.SignThumbUndecodable, err.Error())}
	}
	tp := newPlane(t, 0)
	mp := newPlane(img, 256)
	if mp.w < 16 || mp.h < 16 {
		return thumbComparison{Why: evidence.NewSign(evidence.SignThumbSmall)}
	}
	// Where the picture lies in the thumbnail: the whole of it, or inside
	// black bars, whichever has the picture's shape.
	pa := float64(mp.w) / float64(mp.h)
	content := image.Rect(0, 0, tp.w, tp.h)
	if inner := tp.barsInside(); !inner.Eq(content) && shapeGap(inner, pa) < shapeGap(content, pa) {
		content = inner
	}
	framing := shapeGap(content, pa) < 0.05
	gw, gh := thumbGrid, thumbGrid
	if pa >= 1 {
		gh = max(4, int(math.Round(thumbGrid/pa)))
	} else {
		gw = max(4, int(math.Round(thumbGrid*pa)))
	}
	gw, gh = min(gw, content.Dx()), min(gh, content.Dy())
	a := tp.grid(content, gw, gh)
	best := thumbComparison{Why: evidence.NewSign(evidence.SignThumbFlat)}
	for _, zoom := range []float64{1, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3} {
		cw, ch := int(float64(mp.w)/zoom), int(float64(mp.h)/zoom)
		for _, d := range [][2]int{{0, 0}, {-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
			if zoom == 1 && d != [2]int{} {
				continue
			}
			x0 := (mp.w-cw)/2 + d[0]*(mp.w-cw)/2
			y0 := (mp.h-ch)/2 + d[1]*(mp.h-ch)/2
			r, worst, ok := gridDistance(a, mp.grid(image.Rect(x0, y0, x0+cw, y0+ch), gw, gh))
			if ok && (!best.Compared || worst < best.Worst) {
				best = thumbComparison{Compared: true, Framing: framing, Correlation: r, Worst: worst}
			}
		}
	}
	return best
}

// shapeGap is how far the aspect ratio of r is from a, relatively.
func shapeGap(r image.Rectangle, a float64) float64 {
	return math.Abs(float64(r.Dx())/float64(r.Dy())/a - 1)
}

// plane is an 8-bit luma plane.
type plane struct {
	pix          []uint8
	stride, w, h int
}

// newPlane returns the luma of img, shrunk (area average) so that its
// long side is at most side pixels (0: not shrunk).
func newPlane(img image.Image, side int) plane {
	pix, stride, w, h := lumaPlane(img)
	p := plane{pix, stride, w, h}
	if side <= 0 || max(w, h) <= side {
		return p
	}
	dw, dh := max(1, w*side/max(w, h)), max(1, h*side/max(w, h))
	small := make([]uint8, dw*dh)
	areaResample(pix, stride, w, h, small, dw, dw, dh)
	return plane{small, dw, dw, dh}
}

func (p plane) grid(r image.Rectangle, gw, gh int) []float64 {
	return lumaGrid(p.pix, p.stride, r, gw, gh)
}

// barsInside returns the part of the plane inside flat dark bars along its
// edges (the black bars a camera puts around a picture of another shape
// than its thumbnail), or the whole plane when there are none.
func (p plane) barsInside() image.Rectangle {
	flat := func(x0, y0, x1, y1 int) bool {
		lo, hi := 255, 0
		for y := y0; y < y1; y++ {
			for _, v := range p.pix[y*p.stride+x0 : y*p.stride+x1] {
				lo, hi = min(lo, int(v)), max(hi, int(v))
			}
		}
		return hi-lo <= 24 && hi <= 64
	}
	r := image.Rect(0, 0, p.w, p.h)
	for r.Dy() > p.h/2 && flat(0, r.Min.Y, p.w, r.Min.Y+1) {
		r.Min.Y++
	}
	for r.Dy() > p.h/2 && flat(0, r.Max.Y-1, p.w, r.Max.Y) {
		r.Max.Y--
	}
	for r.Dx() > p.w/2 && flat(r.Min.X, 0, r.Min.X+1, p.h) {
		r.Min.X++
	}
	for r.Dx() > p.w/2 && flat(r.Max.X-1, 0, r.Max.X, p.h) {
		r.Max.X--
	}
	// JPEG blurs the edge of a bar over a pixel or two.
	if r.Min.Y > 0 || r.Max.Y < p.h {
		r.Min.Y, r.Max.Y = min(r.Min.Y+1, r.Max.Y), max(r.Max.Y-1, r.Min.Y)
	}
	if r.Min.X > 0 || r.Max.X < p.w {
		r.Min.X, r.Max.X = min(r.Min.X+1, r.Max.X), max(r.Max.X-1, r.Min.X)
	}
	return r
}

// lumaPlane returns the luma of img as an 8-bit plane.
func lumaPlane(img image.Image) (pix []uint8, stride, w, h int) {
	b := img.Bounds()
	w, h = b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.YCbCr:
		return m.Y[m.YOffset(b.Min.X, b.Min.Y):], m.YStride, w, h
	case *image.Gray:
		return m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, w, h
	case *image.RGBA:
		pix = make([]uint8, w*h)
		for y := range h {
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := range w {
				p := row[4*x:]
				pix[y*w+x] = uint8((19595*uint32(p[0]) + 38470*uint32(p[1]) + 7471*uint32(p[2]) + 1<<15) >> 16)
			}
		}
		return pix, w, w, h
	}
	pix = make([]uint8, w*h)
	for y := range h {
		for x := range w {
			r, g, bb, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			pix[y*w+x] = uint8((19595*r + 38470*g + 7471*bb + 1<<15) >> 24)
		}
	}
	return pix, w, w, h
}

// lumaGrid averages the rectangle r of a luma plane over gw×gh cells.
func lumaGrid(pix []uint8, stride int, r image.Rectangle, gw, gh int) []float64 {
	cells := make([]float64, gw*gh)
	counts := make([]float64, gw*gh)
	w, h := r.Dx(), r.Dy()
	for y := range h {
		cy := y * gh / h
		row := pix[(r.Min.Y+y)*stride+r.Min.X:]
		for x := range w {
			c := cy*gw + x*gw/w
			cells[c] += float64(row[x])
			counts[c]++
		}
	}
	for i := range cells {
		if counts[i] > 0 {
			cells[i] /= counts[i]
		}
	}
	return cells
}

// gridDistance normalises two grids (mean 0, standard deviation 1) and
// returns their correlation and the mean of their largest 5 % of cell
// differences. ok is false when either grid is flat.
func gridDistance(a, b []float64) (corr, worst float64, ok bool) {
	za, oka := normalise(a)
	zb, okb := normalise(b)
	if !oka || !okb {
		return 0, 0, false
	}
	diffs := make([]float64, len(za))
	for i := range za {
		corr += za[i] * zb[i]
		diffs[i] = math.Abs(za[i] - zb[i])
	}
	corr /= float64(len(za))
	sort.Float64s(diffs)
	k := max(1, len(diffs)/20)
	for _, d := range diffs[len(diffs)-k:] {
		worst += d
	}
	return corr, worst / float64(k), true
}

func normalise(v []float64) ([]float64, bool) {
	var sum, sq float64
	for _, x := range v {
		sum += x
		sq += x * x
	}
	n := float64(len(v))
	mean := sum / n
	sd := math.Sqrt(max(0, sq/n-mean*mean))
	if sd < 2 { // less than 2 levels of 255: a flat picture
		return nil, false
	}
	z := make([]float64, len(v))
	for i, x := range v {
		z[i] = (x - mean) / sd
	}
	return z, true
}
