package check

import (
	"slices"
	"strings"
	"testing"

	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
)

// TestPlatformPaperRules: documents.max_age_days (DOC_TOO_OLD),
// invoice.supplier_fields (INVOICE_SUPPLIER_INCOMPLETE, only on papers
// whose text was read) and one_brand_per_submission
// (PACKET_SEVERAL_BRANDS), each with the rule's source in the hint.
func TestPlatformPaperRules(t *testing.T) {
	const fullInvoice = "Commercial Invoice No. 2024-001\nSeller: Huaxin Electronics Ltd., Tel: +86 755 8888 1234\n" +
		"Address: 12 Keji Road, Nanshan District, Shenzhen\nwww.huaxin-elec.com  sales@huaxin-elec.com\nBuyer: Lumen Co., Ltd."
	tests := []struct {
		name     string
		profile  string
		docs     string // the documents: list
		marks    string // the trademarks: list
		text     map[string]string
		want     []string
		wantText []string // in the messages and hints
	}{
		{name: "recent paper", profile: "coupang", docs: "[{path: a.pdf, kind: invoice, date: 2024-01-10}]", want: nil},
		{name: "paper older than 6 months", profile: "coupang", docs: "[{path: a.pdf, kind: invoice, date: 2023-08-01}, {path: b.pdf, date: 2024-02-01}]",
			want: []string{DocTooOld}, wantText: []string{"dated 2023-08-01, 232 days before the complaint of 2024-03-20", "dated 2023-09-19 or later", "the rule: Coupang"}},
		{name: "no rule on paper age", profile: "amazon", docs: "[{path: a.pdf, kind: other, date: 2020-01-01}]", want: nil},
		{name: "invoice shows the supplier", profile: "amazon", docs: "[{path: a.pdf, kind: invoice, date: 2024-01-10}]",
			text: map[string]string{"a.pdf": fullInvoice}, want: nil},
		{name: "invoice without phone and website", profile: "amazon", docs: "[{path: a.pdf, kind: invoice, date: 2024-01-10}]",
			text: map[string]string{"a.pdf": "Invoice No. 7\nSeller: Huaxin Electronics Ltd.\nAddress: 12 Keji Road, Shenzhen"},
			want: []string{InvoiceSupplierIncomplete}, wantText: []string{"shows no supplier phone or website", "the rule: Amazon"}},
		{name: "invoice not read", profile: "amazon", docs: "[{path: a.pdf, kind: invoice, date: 2024-01-10}]", want: nil},
		{name: "two brands", profile: "coupang", marks: "[{id: TM1, mark: BARTECH}, {id: TM2, mark: Lumina}, {id: TM3, mark: \"bartech\"}]",
			want: []string{PacketSeveralBrands}, wantText: []string{"2 brands (BARTECH, Lumina)", "appealpacket build --per-brand"}},
		{name: "two brands where the platform takes them", profile: "aliexpress", marks: "[{id: TM1, mark: BARTECH}, {id: TM2, mark: Lumina}]", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "version: 1\ncase: {id: C-1, platform: " + tt.profile + ", complaint_date: 2024-03-20}\nseller: {legal_name: \"Lumen Co., Ltd.\"}\n"
			if tt.docs != "" {
				text += "documents: " + tt.docs + "\n"
			}
			if tt.marks != "" {
				text += "trademarks: " + tt.marks + "\n"
			}
			m, err := manifest.Parse([]byte(text), "case.yaml")
			if err != nil {
				t.Fatal(err)
			}
			items := map[string]*evidence.Item{}
			for i := range m.Documents {
				m.Documents[i].Path.Rel = m.Documents[i].Path.Raw
				d := m.Documents[i]
				it := &evidence.Item{Path: d.Path, Role: evidence.Document, Format: "PDF"}
				if s, ok := tt.text[d.Path.Raw]; ok {
					it.Text = &doctext.Text{Content: s, Source: doctext.Layer, Pages: 1}
				} else {
					it.Text = &doctext.Text{Scanned: true}
				}
				items[d.Path.Raw] = it
			}
			prof, err := profile.Builtin(tt.profile)
			if err != nil {
				t.Fatal(err)
			}
			in := Input{Manifest: m, Exhibits: exhibit.Number(m, items), Profile: prof}
			var fs finding.List
			fs = append(fs, documentAges(in, prof)...)
			fs = append(fs, invoiceSuppliers(in, prof)...)
			fs = append(fs, brands(in, prof)...)
			var codes []string
			var all strings.Builder
			for _, f := range fs {
				codes = append(codes, f.Code)
				all.WriteString(f.Message + " | " + f.Hint + "\n")
			}
			if !slices.Equal(codes, tt.want) {
				t.Errorf("codes %v, want %v\n%s", codes, tt.want, all.String())
			}
			for _, w := range tt.wantText {
				if !strings.Contains(all.String(), w) {
					t.Errorf("no %q in:\n%s", w, all.String())
				}
			}
		})
	}
}

// TestUnreadScanHint: a scan that gave no text is noted once, and the hint
// says what to do given how the scans were read: install Tesseract when it
// was not found, check without --ocr off when the user turned OCR off,
// scan again when Tesseract ran and read nothing. No hint tells the user
// to install what ran.
func TestUnreadScanHint(t *testing.T) {
	tests := []struct {
		name     string
		ocr      OCRUse
		want     string
		wantNone string
	}{
		{"tesseract not found", OCRNotFound, "Install Tesseract", "--ocr off"},
		{"ocr off", OCROff, "OCR was turned off (--ocr off)", "Install Tesseract"},
		{"tesseract read nothing", OCRUsed, "Tesseract read no text on them. Scan the paper again", "Install Tesseract"},
	}
	m, err := manifest.Parse([]byte("version: 1\ncase: {id: C-1, complaint_date: 2024-03-20}\nseller: {legal_name: \"Lumen Co., Ltd.\"}\n"+
		"documents: [{path: a.pdf, kind: invoice, date: 2024-01-10}, {path: b.pdf, kind: other}]\n"), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*evidence.Item{}
	for i := range m.Documents {
		m.Documents[i].Path.Rel = m.Documents[i].Path.Raw
		items[m.Documents[i].Path.Raw] = &evidence.Item{Path: m.Documents[i].Path, Role: evidence.Document, Format: "PDF", Text: &doctext.Text{Scanned: true}}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := papers(Input{Manifest: m, Exhibits: exhibit.Number(m, items), OCR: tt.ocr})
			if len(fs) != 1 || fs[0].Code != DocNotRead {
				t.Fatalf("findings %v, want one %s", fs, DocNotRead)
			}
			if !strings.Contains(fs[0].Message, "D-1, D-2") {
				t.Errorf("message %q does not name D-1, D-2", fs[0].Message)
			}
			if !strings.Contains(fs[0].Hint, tt.want) || strings.Contains(fs[0].Hint, tt.wantNone) {
				t.Errorf("hint %q: want %q and no %q", fs[0].Hint, tt.want, tt.wantNone)
			}
		})
	}
}
