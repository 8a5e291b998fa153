package match

import (
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"testing"
)

func TestDebugPair(t *testing.T) {
	s := getSynth(t)
	for k, v := range variantKinds {
		for i, row := range s.dist[k] {
			for o, d := range row {
				if o != i && d <= 24 {
					m, _ := Best(s.listings[k][i], s.origs[o:o+1])
					t.Logf("%s: listing of scene %d ~ original %d: %+v", v.name, i, o, m)
					if v.name == "off-centre crop 60-90 %" {
						w, h, bg := sceneSpec(i)
						img := scene(uint64(i)+1, w, h, bg, false)
						l := v.make(img, rand.New(rand.NewPCG(uint64(i), uint64(k))))
						save(t, "/tmp/matchexp/l.png", resizeLong(l, 400))
						w, h, bg = sceneSpec(o)
						oi := scene(uint64(o)+1, w, h, bg, false)
						save(t, "/tmp/matchexp/o.png", resizeLong(cropFrac(oi, m.Region.X0, m.Region.Y0, m.Region.X1, m.Region.Y1), 400))
					}
				}
			}
		}
	}
}

func save(t *testing.T, name string, img image.Image) {
	f, _ := os.Create(name)
	png.Encode(f, img)
	f.Close()
}
