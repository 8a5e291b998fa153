package packet_test

import (
	"context"
	"fmt"
	"image"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/pdftest"
	"appealpacket/internal/testcorpus"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
)

// corpusDir returns the shared corpus of real camera files, or skips.
func corpusDir(t *testing.T) string {
	t.Helper()
	return testcorpus.Dir(t)
}

// corpusCase copies corpus files into a new case folder (a case may not
// name files outside its folder) with a manifest listing them as photos.
func corpusCase(t *testing.T, names ...string) string {
	t.Helper()
	src := corpusDir(t)
	files := map[string][]byte{}
	var list []string
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		files["photos/"+n] = b
		list = append(list, fmt.Sprintf("{path: photos/%s}", n))
	}
	return caseFiles(t, "version: 1\ncase: {id: CORPUS-1, platform: generic}\nseller: {legal_name: S}\nphotos: ["+strings.Join(list, ", ")+"]\n", files)
}

// thumb reduces the picture in box to a 16×12 grey thumbnail.
func thumb(img *image.RGBA, box image.Rectangle) [12][16]float64 {
	var out [12][16]float64
	for ty := range 12 {
		for tx := range 16 {
			var sum, n float64
			for y := box.Min.Y + ty*box.Dy()/12; y < box.Min.Y+(ty+1)*box.Dy()/12; y++ {
				for x := box.Min.X + tx*box.Dx()/16; x < box.Min.X+(tx+1)*box.Dx()/16; x++ {
					c := img.RGBAAt(x, y)
					sum += 0.3*float64(c.R) + 0.59*float64(c.G) + 0.11*float64(c.B)
					n++
				}
			}
			out[ty][tx] = sum / max(n, 1)
		}
	}
	return out
}

func thumbDiff(a, b [12][16]float64) float64 {
	d := 0.0
	for y := range 12 {
		for x := range 16 {
			d += abs(a[y][x] - b[y][x])
		}
	}
	return d / (12 * 16)
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// nonWhiteBox is the bounding box of non-white pixels in the picture area.
func nonWhiteBox(img *image.RGBA) image.Rectangle {
	b := img.Bounds()
	box := image.Rectangle{}
	for y := b.Min.Y + b.Dy()/11; y < b.Min.Y+b.Dy()*2/3; y++ {
		for x := b.Min.X + b.Dx()/12; x < b.Max.X-b.Dx()/12; x++ {
			if c := img.RGBAAt(x, y); c.R < 235 || c.G < 235 || c.B < 235 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// TestCorpusPicturesRenderUpright builds a packet of real files in every
// container and the orientation test images (the same scene stored under
// orientations 2, 4, 5 and 7): the four must look alike once drawn, and
// every picture must be drawn.
func TestCorpusPicturesRenderUpright(t *testing.T) {
	t.Parallel()
	testlevel.SkipUnlessLong(t, "a build of every kind of corpus picture, drawn and compared")
	pdftoppm := pdftest.Tool(t, "pdftoppm")
	pdftotext := pdftest.Tool(t, "pdftotext")
	names := []string{"orientation_landscape_2.jpg", "orientation_landscape_4.jpg", "orientation_landscape_5.jpg", "orientation_landscape_7.jpg",
		"Samsung_SM-G975F_o6.heic", "Apple_iPhone_11_Pro_exif_at_eof.heic", "HTC_Desire_gps.webp", "png_with_eXIf_chunk.png", "Canon_PowerShot_SX60_HS_o6.jpg"}
	dir := corpusCase(t, names...)
	out := t.TempDir()
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	ex := xlsxExhibits(t, res.XLSX)
	var thumbs [][12][16]float64
	boxes := map[string]image.Rectangle{}
	for i, n := range names {
		page := ex[fmt.Sprintf("P-%d", i+1)][0]
		text, err := pdftest.PageText(pdftotext, res.PDF, page)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, n) || strings.Contains(text, "cannot be shown") || strings.Contains(text, "could not be read") {
			t.Errorf("%s (page %d) is not drawn:\n%s", n, page, text)
		}
		img := renderPage(t, pdftoppm, res.PDF, page, out)
		box := nonWhiteBox(img)
		boxes[n] = box
		if i < 4 {
			thumbs = append(thumbs, thumb(img, box))
		}
	}
	for i := 1; i < len(thumbs); i++ {
		if d := thumbDiff(thumbs[0], thumbs[i]); d > 12 {
			t.Errorf("%s and %s differ by %.1f grey levels once drawn; the same scene should look alike", names[0], names[i], d)
		}
	}
	// The measure tells a mirrored picture apart.
	var mirrored [12][16]float64
	for y := range 12 {
		for x := range 16 {
			mirrored[y][x] = thumbs[0][y][15-x]
		}
	}
	if d := thumbDiff(thumbs[0], mirrored); d <= 12 {
		t.Fatalf("a mirrored picture differs by only %.1f: the comparison cannot tell", d)
	}
	// Portrait originals stay portrait (the Samsung HEIC turned by its
	// container, the Canon stored landscape with EXIF orientation 6).
	for _, n := range []string{"Samsung_SM-G975F_o6.heic", "Apple_iPhone_11_Pro_exif_at_eof.heic", "Canon_PowerShot_SX60_HS_o6.jpg"} {
		if b := boxes[n]; b.Dx() >= b.Dy() {
			t.Errorf("%s is drawn %dx%d; it is a portrait picture", n, b.Dx(), b.Dy())
		}
	}
}

// TestCorpusPDFsImportIntoAPacket puts the five real PDFs (xref streams,
// incremental update, AES-256, signed, PDF/A) into a packet as documents:
// the packet passes qpdf --check and their text shows on their pages.
func TestCorpusPDFsImportIntoAPacket(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds with the corpus PDFs")
	src := corpusDir(t)
	qpdf := pdftest.Tool(t, "qpdf")
	pdftotext := pdftest.Tool(t, "pdftotext")
	docs := map[string]string{
		"certificate_of_insurance_dynamicpdf.pdf": "CERTIFICATE",
		"lu_salary_certificate_160F-2019.pdf":     "Certificat de salaire",
		"acrobat_aes256_empty_user_password.pdf":  "",
		"crazyones_letter_pdfa.pdf":               "crazy ones",
		"digitally_signed_linearized.pdf":         "Digitally signed by John Doe",
	}
	files := map[string][]byte{}
	var list []string
	for _, n := range slices.Sorted(maps.Keys(docs)) {
		b, err := os.ReadFile(filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		files["docs/"+n] = b
		list = append(list, fmt.Sprintf("{path: docs/%s, kind: other}", n))
	}
	dir := caseFiles(t, "version: 1\ncase: {id: PDFS-1, platform: generic}\nseller: {legal_name: S}\ndocuments: ["+strings.Join(list, ", ")+"]\n", files)
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if out, err := execOut(qpdf, "--check", res.PDF); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	ex := xlsxExhibits(t, res.XLSX)
	for i, n := range slices.Sorted(maps.Keys(docs)) {
		id := fmt.Sprintf("D-%d", i+1)
		text, err := pdftest.PageText(pdftotext, res.PDF, ex[id][0])
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.ToLower(strings.Join(strings.Fields(text), " "))
		if !strings.Contains(text, "Exhibit "+id) || !strings.Contains(flat, strings.ToLower(docs[n])) {
			t.Errorf("%s (%s, page %d) does not show its text %q:\n%.400s", n, id, ex[id][0], docs[n], text)
		}
	}
}

// TestContentCredentialsInThePacket: a photo signed at capture (the
// corpus's Pixel 5, Truepic) is shown with its valid credentials on its
// page and in the statement; a photo whose credentials fail (a tampered
// sample) gets PHOTO_C2PA_INVALID and is not called an original.
func TestContentCredentialsInThePacket(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds with the Content Credentials samples")
	dir := corpusCase(t, "c2pa/camera_Pixel5_Truepic_Lens.jpg", "c2pa/invalid_XCA_data_hash_mismatch.jpg")
	rep, err := checkCase(context.Background(), dir, packet.Options{Date: demoDate})
	if err != nil {
		t.Fatal(err)
	}
	var invalid []string
	for _, f := range rep.Findings {
		if f.Code == "PHOTO_C2PA_INVALID" {
			invalid = append(invalid, f.Exhibit+" "+f.Message)
		}
	}
	if len(invalid) != 1 || !strings.HasPrefix(invalid[0], "P-2 ") || !strings.Contains(invalid[0], "assertion.dataHash.mismatch") {
		t.Errorf("PHOTO_C2PA_INVALID findings: %q, want one for P-2 naming assertion.dataHash.mismatch", invalid)
	}
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true, Overwrite: true})
	if err != nil {
		t.Fatal(err)
	}
	pdftotext := pdftest.Tool(t, "pdftotext")
	text, err := pdftest.PageText(pdftotext, res.PDF, 0)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Content Credentials valid Content Credentials, signed by Truepic Lens SDK",
		"captured with Google Pixel 5", "the file is unchanged since it was signed (its hash matches)",
		"Content Credentials that do not validate (assertion.dataHash.mismatch)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the packet lacks %q", want)
		}
	}
}
