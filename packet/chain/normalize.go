package chain

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeParty returns the key under which two party names (a trademark
// owner, a grantor, a grantee, a seller name) are the same party. Two names
// match when their keys are equal and not empty. The key is for comparing,
// not for display.
//
// Exactly these differences are ignored:
//
//   - Unicode compatibility forms (NFKC): full-width letters, digits and
//     punctuation ("Ｂａｒｔｅｃｈ（ＨＫ）" = "Bartech(HK)"), ligatures, circled
//     digits;
//
//   - case ("STRASSE" = "Straße", "ΟΔΟΣ" = "οδος");
//
//   - spaces and punctuation, wherever they are ("Bar-Tech" = "Bar Tech" =
//     "BarTech", "Co.,Ltd." = "Co Ltd");
//
//   - the spelling of the company form at the end of the name: every name in
//     one group below is the same form. A form is recognised only as whole
//     words at the end of the name (Latin) or as the end of the name with
//     spaces and punctuation removed (CJK), and only when something remains
//     before it.
//
//     ltd:    Co., Ltd. / Co. Ltd / Co Limited / Company Ltd / Company Limited /
//     Ltd / Limited / 有限公司 / 有限责任公司 / 有限責任公司
//     jsc:    Joint Stock Company / Joint Stock Co / JSC / Company Limited by
//     Shares / Co Ltd by Shares / 股份有限公司 / 股份公司
//     co:     Co / Company / 公司
//     inc:    Inc / Incorporated
//     corp:   Corp / Corporation
//     llc:    LLC / L.L.C. / Limited Liability Company / Limited Liability Co
//     plc:    PLC / Public Limited Company
//     pteltd: Pte Ltd / Pte Limited / Private Limited / Private Ltd / Pvt Ltd /
//     Pvt Limited
//     ptyltd: Pty Ltd / Pty Limited / Proprietary Limited
//     gmbh:   GmbH / Gesellschaft mit beschränkter Haftung
//     kk:     K.K. / Kabushiki Kaisha / 株式会社
//
// Different groups stay different ("Bartech Ltd" ≠ "Bartech LLC" ≠ "Bartech
// Inc"; 有限公司 ≠ 股份有限公司, which are different legal forms), a name
// without a form differs from the same name with one ("Bartech" ≠ "Bartech
// Ltd"), and nothing else is guessed: spelling variants ("Bartech" vs
// "Bartek"), translations (深圳巴泰 vs Shenzhen Bartech), added or dropped
// words ("Shenzhen", "Technology", 市) are different parties. A seller
// declares such names in seller.aliases.
//
// NormalizeParty is idempotent: NormalizeParty(NormalizeParty(s)) ==
// NormalizeParty(s).
func NormalizeParty(name string) string {
	base, form := splitForm(foldTokens(name))
	key := norm.NFKC.String(base)
	if form != "" {
		key += " " + form
	}
	return key
}

// foldTokens folds s (NFKC, then foldCase, then NFKC again) and splits it into
// runs of letters, numbers and combining marks; everything else (spaces,
// punctuation, symbols) separates tokens and is dropped. A combining mark
// that would start a token is dropped too.
func foldTokens(s string) []string {
	s = norm.NFKC.String(foldCase(norm.NFKC.String(s)))
	var toks []string
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsNumber(r)
		mark := unicode.Is(unicode.M, r)
		switch {
		case word && start < 0:
			start = i
		case word, mark && start >= 0:
		case start >= 0:
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

// foldCase maps every letter to the lower case of its upper case (so "Σ",
// "σ" and "ς" are all "σ") and "ß" to "ss". Unlike x/text/cases.Fold, which
// flips Cherokee letters back and forth, it is idempotent.
func foldCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(unicode.ToUpper(r))
		if r == 'ß' {
			b.WriteString("ss")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// companyForms is the read-only table of company-form groups documented on
// NormalizeParty. The first Latin spelling of each group is its canonical
// token and is a one-word spelling of that group alone, which keeps
// NormalizeParty idempotent.
var companyForms = []struct {
	latin []string // spellings, tokenised like names
	cjk   []string // suffixes matched without word boundaries
}{
	{latin: []string{"ltd", "co ltd", "co limited", "company ltd", "company limited", "limited"}, cjk: []string{"有限公司", "有限责任公司", "有限責任公司"}},
	{latin: []string{"jsc", "joint stock company", "joint stock co", "company limited by shares", "co ltd by shares"}, cjk: []string{"股份有限公司", "股份公司"}},
	{latin: []string{"co", "company"}, cjk: []string{"公司"}},
	{latin: []string{"inc", "incorporated"}},
	{latin: []string{"corp", "corporation"}},
	{latin: []string{"llc", "l l c", "limited liability company", "limited liability co"}},
	{latin: []string{"plc", "public limited company"}},
	{latin: []string{"pteltd", "pte ltd", "pte limited", "private limited", "private ltd", "pvt ltd", "pvt limited"}},
	{latin: []string{"ptyltd", "pty ltd", "pty limited", "proprietary limited"}},
	{latin: []string{"gmbh", "gesellschaft mit beschränkter haftung"}},
	{latin: []string{"kk", "k k", "kabushiki kaisha"}, cjk: []string{"株式会社"}},
}

// spelling is one spelling of a company form: Latin words, tokenised like
// names, or a CJK suffix.
type spelling struct {
	words []string
	cjk   string
	canon string // the group's canonical token
}

// spellings lists every spelling of companyForms in the order splitForm
// tries them: CJK first, longest first, then Latin by number of words, most
// first. Built once, on first use.
var spellings = sync.OnceValue(func() []spelling {
	var all []spelling
	for _, g := range companyForms {
		canon := g.latin[0]
		for _, s := range g.latin {
			all = append(all, spelling{words: foldTokens(s), canon: canon})
		}
		for _, s := range g.cjk {
			all = append(all, spelling{cjk: s, canon: canon})
		}
	}
	slices.SortStableFunc(all, func(a, b spelling) int {
		if (a.cjk != "") != (b.cjk != "") {
			if a.cjk != "" {
				return -1
			}
			return 1
		}
		if a.cjk != "" {
			return len(b.cjk) - len(a.cjk)
		}
		return len(b.words) - len(a.words)
	})
	return all
})

// splitForm removes the company form ending the name toks, if any, and
// returns the rest of the name (its tokens joined) and the form's canonical
// token. CJK spellings are matched at the end of the joined name, Latin ones
// as whole tokens; the longest spelling wins (CJK first, then Latin by
// number of words), and a spelling that would leave nothing is skipped.
func splitForm(toks []string) (string, string) {
	joined := strings.Join(toks, "")
	for _, s := range spellings() {
		if s.cjk != "" {
			if rest, ok := strings.CutSuffix(joined, s.cjk); ok && rest != "" {
				return rest, s.canon
			}
			continue
		}
		n := len(s.words)
		if n < len(toks) && slices.Equal(toks[len(toks)-n:], s.words) {
			return strings.Join(toks[:len(toks)-n], ""), s.canon
		}
	}
	return joined, ""
}

// key folds a short label (a platform or territory name) for table lookup:
// NFKC, case folding, letters and numbers only.
func key(s string) string {
	return strings.Join(foldTokens(s), "")
}
