package english

import "testing"

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 files"}, {1, "1 file"}, {2, "2 files"}} {
		if got := Count(tt.n, "file"); got != tt.want {
			t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestAndOr(t *testing.T) {
	for _, tt := range []struct {
		items   []string
		and, or string
	}{
		{nil, "", ""},
		{[]string{"A"}, "A", "A"},
		{[]string{"A", "B"}, "A and B", "A or B"},
		{[]string{"A", "B", "C"}, "A, B and C", "A, B or C"},
		{[]string{"A", "B", "C", "D"}, "A, B, C and D", "A, B, C or D"},
	} {
		if got := And(tt.items); got != tt.and {
			t.Errorf("And(%q) = %q, want %q", tt.items, got, tt.and)
		}
		if got := Or(tt.items); got != tt.or {
			t.Errorf("Or(%q) = %q, want %q", tt.items, got, tt.or)
		}
	}
}
