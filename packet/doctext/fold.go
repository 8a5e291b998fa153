package doctext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the letters and digits of s, in Unicode compatibility form
// (full-width letters, digits and brackets as their ASCII forms) and lower
// case: the form in which a claim is looked for in a paper's text, so that
// spaces, punctuation, line breaks and the spaces Tesseract puts between
// Chinese characters do not matter.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(norm.NFKC.String(s)) {
		if isWordRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Contains reports whether text holds claim, both folded (see Fold). With
// tolerance > 0 (for OCR text) a claim is also found where it was misread:
// where at most tolerance of its letters are substituted, dropped or added
// (an edit distance of at most ⌊tolerance × letters⌋). Claims of fewer
// than 6 letters and claims with digits (numbers, dates: one digit off is
// another number) must be exact.
func Contains(text, claim string, tolerance float64) bool {
	t, c := []rune(Fold(text)), []rune(Fold(claim))
	if len(c) == 0 {
		return false
	}
	if strings.Contains(string(t), string(c)) {
		return true
	}
	k := int(tolerance * float64(len(c)))
	if len(c) < 6 || k == 0 || strings.ContainsFunc(string(c), unicode.IsDigit) {
		return false
	}
	return approxIndex(t, c, k)
}

// approxIndex reports whether some substring of t is within edit distance
// k of p (Sellers' algorithm: the edit distance where the match may start
// and end anywhere in t).
func approxIndex(t, p []rune, k int) bool {
	prev := make([]int, len(p)+1)
	cur := make([]int, len(p)+1)
	for i := range prev {
		prev[i] = i
	}
	for _, tr := range t {
		cur[0] = 0
		for i, pr := range p {
			cost := 1
			if pr == tr {
				cost = 0
			}
			cur[i+1] = min(prev[i]+cost, prev[i+1]+1, cur[i]+1)
		}
		if cur[len(p)] <= k {
			return true
		}
		prev, cur = cur, prev
	}
	return false
}
