package initcase

import (
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Class is what a document (a PDF, or a picture named like a scan) is taken
// to be, and so where it goes in case.yaml.
type Class int

const (
	Other          Class = iota // documents, kind other
	Trademark                   // trademarks[].files
	Authorization               // authorizations[].files
	Invoice                     // documents, kind invoice
	ShootingRecord              // documents, kind shooting-record
	Design                      // documents, kind design
	Correspondence              // documents, kind correspondence
)

func (c Class) String() string {
	return [...]string{"other document", "trademark certificate", "authorization letter", "invoice",
		"shooting record", "design", "correspondence"}[c]
}

// Kind is the documents[].kind of a class that is a document.
func (c Class) Kind() string {
	return [...]string{"other", "", "", "invoice", "shooting-record", "design", "correspondence"}[c]
}

// cue is a word that marks a class.
type cue struct {
	class Class
	word  string
}

// textCues are looked for in a PDF's text, lower-cased, NFKC-normalised and
// with all white space removed (text drawn letter by letter, or in CJK,
// has no reliable spaces), the cues too; a cue is shown with its spaces. The cue found first in the text wins, the
// longest at the same place: a document's title comes first, and "trademark
// license" is a licence, not a certificate.
var textCues = []cue{
	{Trademark, "trademark"},
	{Trademark, "trademark registration"},
	{Trademark, "registration certificate"},
	{Trademark, "certificate of registration"},
	{Trademark, "registered trademark"},
	{Trademark, "商标注册证"},
	{Trademark, "商標註冊證"},
	{Trademark, "商标"},
	{Trademark, "商標"},
	{Trademark, "注册证"},
	{Trademark, "註冊證"},
	{Authorization, "letter of authorization"},
	{Authorization, "letter of authorisation"},
	{Authorization, "authorization letter"},
	{Authorization, "authorisation letter"},
	{Authorization, "authorization"},
	{Authorization, "authorisation"},
	{Authorization, "trademark license"},
	{Authorization, "trademark licence"},
	{Authorization, "license agreement"},
	{Authorization, "licence agreement"},
	{Authorization, "授权书"},
	{Authorization, "授權書"},
	{Authorization, "授权"},
	{Authorization, "授權"},
	{Invoice, "invoice"},
	{Invoice, "receipt"},
	{Invoice, "发票"},
	{Invoice, "發票"},
	{Invoice, "收据"},
	{Invoice, "收據"},
}

// nameTokens mark a class when they are a whole word of a file or folder
// name ("tm-1.pdf", "LOA_Bartech.pdf", "InvoiceHX.pdf"); nameParts mark it
// anywhere in the name ("商标注册证.jpg", "mytrademarkscan.pdf"). Words that
// name other papers too are left out: "license" (a business licence),
// "registration" (a company registration), "certificate" (of insurance, of
// conformity), "bill" (of lading).
var (
	nameTokens = []cue{
		{Trademark, "tm"}, {Trademark, "cert"}, {Trademark, "certs"},
		{Authorization, "loa"}, {Authorization, "auth"},
		{Invoice, "inv"},
		{ShootingRecord, "shoot"}, {ShootingRecord, "shooting"}, {ShootingRecord, "photoshoot"},
		{Design, "design"}, {Design, "designs"}, {Design, "draft"}, {Design, "drafts"}, {Design, "sketch"}, {Design, "drawing"},
		{Correspondence, "email"}, {Correspondence, "mail"}, {Correspondence, "chat"}, {Correspondence, "wechat"},
		{Correspondence, "correspondence"}, {Correspondence, "message"}, {Correspondence, "messages"},
	}
	nameParts = []cue{
		{Trademark, "trademark"}, {Trademark, "商标"}, {Trademark, "商標"}, {Trademark, "注册证"}, {Trademark, "註冊證"},
		{Authorization, "authoriz"}, {Authorization, "authoris"}, {Authorization, "授权"}, {Authorization, "授權"},
		{Invoice, "invoice"}, {Invoice, "receipt"}, {Invoice, "发票"}, {Invoice, "發票"}, {Invoice, "收据"}, {Invoice, "收據"},
		{ShootingRecord, "拍摄"},
		{Design, "设计"}, {Design, "草图"},
		{Correspondence, "邮件"}, {Correspondence, "聊天"},
	}
)

// ClassifyText classifies a document by its text. ok is false when the
// text holds no cue; cue is the word found.
func ClassifyText(text string) (c Class, word string, ok bool) {
	s := squash(text)
	best, bestLen := -1, 0
	for _, k := range textCues {
		w := squash(k.word)
		i := strings.Index(s, w)
		if i < 0 {
			continue
		}
		if best < 0 || i < best || (i == best && len(w) > bestLen) {
			best, bestLen, c, word = i, len(w), k.class, k.word
		}
	}
	return c, word, best >= 0
}

// squash lower-cases and NFKC-normalises s and removes white space.
func squash(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// ClassifyName classifies a file by its path relative to the case folder
// (slash-separated): the file's own name first, then its folders from the
// innermost out. Within one name the cue found first wins. ok is false when
// no name holds a cue.
func ClassifyName(rel string) (c Class, word string, ok bool) {
	parts := strings.Split(path.Clean(rel), "/")
	parts[len(parts)-1] = strings.TrimSuffix(parts[len(parts)-1], path.Ext(parts[len(parts)-1]))
	for i := len(parts) - 1; i >= 0; i-- {
		if c, word, ok := classifyOneName(parts[i]); ok {
			return c, word, true
		}
	}
	return Other, "", false
}

func classifyOneName(name string) (c Class, word string, ok bool) {
	name = norm.NFKC.String(name)
	lower := strings.ToLower(name)
	best := -1
	consider := func(i int, k cue, w string) {
		if best < 0 || i < best || (i == best && len(w) > len(word)) {
			best, c, word = i, k.class, w
		}
	}
	for _, k := range nameParts {
		if i := strings.Index(lower, k.word); i >= 0 {
			consider(i, k, k.word)
		}
	}
	for _, t := range tokens(name) {
		for _, k := range nameTokens {
			if t.word == k.word {
				consider(t.at, k, k.word)
			}
		}
	}
	return c, word, best >= 0
}

type nameToken struct {
	word string // lower case
	at   int    // byte offset in the name
}

// tokens splits a name into lower-case words: at anything but letters and
// digits, between letters and digits, and before an upper-case letter that
// follows a lower-case one ("LOA_bartech2023" → loa, bartech, 2023;
// "TrademarkCert" → trademark, cert). CJK text is one token per run.
func tokens(name string) []nameToken {
	var out []nameToken
	start := -1
	var prev rune
	flush := func(end int) {
		if start >= 0 {
			out = append(out, nameToken{strings.ToLower(name[start:end]), start})
			start = -1
		}
	}
	for i, r := range name {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !word {
			flush(i)
			prev = r
			continue
		}
		if start >= 0 {
			split := unicode.IsDigit(r) != unicode.IsDigit(prev) ||
				(unicode.IsUpper(r) && unicode.IsLower(prev))
			if split {
				flush(i)
			}
		}
		if start < 0 {
			start = i
		}
		prev = r
	}
	flush(len(name))
	return out
}
