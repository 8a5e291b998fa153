package doctext

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A letter's terms: what its words say of sublicensing and of territory.
// Only plain statements count: a letter that says nothing of them says
// nothing either way.

// subWord is sublicensing in its usual spellings.
const subWord = `sub-?\s?licen[cs](?:e[sd]?|ing|able)`

// sublicenseDenied finds a sentence by which a letter withholds the right
// to sublicense: "may not sublicense", "non-sublicensable", "without the
// right to grant sublicenses", "不得转授权".
var sublicenseDenied = regexp.MustCompile(`(?i)` +
	`\bnon-?\s?` + subWord +
	`|\bnot\s+` + subWord +
	`|\b(?:may|shall|can|will|must)\s*(?:not|n't)\s+(?:\w+\s+){0,2}?(?:` + subWord + `|grant\s+(?:any\s+)?` + subWord +
	`|authori[sz]e\s+(?:any\s+)?(?:third\s+part(?:y|ies)|others|other\s+parties|resellers|sub-?distributors))` +
	`|\bcannot\s+(?:\w+\s+){0,2}?(?:` + subWord + `|grant\s+(?:any\s+)?` + subWord + `)` +
	`|\b(?:without|no)\s+(?:the\s+|any\s+)?right\s+to\s+(?:grant\s+)?(?:any\s+)?` + subWord +
	`|\b` + subWord + `\s*(?:[:：]\s*|is\s+|are\s+)(?:not\s+(?:permitted|allowed)|prohibited|forbidden|none\b|no\b)` +
	`|(?:不得|不可|不能|无权|禁止|不允许)[^，。；,;\n]{0,8}?(?:转授权|再授权|转许可|再许可|分许可|二次授权)` +
	`|不(?:包括|含)(?:转授权|再授权|转许可|再许可)`)

// sublicenseGranted finds a sentence by which a letter gives the right to
// sublicense: "may sublicense", "with the right to grant sublicenses",
// "may authorize its own resellers", "可转授权".
var sublicenseGranted = regexp.MustCompile(`(?i)` +
	`\b(?:may|can|is\s+entitled\s+to|has\s+the\s+right\s+to|right\s+to)\s+(?:grant\s+)?(?:any\s+)?` + subWord +
	`|\b(?:may|can)\s+(?:further\s+)?authori[sz]e\s+(?:its\s+own\s+)?(?:resellers|distributors|sub-?distributors|third\s+parties|others)` +
	`|\b` + subWord + `\s*(?:[:：]\s*|is\s+)(?:yes|permitted|allowed)\b` +
	`|(?:可|可以|有权|并可|允许)(?:转授权|再授权|转许可|再许可|分许可)`)

// territoryStated finds where a letter states its territory; the first
// group is what it says.
var territoryStated = regexp.MustCompile(`(?i)` +
	`(?:geographic(?:al)?\s+(?:scope|area|region)|\bterritor(?:y|ies)|\bsales\s+(?:area|region)|授权(?:地域|区域|地区)|地域范围|销售(?:区域|地区))\s*[:：]\s*([^.;。；\n]{2,80})` +
	`|\b(?:in|within)\s+the\s+territor(?:y|ies)\s+of\s+([^.;,。；\n]{2,80})` +
	`|在([^\s，。；,;]{2,15}?)境内` +
	`|在(全球|全世界|世界各地)(?:范围)?内`)

// worldwideStated reports whether a stated territory is the whole world.
var worldwideStated = regexp.MustCompile(`(?i)\bworld(?:wide)?\b|\bglobal(?:ly)?\b|\ball\s+countries\b|全球|全世界|世界|不限`)

// nextLabel ends a stated territory at the next label of a letter whose
// lines ran together ("Territory: China Term: from ...").
var nextLabel = regexp.MustCompile(`\s+[A-Z][a-z]+(?:\s[a-z]+)?\s*:|[\p{Han}]{2,4}[:：]`)

// flowed joins a paper's lines into one run of text, as a sentence reads:
// whitespace runs become one space, and none is left between two CJK
// characters (a line break inside a Chinese sentence).
func flowed(s string) string {
	var b strings.Builder
	space := false
	var last rune
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space && !(isHan(last) && isHan(r)) {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// quote shortens a phrase found in a paper for a message.
func quote(s string) string {
	s = strings.TrimSpace(s)
	const max = 60
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return s
}

// Sublicensing returns what a text says of sublicensing: the phrase of a
// denial, of a grant, or neither. A text that says both (a grant with
// exceptions, "no sublicense to competitors") says neither plainly.
func Sublicensing(text string) (denied, granted string) {
	text = flowed(text)
	if m := sublicenseDenied.FindString(text); m != "" {
		rest := sublicenseDenied.ReplaceAllString(text, " ")
		if !sublicenseGranted.MatchString(rest) {
			return quote(m), ""
		}
		return "", ""
	}
	return "", quote(sublicenseGranted.FindString(text))
}

// Territory returns the first territory a text states ("mainland China",
// "worldwide" as written), and whether it is the whole world; "" when the
// text states none.
func Territory(text string) (stated string, worldwide bool) {
	text = flowed(text)
	for _, m := range territoryStated.FindAllStringSubmatch(text, -1) {
		v := m[1] + m[2] + m[3] + m[4]
		if loc := nextLabel.FindStringIndex(v); loc != nil && loc[0] > 0 {
			v = v[:loc[0]]
		}
		v = strings.Trim(strings.TrimSpace(v), ",，")
		if v != "" {
			return quote(v), Worldwide(v)
		}
	}
	return "", false
}

// Worldwide reports whether a territory, as a paper or case.yaml writes
// it, is the whole world.
func Worldwide(territory string) bool { return worldwideStated.MatchString(territory) }
