package match

import (
	"appealpacket/internal/testcorpus"
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// corpusDir returns the shared corpus of real camera files, or skips.
func corpusDir(t *testing.T) string {
	t.Helper()
	return testcorpus.Dir(t)
}

// displayCopy scales like the evidence package does for the PDF: long side
// at most 1600 pixels, ApproxBiLinear, on white.
func displayCopy(src image.Image) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > 1600 {
		w, h = max(1, w*1600/long), max(1, h*1600/long)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, xdraw.Over, nil)
	return dst
}

// corpusVariants are the listing pictures made of each real photo; the
// first is the one the issue asks for.
var corpusVariants = []struct {
	name string
	make func(img image.Image) image.Image
}{
	{"10 % cropped, 800 px, q70", func(img image.Image) image.Image {
		// 3 % cut off the left and top, 7 % off the right and bottom.
		return recompress(resizeLong(cropFrac(img, 0.03, 0.03, 0.93, 0.93), 800), 70)
	}},
	{"square 70 %, banner, q70", func(img image.Image) image.Image {
		b := img.Bounds()
		return recompress(banner(resizeLong(cropR(img, squareFrac(b.Dx(), b.Dy(), 0.7, 0.3, 0.6)), 800), 0.12), 70)
	}},
	{"watermark, q70", func(img image.Image) image.Image {
		return recompress(watermark(resizeLong(img, 800)), 70)
	}},
	{"padded to square, q80", func(img image.Image) image.Image {
		return recompress(pad(resizeLong(img, 800)), 80)
	}},
}

// TestCorpus checks the real photos of the shared corpus: no two of them
// match each other, no listing picture made of one (see corpusVariants)
// matches another, the 10 %-cropped copy of each matches its own original,
// and at most 5 % of the other listing pictures miss theirs. Files image/jpeg or x/image/webp
// cannot decode (HEIC, PNG, truncated JPEGs) and pictures under 64 pixels
// are left out. Pictures are used as stored (not turned upright): both
// sides of a comparison are the same way up.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	type photo struct {
		name     string
		orig     Fingerprint
		listings []Fingerprint
	}
	var names []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".jpg", ".jpeg", ".webp":
			names = append(names, e.Name())
		}
	}
	variants := corpusVariants
	if testing.Short() {
		variants = variants[:1] // the issue's own check only
	}
	photos := make([]*photo, len(names))
	parallel(len(names), func(i int) {
		data, err := os.ReadFile(filepath.Join(dir, names[i]))
		if err != nil {
			t.Error(err)
			return
		}
		var img image.Image
		if strings.EqualFold(filepath.Ext(names[i]), ".webp") {
			img, err = webp.Decode(bytes.NewReader(data))
		} else {
			img, err = jpeg.Decode(bytes.NewReader(data))
		}
		if err != nil {
			t.Logf("%s: not decodable (%v), left out", names[i], err)
			return
		}
		b := img.Bounds()
		if min(b.Dx(), b.Dy()) < 64 {
			t.Logf("%s: %d×%d pixels, too small to be a photo, left out", names[i], b.Dx(), b.Dy())
			return
		}
		p := &photo{name: names[i], orig: Of(displayCopy(img))}
		src := toRGBA(img)
		for _, v := range variants {
			p.listings = append(p.listings, Of(v.make(src)))
		}
		photos[i] = p
	})
	photos = slicesDeleteNil(photos)
	if len(photos) < 2 {
		t.Skipf("only %d decodable photos in %s", len(photos), dir)
	}
	origs := make([]Fingerprint, len(photos))
	for i, p := range photos {
		origs[i] = p.orig
	}

	// dist[i][v][j]: listing picture v of photo i against original j;
	// v = len(variants) is original i itself.
	nv := len(variants)
	dist := make([][][]int, len(photos))
	parallel(len(photos), func(i int) {
		dist[i] = make([][]int, nv+1)
		for v := range nv + 1 {
			l := origs[i]
			if v < nv {
				l = photos[i].listings[v]
			}
			dist[i][v] = make([]int, len(photos))
			for j := range photos {
				m, _ := Best(l, origs[j:j+1])
				dist[i][v][j] = m.Distance
			}
		}
	})
	var b strings.Builder
	fmt.Fprintf(&b, "\nreal corpus: %d photos; threshold %d\n", len(photos), Threshold)
	fmt.Fprintf(&b, "%-26s | %-8s | %-26s | %-26s | false matches\n", "listing picture", "missed", "distance to own original", "to closest other")
	closest := struct {
		d    int
		a, b string
	}{d: MaxDistance + 1}
	for v := range nv + 1 {
		name := "the other originals"
		if v < nv {
			name = variants[v].name
		}
		var own, other []int
		missed, falseMatches := 0, 0
		for i, p := range photos {
			o := MaxDistance + 1
			for j, d := range dist[i][v] {
				if j == i {
					continue
				}
				o = min(o, d)
				if d < closest.d {
					closest.d, closest.a, closest.b = d, p.name+" ("+name+")", photos[j].name
				}
				if d <= Threshold {
					falseMatches++
					t.Errorf("%s (%s) matches %s at distance %d <= %d", p.name, name, photos[j].name, d, Threshold)
				}
			}
			other = append(other, o)
			if v == nv {
				continue
			}
			own = append(own, dist[i][v][i])
			if d := dist[i][v][i]; d > Threshold || o <= d {
				missed++
				msg := fmt.Sprintf("%s (%s): distance %d to its own original, %d to the closest other, want <= %d and less", p.name, name, d, o, Threshold)
				if v == 0 {
					t.Error(msg) // the issue's own check: every one must match
				} else {
					t.Log(msg)
				}
			}
		}
		if v > 0 && v < nv && missed*100 > 5*len(photos) {
			t.Errorf("%s: %d of %d missed, want <= 5 %%", name, missed, len(photos))
		}
		ownS, missS := "-", "-"
		if v < nv {
			ownS, missS = summary(own), fmt.Sprint(missed)
		}
		fmt.Fprintf(&b, "%-26s | %-8s | %-26s | %-26s | %d of %d pairs\n", name, missS, ownS, summary(other), falseMatches, len(photos)*(len(photos)-1))
	}
	fmt.Fprintf(&b, "closest unrelated pair: %d, %s ↔ %s", closest.d, closest.a, closest.b)
	t.Log(b.String())
}

func slicesDeleteNil[T any](s []*T) []*T {
	out := s[:0]
	for _, v := range s {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}
