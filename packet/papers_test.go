// The corpus's signed letter has a certificate with a negative serial
// number, which the command reads (see cmd/appealpacket): so do the tests.
//
//go:debug x509negativeserial=1
package packet_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/fixture/paper"
	"appealpacket/internal/ocrtest"
	"appealpacket/internal/pdftest"
	"appealpacket/internal/testcorpus"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
	"appealpacket/packet/doctext"
	"appealpacket/packet/finding"
)

var measure = flag.Bool("measure", false, "TestPapersAgainstCaseYAML: read the scans at every resolution (150, 200, 300 dpi), the README's figures")

// A paper case: one certificate, one letter and one invoice, in English or
// Chinese, whose text is either what case.yaml says or has one thing
// planted that differs.
type paperFacts struct {
	mark, number, owner, grantor, grantee, buyer string
	registered, expires, from, to, invoiceDate   time.Time
	zh                                           bool
	// denial is a line of the letter after its term ("" none): a planted
	// denial of selling on the platform case.yaml gives.
	denial string
}

func englishFacts() paperFacts {
	return paperFacts{mark: "BARTECH", number: "12345678", owner: "Bartech Electronics (Shenzhen) Co., Ltd.",
		grantor: "Bartech Electronics (Shenzhen) Co., Ltd.", grantee: "Guangzhou Mingde E-commerce Co., Ltd.",
		buyer:      "Guangzhou Mingde E-commerce Co., Ltd.",
		registered: date(2021, 5, 14), expires: date(2031, 5, 13),
		from: date(2025, 6, 1), to: date(2027, 5, 31), invoiceDate: date(2025, 9, 17)}
}

func chineseFacts() paperFacts {
	return paperFacts{mark: "BARTECH", number: "12345678", owner: "巴泰电子（深圳）有限公司",
		grantor: "巴泰电子（深圳）有限公司", grantee: "广州明德电子商务有限公司", buyer: "广州明德电子商务有限公司",
		registered: date(2021, 5, 14), expires: date(2031, 5, 13),
		from: date(2025, 6, 1), to: date(2027, 5, 31), invoiceDate: date(2025, 9, 17), zh: true}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func (f paperFacts) day(t time.Time) string {
	if f.zh {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	}
	return t.Format("2006-01-02")
}

// lines returns the text of the three papers.
func (f paperFacts) lines() (cert, letter, invoice []string) {
	if f.zh {
		return []string{"商标注册证", "商标：" + f.mark, "注册号：" + f.number, "注册人：" + f.owner, "核定使用商品：第9类 耳机",
				"注册日期：" + f.day(f.registered), "有效期至：" + f.day(f.expires)},
			withLine([]string{"授权书", "授权方：" + f.grantor, "被授权方：" + f.grantee, "商标：" + f.mark + "，注册号：" + f.number,
				"授权期限：" + f.day(f.from) + "至" + f.day(f.to)}, f.denial),
			[]string{"发票", "发票号码：HX20250917", "日期：" + f.day(f.invoiceDate), "销售方：广州华信贸易有限公司", "购买方：" + f.buyer, "BARTECH 耳机 200 个"}
	}
	return []string{"TRADEMARK REGISTRATION CERTIFICATE", "Mark: " + f.mark, "Registration No.: " + f.number, "Registrant: " + f.owner, "Goods: class 9, earphones",
			"Registration date: " + f.day(f.registered), "Valid until: " + f.day(f.expires)},
		withLine([]string{"LETTER OF AUTHORIZATION", "Grantor: " + f.grantor, "Grantee: " + f.grantee,
			"Trademark: " + f.mark + ", registration No. " + f.number, "Term: from " + f.day(f.from) + " to " + f.day(f.to) + "."}, f.denial),
		[]string{"INVOICE", "Invoice No. HX20250917", "Date: " + f.day(f.invoiceDate), "Seller: Guangzhou Huaxin Trading Co., Ltd.", "Buyer: " + f.buyer, "BARTECH earbuds, 200 pcs"}
}

// withLine is lines with line after them, when it is not empty.
func withLine(lines []string, line string) []string {
	if line == "" {
		return lines
	}
	return append(lines, line)
}

// manifest is case.yaml for the facts, with the papers at the given paths.
func (f paperFacts) manifest(cert, letter, invoice string) string {
	d := func(t time.Time) string { return t.Format("2006-01-02") }
	return fmt.Sprintf(`version: 1
case: {id: C-1, complaint_date: 2026-03-20}
seller: {legal_name: %q}
listings: [{id: "L1", published: 2025-11-02}]
trademarks:
  - {id: TM1, mark: %q, number: %q, office: CNIPA, owner: %q, status: registered, registered: %s, expires: %s, files: [%s]}
authorizations:
  - {id: A1, grantor: %q, grantee: %q, trademarks: [TM1], platforms: [aliexpress], from: %s, to: %s, files: [%s]}
documents:
  - {path: %s, kind: invoice, title: "Purchase invoice", date: %s}
`, f.grantee, f.mark, f.number, f.owner, d(f.registered), d(f.expires), cert, f.grantor, f.grantee, d(f.from), d(f.to), letter, invoice, d(f.invoiceDate))
}

// planted is one thing the papers say differently from case.yaml.
type planted struct {
	name   string
	change func(p *paperFacts) // applied to the papers only
	sev    finding.Severity
	quote  func(p paperFacts) string // what the finding must quote ("" none)
}

// ocrSeverity is a planting's severity when its paper is read by OCR, where
// it differs: a labelled date OCR may have misread is a warning, a text
// layer's an error.
var ocrSeverity = map[string]finding.Severity{"letter's end date": finding.Warning, "certificate's expiry date": finding.Warning}

func plantings(zh bool) []planted {
	other := "Dongguan Qihang Supply Co., Ltd."
	denial := "The Grantee shall not sell the Products on AliExpress."
	if zh {
		other = "东莞启航供应链有限公司"
		denial = "被授权方不得在速卖通平台销售授权产品。"
	}
	return []planted{
		{"grantee", func(p *paperFacts) { p.grantee = other }, finding.Error, func(p paperFacts) string { return other }},
		{"grantor", func(p *paperFacts) { p.grantor = other }, finding.Error, func(p paperFacts) string { return other }},
		{"owner", func(p *paperFacts) { p.owner = other }, finding.Error, func(p paperFacts) string { return other }},
		{"registration number", func(p *paperFacts) { p.number = "12345978" }, finding.Error, func(p paperFacts) string { return "12345978" }},
		{"buyer", func(p *paperFacts) { p.buyer = other }, finding.Error, func(p paperFacts) string { return other }},
		{"letter's end date", func(p *paperFacts) { p.to = date(2026, 5, 31) }, finding.Error, func(p paperFacts) string { return "2026-05-31" }},
		{"certificate's expiry date", func(p *paperFacts) { p.expires = date(2034, 5, 13) }, finding.Error, func(p paperFacts) string { return "2034-05-13" }},
		{"platform denied", func(p *paperFacts) { p.denial = denial }, finding.Warning, func(p paperFacts) string { return strings.TrimRight(denial, ".。") }},
	}
}

// onePerPaper names one planting on each paper (certificate, letter,
// invoice): what a scan is checked for outside -measure.
var onePerPaper = map[string]bool{"registration number": true, "grantee": true, "buyer": true}

// paperFile renders a paper as a text-layer PDF or as a scan.
func paperFile(t *testing.T, lines []string, form string) (string, []byte) {
	t.Helper()
	var (
		b   []byte
		err error
		img *image.Gray
	)
	dpi := 0
	switch form {
	case "pdf":
		return "pdf", madeOnce(t, "paper "+strings.Join(lines, "\n"), func() ([]byte, error) { return paper.PDF(lines) })
	case "scan150.jpg":
		dpi = 150
	case "scan200.jpg", "scan200.pdf":
		dpi = 200
	case "scan300.jpg":
		dpi = 300
	}
	if img, err = paper.Image(lines, dpi); err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(form, ".pdf") {
		b, err = paper.Scan(img)
		return "pdf", must(t, b, err)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return "jpg", buf.Bytes()
}

func must(t *testing.T, b []byte, err error) []byte {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// docFindings checks a paper case and returns its DOC_* findings.
// cacheDir, shared by the cases, keeps the OCR of papers they share.
func docFindings(t *testing.T, claims, papers paperFacts, form, ocr, cacheDir string) finding.List {
	t.Helper()
	cert, letter, invoice := papers.lines()
	files := map[string][]byte{}
	var names []string
	for i, lines := range [][]string{cert, letter, invoice} {
		ext, b := paperFile(t, lines, form)
		name := fmt.Sprintf("paper%d.%s", i, ext)
		files[name] = b
		names = append(names, name)
	}
	dir := caseFiles(t, claims.manifest(names[0], names[1], names[2]), files)
	rep, err := checkCase(context.Background(), dir, packet.Options{OCR: ocr, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	var out finding.List
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Code, "DOC_") {
			out = append(out, f)
		}
	}
	lintFindings(t, out)
	return out
}

// TestPapersAgainstCaseYAML plants one difference at a time between what
// the papers say and what case.yaml claims, in English and Chinese papers,
// as text-layer PDFs and (with Tesseract) as scans at 150-300 dpi: each
// must be found, quoting what the paper says, and the correct papers must
// give no finding.
func TestPapersAgainstCaseYAML(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds cases of papers")
	// Text PDFs always; one kind of scan (every planting of each language
	// read by OCR, 20 s) at the long level (testlevel); every scan
	// resolution with -measure, the figures the README gives (about 2
	// minutes on 2 cores).
	forms := []string{"pdf"}
	var tess *doctext.Tesseract
	if testlevel.Long() || *measure {
		tess = ocrtest.Tesseract(t)
		forms = append(forms, "scan200.pdf")
		if *measure {
			forms = append(forms, "scan150.jpg", "scan300.jpg")
		}
	}
	ocr := "off"
	if tess != nil {
		ocr = tess.Command
	}
	cacheDir := t.TempDir()
	var found, exact, planted, falseAlarms, correct int
	for _, lang := range []string{"en", "zh"} {
		base := englishFacts()
		if lang == "zh" {
			base = chineseFacts()
		}
		for _, form := range forms {
			t.Run(lang+"/"+form+"/correct", func(t *testing.T) {
				correct++
				if fs := docFindings(t, base, base, form, ocr, cacheDir); len(fs) > 0 {
					falseAlarms++
					t.Errorf("correct papers gave findings:\n%v", fs)
				}
			})
			for _, p := range plantings(lang == "zh") {
				if form != "pdf" && !*measure && !onePerPaper[p.name] {
					continue
				}
				t.Run(lang+"/"+form+"/"+p.name, func(t *testing.T) {
					planted++
					papers := base
					p.change(&papers)
					fs := docFindings(t, base, papers, form, ocr, cacheDir)
					flagged, right := false, false
					sev := p.sev
					if s, ok := ocrSeverity[p.name]; ok && form != "pdf" {
						sev = s
					}
					for _, f := range fs {
						if f.Code != "DOC_TEXT_MISMATCH" {
							continue
						}
						flagged = true
						if f.Severity == sev && (p.quote == nil || doctext.Contains(f.Message, p.quote(papers), 0.15)) {
							right = true
						}
					}
					switch {
					case right:
						found++
						exact++
					case flagged && form == "scan150.jpg":
						// At 150 dpi OCR may misread the label ("授权方" as
						// "LA"): the claim is still not found on the paper,
						// a warning, but the other party is not quoted.
						found++
						t.Logf("planted %s found, but not as a %v quoting the paper (OCR at 150 dpi): %v", p.name, sev, fs)
					case flagged:
						found++
						t.Errorf("planted %s found, but not as a %v quoting the paper; findings:\n%v", p.name, sev, fs)
					default:
						t.Errorf("planted %s not found; findings:\n%v", p.name, fs)
					}
				})
			}
		}
	}
	t.Logf("planted mismatches found: %d/%d (%d with the right severity, quoting the paper); correct paper sets with a finding: %d/%d", found, planted, exact, falseAlarms, correct)
}

// TestScansWithoutOCR: scanned papers without OCR are named once in an
// info finding, and nothing is claimed of them.
func TestScansWithoutOCR(t *testing.T) {
	testlevel.SkipIfShort(t, "builds a case of scans")
	t.Parallel()
	f := englishFacts()
	wrong := f
	wrong.grantee = "Dongguan Qihang Supply Co., Ltd."
	fs := docFindings(t, f, wrong, "scan150.jpg", "off", "")
	if len(fs) != 1 || fs[0].Code != "DOC_NOT_READ" || fs[0].Severity != finding.Info || !strings.Contains(fs[0].Message, "T-1, A-1, D-1") {
		t.Errorf("findings %v, want one DOC_NOT_READ note naming T-1, A-1, D-1", fs)
	}
	if len(fs) == 1 && !strings.Contains(fs[0].Hint, "--ocr off") {
		t.Errorf("hint %q does not say OCR was turned off", fs[0].Hint)
	}
}

// A Spanish letter needs a translation on AliExpress; named in case.yaml,
// the translation follows the letter as part of its exhibit, stamped so.
func TestTranslation(t *testing.T) {
	testlevel.SkipIfShort(t, "builds cases with translations")
	t.Parallel()
	spanish := []string{"CARTA DE AUTORIZACIÓN",
		"Otorgante: Bartech Electronics (Shenzhen) Co., Ltd.",
		"Autorizado: Guangzhou Mingde E-commerce Co., Ltd.",
		"Bartech Electronics, titular de la marca BARTECH, autoriza a la empresa",
		"Guangzhou Mingde a vender los productos de la marca en la plataforma",
		"AliExpress por el plazo de dos años, del 2025-06-01 al 2027-05-31,",
		"con las condiciones que se indican en el contrato de distribución."}
	f := englishFacts()
	_, english, _ := f.lines()
	files := map[string][]byte{
		"loa-es.pdf": pdfOf(t, spanish),
		"loa-en.pdf": pdfOf(t, append([]string{"TRANSLATION"}, english[1:]...)),
	}
	letterOnly := fmt.Sprintf(`version: 1
case: {id: C-1, platform: aliexpress, complaint_date: 2026-03-20}
seller: {legal_name: %q}
listings: [{id: "L1", published: 2025-11-02}]
authorizations:
  - {id: A1, grantor: %q, grantee: %q, platforms: [aliexpress], from: 2025-06-01, to: 2027-05-31, files: [loa-es.pdf]%%s}
`, f.grantee, f.grantor, f.grantee)
	for _, tc := range []struct {
		name, extra string
		want        []string
	}{
		{"untranslated", "", []string{"DOC_NEEDS_TRANSLATION"}},
		{"translated", ", translation: loa-en.pdf", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := caseFiles(t, fmt.Sprintf(letterOnly, tc.extra), files)
			rep, err := checkCase(context.Background(), dir, packet.Options{OCR: "off"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, fd := range rep.Findings {
				if strings.HasPrefix(fd.Code, "DOC_") {
					got = append(got, fd.Code)
					if !strings.Contains(fd.Message, "A-1 is in Spanish") {
						t.Errorf("message %q does not say A-1 is in Spanish", fd.Message)
					}
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("DOC_ codes %v, want %v", got, tc.want)
			}
			lintFindings(t, rep.Findings)
			if tc.extra == "" {
				return
			}
			res, err := buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), OCR: "off", Force: true})
			if err != nil {
				t.Fatal(err)
			}
			pdftotext := pdftest.Tool(t, "pdftotext")
			var stamps []string
			for page := 1; page <= res.Pages; page++ {
				text, err := pdftest.PageText(pdftotext, res.PDF, page)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range []string{"Exhibit A-1 · page 1 of 2", "Exhibit A-1, translation · page 2 of 2"} {
					if strings.Contains(text, s) {
						stamps = append(stamps, s)
						if strings.Contains(s, "translation") && !strings.Contains(text, "Translation of") {
							t.Errorf("page %d, the translation, does not say what it translates:\n%s", page, text)
						}
					}
				}
			}
			if len(stamps) != 2 {
				t.Errorf("stamps found %q, want the letter's page, then its translation's", stamps)
			}
		})
	}
}

func pdfOf(t *testing.T, lines []string) []byte {
	t.Helper()
	b, err := paper.PDF(lines)
	return must(t, b, err)
}

// A digitally signed letter's exhibit page says who signed it and that the
// signature verifies, and the letter is embedded in the packet even without
// --attach-originals, so the signature stays checkable (pdfdetach lists it).
func TestSignedPaper(t *testing.T) {
	t.Parallel()
	signed, err := os.ReadFile(testcorpus.Path(t, "digitally_signed_linearized.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	dir := caseFiles(t, baseCase+`authorizations:
  - {id: A1, grantor: "Bartech Ltd", grantee: "Lumen Co., Ltd.", platforms: [aliexpress], from: 2023-01-01, to: 2025-12-31, files: [signed-letter.pdf]}
`, map[string][]byte{"signed-letter.pdf": signed})
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), OCR: "off", Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.NotAttached) > 0 {
		t.Errorf("not attached: %v", res.NotAttached)
	}
	pdftotext := pdftest.Tool(t, "pdftotext")
	found := false
	for page := 1; page <= res.Pages; page++ {
		text, err := pdftest.PageText(pdftotext, res.PDF, page)
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(text), " ")
		if strings.Contains(flat, "Signature by John Doe, 2019-09-27 11:54 UTC") && strings.Contains(flat, "it verifies and covers the whole file") {
			found = true
		}
	}
	if !found {
		t.Errorf("no page says the letter was signed by John Doe and that the signature verifies")
	}
	out, err := exec.Command(pdftest.Tool(t, "pdfdetach"), "-list", res.PDF).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfdetach: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "signed-letter.pdf") {
		t.Errorf("the signed letter is not embedded; pdfdetach -list:\n%s", out)
	}
}
