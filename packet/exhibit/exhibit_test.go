package exhibit

import (
	"testing"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
	"appealpacket/packet/manifest"
)

func TestExhibitLookups(t *testing.T) {
	m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1}
seller: {legal_name: L}
photos: [{path: a.jpg}]
trademarks: [{id: TM1, files: [tm.pdf]}, {id: TM2, files: [gone.pdf]}, {id: TM3, files: [tm.pdf, a.jpg]}]
authorizations: [{id: TM1, grantor: O, grantee: L, trademarks: [TM1], files: [loa.pdf]}]
`), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*evidence.Item{}
	resolve := func(p *manifest.Path) {
		if p.Raw == "gone.pdf" {
			return // not collected: no exhibit
		}
		p.Rel = p.Raw
		items[p.Rel] = &evidence.Item{Path: *p}
	}
	resolve(&m.Photos[0].Path)
	for i := range m.Trademarks {
		for j := range m.Trademarks[i].Files {
			resolve(&m.Trademarks[i].Files[j])
		}
	}
	resolve(&m.Authorizations[0].Files[0])
	p := Number(m, items)
	id := func(e *Exhibit) string {
		if e == nil {
			return ""
		}
		return e.ID
	}
	for _, tt := range []struct {
		got, want string
	}{
		{id(p.ExhibitFor(Trademark, "TM1")), "T-1"},
		{id(p.ExhibitFor(Trademark, "TM2")), ""}, // no file collected
		{id(p.ExhibitFor(Trademark, "TM3")), "T-2"},
		{id(p.ExhibitFor(Authorization, "TM1")), "A-1"}, // same ID, other kind
		{id(p.ExhibitFor(Authorization, "AUTH9")), ""},
		{id(p.ExhibitOfFile("a.jpg")), "P-1"},  // the first exhibit showing it
		{id(p.ExhibitOfFile("tm.pdf")), "T-1"}, // shown by T-1 and T-2
		{id(p.ExhibitOfFile("loa.pdf")), "A-1"},
		{id(p.ExhibitOfFile("gone.pdf")), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestMessagesComplete: every exhibit title is in both languages.
func TestMessagesComplete(t *testing.T) { i18n.CheckComplete(t, messages) }

// TestTitlesInTheCaseLanguage: exhibit titles follow case.language, with
// the names and numbers the seller typed left as they are.
func TestTitlesInTheCaseLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"Listing 100, picture 1: Earbuds", "a.jpg: studio", "Trademark BARTECH, CNIPA No. 123", "Authorization O → L", "Invoice: HX1", "Document: b.pdf"}},
		{"zh", []string{"商品 100 图片 1：Earbuds", "a.jpg：studio", "商标 BARTECH，CNIPA 第 123 号", "授权书 O → L", "发票：HX1", "文件：b.pdf"}},
	} {
		m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1, language: `+tt.lang+`}
seller: {legal_name: L}
listings: [{id: "100", title: Earbuds, images: [l.jpg]}]
photos: [{path: a.jpg, note: studio}]
trademarks: [{id: TM1, mark: BARTECH, office: CNIPA, number: "123", files: [tm.pdf]}]
authorizations: [{id: A1, grantor: O, grantee: L, trademarks: [TM1], files: [loa.pdf]}]
documents: [{path: i.pdf, kind: invoice, title: HX1}, {path: b.pdf, kind: other}]
`), "case.yaml")
		if err != nil {
			t.Fatal(err)
		}
		items := map[string]*evidence.Item{}
		for _, p := range []*manifest.Path{&m.Listings[0].Images[0].Path, &m.Photos[0].Path, &m.Trademarks[0].Files[0],
			&m.Authorizations[0].Files[0], &m.Documents[0].Path, &m.Documents[1].Path} {
			p.Rel = p.Raw
			items[p.Rel] = &evidence.Item{Path: *p}
		}
		set := Number(m, items)
		if len(set.Exhibits) != len(tt.want) {
			t.Fatalf("%s: %d exhibits, want %d", tt.lang, len(set.Exhibits), len(tt.want))
		}
		for i, e := range set.Exhibits {
			if e.Title != tt.want[i] {
				t.Errorf("%s: %s titled %q, want %q", tt.lang, e.ID, e.Title, tt.want[i])
			}
		}
	}
}
