package match

import (
	"math"
	"sync"
)

// Search parameters. The listing picture is taken to be a region of the
// original, in one of eight orientations, with the listing's aspect ratio
// (turned with it), as large as the original allows (scale 1) down to
// minScale of that in each direction, anywhere.
const (
	minScale   = 0.5  // smallest region side, relative to the largest region of the listing's shape
	scaleRatio = 0.9  // between successive sizes of the coarse grid
	posStep    = 0.11 // coarse grid spacing, in fractions of the region's own side
	maxSteps   = 24   // most coarse positions across or down, less one
	keep       = 6    // coarse candidates kept
	refined    = 3    // of which refined
	neighbours = 0.5  // coarse candidates overlapping more than this are one
	firstStep  = 0.04 // first refinement step, in fractions of the region's side
	midStep    = 0.02 // last step of the coarse refinement
	lastStep   = 0.005
	sameShape  = 0.03 // aspect ratios within 3 % share the coarse positions
	minArea    = 0.15 // smallest region, in fractions of the original's area
)

// shape is the largest region of some aspect ratio that fits in the
// original, in fractions of its width and height.
type shape struct{ fw, fh float64 }

func shapeOf(regionAspect, originalAspect float64) shape {
	ratio := regionAspect / originalAspect // region width/height in fractions
	if ratio < 1 {
		return shape{ratio, 1}
	}
	return shape{1, 1 / ratio}
}

// at is the region of scale s whose top-left corner is (x0, y0), moved
// inside the picture if need be.
func (sh shape) at(x0, y0, s float64) rect {
	w, h := float64(sh.fw*s), float64(sh.fh*s) // rounded: no fused multiply-add below
	x0 = min(max(x0, 0), 1-w)
	y0 = min(max(y0, 0), 1-h)
	return rect{x0, y0, x0 + w, y0 + h}
}

// view is the listing picture, or a part of it (its content), ready to be
// searched for: its aspect ratio and its features on the coarse and fine
// grids in every orientation; on the detail grid, and its colour, when
// first needed.
type view struct {
	r                    rect    // in the listing picture
	aspect               float64 // width/height in pixels
	coarse, fine, detail [8]features
	haveDetail           [8]bool
	cb, cr               []float64 // chroma cells on colourGrid (see chromaMeans), in the listing's frame
	haveColour           bool
	info                 float64 // see detailShare
}

func newView() *view {
	v := &view{cb: make([]float64, fineGrid.nCells), cr: make([]float64, fineGrid.nCells)}
	for oi := range orientations {
		v.coarse[oi] = newFeatures(coarseGrid)
		v.fine[oi] = newFeatures(fineGrid)
		v.detail[oi] = newFeatures(detailGrid)
	}
	return v
}

// set makes v region r of the listing picture (fingerprint l, luma plane
// lp); false if it is flat.
func (v *view) set(l *Fingerprint, lp *plane, r rect, scratch []float64) bool {
	v.r, v.aspect = r, l.aspect()*r.w()/r.h()
	v.haveDetail, v.haveColour = [8]bool{}, false
	for oi := range orientations {
		listingFeatures(lp, r, fineGrid, oi, &v.fine[oi], scratch)
		if oi == 0 && !v.fine[0].valid[wholeMask] {
			return false
		}
		listingFeatures(lp, r, coarseGrid, oi, &v.coarse[oi], scratch)
	}
	lp.sample(r, detailGrid.n, scratch)
	v.info = detailShare(detailGrid.n, scratch[:detailGrid.nCells])
	return v.info >= minDetail
}

// minDetail is the least detailShare of a listing picture (or of its
// content) that is compared: one with less is too plain (a smooth backdrop,
// a gradient) to tell where it comes from.
const minDetail = 0.1

// detailShare is the share of the variation of n×n cells c that is
// detail: what is left once each cell's 3×3 neighbourhood's mean is
// taken off (a smooth gradient has none).
func detailShare(n int, c []float64) float64 {
	var s, ss, hh float64
	for y := range n {
		for x := range n {
			var sum float64
			m := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if xx, yy := x+dx, y+dy; xx >= 0 && yy >= 0 && xx < n && yy < n {
						sum += c[yy*n+xx]
						m++
					}
				}
			}
			v := c[y*n+x]
			h := v - sum/float64(m)
			hh += float64(h * h)
			s += v
			ss += float64(v * v)
		}
	}
	vv := ss - float64(s*s)/float64(n*n)
	if vv <= 0 {
		return 0
	}
	return math.Sqrt(hh / vv)
}

// cand is a region of the original in one orientation, and its distance.
type cand struct {
	r      rect
	o      int
	d      float64 // on fineGrid, 0..1
	dist   int     // Distance: the largest of d, detail and colour (see Best)
	detail int
	colour int
	mask   int
	scale  float64
	shapeI int
	view   int
}

// searcher is the memory of one Best call, reused through a pool: the
// planes of the listing picture and of the original in hand, its views,
// and scratch space.
type searcher struct {
	lp, lcb, lcr plane
	op, ocb, ocr plane
	haveOC       bool // ocb, ocr are set for the original in hand
	views        [2]*view

	x, gx, xc []float64
	dx, dgx   []float64 // detailGrid
	scratch   []float64
	cb, cr    []float64 // the original's chroma cells
	res, errs []float64
	cands     []cand

	shapes  [2]shape
	orients [2][]int // orientations searched on each shape's coarse positions
}

var allOrients = []int{0, 1, 2, 3, 4, 5, 6, 7}

var searchers = sync.Pool{New: func() any {
	return &searcher{
		views: [2]*view{newView(), newView()},
		x:     make([]float64, fineGrid.nCells),
		gx:    make([]float64, len(fineGrid.pairs)),
		xc:    make([]float64, coarseGrid.nCells),
		dx:    make([]float64, detailGrid.nCells),
		dgx:   make([]float64, len(detailGrid.pairs)),

		scratch: make([]float64, 2*detailGrid.nCells),
		cb:      make([]float64, fineGrid.nCells),
		cr:      make([]float64, fineGrid.nCells),
	}
}}

// search finds the region of the original (plane o, aspect ratio oAspect)
// closest to view v, for each mask.
func (s *searcher) search(o *plane, oAspect float64, v *view) [nMasks + 1]cand {
	// Shapes: the listing's aspect for orientations 0-3, its inverse for
	// 4-7; one set of coarse positions when they are about the same.
	s.shapes[0] = shapeOf(v.aspect, oAspect)
	s.shapes[1] = shapeOf(1/v.aspect, oAspect)
	nShapes := 2
	if math.Abs(math.Log(v.aspect)) < sameShape {
		s.orients[0] = allOrients
		nShapes = 1
	} else {
		s.orients[0], s.orients[1] = allOrients[:4], allOrients[4:]
	}
	var top shortlist
	for j := range top {
		top[j].d = math.Inf(1)
	}
	cg := coarseGrid
	for si := range nShapes {
		sh := s.shapes[si]
		ors := s.orients[si]
		for sc := 1.0; sc > minScale*scaleRatio; sc *= scaleRatio {
			sc := max(sc, minScale) // the last size is minScale
			w, h := float64(sh.fw*sc), float64(sh.fh*sc)
			if w*h < minArea {
				break
			}
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
					r := sh.at(x0, y0, sc)
					o.sample(r, cg.n, s.xc)
					// The region's sums under the centre mask, upright and
					// turned a quarter, then its correlation with the
					// listing in each orientation.
					var sx, sxx [2]float64
					for q := range 2 {
						if len(ors) == 4 && q != si && !(nShapes == 1) {
							continue
						}
						for _, ci := range cg.masks[4*q][centreMask].cells {
							v := s.xc[ci]
							sx[q] += v
							sxx[q] += float64(v * v)
						}
					}
					for _, oi := range ors {
						q := oi / 4
						f := &v.coarse[oi]
						if !f.valid[centreMask] {
							continue
						}
						var sxy float64
						for _, ci := range cg.masks[oi][centreMask].cells {
							sxy += float64(s.xc[ci] * f.c[ci])
						}
						n := f.n[centreMask]
						vx := sxx[q] - float64(sx[q]*sx[q])/n
						cxy := sxy - float64(sx[q]*f.sy[centreMask])/n
						d := 1.0 // 1 - correlation: the coarse grid only ranks
						if vx > 0 {
							d = 1 - cxy/math.Sqrt(float64(vx*f.vy[centreMask]))
						}
						if d < top[keep-1].d {
							top.add(cand{r: r, o: oi, d: d, scale: sc, shapeI: si})
						}
					}
				}
			}
		}
	}
	// The shortlist on the fine grid: each in every orientation that
	// shares its shape, the best one refined.
	fg := fineGrid
	eval := func(r rect, oi, k int) float64 {
		o.sample(r, fg.n, s.x)
		fg.gradients(s.x, s.gx)
		return v.fine[oi].distance(k, &fg.masks[oi][k], s.x, s.gx)
	}
	var starts shortlist
	for j := range starts {
		starts[j].d = math.Inf(1)
	}
	for _, c := range top {
		if math.IsInf(c.d, 1) {
			continue
		}
		best := cand{d: math.Inf(1)}
		for _, oi := range s.orients[c.shapeI] {
			sh := s.shapes[0]
			if orientations[oi].swaps() {
				sh = s.shapes[1]
			}
			r := c.r
			if nShapes == 1 && sh != s.shapes[c.shapeI] { // a little other shape: same centre
				cx, cy := (r.x0+r.x1)/2, (r.y0+r.y1)/2
				r = sh.at(cx-float64(sh.fw*c.scale)/2, cy-float64(sh.fh*c.scale)/2, c.scale)
			}
			o.sample(r, fg.n, s.x)
			fg.gradients(s.x, s.gx)
			for k := range nMasks {
				d := v.fine[oi].distance(k, &fg.masks[oi][k], s.x, s.gx)
				if d < best.d {
					best = cand{r: r, o: oi, d: d, mask: k, scale: c.scale}
				}
			}
		}
		starts.add(best)
	}
	var out [nMasks + 1]cand
	for k := range out {
		out[k] = cand{d: math.Inf(1), mask: k}
	}
	// The first few refined in coarse steps, the best of them in fine
	// steps on its better mask; the other mask measured there and refined
	// in fine steps too.
	shapeFor := func(oi int) shape {
		if orientations[oi].swaps() {
			return s.shapes[1]
		}
		return s.shapes[0]
	}
	best := cand{d: math.Inf(1)}
	for j, c := range starts {
		if j >= refined || math.IsInf(c.d, 1) {
			break
		}
		c = refine(c, shapeFor(c.o), firstStep, midStep, func(r rect) float64 { return eval(r, c.o, c.mask) })
		if c.d < best.d {
			best = c
		}
	}
	if !math.IsInf(best.d, 1) {
		sh := shapeFor(best.o)
		c := refine(best, sh, midStep/2, lastStep, func(r rect) float64 { return eval(r, best.o, best.mask) })
		out[c.mask] = c
		k := 1 - c.mask
		c2 := c
		c2.mask = k
		c2.d = eval(c.r, c.o, k)
		out[k] = refine(c2, sh, midStep/2, lastStep, func(r rect) float64 { return eval(r, c.o, k) })
	}
	// An overlay the masks do not leave out (text across the picture): the
	// best region and the shortlist again, without the cells each
	// explains worst, and the best of them refined.
	reval := func(r rect, oi int) float64 {
		o.sample(r, fg.n, s.x)
		fg.gradients(s.x, s.gx)
		return v.fine[oi].robustDistance(fg, s.x, s.gx, s.scratch)
	}
	b := out[wholeMask]
	if out[centreMask].d < b.d {
		b = out[centreMask]
	}
	if percent(b.d) > robustFrom {
		b.mask = robustMask
		if !math.IsInf(b.d, 1) {
			b.d = reval(b.r, b.o)
		}
		for _, c := range starts {
			if !math.IsInf(c.d, 1) {
				if d := reval(c.r, c.o); d < b.d {
					b, b.d, b.mask = c, d, robustMask
				}
			}
		}
		// The largest region too, in every orientation: the commonest
		// listing picture is the whole photo.
		for oi, or := range orientations {
			sh := s.shapes[0]
			if or.swaps() {
				sh = s.shapes[1]
			}
			r := sh.at((1-sh.fw)/2, (1-sh.fh)/2, 1)
			if d := reval(r, oi); d < b.d {
				b = cand{r: r, o: oi, d: d, mask: robustMask, scale: 1}
			}
		}
		if percent(b.d) <= robustTo {
			sh := s.shapes[0]
			if orientations[b.o].swaps() {
				sh = s.shapes[1]
			}
			out[robustMask] = refine(b, sh, midStep, lastStep, func(r rect) float64 { return reval(r, b.o) })
		}
	}
	return out
}

// The robust distance is tried when the best distance is in
// (robustFrom, robustTo].
const robustFrom, robustTo = 15, 65

// shortlist holds the best candidates, best first, no two of them
// neighbours (refining either would end in the same place).
type shortlist [keep]cand

func (t *shortlist) add(c cand) {
	if c.d >= t[keep-1].d {
		return // nothing it could replace (a neighbour is at most as far)
	}
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
	return in / (float64(a.w()*a.h()) + float64(b.w()*b.h()) - in)
}

// refine moves c by ±step of its size left, right, up, down, and grows or
// shrinks it by step about its centre, while that lowers the distance;
// then halves the step, from first down to last.
func refine(c cand, sh shape, first, last float64, eval func(r rect) float64) cand {
	s := c.r.w() / sh.fw
	moves := [...][3]float64{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}
	for step := first; step >= last*0.999; step /= 2 {
		for improved := true; improved; {
			improved = false
			for _, m := range moves {
				ns := s * (1 + float64(m[2]*step))
				if ns > 1 || ns < minScale*scaleRatio || float64(sh.fw*ns)*float64(sh.fh*ns) < minArea*scaleRatio {
					continue
				}
				w, h := float64(sh.fw*s), float64(sh.fh*s)
				nx := c.r.x0 + float64(m[0]*step*w) - float64((ns-s)*sh.fw/2)
				ny := c.r.y0 + float64(m[1]*step*h) - float64((ns-s)*sh.fh/2)
				r := sh.at(nx, ny, ns)
				if d := eval(r); d < c.d {
					c.r, c.d, s, improved = r, d, ns, true
				}
			}
		}
	}
	c.scale = s
	return c
}
