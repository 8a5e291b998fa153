package match_test

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"

	xdraw "golang.org/x/image/draw"

	"appealpacket/packet/match"
)

// studio draws a 1600×1200 "photo": a grey backdrop getting lighter
// towards the floor, and boxes (products) on it.
func studio(boxes ...image.Rectangle) *image.RGBA {
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

func Example() {
	// Two camera originals (display copies, upright).
	bottle := studio(image.Rect(700, 300, 900, 1000), image.Rect(760, 200, 840, 300))
	mugs := studio(image.Rect(300, 600, 600, 1000), image.Rect(1000, 500, 1300, 1000))
	originals := []match.Fingerprint{match.Of(mugs), match.Of(bottle)}

	// The listing picture: a square cut around the bottle, scaled to 800
	// pixels.
	cut := image.Rect(350, 100, 1350, 1100)
	listing := image.NewRGBA(image.Rect(0, 0, 800, 800))
	xdraw.BiLinear.Scale(listing, listing.Bounds(), bottle, cut, draw.Src, nil)

	m, _ := match.Best(match.Of(listing), originals)
	fmt.Printf("original %d, distance %d of %d, close: %v\n", m.Index, m.Distance, match.MaxDistance, m.Close)
	fmt.Printf("found at x %.1f-%.1f, y %.1f-%.1f of the original (cut at x 0.22-0.84, y 0.08-0.92)\n", m.Region.X0, m.Region.X1, m.Region.Y0, m.Region.Y1)

	// The same cut turned a quarter clockwise is found too.
	turned := image.NewRGBA(image.Rect(0, 0, 800, 800))
	for y := range 800 {
		for x := range 800 {
			turned.Set(799-y, x, listing.At(x, y))
		}
	}
	m, _ = match.Best(match.Of(turned), originals)
	fmt.Printf("turned: original %d, distance %d, turned %d° clockwise\n", m.Index, m.Distance, m.Rotation)

	// A picture of something else matches neither.
	other := studio(image.Rect(200, 700, 1400, 900))
	m, _ = match.Best(match.Of(other), originals)
	fmt.Printf("other picture: distance %d, close: %v\n", m.Distance, m.Close)

	// Fingerprints are cached as bytes.
	b, _ := originals[1].MarshalBinary()
	var f match.Fingerprint
	err := f.UnmarshalBinary(b)
	fmt.Println(len(b), "bytes;", err == nil && f == originals[1])
	// Output:
	// original 1, distance 5 of 100, close: true
	// found at x 0.2-0.8, y 0.1-0.9 of the original (cut at x 0.22-0.84, y 0.08-0.92)
	// turned: original 1, distance 3, turned 90° clockwise
	// other picture: distance 50, close: false
	// 10538 bytes; true
}
