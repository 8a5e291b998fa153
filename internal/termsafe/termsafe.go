// Package termsafe makes text that comes from files and manifests safe to
// print on a terminal. A file name, an EXIF string or a case ID may carry
// control characters (an escape sequence can rewrite or hide what the
// terminal shows) or bidirectional overrides (which make "gpj.exe" read as
// "exe.jpg"); they are shown escaped, as Go writes them (\x1b, \u202e),
// never sent as they are. In JSON strings the \u form is a valid escape,
// so JSON output stays valid.
package termsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// String escapes every control, bidirectional and line-separator character
// of a single value (line breaks and tabs too).
func String(s string) string { return escape(s, false) }

// Text escapes like String but keeps line breaks and tabs: for messages
// of several lines.
func Text(s string) string { return escape(s, true) }

func escape(s string, keepLayout bool) string {
	if !needsEscape(s, keepLayout) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLayout && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case unsafe(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(s string, keepLayout bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || (unsafe(r) && !(keepLayout && (r == '\n' || r == '\t'))) {
			return true
		}
		i += n
	}
	return false
}

// unsafe reports C0 and C1 controls, DEL, the bidirectional marks,
// embeddings, overrides and isolates, and the Unicode line and paragraph
// separators.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// Writer escapes what is written through it like Text. Each Write is
// escaped on its own: write whole strings (fmt and text/tabwriter do).
type Writer struct{ W io.Writer }

func (w Writer) Write(p []byte) (int, error) {
	s := string(p)
	if !needsEscape(s, true) {
		return w.W.Write(p)
	}
	if _, err := io.WriteString(w.W, Text(s)); err != nil {
		return 0, err
	}
	return len(p), nil
}
