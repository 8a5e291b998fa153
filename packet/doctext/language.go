package doctext

import (
	"strings"
	"unicode"
)

// stopwords are frequent short words of the Latin-script languages
// Language tells apart.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "in", "is", "for", "this", "that", "with", "by", "on", "are", "be", "as", "from", "its", "or", "shall", "has"},
	"es": {"el", "la", "de", "que", "y", "en", "los", "del", "las", "por", "con", "una", "para", "se", "su", "al", "es", "como"},
	"pt": {"o", "a", "de", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os", "no", "na", "por", "mais", "dos", "das"},
	"fr": {"le", "la", "de", "et", "les", "des", "du", "un", "une", "en", "est", "que", "pour", "par", "dans", "sur", "au", "aux", "avec"},
	"de": {"der", "die", "und", "das", "den", "von", "zu", "mit", "des", "ist", "im", "für", "dem", "ein", "eine", "auf", "nicht", "wird"},
	"it": {"il", "di", "che", "e", "la", "per", "un", "una", "del", "della", "con", "non", "sono", "le", "gli", "dei", "nel", "alla"},
	"nl": {"de", "het", "een", "van", "en", "in", "is", "dat", "op", "te", "voor", "met", "zijn", "niet", "aan", "door", "wordt"},
	"tr": {"ve", "bir", "bu", "ile", "için", "olarak", "da", "de", "olan", "veya", "gibi", "her", "şirketi", "tarafından"},
	"id": {"dan", "yang", "di", "ini", "untuk", "dengan", "dari", "pada", "dalam", "adalah", "atau", "oleh", "kepada", "tersebut"},
	"vi": {"và", "của", "là", "có", "được", "cho", "các", "này", "với", "không", "trong", "một", "những", "theo"},
}

// Language guesses the main language of a paper's text: "zh", "ja", "ko",
// "ru", "th", "ar", or one of the Latin-script languages of stopwords
// ("en", "es", "pt", "fr", "de", "it", "nl", "tr", "id", "vi"); "" when
// the text is too short or too mixed to say. A bilingual paper whose
// Chinese or English part is substantial counts as that language: such a
// paper needs no translation.
func Language(text string) string {
	var han, kana, hangul, cyr, thai, arabic, latin int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Thai, r):
			thai++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	// Japanese mixes kana with Han; Chinese has none.
	if kana >= 10 && kana*5 >= han {
		return "ja"
	}
	if han >= 20 && hangul < han {
		return "zh"
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	score := map[string]int{}
	for _, w := range words {
		for lang, sw := range stopwords {
			for _, s := range sw {
				if w == s {
					score[lang]++
				}
			}
		}
	}
	if score["en"] >= 5 && score["en"]*4 >= len(words)/10 {
		// English is the first Latin language looked for: a bilingual
		// paper with English in it needs no translation.
		best := bestOf(score)
		if best == "en" || score["en"]*2 >= score[best] {
			return "en"
		}
	}
	switch max(hangul, cyr, thai, arabic, latin/4) {
	case 0:
		return ""
	case hangul:
		if hangul >= 20 {
			return "ko"
		}
	case cyr:
		if cyr >= 40 {
			return "ru"
		}
	case thai:
		if thai >= 40 {
			return "th"
		}
	case arabic:
		if arabic >= 40 {
			return "ar"
		}
	}
	if best := bestOf(score); best != "" && score[best] >= 5 {
		return best
	}
	return ""
}

// bestOf returns the language with the highest score ("" for none), the
// first in alphabetical order on a tie.
func bestOf(score map[string]int) string {
	best := ""
	for lang, n := range score {
		if n > score[best] || n == score[best] && n > 0 && lang < best {
			best = lang
		}
	}
	return best
}
