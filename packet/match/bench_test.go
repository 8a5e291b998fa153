package match

import (
	"image"
	"math/rand/v2"
	"sync"
	"testing"
)

// benchPicture is a 1600×1200 scene as image/jpeg decodes it (*image.YCbCr).
func benchPicture(b *testing.B) image.Image {
	b.Helper()
	w, h, bg := sceneSpec(1)
	return recompress(scene(2, w, h, bg, false), 90)
}

// BenchmarkOf fingerprints a 1600×1200 JPEG-decoded picture.
func BenchmarkOf(b *testing.B) {
	img := benchPicture(b)
	b.ReportAllocs()
	for b.Loop() {
		Of(img)
	}
}

// BenchmarkOf512 fingerprints what package collect gives Of: a 512×384
// *image.RGBA.
func BenchmarkOf512(b *testing.B) {
	img := resizeLong(benchPicture(b), 512)
	b.ReportAllocs()
	for b.Loop() {
		Of(img)
	}
}

// BenchmarkBest compares one listing picture with one original.
func BenchmarkBest(b *testing.B) {
	img := benchPicture(b)
	orig := []Fingerprint{pipeline(img)}
	listing := pipeline(squareListing(img, rand.New(rand.NewPCG(1, 2))))
	b.ReportAllocs()
	for b.Loop() {
		Best(listing, orig)
	}
}

var case60x40 struct {
	once     sync.Once
	origs    []Fingerprint
	listings []Fingerprint
}

// BenchmarkCase60x40 matches 60 listing pictures against 40 originals from
// their fingerprints, each listing picture with each original alone (as
// package exhibit does), on GOMAXPROCS goroutines: a large case. The
// originals are 40 scenes (800×600 and the like); the listing pictures are
// made of 30 of them by every transform of the benchmark in turn (see
// transforms), 30 more of unrelated scenes.
func BenchmarkCase60x40(b *testing.B) {
	setupCase60x40()
	c := &case60x40
	cpu := cpuTime()
	for b.Loop() {
		parallel(len(c.listings), func(i int) {
			for o := range c.origs {
				Best(c.listings[i], c.origs[o:o+1])
			}
		})
	}
	if t := cpuTime() - cpu; t > 0 {
		b.ReportMetric(t.Seconds()/float64(b.N), "cpu-s/op")
	}
}

// setupCase60x40 makes the fingerprints of the 60×40 case, once.
func setupCase60x40() {
	c := &case60x40
	c.once.Do(func() {
		c.origs = make([]Fingerprint, 40)
		c.listings = make([]Fingerprint, 60)
		parallel(100, func(i int) {
			seed := i // listing i is made of original i-40
			switch {
			case i >= 70:
				seed = 1000 + i // unrelated
			case i >= 40:
				seed = i - 40
			}
			w, h, bg := sceneSpec(seed)
			img := toRGBA(recompress(scene(uint64(seed)+1, w/2, h/2, bg, false), 92))
			switch {
			case i < 40:
				c.origs[i] = pipeline(img)
			default:
				k := (i - 40) % len(transforms)
				c.listings[i-40] = pipeline(transforms[k].make(img, rand.New(rand.NewPCG(uint64(i), 7))))
			}
		})
	})
}

// TestCaseCPU measures the CPU time of the 60×40 case on one goroutine
// (go test -run TestCaseCPU -v -measure): what it costs whatever else the
// machine is doing. It asserts nothing, so it runs only with -measure (not
// merely under -v, which go test -json implies).
func TestCaseCPU(t *testing.T) {
	if !*measure {
		t.Skip("a measurement: go test -run TestCaseCPU -v -measure")
	}
	setupCase60x40()
	c := &case60x40
	start := cpuTime()
	for i := range c.listings {
		for o := range c.origs {
			Best(c.listings[i], c.origs[o:o+1])
		}
	}
	n := len(c.listings) * len(c.origs)
	d := cpuTime() - start
	t.Logf("%d listing pictures × %d originals: %.2f s of CPU on one goroutine, %.2f ms a pair", len(c.listings), len(c.origs), d.Seconds(), d.Seconds()*1000/float64(n))
}
