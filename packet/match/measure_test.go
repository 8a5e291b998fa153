package match

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corona10/goimagehash"
	"golang.org/x/image/webp"

	"appealpacket/internal/testcorpus"
	"appealpacket/internal/testlevel"
)

var measure = flag.Bool("measure", false, "TestRates: the full benchmark set (20 scenes and every corpus photo) instead of the default one")

// The benchmark: originals, and listing pictures made of each by every
// transform (see transforms), and the same made of unrelated pictures.
// Every picture goes through what package collect does before Of: scaled
// to 512 pixels on the long side.
type benchSet struct {
	origNames []string
	origs     []Fingerprint
	origPH    []*goimagehash.ImageHash
	corpus    []bool // an original from the shared corpus
	pics      []benchPic
}

type benchPic struct {
	source string
	kind   int // index in transforms
	own    int // index of its original in origs; -1 for an unrelated picture, -2 for a look-alike
	fp     Fingerprint
	ms     []Match // against each original alone, as package exhibit does
	ph     *goimagehash.ImageHash
	phD    []int // pHash distance to each original
}

// pipeline fingerprints a picture the way package collect does: scaled to
// 512 pixels on the long side first.
func pipeline(img image.Image) Fingerprint { return Of(resizeLong(img, 512)) }

// phThreshold is the usual threshold of a 64-bit perceptual hash, the
// baseline the table compares with.
const phThreshold = 10

func pHash(img image.Image) *goimagehash.ImageHash {
	h, err := goimagehash.PerceptionHash(img)
	if err != nil {
		panic(err)
	}
	return h
}

// benchSize returns how many synthetic scenes and corpus photos make the
// originals (as many again are the unrelated pictures).
func benchSize() (scenes, corpus int) {
	switch {
	case *measure:
		return 20, 1000
	}
	return 6, 4
}

// source is a picture that listing pictures are made of.
type source struct {
	name string
	img  func() image.Image
}

func syntheticSources(first, n int, twin bool) []source {
	var out []source
	for i := first; i < first+n; i++ {
		name := fmt.Sprintf("scene %d", i)
		if twin {
			name = "look-alike of " + name
		}
		out = append(out, source{name, func() image.Image {
			w, h, bg := sceneSpec(i)
			return recompress(scene(uint64(i)+1, w, h, bg, twin), 92) // a camera JPEG, decoded
		}})
	}
	return out
}

// corpusSources returns the shared corpus's photos that image/jpeg or
// x/image/webp decode and that are at least 256 pixels a side, split in two
// halves (alternately), at most n each; none when the corpus is absent.
func corpusSources(t testing.TB, n int) (originals, unrelated []source) {
	dir := testcorpus.Dir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var all []source
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".jpg" && ext != ".jpeg" && ext != ".webp" {
			continue
		}
		if strings.HasPrefix(name, "orientation_landscape_") && name != "orientation_landscape_2.jpg" {
			continue // one photo stored four ways (mirrored, turned): the same original
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if ext == ".webp" {
			cfg, err = webp.DecodeConfig(bytes.NewReader(data))
		}
		if err != nil || min(cfg.Width, cfg.Height) < 256 {
			continue
		}
		decode := func() image.Image {
			var img image.Image
			var err error
			if ext == ".webp" {
				img, err = webp.Decode(bytes.NewReader(data))
			} else {
				img, err = jpeg.Decode(bytes.NewReader(data))
			}
			if err != nil {
				return nil
			}
			return resizeLong(img, 1600) // the camera original is larger; listing pictures are smaller
		}
		if decode() == nil {
			continue
		}
		all = append(all, source{name, decode})
	}
	for i, s := range all {
		if i%2 == 0 && len(originals) < n {
			originals = append(originals, s)
		} else if i%2 == 1 && len(unrelated) < n {
			unrelated = append(unrelated, s)
		}
	}
	return originals, unrelated
}

func buildBench(t *testing.T) *benchSet {
	nScenes, nCorpus := benchSize()
	origSrc := syntheticSources(0, nScenes, false)
	unrelSrc := syntheticSources(1000, nScenes, false)
	twinSrc := syntheticSources(0, nScenes, true)
	if testcorpus.Find() != "" || testcorpus.Required() {
		co, cu := corpusSources(t, nCorpus)
		origSrc, unrelSrc = append(origSrc, co...), append(unrelSrc, cu...)
	} else {
		t.Log("shared corpus absent: synthetic scenes only")
	}
	b := &benchSet{origNames: make([]string, len(origSrc)), origs: make([]Fingerprint, len(origSrc)),
		origPH: make([]*goimagehash.ImageHash, len(origSrc)), corpus: make([]bool, len(origSrc))}
	for i := nScenes; i < len(origSrc); i++ {
		b.corpus[i] = true
	}
	type job struct {
		src source
		own int
	}
	var jobs []job
	for i, s := range origSrc {
		jobs = append(jobs, job{s, i})
	}
	for _, s := range unrelSrc {
		jobs = append(jobs, job{s, -1})
	}
	for _, s := range twinSrc {
		jobs = append(jobs, job{s, -2})
	}
	pics := make([][]benchPic, len(jobs))
	parallel(len(jobs), func(j int) {
		s := jobs[j].src
		img := s.img()
		if jobs[j].own >= 0 {
			b.origNames[jobs[j].own] = s.name
			b.origs[jobs[j].own] = pipeline(img)
			b.origPH[jobs[j].own] = pHash(img)
		}
		src := toRGBA(img)
		for k, tr := range transforms {
			rng := rand.New(rand.NewPCG(uint64(j), uint64(k)))
			l := tr.make(src, rng)
			pics[j] = append(pics[j], benchPic{source: s.name, kind: k, own: jobs[j].own, fp: pipeline(l), ph: pHash(l)})
		}
	})
	b.pics = slices.Concat(pics...)
	parallel(len(b.pics), func(i int) {
		p := &b.pics[i]
		p.ms = make([]Match, len(b.origs))
		p.phD = make([]int, len(b.origs))
		for o := range b.origs {
			p.ms[o], _ = Best(p.fp, b.origs[o:o+1])
			p.phD[o], _ = p.ph.Distance(b.origPH[o])
		}
	})
	return b
}

// parallel runs fn(0..n-1) on GOMAXPROCS goroutines.
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

// outcome of one picture: the originals it is close to.
type outcome int

const (
	right     outcome = iota // its own original only
	wrong                    // another original (and maybe its own)
	missed                   // none
	falseM                   // an unrelated picture close to some original
	clean                    // an unrelated picture close to none
	falseTwin                // a look-alike close to some original
	cleanTwin
)

func (p *benchPic) outcome() outcome {
	return p.outcomeBy(func(o int) bool { return p.ms[o].Close })
}

// pHashOutcome is the outcome had the pHash at phThreshold decided.
func (p *benchPic) pHashOutcome() outcome {
	return p.outcomeBy(func(o int) bool { return p.phD[o] <= phThreshold })
}

func (p *benchPic) outcomeBy(close func(o int) bool) outcome {
	ownClose, otherClose := false, false
	for o := range p.ms {
		if close(o) {
			if o == p.own {
				ownClose = true
			} else {
				otherClose = true
			}
		}
	}
	switch {
	case p.own == -2 && otherClose:
		return falseTwin
	case p.own == -2:
		return cleanTwin
	case p.own < 0 && otherClose:
		return falseM
	case p.own < 0:
		return clean
	case otherClose:
		return wrong
	case ownClose:
		return right
	}
	return missed
}

type tally struct {
	n, right, wrong, missed int
	phRight                 int // had a pHash decided
	un, falseM              int
	twins, falseTwin        int
	own                     []int // own original's distance
}

func (t *tally) add(p *benchPic) {
	switch p.outcome() {
	case right:
		t.right++
	case wrong:
		t.wrong++
	case missed:
		t.missed++
	case falseM:
		t.falseM++
	case falseTwin:
		t.falseTwin++
	}
	if p.own == -2 {
		t.twins++
		return
	}
	if p.own >= 0 {
		if p.pHashOutcome() == right {
			t.phRight++
		}
		t.n++
		t.own = append(t.own, p.ms[p.own].Distance)
		return
	}
	t.un++
}

func pct(a, n int) string {
	return fmt.Sprintf("%d/%d (%.1f %%)", a, n, 100*float64(a)/float64(max(n, 1)))
}

// TestRates runs the benchmark: every transform of every original, of
// every unrelated picture and of every look-alike (the same products in
// other colours, moved a little), each listing picture compared with each
// original alone, as package exhibit does. It logs a table per transform:
// listing pictures matched to their own original only (right), to another
// one (wrong), to none (missed), unrelated pictures and look-alikes matched
// to some original (false), and what a 64-bit pHash (goimagehash) at its
// usual threshold 10 would have got right. It asserts, over all
// transforms, at least 95 % right and at most 1 % false matches of
// unrelated pictures, at most 5 % of look-alikes, and at least 60 % right
// for each transform (few pictures per transform make a noisy rate).
// It runs at the long level (testlevel: 6 scenes and 4 corpus photos as
// originals) or with -measure (20 scenes and every corpus photo, and as
// many again unrelated).
func TestRates(t *testing.T) {
	if raceDetector {
		t.Skip("the benchmark is many times slower under the race detector; TestTable checks concurrent use")
	}
	if !*measure {
		// A measurement (half a minute on 2 cores): the other tests pin the
		// matcher's behaviour on each transform (TestScreenshot, TestTable, ...).
		testlevel.SkipUnlessLong(t, "a measurement of the matching rates (or -measure)")
	}
	start := time.Now()
	b := buildBench(t)
	per := make([]tally, len(transforms))
	var all, synth, corpus tally
	for i := range b.pics {
		p := &b.pics[i]
		per[p.kind].add(p)
		all.add(p)
		switch {
		case p.own >= 0 && b.corpus[p.own], p.own < 0 && !strings.HasPrefix(p.source, "scene ") && !strings.HasPrefix(p.source, "look-alike "):
			corpus.add(p)
		default:
			synth.add(p)
		}
	}
	var s strings.Builder
	fmt.Fprintf(&s, "\n%d originals (%d synthetic scenes, %d corpus photos); %d listing pictures made of them, %d of unrelated pictures, %d of look-alikes; threshold %d; %.0f s\n",
		len(b.origs), len(b.origs)-slicesCount(b.corpus), slicesCount(b.corpus), all.n, all.un, all.twins, Threshold, time.Since(start).Seconds())
	row := "%-34s | %-16s | %-14s | %-14s | %-9s | %-16s | %-14s | %s\n"
	fmt.Fprintf(&s, row, "listing picture", "right", "wrong", "missed", "own: med, max", "false: unrelated", "look-alikes", "pHash right")
	line := func(name string, r tally) {
		fmt.Fprintf(&s, row, name, pct(r.right, r.n), pct(r.wrong, r.n), pct(r.missed, r.n), medMax(r.own), pct(r.falseM, r.un), pct(r.falseTwin, r.twins), pct(r.phRight, r.n))
	}
	for k, tr := range transforms {
		line(tr.name, per[k])
		if r := per[k]; r.right*100 < 60*r.n {
			t.Errorf("%s: right %s, want >= 60 %%", tr.name, pct(r.right, r.n))
		}
	}
	line("all", all)
	line("  synthetic scenes", synth)
	line("  corpus photos", corpus)
	t.Log(s.String())
	if all.right*100 < 95*all.n {
		t.Errorf("right %s, want >= 95 %%", pct(all.right, all.n))
	}
	if all.falseM*100 > all.un {
		t.Errorf("false matches of unrelated pictures %s, want <= 1 %%", pct(all.falseM, all.un))
	}
	if all.falseTwin*100 > 5*all.twins {
		t.Errorf("false matches of look-alikes %s, want <= 5 %%", pct(all.falseTwin, all.twins))
	}
	if testing.Verbose() {
		for i := range b.pics {
			p := &b.pics[i]
			if o := p.outcome(); o == wrong || o == missed || o == falseM || o == falseTwin {
				var ds []string
				for j, m := range p.ms {
					if m.Close || j == p.own {
						ds = append(ds, fmt.Sprintf("%s: %d (luminance %d, detail %d, colour %d)", b.origNames[j], m.Distance, m.parts[0], m.parts[1], m.parts[2]))
					}
				}
				t.Logf("%s of %s: %s; %s", transforms[p.kind].name, p.source, [...]string{"right", "wrong", "missed", "false", "", "false"}[o], strings.Join(ds, "; "))
			}
		}
	}
}

func slicesCount(v []bool) int {
	n := 0
	for _, b := range v {
		if b {
			n++
		}
	}
	return n
}

func medMax(d []int) string {
	if len(d) == 0 {
		return "-"
	}
	d = slices.Sorted(slices.Values(d))
	return fmt.Sprintf("%d, %d", d[len(d)/2], d[len(d)-1])
}
