package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/fixture"
	"appealpacket/internal/pdftest"
	"appealpacket/packet/check"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
	"appealpacket/packet/plan"
)

// listingPacket draws a packet of one listing picture and two photos, the
// listing picture's origins set by origins, and returns the PDF's path and
// its plan.
func listingPacket(t *testing.T, origins func(p *plan.Plan) []exhibit.Origin) (string, *plan.Plan) {
	t.Helper()
	return listingPacketDrawn(t, origins, nil, nil)
}

// listingPacketDrawn is listingPacket recording every line of text drawn
// in drawn (when not nil), with findings.
func listingPacketDrawn(t *testing.T, origins func(p *plan.Plan) []exhibit.Origin, drawn *[]drawnLine, findings finding.List) (string, *plan.Plan) {
	t.Helper()
	dir := t.TempDir()
	m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1, complaint_date: 2024-03-20}
seller: {legal_name: "Lumen Co., Ltd."}
listings: [{id: "1005", published: 2023-11-02, images: [l.jpg]}]
photos: [{path: p1.jpg}, {path: p2.jpg}]
`), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*evidence.Item{}
	add := func(p *manifest.Path, seed int, meta *exif.Meta) {
		p.Rel = p.Raw
		b, err := fixture.JPEG(fixture.Discs(seed, 800, 600), 80, nil)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, p.Raw)
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		items[p.Rel] = &evidence.Item{Path: *p, Format: "JPEG", Size: int64(len(b)), Pages: 1, Meta: meta,
			Display: &evidence.Display{File: file, Width: 800, Height: 600, Orientation: 1, Original: true}}
	}
	cam := &exif.Meta{HasEXIF: true, Make: "Canon", Model: "Canon EOS 90D", DateTimeOriginal: "2023:10:14 10:00:00"}
	add(&m.Listings[0].Images[0].Path, 1, nil)
	add(&m.Photos[0].Path, 1, cam)
	add(&m.Photos[1].Path, 2, cam)
	// p2.jpg is a copy that kept the camera's EXIF (as with build --force).
	items["p2.jpg"].Originality = &evidence.Originality{Derived: true, Reasons: []evidence.Sign{evidence.NewSign(evidence.SignResized, "400", "300", "800", "600")}}
	set := exhibit.Number(m, items)
	p := plan.New(set, plan.Content{Statement: "To the platform.\n\nOur statement.", Findings: findings})
	p.Exhibit("L-1").Comparison = &exhibit.Comparison{Compared: true, Origins: origins(p)}
	fonts, err := LoadFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Paginate([]plan.Section{plan.Cover, plan.Statement, plan.Index}, NewMeasurer(fonts))
	var buf bytes.Buffer
	if _, err := Render(p, fonts, &buf, Options{Created: time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC), Producer: "test", drawn: drawn}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "packet.pdf")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, p
}

func TestListingPageShowsOnlyItsOriginal(t *testing.T) {
	for _, tt := range []struct {
		name        string
		origins     func(p *plan.Plan) []exhibit.Origin
		listingPage int      // pictures drawn on L-1's page
		keyEvidence int      // pictures drawn on the statement's first page
		text        []string // on L-1's page
		not         []string // not on L-1's page
		key         string   // in the key evidence, when not ""
	}{
		{"matched", func(p *plan.Plan) []exhibit.Origin {
			return []exhibit.Origin{{Original: p.Exhibit("P-1"), How: exhibit.Matched, Distance: 4, Region: match.Region{X0: 0.1, Y0: 0.1, X1: 0.9, Y1: 0.9}}}
		}, 2, 2, []string{"Made from original P-1 (matched, distance 4 of 100)", "Original photo P-1 (matched, distance 4 of 100)"},
			[]string{"not its camera's original"}, "L-1 was made from P-1 Matched: distance 4 of 100"},
		// The only photo the listing picture matches is a copy found
		// resized: the packet says so wherever it names it.
		{"matched a copy", func(p *plan.Plan) []exhibit.Origin {
			return []exhibit.Origin{{Original: p.Exhibit("P-2"), How: exhibit.Matched, Distance: 6, Region: match.Region{X0: 0.1, Y0: 0.1, X1: 0.9, Y1: 0.9}}}
		}, 2, 2, []string{"Made from P-2 (matched, distance 6 of 100), which is not its camera's original file",
			"Made from P-2, not its camera's original file (matched, distance 6 of 100)"},
			[]string{"Made from original", "Original photo"}, "P-2 is not its camera's original file (see its page)."},
		{"declared", func(p *plan.Plan) []exhibit.Origin {
			return []exhibit.Origin{{Original: p.Exhibit("P-2"), How: exhibit.Declared, SellerDeclared: true, Distance: 47}}
		}, 2, 2, []string{"Declared by the seller: made from P-2 (not confirmed by comparison)"}, nil, ""},
		{"no original", func(*plan.Plan) []exhibit.Origin { return nil }, 1, 0,
			[]string{"No photo in this packet was found to be the original of this listing picture."}, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path, p := listingPacket(t, tt.origins)
			draws, err := pdftest.PageDraws(path)
			if err != nil {
				t.Fatal(err)
			}
			l := p.First(p.Exhibit("L-1"))
			if got := len(draws[l-1]); got != tt.listingPage {
				t.Errorf("L-1's page %d draws %d pictures %v, want %d", l, got, draws[l-1], tt.listingPage)
			}
			if got := len(draws[1]); got != tt.keyEvidence {
				t.Errorf("the statement's first page draws %d pictures, want %d", got, tt.keyEvidence)
			}
			pdftotext := pdftest.Tool(t, "pdftotext")
			text, err := pdftest.PageText(pdftotext, path, l)
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range append(tt.text, "File l.jpg") {
				if !strings.Contains(flat, w) {
					t.Errorf("L-1's page lacks %q:\n%s", w, text)
				}
			}
			for _, w := range append(tt.not, "Original file") {
				if strings.Contains(flat, w) {
					t.Errorf("L-1's page says %q:\n%s", w, text)
				}
			}
			if tt.key != "" {
				text, err := pdftest.PageText(pdftotext, path, 2)
				if err != nil {
					t.Fatal(err)
				}
				if flat := strings.Join(strings.Fields(text), " "); !strings.Contains(flat, tt.key) {
					t.Errorf("the key evidence lacks %q:\n%s", tt.key, text)
				}
			}
			for _, tt := range []struct{ id, want, not string }{{"P-1", "Original file p1.jpg", "Edited after capture"},
				{"P-2", "Edited after capture It is 400×300 pixels but its EXIF says the camera wrote 800×600, so it was resized after it was taken File p2.jpg", "Original file"}} {
				text, err := pdftest.PageText(pdftotext, path, p.First(p.Exhibit(tt.id)))
				if err != nil {
					t.Fatal(err)
				}
				flat := strings.Join(strings.Fields(text), " ")
				if !strings.Contains(flat, tt.want) || tt.not != "" && strings.Contains(flat, tt.not) {
					t.Errorf("%s's page should say %q (not %q):\n%s", tt.id, tt.want, tt.not, text)
				}
			}
		})
	}
}

// TestLongTitlesKeepExhibitsOnTheirPages: a title of thousands of
// characters typed into case.yaml is cut, and the packet keeps its plan.
func TestLongTitlesKeepExhibitsOnTheirPages(t *testing.T) {
	long := strings.Repeat("Purchase invoice from Guangzhou Huaxin Trading ", 70) // 3,290 characters
	path, p := listingPacket(t, func(p *plan.Plan) []exhibit.Origin {
		p.Exhibit("P-1").Title = long
		p.Manifest.Listings[0].Title = long
		return nil
	})
	pdftotext := pdftest.Tool(t, "pdftotext")
	text, err := pdftest.PageText(pdftotext, path, p.First(p.Exhibit("P-1")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "…") || strings.Count(text, "Guangzhou") > 30 {
		t.Errorf("the long title is not cut:\n%s", text)
	}
}

// TestCoverVerdictIsAboutTheEvidence: the cover's verdict counts the
// findings about the evidence and says so; the seller's deadline is not
// one of them. A photo the findings show is not its camera's original
// (here no EXIF) is labelled "File", not "Original file", on its page.
func TestCoverVerdictIsAboutTheEvidence(t *testing.T) {
	pdftotext := pdftest.Tool(t, "pdftotext")
	deadline := finding.Finding{Code: "APPEAL_DEADLINE_SOON", Severity: finding.Warning, Message: "today is the last day"}
	noEXIF := finding.Finding{Code: check.PhotoNoEXIF, Severity: finding.Warning, Exhibit: "P-1", File: "p1.jpg", Message: "p1.jpg carries no EXIF"}
	blocking := finding.Finding{Code: check.PhotoNotOriginal, Severity: finding.Error, Exhibit: "P-2", File: "p2.jpg", Message: "p2.jpg is resized"}
	for _, tt := range []struct {
		findings finding.List
		want     string
	}{
		{finding.List{deadline}, "Ready: every check of the evidence passed."},
		{finding.List{deadline, noEXIF}, "Ready: no blocking issue in the evidence."},
		{finding.List{deadline, noEXIF, blocking}, "NOT READY: 1 blocking issue, 1 warning in the evidence."},
	} {
		path, p := listingPacketDrawn(t, func(p *plan.Plan) []exhibit.Origin { return nil }, nil, tt.findings)
		text, err := pdftest.PageText(pdftotext, path, 1)
		if err != nil {
			t.Fatal(err)
		}
		if flat := strings.Join(strings.Fields(text), " "); !strings.Contains(flat, tt.want) {
			t.Errorf("%d findings: the cover should say %q:\n%s", len(tt.findings), tt.want, text)
		}
		text, err = pdftest.PageText(pdftotext, path, p.First(p.Exhibit("P-1")))
		if err != nil {
			t.Fatal(err)
		}
		want, not := "Original file p1.jpg", "File p1.jpg (" // p1.jpg has EXIF unless noEXIF says otherwise
		if slices.Contains(tt.findings, noEXIF) {
			want, not = "File p1.jpg", "Original file"
		}
		if flat := strings.Join(strings.Fields(text), " "); !strings.Contains(flat, want) || strings.Contains(flat, not) {
			t.Errorf("%d findings: P-1's page should say %q, not %q:\n%s", len(tt.findings), want, not, text)
		}
	}
}
