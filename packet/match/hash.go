package match

import (
	"math"
	"math/bits"
	"slices"
)

// gridN is the side of the sample grid a region is averaged onto before the
// DCT. The hash uses DCT frequencies 1..8 (up to 4 cycles across the
// region), well below the grid's Nyquist limit of 8 cycles.
const gridN = 16

// cosTab[u][x] = cos(π·u·(2x+1) / 2N), the DCT-II basis, for u = 0..8.
var cosTab = func() (t [9][gridN]float64) {
	for u := range t {
		for x := range t[u] {
			t[u][x] = math.Cos(math.Pi * float64(u) * float64(2*x+1) / (2 * gridN))
		}
	}
	return t
}()

// plane is a thumbnail ready for region sampling: its summed-area table.
type plane struct {
	w, h int
	sat  []float64 // (w+1)×(h+1), sat[y*(w+1)+x] = sum of pixels left of x and above y
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

// at is the integral of the thumbnail over [0,x]×[0,y] (x, y in pixels),
// exact for the thumbnail taken as piecewise constant: bilinear in the SAT.
func (p *plane) at(x, y float64) float64 {
	x = min(max(x, 0), float64(p.w))
	y = min(max(y, 0), float64(p.h))
	ix, iy := min(int(x), p.w-1), min(int(y), p.h-1)
	fx, fy := x-float64(ix), y-float64(iy)
	s := p.w + 1
	a, b := p.sat[iy*s+ix], p.sat[iy*s+ix+1]
	c, d := p.sat[(iy+1)*s+ix], p.sat[(iy+1)*s+ix+1]
	top := a + float64(fx*(b-a))
	bot := c + float64(fx*(d-c))
	return top + float64(fy*(bot-top))
}

// rect is a region in fractions of the picture's width and height.
type rect struct{ x0, y0, x1, y1 float64 }

// coeffs returns the 64 DCT coefficients (u, v in 1..8) of region r: the
// region is box-averaged onto a gridN×gridN grid, then transformed.
func (p *plane) coeffs(r rect, out *[64]float64) {
	var xs, ys [gridN + 1]float64
	fw, fh := float64(p.w), float64(p.h)
	for i := range xs {
		t := float64(i) / gridN
		xs[i] = (r.x0 + float64(t*(r.x1-r.x0))) * fw
		ys[i] = (r.y0 + float64(t*(r.y1-r.y0))) * fh
	}
	var corner [gridN + 1][gridN + 1]float64
	for j := range ys {
		for i := range xs {
			corner[j][i] = p.at(xs[i], ys[j])
		}
	}
	// Row transform: rows[y][u-1] = Σx cell(x,y)·cos_u(x).
	var rows [gridN][8]float64
	for y := 0; y < gridN; y++ {
		var cell [gridN]float64
		for x := 0; x < gridN; x++ {
			cell[x] = corner[y+1][x+1] - corner[y][x+1] - corner[y+1][x] + corner[y][x]
		}
		for u := 1; u <= 8; u++ {
			var acc float64
			for x, c := range cell {
				acc += float64(c * cosTab[u][x]) // the conversion forbids FMA fusion: same bits on every CPU
			}
			rows[y][u-1] = acc
		}
	}
	for v := 1; v <= 8; v++ {
		for u := 0; u < 8; u++ {
			var acc float64
			for y := 0; y < gridN; y++ {
				acc += float64(rows[y][u] * cosTab[v][y])
			}
			out[(v-1)*8+u] = acc
		}
	}
}

// hashOf thresholds 64 coefficients at their median: bit i is set when
// coefficient i is above it.
func hashOf(c *[64]float64) uint64 {
	s := *c
	slices.Sort(s[:])
	med := (s[31] + s[32]) / 2
	var h uint64
	for i, v := range c {
		if v > med {
			h |= 1 << uint(i)
		}
	}
	return h
}

func (p *plane) hash(r rect) uint64 {
	var c [64]float64
	p.coeffs(r, &c)
	return hashOf(&c)
}

func dist(a, b uint64) int { return bits.OnesCount64(a ^ b) }
