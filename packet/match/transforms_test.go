package match

// What sellers do to their photos before publishing them, in code: the
// transformations of the benchmark (see TestRates).

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io/fs"
	"math"
	"math/rand/v2"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"appealpacket/assets"
)

// transform is one kind of listing picture made of an original.
type transform struct {
	name string
	make func(o image.Image, rng *rand.Rand) image.Image
}

// listingSide is the long side of a listing picture, as marketplaces
// store them.
const listingSide = 800

var transforms = []transform{
	{"downscaled to 640 px", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(resizeLong(o, 640), 85)
	}},
	{"JPEG quality 40", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(resizeLong(o, listingSide), 40)
	}},
	{"crop 50 % of the area", func(o image.Image, rng *rand.Rand) image.Image {
		return recompress(resizeLong(cropArea(o, 0.5, rng), listingSide), 80)
	}},
	{"crop 25 % of the area", func(o image.Image, rng *rand.Rand) image.Image {
		return recompress(resizeLong(cropArea(o, 0.25, rng), listingSide), 80)
	}},
	{"square crop 25-40 %", func(o image.Image, rng *rand.Rand) image.Image {
		b := o.Bounds()
		frac := 0.25 + 0.15*rng.Float64()
		var best [4]float64
		bestV := -1.0
		for range 8 {
			r := squareFrac(b.Dx(), b.Dy(), frac, rng.Float64(), rng.Float64())
			if v := detail(o, r); v > bestV {
				best, bestV = r, v
			}
		}
		return recompress(resizeLong(cropR(o, best), listingSide), 80)
	}},
	{"square crop 60-75 %", func(o image.Image, rng *rand.Rand) image.Image {
		return recompress(squareListing(o, rng), 80)
	}},
	{"padded to a square", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(pad(resizeLong(o, listingSide)), 80)
	}},
	{"mirrored", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(mirror(resizeLong(o, listingSide)), 80)
	}},
	{"rotated 90°", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(turn(resizeLong(o, listingSide), 1), 80)
	}},
	{"rotated 180°", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(turn(resizeLong(o, listingSide), 2), 80)
	}},
	{"rotated 270°", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(turn(resizeLong(o, listingSide), 3), 80)
	}},
	{"banner 12 %", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(banner(resizeLong(o, listingSide), 0.12), 80)
	}},
	{"price tag", func(o image.Image, rng *rand.Rand) image.Image {
		return recompress(priceTag(squareListing(o, rng), rng), 80)
	}},
	{"text overlay", func(o image.Image, rng *rand.Rand) image.Image {
		return recompress(textOverlay(resizeLong(o, listingSide), rng), 80)
	}},
	{"watermark + logo", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(watermark(resizeLong(o, listingSide)), 80)
	}},
	{"saturation +60 %", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(saturate(resizeLong(o, listingSide), 1.6), 80)
	}},
	{"saturation -40 %", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(saturate(resizeLong(o, listingSide), 0.6), 80)
	}},
	{"warm, brightness, contrast", func(o image.Image, _ *rand.Rand) image.Image {
		return recompress(warm(resizeLong(o, listingSide)), 80)
	}},
	{"phone screenshot", func(o image.Image, rng *rand.Rand) image.Image {
		return recompress(screenshot(squareListing(o, rng), rng), 85)
	}},
	{"screenshot, top half", func(o image.Image, rng *rand.Rand) image.Image {
		s := screenshot(squareListing(o, rng), rng)
		return recompress(cropFrac(s, 0, 0, 1, 0.5), 85)
	}},
	{"crop 40 % + mirror + banner + q50", func(o image.Image, rng *rand.Rand) image.Image {
		return recompress(banner(mirror(resizeLong(cropArea(o, 0.4, rng), listingSide)), 0.12), 50)
	}},
}

// cropArea cuts a region of frac of the picture's area, of its aspect
// ratio, around the product: the most detailed of 8 random places (a
// seller crops to the product, not to the bare backdrop).
func cropArea(o image.Image, frac float64, rng *rand.Rand) *image.RGBA {
	k := math.Sqrt(frac)
	var best [4]float64
	bestV := -1.0
	for range 8 {
		x, y := (1-k)*rng.Float64(), (1-k)*rng.Float64()
		r := [4]float64{x, y, x + k, y + k}
		if v := detail(o, r); v > bestV {
			best, bestV = r, v
		}
	}
	return cropR(o, best)
}

// detail is the variance of the luma of region r (fractions) of img,
// sampled on a 24×24 grid of points.
func detail(img image.Image, r [4]float64) float64 {
	b := img.Bounds()
	var s, ss float64
	const n = 24
	for j := range n {
		for i := range n {
			x := b.Min.X + int((r[0]+(r[2]-r[0])*(float64(i)+0.5)/n)*float64(b.Dx()))
			y := b.Min.Y + int((r[1]+(r[3]-r[1])*(float64(j)+0.5)/n)*float64(b.Dy()))
			cr, cg, cb, _ := img.At(x, y).RGBA()
			l := 0.299*float64(cr) + 0.587*float64(cg) + 0.114*float64(cb)
			s += l
			ss += l * l
		}
	}
	return ss/(n*n) - (s/(n*n))*(s/(n*n))
}

// squareListing is the common listing picture: a square of 60-75 % of the
// largest square, anywhere, 800 pixels.
func squareListing(o image.Image, rng *rand.Rand) *image.RGBA {
	b := o.Bounds()
	area := float64(min(b.Dx(), b.Dy())*min(b.Dx(), b.Dy())) / float64(b.Dx()*b.Dy())
	return resizeLong(cropR(o, squareFrac(b.Dx(), b.Dy(), area*(0.6+0.15*rng.Float64()), rng.Float64(), rng.Float64())), listingSide)
}

// turn rotates img clockwise by quarter quarter turns.
func turn(img image.Image, quarter int) *image.RGBA {
	src := toRGBA(img)
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := w, h
	if quarter%2 == 1 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch quarter % 4 {
			case 0:
				dx, dy = x, y
			case 1:
				dx, dy = h-1-y, x
			case 2:
				dx, dy = w-1-x, h-1-y
			case 3:
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dst.PixOffset(dx, dy):dst.PixOffset(dx, dy)+4], src.Pix[src.PixOffset(x, y):])
		}
	}
	return dst
}

// saturate scales every pixel's distance from its grey by k.
func saturate(img image.Image, k float64) *image.RGBA {
	m := toRGBA(img)
	out := image.NewRGBA(m.Bounds())
	for i := 0; i < len(m.Pix); i += 4 {
		r, g, b := float64(m.Pix[i]), float64(m.Pix[i+1]), float64(m.Pix[i+2])
		y := 0.299*r + 0.587*g + 0.114*b
		for c, v := range [3]float64{r, g, b} {
			out.Pix[i+c] = clamp8(y + k*(v-y))
		}
		out.Pix[i+3] = 255
	}
	return out
}

// warm is a "warm" filter (red up 8 %, blue down 12 %) with brightness +6
// levels and contrast +10 %.
func warm(img image.Image) *image.RGBA {
	m := toRGBA(img)
	out := image.NewRGBA(m.Bounds())
	for i := 0; i < len(m.Pix); i += 4 {
		r, g, b := float64(m.Pix[i]), float64(m.Pix[i+1]), float64(m.Pix[i+2])
		r, b = r*1.08, b*0.88
		for c, v := range [3]float64{r, g, b} {
			out.Pix[i+c] = clamp8((v-128)*1.1 + 128 + 6)
		}
		out.Pix[i+3] = 255
	}
	return out
}

func clamp8(v float64) uint8 { return uint8(min(max(math.Round(v), 0), 255)) }

// ---- drawing text and shapes ----

var fonts struct {
	once       sync.Once
	sans, bold *opentype.Font
}

// face returns Noto Sans (bold or not) at px pixels per em.
func face(bold bool, px float64) font.Face {
	fonts.once.Do(func() {
		parse := func(name string) *opentype.Font {
			b, err := fs.ReadFile(assets.Fonts, name)
			if err != nil {
				panic(err)
			}
			f, err := opentype.Parse(b)
			if err != nil {
				panic(err)
			}
			return f
		}
		fonts.sans, fonts.bold = parse(assets.SansRegular), parse(assets.SansBold)
	})
	f := fonts.sans
	if bold {
		f = fonts.bold
	}
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err)
	}
	return fc
}

// write draws s with its baseline's left end at (x, y) and returns the
// x where it ends.
func write(dst draw.Image, s string, x, y int, px float64, bold bool, c color.Color) int {
	fc := face(bold, px)
	defer fc.Close()
	d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: fc, Dot: fixed.P(x, y)}
	d.DrawString(s)
	return d.Dot.X.Ceil()
}

func textWidth(s string, px float64, bold bool) int {
	fc := face(bold, px)
	defer fc.Close()
	return font.MeasureString(fc, s).Ceil()
}

// fillRound fills a rounded rectangle.
func fillRound(dst *image.RGBA, r image.Rectangle, radius int, c color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dx := max(r.Min.X+radius-x, x-(r.Max.X-1-radius), 0)
			dy := max(r.Min.Y+radius-y, y-(r.Max.Y-1-radius), 0)
			if dx*dx+dy*dy <= radius*radius && image.Pt(x, y).In(dst.Bounds()) {
				dst.SetRGBA(x, y, c)
			}
		}
	}
}

// fillDisc fills a disc, blended at opacity alpha.
func fillDisc(dst *image.RGBA, cx, cy, r int, c color.RGBA, alpha float64) {
	for y := cy - r; y <= cy+r; y++ {
		for x := cx - r; x <= cx+r; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r && image.Pt(x, y).In(dst.Bounds()) {
				o := dst.RGBAAt(x, y)
				mix := func(a, b uint8) uint8 { return uint8(float64(a)*(1-alpha) + float64(b)*alpha + 0.5) }
				dst.SetRGBA(x, y, color.RGBA{mix(o.R, c.R), mix(o.G, c.G), mix(o.B, c.B), 255})
			}
		}
	}
}

// ---- overlays ----

// priceTag puts a red price tag with a white price in a corner.
func priceTag(img image.Image, rng *rand.Rand) *image.RGBA {
	m := toRGBA(img)
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	tw, th := w*3/10, h/8
	x0, y0 := w-tw-w/30, h-th-h/30
	if rng.IntN(2) == 0 {
		x0, y0 = w/30, h/30
	}
	fillRound(m, image.Rect(x0, y0, x0+tw, y0+th), th/4, color.RGBA{225, 30, 40, 255})
	s := fmt.Sprintf("$%d.99", 9+rng.IntN(40))
	px := float64(th) * 0.7
	write(m, s, x0+(tw-textWidth(s, px, true))/2, y0+th*3/4, px, true, color.White)
	return m
}

// textOverlay writes a two-line selling point in bold, opaque, across the
// top third or the middle.
func textOverlay(img image.Image, rng *rand.Rand) *image.RGBA {
	m := toRGBA(img)
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	lines := [][2]string{{"NEW ARRIVAL", "Fast charging · 30 h battery"}, {"HOT SALE", "Waterproof · Bluetooth 5.3"}}[rng.IntN(2)]
	ink := []color.RGBA{{20, 20, 20, 255}, {255, 255, 255, 255}, {230, 40, 30, 255}}[rng.IntN(3)]
	y := h / 8
	if rng.IntN(2) == 0 {
		y = h * 2 / 5
	}
	px := float64(h) / 9
	write(m, lines[0], (w-textWidth(lines[0], px, true))/2, y+int(px), px, true, ink)
	write(m, lines[1], (w-textWidth(lines[1], px/2, false))/2, y+int(px*1.7), px/2, false, ink)
	return m
}

// ---- a phone screenshot of the listing page ----

// Screen size of the phone (an iPhone 12-15, 3 pixels per point).
const screenW, screenH = 1170, 2532

// screenshot draws the listing page of a shopping app, as a phone shows
// it, with the listing picture (made square) at the top: status bar,
// buttons over the picture, a page counter, the price, the title, rating
// and shipping lines, a strip of other pictures' thumbnails drawn in grey,
// and the bottom bar with its buttons. One in four is in dark mode.
func screenshot(pic image.Image, rng *rand.Rand) *image.RGBA {
	return screenshotIn(pic, rng, rng.IntN(4) == 0)
}

// screenshotIn is screenshot in dark mode or not.
func screenshotIn(pic image.Image, rng *rand.Rand, dark bool) *image.RGBA {
	page, ink, grey := color.RGBA{255, 255, 255, 255}, color.RGBA{17, 17, 17, 255}, color.RGBA{120, 120, 120, 255}
	band := color.RGBA{242, 242, 242, 255}
	if dark {
		page, ink, grey, band = color.RGBA{0, 0, 0, 255}, color.RGBA{240, 240, 240, 255}, color.RGBA{150, 150, 150, 255}, color.RGBA{28, 28, 30, 255}
	}
	m := image.NewRGBA(image.Rect(0, 0, screenW, screenH))
	draw.Draw(m, m.Bounds(), image.NewUniform(page), image.Point{}, draw.Src)
	// Status bar: time, signal, battery.
	write(m, "9:41", 90, 100, 50, true, ink)
	for i := range 4 {
		draw.Draw(m, image.Rect(880+i*22, 92-12*i-14, 896+i*22, 92), image.NewUniform(ink), image.Point{}, draw.Src)
	}
	fillRound(m, image.Rect(990, 62, 1080, 100), 10, ink)
	// The picture, full width, under the status bar.
	top := 141
	sq := resizeLong(pic, screenW)
	if b := sq.Bounds(); b.Dx() != b.Dy() {
		sq = resizeLong(pad(sq), screenW)
	}
	draw.Draw(m, image.Rect(0, top, screenW, top+screenW), sq, image.Point{}, draw.Src)
	// Back, share and cart buttons over it, a page counter.
	for _, cx := range []int{90, 930, 1070} {
		fillDisc(m, cx, top+90, 50, color.RGBA{40, 40, 40, 255}, 0.35)
	}
	write(m, "<", 72, top+110, 60, true, color.White)
	fillRound(m, image.Rect(1010, top+screenW-100, 1140, top+screenW-40), 30, color.RGBA{0, 0, 0, 120})
	write(m, fmt.Sprintf("1/%d", 3+rng.IntN(6)), 1035, top+screenW-55, 38, false, color.White)
	y := top + screenW
	// Price, old price, discount.
	price := fmt.Sprintf("US $%d.%02d", 9+rng.IntN(60), rng.IntN(100))
	x := write(m, price, 40, y+120, 92, true, color.RGBA{235, 40, 30, 255})
	x = write(m, fmt.Sprintf("US $%d.99", 70+rng.IntN(30)), x+30, y+115, 44, false, grey)
	fillRound(m, image.Rect(x+24, y+70, x+150, y+125), 8, color.RGBA{255, 230, 228, 255})
	write(m, fmt.Sprintf("-%d%%", 20+rng.IntN(60)), x+36, y+113, 40, true, color.RGBA{235, 40, 30, 255})
	// Title, two lines; rating.
	write(m, "Wireless Earbuds Bluetooth 5.3 Headphones with", 40, y+220, 48, false, ink)
	write(m, "Charging Case, HiFi Stereo, Noise Cancelling", 40, y+290, 48, false, ink)
	write(m, "Rating 4.8  |  1,203 sold", 40, y+370, 40, false, grey)
	draw.Draw(m, image.Rect(0, y+410, screenW, y+440), image.NewUniform(band), image.Point{}, draw.Src)
	write(m, "Free shipping · Delivery: Mar 28 - Apr 4", 40, y+520, 44, false, ink)
	write(m, "Color: Black    Size: One size", 40, y+600, 44, false, grey)
	// Thumbnails of the other pictures, as grey tiles with a product shape.
	for i := range 5 {
		r := image.Rect(40+i*220, y+660, 240+i*220, y+860)
		fillRound(m, r, 16, band)
		fillDisc(m, (r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2, 60, grey, 0.6)
	}
	draw.Draw(m, image.Rect(0, y+900, screenW, y+930), image.NewUniform(band), image.Point{}, draw.Src)
	write(m, "Customer reviews (312)", 40, y+1010, 48, true, ink)
	// Bottom bar: store and cart icons, two buttons, home indicator.
	by := screenH - 230
	draw.Draw(m, image.Rect(0, by, screenW, by+2), image.NewUniform(band), image.Point{}, draw.Src)
	write(m, "Store", 40, by+140, 34, false, grey)
	write(m, "Cart", 190, by+140, 34, false, grey)
	fillRound(m, image.Rect(340, by+30, 740, by+150), 60, color.RGBA{255, 150, 0, 255})
	fillRound(m, image.Rect(760, by+30, 1140, by+150), 60, color.RGBA{235, 40, 30, 255})
	write(m, "Add to cart", 340+(400-textWidth("Add to cart", 44, true))/2, by+105, 44, true, color.White)
	write(m, "Buy now", 760+(380-textWidth("Buy now", 44, true))/2, by+105, 44, true, color.White)
	fillRound(m, image.Rect(screenW/2-200, screenH-30, screenW/2+200, screenH-15), 7, ink)
	return m
}
