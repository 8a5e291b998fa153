package pdf

import (
	"io/fs"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"appealpacket/assets"
)

// TestCommonCJKIsACutOfTheFullFont: every character of the cut CJK font
// (tools/fonts/subset-cjk.sh) is in the whole font with the same advance,
// so text drawn in either is laid out alike; the cut holds the everyday
// hanzi and the whole font is still there for the rest.
func TestCommonCJKIsACutOfTheFullFont(t *testing.T) {
	f, err := LoadFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	cut, full := f.font(famCJKCommon), f.font(famCJK)
	if cut == nil || full == nil {
		t.Fatal("an embedded CJK font cannot be parsed")
	}
	var buf sfnt.Buffer
	advance := func(fnt *sfnt.Font, r rune) (fixed.Int26_6, bool) {
		gi, err := fnt.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			return 0, false
		}
		a, err := fnt.GlyphAdvance(&buf, gi, fixed.I(1000), font.HintingNone)
		return a, err == nil
	}
	inCut := 0
	for r := rune(0x2000); r <= 0xFFEF; r++ {
		a, ok := advance(cut, r)
		if !ok {
			continue
		}
		inCut++
		if b, ok := advance(full, r); !ok || a != b {
			t.Errorf("%q (U+%04X): advance %v in the cut font, %v (present: %v) in the whole font", r, r, a, b, ok)
		}
	}
	if inCut < 7000 {
		t.Errorf("the cut font has %d characters from U+2000, want GB 2312's hanzi and more", inCut)
	}
	for _, tc := range []struct {
		text string
		fam  string
	}{
		{"深圳市星光摄影工作室", famCJKCommon},
		{"商标注册证（第１２３号）。", famCJKCommon},
		{"龘", famCJK},       // not in GB 2312
		{"體", famCJK},       // traditional
		{"ヴ", famCJKCommon}, // kana
	} {
		runs := f.split(tc.text, famSans, map[rune]bool{})
		if len(runs) != 1 || runs[0].fam != tc.fam {
			t.Errorf("%q is drawn in %+v, want one run in %s", tc.text, runs, tc.fam)
		}
	}
	// A font of the user's own draws every CJK character.
	own, err := fs.ReadFile(assets.Fonts, assets.CJK)
	if err != nil {
		t.Fatal(err)
	}
	f, err = LoadFonts(own)
	if err != nil {
		t.Fatal(err)
	}
	if runs := f.split("深圳", famSans, map[rune]bool{}); len(runs) != 1 || runs[0].fam != famCJK {
		t.Errorf("with a CJK font given, Chinese is drawn in %+v, want the given font", runs)
	}
}
