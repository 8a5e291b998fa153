package check

import (
	"fmt"
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
				Message: fmt.Sprintf("case.statement cites %s, which names no file of the case and no trademark or authorization id", m[0]),
				Hint:    "Write the path of a file as case.yaml names it (e.g. [[listing/main.jpg]]) or the id of a trademark or authorization (e.g. [[TM1]]); the packet prints each citation as the exhibit's current number, with a link."})
		}
	}
	seen := map[string]bool{}
	for _, n := range exhibit.BareNumber.FindAllString(exhibit.Citation.ReplaceAllString(text, ""), -1) {
		if seen[n] {
			continue
		}
		seen[n] = true
		hint := "Cite the file or id instead, in double brackets: the packet prints it as the exhibit's current number."
		if e := in.Exhibits.Exhibit(n); e != nil {
			hint = fmt.Sprintf("Today %s is %s: write %s, which the packet prints as the exhibit's current number.", n, strings.Trim(exhibit.StableRef(e), "[]"), exhibit.StableRef(e))
		}
		fs = append(fs, finding.Finding{Code: StatementCitesNumber, Severity: finding.Warning, Exhibit: n,
			Message: fmt.Sprintf("case.statement types the exhibit number %s, which points at another exhibit as soon as the numbering changes", n),
			Hint:    hint})
	}
	return fs
}
