package exif

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// metaFields strips what depends on the container, for comparing fields.
func metaFields(m *Meta) Meta {
	c := *m
	c.FileType, c.ImageWidth, c.ImageHeight, c.ImageDataHash, c.Warnings, c.exifToolFileType = "", 0, 0, "", nil, ""
	return c
}

func sameGPS(a, b *GPS) bool {
	if a == nil || b == nil {
		return a == b
	}
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	if !near(a.Latitude, b.Latitude) || !near(a.Longitude, b.Longitude) {
		return false
	}
	if a.Altitude == nil || b.Altitude == nil {
		return a.Altitude == b.Altitude
	}
	return near(*a.Altitude, *b.Altitude)
}

func checkFields(t *testing.T, got *Meta, want Meta) {
	t.Helper()
	g := metaFields(got)
	if !sameGPS(g.GPS, want.GPS) {
		t.Errorf("GPS = %+v, want %+v", g.GPS, want.GPS)
	}
	g.GPS, want.GPS = nil, nil
	if !reflect.DeepEqual(g, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", g, want)
	}
}

// TestReadContainers reads the same EXIF block from every container, in
// both byte orders, and checks every field, the size and the warnings.
func TestReadContainers(t *testing.T) {
	for _, order := range []tb{le, be} {
		block := fullExif(order)
		tiffFile := order.encode(&tIFD{entries: []tEntry{
			order.ascii(tagMake, "Canon"), order.ascii(tagModel, "Canon EOS 5D Mark III"),
			order.short(tagOrientation, 6), order.ascii(tagSoftware, "Firmware 1.3.5"),
			order.ascii(tagDateTime, "2024:03:02 08:00:00"), order.ascii(tagArtist, "Li Wei"),
			order.ascii(tagCopyright, "Shenzhen Bartech"), order.long(tagImageWidth, 3),
			order.short(tagImageLength, 2), order.long(tagStripOffsets, 8), order.long(tagStripByteCounts, 6),
		}})
		wantTIFF := wantFull()
		wantTIFF.SerialNumber, wantTIFF.LensModel, wantTIFF.DateTimeOriginal, wantTIFF.CreateDate = "", "", "", ""
		wantTIFF.SerialNumberSource, wantTIFF.LensModelSource = "", ""
		wantTIFF.OffsetTimeOriginal, wantTIFF.GPS = "", nil

		tests := []struct {
			name     string
			data     []byte
			fileType string
			w, h     int
			want     Meta
			warning  string // expected substring of the only warning, "" for none
		}{
			{"JPEG", buildJPEG(t, exifAPP1(block)), "JPEG", 24, 16, wantFull(), ""},
			{"JPEG XMP before EXIF", buildJPEG(t, xmpAPP1("<x:xmpmeta/>"), exifAPP1(block)), "JPEG", 24, 16, wantFull(), ""},
			{"JPEG second EXIF APP1 ignored", buildJPEG(t, exifAPP1(block), exifAPP1(le.encode(&tIFD{entries: []tEntry{le.ascii(tagMake, "Other")}}))), "JPEG", 24, 16, wantFull(), ""},
			{"PNG eXIf before IDAT", buildPNG(t, false, pngChunk("eXIf", block)), "PNG", 24, 16, wantFull(), ""},
			{"PNG eXIf after IDAT", buildPNG(t, true, pngChunk("eXIf", block)), "PNG", 24, 16, wantFull(), "after IDAT"},
			{"WebP", buildWebP(300, 200, block, []byte{1, 2, 3}), "WEBP", 300, 200, wantFull(), ""},
			{"HEIC", buildHEIC(heicOptions{width: 4032, height: 3024, coded: []byte("coded"), exif: block, ilocVersion: 1}), "HEIC", 4032, 3024, wantFull(), ""},
			{"HEIC iloc v0", buildHEIC(heicOptions{width: 40, height: 30, coded: []byte("coded"), exif: block}), "HEIC", 40, 30, wantFull(), ""},
			{"HEIC iloc v2, Exif at end", buildHEIC(heicOptions{width: 40, height: 30, coded: []byte("coded"), exif: block, exifAtEnd: true, ilocVersion: 2}), "HEIC", 40, 30, wantFull(), ""},
			{"TIFF", tiffFile, "TIFF", 3, 2, wantTIFF, ""},
		}
		for _, tc := range tests {
			t.Run(tc.name+"/"+string(block[:2]), func(t *testing.T) {
				m, err := Read(tc.data)
				if err != nil {
					t.Fatal(err)
				}
				if m.FileType != tc.fileType || m.ImageWidth != tc.w || m.ImageHeight != tc.h {
					t.Errorf("FileType, size = %s %dx%d, want %s %dx%d", m.FileType, m.ImageWidth, m.ImageHeight, tc.fileType, tc.w, tc.h)
				}
				checkFields(t, m, tc.want)
				switch {
				case tc.warning == "" && len(m.Warnings) > 0:
					t.Errorf("unexpected warnings %q", m.Warnings)
				case tc.warning != "" && (len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], tc.warning)):
					t.Errorf("warnings %q, want one containing %q", m.Warnings, tc.warning)
				}
				if len(m.ImageDataHash) != 64 {
					t.Errorf("ImageDataHash = %q, want a SHA-256", m.ImageDataHash)
				}
				w, h, ft, err := Dimensions(tc.data)
				if err != nil || w != tc.w || h != tc.h || ft != tc.fileType {
					t.Errorf("Dimensions = %d, %d, %q, %v; want %d, %d, %q", w, h, ft, err, tc.w, tc.h, tc.fileType)
				}
			})
		}
	}
}

func TestReadUnrecognized(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("GIF89a......"), []byte("%PDF-1.7\n"), {0xFF, 0xD8}, []byte("\x00\x00\x00\x18ftypisom\x00\x00\x00\x00")} {
		m, err := Read(data)
		if m != nil || !errors.Is(err, ErrUnrecognized) {
			t.Errorf("Read(%q) = %v, %v; want nil, ErrUnrecognized", data, m, err)
		}
		if _, _, _, err := Dimensions(data); !errors.Is(err, ErrUnrecognized) {
			t.Errorf("Dimensions(%q) error = %v, want ErrUnrecognized", data, err)
		}
	}
}

func TestDimensionsWithoutSize(t *testing.T) {
	jpg := buildJPEG(t)
	sof := bytes.Index(jpg, []byte{0xFF, 0xC0})
	for name, data := range map[string][]byte{
		"JPEG cut before SOF":  jpg[:sof],
		"PNG without IHDR":     []byte("\x89PNG\r\n\x1a\n"),
		"HEIC without meta":    box("ftyp", []byte("heic"), be32(0)),
		"TIFF without IFD0":    []byte("II*\x00\xff\xff\x00\x00"),
		"WebP without a frame": []byte("RIFF\x04\x00\x00\x00WEBP"),
	} {
		if w, h, _, err := Dimensions(data); err == nil {
			t.Errorf("%s: Dimensions = %d×%d, want an error", name, w, h)
		}
	}
}

// TestTagVariants covers where a tag may come from and how odd values are
// read.
func TestTagVariants(t *testing.T) {
	tests := []struct {
		name  string
		ifd0  []tEntry
		exif  []tEntry
		check func(t *testing.T, m *Meta)
	}{
		{"IFD0 SerialNumber 0xC62F when there is no BodySerialNumber",
			[]tEntry{le.ascii(tagDNGSerialNumber, "142066080698")}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.SerialNumber, "142066080698") }},
		{"BodySerialNumber wins over IFD0 SerialNumber",
			[]tEntry{le.ascii(tagDNGSerialNumber, "IFD0")}, []tEntry{le.ascii(tagBodySerialNumber, "BODY")},
			func(t *testing.T, m *Meta) { wantEq(t, m.SerialNumber, "BODY") }},
		{"BodySerialNumber misplaced in IFD0 is read (Canon DPP does this)",
			[]tEntry{le.ascii(tagBodySerialNumber, "142066080698")}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.SerialNumber, "142066080698") }},
		{"the proper IFD wins when a tag is in both",
			[]tEntry{le.ascii(tagMake, "IFD0 make"), le.ascii(tagLensModel, "IFD0 lens")},
			[]tEntry{le.ascii(tagMake, "Exif make"), le.ascii(tagLensModel, "Exif lens")},
			func(t *testing.T, m *Meta) { wantEq(t, m.Make+"/"+m.LensModel, "IFD0 make/Exif lens") }},
		{"an IFD0 tag found only in ExifIFD is read",
			nil, []tEntry{le.ascii(tagSoftware, "in ExifIFD")},
			func(t *testing.T, m *Meta) { wantEq(t, m.Software, "in ExifIFD") }},
		{"trailing spaces and NULs are trimmed, text after a NUL dropped",
			[]tEntry{{tag: tagMake, typ: typeASCII, count: 16, data: []byte("OLYMPUS   \x00junk\x00")}}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.Make, "OLYMPUS") }},
		{"text stored as UNDEFINED is read",
			[]tEntry{{tag: tagModel, typ: typeUndefined, count: 6, data: []byte("E-P3\x00\x00")}}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.Model, "E-P3") }},
		{"invalid UTF-8 is replaced",
			[]tEntry{le.ascii(tagArtist, "caf\xe9")}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.Artist, "caf\uFFFD") }},
		{"Orientation as LONG",
			[]tEntry{le.long(tagOrientation, 8)}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.Orientation, 8) }},
		{"value in type 13 (IFD) is read as LONG",
			[]tEntry{{tag: tagOrientation, typ: typeIFD, count: 1, data: []byte{3, 0, 0, 0}}}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.Orientation, 3) }},
		{"date with sub-seconds kept as written",
			[]tEntry{le.ascii(tagDateTime, "2020:05:04 18:39:11.644")}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.ModifyDate, "2020:05:04 18:39:11.644") }},
		{"zero-count entries are skipped",
			[]tEntry{{tag: tagMake, typ: typeASCII, count: 0}}, nil,
			func(t *testing.T, m *Meta) { wantEq(t, m.Make, "") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := &tIFD{entries: tc.ifd0}
			if tc.exif != nil {
				root.sub = map[uint16]*tIFD{tagExifIFD: {entries: tc.exif}}
			}
			m, err := Read(buildJPEG(t, exifAPP1(le.encode(root))))
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Warnings) > 0 {
				t.Errorf("warnings %q", m.Warnings)
			}
			tc.check(t, m)
		})
	}
}

func wantEq[T comparable](t *testing.T, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestBadValues: values that cannot be true are reported and left empty.
func TestBadValues(t *testing.T) {
	gpsIFD := func(es ...tEntry) map[uint16]*tIFD { return map[uint16]*tIFD{tagGPSIFD: {entries: es}} }
	north := []tEntry{le.ascii(tagGPSLatitudeRef, "N"), le.ascii(tagGPSLongitudeRef, "E"), le.rational(tagGPSLongitude, 103, 1, 28, 1, 48, 1)}
	tests := []struct {
		name    string
		root    *tIFD
		warning string // substring; "" means no warning expected
		check   func(m *Meta) bool
	}{
		{"Orientation 0", &tIFD{entries: []tEntry{le.short(tagOrientation, 0)}}, "Orientation 0 is invalid",
			func(m *Meta) bool { return m.Orientation == 0 }},
		{"Orientation 9", &tIFD{entries: []tEntry{le.short(tagOrientation, 9)}}, "Orientation 9 is invalid",
			func(m *Meta) bool { return m.Orientation == 0 }},
		{"Orientation as text", &tIFD{entries: []tEntry{le.ascii(tagOrientation, "6")}}, "not an integer",
			func(m *Meta) bool { return m.Orientation == 0 }},
		{"latitude 213°", &tIFD{sub: gpsIFD(append(north, le.rational(tagGPSLatitude, 213, 1, 38, 1, 2403, 100))...)},
			"latitude 213.640", func(m *Meta) bool { return m.GPS == nil }},
		{"longitude 181°", &tIFD{sub: gpsIFD(le.ascii(tagGPSLatitudeRef, "N"), le.rational(tagGPSLatitude, 10, 1),
			le.ascii(tagGPSLongitudeRef, "W"), le.rational(tagGPSLongitude, 181, 1))},
			"longitude -181", func(m *Meta) bool { return m.GPS == nil }},
		{"latitude without reference", &tIFD{sub: gpsIFD(le.rational(tagGPSLatitude, 10, 1), le.ascii(tagGPSLongitudeRef, "E"), le.rational(tagGPSLongitude, 10, 1))},
			"no reference", func(m *Meta) bool { return m.GPS == nil }},
		{"latitude reference X", &tIFD{sub: gpsIFD(le.ascii(tagGPSLatitudeRef, "X"), le.rational(tagGPSLatitude, 10, 1), le.ascii(tagGPSLongitudeRef, "E"), le.rational(tagGPSLongitude, 10, 1))},
			`reference "X"`, func(m *Meta) bool { return m.GPS == nil }},
		{"latitude with zero denominator", &tIFD{sub: gpsIFD(append(north, le.rational(tagGPSLatitude, 10, 0, 0, 1, 0, 1))...)},
			"zero denominator", func(m *Meta) bool { return m.GPS == nil }},
		{"longitude only", &tIFD{sub: gpsIFD(north...)}, "latitude or longitude missing",
			func(m *Meta) bool { return m.GPS == nil }},
		{"empty GPS placeholder (0/0, no refs) is silent", &tIFD{sub: gpsIFD(le.ascii(tagGPSLatitudeRef, ""), le.rational(tagGPSLatitude, 0, 0, 0, 0, 0, 0),
			le.ascii(tagGPSLongitudeRef, ""), le.rational(tagGPSLongitude, 0, 0, 0, 0, 0, 0))}, "",
			func(m *Meta) bool { return m.GPS == nil }},
		{"altitude with zero denominator keeps the position", &tIFD{sub: gpsIFD(append(north, le.rational(tagGPSLatitude, 1, 1), le.rational(tagGPSAltitude, 5, 0))...)},
			"altitude has a zero denominator", func(m *Meta) bool { return m.GPS != nil && m.GPS.Altitude == nil && m.GPS.Latitude == 1 }},
		{"altitude 0 below sea level is 0, not -0", &tIFD{sub: gpsIFD(append(north, le.rational(tagGPSLatitude, 1, 1), le.rational(tagGPSAltitude, 0, 1), le.byteVal(tagGPSAltitudeRef, 1))...)},
			"", func(m *Meta) bool { return m.GPS != nil && m.GPS.Altitude != nil && !math.Signbit(*m.GPS.Altitude) }},
		{"date 0000:00:00", &tIFD{sub: map[uint16]*tIFD{tagExifIFD: {entries: []tEntry{le.ascii(tagDateTimeOriginal, "0000:00:00 00:00:00")}}}},
			"not a valid date", func(m *Meta) bool { return m.DateTimeOriginal == "" }},
		{"blank date", &tIFD{entries: []tEntry{le.ascii(tagDateTime, "    :  :     :  :  ")}},
			"not a valid date", func(m *Meta) bool { return m.ModifyDate == "" }},
		{"offset 8", &tIFD{sub: map[uint16]*tIFD{tagExifIFD: {entries: []tEntry{le.ascii(tagOffsetTimeOriginal, "8")}}}},
			"not a valid offset", func(m *Meta) bool { return m.OffsetTimeOriginal == "" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Read(buildJPEG(t, exifAPP1(le.encode(tc.root))))
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(m) {
				t.Errorf("value trusted: %+v (GPS %+v)", metaFields(m), m.GPS)
			}
			if tc.warning == "" {
				if len(m.Warnings) != 0 {
					t.Errorf("warnings %q, want none", m.Warnings)
				}
			} else if !hasWarning(m, tc.warning) {
				t.Errorf("warnings %q, want one containing %q", m.Warnings, tc.warning)
			}
		})
	}
}

func hasWarning(m *Meta, sub string) bool {
	for _, w := range m.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

// hostileBlocks are EXIF blocks crafted to make a naive decoder allocate
// gigabytes, loop forever or read out of bounds. They are also fuzz seeds.
func hostileBlocks() map[string]struct {
	block   []byte
	warning string
} {
	bigCount := func(typ uint16) []byte {
		return le.encode(&tIFD{entries: []tEntry{{tag: tagMake, typ: typ, count: 0x80000001, raw: u32p(8)}, le.ascii(tagModel, "kept")}})
	}
	a, b := &tIFD{entries: []tEntry{le.ascii(tagModel, "kept")}}, &tIFD{entries: []tEntry{le.short(0x0103, 6)}}
	a.next, b.next = b, a // IFD0 → IFD1 → IFD0
	selfExif := &tIFD{entries: []tEntry{le.ascii(tagModel, "kept"), {tag: tagExifIFD, typ: typeLong, count: 1, raw: u32p(8)}}}
	many := &tIFD{entries: []tEntry{le.ascii(tagModel, "kept")}}
	many.countRaw = new(uint16)
	*many.countRaw = 60000
	chain := &tIFD{entries: []tEntry{le.ascii(tagModel, "kept")}}
	for d, i := chain, 0; i < 20; i++ {
		d.next = &tIFD{entries: []tEntry{le.short(0x0103, 6)}}
		d = d.next
	}
	noisy := &tIFD{entries: []tEntry{le.ascii(tagModel, "kept")}}
	for d, i := noisy, 0; ; i++ { // 16 IFDs of 10 bad entries each
		for j := 0; j < 10; j++ {
			d.entries = append(d.entries, tEntry{tag: uint16(0x9000 + j), typ: 99, count: 1})
		}
		if i == 15 {
			break
		}
		d.next = &tIFD{entries: []tEntry{le.short(0x0103, 6)}}
		d = d.next
	}
	return map[string]struct {
		block   []byte
		warning string
	}{
		"160 warnings":              {le.encode(noisy), "more warnings not shown"},
		"SHORT count 0x80000001":    {bigCount(typeShort), "lies outside"},
		"LONG count 0x80000001":     {bigCount(typeLong), "lies outside"},
		"RATIONAL count 0x80000001": {bigCount(typeRational), "lies outside"},
		"IFD cycle A→B→A":           {le.encode(a), "loop"},
		"ExifIFD pointing at IFD0":  {le.encode(selfExif), "loop"},
		"60000 entries":             {le.encode(many), "limit 1000"},
		"21 chained IFDs":           {le.encode(chain), "more than 16 IFDs"},
		"value offset past the end": {le.encode(&tIFD{entries: []tEntry{le.ascii(tagModel, "kept"), {tag: tagMake, typ: typeASCII, count: 100, raw: u32p(0xFFFFFFF0)}}}), "lies outside"},
		"bad format on first entry": {le.encode(&tIFD{entries: []tEntry{{tag: 1, typ: 99, count: 1}, le.ascii(tagModel, "lost")}}), "looks corrupt"},
	}
}

func TestHostileBlocks(t *testing.T) {
	for name, hb := range hostileBlocks() {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			m, err := Read(buildJPEG(t, exifAPP1(hb.block)))
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Read took %v", d)
			}
			if !hasWarning(m, hb.warning) {
				t.Errorf("warnings %q, want one containing %q", m.Warnings, hb.warning)
			}
			if hasWarning(m, "internal error") || hasWarning(m, "decoder") {
				t.Errorf("guard let a problem through: %q", m.Warnings)
			}
			// Damage confined to one entry or a later IFD must not cost the
			// sound entries of IFD0.
			if wantModel := hb.warning != "looks corrupt" && hb.warning != "limit 1000"; (m.Model == "kept") != wantModel {
				t.Errorf("Model = %q, want it kept: %v", m.Model, wantModel)
			}
		})
	}
}

// TestImageDataHash: a metadata-only edit keeps the hash, a pixel edit
// changes it, for each container.
func TestImageDataHash(t *testing.T) {
	block := fullExif(le)
	other := le.encode(&tIFD{entries: []tEntry{le.ascii(tagMake, "Nikon"), le.ascii(tagSoftware, "Adobe Photoshop 25.0 (Windows)")}})
	jpg := buildJPEG(t, exifAPP1(block))
	sos := bytes.Index(jpg, []byte{0xFF, 0xDA})
	flip := func(data []byte, at int) []byte {
		c := append([]byte(nil), data...)
		c[at] ^= 0x01
		return c
	}
	rewrite := func(data []byte, old, new string) []byte {
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%q not in data", old)
		}
		return bytes.Replace(data, []byte(old), []byte(new), 1)
	}
	pngData := buildPNG(t, false, pngChunk("eXIf", block))
	idat := bytes.Index(pngData, []byte("IDAT")) + 4
	webp := buildWebP(30, 20, block, []byte("pixels!"))
	heic := buildHEIC(heicOptions{width: 4, height: 4, coded: []byte("HEVC bitstream"), exif: block, ilocVersion: 1})

	tests := []struct {
		name     string
		a, b     []byte
		sameHash bool
	}{
		{"JPEG: APP1 string rewritten, same length", jpg, rewrite(jpg, "Canon EOS 5D", "Nikon Z 6 II"), true},
		{"JPEG: EXIF replaced by a different block", jpg, buildJPEG(t, exifAPP1(other)), true},
		{"JPEG: EXIF stripped", jpg, buildJPEG(t), true},
		{"JPEG: XMP and COM added", jpg, buildJPEG(t, xmpAPP1("<x/>"), exifAPP1(block), jpegSegment(0xFE, []byte("comment"))), true},
		{"JPEG: trailer after EOI", jpg, append(append([]byte(nil), jpg...), "trailer"...), true},
		{"JPEG: byte flipped in scan data", jpg, flip(jpg, len(jpg)-10), false},
		{"JPEG: byte flipped in SOS header", jpg, flip(jpg, sos+5), false},
		{"PNG: eXIf moved after IDAT", pngData, buildPNG(t, true, pngChunk("eXIf", block)), true},
		{"PNG: text chunk added", pngData, buildPNG(t, false, pngChunk("eXIf", block), pngChunk("tEXt", []byte("Author\x00me"))), true},
		{"PNG: byte flipped in IDAT", pngData, flip(pngData, idat+3), false},
		{"WebP: EXIF replaced", webp, buildWebP(30, 20, other, []byte("pixels!")), true},
		{"WebP: pixel data changed", webp, buildWebP(30, 20, block, []byte("pixels?")), false},
		{"HEIC: EXIF string rewritten", heic, rewrite(heic, "Canon EOS 5D", "Nikon Z 6 II"), true},
		{"HEIC: coded image changed", heic, rewrite(heic, "HEVC bitstream", "HEVC bitstreaM"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ma, err := Read(tc.a)
			if err != nil {
				t.Fatal(err)
			}
			mb, err := Read(tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if ma.ImageDataHash == "" || mb.ImageDataHash == "" {
				t.Fatalf("empty hash: %q %q", ma.ImageDataHash, mb.ImageDataHash)
			}
			if (ma.ImageDataHash == mb.ImageDataHash) != tc.sameHash {
				t.Errorf("hashes %s / %s: equal = %v, want %v", ma.ImageDataHash, mb.ImageDataHash, !tc.sameHash, tc.sameHash)
			}
		})
	}
}

// TestImageDataHashDefinition pins what is hashed, independently of the
// walker: for a baseline JPEG, exactly the bytes from the SOS marker up to
// (not including) EOI; for PNG the IDAT data; for HEIC the item extents.
func TestImageDataHashDefinition(t *testing.T) {
	sum := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	jpg := buildJPEG(t, exifAPP1(fullExif(be)))
	sos, eoi := bytes.Index(jpg, []byte{0xFF, 0xDA}), bytes.LastIndex(jpg, []byte{0xFF, 0xD9})
	pngData := buildPNG(t, false)
	n := binary.BigEndian.Uint32(pngData[33:])
	if string(pngData[37:41]) != "IDAT" {
		t.Fatal("test PNG layout changed")
	}
	heic := buildHEIC(heicOptions{width: 1, height: 1, coded: []byte("the coded image")})
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"JPEG": {jpg, sum(jpg[sos:eoi])},
		"PNG":  {pngData, sum(pngData[41 : 41+n])},
		"HEIC": {heic, sum([]byte("the coded image"))},
		"WebP": {buildWebP(2, 2, nil, []byte{9, 9}), sum([]byte{0x2F, 1, 64, 0, 0, 9, 9, 0})},
	} {
		m, err := Read(tc.data)
		if err != nil {
			t.Fatal(err)
		}
		if m.ImageDataHash != tc.want {
			t.Errorf("%s: ImageDataHash = %s, want %s", name, m.ImageDataHash, tc.want)
		}
	}
}

func TestCaptureTime(t *testing.T) {
	tests := []struct {
		name string
		m    Meta
		want string // RFC 3339, "" for !ok
	}{
		{"original with offset", Meta{DateTimeOriginal: "2021:05:18 14:41:56", OffsetTimeOriginal: "-07:00"}, "2021-05-18T14:41:56-07:00"},
		{"original without offset is a UTC-labelled wall clock", Meta{DateTimeOriginal: "2021:05:18 14:41:56"}, "2021-05-18T14:41:56Z"},
		{"falls back to CreateDate, offset not applied", Meta{CreateDate: "2020:01:02 03:04:05", OffsetTimeOriginal: "+08:00"}, "2020-01-02T03:04:05Z"},
		{"sub-seconds ignored", Meta{DateTimeOriginal: "2020:05:04 18:39:11.644", OffsetTimeOriginal: "+02:00"}, "2020-05-04T18:39:11+02:00"},
		{"bad offset ignored", Meta{DateTimeOriginal: "2021:05:18 14:41:56", OffsetTimeOriginal: "+99:00"}, "2021-05-18T14:41:56Z"},
		{"nothing", Meta{ModifyDate: "2021:05:18 14:41:56"}, ""},
	}
	for _, tc := range tests {
		got, ok := tc.m.CaptureTime()
		if tc.want == "" {
			if ok {
				t.Errorf("%s: got %v, want !ok", tc.name, got)
			}
			continue
		}
		if !ok || got.Format(time.RFC3339) != tc.want {
			t.Errorf("%s: got %v %v, want %s", tc.name, got.Format(time.RFC3339), ok, tc.want)
		}
	}
}

func TestCamera(t *testing.T) {
	tests := []struct{ make, model, want string }{
		// Make and Model as the cameras of the corpus write them.
		{"Canon", "Canon EOS 5D Mark III", "Canon EOS 5D Mark III"},
		{"Canon", "Canon PowerShot SX60 HS", "Canon PowerShot SX60 HS"},
		{"NIKON CORPORATION", "NIKON D2H", "NIKON D2H"},
		{"NIKON", "COOLPIX P6000", "NIKON COOLPIX P6000"},
		{"SONY", "DSC-HX5V", "SONY DSC-HX5V"},
		{"FUJIFILM", "FinePix F40fd", "FUJIFILM FinePix F40fd"},
		{"OLYMPUS IMAGING CORP.", "E-P3", "OLYMPUS IMAGING CORP. E-P3"},
		{"PENTAX Corporation", "PENTAX K10D", "PENTAX K10D"},
		{"EASTMAN KODAK COMPANY", "KODAK DC240 ZOOM DIGITAL CAMERA", "KODAK DC240 ZOOM DIGITAL CAMERA"},
		{"Apple", "iPhone 11 Pro Max", "Apple iPhone 11 Pro Max"},
		{"samsung", "SM-G975F", "samsung SM-G975F"},
		{"HUAWEI", "ELE-L29", "HUAWEI ELE-L29"},
		{"Xiaomi", "Mi MIX 2", "Xiaomi Mi MIX 2"},
		{"HTC", "HTC Desire", "HTC Desire"},
		{"Google", "Pixel 5", "Google Pixel 5"},
		// The make once, whatever its case; one of the two alone.
		{"Canon", "EOS R5", "Canon EOS R5"},
		{"CANON", "Canon EOS R5", "Canon EOS R5"},
		{" Canon ", " Canon EOS R5 ", "Canon EOS R5"},
		{"", "Canon EOS R5", "Canon EOS R5"},
		{"GoPro", "", "GoPro"},
		{"", "", ""},
	}
	for _, tt := range tests {
		m := &Meta{Make: tt.make, Model: tt.model}
		if got := m.Camera(); got != tt.want {
			t.Errorf("Camera(%q, %q) = %q, want %q", tt.make, tt.model, got, tt.want)
		}
	}
	if got := (*Meta)(nil).Camera(); got != "" {
		t.Errorf("nil Meta: %q", got)
	}
}

func TestExifToolFields(t *testing.T) {
	alt := 3.5
	m := &Meta{FileType: "WEBP", exifToolFileType: "Extended WEBP", Make: "HTC", Orientation: 1, ImageWidth: 776,
		ImageHeight: 909, GPS: &GPS{Latitude: -1.5, Longitude: 2, Altitude: &alt}}
	want := map[string]any{"FileType": "Extended WEBP", "Make": "HTC", "Orientation": 1, "ImageWidth": 776,
		"ImageHeight": 909, "GPSLatitude": -1.5, "GPSLongitude": 2.0, "GPSAltitude": 3.5}
	if got := m.ExifToolFields(); !reflect.DeepEqual(got, want) {
		t.Errorf("ExifToolFields = %v, want %v", got, want)
	}
	if got := (&Meta{FileType: "PNG"}).ExifToolFields(); !reflect.DeepEqual(got, map[string]any{"FileType": "PNG"}) {
		t.Errorf("empty Meta gives %v", got)
	}
}

// TestJPEGStructure covers the walker on damaged or unusual streams.
func TestJPEGStructure(t *testing.T) {
	block := fullExif(le)
	good := buildJPEG(t, exifAPP1(block))
	app1 := exifAPP1(block)
	// The scan cut short: the last, unterminated run of scan data is not
	// hashed (as ExifTool); cut after a stuffed 0xFF00 so some of it is.
	stuffed := bytes.LastIndex(good, []byte{0xFF, 0x00})
	if stuffed < 0 {
		t.Fatal("test JPEG has no stuffed 0xFF00 in its scan")
	}
	tests := []struct {
		name    string
		data    []byte
		warning string
		hasEXIF bool
		hashSet bool
	}{
		{"cut inside the EXIF APP1", good[:40], "JPEG format error", false, false},
		{"cut inside the DQT after APP1", good[:2+len(app1)+10], "not trusted", false, false},
		{"cut inside the scan", good[:stuffed+3], "without an EOI", true, true},
		{"segment length 1", append(append([]byte{0xFF, 0xD8}, 0xFF, 0xE1, 0, 1), good[2:]...), "invalid length 1", false, false},
		{"garbage between segments", append(append(append([]byte{0xFF, 0xD8}, app1...), "junk"...), good[2+len(app1):]...), "skipped 4 unknown bytes", true, true},
		{"fill bytes before markers are fine", append(append([]byte{0xFF, 0xD8, 0xFF, 0xFF}, app1...), good[2+len(app1):]...), "", true, true},
		{"garbage before Exif header", append(append([]byte{0xFF, 0xD8}, jpegSegment(0xE1, append([]byte("xxExif\x00\x00"), block...))...), good[2+len(app1):]...), "garbage before the EXIF header", true, true},
		{"EOI without SOS", []byte{0xFF, 0xD8, 0xFF, 0xD9}, "missing SOS", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Read(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if tc.warning == "" && len(m.Warnings) > 0 || tc.warning != "" && !hasWarning(m, tc.warning) {
				t.Errorf("warnings %q, want %q", m.Warnings, tc.warning)
			}
			if m.HasEXIF != tc.hasEXIF {
				t.Errorf("HasEXIF = %v, want %v", m.HasEXIF, tc.hasEXIF)
			}
			if (m.ImageDataHash != "") != tc.hashSet {
				t.Errorf("ImageDataHash = %q", m.ImageDataHash)
			}
		})
	}
}

func TestHEIFStructure(t *testing.T) {
	block := fullExif(be)
	good := buildHEIC(heicOptions{width: 8, height: 6, coded: []byte("coded"), exif: block, ilocVersion: 1})
	exifItem := func(payload []byte) []byte {
		// Replace the Exif payload (offset word + "Exif\0\0" + block) by payload of equal length.
		i := bytes.Index(good, append(be32(6), "Exif\x00\x00"...))
		c := append([]byte(nil), good...)
		copy(c[i:], payload)
		return c
	}
	padded := func(b []byte) []byte { return append(b, make([]byte, 10+len(block)-len(b))...) }
	tests := []struct {
		name    string
		data    []byte
		warning string
		make    string
	}{
		{"bare TIFF header in the Exif item", exifItem(padded(append([]byte(nil), block...))), "bare TIFF header", "Canon"},
		{"header offset past the item", exifItem(padded(be32(0x7FFFFFFF))), "points past", ""},
		{"cut in the middle of meta", good[:60], "runs past its container", ""},
		{"mdat cut short", good[:len(good)-3], "runs past", "Canon"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Read(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if !hasWarning(m, tc.warning) {
				t.Errorf("warnings %q, want %q", m.Warnings, tc.warning)
			}
			if m.Make != tc.make {
				t.Errorf("Make = %q, want %q", m.Make, tc.make)
			}
		})
	}
}
