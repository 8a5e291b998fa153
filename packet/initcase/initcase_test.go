package initcase

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"

	"appealpacket/internal/fixture"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
	"appealpacket/packet/check"
	"appealpacket/packet/collect"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// writeFiles writes files (slash paths relative to dir) into dir.
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

// listingFrom makes a listing picture out of a camera original the way a
// seller does: turned upright, cropped, resized to 800×800, recompressed,
// without EXIF.
func listingFrom(t *testing.T, original []byte, orientation int) []byte {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(original))
	if err != nil {
		t.Fatal(err)
	}
	up := collect.Upright(img, orientation)
	b := up.Bounds()
	side := min(b.Dx(), b.Dy()) * 7 / 10
	crop := image.Rect(b.Dx()/2-side/2, b.Dy()*45/100-side/2, b.Dx()/2+side/2, b.Dy()*45/100+side/2)
	dst := image.NewRGBA(image.Rect(0, 0, 800, 800))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), up, crop, xdraw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 78}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// snapshot lists every file under dir with its size and modification time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		st, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = st.ModTime().String() + " " + st.Mode().String() + " " + string(rune(st.Size()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestInitCorpusFolder runs init on a folder put together from real camera
// files and PDFs of the shared corpus, a listing picture made from one of
// the originals, and generated PDFs; it checks where every file went, that
// case.yaml loads and round-trips, that nothing else was written, and that
// `check` finds nothing to fix but the TODOs.
func TestInitCorpusFolder(t *testing.T) {
	testlevel.SkipUnlessLong(t, "init on a folder of every kind of corpus file")
	if Placeholder != check.Placeholder {
		t.Fatalf("init writes %q, check looks for %q", Placeholder, check.Placeholder)
	}
	corpus := corpusDir(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	samsung := read("Samsung_SM-J327T1_o6.jpg")
	dir := filepath.Join(t.TempDir(), "shop case 7")
	writeFiles(t, dir, map[string][]byte{
		"originals/Samsung_SM-J327T1_o6.jpg": samsung,
		"originals/Olympus_PEN_E-P3.jpg":     read("Olympus_PEN_E-P3.jpg"),
		"originals/Nikon_COOLPIX_P6000.jpg":  read("Nikon_COOLPIX_P6000_gps.jpg"),
		"originals/phone/IMG_0001.jpg":       read("Apple_iPhone_5_o3_gps.jpg"),
		// Camera EXIF, but not the camera's files: resized, saved by
		// Photoshop, converted to WebP. They go under listings.
		"originals/Canon_EOS_REBEL_T3i.jpg":    read("Canon_EOS_REBEL_T3i.jpg"),
		"originals/Nikon_D2H_gps.jpg":          read("Nikon_D2H_gps.jpg"),
		"originals/phone/HTC_Desire_gps.webp":  read("HTC_Desire_gps.webp"),
		"listing/main.jpg":                     listingFrom(t, samsung, 6),
		"listing/whatsapp_stripped_noexif.jpg": read("whatsapp_stripped_noexif.jpg"),
		"listing/png_with_eXIf_chunk.png":      read("png_with_eXIf_chunk.png"),
		"证书/商标注册证.pdf":                         makePDF(t, "商标注册证 Trademark Registration Certificate", "Registration No. 12345678"),
		"papers/letter-2023.pdf":               makePDF(t, "授权书 Letter of Authorization", "Licensor: Bartech Electronics (Shenzhen) Co., Ltd."),
		"papers/HX20230917.pdf":                makePDF(t, "INVOICE 发票", "Invoice No. HX20230917"),
		"papers/booking.pdf":                   makePDF(t, "Studio booking", "2023-10-14"),
		"papers/crazyones_letter_pdfa.pdf":     read("crazyones_letter_pdfa.pdf"),
		"auth/scan-0001.pdf":                   makeScanPDF(t),
		"scan-0002.pdf":                        makeScanPDF(t),
		"receipt-photo.jpg":                    listingFrom(t, read("Canon_EOS_REBEL_T3i.jpg"), 1),
		"notes.txt":                            []byte("shot on 14 Oct\n"),
		".DS_Store":                            []byte("x"),
		".hidden/IMG_1.jpg":                    samsung,
		"out/shop-case-7-packet.pdf":           makeScanPDF(t),
		"out/shop-case-7-index.xlsx":           []byte("PK"),
		"other-case/case.yaml":                 []byte("version: 1\n"),
		"other-case/IMG_2.jpg":                 samsung,
	})
	before := snapshot(t, dir)

	res, err := Init(context.Background(), dir, Options{OCR: "off"}) // the same whether Tesseract is installed or not
	if err != nil {
		t.Fatal(err)
	}
	if res.CaseID != Placeholder || res.Photos != 4 || res.Cameras != 4 || res.Candidates != 6 || res.NotOriginal != 3 || res.Trademarks != 1 ||
		res.Authorizations != 2 || res.Documents != 5 || !slices.Equal(res.Unlisted, []string{"notes.txt"}) {
		t.Errorf("result = %+v", res)
	}
	if res.Matched < 1 {
		t.Errorf("no listing picture matched an original: %+v", res)
	}

	// Nothing but case.yaml was written; nothing was changed.
	after := snapshot(t, dir)
	written := filepath.Join(dir, manifest.FileName)
	if _, ok := after[written]; !ok {
		t.Fatal("no case.yaml")
	}
	delete(after, written)
	if len(after) != len(before) {
		t.Errorf("files before %d, after (without case.yaml) %d", len(before), len(after))
	}
	for p, s := range before {
		if after[p] != s {
			t.Errorf("%s changed", p)
		}
	}

	// It loads, every file resolves, and it round-trips.
	m, problems, err := manifest.Load(dir)
	if err != nil {
		t.Fatalf("case.yaml does not load: %v", err)
	}
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	text, err := os.ReadFile(written)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := manifest.Parse(text, manifest.FileName)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stripComments(Render(parsed, nil)), stripComments(text); got != want {
		t.Errorf("loading and writing again changed more than comments:\n%s\n---\n%s", want, got)
	}
	t.Logf("case.yaml:\n%s", text)

	// Where every file went.
	var photos []string
	for _, p := range m.Photos {
		photos = append(photos, p.Path.Rel)
	}
	slices.Sort(photos)
	if want := []string{"originals/Nikon_COOLPIX_P6000.jpg", "originals/Olympus_PEN_E-P3.jpg", "originals/Samsung_SM-J327T1_o6.jpg",
		"originals/phone/IMG_0001.jpg"}; !slices.Equal(photos, want) {
		t.Errorf("photos = %q, want %q", photos, want)
	}
	if len(m.Listings) != 1 || m.Listings[0].ID != Placeholder {
		t.Fatalf("listings = %+v", m.Listings)
	}
	var images []string
	for _, p := range m.Listings[0].Images {
		images = append(images, p.Path.Rel)
	}
	if want := []string{"listing/main.jpg", "listing/png_with_eXIf_chunk.png", "listing/whatsapp_stripped_noexif.jpg",
		"originals/Canon_EOS_REBEL_T3i.jpg", "originals/Nikon_D2H_gps.jpg", "originals/phone/HTC_Desire_gps.webp"}; !slices.Equal(images, want) {
		t.Errorf("listing images = %q, want %q", images, want)
	}
	if len(m.Trademarks) != 1 || m.Trademarks[0].Files[0].Rel != "证书/商标注册证.pdf" || m.Trademarks[0].Owner != Placeholder {
		t.Errorf("trademarks = %+v", m.Trademarks)
	}
	var auths []string
	grantors := map[string]string{"auth/scan-0001.pdf": Placeholder, "papers/letter-2023.pdf": "Bartech Electronics (Shenzhen) Co., Ltd."} // read from its text layer
	for _, a := range m.Authorizations {
		auths = append(auths, a.Files[0].Rel)
		if !slices.Equal(a.Trademarks, []string{"TM1"}) || a.Grantor != grantors[a.Files[0].Rel] {
			t.Errorf("authorization %s = %+v", a.ID, a)
		}
	}
	if want := []string{"auth/scan-0001.pdf", "papers/letter-2023.pdf"}; !slices.Equal(auths, want) {
		t.Errorf("authorizations = %q, want %q", auths, want)
	}
	docs := map[string]string{}
	for _, d := range m.Documents {
		docs[d.Path.Rel] = d.Kind
	}
	wantDocs := map[string]string{"papers/HX20230917.pdf": "invoice", "receipt-photo.jpg": "invoice", "papers/booking.pdf": "other",
		"papers/crazyones_letter_pdfa.pdf": "other", "scan-0002.pdf": "other"}
	if len(docs) != len(wantDocs) {
		t.Errorf("documents = %v, want %v", docs, wantDocs)
	}
	for p, k := range wantDocs {
		if docs[p] != k {
			t.Errorf("document %s: kind %q, want %q", p, docs[p], k)
		}
	}
	for _, want := range []string{
		`"listing/main.jpg"`, "# looks like originals/Samsung_SM-J327T1_o6.jpg (distance ",
		"# OLYMPUS IMAGING CORP. E-P3, 2013-08-27: 1 photo",
		`# trademark certificate: the text says "商标注册证"`,
		`"auth/scan-0001.pdf"`, `# authorization letter: the name says "auth"; no text layer (a scan?)`,
		`# authorization letter: the text says "授权书"`,
		`# invoice: the text says "invoice"`, `# invoice: the name says "receipt"`,
		"# TODO: what is this? Set its kind and title",
		"# NIKON COOLPIX P6000, 2008-10-22: 1 photo",
		`"originals/Canon_EOS_REBEL_T3i.jpg"  # not under photos: its EXIF names a camera, but it is not the camera's original file (it is 1152×768 pixels but its EXIF says the camera wrote 5184×3456`,
		"# not under photos: its EXIF names a camera, but it is not the camera's original file (it holds Photoshop's JPEG save settings",
		"# not under photos: its EXIF names a camera, but it is not the camera's original file (it is a WEBP file",
		"#   notes.txt",
		"# Next: appealpacket check ",
	} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("case.yaml lacks %q", want)
		}
	}

	// check: only the TODOs block the packet.
	rep, err := packet.Check(context.Background(), dir, packet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	todos := 0
	for _, f := range rep.Findings {
		if f.Severity == finding.Error && f.Code != check.ManifestIncomplete {
			t.Errorf("blocking finding other than MANIFEST_INCOMPLETE: %v", f)
		}
		if f.Code == check.ManifestIncomplete {
			m := regexp.MustCompile(`^(\d+) fields? of case.yaml still to fill in:\n`).FindStringSubmatch(f.Message)
			if m == nil || todos > 0 {
				t.Errorf("MANIFEST_INCOMPLETE is not one finding listing the fields: %v", f)
				continue
			}
			todos, _ = strconv.Atoi(m[1])
			if strings.Count(f.Message, " is TODO") != todos {
				t.Errorf("%s: not every field has its line", f.Message)
			}
			if !strings.Contains(f.Where, "case.yaml:") {
				t.Errorf("%v: no position", f)
			}
		}
	}
	if todos != res.TODOs || todos < 10 {
		t.Errorf("check reports %d TODOs, init wrote %d", todos, res.TODOs)
	}

	// init again adds nothing (every file is listed) and changes
	// nothing; with Force the same folder gives the same file.
	if res, err := Init(context.Background(), dir, Options{OCR: "off"}); err != nil || !res.Updated || res.Photos+res.Candidates+res.Trademarks+res.Authorizations+res.Documents != 0 {
		t.Errorf("second init: %+v, %v; want an update adding nothing", res, err)
	}
	if again, _ := os.ReadFile(written); !bytes.Equal(again, text) {
		t.Errorf("init on a folder whose files are all listed changed case.yaml")
	}
	if _, err := Init(context.Background(), dir, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	again, err := os.ReadFile(written)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, text) {
		t.Errorf("init --force on the same folder wrote a different file")
	}
}

// TestInitEmptyFolder: a folder with nothing usable still gets a case.yaml
// that loads, with the listing to fill in and a word about originals.
func TestInitEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"readme.docx": []byte("PK")})
	res, err := Init(context.Background(), dir, Options{ID: "IPP-1", Platform: "amazon", Type: "trademark"})
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := manifest.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Case.ID != "IPP-1" || m.Case.Platform != "amazon" || m.Case.Type != "trademark" || len(m.Listings) != 1 || len(m.Photos) != 0 {
		t.Errorf("manifest = %+v", m)
	}
	text, _ := os.ReadFile(res.File)
	for _, want := range []string{"No camera originals were found", "#   readme.docx"} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("case.yaml lacks %q:\n%s", want, text)
		}
	}
	for _, o := range []Options{{Platform: "wish"}, {Type: "copyright"}, {ID: "a/b"}} {
		if _, err := Init(context.Background(), t.TempDir(), o); err == nil {
			t.Errorf("Init(%+v): no error", o)
		}
	}
	if _, err := Init(context.Background(), filepath.Join(dir, "missing"), Options{}); err == nil {
		t.Error("Init of a missing folder: no error")
	}
}

// TestInitResizedCopy: a resized copy of a camera photo that kept the
// camera's EXIF is not filed under photos but as a listing picture, next
// to its original, with a comment saying why.
func TestInitResizedCopy(t *testing.T) {
	original, err := fixture.CameraJPEG(fixture.Scene(1600, 1200, 3), 92, fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D",
		Taken: "2023:10:14 10:21:37", NoGPS: true})
	if err != nil {
		t.Fatal(err)
	}
	resized, err := fixture.Derive(original, fixture.Resized, 90)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"IMG_0001.JPG": original, "IMG_0001-small.jpg": resized})
	res, err := Init(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := manifest.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Photos) != 1 || m.Photos[0].Path.Rel != "IMG_0001.JPG" || len(m.Listings[0].Images) != 1 ||
		m.Listings[0].Images[0].Path.Rel != "IMG_0001-small.jpg" || res.NotOriginal != 1 || res.Matched != 1 {
		t.Errorf("photos %+v, listing images %+v, result %+v", m.Photos, m.Listings[0].Images, res)
	}
	text, _ := os.ReadFile(res.File)
	for _, want := range []string{
		`"IMG_0001-small.jpg"          # not under photos: its EXIF names a camera, but it is not the camera's original file ` +
			`(it is 800×600 pixels but its EXIF says the camera wrote 1600×1200, so it was resized after it was taken; `,
		"); looks like IMG_0001.JPG (distance ",
	} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("case.yaml lacks %q:\n%s", want, text)
		}
	}
}

func TestComplaintNumber(t *testing.T) {
	tests := []struct {
		dir   string
		files []string
		texts []string // the files' texts, in order
		want  string
	}{
		{"IPP-2024-0001234", nil, nil, "IPP-2024-0001234"},
		{"case IPP-2024-0001234 (bartech)", nil, nil, "IPP-2024-0001234"},
		{"ipr_20240315_77", nil, nil, "IPR-20240315"},
		{"shop-case-7", nil, nil, Placeholder},
		{"mycase", []string{"originals/IMG_0412.JPG", "listing/main.jpg"}, nil, Placeholder},
		{"mycase", []string{"papers/complaint-IPR20240001234.pdf"}, nil, "IPR20240001234"},
		{"mycase", []string{"papers/notice 2024031500123.pdf"}, nil, "2024031500123"},
		{"IMG20231014", nil, nil, Placeholder},
		{"PXL_20231014_094112", nil, nil, Placeholder},
		{"mycase", []string{"case/IMG_20231014_0412.jpg"}, nil, Placeholder},
		// In a paper's text, under its label.
		{"mycase", []string{"AliExpress email.pdf"}, []string{"AliExpress IPP\nComplaint number: IPP-2026-0088123\nDate: 2026-12-03"}, "IPP-2026-0088123"},
		{"mycase", []string{"notice.png"}, []string{"投诉编号：ipr2024_0001234"}, "IPR2024-0001234"},
		{"mycase", []string{"a.pdf", "b.pdf"}, []string{"Case ID: 2024031500123", "case no. 2024031500123"}, "2024031500123"},
		{"mycase", []string{"a.pdf", "b.pdf"}, []string{"Complaint No.: IPP-1234567", "Complaint No.: IPP-7654321"}, Placeholder},
		{"mycase", []string{"invoice.pdf", "cert.pdf"}, []string{"Invoice No.: HX20230917", "Registration No.: 12345678"}, Placeholder},
		{"mycase", []string{"complaint-IPR20240001234.pdf"}, []string{"Complaint number: IPP-2026-0088123"}, "IPR20240001234"}, // the name first
	}
	for _, tt := range tests {
		var files []*File
		for i, f := range tt.files {
			files = append(files, &File{Rel: f})
			if i < len(tt.texts) {
				files[i].Text = tt.texts[i]
			}
		}
		if got := complaintNumber(filepath.Join(t.TempDir(), tt.dir), files); got != tt.want {
			t.Errorf("%q %v: %q, want %q", tt.dir, tt.files, got, tt.want)
		}
	}
}
