package collect

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"

	"appealpacket/internal/fixture"
	"appealpacket/internal/i18n"
	"appealpacket/internal/testcorpus"
	"appealpacket/internal/testlevel"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
)

// corpusOrigin is what a corpus file is, decided from its history in the
// corpus's SOURCES.md and from what the file shows (see the comments).
var corpusOrigin = map[string]string{
	// Camera originals: none may be reported as changed.
	"Apple_iPhone_11_gps.jpg":               "original",
	"Apple_iPhone_5_o3_gps.jpg":             "original",
	"Canon_PowerShot_A85_o8.jpg":            "original", // turned losslessly by a program (pixels and thumbnail both portrait; EXIF rewritten), not re-encoded: nothing in the file shows it
	"Canon_PowerShot_SX60_HS_o6.jpg":        "original", // ModifyDate 17 days later: turned and rated in the camera (IPTC, XMP Rating), pixels untouched
	"Fujifilm_FinePix_F40fd.jpg":            "original",
	"Google_Pixel_5_gps.jpg":                "original",
	"HMD_Nokia_8.3_5G_gps.jpg":              "original", // the phone writes the standard IJG tables (quality 95)
	"LG_Nexus_4_gps.jpg":                    "original", // IJG tables (quality 95) from the phone; a bogus 2002 CreateDate from its firmware
	"Nikon_COOLPIX_P6000_gps.jpg":           "original", // IJG tables from the camera; Software "Nikon Transfer" copied it off the card
	"Olympus_PEN_E-P3.jpg":                  "original",
	"Panasonic_DMC-LX3_gps.jpg":             "original",
	"Samsung_SM-J327T1_o6.jpg":              "original", // the phone writes a JFIF header first and optimised Huffman tables
	"Samsung_SM-G975F_o6.heic":              "original",
	"Canon_EOS_5D_Mark_III_body_serial.jpg": "derivative", // rendered from the raw by Lightroom, saved by Photoshop
	"Canon_EOS_REBEL_T3i.jpg":               "derivative", // 1152×768 of the camera's 5184×3456
	"GoPro_HD2.jpg":                         "derivative", // resized with Photoshop
	"Huawei_ELE-L29_orientation0_gps.jpg":   "derivative", // resized by the PhotoPrism developers
	"Kodak_DC240.jpg":                       "derivative", // halved like five other exif.org samples (IJG tables; the camera's thumbnail keeps its own)
	"Nikon_D2H_gps.jpg":                     "derivative", // saved by Photoshop 7 (its save settings are in the file), then GPS added
	"Pentax_K10D.jpg":                       "derivative", // downscaled with GIMP
	"Sony_DSC-HX5V_gps.jpg":                 "derivative", // resized
	"Xiaomi_Mi_A1_gps.jpg":                  "derivative", // resized with Photoshop
	"Xiaomi_Mi_MIX_2_bad_gps.jpg":           "derivative", // edited with paint.net
	"Apple_iPhone_11_Pro_Max_gps.heic":      "derivative", // cropped on the phone (2566×3313 of 4032×3024)
	"Apple_iPhone_11_Pro_exif_at_eof.heic":  "derivative", // a "variant": portrait tiles with no rotation, no thumbnail item, EXIF 4032×3024
	"HTC_Desire_gps.webp":                   "derivative", // converted to WebP (the phone wrote JPEG)
	// Not camera files: nothing in them claims to be a camera original.
	"png_with_eXIf_chunk.png":                   "other",
	"orientation_landscape_2.jpg":               "other",
	"orientation_landscape_4.jpg":               "other",
	"orientation_landscape_5.jpg":               "other",
	"orientation_landscape_7.jpg":               "other",
	"whatsapp_stripped_noexif.jpg":              "other",
	"damaged_huge_tag_exif.jpg":                 "other",
	"damaged_infinite_loop_exif.jpg":            "other",
	"damaged_truncated_Canon_EOS_REBEL_T4i.jpg": "other",
}

// originalityOf assesses one picture as Run does, decoding it small
// (the comparison with the thumbnail needs a few dozen pixels; Run
// reuses its display-size picture).
func originalityOf(t testing.TB, data []byte) *evidence.Originality {
	t.Helper()
	meta, _ := exif.Read(data)
	traces := exif.Examine(data)
	format := Sniff(data)
	var img image.Image
	var rq *requantStats
	if format == "JPEG" {
		opts := Options{DisplaySide: 320}
		opts.defaults()
		if meta != nil && meta.HasEXIF {
			rq = &requantStats{}
		}
		img, _ = decodeScaledBlocks(format, data, &opts, rq)
	}
	return assessOriginality(format, meta, traces, img, rq)
}

// TestOriginalityCorpus reports every picture of the shared corpus: camera
// originals must not be reported as changed, known derivatives must be.
// Run with -v for the table.
func TestOriginalityCorpus(t *testing.T) {
	testlevel.SkipIfShort(t, "reads every corpus photo")
	dir := testcorpus.Dir(t)
	var rows []string
	counts := map[string][2]int{}
	for _, name := range testcorpus.Pictures(t) {
		origin, ok := corpusOrigin[name]
		if !ok {
			t.Errorf("%s: not classified in corpusOrigin", name)
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		o := originalityOf(t, data)
		derived := o != nil && o.Derived
		c := counts[origin]
		c[1]++
		if derived {
			c[0]++
		}
		counts[origin] = c
		why := "—"
		if o != nil {
			why = o.Summary(i18n.English)
			if len(o.Doubts) > 0 {
				why += " [doubts: " + evidence.SignsText(i18n.English, o.Doubts) + "]"
			}
		}
		rows = append(rows, fmt.Sprintf("%-42s %-10s %-8v %s", name, origin, derived, why))
		switch {
		case origin == "original" && derived:
			t.Errorf("%s is a camera original but was reported as changed: %s", name, why)
		case origin == "derivative" && !derived:
			t.Errorf("%s is a derivative but was not reported: %s", name, why)
		}
	}
	slices.Sort(rows)
	t.Logf("%-42s %-10s %-8s %s\n%s", "file", "origin", "flagged", "why", strings.Join(rows, "\n"))
	for _, k := range []string{"original", "derivative", "other"} {
		t.Logf("%s: %d of %d flagged", k, counts[k][0], counts[k][1])
	}
}

// TestFakeCameraEXIF: the listing picture (a square crop of a camera
// original, scaled, with a banner) saved again with the original's EXIF
// copied in, as `exiftool -tagsfromfile original.jpg listing.jpg` does,
// must not pass for an original.
func TestFakeCameraEXIF(t *testing.T) {
	testlevel.SkipIfShort(t, "decodes and scales corpus photos")
	dir := testcorpus.Dir(t)
	for _, name := range []string{"Samsung_SM-J327T1_o6.jpg", "Apple_iPhone_11_gps.jpg", "Fujifilm_FinePix_F40fd.jpg"} {
		original, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		src, err := jpeg.Decode(bytes.NewReader(original))
		if err != nil {
			t.Fatal(err)
		}
		b := src.Bounds()
		side := min(b.Dx(), b.Dy())
		square := image.NewRGBA(image.Rect(0, 0, 800, 800))
		xdraw.ApproxBiLinear.Scale(square, square.Bounds(), src, image.Rect(b.Min.X+(b.Dx()-side)/2, b.Min.Y, b.Min.X+(b.Dx()-side)/2+side, b.Min.Y+side), draw.Src, nil)
		listing, err := fixture.Change(square, fixture.Captioned)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, listing, &jpeg.Options{Quality: 85}); err != nil {
			t.Fatal(err)
		}
		fake, err := fixture.CopyEXIF(original, buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		o := originalityOf(t, fake)
		if !o.Derived || !strings.Contains(o.Summary(i18n.English), "it is 800×800 pixels but its EXIF says the camera wrote") ||
			!strings.Contains(o.Summary(i18n.English), "the small preview the camera embedded in the file shows a picture of another shape") {
			t.Errorf("%s: %+v", name, o)
		}
	}
}
