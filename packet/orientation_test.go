package packet_test

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/testlevel"

	"appealpacket/internal/fixture"
	"appealpacket/internal/pdftest"
	"appealpacket/packet"
)

// storedFor returns the pixels a camera stores so that a viewer applying
// EXIF orientation o shows upright.
func storedFor(upright *image.RGBA, o int) *image.RGBA {
	b := upright.Bounds()
	w, h := b.Dx(), b.Dy()
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			// Viewed position of stored pixel (x, y), per the EXIF definition.
			var vx, vy int
			switch o {
			case 1:
				vx, vy = x, y
			case 2:
				vx, vy = sw-1-x, y
			case 3:
				vx, vy = sw-1-x, sh-1-y
			case 4:
				vx, vy = x, sh-1-y
			case 5:
				vx, vy = y, x
			case 6:
				vx, vy = sh-1-y, x
			case 7:
				vx, vy = sh-1-y, sw-1-x
			case 8:
				vx, vy = y, sw-1-x
			}
			out.SetRGBA(x, y, upright.RGBAAt(vx, vy))
		}
	}
	return out
}

// TestEveryOrientationRendersUpright stores one upright picture (a red
// corner top-left) under all eight EXIF orientations, builds a packet and
// reads the rendered pages back with poppler: every picture must show its
// red corner top-left.
func TestEveryOrientationRendersUpright(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds a case of eight orientations")
	pdftoppm := pdftest.Tool(t, "pdftoppm")
	upright := fixture.Gradient(160, 100)
	files := map[string][]byte{}
	var list []string
	for o := 1; o <= 8; o++ {
		meta := camera("2023:10:14 10:00:00")
		meta.Orientation = o
		b, err := fixture.JPEG(storedFor(upright, o), 92, meta)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("o%d.jpg", o)
		files[name] = b
		list = append(list, fmt.Sprintf("{path: %s}", name))
	}
	dir := caseFiles(t, baseCase+"photos: ["+strings.Join(list, ", ")+"]\n", files)
	out := t.TempDir()
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	ex := xlsxExhibits(t, res.XLSX)
	for o := 1; o <= 8; o++ {
		page := ex[fmt.Sprintf("P-%d", o)][0]
		// 20 dpi: the picture is some 138×86 pixels, plenty to tell its
		// corners apart.
		img := renderPageAt(t, pdftoppm, res.PDF, page, out, 20)
		box := pictureBox(img)
		if box.Empty() {
			t.Errorf("orientation %d: no picture found on page %d", o, page)
			continue
		}
		if box.Dx() < box.Dy() {
			t.Errorf("orientation %d: picture drawn %dx%d, want landscape like the upright original", o, box.Dx(), box.Dy())
		}
		at := func(fx, fy float64) color.RGBA {
			return img.RGBAAt(box.Min.X+int(fx*float64(box.Dx())), box.Min.Y+int(fy*float64(box.Dy())))
		}
		red := func(c color.RGBA) bool { return c.R > 200 && c.G < 80 && c.B < 80 }
		if !red(at(0.1, 0.1)) {
			t.Errorf("orientation %d: top-left of the picture is %v, not the red corner", o, at(0.1, 0.1))
		}
		for _, c := range [][2]float64{{0.9, 0.1}, {0.1, 0.9}, {0.9, 0.9}} {
			if red(at(c[0], c[1])) {
				t.Errorf("orientation %d: the red corner shows at %v", o, c)
			}
		}
	}
}

// renderPage draws a page of pdf with poppler at 40 dpi, renderPageAt at
// the resolution given.
func renderPage(t *testing.T, pdftoppm, pdf string, page int, dir string) *image.RGBA {
	t.Helper()
	return renderPageAt(t, pdftoppm, pdf, page, dir, 40)
}

func renderPageAt(t *testing.T, pdftoppm, pdf string, page int, dir string, dpi int) *image.RGBA {
	t.Helper()
	prefix := filepath.Join(dir, fmt.Sprintf("page%d", page))
	if out, err := exec.Command(pdftoppm, "-png", "-r", fmt.Sprint(dpi), "-singlefile", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(src.Bounds())
	for y := src.Bounds().Min.Y; y < src.Bounds().Max.Y; y++ {
		for x := src.Bounds().Min.X; x < src.Bounds().Max.X; x++ {
			img.Set(x, y, src.At(x, y))
		}
	}
	return img
}

// pictureBox finds the bounding box of the colourful pixels in the upper
// part of an exhibit page (the picture; text is grey).
func pictureBox(img *image.RGBA) image.Rectangle {
	b := img.Bounds()
	box := image.Rectangle{}
	for y := b.Min.Y + b.Dy()/10; y < b.Min.Y+b.Dy()*2/3; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.RGBAAt(x, y)
			mx, mn := max(c.R, c.G, c.B), min(c.R, c.G, c.B)
			if mx-mn > 60 { // saturated: part of the gradient
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}
