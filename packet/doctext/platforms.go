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
	"douyin":     {"Douyin", "抖音", "抖店"}, // China's own app, not TikTok
	"taobao":     {"Taobao", "淘宝"},
	"tmall":      {"Tmall", "天猫"},
	"jd":         {"JD.com", "JD Worldwide", "JD Global", "京东"},
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

// anyPlatformName is any platform's words, wherever they stand (to take
// them out of a phrase: "Amazonia" leaves "ia").
var anyPlatformName = func() *regexp.Regexp {
	var words []string
	for _, ws := range platformWords {
		for _, w := range ws {
			words = append(words, regexp.QuoteMeta(w))
		}
	}
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) }) // "TikTokShop" before "TikTok"
	return regexp.MustCompile(`(?i)` + strings.Join(words, "|"))
}()

// notAPlatformName holds a platform's words and is no platform: 京东方
// (BOE, a company), 天猫精灵 (a speaker).
var notAPlatformName = regexp.MustCompile(`京东方|天猫精灵`)

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

// AllPlatforms reports whether a text grants every platform, naming some
// only as examples: "on any e-commerce platform, including but not limited
// to AliExpress and eBay", "all online platforms such as AliExpress",
// 可在任何电商平台销售. A clause that denies ("shall not sell on any
// platform other than Amazon") or leaves some out ("all platforms except
// Amazon") grants no such thing.
func AllPlatforms(text string) bool {
	for _, statement := range statements(text) {
		for _, c := range splitAt(statement, clauseEnd) {
			if everyPlatform.MatchString(c) && !negation.MatchString(c) && !leavesOut.MatchString(c) && !leftOutBefore.MatchString(c) {
				return true
			}
		}
	}
	return false
}

// everyPlatform is a phrase for every platform.
var everyPlatform = regexp.MustCompile(`(?i)\b(?:any|all|every)\s+(?:other\s+)?(?:online\s+|e-?commerce\s+|internet\s+|cross-border\s+)*(?:platforms?|marketplaces?|channels?)\b|(?:所有|任何|任一|各大?|全部)(?:的)?(?:电商|电子商务|网络|线上|跨境电商)?平台|全网`)

// LeavesOut reports whether text names platform (a case.yaml key, such as
// "amazon") only to leave it out ("all platforms except Amazon", "The
// Licensee shall not sell on Temu", 不得在Temu平台销售), and returns the
// statement that does. A platform the text also names as one it is about
// is not left out.
func LeavesOut(text, platform string) (string, bool) {
	text = notAPlatformName.ReplaceAllString(text, " ")
	re, ok := platformPatterns[platformKey(platform)]
	if !ok {
		return "", false
	}
	quote := ""
	for _, statement := range statements(text) {
		if re.MatchString(withoutExclusions(statement)) {
			return "", false // named as one the text is about
		}
		if quote == "" && re.MatchString(statement) {
			quote = quoteUpTo(strings.TrimRight(strings.TrimSpace(statement), ".。;；,，"), re)
		}
	}
	return quote, quote != ""
}

// quoteUpTo shortens a statement for a message as Quote does, keeping the
// first match of re in view: a long statement is quoted from before the
// match to its end, with "…" where it is cut.
func quoteUpTo(statement string, re *regexp.Regexp) string {
	runes := []rune(statement)
	if len(runes) <= quoteMax {
		return statement
	}
	loc := re.FindStringIndex(statement)
	if loc == nil || utf8.RuneCountInString(statement[:loc[1]]) <= quoteMax {
		return string(runes[:quoteMax]) + "…"
	}
	end := utf8.RuneCountInString(statement[:loc[1]])
	start := end - quoteMax + 10 // a few words after the match
	stop := min(len(runes), start+quoteMax)
	out := "…" + strings.TrimSpace(string(runes[start:stop]))
	if stop < len(runes) {
		out += "…"
	}
	return out
}

// statementEnd ends a statement (a sentence, or a part cut by a
// semicolon); a full stop ends one only before a capital or a Chinese
// character ("in the U.S. on any platform" goes on). clauseEnd parts a
// statement into clauses.
var (
	statementEnd = regexp.MustCompile(`[；;。\n]|\.\s+`)
	clauseEnd    = regexp.MustCompile(`[，,（）()]`)
)

// leavesOut starts what a clause leaves out, to its end: "except Amazon
// Japan", "but not in physical stores", "does not cover eBay",
// 不适用于亚马逊平台.
var leavesOut = regexp.MustCompile(`(?i)\b(?:except(?:\s+for)?|excluding|excl\.|other\s+than|but\s+not|save\s+for|with\s+the\s+exception\s+of|(?:does|do|shall|will)\s+not\s+(?:cover|apply|include|extend)|not\s+(?:covered|applicable|included)|excludes)\b|不适用|不包括|不包含|不含`)

// leavesOutPlatforms reports whether a Chinese exception (除亚马逊外,
// 亚马逊平台除外, 速卖通以外) excepts platforms: what it excepts ends with
// a platform's name or a word for one, not 除电池以外的全部授权产品 or
// 中国大陆以外的消费者.
func leavesOutPlatforms(exception string) bool {
	x := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(exception, "除外"), "以外"), "外")
	x = strings.TrimSuffix(strings.TrimSuffix(x, "的"), "之")
	return endsWithPlatform(x) || platformWordEnd.MatchString(x)
}

// platformWordEnd is a word for platforms ending a phrase: 平台, 站.
var platformWordEnd = regexp.MustCompile(`(?:平台|站|网站|商城|店铺)\s*$`)

// besides makes an exception an addition: 除亚马逊平台外，乙方还可在速卖通
// 销售, "Other than Amazon, the Licensee may also sell on eBay".
var besides = regexp.MustCompile(`(?i)^[^。；;.]*?(?:还|也|亦|另外|此外|\balso\b|\badditionally\b|\bas\s+well\b)`)

// startsBesides reports whether an exception that opens its statement
// (除亚马逊平台外, "Other than Amazon") is an addition: the statement goes
// on with 还, 也, "also" (besides). earlier and head are what stands before
// the exception's marker, rest and later what follows it.
func startsBesides(earlier, head, marker, rest string, later []string) bool {
	if strings.TrimSpace(earlier+head) != "" || !strings.HasPrefix(marker, "除") && !exceptMarker.MatchString(marker) {
		return false
	}
	return besides.MatchString(rest + "，" + strings.Join(later, "，"))
}

// exceptMarker is the kind of leavesOut that names what is excepted
// ("other than Amazon"), as against a verb that leaves out ("does not
// cover eBay").
var exceptMarker = regexp.MustCompile(`(?i)^(?:except|excluding|excl\.|other|save|with)`)

// leftOutBefore is what a clause leaves out before its marker: 亚马逊平台除外,
// 除亚马逊外.
var leftOutBefore = regexp.MustCompile(`除[^，,；;。]{1,15}?外|[^，,；;。]*(?:除外|以外)`)

// negation is a word that denies: an exception to a denial grants what it
// names ("shall not sell on any platform other than Amazon": Amazon only).
var negation = regexp.MustCompile(`(?i)\b(?:not|no|never|nor|neither|prohibited|forbidden)\b|n't\b|不得|不可|不能|禁止|不允许|不准|严禁|无权|均不|不应|不适用|不包括`)

// otherThan is what a denial after an exception speaks of: the platforms
// other than those excepted (除亚马逊外，乙方不得在其他平台销售).
var otherThan = regexp.MustCompile(`(?i)\b(?:other|any|anywhere|elsewhere)\b|其他|其它|任何|别的`)

// platformWord is a word for where a grantee sells, or a platform's name
// (see namesAPlatform): a denial is about platforms when it has one.
var platformWord = regexp.MustCompile(`(?i)\b(?:platforms?|marketplaces?|channels?|online(?:\s+stores?)?|e-?commerce|websites?)\b|平台|渠道|网站|网店|店铺|商城|电商|线上|网上`)

// namesAPlatform reports whether s speaks of platforms: a word for them,
// or one's name.
func namesAPlatform(s string) bool {
	return platformWord.MatchString(s) || namesAPlatformByName(s)
}

// namesAPlatformByName reports whether s names a platform (not only a
// word for platforms).
func namesAPlatformByName(s string) bool {
	for _, re := range platformPatterns {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// conjunction starts another statement within a clause: a denial before
// it ("may not sublicense and may sell on all platforms except Amazon") is
// not the one an exception after it answers.
var conjunction = regexp.MustCompile(`(?i)\b` + conjunctions + `\b|` + conjunctionsZh)

// conjunctions start another statement or a condition, in English and in
// Chinese.
const (
	conjunctions   = `(?:and|but|while|whereas|provided)`
	conjunctionsZh = `并且|而且|但`
)

// notLimitedTo leaves nothing out: "including but not limited to Amazon".
var notLimitedTo = regexp.MustCompile(`(?i)(?:including\s+)?but\s+not\s+limited\s+to|包括但不限于`)

// withoutExclusions is text without what its clauses leave out. An
// exception to a denial of platforms is a restriction, not an exclusion:
// "shall not sell on any platform other than Amazon", "does not apply to
// eBay, Temu or any platform other than Amazon", "Except for Amazon, the
// Licensee may not sell on any other platform", 除亚马逊平台外，乙方不得在
// 其他平台销售, 乙方不得在其他任何平台销售，亚马逊平台除外 all name Amazon
// as a platform granted, and keep it. A denial of something else ("但不得
// 转授权给任何第三方", "provided that it does not sell any counterfeit")
// leaves an exclusion as it was.
func withoutExclusions(text string) string {
	text = notLimitedTo.ReplaceAllString(notAPlatformName.ReplaceAllString(text, " "), "including")
	var b strings.Builder
	for _, statement := range statements(text) {
		if excludedLabel.MatchString(statement) {
			continue // "Excluded platforms: Temu, Shopee", 未授权平台：拼多多、Temu
		}
		clauses := splitAt(statement, clauseEnd)
		earlier := ""
		denying := false // the clause before denied selling on platforms
		for i, c := range clauses {
			deniedLater := slices.ContainsFunc(clauses[i+1:], func(later string) bool {
				if leadingConjunction.MatchString(later) {
					return false
				}
				// "Except on Amazon, the Licensee may not sell the
				// Products online", 除天猫外，乙方不得在线上销售.
				return negation.MatchString(later) && otherThan.MatchString(later) && namesAPlatform(later) ||
					namesAPlatformByName(c) && saleDenialStart("", later, nil) >= 0
			})
			switch {
			case platformIsOut(c):
				// "Temu is not an authorized platform", "Amazon and eBay
				// are excluded".
			case denying && !leadingConjunction.MatchString(c) && plainDenial(c) && !grantWord.MatchString(c):
				// "shall not sell on Temu, Shopee or TikTok Shop": the
				// list goes on.
			default:
				var kept string
				kept, denying = clauseWithoutExclusions(earlier, c, clauses[i+1:], deniedLater)
				b.WriteString(kept)
			}
			b.WriteString(" ")
			earlier += c + ", "
		}
	}
	return b.String()
}

// platformIsOut reports whether a clause says of the platforms it opens
// with that they are out: "Temu is not an authorized platform", "Amazon
// and eBay are excluded", "Shopee is not covered by this letter".
func platformIsOut(c string) bool {
	m := isOut.FindStringSubmatch(c)
	return m != nil && strings.TrimSpace(anyPlatformName.ReplaceAllString(listWords.ReplaceAllString(m[1], " "), " ")) == ""
}

var (
	// isOut is a clause that says its subject is out.
	isOut = regexp.MustCompile(`(?i)^\s*(?:the\s+)?(.{1,60}?)\s+(?:is|are)\s+(?:excluded|not\s+(?:an?\s+)?(?:authori[sz]ed|permitted|approved|covered|included))\b`)
	// listWords join the names of a list.
	listWords = regexp.MustCompile(`(?i)\b(?:and|or|the|platforms?|marketplaces?)\b|[,、/]`)
)

// excludedLabel labels the platforms a letter leaves out: "Excluded
// platforms:", "Unauthorized marketplaces:", 未授权平台：, 禁止销售平台：.
var excludedLabel = regexp.MustCompile(`(?i)^\s*(?:excluded|unauthori[sz]ed|non-authori[sz]ed|prohibited|forbidden)\s+(?:platforms?|marketplaces?|channels?|websites?)\s*[:：]|^\s*(?:未授权|不授权|未经授权|禁止销售|禁止|排除|不包括|除外)(?:的)?(?:销售)?(?:平台|渠道|网站)\s*[:：]`)

// leadingConjunction starts a clause that adds a condition or another
// statement: "provided that it shall not sell on any unauthorized website"
// does not answer the exception before it.
var leadingConjunction = regexp.MustCompile(`(?i)^\s*(?:(?:` + conjunctions + `|except\s+that)\b|` + conjunctionsZh + `|且)`)

// statements parts a text into statements. A line broken inside a
// sentence is joined first (see wrapped); a full stop ends a statement
// unless it ends an abbreviation ("the U.S. on any platform").
func statements(text string) []string {
	text = joinWrapped(text)
	var out []string
	start := 0
	for _, loc := range statementBreaks(text) {
		out = append(out, text[start:loc[0]])
		start = loc[1]
	}
	return append(out, text[start:])
}

// statementBreaks returns where the statements of text end, each
// separator's start and end: a semicolon, 。, a line's end, or a full
// stop that does not end an abbreviation.
func statementBreaks(text string) [][]int {
	var out [][]int
	for _, loc := range statementEnd.FindAllStringIndex(text, -1) {
		if text[loc[0]] == '.' && abbreviation.MatchString(text[:loc[0]]) {
			continue
		}
		out = append(out, loc)
	}
	return out
}

// joinWrapped joins the lines of text that continue a sentence (see
// wrapped) with a space; the others stay lines.
func joinWrapped(text string) string {
	lines := strings.Split(text, "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			if wrapped(lines[i-1], l) {
				b.WriteString(" ")
			} else {
				b.WriteString("\n")
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// abbreviation ends with a word a full stop abbreviates: "U.S", "Inc",
// "No", a single letter.
var abbreviation = regexp.MustCompile(`(?i)(?:^|[\s(])(?:(?:\pL\.)+\pL|inc|ltd|co|corp|no|nos|etc|e\.g|i\.e|vs|approx|art|sec|para)$`)

// wrapped reports whether the line next continues the sentence of the
// line prev, as a scan or a narrow column wraps it ("on any platform" /
// "other than Amazon", "all online platforms except" / "Amazon", 乙方不得在 /
// 其他平台销售). A line that ends a sentence or states a label's value does
// not go on; a next line that starts with a label, an item's number or a
// capital starts anew, unless the line before ends on a word that cannot
// end a sentence or on a platform's name ("on Amazon" / "Japan."), or
// Chinese text goes on in Latin letters or digits.
func wrapped(prev, next string) bool {
	prev, next = strings.TrimSpace(prev), strings.TrimSpace(next)
	if prev == "" || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	if strings.ContainsRune(".;:!?。；：！？", last) || labelLine.MatchString(next) || itemNumber.MatchString(next) {
		return false
	}
	if danglingWord.MatchString(prev) {
		return true
	}
	if labelLine.MatchString(prev) {
		return false // 授权平台：速卖通 / 亚马逊平台除外: a value ends with its line
	}
	if startsWithPlatform(next) {
		return false // "…on Temu" / "Amazon and AliExpress are the authorized platforms"
	}
	if endsWithPlatform(prev) || unicode.Is(unicode.Han, last) && first < utf8.RuneSelf && (unicode.IsLetter(first) || unicode.IsDigit(first)) {
		return true // "on Amazon" / "Japan.", 乙方不得在亚马逊平台销售 / "MAP以下价格的…"
	}
	return unicode.IsLower(first) || unicode.Is(unicode.Han, last) && unicode.Is(unicode.Han, first) && !clauseStart.MatchString(next)
}

// endsWithPlatform reports whether a line ends with a platform's name,
// where a sentence goes on more often than it ends ("on Amazon" /
// "Japan.").
func endsWithPlatform(line string) bool {
	loc := anyPlatformName.FindAllStringIndex(line, -1)
	return loc != nil && strings.TrimSpace(line[loc[len(loc)-1][1]:]) == ""
}

// startsWithPlatform reports whether a line starts with a platform's name.
func startsWithPlatform(line string) bool {
	loc := anyPlatformName.FindStringIndex(line)
	return loc != nil && strings.TrimSpace(line[:loc[0]]) == ""
}

// clauseStart starts a Chinese sentence of its own: a party, 本授权…, an
// article (第二条).
var clauseStart = regexp.MustCompile(`^(?:甲方|乙方|丙方|本|被授权方|授权方|被许可方|许可方|第[一二三四五六七八九十\d]+条)`)

// boilerplateException follows an "except" that excepts nothing (see
// exceptsNothing).
var boilerplateException = regexp.MustCompile(`(?i)^\s*(?:` + exceptsNothing + `)\b`)

// labelLine is a line that starts with a label: 授权平台：速卖通, "eBay store
// ID: lumen-official".
var labelLine = regexp.MustCompile(`^[^：:。.;；]{1,24}[：:]`)

// itemNumber starts a list's item: 二、, "2.", "(b)".
var itemNumber = regexp.MustCompile(`^(?:第[一二三四五六七八九十\d]+条|[一二三四五六七八九十]+[、.．]|\d{1,2}[.)、．]|[(（](?:[一二三四五六七八九十]+|\d{1,2}|[a-z])[)）]|[a-z][.)]\s|[•·\-*]\s)`)

// danglingWord ends a line on a word that cannot end a sentence: "except",
// "other than", "any", 不适用于, 在.
var danglingWord = regexp.MustCompile(`(?i)\b(?:except|than|other|of|to|on|in|for|the|a|an|and|or|with|by|at|from|excluding|including|any|all|not|via|through|without|under|using)$|\pL['’]s$|[于在的和及或与]$`)

// grantWord is a clause's own grant: "may sell on all platforms except
// Amazon" after "may not sublicense," is not that denial's exception.
var grantWord = regexp.MustCompile(`(?i)\b(?:may|can|authori[sz]ed|permitted|allowed|covered|entitled|licensed)\b|(?:^|[^不])(?:可以?|允许|有权)`)

// saleDenial denies selling, listing or the like: "shall not sell on
// Temu", "is not authorized to list the Products on Temu", "prohibited
// from selling on Temu", "no sales on Temu", "sales on Temu are not
// permitted", 不得在拼多多平台销售. The platforms it names are left out.
var saleDenial = regexp.MustCompile(`(?i)\b(?:not|never)\s+(?:[\pL-]+\s+){0,4}?(?:sell|re-?sell|list|offer|distribute|market|retail|trade|operate|open)(?:s|ing|ed)?\b|\b(?:prohibited|forbidden|barred|precluded)\s+from\s+(?:sell|re-?sell|list|offer|distribut|market|retail|trad|operat)\w*|\bno\s+(?:sales?|selling|listings?|distribution)\b|\b(?:sales?|selling|listings?|distribution)\b[^.;:]{0,60}?\b(?:(?:is|are|shall\s+not\s+be)\s+not\s+(?:permitted|allowed|authori[sz]ed)|(?:is|are)\s+(?:strictly\s+|expressly\s+)?(?:prohibited|forbidden)|shall\s+not\s+be\s+(?:permitted|allowed|authori[sz]ed))\b|(?:不得|禁止|不可|不能|不允许|无权|严禁|不准)[^，,；;。]{0,20}?(?:销售|售卖|出售|上架|经营|开店|开设|分销)`)

// notASaleDenial marks a clause whose denial is of something else than
// where to sell: what is sold ("shall not sell counterfeit goods on
// Amazon"), a restriction denied ("shall not be restricted from selling
// on Amazon"), or no denial at all ("may not only sell on AliExpress but
// also on Amazon").
var notASaleDenial = regexp.MustCompile(`(?i)\bnot\s+(?:only|just|merely)\b|counterfeit|fake|infring|imitation|replica|knock-?off|unauthori[sz]ed\s+(?:products?|goods|copies)|\bnot\s+(?:be\s+)?(?:restricted|limited|prevented|prohibited|forbidden|barred|precluded)|假冒|仿冒|侵权|盗版|不受限`)

// saleDenialStart is where a clause's denial of selling starts, -1 when it
// has none (see saleDenial, notASaleDenial). Only a plain denial counts:
// from its start to the clause's end it says nothing but where not to sell
// (the platforms, the products, "or any other platform", "without the
// Licensor's consent"). One that says more ("below the minimum advertised
// price", "outside the United States", 低价, "under another brand name")
// restricts how or where else the grantee sells there, and is left alone.
//
// earlier is the statement before clause c and later its clauses after
// c: the denial runs on to the first that starts with a conjunction ("on
// Amazon, eBay or Temu at prices below the MAP" is not plain), and what
// comes before it must not bound it to a time, a condition or a place
// ("Upon termination of this Letter, the Licensee shall not sell …",
// 授权终止后，乙方不得在亚马逊平台销售, "In the European Union, …"); an
// earlier clause that grants on its own is another statement.
func saleDenialStart(earlier, c string, later []string) int {
	if notASaleDenial.MatchString(c) {
		return -1
	}
	loc := saleDenial.FindStringIndex(c)
	if loc == nil {
		return -1
	}
	span := c[loc[0]:]
	for _, l := range later {
		if leftOutBefore.MatchString(l) || leavesOut.MatchString(l) {
			if !namesAPlatformByName(l) {
				return -1 // "…on Amazon, except through the store the Licensor approves": a restriction
			}
			break // the denial's exception: 亚马逊平台除外
		}
		if leadingConjunction.MatchString(l) || grantWord.MatchString(l) {
			break // another statement: "(Amazon and AliExpress are authorised platforms)"
		}
		span += ", " + l
	}
	if notASaleDenial.MatchString(span) || !plainDenial(span) || grantsAfter(span) {
		return -1
	}
	if boundedDenial.MatchString(denialHead(earlier, c[:loc[0]])) {
		return -1
	}
	return loc[0]
}

// grantsAfter reports whether a denial grants after its first platform
// ("…on Temu Amazon and AliExpress are the authorized platforms", a line
// without its full stop): another statement.
func grantsAfter(span string) bool {
	locs := anyPlatformName.FindAllStringIndex(span, -1)
	if locs == nil {
		return false
	}
	return grantWord.MatchString(span[locs[0][1]:]) && !negation.MatchString(span[locs[0][1]:])
}

// denialHead is what stands before a denial in its statement and may bound
// it: the head of its clause after any conjunction, and the clauses before
// back to one that grants or starts with a conjunction (a statement of its
// own: "may sell on AliExpress, on its own website and in its shops in
// Shenzhen, but shall not sell on Temu").
func denialHead(earlier, head string) string {
	if locs := conjunction.FindAllStringIndex(head, -1); locs != nil {
		return head[locs[len(locs)-1][1]:]
	}
	clauses := splitAt(earlier, clauseEnd)
	for i := len(clauses) - 1; i >= 0; i-- {
		e := clauses[i]
		if strings.TrimSpace(e) == "" {
			continue
		}
		if grantWord.MatchString(e) || leadingConjunction.MatchString(e) {
			break
		}
		head = e + " " + head
	}
	return head
}

// boundedDenial bounds a denial to a time, a condition or a place.
var boundedDenial = regexp.MustCompile(`(?i)\b(?:upon|after|following|before|prior\s+to|during|until|unless|if|when|once|within|termination|terminated|expir\w*|in\s+the\s+(?:event|case))\b|(?-i:\b[Ii]n\s+(?:the\s+)?[A-Z]\w+)|终止|届满|期满|到期|结束|之前|以前|之后|以后|期间|如果|若|在[^，,；;。]{1,12}?(?:地区|境内|境外|国家|市场|区域)`)

// plainDenial reports whether a denial of selling says nothing but where
// not to sell: without its platforms and the words of such a denial
// (denialWordsEn, denialWordsZh), no word is left.
func plainDenial(denial string) bool {
	s := markedProducts.ReplaceAllString(denial, " ")
	s = otherPlatforms.ReplaceAllString(s, " ")
	s = anyPlatformName.ReplaceAllString(s, " ")
	s = denialWordsEn.ReplaceAllString(s, " ")
	s = denialWordsZh.ReplaceAllString(s, "")
	return !leftWord.MatchString(s)
}

var (
	// denialWordsEn and denialWordsZh are the words a plain denial of
	// selling is made of: negations and modals, verbs of selling, the
	// products, words for platforms, a consent it waits for.
	denialWordsEn = regexp.MustCompile(`(?i)\b(?:not|never|no|nor|or|and|shall|may|will|must|can|cannot|is|are|be|been|being|to|directly\s+or\s+indirectly|authori[sz]ed|permitted|allowed|entitled|prohibited|forbidden|barred|precluded|from|sell|sells|selling|sold|re-?sell\w*|list|lists|listing|listed|listings|offer\w*|distribut\w*|market|markets|marketing|retail\w*|trade|trading|operate|operating|open|opening|sales?|for|on|in|at|via|through|any|all|the|a|an|its|their|such|these|those|them|it|this|that|products?|goods|items?|merchandise|platforms?|marketplaces?|channels?|websites?|web|sites?|stores?|shops?|online|offline|physical|e-?commerce|without|unless|prior|written|express|consent|approval|permission|(?:licensor|grantor|brand\s+owner)(?:['’]s)?|whatsoever|manner|form|way|ways|advertis\w*|promot\w*|use|using|time|times|circumstances?|strictly|expressly)\b|\.com\b`)
	denialWordsZh = regexp.MustCompile(`未经[^，,；;。]{0,12}?(?:同意|许可|授权)|不允许|不得|禁止|不可|不能|无权|严禁|不准|擅自|以任何(?:形式|方式|名义)|通过|任何|平台|网站|网店|店铺|商城|电商|线上|网上|开设|开店|销售|售卖|出售|上架|经营|分销|授权|产品|商品|进行|[在于上的或和及与、等本该此店]`) // longer words first
	// otherPlatforms are the other platforms a denial may add: "or on any
	// other marketplace", 等其他平台 ("any other account" is no platform).
	otherPlatforms = regexp.MustCompile(`(?i)\b(?:or|and|nor)\s+(?:on\s+|through\s+|via\s+)?(?:any\s+)?other\s+(?:online\s+|e-?commerce\s+)?(?:platforms?|marketplaces?|channels?|websites?|sites?)\b|(?:或|及|等)?其[他它](?:任何)?(?:电商|网络|线上)?平台`)
	// markedProducts are products named by their mark: "BARTECH products".
	markedProducts = regexp.MustCompile(`\b[A-Z][A-Z0-9&-]+\s+(?:products?|goods|items)\b`)
	// leftWord is a word left over: a plain denial has none.
	leftWord = regexp.MustCompile(`\pL{2,}|\p{Han}`)
)

// clauseWithoutExclusions is one clause without what it leaves out;
// earlier is its statement before it, and deniedLater says a later clause
// of the statement denies the other platforms (see withoutExclusions). An
// exception to a denial is kept whole: "shall not sell on Amazon except
// in the US marketplace" still names Amazon. later are the statement's
// clauses after c; denial reports a plain denial of selling cut from c,
// whose list the next clauses may go on with (see saleDenialStart).
func clauseWithoutExclusions(earlier, c string, later []string, deniedLater bool) (kept string, denial bool) {
	if loc := leftOutBefore.FindStringIndex(c); loc != nil && leavesOutPlatforms(c[loc[0]:loc[1]]) && !startsBesides(earlier, c[:loc[0]], c[loc[0]:loc[1]], c[loc[1]:], later) {
		if deniedLater || negation.MatchString(c) || deniedBefore(earlier, c[:loc[0]], c) {
			return c, false // 除亚马逊外不得在其他平台销售, 不适用于除亚马逊以外的平台
		}
		c = c[:loc[0]] + " " + c[loc[1]:]
	}
	var marks [][]int
	for _, m := range leavesOut.FindAllStringIndex(c, -1) {
		if !exceptMarker.MatchString(c[m[0]:]) || !boilerplateException.MatchString(c[m[1]:]) {
			marks = append(marks, m) // not "except as set out in Schedule 2"
		}
	}
	if marks == nil {
		if at := saleDenialStart(earlier, c, later); at >= 0 {
			return c[:at], true // "may sell on AliExpress and shall not sell on Temu"
		}
		return c, false
	}
	first := marks[0]
	if exceptMarker.MatchString(c[first[0]:]) && startsBesides(earlier, c[:first[0]], c[first[0]:first[1]], c[first[1]:], later) {
		return c, false // "Other than Amazon, the Licensee may also sell on eBay"
	}
	if exceptMarker.MatchString(c[first[0]:]) && notAPlatformException(c[first[1]:]) {
		// "all Products except the Pro series on Amazon": what is
		// excepted is no platform; the platforms after it stay.
		if p := preposition.FindStringIndex(c[first[1]:]); p != nil {
			return c[:first[0]] + " " + c[first[1]+p[0]:], false
		}
	}
	if verbLeavingOut.MatchString(c[first[0]:]) && !grantSubject(c[:first[0]]) {
		return c, false // "The volume cap in Clause 5 does not apply to sales on Amazon"
	}
	if exceptMarker.MatchString(c[first[0]:]) {
		// "may not sell the Products except on Amazon": an exception to a
		// denial of selling, naming a platform.
		deniedHere := namesAPlatformByName(c[first[1]:]) && saleDenialStart("", c[:first[0]], nil) >= 0
		if deniedLater || deniedHere || deniedBefore(earlier, c[:first[0]], c) {
			if namesAPlatformByName(c[first[1]:]) {
				// "shall not sell on Temu or on any platform other than
				// Amazon": Amazon only; the platforms denied before
				// the exception are left out.
				return c[first[0]:], false
			}
			return c, false // "shall not sell on any platform other than Amazon"
		}
		return c[:first[0]], false
	}
	// A verb that leaves out: what an exception after it names is all it
	// covers ("does not extend to any platform other than Amazon").
	for _, m := range marks[1:] {
		if exceptMarker.MatchString(c[m[0]:]) {
			return c[:first[0]] + " " + c[m[1]:], false
		}
	}
	return c[:first[0]], false
}

// notAPlatformException reports whether what an exception excepts, up to
// the next preposition, names no platform and no word for one: "the Pro
// series" (on Amazon), "refurbished units", "Amazon referral fees" is
// neither (fees are no platform).
func notAPlatformException(after string) bool {
	if feesOf.MatchString(after) {
		return true
	}
	head := after
	if p := preposition.FindStringIndex(after); p != nil {
		head = after[:p[0]]
	}
	return strings.TrimSpace(head) != "" && !namesAPlatform(head)
}

var (
	// preposition starts where a clause says where it sells.
	preposition = regexp.MustCompile(`(?i)\s(?:on|in|via|through|at)\s`)
	// feesOf is a platform's fees, no platform: "excluding Amazon
	// referral fees".
	feesOf = regexp.MustCompile(`(?i)^\s*(?:the\s+)?\S+(?:\s+\S+)?\s+(?:fees?|commissions?|costs?|charges?|expenses?)\b`)
	// grantSubjectWord is the subject of a verb that leaves platforms out
	// of a grant: the letter, the authorization.
	grantSubjectWord = regexp.MustCompile(`(?i)\b(?:letter|authori[sz]ation|licen[cs]e|agreement|grant|permission|appointment|it|this)\b|授权|许可|协议|本`)
)

// verbLeavingOut is the kind of leavesOut that is a verb: "does not
// cover", 不适用于, as against an exception ("except", "but not").
var verbLeavingOut = regexp.MustCompile(`(?i)^(?:(?:does|do|shall|will)\s+not|not\s+(?:covered|applicable|included)|excludes)|^(?:不适用|不包括|不包含|不含)`)

// grantSubject reports whether what stands before a verb that leaves out
// ("does not cover eBay", 不适用于亚马逊平台) is the grant, or nothing: "The
// volume cap in Clause 5 does not apply to sales on Amazon" leaves nothing
// out of the grant.
func grantSubject(head string) bool {
	head = strings.TrimSpace(head)
	return head == "" || grantSubjectWord.MatchString(head) || leadingConjunction.MatchString(head) && len(strings.Fields(head)) <= 2
}

// deniedBefore reports whether a denial of platforms stands before an
// exception in its statement (earlier, then the head of the exception's
// clause): a negation whose clause speaks of platforms, and no "and",
// "but" or "provided" after it. A denial in an earlier clause counts only
// when no clause from it to the exception grants on its own: "may not
// sublicense its rights, may sell on all platforms except Amazon" excludes
// Amazon.
func deniedBefore(earlier, head, clause string) bool {
	s := earlier + head
	locs := negation.FindAllStringIndex(s, -1)
	if locs == nil {
		return false
	}
	last := locs[len(locs)-1]
	if conjunction.MatchString(s[last[1]:]) {
		return false
	}
	if last[0] >= len(earlier) {
		return namesAPlatform(s[last[0]:]) // in the exception's own clause
	}
	own, _, _ := strings.Cut(s[last[0]:], ", ")
	return namesAPlatform(own) && !grantWord.MatchString(s[last[1]:]) && !grantWord.MatchString(clause)
}

// splitAt cuts text at each match of sep, dropping the separators.
func splitAt(text string, sep *regexp.Regexp) []string {
	var out []string
	start := 0
	for _, loc := range sep.FindAllStringIndex(text, -1) {
		out = append(out, text[start:loc[0]])
		start = loc[1]
	}
	return append(out, text[start:])
}
