package match

import "math"

// ---- sampling ----

// plane is a thumbnail ready for sampling: its summed-area table, which
// sample interpolates bilinearly. That gives the integral of the thumbnail
// taken as piecewise constant, exactly, over any rectangle.
type plane struct {
	w, h int
	sat  []float64 // (w+1)×(h+1): sat[y*(w+1)+x] is the sum of the pixels left of x and above y
}

// set makes p the plane of the w×h pixels pix, reusing its memory.
func (p *plane) set(pix []uint8, w, h int) {
	p.w, p.h = w, h
	n := (w + 1) * (h + 1)
	if cap(p.sat) < n {
		p.sat = make([]float64, n)
	}
	p.sat = p.sat[:n]
	clear(p.sat[:w+1])
	for y := 0; y < h; y++ {
		p.sat[(y+1)*(w+1)] = 0
		var run float64
		for x := 0; x < w; x++ {
			run += float64(pix[y*w+x])
			p.sat[(y+1)*(w+1)+x+1] = p.sat[y*(w+1)+x+1] + run
		}
	}
}

// rect is a region in fractions of the picture's width and height.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

// sample averages region r onto n×n cells (up to a constant factor, which
// the comparisons ignore), row by row into out.
func (p *plane) sample(r rect, n int, out []float64) {
	// Where the grid lines fall in the summed-area table: whole index and
	// fraction, clamped to the thumbnail.
	var ixa, iya [maxGrid + 1]int
	var fxa, fya [maxGrid + 1]float64
	ix, iy, fx, fy := ixa[:n+1], iya[:n+1], fxa[:n+1], fya[:n+1]
	fw, fh := float64(p.w), float64(p.h)
	for i := range ix {
		t := float64(i) / float64(n)
		x := min(max((r.x0+float64(t*(r.x1-r.x0)))*fw, 0), fw)
		y := min(max((r.y0+float64(t*(r.y1-r.y0)))*fh, 0), fh)
		ix[i], iy[i] = min(int(x), p.w-1), min(int(y), p.h-1)
		fx[i], fy[i] = x-float64(ix[i]), y-float64(iy[i])
	}
	s := p.w + 1
	var preva, cura [maxGrid + 1]float64
	prev, cur := preva[:n+1], cura[:n+1]
	line := func(j int, dst []float64) {
		top, bot := p.sat[iy[j]*s:], p.sat[(iy[j]+1)*s:]
		for i := range dst {
			a, b, c, d := top[ix[i]], top[ix[i]+1], bot[ix[i]], bot[ix[i]+1]
			t := a + float64(fx[i]*(b-a))
			u := c + float64(fx[i]*(d-c))
			dst[i] = t + float64(fy[j]*(u-t))
		}
	}
	line(0, prev)
	for j := 1; j <= n; j++ {
		line(j, cur)
		row := out[(j-1)*n : j*n]
		for i := range row {
			row[i] = cur[i+1] - cur[i] - prev[i+1] + prev[i]
		}
		prev, cur = cur, prev
	}
}

// ---- grids, orientations and masks ----

// maxGrid is the largest grid side used.
const maxGrid = 24

// An orientation is how the listing picture is turned relative to the
// original: mirrored left to right (or not), then rotated clockwise by
// rot quarter turns. Orientations 0-3 keep the picture's aspect ratio,
// 4-7 swap it.
type orientation struct {
	mirror bool
	rot    int
}

var orientations = [8]orientation{{false, 0}, {true, 0}, {false, 2}, {true, 2}, {false, 1}, {true, 1}, {false, 3}, {true, 3}}

func (o orientation) swaps() bool { return o.rot%2 == 1 }

// toListing maps a point of the region (in fractions of it) to the same
// point of the listing picture.
func (o orientation) toListing(u, v float64) (float64, float64) {
	if o.mirror {
		u = 1 - u
	}
	for range o.rot {
		u, v = 1-v, u
	}
	return u, v
}

// Masks: which cells of the listing picture are compared.
const (
	wholeMask  = 0 // every cell
	centreMask = 1 // not the top and bottom sixths, not the corners
	nMasks     = 2
	robustMask = 2 // not a mask: the cells the region explains best (see robustDistance)
)

// inMask reports whether the cell at (u, v) of the listing picture (its
// centre, in fractions) is under mask k.
func inMask(k int, u, v float64) bool {
	if k == wholeMask {
		return true
	}
	strip := v < 1.0/6 || v > 5.0/6                              // banners, status and price bars
	corner := (u < 0.25 || u > 0.75) && (v < 1.0/3 || v > 2.0/3) // badges, logos, price tags
	return !strip && !corner
}

// grid is an n×n grid of cells on which a listing picture and a region of
// an original are compared, with its gradient pairs (neighbouring cells,
// horizontal then vertical), and for each orientation the permutation that
// turns the listing's cells into the region's frame and the masks in that
// frame.
type grid struct {
	n      int
	pairs  [][2]int16
	perm   [8][]int16 // perm[o][region cell] = listing cell
	masks  [8][nMasks]cellSet
	nCells int
}

// cellSet is the cells and gradients under a mask, in the region's frame.
type cellSet struct {
	cells, grads []int16
	key          int // cellSets with equal keys are equal
}

func newGrid(n int) *grid {
	g := &grid{n: n, nCells: n * n}
	for y := range n {
		for x := 0; x+1 < n; x++ {
			g.pairs = append(g.pairs, [2]int16{int16(y*n + x), int16(y*n + x + 1)})
		}
	}
	for y := 0; y+1 < n; y++ {
		for x := range n {
			g.pairs = append(g.pairs, [2]int16{int16(y*n + x), int16((y+1)*n + x)})
		}
	}
	for oi, o := range orientations {
		perm := make([]int16, n*n)
		var in [nMasks][]bool
		for k := range in {
			in[k] = make([]bool, n*n)
		}
		for y := range n {
			for x := range n {
				u, v := o.toListing((float64(x)+0.5)/float64(n), (float64(y)+0.5)/float64(n))
				perm[y*n+x] = int16(int(v*float64(n))*n + int(u*float64(n)))
				for k := range in {
					in[k][y*n+x] = inMask(k, u, v)
				}
			}
		}
		g.perm[oi] = perm
		for k := range in {
			var s cellSet
			for i, use := range in[k] {
				if use {
					s.cells = append(s.cells, int16(i))
				}
			}
			for j, p := range g.pairs {
				if in[k][p[0]] && in[k][p[1]] {
					s.grads = append(s.grads, int16(j))
				}
			}
			s.key = k
			if k == centreMask && o.swaps() {
				s.key = nMasks // the centre mask turned a quarter
			}
			g.masks[oi][k] = s
		}
	}
	return g
}

var (
	coarseGrid = newGrid(6)
	fineGrid   = newGrid(12)
)

func (g *grid) gradients(c, out []float64) {
	for j, p := range g.pairs {
		out[j] = c[p[1]] - c[p[0]]
	}
}

// ---- comparison ----

// features are the listing picture's cells and gradients on a grid, in
// one orientation, with per-mask sums.
type features struct {
	c, g  []float64
	n     [nMasks]float64 // cells used
	sy    [nMasks]float64 // Σ cell
	vy    [nMasks]float64 // Σ (cell - mean)²
	gg    [nMasks]float64 // Σ gradient²
	valid [nMasks]bool    // the listing varies under the mask
	flat  float64         // a cell's variance below which it is flat
}

// newFeatures allocates features for grid g.
func newFeatures(g *grid) features {
	return features{c: make([]float64, g.nCells), g: make([]float64, len(g.pairs))}
}

// listingFeatures samples region r of the listing picture's plane p on
// grid g into f, in orientation oi (cells c, n² values, is scratch).
func listingFeatures(p *plane, r rect, g *grid, oi int, f *features, c []float64) {
	p.sample(r, g.n, c)
	// A cell is a sum over (cell area) thumbnail pixels; variations below
	// about one grey level per pixel are flat.
	area := float64(p.w) * r.w() * float64(p.h) * r.h() / float64(g.nCells)
	{
		for i, j := range g.perm[oi] {
			f.c[i] = c[j]
		}
		f.flat = area * area
		g.gradients(f.c, f.g)
		for k := range nMasks {
			m := &g.masks[oi][k]
			var s, ss, gg float64
			for _, i := range m.cells {
				v := f.c[i]
				s += v
				ss += float64(v * v)
			}
			for _, i := range m.grads {
				v := f.g[i]
				gg += float64(v * v)
			}
			n := float64(len(m.cells))
			f.n[k], f.sy[k], f.vy[k], f.gg[k] = n, s, ss-float64(s*s)/n, gg
			f.valid[k] = f.vy[k] > n*area*area && f.gg[k] > 0
		}
	}
}

// distance compares region cells x (gradients gx) with the listing under
// mask set m (mask k): sqrt((dI² + dG²) / 2), where dI = sqrt(1 - r²) for r
// the correlation of the cells, and dG = sqrt(1 - c²) for c the cosine of
// the gradients (either taken as 1 when r or c is not positive). 0 is a
// perfect match, 1 nothing in common.
func (f *features) distance(k int, m *cellSet, x, gx []float64) float64 {
	if !f.valid[k] {
		return 1
	}
	vx, cxy := f.moments(k, m, x)
	dI := 1.0
	if vx > 0 && cxy > 0 {
		r2 := float64(cxy*cxy) / float64(vx*f.vy[k])
		dI = math.Sqrt(max(0, 1-r2))
	}
	var gxx, gxy float64
	for _, i := range m.grads {
		v := gx[i]
		gxx += float64(v * v)
		gxy += float64(v * f.g[i])
	}
	dG := 1.0
	if gxx > 0 && gxy > 0 {
		c2 := float64(gxy*gxy) / float64(gxx*f.gg[k])
		dG = math.Sqrt(max(0, 1-c2))
	}
	return math.Sqrt((float64(dI*dI) + float64(dG*dG)) / 2)
}

// correlation is the correlation of region cells x with the listing under
// mask set m (mask k), or 0 when either is flat.
func (f *features) correlation(k int, m *cellSet, x []float64) float64 {
	if !f.valid[k] {
		return 0
	}
	vx, cxy := f.moments(k, m, x)
	if vx <= 0 {
		return 0
	}
	return cxy / math.Sqrt(float64(vx*f.vy[k]))
}

// moments returns the variance of region cells x under mask set m (mask
// k) and their covariance with the listing's cells, both times the
// number of cells. (The float64 conversions round each product, so that
// no platform fuses it into a multiply-add: distances are the same
// everywhere.)
func (f *features) moments(k int, m *cellSet, x []float64) (vx, cxy float64) {
	var sx, sxx, sxy float64
	for _, i := range m.cells {
		v := x[i]
		sx += v
		sxx += float64(v * v)
		sxy += float64(v * f.c[i])
	}
	n := f.n[k]
	return sxx - float64(sx*sx)/n, sxy - float64(sx*f.sy[k])/n
}

// trimShare is the share of cells the robust distance leaves out: those
// the region explains worst (an overlay: text, a price tag, a sticker).
const trimShare = 0.2

// robustDistance is distance under the whole mask less the trimShare of
// cells that differ most from the region once brightness and contrast are
// matched (least squares), and the gradients that touch them. scratch
// holds 2·nCells values.
func (f *features) robustDistance(g *grid, x, gx []float64, scratch []float64) float64 {
	if !f.valid[wholeMask] {
		return 1
	}
	n := float64(g.nCells)
	var sx, sxx, sxy float64
	for i, v := range x {
		sx += v
		sxx += float64(v * v)
		sxy += float64(v * f.c[i])
	}
	vx := sxx - float64(sx*sx)/n
	cxy := sxy - float64(sx*f.sy[wholeMask])/n
	if vx <= 0 || cxy <= 0 {
		return 1
	}
	b := cxy / vx
	a := (f.sy[wholeMask] - float64(b*sx)) / n
	res := scratch[:g.nCells]
	for i, v := range x {
		res[i] = math.Abs(f.c[i] - a - float64(b*v))
	}
	sorted := scratch[g.nCells : 2*g.nCells]
	copy(sorted, res)
	limit := nth(sorted, g.nCells-1-int(trimShare*n))
	var m, sy, syy float64
	sx, sxx, sxy = 0, 0, 0
	for i, v := range x {
		if res[i] <= limit {
			y := f.c[i]
			m++
			sx += v
			sxx += float64(v * v)
			sy += y
			syy += float64(y * y)
			sxy += float64(v * y)
		}
	}
	vx = sxx - float64(sx*sx)/m
	vy := syy - float64(sy*sy)/m
	cxy = sxy - float64(sx*sy)/m
	if vy <= m*f.flat {
		return 1 // what is left is flat
	}
	dI := 1.0
	if vx > 0 && cxy > 0 {
		dI = math.Sqrt(max(0, 1-float64(cxy*cxy)/float64(vx*vy)))
	}
	var gxx, gyy, gxy float64
	for j, p := range g.pairs {
		if res[p[0]] <= limit && res[p[1]] <= limit {
			u, w := gx[j], f.g[j]
			gxx += float64(u * u)
			gyy += float64(w * w)
			gxy += float64(u * w)
		}
	}
	dG := 1.0
	if gxx > 0 && gyy > 0 && gxy > 0 {
		dG = math.Sqrt(max(0, 1-float64(gxy*gxy)/float64(gxx*gyy)))
	}
	return math.Sqrt((float64(dI*dI) + float64(dG*dG)) / 2)
}

// nth returns the k-th smallest of v (from 0), which it reorders
// (quickselect, middle pivot).
func nth(v []float64, k int) float64 {
	lo, hi := 0, len(v)-1
	for lo < hi {
		p := v[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for v[i] < p {
				i++
			}
			for v[j] > p {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k]
		}
	}
	return v[k]
}
