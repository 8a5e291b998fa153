package collect

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"appealpacket/internal/testlevel"

	xdraw "golang.org/x/image/draw"
)

// testYCbCr makes a smooth test picture of the given subsampling (made
// directly: a JPEG round trip through image/jpeg would give 4:2:0 whatever
// the ratio asked for).
func testYCbCr(t testing.TB, w, h int, ratio image.YCbCrSubsampleRatio) *image.YCbCr {
	t.Helper()
	m := image.NewYCbCr(image.Rect(0, 0, w, h), ratio)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b := uint8(x*255/w), uint8(y*255/h), uint8((x+y)*127/(w+h))
			yy, cb, cr := color.RGBToYCbCr(r, g, b)
			m.Y[m.YOffset(x, y)] = yy
			m.Cb[m.COffset(x, y)] = cb
			m.Cr[m.COffset(x, y)] = cr
		}
	}
	return m
}

func TestScaleYCbCrMatchesAReferenceScaler(t *testing.T) {
	testlevel.SkipIfShort(t, "scales pictures two ways")
	for _, tc := range []struct {
		w, h, side int
		ratio      image.YCbCrSubsampleRatio
	}{
		{4000, 3000, 1600, image.YCbCrSubsampleRatio420},
		{1501, 1001, 640, image.YCbCrSubsampleRatio420}, // odd sides
		{1200, 1600, 500, image.YCbCrSubsampleRatio444},
		{999, 777, 640, image.YCbCrSubsampleRatio422},
		{640, 480, 1600, image.YCbCrSubsampleRatio420}, // no shrinking needed
	} {
		src := testYCbCr(t, tc.w, tc.h, tc.ratio)
		got := scale(src, tc.side)
		gb := got.Bounds()
		if long := max(gb.Dx(), gb.Dy()); long != min(tc.side, max(tc.w, tc.h)) {
			t.Errorf("%dx%d to %d: long side %d", tc.w, tc.h, tc.side, long)
		}
		if r, want := float64(gb.Dx())/float64(gb.Dy()), float64(tc.w)/float64(tc.h); r/want > 1.01 || want/r > 1.01 {
			t.Errorf("%dx%d: aspect %.3f, want %.3f", tc.w, tc.h, r, want)
		}
		ref := image.NewRGBA(gb)
		xdraw.CatmullRom.Scale(ref, gb, src, src.Bounds(), xdraw.Src, nil)
		var diff, n float64
		for y := 2; y < gb.Dy()-2; y++ {
			for x := 2; x < gb.Dx()-2; x++ {
				a := color.RGBAModel.Convert(got.At(x, y)).(color.RGBA)
				b := ref.RGBAAt(x, y)
				diff += abs(int(a.R)-int(b.R)) + abs(int(a.G)-int(b.G)) + abs(int(a.B)-int(b.B))
				n += 3
			}
		}
		if mean := diff / n; mean > 2.5 {
			t.Errorf("%dx%d %v: mean difference %.2f from CatmullRom", tc.w, tc.h, tc.ratio, mean)
		}
	}
}

func abs(v int) float64 {
	if v < 0 {
		return float64(-v)
	}
	return float64(v)
}

func TestWeightsSumToOne(t *testing.T) {
	for _, mn := range [][2]int{{4000, 1600}, {1600, 1600}, {7, 3}, {3, 7}, {1, 1}, {1000, 1}} {
		kn := weights(mn[0], mn[1])
		for j := 0; j < mn[1]; j++ {
			if kn.start[j] < 0 || kn.start[j]+kn.k > mn[0] {
				t.Fatalf("%v: output %d reads %d..%d", mn, j, kn.start[j], kn.start[j]+kn.k)
			}
			var sum uint32
			for _, w := range kn.w[j*kn.k : (j+1)*kn.k] {
				sum += w
			}
			if sum != 1<<16 {
				t.Errorf("%v: output %d weights sum to %d", mn, j, sum)
			}
		}
	}
}

// BenchmarkScale12MP is the display-copy downscale of a 12 MP camera JPEG.
func BenchmarkScale12MP(b *testing.B) {
	src := testYCbCr(b, 4000, 3000, image.YCbCrSubsampleRatio420)
	b.ResetTimer()
	for b.Loop() {
		scale(src, 1600)
	}
}

// BenchmarkScale12MPApproxBiLinear is the scaler used before, for comparison.
func BenchmarkScale12MPApproxBiLinear(b *testing.B) {
	src := testYCbCr(b, 4000, 3000, image.YCbCrSubsampleRatio420)
	dst := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	b.ResetTimer()
	for b.Loop() {
		xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
	}
}

// areaResampleFull is areaResample as first written: every source row
// reduced horizontally into one buffer, then the vertical pass.
func areaResampleFull(src []uint8, sstride, sw, sh int, dst []uint8, dstride, dw, dh int) {
	xs, ys := weights(sw, dw), weights(sh, dh)
	tmp := make([]uint32, dw*sh)
	for y := 0; y < sh; y++ {
		for x := 0; x < dw; x++ {
			var acc uint32
			for i := 0; i < xs.k; i++ {
				acc += uint32(src[y*sstride+xs.start[x]+i]) * xs.w[x*xs.k+i]
			}
			tmp[y*dw+x] = acc
		}
	}
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			var acc uint64
			for i := 0; i < ys.k; i++ {
				acc += uint64(tmp[(ys.start[y]+i)*dw+x]) * uint64(ys.w[y*ys.k+i])
			}
			dst[y*dstride+x] = uint8(min((acc+1<<31)>>32, 255))
		}
	}
}

// The ring of reduced rows, and the kernels written out for their size,
// give the samples of the first, plain version (one buffer of every row,
// loops over every tap), shrinking by whole and fractional factors and
// stretching.
func TestAreaResampleRingMatchesFullPass(t *testing.T) {
	for _, tc := range []struct{ sw, sh, dw, dh int }{
		{640, 480, 160, 120}, {641, 479, 200, 149}, {1000, 37, 333, 5}, {97, 1301, 13, 400},
		{50, 40, 120, 90}, {7, 9, 7, 9}, {300, 200, 299, 1}, {1, 500, 1, 3},
		// The kernel sizes reduceRow and the vertical pass write out (2 to 4
		// taps: display copies of 12 MP and 2.4 MP photos) and the loop
		// past them.
		{4000, 3000, 1600, 1200}, {1800, 1350, 1600, 1200}, {2, 2, 1, 1}, {5, 3, 2, 1}, {2001, 1499, 640, 480},
	} {
		stride := tc.sw + 3
		src := make([]uint8, stride*tc.sh)
		for i := range src {
			src[i] = uint8(i*7 + i/stride*13 + (i*i)>>5)
		}
		got, want := make([]uint8, tc.dw*tc.dh), make([]uint8, tc.dw*tc.dh)
		areaResample(src, stride, tc.sw, tc.sh, got, tc.dw, tc.dw, tc.dh)
		areaResampleFull(src, stride, tc.sw, tc.sh, want, tc.dw, tc.dw, tc.dh)
		if !bytes.Equal(got, want) {
			t.Errorf("%dx%d to %dx%d: the ring's samples differ from the full pass's", tc.sw, tc.sh, tc.dw, tc.dh)
		}
	}
}
