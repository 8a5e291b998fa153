package initcase

import (
	"appealpacket/packet/pdfsrc"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClassifyName(t *testing.T) {
	tests := []struct {
		rel  string
		want Class
		cue  string // "" when no cue
	}{
		{"certs/tm-bartech-12345678.pdf", Trademark, "tm"},
		{"TrademarkCert.pdf", Trademark, "trademark"},
		{"商标注册证.jpg", Trademark, "商标"},
		{"scans/cert_1.png", Trademark, "cert"},
		{"certs/scan001.pdf", Trademark, "certs"}, // the folder says it
		{"auth/loa-huaxin-lumen.pdf", Authorization, "loa"},
		{"LOA_Bartech2023.PDF", Authorization, "loa"},
		{"Authorization letter.pdf", Authorization, "authoriz"},
		{"品牌授权书.pdf", Authorization, "授权"},
		{"auth/scan.pdf", Authorization, "auth"},
		{"other/invoice-HX20230917.pdf", Invoice, "invoice"},
		{"inv_2023_09.pdf", Invoice, "inv"},
		{"发票.jpg", Invoice, "发票"},
		{"Receipt 17 Sept.pdf", Invoice, "receipt"},
		{"shoot/schedule.pdf", ShootingRecord, "shoot"},
		{"design-draft-v2.pdf", Design, "design"},
		{"wechat chat with supplier.png", Correspondence, "wechat"},
		// The file's own name wins over its folder.
		{"auth/tm-certificate.pdf", Trademark, "tm"},
		{"certs/invoice.pdf", Invoice, "invoice"},
		// Not cues.
		{"certificate_of_insurance.pdf", Other, ""},
		{"business_license.pdf", Other, ""},
		{"company registration.pdf", Other, ""},
		{"IMG_0412.JPG", Other, ""},
		{"atm-receipts.pdf", Invoice, "receipt"}, // "atm" is not "tm"; "receipt" matches inside a word
		{"scan 1.pdf", Other, ""},
		{"investments.pdf", Other, ""}, // "inv" only as a whole word
		{"bottom.pdf", Other, ""},      // "tm" only as a whole word
	}
	for _, tt := range tests {
		c, cue, ok := ClassifyName(tt.rel)
		if c != tt.want || cue != tt.cue || ok != (tt.cue != "") {
			t.Errorf("ClassifyName(%q) = %v, %q, %v; want %v, %q", tt.rel, c, cue, ok, tt.want, tt.cue)
		}
	}
}

func TestClassifyText(t *testing.T) {
	tests := []struct {
		text string
		want Class
		cue  string
	}{
		{"商标注册证\nTrademark Registration Certificate\nRegistrant: Bartech", Trademark, "商标注册证"},
		{"TRADEMARK REGISTRATION CERTIFICATE", Trademark, "trademark registration"},
		{"United States Patent and Trademark Office\nReg. No. 1,234,567", Trademark, "trademark"},
		{"Certificate of Registration\nThe mark shown ...", Trademark, "certificate of registration"},
		{"授权书\nLetter of Authorization\nowner of the trademark BARTECH", Authorization, "授权书"},
		{"LETTER  OF\nAUTHORIZATION\nThe trademark owner ...", Authorization, "letter of authorization"},
		{"L e t t e r of A u t h o r i s a t i o n", Authorization, "letter of authorisation"},
		{"Trademark License Agreement between A and B", Authorization, "trademark license"},
		{"AUTHORIZATION\nWe hereby authorize ...", Authorization, "authorization"},
		{"INVOICE\n发票\nInvoice No. HX20230917\nBARTECH® trademark products", Invoice, "invoice"},
		{"增值税专用发票", Invoice, "发票"},
		{"Ｉｎｖｏｉｃｅ", Invoice, "invoice"}, // full-width
		{"Official receipt", Invoice, "receipt"},
		// No cue.
		{"The Crazy Ones\nOctober 14, 1998", Other, ""},
		{"This certificate of insurance is not an insurance policy. AUTHORIZED REPRESENTATIVE", Other, ""},
		{"Company registration no. 123", Other, ""},
		{"", Other, ""},
	}
	for _, tt := range tests {
		c, cue, ok := ClassifyText(tt.text)
		if c != tt.want || cue != tt.cue || ok != (tt.cue != "") {
			t.Errorf("ClassifyText(%q) = %v, %q, %v; want %v, %q", tt.text, c, cue, ok, tt.want, tt.cue)
		}
	}
}

// TestPDFText reads the text layer of PDFs written like sellers' documents
// (fpdf, Type0 fonts with ToUnicode CMaps, Chinese and English) and
// classifies them.
func TestPDFText(t *testing.T) {
	tests := []struct {
		lines []string
		want  Class
		has   []string
	}{
		{[]string{"商标注册证 Trademark Registration Certificate", "Registration No. 12345678", "注册人 Registrant: Bartech"},
			Trademark, []string{"商标注册证", "Trademark Registration Certificate", "12345678"}},
		{[]string{"授权书 Letter of Authorization", "Licensor: Bartech Electronics (Shenzhen) Co., Ltd.", "owner of the trademark BARTECH"},
			Authorization, []string{"授权书", "Letter of Authorization", "Bartech Electronics (Shenzhen) Co., Ltd."}},
		{[]string{"INVOICE 发票", "Invoice No. HX20230917", "Buyer: Shenzhen Lumen Home Goods Co., Ltd."},
			Invoice, []string{"INVOICE", "发票", "HX20230917"}},
		{[]string{"Studio booking", "2023-10-14, 10:00-16:00"}, Other, []string{"Studio booking"}},
	}
	for _, tt := range tests {
		text, err := pdfsrc.Text(context.Background(), makePDF(t, tt.lines...))
		if err != nil {
			t.Fatalf("%q: %v", tt.lines[0], err)
		}
		for _, h := range tt.has {
			if !strings.Contains(text, h) {
				t.Errorf("text of %q lacks %q:\n%s", tt.lines[0], h, text)
			}
		}
		if c, cue, _ := ClassifyText(text); c != tt.want {
			t.Errorf("%q classified as %v (cue %q), want %v", tt.lines[0], c, cue, tt.want)
		}
	}
	text, err := pdfsrc.Text(context.Background(), makeScanPDF(t))
	if err != nil || strings.TrimSpace(text) != "" {
		t.Errorf("a scan without text: %q, %v; want no text, no error", text, err)
	}
	for _, bad := range [][]byte{nil, []byte("%PDF-1.7\n"), []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer << /Root 1 0 R >>\n%%EOF")} {
		if _, err := pdfsrc.Text(context.Background(), bad); err == nil {
			t.Errorf("pdfsrc.Text(%q) = no error, want one", bad)
		}
	}
}

// TestPDFTextCorpus reads real PDFs of other producers: a PDF/A letter with
// Type1 fonts and ligatures in /Differences, a form made with Acrobat
// Distiller (TrueType, WinAnsi, ToUnicode with a 2-byte code space), an
// AES-256 file with an empty user password, a certificate whose text is in
// form fields. None is a trademark, authorization or invoice.
func TestPDFTextCorpus(t *testing.T) {
	dir := corpusDir(t)
	tests := []struct {
		name string
		has  string
	}{
		{"crazyones_letter_pdfa.pdf", "The misfits. The rebels."},
		{"lu_salary_certificate_160F-2019.pdf", "n° d'identification national"},
		{"acrobat_aes256_empty_user_password.pdf", ""},
		{"certificate_of_insurance_dynamicpdf.pdf", ""},
		{"digitally_signed_linearized.pdf", ""},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join(dir, tt.name))
		if err != nil {
			t.Fatal(err)
		}
		text, err := pdfsrc.Text(context.Background(), data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !strings.Contains(text, tt.has) {
			t.Errorf("%s: text lacks %q:\n%.400s", tt.name, tt.has, text)
		}
		if c, cue, ok := ClassifyText(text); ok {
			t.Errorf("%s: classified as %v by %q, want no cue", tt.name, c, cue)
		}
	}
}
