package check

import (
	"strings"
	"testing"
	"time"

	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// TestLetterTerms: the findings of a letter whose terms disagree with
// case.yaml. Claiming more than the letter grants is an error (the packet
// would state it), claiming less a warning.
func TestLetterTerms(t *testing.T) {
	const parties = "Bartech Electronics Co., Ltd. authorizes Shenzhen Lumen Home Goods Co., Ltd. to use BARTECH. "
	for _, tt := range []struct {
		name        string
		text        string
		sublicense  bool
		territories []string
		severity    finding.Severity // of the one finding; 0: none
		message     string
	}{
		{"sublicense claimed, denied", parties + "The licensee may not sublicense.", true, nil, finding.Error,
			"A-1 says the grantee may not sublicense (“may not sublicense”), but case.yaml gives it `sublicense: true`"},
		{"sublicense claimed, granted", parties + "The licensee may sublicense.", true, nil, 0, ""},
		{"sublicense claimed, silent", parties, true, nil, 0, ""},
		{"sublicense left out, granted", parties + "并可转授权其经销商。", false, nil, finding.Warning,
			"A-1 says the grantee may sublicense (“并可转授权”), but case.yaml leaves `sublicense` false"},
		{"sublicense left out, granted without consent", parties + "The Licensee may, without the Licensor's further consent, sublicense its rights.", false, nil, finding.Warning,
			"A-1 says the grantee may sublicense (“may, without the Licensor's further consent, sublicense”), but case.yaml leaves `sublicense` false"},
		{"worldwide claimed, China stated", parties + "Territory: mainland China.", false, []string{"worldwide"}, finding.Error,
			"A-1 gives its territory as “mainland China”; case.yaml gives it worldwide"},
		{"no territories, China stated", parties + "Territory: mainland China.", false, nil, finding.Error, "A-1 gives its territory as “mainland China”"},
		{"worldwide claimed, no place stated", parties + "Territory: as set out in Schedule 1.", false, nil, finding.Warning,
			"A-1 gives its territory as “as set out in Schedule 1”"},
		{"US claimed, China stated", parties + "Territory: mainland China.", false, []string{"China", "US"}, finding.Error,
			"A-1 gives its territory as “mainland China”, which does not cover US that case.yaml gives it (`territories`)"},
		{"US and Canada claimed, a list stated", parties + "Territory: United States; Canada.", false, []string{"US", "CA"}, 0, ""},
		{"China claimed, worldwide but China stated", parties + "Territory: Worldwide (excluding mainland China).", false, []string{"China"}, finding.Error,
			"A-1 gives its territory as “Worldwide (excluding mainland China)”, which does not cover China"},
		{"worldwide claimed, worldwide but China stated", parties + "授权区域：全球（中国大陆除外）", false, nil, finding.Error,
			"A-1 gives its territory as “全球（中国大陆除外）”; case.yaml gives it worldwide"},
		{"Hong Kong claimed, China with Hong Kong stated", parties + "授权地域：中国（含港澳台）", false, []string{"Hong Kong"}, 0, ""},
		{"an unlabelled place is no territory", parties + "授权方是一家依据中华人民共和国法律在中国境内注册成立的有限责任公司。", false, nil, 0, ""},
		{"US and China claimed, worldwide but 中国港澳台", parties + "授权区域：全球（中国港澳台地区除外）", false, []string{"US", "China"}, 0, ""},
		{"US and Germany claimed, 欧美国家 stated", parties + "授权地域：欧美国家", false, []string{"US", "Germany"}, 0, ""},
		{"US claimed, outside China stated", parties + "授权地域：中国境外", false, []string{"US"}, 0, ""},
		{"Germany claimed, EU stated", parties + "Territory: the European Union.", false, []string{"Germany"}, 0, ""},
		{"an unknown place claimed", parties + "Territory: mainland China.", false, []string{"Atlantis"}, 0, ""},
		{"China claimed, China stated", parties + "Territory: mainland China.", false, []string{"China"}, 0, ""},
		{"worldwide claimed, worldwide stated", parties + "Geographic scope: worldwide.", false, []string{"worldwide"}, 0, ""},
		// Where the letter lets the grantee sell, without a label: a warning.
		{"worldwide claimed, sales in the US", parties + "The Licensee may sell the Products in the United States for two years.", false, nil, finding.Warning,
			"A-1 speaks of use in “the United States” and states no territory under a label; case.yaml gives it worldwide"},
		{"worldwide claimed, sales in China", parties + "甲方授权乙方在中国大陆地区销售BARTECH品牌产品。", false, []string{"worldwide"}, finding.Warning,
			"A-1 speaks of use in “中国大陆” and states no territory under a label"},
		{"US claimed, sales in China", parties + "甲方授权乙方在中国大陆地区销售BARTECH品牌产品。", false, []string{"US"}, finding.Warning,
			"A-1 speaks of use in “中国大陆”, which does not cover US that case.yaml gives it"},
		{"US and Canada claimed, sales in both", parties + "The Licensee may sell the Products in the United States and in Canada.", false, []string{"US", "Canada"}, 0, ""},
		{"China claimed, sales in China", parties + "兹授权乙方在中国境内使用该商标。", false, []string{"China"}, 0, ""},
		{"three countries claimed, sales in a list of them", parties + "The Licensee may sell the Products in the United States, Canada and Mexico.", false, []string{"US", "Canada", "Mexico"}, 0, ""},
		{"Germany and France claimed, sales in a list of them", parties + "The Licensee may sell in Germany, France, Italy and Spain.", false, []string{"Germany", "France"}, 0, ""},
		{"US claimed, made in China", parties + "The Licensee may sell the Products (manufactured in China) on Amazon.com.", false, []string{"US"}, 0, ""},
		{"US claimed, not in China", parties + "The Licensee may sell on Amazon worldwide, but shall not sell them in mainland China.", false, []string{"US"}, 0, ""},
		{"three countries claimed, sales in them in Chinese", parties + "乙方可在美国、加拿大和墨西哥销售授权产品。", false, []string{"US", "Canada", "Mexico"}, 0, ""},
		{"US and Canada claimed, a bracket in the list", parties + "The Licensee may sell in the United States (including Puerto Rico) and Canada.", false, []string{"US", "Canada"}, 0, ""},
		{"US claimed, not authorized in China", parties + "The Licensee is not authorized to sell the Products in mainland China.", false, []string{"US"}, 0, ""},
		{"US claimed, 不得擅自 in China", parties + "乙方不得擅自在中国大陆销售授权产品。", false, []string{"US"}, 0, ""},
		{"US claimed, outside China", parties + "甲方授权乙方在中国大陆以外的国家和地区销售。", false, []string{"US"}, 0, ""},
		{"worldwide claimed, sales on a platform", parties + "兹授权乙方在速卖通平台上销售本品牌产品。", false, nil, 0, ""},
		{"worldwide claimed, sales worldwide", parties + "The Licensee may sell the Products throughout the world.", false, nil, 0, ""},
		{"a labelled territory wins", parties + "Territory: worldwide. The Licensee may sell in the United States and elsewhere.", false, nil, 0, ""},
	} {
		in := letterInput(tt.text, doctext.Layer)
		a := &in.Manifest.Authorizations[0]
		a.Sublicense, a.Territories = tt.sublicense, tt.territories
		fs := papers(in)
		switch {
		case tt.severity == 0 && len(fs) != 0:
			t.Errorf("%s: %v; want none", tt.name, fs)
		case tt.severity != 0 && (len(fs) != 1 || fs[0].Severity != tt.severity || fs[0].Code != DocTextMismatch || !strings.HasPrefix(fs[0].Message, tt.message)):
			t.Errorf("%s: %v; want one %v beginning %q", tt.name, fs, tt.severity, tt.message)
		}
	}
}

// TestLetterSigners: a letter signed digitally for a company it names
// nowhere is a warning; a signature for the grantor, for a company the
// letter names (its Chinese name), or by a person's certificate is not.
func TestLetterSigners(t *testing.T) {
	const text = "Bartech Electronics Co., Ltd. (巴泰电子有限公司) authorizes Shenzhen Lumen Home Goods Co., Ltd. to use BARTECH."
	for _, tt := range []struct {
		name string
		sig  evidence.PaperSignature
		want string // the warning's message, "" for none
	}{
		{"another company", evidence.PaperSignature{Signer: "John Doe", Organization: "Acme Trading Ltd", Kind: "signature", Verifies: true},
			"A-1 is signed digitally by John Doe for “Acme Trading Ltd”, a company the letter names nowhere (its grantor is Bartech Electronics Co., Ltd.)"},
		{"the grantor's full legal name", evidence.PaperSignature{Signer: "Li Wei", Organization: "Bartech Electronics (Shenzhen) Co., Ltd.", Kind: "signature"}, ""},
		{"another company of the same brand", evidence.PaperSignature{Signer: "Li Wei", Organization: "Bartech Holdings Ltd", Kind: "signature"},
			"A-1 is signed digitally by Li Wei for “Bartech Holdings Ltd”, a company the letter names nowhere (its grantor is Bartech Electronics Co., Ltd.)"},
		{"the grantor, another company form", evidence.PaperSignature{Signer: "Li Wei", Organization: "BARTECH ELECTRONICS LIMITED", Kind: "signature"}, ""},
		{"named in the letter", evidence.PaperSignature{Signer: "李伟", Organization: "巴泰电子有限公司", Kind: "signature"}, ""},
		{"the full legal name of a company the letter names", evidence.PaperSignature{Signer: "李伟", Organization: "巴泰电子（深圳）有限公司", Kind: "signature"}, ""},
		// Review 5: the grantee's full legal name, other companies of the
		// brand, a city before the name.
		{"the grantee's full legal name", evidence.PaperSignature{Signer: "Wang Fang", Organization: "Lumen Home Goods (Shenzhen) Co., Ltd.", Kind: "signature"},
			"A-1 is signed digitally by Wang Fang for “Lumen Home Goods (Shenzhen) Co., Ltd.”, the party it authorizes, not for its grantor Bartech Electronics Co., Ltd.: a letter signed by its grantee shows nothing of the grant"},
		{"the grantor's holding company", evidence.PaperSignature{Signer: "Li Wei", Organization: "Bartech Electronics (Holdings) Limited", Kind: "signature"},
			"A-1 is signed digitally by Li Wei for “Bartech Electronics (Holdings) Limited”, a company the letter names nowhere (its grantor is Bartech Electronics Co., Ltd.)"},
		{"the grantor's group", evidence.PaperSignature{Signer: "李伟", Organization: "巴泰电子（集团）有限公司", Kind: "signature"},
			"A-1 is signed digitally by 李伟 for “巴泰电子（集团）有限公司”, a company the letter names nowhere (its grantor is Bartech Electronics Co., Ltd.)"},
		{"the grantor's Hong Kong company", evidence.PaperSignature{Signer: "李伟", Organization: "巴泰电子（香港）有限公司", Kind: "signature"},
			"A-1 is signed digitally by 李伟 for “巴泰电子（香港）有限公司”, a company the letter names nowhere (its grantor is Bartech Electronics Co., Ltd.)"},
		{"a city before the name", evidence.PaperSignature{Signer: "李伟", Organization: "深圳市巴泰电子有限公司", Kind: "signature"}, ""},
		{"another city's company of the name", evidence.PaperSignature{Signer: "李伟", Organization: "广州市巴泰电子（深圳）有限公司", Kind: "signature"},
			"A-1 is signed digitally by 李伟 for “广州市巴泰电子（深圳）有限公司”, a company the letter names nowhere (its grantor is Bartech Electronics Co., Ltd.)"},
		{"another company's full legal name", evidence.PaperSignature{Signer: "李伟", Organization: "星光摄影（深圳）有限公司", Kind: "signature"},
			"A-1 is signed digitally by 李伟 for “星光摄影（深圳）有限公司”, a company the letter names nowhere (its grantor is Bartech Electronics Co., Ltd.)"},
		{"a person's certificate", evidence.PaperSignature{Signer: "John Doe", Kind: "signature"}, ""},
		{"the grantee", evidence.PaperSignature{Signer: "Wang Fang", Organization: "Shenzhen Lumen Home Goods Co., Ltd.", Kind: "signature"},
			"A-1 is signed digitally by Wang Fang for “Shenzhen Lumen Home Goods Co., Ltd.”, the party it authorizes, not for its grantor Bartech Electronics Co., Ltd.: a letter signed by its grantee shows nothing of the grant"},
		{"a timestamp authority", evidence.PaperSignature{Signer: "TSA", Organization: "DigiCert, Inc.", Kind: "document timestamp"}, ""},
	} {
		in := letterInput(text, doctext.Layer)
		in.Items[0].Signatures = []evidence.PaperSignature{tt.sig}
		in.Exhibits = exhibit.Number(in.Manifest, map[string]*evidence.Item{"loa.pdf": in.Items[0]})
		var got []string
		for _, f := range papers(in) {
			got = append(got, f.Code+": "+f.Message)
		}
		if want := DocSignerMismatch + ": " + tt.want; tt.want == "" && len(got) != 0 || tt.want != "" && (len(got) != 1 || got[0] != want) {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
}

// TestLetterTerm: a letter whose text states another term than case.yaml
// gives it is an error quoting the term (a warning when read by OCR); a
// letter that states the claimed term beside an older one, or that states
// no term, keeps the per-date warnings.
func TestLetterTerm(t *testing.T) {
	const parties = "Bartech Electronics Co., Ltd. authorizes Shenzhen Lumen Home Goods Co., Ltd. to use BARTECH.\n"
	for _, tt := range []struct {
		name     string
		text     string
		source   doctext.Source
		severity finding.Severity // of the one finding; 0: none
		message  string
	}{
		{"another term", parties + "Term: from 2023-01-01 to 2023-12-31.", doctext.Layer, finding.Error,
			"A-1 gives its term as 2023-01-01 to 2023-12-31; case.yaml says 2023-01-01 to 2025-12-31 (`from`, `to`)"},
		{"another term, Chinese", parties + "授权期限：2023年1月1日至2023年12月31日", doctext.Layer, finding.Error,
			"A-1 gives its term as 2023-01-01 to 2023-12-31"},
		{"another term, OCR", parties + "Term: from 2023-01-01 to 2023-12-31.", doctext.OCR, finding.Warning,
			"A-1 gives its term as 2023-01-01 to 2023-12-31"},
		{"a start date whose digits are inside another", parties + "Term: from 2023-11-01 to 2025-12-31.", doctext.Layer, finding.Error,
			"A-1 gives its term as 2023-11-01 to 2025-12-31"},
		{"the term in words", parties + "Term: from Jan 01, 2023 to Dec. 31st, 2025.", doctext.Layer, 0, ""},
		{"the term beside an older one", parties + "This letter renews the authorization valid from 2022-01-01 to 2022-12-31.\nTerm: from 2023-01-01 to 2025-12-31.", doctext.Layer, 0, ""},
		{"no term stated", parties + "Signed on 2023-01-01.", doctext.Layer, finding.Warning,
			"A-1 does not show the end date 2025-12-31 that case.yaml gives (`to`)"},
	} {
		in := letterInput(tt.text, tt.source)
		a := &in.Manifest.Authorizations[0]
		a.From, a.To = manifest.NewDate(2023, time.January, 1), manifest.NewDate(2025, time.December, 31)
		fs := papers(in)
		switch {
		case tt.severity == 0 && len(fs) != 0:
			t.Errorf("%s: %v; want none", tt.name, fs)
		case tt.severity != 0 && (len(fs) != 1 || fs[0].Severity != tt.severity || !strings.HasPrefix(fs[0].Message, tt.message)):
			t.Errorf("%s: %v; want one %v beginning %q", tt.name, fs, tt.severity, tt.message)
		}
	}
}

// TestSameCompany: one company's names, with and without the city its full
// legal name gives; two cities, or other words, are two companies.
func TestSameCompany(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Bartech Electronics (Shenzhen) Co., Ltd.", "Bartech Electronics Co., Ltd.", true},
		{"BARTECH ELECTRONICS LIMITED", "Bartech Electronics Co., Ltd.", true},
		{"深圳市巴泰电子有限公司", "巴泰电子（深圳）有限公司", true},
		{"Xi'an Bartech Co., Ltd.", "Bartech Co., Ltd. (Xian)", true},
		{"Shenzhen Bartech Electronics Co., Ltd.", "Guangzhou Bartech Electronics Co., Ltd.", false},
		{"深圳市巴泰电子有限公司", "广州市巴泰电子有限公司", false},
		{"Bartech Electronics (Holdings) Limited", "Bartech Electronics Co., Ltd.", false},
		{"巴泰电子（香港）有限公司", "巴泰电子有限公司", false},
		// Review 6: cities no table holds, written apart, without 市.
		{"巴泰电子（昆山）有限公司", "巴泰电子有限公司", true},
		{"Bartech Electronics (Jiaxing) Co., Ltd.", "Bartech Electronics Co., Ltd.", true},
		{"Bartech Electronics (Shen Zhen) Co., Ltd.", "Shenzhen Bartech Electronics Co., Ltd.", true},
		{"深圳巴泰电子有限公司", "巴泰电子有限公司", true},
		{"浙江巴泰电子有限公司", "巴泰电子有限公司", true},
		{"巴泰电子（昆山）有限公司", "巴泰电子（苏州）有限公司", false},
		{"Bartech Electronics (Asia Pacific) Limited", "Bartech Electronics Limited", false},
		{"Bartech Electronics (Shenzhen City) Co., Ltd.", "Shenzhen Bartech Electronics Co., Ltd.", true},
		{"", "", false},
	} {
		if got := sameCompany(tt.a, tt.b); got != tt.want {
			t.Errorf("sameCompany(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// FuzzSameCompany: a signer certificate's organisation is untrusted text;
// comparing it never panics and is symmetric.
func FuzzSameCompany(f *testing.F) {
	f.Add("Bartech Electronics (Shenzhen) Co., Ltd.", "Bartech Electronics Co., Ltd.")
	f.Add("深圳市巴泰电子有限公司", "巴泰电子（深圳）有限公司")
	f.Add("(", ")（）(xi'an)")
	f.Add("Bartech Electronics (SZ) Co., Ltd.", "Bartech Electronics (Shenzhen) Co., Ltd.")
	f.Add("XA Lumen Ltd", "Xi'an Lumen Ltd")
	f.Fuzz(func(t *testing.T, a, b string) {
		if sameCompany(a, b) != sameCompany(b, a) {
			t.Fatalf("sameCompany(%q, %q) is not symmetric", a, b)
		}
		// A name abbreviating the other's city is never the other itself.
		if abbr, city, ok := abbreviatedCity(a, b); ok && (abbr == "" || city == "" || a == b) {
			t.Fatalf("abbreviatedCity(%q, %q) = %q, %q", a, b, abbr, city)
		}
	})
}
