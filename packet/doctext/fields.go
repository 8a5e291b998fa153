package doctext

import (
	"regexp"
	"strconv"
	"strings"
	"time"
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

// Labelled returns the values a text gives under f's labels, trimmed, each
// at most 80 characters, in order.
func Labelled(text string, f Field) []string {
	var out []string
	for _, m := range labels[f].FindAllStringSubmatch(text, -1) {
		// A final "." stays: it ends "Co., Ltd." more often than a sentence.
		v := strings.Trim(strings.TrimSpace(m[2]), " ,;:。，；")
		if r := []rune(v); len(r) > 80 {
			v = string(r[:80]) + "…"
		}
		if Fold(v) != "" {
			out = append(out, v)
		}
	}
	return out
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
	f.Territory, _ = Territory(text)
	denied, granted := Sublicensing(text)
	f.Sublicense = denied == "" && granted != ""
	for l := range strings.SplitSeq(text, "\n") {
		low := strings.ToLower(l)
		ds := Dates(l)
		switch {
		case len(ds) >= 2 && f.From.IsZero() && containsAny(low, "term", "valid", "period", "from", "期限", "有效期", "自"):
			if ds[0].Before(ds[1]) {
				f.From, f.To = ds[0], ds[1]
			}
		case len(ds) == 1 && f.Date.IsZero() && dateLabel.MatchString(l):
			f.Date = ds[0]
		}
	}
	return f
}

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
	dateLabel = regexp.MustCompile(`(?i)^\s*(?:invoice\s+)?date\s*[:：]|^\s*(?:开票)?日期\s*[:：]`)
	isoDate   = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	cjkDate   = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	monthDate = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dateMonth = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
)

var months = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// Dates returns the unambiguous dates written in s, in order: 2025-06-01,
// 2025/6/1, 2025.06.01, 2025年6月1日, June 1, 2025 and 1 June 2025 (not
// 01/06/2025, which may be either day first or month first).
func Dates(s string) []time.Time {
	type at struct {
		pos int
		t   time.Time
	}
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
	// In the order they are written.
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].pos < found[j-1].pos; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	out := make([]time.Time, len(found))
	for i, f := range found {
		out[i] = f.t
	}
	return out
}
