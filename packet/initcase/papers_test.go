package initcase

import (
	"appealpacket/internal/testlevel"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/internal/fixture/paper"
	"appealpacket/internal/i18n"
	"appealpacket/internal/ocrtest"
	"appealpacket/packet/doctext"
	"appealpacket/packet/manifest"
)

// paperFolder writes a scanned certificate (a JPEG), a scanned letter (an
// image-only PDF) and an invoice with a text layer.
func paperFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cert, err := paper.Image([]string{"TRADEMARK REGISTRATION CERTIFICATE", "China National Intellectual Property Administration",
		"Mark: BARTECH", "Registration No.: 12345678", "Registrant: Bartech Electronics (Shenzhen) Co., Ltd."}, 200)
	if err != nil {
		t.Fatal(err)
	}
	var certJPEG bytes.Buffer
	if err := jpeg.Encode(&certJPEG, cert, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	letter, err := paper.Image([]string{"LETTER OF AUTHORIZATION", "授权方：巴泰电子（深圳）有限公司",
		"被授权方：广州明德电子商务有限公司", "授权期限：2025年6月1日至2027年5月31日"}, 200)
	if err != nil {
		t.Fatal(err)
	}
	letterPDF, err := paper.Scan(letter)
	if err != nil {
		t.Fatal(err)
	}
	invoice, err := paper.PDF([]string{"INVOICE", "Invoice No. HX20250917", "Date: 2025-09-17", "Buyer: Guangzhou Mingde E-commerce Co., Ltd."})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"certs/trademark-certificate.jpg": certJPEG.Bytes(), "auth/scan0001.pdf": letterPDF, "other/hx.pdf": invoice} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func initPapers(t *testing.T, ocr string) (*manifest.Manifest, *Result, string) {
	t.Helper()
	return initAndParse(t, paperFolder(t), Options{OCR: ocr})
}

// initAndParse runs Init on dir and parses the case.yaml it wrote.
func initAndParse(t *testing.T, dir string, opts Options) (*manifest.Manifest, *Result, string) {
	t.Helper()
	res, err := Init(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(res.File)
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Parse(text, "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return m, res, string(text)
}

// TestInitReadsPapers: init fills in what a scanned certificate, a scanned
// letter (OCR) and an invoice (text layer) say, each value marked to be
// checked.
func TestInitReadsPapers(t *testing.T) {
	if testing.Short() {
		t.Skip("reads scans by OCR: not in -short")
	}
	tess := ocrtest.Tesseract(t)
	m, res, text := initPapers(t, tess.Command)
	if len(m.Trademarks) != 1 || len(m.Authorizations) != 1 || len(m.Documents) != 1 {
		t.Fatalf("trademarks %d, authorizations %d, documents %d; want 1 each:\n%s", len(m.Trademarks), len(m.Authorizations), len(m.Documents), text)
	}
	tm, a, d := m.Trademarks[0], m.Authorizations[0], m.Documents[0]
	for _, c := range []struct{ field, got, want string }{
		{"mark", tm.Mark, "BARTECH"},
		{"number", tm.Number, "12345678"},
		{"office", tm.Office, "CNIPA"},
		{"owner", tm.Owner, "Bartech Electronics (Shenzhen) Co., Ltd."},
		{"grantor", a.Grantor, "巴泰电子(深圳)有限公司"},
		{"grantee", a.Grantee, "广州明德电子商务有限公司"},
		{"from", a.From.String(), "2025-06-01"},
		{"to", a.To.String(), "2027-05-31"},
		{"invoice title", d.Title, "Invoice HX20250917"},
		{"invoice date", d.Date.String(), "2025-09-17"},
		{"buyer", d.Buyer, "Guangzhou Mingde E-commerce Co., Ltd."},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if n := strings.Count(text, messages.Text(i18n.English, "read")); n != len(res.Read) || n < 11 {
		t.Errorf("%d values marked %q, %d read (%v), want 11 or more", n, messages.Text(i18n.English, "read"), len(res.Read), res.Read)
	}
	t.Logf("filled from the papers: %s", strings.Join(res.Read, ", "))
}

// Without OCR, only the text layer is read: the scans' values stay TODO.
func TestInitWithoutOCR(t *testing.T) {
	m, res, _ := initPapers(t, "off")
	want := []string{"documents[0].buyer", "documents[0].date", "documents[0].title"}
	if !slices.Equal(res.Read, want) {
		t.Errorf("read %v, want %v", res.Read, want)
	}
	if m.Trademarks[0].Number != Placeholder {
		t.Errorf("a scan's number %q without OCR", m.Trademarks[0].Number)
	}
}

// TestLooksLikePaper: scanned pages of text look like paper; photos,
// product pictures on white and blank pages do not.
func TestLooksLikePaper(t *testing.T) {
	en, err := paper.Image([]string{"TRADEMARK REGISTRATION CERTIFICATE", "Registration No.: 12345678", "Mark: BARTECH"}, 150)
	if err != nil {
		t.Fatal(err)
	}
	zh, err := paper.Image([]string{"授权书", "授权方：巴泰电子（深圳）有限公司", "被授权方：广州明德电子商务有限公司"}, 100)
	if err != nil {
		t.Fatal(err)
	}
	blank := image.NewGray(image.Rect(0, 0, 800, 1100))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	product := image.NewRGBA(image.Rect(0, 0, 800, 800)) // a red product on white
	draw.Draw(product, product.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(product, image.Rect(250, 200, 550, 650), image.NewUniform(color.RGBA{200, 30, 40, 255}), image.Point{}, draw.Src)
	tests := []struct {
		name string
		img  image.Image
		want bool
	}{
		{"scanned certificate", en, true},
		{"scanned Chinese letter", zh, true},
		{"blank page", blank, false},
		{"product on white", product, false},
		{"scene", fixture.Scene(1200, 900, 1), false},
		{"discs", fixture.Discs(3, 1200, 900), false},
		{"a thumbnail", image.NewGray(image.Rect(0, 0, 120, 160)), false},
	}
	for _, name := range []string{"listing/main.jpg", "originals/IMG_0412.JPG", "originals/IMG_0415.JPG", "originals/IMG_0431.JPG"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "demo", name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		tests = append(tests, struct {
			name string
			img  image.Image
			want bool
		}{"demo " + name, img, false})
	}
	for _, tt := range tests {
		if got := LooksLikePaper(tt.img); got != tt.want {
			t.Errorf("%s: LooksLikePaper = %v, want %v (%+v)", tt.name, got, tt.want, paperStats(tt.img))
		}
	}
}

// TestInitReadsAnUnnamedScan: a scanned certificate saved as scan0001.png
// (a name that says nothing) is read by OCR and filed under trademarks
// with what it says; a photo beside it stays a listing picture.
func TestInitReadsAnUnnamedScan(t *testing.T) {
	testlevel.SkipIfShort(t, "reads a scan with Tesseract")
	tess := ocrtest.Tesseract(t)
	dir := t.TempDir()
	cert, err := paper.Image([]string{"TRADEMARK REGISTRATION CERTIFICATE", "China National Intellectual Property Administration",
		"Mark: BARTECH", "Registration No.: 12345678", "Registrant: Bartech Electronics (Shenzhen) Co., Ltd."}, 150)
	if err != nil {
		t.Fatal(err)
	}
	for name, img := range map[string]image.Image{"scan0001.png": cert, "photo.png": fixture.Discs(2, 1200, 900)} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, _, text := initAndParse(t, dir, Options{OCR: tess.Command})
	if len(m.Trademarks) != 1 || len(m.Trademarks[0].Files) != 1 || m.Trademarks[0].Files[0].Raw != "scan0001.png" {
		t.Fatalf("trademarks %+v; want scan0001.png:\n%s", m.Trademarks, text)
	}
	if tm := m.Trademarks[0]; tm.Mark != "BARTECH" || tm.Number != "12345678" {
		t.Errorf("mark %q number %q, want BARTECH 12345678", tm.Mark, tm.Number)
	}
	if len(m.Listings) != 1 || len(m.Listings[0].Images) != 1 || m.Listings[0].Images[0].Path.Raw != "photo.png" {
		t.Errorf("listing images %+v, want photo.png only", m.Listings)
	}
}

// TestInitReadsLetterTerms: init fills a letter's territory, its right to
// sublicense and its platforms from its text layer, marked to be checked;
// a letter that withholds sublicensing leaves it false, and a platform it
// denies is not one of its platforms.
func TestInitReadsLetterTerms(t *testing.T) {
	dir := t.TempDir()
	letters := map[string][]string{
		"auth/a-china.pdf": {"LETTER OF AUTHORIZATION", "Licensor: Bartech Electronics (Shenzhen) Co., Ltd.",
			"Licensee: Guangzhou Mingde E-commerce Co., Ltd.", "Territory: mainland China.", "The licensee may sublicense to its own resellers.", "Platforms: AliExpress and Amazon."},
		"auth/b-world.pdf": {"LETTER OF AUTHORIZATION", "Licensor: Guangzhou Mingde E-commerce Co., Ltd.",
			"Licensee: Shenzhen Lumen Home Goods Co., Ltd.", "Geographic scope: worldwide.", "The licensee may not sublicense.", "仅限速卖通平台。", "The licensee shall not sell on Temu."},
	}
	for name, lines := range letters {
		b, err := paper.PDF(lines)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "auth"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, res, text := initAndParse(t, dir, Options{OCR: "off"})
	if len(m.Authorizations) != 2 {
		t.Fatalf("%d authorizations, want 2:\n%s", len(m.Authorizations), text)
	}
	for i, want := range []struct {
		territory  string
		sublicense bool
		platforms  []string
	}{{"mainland China", true, []string{"aliexpress", "amazon"}}, {"worldwide", false, []string{"aliexpress"}}} {
		a := m.Authorizations[i]
		if !slices.Equal(a.Territories, []string{want.territory}) || a.Sublicense != want.sublicense || !slices.Equal(a.Platforms, want.platforms) {
			t.Errorf("%s: territories %q, sublicense %v, platforms %q; want [%s], %v, %q", a.Files[0].Raw, a.Territories, a.Sublicense, a.Platforms, want.territory, want.sublicense, want.platforms)
		}
	}
	for _, key := range []string{"authorizations[0].territories", "authorizations[0].sublicense", "authorizations[1].territories", "authorizations[0].platforms", "authorizations[1].platforms"} {
		if !slices.Contains(res.Read, key) {
			t.Errorf("%s not marked as read from the paper: %v", key, res.Read)
		}
	}
	if slices.Contains(res.Read, "authorizations[1].sublicense") {
		t.Errorf("a withheld sublicence marked as read: %v", res.Read)
	}
}

// TestInitReadsBilingualCertificate: a certificate that prints its labels
// in two languages without colons, and its mark alone on a line (the
// demo's), gives its mark, owner, dates and classes.
func TestInitReadsBilingualCertificate(t *testing.T) {
	dir := t.TempDir()
	cert, err := paper.PDF([]string{"商标注册证 Trademark Registration Certificate", "China National Intellectual Property Administration (CNIPA)",
		"BARTECH", "注册号 Registration No. 12345678", "核定使用商品 Goods (class 9) Earphones", "注册人 Registrant Bartech Electronics (Shenzhen) Co., Ltd.", "注册人地址 Address Nanshan District, Shenzhen",
		"申请日期 Filing date 2020-03-02", "注册日期 Registration date 2021-05-14", "有效期至 Valid until 2031-05-13"})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "certs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "certs", "tm.pdf"), cert, 0o644); err != nil {
		t.Fatal(err)
	}
	m, res, text := initAndParse(t, dir, Options{OCR: "off"})
	if len(m.Trademarks) != 1 {
		t.Fatalf("%d trademarks, want 1:\n%s", len(m.Trademarks), text)
	}
	tm := m.Trademarks[0]
	for _, c := range []struct{ field, got, want string }{
		{"mark", tm.Mark, "BARTECH"}, // alone on its line, without a label
		{"owner", tm.Owner, "Bartech Electronics (Shenzhen) Co., Ltd."},
		{"number", tm.Number, "12345678"},
		{"registered", tm.Registered.String(), "2021-05-14"},
		{"expires", tm.Expires.String(), "2031-05-13"},
		{"classes", fmt.Sprint(tm.Classes), "[9]"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
		if !slices.Contains(res.Read, "trademarks[0]."+c.field) {
			t.Errorf("%s not marked as read from the paper: %v", c.field, res.Read)
		}
	}
}

// TestPartyIn: a bilingual letter's party in the script of the case's
// names, without a note after it; nothing when the paper gives two names
// in that script, or only one name.
func TestPartyIn(t *testing.T) {
	const letter = "Licensor (grantor): Guangzhou Huaxin Trading Co., Ltd.\nLicensee (grantee): Shenzhen Lumen Home Goods Co., Ltd. (store: Lumen Home Store)\n" +
		"授权方：广州华信贸易有限公司\n被授权方：深圳市流明家居用品有限公司"
	for _, tt := range []struct {
		name, text string
		f          doctext.Field
		han        bool
		want       string
	}{
		{"Latin grantor", letter, doctext.Grantor, false, "Guangzhou Huaxin Trading Co., Ltd."},
		{"Chinese grantor", letter, doctext.Grantor, true, "广州华信贸易有限公司"},
		{"Latin grantee, its note left out", letter, doctext.Grantee, false, "Shenzhen Lumen Home Goods Co., Ltd."},
		{"Chinese grantee", letter, doctext.Grantee, true, "深圳市流明家居用品有限公司"},
		{"two Latin names", "Grantee: A Ltd\nGrantee: B Ltd\n被授权方：甲公司", doctext.Grantee, false, ""},
		{"one name only", "Grantee: A Ltd", doctext.Grantee, false, ""},
		{"a parenthesis that is part of the name", "Licensor: Bartech Electronics (Shenzhen) Co., Ltd.\n授权方：巴泰电子（深圳）有限公司", doctext.Grantor, false, "Bartech Electronics (Shenzhen) Co., Ltd."},
	} {
		if got := partyIn(tt.text, tt.f, tt.han); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
