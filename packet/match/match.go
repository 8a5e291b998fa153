package match

import (
	"math"
)

// Threshold is the largest Distance that counts as close: a listing picture
// whose best original is farther than this is unmatched
// (LISTING_UNMATCHED). See the package documentation for the rates
// measured at this threshold.
const Threshold = 25

// MaxDistance is the largest Distance: nothing in common.
const MaxDistance = 100

// Match is the original that a listing picture is best explained by.
type Match struct {
	// Index of the best original in the slice given to Best.
	Index int
	// Distance from 0 (the same picture) to MaxDistance (nothing in
	// common): how much of the listing picture's variation, in per cent,
	// the matched region of the original does not explain. See the package
	// documentation for its exact definition.
	Distance int
	// Close is Distance <= Threshold.
	Close bool
	// Region is where the listing picture (without its padding bars, if
	// it has any) lies in the original.
	Region Region
	// Centre reports that the distance was measured on the middle of the
	// listing picture only (its top and bottom sixths and its corners
	// left out), which is clearly closer: a banner, badge or logo there
	// is not in the original.
	Centre bool
}

// Region is a rectangle in fractions of a picture's width and height, the
// origin at the top left: {0, 0, 1, 1} is the whole picture.
type Region struct{ X0, Y0, X1, Y1 float64 }

// Best finds the original that the listing picture is most likely cut
// from, and where. It returns false only if originals is empty; otherwise
// Index is always a valid index into originals. A listing picture or an
// original that is the zero Fingerprint or one flat colour matches
// nothing (Distance MaxDistance). Ties go to the lower index.
//
// Best is pure and safe for concurrent use. It costs about 0.6 ms per
// original on one core.
func Best(listing Fingerprint, originals []Fingerprint) (Match, bool) {
	if len(originals) == 0 {
		return Match{}, false
	}
	m := Match{Distance: MaxDistance}
	if listing.IsZero() {
		return m, true
	}
	// The listing picture as a whole, and without its plain margins if it
	// has any (a landscape photo padded to a square).
	lp := listing.plane()
	regions := []rect{{0, 0, 1, 1}}
	if c := listing.contentRect(); c != regions[0] {
		regions = append(regions, c)
	}
	var wants []features
	var aspects []float64
	for _, r := range regions {
		var f features
		f.of(lp, r)
		if f.usable() {
			wants = append(wants, f)
			aspects = append(aspects, listing.aspect()*(r.x1-r.x0)/(r.y1-r.y0))
		}
	}
	if len(wants) == 0 {
		return m, true // a flat listing picture
	}
	best := math.Inf(1)
	var cands []cand
	for i := range originals {
		o := &originals[i]
		if o.IsZero() {
			continue
		}
		op := o.plane()
		// Candidates in order of preference: the whole listing picture,
		// then its centre; then the same without its margins.
		cands = cands[:0]
		for j := range wants {
			c := search(op, o.aspect(), &wants[j], aspects[j])
			cands = append(cands, c[:]...)
		}
		lo := cands[0]
		for _, c := range cands {
			if c.d < lo.d {
				lo = c
			}
		}
		if !(lo.d < best) {
			continue
		}
		// The original with the lowest distance wins. It is reported by
		// the first candidate at most preferWhole above the lowest (and
		// close if the lowest is): the whole picture unless its centre or
		// its content is clearly closer.
		best = lo.d
		limit := min(percent(lo.d)+preferWhole, max(Threshold, percent(lo.d)))
		pick := lo
		for _, c := range cands {
			if percent(c.d) <= limit {
				pick = c
				break
			}
		}
		m = Match{Index: i, Distance: percent(pick.d), Region: Region{pick.r.x0, pick.r.y0, pick.r.x1, pick.r.y1}, Centre: pick.mask == centreMask}
	}
	m.Close = m.Distance <= Threshold
	return m, true
}

// preferWhole is how much farther (in Distance) the whole listing picture
// may be than its centre, or its content without margins, and still be the
// one reported.
const preferWhole = 5

// percent turns a distance in [0, 1] into a Distance.
func percent(d float64) int { return min(int(math.Round(100*d)), MaxDistance) }

// ---- sampling ----

// gridN is the side of the grid of cells on which a listing picture and a
// region of an original are compared.
const gridN = 12

const (
	nCells = gridN * gridN
	nGrads = 2 * gridN * (gridN - 1) // horizontal then vertical neighbour differences
)

type cells [nCells]float64

// plane is a thumbnail ready for sampling: its summed-area table, which
// sample interpolates bilinearly. That gives the integral of the thumbnail
// taken as piecewise constant, exactly, over any rectangle.
type plane struct {
	w, h int
	sat  []float64 // (w+1)×(h+1): sat[y*(w+1)+x] is the sum of the pixels left of x and above y
}

func newPlane(pix []uint8, w, h int) *plane {
	p := &plane{w: w, h: h, sat: make([]float64, (w+1)*(h+1))}
	for y := 0; y < h; y++ {
		var run float64
		for x := 0; x < w; x++ {
			run += float64(pix[y*w+x])
			p.sat[(y+1)*(w+1)+x+1] = p.sat[y*(w+1)+x+1] + run
		}
	}
	return p
}

// rect is a region in fractions of the picture's width and height.
type rect struct{ x0, y0, x1, y1 float64 }

// sample averages region r onto the gridN×gridN cells (up to a constant
// factor, which the comparison ignores).
func (p *plane) sample(r rect, out *cells) {
	// Where the grid lines fall in the summed-area table: whole index and
	// fraction, clamped to the thumbnail.
	var ix, iy [gridN + 1]int
	var fx, fy [gridN + 1]float64
	fw, fh := float64(p.w), float64(p.h)
	for i := range ix {
		t := float64(i) / gridN
		x := min(max((r.x0+float64(t*(r.x1-r.x0)))*fw, 0), fw)
		y := min(max((r.y0+float64(t*(r.y1-r.y0)))*fh, 0), fh)
		ix[i], iy[i] = min(int(x), p.w-1), min(int(y), p.h-1)
		fx[i], fy[i] = x-float64(ix[i]), y-float64(iy[i])
	}
	s := p.w + 1
	line := func(j int, dst *[gridN + 1]float64) {
		top, bot := p.sat[iy[j]*s:], p.sat[(iy[j]+1)*s:]
		for i := range dst {
			a, b, c, d := top[ix[i]], top[ix[i]+1], bot[ix[i]], bot[ix[i]+1]
			t := a + float64(fx[i]*(b-a))
			u := c + float64(fx[i]*(d-c))
			dst[i] = t + float64(fy[j]*(u-t))
		}
	}
	var prev, cur [gridN + 1]float64
	line(0, &prev)
	for j := 1; j <= gridN; j++ {
		line(j, &cur)
		row := out[(j-1)*gridN : j*gridN]
		for i := range row {
			row[i] = cur[i+1] - cur[i] - prev[i+1] + prev[i]
		}
		prev = cur
	}
}

func gradients(c *cells, g *[nGrads]float64) {
	k := 0
	for y := 0; y < gridN; y++ {
		for x := 0; x+1 < gridN; x++ {
			g[k] = c[y*gridN+x+1] - c[y*gridN+x]
			k++
		}
	}
	for y := 0; y+1 < gridN; y++ {
		for x := 0; x < gridN; x++ {
			g[k] = c[(y+1)*gridN+x] - c[y*gridN+x]
			k++
		}
	}
}

// ---- comparison ----

// Masks: which cells of the listing picture are compared.
const (
	wholeMask  = 0 // every cell
	centreMask = 1 // not the top and bottom sixths, not the corners
	nMasks     = 2
)

type mask struct {
	cell  [nCells]bool
	grad  [nGrads]bool
	cells []int // indices of the cells used
	grads []int // indices of the gradients used
}

var masks = func() (m [nMasks]mask) {
	for y := 0; y < gridN; y++ {
		for x := 0; x < gridN; x++ {
			i := y*gridN + x
			m[wholeMask].cell[i] = true
			strip := y < gridN/6 || y >= gridN-gridN/6                                           // rows 0-1, 10-11
			corner := (x < gridN/4 || x >= gridN-gridN/4) && (y < gridN/3 || y >= gridN-gridN/3) // 3×4-cell corners
			m[centreMask].cell[i] = !strip && !corner
		}
	}
	for k := range m {
		g := 0
		for y := 0; y < gridN; y++ {
			for x := 0; x+1 < gridN; x++ {
				m[k].grad[g] = m[k].cell[y*gridN+x] && m[k].cell[y*gridN+x+1]
				g++
			}
		}
		for y := 0; y+1 < gridN; y++ {
			for x := 0; x < gridN; x++ {
				m[k].grad[g] = m[k].cell[y*gridN+x] && m[k].cell[(y+1)*gridN+x]
				g++
			}
		}
		for i, use := range m[k].cell {
			if use {
				m[k].cells = append(m[k].cells, i)
			}
		}
		for i, use := range m[k].grad {
			if use {
				m[k].grads = append(m[k].grads, i)
			}
		}
	}
	return m
}()

// features are the listing picture's cells and gradients, with per-mask
// sums.
type features struct {
	c     cells
	g     [nGrads]float64
	n     [nMasks]float64 // cells used
	sy    [nMasks]float64 // Σ cell
	vy    [nMasks]float64 // Σ (cell - mean)²
	gg    [nMasks]float64 // Σ gradient²
	valid [nMasks]bool    // the listing varies under the mask
}

func (f *features) of(p *plane, r rect) {
	p.sample(r, &f.c)
	gradients(&f.c, &f.g)
	// A cell is a sum over (cell area) thumbnail pixels; variations below
	// about one grey level per pixel are flat.
	area := float64(p.w) * (r.x1 - r.x0) * float64(p.h) * (r.y1 - r.y0) / nCells
	for k := range masks {
		var n, s, ss, gg float64
		for i, v := range f.c {
			if masks[k].cell[i] {
				n++
				s += v
				ss += float64(v * v)
			}
		}
		for i, v := range f.g {
			if masks[k].grad[i] {
				gg += float64(v * v)
			}
		}
		f.n[k], f.sy[k], f.vy[k], f.gg[k] = n, s, ss-float64(s*s)/n, gg
		f.valid[k] = f.vy[k] > n*area*area && f.gg[k] > 0
	}
}

func (f *features) usable() bool { return f.valid[wholeMask] }

// distance compares region cells x with the listing under mask k:
// sqrt((dI² + dG²) / 2), where dI = sqrt(1 - r²) for r the correlation of
// the cells, and dG = sqrt(1 - c²) for c the cosine of the gradients
// (either taken as 1 when r or c is not positive). 0 is a perfect match,
// 1 nothing in common.
func (f *features) distance(k int, x *cells, gx *[nGrads]float64) float64 {
	if !f.valid[k] {
		return 1
	}
	m := &masks[k]
	var sx, sxx, sxy float64
	for _, i := range m.cells {
		v := x[i]
		sx += v
		sxx += float64(v * v)
		sxy += float64(v * f.c[i])
	}
	n := f.n[k]
	vx := sxx - float64(sx*sx)/n
	cxy := sxy - float64(sx*f.sy[k])/n
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

// ---- search ----

// Search parameters. The listing picture is taken to be a region of the
// original with the listing's aspect ratio, as large as the original allows
// (scale 1) down to minScale of that in each direction, anywhere.
const (
	minScale   = 0.75 // smallest region side, relative to the largest region of the listing's shape
	scaleRatio = 0.9  // between successive sizes of the coarse grid
	posStep    = 0.08 // coarse grid spacing, in fractions of the region's own side
	maxSteps   = 24   // most coarse positions across or down, less one
	keep       = 4    // coarse candidates refined, per mask
	neighbours = 0.8  // coarse candidates overlapping more than this are one
	firstStep  = 0.04 // first refinement step, in fractions of the region's side
	lastStep   = 0.005
)

type cand struct {
	r    rect
	d    float64
	mask int
}

// shortlist holds the best coarse candidates, best first, no two of them
// neighbours (refining either would end in the same place).
type shortlist [keep]cand

func (t *shortlist) add(c cand) {
	for i := range t {
		if overlap(t[i].r, c.r) > neighbours {
			if c.d < t[i].d { // replace the neighbour, move up
				for ; i > 0 && c.d < t[i-1].d; i-- {
					t[i] = t[i-1]
				}
				t[i] = c
			}
			return
		}
	}
	if c.d >= t[keep-1].d {
		return
	}
	i := keep - 1
	for ; i > 0 && c.d < t[i-1].d; i-- {
		t[i] = t[i-1]
	}
	t[i] = c
}

// overlap is the area of a ∩ b over the area of a ∪ b.
func overlap(a, b rect) float64 {
	w := min(a.x1, b.x1) - max(a.x0, b.x0)
	h := min(a.y1, b.y1) - max(a.y0, b.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	in := w * h
	return in / (float64((a.x1-a.x0)*(a.y1-a.y0)) + float64((b.x1-b.x0)*(b.y1-b.y0)) - in)
}

// search finds the region of the original (plane o, aspect ratio oAspect)
// closest to the listing picture (features want, aspect ratio lAspect),
// for each mask.
func search(o *plane, oAspect float64, want *features, lAspect float64) [nMasks]cand {
	ratio := lAspect / oAspect // region width/height in fractions
	fw0, fh0 := 1.0, 1/ratio
	if ratio < 1 {
		fw0, fh0 = ratio, 1
	}
	var x cells
	var gx [nGrads]float64
	region := func(x0, y0, s float64) rect {
		w, h := fw0*s, fh0*s
		x0 = min(max(x0, 0), 1-w)
		y0 = min(max(y0, 0), 1-h)
		return rect{x0, y0, x0 + w, y0 + h}
	}
	// Coarse grid: every size, every position, both masks.
	var top [nMasks]shortlist
	for k := range top {
		for j := range top[k] {
			top[k][j].d = math.Inf(1)
		}
	}
	for s := 1.0; s > minScale*scaleRatio; s *= scaleRatio {
		s := max(s, minScale) // the last size is minScale
		w, h := fw0*s, fh0*s
		// Positions: the free room in posStep steps, at most maxSteps
		// (a listing picture far narrower or wider than the original).
		nx := 1 + min(maxSteps, int(math.Ceil((1-w)/(posStep*w)-1e-9)))
		ny := 1 + min(maxSteps, int(math.Ceil((1-h)/(posStep*h)-1e-9)))
		for j := range ny {
			for i := range nx {
				var x0, y0 float64
				if nx > 1 {
					x0 = (1 - w) * float64(i) / float64(nx-1)
				}
				if ny > 1 {
					y0 = (1 - h) * float64(j) / float64(ny-1)
				}
				r := region(x0, y0, s)
				o.sample(r, &x)
				gradients(&x, &gx)
				for k := range top {
					top[k].add(cand{r, want.distance(k, &x, &gx), k})
				}
			}
		}
	}
	// Refinement: pattern search on position and size, per mask.
	var best [nMasks]cand
	for k := range top {
		best[k] = cand{d: math.Inf(1), mask: k}
		for _, c := range top[k] {
			if math.IsInf(c.d, 1) {
				continue
			}
			eval := func(x0, y0, s float64) cand {
				r := region(x0, y0, s)
				o.sample(r, &x)
				gradients(&x, &gx)
				return cand{r, want.distance(k, &x, &gx), k}
			}
			c = refine(c, eval, fw0, fh0)
			if c.d < best[k].d {
				best[k] = c
			}
		}
	}
	return best
}

// refine moves c by ±step of its size left, right, up, down, and grows or
// shrinks it by step about its centre, while that lowers the distance;
// then halves the step, down to lastStep.
func refine(c cand, eval func(x0, y0, s float64) cand, fw0, fh0 float64) cand {
	s := (c.r.x1 - c.r.x0) / fw0
	moves := [...][3]float64{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}
	for step := firstStep; step >= lastStep*0.999; step /= 2 {
		for improved := true; improved; {
			improved = false
			for _, m := range moves {
				ns := s * (1 + float64(m[2]*step))
				if ns > 1 || ns < minScale*scaleRatio {
					continue
				}
				w, h := fw0*s, fh0*s
				nx := c.r.x0 + float64(m[0]*step*w) - float64((ns-s)*fw0/2)
				ny := c.r.y0 + float64(m[1]*step*h) - float64((ns-s)*fh0/2)
				if t := eval(nx, ny, ns); t.d < c.d {
					c, s, improved = t, ns, true
				}
			}
		}
	}
	return c
}
