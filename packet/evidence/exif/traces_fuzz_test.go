package exif

import (
	"strings"
	"testing"

	"appealpacket/internal/fixture"
)

// checkTraces asserts the invariants of Examine's result.
func checkTraces(t *testing.T, data []byte, tr *Traces) {
	t.Helper()
	for _, w := range tr.Warnings {
		if strings.Contains(w, "internal error") {
			t.Fatalf("a panic was recovered: %s", w)
		}
	}
	if tr.PixelWidth < 0 || tr.PixelHeight < 0 {
		t.Fatalf("EXIF size %dx%d", tr.PixelWidth, tr.PixelHeight)
	}
	if len(tr.Thumbnail) > maxThumbnail || len(tr.Thumbnail) > len(data) {
		t.Fatalf("thumbnail of %d bytes from %d", len(tr.Thumbnail), len(data))
	}
	for _, c := range []*JPEGCoding{tr.Coding, tr.ThumbnailCoding} {
		c.IJGQuality()
		_ = c.String()
	}
	if x := tr.XMP; x != nil {
		checkXMP(t, x)
	}
	for _, s := range tr.Dates {
		if s.Time.IsZero() || s.Source == "" || s.Kind < Captured || s.Kind > GPSFix {
			t.Fatalf("date %+v", s)
		}
		_ = s.Clock()
	}
}

func checkXMP(t *testing.T, x *XMP) {
	t.Helper()
	if len(x.History) > maxXMPEvents {
		t.Fatalf("%d history events", len(x.History))
	}
	for _, v := range []string{x.CreatorTool, x.CreateDate, x.ModifyDate, x.MetadataDate, x.DateCreated,
		x.DateTimeOriginal, x.DateTimeDigitized, x.PhotoshopHistory, x.DerivedFrom, x.DocumentID} {
		if len(v) > maxXMPText {
			t.Fatalf("a value of %d bytes", len(v))
		}
	}
	x.PixelEvent()
	x.stamps()
}

// FuzzExamine feeds whole files to Examine: the JPEG header walk, the
// EXIF thumbnail and dates, the XMP of JPEG and HEIC files.
func FuzzExamine(f *testing.F) {
	addCorpusSeeds(f, func(string) bool { return true })
	camera, err := fixture.CameraJPEG(fixture.Scene(64, 48, 1), 80, fixture.EXIF{Make: "Canon", Taken: "2023:10:14 10:21:37",
		GPSTime: "2023:10:14 02:21:37"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(withSegments(camera, xmpAPP1(xmpEditor)))
	f.Add(buildJPEG(f, exifAPP1(fullExif(be))))
	f.Add(buildHEIC(heicOptions{width: 4, height: 4, coded: []byte("x"), exif: fullExif(le)}))
	for _, hb := range hostileBlocks() {
		f.Add(buildJPEG(f, exifAPP1(hb.block)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		bounded(t, func() {
			checkTraces(t, data, Examine(data))
		})
	})
}

// FuzzParseXMP feeds XMP packets to the XMP reader.
func FuzzParseXMP(f *testing.F) {
	f.Add([]byte(xmpEditor))
	f.Add([]byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>2020-05-04T18:39:11.644</xmp:CreateDate>` +
		`</rdf:Description></rdf:RDF></x:xmpmeta>`))
	f.Fuzz(func(t *testing.T, packet []byte) {
		bounded(t, func() {
			x, _ := ParseXMP(packet)
			if x == nil {
				t.Fatal("nil XMP")
			}
			checkXMP(t, x)
		})
	})
}

// FuzzJPEGHeader feeds the walk over a JPEG's segments up to its first
// scan (quantisation and Huffman tables, frame header, APP segments).
func FuzzJPEGHeader(f *testing.F) {
	addCorpusSeeds(f, hasExt(".jpg", ".jpeg"))
	f.Add(goJPEG(f, 75))
	f.Add(withSegments(goJPEG(f, 90), jpegSegment(0xED, []byte("Photoshop 3.0\x008BIM\x04\x06\x00\x00\x00\x00\x00\x01x\x00"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		bounded(t, func() {
			h, _ := readJPEGHeader(data)
			if len(h.exif) > len(data) || len(h.xmp) > len(data) {
				t.Fatalf("EXIF %d, XMP %d bytes of %d", len(h.exif), len(h.xmp), len(data))
			}
			c := h.coding
			if q, ok := c.IJGQuality(); ok && (q < 1 || q > 100) {
				t.Fatalf("quality %d", q)
			}
			for _, comp := range c.Components {
				if comp.Table > 3 {
					t.Fatalf("component %+v", comp)
				}
			}
			_ = c.String()
		})
	})
}
