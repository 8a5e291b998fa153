package pdfsrc

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

	"github.com/go-pdf/fpdf"

	"appealpacket/internal/testcorpus"
)

// drawnPDF is a PDF of n A5 pages, each drawn by draw (nil: left empty).
func drawnPDF(t *testing.T, n int, draw func(pdf *fpdf.Fpdf)) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A5", "")
	for range n {
		pdf.AddPage()
		if draw != nil {
			draw(pdf)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}

func TestBlank(t *testing.T) {
	var picture bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.White)
	if err := png.Encode(&picture, img); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		data  []byte
		blank bool
	}{
		{"one empty page", drawnPDF(t, 1, nil), true},
		{"three empty pages", drawnPDF(t, 3, nil), true},
		{"four empty pages: more than are read", drawnPDF(t, 4, nil), false},
		{"text", simplePDF(t, "P", "INVOICE"), false},
		{"a filled rectangle", drawnPDF(t, 1, func(pdf *fpdf.Fpdf) { pdf.Rect(10, 10, 50, 20, "F") }), false},
		{"a stroked line", drawnPDF(t, 1, func(pdf *fpdf.Fpdf) { pdf.Line(10, 10, 60, 30) }), false},
		{"a picture", drawnPDF(t, 1, func(pdf *fpdf.Fpdf) {
			pdf.RegisterImageOptionsReader("p", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(picture.Bytes()))
			pdf.ImageOptions("p", 10, 10, 40, 40, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}), false},
	} {
		s, err := Open(tt.data, "")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if blank, err := s.Blank(context.Background()); err != nil || blank != tt.blank {
			t.Errorf("%s: blank = %v, %v; want %v", tt.name, blank, err, tt.blank)
		}
	}
}

// TestBlankCorpus: the corpus's AES-256 PDF is one blank page (ExifTool's
// and pdftotext's reading); its other PDFs are not blank.
func TestBlankCorpus(t *testing.T) {
	for name, want := range map[string]bool{
		"acrobat_aes256_empty_user_password.pdf":  true,
		"certificate_of_insurance_dynamicpdf.pdf": false,
		"crazyones_letter_pdfa.pdf":               false,
		"digitally_signed_linearized.pdf":         false,
		"lu_salary_certificate_160F-2019.pdf":     false,
	} {
		data, err := os.ReadFile(testcorpus.Path(t, name))
		if err != nil {
			t.Fatal(err)
		}
		s, err := Open(data, "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if blank, err := s.Blank(context.Background()); err != nil || blank != want {
			t.Errorf("%s: blank = %v, %v; want %v", name, blank, err, want)
		}
	}
}
