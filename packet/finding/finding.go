// Package finding defines what every check of a case produces: a finding
// with a stable code, a severity, the exhibit it concerns, a message in
// words a seller understands and a hint of what to do about it.
package finding

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity orders findings: errors block a build, warnings may sink an
// appeal, infos are worth knowing.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// MarshalText writes the severity as "error", "warning" or "info".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one result of checking a case.
type Finding struct {
	Code     string   `json:"code"`     // stable, e.g. "AUTH_EXPIRED"
	Severity Severity `json:"severity"` // error, warning or info
	Exhibit  string   `json:"exhibit"`  // exhibit ID ("A-2") or manifest ID ("TM1"), "" for the case as a whole
	File     string   `json:"file,omitempty"`
	Where    string   `json:"where,omitempty"` // "case.yaml:12:5" when a manifest field is at fault
	Message  string   `json:"message"`
	Hint     string   `json:"hint"`
	// Due is the appeal's due date (YYYY-MM-DD) on the findings about the
	// appeal's deadline (APPEAL_DEADLINE, _SOON, _PASSED).
	Due string `json:"due,omitempty"`
}

func (f Finding) String() string {
	s := f.Severity.String() + " " + f.Code
	if f.Exhibit != "" {
		s += " [" + f.Exhibit + "]"
	}
	s += ": " + f.Message
	if f.Where != "" {
		s += " (" + f.Where + ")"
	}
	return s
}

// List is a case's findings.
type List []Finding

// Add appends a finding built from its parts.
func (l *List) Add(sev Severity, code, exhibit, hint, format string, args ...any) {
	*l = append(*l, Finding{Code: code, Severity: sev, Exhibit: exhibit, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Count returns how many findings have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, f := range l {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Blocking reports whether any finding is an error.
func (l List) Blocking() bool { return l.Count(Error) > 0 }

// Codes returns the codes in order, for tests and summaries.
func (l List) Codes() []string {
	out := make([]string, len(l))
	for i, f := range l {
		out[i] = f.Code
	}
	return out
}

// Sort orders findings by severity (errors first), then exhibit, then code,
// keeping the order of equal findings.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(reminder(a.Code), reminder(b.Code)),
			cmp.Compare(a.Exhibit, b.Exhibit), cmp.Compare(a.Code, b.Code))
	})
}

// reminder ranks the findings that list work left to do (fields of
// case.yaml still TODO) after the real problems of their severity, which a
// seller must see first.
func reminder(code string) int {
	if code == "MANIFEST_INCOMPLETE" {
		return 1
	}
	return 0
}
