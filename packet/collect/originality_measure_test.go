package collect

import (
	"bytes"
	"flag"
	"fmt"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/internal/i18n"
	"appealpacket/internal/testcorpus"
	"appealpacket/packet/evidence"
)

var measure = flag.Bool("measure", false, "run the slow measurements (derivatives of camera pictures made with Go and ImageMagick)")

// derivativeBase is a camera picture that derivatives are made of.
type derivativeBase struct {
	name string
	data []byte
}

// derivativeBases returns the camera originals of the corpus (JPEG; see
// corpusOrigin) and synthetic camera-like JPEGs.
func derivativeBases(t *testing.T) []derivativeBase {
	var bases []derivativeBase
	dir := testcorpus.Dir(t)
	for name, origin := range corpusOrigin {
		if origin != "original" || !strings.HasSuffix(name, ".jpg") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		bases = append(bases, derivativeBase{name, data})
	}
	slices.SortFunc(bases, func(a, b derivativeBase) int { return strings.Compare(a.name, b.name) })
	for i, s := range []struct {
		w, h, orientation int
	}{{2400, 1800, 1}, {2400, 1600, 1}, {2400, 1800, 6}, {2560, 1440, 1}} {
		img := fixture.Scene(s.w, s.h, uint64(i+1))
		data, err := fixture.CameraJPEG(img, 92, fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D",
			Taken: "2023:10:14 10:21:37", Orientation: s.orientation, NoGPS: true})
		if err != nil {
			t.Fatal(err)
		}
		bases = append(bases, derivativeBase{fmt.Sprintf("synthetic-%dx%d-o%d", s.w, s.h, s.orientation), data})
	}
	return bases
}

// imageMagick makes a derivative with ImageMagick's convert, which keeps
// the EXIF (thumbnail included) of the picture it reads.
func imageMagick(t *testing.T, base []byte, kind string, dir string) ([]byte, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(base))
	if err != nil {
		return nil, err
	}
	in, out := filepath.Join(dir, "in.jpg"), filepath.Join(dir, "out.jpg")
	if err := os.WriteFile(in, base, 0o644); err != nil {
		return nil, err
	}
	w, h := cfg.Width, cfg.Height
	var args []string
	switch kind {
	case fixture.Resized:
		args = []string{"-resize", "50%"}
	case fixture.Cropped:
		args = []string{"-gravity", "center", "-crop", "75%x90%+0+0", "+repage"}
	case fixture.Captioned:
		args = []string{"-fill", "#c81e28", "-draw", fmt.Sprintf("rectangle 0,%d %d,%d", h-h/8, w, h),
			"-gravity", "south", "-fill", "white", "-font", "DejaVu-Sans-Bold", "-pointsize", fmt.Sprint(h / 18),
			"-annotate", fmt.Sprintf("+0+%d", h/32), "ORIGINAL DESIGN · FREE SHIPPING"}
	case fixture.Resaved + "-q75":
		args = []string{"-quality", "75"}
	case fixture.Resaved:
		args = nil // ImageMagick's default: the quality it estimates the picture was saved at
	case fixture.Mirrored:
		args = []string{"-flop"}
	default:
		t.Fatalf("unknown kind %q", kind)
	}
	cmd := exec.Command("convert", append(append([]string{in}, args...), out)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("convert %v: %v: %s", args, err, b)
	}
	return os.ReadFile(out)
}

// imageMagickWorks reports whether ImageMagick's convert is installed and
// makes a JPEG (a stand-in of the same name may be on the PATH), or why
// not.
func imageMagickWorks(t *testing.T) (bool, string) {
	if _, err := exec.LookPath("convert"); err != nil {
		return false, "not installed"
	}
	probe, err := fixture.CameraJPEG(fixture.Scene(64, 48, 1), 90, fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Taken: "2023:10:14 10:21:37", NoGPS: true})
	if err != nil {
		t.Fatal(err)
	}
	out, err := imageMagick(t, probe, fixture.Mirrored, t.TempDir())
	if err != nil {
		first, _, _ := strings.Cut(err.Error(), "\n")
		return false, first
	}
	if _, err := jpeg.DecodeConfig(bytes.NewReader(out)); err != nil {
		return false, "its output is not a JPEG"
	}
	return true, ""
}

// TestMeasureDerivatives makes derivatives of camera pictures (resized,
// cropped, captioned, saved again, mirrored; with Go's image/jpeg and with
// ImageMagick, the camera's EXIF kept) and counts how many are reported as
// not original. Run: go test -run TestMeasureDerivatives -measure -v ./packet/collect/
func TestMeasureDerivatives(t *testing.T) {
	if !*measure {
		t.Skip("a measurement: run with -measure")
	}
	haveIM, why := imageMagickWorks(t)
	if !haveIM {
		t.Logf("ImageMagick's convert cannot be used (%s): measuring Go's derivatives only", why)
	}
	type variant struct{ tool, kind string }
	variants := []variant{
		{"go", fixture.Resized}, {"go", fixture.Cropped}, {"go", fixture.Captioned},
		{"go", fixture.Resaved + "-q75"}, {"go", fixture.Resaved + "-q90"}, {"go", fixture.Resaved + "-q95"},
		{"go", fixture.Mirrored},
	}
	if haveIM {
		variants = append(variants, variant{"imagemagick", fixture.Resized}, variant{"imagemagick", fixture.Cropped},
			variant{"imagemagick", fixture.Captioned}, variant{"imagemagick", fixture.Resaved + "-q75"},
			variant{"imagemagick", fixture.Resaved}, variant{"imagemagick", fixture.Mirrored})
	}
	type tally struct{ flagged, total int }
	byVariant, byBase := map[variant]*tally{}, map[string]*tally{}
	var total tally
	var misses []string
	tmp := t.TempDir()
	bases := derivativeBases(t)
	for _, base := range bases {
		if o := originalityOf(t, base.data); o.Derived {
			t.Errorf("base %s is reported as not original: %s", base.name, o.Summary(i18n.English))
		}
		for _, v := range variants {
			var data []byte
			var err error
			switch {
			case v.tool == "go":
				kind, quality := v.kind, 90
				if k, q, ok := strings.Cut(v.kind, "-q"); ok {
					kind = k
					fmt.Sscan(q, &quality)
				}
				data, err = fixture.Derive(base.data, kind, quality)
			default:
				data, err = imageMagick(t, base.data, v.kind, tmp)
			}
			if err != nil {
				t.Errorf("%s %s %s: %v", base.name, v.tool, v.kind, err)
				continue
			}
			o := originalityOf(t, data)
			for _, tl := range []*tally{get(byVariant, v), get(byBase, base.name), &total} {
				tl.total++
				if o.Derived {
					tl.flagged++
				}
			}
			if !o.Derived {
				misses = append(misses, fmt.Sprintf("%s %s %s: %s [doubts: %s; unchecked: %s]", base.name, v.tool, v.kind,
					o.Summary(i18n.English), evidence.SignsText(i18n.English, o.Doubts), evidence.SignsText(i18n.English, o.Unchecked)))
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "derivatives flagged, by kind:\n")
	for _, v := range variants {
		tl := get(byVariant, v)
		fmt.Fprintf(&b, "  %-12s %-12s %3d/%-3d\n", v.tool, v.kind, tl.flagged, tl.total)
	}
	fmt.Fprintf(&b, "by base picture:\n")
	for _, base := range bases {
		tl := get(byBase, base.name)
		fmt.Fprintf(&b, "  %-40s %3d/%-3d\n", base.name, tl.flagged, tl.total)
	}
	rate := float64(total.flagged) / float64(total.total)
	fmt.Fprintf(&b, "total: %d/%d flagged (%.1f %%)\nmissed:\n  %s", total.flagged, total.total, 100*rate, strings.Join(misses, "\n  "))
	t.Log(b.String())
	if rate < 0.95 {
		t.Errorf("%.1f %% of derivatives flagged; the goal is 95 %%", 100*rate)
	}
}

func get[K comparable, V any](m map[K]*V, k K) *V {
	if m[k] == nil {
		m[k] = new(V)
	}
	return m[k]
}
