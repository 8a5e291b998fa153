package chain

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"appealpacket/internal/i18n"
)

func TestLinkMessagesComplete(t *testing.T) {
	i18n.CheckComplete(t, linkMessages)
}

// TestLinkFindingsChinese: with case.language zh the findings about links
// (dates, trademarks, platforms, territories, sublicensing, missing
// scans) are Chinese, with the same codes, exhibits and positions as in
// English.
func TestLinkFindingsChinese(t *testing.T) {
	body := tmOK + `authorizations:
  - {grantor: "Bartech Holdings Ltd", grantee: "Guangzhou Dist Trading Co Ltd", trademarks: [],
     platforms: [amazon], territories: [Germany], from: 2022-01-01, to: 2023-12-31}
  - {grantor: "Guangzhou Dist Trading Co Ltd", grantee: "Bartech Official Store", trademarks: [TM1],
     platforms: [aliexpress], territories: [worldwide], from: 2024-01-01, to: 2024-12-31, files: [auth/a2.pdf]}
`
	en := Analyze(parse(t, "", "", body), Exhibits{})
	m := parse(t, "", "", body)
	m.Case.Language = "zh"
	zh := Analyze(m, Exhibits{})
	var enAll, zhAll []string
	var zhText []string
	for i := range en.Trademarks {
		for _, f := range en.Trademarks[i].Findings {
			enAll = append(enAll, f.Code+" "+f.Exhibit+" "+f.Where)
		}
		for _, f := range zh.Trademarks[i].Findings {
			zhAll = append(zhAll, f.Code+" "+f.Exhibit+" "+f.Where)
			if strings.HasPrefix(f.Code, "AUTH_") && f.Code != AuthChainBroken {
				zhText = append(zhText, f.Message, f.Hint)
			}
		}
	}
	if !slices.Equal(enAll, zhAll) {
		t.Fatalf("codes differ:\nen %q\nzh %q", enAll, zhAll)
	}
	if len(zhText) < 8 {
		t.Fatalf("%d link finding texts, want several kinds: %q", len(zhText), zhAll)
	}
	for _, s := range zhText {
		t.Log(s)
		if !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("not Chinese: %q", s)
		}
		for _, english := range []string{"authorization ", " does not ", " ended on ", " starts on ", "Ask ", "(no name)"} {
			if strings.Contains(s, english) {
				t.Errorf("Chinese finding holds %q: %q", english, s)
			}
		}
	}
}

// englishRun is three English words in a row: a sentence, or a piece of
// one, left in a Chinese finding.
var englishRun = regexp.MustCompile(`[A-Za-z]+(?:[ ,'’]+[A-Za-z]+){2,}`)

// TestEveryFindingChinese: with case.language zh, every finding the cases
// of analyzeCases trigger (every code of the package: the trademark's own,
// the owner's, the broken chain's and the links') has a Chinese message and
// hint, with no English sentence left once the names the case gives
// (parties, marks) and the `case.yaml` fields are taken out.
func TestEveryFindingChinese(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range analyzeCases {
		m := parse(t, tc.platform, tc.url, tc.body)
		m.Case.Language = "zh"
		names := []string{m.Seller.LegalName, m.Seller.Store}
		names = append(names, m.Seller.Aliases...)
		for _, tm := range m.Trademarks {
			names = append(names, tm.Owner, tm.Mark)
		}
		for _, au := range m.Authorizations {
			names = append(names, au.Grantor, au.Grantee)
			names = append(names, au.Territories...)
			names = append(names, au.Platforms...)
		}
		slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) }) // longest first
		for _, f := range Analyze(m, Exhibits{}).Findings {
			seen[f.Code] = true
			for _, s := range []string{f.Message, f.Hint} {
				if !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
					t.Errorf("%s: %s: not Chinese: %q", tc.name, f.Code, s)
				}
				rest := codeSpan.ReplaceAllString(s, "")
				for _, n := range names {
					if n != "" {
						rest = strings.ReplaceAll(rest, n, "")
					}
				}
				if run := englishRun.FindString(rest); run != "" {
					t.Errorf("%s: %s: English left (%q) in %q", tc.name, f.Code, run, s)
				}
			}
		}
	}
	for _, code := range []string{TMExpired, TMNotYetRegistered, TMPending, TMNoCertificate, TMOwnerMismatch, AuthChainBroken,
		AuthNotYetValid, AuthExpired, AuthPlatformNotCovered, AuthTerritoryNotCovered, AuthTrademarkNotCovered, AuthNoSublicense, AuthNoDocument} {
		if !seen[code] {
			t.Errorf("no case triggered %s", code)
		}
	}
}

// codeSpan is a `case.yaml` field or value, which stays as written.
var codeSpan = regexp.MustCompile("`[^`]*`")
