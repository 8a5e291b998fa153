package match

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"testing"
)

func studioD(boxes ...image.Rectangle) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	for y := range 1200 {
		g := uint8(200 + y/24)
		draw.Draw(img, image.Rect(0, y, 1600, y+1), image.NewUniform(color.Gray{g}), image.Point{}, draw.Src)
	}
	for i, r := range boxes {
		c := color.RGBA{uint8(40 + 60*i), 60, uint8(160 - 50*i), 255}
		draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
	}
	return img
}

func TestDebugExample(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	bottle := studioD(image.Rect(700, 300, 900, 1000), image.Rect(760, 200, 840, 300))
	mugs := studioD(image.Rect(300, 600, 600, 1000), image.Rect(1000, 500, 1300, 1000))
	other := studioD(image.Rect(200, 700, 1400, 900))
	for _, o := range []*image.RGBA{mugs, bottle} {
		m, _ := Best(Of(other), []Fingerprint{Of(o)})
		fmt.Printf("%+v\n", m)
	}
}

func TestDebugExample2(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	mugs := studioD(image.Rect(300, 600, 600, 1000), image.Rect(1000, 500, 1300, 1000))
	other := studioD(image.Rect(200, 700, 1400, 900))
	o, l := Of(mugs), Of(other)
	m, _ := Best(l, []Fingerprint{o})
	var op, lp plane
	op.set(o.luma[:int(o.tw)*int(o.th)], int(o.tw), int(o.th))
	lp.set(l.luma[:int(l.tw)*int(l.th)], int(l.tw), int(l.th))
	x := make([]float64, 144)
	y := make([]float64, 144)
	op.sample(rect{m.Region.X0, m.Region.Y0, m.Region.X1, m.Region.Y1}, 12, x)
	lp.sample(rect{0, 0, 1, 1}, 12, y)
	for r := range 12 {
		for c := range 12 {
			fmt.Printf("%5.0f", x[r*12+c])
		}
		fmt.Print("   |")
		for c := range 12 {
			fmt.Printf("%5.0f", y[r*12+c])
		}
		fmt.Println()
	}
}
