package initcase

import (
	"image"
	"image/color"
	"testing"

	"appealpacket/internal/fixture/paper"
	"appealpacket/internal/testcorpus"
)

// corpusDir returns the shared corpus of real camera files and PDFs
// ($APPEALPACKET_CORPUS, else ../../../shared/corpus), or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testcorpus.Dir(t)
}

// makePDF writes a one-page PDF with one line per argument, with a text
// layer as a mail printed to PDF has (paper.PDF: Noto Sans for Latin
// text, Droid Sans Fallback for CJK runs).
func makePDF(t testing.TB, lines ...string) []byte {
	t.Helper()
	b, err := paper.PDF(lines)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// makeScanPDF writes a PDF holding only a picture: a scan without text.
func makeScanPDF(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 160))
	for y := range 160 {
		for x := range 120 {
			img.Set(x, y, color.RGBA{uint8(x * 2), uint8(y), 180, 255})
		}
	}
	b, err := paper.Scan(img)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
