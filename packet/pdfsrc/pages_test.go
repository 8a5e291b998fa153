package pdfsrc

import (
	"appealpacket/internal/testlevel"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestPageLimit: a piece of evidence has at most maxPages pages; a longer
// one (a 5,000-page "certificate") is refused at once, not read page by
// page for minutes.
func TestPageLimit(t *testing.T) {
	for _, n := range []int{maxPages, maxPages + 1, 5000} {
		t.Run(fmt.Sprint(n, " pages"), func(t *testing.T) {
			if n > 1000 {
				testlevel.SkipUnlessLong(t, "drawing 5,000 pages takes seconds")
			}
			texts := make([]string, n)
			for i := range texts {
				texts[i] = fmt.Sprint("page ", i+1)
			}
			data := simplePDF(t, "P", texts...)
			start := time.Now()
			s, err := Open(data, "")
			elapsed := time.Since(start)
			switch {
			case n <= maxPages && (err != nil || s.PageCount() != n):
				t.Errorf("Open = %v; want %d pages", err, n)
			case n > maxPages && (!errors.Is(err, ErrInvalidPDF) || !strings.Contains(err.Error(), fmt.Sprintf("%d pages, more than the %d", n, maxPages))):
				t.Errorf("Open = %v; want it refused for its %d pages", err, n)
			}
			t.Logf("%d pages: %v", n, elapsed.Round(time.Millisecond))
			if elapsed > 30*time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}
