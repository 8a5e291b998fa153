package exhibit

import (
	"appealpacket/internal/i18n"
	"testing"

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
