package match

import (
	"image"
)

// Fingerprint is what is kept of a picture to compare it with others.
type Fingerprint struct {
	width, height uint32
	tw, th        uint8
	hash          uint64
	thumb         [thumbPixels]uint8
}

// Threshold: Distance <= Threshold means close.
const Threshold = 10

// Of fingerprints an upright picture.
func Of(img image.Image) Fingerprint {
	b := img.Bounds()
	var f Fingerprint
	if b.Empty() {
		return f
	}
	tw, th := thumbSize(b.Dx(), b.Dy())
	f.width, f.height = uint32(b.Dx()), uint32(b.Dy())
	f.tw, f.th = uint8(tw), uint8(th)
	copy(f.thumb[:], thumbnail(img, tw, th))
	f.hash = f.plane().hash(rect{0, 0, 1, 1})
	return f
}

func (f *Fingerprint) plane() *plane {
	return newPlane(f.thumb[:int(f.tw)*int(f.th)], int(f.tw), int(f.th))
}

func (f *Fingerprint) aspect() float64 { return float64(f.width) / float64(f.height) }

// Match is the best original for a listing picture.
type Match struct {
	Index    int
	Distance int
	Close    bool
	Region   Region
}

// Region is where the listing picture was found in the original, in fractions.
type Region struct{ X0, Y0, X1, Y1 float64 }

// listing regions tried (banner-free variants).
var listingRegions = []rect{{0, 0, 1, 1}}

// Best returns the original closest to listing.
func Best(listing Fingerprint, originals []Fingerprint) (Match, bool) {
	if len(originals) == 0 {
		return Match{}, false
	}
	lp := listing.plane()
	type want struct {
		h      uint64
		aspect float64
	}
	var wants []want
	for _, r := range listingRegions {
		wants = append(wants, want{lp.hash(r), listing.aspect() * (r.x1 - r.x0) / (r.y1 - r.y0)})
	}
	m := Match{Index: -1, Distance: 65}
	for i := range originals {
		o := &originals[i]
		if o.width == 0 {
			continue
		}
		op := o.plane()
		for _, w := range wants {
			c := search(op, o.aspect(), w.h, w.aspect)
			if c.d < m.Distance {
				m = Match{Index: i, Distance: c.d, Region: Region{c.r.x0, c.r.y0, c.r.x1, c.r.y1}}
			}
		}
	}
	if m.Index < 0 {
		return Match{Index: 0, Distance: 64}, true
	}
	m.Close = m.Distance <= Threshold
	return m, true
}
