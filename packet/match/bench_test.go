package match

import (
	"image"
	"math/rand/v2"
	"testing"
)

// benchPicture is a 1600×1200 scene as image/jpeg decodes it (*image.YCbCr).
func benchPicture(b *testing.B) image.Image {
	b.Helper()
	w, h, bg := sceneSpec(1)
	return recompress(scene(2, w, h, bg, false), 90)
}

// BenchmarkOf fingerprints a 1600×1200 JPEG-decoded picture.
func BenchmarkOf(b *testing.B) {
	img := benchPicture(b)
	b.ReportAllocs()
	for b.Loop() {
		Of(img)
	}
}

// BenchmarkOfRGBA fingerprints the same picture as an *image.RGBA (what
// display copies are).
func BenchmarkOfRGBA(b *testing.B) {
	img := toRGBA(benchPicture(b))
	b.ReportAllocs()
	for b.Loop() {
		Of(img)
	}
}

// BenchmarkBest compares one listing picture with one original.
func BenchmarkBest(b *testing.B) {
	img := benchPicture(b)
	orig := []Fingerprint{Of(img)}
	bb := img.Bounds()
	rng := rand.New(rand.NewPCG(1, 2))
	listing := Of(recompress(resizeLong(cropR(img, squareFrac(bb.Dx(), bb.Dy(), 0.65, rng.Float64(), rng.Float64())), 800), 80))
	b.ReportAllocs()
	for b.Loop() {
		Best(listing, orig)
	}
}
