package jpegcodec

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"appealpacket/internal/testlevel"
)

// generatedJPEGs returns baseline JPEGs written by image/jpeg's encoder
// (4:2:0 colour and grayscale) in assorted sizes and qualities.
func generatedJPEGs(t testing.TB) []namedJPEG {
	t.Helper()
	var out []namedJPEG
	sizes := [][2]int{{1, 1}, {7, 9}, {8, 8}, {16, 16}, {17, 33}, {333, 217}, {640, 8}, {5, 300}}
	for i, sz := range sizes {
		for _, q := range []int{1, 50, 92, 100} {
			for _, noise := range []int{0, 20} {
				m := smoothRGBA(sz[0], sz[1], noise, uint64(i*1000+q))
				out = append(out, namedJPEG{fmt.Sprintf("go-rgb-%dx%d-q%d-n%d", sz[0], sz[1], q, noise), encodeJPEG(t, m, q)})
				g := image.NewGray(m.Bounds())
				for y := 0; y < sz[1]; y++ {
					for x := 0; x < sz[0]; x++ {
						g.Pix[y*g.Stride+x] = m.Pix[y*m.Stride+4*x+1]
					}
				}
				out = append(out, namedJPEG{fmt.Sprintf("go-gray-%dx%d-q%d-n%d", sz[0], sz[1], q, noise), encodeJPEG(t, g, q)})
			}
		}
	}
	return out
}

func TestIdenticalToStdGenerated(t *testing.T) {
	for _, f := range generatedJPEGs(t) {
		if err := compareWithStd(f.data); err != nil {
			t.Errorf("%s: %v", f.name, err)
		}
	}
}

func TestIdenticalToStdTestdata(t *testing.T) {
	for _, f := range testdataJPEGs(t) {
		if err := compareWithStd(f.data); err != nil {
			t.Errorf("%s (%s): %v", f.name, describe(f.data), err)
		}
		if err := compareConfigWithStd(f.data); err != nil {
			t.Errorf("%s: %v", f.name, err)
		}
	}
}

func TestIdenticalToStdCorpus(t *testing.T) {
	testlevel.SkipUnlessLong(t, "a sweep of every camera JPEG of the corpus")
	files := corpusJPEGs(t)
	for _, f := range files {
		if err := compareWithStd(f.data); err != nil {
			t.Errorf("%s (%s): %v", f.name, describe(f.data), err)
		} else {
			t.Logf("%s (%s): identical", f.name, describe(f.data))
		}
		if err := compareConfigWithStd(f.data); err != nil {
			t.Errorf("%s: %v", f.name, err)
		}
	}
}

// corruptionBases returns small JPEGs covering the decoder's code paths:
// baseline, progressive, restart intervals, grayscale, byte stuffing.
func corruptionBases(t testing.TB) []namedJPEG {
	t.Helper()
	var out []namedJPEG
	for _, f := range testdataJPEGs(t) {
		if len(f.data) <= 25000 {
			out = append(out, f)
		}
	}
	out = append(out,
		namedJPEG{"go-rgb-noise", encodeJPEG(t, smoothRGBA(40, 24, 20, 1), 95)},
		namedJPEG{"go-rgb-smooth", encodeJPEG(t, smoothRGBA(33, 17, 0, 2), 60)},
	)
	return out
}

// TestCorruptInputsLikeStd truncates and garbles JPEGs and checks that both
// decoders fail with the same error, or both succeed with the same pixels.
func TestCorruptInputsLikeStd(t *testing.T) {
	testlevel.SkipIfShort(t, "decodes damaged JPEGs two ways")
	rng := rand.New(rand.NewPCG(1, 2))
	// Every base file is truncated at its first and last bytes and through
	// the middle, and garbled. The long level (testlevel) sweeps 30 times
	// as many inputs, half a minute; FuzzDecode covers the rest.
	edge, strides, garbles := 24, 12, 8
	if testlevel.Long() {
		edge, strides, garbles = 600, 400, 300
	}
	nTrunc, nGarble, nFail := 0, 0, 0
	for _, f := range corruptionBases(t) {
		// Truncations: every length for the first and last edge bytes, and
		// a stride through the middle.
		step := max(1, len(f.data)/strides)
		for n := 0; n < len(f.data); n++ {
			if n > edge && n < len(f.data)-edge && n%step != 0 {
				continue
			}
			nTrunc++
			stdErr, err := compareWithStdErr(f.data[:n])
			if err != nil {
				t.Errorf("%s truncated to %d bytes: %v", f.name, n, err)
			}
			if stdErr != nil {
				nFail++
			}
		}
		// Garbling: 1 to 4 random bytes replaced (biased towards 0xff and
		// 0x00, which interact with markers and byte stuffing).
		for k := 0; k < garbles; k++ {
			b := bytes.Clone(f.data)
			for m := 1 + rng.IntN(4); m > 0; m-- {
				i := rng.IntN(len(b))
				switch rng.IntN(4) {
				case 0:
					b[i] = 0xff
				case 1:
					b[i] = 0
				default:
					b[i] = byte(rng.Uint32())
				}
			}
			nGarble++
			stdErr, err := compareWithStdErr(b)
			if err != nil {
				t.Errorf("%s garbled #%d: %v", f.name, k, err)
			}
			if stdErr != nil {
				nFail++
			}
		}
	}
	t.Logf("%d truncated and %d garbled inputs: same outcome as image/jpeg (%d of them fail in both)", nTrunc, nGarble, nFail)
}

// TestReadersLikeStd decodes through readers that return little data per
// call or an error with the last data, to exercise the buffer refills.
func TestReadersLikeStd(t *testing.T) {
	readers := map[string]func(io.Reader) io.Reader{
		"OneByte": iotest.OneByteReader,
		"Half":    iotest.HalfReader,
		"DataErr": iotest.DataErrReader,
	}
	for _, f := range corruptionBases(t) {
		for rname, wrap := range readers {
			want, wantErr := jpeg.Decode(wrap(bytes.NewReader(f.data)))
			got, gotErr := DecodeScaled(wrap(bytes.NewReader(f.data)), 1)
			if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
				t.Errorf("%s via %s: error %v, image/jpeg error %v", f.name, rname, gotErr, wantErr)
				continue
			}
			if wantErr == nil {
				if err := samePixels(got, want); err != nil {
					t.Errorf("%s via %s: %v", f.name, rname, err)
				}
			}
		}
	}
	// A reader failing in the middle of the entropy-coded data.
	b := encodeJPEG(t, smoothRGBA(64, 64, 20, 3), 90)
	boom := errors.New("boom")
	for _, n := range []int{len(b) / 3, len(b) / 2, len(b) - 3} {
		_, wantErr := jpeg.Decode(io.MultiReader(bytes.NewReader(b[:n]), iotest.ErrReader(boom)))
		_, gotErr := Decode(io.MultiReader(bytes.NewReader(b[:n]), iotest.ErrReader(boom)))
		if wantErr != boom || gotErr != boom {
			t.Errorf("read error after %d bytes: got %v, image/jpeg %v, want %v", n, gotErr, wantErr, boom)
		}
	}
}

func TestDecodeScaledBadDenom(t *testing.T) {
	b := encodeJPEG(t, smoothRGBA(8, 8, 0, 1), 90)
	for _, denom := range []int{-1, 0, 3, 16} {
		if _, err := DecodeScaled(bytes.NewReader(b), denom); err == nil {
			t.Errorf("DecodeScaled(denom=%d) succeeded", denom)
		}
	}
}

func TestScaleFor(t *testing.T) {
	tests := []struct{ w, h, target, want int }{
		{4000, 3000, 1600, 2},
		{3000, 4000, 1600, 2},
		{4032, 3024, 1600, 2},
		{6400, 4800, 1600, 4},
		{6399, 100, 1600, 4}, // ceil(6399/4) = 1600
		{12800, 100, 1600, 8},
		{20000, 100, 1600, 8},
		{3199, 10, 1600, 2}, // ceil(3199/2) = 1600
		{3198, 10, 1600, 1},
		{1600, 1200, 1600, 1},
		{1000, 800, 1600, 1},
		{100, 100, 0, 8},
	}
	for _, tt := range tests {
		if got := ScaleFor(tt.w, tt.h, tt.target); got != tt.want {
			t.Errorf("ScaleFor(%d, %d, %d) = %d, want %d", tt.w, tt.h, tt.target, got, tt.want)
		}
	}
}

// refIDCT is the floating-point reduced IDCT that idct4, idct2 and idct1
// implement (see idct_scaled.go), level shifted but not rounded or clamped.
func refIDCT(b *block, n int) []float64 {
	out := make([]float64, n*n)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			s := 0.0
			for v := 0; v < n; v++ {
				for u := 0; u < n; u++ {
					cu, cv := 1.0, 1.0
					if u == 0 {
						cu = math.Sqrt2 / 2
					}
					if v == 0 {
						cv = math.Sqrt2 / 2
					}
					s += 0.25 * cu * cv * float64(b[8*v+u]) *
						math.Cos(float64((2*x+1)*u)*math.Pi/float64(2*n)) *
						math.Cos(float64((2*y+1)*v)*math.Pi/float64(2*n))
				}
			}
			out[y*n+x] = s + 128
		}
	}
	return out
}

func TestScaledIDCTMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var worst [9]float64
	for iter := 0; iter < 20000; iter++ {
		var b block
		// Realistic magnitudes: DC within the 8-bit range, AC decaying.
		b[0] = int32(rng.IntN(2048) - 1024)
		for i := 1; i < 64; i++ {
			if rng.IntN(3) == 0 {
				amp := 600 / (1 + i/4)
				b[i] = int32(rng.IntN(2*amp+1) - amp)
			}
		}
		for _, n := range []int{4, 2, 1} {
			dst := make([]byte, 4*8)
			bb := b
			switch n {
			case 4:
				idct4(&bb, dst, 8)
			case 2:
				idct2(&bb, dst, 8)
			case 1:
				idct1(&bb, dst)
			}
			ref := refIDCT(&b, n)
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					r := math.Min(255, math.Max(0, ref[y*n+x]))
					diff := math.Abs(float64(dst[y*8+x]) - r)
					worst[n] = math.Max(worst[n], diff)
					if diff > 1 {
						t.Fatalf("n=%d block %v: (%d,%d) = %d, reference %.3f", n, b, x, y, dst[y*8+x], ref[y*n+x])
					}
				}
			}
		}
	}
	t.Logf("max |integer - float reference|: 4x4 %.3f, 2x2 %.3f, 1x1 %.3f", worst[4], worst[2], worst[1])
}

// planes returns the sample planes of a decoded image as (data, stride,
// width, height) tuples, with the width and height in samples.
type plane struct {
	name   string
	pix    []byte
	stride int
	step   int // bytes per sample
	w, h   int
}

func planesOf(m image.Image) []plane {
	r := m.Bounds()
	switch m := m.(type) {
	case *image.YCbCr:
		cw, ch := r.Dx(), r.Dy()
		switch m.SubsampleRatio {
		case image.YCbCrSubsampleRatio422:
			cw = (cw + 1) / 2
		case image.YCbCrSubsampleRatio420:
			cw, ch = (cw+1)/2, (ch+1)/2
		case image.YCbCrSubsampleRatio440:
			ch = (ch + 1) / 2
		case image.YCbCrSubsampleRatio411:
			cw = (cw + 3) / 4
		case image.YCbCrSubsampleRatio410:
			cw, ch = (cw+3)/4, (ch+1)/2
		}
		return []plane{
			{"Y", m.Y, m.YStride, 1, r.Dx(), r.Dy()},
			{"Cb", m.Cb, m.CStride, 1, cw, ch},
			{"Cr", m.Cr, m.CStride, 1, cw, ch},
		}
	case *image.Gray:
		return []plane{{"Gray", m.Pix, m.Stride, 1, r.Dx(), r.Dy()}}
	case *image.RGBA:
		var out []plane
		for c, name := range []string{"R", "G", "B"} {
			out = append(out, plane{name, m.Pix[c:], m.Stride, 4, r.Dx(), r.Dy()})
		}
		return out
	case *image.CMYK:
		var out []plane
		for c, name := range []string{"C", "M", "Y", "K"} {
			out = append(out, plane{name, m.Pix[c:], m.Stride, 4, r.Dx(), r.Dy()})
		}
		return out
	}
	return nil
}

// scaledError compares a scaled decode with a box-averaged (denom x denom)
// downscale of the full decode, plane by plane, over the boxes that lie
// entirely inside the image. It returns the mean absolute difference per
// plane and the overall maximum absolute difference.
func scaledError(t testing.TB, full, scaled image.Image, denom int) (mad map[string]float64, maxDiff int) {
	t.Helper()
	fp, sp := planesOf(full), planesOf(scaled)
	if len(fp) != len(sp) || len(fp) == 0 {
		t.Fatalf("planes: full %T %d, scaled %T %d", full, len(fp), scaled, len(sp))
	}
	mad = map[string]float64{}
	for i := range fp {
		f, s := fp[i], sp[i]
		sum, cnt := 0.0, 0
		for sy := 0; (sy+1)*denom <= f.h && sy < s.h; sy++ {
			for sx := 0; (sx+1)*denom <= f.w && sx < s.w; sx++ {
				acc := 0
				for y := sy * denom; y < (sy+1)*denom; y++ {
					for x := sx * denom; x < (sx+1)*denom; x++ {
						acc += int(f.pix[y*f.stride+x*f.step])
					}
				}
				avg := float64(acc) / float64(denom*denom)
				d := math.Abs(float64(s.pix[sy*s.stride+sx*s.step]) - avg)
				sum += d
				cnt++
				maxDiff = max(maxDiff, int(d+0.5))
			}
		}
		if cnt > 0 {
			mad[f.name] = sum / float64(cnt)
		}
	}
	return mad, maxDiff
}

func checkScaledShape(t testing.TB, name string, full, scaled image.Image, denom int) {
	t.Helper()
	fb := full.Bounds()
	want := image.Rect(0, 0, (fb.Dx()+denom-1)/denom, (fb.Dy()+denom-1)/denom)
	if scaled.Bounds() != want {
		t.Errorf("%s denom %d: bounds %v, want %v", name, denom, scaled.Bounds(), want)
	}
	if fmt.Sprintf("%T", scaled) != fmt.Sprintf("%T", full) {
		t.Errorf("%s denom %d: type %T, want %T", name, denom, scaled, full)
	}
	if fy, ok := full.(*image.YCbCr); ok {
		if sy := scaled.(*image.YCbCr); sy.SubsampleRatio != fy.SubsampleRatio {
			t.Errorf("%s denom %d: subsampling %v, want %v", name, denom, sy.SubsampleRatio, fy.SubsampleRatio)
		}
	}
}

// TestScaledSmooth checks dimensions, type, subsampling and accuracy of
// DecodeScaled. On smooth images (gradients, plasma fractals, at least
// 64x64 pixels) the mean absolute difference from a box-averaged full
// decode must be at most 3 levels per channel. The video-* fixtures are
// detailed video frames (text, edges): their figures are only logged, with
// a looser bound.
func TestScaledSmooth(t *testing.T) {
	type input struct {
		namedJPEG
		smooth bool
	}
	var inputs []input
	for i, sz := range [][2]int{{640, 480}, {333, 217}, {17, 9}} {
		m := smoothRGBA(sz[0], sz[1], 0, uint64(i))
		inputs = append(inputs, input{namedJPEG{fmt.Sprintf("go-rgb-%dx%d-q92", sz[0], sz[1]), encodeJPEG(t, m, 92)}, true})
	}
	for _, f := range testdataJPEGs(t) {
		switch {
		case strings.Contains(f.name, "noise"), strings.Contains(f.name, "arith"), strings.Contains(f.name, "truncated"):
			// Not smooth, or not decodable.
		case strings.HasPrefix(f.name, "video-"):
			inputs = append(inputs, input{f, false})
		default:
			inputs = append(inputs, input{f, true})
		}
	}
	for _, f := range inputs {
		full, err := jpeg.Decode(bytes.NewReader(f.data))
		if err != nil {
			// image/jpeg rejects progressive files with restart intervals
			// in non-interleaved scans; DecodeScaled fails the same way.
			if _, err2 := DecodeScaled(bytes.NewReader(f.data), 2); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("%s: image/jpeg error %v, denom 2 error %v", f.name, err, err2)
			}
			t.Logf("%-45s image/jpeg fails (%v); so does DecodeScaled", f.name, err)
			continue
		}
		// In tinier images the test pattern is not smooth at the block
		// scale.
		big := full.Bounds().Dx() >= 64 && full.Bounds().Dy() >= 64
		for _, denom := range []int{2, 4, 8} {
			scaled, err := DecodeScaled(bytes.NewReader(f.data), denom)
			if err != nil {
				t.Errorf("%s denom %d: %v", f.name, denom, err)
				continue
			}
			checkScaledShape(t, f.name, full, scaled, denom)
			mad, maxDiff := scaledError(t, full, scaled, denom)
			worst := 0.0
			for _, v := range mad {
				worst = math.Max(worst, v)
			}
			t.Logf("%-45s denom %d: MAD %s(max %.2f), max abs diff %d", f.name, denom, fmtMAD(mad), worst, maxDiff)
			switch {
			case f.smooth && big && worst > 3:
				t.Errorf("%s denom %d: mean absolute difference %.2f > 3 levels", f.name, denom, worst)
			case f.name == "video-001.rgb.jpeg":
				// An RGB JPEG with subsampled G and B: the RGBA output's
				// G and B are upsampled, so a box average of the full
				// decode is not comparable.
			case worst > 8:
				t.Errorf("%s denom %d: mean absolute difference %.2f > 8 levels", f.name, denom, worst)
			}
		}
	}
}

// TestScaledCorpus reports the accuracy of DecodeScaled on real photos
// (detailed images, so only a loose bound is asserted) and checks shapes.
func TestScaledCorpus(t *testing.T) {
	testlevel.SkipUnlessLong(t, "a sweep of every camera JPEG of the corpus")
	files := corpusJPEGs(t)
	for _, f := range files {
		full, err := jpeg.Decode(bytes.NewReader(f.data))
		if err != nil {
			if _, err2 := DecodeScaled(bytes.NewReader(f.data), 2); err2 == nil {
				t.Errorf("%s: image/jpeg fails (%v) but denom 2 succeeds", f.name, err)
			}
			continue
		}
		for _, denom := range []int{2, 4, 8} {
			scaled, err := DecodeScaled(bytes.NewReader(f.data), denom)
			if err != nil {
				t.Errorf("%s denom %d: %v", f.name, denom, err)
				continue
			}
			checkScaledShape(t, f.name, full, scaled, denom)
			mad, _ := scaledError(t, full, scaled, denom)
			worst := 0.0
			for _, v := range mad {
				worst = math.Max(worst, v)
			}
			t.Logf("%-40s denom %d: MAD %s", f.name, denom, fmtMAD(mad))
			if worst > 8 {
				t.Errorf("%s denom %d: mean absolute difference %.2f > 8 levels", f.name, denom, worst)
			}
		}
	}
}

func fmtMAD(m map[string]float64) string {
	s := ""
	for _, k := range []string{"Y", "Cb", "Cr", "Gray", "R", "G", "B", "C", "M", "K"} {
		if v, ok := m[k]; ok {
			s += fmt.Sprintf("%s=%.2f ", k, v)
		}
	}
	return s
}

// TestDecodeScaledBlocks: the blocks given are those of the picture, with
// their quantised coefficients and tables, and the picture is
// DecodeScaled's.
func TestDecodeScaledBlocks(t *testing.T) {
	for _, c := range []struct {
		name          string
		w, h, quality int
		gray          bool
	}{
		{"colour 4:2:0", 37, 21, 50, false},
		{"colour multiple of 16", 64, 48, 90, false},
		{"gray", 30, 17, 75, true},
		{"gray multiple of 8", 32, 24, 75, true},
	} {
		var m image.Image = smoothRGBA(c.w, c.h, 3, 1)
		if c.gray {
			g := image.NewGray(m.Bounds())
			draw.Draw(g, g.Bounds(), m, image.Point{}, draw.Src)
			m = g
		}
		data := encodeJPEG(t, m, c.quality)
		for _, denom := range []int{1, 8} {
			counts := map[int]int{}
			sum := map[int]int64{}
			got, err := DecodeScaledBlocks(bytes.NewReader(data), denom, func(comp int, coef, quant *[64]int32) {
				counts[comp]++
				sum[comp] += int64(coef[0] * quant[0])
				if quant[0] < 1 {
					t.Errorf("%s: zero divisor", c.name)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			want, err := DecodeScaled(bytes.NewReader(data), denom)
			if err != nil {
				t.Fatal(err)
			}
			if err := samePixels(got, want); err != nil {
				t.Errorf("%s 1/%d: %v", c.name, denom, err)
			}
			blocks := func(w, h int) int { return ((w + 7) / 8) * ((h + 7) / 8) }
			wantCounts := map[int]int{0: blocks(c.w, c.h)}
			if !c.gray { // Go writes 4:2:0
				wantCounts[1] = blocks((c.w+1)/2, (c.h+1)/2)
				wantCounts[2] = wantCounts[1]
			}
			if fmt.Sprint(counts) != fmt.Sprint(wantCounts) {
				t.Errorf("%s 1/%d: blocks %v, want %v", c.name, denom, counts, wantCounts)
			}
			// The mean of the dequantised DC coefficients is 8 × (mean luma
			// - 128), within the quantisation, when no block is padded.
			if c.w%16 != 0 || c.h%16 != 0 && !(c.gray && c.h%8 == 0) {
				continue
			}
			var lum float64
			b := m.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					lum += float64(color.GrayModel.Convert(m.At(x, y)).(color.Gray).Y)
				}
			}
			lum /= float64(c.w * c.h)
			if dc := float64(sum[0]) / float64(counts[0]) / 8; math.Abs(dc-(lum-128)) > 4 {
				t.Errorf("%s: mean DC %.1f, mean luma - 128 %.1f", c.name, dc, lum-128)
			}
		}
	}
}
