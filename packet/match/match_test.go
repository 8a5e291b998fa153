package match

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"appealpacket/internal/testlevel"
)

// testScene is drawn once: drawing it takes longer than most tests.
var testScene = sync.OnceValue(func() *image.RGBA { return scene(7, 1600, 1200, 0, false) })

// testPicture is a 1600×1200 product scene (an *image.RGBA), a copy the
// test may change.
func testPicture(t testing.TB) *image.RGBA {
	t.Helper()
	src := testScene()
	return &image.RGBA{Pix: slices.Clone(src.Pix), Stride: src.Stride, Rect: src.Rect}
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, f := range []Fingerprint{Of(testPicture(t)), Of(image.NewGray(image.Rect(0, 0, 3, 2))), {}} {
		b, err := f.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if len(b) != EncodedLen || EncodedLen > 12<<10 {
			t.Fatalf("encoded in %d bytes, want EncodedLen = %d <= 12 KB", len(b), EncodedLen)
		}
		var g Fingerprint
		if err := g.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if g != f {
			t.Errorf("round trip changed the fingerprint of a %v picture", f.width)
		}
	}
}

// TestUnmarshalCorrupt: corrupt input is an error wrapping ErrCorrupt,
// never a panic, and leaves the receiver alone.
func TestUnmarshalCorrupt(t *testing.T) {
	good, _ := Of(testPicture(t)).MarshalBinary()
	keep := Of(image.NewGray(image.Rect(0, 0, 10, 10)))
	check := func(name string, data []byte) {
		t.Helper()
		f := keep
		err := f.UnmarshalBinary(data)
		if err == nil || !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
		if f != keep {
			t.Errorf("%s: the receiver was changed", name)
		}
	}
	check("nil", nil)
	check("short", good[:len(good)-1])
	check("long", append(bytes.Clone(good), 0))
	for i := range good {
		b := bytes.Clone(good)
		b[i] ^= 0x10
		check("bit flip", b)
	}
	// Well-formed checksum, impossible content.
	resum := func(b []byte) []byte { // a valid checksum over b
		binary.BigEndian.PutUint32(b[EncodedLen-4:], crc32.ChecksumIEEE(b[:EncodedLen-4]))
		return b
	}
	b := bytes.Clone(good)
	b[20], b[21] = 200, 200 // thumbnail 200×200 > 980 pixels
	check("thumbnail too large", resum(b))
	b = bytes.Clone(good)
	b[12], b[16] = 0xff, 0x00 // content: left edge right of the right edge
	check("empty content", resum(b))
	b = bytes.Clone(good)
	b[20] = 2 // thumbnail 2 pixels wide
	check("thumbnail too narrow", resum(b))
	b = bytes.Clone(good)
	b[EncodedLen-5] = 1 // a pixel after the thumbnail
	check("data after the thumbnail", resum(b))
	b = bytes.Clone(good)
	copy(b[4:12], make([]byte, 8)) // no size, but a thumbnail
	check("empty with thumbnail", resum(b))
	b = bytes.Clone(good)
	b[3] = '1'
	check("other version", resum(b))
	// Random input of every length around EncodedLen.
	rng := rand.New(rand.NewPCG(3, 4))
	for n := EncodedLen - 3; n <= EncodedLen+3; n++ {
		for range 200 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			copy(b, magic[:])
			if n == EncodedLen {
				b = resum(b)
			}
			var f Fingerprint
			if err := f.UnmarshalBinary(b); err == nil {
				// Only a valid encoding may pass, and then it re-encodes the same.
				again, _ := f.MarshalBinary()
				if !bytes.Equal(again, b) {
					t.Fatalf("accepted %d random bytes that do not re-encode the same", n)
				}
			}
		}
	}
}

// TestImageTypes: the same picture gives the same fingerprint whichever
// type it is decoded into.
func TestImageTypes(t *testing.T) {
	rgba := testPicture(t)
	b := rgba.Bounds()
	ycc := recompress(rgba, 100).(*image.YCbCr)
	nrgba := image.NewNRGBA(b)
	draw.Draw(nrgba, b, rgba, b.Min, draw.Src)
	gray := image.NewGray(b)
	draw.Draw(gray, b, rgba, b.Min, draw.Src)
	grayRGBA := image.NewRGBA(b) // the same grey picture, as RGBA
	draw.Draw(grayRGBA, b, gray, b.Min, draw.Src)
	rgba64 := image.NewRGBA64(b) // read through At
	draw.Draw(rgba64, b, rgba, b.Min, draw.Src)
	for name, c := range map[string]struct {
		img, ref image.Image
		chroma   int // how far the colour thumbnails may differ
	}{
		"YCbCr":  {ycc, rgba, 3}, // 4:2:0: each chroma sample covers 2×2 pixels
		"NRGBA":  {nrgba, rgba, 1},
		"Gray":   {gray, grayRGBA, 1},
		"RGBA64": {rgba64, rgba, 1},
	} {
		f, ref := Of(c.img), Of(c.ref)
		if f.tw != ref.tw || f.th != ref.th || f.width != ref.width {
			t.Errorf("%s: size differs", name)
		}
		worst, worstC := 0, 0
		for i := range f.luma {
			worst = max(worst, int(math.Abs(float64(f.luma[i])-float64(ref.luma[i]))))
		}
		for i := range f.cb {
			worstC = max(worstC, int(math.Abs(float64(f.cb[i])-float64(ref.cb[i]))), int(math.Abs(float64(f.cr[i])-float64(ref.cr[i]))))
		}
		if worst > 3 || worstC > c.chroma {
			t.Errorf("%s: thumbnail differs from RGBA's by up to %d grey levels, %d chroma levels", name, worst, worstC)
		}
		if m, _ := Best(f, []Fingerprint{ref}); m.Distance > 1 {
			t.Errorf("%s: distance %d to the RGBA picture, want <= 1", name, m.Distance)
		}
	}
}

// TestTransparentIsWhite: transparent pixels count as white.
func TestTransparentIsWhite(t *testing.T) {
	onWhite := image.NewRGBA(image.Rect(0, 0, 400, 300))
	draw.Draw(onWhite, onWhite.Bounds(), image.White, image.Point{}, draw.Src)
	clear := image.NewNRGBA(onWhite.Bounds())
	box := image.Rect(100, 80, 250, 220)
	for _, m := range []draw.Image{onWhite, clear} {
		draw.Draw(m, box, image.NewUniform(color.RGBA{30, 60, 200, 255}), image.Point{}, draw.Src)
	}
	premul := image.NewRGBA(onWhite.Bounds())
	draw.Draw(premul, box, image.NewUniform(color.RGBA{30, 60, 200, 255}), image.Point{}, draw.Src)
	want := Of(onWhite)
	for name, img := range map[string]image.Image{"NRGBA": clear, "RGBA": premul} {
		if got := Of(img); got != want {
			t.Errorf("%s with a transparent background differs from the same on white", name)
		}
	}
}

// TestSubImage: a sub-image (bounds not at 0,0) is fingerprinted like a
// copy of it.
func TestSubImage(t *testing.T) {
	img := testPicture(t)
	r := image.Rect(130, 70, 1330, 1070)
	cp := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(cp, cp.Bounds(), img, r.Min, draw.Src)
	if Of(img.SubImage(r)) != Of(cp) {
		t.Error("sub-image and copy differ")
	}
	ycc := recompress(img, 95).(*image.YCbCr)
	if a, b := Of(ycc.SubImage(r)), Of(toYCbCr(t, ycc, r)); a != b {
		t.Error("YCbCr sub-image and copy differ")
	}
}

func toYCbCr(t *testing.T, src *image.YCbCr, r image.Rectangle) *image.YCbCr {
	t.Helper()
	dst := image.NewYCbCr(image.Rect(0, 0, r.Dx(), r.Dy()), src.SubsampleRatio)
	for y := 0; y < r.Dy(); y++ {
		copy(dst.Y[y*dst.YStride:y*dst.YStride+r.Dx()], src.Y[src.YOffset(r.Min.X, r.Min.Y+y):])
		for x := 0; x < r.Dx(); x++ {
			si, di := src.COffset(r.Min.X+x, r.Min.Y+y), dst.COffset(x, y)
			dst.Cb[di], dst.Cr[di] = src.Cb[si], src.Cr[si]
		}
	}
	return dst
}

// TestDegenerate: empty, tiny, thin and flat pictures neither panic nor
// match.
func TestDegenerate(t *testing.T) {
	if f := Of(image.NewRGBA(image.Rectangle{})); !f.IsZero() {
		t.Error("empty picture: not the zero Fingerprint")
	}
	orig := Of(testPicture(t))
	if _, ok := Best(orig, nil); ok {
		t.Error("Best with no originals: ok")
	}
	flat := image.NewGray(image.Rect(0, 0, 800, 800))
	for i := range flat.Pix {
		flat.Pix[i] = 128
	}
	for name, l := range map[string]Fingerprint{"zero": {}, "flat": Of(flat)} {
		m, ok := Best(l, []Fingerprint{orig})
		if !ok || m.Close || m.Distance != MaxDistance || m.Index != 0 {
			t.Errorf("%s listing picture: %+v, %v; want distance %d, not close", name, m, ok, MaxDistance)
		}
	}
	if m, _ := Best(orig, []Fingerprint{{}, Of(flat), orig}); m.Index != 2 || m.Distance != 0 {
		t.Errorf("zero and flat originals are not skipped: %+v", m)
	}
	for _, r := range []image.Rectangle{image.Rect(0, 0, 1, 1), image.Rect(0, 0, 1, 5000), image.Rect(0, 0, 5000, 1), image.Rect(0, 0, 3, 2), image.Rect(-7, -9, 50, 41)} {
		img := image.NewRGBA(r)
		for i := range img.Pix {
			img.Pix[i] = byte(i * 37)
		}
		f := Of(img)
		if int(f.tw)*int(f.th) > lumaPixels || f.tw < minSide || f.th < minSide {
			t.Errorf("%v: thumbnail %d×%d", r, f.tw, f.th)
		}
		Best(f, []Fingerprint{f, orig})
		Best(orig, []Fingerprint{f})
	}
}

// TestThumbSize: the thumbnail keeps the aspect ratio within its limits.
func TestThumbSize(t *testing.T) {
	for _, c := range []struct{ w, h, tw, th int }{
		{1600, 1200, 96, 72}, {1200, 1600, 72, 96}, {800, 800, 83, 83}, {1920, 1080, 110, 62}, {1170, 2532, 56, 121}, {4000, 100, 255, 6}, {100, 4000, 13, 255},
	} {
		tw, th := thumbSize(c.w, c.h)
		if tw != c.tw || th != c.th {
			t.Errorf("thumbSize(%d, %d) = %d×%d, want %d×%d", c.w, c.h, tw, th, c.tw, c.th)
		}
	}
}

// TestRegion: Best reports where the listing picture was cut from.
func TestRegion(t *testing.T) {
	img := testPicture(t)
	want := Region{0.20, 0.05, 0.20 + 0.8*1200/1600, 0.85}
	listing := resizeLong(cropFrac(img, want.X0, want.Y0, want.X1, want.Y1), 800)
	m, _ := Best(Of(listing), []Fingerprint{Of(img)})
	if !m.Close || m.Partial {
		t.Errorf("match %+v: want close, on the whole picture", m)
	}
	for _, d := range []float64{m.Region.X0 - want.X0, m.Region.Y0 - want.Y0, m.Region.X1 - want.X1, m.Region.Y1 - want.Y1} {
		if math.Abs(d) > 0.02 {
			t.Errorf("region %+v, want %+v ± 0.02", m.Region, want)
			break
		}
	}
	// With a banner, only the centre is compared.
	m, _ = Best(Of(banner(listing, 0.15)), []Fingerprint{Of(img)})
	if !m.Close || !m.Partial {
		t.Errorf("with a banner: %+v, want close, on the centre", m)
	}
}

// TestPadded: a landscape photo padded to a white square matches.
func TestPadded(t *testing.T) {
	img := testPicture(t)
	m, _ := Best(Of(pad(resizeLong(img, 800))), []Fingerprint{Of(img)})
	if !m.Close {
		t.Errorf("padded: %+v, want close", m)
	}
}

// TestNth: quickselect agrees with sorting.
func TestNth(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 1; n < 60; n++ {
		for range 20 {
			v := make([]float64, n)
			for i := range v {
				v[i] = float64(rng.IntN(8)) // ties too
			}
			s := slices.Sorted(slices.Values(v))
			k := rng.IntN(n)
			if got := nth(slices.Clone(v), k); got != s[k] {
				t.Fatalf("nth(%v, %d) = %v, want %v", v, k, got, s[k])
			}
		}
	}
}

// TestOrientations: a cut of an original, mirrored and turned every way,
// is found with its turn and where it was cut.
func TestOrientations(t *testing.T) {
	img := testPicture(t) // products off centre: no symmetry
	orig := []Fingerprint{pipeline(img)}
	want := Region{0.30, 0.10, 0.30 + 0.7*1200/1600, 0.80}
	cut := resizeLong(cropFrac(img, want.X0, want.Y0, want.X1, want.Y1), 800)
	for _, mirrored := range []bool{false, true} {
		for q := range 4 {
			l := image.Image(cut)
			if mirrored {
				l = mirror(l)
			}
			l = turn(l, q)
			m, _ := Best(pipeline(recompress(l, 80)), orig)
			if !m.Close || m.Mirrored != mirrored || m.Rotation != 90*q {
				t.Errorf("mirrored %v, turned %d°: %+v", mirrored, 90*q, m)
				continue
			}
			for _, d := range []float64{m.Region.X0 - want.X0, m.Region.Y0 - want.Y0, m.Region.X1 - want.X1, m.Region.Y1 - want.Y1} {
				if math.Abs(d) > 0.02 {
					t.Errorf("mirrored %v, turned %d°: region %+v, want %+v ± 0.02", mirrored, 90*q, m.Region, want)
					break
				}
			}
		}
	}
}

// TestScreenshot: the photo in a phone screenshot of the listing page (and
// in its top half) is found as the picture's content, and matched.
func TestScreenshot(t *testing.T) {
	testlevel.SkipIfShort(t, "draws and matches phone screenshots")
	img := testPicture(t)
	orig := []Fingerprint{pipeline(img)}
	sq := squareListing(img, rand.New(rand.NewPCG(1, 1)))
	for _, dark := range []bool{false, true} {
		shot := screenshotIn(sq, rand.New(rand.NewPCG(1, 0)), dark)
		top := float64(141) / screenH
		for name, c := range map[string]struct {
			img  image.Image
			want rect
		}{
			"whole":    {shot, rect{0, top, 1, top + float64(screenW)/screenH}},
			"top half": {cropFrac(shot, 0, 0, 1, 0.5), rect{0, 2 * top, 1, 1}},
		} {
			f := pipeline(recompress(c.img, 85))
			got := f.contentRect()
			// The content is the photo, less its top and bottom rows
			// behind the buttons drawn over it, and a thumbnail pixel.
			if got.x0 > 0.03 || got.x1 < 0.97 || math.Abs(got.y0-c.want.y0) > 0.04 || math.Abs(got.y1-c.want.y1) > 0.04 {
				t.Errorf("screenshot (dark %v), %s: content %+v, want about %+v", dark, name, got, c.want)
			}
			if m, _ := Best(f, orig); !m.Close {
				t.Errorf("screenshot (dark %v), %s: %+v, want close", dark, name, m)
			}
		}
	}
}

// TestColour: a listing picture whose colours changed as editors change
// them still matches; one whose product has another colour (or none) does
// not, though its luminance is the same.
func TestColour(t *testing.T) {
	img := testPicture(t)
	orig := []Fingerprint{pipeline(img)}
	l := resizeLong(img, 800)
	swap := image.NewRGBA(l.Bounds()) // red and blue swapped: other hues
	for i := 0; i < len(l.Pix); i += 4 {
		swap.Pix[i], swap.Pix[i+1], swap.Pix[i+2], swap.Pix[i+3] = l.Pix[i+2], l.Pix[i+1], l.Pix[i], 255
	}
	for _, c := range []struct {
		name  string
		img   image.Image
		close bool
	}{
		{"saturation +60 %", saturate(l, 1.6), true},
		{"saturation -40 %", saturate(l, 0.6), true},
		{"warm", warm(l), true},
		{"grey", saturate(l, 0), false},
		{"red and blue swapped", swap, false},
	} {
		m, _ := Best(pipeline(recompress(c.img, 85)), orig)
		if m.Close != c.close {
			t.Errorf("%s: %+v (luminance, detail, colour %v), want close %v", c.name, m, m.parts, c.close)
		}
	}
}

// TestPlain: a picture with no detail (a gradient, a bare backdrop)
// matches nothing, though a gradient is in every studio photo.
func TestPlain(t *testing.T) {
	grad := image.NewGray(image.Rect(0, 0, 800, 600))
	for y := range 600 {
		for x := range 800 {
			grad.Pix[y*800+x] = uint8(150 + y/6)
		}
	}
	m, _ := Best(pipeline(grad), []Fingerprint{pipeline(testPicture(t))})
	if m.Close || m.Distance != MaxDistance {
		t.Errorf("a gradient: %+v, want distance %d", m, MaxDistance)
	}
}

// FuzzUnmarshal: whatever the bytes (a cache is read back), UnmarshalBinary
// never panics, and what it accepts encodes back to the same bytes.
func FuzzUnmarshal(f *testing.F) {
	good, _ := Of(image.NewGray(image.Rect(0, 0, 40, 30))).MarshalBinary()
	zero, _ := Fingerprint{}.MarshalBinary()
	f.Add(good)
	f.Add(zero)
	f.Add([]byte("APF2"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fp Fingerprint
		if fp.UnmarshalBinary(data) != nil {
			return
		}
		again, _ := fp.MarshalBinary()
		if !bytes.Equal(again, data) {
			t.Fatal("accepted bytes that do not encode back the same")
		}
		Best(fp, []Fingerprint{fp})
	})
}

// TestTable: comparing many listing pictures with many originals on every
// core gives what Best gives for each pair alone.
func TestTable(t *testing.T) {
	var origs, listings []Fingerprint
	for i := range 3 {
		w, h, bg := sceneSpec(i)
		img := scene(uint64(i)+1, w/2, h/2, bg, false)
		origs = append(origs, pipeline(img))
		listings = append(listings, pipeline(squareListing(img, rand.New(rand.NewPCG(uint64(i), 9)))), pipeline(mirror(img)))
	}
	table := Table(listings, origs)
	if len(table) != len(listings) {
		t.Fatalf("%d rows, want %d", len(table), len(listings))
	}
	for i, row := range table {
		for j, m := range row {
			if want, _ := Best(listings[i], origs[j:j+1]); m != want {
				t.Errorf("table[%d][%d] = %+v, Best gives %+v", i, j, m, want)
			}
			if m.Close != (j == i/2) {
				t.Errorf("listing %d, original %d: close %v (distance %d)", i, j, m.Close, m.Distance)
			}
		}
	}
}
