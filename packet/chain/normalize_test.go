package chain

import (
	"testing"
	"unicode/utf8"
)

func TestNormalizePartySame(t *testing.T) {
	groups := [][]string{
		{
			"Shenzhen Bartech Technology Co., Ltd.",
			"SHENZHEN BARTECH TECHNOLOGY CO. LTD",
			"shenzhen bartech technology co ltd",
			"Shenzhen  Bartech Technology Company Limited",
			"Shenzhen Bartech Technology Co Limited",
			"Shenzhen Bartech Technology Ltd.",
			"Shenzhen-Bartech Technology Co.,Ltd.",
			"Ｓｈｅｎｚｈｅｎ Ｂａｒｔｅｃｈ Ｔｅｃｈｎｏｌｏｇｙ Ｃｏ．，Ｌｔｄ．",
			" Shenzhen\tBartech\u3000Technology  Co., Ltd ",
			"ShenzhenBartech Technology Co., Ltd.",
		},
		{"深圳巴泰科技有限公司", "深圳巴泰科技 有限公司", "深圳巴泰科技有限责任公司", "深圳巴泰科技有限責任公司"},
		{"深圳巴泰科技股份有限公司", "深圳巴泰科技股份公司", "深圳巴泰科技 股份有限公司"},
		{"Bartech (HK) Limited", "Bartech HK Co., Ltd.", "BARTECH（ＨＫ）LIMITED"},
		{"Acme Inc.", "ACME Incorporated", "acme, inc"},
		{"Acme Corp.", "Acme Corporation"},
		{"Acme, L.L.C.", "Acme LLC", "Acme Limited Liability Company"},
		{"Müller GmbH", "MÜLLER GMBH", "Müller Gesellschaft mit beschränkter Haftung"},
		{"Großhandel Ltd", "GROSSHANDEL LTD"},
		{"Acme Pte. Ltd.", "ACME PTE LTD", "Acme Private Limited"},
		{"Acme Trading Co.", "Acme Trading Company", "ACME TRADING CO"},
		{"Bartech Store", "bartech-store", "BARTECH STORE!"},
		{"Co Ltd", "Co., Ltd.", "co ltd"},
	}
	for _, g := range groups {
		want := NormalizeParty(g[0])
		if want == "" {
			t.Errorf("NormalizeParty(%q) is empty", g[0])
		}
		for _, s := range g[1:] {
			if got := NormalizeParty(s); got != want {
				t.Errorf("NormalizeParty(%q) = %q, want %q (as %q)", s, got, want, g[0])
			}
		}
	}
}

func TestNormalizePartyDifferent(t *testing.T) {
	pairs := [][2]string{
		{"Bartech Co Ltd", "Bartek Co Ltd"},
		{"Bartech Co., Ltd.", "Bartech"},
		{"Bartech Ltd", "Bartech LLC"},
		{"Bartech Inc", "Bartech Corp"},
		{"Bartech Co", "Bartech Co Ltd"},
		{"Bartech Pte Ltd", "Bartech Ltd"},
		{"Shenzhen Bartech Technology Co Ltd", "Bartech Technology Co Ltd"},
		{"Shenzhen Bartech Technology Co Ltd", "Shenzhen Bartech Co Ltd"},
		{"深圳巴泰科技有限公司", "深圳巴泰科技股份有限公司"},
		{"深圳巴泰科技有限公司", "深圳市巴泰科技有限公司"},
		{"深圳巴泰科技有限公司", "Shenzhen Bartech Technology Co Ltd"},
		{"Bartech Unlimited", "Bartechun Ltd"},
		{"Bartechltd", "Bartech Ltd"},
		{"A&B Ltd", "A and B Ltd"},
		{"Ltd", "Co Ltd"},
	}
	for _, p := range pairs {
		a, b := NormalizeParty(p[0]), NormalizeParty(p[1])
		if a == b {
			t.Errorf("NormalizeParty(%q) = NormalizeParty(%q) = %q, want different", p[0], p[1], a)
		}
	}
}

func TestNormalizePartyEmpty(t *testing.T) {
	for _, s := range []string{"", "  ", ".,;-", "（）"} {
		if got := NormalizeParty(s); got != "" {
			t.Errorf("NormalizeParty(%q) = %q, want \"\"", s, got)
		}
	}
	for _, s := range []string{"Ltd", "有限公司", "Co., Ltd."} {
		if got := NormalizeParty(s); got == "" {
			t.Errorf("NormalizeParty(%q) is empty; a bare company form is still a name", s)
		}
	}
}

func FuzzNormalizeParty(f *testing.F) {
	for _, s := range []string{
		"Shenzhen Bartech Technology Co., Ltd.", "深圳巴泰科技有限公司", "Ｂａｒｔｅｃｈ（ＨＫ）", "Co Ltd", "L L C",
		"Pte Pte Ltd", "e\u0301", "e-\u0301", "\u1100-\u1161", "ǅ", "İstanbul", "ΟΔΟΣ", "ﬁ", "Ⅻ", "①", "x 有限公司 ltd",
		"\xff\xfe", "股份 有限公司", "Kabushiki Kaisha K K",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := NormalizeParty(s)
		if twice := NormalizeParty(once); twice != once {
			t.Errorf("NormalizeParty(%q) = %q, but NormalizeParty(%q) = %q", s, once, once, twice)
		}
		if !utf8.ValidString(once) {
			t.Errorf("NormalizeParty(%q) = %q is not valid UTF-8", s, once)
		}
	})
}

func BenchmarkNormalizeParty(b *testing.B) {
	names := []string{"Shenzhen Bartech Technology Co., Ltd.", "深圳巴泰科技有限公司", "Ｂａｒｔｅｃｈ（ＨＫ）", "Bartech LLC", "Lumen Store"}
	for b.Loop() {
		for _, s := range names {
			NormalizeParty(s)
		}
	}
}
