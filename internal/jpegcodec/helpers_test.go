package jpegcodec

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"appealpacket/internal/testcorpus"
)

type namedJPEG struct {
	name string
	data []byte
}

// testdataJPEGs returns the JPEG files in testdata (see testdata/README.md).
func testdataJPEGs(t testing.TB) []namedJPEG {
	t.Helper()
	return globJPEGs(t, "testdata", "*.jpeg")
}

// corpusJPEGs returns the camera JPEGs of the shared corpus, or skips.
func corpusJPEGs(t testing.TB) []namedJPEG {
	t.Helper()
	return globJPEGs(t, testcorpus.Dir(t), "*.jpg")
}

func globJPEGs(t testing.TB, dir, pattern string) []namedJPEG {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var out []namedJPEG
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, namedJPEG{filepath.Base(name), b})
	}
	if len(out) == 0 {
		t.Fatalf("no %s files in %s", pattern, dir)
	}
	return out
}

// smoothRGBA returns a smooth test image: gradients and a low-frequency
// pattern, optionally with uniform noise of ±noise levels.
func smoothRGBA(w, h int, noise int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 42))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x)/float64(max(w, 1)), float64(y)/float64(max(h, 1))
			r := 40 + 170*fx
			g := 30 + 180*fy
			bl := 128 + 90*sinApprox(6.28*(fx*1.5+fy*0.7))
			if noise > 0 {
				r += float64(rng.IntN(2*noise+1) - noise)
				g += float64(rng.IntN(2*noise+1) - noise)
				bl += float64(rng.IntN(2*noise+1) - noise)
			}
			m.SetRGBA(x, y, color.RGBA{clamp8(r), clamp8(g), clamp8(bl), 255})
		}
	}
	return m
}

// sinApprox is a cheap smooth periodic function (a parabola-based sine).
func sinApprox(x float64) float64 {
	const twoPi = 6.283185307179586
	x -= twoPi * float64(int(x/twoPi))
	if x < 0 {
		x += twoPi
	}
	if x > twoPi/2 {
		return -sinApprox(x - twoPi/2)
	}
	t := x / (twoPi / 2)
	return 4 * t * (1 - t)
}

func clamp8(v float64) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v + 0.5)
}

func encodeJPEG(t testing.TB, m image.Image, q int) []byte {
	t.Helper()
	return stdEncode(t, m, &jpeg.Options{Quality: q})
}

// samePixels reports the first difference between two decoded images: type,
// bounds, subsampling ratio or a sample value.
func samePixels(got, want image.Image) error {
	if fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want) {
		return fmt.Errorf("type %T, want %T", got, want)
	}
	if got.Bounds() != want.Bounds() {
		return fmt.Errorf("bounds %v, want %v", got.Bounds(), want.Bounds())
	}
	r := want.Bounds()
	switch w := want.(type) {
	case *image.YCbCr:
		g := got.(*image.YCbCr)
		if g.SubsampleRatio != w.SubsampleRatio {
			return fmt.Errorf("subsample ratio %v, want %v", g.SubsampleRatio, w.SubsampleRatio)
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				gy, wy := g.Y[g.YOffset(x, y)], w.Y[w.YOffset(x, y)]
				gc, wc := g.COffset(x, y), w.COffset(x, y)
				if gy != wy || g.Cb[gc] != w.Cb[wc] || g.Cr[gc] != w.Cr[wc] {
					return fmt.Errorf("at (%d,%d): YCbCr %d,%d,%d, want %d,%d,%d",
						x, y, gy, g.Cb[gc], g.Cr[gc], wy, w.Cb[wc], w.Cr[wc])
				}
			}
		}
		return nil
	case *image.Gray:
		return samePix(got.(*image.Gray).Pix, w.Pix, got.(*image.Gray).Stride, w.Stride, r.Dx(), r.Dy())
	case *image.RGBA:
		return samePix(got.(*image.RGBA).Pix, w.Pix, got.(*image.RGBA).Stride, w.Stride, 4*r.Dx(), r.Dy())
	case *image.CMYK:
		return samePix(got.(*image.CMYK).Pix, w.Pix, got.(*image.CMYK).Stride, w.Stride, 4*r.Dx(), r.Dy())
	}
	return fmt.Errorf("unexpected image type %T", want)
}

func samePix(g, w []byte, gs, ws, rowBytes, rows int) error {
	for y := 0; y < rows; y++ {
		if !bytes.Equal(g[y*gs:y*gs+rowBytes], w[y*ws:y*ws+rowBytes]) {
			for x := 0; x < rowBytes; x++ {
				if g[y*gs+x] != w[y*ws+x] {
					return fmt.Errorf("row %d byte %d: %d, want %d", y, x, g[y*gs+x], w[y*ws+x])
				}
			}
		}
	}
	return nil
}

// compareWithStd decodes b with image/jpeg and with DecodeScaled(b, 1) and
// reports any difference in the outcome: success or failure, the error
// message, or the pixels.
func compareWithStd(b []byte) error {
	_, err := compareWithStdErr(b)
	return err
}

// compareWithStdErr is compareWithStd that also returns image/jpeg's
// error.
func compareWithStdErr(b []byte) (stdErr, err error) {
	want, wantErr := jpeg.Decode(bytes.NewReader(b))
	got, gotErr := DecodeScaled(bytes.NewReader(b), 1)
	if (wantErr == nil) != (gotErr == nil) {
		return wantErr, fmt.Errorf("error %v, image/jpeg error %v", gotErr, wantErr)
	}
	if wantErr != nil {
		if gotErr.Error() != wantErr.Error() {
			return wantErr, fmt.Errorf("error %q, image/jpeg error %q", gotErr, wantErr)
		}
		return wantErr, nil
	}
	return nil, samePixels(got, want)
}

// compareConfigWithStd compares DecodeConfig with image/jpeg's.
func compareConfigWithStd(b []byte) error {
	want, wantErr := jpeg.DecodeConfig(bytes.NewReader(b))
	got, gotErr := DecodeConfig(bytes.NewReader(b))
	if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
		return fmt.Errorf("config error %v, image/jpeg error %v", gotErr, wantErr)
	}
	if want != got {
		return fmt.Errorf("config %+v, image/jpeg %+v", got, want)
	}
	return nil
}

// describe returns a short description of a JPEG's frame type and sampling,
// for test logs.
func describe(b []byte) string {
	var parts []string
	for i := 2; i+4 <= len(b) && b[i] == 0xff; {
		m := b[i+1]
		n := int(b[i+2])<<8 | int(b[i+3])
		switch {
		case m == 0xc0 || m == 0xc1 || m == 0xc2:
			kind := map[byte]string{0xc0: "baseline", 0xc1: "extended", 0xc2: "progressive"}[m]
			if i+10 <= len(b) {
				nc := int(b[i+9])
				s := ""
				for c := 0; c < nc && i+11+3*c < len(b); c++ {
					s += fmt.Sprintf("%x", b[i+11+3*c])
				}
				kind += fmt.Sprintf(" %dx%d hv=%s", int(b[i+7])<<8|int(b[i+8]), int(b[i+5])<<8|int(b[i+6]), s)
			}
			parts = append(parts, kind)
		case m == 0xdd && i+6 <= len(b):
			parts = append(parts, fmt.Sprintf("DRI=%d", int(b[i+4])<<8|int(b[i+5])))
		case m == 0xda:
			return strings.Join(parts, " ")
		}
		i += 2 + n
	}
	return strings.Join(parts, " ")
}
