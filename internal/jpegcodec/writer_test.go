package jpegcodec

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/jpeg"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// pictures are the kinds of picture the encoder meets, each filled by
// fill: RGBA (page pictures), YCbCr of every subsampling (display copies,
// decoded photos), Gray, and types that go through their colour model.
func pictures(r image.Rectangle, fill func(x, y int) color.RGBA) map[string]image.Image {
	rgba := image.NewRGBA(r)
	nrgba := image.NewNRGBA(r)
	gray := image.NewGray(r)
	pal := image.NewPaletted(r, palette.WebSafe)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := fill(x, y)
			rgba.SetRGBA(x, y, c)
			nrgba.Set(x, y, color.NRGBA{c.R, c.G, c.B, 255})
			gray.Set(x, y, c)
			pal.Set(x, y, c)
		}
	}
	out := map[string]image.Image{"RGBA": rgba, "NRGBA": nrgba, "Gray": gray, "Paletted": pal}
	if r.Min.X < 0 || r.Min.Y < 0 {
		// image.NewYCbCr sizes the chroma planes of a picture with a
		// negative origin too small for some ratios (its integer
		// division truncates towards zero).
		return out
	}
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410} {
		m := image.NewYCbCr(r, ratio)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				c := fill(x, y)
				yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
				m.Y[m.YOffset(x, y)] = yy
				// Each chroma sample is written by several pixels: the last one's.
				m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)] = cb, cr
			}
		}
		out[ratio.String()] = m // "YCbCrSubsampleRatio420"
	}
	return out
}

func noise(seed uint64) func(x, y int) color.RGBA {
	rng := rand.New(rand.NewPCG(seed, 1))
	return func(x, y int) color.RGBA {
		return color.RGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 255}
	}
}

// smooth is a photo-like gradient with some texture.
func smooth(x, y int) color.RGBA {
	return color.RGBA{uint8(x*3 + y), uint8(y*2 - x), uint8((x*y)>>4 + (x^y)&15), 255}
}

// page is a drawn page: white paper (whole blocks of one colour, some
// at the picture's edges), black strokes and a coloured box.
func page(x, y int) color.RGBA {
	switch {
	case x >= 20 && x < 29 && y >= 3 && y < 40:
		return color.RGBA{30, 90, 200, 255}
	case (x/3+y)%7 == 0 && y > 12:
		return color.RGBA{0, 0, 0, 255}
	}
	return color.RGBA{255, 255, 255, 255}
}

// extremes are saturated colours: the clipped corners of the YCbCr
// conversion, and long runs of 0xff bytes in the output.
func extremes(x, y int) color.RGBA {
	c := [...]color.RGBA{{255, 255, 255, 255}, {0, 0, 0, 255}, {255, 0, 0, 255}, {0, 0, 255, 255}, {0, 255, 0, 255}, {255, 255, 0, 255}}
	return c[((x+99)/3+(y+99)/5)%len(c)]
}

func stdEncode(t testing.TB, m image.Image, o *jpeg.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encode(t testing.TB, m image.Image, o *Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, m, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSameBytesAsImageJPEG encodes every kind of picture, at sizes that
// are and are not multiples of the 8 and 16 pixel blocks, with bounds
// that do not start at 0 (sub-pictures, negative origins), at qualities
// across the range, and compares the bytes with image/jpeg's.
func TestSameBytesAsImageJPEG(t *testing.T) {
	rects := []image.Rectangle{
		image.Rect(0, 0, 1, 1),
		image.Rect(0, 0, 8, 8),
		image.Rect(0, 0, 16, 16),
		image.Rect(0, 0, 17, 9),
		image.Rect(0, 0, 33, 47),
		image.Rect(3, 5, 40, 29),
		image.Rect(-7, -3, 20, 18),
		image.Rect(0, 0, 0, 0),
	}
	fills := map[string]func(x, y int) color.RGBA{"noise": noise(1), "smooth": smooth, "extremes": extremes, "page": page}
	qualities := []*jpeg.Options{nil, {Quality: -5}, {Quality: 1}, {Quality: 30}, {Quality: 50}, {Quality: 75}, {Quality: 88}, {Quality: 100}, {Quality: 120}}
	for _, r := range rects {
		for fname, fill := range fills {
			for kind, m := range pictures(r, fill) {
				for _, q := range qualities {
					var o *Options
					if q != nil {
						o = &Options{Quality: q.Quality}
					}
					want, got := stdEncode(t, m, q), encode(t, m, o)
					if !bytes.Equal(got, want) {
						t.Errorf("%s %s %v quality %v: %d bytes differ from image/jpeg's %d (first difference at %d)",
							kind, fname, r, q, len(got), len(want), firstDiff(got, want))
					}
				}
			}
		}
	}
	// A sub-picture of a larger one (Stride wider than the bounds).
	big := pictures(image.Rect(0, 0, 64, 48), smooth)
	for kind, m := range big {
		sub := m.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(image.Rect(5, 7, 42, 30))
		if want, got := stdEncode(t, sub, &jpeg.Options{Quality: 90}), encode(t, sub, &Options{Quality: 90}); !bytes.Equal(got, want) {
			t.Errorf("sub-picture of %s: bytes differ from image/jpeg's (first difference at %d)", kind, firstDiff(got, want))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestDivisorIsExact: the multiplication gives image/jpeg's rounded
// division for every divisor a quality can make (8 times 1..255) and
// every coefficient the FDCT gives for 8-bit samples (|a| < 1<<14), with
// margin.
func TestDivisorIsExact(t *testing.T) {
	std := func(a, b int32) int32 { // image/jpeg's div
		if a >= 0 {
			return (a + (b >> 1)) / b
		}
		return -((-a + (b >> 1)) / b)
	}
	for q := int32(1); q <= 255; q++ {
		d := 8 * q
		v := newDivisor(d)
		for a := int32(-1 << 15); a < 1<<15; a++ {
			if got, want := v.quantize(a), std(a, d); got != want {
				t.Fatalf("%d / %d: %d, want %d", a, d, got, want)
			}
		}
	}
}

// TestLargePicture: a picture larger than the output buffer, whose data
// is written in several chunks, with many 0xff bytes to stuff.
func TestLargePicture(t *testing.T) {
	tested := 0
	for kind, m := range pictures(image.Rect(0, 0, 300, 211), noise(2)) {
		if kind != "RGBA" && kind != "Gray" && kind != "YCbCrSubsampleRatio420" && kind != "NRGBA" {
			continue // the fast paths and one through the colour model
		}
		tested++
		if want, got := stdEncode(t, m, &jpeg.Options{Quality: 100}), encode(t, m, &Options{Quality: 100}); !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes differ from image/jpeg's %d (first difference at %d)", kind, len(got), len(want), firstDiff(got, want))
		} else if len(got) < 2*flushAt {
			t.Errorf("%s: %d bytes, want more than two buffers' worth", kind, len(got))
		}
	}
	if tested != 4 {
		t.Errorf("%d kinds of large picture encoded, want 4", tested)
	}
	// A drawn page: mostly white, whole regions of one colour.
	for kind, m := range pictures(image.Rect(0, 0, 241, 177), func(x, y int) color.RGBA { return page(x%60, y%45) }) {
		if want, got := stdEncode(t, m, &jpeg.Options{Quality: 88}), encode(t, m, &Options{Quality: 88}); !bytes.Equal(got, want) {
			t.Errorf("page as %s: %d bytes differ from image/jpeg's %d (first difference at %d)", kind, len(got), len(want), firstDiff(got, want))
		}
	}
}

func TestTooLarge(t *testing.T) {
	m := image.NewGray(image.Rect(0, 0, 1<<16, 1))
	if err := Encode(new(bytes.Buffer), m, nil); err == nil || err.Error() != "jpeg: image is too large to encode" {
		t.Errorf("a picture 65536 pixels wide: %v", err)
	}
}

type failingWriter struct{ n, after int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.after {
		return 0, errDiskFull
	}
	w.n += len(p)
	return len(p), nil
}

// TestWriteError: a failing writer's error is returned, whether it fails
// on the first chunk or a later one.
func TestWriteError(t *testing.T) {
	m := pictures(image.Rect(0, 0, 300, 211), noise(3))["RGBA"]
	for _, after := range []int{0, flushAt + 10} {
		if err := Encode(&failingWriter{after: after}, m, &Options{Quality: 100}); !errors.Is(err, errDiskFull) {
			t.Errorf("writer failing after %d bytes: %v", after, err)
		}
	}
}

// TestFlushesABufferedWriter: as image/jpeg, a *bufio.Writer given to
// Encode is flushed at the end.
func TestFlushesABufferedWriter(t *testing.T) {
	m := pictures(image.Rect(0, 0, 20, 20), smooth)["RGBA"]
	var b bytes.Buffer
	if err := Encode(bufio.NewWriterSize(&b, 1<<20), m, nil); err != nil {
		t.Fatal(err)
	}
	if want := stdEncode(t, m, nil); !bytes.Equal(b.Bytes(), want) {
		t.Errorf("through a bufio.Writer: %d bytes, want %d", b.Len(), len(want))
	}
}

// FuzzEncode builds a small picture of a kind, size and origin taken
// from the input, filled with the input's bytes, and compares the
// encoders' output.
func FuzzEncode(f *testing.F) {
	f.Add(byte(0), byte(17), byte(9), int8(0), int8(0), byte(75), []byte("picture"))
	f.Add(byte(3), byte(33), byte(16), int8(-5), int8(3), byte(100), []byte{0xff, 0xff, 0, 0xff})
	f.Add(byte(6), byte(1), byte(1), int8(1), int8(-1), byte(1), []byte{})
	f.Fuzz(func(t *testing.T, kind, w, h byte, x0, y0 int8, quality byte, pix []byte) {
		r := image.Rect(int(x0), int(y0), int(x0)+int(w%64), int(y0)+int(h%64))
		i := 0
		fill := func(x, y int) color.RGBA {
			if len(pix) == 0 {
				return color.RGBA{uint8(x), uint8(y), uint8(x * y), 255}
			}
			c := color.RGBA{pix[i%len(pix)], pix[(i+1)%len(pix)], pix[(i+2)%len(pix)], 255}
			i += 3
			return c
		}
		all := pictures(r, fill)
		kinds := slices.Sorted(maps.Keys(all))
		name := kinds[int(kind)%len(kinds)]
		m := all[name]
		q := int(quality)%110 - 2
		want, got := stdEncode(t, m, &jpeg.Options{Quality: q}), encode(t, m, &Options{Quality: q})
		if !bytes.Equal(got, want) {
			t.Fatalf("%s %v quality %d: bytes differ from image/jpeg's at %d", name, r, q, firstDiff(got, want))
		}
	})
}

func ExampleEncode() {
	m := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range m.Pix {
		m.Pix[i] = uint8(i)
	}
	var a, b bytes.Buffer
	if err := Encode(&a, m, &Options{Quality: 88}); err != nil {
		panic(err)
	}
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 88}); err != nil {
		panic(err)
	}
	fmt.Println(bytes.Equal(a.Bytes(), b.Bytes()))
	// Output: true
}
