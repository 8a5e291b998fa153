package check

import (
	"strings"
	"testing"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
)

func TestMessagesComplete(t *testing.T) {
	i18n.CheckComplete(t, messages)
	i18n.CheckComplete(t, fieldHelpCatalog())
}

func TestSpanPlural(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		lang i18n.Lang
		want string
	}{
		{time.Minute, i18n.English, "1 minute"},
		{5 * time.Minute, i18n.English, "5 minutes"},
		{3 * time.Hour, i18n.English, "3 hours"},
		{72 * time.Hour, i18n.English, "3 days"},
		{72 * time.Hour, i18n.Chinese, "3 天"},
		{time.Minute, i18n.Chinese, "1 分钟"},
	} {
		if got := span(Input{Lang: tc.lang}, tc.d); got != tc.want {
			t.Errorf("span(%v, %v) = %q, want %q", tc.lang, tc.d, got, tc.want)
		}
	}
}

func TestSeries(t *testing.T) {
	for _, tc := range []struct {
		lang  i18n.Lang
		items []string
		key   string
		want  string
	}{
		{i18n.English, []string{"phone"}, "list.or", "phone"},
		{i18n.English, []string{"phone", "address", "email"}, "list.or", "phone, address or email"},
		{i18n.Chinese, []string{"电话", "地址", "电子邮箱"}, "list.and", "电话、地址和电子邮箱"},
		{i18n.Chinese, nil, "list.and", ""},
	} {
		if got := series(tc.lang, tc.items, tc.key); got != tc.want {
			t.Errorf("series(%v, %q) = %q, want %q", tc.lang, tc.items, got, tc.want)
		}
	}
}

// TestPaperMismatchWording: a claim the paper's text does not show, read
// from a text layer or by OCR, in both languages; the OCR advice is said
// once.
func TestPaperMismatchWording(t *testing.T) {
	it := &evidence.Item{Path: manifest.Path{Rel: "auth/loa.pdf"}}
	e := &exhibit.Exhibit{ID: "A-1", Files: []*evidence.Item{it}}
	c := claim{what: "grantee", field: "grantee", value: "Bartech Store"}
	for _, tc := range []struct {
		ocr        bool
		lang       i18n.Lang
		msg, hint  string
		ocrAdvices int
	}{
		{false, i18n.English, `A-1 does not show the grantee "Bartech Store" that case.yaml gives (searched in its text layer)`, "Check that A-1 is the right paper", 0},
		{true, i18n.English, `A-1 does not show the grantee "Bartech Store" that case.yaml gives (searched in its text, read by OCR)`, "Check that A-1 is the right paper", 1},
		{true, i18n.Chinese, `A-1 上没有 case.yaml 所写的被授权方 "Bartech Store"（在 OCR 识别的文字中查找）`, "请确认 A-1 是正确的文件", 1},
	} {
		p := &paper{e: e, text: "nothing relevant", ocr: tc.ocr, lang: tc.lang}
		f, ok := p.check(c)
		if ok {
			t.Fatalf("ocr %v: the claim was found", tc.ocr)
		}
		if f.Message != tc.msg || !strings.HasPrefix(f.Hint, tc.hint) {
			t.Errorf("ocr %v, %v: %q / %q", tc.ocr, tc.lang, f.Message, f.Hint)
		}
		if n := strings.Count(f.Hint, "OCR"); n != tc.ocrAdvices {
			t.Errorf("ocr %v, %v: the hint names OCR %d times, want %d: %q", tc.ocr, tc.lang, n, tc.ocrAdvices, f.Hint)
		}
	}
}
