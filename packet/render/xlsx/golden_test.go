package xlsx

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the workbooks drawn (look at the diff before committing)")

// onePage measures every section at one page.
type onePage struct{}

func (onePage) Pages(*plan.Plan, plan.Section) int { return 1 }

// handPlan is the plan of a small case built in memory: a listing with
// its picture, two photos (one from a phone, one with no capture time), a
// trademark certificate of two pages and the letter that authorizes the
// seller, numbered and paginated as a build does, with one finding.
func handPlan(lang string) *plan.Plan {
	path := func(name string) manifest.Path { return manifest.Path{Raw: name, Rel: name, Abs: "/case/" + name} }
	date := func(y int, m time.Month, d int) manifest.Date { return manifest.NewDate(y, m, d) }
	m := &manifest.Manifest{
		Case: manifest.Case{ID: "C-1", Platform: "aliexpress", Type: "image-theft", Language: lang,
			ComplaintDate: date(2024, time.March, 20), Prepared: date(2024, time.March, 25)},
		Seller:   manifest.Seller{LegalName: "Lumen Co., Ltd.", Store: "Lumen Store"},
		Listings: []manifest.Listing{{ID: "L1", Title: "Wireless earbuds", Published: date(2023, time.November, 2), Images: []manifest.ListingImage{{Path: path("web.jpg")}}}},
		Photos:   []manifest.Photo{{Path: path("a.jpg"), Listing: "L1"}, {Path: path("b.jpg"), Listing: "L1", Note: "the case, open"}},
		Trademarks: []manifest.Trademark{{ID: "TM1", Mark: "BARTECH", Number: "12345678", Office: "CNIPA", Classes: []int{9},
			Owner: "Bartech Co., Ltd.", Status: "registered", Registered: date(2021, time.May, 14), Expires: date(2031, time.May, 13),
			Files: []manifest.Path{path("cert.pdf")}}},
		Authorizations: []manifest.Authorization{{ID: "AUTH1", Grantor: "Bartech Co., Ltd.", Grantee: "Lumen Co., Ltd.", Trademarks: []string{"TM1"},
			Platforms: []string{"aliexpress"}, Territories: []string{"worldwide"}, From: date(2023, time.January, 1), To: date(2025, time.December, 31),
			Files: []manifest.Path{path("loa.pdf")}}},
	}
	camera := func(make, model, taken string) *exif.Meta {
		return &exif.Meta{FileType: "JPEG", HasEXIF: true, Make: make, Model: model, DateTimeOriginal: taken, ImageWidth: 4032, ImageHeight: 3024}
	}
	items := map[string]*evidence.Item{
		"web.jpg":  {Role: evidence.ListingImage, Format: "JPEG", Size: 81_234, Pages: 1},
		"a.jpg":    {Role: evidence.Photo, Format: "JPEG", Size: 3_456_789, Pages: 1, Meta: camera("Apple", "iPhone 13", "2023:10:14 10:21:37")},
		"b.jpg":    {Role: evidence.Photo, Format: "JPEG", Size: 2_345_678, Pages: 1, Meta: camera("Canon", "Canon EOS 90D", "")},
		"cert.pdf": {Role: evidence.TrademarkFile, Format: "PDF", Size: 123_456, Pages: 2},
		"loa.pdf":  {Role: evidence.AuthorizationFile, Format: "PDF", Size: 45_678, Pages: 1},
	}
	for name, it := range items {
		it.Path = path(name)
		it.SHA256 = fmt.Sprintf("%064x", len(name)*7919+int(it.Size))
	}
	set := exhibit.Number(m, items)
	p := plan.New(set, plan.Content{Findings: finding.List{{Code: "PHOTO_NO_CAPTURE_TIME", Severity: finding.Warning, Exhibit: "P-2", File: "b.jpg",
		Message: "b.jpg has no capture time.", Hint: "Use the camera's own file."}}})
	p.Paginate([]plan.Section{plan.Cover, plan.Statement, plan.Index}, onePage{})
	return p
}

// cells lists every cell of every sheet, in order, one per line:
// "Sheet!A1 = value", with " -> target" for a link.
func cells(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fmt.Fprintf(&b, "%s!%s = %s", sheet, ref, strings.ReplaceAll(v, "\n", `\n`))
				if ok, target, _ := f.GetCellHyperLink(sheet, ref); ok {
					fmt.Fprintf(&b, " -> %s", target)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// TestGoldenCells pins every cell of the index workbook of a hand-built
// plan, in English and in Chinese (testdata/cells-*.golden; -update
// rewrites them).
func TestGoldenCells(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			var b bytes.Buffer
			opts := Options{Created: time.Date(2024, time.March, 25, 0, 0, 0, 0, time.UTC), Creator: "appealpacket test",
				PDFName: "C-1-packet.pdf", FindingsSheet: true}
			if err := Render(handPlan(lang), &b, opts); err != nil {
				t.Fatal(err)
			}
			got := cells(t, b.Bytes())
			golden := filepath.Join("testdata", "cells-"+lang+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./packet/render/xlsx -update writes it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := range max(len(gl), len(wl)) {
					g, w := line(gl, i), line(wl, i)
					if g != w {
						t.Errorf("line %d:\n got  %s\n want %s", i+1, g, w)
						break
					}
				}
			}
		})
	}
}

func line(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(none)"
}
