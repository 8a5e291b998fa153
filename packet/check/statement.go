package check

import (
	"strings"

	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
)

// Finding codes about the seller's own words (case.statement).
const (
	// StatementCitesNumber (warning): the statement types an exhibit
	// number ("L-1"); it points at another exhibit as soon as the
	// numbering changes. Cite the file or id instead: [[listing/main.jpg]].
	StatementCitesNumber = "STATEMENT_CITES_NUMBER"
	// StatementCitationUnknown (error): a citation [[...]] names no file or
	// id of the case; the packet would print it as typed.
	StatementCitationUnknown = "STATEMENT_CITATION_UNKNOWN"
)

// statementCitations checks the citations of case.statement.
func statementCitations(in Input) finding.List {
	text := in.Manifest.Case.Statement
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var fs finding.List
	for _, m := range exhibit.Citation.FindAllStringSubmatch(text, -1) {
		if in.Exhibits.Cite(m[1]) == nil {
			fs = append(fs, finding.Finding{Code: StatementCitationUnknown, Severity: finding.Error,
				Message: in.text("statement.unknown", m[0]),
				Hint:    in.text("statement.unknown.hint")})
		}
	}
	seen := map[string]bool{}
	for _, n := range exhibit.BareNumber.FindAllString(exhibit.Citation.ReplaceAllString(text, ""), -1) {
		if seen[n] {
			continue
		}
		seen[n] = true
		hint := in.text("statement.number.hint")
		if e := in.Exhibits.Exhibit(n); e != nil {
			hint = in.text("statement.number.hint.stable", n, strings.Trim(exhibit.StableRef(e), "[]"), exhibit.StableRef(e))
		}
		fs = append(fs, finding.Finding{Code: StatementCitesNumber, Severity: finding.Warning, Exhibit: n,
			Message: in.text("statement.number", n),
			Hint:    hint})
	}
	return fs
}
