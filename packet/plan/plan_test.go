package plan

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
)

// lengths is a Measurer giving each section a fixed length; grow, when
// set, changes the lengths from one round of Paginate to the next (as a
// cover whose list of page numbers wraps once the numbers are known).
type lengths struct {
	pages  map[Section]int
	calls  int
	rounds int // rounds measured (calls of Hashes, the last section)
	grow   func(round int, s Section) int
}

func (l *lengths) Pages(p *Plan, s Section) int {
	l.calls++
	if s == Hashes {
		defer func() { l.rounds++ }()
	}
	if l.grow != nil {
		return l.grow(l.rounds, s)
	}
	return l.pages[s]
}

// threeExhibits is a case of two photos (P-1, P-2) and a trademark
// certificate of three pages (T-1), numbered as the build numbers them.
func threeExhibits(t *testing.T) *exhibit.Set {
	t.Helper()
	path := func(name string) manifest.Path {
		return manifest.Path{Raw: name, Rel: name, Abs: "/case/" + name}
	}
	m := &manifest.Manifest{
		Case:   manifest.Case{ID: "C-1", Prepared: manifest.NewDate(2024, time.March, 21)},
		Photos: []manifest.Photo{{Path: path("a.jpg")}, {Path: path("b.jpg")}},
		Trademarks: []manifest.Trademark{{ID: "TM1", Mark: "BARTECH", Number: "12345678", Office: "CNIPA",
			Files: []manifest.Path{path("cert.pdf")}}},
	}
	items := map[string]*evidence.Item{}
	for _, name := range []string{"a.jpg", "b.jpg", "cert.pdf"} {
		it := &evidence.Item{Path: path(name), Role: evidence.Photo, Pages: 1}
		if name == "cert.pdf" {
			it.Role, it.Pages = evidence.TrademarkFile, 3
		}
		items[name] = it
	}
	set := exhibit.Number(m, items)
	if got := ids(set.Exhibits); !slices.Equal(got, []string{"P-1", "P-2", "T-1"}) {
		t.Fatalf("exhibits %v, want P-1, P-2, T-1", got)
	}
	return set
}

func ids(es []*exhibit.Exhibit) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// TestPaginate: the front sections take the pages measured, every exhibit
// page follows in exhibit order with its "page k of n", then the appendix.
func TestPaginate(t *testing.T) {
	set := threeExhibits(t)
	p := New(set, Content{})
	m := &lengths{pages: map[Section]int{Cover: 1, Statement: 2, Index: 1, Hashes: 2}}
	p.Paginate([]Section{Cover, Statement, Index}, m)
	want := []SectionPages{{Cover, 1, 1}, {Statement, 2, 2}, {Index, 4, 1}, {Exhibits, 5, 5}, {Hashes, 10, 2}}
	if !slices.Equal(p.Sections, want) {
		t.Errorf("sections %v, want %v", p.Sections, want)
	}
	if p.Total != 11 {
		t.Errorf("total %d pages, want 11", p.Total)
	}
	for i, wantRange := range []string{"5", "6", "7-9"} {
		if got := p.PageRange(set.Exhibits[i]); got != wantRange {
			t.Errorf("%s on pages %q, want %q", set.Exhibits[i].ID, got, wantRange)
		}
	}
	cert := p.Pages(set.Exhibits[2])
	for k, pg := range cert {
		if pg.SourcePage != k+1 || pg.K != k+1 || pg.N != 3 || pg.Number != 7+k {
			t.Errorf("certificate page %d: %+v", k+1, pg)
		}
	}
	if m.rounds != 2 {
		t.Errorf("%d rounds of measuring, want 2 (the second finds nothing changed)", m.rounds)
	}
}

// TestPaginateMeasuresAgain: a section whose length changes once the page
// numbers are known is measured again until nothing changes; one that
// never settles stops after maxPaginations rounds.
func TestPaginateMeasuresAgain(t *testing.T) {
	for _, tt := range []struct {
		name       string
		indexPages func(round int) int
		rounds     int
		index      int // pages of the index at the end
	}{
		{"settles", func(round int) int { return min(round+1, 2) }, 3, 2},
		{"never settles", func(round int) int { return 1 + round%2 }, maxPaginations, 1 + (maxPaginations-1)%2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := New(threeExhibits(t), Content{})
			m := &lengths{grow: func(round int, s Section) int {
				if s == Index {
					return tt.indexPages(round)
				}
				return 1
			}}
			p.Paginate([]Section{Cover, Index}, m)
			if m.rounds != tt.rounds {
				t.Errorf("%d rounds, want %d", m.rounds, tt.rounds)
			}
			if got := p.Sections[1]; got.Section != Index || got.Pages != tt.index {
				t.Errorf("index %+v, want %d pages", got, tt.index)
			}
			if ex := p.Sections[2]; ex.Section != Exhibits || ex.First != 2+tt.index {
				t.Errorf("exhibits %+v, want them after the index", ex)
			}
		})
	}
}

// TestForPart: a split packet numbers each part's pages on their own; an
// exhibit is drawn in its part only, and the other part keeps its numbers.
func TestForPart(t *testing.T) {
	set := threeExhibits(t)
	p := New(set, Content{})
	p.Assign(set.Exhibits[0], 1)
	p.Assign(set.Exhibits[1], 2)
	p.Assign(set.Exhibits[2], 2)
	parts := []string{"C-1-packet-part1-of-2.pdf", "C-1-packet-part2-of-2.pdf"}
	m := &lengths{pages: map[Section]int{Cover: 1, Index: 1, Hashes: 1}}
	first, second := p.ForPart(1, parts), p.ForPart(2, parts)
	first.Paginate([]Section{Cover, Index}, m)
	second.Paginate([]Section{Cover, Index}, m)
	for _, c := range []struct {
		plan   *Plan
		e      int
		in     bool
		pages  string
		total  int
		partOf int
	}{
		{first, 0, true, "3", 4, 1},
		{first, 1, false, "3", 4, 2}, // P-2 is in part 2, on its page 3
		{second, 1, true, "3", 7, 2},
		{second, 2, true, "4-6", 7, 2},
		{second, 0, false, "3", 7, 1},
	} {
		e := set.Exhibits[c.e]
		name := fmt.Sprintf("part %d, %s", c.plan.Part, e.ID)
		if c.plan.InPart(e) != c.in || c.plan.PageRange(e) != c.pages || c.plan.PartOf(e) != c.partOf || c.plan.Total != c.total {
			t.Errorf("%s: in part %v, pages %q, part %d, %d pages in the file; want %v, %q, %d, %d",
				name, c.plan.InPart(e), c.plan.PageRange(e), c.plan.PartOf(e), c.plan.Total, c.in, c.pages, c.partOf, c.total)
		}
	}
	if p.Sections != nil || first.Part != 1 || second.Part != 2 {
		t.Errorf("ForPart changed the plan it was made from, or its part: %v, %d, %d", p.Sections, first.Part, second.Part)
	}
}
