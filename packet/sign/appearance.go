package sign

import (
	"fmt"
	"strings"
	"time"
)

// appearanceFontSize is the size of the visible block's text, in points.
const appearanceFontSize = 7

// AppearanceLines returns the text of the visible signature block.
func AppearanceLines(signer string, t time.Time) []string {
	who := "Digitally signed by " + signer
	if _, ok := winAnsi(signer); !ok {
		// Helvetica cannot draw the name: say so rather than garble it.
		who = "Digitally signed; the signer is named in the signature panel"
	}
	return []string{
		who,
		"Signing time " + t.UTC().Format("2006-01-02 15:04") + " UTC, as the signer declares",
		"signed with appealpacket",
	}
}

// appearanceStream is the form XObject of a visible signature block of
// width w and height h: a thin frame and three lines of Helvetica.
func appearanceStream(w, h float64, signer string, t time.Time) string {
	var c strings.Builder
	fmt.Fprintf(&c, "q 0.35 0.35 0.35 RG 0.5 w 0.25 0.25 %s %s re S Q\n", num(w-0.5), num(h-0.5))
	c.WriteString("BT 0.1 0.1 0.1 rg\n")
	maxChars := int((w - 8) / (appearanceFontSize * 0.55))
	y := h - 4 - appearanceFontSize
	for i, line := range AppearanceLines(signer, t) {
		if len([]rune(line)) > maxChars && maxChars > 3 {
			line = string([]rune(line)[:maxChars-3]) + "..."
		}
		enc, _ := winAnsi(line)
		if i == 0 {
			fmt.Fprintf(&c, "/F1 %d Tf %s %s Td (%s) Tj\n", appearanceFontSize, num(4), num(y), enc)
		} else {
			fmt.Fprintf(&c, "0 %d Td (%s) Tj\n", -(appearanceFontSize + 2), enc)
		}
	}
	c.WriteString("ET\n")
	body := c.String()
	return fmt.Sprintf("<</Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources <</Font <</F1 <</Type /Font /Subtype /Type1 "+
		"/BaseFont /Helvetica /Encoding /WinAnsiEncoding>>>>>> /Length %d>>\nstream\n%sendstream", num(w), num(h), len(body), body)
}

// winAnsi escapes s for a literal string in WinAnsiEncoding; false when s
// has a character outside Latin-1's printable range.
func winAnsi(s string) (string, bool) {
	var b strings.Builder
	ok := true
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r >= 0xa0 && r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
			ok = false
		}
	}
	return b.String(), ok
}
