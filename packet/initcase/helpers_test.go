package initcase

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"

	"appealpacket/assets"
	"appealpacket/internal/testcorpus"
)

// corpusDir returns the shared corpus of real camera files and PDFs
// ($APPEALPACKET_CORPUS, else ../../../shared/corpus), or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testcorpus.Dir(t)
}

// makePDF writes a one-page PDF with one line per argument, drawn with the
// embedded fonts: Noto Sans for Latin text, Droid Sans Fallback for CJK
// runs, so that the text layer uses two Type0 fonts with ToUnicode CMaps,
// as fpdf writes them.
func makePDF(t testing.TB, lines ...string) []byte {
	t.Helper()
	pdf := newPDF(t)
	for _, l := range lines {
		for _, run := range scriptRuns(l) {
			if run.cjk {
				pdf.SetFont("cjk", "", 16)
			} else {
				pdf.SetFont("sans", "", 14)
			}
			pdf.Write(9, run.text)
		}
		pdf.Ln(11)
	}
	return output(t, pdf)
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
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	pdf := newPDF(t)
	pdf.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	pdf.ImageOptions("scan", 10, 10, 120, 160, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return output(t, pdf)
}

func newPDF(t testing.TB) *fpdf.Fpdf {
	t.Helper()
	read := func(name string) []byte {
		b, err := assets.Fonts.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("sans", "", read(assets.SansRegular))
	pdf.AddUTF8FontFromBytes("cjk", "", read(assets.CJK))
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
	pdf.SetFont("sans", "", 14)
	pdf.AddPage()
	return pdf
}

func output(t testing.TB, pdf *fpdf.Fpdf) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type run struct {
	text string
	cjk  bool
}

// scriptRuns splits s into runs of CJK and other characters.
func scriptRuns(s string) []run {
	var out []run
	for _, r := range s {
		cjk := unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
		if len(out) == 0 || out[len(out)-1].cjk != cjk {
			out = append(out, run{cjk: cjk})
		}
		out[len(out)-1].text += string(r)
	}
	return out
}
