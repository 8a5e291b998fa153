package exhibit_test

import (
	"strings"
	"testing"

	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
)

func citeSet() *exhibit.Set {
	m := &manifest.Manifest{
		Listings:   []manifest.Listing{{ID: "1", Images: []manifest.ListingImage{{Path: manifest.Path{Raw: "listing/main.jpg", Rel: "listing/main.jpg"}}}}},
		Photos:     []manifest.Photo{{Path: manifest.Path{Raw: "a.jpg", Rel: "a.jpg"}}},
		Trademarks: []manifest.Trademark{{ID: "TM1", Mark: "BARTECH", Files: []manifest.Path{{Raw: "tm.pdf", Rel: "tm.pdf"}}}},
	}
	items := map[string]*evidence.Item{}
	for _, rel := range []string{"listing/main.jpg", "a.jpg", "tm.pdf"} {
		items[rel] = &evidence.Item{Path: manifest.Path{Rel: rel}}
	}
	return exhibit.Number(m, items)
}

func TestResolveCitations(t *testing.T) {
	set := citeSet()
	for _, tc := range []struct{ in, want string }{
		{"[[listing/main.jpg]] from [[a.jpg]]", "Exhibit L-1 from Exhibit P-1"},
		{"[[ ./a.jpg ]] and [[TM1]]", "Exhibit P-1 and Exhibit T-1"},
		{"[[missing.jpg]] stays", "[[missing.jpg]] stays"},
		{"no citation, P-1 typed", "no citation, P-1 typed"},
	} {
		if got := set.ResolveCitations(tc.in, "Exhibit"); got != tc.want {
			t.Errorf("ResolveCitations(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzResolveCitations(f *testing.F) {
	f.Add("[[listing/main.jpg]] [[TM1]] [[x]] P-1")
	f.Add("[[[[a.jpg]]]]")
	set := citeSet()
	f.Fuzz(func(t *testing.T, text string) {
		out := set.ResolveCitations(text, "Exhibit")
		for _, m := range exhibit.Citation.FindAllStringSubmatch(out, -1) {
			if set.Cite(m[1]) != nil && strings.Count(out, m[0]) > strings.Count(text, m[0]) {
				t.Fatalf("a resolvable citation %q appeared in the output", m[0])
			}
		}
	})
}
