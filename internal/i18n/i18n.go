// Package i18n holds the languages appealpacket speaks (English and
// Simplified Chinese) and a small message catalogue: every string a person
// reads is a Message keyed by ID, complete in both languages, with an
// English singular form where a count decides the wording.
//
// Each package keeps its own Catalog (a read-only map literal) and looks its
// strings up with Catalog.Text or Catalog.Count; CheckComplete, called from
// that package's tests, fails on a message lacking a language.
//
//	var messages = i18n.Catalog{
//		"cover.title": {En: "Appeal evidence packet", Zh: "申诉证据材料"},
//		"cover.photos": {EnOne: "%d original photo", En: "%d original photos", Zh: "%d 张原始照片"},
//	}
//	messages.Count(lang, "cover.photos", n, n)
package i18n

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Lang is a language appealpacket writes in.
type Lang int

const (
	English Lang = iota
	Chinese      // Simplified Chinese
)

// Code is the language's code as case.yaml and --lang spell it: "en" or "zh".
func (l Lang) Code() string {
	if l == Chinese {
		return "zh"
	}
	return "en"
}

func (l Lang) String() string { return l.Code() }

// Parse reads a language code or locale name: "en", "zh", "zh-CN",
// "zh_CN.UTF-8", "en_US.UTF-8", "C". It fails on a language appealpacket
// does not speak.
func Parse(s string) (Lang, error) {
	base := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(base, "_-.@"); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "en", "c", "posix":
		return English, nil
	case "zh", "chinese", "cmn":
		return Chinese, nil
	}
	return English, fmt.Errorf("language %q: appealpacket speaks en (English) and zh (Simplified Chinese)", s)
}

// FromEnv picks the language of the command line from the environment, as
// gettext does: APPEALPACKET_LANG, then LC_ALL, LC_MESSAGES and LANG; the
// first one set decides (a language it does not speak gives English).
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"APPEALPACKET_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			l, _ := Parse(v)
			return l
		}
	}
	return English
}

// HasChinese reports whether s holds a Chinese (Han) character: a text
// without one, on a Chinese page, is English (or numbers).
func HasChinese(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// Message is one string in both languages. En and Zh are fmt formats; EnOne,
// when set, is the English form used when the count is 1 (Chinese has no
// plural).
type Message struct {
	En, EnOne, Zh string
}

// Catalog maps message IDs to their text.
type Catalog map[string]Message

// Text formats the message key in language l. An unknown key is a
// programming error: it is returned bracketed so that a test sees it.
func (c Catalog) Text(l Lang, key string, args ...any) string {
	m, ok := c[key]
	if !ok {
		return "[" + key + "]"
	}
	format := m.En
	if l == Chinese && m.Zh != "" {
		format = m.Zh
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// Count formats the message key for the count n: English takes EnOne when n
// is 1. args are the format's arguments (usually n first).
func (c Catalog) Count(l Lang, key string, n int, args ...any) string {
	m, ok := c[key]
	if !ok {
		return "[" + key + "]"
	}
	format := m.En
	switch {
	case l == Chinese && m.Zh != "":
		format = m.Zh
	case l == English && n == 1 && m.EnOne != "":
		format = m.EnOne
	}
	return fmt.Sprintf(format, args...)
}

// Incomplete lists, sorted, the keys of c lacking their English or Chinese
// text.
func (c Catalog) Incomplete() []string {
	var keys []string
	for k, m := range c {
		if m.En == "" || m.Zh == "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// TB is the part of testing.TB CheckComplete needs.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// CheckComplete fails t for every message of c lacking a language, and for
// every message whose two texts take a different number of fmt verbs.
func CheckComplete(t TB, c Catalog) {
	t.Helper()
	for _, k := range c.Incomplete() {
		t.Errorf("message %q lacks a translation (en %q, zh %q)", k, c[k].En, c[k].Zh)
	}
	for k, m := range c {
		if m.En == "" || m.Zh == "" {
			continue
		}
		if verbs(m.En) != verbs(m.Zh) || (m.EnOne != "" && verbs(m.EnOne) != verbs(m.En)) {
			t.Errorf("message %q: its texts take different arguments (en %q, zh %q)", k, m.En, m.Zh)
		}
	}
}

// verbs counts the fmt verbs of a format ("%%" aside); explicit argument
// indexes ("%[2]s") count once per distinct index.
func verbs(format string) int {
	n := 0
	seen := map[string]bool{}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			i++
			continue
		}
		if j := strings.IndexByte(format[i:], ']'); i+1 < len(format) && format[i+1] == '[' && j > 0 {
			idx := format[i : i+j+1]
			if !seen[idx] {
				seen[idx] = true
				n++
			}
			continue
		}
		n++
	}
	return n
}
