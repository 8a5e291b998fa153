package chain

import (
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
