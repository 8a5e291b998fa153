// Package english holds the small helpers of English messages.
package english

import (
	"fmt"
	"strings"
)

// Count is n with its noun, plural with "s" unless n is 1: "1 file",
// "2 files", "0 problems".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// And lists items as an English sentence does: "A", "A and B",
// "A, B and C"; "" for none.
func And(items []string) string { return series(items, " and ") }

// Or lists items as alternatives: "A", "A or B", "A, B or C".
func Or(items []string) string { return series(items, " or ") }

func series(items []string, last string) string {
	if len(items) <= 2 {
		return strings.Join(items, last)
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}
