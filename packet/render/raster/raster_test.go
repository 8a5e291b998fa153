package raster_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/go-pdf/fpdf"

	"appealpacket/internal/testlevel"
	"appealpacket/packet/render/raster"
)

// twoPages is an A4 PDF of two pages of text.
func twoPages(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 10)
	for p := range 2 {
		f.AddPage()
		for l := range 40 {
			f.CellFormat(0, 6, "Exhibit P-1 was made from our own photograph; SHA-256 9f86d081884c7d659a2feaa0c55ad015", "", 1, "", false, 0, "")
			_ = l
		}
		f.SetFillColor(40*p, 120, 200)
		f.Rect(20, 200, 80, 60, "F")
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPages(t *testing.T) {
	testlevel.SkipIfShort(t, "draws pages with PDFium")
	pdf := twoPages(t)
	// Compiled once, reused by the later cases and kept for the next runs
	// (TestEngineReuse times a first compilation).
	// One test binary at a time compiles into the shared folder (package
	// packet's tests and the CLI's scripts share it).
	eng, err := raster.NewDiskEngine(testlevel.SharedDir("pdfium"))
	if err != nil {
		t.Logf("compiling PDFium in memory: %v", err)
		eng = raster.NewEngine()
	} else if err := testlevel.Exclusive("pdfium", func() error { return eng.Prepare(context.Background()) }); err != nil {
		t.Fatal(err)
	}
	defer eng.Close(context.Background())
	free, err := raster.Pages(context.Background(), pdf, raster.Options{Type: "jpg", Engine: eng})
	if err != nil {
		t.Fatal(err)
	}
	tight := int64(max(len(free[0].Data), len(free[1].Data))) * 6 / 10 // met at a lower quality or resolution
	tests := []struct {
		name     string
		o        raster.Options
		wantDPI  int  // of the first page; 0: below the default
		tooLarge bool // the limit cannot be met legibly
	}{
		{"jpeg, no limit", raster.Options{Type: "jpg"}, raster.DefaultDPI, false},
		{"png, no limit", raster.Options{Type: "png", DPI: 100}, 100, false},
		{"jpeg, tight limit", raster.Options{Type: "jpg", MaxBytes: tight}, 0, false},
		{"jpeg, impossible limit", raster.Options{Type: "jpg", MaxBytes: 2_000}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.o.Engine = eng
			pages, err := raster.Pages(context.Background(), pdf, tt.o)
			if tt.tooLarge {
				var tl *raster.TooLargeError
				if !errors.As(err, &tl) || tl.Page != 1 || tl.MaxBytes != tt.o.MaxBytes {
					t.Fatalf("error %v, want a TooLargeError for page 1", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 2 {
				t.Fatalf("%d pages, want 2", len(pages))
			}
			for i, p := range pages {
				var img image.Image
				if tt.o.Type == "png" {
					img, err = png.Decode(bytes.NewReader(p.Data))
				} else {
					img, err = jpeg.Decode(bytes.NewReader(p.Data))
				}
				if err != nil {
					t.Fatalf("page %d does not decode as %s: %v", i+1, tt.o.Type, err)
				}
				b := img.Bounds()
				// A4 is 8.27 × 11.69 inches.
				if b.Dx() != p.Width || b.Dy() != p.Height || abs(b.Dx()-p.DPI*827/100) > 2 || abs(b.Dy()-p.DPI*1169/100) > 2 {
					t.Errorf("page %d: %d×%d pixels at %d dpi (says %d×%d)", i+1, b.Dx(), b.Dy(), p.DPI, p.Width, p.Height)
				}
				if tt.o.MaxBytes > 0 && int64(len(p.Data)) > tt.o.MaxBytes {
					t.Errorf("page %d: %d bytes, over %d", i+1, len(p.Data), tt.o.MaxBytes)
				}
				if p.DPI < raster.MinDPI && tt.o.DPI == 0 {
					t.Errorf("page %d at %d dpi, below the legible %d", i+1, p.DPI, raster.MinDPI)
				}
				// The page is drawn: dark text on white, and the blue box.
				if c := gray(img.At(b.Dx()/2, b.Dy()-b.Dy()/20)); c < 250 {
					t.Errorf("page %d: bottom margin not white (%d)", i+1, c)
				}
				if r, g, bl, _ := img.At(b.Dx()*60/210, b.Dy()*230/297).RGBA(); bl>>8 < 150 || g>>8 < 80 || r>>8 > 130 {
					t.Errorf("page %d: the box is not drawn: rgb %d %d %d", i+1, r>>8, g>>8, bl>>8)
				}
			}
			if tt.wantDPI != 0 && pages[0].DPI != tt.wantDPI {
				t.Errorf("first page at %d dpi, want %d", pages[0].DPI, tt.wantDPI)
			}
			if tt.wantDPI == 0 && pages[0].DPI == raster.DefaultDPI && pages[0].Quality == 88 {
				t.Errorf("the tight limit did not lower the quality or resolution: %d dpi, quality %d", pages[0].DPI, pages[0].Quality)
			}
		})
	}
	if _, err := raster.Pages(context.Background(), pdf, raster.Options{Type: "gif"}); err == nil {
		t.Error("a gif page type was accepted")
	}
	if _, err := raster.Pages(context.Background(), []byte("%PDF-1.7 not a pdf"), raster.Options{Type: "jpg", Engine: eng}); err == nil {
		t.Error("a broken PDF was drawn")
	}
}

func abs(x int) int { return max(x, -x) }

func gray(c interface{ RGBA() (r, g, b, a uint32) }) int {
	r, g, b, _ := c.RGBA()
	return int((r + g + b) / 3 >> 8)
}
