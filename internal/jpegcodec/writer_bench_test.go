package jpegcodec

import (
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"testing"
)

// benchPictures are the encoder's two jobs in a build: an A4 page drawn
// at 200 dpi (RGBA, mostly white with text-like strokes) and a 1600 px
// display copy of a photo (YCbCr 4:2:0).
func benchPictures() map[string]image.Image {
	page := image.NewRGBA(image.Rect(0, 0, 1654, 2339))
	for i := range page.Pix {
		page.Pix[i] = 255
	}
	for y := 200; y < 2100; y += 40 {
		for x := 150; x < 1500; x++ {
			if (x/7+y)%5 != 0 {
				for dy := range 18 {
					page.SetRGBA(x, y+dy, color.RGBA{uint8(x), 30, uint8(y), 255})
				}
			}
		}
	}
	photo := image.NewYCbCr(image.Rect(0, 0, 1600, 1200), image.YCbCrSubsampleRatio420)
	for y := 0; y < 1200; y++ {
		for x := 0; x < 1600; x++ {
			photo.Y[photo.YOffset(x, y)] = uint8(x/7 + y/5 + (x*y)%13)
			photo.Cb[photo.COffset(x, y)] = uint8(128 + x/50 - y/60)
			photo.Cr[photo.COffset(x, y)] = uint8(120 + (x^y)%9)
		}
	}
	return map[string]image.Image{"page": page, "photo": photo}
}

func BenchmarkEncode(b *testing.B) {
	for name, m := range benchPictures() {
		b.Run(name+"/jpegcodec", func(b *testing.B) {
			for b.Loop() {
				if err := Encode(io.Discard, m, &Options{Quality: 88}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/image-jpeg", func(b *testing.B) {
			for b.Loop() {
				if err := jpeg.Encode(io.Discard, m, &jpeg.Options{Quality: 88}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
