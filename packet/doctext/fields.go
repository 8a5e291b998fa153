package doctext

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Field is a fact a paper states under a label.
type Field int

// The labelled fields; the zero Field is none.
const (
	Grantor Field = iota + 1
	Grantee
	Owner
	Number // a trademark registration number
	Buyer
	Mark
	InvoiceNumber
)

// paren allows a parenthetical between a label and its colon:
// "Licensee (grantee): ...".
const paren = `\s*(?:[(（][^)）\n]{0,40}[)）])?\s*`

// labels introduce each field on a paper; group 2 is the value. Chinese
// labels must not follow 被 (被授权方 is the grantee, 授权方 the grantor).
var labels = map[Field]*regexp.Regexp{
	Grantee:       regexp.MustCompile(`(?im)(\bgrantee|\blicensee|\bauthori[sz]ed (?:party|company|seller|distributor)|\bparty b|被授权方|被授权人|被许可方|被许可人|乙方)` + paren + `[:：]\s*(.+)$`),
	Grantor:       regexp.MustCompile(`(?im)(\bgrantor|\blicensor|\bauthori[sz]ing party|\bparty a|(?:^|[^被])(?:授权方|授权人|许可方|许可人)|甲方)` + paren + `[:：]\s*(.+)$`),
	Owner:         regexp.MustCompile(`(?im)(\bowner|\bregistrant|\bproprietor|\bholder|\bapplicant|注册人|申请人|权利人)` + paren + `[:：]\s*(.+)$`),
	Number:        regexp.MustCompile(`(?im)(\breg(?:istration)?\.?\s*(?:no\.?|number|#)|注册号|注册证号)\s*[:：]?\s*(?:第\s*)?([A-Z]{0,4}\d[\d ,./-]{1,20}\d)`),
	Buyer:         regexp.MustCompile(`(?im)(\bbuyer|\bbill to|\bsold to|\bcustomer|购买方|购方|买方)` + paren + `[:：]\s*(.+)$`),
	Mark:          regexp.MustCompile(`(?im)^\s*(trade\s?mark|mark|商标)\s*[:：]\s*([^,，;；\n]+)`),
	InvoiceNumber: regexp.MustCompile(`(?im)(\binvoice\s*(?:no\.?|number|#)|发票号码|发票号)\s*[:：]?\s*([A-Z0-9][A-Z0-9-]{2,30})`),
}

// bareLabels introduce a field without a colon, as bilingual certificates
// and forms print them: a Chinese label at the start of a line, then
// perhaps its English translation, then the value ("注册人 Registrant
// Bartech Electronics (Shenzhen) Co., Ltd."). Group 1 is the value.
var bareLabels = map[Field]*regexp.Regexp{
	Owner:   bare(`注册人|申请人|权利人`, `registrant|applicant|owner|proprietor|holder`),
	Grantor: bare(`授权方|授权人|许可方|许可人`, `grantor|licensor`),
	Grantee: bare(`被授权方|被授权人|被许可方|被许可人`, `grantee|licensee`),
	Buyer:   bare(`购买方|购方|买方`, `buyer|purchaser`),
}

func bare(zh, en string) *regexp.Regexp {
	return regexp.MustCompile(`(?im)^[ \t]*(?:` + zh + `)[ \t]+(?:(?:` + en + `)\b[ \t]*)?([^\s:：].*)$`)
}

// Labelled returns the values a text gives under f's labels, trimmed, each
// at most 80 characters, in the order they are written.
func Labelled(text string, f Field) []string {
	type at struct {
		pos   int
		value string
	}
	var found []at
	for _, m := range labels[f].FindAllStringSubmatchIndex(text, -1) {
		found = append(found, at{m[0], text[m[4]:m[5]]})
	}
	if re := bareLabels[f]; re != nil {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			found = append(found, at{m[0], text[m[2]:m[3]]})
		}
	}
	slices.SortStableFunc(found, func(a, b at) int { return a.pos - b.pos })
	var out []string
	for _, m := range found {
		v := m.value
		// A value ends where the next label begins: two columns, or runs
		// of one line joined ("Registrant: Bartech Co., Ltd. Address: …").
		if loc := valueEnd.FindStringIndex(v); loc != nil && loc[0] > 0 {
			v = v[:loc[0]]
		}
		if f == Number {
			v = numberOnly(v)
		}
		// A final "." stays: it ends "Co., Ltd." more often than a sentence.
		v = strings.Trim(strings.TrimSpace(v), " ,;:。，；")
		if r := []rune(v); len(r) > 80 {
			v = string(r[:80]) + "…"
		}
		if Fold(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// valueEnd is the next label after a value: a capitalised word and up to
// two more ("Address:", "Party B:", "Ship To:", "Tax ID:", "Registration
// No.:", "Licensee (grantee):"), not after an abbreviation's full stop
// ("Co., Ltd. Address:" ends before Address), or a Chinese label
// ("乙方（被授权方）："), and its colon.
var valueEnd = regexp.MustCompile(`\s+(?:[A-Z][a-z]*(?:\s+(?:[A-Z][a-z]*|[a-z]+|No\.|ID|[A-Z]{1,3})){0,2}(?:\s*[(（][^)）]{0,20}[)）])?|[\p{Han}][\p{Han}（）()]{1,9})\s*[:：]`)

// numberOnly keeps a registration number's first group and the groups of
// three digits after it ("018 123 456"), not a date or year written after
// it ("12345678 2021.05.14", "12345678 2021年").
func numberOnly(v string) string {
	fields := strings.Fields(v)
	if len(fields) == 0 {
		return v
	}
	n := 1
	for n < len(fields) && len(fields[n]) == 3 && strings.Trim(fields[n], "0123456789") == "" {
		n++
	}
	return strings.Join(fields[:n], " ")
}

// Facts are what a paper states, as far as its text says it without
// doubt: a field a paper gives twice differently is left empty.
type Facts struct {
	Mark, Number, Office, Owner string
	Grantor, Grantee            string
	From, To                    time.Time // an authorization's term
	InvoiceNumber, Buyer        string
	Date                        time.Time // an invoice's date
	// A letter's terms: the territory it states (as written) and whether
	// it plainly grants the right to sublicense.
	Territory  string
	Sublicense bool
	// A certificate's dates, each from a line that labels it
	// ("Registration date 2021-05-14", "有效期至 2031年5月13日",
	// "注册有效期限：2021年5月14日至2031年5月13日" for the expiry).
	Registered, Expires time.Time
	// Classes are the Nice classes a certificate names ("class 9",
	// "第9类", "Classes 9, 35"), as written: "9, 35".
	Classes string
}

// Extract reads the facts a paper's text states under their labels.
func Extract(text string) Facts {
	one := func(f Field) string {
		vs := Labelled(text, f)
		for _, v := range vs[min(1, len(vs)):] {
			if Fold(v) != Fold(vs[0]) {
				return ""
			}
		}
		if len(vs) == 0 {
			return ""
		}
		return vs[0]
	}
	f := Facts{Mark: one(Mark), Number: one(Number), Owner: one(Owner), Grantor: one(Grantor), Grantee: one(Grantee),
		InvoiceNumber: one(InvoiceNumber), Buyer: one(Buyer), Office: office(text)}
	if f.Mark == "" {
		f.Mark = loneMark(text)
	}
	f.Territory, _ = Territory(text)
	denied, granted := Sublicensing(text)
	f.Sublicense = denied == "" && granted != ""
	var registered, expires []time.Time
	var termsFound [][2]time.Time
	for l := range strings.SplitSeq(text, "\n") {
		ds := Dates(l)
		switch {
		case len(ds) == 1 && registeredLabel.MatchString(l):
			registered = append(registered, ds[0])
		case len(ds) == 1 && expiresLabel.MatchString(l):
			expires = append(expires, ds[0])
		case len(ds) == 2 && validityLabel.MatchString(l) && ds[0].Before(ds[1]):
			expires = append(expires, ds[1])
		}
		for _, t := range terms(l) {
			if !slices.ContainsFunc(termsFound, func(u [2]time.Time) bool { return u == t }) {
				termsFound = append(termsFound, t)
			}
		}
		if f.Date.IsZero() {
			f.Date = labelledDate(l)
		}
	}
	// A term only when the paper gives one: two different ones (a renewal
	// quoting the old term without saying so) say nothing.
	if len(termsFound) == 1 {
		f.From, f.To = termsFound[0][0], termsFound[0][1]
	}
	f.Registered, f.Expires = sameDate(registered), sameDate(expires)
	f.Classes = classes(text)
	return f
}

// classPattern finds the Nice classes a paper names.
var classPattern = regexp.MustCompile(`(?i)(?:\bclass(?:es)?|\bint\.?\s*cl\.?|\bnice\s+classification)\s*(?:no\.?\s*)?[:：]?\s*(\d{1,2}(?:\s*(?:,|，|、|and|&)\s*\d{1,2})*)\b|第\s*(\d{1,2})\s*类`)

var classNumber = regexp.MustCompile(`\d{1,2}`)

// classes returns the Nice classes (1 to 45) a text names, in the order
// written, without repeats, as "9, 35"; "" for none.
func classes(text string) string {
	var out []string
	for _, m := range classPattern.FindAllStringSubmatch(text, 8) {
		for _, n := range classNumber.FindAllString(m[1]+" "+m[2], -1) {
			if v, _ := strconv.Atoi(n); v >= 1 && v <= 45 && !slices.Contains(out, strconv.Itoa(v)) {
				out = append(out, strconv.Itoa(v))
			}
		}
	}
	return strings.Join(out, ", ")
}

// The labels a term follows. A grant's own label ("Term of
// authorization", 授权期限) names the grant's term whatever else the
// sentence says; a general one ("valid", 有效期, "period") may be a
// trademark's registration; a weak one ("from", "effective", 自) is only
// looked at in a sentence with no other.
var (
	grantTermLabel   = regexp.MustCompile(`(?i)\bterm\b|\bauthori[sz]ation\s+period\b|授权期限|授权期间|授权有效期`)
	generalTermLabel = regexp.MustCompile(`(?i)\bperiod\b|\bvalid(?:ity)?\b|有效期|期限`)
	weakTermLabel    = regexp.MustCompile(`(?i)\beffective\b|\bfrom\b|自`)
)

// notTheGrant, before a term's label, marks the term of something else: a
// trademark's registration (for a general or weak label), or an earlier
// letter a renewal replaces (for any label).
var (
	aMark        = regexp.MustCompile(`(?i)trade\s?mark|registration|registered|商标|注册`)
	anEarlierOne = regexp.MustCompile(`(?i)replac|renew|previous|earlier|prior|supersede|替代|取代|原授权|此前|之前|续签`)
)

// terms returns the terms a line states: in each sentence, the first two
// dates after its strongest term label, when the first comes before the
// second and the label is not about something else.
func terms(line string) [][2]time.Time {
	var out [][2]time.Time
	for _, sentence := range sentences(line) {
		var loc []int
		grant := false
		for i, re := range []*regexp.Regexp{grantTermLabel, generalTermLabel, weakTermLabel} {
			if loc = re.FindStringIndex(sentence); loc != nil {
				grant = i == 0
				break
			}
		}
		if loc == nil {
			continue
		}
		before := sentence[:loc[0]]
		if anEarlierOne.MatchString(before) || !grant && aMark.MatchString(before) {
			continue
		}
		ds := Dates(sentence[loc[0]:])
		if len(ds) >= 2 && ds[0].Before(ds[1]) {
			out = append(out, [2]time.Time{ds[0], ds[1]})
		}
	}
	return out
}

// sentences splits a line at the end of each sentence: 。 or ； or a full
// stop or semicolon followed by a space and a capital or a Chinese
// character ("Co., Ltd. Term: …" splits, "No. 12345678" does not).
func sentences(line string) []string {
	var out []string
	start := 0
	for pos, r := range line {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			size = 1 // an invalid byte: range steps over one
		}
		end := r == '。' || r == '；'
		if r == '.' || r == ';' {
			next, n := utf8.DecodeRuneInString(line[pos+size:])
			after, _ := utf8.DecodeRuneInString(line[min(len(line), pos+size+n):])
			end = unicode.IsSpace(next) && (unicode.IsUpper(after) || unicode.Is(unicode.Han, after))
		}
		if end {
			out = append(out, line[start:pos+size])
			start = pos + size
		}
	}
	return append(out, line[start:])
}

// labelledDate returns the date a line gives right after an invoice's date
// label ("Invoice No. HX1 Date: 2023-09-17", runs joined by one space),
// zero for none.
func labelledDate(line string) time.Time {
	ds := datesAt(line)
	for _, m := range dateLabel.FindAllStringSubmatchIndex(line, -1) {
		var before string
		switch {
		case m[2] >= 0:
			before = line[m[2]:m[3]]
		case m[4] >= 0:
			before = line[m[4]:m[5]]
		}
		if !slices.Contains(invoiceDateWords, strings.ToLower(before)) {
			continue
		}
		for _, d := range ds {
			if d.pos >= m[1] && strings.TrimSpace(line[m[1]:d.pos]) == "" {
				return d.t
			}
		}
	}
	return time.Time{}
}

// sameDate returns the date every one of ds is, or zero when they differ
// or there is none: a date a paper gives twice differently says nothing.
func sameDate(ds []time.Time) time.Time {
	for _, d := range ds[min(1, len(ds)):] {
		if !d.Equal(ds[0]) {
			return time.Time{}
		}
	}
	if len(ds) == 0 {
		return time.Time{}
	}
	return ds[0]
}

// The labels of a certificate's dates.
var (
	registeredLabel = regexp.MustCompile(`(?i)registration\s+date|date\s+of\s+registration|\bregistered\b|注册日期|核准注册日期`)
	expiresLabel    = regexp.MustCompile(`(?i)valid\s+(?:until|through|to)\b|expir(?:es|y\s+date|ation\s+date)|有效期至|有效期限至|截止日期`)
	validityLabel   = regexp.MustCompile(`有效期限|(?i)period\s+of\s+validity|validity`)
)

// loneMark is the mark a registration certificate prints on a line of its
// own, in capitals, above its registration number: a CNIPA or USPTO
// certificate has no "Mark:" label. Only a certificate, only lines before
// its number, and only when one line is such: "" otherwise.
func loneMark(text string) string {
	if !certificateTitle.MatchString(text) {
		return ""
	}
	var found []string
	for l := range strings.SplitSeq(text, "\n") {
		if labels[Number].MatchString(l) {
			if len(found) == 1 {
				return found[0]
			}
			return ""
		}
		if l = strings.Join(strings.Fields(l), " "); markLine.MatchString(l) && !certificateWords.MatchString(l) {
			found = append(found, l)
		}
	}
	return ""
}

// certificateTitle names a paper as a trademark registration certificate.
var certificateTitle = regexp.MustCompile(`(?i)registration\s+certificate|certificate\s+of\s+registration|商标注册证|principal\s+register|patent\s+and\s+trademark\s+office`)

// markLine is a line a mark in capitals could be: letters, digits, and the
// marks' usual punctuation, up to four words.
var markLine = regexp.MustCompile(`^[A-Z0-9][A-Z0-9&'.+-]*(?: [A-Z0-9&'.+-]+){0,3}$`)

// certificateWords are a certificate's own headings in capitals, not a
// mark: "UNITED STATES OF AMERICA", "CERTIFICATE OF REGISTRATION".
var certificateWords = regexp.MustCompile(`(?i)\b(?:united|states|america|certificate|registration|registered|register|trademark|trade\s+mark|office|patent|china|national|intellectual|property|administration|cnipa|uspto|euipo|wipo|int|cl|no)\b`)

// StatesExpiry reports whether a certificate states when its
// registration ends, under any label (有效期限, "valid until", "Expiry", a
// term "…至2031年…"): a Chinese certificate does, a US one does not.
func StatesExpiry(text string) bool {
	return expiresLabel.MatchString(text) || validityLabel.MatchString(text) || expiryWords.MatchString(text)
}

// expiryWords are what else states an expiry: "Expiry:", "expires on", a
// term's end year (至 2031 年), 期限至.
var expiryWords = regexp.MustCompile(`(?i)expir|有效期|期限至|至\s*\d{4}\s*年`)

// offices maps words on a certificate to the office that issued it.
var offices = []struct{ word, office string }{
	{"cnipa", "CNIPA"}, {"china national intellectual property administration", "CNIPA"}, {"国家知识产权局", "CNIPA"}, {"商标局", "CNIPA"},
	{"uspto", "USPTO"}, {"united states patent and trademark office", "USPTO"},
	{"euipo", "EUIPO"}, {"european union intellectual property office", "EUIPO"},
	{"ukipo", "UKIPO"}, {"uk intellectual property office", "UKIPO"},
	{"japan patent office", "JPO"}, {"特許庁", "JPO"},
	{"kipo", "KIPO"}, {"korean intellectual property office", "KIPO"},
	{"wipo", "WIPO"}, {"world intellectual property organization", "WIPO"},
}

func office(text string) string {
	low := strings.ToLower(text)
	found := ""
	for _, o := range offices {
		if strings.Contains(low, o.word) {
			if found != "" && found != o.office {
				return "" // two offices named: say nothing
			}
			found = o.office
		}
	}
	return found
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var (
	// dateLabel is a date label ("Date:", "Invoice date:", 开票日期：); the
	// word before it (group 1 or 2) tells whose date it is.
	dateLabel = regexp.MustCompile(`(?i)(?:\b(\pL+)\s+)?\bdate\s*[:：]|(\p{Han}*)日期\s*[:：]`)
	// isoDate also reads a date with a time after it: 2023-09-07T10:22:00Z.
	isoDate   = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T\d)`)
	cjkDate   = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	monthDate = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})\b`)
	dateMonth = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?(?:\s+|-)(\d{4})\b`)
	// dayOf is the legal style: "the 1st day of January, 2023".
	dayOf = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+)?of\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	// hanDate is a date in Chinese numerals: 二〇二三年一月一日.
	hanDate = regexp.MustCompile(`([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
)

// invoiceDateWords are the words before a date label that make it an
// invoice's date (none: a plain "Date:"); any other ("Due date:",
// "Registration date:", 注册日期) is another date.
var invoiceDateWords = []string{"", "invoice", "issue", "billing", "document", "开票", "发票"}

var months = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// Dates returns the unambiguous dates written in s, in order: 2025-06-01,
// 2025/6/1, 2025.06.01, 2025-06-01T10:22:00Z, 2025年6月1日, 二〇二五年六月一日,
// June 1, 2025, Sept. 1st, 2025, 1 June 2025, 01-Jun-2025 and the 1st day
// of June, 2025 (not 01/06/2025, which may be either day first or month
// first).
func Dates(s string) []time.Time {
	found := datesAt(s)
	out := make([]time.Time, len(found))
	for i, f := range found {
		out[i] = f.t
	}
	return out
}

// dateAt is a date read from a text, and where it starts.
type dateAt struct {
	pos int
	t   time.Time
}

// datesAt is Dates with the position of each date.
func datesAt(s string) []dateAt {
	type at = dateAt
	var found []at
	add := func(pos int, y, m, d string) {
		yi, _ := strconv.Atoi(y)
		mi, err := strconv.Atoi(m)
		if err != nil {
			mi = int(months[strings.ToLower(m[:3])])
		}
		di, _ := strconv.Atoi(d)
		t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
		if yi >= 1900 && yi <= 2200 && t.Month() == time.Month(mi) && t.Day() == di {
			found = append(found, at{pos, t})
		}
	}
	for _, m := range isoDate.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	for _, m := range cjkDate.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	for _, m := range monthDate.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]])
	}
	for _, m := range dateMonth.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
	}
	for _, m := range dayOf.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
	}
	for _, m := range hanDate.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], hanNumber(s[m[2]:m[3]], true), hanNumber(s[m[4]:m[5]], false), hanNumber(s[m[6]:m[7]], false))
	}
	// In the order they are written.
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].pos < found[j-1].pos; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	return found
}

// hanDigits are the Chinese numerals of 0 to 9.
var hanDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// hanNumber writes Chinese numerals as digits: a year digit by digit
// (二〇二三: 2023), a month or day with 十 for ten (十二: 12, 二十一: 21).
func hanNumber(s string, year bool) string {
	if year {
		var b strings.Builder
		for _, r := range s {
			b.WriteByte(byte('0' + hanDigits[r]))
		}
		return b.String()
	}
	tens, units, seenTen := 0, 0, false
	for _, r := range s {
		if r == '十' {
			tens, seenTen = max(units, 1), true
			units = 0
			continue
		}
		units = hanDigits[r]
	}
	if !seenTen {
		return strconv.Itoa(units)
	}
	return strconv.Itoa(tens*10 + units)
}

// ShowsDate reports whether text writes the day t: as one of the dates
// Dates reads, or day first or month first with dots or slashes
// (01.06.2025, 1/6/2025, 06/01/2025), as a whole number: the digits of
// 2023-1-1 inside 2023-11-01 or a telephone number are not the date.
func ShowsDate(text string, t time.Time) bool {
	for _, d := range Dates(text) {
		if d.Equal(t) {
			return true
		}
	}
	y, m, d := t.Date()
	for _, w := range []string{
		fmt.Sprintf("%02d.%02d.%d", d, m, y), fmt.Sprintf("%d.%d.%d", d, m, y),
		fmt.Sprintf("%02d/%02d/%d", d, m, y), fmt.Sprintf("%d/%d/%d", d, m, y),
		fmt.Sprintf("%02d/%02d/%d", m, d, y), fmt.Sprintf("%d/%d/%d", m, d, y),
		fmt.Sprintf("%02d-%02d-%d", d, m, y), fmt.Sprintf("%02d-%02d-%d", m, d, y),
	} {
		for i := 0; ; {
			k := strings.Index(text[i:], w)
			if k < 0 {
				break
			}
			start, end := i+k, i+k+len(w)
			if (start == 0 || !isDigit(text[start-1])) && (end == len(text) || !isDigit(text[end])) {
				return true
			}
			i = start + 1
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
