package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"

	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// lineText is the text of a laid-out line.
func lineText(l line) string {
	var b strings.Builder
	for _, p := range l.pieces {
		b.WriteString(p.text)
	}
	return b.String()
}

// TestChineseLineBreaking: at every width, no line begins with closing
// punctuation nor ends with opening punctuation, whether the marks follow
// Chinese, Latin words or a linked exhibit ID; and no text is lost.
func TestChineseLineBreaking(t *testing.T) {
	fonts, err := LoadFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &plan.Plan{Set: &exhibit.Set{Manifest: &manifest.Manifest{}}}
	p.Manifest.Case.Language = "zh"
	d := newDoc(fonts, p, 0, map[rune]bool{})
	d.exhibitLinks["A-1"] = d.pdf.AddLink()
	const closing, opening = "，。、；：？！）」』”’》", "（「『“‘《"
	texts := [][]span{
		{{text: "巴泰电子（深圳）有限公司 授权 广州华信贸易有限公司，授权期限 2023年1月1日 至 2025年12月31日（证据 A-1）。", st: plain(10.5)}},
		{{text: "他说：“这些照片是我们拍的。”然后又说：‘原件都在。’《商标法》第五十七条规定，「注册商标」受保护；『使用』须经许可！是吗？是的。", st: plain(10.5)}},
		{{text: "Shenzhen Lumen Home Goods Co., Ltd.）授权（Guangzhou Huaxin Trading Co., Ltd.），见“BARTECH”商标、《证书》。", st: plain(10.5)}},
		d.linkify("授权期限至 2025年5月31日（证据 A-1）。另见证据 A-1，以及证据 A-1、A-1；完。", plain(10.5)),
	}
	for ti, spans := range texts {
		var want strings.Builder
		for _, s := range spans {
			want.WriteString(strings.ReplaceAll(s.text, " ", ""))
		}
		for width := 20.0; width < 140; width += 0.7 {
			lines := d.layout(spans, width)
			var got strings.Builder
			for i, l := range lines {
				text := lineText(l)
				got.WriteString(strings.ReplaceAll(text, " ", ""))
				first, _ := utf8.DecodeRuneInString(text)
				last, _ := utf8.DecodeLastRuneInString(text)
				if i > 0 && strings.ContainsRune(closing, first) {
					t.Errorf("text %d, width %.1f: line %d begins with closing %q: %q", ti, width, i, first, text)
				}
				if i < len(lines)-1 && strings.ContainsRune(opening, last) {
					t.Errorf("text %d, width %.1f: line %d ends with opening %q: %q", ti, width, i, last, text)
				}
			}
			if got.String() != want.String() {
				t.Fatalf("text %d, width %.1f: laid out %q, want %q", ti, width, got.String(), want.String())
			}
		}
	}
}

// TestPunctuationClasses pins which marks may not begin or end a line.
func TestPunctuationClasses(t *testing.T) {
	for _, tt := range []struct {
		r                rune
		closing, opening bool
	}{
		{'，', true, false}, {'。', true, false}, {'、', true, false}, {'；', true, false}, {'：', true, false},
		{'？', true, false}, {'！', true, false}, {'）', true, false}, {'」', true, false}, {'』', true, false},
		{'”', true, false}, {'’', true, false}, {'》', true, false},
		{'（', false, true}, {'「', false, true}, {'『', false, true}, {'“', false, true}, {'‘', false, true}, {'《', false, true},
		{'中', false, false}, {'a', false, false},
	} {
		if closingPunct(tt.r) != tt.closing || openingPunct(tt.r) != tt.opening {
			t.Errorf("%q: closing %v, opening %v; want %v, %v", tt.r, closingPunct(tt.r), openingPunct(tt.r), tt.closing, tt.opening)
		}
	}
}
