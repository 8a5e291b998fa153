package doctext

import (
	"slices"
	"testing"
	"time"
)

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
		{"Restrictions: no sublicensing.", "no sublicensing", ""},
		{"Restrictions: No sublicensing; no sales outside the Territory.", "No sublicensing", ""},
		{"限制：不得转授权。", "不得转授权", ""},
		{"The licensee shall not authorize any third party to use the mark.", "shall not authorize any third party", ""},
		{"被授权方不得转授权。", "不得转授权", ""},
		{"被授权方不得将本授权\n转授权给任何第三方。", "不得将本授权转授权", ""},
		{"本授权不包括再授权。", "不包括再授权", ""},
		{"Sublicensing: the licensee may authorize its own resellers on the platforms above.", "", "may authorize its own resellers"},
		{"with the right to grant sublicences", "", "right to grant sublicences"},
		{"并可转授权其经销商", "", "并可转授权"},
		{"The licensee may sublicense, but no sublicense shall be granted to competitors.", "", ""},
		{"The licensee may sublicense to its resellers; it may not sublicense to competitors.", "", ""},
		// Review 3: denials written in other ways.
		{"No sublicensing is permitted.", "No sublicensing", ""},
		{"This authorization does not include the right to sublicense.", "does not include the right to sublicense", ""},
		{"The licensee shall not have the right to sub-license.", "shall not have the right to sub-license", ""},
		{"The Licensee shall not assign, transfer or sub-license this authorization.", "shall not assign, transfer or sub-license", ""},
		{"The Licensee shall not, without the prior written consent of the Licensor, sub-license the mark.", "shall not, without the prior written consent of the Licensor…", ""},
		{"This authorization shall not be assigned or sublicensed.", "shall not be assigned or sublicensed", ""},
		{"The rights are not transferable or sublicensable.", "are not transferable or sublicensable", ""},
		{"The licensee is not entitled to sublicense.", "is not entitled to sublicense", ""},
		{"Sublicense rights: none", "Sublicense rights: none", ""},
		{"乙方不得以任何形式将本授权转授权给第三方。", "不得以任何形式将本授权转授权", ""},
		{"本授权不包含转授权。", "不包含转授权", ""},
		{"乙方无转授权权利。", "无转授权", ""},
		{"转授权：否", "转授权：否", ""},
		{"是否可转授权：否", "是否可转授权：否", ""},
		{"是否允许转授权：不允许", "是否允许转授权：不允许", ""},
		// Not a denial, or not the grantee's right.
		{"The licensee is not required to obtain consent to sublicense to its affiliates; it may sublicense.", "", "may sublicense"},
		{"The Licensor reserves the right to grant sublicenses to other parties.", "", ""},
		{"The licensee may grant sub-licenses to its affiliates only.", "", "may grant sub-licenses"},
		{"Acts of sublicensees are the licensee's.", "", ""},
		// Review 4: negations that give the right.
		{"Without limiting the foregoing, the Licensee may sublicense its rights.", "", "may sublicense"},
		{"The Licensee may, without the Licensor's further consent, sublicense its rights.", "", "may, without the Licensor's further consent, sublicense"},
		{"The Licensee may sell and, without notice to the Licensor, grant sublicenses.", "", "may sell and, without notice to the Licensor, grant sublicen…"},
		{"No consent of the Licensor is required for the Licensee to sublicense.", "", "No consent of the Licensor is required for the Licensee to s…"},
		{"There is no limit on the number of sublicenses the Licensee may grant.", "", ""},
		{"Sublicensing: No prior consent required.", "", "Sublicensing: No prior consent"},
		{"转授权：无需甲方另行同意", "", "转授权：无需"},
		{"乙方无需甲方同意即可转授权。", "", "无需甲方同意即可转授权"},
		// Review 5: a denial after a consent's words, a prohibition after
		// a comma, a right that needs consent.
		{"Without prior written consent, the Licensee may not assign, sublicense or transfer this Letter.", "may not assign, sublicense", ""},
		{"The Licensee may sell the authorized products on Amazon, sub-licensing to any third party is strictly prohibited.", "sub-licensing to any third party is strictly prohibited", ""},
		{"The Licensee may sell online, sublicense not permitted.", "sublicense not permitted", ""},
		{"The Licensee may, with the Licensor's prior written consent, sublicense its rights.", "", ""},
		{"The Licensee may use the Trademark on Amazon, sublicensing requires the Licensor's prior written consent.", "", ""},
		// Review 6: a limit on whom to is no plain denial beside a grant;
		// the Licensor's own promise is not the grantee's right.
		{"The Licensee is permitted to sublicense its rights. Sublicenses to competitors of the Licensor are prohibited.", "", "is permitted to sublicense"},
		{"The Licensee is authorized to sublicense its rights to its affiliates. Any sublicense to a competitor of the Licensor is prohibited.", "", "is authorized to sublicense"},
		{"被授权方可以将本授权转授权给其关联公司。Sublicensing to any competitor of the Licensor is prohibited.", "", "可以将本授权转授权"},
		{"Any sublicense granted by the Licensee is prohibited from being assigned further.", "", ""},
		{"The Licensor shall not grant any sublicense to other sellers on Amazon during the term.", "", ""},
		{"甲方不得再授权第三方在亚马逊平台销售该品牌产品。", "", ""},
		{"The Licensee shall not, without the Licensor's consent, sublicense.", "shall not, without the Licensor's consent, sublicense", ""},
		{"The Licensee may, at its sole discretion, sublicense its rights to its distributors.", "", "may, at its sole discretion, sublicense"},
		{"The Licensee has the right to sublicense. Unauthorized sub-licensing by third parties is prohibited.", "", "has the right to sublicense"},
		// Review 7: a table's rows stay apart; a negation of something
		// else; a right with limits; the grantor's own right.
		{"Exclusive: No\nSublicensing: Yes", "", "Sublicensing: Yes"},
		{"Exclusivity: Not exclusive\nThe Licensee may sublicense its rights to its resellers.", "", "may sublicense"},
		{"The Licensee may not assign this letter but may grant sublicenses to its resellers.", "", "may grant sublicenses"},
		{"The Licensee may not assign this authorization, but may sublicense it to its resellers.", "", "may sublicense"},
		{"Except to its own resellers, the Licensee shall not sublicense the rights granted herein.", "", ""},
		{"The Licensee may not sublicense to any party other than its own resellers.", "", ""},
		{"乙方除向其下级经销商转授权外，不得转授权给其他任何第三方。", "", ""},
		{"乙方可在本授权范围内向其下级经销商出具二级授权书，但不得超出本授权范围转授权。", "", ""},
		{"The Licensee may not sublicense except with the Licensor's prior written consent.", "may not sublicense", ""},
		{"Guangzhou Huaxin Trading Co., Ltd., which is authorized by the trademark owner and may sublicense its rights, hereby authorizes the Licensee to sell the goods. Sub-licensing: not permitted.", "Sub-licensing: not permitted", ""},
		// Review 8.
		{"Sublicensing to affiliates is permitted; sublicensing to any third party is prohibited.", "", ""},
		{"本授权为非独家授权，甲方有权将该商标再授权给其他第三方。", "", ""},
		{"No party may sublicense its rights under this Letter.", "No party may sublicense", ""},
		{"未经甲方书面同意，乙方不得转授权。", "不得转授权", ""},
		{"Without the Licensor's prior written consent, the Licensee shall not sublicense any of its rights.", "shall not sublicense", ""},
		{"甲方授权乙方在亚马逊平台销售授权产品，但乙方不得转授权给任何第三方。", "不得转授权", ""},
		{"乙方不得转授权给任何第三方，经甲方书面同意的除外。", "不得转授权", ""},
		{"Except as expressly provided in this Letter, the Licensee may not sublicense its rights.", "may not sublicense", ""},
		{"除本授权书另有约定外，乙方不得转授权。", "不得转授权", ""},
		{"乙方可在除Temu以外的平台销售，但不得转授权。", "不得转授权", ""},
		{"The Licensee may not, however, sublicense its rights.", "may not, however, sublicense", ""},
		{"Exclusive: No    Sublicensing: Yes", "", "Sublicensing: Yes"},
		{"The Licensee may, without limitation, sublicense its rights.", "", "may, without limitation, sublicense"},
		{"Party A shall not grant any sublicense to other sellers.", "", ""},
		{"The Licensee may not sell counterfeit goods\nsublicensing is permitted to its resellers.", "", "sublicensing is permitted"},
		// ... but not the Licensor's, nor a consent to something else.
		{"The Licensor may, at its discretion, sublicense the mark to others.", "", ""},
		{"The Licensee may use the mark, but may not sublicense.", "may not sublicense", ""},
		{"No consent is required for the Licensee to sell on AliExpress; the Licensee may not sublicense.", "may not sublicense", ""},
		{"The Licensee may sell the goods, and sublicensees of the Licensor shall be bound.", "", ""},
		{"Sublicensable: No", "Sublicensable: No", ""},
		{"是否可转授权：是", "", "可转授权"},
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
		// Review 7: no limit is the whole world.
		{"Territory: No restriction", "No restriction", true},
		{"Territory: Unlimited", "Unlimited", true},
		{"Territory: No territorial limitation.", "No territorial limitation", true},
		{"Territory: Not limited", "Not limited", true},
		{"授权地域：境内外", "境内外", true},
		{"授权区域：海内外", "海内外", true},
		{"Territory: not limited to the United States", "not limited to the United States", false},
		{"在全球范围内于速卖通平台销售", "全球", true},
		{"在其店铺范围内销售", "", false},
		{"Territory: mainland China. Term: from 2023-01-01.", "mainland China", false},
		{"Territory: United States Term: from 2023-01-01", "United States", false},
		{"Territory: United States; Canada", "United States; Canada", false},
		{"Territory: the U.S. and Canada. Term: from 2023-01-01.", "the U.S. and Canada", false},
		{"Territory: Worldwide (excluding mainland China)", "Worldwide (excluding mainland China)", false},
		{"授权区域：全球（中国大陆除外）", "全球（中国大陆除外）", false},
		// Review 4: legal wording that leaves nothing out.
		{"Territory: Worldwide, including but not limited to the United States, the EU and Japan.", "Worldwide, including but not limited to the United States, the EU and Japan", true},
		{"Territory: Worldwide, except as otherwise agreed in writing by the parties.", "Worldwide, except as otherwise agreed in writing by the parties", true},
		{"Territory: all countries of the European Union.", "all countries of the European Union", false},
		// Unlabelled phrases say where something else is.
		{"to sell the goods within the territory of the People's Republic of China, on AliExpress", "", false},
		{"授权方是一家依据中华人民共和国法律在中国境内注册成立的有限责任公司。在全球范围内销售。", "全球", true},
		// Two statements that disagree say nothing.
		{"Geographic scope: worldwide.\nTerritory: China.", "", false},
		{"授权地域：中国大陆\n授权期限：2023年1月1日至2025年12月31日", "中国大陆", false},
		{"被授权方可在中华人民共和国境内销售", "", false},
		{"The licensee may sell on every platform.", "", false},
	} {
		if got, worldwide := Territory(tt.text); got != tt.want || worldwide != tt.worldwide {
			t.Errorf("%q: %q, worldwide %v; want %q, %v", tt.text, got, worldwide, tt.want, tt.worldwide)
		}
	}
}

// TestShowsDate: a day is shown in any writing Dates reads, or day first
// or month first with dots or slashes, as a whole number; never by digits
// inside another date, an invoice number or a telephone number.
func TestShowsDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		text string
		day  time.Time
		want bool
	}{
		{"Date: Sep 07, 2023", day(2023, 9, 7), true},
		{"Date: Sept. 7, 2023", day(2023, 9, 7), true},
		{"Date: 2023-9-07", day(2023, 9, 7), true},
		{"Registration date: Jan 02, 2018", day(2018, 1, 2), true},
		{"Valid until: 2 Sept 2031", day(2031, 9, 2), true},
		{"from the 1st day of January, 2023", day(2023, 1, 1), true},
		{"授权期限： 2023 年 1 月 1 日至 2025 年 12 月 31 日", day(2025, 12, 31), true},
		{"issued 07.09.2023", day(2023, 9, 7), true},
		{"issued 09/07/2023", day(2023, 9, 7), true},
		{"Term: 2023-11-01 to 2025-12-31", day(2023, 1, 1), false},
		{"Tel: +86 20 2311 5678", day(2023, 1, 1), false},
		{"Invoice No. HX20230917", day(2023, 9, 17), false},
		{"ref 107.09.2023", day(2023, 9, 7), false},
		// Review 4: more forms.
		{"二〇二三年一月一日", day(2023, 1, 1), true},
		{"二〇二五年十二月三十一日", day(2025, 12, 31), true},
		{"二〇二三年九月十日", day(2023, 9, 10), true},
		{"01-Jan-2023", day(2023, 1, 1), true},
		{"January 1 , 2023", day(2023, 1, 1), true},
		{"01-01-2023", day(2023, 1, 1), true},
		{"signed 2023-09-07T10:22:00Z", day(2023, 9, 7), true},
		{"7th of September 2023", day(2023, 9, 7), true},
	} {
		if got := ShowsDate(tt.text, tt.day); got != tt.want {
			t.Errorf("ShowsDate(%q, %s) = %v, want %v", tt.text, tt.day.Format(time.DateOnly), got, tt.want)
		}
	}
}

// TestSplitExclusion: what a stated territory grants and what it leaves
// out.
func TestSplitExclusion(t *testing.T) {
	for _, tt := range []struct{ stated, included, excluded string }{
		{"Worldwide (excluding mainland China)", "Worldwide (", "mainland China)"},
		{"all countries except the United States", "all countries", "the United States"},
		{"全球（中国大陆除外）", "全球）", "中国大陆"},
		{"除中国大陆以外的全球", "全球", "中国大陆"},
		{"Mainland China excluding Hong Kong", "Mainland China", "Hong Kong"},
		{"mainland China", "mainland China", ""},
		{"全球（除中国大陆外）", "全球（）", "中国大陆"},
		{"Worldwide, except as otherwise agreed", "Worldwide, except as otherwise agreed", ""},
	} {
		if in, ex := SplitExclusion(tt.stated); in != tt.included || ex != tt.excluded {
			t.Errorf("SplitExclusion(%q) = %q, %q; want %q, %q", tt.stated, in, ex, tt.included, tt.excluded)
		}
	}
}

// TestTerritoryEntries: a stated territory as case.yaml's list.
func TestTerritoryEntries(t *testing.T) {
	for _, tt := range []struct {
		stated string
		want   []string
	}{
		{"worldwide", []string{"worldwide"}},
		{"全球。", []string{"worldwide"}},
		{"United States; Canada", []string{"United States", "Canada"}},
		{"the U.S. and Canada", []string{"U.S.", "Canada"}},
		{"中国、香港", []string{"中国", "香港"}},
		{"mainland China", []string{"mainland China"}},
		{"Worldwide (excluding mainland China)", nil},
		{"全球（中国大陆除外）", nil},
		{"", nil},
	} {
		if got := TerritoryEntries(tt.stated); !slices.Equal(got, tt.want) {
			t.Errorf("TerritoryEntries(%q) = %q, want %q", tt.stated, got, tt.want)
		}
	}
}

// TestPlacesOfUse: where a letter without a territory label lets its
// grantee use or sell; where a party is registered or based is not it.
func TestPlacesOfUse(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Bartech authorizes Lumen to sell the Products in the United States for a term of two years.", []string{"the United States"}},
		{"The Licensee may use the mark within the territory of mainland China.", []string{"the territory of mainland China"}},
		// A platform's or a shop's name is no place; an area's platforms are.
		{"被授权方可在中国国际电子商务平台销售。", nil},
		{"乙方可在速卖通平台销售授权产品。", nil},
		{"乙方仅可在中国境内的电商平台销售。", []string{"中国境内的电商平台"}},
		{"甲方授权乙方在中国大陆地区销售BARTECH品牌产品。", []string{"中国大陆"}},
		{"兹授权乙方在中国境内使用该商标。", []string{"中国"}},
		{"兹授权深圳市流明家居用品有限公司在速卖通平台上销售本品牌产品。", []string{"速卖通平台上"}},
		{"Bartech, a company registered in Hong Kong, authorizes Lumen to use the mark.", nil},
		{"甲方（在中国境内注册成立的公司）授权乙方使用商标。", nil},
		{"甲方（在中国注册的公司）授权乙方使用商标。", nil},
		{"甲方在香港注册成立，授权乙方在美国销售。", []string{"美国"}},
		{"to use the mark in connection with goods sold on AliExpress", []string{"connection"}},
		// Review 5: lists, brackets, denials and exclusions.
		{"The Licensee may sell the Products in the United States, Canada and Mexico for two years.", []string{"the United States, Canada and Mexico"}},
		{"The Licensee may sell the Products in the U.S. and Canada.", []string{"the U.S. and Canada"}},
		{"The Licensee may sell in Hong Kong, Macau and Taiwan, provided that it keeps the goods genuine.", []string{"Hong Kong, Macau and Taiwan"}},
		{"The Licensee may sell the Products (manufactured in China) on Amazon.com.", nil},
		{"The Licensee may sell on Amazon worldwide, but shall not sell them in mainland China.", nil},
		{"乙方不得在中国大陆销售。", nil},
		{"甲方授权乙方在中国大陆以外的国家和地区销售。", nil},
		{"The Licensee may sell in any country other than mainland China.", nil},
		{"The Licensee may use the BARTECH trademark in its product listings. The Licensor is a company incorporated in the People's Republic of China.", []string{"its product listings"}},
		{"no grant here", nil},
	} {
		if got := PlacesOfUse(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}
