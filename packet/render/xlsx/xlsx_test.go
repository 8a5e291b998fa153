package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"appealpacket/internal/i18n"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// TestMessagesComplete: every word of the workbook is in both languages.
func TestMessagesComplete(t *testing.T) { i18n.CheckComplete(t, messages) }

// TestLanguage: a zh case's workbook has Chinese sheet names and
// bilingual headers, every one in the catalogue; an English one keeps its
// English names.
func TestLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang       string
		sheets     []string
		header     string // A1 of the first sheet
		photoTaken string // H1 of the photos
	}{
		{"en", []string{"Exhibits", "Photos", "Trademarks", "Authorizations", "Hashes", "Findings"}, "Exhibit", "DateTimeOriginal"},
		{"zh", []string{"证据", "照片", "商标", "授权书", "哈希值", "检查结果"}, "证据 Exhibit", "拍摄时间 DateTimeOriginal"},
	} {
		m := &manifest.Manifest{}
		m.Case.ID, m.Case.Language = "C-1", tt.lang
		p := &plan.Plan{Set: &exhibit.Set{Manifest: m}}
		var b bytes.Buffer
		if err := Render(p, &b, Options{FindingsSheet: true}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(tt.sheets, ",") {
			t.Errorf("%s: sheets %v, want %v", tt.lang, got, tt.sheets)
		}
		for _, name := range tt.sheets {
			rows, err := f.GetRows(name)
			if err != nil || len(rows) == 0 {
				t.Fatalf("%s: sheet %s: %v", tt.lang, name, err)
			}
			for _, h := range rows[0] {
				if strings.HasPrefix(h, "[") {
					t.Errorf("%s: sheet %s: header %s is not in the catalogue", tt.lang, name, h)
				}
			}
		}
		if v, _ := f.GetCellValue(tt.sheets[0], "A1"); v != tt.header {
			t.Errorf("%s: A1 = %q, want %q", tt.lang, v, tt.header)
		}
		if v, _ := f.GetCellValue(tt.sheets[1], "H1"); v != tt.photoTaken {
			t.Errorf("%s: photos H1 = %q, want %q", tt.lang, v, tt.photoTaken)
		}
		f.Close()
	}
}

func TestSheetRef(t *testing.T) {
	for in, want := range map[string]string{"Hashes": "Hashes", "哈希值": "'哈希值'", "a b": "'a b'", "it's": "'it''s'"} {
		if got := sheetRef(in); got != want {
			t.Errorf("sheetRef(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSourceLinks: a photo that is not its camera's original file is not
// called the original of the listing picture made from it, and each of
// several links gives its own distance.
func TestSourceLinks(t *testing.T) {
	p := handPlan("en")
	l1, p1, p2 := p.Exhibit("L-1"), p.Exhibit("P-1"), p.Exhibit("P-2")
	l1.Comparison = &exhibit.Comparison{Compared: true, Origins: []exhibit.Origin{
		{Original: p1, How: exhibit.Matched, Distance: 7}, {Original: p2, How: exhibit.Matched, Distance: 4}}}
	tr := func(key string, args ...any) string { return messages.Text(i18n.English, key, args...) }
	for _, tt := range []struct {
		e         *exhibit.Exhibit
		copyPhoto bool
		want      string
		closest   any
	}{
		{l1, false, "made from P-1 (matched, distance 7); made from P-2 (matched, distance 4)", 4},
		{p1, false, "original of L-1 (matched)", 7},
		{p2, true, "L-1 made from it (matched)", 4},
	} {
		got, closest := sourceLinks(p, tt.e, tt.copyPhoto, tr)
		if got != tt.want || closest != tt.closest {
			t.Errorf("%s: %q, %v; want %q, %v", tt.e.ID, got, closest, tt.want, tt.closest)
		}
	}
}
