package wording

import (
	"strings"
	"testing"
)

func TestProblems(t *testing.T) {
	tests := []struct {
		s    string
		want string // a part of the only problem; "" for none
	}{
		{"Add a more recent invoice for these goods, dated 2023-09-21 or later.", ""},
		{"If the date was copied wrong, correct the `date:` of DOC1 at case.yaml:42.", ""},
		{"if the date was copied wrong, fix its date:.", "hanging"},
		{"fix to:.", "hanging"},
		{"Letter AUTH1 runs to: 2025-05-31.", ""},
		{"The invoice invoice.pdf is old.", ""}, // a file name, not a word twice
		{"The invoice invoice is old.", "word twice"},
		{"1 trademark certificates are missing.", "plural after one"},
		{"1 trademark certificate is missing; 2 letters are.", ""},
		{"Version 1.5 certificates", ""},
		{"1 day before", ""},
		{"1 days before", "plural after one"},
		{"the file has 1 pages", "plural after one"},
		{"the status is fine, 1 status", ""},
		{`the mark "" is not registered`, "empty quotation"},
		{"the mark %!s(MISSING) is", "unfilled"},
		{"owner <nil>", "unfilled"},
		{"two  spaces", "two spaces"},
		{"a stray space .", "stray"},
		{"", "empty"},
		{"done..", "stray"},
		{`"../a.jpg" uses ".."; reads .jpg .png`, ""},
	}
	for _, tt := range tests {
		got := Problems(tt.s)
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%q: %v, want none", tt.s, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%q: %v, want one %q", tt.s, got, tt.want)
		}
	}
}
