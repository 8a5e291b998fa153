package assemble

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"appealpacket/internal/digest"
	"appealpacket/internal/fixture"
	"appealpacket/internal/testlevel"
	"appealpacket/packet/cache"
	"appealpacket/packet/collect"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/integrity"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
	"appealpacket/packet/render/pdf"
)

func TestFitString(t *testing.T) {
	for _, tt := range []struct {
		fit  Fit
		want string
	}{
		{Fit{Side: 1600, Quality: 85, Parts: 1, Limit: 10_000_000}, "display copies 1600 px, quality 85"},
		{Fit{Side: 1100, Quality: 66, Reduced: true, Parts: 1, Limit: 10_000_000}, "display copies reduced to 1100 px, quality 66, to fit 10 MB"},
		{Fit{Side: 900, Quality: 62, Reduced: true, Parts: 3, Limit: 3_000_000}, "display copies reduced to 900 px, quality 62, and the packet split in 3 parts to fit 3 MB"},
	} {
		if got := tt.fit.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.fit, got, tt.want)
		}
	}
}

// noisePhotos writes n photos of noise (which JPEG cannot squeeze, so
// that their copies set the packet's size) of 1700×1275 pixels, over the
// 1600-pixel display size: their display copies are made by the Encoder.
func noisePhotos(t *testing.T, dir string, n int) (*manifest.Manifest, map[string]*evidence.Item) {
	t.Helper()
	m := &manifest.Manifest{Case: manifest.Case{ID: "C-1", Prepared: manifest.NewDate(2024, time.March, 21)},
		Seller: manifest.Seller{LegalName: "Lumen Co., Ltd."}}
	items := map[string]*evidence.Item{}
	for i := range n {
		data, err := fixture.JPEG(fixture.Noise(1700, 1275, uint64(i)), 90, nil)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("photo%d.jpg", i+1)
		abs := filepath.Join(dir, name)
		if err := os.WriteFile(abs, data, 0o644); err != nil {
			t.Fatal(err)
		}
		p := manifest.Path{Raw: name, Rel: name, Abs: abs}
		m.Photos = append(m.Photos, manifest.Photo{Path: p})
		items[name] = &evidence.Item{Path: p, Role: evidence.Photo, Format: "JPEG", Size: int64(len(data)), SHA256: digest.Hex(data), Pages: 1,
			Display: &evidence.Display{File: abs, Width: 1700, Height: 1275, Orientation: 1}}
	}
	return m, items
}

// cloneItems copies items and their display pictures, so that a Fit can
// set the copies' copies.
func cloneItems(items map[string]*evidence.Item) map[string]*evidence.Item {
	out := map[string]*evidence.Item{}
	for name, it := range items {
		c, d := *it, *it.Display
		c.Display = &d
		out[name] = &c
	}
	return out
}

// assembler returns an Assembler of the photos' packet within limit; c
// (nil for none) keeps the display copies between Assemblers, as between
// builds.
func assembler(t *testing.T, m *manifest.Manifest, items map[string]*evidence.Item, limit int64, c *cache.Cache) *Assembler {
	t.Helper()
	fonts, err := pdf.LoadFonts(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := plan.New(exhibit.Number(m, items), plan.Content{Statement: "Our photos show the product."})
	return New(Config{Plan: p, Fonts: fonts, Created: m.Case.Prepared.Time(), Producer: "appealpacket test",
		Base: "C-1-packet", IndexName: "C-1-index.xlsx", Limit: limit, MinShort: FloorShortSide,
		Encoder: collect.NewEncoder(t.TempDir(), c, collect.Options{}), Workers: 2})
}

// TestFitReducesThenSplits: a packet within its limit keeps the best
// level; a tighter limit gets smaller copies; a limit no level can meet
// splits the packet into parts, each within it, each exhibit in one part,
// every part sealed with the same packet ID and the index's hash.
func TestFitReducesThenSplits(t *testing.T) {
	testlevel.SkipIfShort(t, "draws a packet of large photos at several levels")
	m, items := noisePhotos(t, t.TempDir(), 2)
	c, err := cache.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	full, err := assembler(t, m, items, 1<<30, c).Fit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if full.Fit.Reduced || full.Fit.Parts != 1 || full.Fit.Side != displayLevels[0].side || len(full.Parts) != 1 {
		t.Fatalf("without a limit: %v, %d parts", full.Fit, len(full.Parts))
	}
	size := int64(len(full.Parts[0].Data))
	for _, tt := range []struct {
		name    string
		limit   int64
		reduced bool
		split   bool
	}{
		{"reduced", size * 7 / 10, true, false},
		{"split", size * 14 / 100, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pk, err := assembler(t, m, items, tt.limit, c).Fit(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if pk.Fit.Reduced != tt.reduced || (pk.Fit.Parts > 1) != tt.split || pk.Fit.Parts != len(pk.Parts) || pk.Fit.Limit != tt.limit {
				t.Fatalf("limit %d of %d bytes: %v, %d parts", tt.limit, size, pk.Fit, len(pk.Parts))
			}
			var names []string
			for _, pt := range pk.Parts {
				names = append(names, pt.Name)
			}
			ids := map[string]bool{}
			drawnIn := map[string]int{}
			for k, pt := range pk.Parts {
				if int64(len(pt.Data)) > tt.limit {
					t.Errorf("%s: %d bytes, over the limit of %d", pt.Name, len(pt.Data), tt.limit)
				}
				c, err := integrity.Read(pt.Data)
				if err != nil || !c.Intact {
					t.Fatalf("%s: not sealed: %v", pt.Name, err)
				}
				mf := c.Manifest
				if mf.Packet.File != pt.Name || mf.Packet.Part != k+1 || !slices.Equal(mf.Packet.Parts, names) || mf.Index.SHA256 != digest.Hex(pk.Index) {
					t.Errorf("%s: manifest says %+v, index %s", pt.Name, mf.Packet, mf.Index.SHA256)
				}
				ids[mf.Packet.ID] = true
				for _, e := range pt.Plan.Exhibits {
					if pt.Plan.InPart(e) {
						drawnIn[e.ID]++
					}
				}
			}
			if len(ids) != 1 {
				t.Errorf("parts carry %d packet IDs, want one", len(ids))
			}
			for _, id := range []string{"P-1", "P-2"} {
				if drawnIn[id] != 1 {
					t.Errorf("%s drawn in %d parts, want 1", id, drawnIn[id])
				}
			}
		})
	}
}

// TestFitStopsOnCancel: a cancelled context stops the fit with its error.
func TestFitStopsOnCancel(t *testing.T) {
	m, items := noisePhotos(t, t.TempDir(), 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := assembler(t, m, items, 1<<30, nil).Fit(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Fit = %v, want %v", err, context.Canceled)
	}
}

// TestFitTakesTheBestLevelThatFits: under a limit between the sizes the
// packet has at two display levels, the fit draws the copies at the better
// of the levels that fit, not lower (the size of everything but the copies
// is estimated before the first draw, and known after it).
func TestFitTakesTheBestLevelThatFits(t *testing.T) {
	testlevel.SkipIfShort(t, "draws a packet of large photos at every level")
	m, items := noisePhotos(t, t.TempDir(), 3)
	pristine := cloneItems(items)
	c, err := cache.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The packet's size at each level the limits below fall between, drawn.
	wants := []int{1, 3, 5}
	r := assembler(t, m, items, 1<<30, c)
	list := shrinkable(r.p)
	sizes := make([]int64, slices.Max(wants)+1)
	for level := range sizes {
		copies, err := r.encodeAt(context.Background(), list, level)
		if err != nil {
			t.Fatal(err)
		}
		for it, d := range copies {
			it.Display = d
		}
		parts, _, err := r.render(context.Background(), 1)
		if err != nil {
			t.Fatal(err)
		}
		sizes[level] = total(parts)
	}
	for _, want := range wants {
		if sizes[want] >= sizes[want-1] {
			t.Fatalf("sizes by level %v do not fall", sizes)
		}
		limit := sizes[want] + (sizes[want-1]-sizes[want])/4 // level want fits, want-1 does not
		items := cloneItems(pristine)                        // fresh items: Fit sets their copies
		pk, err := assembler(t, m, items, limit, c).Fit(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		l := displayLevels[want]
		if pk.Fit.Side != l.side || pk.Fit.Quality != l.quality || pk.Fit.Parts != 1 {
			t.Errorf("limit %d (level %d is %d bytes, level %d %d): %v, want %d px, quality %d",
				limit, want, sizes[want], want-1, sizes[want-1], pk.Fit, l.side, l.quality)
		}
		// The copies drawn are that size (a copy is made from the picture
		// at display size, not from a smaller copy of an earlier try).
		for name, it := range items {
			if d := it.Display; max(d.Width, d.Height) != l.side {
				t.Errorf("limit %d: %s drawn at %d×%d, want a long side of %d", limit, name, d.Width, d.Height, l.side)
			}
		}
	}
}

// TestPredictionFirstAsksFewLevels: the search for the first level that
// fits finds it wherever it is, asking about the levels down to it and the
// last one, and about two levels when none fits (a packet to split, whose
// levels in between were all encoded before).
func TestPredictionFirstAsksFewLevels(t *testing.T) {
	var p prediction
	n := len(displayLevels)
	for want := 0; want <= n; want++ { // want == n: no level fits
		asked := map[int]bool{}
		got, err := p.first(0, n, func(i int) (bool, error) {
			if i < 0 || i >= n || asked[i] {
				t.Errorf("first fits at %d: asked about level %d (asked before: %v)", want, i, asked[i])
			}
			asked[i] = true
			return i >= want, nil
		})
		if err != nil || got != want {
			t.Errorf("first fits at %d: got %d, %v", want, got, err)
		}
		limit := min(want+2, n)
		if want == n {
			limit = 2
		}
		if len(asked) > limit {
			t.Errorf("first fits at %d: asked about %d levels, want at most %d", want, len(asked), limit)
		}
	}
	boom := errors.New("boom")
	if _, err := p.first(0, n, func(i int) (bool, error) { return false, boom }); !errors.Is(err, boom) {
		t.Errorf("an encoding error: got %v", err)
	}
	if got, _ := p.first(3, 3, func(int) (bool, error) { t.Error("asked about an empty range"); return true, nil }); got != 3 {
		t.Errorf("empty range: %d", got)
	}
}
