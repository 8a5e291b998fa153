package pdfimport

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// TestStampNumbersImagesCanonically: fpdf orders images of equal width by
// Go map iteration, so the same document can come out with its images
// numbered differently; after Stamp the bytes must not depend on that.
func TestStampNumbersImagesCanonically(t *testing.T) {
	jpegs := make([][]byte, 6)
	for i := range jpegs {
		img := image.NewRGBA(image.Rect(0, 0, 40, 30)) // all the same width
		for y := 0; y < 30; y++ {
			for x := 0; x < 40; x++ {
				img.SetRGBA(x, y, color.RGBA{uint8(40 * i), uint8(x * 6), uint8(y * 8), 255})
			}
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, nil); err != nil {
			t.Fatal(err)
		}
		jpegs[i] = b.Bytes()
	}
	build := func() []byte {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.SetCatalogSort(true)
		pdf.SetCreationDate(time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)) // else the time of day shows
		pdf.SetModificationDate(time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC))
		for i, data := range jpegs {
			pdf.AddPage()
			name := fmt.Sprintf("img%d", i)
			pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(data))
			pdf.ImageOptions(name, 20, 20, 80, 60, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
		}
		var raw bytes.Buffer
		if err := pdf.Output(&raw); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := Stamp(bytes.NewReader(raw.Bytes()), &out, nil); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	first := build()
	rawDiffers := false
	for range 8 {
		if again := build(); !bytes.Equal(first, again) {
			t.Fatal("two stamped copies of the same document differ")
		}
	}
	// Show that fpdf alone does vary, so the test means something.
	var prev []byte
	for range 20 {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.SetCatalogSort(true)
		for i, data := range jpegs {
			pdf.AddPage()
			name := fmt.Sprintf("img%d", i)
			pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(data))
			pdf.ImageOptions(name, 20, 20, 80, 60, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
		}
		var raw bytes.Buffer
		pdf.Output(&raw)
		if prev != nil && !bytes.Equal(prev, raw.Bytes()) {
			rawDiffers = true
			break
		}
		prev = raw.Bytes()
	}
	t.Logf("fpdf's own output varied between runs: %v", rawDiffers)
}
