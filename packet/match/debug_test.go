package match

import (
	"fmt"
	"image"
	_ "image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"testing"
)

func savePNG(name string, img image.Image) {
	f, _ := os.Create(name)
	png.Encode(f, img)
	f.Close()
}

func TestDebugDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	w, h, bg := sceneSpec(1)
	o := toRGBA(recompress(scene(2, w, h, bg, false), 92))
	savePNG("/tmp/dump/orig.png", resizeLong(o, 600))
	for k, tr := range transforms {
		img := tr.make(o, rand.New(rand.NewPCG(1, uint64(k))))
		savePNG(fmt.Sprintf("/tmp/dump/%02d.png", k), resizeLong(img, 600))
		f := pipeline(img)
		fmt.Println(k, tr.name, img.Bounds(), f.contentRect())
	}
}

func TestDebugPages(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	w, h, bg := sceneSpec(1)
	o := toRGBA(recompress(scene(2, w, h, bg, false), 92))
	for _, k := range []int{0, 2, 19} {
		img := resizeLong(transforms[k].make(o, rand.New(rand.NewPCG(1, uint64(k)))), 512)
		tw, th := thumbSize(img.Bounds().Dx(), img.Bounds().Dy())
		p := readPixels(img, tw, th)
		var hist [256]int
		for _, v := range p.small {
			hist[v]++
		}
		pg := pages(p.small)
		fmt.Println(k, pg, len(p.small))
		for _, v := range pg {
			fmt.Println(hist[max(v-10, 0):min(v+11, 256)])
		}
	}
}

func TestDebugCSV(t *testing.T) {
	if os.Getenv("CSV") == "" {
		t.Skip()
	}
	b := buildBench(t)
	f, _ := os.Create(os.Getenv("CSV"))
	defer f.Close()
	fmt.Fprintln(f, "kind,source,orig,own,dist,d,detail,colour,partial")
	for _, p := range b.pics {
		for o, m := range p.ms {
			if m.parts[0] <= 60 {
				fmt.Fprintf(f, "%d,%s,%s,%v,%d,%d,%d,%d,%v\n", p.kind, p.source, b.origNames[o], o == p.own, m.Distance, m.parts[0], m.parts[1], m.parts[2], m.Partial)
			}
		}
	}
}

func TestDebugDemo(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	load := func(name string, quarter int) Fingerprint {
		f, err := os.Open("../../testdata/demo/" + name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, _, err := image.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return pipeline(turn(img, quarter))
	}
	l := load("listing/main.jpg", 0)
	for _, o := range []struct {
		n string
		q int
	}{{"originals/IMG_0412.JPG", 0}, {"originals/IMG_0415.JPG", 0}, {"originals/IMG_0431.JPG", 1}} {
		m, _ := Best(l, []Fingerprint{load(o.n, o.q)})
		fmt.Printf("%s: %+v\n", o.n, m)
	}
}

func TestDebugText(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	for _, i := range []int{2, 3} {
		w, h, bg := sceneSpec(i)
		img := toRGBA(recompress(scene(uint64(i)+1, w, h, bg, false), 92))
		o := pipeline(img)
		l := transforms[13].make(img, rand.New(rand.NewPCG(uint64(i), 13)))
		savePNG(fmt.Sprintf("/tmp/dump/text%d.png", i), resizeLong(l, 500))
		lf := pipeline(l)
		m, _ := Best(lf, []Fingerprint{o})
		fmt.Printf("scene %d: %+v\n", i, m)
		s := searchers.Get().(*searcher)
		s.lp.set(lf.luma[:int(lf.tw)*int(lf.th)], int(lf.tw), int(lf.th))
		s.op.set(o.luma[:int(o.tw)*int(o.th)], int(o.tw), int(o.th))
		v := s.views[0]
		v.set(&lf, &s.lp, rect{0, 0, 1, 1}, s.scratch)
		fg := fineGrid
		s.op.sample(rect{0, 0, 1, 1}, 12, s.x)
		fg.gradients(s.x, s.gx)
		fmt.Println("  at the whole:", v.fine[0].distance(0, &fg.masks[0][0], s.x, s.gx), v.fine[0].distance(1, &fg.masks[0][1], s.x, s.gx), v.fine[0].robustDistance(fg, s.x, s.gx, s.scratch))
	}
}

func TestDebugScene(t *testing.T) {
	if os.Getenv("SCENE") == "" {
		t.Skip()
	}
	var i int
	fmt.Sscan(os.Getenv("SCENE"), &i)
	w, h, bg := sceneSpec(i)
	savePNG(fmt.Sprintf("/tmp/dump/scene%d.png", i), resizeLong(scene(uint64(i)+1, w, h, bg, false), 500))
	savePNG(fmt.Sprintf("/tmp/dump/twin%d.png", i), resizeLong(scene(uint64(i)+1, w, h, bg, true), 500))
}
