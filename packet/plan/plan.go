// Package plan fixes every page number of the packet before anything is
// drawn, so that the statement's links, the index, the outline, the page
// stamps and the spreadsheet all agree. It is the stage after the
// statement: it takes the numbered exhibits (package exhibit), the
// statement, the findings and the chains as values, and asks a Measurer
// (the PDF renderer's layout engine) how many pages the sections of
// variable length take.
//
// The pages and the part of every exhibit are kept in a Layout shared by
// the plans of a split packet's parts: each part paginates its own
// exhibits, and the index of any part says where every exhibit is.
package plan

import (
	"fmt"
	"slices"

	"appealpacket/packet/chain"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
)

// Section names a part of the packet outside the exhibits.
type Section string

const (
	Cover     Section = "Cover"
	Statement Section = "Statement"
	Index     Section = "Index of exhibits"
	Chain     Section = "Authorization chain"
	Timeline  Section = "Timeline"
	Exhibits  Section = "Exhibits"
	Hashes    Section = "Appendix: file hashes"
)

// Page is one page of an exhibit.
type Page struct {
	File       *evidence.Item
	SourcePage int // 1-based page within File (PDFs); 1 for pictures
	Number     int // packet page number
	K, N       int // page K of N within the exhibit
}

// SectionPages records where a section starts and how long it is.
type SectionPages struct {
	Section Section
	First   int
	Pages   int
}

// Content is what a packet says besides its exhibits.
type Content struct {
	Statement string        // the statement's text, citing exhibits by ID
	Findings  finding.List  // what the checks found, shown on the cover
	Chains    *chain.Report // the authorization chains, for the diagram and timeline
}

// Plan is one file of the packet, paginated: the case's exhibits (those of
// its part drawn in it), its sections and every page number.
type Plan struct {
	*exhibit.Set
	Content
	Sections []SectionPages // in packet order; the exhibits sit between Index (or Timeline) and Hashes
	// Part is the part this plan draws, 1-based, and Parts the file names
	// of every part (one name when the packet is not split).
	Part  int
	Parts []string
	Total int // pages in this file

	layout *Layout
}

// Layout is where every exhibit of a packet lies: its part and its pages
// in that part's file.
type Layout struct {
	pages map[*exhibit.Exhibit][]Page
	part  map[*exhibit.Exhibit]int
}

// New returns the plan of a packet in one part, not yet paginated.
func New(set *exhibit.Set, c Content) *Plan {
	return &Plan{Set: set, Content: c, Part: 1, Parts: nil,
		layout: &Layout{pages: map[*exhibit.Exhibit][]Page{}, part: map[*exhibit.Exhibit]int{}}}
}

// Pages returns the pages of an exhibit, in the file of its part.
func (p *Plan) Pages(e *exhibit.Exhibit) []Page { return p.layout.pages[e] }

// First is the page number of the exhibit's first page (0 if it has none).
func (p *Plan) First(e *exhibit.Exhibit) int {
	pg := p.layout.pages[e]
	if len(pg) == 0 {
		return 0
	}
	return pg[0].Number
}

// Last is the page number of the exhibit's last page.
func (p *Plan) Last(e *exhibit.Exhibit) int {
	pg := p.layout.pages[e]
	if len(pg) == 0 {
		return 0
	}
	return pg[len(pg)-1].Number
}

// PageRange formats the exhibit's pages as "7" or "7-9".
func (p *Plan) PageRange(e *exhibit.Exhibit) string {
	first, last := p.First(e), p.Last(e)
	switch {
	case first == 0:
		return ""
	case first == last:
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d-%d", first, last)
}

// PartOf returns the part of a split packet that holds the exhibit (1 when
// not split).
func (p *Plan) PartOf(e *exhibit.Exhibit) int { return max(p.layout.part[e], 1) }

// Assign puts the exhibit in part k of a split packet.
func (p *Plan) Assign(e *exhibit.Exhibit, k int) { p.layout.part[e] = k }

// InPart reports whether the exhibit is drawn in the part p draws.
func (p *Plan) InPart(e *exhibit.Exhibit) bool { return len(p.Parts) <= 1 || p.PartOf(e) == p.Part }

// ForPart returns the plan of part k of parts (1-based), sharing p's
// exhibits and layout: each exhibit is drawn only in its own part.
func (p *Plan) ForPart(k int, parts []string) *Plan {
	c := *p
	c.Part, c.Parts = k, parts
	c.Sections = nil
	return &c
}

// Measurer tells how many pages the sections of variable length take.
// The PDF renderer implements it with the same layout code it draws with.
type Measurer interface {
	Pages(p *Plan, s Section) int
}

// Paginate fixes every page number: the sections in order (cover,
// statement, index, the optional chain and timeline pages, the exhibits, the
// hash appendix), each exhibit page's packet number and its "page k of n".
// The statement must be set before, since its length counts.
//
// For a split packet, each part is paginated on its own (see ForPart): only
// the exhibits of the part get page numbers.
//
// The cover's contents and the index name the pages of the sections, which
// are known only once the sections are measured: the sections are measured
// again with the numbers of the round before, until they no longer change.
func (p *Plan) Paginate(front []Section, m Measurer) {
	for range maxPaginations {
		before := slices.Clone(p.Sections)
		p.paginate(front, m)
		if slices.Equal(before, p.Sections) {
			return
		}
	}
}

// maxPaginations bounds the rounds of Paginate; one that is still not
// stable is caught when the packet is drawn.
const maxPaginations = 4

func (p *Plan) paginate(front []Section, m Measurer) {
	var sections []SectionPages
	next := 1
	for _, s := range front {
		n := max(m.Pages(p, s), 1)
		sections = append(sections, SectionPages{Section: s, First: next, Pages: n})
		next += n
	}
	exhibitsStart := next
	for _, e := range p.Exhibits {
		if !p.InPart(e) {
			continue
		}
		var pages []Page
		var n int
		for _, f := range e.Files {
			n += max(f.Pages, 1)
		}
		k := 0
		for _, f := range e.Files {
			for sp := 1; sp <= max(f.Pages, 1); sp++ {
				k++
				pages = append(pages, Page{File: f, SourcePage: sp, Number: next, K: k, N: n})
				next++
			}
		}
		p.layout.pages[e] = pages
	}
	if next > exhibitsStart {
		sections = append(sections, SectionPages{Section: Exhibits, First: exhibitsStart, Pages: next - exhibitsStart})
	}
	n := max(m.Pages(p, Hashes), 1)
	p.Sections = append(sections, SectionPages{Section: Hashes, First: next, Pages: n})
	p.Total = next + n - 1
}
