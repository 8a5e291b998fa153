package collect

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
)

func cameraMeta(orientation int) fixture.EXIF {
	return fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Taken: "2023:10:14 10:21:37", Orientation: orientation, NoGPS: true}
}

// TestOriginality pins what is reported of a camera-like picture and of
// each kind of derivative made of it with its EXIF kept.
func TestOriginality(t *testing.T) {
	scene := fixture.Scene(1200, 900, 7)
	camera, err := fixture.CameraJPEG(scene, 92, cameraMeta(1))
	if err != nil {
		t.Fatal(err)
	}
	wide, err := fixture.CameraJPEG(fixture.Scene(1280, 720, 8), 92, cameraMeta(1)) // in a letterboxed thumbnail
	if err != nil {
		t.Fatal(err)
	}
	derive := func(kind string, quality int) []byte {
		b, err := fixture.Derive(camera, kind, quality)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	bigger := cameraMeta(1)
	bigger.Width, bigger.Height = 2400, 1800
	resizedMeta, err := fixture.CameraJPEG(scene, 92, bigger) // resized by a tool that kept the EXIF
	if err != nil {
		t.Fatal(err)
	}
	turned := cameraMeta(6)
	turned.Width, turned.Height = 900, 1200 // the EXIF size of the picture as seen
	portrait, err := fixture.CameraJPEG(scene, 92, turned)
	if err != nil {
		t.Fatal(err)
	}
	unturned := cameraMeta(1)
	unturned.Width, unturned.Height = 900, 1200
	rotated, err := fixture.CameraJPEG(scene, 92, unturned)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := fixture.JPEG(scene, 90, &fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Taken: "2023:10:14 10:21:37",
		Width: 1200, Height: 900, NoGPS: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		data    []byte
		derived bool
		reason  string // a part of the reasons (or of what agrees)
	}{
		{"camera original", camera, false, "the preview the camera embedded shows the same picture"},
		{"camera original, 16:9 in a 4:3 thumbnail", wide, false, "the preview the camera embedded shows the same picture"},
		{"turned by its orientation", portrait, false, "turned as its orientation says"},
		{"encoded by Go, no thumbnail (the test fixtures)", plain, false, "its pixel size is the 1200×900"},
		{"resized", derive(fixture.Resized, 90), true, "it is 600×450 pixels but its EXIF says the camera wrote 1200×900, so it was resized"},
		{"cropped", derive(fixture.Cropped, 90), true, "so it was cropped"},
		{"captioned", derive(fixture.Captioned, 90), true, "does not show the same picture"},
		{"mirrored", derive(fixture.Mirrored, 90), true, "does not show the same picture"},
		{"saved again", derive(fixture.Resaved, 95), true, "the standard IJG tables at quality 95 while the preview the camera embedded keeps the camera's own"},
		{"EXIF size of another picture", resizedMeta, true, "it is 1200×900 pixels but its EXIF says the camera wrote 2400×1800"},
		{"pixels turned, no orientation", rotated, true, "its pixels are turned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := originalityOf(t, tt.data)
			if o.Derived != tt.derived {
				t.Fatalf("derived = %v, want %v: %+v", o.Derived, tt.derived, o)
			}
			said := evidence.SignsText(i18n.English, o.Agrees)
			if tt.derived {
				said = evidence.SignsText(i18n.English, o.Reasons)
			}
			if !strings.Contains(said, tt.reason) {
				t.Errorf("says %q, want %q in it", said, tt.reason)
			}
		})
	}
}

// TestOriginalityEditors pins the editors: those that re-encode whatever
// they save make a derivative; the others are a doubt (PHOTO_EDITED).
func TestOriginalityEditors(t *testing.T) {
	for _, tt := range []struct {
		software string
		derived  bool
		doubt    bool
	}{
		{"Adobe Photoshop CC 2019 (Windows)", true, false},
		{"GIMP 2.10.32", true, false},
		{"Adobe Photoshop Lightroom Classic 9.0", false, true},
		{"Ver.1.0", false, false},
	} {
		meta := cameraMeta(1)
		meta.Software = tt.software
		data, err := fixture.CameraJPEG(fixture.Scene(640, 480, 2), 90, meta)
		if err != nil {
			t.Fatal(err)
		}
		o := originalityOf(t, data)
		if o.Derived != tt.derived || (len(o.Doubts) > 0) != tt.doubt {
			t.Errorf("%s: derived %v, doubts %q", tt.software, o.Derived, o.Doubts)
		}
	}
}

// TestOriginalityConverted: a PNG with a camera's EXIF was converted.
func TestOriginalityConverted(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, fixture.Scene(64, 48, 3)); err != nil {
		t.Fatal(err)
	}
	// An eXIf chunk before IEND.
	b := buf.Bytes()
	tiff := cameraMeta(1).TIFF()
	chunk := append([]byte{0, 0, 0, 0}, "eXIf"...)
	chunk[0], chunk[1], chunk[2], chunk[3] = byte(len(tiff)>>24), byte(len(tiff)>>16), byte(len(tiff)>>8), byte(len(tiff))
	chunk = append(append(chunk, tiff...), 0, 0, 0, 0) // CRC not checked
	data := append(append(append([]byte{}, b[:len(b)-12]...), chunk...), b[len(b)-12:]...)
	meta, err := exif.Read(data)
	if err != nil || meta.Make != "Canon" {
		t.Fatalf("the PNG reads as %+v, %v", meta, err)
	}
	o := assessOriginality("PNG", meta, exif.Examine(data), nil, nil)
	if !o.Derived || !strings.Contains(o.Summary(i18n.English), "it is a PNG file with a camera's EXIF") {
		t.Errorf("%+v", o)
	}
}

func TestCompareThumbnail(t *testing.T) {
	camera, err := fixture.CameraJPEG(fixture.Scene(1200, 800, 4), 92, cameraMeta(1)) // 3:2, bars in the thumbnail
	if err != nil {
		t.Fatal(err)
	}
	tr := exif.Examine(camera)
	img, err := decodeScaled("JPEG", camera, &Options{DisplaySide: 1600})
	if err != nil {
		t.Fatal(err)
	}
	if c := compareThumbnail(img, tr.Thumbnail); !c.Same() {
		t.Errorf("camera original: %+v", c)
	}
	for _, kind := range []string{fixture.Mirrored, fixture.Captioned, fixture.Cropped} {
		changed, err := fixture.Change(img, kind)
		if err != nil {
			t.Fatal(err)
		}
		if c := compareThumbnail(changed, tr.Thumbnail); c.Same() {
			t.Errorf("%s: %+v", kind, c)
		}
	}
	flat := image.NewGray(image.Rect(0, 0, 100, 100))
	if c := compareThumbnail(flat, tr.Thumbnail); c.Compared || c.Why.Key != evidence.SignThumbFlat {
		t.Errorf("a flat picture: %+v", c)
	}
	if c := compareThumbnail(img, []byte("not a JPEG")); c.Compared || c.Why.Key != evidence.SignThumbUnreadable {
		t.Errorf("a damaged thumbnail: %+v", c)
	}
}

// FuzzCompareThumbnail feeds embedded thumbnails (untrusted bytes) to the
// comparison.
func FuzzCompareThumbnail(f *testing.F) {
	camera, err := fixture.CameraJPEG(fixture.Scene(320, 240, 5), 90, cameraMeta(1))
	if err != nil {
		f.Fatal(err)
	}
	thumb := exif.Examine(camera).Thumbnail
	f.Add(thumb)
	f.Add(thumb[:len(thumb)/2])
	img, err := decodeScaled("JPEG", camera, &Options{DisplaySide: 320})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, thumb []byte) {
		c := compareThumbnail(img, thumb)
		if c.Compared == (c.Why.Key != "") {
			t.Fatalf("%+v", c)
		}
	})
}

// BenchmarkOriginality times what Run adds to each 12 MP camera
// photo: Examine and the assessment, with the display-size picture it
// has decoded anyway.
func BenchmarkOriginality(b *testing.B) {
	data, err := fixture.CameraJPEG(fixture.Scene(4000, 3000, 6), 92, cameraMeta(1))
	if err != nil {
		b.Fatal(err)
	}
	meta, err := exif.Read(data)
	if err != nil {
		b.Fatal(err)
	}
	img, err := decodeScaled("JPEG", data, &Options{DisplaySide: 1600})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if o := assessOriginality("JPEG", meta, exif.Examine(data), img, nil); o.Derived {
			b.Fatal(o.Reasons)
		}
	}
}
