package collect

import (
	"bytes"
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/internal/i18n"
	"appealpacket/internal/jpegcodec"
	"appealpacket/internal/testcorpus"
	"appealpacket/internal/testlevel"
	"appealpacket/packet/evidence/exif"
)

// textured is fixture.Scene with texture at every scale, as a photo has
// (value noise of 64, 16, 4 and 1 pixels, deterministic), so that its
// coefficients fill histograms as a photo's do.
func textured(w, h int, seed uint64) *image.RGBA {
	img := fixture.Scene(w, h, seed)
	r := seed*0x9E3779B97F4A7C15 + 1
	rnd := func() float64 {
		r ^= r << 13
		r ^= r >> 7
		r ^= r << 17
		return float64(r%2001)/1000 - 1
	}
	add := make([]float64, w*h)
	for _, o := range []struct {
		cell int
		amp  float64
	}{{64, 40}, {16, 24}, {4, 14}, {1, 6}} {
		gw, gh := w/o.cell+2, h/o.cell+2
		grid := make([]float64, gw*gh)
		for i := range grid {
			grid[i] = rnd() * o.amp
		}
		for y := range h {
			fy := float64(y) / float64(o.cell)
			y0 := int(fy)
			ty := fy - float64(y0)
			for x := range w {
				fx := float64(x) / float64(o.cell)
				x0 := int(fx)
				tx := fx - float64(x0)
				a := grid[y0*gw+x0]*(1-tx) + grid[y0*gw+x0+1]*tx
				b := grid[(y0+1)*gw+x0]*(1-tx) + grid[(y0+1)*gw+x0+1]*tx
				add[y*w+x] += a*(1-ty) + b*ty
			}
		}
	}
	for i := range img.Pix {
		if i%4 == 3 {
			continue
		}
		img.Pix[i] = uint8(min(255, max(0, int(float64(img.Pix[i])+add[i/4]))))
	}
	return img
}

func TestCombLoad(t *testing.T) {
	for _, c := range []struct {
		c, q1, q2 int
		want      float64
	}{
		// q1 2, q2 3: multiples 0 2 4 6 8 ... in bins of width 3 centred on
		// 0 3 6 9: bin 1 ([1.5, 4.5)) holds 2 and 4, bin 2 ([4.5, 7.5)) 6.
		{1, 2, 3, 2}, {2, 2, 3, 1}, {3, 2, 3, 2}, {4, 2, 3, 1},
		// q1 4, q2 3: bins of width 3 hold one multiple of 4 or none.
		{1, 4, 3, 1}, {2, 4, 3, 0.2}, {3, 4, 3, 1}, {4, 4, 3, 1}, {5, 4, 3, 1}, {6, 4, 3, 0.2},
		// q1 2, q2 1: every other bin is empty.
		{1, 2, 1, 0.2}, {2, 2, 1, 1},
		// q1 2, q2 5: bin 1 ([2.5, 7.5)) holds 4 and 6, bin 2 8, 10 and 12.
		// A multiple on an edge counts half in each bin: q1 2, q2 4 puts 2
		// and 6 on the edges of bin 1 ([2, 6]), which holds 4 besides.
		{1, 2, 5, 2}, {2, 2, 5, 3}, {1, 2, 4, 2},
		// Negative values (DC).
		{-1, 2, 3, 2}, {-2, 2, 3, 1},
	} {
		if got := combLoad(c.c, c.q1, c.q2); got != c.want {
			t.Errorf("combLoad(%d, %d, %d) = %v, want %v", c.c, c.q1, c.q2, got, c.want)
		}
	}
}

// requantOf counts the coefficients of a JPEG as Run does and looks
// for a second compression.
func requantOf(t testing.TB, data []byte) requantResult {
	t.Helper()
	var s requantStats
	if _, err := jpegcodec.DecodeScaledBlocks(bytes.NewReader(data), 4, s.add); err != nil {
		t.Fatal(err)
	}
	return doubleCompression(&s)
}

// TestDoubleCompression: pictures saved once (by a camera writing its own
// tables, or a phone writing the standard ones with no preview and no
// pixel size) show no second compression; their copies saved again at
// the same size, captioned or mirrored do. What it cannot see is pinned
// too: a re-save with the very tables of the first (nothing is left of the
// first compression) and a resized copy (its blocks are new).
func TestDoubleCompression(t *testing.T) {
	testlevel.SkipIfShort(t, "saves 4 MP pictures again twelve ways")
	scene := textured(2400, 1800, 7)
	camera, err := fixture.CameraJPEG(scene, 92, fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Taken: "2023:10:14 10:21:37", NoGPS: true})
	if err != nil {
		t.Fatal(err)
	}
	phone, err := fixture.JPEG(scene, 95, &fixture.EXIF{Make: "HMD Global", Model: "Nokia 8.3 5G", Taken: "2023:10:14 10:21:37", NoGPS: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		base    string
		kind    string // "" for the base itself
		quality int
		want    bool
	}{
		{"camera", "", 0, false},
		{"camera", fixture.Resaved, 75, true},
		{"camera", fixture.Resaved, 90, true},
		// Finer tables than the camera's (this camera's divisors are not
		// multiples of Go's at 95 and 98, so the ordinary comb shows; see
		// TestPhonePhotosSavedAgainFiner for the sparse comb).
		{"camera", fixture.Resaved, 95, true},
		{"camera", fixture.Resaved, 98, true},
		{"camera", fixture.Captioned, 90, true},
		{"camera", fixture.Mirrored, 90, true},
		{"phone", "", 0, false},
		// (Its copy at quality 75 keeps few traces: the standard tables at
		// 95 and 75 divide most low frequencies by multiples; the corpus's
		// 12 MP Nokia shows them, this 4 MP picture too few.)
		{"phone", fixture.Resaved, 90, true},
		{"phone", fixture.Mirrored, 90, true},
		{"phone", fixture.Resaved, 95, false}, // the same tables: no trace left
		{"phone", fixture.Resized, 90, false}, // new blocks: no trace left
	} {
		data := map[string][]byte{"camera": camera, "phone": phone}[c.base]
		if c.kind != "" {
			if data, err = fixture.Derive(data, c.kind, c.quality); err != nil {
				t.Fatal(err)
			}
		}
		if r := requantOf(t, data); r.Double() != c.want {
			t.Errorf("%s %s q%d: double compression %v, want %v (%s)", c.base, c.kind, c.quality, r.Double(), c.want, r)
		}
	}
}

// TestOriginalityRequantised: a phone's photo with no preview and no pixel
// size in its EXIF, saved again at the same size, is not original, and
// the reason says why in plain words; the phone's own file is.
func TestOriginalityRequantised(t *testing.T) {
	testlevel.SkipIfShort(t, "saves photos again at several qualities")
	phone, err := fixture.JPEG(textured(2400, 1800, 7), 95, &fixture.EXIF{Make: "HMD Global", Model: "Nokia 8.3 5G", Taken: "2023:10:14 10:21:37", NoGPS: true})
	if err != nil {
		t.Fatal(err)
	}
	resaved, err := fixture.Derive(phone, fixture.Resaved, 90)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		data    []byte
		derived bool
	}{{"phone's file", phone, false}, {"saved again", resaved, true}} {
		o := originalityOf(t, c.data)
		if o.Derived != c.derived {
			t.Errorf("%s: derived %v, want %v: %+v", c.name, o.Derived, c.derived, o)
		}
		if c.derived && !strings.Contains(o.Summary(i18n.English), "its JPEG data was compressed twice") {
			t.Errorf("%s: %q does not say it was compressed twice", c.name, o.Summary(i18n.English))
		}
	}
	// Without the counts (the picture not decoded), nothing is claimed.
	meta, _ := exif.Read(resaved)
	if o := assessOriginality("JPEG", meta, exif.Examine(resaved), nil, nil); o.Derived {
		t.Errorf("without the coefficients: %+v", o)
	}
}

// TestDemoPhotosSavedOnce: the demo's photos, drawn without noise and saved
// once, show no double compression (flat colours once gave the colours' DC
// coefficient a chance comb).
func TestDemoPhotosSavedOnce(t *testing.T) {
	files, err := filepath.Glob("../../testdata/demo*/originals/*.JPG")
	if err != nil || len(files) == 0 {
		t.Fatalf("no demo photos found: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rq := &requantStats{}
		if _, err := jpegcodec.DecodeScaledBlocks(bytes.NewReader(data), 1, rq.add); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if r := doubleCompression(rq); r.Double() {
			t.Errorf("%s, saved once, is taken as saved twice: %v", f, r)
		}
	}
}

// TestSparseComb: a histogram whose values sit on the multiples of 3 with
// near-empty bins between is a sparse comb of period 3; a smooth one, one
// with a single tall peak on a multiple (a repeated pattern), and one too
// thin to judge are not.
func TestSparseComb(t *testing.T) {
	laplace := func(scale float64, total float64) []uint32 {
		h := make([]uint32, 2*requantRange+1)
		for c := -60; c <= 60; c++ {
			h[c+requantRange] = uint32(total * math.Exp(-math.Abs(float64(c))/scale) / (2 * scale))
		}
		return h
	}
	combed := laplace(8, 60000)
	for c := -60; c <= 60; c++ {
		if c%3 != 0 {
			moved := combed[c+requantRange] * 9 / 10
			combed[c+requantRange] -= moved
			near := c - c%3 // toward zero, a multiple of 3
			combed[near+requantRange] += moved
		}
	}
	peak := laplace(8, 60000)
	peak[12+requantRange] += 40000
	for _, c := range []struct {
		name   string
		hist   []uint32
		period int // 0: no comb
	}{
		{"comb of 3", combed, 3},
		{"smooth", laplace(8, 60000), 0},
		{"one peak", peak, 0},
		{"too few values", laplace(8, 300), 0},
	} {
		p, ratio, ok := sparseComb(c.hist)
		if got := map[bool]int{true: p}[ok]; got != c.period {
			t.Errorf("%s: period %d (ratio %.2f, ok %v), want %d", c.name, p, ratio, ok, c.period)
		}
	}
}

// TestPhonePhotosSavedAgainFiner: real phone and camera photos saved again
// with finer tables than their own (Go's at quality 95: divisors 1 and 2
// where the camera used 2 to 5) keep a sparse comb and are reported as not
// original; the photos themselves are not.
func TestPhonePhotosSavedAgainFiner(t *testing.T) {
	testlevel.SkipIfShort(t, "saves photos again at several qualities")
	dir := testcorpus.Dir(t)
	for _, name := range []string{"Google_Pixel_5_gps.jpg", "Nikon_COOLPIX_P6000_gps.jpg"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		resaved, err := fixture.Derive(data, fixture.Resaved, 95)
		if err != nil {
			t.Fatal(err)
		}
		if r := requantOf(t, data); r.Double() {
			t.Errorf("%s, as the camera saved it: %v", name, r)
		}
		if r := requantOf(t, resaved); !r.Double() {
			t.Errorf("%s saved again at quality 95: no double compression found (%v)", name, r)
		}
	}
}
