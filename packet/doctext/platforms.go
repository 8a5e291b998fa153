package doctext

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// platformWords are the words a paper names each platform by, its usual
// name first; the keys are the platform keys of case.yaml.
var platformWords = map[string][]string{
	"aliexpress": {"AliExpress", "Ali Express", "速卖通"},
	"amazon":     {"Amazon", "亚马逊"},
	"temu":       {"Temu"},
	"shopee":     {"Shopee", "虾皮"},
	"tiktok":     {"TikTok", "Tik Tok", "TikTokShop"}, // not 抖音 (Douyin, China's own app)
	"ebay":       {"eBay"},
	"etsy":       {"Etsy"},
	"coupang":    {"Coupang", "酷澎"},
	"douyin":     {"Douyin", "抖音"}, // China's own app, not TikTok
	"taobao":     {"Taobao", "淘宝"},
	"tmall":      {"Tmall", "天猫"},
	"jd":         {"JD.com", "京东"},
}

// platformPatterns find each platform's words in a text, case ignored:
// Latin words as whole words ("Amazon", not "Amazonia"), Chinese ones
// wherever they stand (Chinese has no spaces between words: 在速卖通店铺).
var platformPatterns = func() map[string]*regexp.Regexp {
	out := map[string]*regexp.Regexp{}
	for key, words := range platformWords {
		var latin, han []string
		for _, w := range words {
			if r, _ := utf8.DecodeRuneInString(w); unicode.Is(unicode.Han, r) {
				han = append(han, regexp.QuoteMeta(w))
			} else {
				latin = append(latin, regexp.QuoteMeta(w))
			}
		}
		// Only Latin letters and digits part words: "Amazon美国站" names
		// Amazon, "Amazonia" does not.
		re := `(?:^|[^\p{Latin}\pN])(?:` + strings.Join(latin, "|") + `)(?:$|[^\p{Latin}\pN])`
		if len(han) > 0 {
			re += "|" + strings.Join(han, "|")
		}
		out[key] = regexp.MustCompile(`(?i)` + re)
	}
	return out
}()

// platformKey is a platform as case.yaml writes it ("AliExpress",
// "aliexpress", "Ali Express") as a key of platformWords.
func platformKey(platform string) string {
	return strings.ToLower(strings.ReplaceAll(platform, " ", ""))
}

// PlatformName returns a platform's usual name ("AliExpress" for
// "aliexpress"), and whether this package has words for it.
func PlatformName(platform string) (string, bool) {
	words, ok := platformWords[platformKey(platform)]
	if !ok {
		return platform, false
	}
	return words[0], true
}

// NamesPlatform reports whether text names the platform as one it is
// about: not in a clause that leaves it out (see Platforms).
func NamesPlatform(text, platform string) bool {
	re, ok := platformPatterns[platformKey(platform)]
	return ok && re.MatchString(withoutExclusions(text))
}

// Platforms returns the keys of the platforms a text names, sorted. A
// clause that leaves platforms out ("all online platforms except Amazon",
// "This letter does not cover eBay", 但不适用于亚马逊平台) names none.
func Platforms(text string) []string {
	text = withoutExclusions(text)
	var out []string
	for key, re := range platformPatterns {
		if re.MatchString(text) {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

// clauseEnd parts a text into clauses.
var clauseEnd = regexp.MustCompile(`[，,；;。\n（）()]|\.\s`)

// leavesOut starts what a clause leaves out, to its end: "except Amazon
// Japan", "but not in physical stores", "does not cover eBay",
// 不适用于亚马逊平台.
var leavesOut = regexp.MustCompile(`(?i)\b(?:except(?:\s+for)?|excluding|excl\.|other\s+than|but\s+not|save\s+for|(?:does|do|shall|will)\s+not\s+(?:cover|apply|include|extend)|not\s+(?:covered|applicable|included))\b|不适用|不包括|不含`)

// leftOutBefore is what a clause leaves out before its marker: 亚马逊平台除外,
// 除亚马逊外.
var leftOutBefore = regexp.MustCompile(`除[^，,；;。]{1,15}?外|[^，,；;。]*(?:除外|以外)`)

// withoutExclusions is text without what its clauses leave out.
func withoutExclusions(text string) string {
	var b strings.Builder
	start := 0
	for _, loc := range append(clauseEnd.FindAllStringIndex(text, -1), []int{len(text), len(text)}) {
		c := leftOutBefore.ReplaceAllString(text[start:loc[0]], " ")
		if m := leavesOut.FindStringIndex(c); m != nil {
			c = c[:m[0]]
		}
		b.WriteString(c)
		b.WriteString(" ")
		start = loc[1]
	}
	return b.String()
}
