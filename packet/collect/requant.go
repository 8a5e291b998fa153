package collect

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// A JPEG saved once holds DCT coefficients quantised once: their histogram
// is smooth. A JPEG decoded and saved again (same size, the blocks in
// place: a re-save, a caption, a mirror) holds coefficients that were
// multiples of the first table's divisor q1 before they were divided by
// the second's, q2: when q2 is not a multiple of q1 some bins of the
// histogram collect two first values and their neighbours one (or none),
// a comb with the period q1/gcd(q1, q2) that a camera's single
// compression never makes. requantStats counts the coefficients while the
// picture is decoded; doubleCompression looks for the comb.

// Limits of the search for a first quantisation.
const (
	// requantFreqs is how many coefficients, in zig-zag order from the
	// DC one, are examined per component: the low frequencies, where most
	// coefficients are not zero.
	requantFreqs = 15
	// requantRange bounds the coefficient values counted.
	requantRange = 1024
	// requantMinCount is the count a bin and its neighbours need to be
	// used.
	requantMinCount = 25
	// requantMinBins is how many usable bins a coefficient needs.
	requantMinBins = 6
	// requantMinChi is the least improvement of the fit (a chi-square with
	// one degree of freedom) the comb must bring on a coefficient, and
	// requantMinGain the least share of the histogram's roughness it must
	// explain.
	requantMinChi  = 60
	requantMinGain = 0.5
	// requantMinCoefs is how many coefficients must show a comb.
	requantMinCoefs = 3
)

// zigzagNatural maps the k-th coefficient in zig-zag order to its
// row-major index.
var zigzagNatural = [requantFreqs]int{0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4}

// requantStats counts the quantised coefficients of a JPEG's blocks: for
// the luma and the chroma components (chroma only when Cb and Cr share a
// table), the low-frequency coefficients, with their quantisation.
type requantStats struct {
	// hist[g][f] counts value v at v+requantRange; g is 0 for luma, 1 for
	// chroma.
	hist  [2][requantFreqs][]uint32
	quant [2][requantFreqs]int32
	// mixed is set for a group whose blocks came with different tables.
	mixed  [2]bool
	blocks [2]int
}

// add counts one block (see jpegcodec.BlockFunc).
func (s *requantStats) add(comp int, coef, quant *[64]int32) {
	g := min(comp, 1)
	if comp > 2 {
		return
	}
	if s.blocks[g] == 0 {
		for f, k := range zigzagNatural {
			s.quant[g][f] = quant[k]
			if s.hist[g][f] == nil {
				s.hist[g][f] = make([]uint32, 2*requantRange+1)
			}
		}
	}
	s.blocks[g]++
	for f, k := range zigzagNatural {
		if quant[k] != s.quant[g][f] {
			s.mixed[g] = true
		}
		if v := coef[k]; v >= -requantRange && v <= requantRange {
			s.hist[g][f][v+requantRange]++
		}
	}
}

// combFit is the best comb found on one coefficient.
type combFit struct {
	group, freq int
	q1, q2      int
	chi, gain   float64
	beta        float64
	// crowd is, for a sparse comb (see sparseComb), how many times more
	// values the multiples hold than their neighbourhoods predict; 0 for
	// a comb bestComb fitted (chi, gain and beta are its fit's).
	crowd float64
}

// requantResult is what doubleCompression found.
type requantResult struct {
	// Fits are the coefficients that show a comb, strongest first.
	Fits []combFit
	// Examined counts the coefficients with enough values to be tested.
	Examined int
}

// Double reports a picture saved twice.
func (r requantResult) Double() bool { return len(r.Fits) >= requantMinCoefs }

// String summarises the fits for diagnostics.
func (r requantResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d coefficients:", len(r.Fits), r.Examined)
	for _, f := range r.Fits {
		if f.crowd > 0 {
			fmt.Fprintf(&b, " [g%d f%d q%d→%d crowded ×%.2f]", f.group, f.freq, f.q1, f.q2, f.crowd)
			continue
		}
		fmt.Fprintf(&b, " [g%d f%d q%d→%d χ²%.0f gain %.2f β %.2f]", f.group, f.freq, f.q1, f.q2, f.chi, f.gain, f.beta)
	}
	return b.String()
}

// doubleCompression looks for the comb of a first quantisation in every
// examined coefficient's histogram.
func doubleCompression(s *requantStats) requantResult {
	var r requantResult
	if s == nil {
		return r
	}
	for g := range 2 {
		if s.blocks[g] == 0 || s.mixed[g] {
			continue
		}
		for f := range requantFreqs {
			if g == 1 && f == 0 {
				// The colour's DC coefficient: flat colours (a backdrop, a
				// drawn or noise-free picture) give it peaky histograms
				// whose chance combs a single compression makes too.
				continue
			}
			fit, ok := bestComb(s.hist[g][f], int(s.quant[g][f]), f == 0)
			if ok {
				r.Examined++
			}
			if ok && fit.chi >= requantMinChi && fit.gain >= requantMinGain {
				fit.group, fit.freq = g, f
				r.Fits = append(r.Fits, fit)
				continue
			}
			if f == 0 {
				continue
			}
			if p, ratio, sparse := sparseComb(s.hist[g][f]); sparse {
				if !ok {
					r.Examined++
				}
				q2 := int(s.quant[g][f])
				// chi ranks the fits: a sparse comb is the plainest trace.
				r.Fits = append(r.Fits, combFit{group: g, freq: f, q1: p * q2, q2: q2, chi: math.Inf(1), crowd: ratio})
			}
		}
	}
	sort.Slice(r.Fits, func(i, j int) bool { return r.Fits[i].chi > r.Fits[j].chi })
	return r
}

// bestComb fits, for every first divisor q1 whose comb q2 can show, the
// roughness of the histogram (the log of each bin against the geometric
// mean of its neighbours) with the roughness the comb predicts, and keeps
// the best. ok is false when the histogram has too few usable bins.
func bestComb(hist []uint32, q2 int, signed bool) (best combFit, ok bool) {
	if q2 < 1 || hist == nil {
		return best, false
	}
	// The bins used: c with c-1, c, c+1 all well filled; AC coefficients
	// are folded (|c|) and the peak at 0 is left out.
	count := func(c int) float64 {
		if c < -requantRange || c > requantRange {
			return 0
		}
		if signed {
			return float64(hist[c+requantRange])
		}
		if c == 0 {
			return float64(hist[requantRange])
		}
		c = max(c, -c)
		return float64(hist[requantRange+c]) + float64(hist[requantRange-c])
	}
	lo := 2
	if signed {
		lo = -requantRange + 1
	}
	var bins []int
	for c := lo; c < requantRange; c++ {
		if signed && c == 0 {
			continue
		}
		if count(c-1) >= requantMinCount && count(c) >= requantMinCount && count(c+1) >= requantMinCount {
			bins = append(bins, c)
		}
	}
	if len(bins) < requantMinBins {
		return best, false
	}
	rho := make([]float64, len(bins))
	w := make([]float64, len(bins))
	for i, c := range bins {
		a, b, d := count(c-1), count(c), count(c+1)
		rho[i] = math.Log(b) - (math.Log(a)+math.Log(d))/2
		w[i] = 1 / (1/b + (1/a+1/d)/4)
	}
	// The roughness left by a constant alone (log-concavity).
	chi0 := 0.0
	{
		var sw, swy float64
		for i := range rho {
			sw += w[i]
			swy += w[i] * rho[i]
		}
		m := swy / sw
		for i := range rho {
			chi0 += w[i] * (rho[i] - m) * (rho[i] - m)
		}
	}
	pi := make([]float64, len(bins))
	for q1 := 1; q1 <= max(2*q2, q2+16); q1++ {
		if q1 == q2 || q2%q1 == 0 {
			continue // no comb
		}
		for i, c := range bins {
			pi[i] = math.Log(combLoad(c, q1, q2)) - (math.Log(combLoad(c-1, q1, q2))+math.Log(combLoad(c+1, q1, q2)))/2
		}
		// Weighted regression rho = a + beta*pi.
		var sw, sx, sy, sxx, sxy float64
		for i := range rho {
			sw += w[i]
			sx += w[i] * pi[i]
			sy += w[i] * rho[i]
			sxx += w[i] * pi[i] * pi[i]
			sxy += w[i] * pi[i] * rho[i]
		}
		den := sw*sxx - sx*sx
		if den <= 1e-9*sw*sxx || sxx == 0 {
			continue
		}
		beta := (sw*sxy - sx*sy) / den
		if beta < 0.5 || beta > 1.5 {
			continue
		}
		a := (sy - beta*sx) / sw
		chi1 := 0.0
		for i := range rho {
			d := rho[i] - a - beta*pi[i]
			chi1 += w[i] * d * d
		}
		gain := (chi0 - chi1) / chi0
		if f := (combFit{q1: q1, q2: q2, chi: chi0 - chi1, gain: gain, beta: beta}); !ok || f.chi > best.chi {
			best, ok = f, true
		}
	}
	if !ok {
		return combFit{q2: q2}, true
	}
	return best, true
}

// combLoad is how many multiples of q1 fall into bin c of divisor q2 (a
// value on the edge between two bins counts half in each), at least a
// fifth: the rounding of the pixels spreads values a little.
func combLoad(c, q1, q2 int) float64 {
	// Multiples k*q1 in [(c-½)q2, (c+½)q2], in units of ½.
	lo, hi := (2*c-1)*q2, (2*c+1)*q2 // ×2
	n := 0.0
	// k*q1*2 in [lo, hi]
	kmin := ceilDiv(lo, 2*q1)
	kmax := floorDiv(hi, 2*q1)
	for k := kmin; k <= kmax; k++ {
		v := 2 * k * q1
		if v == lo || v == hi {
			n += 0.5
		} else {
			n++
		}
	}
	return max(n, 0.2)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int) int { return -floorDiv(-a, b) }

// Limits of the search for a sparse comb (see sparseComb).
const (
	// sparseMaxPeriod is the largest ratio q1/q2 looked for.
	sparseMaxPeriod = 6
	// sparseMinPredicted is the least count the multiples' neighbourhoods
	// must hold for a period to be judged.
	sparseMinPredicted = 200
	// sparseMinRatio is how many times more values the multiples must hold
	// than their neighbourhoods predict (1 for a smooth histogram, 3 at
	// most: every value on a multiple). Camera originals stay under 1.7,
	// copies saved again go over 2.3.
	sparseMinRatio = 2.0
	// sparseMinMultiples is how many multiples must each show the excess,
	// so that one peak (a repeated pattern) cannot make a comb alone, and
	// sparseMinShare the share of the usable multiples that must.
	sparseMinMultiples = 4
	sparseMinShare     = 0.8
)

// sparseComb looks for the comb a first divisor that is a multiple of the
// second leaves: the values crowd on the multiples of p = q1/q2 and the
// bins between are almost empty, too empty for bestComb, which needs every
// bin filled. It returns the period whose multiples hold the most excess,
// with the ratio of their counts to what their neighbourhoods predict;
// ok is false when no period shows a comb on enough of its multiples.
// Only AC coefficients are given: a flat backdrop piles the DC
// coefficients of many blocks on one value.
func sparseComb(hist []uint32) (period int, ratio float64, ok bool) {
	count := func(c int) float64 {
		c = max(c, -c)
		if c > requantRange {
			return 0
		}
		if c == 0 {
			return float64(hist[requantRange])
		}
		return float64(hist[requantRange+c]) + float64(hist[requantRange-c])
	}
	for p := 2; p <= sparseMaxPeriod; p++ {
		var on, pred float64
		usable, excess := 0, 0
		for c := p; c < requantRange; c += p {
			n := count(c)
			hood := n + count(c-1) + count(c+1)
			if hood < requantMinCount {
				continue
			}
			usable++
			if n >= 1.5*hood/3 {
				excess++
			}
			on += n
			pred += hood / 3
		}
		if pred < sparseMinPredicted || excess < sparseMinMultiples || float64(excess) < sparseMinShare*float64(usable) {
			continue
		}
		if r := on / pred; r >= sparseMinRatio && r > ratio {
			period, ratio, ok = p, r, true
		}
	}
	return period, ratio, ok
}
