package packet_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"appealpacket/internal/digest"
	"appealpacket/internal/testlevel"

	xdraw "golang.org/x/image/draw"

	"appealpacket/internal/fixture"
	"appealpacket/internal/wording"
	"appealpacket/packet"
	"appealpacket/packet/finding"
)

// caseFiles writes a case folder: case.yaml and the given files.
func caseFiles(t *testing.T, manifest string, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	files["case.yaml"] = []byte(manifest)
	writeFiles(t, dir, files)
	return dir
}

// writeFiles writes each file (a slash-separated path) into dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// photo makes a JPEG with the given EXIF (nil: none), just above the
// 700-pixel minimum side of the AliExpress profile; seed varies the pixels.
func photo(t *testing.T, seed int, meta *fixture.EXIF) []byte {
	t.Helper()
	return madeOnce(t, fmt.Sprintf("photo %d %#v", seed, meta), func() ([]byte, error) {
		return fixture.JPEG(fixture.Gradient(720+seed, 704), 80, meta)
	})
}

// scene draws a product-like picture (fixture.Discs) as a JPEG.
func scene(t *testing.T, seed int, meta *fixture.EXIF, w, h int) []byte {
	t.Helper()
	return madeOnce(t, fmt.Sprintf("scene %d %dx%d %#v", seed, w, h, meta), func() ([]byte, error) {
		return fixture.JPEG(fixture.Discs(seed, w, h), 90, meta)
	})
}

// cropped makes a listing picture of a JPEG: a centre square crop scaled to
// 800 px, recompressed, without metadata.
func cropped(t *testing.T, src []byte) []byte {
	t.Helper()
	return madeOnce(t, "cropped "+digest.Hex(src), func() ([]byte, error) {
		img, err := jpeg.Decode(bytes.NewReader(src))
		if err != nil {
			return nil, err
		}
		b := img.Bounds()
		side := b.Dy() * 9 / 10
		crop := image.Rect(b.Dx()/2-side/2, b.Dy()/2-side/2, b.Dx()/2+side/2, b.Dy()/2+side/2)
		dst := image.NewRGBA(image.Rect(0, 0, 800, 800))
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, crop, xdraw.Src, nil)
		return fixture.JPEG(dst, 75, nil)
	})
}

func camera(taken string) *fixture.EXIF {
	return &fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Serial: "1234", Taken: taken, Offset: "+08:00", Orientation: 1, NoGPS: true}
}

const baseCase = `version: 1
case: {id: C-1, complaint_date: 2024-03-20, prepared: 2024-03-21}
seller: {legal_name: "Lumen Co., Ltd."}
listings: [{id: "L1", published: 2023-11-02}]
`

func TestCheckFindsEachCode(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "checks a case per finding (check.Run has the unit table)")
	edited := camera("2023:10:14 10:00:00")
	edited.Software = "Adobe Photoshop Lightroom Classic 9.0 (Windows)" // may have changed the metadata only
	photoshopped := camera("2023:10:14 10:00:00")
	photoshopped.Software = "Adobe Photoshop CC 2019 (Windows)" // re-encodes whatever it saves
	resized := camera("2023:10:14 10:00:00")
	resized.Width, resized.Height = 1440, 1408 // the pixels are 720×704
	backdated := camera("2023:09:01 10:00:00")
	backdated.Digitized = "2023:10:14 10:00:00"
	yearOne := camera("0001:01:01 00:00:00")
	other := camera("2023:10:14 11:00:00")
	other.Model = "Canon EOS R6"
	noTime := camera("")
	noMake := camera("2023:10:14 11:00:00")
	noMake.Make = ""
	secondBody := camera("2023:10:14 11:00:00") // same model, another serial
	secondBody.Serial = "5678"
	tests := []struct {
		name     string
		manifest string
		files    map[string][]byte
		want     []string // exact codes, sorted
	}{
		{"clean", baseCase + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}, nil},
		{"no exif", baseCase + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, nil)}, []string{"PHOTO_NO_EXIF"}},
		{"edited", baseCase + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, edited)}, []string{"PHOTO_EDITED"}},
		{"saved by Photoshop", baseCase + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, photoshopped)}, []string{"PHOTO_NOT_ORIGINAL"}},
		{"resized with its EXIF", baseCase + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, resized)}, []string{"PHOTO_NOT_ORIGINAL"}},
		{"capture date moved earlier", baseCase + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, backdated)}, []string{"PHOTO_DATES_INCONSISTENT"}},
		{"taken in year 1", baseCase + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, yearOne)}, []string{"PHOTO_DATE_IMPLAUSIBLE"}},
		{"after listing", baseCase + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:12:01 10:00:00"))}, []string{"PHOTO_AFTER_LISTING"}},
		{"after complaint", strings.Replace(baseCase, "prepared: 2024-03-21}", "prepared: 2024-04-02, received: 2024-04-01}", 1) + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2024:04:01 10:00:00"))}, []string{"PHOTO_AFTER_COMPLAINT", "PHOTO_AFTER_LISTING"}},
		{"no capture time", baseCase + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, noTime)}, []string{"PHOTO_NO_CAPTURE_TIME"}},
		{"cameras mixed", baseCase + "photos: [{path: a.jpg, listing: L1}, {path: b.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "b.jpg": photo(t, 1, other)}, []string{"PHOTO_CAMERA_MIXED"}},
		{"two bodies of one model", baseCase + "photos: [{path: a.jpg, listing: L1}, {path: b.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "b.jpg": photo(t, 1, secondBody)}, []string{"PHOTO_CAMERA_MIXED"}},
		{"one camera, with and without its make", baseCase + "photos: [{path: a.jpg, listing: L1}, {path: b.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "b.jpg": photo(t, 1, noMake)}, []string{"PHOTO_ONE_BODY"}},
		{"missing", baseCase + "photos: [{path: a.jpg}]\n", map[string][]byte{}, []string{"FILE_MISSING"}},
		{"outside", baseCase + "photos: [{path: ../a.jpg}]\n", map[string][]byte{}, []string{"FILE_OUTSIDE_CASE"}},
		{"empty file", baseCase + "photos: [{path: a.jpg}]\n", map[string][]byte{"a.jpg": {}}, []string{"FILE_UNREADABLE"}},
		{"truncated", baseCase + "photos: [{path: a.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))[:400]}, []string{"FILE_UNREADABLE"}},
		{"not a picture", baseCase + "photos: [{path: a.jpg}]\n", map[string][]byte{"a.jpg": []byte("hello")}, []string{"FILE_TYPE_UNSUPPORTED"}},
		{"a PDF named .jpg", baseCase + "photos: [{path: a.jpg}]\n", map[string][]byte{"a.jpg": []byte("%PDF-1.4\n%%EOF\n")}, []string{"FILE_TYPE_UNSUPPORTED"}},
		{"a JPEG with %PDF- in a comment", baseCase + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": withComment(photo(t, 0, camera("2023:10:14 10:00:00")), "%PDF-1.7 not a PDF")}, nil},
		{"a word file as a document", baseCase + "photos: [{path: a.jpg, listing: L1}]\ndocuments: [{path: invoice.docx}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "invoice.docx": []byte("PK\x03\x04 word document")}, []string{"FILE_TYPE_UNSUPPORTED"}},
		{"RAW files in a photos folder", baseCase + "photos: [{path: originals/, listing: L1}]\n",
			map[string][]byte{"originals/a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "originals/a.CR2": []byte("II*\x00raw"), "originals/.DS_Store": {1}},
			[]string{"FILES_NOT_READ"}},
		{"duplicate", baseCase + "photos: [{path: a.jpg}, {path: copy.jpg}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "copy.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))},
			[]string{"FILE_DUPLICATE", "PHOTO_ONE_BODY"}},
		{"listing matches its original", strings.Replace(baseCase, "published: 2023-11-02}", "published: 2023-11-02, images: [web.jpg]}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": scene(t, 1, camera("2023:10:14 10:00:00"), 1200, 900), "web.jpg": cropped(t, scene(t, 1, nil, 1200, 900))}, nil},
		{"listing matches nothing", strings.Replace(baseCase, "published: 2023-11-02}", "published: 2023-11-02, images: [web.jpg]}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": scene(t, 1, camera("2023:10:14 10:00:00"), 1200, 900), "web.jpg": cropped(t, scene(t, 2, nil, 1200, 900))},
			[]string{"LISTING_UNMATCHED"}},
		{"statement types an exhibit number", strings.Replace(baseCase, "complaint_date: 2024-03-20, prepared: 2024-03-21}", "complaint_date: 2024-03-20, prepared: 2024-03-21, statement: \"Our photo P-1 shows it.\"}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}, []string{"STATEMENT_CITES_NUMBER"}},
		{"statement cites a file", strings.Replace(baseCase, "complaint_date: 2024-03-20, prepared: 2024-03-21}", "complaint_date: 2024-03-20, prepared: 2024-03-21, statement: \"Our photo [[a.jpg]] shows it.\"}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}, nil},
		{"statement cites a file not in the case", strings.Replace(baseCase, "complaint_date: 2024-03-20, prepared: 2024-03-21}", "complaint_date: 2024-03-20, prepared: 2024-03-21, statement: \"Our photo [[b.jpg]] shows it.\"}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}, []string{"STATEMENT_CITATION_UNKNOWN"}},
		{"appeal window closed", strings.Replace(baseCase, "prepared: 2024-03-21}", "prepared: 2024-03-21, received: 2024-03-01}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}, []string{"APPEAL_DEADLINE_PASSED"}},
		{"last day of the appeal window", strings.Replace(baseCase, "prepared: 2024-03-21}", "prepared: 2024-03-21, received: 2024-03-18}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}, []string{"APPEAL_DEADLINE_SOON"}},
		{"a fourth appeal", strings.Replace(baseCase, "prepared: 2024-03-21}", "prepared: 2024-03-21, attempt: 4}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}, []string{"APPEAL_ATTEMPTS_EXCEEDED"}},
		{"second appeal, 27 business days", strings.Replace(baseCase, "prepared: 2024-03-21}", "prepared: 2024-04-26, attempt: 2}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}, []string{"APPEAL_DEADLINE_SOON"}},
		{"declared original not confirmed", strings.Replace(baseCase, "published: 2023-11-02}", "published: 2023-11-02, images: [{path: web.jpg, original: a.jpg}]}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": scene(t, 1, camera("2023:10:14 10:00:00"), 1200, 900), "web.jpg": cropped(t, scene(t, 2, nil, 1200, 900))},
			[]string{"LISTING_DECLARED_UNCONFIRMED"}},
		{"declared original not a photo", strings.Replace(baseCase, "published: 2023-11-02}", "published: 2023-11-02, images: [{path: web.jpg, original: b.jpg}]}", 1) + "photos: [{path: a.jpg, listing: L1}]\n",
			map[string][]byte{"a.jpg": scene(t, 1, camera("2023:10:14 10:00:00"), 1200, 900), "b.jpg": scene(t, 2, camera("2023:10:14 10:00:00"), 1200, 900),
				"web.jpg": cropped(t, scene(t, 1, nil, 1200, 900))},
			[]string{"LISTING_ORIGINAL_NOT_A_PHOTO"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := caseFiles(t, tt.manifest, tt.files)
			rep, err := checkCase(context.Background(), dir, packet.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// The days left to appeal are a note on every case with time left.
			got := slices.DeleteFunc(rep.Findings.Codes(), func(c string) bool { return c == "APPEAL_DEADLINE" })
			slices.Sort(got)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				for _, f := range rep.Findings {
					t.Log(f)
				}
				t.Errorf("codes %v, want %v", got, tt.want)
			}
			if rep.Ready != !rep.Findings.Blocking() {
				t.Errorf("ready = %v with %d errors", rep.Ready, rep.Findings.Count(finding.Error))
			}
			lintFindings(t, rep.Findings)
		})
	}
}

// lintFindings fails on a finding without a message or hint, or whose
// message or hint has a wording slip (a value that did not fill its place,
// a word twice, a plural after one).
func lintFindings(t *testing.T, l finding.List) {
	t.Helper()
	for _, f := range l {
		if f.Message == "" || f.Hint == "" {
			t.Errorf("%s has no message or hint", f.Code)
		}
		for _, text := range []string{f.Message, f.Hint} {
			if p := wording.Problems(text); len(p) > 0 {
				t.Errorf("%s: %v in %q", f.Code, p, text)
			}
		}
	}
}

func TestPixelLimitRefusesToDecode(t *testing.T) {
	t.Parallel()
	dir := caseFiles(t, baseCase+"photos: [{path: a.jpg}]\n", map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))})
	rep, err := checkCase(context.Background(), dir, packet.Options{MaxPixels: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	if codes := rep.Findings.Codes(); !slices.Contains(codes, "PICTURE_NOT_SHOWN") {
		t.Errorf("codes %v, want PICTURE_NOT_SHOWN for a picture over the limit", codes)
	}
}

// TestCheckReportsListingPictures pins listing_pictures of `check --format
// json`: each listing picture with its original, or null.
func TestCheckReportsListingPictures(t *testing.T) {
	t.Parallel()
	dir := caseFiles(t, strings.Replace(baseCase, "published: 2023-11-02}", "published: 2023-11-02, images: [web.jpg, other.jpg]}", 1)+
		"photos: [{path: a.jpg, listing: L1}, {path: b.jpg, listing: L1}]\n",
		map[string][]byte{"a.jpg": scene(t, 1, camera("2023:10:14 10:00:00"), 1200, 900), "b.jpg": scene(t, 2, camera("2023:10:14 10:00:00"), 1200, 900),
			"web.jpg": cropped(t, scene(t, 2, nil, 1200, 900)), "other.jpg": cropped(t, scene(t, 3, nil, 1200, 900))})
	rep, err := checkCase(context.Background(), dir, packet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ListingPictures []struct {
			Exhibit, File, Listing string
			Original               *struct {
				Exhibit, File, How string
				Distance           int
			}
		} `json:"listing_pictures"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	lp := got.ListingPictures
	if len(lp) != 2 {
		t.Fatalf("listing_pictures: %s", data)
	}
	if o := lp[0].Original; lp[0].Exhibit != "L-1" || lp[0].File != "web.jpg" || lp[0].Listing != "L1" || o == nil ||
		o.Exhibit != "P-2" || o.File != "b.jpg" || o.How != "matched" || o.Distance > 25 {
		t.Errorf("L-1: %s", data)
	}
	if lp[1].Exhibit != "L-2" || lp[1].Original != nil || !strings.Contains(string(data), `"original":null`) {
		t.Errorf("L-2 should have a null original: %s", data)
	}
	for _, f := range rep.Findings {
		if f.Code == "LISTING_UNMATCHED" && (f.Exhibit != "L-2" || f.File != "other.jpg") {
			t.Errorf("finding %+v: want exhibit L-2, file other.jpg", f)
		}
	}
}

// withComment puts a COM segment after a JPEG's SOI marker.
func withComment(jpg []byte, text string) []byte {
	seg := append([]byte{0xFF, 0xFE, byte((len(text) + 2) >> 8), byte(len(text) + 2)}, text...)
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

// TestOversizedEXIFIsNamed: a photo whose EXIF is there but over the
// reader's limit (a PNG eXIf chunk over 1 MB) is not said to carry no
// EXIF: the finding names the limit.
func TestOversizedEXIFIsNamed(t *testing.T) {
	t.Parallel()
	var pic bytes.Buffer
	if err := png.Encode(&pic, fixture.Gradient(64, 48)); err != nil {
		t.Fatal(err)
	}
	block := append(camera("2023:10:14 10:00:00").TIFF(), make([]byte, 1<<20)...) // a camera's EXIF, padded past 1 MB
	for _, tt := range []struct {
		name, want string
		block      []byte
	}{
		{"eXIf of 1 MB and more", "eXIf chunk of " + strconv.Itoa(len(block)) + " bytes exceeds the 1048576-byte limit", block},
		{"no eXIf", "carries no EXIF metadata: nothing in it shows", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := pic.Bytes()
			if tt.block != nil {
				data = withPNGChunk(pic.Bytes(), "eXIf", tt.block)
			}
			dir := caseFiles(t, baseCase+"photos: [{path: a.png, listing: L1}]\n", map[string][]byte{"a.png": data})
			rep, err := checkCase(context.Background(), dir, packet.Options{})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(rep.Findings, func(f finding.Finding) bool { return f.Code == "PHOTO_NO_EXIF" })
			if i < 0 {
				t.Fatalf("no PHOTO_NO_EXIF in %v", rep.Findings.Codes())
			}
			if msg := rep.Findings[i].Message; !strings.Contains(msg, tt.want) {
				t.Errorf("message %q; want it to contain %q", msg, tt.want)
			}
		})
	}
}

// withPNGChunk inserts a chunk after a PNG's IHDR chunk.
func withPNGChunk(data []byte, typ string, body []byte) []byte {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4 // signature, length, type, IHDR data, CRC
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	chunk = append(chunk, typ...)
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return slices.Concat(data[:ihdrEnd], chunk, data[ihdrEnd:])
}

// TestCheckCitesTheCameraOriginalBeforeAStrippedCopy: a copy of the
// camera's photo with its EXIF stripped (as a chat app forwards it) has the
// same pixels and matches the listing picture as closely, and sorts first
// by name; the camera's file is still the original cited (and shown beside
// the picture), the copy after it.
func TestCheckCitesTheCameraOriginalBeforeAStrippedCopy(t *testing.T) {
	t.Parallel()
	dir := copyDemo(t)
	camera, err := os.ReadFile(filepath.Join(dir, "originals", "IMG_0412.JPG"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "originals", "AAA_0412.jpg"), withoutAPP1(t, camera), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := checkCase(context.Background(), dir, packet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cited []string
	for _, lp := range rep.ListingPictures {
		for _, o := range lp.Originals {
			cited = append(cited, o.File)
		}
	}
	if want := []string{"originals/IMG_0412.JPG", "originals/AAA_0412.jpg"}; !slices.Equal(cited, want) {
		t.Errorf("the listing picture cites %q, want %q", cited, want)
	}
}

// withoutAPP1 is a JPEG with its APP1 segments (EXIF, XMP) removed, the
// rest byte for byte.
func withoutAPP1(t *testing.T, jpg []byte) []byte {
	t.Helper()
	out := []byte{0xFF, 0xD8}
	for i := 2; i+4 <= len(jpg); {
		if jpg[i] != 0xFF {
			t.Fatalf("no JPEG marker at %d", i)
		}
		marker, n := jpg[i+1], int(jpg[i+2])<<8|int(jpg[i+3])
		if marker == 0xDA { // start of scan: the rest is image data
			return append(out, jpg[i:]...)
		}
		if marker != 0xE1 {
			out = append(out, jpg[i:i+2+n]...)
		}
		i += 2 + n
	}
	t.Fatal("no start of scan")
	return nil
}
