package chain

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"appealpacket/packet/manifest"
)

var (
	// holes are what a sentence with an empty placeholder looks like.
	holes = []string{":.", ": .", "  ", "to:.", "from:.", " ,", " .", "()", "(exhibit )", `""`, ":;", "fix "}
	// doubledWord finds a word written twice in a row ("invoice invoice").
	doubledWord = regexp.MustCompile(`(?i)\b(\p{L}+) (\p{L}+)\b`)
	// onePlural finds "1 letters", "1 problems" (not "A-1 starts").
	onePlural = regexp.MustCompile(`(?:^|[^\p{L}\p{N}\-])1 \p{L}+s\b`)
	// secondPerson finds "you" and "your", which the packet never says.
	secondPerson = regexp.MustCompile(`(?i)\b(you|your|yours)\b`)
)

// textProblems says what is wrong with a sentence shown to a reader, or "".
func textProblems(s string, reviewer bool) string {
	var bad []string
	for _, h := range holes {
		if strings.Contains(s, h) {
			bad = append(bad, "hole "+strconvQuote(h))
		}
	}
	for _, m := range doubledWord.FindAllStringSubmatch(s, -1) {
		if strings.EqualFold(m[1], m[2]) {
			bad = append(bad, "doubled word "+strconvQuote(m[0]))
		}
	}
	// FindAll does not overlap: look again one word later.
	if i := strings.IndexByte(s, ' '); i >= 0 {
		for _, m := range doubledWord.FindAllStringSubmatch(s[i+1:], -1) {
			if strings.EqualFold(m[1], m[2]) {
				bad = append(bad, "doubled word "+strconvQuote(m[0]))
			}
		}
	}
	if m := onePlural.FindString(s); m != "" {
		bad = append(bad, "wrong plural "+strconvQuote(m))
	}
	if strings.HasSuffix(strings.TrimSpace(s), "..") || strings.Contains(s, "..") && !strings.Contains(s, "...") {
		bad = append(bad, "doubled full stop")
	}
	if reviewer {
		if m := secondPerson.FindString(s); m != "" {
			bad = append(bad, "addresses the reader as "+strconvQuote(m))
		}
	}
	return strings.Join(bad, ", ")
}

func strconvQuote(s string) string { return `"` + s + `"` }

// checkWords checks every sentence of a trademark result: messages and
// summaries are read by the reviewer (third person), hints by the seller.
func checkWords(t *testing.T, tr TrademarkResult) {
	t.Helper()
	check := func(what, s string, reviewer bool) {
		if s == "" {
			t.Errorf("%s is empty", what)
			return
		}
		if p := textProblems(s, reviewer); p != "" {
			t.Errorf("%s: %s\n  %s", what, p, s)
		}
	}
	check("summary", tr.Summary, true)
	for _, f := range tr.Findings {
		check(f.Code+" message", f.Message, true)
		check(f.Code+" hint", f.Hint, false)
	}
	for _, c := range tr.Rejected {
		check("rejected reason", c.Reason, true)
		for _, f := range c.Findings {
			check(f.Code+" message (rejected chain)", f.Message, true)
			check(f.Code+" hint (rejected chain)", f.Hint, false)
		}
	}
}

func TestTextProblemsFinds(t *testing.T) {
	for s, want := range map[string]bool{
		"Correct the date, fix to:.":            true,
		"the invoice invoice was sent":          true,
		"it has 1 letters":                      true,
		"name  twice":                           true,
		"Shenzhen Co., Ltd..":                   true,
		"Authorization A-1 from X to Y ended.":  false,
		"it has 1 letter and 2 problems":        false,
		"the letter of AUTH1 (case.yaml:12:5).": false,
	} {
		if got := textProblems(s, true) != ""; got != want {
			t.Errorf("textProblems(%q) = %q, want a problem: %v", s, textProblems(s, true), want)
		}
	}
}

// TestEveryCodeReadsWell renders the message, hint and summary of a sample
// of every code, with and without exhibits, and checks them for empty
// placeholders, doubled words, wrong plurals and the second person.
func TestEveryCodeReadsWell(t *testing.T) {
	var samples []*manifest.Manifest
	for _, tc := range analyzeCases {
		samples = append(samples, parse(t, tc.platform, tc.url, tc.body))
	}
	for _, letters := range []string{
		letter("AUTH1", "2023-06-01", "2025-05-31") + letter("AUTH2", "2025-09-01", "2026-06-30", "platforms", "[amazon]", "trademarks", "[TM2]", "files", ""),
		letter("AUTH1", "2024-01-01", "2025-05-31", "territories", "[China]") + letter("AUTH2", "2025-06-01", "2027-05-31", "territories", "[China, US]"),
		letter("AUTH1", "2022-01-01", "2025-05-31", "grantee", `"Dist Co"`) + letter("AUTH2", "2025-06-01", "2027-12-31", "grantee", `"Dist Co"`) +
			letter("AUTH3", "2023-01-01", "2027-12-31", "grantor", `"Dist Company"`),
	} {
		src := strings.NewReplacer("%PLATFORM%", "aliexpress", "%URL%", "").Replace(renewalHead) + letters
		m, err := manifest.Parse([]byte(src), "case.yaml")
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, m)
	}
	seen := map[string]bool{}
	for _, m := range samples {
		for _, ex := range []Exhibits{{}, exhibitsAN} {
			r := Analyze(m, ex)
			for _, tr := range r.Trademarks {
				checkWords(t, tr)
			}
			for _, f := range r.Findings {
				seen[f.Code] = true
			}
		}
	}
	all := []string{AuthChainBroken, AuthNotYetValid, AuthExpired, AuthGap, AuthPlatformNotCovered, AuthTerritoryNotCovered,
		AuthTrademarkNotCovered, AuthNoSublicense, AuthNoDocument, TMExpired, TMNotYetRegistered, TMPending, TMNoCertificate, TMOwnerMismatch}
	for _, c := range all {
		if !seen[c] {
			t.Errorf("no sample of %s", c)
		}
	}
	if len(seen) != len(all) {
		var extra []string
		for c := range seen {
			if !slices.Contains(all, c) {
				extra = append(extra, c)
			}
		}
		t.Errorf("codes without a sample in this test: %v", extra)
	}
}
