package jpegcodec

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
)

// FuzzDecode checks that DecodeScaled(b, 1) behaves like image/jpeg's Decode
// (same success or failure, same error message, same pixels), that
// DecodeConfig agrees with image/jpeg's, and that denominators 2, 4 and 8
// do not panic, succeed exactly when the full-size decode does, and give
// the expected dimensions, and that DecodeScaledBlocks decodes as
// DecodeScaled does.
func FuzzDecode(f *testing.F) {
	for _, j := range testdataJPEGs(f) {
		if len(j.data) <= 32<<10 {
			f.Add(j.data)
		}
	}
	f.Add(encodeJPEG(f, smoothRGBA(24, 16, 20, 1), 90))
	f.Add(encodeJPEG(f, smoothRGBA(9, 7, 0, 2), 30))

	f.Fuzz(func(t *testing.T, b []byte) {
		// Both decoders allocate the whole image (and, for progressive
		// images, all coefficients) up front, as large as the 16-bit
		// dimensions say; keep the fuzzer's memory use bounded. When
		// DecodeConfig fails, Decode fails before it allocates anything.
		if cfg, err := jpeg.DecodeConfig(bytes.NewReader(b)); err == nil && cfg.Width*cfg.Height > 1<<20 {
			return
		}
		if err := compareConfigWithStd(b); err != nil {
			t.Fatal(err)
		}
		full, fullErr := jpeg.Decode(bytes.NewReader(b))
		if err := compareWithStd(b); err != nil {
			t.Fatal(err)
		}
		for _, denom := range []int{2, 4, 8} {
			m, err := DecodeScaled(bytes.NewReader(b), denom)
			if (err == nil) != (fullErr == nil) {
				t.Fatalf("denom %d: error %v, full-size error %v", denom, err, fullErr)
			}
			if err != nil {
				if err.Error() != fullErr.Error() {
					t.Fatalf("denom %d: error %q, full-size error %q", denom, err, fullErr)
				}
				continue
			}
			fb := full.Bounds()
			want := image.Rect(0, 0, (fb.Dx()+denom-1)/denom, (fb.Dy()+denom-1)/denom)
			if m.Bounds() != want {
				t.Fatalf("denom %d: bounds %v, want %v", denom, m.Bounds(), want)
			}
		}
		// Giving the blocks away changes nothing of the decode, and the
		// blocks given are well formed.
		for _, denom := range []int{1, 8} {
			blocks := 0
			m, err := DecodeScaledBlocks(bytes.NewReader(b), denom, func(comp int, coef, quant *[64]int32) {
				blocks++
				if comp < 0 || comp > 3 {
					t.Fatalf("component %d", comp)
				}
				for k := range coef {
					if quant[k] == 0 && coef[k] != 0 {
						t.Fatalf("coefficient %d: %d over a zero divisor", k, coef[k])
					}
				}
			})
			want, wantErr := DecodeScaled(bytes.NewReader(b), denom)
			if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
				t.Fatalf("blocks, denom %d: error %v, DecodeScaled's %v", denom, err, wantErr)
			}
			if err != nil {
				continue
			}
			if err := samePixels(m, want); err != nil {
				t.Fatalf("blocks, denom %d: %v", denom, err)
			}
			if blocks == 0 {
				t.Fatalf("blocks, denom %d: a picture decoded from no block", denom)
			}
		}
	})
}
