package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/pdftest"
	"appealpacket/packet/chain"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// longName is a company name of n characters.
func longName(base string, n int) string {
	s := base + " International Consumer Electronics Import Export Trading Brand Management and Logistics Services Group"
	for len(s) < n-11 {
		s += " Holdings"
	}
	return s[:n-11] + " Co., Ltd."
}

// chainCase returns a case with its authorizations (one per line of
// letters: grantor index, grantee index, from, to), parties[0] owning the
// mark and the last party the seller.
func chainCase(parties []string, listing, complaint, registered string, letters [][4]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `version: 1
case: {id: C-1, platform: aliexpress, complaint_date: %s}
seller: {legal_name: %q, store: "Lumen Store"}
listings: [{id: "1005006543210", published: %s}]
trademarks:
  - {id: TM1, mark: BARTECH, number: "12345678", owner: %q, status: registered, registered: %s, expires: 2031-05-13, files: [tm.pdf]}
authorizations:
`, complaint, parties[len(parties)-1], listing, parties[0], registered)
	for i, l := range letters {
		var g, e int
		fmt.Sscan(l[0], &g)
		fmt.Sscan(l[1], &e)
		fmt.Fprintf(&b, "  - {grantor: %q, grantee: %q, trademarks: [TM1], platforms: [aliexpress], territories: [worldwide], sublicense: true, goods: \"earphones and charging cases (class 9)\", from: %s, to: %s, files: [a%d.pdf]}\n",
			parties[g], parties[e], l[2], l[3], i+1)
	}
	return b.String()
}

// chainDoc draws the chain and timeline pages of a case, recording every
// text box, and returns the doc and the boxes.
func chainDoc(t *testing.T, src string, findings ...finding.Finding) (*doc, []textBox) {
	t.Helper()
	m, err := manifest.Parse([]byte(src), "case.yaml")
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	items := map[string]*evidence.Item{}
	add := func(p *manifest.Path) {
		p.Rel = p.Raw
		items[p.Rel] = &evidence.Item{Path: *p, Format: "PDF", Pages: 1, Size: 1000}
	}
	for i := range m.Trademarks {
		for j := range m.Trademarks[i].Files {
			add(&m.Trademarks[i].Files[j])
		}
	}
	for i := range m.Authorizations {
		for j := range m.Authorizations[i].Files {
			add(&m.Authorizations[i].Files[j])
		}
	}
	set := exhibit.Number(m, items)
	idOf := func(k exhibit.Kind) func(string) string {
		return func(id string) string {
			if e := set.ExhibitFor(k, id); e != nil {
				return e.ID
			}
			return ""
		}
	}
	p := plan.New(set, plan.Content{Findings: findings, Chains: chain.Analyze(m, chain.Exhibits{Trademark: idOf(exhibit.Trademark), Authorization: idOf(exhibit.Authorization)})})
	fonts, err := LoadFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	d := newDoc(fonts, p, 0, map[rune]bool{})
	var boxes []textBox
	d.boxes = &boxes
	d.chainPages()
	d.timeline()
	return d, boxes
}

// writePDF writes the doc's pages to a file and returns its path.
func writePDF(t *testing.T, d *doc) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pages.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.pdf.Output(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// longCase is 120-character company names, a link of 10 letters and a
// 15-year span.
func longCase() string {
	parties := []string{longName("Bartech Electronics Shenzhen", 120), longName("Guangzhou Huaxin Trading", 120), longName("Shenzhen Lumen Home Goods", 120)}
	var letters [][4]string
	start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10 {
		from := start.AddDate(0, 18*i, 0)
		to := from.AddDate(0, 18, -1)
		if i == 9 {
			to = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
		}
		letters = append(letters, [4]string{"0", "1", from.Format(time.DateOnly), to.Format(time.DateOnly)})
	}
	letters = append(letters, [4]string{"1", "2", "2010-06-01", "2026-05-31"})
	return chainCase(parties, "2011-03-01", "2025-06-10", "2009-05-14", letters)
}

// TestChainPagesTextFits checks that every text box the chain and timeline
// pages draw holds its measured text, stays on the page, and that tick
// labels and notes never overlap.
func TestChainPagesTextFits(t *testing.T) {
	demo := chainCase([]string{"Bartech Electronics (Shenzhen) Co., Ltd.", "Guangzhou Huaxin Trading Co., Ltd.", "Shenzhen Lumen Home Goods Co., Ltd."},
		"2023-11-02", "2024-03-20", "2021-05-14", [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}, {"1", "2", "2023-06-01", "2025-05-31"}})
	for name, src := range map[string]string{"long names, 10 letters, 15 years": longCase(), "demo": demo} {
		t.Run(name, func(t *testing.T) {
			_, boxes := chainDoc(t, src)
			kinds := map[string]int{}
			for _, b := range boxes {
				kinds[b.kind]++
				for _, l := range b.lines {
					if l.width > b.w+0.01 {
						t.Errorf("%s %q is %.2f mm wide, its box %.2f mm", b.kind, b.text(), l.width, b.w)
					}
				}
				if h := linesHeight(b.lines); h > b.h+0.01 {
					t.Errorf("%s %q is %.2f mm high, its box %.2f mm", b.kind, b.text(), h, b.h)
				}
				if b.x < marginX-0.01 || b.x+b.w > pageW-marginX+0.01 || b.y < contentTop-0.01 || b.y+b.h > contentBot+0.01 {
					t.Errorf("%s %q at (%.1f, %.1f) %.1f×%.1f mm leaves the page's content area", b.kind, b.text(), b.x, b.y, b.w, b.h)
				}
			}
			for _, k := range []string{"summary", "party", "link label", "row label", "tick", "note"} {
				if kinds[k] == 0 {
					t.Errorf("no %s box drawn (boxes: %v)", k, kinds)
				}
			}
			for i, a := range boxes {
				for _, b := range boxes[i+1:] {
					same := a.kind == b.kind && (a.kind == "tick" || a.kind == "note" || a.kind == "row label" || a.kind == "party")
					if same && a.page == b.page && a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
						t.Errorf("%s boxes overlap: %q and %q", a.kind, a.text(), b.text())
					}
				}
			}
		})
	}
}

func TestTicksFromSpan(t *testing.T) {
	fonts, err := LoadFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Parse([]byte("version: 1\ncase: {id: C-1}\nseller: {legal_name: X}\n"), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := newDoc(fonts, plan.New(exhibit.Number(m, nil), plan.Content{}), 0, map[rune]bool{})
	st := plain(7.5)
	x0, x1 := marginX+tlLabelW, pageW-marginX-4
	date := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	for _, tc := range []struct {
		from, to string
		want     *regexp.Regexp // every label
		min, max int            // how many labels
	}{
		{"2024-03-01", "2024-03-12", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`), 2, 12},
		{"2024-01-01", "2024-09-30", regexp.MustCompile(`^\d{4}-\d{2}$`), 2, 10},
		{"2020-01-01", "2026-12-31", regexp.MustCompile(`^\d{4}$`), 3, 8},
		{"2010-01-01", "2025-12-31", regexp.MustCompile(`^(2010|2012|2014|2016|2018|2020|2022|2024)$`), 4, 8},
		{"1900-01-01", "2025-12-31", regexp.MustCompile(`^\d{4}$`), 2, 14},
	} {
		lo, hi := date(tc.from), date(tc.to)
		xOf := func(t time.Time) float64 { return x0 + (x1-x0)*float64(t.Sub(lo))/float64(hi.Sub(lo)) }
		ticks := d.chooseTicks(lo, hi, xOf, st)
		var labels []string
		for i, tk := range ticks {
			labels = append(labels, tk.label)
			if !tc.want.MatchString(tk.label) {
				t.Errorf("%s..%s: label %q", tc.from, tc.to, tk.label)
			}
			if i > 0 {
				gap := xOf(tk.at) - xOf(ticks[i-1].at) - (d.textWidth(tk.label, st)+d.textWidth(ticks[i-1].label, st))/2
				if gap < tickGap {
					t.Errorf("%s..%s: labels %q and %q are %.1f mm apart", tc.from, tc.to, ticks[i-1].label, tk.label, gap)
				}
			}
		}
		if len(ticks) < tc.min || len(ticks) > tc.max {
			t.Errorf("%s..%s: %d ticks %v, want %d to %d", tc.from, tc.to, len(ticks), labels, tc.min, tc.max)
		}
	}
}

// TestChainPagesSpeakToTheReviewer reads the drawn pages back: a renewed
// link shows both letters with their dates, exhibits are named by their
// packet IDs, nothing is said to "you", and there is no advice.
func TestChainPagesSpeakToTheReviewer(t *testing.T) {
	parties := []string{"Bartech Electronics (Shenzhen) Co., Ltd.", "Guangzhou Huaxin Trading Co., Ltd.", "Shenzhen Lumen Home Goods Co., Ltd."}
	paperError := finding.Finding{Code: "DOC_TEXT_MISMATCH", Severity: finding.Error, Exhibit: "A-1", Message: "A-1 gives its territory as “mainland China”"}
	paperWarning := finding.Finding{Code: "DOC_TEXT_MISMATCH", Severity: finding.Warning, Exhibit: "A-2", Message: "A-2 does not show the end date"}
	for _, tc := range []struct {
		name     string
		letters  [][4]string
		findings []finding.Finding
		want     []string
		not      []string
	}{
		{"renewal", [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}, {"1", "2", "2023-06-01", "2024-01-31"}, {"1", "2", "2024-02-01", "2026-01-31"}}, nil,
			[]string{"The chain A-1 → A-2 + A-3 gives the right on every date that matters, from 2023-11-02 to 2024-03-20.", "One link of 2 letters:", "A-2 2023-06-01 to 2024-01-31", "A-3 2024-02-01 to 2026-01-31", "A-2, A-3"}, []string{"bear out"}},
		{"gap", [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}, {"1", "2", "2023-06-01", "2023-12-31"}, {"1", "2", "2024-03-01", "2026-01-31"}}, nil,
			[]string{"has 1 problem.", "AUTH_GAP: Authorization A-2 ends on 2023-12-31 and authorization A-3 starts on 2024-03-01", "covers 2024-01-01 to 2024-02-29"}, nil},
		{"no chain", [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}}, nil,
			[]string{"No chain of authorizations connects the owner to the seller.", "which has no authorization to the seller"}, nil},
		// A letter whose text does not bear out case.yaml: said before the
		// summary, its error beside its link; a warning is not.
		{"letter not borne out", [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}, {"1", "2", "2023-06-01", "2025-05-31"}}, []finding.Finding{paperError, paperWarning},
			[]string{"The text of letter A-1 does not bear out what case.yaml says of it (its problems are beside its link). What follows is the chain as case.yaml gives it. The chain A-1 → A-2",
				"DOC_TEXT_MISMATCH: A-1 gives its territory as “mainland China”"}, []string{"A-2 does not show"}},
		// A renewal that starts after the complaint is drawn with its error
		// beside its link, but the chain does not rest on it.
		{"a later renewal not borne out", [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}, {"1", "2", "2023-06-01", "2025-05-31"}, {"1", "2", "2025-06-01", "2027-05-31"}},
			[]finding.Finding{{Code: "DOC_TEXT_MISMATCH", Severity: finding.Error, Exhibit: "A-3", Message: "A-3 shows none of what case.yaml says of it"}},
			[]string{"DOC_TEXT_MISMATCH: A-3 shows none of what case.yaml says of it"}, []string{"bear out"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := chainDoc(t, chainCase(parties, "2023-11-02", "2024-03-20", "2021-05-14", tc.letters), tc.findings...)
			pdftotext := pdftest.Tool(t, "pdftotext")
			path := writePDF(t, d)
			var text string
			for page := 1; page <= d.pdf.PageNo(); page++ {
				s, err := pdftest.PageText(pdftotext, path, page)
				if err != nil {
					t.Fatal(err)
				}
				text += s
			}
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("the pages lack %q:\n%s", w, flat)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(flat, w) {
					t.Errorf("the pages say %q:\n%s", w, flat)
				}
			}
			for _, bad := range []*regexp.Regexp{regexp.MustCompile(`(?i)\byou(r|rs)?\b`), regexp.MustCompile(`\bAUTH\d`), regexp.MustCompile(`\bTM\d`),
				regexp.MustCompile(`(?i)\b(ask|add|correct|fix|scan) `), regexp.MustCompile(`case\.yaml:\d`)} {
				if m := bad.FindString(flat); m != "" {
					t.Errorf("the pages say %q, meant for the seller, not the reviewer:\n%s", m, flat)
				}
			}
		})
	}
}

// TestExpiredMarkIsRedOnTheTimeline: the bar of a mark with a blocking
// problem of its own (here expired before the complaint) is drawn red and
// dashed, as the legend says of a bar that has a problem; a valid mark's
// is not.
func TestExpiredMarkIsRedOnTheTimeline(t *testing.T) {
	parties := []string{"Bartech Electronics (Shenzhen) Co., Ltd.", "Shenzhen Lumen Home Goods Co., Ltd."}
	letters := [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}}
	for _, tt := range []struct {
		expires string
		red     bool
	}{{"2031-05-13", false}, {"2024-01-31", true}} {
		src := strings.Replace(chainCase(parties, "2023-11-02", "2024-03-20", "2021-05-14", letters), "expires: 2031-05-13", "expires: "+tt.expires, 1)
		d, _ := chainDoc(t, src)
		rows := timelineRows(d.plan)
		if len(rows) == 0 || len(rows[0].bars) != 1 {
			t.Fatalf("rows %+v", rows)
		}
		b := rows[0].bars[0]
		if got := b.col == colRed && b.dashed; got != tt.red {
			t.Errorf("mark expiring %s: red and dashed = %v, want %v", tt.expires, got, tt.red)
		}
	}
}

// TestLetterNotBorneOutIsRedOnTheTimeline: the bar of a letter whose own
// file has an error (its text gives another term) is drawn red and dashed:
// the dates drawn are case.yaml's, not the letter's; a warning leaves it.
func TestLetterNotBorneOutIsRedOnTheTimeline(t *testing.T) {
	parties := []string{"Bartech Electronics (Shenzhen) Co., Ltd.", "Shenzhen Lumen Home Goods Co., Ltd."}
	src := chainCase(parties, "2023-11-02", "2024-03-20", "2021-05-14", [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}})
	for _, tt := range []struct {
		sev finding.Severity
		red bool
	}{{0, false}, {finding.Warning, false}, {finding.Error, true}} {
		var fs []finding.Finding
		if tt.sev != 0 {
			fs = append(fs, finding.Finding{Code: "DOC_TEXT_MISMATCH", Severity: tt.sev, Exhibit: "A-1", Message: "A-1 gives its term as 2023-01-01 to 2023-12-31"})
		}
		d, _ := chainDoc(t, src, fs...)
		var letter *bar
		for _, r := range timelineRows(d.plan) {
			if r.label == "A-1" && len(r.bars) == 1 {
				letter = &r.bars[0]
			}
		}
		if letter == nil {
			t.Fatalf("no bar for A-1")
		}
		if got := letter.col == colRed && letter.dashed; got != tt.red {
			t.Errorf("a %v about A-1: red and dashed = %v, want %v", tt.sev, got, tt.red)
		}
	}
}

// TestPendingMarkIsNoCertificate: the cover does not count a pending
// mark's paper (an application) as a registration certificate.
func TestPendingMarkIsNoCertificate(t *testing.T) {
	parties := []string{"Bartech Electronics (Shenzhen) Co., Ltd.", "Shenzhen Lumen Home Goods Co., Ltd."}
	letters := [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}}
	registered := chainCase(parties, "2023-11-02", "2024-03-20", "2021-05-14", letters)
	pending := strings.Replace(registered, "status: registered, registered: 2021-05-14, expires: 2031-05-13", "status: pending, filed: 2023-01-05", 1)
	for _, tt := range []struct{ src, want string }{
		{registered, "1 trademark certificate (T)"},
		{pending, "1 trademark paper (T)"},
	} {
		d, _ := chainDoc(t, tt.src)
		if got := d.exhibitCounts(func(k exhibit.Kind) int { return len(d.plan.ExhibitsOf(k)) }); !strings.Contains(got, tt.want) {
			t.Errorf("cover counts %q; want %q", got, tt.want)
		}
	}
}

// TestPendingMarkHasAnApplicant: the chain page of a pending mark names
// its first party the applicant, not a registered owner.
func TestPendingMarkHasAnApplicant(t *testing.T) {
	parties := []string{"Bartech Electronics (Shenzhen) Co., Ltd.", "Shenzhen Lumen Home Goods Co., Ltd."}
	letters := [][4]string{{"0", "1", "2023-01-01", "2025-12-31"}}
	for _, tt := range []struct{ status, want, not string }{
		{"registered", "Trademark owner", "applicant"},
		{"pending", "Trademark applicant", "Trademark owner"},
	} {
		src := strings.Replace(chainCase(parties, "2023-11-02", "2024-03-20", "2021-05-14", letters), "status: registered", "status: "+tt.status, 1)
		_, boxes := chainDoc(t, src)
		var parts []string
		for _, b := range boxes {
			if b.kind == "party" {
				parts = append(parts, b.text())
			}
		}
		party := strings.Join(parts, " | ")
		if !strings.Contains(party, tt.want) || strings.Contains(party, tt.not) {
			t.Errorf("%s mark: party boxes %q; want %q, not %q", tt.status, party, tt.want, tt.not)
		}
	}
}
