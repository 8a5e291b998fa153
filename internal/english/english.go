// Package english holds the small helpers of English messages.
package english

import "fmt"

// Count is n with its noun, plural with "s" unless n is 1: "1 file",
// "2 files", "0 problems".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
