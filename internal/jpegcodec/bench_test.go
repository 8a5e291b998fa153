package jpegcodec

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"appealpacket/internal/testcorpus"
)

var (
	photo12MPOnce sync.Once
	photo12MP     []byte
)

// testPhoto12MP returns a 4000x3000 4:2:0 JPEG written by image/jpeg at
// quality 92, from a gradient plus uniform random noise of ±20 levels per
// channel: a stand-in for a high-entropy 12 MP camera photo.
func testPhoto12MP(b testing.TB) []byte {
	photo12MPOnce.Do(func() {
		photo12MP = encodeJPEG(b, smoothRGBA(4000, 3000, 20, 12), 92)
	})
	return photo12MP
}

func BenchmarkDecode12MP(b *testing.B) {
	data := testPhoto12MP(b)
	run := func(b *testing.B, decode func() (image.Image, error)) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decode(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("image-jpeg", func(b *testing.B) {
		run(b, func() (image.Image, error) { return jpeg.Decode(bytes.NewReader(data)) })
	})
	for _, denom := range []struct {
		name string
		d    int
	}{{"jpegcodec-1", 1}, {"jpegcodec-2", 2}, {"jpegcodec-4", 4}, {"jpegcodec-8", 8}} {
		b.Run(denom.name, func(b *testing.B) {
			run(b, func() (image.Image, error) { return DecodeScaled(bytes.NewReader(data), denom.d) })
		})
	}
}

// BenchmarkDecodeCorpus12MP decodes a real 12 MP phone photo (4032x3024,
// 4:2:0) from the shared corpus, if present.
func BenchmarkDecodeCorpus12MP(b *testing.B) {
	dir := testcorpus.Find()
	if dir == "" {
		b.Skip("shared corpus not found (set APPEALPACKET_CORPUS)")
	}
	data, err := os.ReadFile(filepath.Join(dir, "Google_Pixel_5_gps.jpg"))
	if err != nil {
		b.Skip(err)
	}
	b.Run("image-jpeg", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, denom := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("jpegcodec-%d", denom), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := DecodeScaled(bytes.NewReader(data), denom); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
