// Package wording finds the slips that template-built sentences make when a
// value is missing or a count is one: a field name left hanging before a
// full stop ("fix its date:."), a word said twice ("invoice invoice"), a
// plural after one ("1 trademark certificates"), an empty quotation, a
// formatting verb that found no value ("%!s(MISSING)", "<nil>"). Tests run
// every finding's message and hint through Problems.
package wording

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

var (
	// hanging is a field name or a colon with nothing after it but the
	// end of the sentence: "fix to:.", "its date: ." ("to: 2025-05-31." is fine).
	hanging = regexp.MustCompile(`[\p{L}_]+:\s*[.;,)]`)
	// emptyQuote is a quotation or code span with nothing in it.
	emptyQuote = regexp.MustCompile("(\"\"|“”|``|''|\\(\\)|\\[\\])")
	// oneThenPlural is "1 things", except words that end in s in the
	// singular; the regular expression only finds candidates.
	oneThenPlural = regexp.MustCompile(`(?:^|[\s(])1 (?:[a-z-]+ )?([a-z]+s)\b`)
	// badVerb is what fmt writes for a missing or mistyped argument.
	badVerb = regexp.MustCompile(`%!|<nil>|\{\{|\}\}|\bTODO\b`)
	// strayStop is a space before a punctuation mark that ends a phrase
	// (" .jpg" is an extension) or a sentence ended twice.
	strayStop = regexp.MustCompile(`\s[.,;:](?:\s|$)|\p{L}\.\.(?:\s|$)`)
	word      = regexp.MustCompile(`[\p{L}\p{N}](?:[\p{L}\p{N}'’._/-]*[\p{L}\p{N}])?`)
)

// singularS are words that end in s in the singular.
var singularS = map[string]bool{"is": true, "was": true, "has": true, "does": true, "this": true, "its": true,
	"status": true, "address": true, "class": true, "process": true, "business": true, "access": true,
	"gps": true, "lens": true, "series": true, "plus": true, "bus": true, "less": true, "ms": true}

// Problems returns what is wrong with the wording of s, one phrase each;
// none for a well-formed sentence.
func Problems(s string) []string {
	var out []string
	if strings.TrimSpace(s) == "" {
		return []string{"empty"}
	}
	if m := hanging.FindString(s); m != "" {
		out = append(out, fmt.Sprintf("a field name left hanging: %q", m))
	}
	if m := emptyQuote.FindString(s); m != "" {
		out = append(out, fmt.Sprintf("an empty quotation: %q", m))
	}
	if m := badVerb.FindString(s); m != "" {
		out = append(out, fmt.Sprintf("an unfilled value: %q", m))
	}
	for _, m := range oneThenPlural.FindAllStringSubmatch(s, -1) {
		if w := strings.ToLower(m[1]); !singularS[w] && !strings.HasSuffix(w, "ss") {
			out = append(out, fmt.Sprintf("a plural after one: %q", strings.TrimSpace(m[0])))
		}
	}
	if strings.Contains(s, "  ") {
		out = append(out, "two spaces in a row")
	}
	if m := strayStop.FindString(s); m != "" {
		out = append(out, fmt.Sprintf("a stray space or full stop: %q", m))
	}
	words := word.FindAllString(s, -1)
	for i := 1; i < len(words); i++ {
		if strings.EqualFold(words[i], words[i-1]) && isWord(words[i]) {
			out = append(out, fmt.Sprintf("a word twice: %q", words[i]+" "+words[i]))
		}
	}
	return out
}

// isWord reports whether w is a word that cannot stand twice in a row (a
// number or an ID such as "A-1" may: "2024-01-01 to 2024-01-01").
func isWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return len(w) > 1 && w != "that" && w != "had"
}
