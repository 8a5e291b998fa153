package pdfpatch

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"appealpacket/internal/pdftest"
	"appealpacket/packet/render/pdfimport"
)

var created = time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)

// flatJPEG is a 40×30 picture of one colour, so pages can be told apart.
func flatJPEG(t testing.TB, c color.RGBA) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, 255
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var colours = []color.RGBA{{220, 30, 30, 255}, {30, 200, 40, 255}, {40, 60, 220, 255}, {230, 200, 20, 255}, {20, 200, 200, 255}}

// packet draws one page per colour, each with its picture, a link to the
// next page and a bookmark, as the packet renderer does.
func packet(t testing.TB) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	links := make([]int, len(colours))
	for i := range links {
		links[i] = pdf.AddLink()
	}
	for i, c := range colours {
		pdf.AddPage()
		pdf.SetLink(links[i], 0, -1)
		name := fmt.Sprintf("colour%d", i)
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(flatJPEG(t, c)))
		pdf.ImageOptions(name, 20, 40, 120, 90, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
		pdf.SetFont("Helvetica", "", 12)
		pdf.Text(20, 20, fmt.Sprintf("page %d", i+1))
		pdf.Link(20, 15, 30, 8, links[(i+1)%len(links)])
		pdf.Bookmark(fmt.Sprintf("Page %d", i+1), 0, 0)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCanonicalImagesIsStableAndKeepsPages(t *testing.T) {
	first, err := CanonicalImages(packet(t))
	if err != nil {
		t.Fatal(err)
	}
	varied := false
	prev := packet(t)
	for range 20 {
		raw := packet(t)
		varied = varied || !bytes.Equal(raw, prev)
		got, err := CanonicalImages(raw)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, first) {
			t.Fatal("two canonical copies of the same document differ")
		}
	}
	t.Logf("fpdf's own output varied between runs: %v", varied)

	path := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(path, first, 0o644); err != nil {
		t.Fatal(err)
	}
	checkWithQpdf(t, path)
	// Each page still shows its own colour.
	pdftoppm := pdftest.Tool(t, "pdftoppm")
	for i, c := range colours {
		prefix := filepath.Join(t.TempDir(), "p")
		if out, err := exec.Command(pdftoppm, "-png", "-r", "20", "-singlefile", "-f", fmt.Sprint(i+1), "-l", fmt.Sprint(i+1), path, prefix).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		f, _ := os.Open(prefix + ".png")
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		r, g, bl, _ := img.At(b.Dx()*80/210, b.Dy()*85/297).RGBA()
		if d := absDiff(int(r>>8), int(c.R)) + absDiff(int(g>>8), int(c.G)) + absDiff(int(bl>>8), int(c.B)); d > 40 {
			t.Errorf("page %d shows (%d,%d,%d), want %v", i+1, r>>8, g>>8, bl>>8, c)
		}
	}
}

func absDiff(a, b int) int {
	if a < b {
		return b - a
	}
	return a - b
}

func checkWithQpdf(t *testing.T, path string) {
	t.Helper()
	qpdf := pdftest.Tool(t, "qpdf")
	if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func TestAttachAppendsFilesReadersFind(t *testing.T) {
	raw, err := CanonicalImages(packet(t))
	if err != nil {
		t.Fatal(err)
	}
	files := []File{
		{Name: "appealpacket-manifest.json", Data: []byte(`{"a": 1}` + "\n"), Description: "manifest", ModTime: created},
		{Name: "IMG_0012 原图.JPG", Data: flatJPEG(t, colours[0]), Description: "原图 original", ModTime: created},
	}
	out, err := Attach(raw, files)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, raw) {
		t.Error("the original bytes were changed; an incremental update only appends")
	}
	got, err := pdfimport.Attachments(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("pdfcpu reads %d attachments", len(got))
	}
	for _, g := range got {
		var want *File
		for i := range files {
			if files[i].Name == g.Name {
				want = &files[i]
			}
		}
		if want == nil || !bytes.Equal(g.Data, want.Data) || g.Description != want.Description {
			t.Errorf("attachment %q read back wrong", g.Name)
		}
	}
	path := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(path, out, 0o644)
	checkWithQpdf(t, path)
	if list, err := exec.Command(pdftest.Tool(t, "qpdf"), "--list-attachments", path).Output(); err != nil || !strings.Contains(string(list), "IMG_0012 原图.JPG") {
		t.Errorf("qpdf --list-attachments: %v\n%s", err, list)
	}
	// Links and bookmarks land where they did.
	before := filepath.Join(t.TempDir(), "b.pdf")
	os.WriteFile(before, raw, 0o644)
	a, err := pdftest.Read(before)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pdftest.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a.Links) != fmt.Sprint(b.Links) || fmt.Sprint(a.Outlines) != fmt.Sprint(b.Outlines) || len(b.Links) != len(colours) {
		t.Errorf("links or outline moved:\n%v %v\n%v %v", a.Links, a.Outlines, b.Links, b.Outlines)
	}
	if err := pdftest.Validate(path); err != nil {
		t.Errorf("pdfcpu's validator: %v", err)
	}
}

func TestRefusesWhatFpdfDoesNotWrite(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"garbage":   []byte("%PDF-1.7\nhello\n"),
		"truncated": packet(t)[:2000],
	} {
		if _, err := CanonicalImages(data); err == nil {
			t.Errorf("%s: CanonicalImages accepted it", name)
		}
		if _, err := Attach(data, nil); err == nil {
			t.Errorf("%s: Attach accepted it", name)
		}
	}
}

func FuzzCanonicalImages(f *testing.F) {
	f.Add(packet(f))
	f.Add([]byte("%PDF-1.3\nxref\n0 1\n0000000000 65535 f \ntrailer\n<<\n/Size 1\n>>\nstartxref\n9\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if out, err := CanonicalImages(data); err == nil && len(out) == 0 && len(data) > 0 {
			t.Fatal("empty output without error")
		}
		Attach(data, []File{{Name: "x", Data: []byte("y")}})
	})
}
