package match

import (
	"math"
	"runtime"
	"sync"
)

// Threshold is the largest Distance that counts as close: a listing picture
// whose best original is farther than this is unmatched
// (LISTING_UNMATCHED). See the package documentation for the rates
// measured at this threshold.
const Threshold = 25

// MaxDistance is the largest Distance: nothing in common.
const MaxDistance = 100

// Match is the original that a listing picture is best explained by.
type Match struct {
	// Index of the best original in the slice given to Best.
	Index int
	// Distance from 0 (the same picture) to MaxDistance (nothing in
	// common): the largest of how unlike the listing picture and the
	// matched region of the original are in luminance, in their details
	// and in colour. See the package documentation for its exact
	// definition.
	Distance int
	// Close is Distance <= Threshold.
	Close bool
	// Region is where the listing picture lies in the original (its
	// content, when that matched better: the picture without its padding
	// bars, or the photo in a screenshot), in the original's frame.
	Region Region
	// Partial reports that the distance was measured on part of the
	// listing picture only, which is clearly closer: its middle (its top
	// and bottom sixths and its corners left out: a banner, badge, price
	// tag or logo there is not in the original), or all of it less the
	// fifth that differs most (text written across it).
	Partial bool
	// Mirrored and Rotation say how the listing picture is turned
	// relative to the original: mirrored left to right (first), then
	// rotated clockwise by Rotation degrees (0, 90, 180 or 270).
	Mirrored bool
	Rotation int

	parts [3]int // the luminance, detail and colour distances
}

// Region is a rectangle in fractions of a picture's width and height, the
// origin at the top left: {0, 0, 1, 1} is the whole picture.
type Region struct{ X0, Y0, X1, Y1 float64 }

// Best finds the original that the listing picture is most likely made
// from, and where. It returns false only if originals is empty; otherwise
// Index is always a valid index into originals. A listing picture or an
// original that is the zero Fingerprint or one flat colour, and a listing
// picture too plain to tell (see the package documentation), match
// nothing (Distance MaxDistance). Ties go to the lower index.
//
// Best is pure and safe for concurrent use. It costs about a millisecond
// per original on one core.
func Best(listing Fingerprint, originals []Fingerprint) (Match, bool) {
	if len(originals) == 0 {
		return Match{}, false
	}
	m := Match{Distance: MaxDistance}
	if listing.IsZero() {
		return m, true
	}
	s := searchers.Get().(*searcher)
	defer searchers.Put(s)
	// The listing picture as a whole, and its content if it has plain
	// margins (padding bars, a screenshot's page around the photo).
	s.lp.set(listing.luma[:int(listing.tw)*int(listing.th)], int(listing.tw), int(listing.th))
	nViews := 0
	for _, r := range []rect{{0, 0, 1, 1}, listing.contentRect()} {
		if nViews > 0 && r == s.views[0].r {
			break
		}
		if s.views[nViews].set(&listing, &s.lp, r, s.scratch) {
			nViews++
		}
	}
	if nViews == 0 {
		return m, true // a flat listing picture
	}
	found := false
	for i := range originals {
		o := &originals[i]
		if o.IsZero() {
			continue
		}
		s.op.set(o.luma[:int(o.tw)*int(o.th)], int(o.tw), int(o.th))
		s.haveOC = false
		// Candidates in order of preference: the whole listing picture,
		// its centre, itself less what differs most; then the same of its
		// content.
		cands := s.cands[:0]
		for j := range nViews {
			c := s.search(&s.op, o.aspect(), s.views[j])
			for k := range c {
				c[k].view = j
			}
			cands = append(cands, c[:]...)
		}
		s.cands = cands
		// Every candidate that may be close, and the closest, gets its
		// second opinions; its Distance is the largest of the three.
		lo := 0
		for j, c := range cands {
			if c.d < cands[lo].d {
				lo = j
			}
		}
		for j := range cands {
			c := &cands[j]
			c.dist = percent(c.d)
			if c.dist <= Threshold || j == lo {
				c.detail, c.colour = s.check(&listing, o, *c)
				c.dist = combine(c.dist, c.detail, c.colour)
			}
		}
		// It is reported by the first candidate at most preferWhole above
		// the lowest Distance (and close if the lowest is): the whole
		// picture unless a part of it is clearly closer.
		low := MaxDistance
		for _, c := range cands {
			low = min(low, c.dist)
		}
		if found && low >= m.Distance {
			continue // an original before it is as close
		}
		limit := min(low+preferWhole, max(Threshold, low))
		var pick cand
		for _, c := range cands {
			if c.dist <= limit {
				pick = c
				break
			}
		}
		found = true
		or := orientations[pick.o]
		m = Match{Index: i, Distance: pick.dist, Region: Region{pick.r.x0, pick.r.y0, pick.r.x1, pick.r.y1},
			Partial: pick.mask != wholeMask, Mirrored: or.mirror, Rotation: 90 * or.rot,
			parts: [3]int{percent(pick.d), pick.detail, pick.colour}}
	}
	m.Close = m.Distance <= Threshold
	return m, true
}

// Table compares each listing picture with each original alone, as
// Best(listings[i], originals[j:j+1]) does, and returns those matches as
// table[i][j]: whether each original is close, not only the closest. It
// shares the work among GOMAXPROCS goroutines.
func Table(listings, originals []Fingerprint) [][]Match {
	out := make([][]Match, len(listings))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(listings)) {
		wg.Go(func() {
			for i := range next {
				row := make([]Match, len(originals))
				for j := range originals {
					row[j], _ = Best(listings[i], originals[j:j+1])
				}
				out[i] = row
			}
		})
	}
	for i := range listings {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// combine is the Distance of a region whose luminance, detail and colour
// distances are d, detail and colour: the largest of them, and no less
// than their sum over 1.8 (a region a little unlike in all three respects
// is as far as one clearly unlike in one).
func combine(d, detail, colour int) int {
	return min(MaxDistance, max(d, detail, colour, int(math.Round(float64(d+detail+colour)/1.8))))
}

// preferWhole is how much farther (in Distance) the whole listing picture
// may be than its centre, or its content without margins, and still be the
// one reported.
const preferWhole = 5

// percent turns a distance in [0, 1] into a Distance.
func percent(d float64) int {
	if !(d < 1) { // 1, +Inf (not measured) or NaN
		return MaxDistance
	}
	return int(math.Round(100 * d))
}
