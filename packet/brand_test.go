package packet_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/testlevel"

	"appealpacket/internal/fixture"
	"appealpacket/internal/pdftest"
	"appealpacket/packet"
)

// twoBrands is the demo case with a second brand, NOVA: its certificate,
// a letter from its owner to the seller, a listing whose picture was cut
// from a photo of its own, and an invoice of NOVA goods only. The demo's
// invoice names no trademark: it goes into both packets. %NOVA_LETTER%
// is the NOVA letter's files.
const twoBrands = `version: 1
case: {id: IPP-2024-0001234, platform: aliexpress, complaint_date: 2024-03-20, prepared: 2024-03-25}
seller: {legal_name: "Shenzhen Lumen Home Goods Co., Ltd."}
listings:
  - {id: "1005006543210", published: 2023-11-02, images: [listing/main.jpg], trademarks: [TM1]}
  - {id: "1005006999999", published: 2023-12-01, images: [listing/nova-lamp.jpg], trademarks: [TM2]}
photos:
  - {path: originals/, listing: "1005006543210"}
  - {path: nova/NV_0001.JPG}
trademarks:
  - {id: TM1, mark: BARTECH, number: "12345678", office: CNIPA, classes: [9], owner: "Bartech Electronics (Shenzhen) Co., Ltd.",
     registered: 2021-05-14, expires: 2031-05-13, files: [certs/tm-bartech-12345678.pdf]}
  - {id: TM2, mark: NOVA, number: "87654321", office: CNIPA, classes: [11], owner: "Nova Lighting (Ningbo) Co., Ltd.",
     registered: 2020-08-07, expires: 2030-08-06, files: [certs/tm-nova.pdf]}
authorizations:
  - {id: AUTH1, grantor: "Bartech Electronics (Shenzhen) Co., Ltd.", grantee: "Guangzhou Huaxin Trading Co., Ltd.", trademarks: [TM1],
     platforms: [aliexpress, amazon], territories: [worldwide], goods: "earphones (class 9)", sublicense: true, from: 2023-01-01, to: 2025-12-31, files: [auth/loa-bartech-huaxin.pdf]}
  - {id: AUTH2, grantor: "Guangzhou Huaxin Trading Co., Ltd.", grantee: "Shenzhen Lumen Home Goods Co., Ltd.", trademarks: [TM1],
     platforms: [aliexpress], territories: [worldwide], goods: "earphones (class 9)", from: 2023-06-01, to: 2025-05-31, files: [auth/loa-huaxin-lumen.pdf]}
  - {id: AUTH3, grantor: "Nova Lighting (Ningbo) Co., Ltd.", grantee: "Shenzhen Lumen Home Goods Co., Ltd.", trademarks: [TM2],
     platforms: [aliexpress], territories: [worldwide], goods: "desk lamps (class 11)", from: 2023-01-01, to: 2025-12-31, files: [%NOVA_LETTER%]}
documents:
  - {path: other/invoice-HX20230917.pdf, kind: invoice, title: "Purchase invoice HX20230917", date: 2023-09-17}
  - {path: other/invoice-nova.pdf, kind: invoice, title: "Purchase invoice NV-2023-118", date: 2023-10-09, trademarks: [TM2]}
`

// twoBrandCase writes twoBrands over a copy of the demo; noListingBrand
// drops the trademarks of the second listing, noNovaLetter the NOVA
// letter's file (its chain is then broken).
func twoBrandCase(t *testing.T, manifest string, noNovaLetter bool) string {
	t.Helper()
	dir := t.TempDir()
	if err := fixture.CopyTree(demo, dir); err != nil {
		t.Fatal(err)
	}
	papers := map[string][]string{
		"certs/tm-nova.pdf": {"TRADEMARK REGISTRATION CERTIFICATE", "Mark: NOVA", "Registration No.: 87654321", "Registrant: Nova Lighting (Ningbo) Co., Ltd.", "Goods: class 11, desk lamps"},
		"auth/loa-nova.pdf": {"LETTER OF AUTHORIZATION", "Grantor: Nova Lighting (Ningbo) Co., Ltd.", "Grantee: Shenzhen Lumen Home Goods Co., Ltd.",
			"Trademark: NOVA, registration No. 87654321", "Term: from 2023-01-01 to 2025-12-31."},
		"other/invoice-nova.pdf": {"INVOICE", "Invoice No. NV-2023-118", "Date: 2023-10-09", "Seller: Nova Lighting (Ningbo) Co., Ltd.",
			"Buyer: Shenzhen Lumen Home Goods Co., Ltd.", "NOVA desk lamps, 50 pcs"},
	}
	letter := "auth/loa-nova.pdf"
	if noNovaLetter {
		delete(papers, letter)
		letter = "auth/loa-nova-missing.pdf"
	}
	files := map[string][]byte{}
	for name, lines := range papers {
		_, files[name] = paperFile(t, lines, "pdf")
	}
	files["nova/NV_0001.JPG"] = scene(t, 7, camera("2023:10:20 14:00:00"), 1600, 1200)
	cut := image.Rect(200, 100, 1300, 1100)
	files["listing/nova-lamp.jpg"] = madeOnce(t, fmt.Sprintf("scene 7 1600x1200 cut %v to 880x800", cut), func() ([]byte, error) {
		return fixture.JPEG(fixture.Cut(fixture.Discs(7, 1600, 1200), cut, 880, 800), 90, nil)
	})
	files["case.yaml"] = []byte(strings.ReplaceAll(manifest, "%NOVA_LETTER%", letter))
	writeFiles(t, dir, files)
	return dir
}

// --per-brand on a case of two brands: two packets, each ready, each with
// only its brand's exhibits (and the invoice that names no brand).
func TestBuildPerBrand(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds a packet per brand")
	pdftotext := pdftest.Tool(t, "pdftotext")
	dir := twoBrandCase(t, twoBrands, false)
	out := t.TempDir()
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, PerBrand: true, OCR: "off"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Brands) != 2 || len(res.PhotosLeftOut) != 0 {
		t.Fatalf("%d brand packets (want 2), photos left out %v", len(res.Brands), res.PhotosLeftOut)
	}
	tests := []struct {
		brand, pdf, xlsx string
		exhibits         []string // in its index
		has, hasNot      []string // in the PDF's text
	}{
		{brand: "BARTECH", pdf: "IPP-2024-0001234-bartech-packet.pdf", xlsx: "IPP-2024-0001234-bartech-index.xlsx",
			exhibits: []string{"L-1", "P-1", "P-2", "P-3", "T-1", "A-1", "A-2", "D-1"},
			has:      []string{"IMG_0412.JPG", "tm-bartech-12345678.pdf", "loa-huaxin-lumen.pdf", "invoice-HX20230917.pdf"},
			hasNot:   []string{"NV_0001", "tm-nova", "loa-nova", "invoice-nova", "87654321", "NOT READY"}},
		{brand: "NOVA", pdf: "IPP-2024-0001234-nova-packet.pdf", xlsx: "IPP-2024-0001234-nova-index.xlsx",
			exhibits: []string{"L-1", "P-1", "T-1", "A-1", "D-1", "D-2"},
			has:      []string{"NV_0001.JPG", "tm-nova.pdf", "loa-nova.pdf", "invoice-nova.pdf", "invoice-HX20230917.pdf", "87654321"},
			hasNot:   []string{"IMG_04", "tm-bartech", "loa-bartech", "loa-huaxin", "12345678", "NOT READY"}},
	}
	for i, tt := range tests {
		t.Run(tt.brand, func(t *testing.T) {
			b := res.Brands[i]
			if b.Brand != tt.brand || filepath.Base(b.PDF) != tt.pdf || filepath.Base(b.XLSX) != tt.xlsx {
				t.Fatalf("packet %d: brand %q, %s and %s; want %s, %s and %s", i, b.Brand, b.PDF, b.XLSX, tt.brand, tt.pdf, tt.xlsx)
			}
			if b.Findings.Blocking() {
				t.Errorf("the %s packet is not ready on its own: %v", tt.brand, b.Findings)
			}
			if filepath.Dir(b.PDF) != out {
				t.Errorf("%s not written into %s", b.PDF, out)
			}
			ex := xlsxExhibits(t, b.XLSX)
			if len(ex) != len(tt.exhibits) {
				t.Errorf("index lists %d exhibits %v, want %v", len(ex), ex, tt.exhibits)
			}
			for _, id := range tt.exhibits {
				if _, ok := ex[id]; !ok {
					t.Errorf("index lacks %s: %v", id, ex)
				}
			}
			text, err := pdftest.PageText(pdftotext, b.PDF, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.has {
				if !strings.Contains(text, s) {
					t.Errorf("the %s packet does not show %q", tt.brand, s)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(text, s) {
					t.Errorf("the %s packet shows %q", tt.brand, s)
				}
			}
		})
	}
	if entries, _ := os.ReadDir(out); len(entries) != 4 {
		t.Errorf("%d files written, want two PDFs and two indexes", len(entries))
	}
}

// --per-brand refuses a case whose listings do not name their brand, and
// writes nothing when one brand's packet is not ready; a case of one brand
// gets its usual packet.
func TestBuildPerBrandRefuses(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds per-brand cases")
	tests := []struct {
		name         string
		manifest     string
		noNovaLetter bool
		wantErr      string
		notReady     string // the brand whose packet is not ready
		pdf          string // the one packet written
	}{
		{name: "listing without brand", manifest: strings.Replace(twoBrands, ", trademarks: [TM2]}\nphotos", "}\nphotos", 1),
			wantErr: "--per-brand: 1 listing does not say which trademark it carries: 1005006999999 ("},
		{name: "one brand's chain broken", manifest: twoBrands, noNovaLetter: true, notReady: "NOVA"},
		{name: "one brand", manifest: strings.NewReplacer("mark: NOVA", "mark: Bartech").Replace(twoBrands), pdf: "IPP-2024-0001234-packet.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := twoBrandCase(t, tt.manifest, tt.noNovaLetter)
			out := filepath.Join(t.TempDir(), "out")
			res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, PerBrand: true, OCR: "off"})
			var nbe *packet.NoBrandError
			nr, notReady := packet.IsNotReady(err)
			switch {
			case tt.wantErr != "":
				if !errors.As(err, &nbe) || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "case.yaml:6:5). Add `trademarks: [ID]` to it in case.yaml, from TM1 (BARTECH), TM2 (NOVA)") {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
			case tt.notReady != "":
				if !notReady || nr.Brand != tt.notReady || !strings.Contains(err.Error(), "the packet of brand "+tt.notReady) {
					t.Fatalf("error %v, want brand %s not ready", err, tt.notReady)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Brands) != 0 || filepath.Base(res.PDF) != tt.pdf {
					t.Errorf("%d brand packets, PDF %s; want one packet %s", len(res.Brands), res.PDF, tt.pdf)
				}
				return
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused build wrote %s", out)
			}
		})
	}
}

// smallBrands is a case of two brands the seller owns, each with a listing,
// one photo and its registration certificate: 11 pages, 8 a brand.
const smallBrands = `version: 1
case: {id: C-1, platform: aliexpress, complaint_date: 2024-03-20, prepared: 2024-03-21}
seller: {legal_name: "Lumen Co., Ltd."}
listings:
  - {id: "L1", published: 2023-11-02, trademarks: [TM1]}
  - {id: "L2", published: 2023-12-01, trademarks: [TM2]}
photos:
  - {path: bartech.jpg, listing: L1}
  - {path: nova.jpg, listing: L2}
trademarks:
  - {id: TM1, mark: BARTECH, number: "12345678", office: CNIPA, classes: [9], owner: "Lumen Co., Ltd.",
     registered: 2021-05-14, expires: 2031-05-13, files: [tm-bartech.pdf]}
  - {id: TM2, mark: NOVA, number: "87654321", office: CNIPA, classes: [11], owner: "Lumen Co., Ltd.",
     registered: 2020-08-07, expires: 2030-08-06, files: [tm-nova.pdf]}
`

// --per-brand with a channel that takes pictures: each brand's pages and
// originals under its own names, within a file count the whole case
// exceeds; without --per-brand the error's plan proposes it. On a case of
// one photo and one paper a brand.
func TestBuildPerBrandChannel(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("draws every page with PDFium: not in -short")
	}
	files := map[string][]byte{
		"bartech.jpg": photo(t, 0, camera("2023:10:14 10:00:00")),
		"nova.jpg":    photo(t, 1, camera("2023:10:20 14:00:00")),
	}
	for name, lines := range map[string][]string{
		"tm-bartech.pdf": {"TRADEMARK REGISTRATION CERTIFICATE", "Mark: BARTECH", "Registration No.: 12345678", "Registrant: Lumen Co., Ltd.", "Goods: class 9, earphones"},
		"tm-nova.pdf":    {"TRADEMARK REGISTRATION CERTIFICATE", "Mark: NOVA", "Registration No.: 87654321", "Registrant: Lumen Co., Ltd.", "Goods: class 11, desk lamps"},
	} {
		_, files[name] = paperFile(t, lines, "pdf")
	}
	dir := caseFiles(t, smallBrands, files)
	prof := filepath.Join(t.TempDir(), "shop.yaml")
	if err := os.WriteFile(prof, []byte("name: shop\naccepted_types: [pdf, jpg]\nchannels:\n  - {name: pictures, accepted_types: [jpg], max_files: 10, originals: true}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := packet.Options{OutDir: t.TempDir(), ProfileFile: prof, Channel: "pictures", OCR: "off", Date: demoDate}
	_, err := buildCase(context.Background(), dir, opts)
	var many *packet.TooManyFilesError
	if !errors.As(err, &many) || !strings.Contains(err.Error(), "build with --per-brand: the case holds 2 brands") {
		t.Fatalf("the whole case for 10 files: %v", err)
	}
	opts.PerBrand = true
	res, err := buildCase(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Brands) != 2 {
		t.Fatalf("%d brand packets, want 2", len(res.Brands))
	}
	for i, want := range []struct {
		slug, original string
		originals      int
	}{{"bartech", "C-1-bartech-P-1-original.jpg", 1}, {"nova", "C-1-nova-P-1-original.jpg", 1}} {
		b := res.Brands[i]
		ch := b.Channel
		if ch == nil || !ch.Pictures || len(ch.Originals) != want.originals || len(b.Files) != ch.Pages+want.originals || len(b.Files) > 10 {
			t.Fatalf("%s: channel result %+v, %d files", want.slug, ch, len(b.Files))
		}
		for k, f := range b.Files {
			name := filepath.Base(f.Path)
			if k < ch.Pages && !strings.HasPrefix(name, "C-1-"+want.slug+"-p") {
				t.Errorf("%s: page %d is %s", want.slug, k+1, name)
			}
		}
		if got := filepath.Base(b.Files[ch.Pages].Path); got != want.original {
			t.Errorf("%s: first original %s, want %s", want.slug, got, want.original)
		}
		if got, err := os.ReadFile(b.Files[ch.Pages].Path); err != nil || !bytes.Equal(got, files[want.slug+".jpg"]) {
			t.Errorf("%s: the original written is not %s.jpg byte for byte (%v)", want.slug, want.slug, err)
		}
	}
}
