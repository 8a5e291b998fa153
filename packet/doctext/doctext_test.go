package doctext_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"appealpacket/internal/fixture/paper"
	"appealpacket/internal/ocrtest"
	"appealpacket/internal/testlevel"
	"appealpacket/packet/doctext"
	"appealpacket/packet/pdfsrc"
)

var letter = []string{
	"LETTER OF AUTHORIZATION",
	"Grantor: Bartech (HK) Limited",
	"Grantee: Guangzhou Mingde E-commerce Co., Ltd.",
	"Trademark: BARTECH, registration No. 3456789",
	"Valid from 2025-06-01 to 2027-05-31.",
	"授权方：巴泰科技（香港）有限公司",
}

func TestPDFTextLayer(t *testing.T) {
	data, err := paper.PDF(letter)
	if err != nil {
		t.Fatal(err)
	}
	src, err := pdfsrc.Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := doctext.PDF(context.Background(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != doctext.Layer || got.Scanned {
		t.Errorf("source %q scanned %v, want the text layer", got.Source, got.Scanned)
	}
	for _, l := range letter {
		if !strings.Contains(got.Content, l) {
			t.Errorf("text layer lacks %q; got:\n%s", l, got.Content)
		}
	}
}

func TestScanWithoutOCR(t *testing.T) {
	page, err := paper.Image(letter, 100)
	if err != nil {
		t.Fatal(err)
	}
	data, err := paper.Scan(page)
	if err != nil {
		t.Fatal(err)
	}
	src, err := pdfsrc.Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := doctext.PDF(context.Background(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Scanned || got.Source != doctext.None || got.Content != "" {
		t.Errorf("got %+v, want a scan with no text", got)
	}
}

// TestOCR reads a letter scanned at 150, 200 and 300 dpi, as a picture and
// as an image-only PDF, and finds its lines (spaces aside: Tesseract puts
// spaces between Chinese characters).
func TestOCR(t *testing.T) {
	testlevel.SkipIfShort(t, "runs Tesseract")
	tess := ocrtest.Tesseract(t)
	dpis := []int{150, 200, 300}
	if !testlevel.Long() {
		dpis = dpis[1:2] // one resolution, the scanners' usual; the long level reads all three
	}
	for _, dpi := range dpis {
		page, err := paper.Image(letter, dpi)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		pic, err := doctext.Picture(context.Background(), page, tess)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d dpi: OCR of one page took %v", dpi, time.Since(start).Round(time.Millisecond))
		data, err := paper.Scan(page)
		if err != nil {
			t.Fatal(err)
		}
		src, err := pdfsrc.Open(data, "")
		if err != nil {
			t.Fatal(err)
		}
		inPDF, err := doctext.PDF(context.Background(), src, tess)
		if err != nil {
			t.Fatal(err)
		}
		for name, got := range map[string]doctext.Text{"picture": pic, "scanned PDF": inPDF} {
			if got.Source != doctext.OCR || !got.Scanned {
				t.Errorf("%d dpi %s: source %q scanned %v, want OCR", dpi, name, got.Source, got.Scanned)
			}
			for _, l := range letter {
				switch {
				case doctext.Contains(got.Content, l, 0):
				case l == letter[5] && dpi == 300:
					// Tesseract 5 misreads this line at 300 dpi (授 as 受,
					// 香港 as "BE"): see what the check tolerates.
					t.Logf("%d dpi %s: OCR misread %q; got:\n%s", dpi, name, l, got.Content)
				default:
					t.Errorf("%d dpi %s: OCR lacks %q; got:\n%s", dpi, name, l, got.Content)
				}
			}
		}
	}
}

func TestContains(t *testing.T) {
	for _, tc := range []struct {
		text, claim string
		tolerance   float64
		want        bool
	}{
		{"Grantee: Guangzhou Mingde\nE-commerce Co., Ltd.", "GUANGZHOU MINGDE E-COMMERCE", 0, true},
		{"授权 方 : 巴 泰 科技 ( 香港 ) 有 限 公司", "巴泰科技（香港）有限公司", 0, true},
		{"Ｒｅｇ． Ｎｏ． ３４５６７８９", "3456789", 0, true},
		{"Reg. No. 3456780", "3456789", 0, false},
		{"Reg. No. 3456780", "3456789", 0.2, false}, // short claims are exact
		{"Grantee: Guangzhou Mingcle E-commerce", "Guangzhou Mingde E-commerce", 0, false},
		{"Grantee: Guangzhou Mingcle E-commerce", "Guangzhou Mingde E-commerce", 0.125, true},
		{"Grantee: Dongguan Qihang Supply", "Guangzhou Mingde E-commerce", 0.125, false},
		{"anything", "", 0.2, false},
		{"", "Bartech", 0.2, false},
	} {
		if got := doctext.Contains(tc.text, tc.claim, tc.tolerance); got != tc.want {
			t.Errorf("Contains(%q, %q, %v) = %v, want %v", tc.text, tc.claim, tc.tolerance, got, tc.want)
		}
	}
}

func FuzzContains(f *testing.F) {
	f.Add("Grantee: Guangzhou Mingde", "Mingde", 0.2)
	f.Add("授权 方", "授权方", 0.0)
	f.Fuzz(func(t *testing.T, text, claim string, tol float64) {
		if len(text) > 4096 || len(claim) > 256 {
			return
		}
		exact := doctext.Contains(text, claim, 0)
		fc := doctext.Fold(claim)
		if want := fc != "" && strings.Contains(doctext.Fold(text), fc); exact != want {
			t.Fatalf("exact Contains(%q, %q) = %v disagrees with Fold", text, claim, exact)
		}
		if exact && tol > 0 && !doctext.Contains(text, claim, tol) {
			t.Fatalf("found exactly but not with tolerance %v", tol)
		}
	})
}

func TestLanguage(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"LETTER OF AUTHORIZATION. Bartech Electronics, the owner of the trademark BARTECH, authorizes Guangzhou Mingde to sell the goods of this brand on AliExpress for the term from 2025-06-01 to 2027-05-31.", "en"},
		{"授权书。巴泰电子（深圳）有限公司授权广州明德电子商务有限公司在速卖通平台销售BARTECH品牌耳机及充电盒，授权期限：2025年6月1日至2027年5月31日。", "zh"},
		{"CARTA DE AUTORIZACIÓN. Bartech Electronics, titular de la marca BARTECH, autoriza a Guangzhou Mingde a vender los productos de la marca en la plataforma AliExpress por el plazo de dos años, con las condiciones que se indican en el contrato.", "es"},
		{"BEVOLLMÄCHTIGUNG. Die Bartech Electronics, Inhaberin der Marke BARTECH, ermächtigt die Guangzhou Mingde, die Waren der Marke auf der Plattform AliExpress zu verkaufen. Die Vollmacht ist nicht übertragbar und gilt für zwei Jahre.", "de"},
		{"상표 사용 허가서. 바텍 전자는 BARTECH 상표의 소유자로서 광저우 밍더 전자상거래 유한회사에 알리익스프레스 플랫폼에서 해당 상표의 제품을 판매할 수 있는 권한을 부여합니다.", "ko"},
		{"委任状。バーテック電子は、商標BARTECHの所有者として、広州明徳電子商務有限公司に対し、アリエクスプレスで本商標の商品を販売する権限を与えます。", "ja"},
		{"Letter of Authorization / 授权书. Bartech Electronics authorizes Guangzhou Mingde to sell the goods of the brand on AliExpress. 巴泰电子授权广州明德电子商务有限公司在速卖通平台销售该品牌产品，期限两年。", "zh"},
		{"BARTECH 12345678", ""},
		{"", ""},
	} {
		if got := doctext.Language(tc.text); got != tc.want {
			t.Errorf("Language(%.40q…) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestExtract(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name, text string
		want       doctext.Facts
	}{
		{"English letter", "LETTER OF AUTHORIZATION\nLicensor (grantor): Bartech Electronics (Shenzhen) Co., Ltd.\nLicensee (grantee): Guangzhou Mingde E-commerce Co., Ltd.\nTrademark: BARTECH, CNIPA registration No. 12345678\nTerm: from June 1, 2025 to 31 May 2027.",
			doctext.Facts{Mark: "BARTECH", Number: "12345678", Office: "CNIPA", Grantor: "Bartech Electronics (Shenzhen) Co., Ltd.", Grantee: "Guangzhou Mingde E-commerce Co., Ltd.", From: d(2025, 6, 1), To: d(2027, 5, 31)}},
		{"Chinese letter", "授权书\n授权方：巴泰电子（深圳）有限公司\n被授权方：广州明德电子商务有限公司\n商标：BARTECH，注册号：12345678\n授权期限：2025年6月1日至2027年5月31日",
			doctext.Facts{Mark: "BARTECH", Number: "12345678", Grantor: "巴泰电子（深圳）有限公司", Grantee: "广州明德电子商务有限公司", From: d(2025, 6, 1), To: d(2027, 5, 31)}},
		{"certificate", "Trademark Registration Certificate\nUnited States Patent and Trademark Office\nReg. No. 5,123,456, class 9\nRegistrant: Bartech Inc.",
			doctext.Facts{Number: "5,123,456", Office: "USPTO", Owner: "Bartech Inc.", Classes: "9"}},
		{"invoice", "INVOICE\nInvoice No. HX20250917\nDate: 2025-09-17\nBuyer: Guangzhou Mingde E-commerce Co., Ltd.",
			doctext.Facts{InvoiceNumber: "HX20250917", Date: d(2025, 9, 17), Buyer: "Guangzhou Mingde E-commerce Co., Ltd."}},
		{"bilingual certificate, labels without colons", "商标注册证\nTrademark Registration Certificate\nChina National Intellectual Property Administration (CNIPA)\nBARTECH\n" +
			"注册号 Registration No. 12345678\n核定使用商品 Goods (class 9) Earphones; headphones\n注册人 Registrant Bartech Electronics (Shenzhen) Co., Ltd.\n巴泰电子（深圳）有限公司\n注册人地址 Address Nanshan District, Shenzhen\n" +
			"申请日期 Filing date 2020-03-02\n注册日期 Registration date 2021-05-14\n有效期至 Valid until 2031-05-13",
			doctext.Facts{Mark: "BARTECH", Number: "12345678", Office: "CNIPA", Owner: "Bartech Electronics (Shenzhen) Co., Ltd.", Registered: d(2021, 5, 14), Expires: d(2031, 5, 13), Classes: "9"}},
		// The mark a certificate prints alone, in capitals, above its number.
		{"a US certificate's mark", "United States of America\nUnited States Patent and Trademark Office\nBAR TECH\nReg. No. 5,123,456",
			doctext.Facts{Mark: "BAR TECH", Number: "5,123,456", Office: "USPTO"}},
		{"two lines in capitals: no mark", "Trademark Registration Certificate\nBARTECH\nBARTECH PRO\nRegistration No. 12345678",
			doctext.Facts{Number: "12345678"}},
		{"a capital line after the number: no mark", "Trademark Registration Certificate\nRegistration No. 12345678\nBARTECH",
			doctext.Facts{Number: "12345678"}},
		{"a letter's heading is no mark", "LETTER OF AUTHORIZATION\nBARTECH\nRegistration No. 12345678",
			doctext.Facts{Number: "12345678"}},
		{"classes", "核定使用商品：第9类、第35类；Classes 9, 35 and 42; class 99", doctext.Facts{Classes: "9, 35, 42"}},
		{"Chinese certificate, a period of validity", "商标注册证\n注册人：巴泰电子（深圳）有限公司\n核准注册日期：2021年5月14日\n注册有效期限：2021年5月14日至2031年5月13日",
			doctext.Facts{Owner: "巴泰电子（深圳）有限公司", Registered: d(2021, 5, 14), Expires: d(2031, 5, 13)}},
		// The term of a grant, not of a registration, an earlier letter or
		// a signature.
		{"a letter with the mark's validity and an old term", "Trademark: BARTECH, valid from 2021-05-14 to 2031-05-13.\nThis letter replaces the authorization valid from 2021-01-01 to 2022-12-31.\n" +
			"Term of authorization: June 01, 2023 to May 31, 2025.", doctext.Facts{Mark: "BARTECH", From: d(2023, 6, 1), To: d(2025, 5, 31)}},
		{"a signing date before the term", "Dated 2022-12-20. Term: 2023-01-01 to 2024-12-31.", doctext.Facts{From: d(2023, 1, 1), To: d(2024, 12, 31)}},
		{"signed, then valid", "Signed on 2022-12-20. This authorization is valid from 2023-01-01 to 2025-12-31.", doctext.Facts{From: d(2023, 1, 1), To: d(2025, 12, 31)}},
		{"a term in Chinese", "有效期：2023年1月1日起至2025年12月31日止", doctext.Facts{From: d(2023, 1, 1), To: d(2025, 12, 31)}},
		// Review 4: a signing date in the term's sentence; a term beside a
		// mark or a renewal clause after it.
		{"a signing date, then the term", "本授权书自2023年5月26日签署，授权期限为2023年6月1日至2025年5月31日。", doctext.Facts{From: d(2023, 6, 1), To: d(2025, 5, 31)}},
		{"effective, then a term", "Effective as of December 20, 2022, the Licensor grants the Licensee, for a term from January 1, 2023 to December 31, 2025, the right.",
			doctext.Facts{From: d(2023, 1, 1), To: d(2025, 12, 31)}},
		{"a term beside the mark", "甲方授权乙方使用第12345678号注册商标，授权期限自2023年1月1日至2025年12月31日。", doctext.Facts{From: d(2023, 1, 1), To: d(2025, 12, 31)}},
		{"renewable", "Term: January 1, 2023 through December 31, 2025, renewable by mutual agreement.", doctext.Facts{From: d(2023, 1, 1), To: d(2025, 12, 31)}},
		{"supersedes", "Term: 2023-01-01 to 2025-12-31, and supersedes any prior authorization.", doctext.Facts{From: d(2023, 1, 1), To: d(2025, 12, 31)}},
		{"two terms: none", "Term: 2023-01-01 to 2023-12-31.\nTerm: 2024-01-01 to 2024-12-31.", doctext.Facts{}},
		{"bilingual letter, labels without colons", "授权方 Licensor 巴泰电子（深圳）有限公司\n被授权方 Licensee 广州明德电子商务有限公司",
			doctext.Facts{Grantor: "巴泰电子（深圳）有限公司", Grantee: "广州明德电子商务有限公司"}},
		{"invoice, runs joined", "INVOICE\nInvoice No. HX-0457 Date: 2023-09-15\nDue date: 2023-10-15",
			doctext.Facts{InvoiceNumber: "HX-0457", Date: d(2023, 9, 15)}},
		{"invoice, a due date first", "Due Date: 2023-10-15 Invoice Date: 2023-09-15", doctext.Facts{Date: d(2023, 9, 15)}},
		{"invoice, in Chinese", "开票日期：2023年9月15日 付款日期：2023年10月15日", doctext.Facts{Date: d(2023, 9, 15)}},
		{"invoice, the date in a column", "INVOICE\nInvoice No. HX20230917        Date: 2023-09-17\nPayment due date: 2023-10-17",
			doctext.Facts{InvoiceNumber: "HX20230917", Date: d(2023, 9, 17)}},
		// Review 3: columns joined, and a date after the number.
		{"two columns", "Registrant: Bartech Electronics (Shenzhen) Co., Ltd. Address: 88 Keyuan Road, Shenzhen\nRegistration No. 12345678 2021.05.14\n" +
			"Licensor (grantor): Bartech Electronics Co., Ltd. Licensee (grantee): Shenzhen Lumen Home Goods Co., Ltd.",
			doctext.Facts{Owner: "Bartech Electronics (Shenzhen) Co., Ltd.", Number: "12345678", Grantor: "Bartech Electronics Co., Ltd.", Grantee: "Shenzhen Lumen Home Goods Co., Ltd."}},
		{"two columns in Chinese", "甲方（授权方）：巴泰电子有限公司 乙方（被授权方）：深圳市流明家居用品有限公司\n注册号：12345678 2021年5月14日",
			doctext.Facts{Grantor: "巴泰电子有限公司", Grantee: "深圳市流明家居用品有限公司", Number: "12345678"}},
		{"a US certificate", "United States Patent and Trademark Office\nReg. No. 5,123,456   Registered Jan. 2, 2018\nInt. Cl.: 9",
			doctext.Facts{Number: "5,123,456", Office: "USPTO", Registered: d(2018, 1, 2), Classes: "9"}},
		{"Nice classes", "Nice classification: 9, 35", doctext.Facts{Classes: "9, 35"}},
		{"labels of two words", "Party A: Bartech Electronics Co., Ltd. Party B: Lumen Co., Ltd.\nBill To: Lumen Co., Ltd. Ship To: Warehouse 3\nSold To: Lumen Co., Ltd.    Invoice Date: 2023-09-15",
			doctext.Facts{Grantor: "Bartech Electronics Co., Ltd.", Grantee: "Lumen Co., Ltd.", Buyer: "Lumen Co., Ltd.", Date: d(2023, 9, 15)}},
		{"a number in groups of three", "Registration No. 018 123 456", doctext.Facts{Number: "018 123 456"}},
		{"two registration dates: none", "Registration date: 2021-05-14\nDate of registration 2021-06-14", doctext.Facts{}},
		{"two grantees: none", "Grantee: A Ltd\nGrantee: B Ltd", doctext.Facts{}},
		{"ambiguous date", "Term: from 01/06/2025 to 31/05/2027", doctext.Facts{}},
	} {
		if got := doctext.Extract(tc.text); got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("Grantee: A Ltd\nTerm: from 2025-06-01 to 2027-05-31")
	f.Add("授权期限：2025年6月1日至2027年5月31日")
	f.Add("Territory: mainland China Term: x. The licensee may not sublicense.")
	f.Add("被授权方可在中华人民共和国境内销售，不得转授权")
	f.Add("The Licensee shall not sell on any platform\nother than Amazon. eBay: no")
	f.Add("除亚马逊平台外，乙方不得在\n其他平台销售；may sell in the U.S. (incl. PR) and Canada")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<14 {
			return
		}
		facts := doctext.Extract(text)
		if !facts.From.IsZero() && !facts.From.Before(facts.To) {
			t.Fatalf("term %v to %v is not in order", facts.From, facts.To)
		}
		for _, d := range doctext.Dates(text) {
			if d.Year() < 1900 || d.Year() > 2200 {
				t.Fatalf("date %v out of range", d)
			}
		}
		// A territory goes into case.yaml and, quoted, into a message:
		// bounded and valid text.
		if n := len(facts.Territory); !utf8.ValidString(facts.Territory) || n > 240 {
			t.Fatalf("territory %q: %d bytes", facts.Territory, n)
		}
		if q := doctext.Quote(facts.Territory); utf8.RuneCountInString(q) > 61 {
			t.Fatalf("quote %q: more than 61 runes", q)
		}
		if denied, granted := doctext.Sublicensing(text); denied != "" && granted != "" {
			t.Fatalf("sublicensing both denied %q and granted %q", denied, granted)
		}
		// Platforms are keys of case.yaml; places of use are quoted.
		for _, p := range doctext.Platforms(text) {
			if _, known := doctext.PlatformName(p); !known {
				t.Fatalf("platform %q has no name", p)
			}
		}
		for _, p := range doctext.PlacesOfUse(text) {
			if !utf8.ValidString(p) || strings.TrimSpace(p) == "" {
				t.Fatalf("place of use %q", p)
			}
		}
		// A platform is named or left out, not both; what leaves it out
		// is quoted, short.
		for _, p := range []string{"amazon", "temu", "aliexpress"} {
			q, left := doctext.LeavesOut(text, p)
			if left && doctext.NamesPlatform(text, p) {
				t.Fatalf("%s both named and left out (%q)", p, q)
			}
			if left && (q == "" || utf8.RuneCountInString(q) > 62) {
				t.Fatalf("%s left out, quoted as %q", p, q)
			}
		}
	})
}
