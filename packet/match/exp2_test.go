package match

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
)

var eG = 16

func (p *plane) grid(r rect, out []float64) {
	xs, ys := make([]float64, eG+1), make([]float64, eG+1)
	for i := range xs {
		t := float64(i) / float64(eG)
		xs[i] = (r.x0 + t*(r.x1-r.x0)) * float64(p.w)
		ys[i] = (r.y0 + t*(r.y1-r.y0)) * float64(p.h)
	}
	c := make([][]float64, eG+1)
	for j := range c {
		c[j] = make([]float64, eG+1)
	}
	for j := range ys {
		for i := range xs {
			c[j][i] = p.at(xs[i], ys[j])
		}
	}
	area := (xs[1] - xs[0]) * (ys[1] - ys[0])
	for y := 0; y < eG; y++ {
		for x := 0; x < eG; x++ {
			out[y*eG+x] = (c[y+1][x+1] - c[y][x+1] - c[y+1][x] + c[y][x]) / area
		}
	}
}

func fit(x, y []float64, use []bool) (a, b float64) {
	var n, sx, sy, sxx, sxy float64
	for i := range x {
		if use != nil && !use[i] {
			continue
		}
		n++
		sx += x[i]
		sy += y[i]
		sxx += x[i] * x[i]
		sxy += x[i] * y[i]
	}
	vx := sxx - sx*sx/n
	if vx < 1e-9 {
		return 0, sy / n
	}
	a = (sxy - sx*sy/n) / vx
	return a, (sy - a*sx) / n
}

func std(y []float64) float64 {
	var s, ss float64
	for _, v := range y {
		s += v
		ss += v * v
	}
	n := float64(len(y))
	return math.Sqrt(max(ss/n-(s/n)*(s/n), 1e-9))
}

// metric kinds
func mNCC(x, y []float64) float64 {
	a, b := fit(x, y, nil)
	if a <= 0 {
		return 1
	}
	var r float64
	for i := range x {
		e := y[i] - a*x[i] - b
		r += e * e
	}
	return math.Sqrt(r/float64(len(x))) / std(y)
}

var trimKeep = 0.8

func mTrim(x, y []float64) float64 {
	a, b := fit(x, y, nil)
	n := len(x)
	e := make([]float64, n)
	use := make([]bool, n)
	for it := 0; it < 2; it++ {
		for i := range x {
			e[i] = math.Abs(y[i] - a*x[i] - b)
		}
		s := slices.Clone(e)
		sort.Float64s(s)
		cut := s[int(float64(n)*trimKeep)-1]
		for i := range e {
			use[i] = e[i] <= cut
		}
		a, b = fit(x, y, use)
	}
	if a <= 0 {
		return 1
	}
	for i := range x {
		e[i] = (y[i] - a*x[i] - b)
		e[i] *= e[i]
	}
	sort.Float64s(e)
	var r float64
	k := int(float64(n) * trimKeep)
	for _, v := range e[:k] {
		r += v
	}
	return math.Sqrt(r/float64(k)) / std(y)
}

type eCand struct {
	r rect
	d float64
}

func eSearch(o *plane, oAspect float64, want []float64, lAspect float64, metric func(x, y []float64) float64) eCand {
	ratio := lAspect / oAspect
	fw0, fh0 := 1.0, 1/ratio
	if ratio < 1 {
		fw0, fh0 = ratio, 1
	}
	g := make([]float64, eG*eG)
	eval := func(x, y, s float64) eCand {
		w, h := fw0*s, fh0*s
		x = min(max(x, 0), 1-w)
		y = min(max(y, 0), 1-h)
		r := rect{x, y, x + w, y + h}
		o.grid(r, g)
		return eCand{r, metric(g, want)}
	}
	var best []eCand
	for s := 1.0; s >= minScale-1e-9; s *= 0.9 {
		w, h := fw0*s, fh0*s
		nx := 1 + int(math.Ceil((1-w)/(0.08*w)-1e-9))
		ny := 1 + int(math.Ceil((1-h)/(0.08*h)-1e-9))
		for j := 0; j < ny; j++ {
			for i := 0; i < nx; i++ {
				x, y := 0.0, 0.0
				if nx > 1 {
					x = (1 - w) * float64(i) / float64(nx-1)
				}
				if ny > 1 {
					y = (1 - h) * float64(j) / float64(ny-1)
				}
				best = append(best, eval(x, y, s))
			}
		}
	}
	slices.SortStableFunc(best, func(a, b eCand) int { return cmpF(a.d, b.d) })
	best = best[:min(4, len(best))]
	out := best[0]
	for _, c := range best {
		s := (c.r.x1 - c.r.x0) / fw0
		x, y := c.r.x0, c.r.y0
		for step := 0.04; step >= 0.004; step /= 2 {
			improved := true
			for improved {
				improved = false
				w, h := c.r.x1-c.r.x0, c.r.y1-c.r.y0
				for _, m := range [...][3]float64{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}} {
					ns := s * (1 + m[2]*step)
					if ns > 1 || ns < minScale*0.9 {
						continue
					}
					nx := x + m[0]*step*w - (ns-s)*fw0*0.5
					ny := y + m[1]*step*h - (ns-s)*fh0*0.5
					t := eval(nx, ny, ns)
					if t.d < c.d-1e-12 {
						c, x, y, s = t, t.r.x0, t.r.y0, ns
						improved = true
					}
				}
			}
		}
		if c.d < out.d {
			out = c
		}
	}
	return out
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func maskFn(kind int) []bool {
	m := make([]bool, eG*eG)
	for y := 0; y < eG; y++ {
		for x := 0; x < eG; x++ {
			fx, fy := (float64(x)+0.5)/float64(eG), (float64(y)+0.5)/float64(eG)
			use := true
			switch kind {
			case 1: // inner: no top/bottom strips, no corners
				if fy < 0.17 || fy > 0.83 {
					use = false
				}
				if (fx < 0.26 || fx > 0.74) && (fy < 0.3 || fy > 0.7) {
					use = false
				}
			}
			m[y*eG+x] = use
		}
	}
	return m
}

func nccMasked(x, y []float64, use []bool) float64 {
	var n, sx, sy, sxx, syy, sxy float64
	for i := range x {
		if !use[i] {
			continue
		}
		n++
		sx += x[i]
		sy += y[i]
		sxx += x[i] * x[i]
		syy += y[i] * y[i]
		sxy += x[i] * y[i]
	}
	vx, vy, cxy := sxx-sx*sx/n, syy-sy*sy/n, sxy-sx*sy/n
	if vx < 1e-9 || vy < 1e-9 || cxy <= 0 {
		return 1
	}
	r := cxy / math.Sqrt(vx*vy)
	return math.Sqrt(max(1-r*r, 0))
}

// gradient features: horizontal and vertical differences of neighbouring cells
func grad(g []float64, use []bool) ([]float64, []bool) {
	out := make([]float64, 0, 2*eG*eG)
	u := make([]bool, 0, 2*eG*eG)
	for y := 0; y < eG; y++ {
		for x := 0; x+1 < eG; x++ {
			out = append(out, g[y*eG+x+1]-g[y*eG+x])
			u = append(u, use[y*eG+x] && use[y*eG+x+1])
		}
	}
	for y := 0; y+1 < eG; y++ {
		for x := 0; x < eG; x++ {
			out = append(out, g[(y+1)*eG+x]-g[y*eG+x])
			u = append(u, use[y*eG+x] && use[(y+1)*eG+x])
		}
	}
	return out, u
}

func gradNCC(x, y []float64, use []bool) float64 {
	gx, u := grad(x, use)
	gy, _ := grad(y, use)
	// zero-mean not wanted for gradients: plain cosine
	var sxx, syy, sxy float64
	for i := range gx {
		if !u[i] {
			continue
		}
		sxx += gx[i] * gx[i]
		syy += gy[i] * gy[i]
		sxy += gx[i] * gy[i]
	}
	if sxx < 1e-9 || syy < 1e-9 || sxy <= 0 {
		return 1
	}
	r := sxy / math.Sqrt(sxx*syy)
	return math.Sqrt(max(1-r*r, 0))
}


func thumbSizeN(w, h, n int) (int, int) {
	a := float64(w) / float64(h)
	tw := int(math.Sqrt(float64(n) * a))
	th := int(math.Round(float64(tw) / a))
	return tw, th
}

func expPlane(g grayImg, n, qbits int) (*plane, float64) {
	tw, th := thumbSizeN(g.W, g.H, n)
	px := thumbnail(g.image(), tw, th)
	if qbits < 8 {
		sh := 8 - qbits
		for i, v := range px {
			px[i] = uint8((int(v)>>sh)<<sh + (1<<sh)/2)
		}
	}
	return newPlane(px, tw, th), float64(g.W) / float64(g.H)
}

type expCfg struct {
	name  string
	n, q  int
	masks []int
	f     func(x, y []float64, use []bool) float64
}

func runExp(t *testing.T, cfg expCfg) {
	s := loadExp()
	type pl struct {
		p *plane
		a float64
	}
	origs := make([]pl, numScenes)
	lst := make([][]pl, len(variantKinds))
	parallel(numScenes, func(i int) { p, a := expPlane(s.Origs[i], cfg.n, cfg.q); origs[i] = pl{p, a} })
	for k := range lst {
		lst[k] = make([]pl, numScenes)
		parallel(numScenes, func(i int) { p, a := expPlane(s.Listings[k][i], cfg.n, cfg.q); lst[k][i] = pl{p, a} })
	}
	res := make([][][]float64, len(variantKinds))
	for k := range res {
		res[k] = make([][]float64, numScenes)
	}
	parallel(len(variantKinds)*numScenes, func(j int) {
		k, i := j/numScenes, j%numScenes
		L := lst[k][i]
		want := make([]float64, eG*eG)
		L.p.grid(rect{0, 0, 1, 1}, want)
		row := make([]float64, numScenes)
		for o := range origs {
			row[o] = 9
			for _, mk := range cfg.masks {
				use := maskFn(mk)
				d := eSearch(origs[o].p, origs[o].a, want, L.a, func(x, y []float64) float64 { return cfg.f(x, y, use) }).d
				row[o] = min(row[o], d)
			}
		}
		res[k][i] = row
	})
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s\n", cfg.name)
	var allOwn, allOther []float64
	for k, v := range variantKinds {
		var own, other []float64
		for i, row := range res[k] {
			own = append(own, row[i])
			o := 9.0
			for j, d := range row {
				if j != i {
					o = min(o, d)
				}
			}
			other = append(other, o)
		}
		sort.Float64s(own)
		sort.Float64s(other)
		if v.assert {
			allOwn = append(allOwn, own...)
			allOther = append(allOther, other...)
		}
		fmt.Fprintf(&b, "%-28s own med %.3f p90 %.3f max %.3f | other min %.3f p10 %.3f med %.3f\n", v.name, own[len(own)/2], own[len(own)*9/10], own[len(own)-1], other[0], other[len(other)/10], other[len(other)/2])
	}
	sort.Float64s(allOwn)
	sort.Float64s(allOther)
	fmt.Fprintf(&b, "ALL asserted: own p95 %.3f p99 %.3f max %.3f | other min %.3f p01 %.3f p05 %.3f\n", allOwn[len(allOwn)*95/100], allOwn[len(allOwn)*99/100], allOwn[len(allOwn)-1], allOther[0], allOther[len(allOther)/100], allOther[len(allOther)/20])
	t.Log(b.String())
}

func smooth(g []float64) []float64 {
	out := make([]float64, len(g))
	tmp := make([]float64, len(g))
	at := func(a []float64, x, y int) float64 {
		x = min(max(x, 0), eG-1)
		y = min(max(y, 0), eG-1)
		return a[y*eG+x]
	}
	for y := 0; y < eG; y++ {
		for x := 0; x < eG; x++ {
			tmp[y*eG+x] = (at(g, x-1, y) + 2*at(g, x, y) + at(g, x+1, y)) / 4
		}
	}
	for y := 0; y < eG; y++ {
		for x := 0; x < eG; x++ {
			out[y*eG+x] = (at(tmp, x, y-1) + 2*at(tmp, x, y) + at(tmp, x, y+1)) / 4
		}
	}
	return out
}

func TestExpRes2(t *testing.T) {
	runExp(t, expCfg{"A gradncc n=972 masks01", 972, 8, []int{0, 1}, gradNCC})
	runExp(t, expCfg{"C combo n=972 masks01", 972, 8, []int{0, 1}, func(x, y []float64, u []bool) float64 {
		a, b := nccMasked(x, y, u), gradNCC(x, y, u)
		return math.Sqrt((a*a + b*b) / 2)
	}})
	runExp(t, expCfg{"D smooth gradncc n=972 masks01", 972, 8, []int{0, 1}, func(x, y []float64, u []bool) float64 {
		return gradNCC(smooth(x), smooth(y), u)
	}})
	eG = 12
	runExp(t, expCfg{"B gradncc n=972 G12 masks01", 972, 8, []int{0, 1}, gradNCC})
	eG = 16
}

func TestExpRes(t *testing.T) {
	for _, n := range []int{768, 1900, 3072} {
		runExp(t, expCfg{fmt.Sprintf("gradncc n=%d q8 masks01", n), n, 8, []int{0, 1}, gradNCC})
	}
	runExp(t, expCfg{"gradncc n=1900 q4 masks01", 1900, 4, []int{0, 1}, gradNCC})
	runExp(t, expCfg{"ncc n=1900 q8 masks01", 1900, 8, []int{0, 1}, nccMasked})
}
