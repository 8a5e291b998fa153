package pdfsrc

import (
	"strings"
	"testing"
)

const testCMap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0020>
<0024> <0041>
<01F4> <5546 6807>
endbfchar
2 beginbfrange
<0044> <005D> <0061>
<0100> <0102> [<6CE8> <518C> <D83D DE00>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

func TestCMap(t *testing.T) {
	c := parseCMap([]byte(testCMap))
	f := &font{toUnicode: c, wide: true}
	tests := []struct {
		codes string
		want  string
	}{
		{"\x00\x24\x00\x03\x00\x44\x00\x45\x00\x5D", "A abz"},
		{"\x01\xF4\x01\x00\x01\x01\x01\x02", "商标注册😀"},
		{"\x00\x99", ""},      // unmapped glyph: nothing
		{"\x00\x24\x01", "A"}, // a truncated code
	}
	for _, tt := range tests {
		if got := string(f.decode([]byte(tt.codes), nil)); got != tt.want {
			t.Errorf("decode(% x) = %q, want %q", tt.codes, got, tt.want)
		}
	}
	// A simple font reads one byte per code whatever the code space says,
	// and falls back to Windows-1252 for codes without a mapping.
	simple := &font{toUnicode: parseCMap([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfchar <41> <0042> endbfchar")), diffs: map[byte]string{0x1B: "ff"}}
	if got := string(simple.decode([]byte("Aa\x93\x1Be\xe9"), nil)); got != "Ba“ffeé" {
		t.Errorf("simple font: %q", got)
	}
	// A font with a UCS-2 encoding and no ToUnicode.
	ucs := &font{wide: true, utf16: true}
	if got := string(ucs.decode([]byte("\x55\x46\x68\x07"), nil)); got != "商标" {
		t.Errorf("UCS-2 font: %q", got)
	}
}

func TestShowText(t *testing.T) {
	content := `BT /F1 12 Tf 72 720 Td (Letter of) Tj [( Auth) -50 (ori) 20 (zation)] TJ ET
q BI /W 2 /H 2 /CS /G /BPC 8 ID ` + "\x00(\xff)Tj EI" + ` EI Q
BT /F2 10 Tf <00240044> Tj /F1 10 Tf T* (\(x\) \\ \101\n) ' 0 0 (said) " ET
/Fm1 Do % a comment (not text) Tj
BT /F1 9 Tf [(A) -300 (B)] TJ ET`
	fonts := func(name string) *font {
		if name == "F2" {
			return &font{toUnicode: parseCMap([]byte(testCMap)), wide: true}
		}
		return nil
	}
	var forms []string
	s := &textSink{limit: 1 << 20}
	showText([]byte(content), fonts, func(name string) { forms = append(forms, name) }, s)
	got := string(s.out)
	for _, want := range []string{"Letter of Authorization", "Aa", "(x) \\ A", "said", "A B"} {
		if !strings.Contains(got, want) {
			t.Errorf("text %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "\xff") || strings.Contains(got, "ÿ") {
		t.Errorf("text %q holds inline image data", got)
	}
	if len(forms) != 1 || forms[0] != "Fm1" {
		t.Errorf("forms = %q, want [Fm1]", forms)
	}
	// The limit stops the reading.
	s = &textSink{limit: 5}
	showText([]byte(strings.Repeat("(abcdef) Tj ", 1000)), fonts, nil, s)
	if len(s.out) > 12 {
		t.Errorf("limit 5: %d bytes", len(s.out))
	}
}

// FuzzCMap feeds arbitrary CMaps and codes to the parser and decoder: they
// must not panic, and must stay fast (the fuzzer reports slow inputs).
func FuzzCMap(f *testing.F) {
	f.Add([]byte(testCMap), []byte("\x00\x24\x01\xF4\x01\x02\x00"), true)
	f.Add([]byte("1 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange 1 beginbfrange <8140> <817F> <3000> endbfrange"), []byte("A\x81\x41\x81"), true)
	f.Add([]byte("beginbfrange <00> <FF> [] endbfrange beginbfrange <01> <02> [<41> /a] <03>"), []byte("\x01\x02\x03"), false)
	f.Add([]byte("beginbfchar <> <> <0041> /space endbfchar begincodespacerange <FFFFFFFFFF> <00> endcodespacerange"), []byte{0xFF, 0, 0x41}, true)
	f.Fuzz(func(t *testing.T, cm, codes []byte, wide bool) {
		c := parseCMap(cm)
		fn := &font{toUnicode: c, wide: wide}
		fn.decode(codes, nil)
		(&font{wide: wide, utf16: true}).decode(codes, nil)
	})
}

// FuzzShowText feeds arbitrary content streams (with a font from an
// arbitrary CMap) to the text extractor.
func FuzzShowText(f *testing.F) {
	f.Add([]byte("BT /F1 12 Tf (Hello) Tj [(W) -300 (orld)] TJ ET /X Do"), []byte(testCMap))
	f.Add([]byte("BI /W 1 ID \x00\x01EI (x) Tj <41 4 2> Tj ((nested) \\) \\777) ' [[(a)] <<>> ] TJ"), []byte(""))
	f.Add([]byte("BT /F1 Tf <00240044> Tj /F2 Tf (abc) \" % (x) Tj\n>> ] } ) Tj"), []byte(testCMap))
	f.Add([]byte("(unterminated \\"), []byte("beginbfrange <00"))
	f.Fuzz(func(t *testing.T, content, cm []byte) {
		c := parseCMap(cm)
		fonts := func(name string) *font {
			switch name {
			case "F1":
				return &font{toUnicode: c, wide: true}
			case "F2":
				return &font{toUnicode: c}
			}
			return nil
		}
		s := &textSink{limit: 1 << 16}
		showText(content, fonts, func(string) {}, s)
		if len(s.out) > s.limit+(1<<16)*4 {
			t.Fatalf("%d bytes of text past the limit", len(s.out))
		}
	})
}

// TestShowTextLines: runs drawn on one baseline (separate text objects,
// moves along the line, a label and its value, Latin and CJK runs) are
// one line, parted by a space; another baseline is another line.
func TestShowTextLines(t *testing.T) {
	for _, tt := range []struct{ name, content, want string }{
		{"text objects on one baseline", "BT 72 700 Td (Term:) Tj ET BT 110 700 Td (from 2023-01-01) Tj ET", "Term: from 2023-01-01"},
		{"a move along the line", "BT 72 700 Td (Licensed) Tj 40 0 Td (Territory: China) Tj ET", "Licensed Territory: China"},
		{"Tm on one baseline", "BT 1 0 0 1 72 700 Tm (a) Tj 1 0 0 1 90 700 Tm (b) Tj ET", "a b"},
		{"the next line by Td", "BT 72 700 Td (one) Tj 0 -14 Td (two) Tj ET", "one\ntwo"},
		{"the next line by T*", "BT 72 700 Td (one) Tj T* (two) Tj ET", "one\ntwo"},
		{"the next line by '", "BT 72 700 Td (one) Tj (two) ' ET", "one\ntwo"},
		{"another text object, another line", "BT 72 700 Td (one) Tj ET BT 72 686 Td (two) Tj ET", "one\ntwo"},
		{"a baseline within tolerance", "BT 72 700 Td (x) Tj ET BT 80 700.2 Td (y) Tj ET", "x y"},
		{"no space doubled", "BT 72 700 Td (a ) Tj 20 0 Td (b) Tj ET", "a b"},
	} {
		s := &textSink{limit: 1 << 20}
		showText([]byte(tt.content), func(string) *font { return nil }, nil, s)
		if got := strings.TrimSpace(string(s.out)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
