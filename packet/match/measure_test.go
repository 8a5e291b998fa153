package match

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
)

const numScenes = 20

// synth is the synthetic test set: originals and their listing variants,
// fingerprinted.
type synth struct {
	origs    []Fingerprint
	listings [][]Fingerprint // [kind][scene]
	// dist[kind][scene][orig] is the distance of the listing picture to
	// each original alone.
	dist [][][]Match
}

var (
	synthOnce sync.Once
	synthSet  *synth
)

func sceneSpec(i int) (w, h, bg int) {
	w, h = 1600, 1200
	switch i % 5 {
	case 3:
		w, h = 1200, 1600
	case 4:
		w, h = 1600, 1600
	}
	// Mostly the same white studio: different products on the same
	// background is the hard case.
	bg = []int{0, 0, 1, 0, 2, 0, 3, 1, 0, 0}[i%10]
	return w, h, bg
}

func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	ch := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range ch {
				fn(i)
			}
		})
	}
	for i := range n {
		ch <- i
	}
	close(ch)
	wg.Wait()
}

func buildSynth() *synth {
	s := &synth{origs: make([]Fingerprint, numScenes), listings: make([][]Fingerprint, len(variantKinds))}
	for k := range s.listings {
		s.listings[k] = make([]Fingerprint, numScenes)
	}
	parallel(numScenes, func(i int) {
		w, h, bg := sceneSpec(i)
		img := recompress(scene(uint64(i)+1, w, h, bg), 92) // a camera JPEG, decoded
		s.origs[i] = Of(img)
		for k, v := range variantKinds {
			rng := rand.New(rand.NewPCG(uint64(i), uint64(k)))
			s.listings[k][i] = Of(v.make(img, rng))
		}
	})
	s.dist = make([][][]Match, len(variantKinds))
	for k := range s.dist {
		s.dist[k] = make([][]Match, numScenes)
	}
	parallel(len(variantKinds)*numScenes, func(j int) {
		k, i := j/numScenes, j%numScenes
		row := make([]Match, numScenes)
		for o := range s.origs {
			m, _ := Best(s.listings[k][i], s.origs[o:o+1])
			m.Index = o
			row[o] = m
		}
		s.dist[k][i] = row
	})
	return s
}

func getSynth() *synth {
	synthOnce.Do(func() { synthSet = buildSynth() })
	return synthSet
}

type rates struct {
	n, miss, falseMatch int
	own, other          []int // distances to own original, best distance to others
}

// evaluate computes, for one variant kind, the miss rate (own original not
// the best or not close) with all originals present, and the false-match
// rate (some other original close) with the own original left out.
func (s *synth) evaluate(k, threshold int) rates {
	var r rates
	for i, row := range s.dist[k] {
		r.n++
		own := row[i].Distance
		other := 65
		for o, m := range row {
			if o != i {
				other = min(other, m.Distance)
			}
		}
		r.own = append(r.own, own)
		r.other = append(r.other, other)
		if own > threshold || other < own {
			r.miss++
		}
		if other <= threshold {
			r.falseMatch++
		}
	}
	return r
}

func pct(a, n int) string { return fmt.Sprintf("%d/%d (%.0f %%)", a, n, 100*float64(a)/float64(max(n, 1))) }

func summary(d []int) string {
	d = append([]int(nil), d...)
	sort.Ints(d)
	return fmt.Sprintf("min %2d med %2d max %2d", d[0], d[len(d)/2], d[len(d)-1])
}

func TestMeasure(t *testing.T) {
	s := getSynth()
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-28s %-14s %-14s %-22s %-22s\n", "variant", "miss", "false match", "own original", "best unrelated")
	for k, v := range variantKinds {
		r := s.evaluate(k, Threshold)
		fmt.Fprintf(&b, "%-28s %-14s %-14s %-22s %-22s\n", v.name, pct(r.miss, r.n), pct(r.falseMatch, r.n), summary(r.own), summary(r.other))
	}
	t.Log(b.String())
}
