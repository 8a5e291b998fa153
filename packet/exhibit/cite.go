package exhibit

import (
	"path"
	"regexp"
	"strings"
)

// Citation is how the seller's own words (case.statement) cite evidence
// so that a citation survives renumbering: [[listing/main.jpg]] (a file of
// the case, as case.yaml names it) or [[TM1]], [[AUTH2]] (a trademark's or
// an authorization's id). Group 1 is the reference.
var Citation = regexp.MustCompile(`\[\[\s*([^\[\]\n]{1,300}?)\s*\]\]`)

// BareNumber is an exhibit number typed as such ("L-1", "P-12"): it points
// at another exhibit when the numbering changes.
var BareNumber = regexp.MustCompile(`\b[LPTAD]-[0-9]{1,4}\b`)

// Cite returns the exhibit a citation's reference names: the exhibit
// showing that file (path relative to the case folder, as in case.yaml),
// or the trademark or authorization with that id; nil when none does.
func (p *Set) Cite(ref string) *Exhibit {
	ref = strings.TrimSpace(ref)
	for _, k := range []Kind{Trademark, Authorization} {
		if e := p.byEntry[entry{k, ref}]; e != nil {
			return e
		}
	}
	rel := path.Clean(strings.ReplaceAll(strings.TrimPrefix(ref, "./"), `\`, "/"))
	return p.byFile[rel]
}

// StableRef is the citation that names e whatever its number: the id of
// its trademark or authorization, else its first file.
func StableRef(e *Exhibit) string {
	switch {
	case e.Trademark != nil && e.Trademark.ID != "":
		return "[[" + e.Trademark.ID + "]]"
	case e.Authorization != nil && e.Authorization.ID != "":
		return "[[" + e.Authorization.ID + "]]"
	case len(e.Files) > 0:
		return "[[" + e.Files[0].Path.Rel + "]]"
	}
	return ""
}

// ResolveCitations returns text with each citation replaced by the
// exhibit's current number, written as word ("Exhibit" or "证据") and ID;
// a citation no exhibit answers is left as written (the check reports it).
func (p *Set) ResolveCitations(text, word string) string {
	return Citation.ReplaceAllStringFunc(text, func(c string) string {
		m := Citation.FindStringSubmatch(c)
		if e := p.Cite(m[1]); e != nil {
			return word + " " + e.ID
		}
		return c
	})
}
