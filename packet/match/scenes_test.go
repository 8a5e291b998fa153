package match

// Synthetic "product photo" scenes and listing-like variants of them, built
// in code so that no binary is committed. Everything is deterministic
// (math/rand/v2 PCG with fixed seeds).

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand/v2"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

type rgb struct{ r, g, b float64 }

func hsv(h, s, v float64) rgb {
	h = math.Mod(h, 1) * 6
	i := math.Floor(h)
	f := h - i
	p, q, t := v*(1-s), v*(1-s*f), v*(1-s*(1-f))
	switch int(i) {
	case 0:
		return rgb{v, t, p}
	case 1:
		return rgb{q, v, p}
	case 2:
		return rgb{p, v, t}
	case 3:
		return rgb{p, q, v}
	case 4:
		return rgb{t, p, v}
	}
	return rgb{v, p, q}
}

func (c rgb) scale(k float64) rgb { return rgb{c.r * k, c.g * k, c.b * k} }
func mix(a, b rgb, t float64) rgb {
	return rgb{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t}
}

// canvas is a float RGB picture (0..1) being painted.
type canvas struct {
	w, h int
	pix  []rgb
}

func (c *canvas) toRGBA(noise float64, rng *rand.Rand) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
	q := func(v float64) uint8 {
		v = v*255 + rng.NormFloat64()*noise
		return uint8(min(max(math.Round(v), 0), 255))
	}
	for i, p := range c.pix {
		img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2], img.Pix[4*i+3] = q(p.r), q(p.g), q(p.b), 255
	}
	return img
}

// object is a product part: a signed distance (pixels, < 0 inside) and a
// colour at a point given the object-local coordinates u, v in [-1, 1].
type object struct {
	x0, y0, x1, y1 int // bounding box
	sd             func(x, y float64) float64
	paint          func(u, v float64) rgb
	cx, cy, hx, hy float64 // for u, v
}

func roundBox(px, py, cx, cy, hx, hy, r float64) float64 {
	qx, qy := math.Abs(px-cx)-hx+r, math.Abs(py-cy)-hy+r
	return math.Hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - r
}

func ellipse(px, py, cx, cy, rx, ry float64) float64 {
	return (math.Hypot((px-cx)/rx, (py-cy)/ry) - 1) * min(rx, ry)
}

func superEllipse(px, py, cx, cy, rx, ry, n float64) float64 {
	f := math.Pow(math.Abs((px-cx)/rx), n) + math.Pow(math.Abs((py-cy)/ry), n)
	return (math.Pow(f, 1/n) - 1) * min(rx, ry)
}

func (c *canvas) draw(o object) {
	for y := max(o.y0, 0); y < min(o.y1, c.h); y++ {
		for x := max(o.x0, 0); x < min(o.x1, c.w); x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			a := min(max(0.5-o.sd(px, py), 0), 1)
			if a == 0 {
				continue
			}
			col := o.paint((px-o.cx)/o.hx, (py-o.cy)/o.hy)
			c.pix[y*c.w+x] = mix(c.pix[y*c.w+x], col, a)
		}
	}
}

// shadow darkens a soft ellipse (a product's contact shadow).
func (c *canvas) shadow(cx, cy, rx, ry, depth float64) {
	for y := max(int(cy-2*ry), 0); y < min(int(cy+2*ry), c.h); y++ {
		for x := max(int(cx-2*rx), 0); x < min(int(cx+2*rx), c.w); x++ {
			d := math.Hypot((float64(x)-cx)/rx, (float64(y)-cy)/ry)
			k := 1 - depth*math.Exp(-d*d*1.5)
			c.pix[y*c.w+x] = c.pix[y*c.w+x].scale(k)
		}
	}
}

// texture returns a paint function: base colour with lighting and a pattern.
func texture(rng *rand.Rand, base rgb) func(u, v float64) rgb {
	kind := rng.IntN(5)
	alt := hsv(rng.Float64(), 0.3+0.6*rng.Float64(), 0.3+0.7*rng.Float64())
	freq := 3 + rng.Float64()*8
	light := rng.Float64()*0.5 - 0.25
	// Label lines (dark "text" on a light band).
	var lines [][4]float64
	for range 3 + rng.IntN(4) {
		y := -0.3 + rng.Float64()*0.6
		lines = append(lines, [4]float64{-0.6 + rng.Float64()*0.3, y, 0.1 + rng.Float64()*0.5, y + 0.05})
	}
	return func(u, v float64) rgb {
		col := base
		switch kind {
		case 1: // stripes
			if math.Sin((u+v*0.3)*freq*math.Pi) > 0 {
				col = alt
			}
		case 2: // checker
			if (int(math.Floor(u*freq/2+10))+int(math.Floor(v*freq/2+10)))%2 == 0 {
				col = mix(col, alt, 0.6)
			}
		case 3: // dots
			du, dv := math.Mod(u*freq+20, 1)-0.5, math.Mod(v*freq+20, 1)-0.5
			if du*du+dv*dv < 0.08 {
				col = alt
			}
		case 4: // label with text lines
			if math.Abs(v) < 0.4 {
				col = rgb{0.93, 0.92, 0.88}
				for _, l := range lines {
					if u > l[0] && u < l[2] && v > l[1] && v < l[3] {
						col = alt.scale(0.4)
					}
				}
			}
		}
		// Cylinder-like shading across u, light from one side, highlight.
		shade := 0.78 + 0.3*(1-u*u) + light*u
		hl := math.Exp(-((u+0.45)*(u+0.45))*40) * 0.25
		return rgb{min(col.r*shade+hl, 1), min(col.g*shade+hl, 1), min(col.b*shade+hl, 1)}
	}
}

// background kinds: 0 white sweep, 1 grey seamless, 2 wall + wooden table,
// 3 pastel backdrop. Several scenes share one kind: same studio, different
// products is the hard case.
func paintBackground(c *canvas, kind int, rng *rand.Rand) {
	hue := rng.Float64()
	horizon := 0.55 + rng.Float64()*0.15
	grain := rng.Float64() * 100
	for y := 0; y < c.h; y++ {
		fy := float64(y) / float64(c.h)
		for x := 0; x < c.w; x++ {
			fx := float64(x) / float64(c.w)
			var col rgb
			switch kind {
			case 0:
				t := 1 / (1 + math.Exp(-(fy-horizon)*25))
				col = mix(rgb{0.90, 0.90, 0.91}, rgb{0.98, 0.98, 0.98}, t)
			case 1:
				g := 0.72 + 0.16*fy
				col = rgb{g, g, g + 0.01}
				d := math.Hypot(fx-0.5, (fy-0.45)*0.75)
				col = col.scale(1 + 0.12*math.Exp(-d*d*8))
			case 2:
				if fy < horizon {
					col = rgb{0.86, 0.82, 0.74}.scale(0.9 + 0.1*fy)
				} else {
					w := math.Sin(fx*40+math.Sin(fx*7+grain)*2+fy*3) * 0.5
					col = mix(rgb{0.55, 0.38, 0.24}, rgb{0.65, 0.47, 0.30}, 0.5+w*0.5)
				}
			case 3:
				col = hsv(hue, 0.25, 0.92).scale(0.85 + 0.15*fy)
			}
			d := math.Hypot(fx-0.5, fy-0.5)
			c.pix[y*c.w+x] = col.scale(1 - 0.18*d*d)
		}
	}
}

// scene paints a product photo: background kind bg, 1..3 products. With
// twin set, the same products are recoloured and moved right by 4 % of the
// width: the same product in another colour, shot in the same studio.
func scene(seed uint64, w, h, bg int, twin bool) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	c := &canvas{w: w, h: h, pix: make([]rgb, w*h)}
	paintBackground(c, bg, rng)
	n := 1 + rng.IntN(3)
	S := float64(min(w, h))
	for i := range n {
		cx := float64(w) * (0.25 + 0.5*rng.Float64())
		if n > 1 {
			cx = float64(w) * (0.2 + 0.6*(float64(i)+rng.Float64()*0.6)/float64(n))
		}
		size := S * (0.15 + 0.2*rng.Float64()) / math.Sqrt(float64(n))
		floor := float64(h) * (0.6 + 0.25*rng.Float64())
		hue, sat, val := rng.Float64(), 0.2+0.7*rng.Float64(), 0.25+0.7*rng.Float64()
		if twin {
			hue, val = hue+0.4, 1.2-val
			cx += 0.04 * float64(w)
		}
		base := hsv(hue, sat, val)
		paint := texture(rng, base)
		var o object
		switch kind := rng.IntN(5); kind {
		case 0: // box
			hx, hy := size*(0.6+0.6*rng.Float64()), size*(0.6+0.8*rng.Float64())
			cy := floor - hy
			o = object{sd: func(x, y float64) float64 { return roundBox(x, y, cx, cy, hx, hy, size*0.05) }, cx: cx, cy: cy, hx: hx, hy: hy}
		case 1: // bottle: body, neck, cap
			hx, hy := size*(0.35+0.2*rng.Float64()), size*(0.9+0.5*rng.Float64())
			cy := floor - hy
			nx, ny := hx*0.35, hy*0.3
			o = object{sd: func(x, y float64) float64 {
				b := roundBox(x, y, cx, cy, hx, hy, hx*0.4)
				n := roundBox(x, y, cx, cy-hy-ny*0.8, nx, ny, nx*0.3)
				return min(b, n)
			}, cx: cx, cy: cy, hx: hx, hy: hy * 1.4}
		case 2: // ball
			r := size * (0.5 + 0.4*rng.Float64())
			cy := floor - r
			o = object{sd: func(x, y float64) float64 { return ellipse(x, y, cx, cy, r, r) }, cx: cx, cy: cy, hx: r, hy: r}
		case 3: // mug: cylinder and handle
			hx, hy := size*(0.5+0.3*rng.Float64()), size*(0.55+0.4*rng.Float64())
			cy := floor - hy
			side := 1.0
			if rng.IntN(2) == 0 {
				side = -1
			}
			o = object{sd: func(x, y float64) float64 {
				b := roundBox(x, y, cx, cy, hx, hy, hx*0.15)
				ring := math.Abs(ellipse(x, y, cx+side*hx, cy, hx*0.45, hy*0.45)) - hx*0.1
				return min(b, ring)
			}, cx: cx, cy: cy, hx: hx, hy: hy}
		default: // soft blob (a shoe, a bag)
			rx, ry := size*(0.7+0.6*rng.Float64()), size*(0.4+0.4*rng.Float64())
			cy := floor - ry
			n := 2.5 + 2*rng.Float64()
			o = object{sd: func(x, y float64) float64 { return superEllipse(x, y, cx, cy, rx, ry, n) }, cx: cx, cy: cy, hx: rx, hy: ry}
		}
		o.paint = paint
		o.x0, o.x1 = int(o.cx-o.hx*2.2)-2, int(o.cx+o.hx*2.2)+2
		o.y0, o.y1 = int(o.cy-o.hy*2.2)-2, int(o.cy+o.hy*1.2)+2
		c.shadow(o.cx+size*0.1, floor, o.hx*1.2, size*0.12, 0.35)
		c.draw(o)
	}
	return c.toRGBA(3, rng)
}

// sceneSpec is the size and background of scene i: mostly 1600×1200 on
// the same white studio sweep (different products on the same background
// is the hard case), some portrait or square, some on other backgrounds.
func sceneSpec(i int) (w, h, bg int) {
	w, h = 1600, 1200
	switch i % 5 {
	case 3:
		w, h = 1200, 1600
	case 4:
		w, h = 1600, 1600
	}
	bg = []int{0, 0, 1, 0, 2, 0, 3, 1, 0, 0}[i%10]
	return w, h, bg
}

// ---- listing-like transformations ----

// resizeLong scales img so that its long side is long pixels, averaging
// the source pixels each destination pixel covers (an area filter, as photo
// editors do when they shrink). Enlarging uses bilinear interpolation.
func resizeLong(img image.Image, long int) *image.RGBA {
	src := toRGBA(img)
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	w, h := sw, sh
	if w >= h {
		w, h = long, max(1, h*long/w)
	} else {
		w, h = max(1, w*long/h), long
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w > sw || h > sh {
		xdraw.BiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		return dst
	}
	type tap struct {
		j int
		w float32
	}
	taps := func(sn, dn int) [][]tap {
		out := make([][]tap, dn)
		s := float64(sn) / float64(dn)
		for i := range out {
			a, b := float64(i)*s, float64(i+1)*s
			for j := int(a); j < sn && float64(j) < b; j++ {
				ov := min(b, float64(j+1)) - max(a, float64(j))
				if ov > 0 {
					out[i] = append(out[i], tap{j, float32(ov / s)})
				}
			}
		}
		return out
	}
	tx, ty := taps(sw, w), taps(sh, h)
	tmp := make([]float32, 3*w*sh)
	for y := 0; y < sh; y++ {
		row := src.Pix[y*src.Stride:]
		for x, ts := range tx {
			var r, g, b float32
			for _, t := range ts {
				p := row[4*t.j : 4*t.j+3 : 4*t.j+3]
				r += float32(p[0]) * t.w
				g += float32(p[1]) * t.w
				b += float32(p[2]) * t.w
			}
			o := 3 * (y*w + x)
			tmp[o], tmp[o+1], tmp[o+2] = r, g, b
		}
	}
	for y, ts := range ty {
		for x := 0; x < w; x++ {
			var r, g, b float32
			for _, t := range ts {
				o := 3 * (t.j*w + x)
				r += tmp[o] * t.w
				g += tmp[o+1] * t.w
				b += tmp[o+2] * t.w
			}
			p := dst.Pix[y*dst.Stride+4*x:]
			p[0], p[1], p[2], p[3] = uint8(r+0.5), uint8(g+0.5), uint8(b+0.5), 255
		}
	}
	return dst
}

// cropFrac returns the region (fractions of width and height) of img.
func cropFrac(img image.Image, x0, y0, x1, y1 float64) *image.RGBA {
	b := img.Bounds()
	r := image.Rect(b.Min.X+int(x0*float64(b.Dx())), b.Min.Y+int(y0*float64(b.Dy())),
		b.Min.X+int(x1*float64(b.Dx())), b.Min.Y+int(y1*float64(b.Dy())))
	dst := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(dst, dst.Bounds(), img, r.Min, draw.Src)
	return dst
}

func recompress(img image.Image, q int) image.Image {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		panic(err)
	}
	return out
}

// text draws s with the 7×13 bitmap font scaled so that its height is px
// pixels, at (x, y) top-left, in colour c with opacity alpha.
func text(dst *image.RGBA, s string, x, y, px int, c color.RGBA, alpha float64) {
	face := basicfont.Face7x13
	adv := font.MeasureString(face, s).Ceil()
	mask := image.NewAlpha(image.Rect(0, 0, adv, 13))
	d := font.Drawer{Dst: mask, Src: image.Opaque, Face: face, Dot: fixed.P(0, 11)}
	d.DrawString(s)
	w := adv * px / 13
	big := image.NewAlpha(image.Rect(0, 0, w, px))
	xdraw.BiLinear.Scale(big, big.Bounds(), mask, mask.Bounds(), draw.Src, nil)
	for i := range big.Pix {
		big.Pix[i] = uint8(float64(big.Pix[i]) * alpha)
	}
	draw.DrawMask(dst, image.Rect(x, y, x+w, y+px), image.NewUniform(c), image.Point{}, big, image.Point{}, draw.Over)
}

func toRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	dst := image.NewRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	draw.Draw(dst, dst.Bounds(), img, img.Bounds().Min, draw.Src)
	return dst
}

// watermark puts a large semi-transparent shop name across the middle and
// an opaque round logo in a corner.
func watermark(img image.Image) *image.RGBA {
	m := toRGBA(img)
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	px := h / 10
	s := "BARTECH STORE"
	tw := font.MeasureString(basicfont.Face7x13, s).Ceil() * px / 13
	text(m, s, (w-tw)/2, h/2-px/2, px, color.RGBA{255, 255, 255, 255}, 0.45)
	// logo: disc with initials, top-right
	r := h / 14
	cx, cy := w-r*2, r*2
	for y := cy - r; y < cy+r; y++ {
		for x := cx - r; x < cx+r; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r {
				m.SetRGBA(x, y, color.RGBA{200, 30, 40, 255})
			}
		}
	}
	text(m, "BT", cx-r*2/3, cy-r/2, r, color.RGBA{255, 255, 255, 255}, 1)
	return m
}

// banner covers the bottom frac of the height with a red band and white
// text, like "FREE SHIPPING" strips.
func banner(img image.Image, frac float64) *image.RGBA {
	m := toRGBA(img)
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	bh := int(float64(h) * frac)
	draw.Draw(m, image.Rect(0, h-bh, w, h), image.NewUniform(color.RGBA{210, 20, 30, 255}), image.Point{}, draw.Src)
	text(m, "FREE SHIPPING", w/12, h-bh+bh/5, bh*3/5, color.RGBA{255, 255, 255, 255}, 1)
	return m
}

// pad centres img on a white square (letterbox or pillarbox bars).
func pad(img image.Image) *image.RGBA {
	b := img.Bounds()
	side := max(b.Dx(), b.Dy())
	dst := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	off := image.Pt((side-b.Dx())/2, (side-b.Dy())/2)
	draw.Draw(dst, b.Sub(b.Min).Add(off), img, b.Min, draw.Src)
	return dst
}

func mirror(img image.Image) *image.RGBA {
	src := toRGBA(img)
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			copy(dst.Pix[dst.PixOffset(w-1-x, y):dst.PixOffset(w-1-x, y)+4], src.Pix[src.PixOffset(x, y):])
		}
	}
	return dst
}

// squareFrac returns a square region (fractions of width, height) of a w×h
// picture whose area is frac of the picture's, at relative position (px, py)
// in [0,1] of the free room.
func squareFrac(w, h int, frac, px, py float64) [4]float64 {
	side := math.Sqrt(frac * float64(w*h))
	side = min(side, float64(min(w, h)))
	fw, fh := side/float64(w), side/float64(h)
	x0, y0 := (1-fw)*px, (1-fh)*py
	return [4]float64{x0, y0, x0 + fw, y0 + fh}
}

func cropR(img image.Image, r [4]float64) *image.RGBA { return cropFrac(img, r[0], r[1], r[2], r[3]) }
