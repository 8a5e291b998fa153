package match

import (
	"math"
	"slices"
)

// The second opinions on a region. Its detail distance is the robust
// distance (see features.robustDistance) on the finer detailGrid, which
// the search did not look at: a region chosen among thousands for its
// likeness on the coarser grid must still be alike in its details. Its
// colour distance says how much of the original's colour the listing
// picture lacks (see colourDistance).
var detailGrid = newGrid(24)

// The colour check allows the listing picture's colours to be as little
// as minSaturation times as strong as the original's (and any stronger),
// and their hues to be up to maxHue off (45°: a warm or cool filter).
const (
	minSaturation = 0.5
	maxHue        = math.Pi / 4
)

var maxHueCos = math.Cos(maxHue)

// coloured is how far (in chroma levels, Cb and Cr together) a cell of the
// original must be from the region's median colour for the colour check
// to look at it.
const coloured = 8

// check returns candidate c's detail and colour distances, in Distance
// units (0..MaxDistance), for the original of fingerprint of.
func (s *searcher) check(lf, of *Fingerprint, c cand) (detail, colour int) {
	v := s.views[c.view]
	if !v.haveDetail[c.o] {
		listingFeatures(&s.lp, v.r, detailGrid, c.o, &v.detail[c.o], s.scratch)
		v.haveDetail[c.o] = true
	}
	g := detailGrid
	s.op.sample(c.r, g.n, s.dx)
	g.gradients(s.dx, s.dgx)
	detail = percent(v.detail[c.o].robustDistance(g, s.dx, s.dgx, s.scratch))
	if !v.haveColour {
		cw, ch := chromaSize(int(lf.tw), int(lf.th))
		s.lcb.set(lf.cb[:cw*ch], cw, ch)
		s.lcr.set(lf.cr[:cw*ch], cw, ch)
		chromaMeans(&s.lcb, v.r, v.cb)
		chromaMeans(&s.lcr, v.r, v.cr)
		v.haveColour = true
	}
	if !s.haveOC {
		cw, ch := chromaSize(int(of.tw), int(of.th))
		s.ocb.set(of.cb[:cw*ch], cw, ch)
		s.ocr.set(of.cr[:cw*ch], cw, ch)
		s.haveOC = true
	}
	chromaMeans(&s.ocb, c.r, s.cb)
	chromaMeans(&s.ocr, c.r, s.cr)
	mask := c.mask
	if mask == robustMask {
		mask = wholeMask
	}
	colour = percent(s.colourDistance(v.cb, v.cr, s.cb, s.cr, c.o, mask))
	return detail, colour
}

// colourGrid is the grid of the colour check.
var colourGrid = fineGrid

// chromaMeans averages region r of a chroma plane onto colourGrid's cells.
func chromaMeans(p *plane, r rect, out []float64) {
	g := colourGrid
	p.sample(r, g.n, out)
	area := float64(p.w) * r.w() * float64(p.h) * r.h() / float64(g.nCells)
	for i := range out {
		out[i] /= area
	}
}

// colourDistance compares the listing's chroma cells (lcb, lcr, in the
// listing's own frame) with the region's (ocb, ocr) under orientation o
// and mask k. It looks at the cells where the original is coloured (at
// least coloured levels from its median colour, its backdrop's as a rule)
// and at the listing's colour in the same cells (from its own median, so
// that a colour cast makes no difference). A cell disagrees when the
// listing's hue there is more than maxHue off the original's, or its
// colour less than minSaturation as strong. The distance is the share of
// the cells that disagree: 0 if none do (or the original has no colour),
// 1 if all do. Colour the listing has and the original lacks does not
// count: banners, price tags and text are often red.
func (s *searcher) colourDistance(lcb, lcr, ocb, ocr []float64, o, k int) float64 {
	g := colourGrid
	cells := g.masks[o][k].cells
	perm := g.perm[o]
	res := s.res[:0]
	for _, i := range cells {
		res = append(res, ocb[i])
	}
	mu0 := median(res)
	res = res[:0]
	for _, i := range cells {
		res = append(res, ocr[i])
	}
	mu1 := median(res)
	res = res[:0]
	for _, i := range cells {
		res = append(res, lcb[perm[i]])
	}
	mv0 := median(res)
	res = res[:0]
	for _, i := range cells {
		res = append(res, lcr[perm[i]])
	}
	mv1 := median(res)
	s.res = res
	bad, n := 0, 0
	errs := s.errs[:0]
	for _, i := range cells {
		u0, u1 := ocb[i]-mu0, ocr[i]-mu1
		nu := math.Hypot(u0, u1)
		if nu < coloured {
			continue
		}
		j := perm[i]
		v0, v1 := lcb[j]-mv0, lcr[j]-mv1
		nv := math.Hypot(v0, v1)
		n++
		e := 1.0 // the hue's error, 1 at 90° or more, or if too faint
		if nv >= minSaturation*nu {
			cos := (float64(u0*v0) + float64(u1*v1)) / float64(nu*nv)
			e = min(1, math.Acos(min(max(cos, -1), 1))/(math.Pi/2))
		}
		errs = append(errs, e)
		if nv < minSaturation*nu || float64(u0*v0)+float64(u1*v1) < float64(maxHueCos*float64(nu*nv)) {
			bad++
		}
	}
	s.errs = errs
	if n == 0 {
		return 0
	}
	// The share of cells that disagree, or the mean error of the best
	// three quarters of the cells if that is more.
	slices.Sort(errs)
	m := len(errs) - len(errs)/4
	var sum float64
	for _, e := range errs[:m] {
		sum += e
	}
	return max(float64(bad)/float64(n), sum/float64(m))
}

// median of v, which it sorts.
func median(v []float64) float64 {
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}
