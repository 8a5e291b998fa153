package match

import (
	"math"
	"slices"
)

// Search parameters (see the package documentation for how they were chosen).
var (
	minScale  = 0.6   // smallest crop side searched, relative to the largest crop of the listing's shape
	scaleStep = 0.93  // ratio between successive crop sizes of the coarse grid
	posStep   = 0.06  // coarse grid spacing, in fractions of the crop's own side
	keep      = 4     // coarse candidates refined
	minMove   = 0.004 // refinement stops below this step (fraction of the crop side)
)

type cand struct {
	r rect
	d int
}

// search finds the region of the original (plane o, pictures of aspect
// ratio oAspect = width/height) whose hash is closest to want, a region of
// aspect ratio lAspect. It returns the distance and the region.
func search(o *plane, oAspect float64, want uint64, lAspect float64) cand {
	// Largest region of the listing's shape: fw/fh = lAspect/oAspect.
	ratio := lAspect / oAspect
	fw0, fh0 := 1.0, 1/ratio
	if ratio < 1 {
		fw0, fh0 = ratio, 1
	}
	eval := func(x, y, s float64) cand {
		w, h := fw0*s, fh0*s
		x = min(max(x, 0), 1-w)
		y = min(max(y, 0), 1-h)
		r := rect{x, y, x + w, y + h}
		return cand{r, dist(o.hash(r), want)}
	}
	var best []cand
	push := func(c cand) {
		best = append(best, c)
		slices.SortStableFunc(best, func(a, b cand) int { return a.d - b.d })
		if len(best) > keep {
			best = best[:keep]
		}
	}
	nScales := 1 + int(math.Floor(math.Log(minScale)/math.Log(scaleStep)+1e-9))
	for k := 0; k < nScales; k++ {
		s := math.Pow(scaleStep, float64(k))
		w, h := fw0*s, fh0*s
		nx := 1 + int(math.Ceil((1-w)/(posStep*w)-1e-9))
		ny := 1 + int(math.Ceil((1-h)/(posStep*h)-1e-9))
		for j := 0; j < ny; j++ {
			for i := 0; i < nx; i++ {
				x, y := 0.0, 0.0
				if nx > 1 {
					x = (1 - w) * float64(i) / float64(nx-1)
				}
				if ny > 1 {
					y = (1 - h) * float64(j) / float64(ny-1)
				}
				push(eval(x, y, s))
			}
		}
	}
	out := best[0]
	for _, c := range best {
		r := refine(c, eval, fw0)
		if r.d < out.d {
			out = r
		}
	}
	return out
}

// refine improves a coarse candidate by pattern search over position and
// size, halving the step until it is below minMove.
func refine(c cand, eval func(x, y, s float64) cand, fw0 float64) cand {
	s := (c.r.x1 - c.r.x0) / fw0
	x, y := c.r.x0, c.r.y0
	step := posStep / 2
	for step >= minMove {
		improved := true
		for improved {
			improved = false
			w, h := c.r.x1-c.r.x0, c.r.y1-c.r.y0
			for _, m := range [...][3]float64{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}} {
				ns := s * (1 + m[2]*step)
				if ns > 1 || ns < minScale*scaleStep {
					continue
				}
				// Scale about the centre.
				nx := x + m[0]*step*w - (ns-s)*fw0*0.5
				ny := y + m[1]*step*h - (ns-s)*(h/s)*0.5
				t := eval(nx, ny, ns)
				if t.d < c.d {
					c, x, y, s = t, t.r.x0, t.r.y0, ns
					improved = true
				}
			}
		}
		step /= 2
	}
	return c
}
