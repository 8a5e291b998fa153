package match

// Experiment harness (temporary).

import (
	"encoding/gob"
	"image"
	"image/draw"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
)

type grayImg struct {
	W, H int
	Pix  []byte
}

type expSet struct {
	Origs    []grayImg
	Listings [][]grayImg // [kind][scene]
}

var (
	expOnce sync.Once
	expData *expSet
)

func toGray(img image.Image) grayImg {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	row := make([]uint32, b.Dx())
	lumaRows(img, func(y int, l []uint32) {
		for x, v := range l {
			g.Pix[y*g.Stride+x] = uint8((v + 500) / 1000)
		}
	}, row)
	return grayImg{b.Dx(), b.Dy(), g.Pix}
}

func (g grayImg) image() *image.Gray {
	return &image.Gray{Pix: g.Pix, Stride: g.W, Rect: image.Rect(0, 0, g.W, g.H)}
}

var _ = draw.Src

func loadExp() *expSet {
	expOnce.Do(func() {
		path := filepath.Join(os.TempDir(), "matchexp", "set.gob")
		if f, err := os.Open(path); err == nil {
			var s expSet
			if gob.NewDecoder(f).Decode(&s) == nil && len(s.Listings) == len(variantKinds) {
				expData = &s
				f.Close()
				return
			}
			f.Close()
		}
		s := &expSet{Origs: make([]grayImg, numScenes), Listings: make([][]grayImg, len(variantKinds))}
		for k := range s.Listings {
			s.Listings[k] = make([]grayImg, numScenes)
		}
		parallel(numScenes, func(i int) {
			w, h, bg := sceneSpec(i)
			img := recompress(scene(uint64(i)+1, w, h, bg), 92)
			s.Origs[i] = toGray(img)
			for k, v := range variantKinds {
				rng := rand.New(rand.NewPCG(uint64(i), uint64(k)))
				s.Listings[k][i] = toGray(v.make(img, rng))
			}
		})
		os.MkdirAll(filepath.Dir(path), 0o755)
		f, _ := os.Create(path)
		gob.NewEncoder(f).Encode(s)
		f.Close()
		expData = s
	})
	return expData
}
