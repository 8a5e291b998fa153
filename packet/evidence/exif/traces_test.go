package exif

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/fixture"
	"appealpacket/internal/testcorpus"
)

func goJPEG(t testing.TB, quality int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testPicture(), &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withSegments inserts segments right after the SOI of a JPEG.
func withSegments(data []byte, segs ...[]byte) []byte {
	out := append([]byte(nil), data[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, data[2:]...)
}

func TestIJGQuality(t *testing.T) {
	for _, q := range []int{5, 25, 50, 75, 85, 90, 95, 99} {
		h, err := readJPEGHeader(goJPEG(t, q))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := h.coding.IJGQuality()
		if !ok || got != q {
			t.Errorf("Go's quality %d read as %d, %v", q, got, ok)
		}
		if !h.coding.StandardHuffman || h.coding.Progressive || h.coding.Sampling() != "4:2:0" || h.coding.JFIF {
			t.Errorf("quality %d: %s", q, h.coding)
		}
		own, _ := readJPEGHeader(fixture.OwnTables(goJPEG(t, q)))
		if q, ok := own.coding.IJGQuality(); ok {
			t.Errorf("perturbed tables read as IJG quality %d", q)
		}
	}
}

func TestJPEGCodingTraces(t *testing.T) {
	base := goJPEG(t, 90)
	jfif := jpegSegment(0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
	irb := func(ids ...uint16) []byte {
		b := []byte("Photoshop 3.0\x00")
		for _, id := range ids {
			b = append(b, "8BIM"...)
			b = binary.BigEndian.AppendUint16(b, id)
			b = append(b, 0, 0)                     // empty Pascal name, padded
			b = binary.BigEndian.AppendUint32(b, 3) // odd size: padded
			b = append(b, 1, 2, 3, 0)
		}
		return jpegSegment(0xED, b)
	}
	progressive := bytes.Clone(base)
	if i := bytes.Index(progressive, []byte{0xFF, 0xC0}); i > 0 {
		progressive[i+1] = 0xC2
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"Go's encoder", base, "IJG q90 4:2:0"},
		{"JFIF before the EXIF", withSegments(base, jfif, exifAPP1(fullExif(le))), "IJG q90 4:2:0 JFIF"},
		{"Photoshop's save settings", withSegments(base, irb(0x0404, 0x0406), jpegSegment(0xEE, []byte("Adobe\x00\x64"))), "IJG q90 4:2:0 Adobe Photoshop save"},
		{"other Photoshop resources", withSegments(base, irb(0x0404, 0x0425)), "IJG q90 4:2:0"},
		{"progressive", progressive, "IJG q90 4:2:0 progressive"},
	}
	for _, tt := range tests {
		h, err := readJPEGHeader(tt.data)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := h.coding.String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	h, _ := readJPEGHeader(withSegments(base, jfif, exifAPP1(fullExif(le))))
	if !h.coding.JFIFFirst {
		t.Error("JFIF before EXIF not seen as first")
	}
	h, _ = readJPEGHeader(withSegments(base, exifAPP1(fullExif(le)), jfif))
	if h.coding.JFIFFirst || !h.coding.JFIF {
		t.Errorf("JFIF after EXIF: first %v, present %v", h.coding.JFIFFirst, h.coding.JFIF)
	}
	// Damage: the walk stops with an error, keeping what it read.
	if _, err := readJPEGHeader(base[:40]); err == nil {
		t.Error("a header cut off reads without an error")
	}
}

const xmpEditor = `<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
  xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"
  xmp:CreatorTool="Adobe Photoshop Lightroom 6.2.1 (Macintosh)" xmp:CreateDate="2016-01-12T15:33:28"
  xmp:ModifyDate="2017-06-01T13:04:55-05:00" photoshop:DateCreated="2016-01-12T15:33:28">
 <xmpMM:History><rdf:Seq>
  <rdf:li stEvt:action="derived" stEvt:parameters="converted from image/x-canon-cr2 to image/jpeg"/>
  <rdf:li rdf:parseType="Resource"><stEvt:action>saved</stEvt:action>
   <stEvt:softwareAgent>Adobe Photoshop CC 2017 (Macintosh)</stEvt:softwareAgent><stEvt:when>2017-06-01T13:04:55-05:00</stEvt:when></rdf:li>
 </rdf:Seq></xmpMM:History>
 <xmpMM:DerivedFrom stRef:documentID="0AB52A846E7143135421ED248891FAB3"/>
 <exif:DateTimeOriginal>2016-01-12T15:33:28.50</exif:DateTimeOriginal>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>` + "\x00\x00  "

func TestParseXMP(t *testing.T) {
	x, err := ParseXMP([]byte(xmpEditor))
	if err != nil {
		t.Fatal(err)
	}
	want := XMP{CreatorTool: "Adobe Photoshop Lightroom 6.2.1 (Macintosh)", CreateDate: "2016-01-12T15:33:28",
		ModifyDate: "2017-06-01T13:04:55-05:00", DateCreated: "2016-01-12T15:33:28", DateTimeOriginal: "2016-01-12T15:33:28.50",
		DerivedFrom: "0AB52A846E7143135421ED248891FAB3",
		History: []XMPEvent{{Action: "derived", Parameters: "converted from image/x-canon-cr2 to image/jpeg"},
			{Action: "saved", SoftwareAgent: "Adobe Photoshop CC 2017 (Macintosh)", When: "2017-06-01T13:04:55-05:00"}}}
	got, _ := json.Marshal(x)
	exp, _ := json.Marshal(want)
	if !bytes.Equal(got, exp) {
		t.Errorf("read\n%s\nwant\n%s", got, exp)
	}
	if e, ok := x.PixelEvent(); !ok || e.Action != "derived" {
		t.Errorf("pixel event %+v %v", e, ok)
	}
	// The XMP of an editor: its xmp:CreateDate is its document's, not the
	// capture's.
	for _, s := range x.stamps() {
		if s.Source == "XMP xmp:CreateDate" && s.Kind != Modified {
			t.Errorf("an editor's xmp:CreateDate counted as %v", s.Kind)
		}
	}

	for _, bad := range []struct{ name, xmp, want string }{
		{"cut off", xmpEditor[:700], "not well-formed"},
		{"wrong end tag", `<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:other>`, "not well-formed"},
		{"other charset", `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`, "charset"},
		{"too deep", strings.Repeat("<a>", maxXMPDepth+1), "deeper"},
	} {
		x, err := ParseXMP([]byte(bad.xmp))
		if err == nil || !strings.Contains(err.Error(), bad.want) || x == nil {
			t.Errorf("%s: %v, want an error with %q and a partial XMP", bad.name, err, bad.want)
		}
	}
	if x, _ := ParseXMP([]byte(xmpEditor[:700])); x.CreatorTool == "" {
		t.Error("nothing kept of a packet cut off after its first properties")
	}
}

func TestEditor(t *testing.T) {
	for _, tt := range []struct {
		software string
		kind     EditorKind
	}{
		{"Adobe Photoshop CC 2019 (Windows)", PixelEditor},
		{"Adobe Photoshop Lightroom Classic 9.0", MetadataEditor},
		{"GIMP 2.10.32", PixelEditor},
		{"paint.net 4.3.12", PixelEditor},
		{"美图秀秀", PixelEditor},
		{"Nikon Transfer 1.1 W", NotAnEditor},
		{"HDR+ 1.0.362396382zd", NotAnEditor},
		{"14.4.2", NotAnEditor},
		{"", NotAnEditor},
	} {
		if _, kind := Editor(tt.software); kind != tt.kind {
			t.Errorf("Editor(%q) = %v, want %v", tt.software, kind, tt.kind)
		}
	}
}

func TestExamineCameraFile(t *testing.T) {
	meta := fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Taken: "2023:10:14 10:21:37", Offset: "+08:00",
		Digitized: "2023:10:14 10:21:38", GPSTime: "2023:10:14 02:21:30", Lat: 22.5, Lon: 114}
	data, err := fixture.CameraJPEG(fixture.Scene(640, 480, 1), 90, meta)
	if err != nil {
		t.Fatal(err)
	}
	data = withSegments(data, xmpAPP1(xmpEditor))
	tr := Examine(data)
	if tr.PixelWidth != 640 || tr.PixelHeight != 480 {
		t.Errorf("EXIF size %dx%d", tr.PixelWidth, tr.PixelHeight)
	}
	if tr.Thumbnail == nil || tr.ThumbnailCoding == nil || len(tr.ThumbnailCoding.Components) != 3 {
		t.Fatalf("thumbnail %d bytes, coding %v", len(tr.Thumbnail), tr.ThumbnailCoding)
	}
	if _, ok := tr.ThumbnailCoding.IJGQuality(); ok {
		t.Error("the camera-like thumbnail has IJG tables")
	}
	if tr.XMP == nil || tr.XMP.CreatorTool == "" {
		t.Errorf("XMP %+v", tr.XMP)
	}
	var got []string
	for _, s := range tr.Dates {
		got = append(got, s.Kind.String()+" "+s.Source+" "+s.Time.UTC().Format(time.RFC3339))
	}
	want := []string{
		"capture EXIF DateTimeOriginal 2023-10-14T02:21:37Z",
		"digitized EXIF CreateDate 2023-10-14T10:21:38Z", // no OffsetTimeDigitized: the clock's reading
		"modified EXIF ModifyDate 2023-10-14T10:21:37Z",
		"GPS fix EXIF GPSDateStamp/GPSTimeStamp 2023-10-14T02:21:30Z",
		"capture XMP exif:DateTimeOriginal 2016-01-12T15:33:28Z",
		"capture XMP photoshop:DateCreated 2016-01-12T15:33:28Z",
		"modified XMP xmp:CreateDate 2016-01-12T15:33:28Z",
		"modified XMP xmp:ModifyDate 2017-06-01T18:04:55Z",
		"modified XMP XMP history (saved) 2017-06-01T18:04:55Z", // the "derived" event has no date
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("dates:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(tr.Warnings) > 0 {
		t.Errorf("warnings %q", tr.Warnings)
	}
}

func TestGPSStamp(t *testing.T) {
	for _, tt := range []struct {
		date string
		hms  []float64
		want string // UTC, or "" when not a time
	}{
		{"2021:05:18", []float64{21, 42, 18.5}, "2021-05-18T21:42:18.5Z"},
		{"2020-06-16", []float64{16, 52, 44}, "2020-06-16T16:52:44Z"},
		{"2021:05:18", nil, "2021-05-18T00:00:00Z"},
		{"2021:05:18", []float64{}, ""},
		{"2021:05:18", []float64{25, 0, 0}, ""},
		{"0000:00:00", []float64{0, 0, 0}, ""},
	} {
		s, ok := gpsStamp(tt.date, tt.hms)
		got := ""
		if ok {
			got = s.Time.Format(time.RFC3339Nano)
		}
		if got != tt.want || ok && !s.UTC {
			t.Errorf("gpsStamp(%q, %v) = %q %+v, want %q", tt.date, tt.hms, got, s, tt.want)
		}
	}
}

// TestExamineCorpus reads every picture of the corpus: the EXIF pixel size
// must be ExifTool's ExifImageWidth/Height, and nothing may panic.
func TestExamineCorpus(t *testing.T) {
	dir := testcorpus.Dir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected []map[string]any
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatal(err)
	}
	num := func(v any) int {
		f, _ := v.(float64)
		return int(f)
	}
	for _, e := range expected {
		name, _ := e["SourceFile"].(string)
		if !imageExt[strings.ToLower(filepath.Ext(name))] {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		tr := Examine(data)
		for _, w := range tr.Warnings {
			if strings.Contains(w, "internal error") {
				t.Errorf("%s: %s", name, w)
			}
		}
		if strings.HasPrefix(name, "damaged_") {
			continue // ExifTool reads no EXIF where the JPEG breaks off
		}
		if w, h := num(e["ExifIFD:ExifImageWidth"]), num(e["ExifIFD:ExifImageHeight"]); tr.PixelWidth != w || tr.PixelHeight != h {
			t.Errorf("%s: EXIF size %dx%d, ExifTool %dx%d", name, tr.PixelWidth, tr.PixelHeight, w, h)
		}
	}
	// The XMP item of an iPhone HEIC.
	data, err := os.ReadFile(filepath.Join(dir, "Apple_iPhone_11_Pro_Max_gps.heic"))
	if err != nil {
		t.Fatal(err)
	}
	if tr := Examine(data); tr.XMP == nil || tr.XMP.CreatorTool != "14.4.2" || tr.XMP.CreateDate != "2021-04-11T15:47:53" {
		t.Errorf("HEIC XMP %+v", tr.XMP)
	}
}
