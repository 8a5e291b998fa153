package check

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// letterInput is the input of the paper checks for one authorization
// letter, loa.pdf, whose text is text, read as source.
func letterInput(text string, source doctext.Source) Input {
	path := manifest.Path{Raw: "loa.pdf", Rel: "loa.pdf", Abs: "/case/loa.pdf"}
	m := &manifest.Manifest{
		Case:       manifest.Case{ID: "C-1"},
		Seller:     manifest.Seller{LegalName: "Shenzhen Lumen Home Goods Co., Ltd."},
		Trademarks: []manifest.Trademark{{ID: "TM1", Mark: "BARTECH", Owner: "Bartech Electronics Co., Ltd."}},
		Authorizations: []manifest.Authorization{{ID: "AUTH1", Grantor: "Bartech Electronics Co., Ltd.", Grantee: "Shenzhen Lumen Home Goods Co., Ltd.",
			Trademarks: []string{"TM1"}, Files: []manifest.Path{path}}},
	}
	it := &evidence.Item{Path: path, Role: evidence.AuthorizationFile, Format: "PDF", Pages: 1, Text: &doctext.Text{Content: text, Source: source}}
	return Input{Manifest: m, Items: []*evidence.Item{it}, Exhibits: exhibit.Number(m, map[string]*evidence.Item{"loa.pdf": it}), Lang: i18n.English}
}

// TestPaperShowingNoneOfItsClaims: a letter whose text layer shows none of
// its parties and marks is not the letter case.yaml says (here a salary
// certificate): one error, not three warnings. A letter that shows some
// of them, or whose text came from OCR, keeps a warning per claim.
func TestPaperShowingNoneOfItsClaims(t *testing.T) {
	const salary = "Certificat de salaire. Employeur: Potato SARL. Salarié: John Doe. Période: 2019."
	for _, tt := range []struct {
		name     string
		text     string
		source   doctext.Source
		errors   int
		warnings int
		message  string
	}{
		{"another paper", salary, doctext.Layer, 1, 0, "A-1 shows none of what case.yaml says of it (grantor, grantee, mark are not in its text layer)"},
		{"another paper, OCR", salary, doctext.OCR, 0, 3, "A-1 does not show the grantor"},
		{"grantee only", salary + " Shenzhen Lumen Home Goods Co., Ltd.", doctext.Layer, 0, 2, "A-1 does not show the grantor"},
		{"the letter", "Bartech Electronics Co., Ltd. authorizes Shenzhen Lumen Home Goods Co., Ltd. to use BARTECH.", doctext.Layer, 0, 0, ""},
	} {
		fs := papers(letterInput(tt.text, tt.source))
		if fs.Count(finding.Error) != tt.errors || fs.Count(finding.Warning) != tt.warnings {
			t.Errorf("%s: %d errors, %d warnings; want %d, %d:\n%v", tt.name, fs.Count(finding.Error), fs.Count(finding.Warning), tt.errors, tt.warnings, fs)
			continue
		}
		if tt.message != "" && (len(fs) == 0 || fs[0].Code != DocTextMismatch || !strings.HasPrefix(fs[0].Message, tt.message)) {
			t.Errorf("%s: %v; want a %s beginning %q", tt.name, fs, DocTextMismatch, tt.message)
		}
	}
}

// TestBlankPaper: a paper whose pages paint nothing is an error naming
// it, not a scan to read again.
func TestBlankPaper(t *testing.T) {
	in := letterInput("", doctext.None)
	in.Items[0].Text = &doctext.Text{Blank: true, Pages: 1}
	fs := papers(in)
	if len(fs) != 1 || fs[0].Code != DocBlank || fs[0].Severity != finding.Error || fs[0].Exhibit != "A-1" ||
		fs[0].Message != "A-1 (loa.pdf) is blank: its pages show no text, no picture and no drawing, so the packet would cite an empty page as the letter" {
		t.Errorf("findings %v", fs)
	}
	in.Items[0].Text = &doctext.Text{Scanned: true, Pages: 1}
	if fs := papers(in); len(fs) != 1 || fs[0].Code != DocNotRead {
		t.Errorf("a scan: findings %v; want %s", fs, DocNotRead)
	}
}

// TestCertificateDates: a certificate must show its registration date; its
// expiry date only when it states a term (a US certificate states none). A
// date it does not show is a warning, unless the text layer gives another
// under that date's own label: an error quoting it.
func TestCertificateDates(t *testing.T) {
	path := manifest.Path{Raw: "tm.pdf", Rel: "tm.pdf", Abs: "/case/tm.pdf"}
	head := "TRADEMARK REGISTRATION CERTIFICATE. Mark: BARTECH. Registration No.: 12345678. Registrant: Bartech Electronics Co., Ltd. "
	for _, tt := range []struct {
		name, text string
		want       []string // "field severity" of the DOC_TEXT_MISMATCH findings
	}{
		{"both dates", head + "Registered: 2021-05-14. Valid until: 2031-05-13.", nil},
		{"no term stated", head + "Registered May 14, 2021.", nil},
		{"another expiry", head + "Registered: 2021-05-14. Valid until: 2034-05-13.", []string{"expires warning"}},
		{"another registration date", head + "注册日期：2022年5月14日，有效期至 2031年5月13日", []string{"registered warning"}},
		// A date on its own labelled line is the paper's word for it: an
		// error quoting it.
		{"another registration date, labelled", head + "\n注册日期 Registration date 2022-05-14\n有效期至 Valid until 2031-05-13", []string{"registered error 2022-05-14"}},
		{"another expiry, labelled", head + "\nRegistration date: 2021-05-14\nValid until: 2034-05-13", []string{"expires error 2034-05-13"}},
		{"another expiry, a period of validity", head + "\n注册有效期限：2021年5月14日至2034年5月13日", []string{"expires error 2034-05-13"}},
	} {
		m := &manifest.Manifest{Case: manifest.Case{ID: "C-1"}, Seller: manifest.Seller{LegalName: "Lumen Co., Ltd."},
			Trademarks: []manifest.Trademark{{ID: "TM1", Mark: "BARTECH", Number: "12345678", Owner: "Bartech Electronics Co., Ltd.",
				Registered: manifest.NewDate(2021, time.May, 14), Expires: manifest.NewDate(2031, time.May, 13), Files: []manifest.Path{path}}}}
		it := &evidence.Item{Path: path, Role: evidence.TrademarkFile, Format: "PDF", Pages: 1, Text: &doctext.Text{Content: tt.text, Source: doctext.Layer}}
		in := Input{Manifest: m, Items: []*evidence.Item{it}, Exhibits: exhibit.Number(m, map[string]*evidence.Item{"tm.pdf": it}), Lang: i18n.English}
		var got []string
		for _, f := range papers(in) {
			if f.Code != DocTextMismatch {
				t.Errorf("%s: %v", tt.name, f)
				continue
			}
			for _, field := range []string{"registered", "expires"} {
				if strings.Contains(f.Message, "(`"+field+"`)") {
					g := field + " " + f.Severity.String()
					if f.Severity == finding.Error {
						g += " " + regexp.MustCompile(`\d{4}-\d{2}-\d{2}`).FindString(f.Message)
					}
					got = append(got, g)
				}
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: findings about %v; want %v", tt.name, got, tt.want)
		}
	}
}

// TestLetterPlatforms: a letter that names other platforms and not the one
// case.yaml gives is an error naming both; one that names it, or names no
// platform, is not.
func TestLetterPlatforms(t *testing.T) {
	const parties = "Bartech Electronics Co., Ltd. authorizes Shenzhen Lumen Home Goods Co., Ltd. to use BARTECH"
	for _, tt := range []struct {
		name, text string
		platforms  []string
		want       string // the warning's message, "" for none
	}{
		{"named", parties + " on AliExpress.", []string{"aliexpress"}, ""},
		{"named in Chinese", parties + "，限速卖通平台。", []string{"aliexpress"}, ""},
		{"one of two", parties + " on Amazon.", []string{"aliexpress", "amazon"},
			"A-1 does not name AliExpress, which case.yaml gives it (`platforms`); it names Amazon"},
		{"both of two", parties + " on AliExpress and Amazon.", []string{"aliexpress", "amazon"}, ""},
		{"every platform but one", parties + ". Platforms: all online platforms except Amazon.", []string{"aliexpress"}, ""},
		{"every platform but the one", parties + ". Platforms: all online platforms except Amazon.", []string{"amazon"},
			"A-1 seems to leave out Amazon, which case.yaml gives it (`platforms`): “Platforms: all online platforms except Amazon”"},
		{"every platform but the one, in Chinese", parties + "。本授权适用于所有电商平台，但不适用于亚马逊平台。", []string{"aliexpress", "amazon"},
			"A-1 seems to leave out Amazon, which case.yaml gives it (`platforms`): “本授权适用于所有电商平台，但不适用于亚马逊平台”"},
		{"a denial of selling on the one", parties + " on AliExpress. The Licensee shall not sell the Products on Temu.", []string{"aliexpress", "temu"},
			"A-1 seems to leave out Temu, which case.yaml gives it (`platforms`): “The Licensee shall not sell the Products on Temu”"},
		{"a denial of selling on it, in Chinese", parties + "。乙方可在速卖通平台销售，不得在Temu平台销售。", []string{"temu"},
			"A-1 seems to leave out Temu, which case.yaml gives it (`platforms`): “乙方可在速卖通平台销售，不得在Temu平台销售”"},
		{"a denial of selling something else", parties + " on Amazon. The Licensee shall not sell counterfeit goods on Amazon.", []string{"amazon"}, ""},
		// A letter for every platform names some only as examples.
		{"every platform, some named", parties + " on any e-commerce platform, including but not limited to AliExpress, eBay and Shopee.", []string{"amazon"}, ""},
		{"every platform, some named, in Chinese", parties + "，可在任何电商平台销售，包括但不限于速卖通、eBay。", []string{"amazon"}, ""},
		{"every platform, such as", parties + " on all online platforms such as AliExpress and Temu.", []string{"amazon"}, ""},
		{"every platform but one, in Chinese", parties + "。本授权适用于所有电商平台，但不适用于亚马逊平台。", []string{"aliexpress"}, ""},
		{"a platform written in two words", parties + ". Platforms: Tik Tok Shop and Amazon.", []string{"tiktok"}, ""},
		{"Douyin is not TikTok", parties + "。授权平台：抖音", []string{"tiktok"},
			"A-1 does not name TikTok, which case.yaml gives it (`platforms`); it names Douyin"},
		{"no platform named", parties + " on every online store.", []string{"aliexpress"}, ""},
		{"another platform", parties + ". Platform: Amazon only.", []string{"aliexpress"},
			"A-1 does not name AliExpress, which case.yaml gives it (`platforms`); it names Amazon"},
		{"not inside a word", parties + ". Platform: Amazonia Mall, TEMU.", []string{"aliexpress"},
			"A-1 does not name AliExpress, which case.yaml gives it (`platforms`); it names Temu"},
		{"a platform without words", parties + " on Amazon.", []string{"ozon"}, ""},
		{"another platform in Chinese", parties + "，仅限亚马逊平台销售。", []string{"aliexpress"},
			"A-1 does not name AliExpress, which case.yaml gives it (`platforms`); it names Amazon"},
		// An exception to a denial grants the platform it names.
		{"no platform other than the one", parties + ". The Licensee shall not sell on any platform other than AliExpress.", []string{"aliexpress"}, ""},
		{"no platform other than the one, in Chinese", parties + "。除速卖通平台外，乙方不得在其他平台销售。", []string{"aliexpress"}, ""},
		{"every platform but one, and a denial of sublicensing", parties + "。乙方可在除亚马逊以外的电商平台销售授权产品，但不得转授权给任何第三方。", []string{"ebay"}, ""},
		{"every platform but one, provided", parties + ". The Licensee may sell on all e-commerce platforms except Amazon, provided that it does not sell any counterfeit products.", []string{"temu"}, ""},
		{"a denial of every platform but one, in a list", parties + ". This authorization does not apply to eBay, Temu or any platform other than AliExpress.", []string{"aliexpress"}, ""},
		{"no platform other than another", parties + ". The Licensee shall not sell on any platform other than Amazon.", []string{"aliexpress"},
			"A-1 does not name AliExpress, which case.yaml gives it (`platforms`); it names Amazon"},
	} {
		in := letterInput(tt.text, doctext.Layer)
		in.Manifest.Authorizations[0].Platforms = tt.platforms
		var got []string
		fs := papers(in)
		for _, f := range fs {
			got = append(got, f.Message)
		}
		sev := finding.Error
		if strings.Contains(tt.want, "seems to leave out") {
			sev = finding.Warning
		}
		if want := []string{tt.want}; tt.want == "" && len(got) != 0 || tt.want != "" && (len(got) != 1 || got[0] != tt.want || fs[0].Severity != sev) {
			t.Errorf("%s: %q; want %q", tt.name, got, want)
		}
	}
}

// TestPartyLinkedByAnotherPaper: a letter that names its grantor only in
// Chinese gives no warning when another paper of the case, a bilingual
// certificate, gives that name beside case.yaml's; a certificate that
// gives the two names far apart, or only one, links nothing.
func TestPartyLinkedByAnotherPaper(t *testing.T) {
	const letter = "授权书\n授权方（甲方）：巴泰电子（深圳）有限公司\n被授权方（乙方）：Shenzhen Lumen Home Goods Co., Ltd.\n商标：BARTECH"
	filler := strings.Repeat("核定使用商品：第9类 耳机\n", 4)
	for _, tt := range []struct {
		name, certificate string
		warnings          int
	}{
		{"one after the other", "商标注册证 BARTECH\n注册人：巴泰电子（深圳）有限公司（Bartech Electronics Co., Ltd.）", 0},
		{"under one label, twice", "商标注册证 BARTECH\n注册人：巴泰电子（深圳）有限公司\n" + filler + "Registrant: Bartech Electronics Co., Ltd.", 0},
		{"apart", "商标注册证 BARTECH\n注册人：巴泰电子（深圳）有限公司\n" + filler + "Bartech Electronics Co., Ltd.", 1},
		{"only the Chinese name", "商标注册证 BARTECH\n注册人：巴泰电子（深圳）有限公司", 1},
		// A bilingual letter between the two: its grantor is not its
		// grantee, however close they are written.
		{"under other labels", "LETTER OF AUTHORIZATION\nLicensor: Shenzhen Lumen Home Goods Co., Ltd.\nLicensee: Bartech Electronics Co., Ltd.\n授权方：巴泰电子（深圳）有限公司", 1},
	} {
		in := letterInput(letter, doctext.Layer)
		tm := manifest.Path{Raw: "tm.pdf", Rel: "tm.pdf", Abs: "/case/tm.pdf"}
		in.Manifest.Trademarks[0].Files = []manifest.Path{tm}
		cert := &evidence.Item{Path: tm, Role: evidence.TrademarkFile, Format: "PDF", Pages: 1, Text: &doctext.Text{Content: tt.certificate, Source: doctext.Layer}}
		in.Items = append(in.Items, cert)
		in.Exhibits = exhibit.Number(in.Manifest, map[string]*evidence.Item{"loa.pdf": in.Items[0], "tm.pdf": cert})
		warnings := 0
		for _, f := range papers(in) {
			if f.Exhibit == "A-1" && f.Severity == finding.Warning && strings.Contains(f.Message, "another script") {
				warnings++
			}
		}
		if warnings != tt.warnings {
			t.Errorf("%s: %d warnings about the grantor's script, want %d", tt.name, warnings, tt.warnings)
		}
	}
}

// TestDatesShown: the dates a date finding quotes from the paper.
func TestDatesShown(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Term: from 2023-01-01 to 2025-12-31.", "2023-01-01 2025-12-31"},
		{"授权期限：自2023年1月1日至2025年12月31日", "2023-01-01 2025-12-31"},
		{"Issued 2023/06/01, again 2023.06.01; No. 20231399", "2023-06-01"},
		{"not dates: 2023-13-01, 2023-02-30, 12345678", ""},
		{"no dates", ""},
	} {
		if got := strings.Join(datesShown(tt.text), " "); got != tt.want {
			t.Errorf("%q: %q; want %q", tt.text, got, tt.want)
		}
	}
	// The finding quotes them.
	in := letterInput("Bartech Electronics Co., Ltd. authorizes Shenzhen Lumen Home Goods Co., Ltd. to use BARTECH. Term: from 2023-01-01 to 2025-12-31.", doctext.Layer)
	in.Manifest.Authorizations[0].To = manifest.NewDate(2023, time.December, 31)
	fs := papers(in)
	if len(fs) != 1 || fs[0].Message != "A-1 does not show the end date 2023-12-31 that case.yaml gives (`to`); the dates it shows are 2023-01-01, 2025-12-31" {
		t.Errorf("findings %v", fs)
	}
}

// TestPartyInAnotherScript: a letter that labels its grantor only in
// Chinese, where case.yaml writes the English name, cannot be compared: a
// warning saying so, not an error. Another name in the same script is
// still an error.
func TestPartyInAnotherScript(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		severity   finding.Severity
		message    string
	}{
		{"Chinese name", "授权书\n授权方（甲方）：巴泰电子（深圳）有限公司\n被授权方（乙方）：Shenzhen Lumen Home Goods Co., Ltd.\n商标：BARTECH",
			finding.Warning, "A-1 names the grantor only as \"巴泰电子（深圳）有限公司\", in another script than case.yaml's \"Bartech Electronics Co., Ltd.\""},
		{"another English name", "LETTER OF AUTHORIZATION\nLicensor: Acme Trading Ltd\nLicensee: Shenzhen Lumen Home Goods Co., Ltd.\nTrademark: BARTECH",
			finding.Error, "A-1 names \"Acme Trading Ltd\" as grantor; case.yaml says \"Bartech Electronics Co., Ltd.\""},
		// A city written as its initials: a warning, since SZ is also
		// Suzhou's; other initials, or another name, stay an error.
		{"the city's initials", "LETTER OF AUTHORIZATION\nLicensor: Bartech Electronics (SZ) Co., Ltd.\nLicensee: Shenzhen Lumen Home Goods Co., Ltd.\nTrademark: BARTECH",
			finding.Warning, "A-1 names the grantor as \"Bartech Electronics (SZ) Co., Ltd.\", case.yaml \"Bartech Electronics (Shenzhen) Co., Ltd.\": SZ may stand for Shenzhen"},
		{"the city's initials before the name", "LETTER OF AUTHORIZATION\nLicensor: Bartech Electronics (Shenzhen) Co., Ltd.\nLicensee: SZ Lumen Home Goods Co., Ltd.\nTrademark: BARTECH",
			finding.Warning, "A-1 names the grantee as \"SZ Lumen Home Goods Co., Ltd.\", case.yaml \"Shenzhen Lumen Home Goods Co., Ltd.\": SZ may stand for Shenzhen"},
		{"another city's initials", "LETTER OF AUTHORIZATION\nLicensor: Bartech Electronics (GZ) Co., Ltd.\nLicensee: Shenzhen Lumen Home Goods Co., Ltd.\nTrademark: BARTECH",
			finding.Error, "A-1 names \"Bartech Electronics (GZ) Co., Ltd.\" as grantor"},
		{"the city's initials, another name", "LETTER OF AUTHORIZATION\nLicensor: Bartek Electronic (SZ) Co., Ltd.\nLicensee: Shenzhen Lumen Home Goods Co., Ltd.\nTrademark: BARTECH",
			finding.Error, "A-1 names \"Bartek Electronic (SZ) Co., Ltd.\" as grantor"},
	} {
		in := letterInput(tt.text, doctext.Layer)
		if strings.Contains(tt.name, "initials") {
			in.Manifest.Authorizations[0].Grantor = "Bartech Electronics (Shenzhen) Co., Ltd."
			in.Manifest.Trademarks[0].Owner = "Bartech Electronics (Shenzhen) Co., Ltd."
		}
		fs := papers(in)
		if len(fs) != 1 || fs[0].Severity != tt.severity || !strings.HasPrefix(fs[0].Message, tt.message) {
			t.Errorf("%s: %v; want one %v beginning %q", tt.name, fs, tt.severity, tt.message)
		}
	}
}
