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

	"golang.org/x/image/webp"

	"appealpacket/internal/testcorpus"
)

var measure = flag.Bool("measure", false, "TestRates: the full benchmark set (20 scenes and every corpus photo) instead of the default one")

// The benchmark: originals, and listing pictures made of each by every
// transform (see transforms), and the same made of unrelated pictures.
// Every picture goes through what package evidence does before Of: scaled
// to 512 pixels on the long side.
type benchSet struct {
	origNames []string
	origs     []Fingerprint
	pics      []benchPic
}

type benchPic struct {
	source string
	kind   int // index in transforms
	own    int // index of its original in origs; -1 for an unrelated picture, -2 for a look-alike
	fp     Fingerprint
	ms     []Match // against each original alone, as package exhibit does
}

// pipeline fingerprints a picture the way package evidence does: scaled to
// 512 pixels on the long side first.
func pipeline(img image.Image) Fingerprint { return Of(resizeLong(img, 512)) }

// benchSize returns how many synthetic scenes and corpus photos make the
// originals (as many again are the unrelated pictures).
func benchSize() (scenes, corpus int) {
	switch {
	case *measure:
		return 20, 1000
	case testing.Short():
		return 4, 2
	}
	return 8, 6
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
	b := &benchSet{origNames: make([]string, len(origSrc)), origs: make([]Fingerprint, len(origSrc))}
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
		}
		src := toRGBA(img)
		for k, tr := range transforms {
			rng := rand.New(rand.NewPCG(uint64(j), uint64(k)))
			pics[j] = append(pics[j], benchPic{source: s.name, kind: k, own: jobs[j].own, fp: pipeline(tr.make(src, rng))})
		}
	})
	b.pics = slices.Concat(pics...)
	parallel(len(b.pics), func(i int) {
		p := &b.pics[i]
		p.ms = make([]Match, len(b.origs))
		for o := range b.origs {
			p.ms[o], _ = Best(p.fp, b.origs[o:o+1])
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
	ownClose, otherClose := false, false
	for o, m := range p.ms {
		if m.Close {
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
	un, falseM              int
	twins, falseTwin        int
	own, nearest            []int // own original's distance; an unrelated picture's nearest original's
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
		t.n++
		t.own = append(t.own, p.ms[p.own].Distance)
		return
	}
	t.un++
	d := MaxDistance
	for _, m := range p.ms {
		d = min(d, m.Distance)
	}
	t.nearest = append(t.nearest, d)
}

func pct(a, n int) string {
	return fmt.Sprintf("%d/%d (%.0f %%)", a, n, 100*float64(a)/float64(max(n, 1)))
}

func quartiles(d []int) string {
	if len(d) == 0 {
		return "-"
	}
	d = slices.Sorted(slices.Values(d))
	return fmt.Sprintf("%d, %d, %d", d[0], d[len(d)/2], d[len(d)-1])
}

// TestRates runs the benchmark: every transform of every original and of
// every unrelated picture, each listing picture compared with each
// original alone (as package exhibit does). It logs a table per transform:
// listing pictures matched to their own original only (right), to another
// one (wrong), to none (missed), and unrelated pictures matched to some
// original (false). It asserts at least 95 % right and at most 1 % false
// over all transforms, and at least 75 % right for each (so few pictures
// per transform make a noisy rate). -short runs 4 scenes and 2 corpus
// photos as originals; the default 8 and 6; -measure 20 and every corpus
// photo; as many again are the unrelated pictures.
func TestRates(t *testing.T) {
	start := time.Now()
	b := buildBench(t)
	per := make([]tally, len(transforms))
	var all tally
	for i := range b.pics {
		p := &b.pics[i]
		per[p.kind].add(p)
		all.add(p)
	}
	var s strings.Builder
	fmt.Fprintf(&s, "\n%d originals (%s …), %d listing pictures made of them and %d of unrelated pictures; threshold %d; %.0f s\n",
		len(b.origs), strings.Join(b.origNames[:min(3, len(b.origNames))], ", "), all.n, all.un, Threshold, time.Since(start).Seconds())
	row := "%-34s | %-13s | %-11s | %-11s | %-11s | %-13s | %-13s | %s\n"
	fmt.Fprintf(&s, row, "listing picture", "right", "wrong", "missed", "own: min, median, max", "false (unrelated)", "false (look-alike)", "unrelated nearest: min, median, max")
	for k, tr := range transforms {
		r := per[k]
		fmt.Fprintf(&s, row, tr.name, pct(r.right, r.n), pct(r.wrong, r.n), pct(r.missed, r.n), quartiles(r.own), pct(r.falseM, r.un), pct(r.falseTwin, r.twins), quartiles(r.nearest))
		if r.right*100 < 75*r.n {
			t.Errorf("%s: right %s, want >= 75 %%", tr.name, pct(r.right, r.n))
		}
	}
	fmt.Fprintf(&s, row, "all", pct(all.right, all.n), pct(all.wrong, all.n), pct(all.missed, all.n), quartiles(all.own), pct(all.falseM, all.un), pct(all.falseTwin, all.twins), quartiles(all.nearest))
	t.Log(s.String())
	if all.right*100 < 95*all.n {
		t.Errorf("right %s, want >= 95 %%", pct(all.right, all.n))
	}
	if all.falseM*100 > all.un {
		t.Errorf("false matches %s, want <= 1 %%", pct(all.falseM, all.un))
	}
	if testing.Verbose() {
		for i := range b.pics {
			p := &b.pics[i]
			if o := p.outcome(); o == wrong || o == missed || o == falseM {
				var ds []string
				for j, m := range p.ms {
					ds = append(ds, fmt.Sprintf("%s:%d%v", b.origNames[j], m.Distance, m.parts))
				}
				t.Logf("%s of %s: %v; %s", transforms[p.kind].name, p.source, []string{"right", "wrong", "missed", "false"}[o], strings.Join(ds, " "))
			}
		}
	}
}
