package doctext

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// A letter's terms: what its words say of sublicensing and of territory.
// Only plain statements count: a letter that says nothing of them says
// nothing either way.

// subWord is sublicensing in its usual spellings (not "sublicensee").
const subWord = `sub-?\s?licen[cs](?:e[sd]?|ing|able)\b`

// denialWords are the negations a denial of sublicensing starts with.
const denialWords = `(?:not|never|nor|no|without|cannot|can't|won't|shan't|mustn't|doesn't|don't|isn't)`

// clause is the rest of a clause: what a negation may stand before its
// verb ("shall not, without the Licensor's consent, sub-license").
const clause = `[^.;!?。；\n]{0,60}?`

// sublicenseDenied finds a sentence by which a letter withholds the right
// to sublicense: "may not sublicense", "shall not assign, transfer or
// sub-license", "non-sublicensable", "No sublicensing is permitted",
// "Sublicense rights: none", "不得以任何形式转授权", "转授权：否".
var sublicenseDenied = regexp.MustCompile(`(?i)` +
	`\bnon-?\s?` + subWord +
	`|\b(?:(?:may|shall|can|will|must|does|do|is|are|has|have)\s+)?` + denialWords + `\b` + clause +
	`(?:` + subWord + `|authori[sz]e\s+(?:any\s+)?(?:third\s+part(?:y|ies)|others|other\s+parties|resellers|sub-?distributors))` +
	`|\b` + subWord + `(?:\s+rights?)?\s*(?:[:：]\s*|\bis\s+|\bare\s+)(?:not\s+(?:permitted|allowed)|(?:no|none|n/a)\s*(?:$|[.;,)])|prohibited|forbidden)` +
	`|\b` + subWord + `(?:\s+to\s+(?:any|all)\s+(?:third\s+part(?:y|ies)|persons?|others|entit(?:y|ies)))?\s+(?:is|are|shall\s+be|will\s+be)\s+(?:strictly\s+|expressly\s+|hereby\s+)?(?:not\s+(?:permitted|allowed)|prohibited|forbidden)` +
	`|\b` + subWord + `(?:\s+rights?)?\s+not\s+(?:permitted|allowed)` +
	`|(?:不得|不可|不能|无权|禁止|不允许|不准|严禁)[^，。；,;\n]{0,20}?(?:转授权|再授权|转许可|再许可|分许可|二次授权|再次授权)` +
	`|不(?:包括|含|包含)(?:任何)?(?:转授权|再授权|转许可|再许可)` +
	`|无(?:转授权|再授权)` +
	`|(?:是否)?(?:可以?|允许)?(?:转授权|再授权|转许可)[^：:\n]{0,4}[：:]\s*(?:否|不允许|不可以?|不得|无(?:权|$|[，。；\s]))`)

// notADenial is a negation, at the start of a denial's match, that does not
// withhold the right: "without limiting the foregoing", "without the
// Licensor's further consent", "no consent … is required", "there is no
// limit on the number of sublicenses", "is not required to …".
var notADenial = regexp.MustCompile(`(?i)^(?:(?:may|shall|can|will|must|does|do|is|are|has|have)\s+)?(?:` +
	`without\s+(?:limiting|limitation|the\s+need|(?:the\s+|any\s+)?(?:(?:prior|further|written|express|separate|licensor's|licensor’s|grantor's|grantor’s)\s+)*(?:consent|approval|permission|notice))` +
	`|no\s+(?:(?:prior|further|written|separate)\s+)*(?:consent|approval|permission|notice|limit)` +
	`|not\s+(?:required|necessary|need))`)

// sublicenseGranted finds a sentence by which a letter gives the right to
// sublicense: "may sublicense", "with the right to grant sublicenses",
// "may authorize its own resellers", "Sublicensing: permitted", "可转授权",
// and the grants that say no consent is needed: "may, without the
// Licensor's further consent, sublicense", "No consent of the Licensor is
// required for the Licensee to sublicense", "Sublicensing: no prior consent
// required", 转授权：无需甲方另行同意.
var sublicenseGranted = regexp.MustCompile(`(?i)` +
	`\b(?:may|can|is\s+entitled\s+to|has\s+the\s+right\s+to|right\s+to|(?:is|are)\s+(?:permitted|authori[sz]ed|allowed)\s+to)\s+(?:freely\s+|also\s+)?(?:grant\s+)?(?:any\s+)?` + subWord +
	`|\b(?:may|can)\b[^.;!?。；\n]{0,60}?\b(?:without|at\s+its\s+(?:sole\s+|own\s+)?discretion)\b[^.;!?。；\n]{0,60}?,\s*(?:grant\s+(?:any\s+)?)?` + subWord +
	`|(?:可以?|有权|允许)将[^，。；,;\n]{0,12}?(?:转授权|再授权|转许可|再许可)` +
	`|\bno\s+(?:(?:prior|further|written|separate)\s+)*(?:consent|approval|permission)\b[^.;!?。；\n]{0,60}?\b(?:required|needed|necessary)\b[^.;!?。；\n]{0,40}?\bto\s+(?:grant\s+(?:any\s+)?)?` + subWord +
	`|\b` + subWord + `(?:\s+rights?)?\s*[:：]\s*(?:(?:no|without)\s+(?:(?:prior|further|written|separate)\s+)*(?:consent|approval|permission)|(?:prior\s+)?(?:consent|approval)\s+not\s+required)` +
	`|(?:转授权|再授权|转许可|再许可)[^：:。；\n]{0,4}[：:]\s*无需` +
	`|无需[^，。；,;\n]{0,12}?(?:同意|许可|批准)[^，。；,;\n]{0,6}?(?:转授权|再授权|转许可|再许可)` +
	`|\b(?:may|can)\s+(?:further\s+)?authori[sz]e\s+(?:its\s+own\s+)?(?:resellers|distributors|sub-?distributors|third\s+parties|others|affiliates)` +
	`|\b` + subWord + `\s+to\s+(?:its\s+(?:own\s+)?)?(?:affiliates|resellers|distributors|sub-?distributors|subsidiaries)\s+(?:is|are)\s+(?:permitted|allowed)` +
	`|\b` + subWord + `(?:\s+rights?)?\s*(?:[:：]\s*|\bis\s+)(?:yes|permitted|allowed)\b` +
	`|(?:可|可以|有权|并可|允许)(?:转授权|再授权|转许可|再许可|分许可)` +
	`|(?:转授权|再授权)[^：:\n]{0,4}[：:]\s*(?:是|可以?|允许)`)

// labelEnd ends a label: a value after it is the label's. labelStart
// follows a word that is a label.
var (
	labelEnd   = regexp.MustCompile(`[:：]\s*$`)
	labelStart = regexp.MustCompile(`^\s*[:：]`)
)

// denialWord is the negation a denial starts with.
var denialWord = regexp.MustCompile(`(?i)\b` + denialWords + `\b`)

// turnsAway is what, after a negation and before "sublicense", starts
// another statement: "may not assign this letter but may grant sublicenses".
var turnsAway = regexp.MustCompile(`(?i)\b(?:but|however|yet|whereas|while)\b[^.;]{0,20}?\b(?:may|can|is\s+(?:permitted|entitled|authori[sz]ed))\b|\b(?:and|or)\s+(?:may|can|is\s+entitled)\b|\b(?:sell|use|offer|distribute|market|list|display|advertise|manufacture|produce)\b`)

// scopedException reports whether a sentence that withholds sublicensing
// excepts someone from it ("Except to its own resellers", "other than its
// own resellers", 除向其下级经销商转授权外, 不得超出本授权范围转授权): a
// right with limits. An exception for consent ("except with the
// Licensor's prior written consent") withholds it still.
func scopedException(sentence string) bool {
	for _, loc := range sublicenseException.FindAllStringIndex(sentence, -1) {
		span := sentence[loc[0]:loc[1]]
		if strings.HasPrefix(span, "超出") {
			return true // 不得超出本授权范围转授权
		}
		around := sentence[max(0, loc[0]-40):min(len(sentence), loc[1]+60)]
		if consentWord.MatchString(strings.ToValidUTF8(around, "")) || boilerplateException.MatchString(sentence[loc[1]:]) || agreedOtherwise.MatchString(span) {
			continue // "except with the Licensor's consent", 经甲方书面同意的除外, 除本授权书另有约定外
		}
		if sublicensee.MatchString(span) || sublicensee.MatchString(sentence[loc[1]:min(len(sentence), loc[1]+60)]) {
			return true
		}
	}
	return false
}

// sublicensee is whom a limited right to sublicense goes to: "its own
// resellers", 下级经销商.
var sublicensee = regexp.MustCompile(`(?i)resellers?|distributors?|affiliates?|subsidiar(?:y|ies)|dealers?|经销商|分销商|代理商|关联公司|子公司|下级`)

// agreedOtherwise is an exception that excepts nothing: 除本授权书另有约定外.
var agreedOtherwise = regexp.MustCompile(`另有|约定|规定`)

var (
	sublicenseException = regexp.MustCompile(`(?i)\bexcept\b|\bother\s+than\b|\bsave\s+(?:to|for)\b|除[^，。；\n]{0,20}?外|超出[^，。；\n]{0,12}?范围`)
	consentWord         = regexp.MustCompile(`(?i)consent|approval|permission|authori[sz]ation|同意|许可|批准`)
)

// grantingVerb is the verb by which a letter grants: a right named before
// it in the sentence is its grantor's ("which … may sublicense its
// rights, hereby authorizes").
var grantingVerb = regexp.MustCompile(`(?i)\bhereby\s+(?:authori[sz]es?|grants?|appoints?|licenses?)\b|特此授权|兹授权`)

// sentenceAround is the sentence of text that holds text[start:end]: from
// the end of the one before to the end of its own.
func sentenceAround(text string, start, end int) string {
	from, to := 0, len(text)
	for _, loc := range statementBreaks(text) {
		if loc[1] <= start {
			from = loc[1]
		} else if loc[0] >= end {
			to = loc[0]
			break
		}
	}
	return text[from:to]
}

// grantorSpeaks reports whether the sentence that before ends has the
// grantor for its subject: the first party it names is the licensor.
func grantorSpeaks(before string) bool {
	sentence := consentOf.ReplaceAllString(sentenceAround(before, len(before), len(before)), " ")
	clause := sentence[max(strings.LastIndex(sentence, ","), strings.LastIndex(sentence, "，"))+1:]
	m := partyWord.FindStringSubmatch(clause)
	if m == nil {
		m = partyWord.FindStringSubmatch(sentence)
	}
	return m != nil && m[1] != ""
}

// consentOf is a party's consent named before a denial: 未经甲方书面同意,
// "Without the Licensor's prior written consent": not the subject.
var consentOf = regexp.MustCompile(`(?i)(?:未经|without)[^，,]{0,40}?(?:同意|许可|批准|consent|approval|permission)`)

// partyWord is the first party a sentence names: group 1 for the grantor
// (the licensor, 甲方, 授权方), group 2 for the grantee.
var partyWord = regexp.MustCompile(`(?i)(\blicensor|\bgrantor|\bparty\s+a\b|甲方|(?:^|[^被])授权方|(?:^|[^被])许可方)|(\blicensee|\bgrantee|\bparty\s+b\b|乙方|被授权方|被许可方)`)

// mayOrCan starts a grant of the form "may …, sublicense".
var mayOrCan = regexp.MustCompile(`(?i)^(?:may|can)\b`)

// notTheGrantee is what, just before a grant, makes it another party's:
// "the Licensor reserves the right to grant sublicenses", 甲方保留.
var notTheGrantee = regexp.MustCompile(`(?i)licensor|grantor|reserve|保留|授权方有权`)

// territoryLabel is where a letter states its territory ("Territory:",
// "Geographic scope:", 授权地域：); what follows, up to the next such
// label, is what it says. A phrase without a label ("在中国境内注册成立",
// "registered in the territory of …") says where something else is, not
// the grant's reach.
var territoryLabel = regexp.MustCompile(`(?i)(?:geographic(?:al)?\s+(?:scope|area|region)|\b(?:authori[sz]ed\s+|licensed\s+|sales\s+)?territor(?:y|ies)|\bsales\s+(?:area|region)|授权(?:地域|区域|地区)|地域范围|销售(?:区域|地区))\s*[:：]\s*`)

// placeOfUse is where a letter lets its grantee use or sell when no label
// states a territory: "to sell the Products in the United States",
// 在中国大陆地区销售. Only a phrase bound to such a verb counts: "a company
// registered in Hong Kong", 在中国境内注册成立 say where a party is.
var placeOfUse = regexp.MustCompile(`(?i)\b(?:sell|use|distribute|market|promote|offer|advertise)\b[^.;!?。；\n()（）]{0,80}?\b(?:in|within|throughout)\s+((?:the\s+)?(?:territory\s+of\s+)?(?:[^.;!?()。；\n]|\.(?:[A-Za-z]|\s+(?-i:[a-z]))|\([^()\n]{0,40}\))+)` +
	`|在([^，。；,;\n在]{2,12}?)(?:境内|地区|区域|范围)?内?(?:销售|使用|推广|经营|分销|展示|宣传)`)

// notAPlaceOfUse is in a Chinese phrase that runs past a place into
// another clause: 在中国注册的公司）授权乙方使用.
var notAPlaceOfUse = regexp.MustCompile(`注册|成立|设立|授权|公司|[（）()]`)

// channelName is a Chinese place of use that is the name of a platform or
// a shop (中国国际电子商务平台, 香港旗舰店): it ends with a word for one and
// says nothing of an area (中国境内的电商平台 does).
var channelName = regexp.MustCompile(`^[^境地区域范围的之]*(?:平台|商城|网站|网店|店铺|旗舰店|专卖店)$`)

// placeOfUseEnd ends an English place of use before what follows it: "the
// United States for a term of two years".
var placeOfUseEnd = regexp.MustCompile(`(?i)\s+(?:for|from|during|until|on|via|through|under|subject|with|by|at|as|and\s+(?:to|on))\b|,\s*(?:provided|subject|but|which|where|while|and\s+(?:shall|may|will|must|the))\b`)

// deniedUse is a negation just before a verb of use: "shall not sell
// them in mainland China", "is not authorized to sell", 不得擅自在 say where
// the grantee may not sell.
var deniedUse = regexp.MustCompile(`(?i)(?:\bnot|\bnever|n't)\s+(?:\w+\s+){0,3}$|(?:不得|不可|不能|禁止|严禁)\p{Han}{0,4}$`)

// outside is what, besides an exclusion ("any country other than mainland
// China", 中国大陆以外的国家和地区), makes a place of use what is left out:
// "outside mainland China", 中国大陆之外.
var outside = regexp.MustCompile(`(?i)\boutside\b|之外`)

// PlacesOfUse returns the phrases by which a text says, without a
// territory label, where the grantee may use or sell ("the United
// States", 中国大陆), as written; the caller judges which name a place.
func PlacesOfUse(text string) []string {
	text = flowed(text)
	var out []string
	for _, loc := range placeOfUse.FindAllStringSubmatchIndex(text, -1) {
		capStart := loc[2]
		if capStart < 0 {
			capStart = loc[4]
		}
		if deniedUse.MatchString(strings.ToValidUTF8(text[max(0, loc[0]-30):loc[0]], "")) || negation.MatchString(text[loc[0]:capStart]) {
			continue // "shall not sell them in mainland China", "may sell on Amazon, but shall not sell them in China"
		}
		m := make([]string, 3)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = text[loc[2*i]:loc[2*i+1]]
			}
		}
		v := m[1]
		if v == "" {
			v = m[2]
			if notAPlaceOfUse.MatchString(v) {
				continue // 甲方（在中国注册的公司）授权乙方使用: where the grantor is
			}
			if channelName.MatchString(v) {
				continue // 在中国国际电子商务平台销售: a platform's name
			}
		}
		if loc := placeOfUseEnd.FindStringIndex(v); loc != nil {
			v = v[:loc[0]]
		}
		if exclusion.MatchString(v) || outside.MatchString(v) {
			continue // 在中国大陆以外的国家和地区销售: what is left out
		}
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// worldwidePhrase is a grant of the whole world without a label: 在全球范围内.
var worldwidePhrase = regexp.MustCompile(`在(全球|全世界|世界各地)(?:范围)?内`)

// exclusion starts what a stated territory leaves out: "worldwide except
// China", "全球（中国大陆除外）".
var exclusion = regexp.MustCompile(`(?i)\b(?:except(?:\s+for)?|excluding|excl\.|other\s+than|save\s+for)\b|除外|以外|不含|不包括|除`)

// notAnExclusion follows an exclusion's word when it leaves nothing out:
// "except as otherwise agreed", "except where the law requires".
var notAnExclusion = regexp.MustCompile(`(?i)^\s*(?:` + exceptsNothing + `|to)\b`)

// exceptsNothing are the words after "except" that except nothing: "except
// as set out in Schedule 2", "except where the law requires". (A
// territory's "except to the extent …" excepts nothing either; a
// sublicence's "except to its own resellers" does: see scopedException.)
const exceptsNothing = `as|where|if|when|that|insofar|in\s+so\s+far|otherwise`

// exclusionIn returns where a stated territory's exclusion starts and ends
// (nil for none): "including but not limited to" and "except as otherwise
// agreed" leave nothing out.
func exclusionIn(v string) []int {
	for _, loc := range exclusion.FindAllStringIndex(v, -1) {
		if !notAnExclusion.MatchString(v[loc[1]:]) {
			return loc
		}
	}
	return nil
}

// worldwideStated reports whether a stated territory is the whole world.
var worldwideStated = regexp.MustCompile(`(?i)\bworld(?:wide)?\b|\bglobal(?:ly)?\b|\ball\s+countries\b|全球|全世界|世界|不限|境内外|海内外|国内外` +
	`|^\s*(?:unlimited|unrestricted|(?:no|without)\s+(?:territorial\s+|geographic(?:al)?\s+)?(?:restrictions?|limitations?|limits?)|not\s+(?:limited|restricted))\s*$`)

// nextLabel ends a stated territory at the next label of a letter whose
// lines ran together ("Territory: China Term: from ...").
var nextLabel = regexp.MustCompile(`\s+[A-Z][a-z]+(?:\s[a-z]+)?\s*:|[\p{Han}]{2,4}[:：]`)

// flowed joins a paper's lines into one run of text, as a sentence reads:
// whitespace runs become one space, and none is left between two CJK
// characters (a line break inside a Chinese sentence).
func flowed(s string) string { return squeezeCJK(strings.Join(strings.Fields(s), " ")) }

// flowedLines is s with the lines that continue a sentence joined (see
// wrapped) and each line flowed: a table's rows ("Exclusive: No" /
// "Sublicensing: Yes") stay apart.
func flowedLines(s string) string {
	lines := strings.Split(joinWrapped(s), "\n")
	for i, l := range lines {
		lines[i] = flowed(l)
	}
	return strings.Join(lines, "\n")
}

// quoteMax is the most characters a message quotes from a paper.
const quoteMax = 60

// Quote shortens a phrase found in a paper for a message.
func Quote(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > quoteMax {
		s = string([]rune(s)[:quoteMax]) + "…"
	}
	return s
}

// Sublicensing returns what a text says of sublicensing: the phrase of a
// denial, of a grant, or neither. A text that says both (a grant with
// exceptions, "no sublicense to competitors") says neither plainly.
func Sublicensing(text string) (denied, granted string) {
	text = flowedLines(text)
	var denials []string
	var kept strings.Builder // text without its denials
	for pos := 0; pos < len(text); {
		loc := sublicenseDenied.FindStringIndex(text[pos:])
		if loc == nil {
			kept.WriteString(text[pos:])
			break
		}
		m := text[pos+loc[0] : pos+loc[1]]
		if n := notADenial.FindStringIndex(m); n != nil {
			// "Without prior written consent, the Licensee may not
			// assign, sublicense …": the words that withhold nothing are
			// kept, and the rest is read again.
			next := pos + loc[0] + max(n[1], 1)
			kept.WriteString(text[pos:next])
			pos = next
			continue
		}
		if labelEnd.MatchString(text[:pos+loc[0]]) && labelStart.MatchString(text[pos+loc[1]:]) {
			// "Exclusive: No    Sublicensing: Yes": the negation is another
			// label's value ("Restrictions: no sublicensing." is a
			// denial: no label follows).
			next := pos + loc[0] + max(1, len(denialWord.FindString(m)))
			kept.WriteString(text[pos:next])
			pos = next
			continue
		}
		if neg := denialWord.FindStringIndex(m); neg != nil && turnsAway.MatchString(m[neg[1]:]) {
			// "may not assign this letter but may grant sublicenses": the
			// negation is of something else; read on after it.
			next := pos + loc[0] + neg[1]
			kept.WriteString(text[pos:next])
			pos = next
			continue
		}
		start, end := pos+loc[0], pos+loc[1]
		if grantorSpeaks(text[:start]) || scopedException(sentenceAround(text, start, end)) {
			// "The Licensor shall not grant any sublicense to other
			// sellers", 甲方不得再授权第三方: the grantor's own acts.
			// "Except to its own resellers, the Licensee shall not
			// sublicense", 乙方除向其下级经销商转授权外，不得转授权…: a
			// right with limits, not withheld.
			kept.WriteString(text[pos:end])
			pos = end
			continue
		}
		kept.WriteString(text[pos : pos+loc[0]])
		kept.WriteString(" ")
		denials = append(denials, m)
		pos += loc[1]
	}
	rest := kept.String()
	for _, loc := range sublicenseGranted.FindAllStringIndex(rest, -1) {
		before := rest[max(0, loc[0]-40):loc[0]]
		if notTheGrantee.MatchString(strings.ToValidUTF8(before, "")) {
			continue
		}
		if m := rest[loc[0]:loc[1]]; mayOrCan.MatchString(m) && negation.MatchString(m) {
			continue // "may not, …, sublicense" is a denial's, not a grant
		}
		if grantorSpeaks(rest[:loc[0]]) {
			continue // 甲方有权将该商标再授权给其他第三方: the grantor's right
		}
		if _, after, _ := strings.Cut(sentenceAround(rest, loc[0], loc[1]), rest[loc[0]:loc[1]]); grantingVerb.MatchString(after) {
			continue // "X, which … may sublicense its rights, hereby authorizes the Licensee": the grantor's right
		}
		if len(denials) > 0 {
			return "", "" // both: neither plainly
		}
		return "", Quote(rest[loc[0]:loc[1]])
	}
	if len(denials) > 0 {
		return Quote(denials[0]), ""
	}
	return "", ""
}

// Territory returns the territory a text states ("mainland China",
// "worldwide" as written, a list, an exclusion), and whether it is the
// whole world with nothing left out; "" when the text states none, or
// states several that disagree.
func Territory(text string) (stated string, worldwide bool) {
	text = flowed(text)
	var found []string
	labels := territoryLabel.FindAllStringIndex(text, -1)
	for i, m := range labels {
		end := min(len(text), m[1]+240)
		if i+1 < len(labels) {
			end = min(end, labels[i+1][0])
		}
		if v := territoryValue(strings.ToValidUTF8(text[m[1]:end], "")); v != "" {
			found = append(found, v)
		}
	}
	for _, m := range worldwidePhrase.FindAllStringSubmatch(text, -1) {
		found = append(found, m[1])
	}
	if len(found) == 0 {
		return "", false
	}
	whole := func(v string) bool { return Worldwide(v) && exclusionIn(v) == nil }
	for _, v := range found[1:] {
		if whole(v) != whole(found[0]) {
			return "", false
		}
	}
	return found[0], whole(found[0])
}

// territoryValue cuts what follows a territory label at the end of its
// sentence (a full stop before a capital: not "U.S. and Canada"), at the
// next label of a letter whose lines ran together, or at a Chinese
// semicolon; a list ("United States; Canada") stays whole.
func territoryValue(v string) string {
	if loc := sentenceEnd.FindStringIndex(v); loc != nil {
		v = v[:loc[0]+1]
	}
	if loc := nextLabel.FindStringIndex(v); loc != nil && loc[0] > 0 {
		v = v[:loc[0]]
	}
	v, _, _ = strings.Cut(v, "；")
	return strings.Trim(strings.TrimSpace(v), ",，.;")
}

// sentenceEnd is a full stop that ends a sentence: before a capital or a
// Chinese character.
var sentenceEnd = regexp.MustCompile(`\.\s+[\p{Lu}\p{Han}]`)

// SplitExclusion parts a stated territory into what it grants and what it
// leaves out: "Worldwide (excluding mainland China)" is "Worldwide" and
// "mainland China", "全球（中国大陆除外）" is "全球" and "中国大陆".
func SplitExclusion(stated string) (included, excluded string) {
	loc := exclusionIn(stated)
	if loc == nil {
		return stated, ""
	}
	marker := stated[loc[0]:loc[1]]
	before, after := stated[:loc[0]], stated[loc[1]:]
	switch marker {
	case "除外", "以外":
		// The excluded part comes first: 全球（中国大陆除外）.
		cut := strings.LastIndexAny(before, "（(，,")
		if cut < 0 {
			return strings.TrimSpace(after), strings.TrimSpace(before)
		}
		_, size := utf8.DecodeRuneInString(before[cut:])
		return strings.TrimSpace(before[:cut] + after), strings.TrimSpace(before[cut+size:])
	case "除":
		// 除中国大陆以外的全球, 除中国大陆外，全球.
		if k := strings.Index(after, "外"); k >= 0 {
			ex := strings.TrimSuffix(after[:k], "以")
			return strings.TrimSpace(before + strings.TrimLeft(after[k+len("外"):], "的，, ")), strings.TrimSpace(ex)
		}
	}
	return strings.TrimSpace(before), strings.TrimSpace(after)
}

// TerritoryEntries returns a stated territory as case.yaml's territories
// list: ["worldwide"] for the whole world, one entry per place of a list
// ("United States; Canada", "the U.S. and Canada", 中国、香港), and nil for
// a territory that leaves something out, which a list cannot say.
func TerritoryEntries(stated string) []string {
	stated = strings.TrimSpace(stated)
	if stated == "" || exclusionIn(stated) != nil {
		return nil
	}
	if Worldwide(stated) {
		return []string{"worldwide"}
	}
	var out []string
	for _, p := range listSeparator.Split(stated, -1) {
		p = strings.Trim(strings.TrimSpace(p), "。，,;；")
		if strings.Count(p, ".") == 1 { // a full stop, not an abbreviation's (U.S.)
			p = strings.TrimSuffix(p, ".")
		}
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(p, "the "), "The "))
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// listSeparator parts the places of a stated territory.
var listSeparator = regexp.MustCompile(`\s*(?:[;；,，、/]|\band\b|&|及|和|与)\s*`)

// Worldwide reports whether a territory, as a paper or case.yaml writes
// it, is the whole world.
func Worldwide(territory string) bool {
	return worldwideStated.MatchString(territory) && !someCountries.MatchString(territory)
}

// someCountries is "all countries" of somewhere: "all countries of the
// European Union".
var someCountries = regexp.MustCompile(`(?i)\ball\s+countries\s+(?:of|in)\b`)
