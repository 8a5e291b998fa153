package pdf

import (
	"testing"

	"appealpacket/packet/exhibit"
)

// TestExhibitCounts: the cover's counts agree in number ("1 trademark
// certificate", "2 authorizations").
func TestExhibitCounts(t *testing.T) {
	tests := []struct {
		counts map[exhibit.Kind]int
		want   string
	}{
		{map[exhibit.Kind]int{exhibit.Listing: 6, exhibit.Photo: 1, exhibit.Trademark: 1, exhibit.Authorization: 2, exhibit.Document: 1},
			"6 listing pictures (L), 1 original photo (P), 1 trademark certificate (T), 2 authorizations (A), 1 other document (D)"},
		{map[exhibit.Kind]int{exhibit.Listing: 1, exhibit.Photo: 3, exhibit.Authorization: 1},
			"1 listing picture (L), 3 original photos (P), 0 trademark certificates (T), 1 authorization (A), 0 other documents (D)"},
	}
	for _, tt := range tests {
		if got := exhibitCounts(func(k exhibit.Kind) int { return tt.counts[k] }); got != tt.want {
			t.Errorf("exhibitCounts(%v) = %q, want %q", tt.counts, got, tt.want)
		}
	}
}
