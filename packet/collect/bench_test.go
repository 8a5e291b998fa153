package collect

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
)

// cameraJPEG is a 12 MP 4:2:0 JPEG at quality 92 with some noise, like the
// photos of ../shared/tools/make-bench-photos.
func cameraJPEG(b testing.TB) []byte {
	b.Helper()
	const w, h = 4000, 3000
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	rng := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Y[y*img.YStride+x] = uint8(x*200/w + rng.IntN(40))
		}
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = uint8(100+i%50), uint8(140-i%40)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// The stages of collecting one camera photo, for `go test -bench` and
// benchstat comparisons.

func BenchmarkStageEXIF(b *testing.B) {
	data := cameraJPEG(b)
	for b.Loop() {
		exif.Read(data)
	}
}

func BenchmarkStageDecode12MP(b *testing.B) {
	data := cameraJPEG(b)
	for b.Loop() {
		jpeg.Decode(bytes.NewReader(data))
	}
}

func BenchmarkStageEncodeDisplay(b *testing.B) {
	img, _ := jpeg.Decode(bytes.NewReader(cameraJPEG(b)))
	small := scale(img, 1600)
	for b.Loop() {
		jpeg.Encode(&bytes.Buffer{}, small, &jpeg.Options{Quality: 85})
	}
}

func BenchmarkStageFingerprint(b *testing.B) {
	img, _ := jpeg.Decode(bytes.NewReader(cameraJPEG(b)))
	small := scale(img, 1600)
	for b.Loop() {
		match.Of(Upright(scale(small, 512), 6))
	}
}

// BenchmarkCollectPhoto is the whole per-file work on a 12 MP photo:
// read, hash, EXIF, decode, display copy, fingerprint.
func BenchmarkCollectPhoto(b *testing.B) {
	dir := b.TempDir()
	p := filepath.Join(dir, "IMG.JPG")
	if err := os.WriteFile(p, cameraJPEG(b), 0o644); err != nil {
		b.Fatal(err)
	}
	req := []Request{{Path: manifest.Path{Raw: "IMG.JPG", Rel: "IMG.JPG", Abs: p}, Role: evidence.Photo}}
	for b.Loop() {
		if _, err := Run(context.Background(), req, Options{WorkDir: dir, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
