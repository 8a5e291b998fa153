package doctext

import "testing"

// TestSublicensing: what a letter's words say of sublicensing, in the
// ways letters write it; a letter with a grant and an exception, or with
// nothing on it, says neither.
func TestSublicensing(t *testing.T) {
	for _, tt := range []struct{ text, denied, granted string }{
		{"The Licensee may not sublicense the rights granted herein.", "may not sublicense", ""},
		{"This licence is personal, non-transferable and non-sublicensable.", "non-sublicensable", ""},
		{"The licensee shall not grant any sub-licences.", "shall not grant any sub-licences", ""},
		{"Licensee cannot\nsublicense.", "cannot sublicense", ""},
		{"granted without the right to sublicense", "without the right to sublicense", ""},
		{"Sublicensing: not permitted.", "Sublicensing: not permitted", ""},
		{"The licensee shall not authorize any third party to use the mark.", "shall not authorize any third party", ""},
		{"被授权方不得转授权。", "不得转授权", ""},
		{"被授权方不得将本授权\n转授权给任何第三方。", "不得将本授权转授权", ""},
		{"本授权不包括再授权。", "不包括再授权", ""},
		{"Sublicensing: the licensee may authorize its own resellers on the platforms above.", "", "may authorize its own resellers"},
		{"with the right to grant sublicences", "", "right to grant sublicences"},
		{"并可转授权其经销商", "", "并可转授权"},
		{"The licensee may sublicense, but no sublicense shall be granted to competitors.", "", "may sublicense"},
		{"The licensee may sublicense to its resellers; it may not sublicense to competitors.", "", ""},
		{"Term: from 2023-01-01 to 2025-12-31.", "", ""},
		{"License No. 42; licensed goods: class 9.", "", ""},
	} {
		denied, granted := Sublicensing(tt.text)
		if denied != tt.denied || granted != tt.granted {
			t.Errorf("%q: denied %q, granted %q; want %q, %q", tt.text, denied, granted, tt.denied, tt.granted)
		}
	}
}

// TestTerritory: the territory a letter states when it is not the
// whole world.
func TestTerritory(t *testing.T) {
	for _, tt := range []struct {
		text, want string
		worldwide  bool
	}{
		{"Platforms: AliExpress. Geographic scope: worldwide. Term: from 2023-01-01.", "worldwide", true},
		{"Territory: the whole world", "the whole world", true},
		{"在全球范围内于速卖通平台销售", "全球", true},
		{"在其店铺范围内销售", "", false},
		{"Territory: mainland China. Term: from 2023-01-01.", "mainland China", false},
		{"Territory: United States Term: from 2023-01-01", "United States", false},
		{"to sell the goods within the territory of the People's Republic of China, on AliExpress", "the People's Republic of China", false},
		{"授权地域：中国大陆\n授权期限：2023年1月1日至2025年12月31日", "中国大陆", false},
		{"被授权方可在中华人民共和国境内销售", "中华人民共和国", false},
		{"The licensee may sell on every platform.", "", false},
	} {
		if got, worldwide := Territory(tt.text); got != tt.want || worldwide != tt.worldwide {
			t.Errorf("%q: %q, worldwide %v; want %q, %v", tt.text, got, worldwide, tt.want, tt.worldwide)
		}
	}
}
