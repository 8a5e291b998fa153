package chain

import (
	"appealpacket/internal/i18n"
	"regexp"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/wording"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// head is the start of every test manifest: an AliExpress case whose
// listing went live on 2023-11-02, complaint on 2024-03-20.
const head = `version: 1
case: {id: C1, platform: %PLATFORM%, complaint_date: 2024-03-20}
seller:
  legal_name: "Shenzhen Bartech Technology Co., Ltd."
  store: "Bartech Official Store"
  aliases: ["Bartech Store"]
listings: [{id: "L1", published: 2023-11-02%URL%}]
`

// Reusable parts. tmOK is a registered mark owned by Bartech Holdings.
const (
	tmOK = `trademarks:
  - {id: TM1, mark: BARTECH, number: "12345678", owner: "Bartech Holdings Ltd", status: registered,
     registered: 2021-05-14, expires: 2031-05-13, files: [certs/tm.pdf]}
`
	// direct: the owner authorizes the seller, valid on every date.
	direct = `  - {grantor: "BARTECH HOLDINGS LIMITED", grantee: "shenzhen bartech technology company limited", trademarks: [TM1],
     platforms: [aliexpress], territories: [worldwide], from: 2023-01-01, to: 2025-12-31, files: [auth/loa.pdf]}
`
	// viaDist: owner → distributor (may sublicense) → store.
	viaDist = `  - {grantor: "Bartech Holdings Ltd", grantee: "Guangzhou Dist Trading Co Ltd", trademarks: [TM1], sublicense: true,
     platforms: [], territories: [全球], from: 2022-01-01, to: 2026-12-31, files: [auth/a1.pdf]}
  - {grantor: "Guangzhou Dist Trading Co., Ltd.", grantee: "Bartech Official Store", trademarks: [TM1],
     platforms: [AliExpress, Amazon], territories: [Global], from: 2023-06-01, to: 2024-12-31, files: [auth/a2.pdf]}
`
)

func parse(t *testing.T, platform, url, body string) *manifest.Manifest {
	t.Helper()
	if platform == "" {
		platform = "aliexpress"
	}
	if url != "" {
		url = ", url: " + url
	}
	src := strings.NewReplacer("%PLATFORM%", platform, "%URL%", url).Replace(head) + body
	m, err := manifest.Parse([]byte(src), "case.yaml")
	if err != nil {
		t.Fatalf("parse:\n%s\n%v", src, err)
	}
	return m
}

func codes(l finding.List) []string {
	c := l.Codes()
	slices.Sort(c)
	return c
}

// analyzeCases is a case for every finding code, and the valid cases
// around them.
var analyzeCases = []struct {
	name     string
	platform string
	url      string
	body     string
	want     []string
}{
	{name: "valid single link", body: tmOK + "authorizations:\n" + direct},
	{name: "valid two links", body: tmOK + "authorizations:\n" + viaDist},
	{name: "seller owns", body: strings.Replace(tmOK, "Bartech Holdings Ltd", "SHENZHEN BARTECH TECHNOLOGY CO LTD", 1)},
	{name: "seller owns via alias", body: strings.Replace(tmOK, "Bartech Holdings Ltd", "bartech-store", 1)},
	{name: "no trademarks", body: "authorizations:\n" + direct[:strings.Index(direct, "trademarks")] + "files: [a.pdf]}\n"},

	{name: "AUTH_CHAIN_BROKEN no authorization", body: tmOK, want: []string{AuthChainBroken}},
	{name: "AUTH_CHAIN_BROKEN dead end", body: tmOK + "authorizations:\n" + viaDist[:strings.Index(viaDist, "  - {grantor: \"Guangzhou")],
		want: []string{AuthChainBroken}},
	{name: "AUTH_CHAIN_BROKEN near miss name", body: tmOK + "authorizations:\n" + strings.Replace(direct, "shenzhen bartech technology", "Shenzhen Bartek Technology", 1),
		want: []string{AuthChainBroken}},
	{name: "AUTH_CHAIN_BROKEN cycle", body: tmOK + `authorizations:
  - {grantor: "Bartech Holdings Ltd", grantee: "Dist Co Ltd", trademarks: [TM1], sublicense: true, files: [a.pdf]}
  - {grantor: "Dist Co., Ltd.", grantee: "Bartech Holdings Limited", trademarks: [TM1], sublicense: true, files: [b.pdf]}
`, want: []string{AuthChainBroken}},
	{name: "AUTH_NOT_YET_VALID", body: tmOK + "authorizations:\n" + strings.Replace(direct, "from: 2023-01-01", "from: 2024-01-01", 1),
		want: []string{AuthNotYetValid}},
	{name: "AUTH_EXPIRED", body: tmOK + "authorizations:\n" + strings.Replace(direct, "to: 2025-12-31", "to: 2024-01-31", 1),
		want: []string{AuthExpired}},
	{name: "AUTH_PLATFORM_NOT_COVERED", body: tmOK + "authorizations:\n" + strings.Replace(direct, "platforms: [aliexpress]", "platforms: [amazon, temu]", 1),
		want: []string{AuthPlatformNotCovered}},
	{name: "AUTH_TERRITORY_NOT_COVERED", body: tmOK + "authorizations:\n" + strings.Replace(direct, "territories: [worldwide]", "territories: [China, US]", 1),
		want: []string{AuthTerritoryNotCovered}},
	{name: "AUTH_TRADEMARK_NOT_COVERED none listed", body: tmOK + "authorizations:\n" + strings.Replace(direct, "trademarks: [TM1]", "trademarks: []", 1),
		want: []string{AuthTrademarkNotCovered}},
	{name: "AUTH_TRADEMARK_NOT_COVERED other mark", body: strings.Replace(tmOK, "trademarks:\n", `trademarks:
  - {id: TM2, mark: BARTEK, owner: "Somebody Else Ltd", files: [t2.pdf]}
`, 1) + "authorizations:\n" + strings.Replace(direct, "trademarks: [TM1]", "trademarks: [TM2]", 1),
		// TM1's only link names TM2; TM2's owner authorized nobody, and
		// its only chain starts at Bartech Holdings.
		want: []string{AuthTrademarkNotCovered, TMOwnerMismatch}},
	{name: "AUTH_NO_SUBLICENSE", body: tmOK + "authorizations:\n" + strings.Replace(viaDist, "sublicense: true", "sublicense: false", 1),
		want: []string{AuthNoSublicense}},
	{name: "AUTH_NO_DOCUMENT", body: tmOK + "authorizations:\n" + strings.Replace(direct, ", files: [auth/loa.pdf]", "", 1),
		want: []string{AuthNoDocument}},
	{name: "TM_EXPIRED", body: strings.Replace(tmOK, "expires: 2031-05-13", "expires: 2024-01-01", 1) + "authorizations:\n" + direct,
		want: []string{TMExpired}},
	{name: "TM_NOT_YET_REGISTERED", body: strings.Replace(tmOK, "registered: 2021-05-14", "registered: 2023-12-01", 1) + "authorizations:\n" + direct,
		want: []string{TMNotYetRegistered}},
	{name: "TM_PENDING", body: strings.Replace(tmOK, "status: registered,\n     registered: 2021-05-14,", "status: pending,\n     filed: 2023-01-05,", 1) + "authorizations:\n" + direct,
		want: []string{TMPending}},
	{name: "TM_NO_CERTIFICATE", body: strings.Replace(tmOK, ", files: [certs/tm.pdf]", "", 1) + "authorizations:\n" + direct,
		want: []string{TMNoCertificate}},
	{name: "TM_OWNER_MISMATCH", body: tmOK + "authorizations:\n" + strings.Replace(direct, "BARTECH HOLDINGS LIMITED", "Bartech Trading Ltd", 1),
		want: []string{TMOwnerMismatch}},
	{name: "TM_OWNER_MISMATCH no owner", body: strings.Replace(tmOK, `owner: "Bartech Holdings Ltd", `, "", 1),
		want: []string{TMOwnerMismatch}},

	{name: "several chains: expired direct, valid via distributor", body: tmOK + "authorizations:\n" +
		strings.Replace(direct, "to: 2025-12-31", "to: 2023-12-31", 1) + viaDist},
	{name: "several chains: none valid, fewest problems wins", body: tmOK + "authorizations:\n" +
		strings.Replace(strings.Replace(direct, "to: 2025-12-31", "to: 2023-12-31", 1), "[worldwide]", "[China]", 1) +
		strings.Replace(viaDist, ", files: [auth/a2.pdf]", "", 1),
		want: []string{AuthNoDocument}},
	{name: "cycle with a way out", body: tmOK + `authorizations:
  - {grantor: "Bartech Holdings Ltd", grantee: "Dist Co Ltd", trademarks: [TM1], sublicense: true, files: [a.pdf]}
  - {grantor: "Dist Co., Ltd.", grantee: "Bartech Holdings Limited", trademarks: [TM1], sublicense: true, files: [b.pdf]}
  - {grantor: "Dist Co., Ltd.", grantee: "Bartech Store", trademarks: [TM1], files: [c.pdf]}
`},
	{name: "self loop", body: tmOK + `authorizations:
  - {grantor: "Bartech Holdings Ltd", grantee: "Bartech Holdings Ltd.", trademarks: [TM1], files: [a.pdf]}
`, want: []string{AuthChainBroken}},

	{name: "amazon: listing marketplace from URL covered", platform: "amazon", url: "https://www.amazon.de/dp/B0TEST",
		body: tmOK + "authorizations:\n" + strings.NewReplacer("[aliexpress]", "[Amazon EU]", "[worldwide]", "[European Union]").Replace(direct)},
	{name: "amazon: listing marketplace from URL not covered", platform: "amazon", url: "amazon.de/dp/B0TEST",
		body: tmOK + "authorizations:\n" + strings.NewReplacer("[aliexpress]", "[amazon]", "[worldwide]", "[US, Canada]").Replace(direct),
		want: []string{AuthTerritoryNotCovered}},
	{name: "amazon: no URL, one marketplace is enough", platform: "amazon",
		body: tmOK + "authorizations:\n" + strings.NewReplacer("[aliexpress]", "[亚马逊]", "[worldwide]", "[美国]").Replace(direct)},
	{name: "shopee: Southeast Asia", platform: "shopee",
		body: tmOK + "authorizations:\n" + strings.NewReplacer("[aliexpress]", "[Shopee]", "[worldwide]", "[Southeast Asia]").Replace(direct)},
	{name: "shopee: China only", platform: "shopee",
		body: tmOK + "authorizations:\n" + strings.NewReplacer("[aliexpress]", "[Shopee]", "[worldwide]", "[China]").Replace(direct),
		want: []string{AuthTerritoryNotCovered}},
	{name: "generic platform: platforms not checked", platform: "generic",
		body: tmOK + "authorizations:\n" + strings.Replace(direct, "[aliexpress]", "[ebay]", 1)},
	{name: "all platforms in Chinese", body: tmOK + "authorizations:\n" + strings.Replace(direct, "[aliexpress]", "[所有平台]", 1)},
	{name: "many problems on one link", body: strings.Replace(tmOK, ", files: [certs/tm.pdf]", "", 1) + "authorizations:\n" + strings.NewReplacer(
		"from: 2023-01-01", "from: 2023-12-01", "to: 2025-12-31", "to: 2024-01-01", "[aliexpress]", "[amazon]",
		"[worldwide]", "[China]", "trademarks: [TM1]", "trademarks: []", ", files: [auth/loa.pdf]", "").Replace(direct),
		want: []string{AuthExpired, AuthNoDocument, AuthNotYetValid, AuthPlatformNotCovered, AuthTerritoryNotCovered, AuthTrademarkNotCovered, TMNoCertificate}},
	{name: "two marks share a link without document: reported once", body: strings.Replace(tmOK, "trademarks:\n", `trademarks:
  - {id: TM2, mark: BARTEK, owner: "Bartech Holdings Ltd", files: [t2.pdf]}
`, 1) + "authorizations:\n" + strings.NewReplacer("trademarks: [TM1]", "trademarks: [TM1, TM2]", ", files: [auth/loa.pdf]", "").Replace(direct),
		want: []string{AuthNoDocument}},
}

func TestAnalyzeCodes(t *testing.T) {
	for _, tc := range analyzeCases {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, tc.platform, tc.url, tc.body)
			r := Analyze(m, Exhibits{})
			got := codes(r.Findings)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("codes = %v, want %v", got, want)
				for _, f := range r.Findings {
					t.Logf("  %s\n    hint: %s", f, f.Hint)
				}
			}
			if len(m.Trademarks) != len(r.Trademarks) {
				t.Errorf("%d trademark results, want %d", len(r.Trademarks), len(m.Trademarks))
			}
			checkFindings(t, r.Findings)
		})
	}
}

var whereRE = regexp.MustCompile(`^case\.yaml:\d+:\d+$`)

// checkFindings checks what every finding must carry.
func checkFindings(t *testing.T, l finding.List) {
	t.Helper()
	for _, f := range l {
		if f.Exhibit == "" || f.Message == "" || f.Hint == "" || !whereRE.MatchString(f.Where) {
			t.Errorf("incomplete finding: %+v", f)
		}
		for _, text := range []string{f.Message, f.Hint} {
			if p := wording.Problems(text); len(p) > 0 {
				t.Errorf("%s: %v in %q", f.Code, p, text)
			}
		}
		want := finding.Error
		if f.Code == TMPending {
			want = finding.Warning
		}
		if f.Severity != want {
			t.Errorf("%s has severity %s, want %s", f.Code, f.Severity, want)
		}
	}
}

func TestSeveralChains(t *testing.T) {
	m := parse(t, "", "", tmOK+"authorizations:\n"+strings.Replace(direct, "to: 2025-12-31", "to: 2023-12-31", 1)+viaDist)
	r := Analyze(m, Exhibits{})
	tr := r.Trademarks[0]
	if ids := chainIDs(tr.Chain); !slices.Equal(ids, []string{"AUTH2", "AUTH3"}) {
		t.Fatalf("chain = %v, want [AUTH2 AUTH3]", ids)
	}
	if len(tr.Rejected) != 1 || !slices.Equal(chainIDs(tr.Rejected[0].Chain), []string{"AUTH1"}) ||
		!tr.Rejected[0].Complete || !strings.Contains(tr.Rejected[0].Reason, AuthExpired) ||
		!slices.Equal(tr.Rejected[0].Findings.Codes(), []string{AuthExpired}) {
		t.Errorf("rejected = %+v, want AUTH1 expired", tr.Rejected)
	}
	if len(linkFindings(tr.Chain, "AUTH2"))+len(linkFindings(tr.Chain, "AUTH3")) != 0 || tr.SellerOwns || tr.Summary == "" {
		t.Errorf("result = %+v", tr)
	}
	if w := tr.Window; w.From.String() != "2023-11-02" || w.To.String() != "2024-03-20" ||
		w.FromEvent != "listing L1 was published" || w.ToEvent != "the complaint was made" {
		t.Errorf("window = %+v", w)
	}
}

func TestBestBrokenChain(t *testing.T) {
	// AUTH1 (direct) has two problems, AUTH2 → AUTH3 has one: that is used.
	m := parse(t, "", "", tmOK+"authorizations:\n"+
		strings.Replace(strings.Replace(direct, "to: 2025-12-31", "to: 2023-12-31", 1), "[worldwide]", "[China]", 1)+
		strings.Replace(viaDist, ", files: [auth/a2.pdf]", "", 1))
	tr := Analyze(m, Exhibits{Authorization: func(id string) string { return "A-" + strings.TrimPrefix(id, "AUTH") }}).Trademarks[0]
	if ids := chainIDs(tr.Chain); !slices.Equal(ids, []string{"AUTH2", "AUTH3"}) {
		t.Fatalf("chain = %v", ids)
	}
	if l := linkFindings(tr.Chain, "AUTH3"); len(l) != 1 || l[0].Code != AuthNoDocument || l[0].Exhibit != "A-3" {
		t.Errorf("AUTH3 findings = %v", l)
	}
	if len(tr.Rejected) != 1 || !strings.Contains(tr.Rejected[0].Reason, "2 problems") {
		t.Errorf("rejected = %+v", tr.Rejected)
	}
}

func TestSellerOwns(t *testing.T) {
	m := parse(t, "", "", strings.Replace(tmOK, "Bartech Holdings Ltd", "Shenzhen Bartech Technology Company Limited", 1)+"authorizations:\n"+direct)
	tr := Analyze(m, Exhibits{}).Trademarks[0]
	if !tr.SellerOwns || tr.Chain != nil || len(tr.Rejected) != 0 {
		t.Errorf("result = %+v, want seller owns, no chain", tr)
	}
}

func TestNoTrademarks(t *testing.T) {
	r := Analyze(parse(t, "", "", ""), Exhibits{})
	if len(r.Trademarks) != 0 || len(r.Findings) != 0 {
		t.Errorf("report = %+v, want empty", r)
	}
	if r := Analyze(nil, Exhibits{}); r == nil || len(r.Trademarks) != 0 {
		t.Errorf("Analyze(nil) = %+v", r)
	}
}

func TestCycleAndDeadEnd(t *testing.T) {
	m := parse(t, "", "", tmOK+`authorizations:
  - {grantor: "Bartech Holdings Ltd", grantee: "Dist Co Ltd", trademarks: [TM1], sublicense: true, files: [a.pdf]}
  - {grantor: "Dist Co., Ltd.", grantee: "Bartech Holdings Limited", trademarks: [TM1], sublicense: true, files: [b.pdf]}
  - {grantor: "Dist Co., Ltd.", grantee: "Shop Nowhere", trademarks: [TM1], files: [c.pdf]}
`)
	r := Analyze(m, Exhibits{})
	tr := r.Trademarks[0]
	if tr.Chain != nil {
		t.Errorf("chain = %v, want none", chainIDs(tr.Chain))
	}
	var reasons []string
	for _, c := range tr.Rejected {
		reasons = append(reasons, strings.Join(chainIDs(c.Chain), ">")+": "+c.Reason)
	}
	want := []string{
		"AUTH1>AUTH3: dead end: the last link (authorization AUTH3) ends at Shop Nowhere, not at the seller",
		"AUTH1>AUTH2: cycle: authorization AUTH2 leads back to Bartech Holdings Limited, already in the chain",
	}
	if !slices.Equal(reasons, want) {
		t.Errorf("rejected:\n%s\nwant:\n%s", strings.Join(reasons, "\n"), strings.Join(want, "\n"))
	}
	f := r.Findings[0]
	if f.Code != AuthChainBroken || f.Exhibit != "AUTH3" || !strings.Contains(f.Message, "ends at Shop Nowhere, not at the seller") ||
		f.Where != "case.yaml:14:42" {
		t.Errorf("finding = %s (%s)", f, f.Where)
	}
}

func TestOwnerMismatchUsesOrphanChain(t *testing.T) {
	m := parse(t, "", "", tmOK+"authorizations:\n"+strings.Replace(viaDist, `grantor: "Bartech Holdings Ltd"`, `grantor: "Bartech Brand Mgmt Ltd"`, 1))
	r := Analyze(m, Exhibits{Trademark: func(string) string { return "T-1" }})
	tr := r.Trademarks[0]
	if ids := chainIDs(tr.Chain); !slices.Equal(ids, []string{"AUTH1", "AUTH2"}) {
		t.Errorf("chain = %v, want the chain from Bartech Brand Mgmt", ids)
	}
	if len(r.Findings) != 1 || r.Findings[0].Code != TMOwnerMismatch || r.Findings[0].Exhibit != "T-1" ||
		!strings.Contains(r.Findings[0].Message, "starts at Bartech Brand Mgmt Ltd") {
		t.Errorf("findings = %v", r.Findings)
	}
	// The sub-chain from the distributor is a rejected orphan.
	if len(tr.Rejected) != 1 || !strings.Contains(tr.Rejected[0].Reason, "starts at Guangzhou Dist Trading") {
		t.Errorf("rejected = %+v", tr.Rejected)
	}
}

func TestMessagesNameExhibitsAndDates(t *testing.T) {
	m := parse(t, "", "", tmOK+"authorizations:\n"+strings.Replace(direct, "to: 2025-12-31", "to: 2024-01-31", 1))
	r := Analyze(m, Exhibits{
		Trademark:     func(id string) string { return "T-1" },
		Authorization: func(id string) string { return "A-1" },
	})
	f := r.Findings[0]
	for _, s := range []string{"Authorization A-1 from", "2024-01-31", "the complaint was made on 2024-03-20"} {
		if !strings.Contains(f.Message, s) {
			t.Errorf("message %q lacks %q", f.Message, s)
		}
	}
	if strings.Contains(f.Message, "AUTH1") {
		t.Errorf("message %q names the manifest ID, not only the exhibit", f.Message)
	}
	if f.Exhibit != "A-1" || f.Where != "case.yaml:13:79" || !strings.Contains(f.Hint, "renewed letter covering 2024-03-20") ||
		!strings.Contains(f.Hint, "`to:` date of AUTH1 (case.yaml:13:79)") {
		t.Errorf("finding = %+v", f)
	}
}

func TestWindowComplaintOnly(t *testing.T) {
	// No listing date: only the complaint date matters.
	src := strings.Replace(tmOK, "registered: 2021-05-14", "registered: 2024-01-01", 1) + "authorizations:\n" +
		strings.Replace(direct, "from: 2023-01-01", "from: 2024-03-01", 1)
	m, err := manifest.Parse([]byte("version: 1\ncase: {id: C1, complaint_date: 2024-03-20}\nlistings: [{id: L1}]\n"+
		"seller: {legal_name: \"Shenzhen Bartech Technology Co Ltd\"}\n"+src), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := Analyze(m, Exhibits{})
	w := r.Trademarks[0].Window
	if len(r.Findings) != 0 || w.From != w.To || w.To.String() != "2024-03-20" || w.FromEvent != "the complaint was made" {
		t.Errorf("findings = %v, window = %+v", r.Findings, w)
	}
}

func TestWindowWithoutDates(t *testing.T) {
	src := strings.Replace(tmOK, "expires: 2031-05-13", "expires: 2000-01-01", 1) + "authorizations:\n" + direct
	m, err := manifest.Parse([]byte("version: 1\ncase: {id: C1}\nseller: {legal_name: \"Shenzhen Bartech Technology Co Ltd\"}\n"+src), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := Analyze(m, Exhibits{})
	if len(r.Findings) != 0 || !r.Trademarks[0].Window.From.IsZero() {
		t.Errorf("findings = %v, window = %+v; want no date checks", r.Findings, r.Trademarks[0].Window)
	}
}

func TestTerritoryAndPlatformTables(t *testing.T) {
	for _, tc := range []struct {
		entry, cc string
		want      bool
	}{
		{"Worldwide", "US", true}, {"全球", "BR", true}, {"All Countries", "JP", true}, {"GLOBAL", "DE", true},
		{"USA", "US", true}, {"United States", "US", true}, {"美国", "US", true}, {"EU", "DE", true},
		{"EU", "GB", false}, {"Europe", "GB", true}, {"东南亚", "TH", true}, {"China", "US", false},
		{"Greater Bay Area", "US", false}, {"uk", "GB", true},
	} {
		if got := coversCountry(tc.entry, tc.cc); got != tc.want {
			t.Errorf("coversCountry(%q, %s) = %v, want %v", tc.entry, tc.cc, got, tc.want)
		}
	}
	for _, tc := range []struct {
		platforms []string
		platform  string
		want      bool
	}{
		{nil, "aliexpress", true}, {[]string{"AliExpress"}, "aliexpress", true}, {[]string{"速卖通"}, "aliexpress", true},
		{[]string{"Amazon.com"}, "amazon", true}, {[]string{"all platforms"}, "temu", true},
		{[]string{"amazon"}, "aliexpress", false}, {[]string{"ebay"}, "generic", true}, {[]string{"Shopee"}, "temu", false},
		{[]string{"TikTok Shop"}, "tiktok", true}, {[]string{"抖音"}, "tiktok", false}, // Douyin is not TikTok
	} {
		if got := coversPlatform(tc.platforms, tc.platform); got != tc.want {
			t.Errorf("coversPlatform(%q, %s) = %v, want %v", tc.platforms, tc.platform, got, tc.want)
		}
	}
}

// TestManyLinks makes sure an adversarial graph (every party authorizes
// every other) finishes quickly.
func TestManyLinks(t *testing.T) {
	var b strings.Builder
	b.WriteString(tmOK + "authorizations:\n")
	parties := []string{"Bartech Holdings Ltd"}
	for i := range 14 {
		parties = append(parties, "Party "+string(rune('A'+i)))
	}
	for _, g := range parties {
		for _, e := range parties {
			if g != e {
				b.WriteString(`  - {grantor: "` + g + `", grantee: "` + e + `", trademarks: [TM1], sublicense: true, files: [a.pdf]}` + "\n")
			}
		}
	}
	r := Analyze(parse(t, "", "", b.String()), Exhibits{})
	if got := codes(r.Findings); !slices.Equal(got, []string{AuthChainBroken}) {
		t.Errorf("codes = %v", got)
	}
}

// chainIDs names each link of c by its letters' IDs: "AUTH1", "AUTH2+AUTH3".
func chainIDs(c []Link) []string {
	var ids []string
	for _, l := range c {
		var letters []string
		for _, a := range l.Letters {
			letters = append(letters, a.ID)
		}
		ids = append(ids, strings.Join(letters, "+"))
	}
	return ids
}

// linkFindings is the findings of the link of the chain that holds letter id.
func linkFindings(c []Link, id string) finding.List {
	for _, l := range c {
		for _, a := range l.Letters {
			if a.ID == id {
				return l.Findings
			}
		}
	}
	return nil
}

// TestMessagesComplete: the chain summaries are in both languages.
func TestMessagesComplete(t *testing.T) { i18n.CheckComplete(t, messages) }

// TestSummaryInTheCaseLanguage: the summary, the reasons a chain was not
// used and the window's events follow case.language; the findings and
// FromEvent/ToEvent stay English, codes unchanged.
func TestSummaryInTheCaseLanguage(t *testing.T) {
	body := tmOK + "authorizations:\n" + strings.Replace(direct, "to: 2025-12-31", "to: 2023-12-31", 1) + viaDist
	for _, tt := range []struct {
		lang, summary, reason string
		said                  [2]string
	}{
		{"en", "The chain AUTH2 → AUTH3 gives the right on every date that matters, from 2023-11-02 to 2024-03-20.", "has 1 problem: AUTH_EXPIRED (AUTH1)",
			[2]string{"listing L1 was published", "the complaint was made"}},
		{"zh", "授权链 AUTH2 → AUTH3 在所需的整个期间（2023年11月2日 至 2024年3月20日）内均有效。", "存在1 个问题：AUTH_EXPIRED (AUTH1)",
			[2]string{"商品 L1 上架", "投诉提出"}},
	} {
		m := parse(t, "", "", body)
		m.Case.Language = tt.lang
		tr := Analyze(m, Exhibits{}).Trademarks[0]
		if tr.Summary != tt.summary {
			t.Errorf("%s: summary %q, want %q", tt.lang, tr.Summary, tt.summary)
		}
		if len(tr.Rejected) != 1 || tr.Rejected[0].Reason != tt.reason {
			t.Errorf("%s: rejected %+v, want the reason %q", tt.lang, tr.Rejected, tt.reason)
		}
		if tr.Window.Said != tt.said || tr.Window.FromEvent != "listing L1 was published" {
			t.Errorf("%s: window %+v", tt.lang, tr.Window)
		}
	}
}

// TestRenewalOutsideTheWindow: a renewal letter of the same link whose term
// starts after the complaint is part of the link, but the chain used on
// the window (and its summary) is named by the letter in force then.
func TestRenewalOutsideTheWindow(t *testing.T) {
	renewal := strings.NewReplacer("from: 2023-01-01", "from: 2025-06-01", "to: 2025-12-31", "to: 2027-05-31", "auth/loa.pdf", "auth/renewal.pdf").Replace(direct)
	m := parse(t, "", "", tmOK+"authorizations:\n"+direct+renewal)
	tr := Analyze(m, Exhibits{Authorization: func(id string) string { return "A-" + strings.TrimPrefix(id, "AUTH") }}).Trademarks[0]
	if len(tr.Chain) != 1 || len(tr.Chain[0].Letters) != 2 {
		t.Fatalf("chain %+v; want one link of both letters", tr.Chain)
	}
	if got := tr.Chain[0].LettersIn(tr.Window); len(got) != 1 || got[0].ID != "AUTH1" {
		t.Errorf("letters in the window: %v; want AUTH1", got)
	}
	if want := "The chain A-1 gives the right on every date that matters, from 2023-11-02 to 2024-03-20."; tr.Summary != want {
		t.Errorf("summary %q; want %q", tr.Summary, want)
	}
	// No window: every letter.
	if got := tr.Chain[0].LettersIn(Window{}); len(got) != 2 {
		t.Errorf("letters with no window: %v", got)
	}
}

// TestSummaryOfAnExpiredMark: a valid chain for a mark that expired before
// the complaint is not summed up as giving the right without a word about
// the mark.
func TestSummaryOfAnExpiredMark(t *testing.T) {
	m := parse(t, "", "", strings.Replace(tmOK, "expires: 2031-05-13", "expires: 2024-01-01", 1)+"authorizations:\n"+direct)
	tr := Analyze(m, Exhibits{}).Trademarks[0]
	want := "The chain AUTH1 gives the right on every date that matters, from 2023-11-02 to 2024-03-20. But the mark itself has a blocking problem: " + TMExpired + "."
	if tr.Summary != want {
		t.Errorf("summary %q; want %q", tr.Summary, want)
	}
	if tr := Analyze(parse(t, "", "", tmOK+"authorizations:\n"+direct), Exhibits{}).Trademarks[0]; strings.Contains(tr.Summary, "blocking problem") {
		t.Errorf("a valid mark: %q", tr.Summary)
	}
}

// TestSummaryOfAMisspeltLink: a chain that breaks where the next letter's
// grantor is the previous grantee written another way says so in its
// summary, not only in the finding's hint.
func TestSummaryOfAMisspeltLink(t *testing.T) {
	misspelt := strings.Replace(viaDist, `grantor: "Guangzhou Dist Trading Co., Ltd."`, `grantor: "Dist Trading Co Ltd"`, 1)
	tr := Analyze(parse(t, "", "", tmOK+"authorizations:\n"+misspelt), Exhibits{}).Trademarks[0]
	if want := "starts at Dist Trading Co Ltd, which may be the same company written another way."; !strings.Contains(tr.Summary, want) {
		t.Errorf("summary %q; want it to say %q", tr.Summary, want)
	}
}

// TestPendingMarkHasAnApplicant: what the summaries and findings call the
// first party of a pending mark: its applicant (申请人), not its owner
// (注册人), in both languages.
func TestPendingMarkHasAnApplicant(t *testing.T) {
	pending := strings.Replace(tmOK, "status: registered,\n     registered: 2021-05-14,", "status: pending,\n     filed: 2023-01-05,", 1)
	for _, tt := range []struct {
		name, tm, auth, lang string
		want, not            string
	}{
		{"owns, registered", strings.Replace(tmOK, "Bartech Holdings Ltd", "Shenzhen Bartech Technology Company Limited", 1), direct, "en", "the owner, Shenzhen", "applicant"},
		{"owns, pending", strings.Replace(pending, "Bartech Holdings Ltd", "Shenzhen Bartech Technology Company Limited", 1), direct, "en", "the applicant, Shenzhen", "owner"},
		{"no authorization, pending", pending, "", "zh", "没有来自申请人 Bartech Holdings Ltd 的授权", "注册人"},
		{"orphan, pending", pending, strings.Replace(viaDist, `grantor: "Bartech Holdings Ltd"`, `grantor: "Bartech Brand Mgmt Ltd"`, 1), "zh", "而非商标申请人 Bartech Holdings Ltd", "注册人"},
	} {
		body := tt.tm
		if tt.auth != "" {
			body += "authorizations:\n" + tt.auth
		}
		m := parse(t, "", "", body)
		m.Case.Language = tt.lang
		r := Analyze(m, Exhibits{})
		said := r.Trademarks[0].Summary
		for _, f := range r.Findings {
			said += "\n" + f.Message
		}
		for _, c := range r.Trademarks[0].Rejected {
			said += "\n" + c.Reason
		}
		if !strings.Contains(said, tt.want) || strings.Contains(said, tt.not) {
			t.Errorf("%s: %q; want %q, not %q", tt.name, said, tt.want, tt.not)
		}
	}
}

// TestNamesPlace: the territories a letter may state, told from words that
// name no place.
func TestNamesPlace(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"mainland China", true}, {"the People's Republic of China", true}, {"中国大陆", true}, {"中华人民共和国", true},
		{"US", true}, {"United States and Canada", true}, {"EU", true}, {"Southeast Asia", true}, {"the whole world", true}, {"全球", true},
		{"as set out in Schedule 1", false}, {"all online platforms", false}, {"us and our affiliates", false},
		{"phenomena", false}, {"its own store", false}, {"其店铺", false},
	} {
		if got := NamesPlace(tt.text); got != tt.want {
			t.Errorf("NamesPlace(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestTerritoryExclusions: what a stated territory leaves out is not
// covered; a territory that includes Hong Kong, Macau and Taiwan (含港澳台)
// covers them.
func TestTerritoryExclusions(t *testing.T) {
	for _, tt := range []struct {
		stated, excluded, entry string
		covers, known           bool
	}{
		{"Worldwide (", "mainland China)", "China", false, true},
		{"Worldwide (", "mainland China)", "US", true, true},
		{"Worldwide (", "mainland China)", "worldwide", false, true},
		{"all countries", "the United States", "US", false, true},
		{"Mainland China", "Hong Kong", "Hong Kong", false, true},
		{"中国（含港澳台）", "", "Hong Kong", true, true},
		// Review 4: dotted codes and short region names in any case.
		{"the U.S. and Canada", "", "US", true, true},
		{"U.S.A. and Canada", "", "CA", true, true},
		{"Asia and Europe", "", "Japan", true, true},
		{"the EU and Asia", "", "Singapore", true, true},
		{"Asia Pacific and North America", "", "Japan", true, true},
		{"Mena region and Europe", "", "Saudi Arabia", true, true},
		{"phenomena", "", "Saudi Arabia", false, false},
		{"全球）", "中国大陆", "中国", false, true},
	} {
		covers, known := TerritoryCovers(tt.stated, tt.excluded, tt.entry)
		if covers != tt.covers || known != tt.known {
			t.Errorf("TerritoryCovers(%q, %q, %q) = %v, %v; want %v, %v", tt.stated, tt.excluded, tt.entry, covers, known, tt.covers, tt.known)
		}
	}
}

// TestTerritoryCovers: whether the territory a letter states covers a
// territory case.yaml gives it, and whether that can be told.
func TestTerritoryCovers(t *testing.T) {
	for _, tt := range []struct {
		stated, entry string
		covers, known bool
	}{
		{"mainland China", "China", true, true},
		// Chinese names of three characters or fewer stand between other
		// words without spaces: 美国、加拿大和墨西哥 names all three.
		{"美国、加拿大和墨西哥", "Canada", true, true},
		{"美国、加拿大和墨西哥", "MX", true, true},
		{"在英国和法国", "France", true, true},
		{"中国香港", "China", false, true},
		// Review 8: a longer name, a region or 境外 holds a short one.
		{"欧美国家", "Germany", false, false},
		{"中国港澳台地区", "China", false, true},
		{"中国境外", "US", false, false},
		{"南美国家", "US", false, true},
		{"印度尼西亚", "India", false, true},
		{"北爱尔兰", "Ireland", false, true},
		{"欧洲大陆", "China", false, true},
		{"日本国内地区", "China", false, true},
		{"中国香港", "Hong Kong", true, true},
		{"中国大陆及中国台湾", "TW", true, true},
		{"中华人民共和国", "China", true, true},
		{"mainland China", "US", false, true},
		{"the United States and Canada", "US", true, true},
		{"the United States and Canada", "North America", false, true}, // Mexico
		{"the European Union", "Germany", true, true},
		{"Germany", "EU", false, true},
		{"the whole world", "US", true, true},
		{"mainland China", "worldwide", false, true},
		{"全球", "全球", true, true},
		{"as set out in Schedule 1", "US", false, false},
		{"mainland China", "Atlantis", false, false},
	} {
		covers, known := TerritoryCovers(tt.stated, "", tt.entry)
		if covers != tt.covers || known != tt.known {
			t.Errorf("TerritoryCovers(%q, %q) = %v, %v; want %v, %v", tt.stated, tt.entry, covers, known, tt.covers, tt.known)
		}
	}
}
