package chain

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// renewalHead is a case whose listing went live on 2023-11-02 and whose
// complaint came on 2026-11-20: the seller must be authorized on every day
// between. The trademark is TM1 (T-1 BARTECH); TM2 (T-2 BARTEK) is another
// mark of the same owner.
const renewalHead = `version: 1
case: {id: C1, platform: %PLATFORM%, complaint_date: 2026-11-20}
seller:
  legal_name: "Shenzhen Bartech Technology Co., Ltd."
  store: "Bartech Official Store"
  aliases: ["Bartech Store"]
listings: [{id: "L1", published: 2023-11-02%URL%}]
trademarks:
  - {id: TM1, mark: BARTECH, number: "12345678", owner: "Bartech Holdings Ltd", status: registered,
     registered: 2021-05-14, expires: 2031-05-13, files: [certs/tm.pdf]}
  - {id: TM2, mark: BARTEK, owner: "Bartech Holdings Ltd", status: registered,
     registered: 2021-05-14, expires: 2031-05-13, files: [certs/tm2.pdf]}
authorizations:
`

// letter is one authorization from the owner to the seller; fields
// override its defaults (TM1 and TM2, AliExpress, worldwide, a file).
func letter(id, from, to string, fields ...string) string {
	f := map[string]string{
		"grantor": `"Bartech Holdings Ltd"`, "grantee": `"Shenzhen Bartech Technology Co., Ltd."`, "trademarks": "[TM1, TM2]",
		"platforms": "[aliexpress]", "territories": "[worldwide]", "files": "[auth/" + strings.ToLower(id) + ".pdf]",
	}
	for i := 0; i+1 < len(fields); i += 2 {
		f[fields[i]] = fields[i+1]
	}
	s := fmt.Sprintf("  - {id: %s, grantor: %s, grantee: %s, trademarks: %s, platforms: %s, territories: %s, from: %s, to: %s",
		id, f["grantor"], f["grantee"], f["trademarks"], f["platforms"], f["territories"], from, to)
	if f["files"] != "" {
		s += ", files: " + f["files"]
	}
	if f["sublicense"] != "" {
		s += ", sublicense: " + f["sublicense"]
	}
	return s + "}\n"
}

// exhibitsAN numbers authorizations A-n and trademarks T-n by their
// manifest IDs, as the plan does for a case in manifest order.
var exhibitsAN = Exhibits{
	Trademark:     func(id string) string { return "T-" + strings.TrimPrefix(id, "TM") },
	Authorization: func(id string) string { return "A-" + strings.TrimPrefix(id, "AUTH") },
}

func TestLinksCombineLetters(t *testing.T) {
	type want struct {
		code, exhibit, where string   // where: the case.yaml field, e.g. "authorizations[0].to"
		message              []string // substrings of the message
	}
	tests := []struct {
		name     string
		platform string
		url      string
		letters  string
		chain    []string // the chain used, each link's letters by date: "AUTH1+AUTH2"
		want     []want
	}{
		{name: "renewal back to back: one link, valid",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31") + letter("AUTH2", "2025-06-01", "2027-05-31"),
			chain:   []string{"AUTH1+AUTH2"}},
		{name: "the old letter alone: expired",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31"),
			chain:   []string{"AUTH1"},
			want: []want{{AuthExpired, "A-1", "authorizations[0].to",
				[]string{"Authorization A-1 from Bartech Holdings Ltd to Shenzhen Bartech Technology Co., Ltd. ended on 2025-05-31, before the complaint was made on 2026-11-20."}}}},
		{name: "the renewal alone: not yet valid",
			letters: letter("AUTH2", "2025-06-01", "2027-05-31"),
			chain:   []string{"AUTH2"},
			want:    []want{{AuthNotYetValid, "A-2", "authorizations[0].from", []string{"only starts on 2025-06-01, but listing L1 was published on 2023-11-02"}}}},
		{name: "gap of three months",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31") + letter("AUTH2", "2025-09-01", "2027-05-31"),
			chain:   []string{"AUTH1+AUTH2"},
			want: []want{{AuthGap, "A-1", "authorizations[0].to", []string{
				"Authorization A-1 ends on 2025-05-31 and authorization A-2 starts on 2025-09-01: no letter from Bartech Holdings Ltd to Shenzhen Bartech Technology Co., Ltd. covers 2025-06-01 to 2025-08-31",
				"must be authorized from 2023-11-02 to 2026-11-20"}}}},
		{name: "gap of one day",
			letters: letter("AUTH1", "2023-06-01", "2025-05-30") + letter("AUTH2", "2025-06-01", "2027-05-31"),
			chain:   []string{"AUTH1+AUTH2"},
			want:    []want{{AuthGap, "A-1", "authorizations[0].to", []string{"covers 2025-05-31,"}}}},
		{name: "overlapping letters",
			letters: letter("AUTH1", "2023-06-01", "2025-12-31") + letter("AUTH2", "2025-06-01", "2027-05-31"),
			chain:   []string{"AUTH1+AUTH2"}},
		{name: "renewal drops the platform: not covered from the renewal on",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31") + letter("AUTH2", "2025-06-01", "2027-05-31", "platforms", "[amazon]"),
			chain:   []string{"AUTH1+AUTH2"},
			want: []want{{AuthPlatformNotCovered, "A-2", "authorizations[1].platforms", []string{
				"From 2025-06-01 to 2026-11-20, the only letter from Bartech Holdings Ltd to Shenzhen Bartech Technology Co., Ltd. in force, authorization A-2, is limited to amazon; it does not cover AliExpress"}}}},
		{name: "renewal adds the platform: not covered before it",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31", "platforms", "[amazon]") + letter("AUTH2", "2025-06-01", "2027-05-31", "platforms", "[amazon, aliexpress]"),
			chain:   []string{"AUTH1+AUTH2"},
			want:    []want{{AuthPlatformNotCovered, "A-1", "authorizations[0].platforms", []string{"From 2023-11-02 to 2025-05-31, the only letter"}}}},
		{name: "overlap: the platform covered by one letter or the other on every day",
			letters: letter("AUTH1", "2023-06-01", "2025-12-31") + letter("AUTH2", "2025-06-01", "2027-05-31", "platforms", "[amazon]") +
				letter("AUTH3", "2025-10-01", "2027-05-31", "platforms", "[全球速卖通]"),
			chain: []string{"AUTH1+AUTH2+AUTH3"}},
		{name: "overlap: two letters in force, neither covers the platform",
			letters: letter("AUTH1", "2023-06-01", "2025-12-31") + letter("AUTH2", "2025-06-01", "2027-05-31", "platforms", "[amazon]") +
				letter("AUTH3", "2025-10-01", "2027-05-31", "platforms", "[temu]"),
			chain: []string{"AUTH1+AUTH2+AUTH3"},
			want: []want{{AuthPlatformNotCovered, "A-2", "authorizations[1].platforms", []string{
				"From 2026-01-01 to 2026-11-20, the letters from Bartech Holdings Ltd to Shenzhen Bartech Technology Co., Ltd. in force, authorizations A-2 and A-3, are limited to amazon, temu; they do not cover AliExpress"}}}},
		{name: "renewal changes the trademarks",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31") + letter("AUTH2", "2025-06-01", "2027-05-31", "trademarks", "[TM2]"),
			chain:   []string{"AUTH1+AUTH2"},
			want: []want{{AuthTrademarkNotCovered, "A-2", "authorizations[1].trademarks", []string{
				`From 2025-06-01 to 2026-11-20, the only letter from Bartech Holdings Ltd to Shenzhen Bartech Technology Co., Ltd. in force, authorization A-2, does not cover trademark "BARTECH" (exhibit T-1): it names only T-2 BARTEK.`}}}},
		{name: "letters out of order in case.yaml",
			letters: letter("AUTH1", "2025-06-01", "2027-05-31") + letter("AUTH2", "2023-06-01", "2025-05-31"),
			chain:   []string{"AUTH2+AUTH1"}},
		{name: "out of order with a gap: the finding names the earlier letter",
			letters: letter("AUTH1", "2025-09-01", "2027-05-31") + letter("AUTH2", "2023-06-01", "2025-05-31"),
			chain:   []string{"AUTH2+AUTH1"},
			want: []want{{AuthGap, "A-2", "authorizations[1].to", []string{
				"Authorization A-2 ends on 2025-05-31 and authorization A-1 starts on 2025-09-01"}}}},
		{name: "a link of three letters",
			letters: letter("AUTH1", "2023-06-01", "2024-05-31") + letter("AUTH2", "2024-06-01", "2025-05-31") + letter("AUTH3", "2025-06-01", "2027-05-31"),
			chain:   []string{"AUTH1+AUTH2+AUTH3"}},
		{name: "three letters: the first starts late and the last ends early",
			letters: letter("AUTH1", "2024-01-01", "2024-05-31") + letter("AUTH2", "2024-06-01", "2025-05-31") + letter("AUTH3", "2025-06-01", "2026-06-30"),
			chain:   []string{"AUTH1+AUTH2+AUTH3"},
			want: []want{
				{AuthNotYetValid, "A-1", "authorizations[0].from", []string{"The earliest letter from Bartech Holdings Ltd to Shenzhen Bartech Technology Co., Ltd., authorization A-1, starts on 2024-01-01", "no letter of this link covers 2023-11-02 to 2023-12-31"}},
				{AuthExpired, "A-3", "authorizations[2].to", []string{"The last letter from Bartech Holdings Ltd to Shenzhen Bartech Technology Co., Ltd., authorization A-3, ended on 2026-06-30", "covers 2026-07-01 to 2026-11-20"}},
			}},
		{name: "same parties in other company forms and a seller alias",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31", "grantor", `"BARTECH HOLDINGS LIMITED"`, "grantee", `"Bartech Store"`) +
				letter("AUTH2", "2025-06-01", "2027-05-31", "grantor", `"Bartech Holdings Co., Ltd."`, "grantee", `"shenzhen bartech technology company limited"`),
			chain: []string{"AUTH1+AUTH2"}},
		{name: "a spelling variant is another party: no combining",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31") + letter("AUTH2", "2025-06-01", "2027-05-31", "grantor", `"Bartek Holdings Ltd"`),
			chain:   []string{"AUTH1"},
			want:    []want{{AuthExpired, "A-1", "authorizations[0].to", []string{"ended on 2025-05-31"}}}},
		{name: "renewal without a scanned letter",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31") + letter("AUTH2", "2025-06-01", "2027-05-31", "files", ""),
			chain:   []string{"AUTH1+AUTH2"},
			want:    []want{{AuthNoDocument, "A-2", "authorizations[1].files", []string{"Authorization A-2 from"}}}},
		{name: "an old letter outside the window needs no scan",
			letters: letter("AUTH1", "2020-01-01", "2022-12-31", "files", "") + letter("AUTH2", "2023-01-01", "2027-05-31"),
			chain:   []string{"AUTH1+AUTH2"}},
		{name: "amazon: territories of two letters in force together cover both marketplaces", platform: "amazon", url: "https://www.amazon.de/dp/B0X",
			letters: letter("AUTH1", "2023-06-01", "2027-05-31", "platforms", "[amazon]", "territories", "[Germany]") +
				letter("AUTH2", "2023-06-01", "2027-05-31", "platforms", "[amazon]", "territories", "[United States]"),
			chain: []string{"AUTH1+AUTH2"}},
		{name: "amazon: the renewal drops the marketplace", platform: "amazon", url: "https://www.amazon.de/dp/B0X",
			letters: letter("AUTH1", "2023-06-01", "2025-05-31", "platforms", "[amazon]", "territories", "[EU]") +
				letter("AUTH2", "2025-06-01", "2027-05-31", "platforms", "[amazon]", "territories", "[US]"),
			chain: []string{"AUTH1+AUTH2"},
			want: []want{{AuthTerritoryNotCovered, "A-2", "authorizations[1].territories", []string{
				"From 2025-06-01 to 2026-11-20, the only letter", "is limited to US; it does not cover Germany (DE), where listing L1 is sold."}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			platform, url := cmpOr(tc.platform, "aliexpress"), ""
			if tc.url != "" {
				url = ", url: " + tc.url
			}
			src := strings.NewReplacer("%PLATFORM%", platform, "%URL%", url).Replace(renewalHead) + tc.letters
			m, err := manifest.Parse([]byte(src), "case.yaml")
			if err != nil {
				t.Fatalf("parse:\n%s\n%v", src, err)
			}
			r := Analyze(m, exhibitsAN)
			tr := r.Trademarks[0]
			if got := chainIDs(tr.Chain); !slices.Equal(got, tc.chain) {
				t.Errorf("chain = %v, want %v", got, tc.chain)
			}
			var got []string
			for _, f := range tr.Findings {
				got = append(got, f.Code)
			}
			var codes []string
			for _, w := range tc.want {
				codes = append(codes, w.code)
			}
			slices.Sort(got)
			slices.Sort(codes)
			if !slices.Equal(got, codes) {
				t.Errorf("codes = %v, want %v", got, codes)
				for _, f := range tr.Findings {
					t.Logf("  %s\n    hint: %s", f, f.Hint)
				}
			}
			for _, w := range tc.want {
				i := slices.IndexFunc(tr.Findings, func(f finding.Finding) bool { return f.Code == w.code })
				if i < 0 {
					continue
				}
				f := tr.Findings[i]
				if f.Exhibit != w.exhibit || f.Where != m.Where(w.where) {
					t.Errorf("%s names exhibit %q at %s, want %q at %s (%s)", f.Code, f.Exhibit, f.Where, w.exhibit, m.Where(w.where), w.where)
				}
				for _, s := range w.message {
					if !strings.Contains(f.Message, s) {
						t.Errorf("%s message\n  %s\nlacks\n  %s", f.Code, f.Message, s)
					}
				}
				if !strings.Contains(f.Hint, f.Where) {
					t.Errorf("%s hint does not name %s: %s", f.Code, f.Where, f.Hint)
				}
			}
			checkFindings(t, tr.Findings)
			checkWords(t, tr)
			// Every letter is in exactly one link of the report.
			n := 0
			for _, l := range r.Links {
				n += len(l.Letters)
			}
			if n != len(m.Authorizations) {
				t.Errorf("report links hold %d letters, want %d", n, len(m.Authorizations))
			}
		})
	}
}

// TestLinkUncovered checks the days a link leaves uncovered, which the
// timeline draws, and which letter each finding is about.
func TestLinkUncovered(t *testing.T) {
	src := strings.NewReplacer("%PLATFORM%", "aliexpress", "%URL%", "").Replace(renewalHead) +
		letter("AUTH1", "2024-01-01", "2025-05-31") + letter("AUTH2", "2025-09-01", "2026-06-30", "platforms", "[amazon]")
	m, err := manifest.Parse([]byte(src), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l := Analyze(m, exhibitsAN).Trademarks[0].Chain[0]
	var got []string
	for _, s := range l.Uncovered {
		got = append(got, fmt.Sprintf("%s %s..%s", s.Code, s.From, s.To))
	}
	slices.Sort(got)
	want := []string{
		"AUTH_EXPIRED 2026-07-01..2026-11-20",
		"AUTH_GAP 2025-06-01..2025-08-31",
		"AUTH_NOT_YET_VALID 2023-11-02..2023-12-31",
		"AUTH_PLATFORM_NOT_COVERED 2025-09-01..2026-06-30",
	}
	if !slices.Equal(got, want) {
		t.Errorf("uncovered:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for id, codes := range map[string][]string{"AUTH1": {AuthGap, AuthNotYetValid}, "AUTH2": {AuthExpired, AuthPlatformNotCovered}} {
		c := l.Problems(id).Codes()
		slices.Sort(c)
		if !slices.Equal(c, codes) {
			t.Errorf("Problems(%s) = %v, want %v", id, c, codes)
		}
	}
}

// TestSublicensePerDate: the distributor may sublicense under its first
// letter but not under the renewal, so the chain holds until the renewal.
func TestSublicensePerDate(t *testing.T) {
	src := strings.NewReplacer("%PLATFORM%", "aliexpress", "%URL%", "").Replace(renewalHead) +
		letter("AUTH1", "2022-01-01", "2025-05-31", "grantee", `"Guangzhou Dist Co Ltd"`, "sublicense", "true") +
		letter("AUTH2", "2025-06-01", "2027-12-31", "grantee", `"Guangzhou Dist Co Ltd"`) +
		letter("AUTH3", "2023-01-01", "2027-12-31", "grantor", `"Guangzhou Dist Co., Ltd."`)
	m, err := manifest.Parse([]byte(src), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tr := Analyze(m, exhibitsAN).Trademarks[0]
	if got := chainIDs(tr.Chain); !slices.Equal(got, []string{"AUTH1+AUTH2", "AUTH3"}) {
		t.Fatalf("chain = %v", got)
	}
	if len(tr.Findings) != 1 || tr.Findings[0].Code != AuthNoSublicense || tr.Findings[0].Exhibit != "A-2" ||
		!strings.Contains(tr.Findings[0].Message, "From 2025-06-01 to 2026-11-20, the only letter from Bartech Holdings Ltd to Guangzhou Dist Co Ltd in force, authorization A-2, does not allow Guangzhou Dist Co Ltd to authorize others") {
		t.Errorf("findings = %v", tr.Findings)
	}
	checkWords(t, tr)
}

func cmpOr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}
