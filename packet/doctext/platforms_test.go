package doctext

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPlatforms: the platforms a paper names, as whole words in English or
// Chinese, by the keys case.yaml uses.
func TestPlatforms(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Platforms: AliExpress and Amazon. Geographic scope: worldwide.", []string{"aliexpress", "amazon"}},
		{"在速卖通店铺销售", []string{"aliexpress"}},
		{"Platform: Amazonia Mall, TEMU.", []string{"temu"}},
		{"on every online store", nil},
		{"Platforms: AliExpress. This letter does not cover Amazon or eBay.", []string{"aliexpress"}},
		{"Platforms: AliExpress and Amazon, excluding eBay.", []string{"aliexpress", "amazon"}},
		{"本授权适用于速卖通，但不适用于亚马逊平台。", []string{"aliexpress"}},
		{"授权平台：抖音、淘宝", []string{"douyin", "taobao"}},
		// Review 4: Latin names against Chinese, and exclusions that leave
		// the rest of their clause.
		{"甲方授权乙方在速卖通及Amazon平台销售", []string{"aliexpress", "amazon"}},
		{"授权平台：Amazon美国站、eBay", []string{"amazon", "ebay"}},
		{"速卖通、TikTok美区、TikTokShop", []string{"aliexpress", "tiktok"}},
		{"Platforms: AliExpress. The Licensee may also sell on Amazon but not in physical stores.", []string{"aliexpress", "amazon"}},
		{"在亚马逊平台销售除湿机产品", []string{"amazon"}},
		{"在亚马逊平台销售至本授权解除之日", []string{"amazon"}},
		{"Platforms: AliExpress and Amazon except Amazon Japan.", []string{"aliexpress", "amazon"}},
		{"本授权适用于所有电商平台，亚马逊平台除外。", nil},
		{"除亚马逊外的所有平台", nil},
		// An exception to a denial is a restriction: it names the one
		// platform granted.
		{"The Licensee shall not sell the Products on any platform other than Amazon.", []string{"amazon"}},
		{"No platform other than AliExpress may be used.", []string{"aliexpress"}},
		{"This authorization does not extend to any platform other than Amazon.", []string{"amazon"}},
		{"Except for Amazon, the Licensee may not sell on any other platform.", []string{"amazon"}},
		{"除亚马逊平台外，乙方不得在其他平台销售授权产品。", []string{"amazon"}},
		{"除速卖通外不得在任何平台销售", []string{"aliexpress"}},
		{"速卖通以外的平台均不得使用本授权", []string{"aliexpress"}},
		{"本授权不适用于除亚马逊以外的平台。", []string{"amazon"}},
		{"除亚马逊外，其他平台均不适用。", []string{"amazon"}},
		// Review 5: a denial before, across a comma, in brackets, across
		// a wrapped line or an abbreviation's full stop.
		// (What the denial names before an exception that names no
		// platform stays named: "shall not sell on Amazon except in the
		// US marketplace" names Amazon.)
		{"This authorization does not apply to eBay, Temu or any platform other than Amazon.", []string{"amazon"}},
		{"The Licensee shall not sell the Products on Temu or on any platform\nother than Amazon.", []string{"amazon"}},
		{"The Licensee shall not sell the Products on any\nplatform other than Amazon.", []string{"amazon"}},
		{"除亚马逊平台外，乙方不得在\n其他平台销售。", []string{"amazon"}},
		{"The Licensee shall not sell on any online platform (other than Amazon).", []string{"amazon"}},
		{"The Licensee shall not sell on any other marketplace, except Amazon.com.", []string{"amazon"}},
		{"The Licensee shall not sell the Products in the U.S. on any platform other than Amazon.", []string{"amazon"}},
		{"乙方不得在速卖通或其他任何平台销售，亚马逊平台除外。", []string{"amazon"}},
		{"Platforms: including but not limited to Amazon, eBay and Temu.", []string{"amazon", "ebay", "temu"}},
		{"授权平台包括但不限于亚马逊、速卖通。", []string{"aliexpress", "amazon"}},
		// Review 6: a clause that grants on its own after a denial; a
		// condition after an exception; lines that start anew; a full
		// stop after a word.
		{"The Licensee may not sublicense its rights, may sell on all platforms except Amazon.", nil},
		{"No sublicensing is allowed (all platforms except Amazon are covered).", nil},
		{"Without written consent, no sublicense is allowed, all platforms except Amazon are authorized.", nil},
		{"The Licensee is prohibited from selling counterfeit goods on any platform, all platforms except Amazon are authorized.", nil},
		{"The Licensee may not sell through offline channels, may sell on all online platforms except Amazon.", nil},
		{"乙方不得在线下渠道销售，可在除亚马逊外的所有电商平台销售。", nil},
		{"The Licensee may sell on all e-commerce platforms except Amazon, provided that it shall not sell them on any unauthorized website.", nil},
		{"The Licensee may sell on all e-commerce platforms except Amazon, and shall not sell through any offline channels.", nil},
		{"乙方可在除亚马逊以外的所有电商平台销售，但不得在任何未经授权的网站销售。", nil},
		{"一、乙方可在速卖通平台销售授权产品\n二、本授权不适用于亚马逊平台\n三、乙方可在Temu平台销售授权产品", []string{"aliexpress", "temu"}},
		{"Authorized platforms: AliExpress and Temu, but not Amazon\neBay store ID: lumen-official", []string{"aliexpress", "ebay", "temu"}},
		{"The Licensee may sell the Products on Temu and on all other platforms except Amazon. eBay listings must show the Licensor's brand name.", []string{"ebay", "temu"}},
		{"Platforms: all online platforms except\nAmazon.", nil},
		{"本授权适用于所有电商平台，但不适用于\nAmazon平台。", nil},
		{"授权平台：速卖通\n亚马逊平台除外", []string{"aliexpress"}},
		// Review 8.
		{"The Licensee may sell the Products on AliExpress. The Licensee shall not sell the Products on Amazon except in the US marketplace.", []string{"aliexpress", "amazon"}},
		{"Authorized platforms: Amazon.\nThe Licensee shall not sell on eBay except through its store lumen-official.", []string{"amazon", "ebay"}},
		{"乙方可在速卖通平台销售授权产品。\n本授权不适用于线下实体店\n乙方亦可在亚马逊平台销售授权产品。", []string{"aliexpress", "amazon"}},
		{"第一条 本授权不适用于线下实体店\n第二条 乙方可在亚马逊平台销售授权产品。", []string{"amazon"}},
		{"Except as set out in Schedule 2\nthe Licensee may sell the Products on AliExpress.\nAmazon store name: Lumen Official", []string{"aliexpress", "amazon"}},
		{"Store: eBay lumen_official.\nThe Licensee shall not sell on platforms not listed in Schedule A. The Licensee may sell on AliExpress except to buyers in Russia.", []string{"aliexpress", "ebay"}},
		// Review 9: a denial of selling leaves out the platforms it names;
		// a denial of what is sold, or of a restriction, does not.
		{"Platforms: AliExpress and Amazon. The Licensee shall not sell the Products on Temu.", []string{"aliexpress", "amazon"}},
		{"The Licensee may sell on AliExpress and Amazon but shall not sell on Temu or Shopee.", []string{"aliexpress", "amazon"}},
		{"The Licensee may sell on AliExpress and shall never list the Products on Temu.", []string{"aliexpress"}},
		{"The Licensee is not authorized to list the Products on Temu.", nil},
		{"The Licensee is prohibited from selling the Products on Temu.", nil},
		{"No sales on Temu.", nil},
		{"Platforms: Amazon. Sales on Temu are not permitted.", []string{"amazon"}},
		{"The Licensee shall not sell on eBay without the Licensor's prior written consent.", nil},
		{"乙方可在速卖通平台销售，不得在Temu平台销售。", []string{"aliexpress"}},
		{"乙方可在速卖通销售但禁止在Temu上架授权产品。", []string{"aliexpress"}},
		{"乙方不得在淘宝、京东开设店铺销售授权产品。", nil},
		{"The Licensee shall not sell counterfeit goods on Amazon.", []string{"amazon"}},
		{"The Licensee shall not be restricted from selling on Amazon.", []string{"amazon"}},
		{"The Licensee may sell on Amazon and shall not sublicense its rights.", []string{"amazon"}},
		{"乙方可在亚马逊平台销售，不得销售假冒产品。", []string{"amazon"}},
		{"The Licensee may not only sell on AliExpress but also on Amazon.", []string{"aliexpress", "amazon"}},
		{"The Licensee shall not sell BARTECH products on Temu.", nil},
		{"Platforms: AliExpress. The Licensee shall not sell on Amazon.com or any other marketplace without the Licensor's prior written consent.", []string{"aliexpress"}},
		{"乙方未经甲方书面同意，不得擅自在淘宝、Temu等平台开设店铺销售授权产品。", nil},
		{"乙方不得在拼多多、Temu等平台销售授权产品。", []string{"temu"}}, // a platform this package has no words for: not plain
		// A denial that says how or where else it restricts selling on a
		// platform leaves that platform granted.
		{"The Licensee may sell on Amazon but shall not sell the Products on Amazon below the minimum advertised price.", []string{"amazon"}},
		{"The Licensee shall not sell the Products on Amazon outside the United States.", []string{"amazon"}},
		{"The Licensee shall not sell competing products on Amazon.", []string{"amazon"}},
		{"The Licensee shall not list the Products on Amazon under any other brand name.", []string{"amazon"}},
		{"The Licensee shall not sell the Products on Amazon with misleading descriptions.", []string{"amazon"}},
		{"乙方不得在亚马逊平台低价销售授权产品。", []string{"amazon"}},
		{"乙方不得在亚马逊平台销售其他品牌的产品。", []string{"amazon"}},
		// Review 10: what runs on past a comma or a bracket, or stands
		// before the denial, may bound it; a double negative; an exception
		// to a denial of selling; a line wrapped before a capital.
		{"Platforms: AliExpress. The Licensee shall not sell the Products on Amazon, eBay or Temu at prices below the MAP.", []string{"aliexpress", "amazon", "ebay", "temu"}},
		{"The Licensee shall not sell the Products on Amazon (or any other marketplace) below the MAP.", []string{"amazon"}},
		{"The Licensee shall not sell on Amazon, except through the store approved by the Licensor.", []string{"amazon"}},
		{"Upon termination of this Letter, the Licensee shall not sell the Products on Amazon.", []string{"amazon"}},
		{"In the European Union, the Licensee shall not sell the Products on Amazon.", []string{"amazon"}},
		{"授权终止后，乙方不得在亚马逊平台销售授权产品。", []string{"amazon"}},
		{"乙方在欧盟地区不得在亚马逊平台销售授权产品。", []string{"amazon"}},
		{"The Licensee shall not be prohibited from selling the Products on Temu.", []string{"temu"}},
		{"The Licensee may not sell the Products except on Amazon.", []string{"amazon"}},
		{"Except on Amazon, the Licensee may not sell the Products online.", []string{"amazon"}},
		{"除天猫外，乙方不得在线上销售授权产品。", []string{"tmall"}},
		{"The Licensee shall not sell the Products on Amazon\nJapan.", []string{"amazon"}},
		{"乙方不得在亚马逊平台销售\nMAP以下价格的授权产品。", []string{"amazon"}},
		{"Territory: United States. The Licensee may not sell on Amazon.de.", []string{"amazon"}},
		// … and the denials it found missed.
		{"Platforms: AliExpress. The Licensee shall not sell the Products on Temu, Shopee or TikTok Shop.", []string{"aliexpress"}},
		{"Platforms: AliExpress. The Licensee shall not sell, offer or advertise the Products on Temu.", []string{"aliexpress"}},
		{"Platforms: AliExpress. The Licensee shall not sell the Products on Temu at any time.", []string{"aliexpress"}},
		{"Platforms: AliExpress. Selling on Temu is strictly prohibited.", []string{"aliexpress"}},
		{"乙方可在速卖通平台销售；乙方不得以任何形式在Temu平台销售授权产品。", []string{"aliexpress"}},
		// Review 11: an exception of something else than platforms, an
		// addition (还, "also"), a verb of something else than the grant,
		// a restriction to an account, promotion, "directly", a grant after
		// a denial, a line wrapped after "via".
		{"The Licensee is authorized to sell all Products except the Pro series on Amazon and AliExpress.", []string{"aliexpress", "amazon"}},
		{"甲方授权乙方在亚马逊平台销售除电池以外的全部授权产品。", []string{"amazon"}},
		{"乙方可在速卖通平台面向中国大陆以外的消费者销售。", []string{"aliexpress"}},
		{"除亚马逊平台外，乙方还可在速卖通、Temu平台销售。", []string{"aliexpress", "amazon", "temu"}},
		{"Other than Amazon, the Licensee may also sell on eBay.", []string{"amazon", "ebay"}},
		{"The Licensee may sell on all platforms except Amazon, and may also sublicense its resellers.", nil},
		{"本授权适用于所有电商平台，亚马逊除外，乙方也可转授权其经销商。", nil},
		{"The Licensee may sell on Amazon. The volume cap in Clause 5 does not apply to sales on Amazon.", []string{"amazon"}},
		{"Platforms: Amazon and eBay (excluding Amazon referral fees).", []string{"amazon", "ebay"}},
		{"Platforms: AliExpress and Amazon but not eBay.", []string{"aliexpress", "amazon"}},
		{"The Licensee shall not sell the Products on Amazon through any other account.", []string{"amazon"}},
		{"乙方不得在亚马逊平台开设其他店铺。", []string{"amazon"}},
		{"未经甲方书面同意，乙方不得在Temu平台进行推广。", []string{"temu"}},
		{"The Licensee shall not sell the Products directly on Amazon; all such sales shall be made via FBA.", []string{"amazon"}},
		{"The Licensee shall not sell the Products on Temu\nAmazon and AliExpress are the authorized platforms", []string{"aliexpress", "amazon"}},
		{"The Licensee shall not sell the Products on Temu (Amazon and AliExpress are authorised platforms).", []string{"aliexpress", "amazon"}},
		{"The Licensee shall not sell the Products on Amazon via\nFBM listings.", []string{"amazon"}},
		{"授权方：京东方科技集团股份有限公司\n授权平台：亚马逊", []string{"amazon"}},
		{"Platforms: JD Worldwide and 抖店.", []string{"douyin", "jd"}},
		// Review 11's missed exclusions: an excluding label, "excludes",
		// "with the exception of", 不包含.
		{"Authorized platforms: AliExpress, Amazon\nExcluded platforms: Temu, Shopee", []string{"aliexpress", "amazon"}},
		{"授权平台：速卖通\n未授权平台：Temu、虾皮", []string{"aliexpress"}},
		{"This authorization excludes Temu.", nil},
		{"The Licensee may sell on all online platforms with the exception of Amazon.", nil},
		{"本授权适用于所有电商平台，不包含亚马逊平台。", nil},
		{"The price list excludes Amazon fees. Platforms: Amazon.", []string{"amazon"}},
		{"Platforms: AliExpress. Temu is not an authorized platform.", []string{"aliexpress"}},
		{"Platforms: AliExpress. Amazon and eBay are excluded.", []string{"aliexpress"}},
		{"Platforms: Amazon. Amazon Vine reviews are not permitted.", []string{"amazon"}},
		{"Platforms: Amazon. Sales to resellers on Amazon are not permitted.", []string{"amazon"}},
		// A denial of something else leaves an exclusion as it was.
		{"乙方可在除亚马逊以外的电商平台销售授权产品，但不得转授权给任何第三方。", nil},
		{"The Licensee may sell the Products on all e-commerce platforms except Amazon, provided that it does not sell any counterfeit products.", nil},
		{"The Licensee may sell on any online platform except Amazon, and no other rights are granted.", nil},
		{"乙方不得转授权，可在除亚马逊以外的平台销售。", nil},
		{"Platforms: all online platforms except Amazon\nThe Licensee may not sublicense.", nil},
		{"The Licensee may not sublicense and may sell on all platforms except Amazon.", nil},
		{"The Licensee may not sublicense; platforms: all online platforms except Amazon.", nil},
		{"Platforms: all online platforms except Amazon, and the Licensee may not sublicense.", nil},
		{"本授权适用于所有电商平台，亚马逊除外；乙方不得转授权。", nil},
	} {
		if got := Platforms(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
	for _, tt := range []struct {
		platform, name string
		known          bool
	}{{"aliexpress", "AliExpress", true}, {"Ali Express", "AliExpress", true}, {"TikTok", "TikTok", true}, {"ozon", "ozon", false}} {
		if name, known := PlatformName(tt.platform); name != tt.name || known != tt.known {
			t.Errorf("PlatformName(%q) = %q, %v; want %q, %v", tt.platform, name, known, tt.name, tt.known)
		}
	}
}

// TestLeavesOut: a platform a text names only to leave it out, with the
// statement that does.
func TestLeavesOut(t *testing.T) {
	for _, tt := range []struct {
		text, platform string
		want           string // the statement; "" when not left out
	}{
		{"Platforms: AliExpress and Amazon.", "amazon", ""},
		{"Platforms: AliExpress.", "amazon", ""},
		{"The Licensee may sell on all online platforms except Amazon.", "amazon", "The Licensee may sell on all online platforms except Amazon"},
		{"Platforms: AliExpress. The Licensee shall not sell the Products on Temu or Shopee.", "Shopee", "The Licensee shall not sell the Products on Temu or Shopee"},
		{"本授权适用于所有电商平台，但不适用于亚马逊平台。", "amazon", "本授权适用于所有电商平台，但不适用于亚马逊平台"},
		{"乙方可在速卖通平台销售，不得在Temu平台销售。", "temu", "乙方可在速卖通平台销售，不得在Temu平台销售"},
		// Named as granted elsewhere: not left out.
		{"Platforms: Amazon. The Licensee shall not sell on Amazon Japan.", "amazon", ""},
		// An exception to a denial grants what it names.
		{"The Licensee shall not sell on any platform other than Amazon.", "amazon", ""},
		{"The Licensee shall not sell counterfeit goods on Amazon.", "amazon", ""},
		{"Platforms: all platforms except Amazon.", "walmart", ""}, // a platform this package has no words for
	} {
		got, ok := LeavesOut(tt.text, tt.platform)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("LeavesOut(%q, %s) = %q, %v; want %q", tt.text, tt.platform, got, ok, tt.want)
		}
	}
	// A long statement is quoted around the platform it leaves out.
	long := "The Licensee may sell the Products on AliExpress, on its own website and in its physical shops in Shenzhen, Guangzhou and Dongguan, but shall not sell them on Temu or on any other marketplace."
	got, ok := LeavesOut(long, "temu")
	if !ok || !strings.Contains(got, "shall not sell them on Temu") || !strings.HasPrefix(got, "…") || utf8.RuneCountInString(got) > quoteMax+2 {
		t.Errorf("LeavesOut(long) = %q, %v; want a quote of at most %d characters showing the denial", got, ok, quoteMax)
	}
}
