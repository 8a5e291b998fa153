package pdfimport

import (
	"appealpacket/internal/testcorpus"
	"appealpacket/internal/testlevel"
	"appealpacket/packet/pdfsrc"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// corpusPDFs are the real PDFs of shared/corpus, each with a text that
// pdftotext finds on its first page (empty for the blank Acrobat page).
var corpusPDFs = []struct {
	file   string
	w, h   float64
	texts  []string
	blank  bool
	reason string
}{
	{"certificate_of_insurance_dynamicpdf.pdf", 612, 792, []string{"certificate or verification of insurance"}, false, "xref + object streams"},
	{"lu_salary_certificate_160F-2019.pdf", 595.2, 841.68, []string{"Certificat de salaire"}, false, "incremental update + signature"},
	{"acrobat_aes256_empty_user_password.pdf", 612, 792, nil, true, "AES-256, empty user password"},
	{"crazyones_letter_pdfa.pdf", 612, 792, []string{"The Crazy Ones", "crazy ones"}, false, "PDF/A"},
	// "Digitally signed by John Doe" is the signature field's appearance:
	// it only shows when annotations are flattened.
	{"digitally_signed_linearized.pdf", 612, 792, []string{"Potato", "Digitally signed by John Doe"}, false, "linearized, signed"},
}

func openCorpus(t testing.TB) []*Source {
	t.Helper()
	var ss []*Source
	for _, c := range corpusPDFs {
		s, err := pdfsrc.Open(readCorpus(t, c.file), "")
		if err != nil {
			t.Fatalf("pdfsrc.Open(%s): %v", c.file, err)
		}
		ss = append(ss, s)
	}
	return ss
}

func TestOpenCorpus(t *testing.T) {
	corpusDir(t)
	for _, c := range corpusPDFs {
		t.Run(c.file, func(t *testing.T) {
			s, err := pdfsrc.Open(readCorpus(t, c.file), "")
			if err != nil {
				t.Fatalf("Open (%s): %v", c.reason, err)
			}
			if s.PageCount() != 1 {
				t.Errorf("PageCount = %d, want 1", s.PageCount())
			}
			w, h := s.PageSize(1)
			if math.Abs(w-c.w) > 0.01 || math.Abs(h-c.h) > 0.01 {
				t.Errorf("PageSize(1) = %v x %v, want %v x %v", w, h, c.w, c.h)
			}
			if w, h := s.PageSize(2); w != 0 || h != 0 {
				t.Errorf("PageSize(2) = %v x %v, want 0 x 0", w, h)
			}
		})
	}
}

func TestStampCorpus(t *testing.T) {
	needTool(t, "qpdf")
	needTool(t, "pdftotext")
	needTool(t, "pdfinfo")
	sources := openCorpus(t)
	counts := make([]int, len(sources))
	for i, s := range sources {
		counts[i] = s.PageCount()
	}
	tp := buildPacket(t, counts)
	if got := linkMap(t, tp.pdf); !slices.Equal(got, tp.wantLinks) {
		t.Fatalf("test packet itself: links\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tp.wantLinks, "\n"))
	}

	var out bytes.Buffer
	if err := Stamp(bytes.NewReader(tp.pdf), &out, tp.placements(sources)); err != nil {
		t.Fatalf("Stamp: %v", err)
	}
	got := out.Bytes()

	qpdfCheck(t, got)
	if n := pdfPages(t, got); n != tp.totalPages {
		t.Errorf("pdfinfo: %d pages, want %d", n, tp.totalPages)
	}
	if links := linkMap(t, got); !slices.Equal(links, tp.wantLinks) {
		t.Errorf("links and outline after Stamp:\n%s\nwant\n%s", strings.Join(links, "\n"), strings.Join(tp.wantLinks, "\n"))
	}
	for i, c := range corpusPDFs {
		ex := tp.exhibits[i]
		text := pageText(t, got, ex.firstPage)
		for _, want := range c.texts {
			if !strings.Contains(text, want) {
				t.Errorf("%s: page %d text lacks %q:\n%.300s", c.file, ex.firstPage, want, text)
			}
		}
		for _, want := range []string{"Exhibit " + ex.id + " - page 1 of 1", "page " + itoa(ex.firstPage) + " of " + itoa(tp.totalPages)} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: page %d lost its stamp %q:\n%.300s", c.file, ex.firstPage, want, text)
			}
		}
	}
	// The pages around the exhibits are untouched.
	if text := pageText(t, got, 1); !strings.Contains(text, "Exhibit index") || strings.Contains(text, "Crazy") {
		t.Errorf("index page text changed: %.300s", text)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestStampDeterministic(t *testing.T) {
	src := simplePDF(t, "P", "Exhibit source one", "Exhibit source two")
	s, err := pdfsrc.Open(src, "")
	if err != nil {
		t.Fatal(err)
	}
	tp := buildPacket(t, []int{2, 2})
	// The same source twice: a page placed twice is stored once.
	ps := append(tp.placements([]*Source{s}), Placement{Source: s, SourcePage: 1, TargetPage: 4, Box: box()},
		Placement{Source: s, SourcePage: 2, TargetPage: 5, Box: box()})
	var runs [][]byte
	for range 3 {
		var out bytes.Buffer
		if err := Stamp(bytes.NewReader(tp.pdf), &out, ps); err != nil {
			t.Fatalf("Stamp: %v", err)
		}
		runs = append(runs, out.Bytes())
	}
	for i := 1; i < len(runs); i++ {
		if !bytes.Equal(runs[0], runs[i]) {
			t.Fatalf("run %d differs from run 1 (%d vs %d bytes)", i+1, len(runs[i]), len(runs[0]))
		}
	}
	// Dates come from the packet, not the clock.
	ctx, err := api.ReadContext(bytes.NewReader(runs[0]), newConfig())
	if err != nil {
		t.Fatal(err)
	}
	info, err := ctx.DereferenceDict(*ctx.Info)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"CreationDate", "ModDate"} {
		s, _ := info.Find(k)
		d, ok := types.DateTime(strings.Trim(s.(types.StringLiteral).Value(), "()"), true)
		if !ok || !d.Equal(fixedTime) {
			t.Errorf("%s = %v, want %v", k, s, fixedTime)
		}
	}
	if strings.Contains(string(runs[0]), time.Now().UTC().Format("20060102")) && fixedTime.Format("20060102") != time.Now().UTC().Format("20060102") {
		t.Errorf("output contains today's date")
	}
	qpdfCheckIfPresent(t, runs[0])
}

// TestStampDeterministicAcrossProcesses compares Stamp+Attach output made
// in this process with the output of a fresh process (other map seeds,
// other clock), using the real corpus when present.
func TestStampDeterministicAcrossProcesses(t *testing.T) {
	if os.Getenv("PDFIMPORT_EMIT") != "" {
		t.Skip("helper process")
	}
	want := demoPacketSum(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestEmitDemoPacket$", "-test.v")
	cmd.Env = append(os.Environ(), "PDFIMPORT_EMIT=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper process: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "sum="+want) {
		t.Errorf("other process made different output: want sum=%s, got:\n%s", want, out)
	}
}

// TestEmitDemoPacket is run by TestStampDeterministicAcrossProcesses.
func TestEmitDemoPacket(t *testing.T) {
	if os.Getenv("PDFIMPORT_EMIT") == "" {
		t.Skip("only run as a helper process")
	}
	fmt.Printf("sum=%s\n", demoPacketSum(t))
}

func demoPacketSum(t *testing.T) string {
	t.Helper()
	var datas [][]byte
	dir := testcorpus.Find()
	for _, c := range corpusPDFs {
		if b, err := os.ReadFile(filepath.Join(dir, c.file)); err == nil {
			datas = append(datas, b)
		}
	}
	datas = append(datas, simplePDF(t, "P", "one", "two"))
	var sources []*Source
	var counts []int
	for _, d := range datas {
		s, err := pdfsrc.Open(d, "")
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, s)
		counts = append(counts, s.PageCount())
	}
	tp := buildPacket(t, counts)
	var stamped, final bytes.Buffer
	if err := Stamp(bytes.NewReader(tp.pdf), &stamped, tp.placements(sources)); err != nil {
		t.Fatal(err)
	}
	if err := Attach(bytes.NewReader(stamped.Bytes()), &final, []File{{Name: "m.json", Data: []byte("{}")}}); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(final.Bytes()))
}

func TestOpenErrors(t *testing.T) {
	good := simplePDF(t, "P", "hello")
	encrypted := encryptPDF(t, good, "secret", "owner-secret")
	tests := []struct {
		name     string
		data     []byte
		password string
		want     error // nil: must open
	}{
		{"empty", nil, "", ErrInvalidPDF},
		{"garbage", []byte("this is not a PDF at all, just text"), "", ErrInvalidPDF},
		{"header only", []byte("%PDF-1.7\n%%EOF\n"), "", ErrInvalidPDF},
		{"truncated half", good[:len(good)/2], "", ErrInvalidPDF},
		{"truncated tail", good[:len(good)-40], "", nil}, // pdfcpu repairs a lost xref
		{"zeroed middle", zeroRange(good, len(good)/3, len(good)/3+200), "", ErrInvalidPDF},
		{"user password, none given", encrypted, "", ErrPasswordRequired},
		{"user password, wrong one", encrypted, "guess", ErrPasswordRequired},
		{"user password, right one", encrypted, "secret", nil},
		{"owner password opens too", encrypted, "owner-secret", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := pdfsrc.Open(tc.data, tc.password)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				if s.PageCount() != 1 {
					t.Errorf("PageCount = %d", s.PageCount())
				}
				return
			}
			if err == nil {
				t.Fatalf("Open succeeded, want %v", tc.want)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Errorf("a library panic was needed to detect this: %v", err)
			}
		})
	}
}

func zeroRange(b []byte, from, to int) []byte {
	c := slices.Clone(b)
	for i := from; i < to && i < len(c); i++ {
		c[i] = 0
	}
	return c
}

func encryptPDF(t testing.TB, pdf []byte, userPW, ownerPW string) []byte {
	t.Helper()
	newConfig() // config dir off before pdfcpu is used directly
	conf := model.NewAESConfiguration(userPW, ownerPW, 256)
	conf.Permissions = model.PermissionsNone
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		t.Fatalf("encrypt: %v", err)
	}
	return out.Bytes()
}

func TestOpenCorruptCorpus(t *testing.T) {
	for _, c := range corpusPDFs {
		data := readCorpus(t, c.file)
		for _, cut := range []int{10, len(data) / 4, len(data) / 2} {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s cut at %d: panic escaped: %v", c.file, cut, r)
					}
				}()
				if s, err := pdfsrc.Open(data[:cut], ""); err == nil && s.PageCount() < 1 {
					t.Errorf("%s cut at %d: opened with no pages", c.file, cut)
				}
			}()
		}
	}
}

func TestStampErrors(t *testing.T) {
	s, err := pdfsrc.Open(simplePDF(t, "P", "x"), "")
	if err != nil {
		t.Fatal(err)
	}
	tp := buildPacket(t, []int{1})
	tests := []struct {
		name string
		p    Placement
		want string
	}{
		{"no source", Placement{SourcePage: 1, TargetPage: 2, Box: box()}, "no source"},
		{"source page 0", Placement{Source: s, SourcePage: 0, TargetPage: 2, Box: box()}, "source page 0"},
		{"source page too high", Placement{Source: s, SourcePage: 2, TargetPage: 2, Box: box()}, "source page 2"},
		{"target page 0", Placement{Source: s, SourcePage: 1, TargetPage: 0, Box: box()}, "target page 0"},
		{"target page too high", Placement{Source: s, SourcePage: 1, TargetPage: 99, Box: box()}, "target page 99"},
		{"empty box", Placement{Source: s, SourcePage: 1, TargetPage: 2, Box: Rect{X: 10, Y: 10}}, "box"},
		{"NaN box", Placement{Source: s, SourcePage: 1, TargetPage: 2, Box: Rect{W: math.NaN(), H: 1}}, "box"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := Stamp(bytes.NewReader(tp.pdf), &out, []Placement{tc.p})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Stamp error = %v, want one mentioning %q", err, tc.want)
			}
			if out.Len() != 0 {
				t.Errorf("%d bytes written on error", out.Len())
			}
		})
	}
	t.Run("garbage packet", func(t *testing.T) {
		var out bytes.Buffer
		err := Stamp(bytes.NewReader([]byte("not a pdf")), &out, nil)
		if !errors.Is(err, ErrInvalidPDF) {
			t.Fatalf("Stamp error = %v, want ErrInvalidPDF", err)
		}
	})
	t.Run("no placements copies the packet", func(t *testing.T) {
		var out bytes.Buffer
		if err := Stamp(bytes.NewReader(tp.pdf), &out, nil); err != nil {
			t.Fatal(err)
		}
		if haveTool(t, "qpdf") {
			if got := linkMap(t, out.Bytes()); !slices.Equal(got, tp.wantLinks) {
				t.Errorf("links: %v, want %v", got, tp.wantLinks)
			}
		}
	})
}

func TestAttachRoundTrip(t *testing.T) {
	s, err := pdfsrc.Open(simplePDF(t, "P", "Authorization letter"), "")
	if err != nil {
		t.Fatal(err)
	}
	tp := buildPacket(t, []int{1})
	var stamped bytes.Buffer
	if err := Stamp(bytes.NewReader(tp.pdf), &stamped, tp.placements([]*Source{s})); err != nil {
		t.Fatal(err)
	}
	photo := make([]byte, 70000)
	for i := range photo {
		photo[i] = byte(i * 7 % 251)
	}
	files := []File{
		{Name: "appealpacket-manifest.json", Data: []byte(`{"case":"IPP-2024-0001234","exhibits":["T-1"]}`),
			Description: "machine-readable manifest", ModTime: fixedTime},
		{Name: "IMG_0012 原图.JPG", Data: photo, Description: "camera original", ModTime: fixedTime.Add(-48 * time.Hour)},
	}
	var a1, a2 bytes.Buffer
	if err := Attach(bytes.NewReader(stamped.Bytes()), &a1, files); err != nil {
		t.Fatalf("Attach: %v", err)
	}
	if err := Attach(bytes.NewReader(stamped.Bytes()), &a2, files); err != nil {
		t.Fatalf("Attach: %v", err)
	}
	if !bytes.Equal(a1.Bytes(), a2.Bytes()) {
		t.Errorf("Attach is not deterministic")
	}
	out := a1.Bytes()
	qpdfCheckIfPresent(t, out)

	got, err := Attachments(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("Attachments: %v", err)
	}
	if len(got) != len(files) {
		t.Fatalf("Attachments returned %d files, want %d", len(got), len(files))
	}
	for _, want := range files {
		i := slices.IndexFunc(got, func(f File) bool { return f.Name == want.Name })
		if i < 0 {
			t.Errorf("%q not returned", want.Name)
			continue
		}
		g := got[i]
		if !bytes.Equal(g.Data, want.Data) {
			t.Errorf("%q: data differs (%d vs %d bytes)", want.Name, len(g.Data), len(want.Data))
		}
		if g.Description != want.Description {
			t.Errorf("%q: description %q, want %q", want.Name, g.Description, want.Description)
		}
		if !g.ModTime.Equal(want.ModTime) {
			t.Errorf("%q: mod time %v, want %v", want.Name, g.ModTime, want.ModTime)
		}
	}

	if haveTool(t, "qpdf") {
		list := run(t, "qpdf", "--list-attachments", writeTemp(t, "att.pdf", out))
		for _, f := range files {
			if !strings.Contains(list, f.Name) {
				t.Errorf("qpdf --list-attachments lacks %q:\n%s", f.Name, list)
			}
		}
		if links := linkMap(t, out); !slices.Equal(links, tp.wantLinks) {
			t.Errorf("links after Attach:\n%s\nwant\n%s", strings.Join(links, "\n"), strings.Join(tp.wantLinks, "\n"))
		}
	} else {
		t.Log("qpdf not installed: attachment listing and links not checked independently")
	}
	if haveTool(t, "pdftotext") {
		if text := pageText(t, out, 2); !strings.Contains(text, "Authorization letter") {
			t.Errorf("stamped page lost its content after Attach: %q", text)
		}
	}

	// A PDF without attachments, and invalid requests.
	if none, err := Attachments(bytes.NewReader(tp.pdf)); err != nil || len(none) != 0 {
		t.Errorf("Attachments(no attachments) = %v, %v", none, err)
	}
	for _, bad := range [][]File{
		{{Name: ""}},
		{{Name: "a.json"}, {Name: "a.json"}},
		{{Name: "dir/a.json"}},
	} {
		if err := Attach(bytes.NewReader(tp.pdf), &bytes.Buffer{}, bad); err == nil {
			t.Errorf("Attach(%v) succeeded", bad)
		}
	}
	if err := Attach(bytes.NewReader(out), &bytes.Buffer{}, files[:1]); err == nil {
		t.Errorf("attaching %q twice succeeded", files[0].Name)
	}
}

// haveTool reports whether the optional independent check by the program
// name runs: not under -short, and (unless CI requires the readers, when
// a missing one fails the test) only where it is installed.
func haveTool(t testing.TB, name string) bool {
	t.Helper()
	if testing.Short() && !testlevel.ToolsRequired() {
		return false
	}
	_, err := exec.LookPath(name)
	if err != nil && testlevel.ToolsRequired() {
		t.Fatalf("%s is required (%s is set) but not installed", name, testlevel.RequireToolsEnv)
	}
	return err == nil
}

func TestFitMatrix(t *testing.T) {
	src := types.Rectangle{LL: types.Point{X: 10, Y: 20}, UR: types.Point{X: 110, Y: 220}} // 100 x 200
	dst := Rect{X: 50, Y: 60, W: 300, H: 300}
	apply := func(m [6]float64, x, y float64) (float64, float64) {
		return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
	}
	// Where the source's top-left corner (as displayed) must land.
	tests := []struct {
		rot              int
		w, h             float64 // displayed size in dst
		topLeftX, topLfY float64 // source point shown at the top-left
	}{
		{0, 150, 300, 10, 220},
		{90, 300, 150, 10, 20},   // turned clockwise: the bottom-left corner is shown top-left
		{180, 150, 300, 110, 20}, // upside down
		{270, 300, 150, 110, 220},
	}
	for _, tc := range tests {
		m := fitMatrix(src, tc.rot, dst)
		// Bounding box of the mapped source box.
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range [][2]float64{{10, 20}, {110, 20}, {10, 220}, {110, 220}} {
			x, y := apply(m, p[0], p[1])
			minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
		}
		if !near(maxX-minX, tc.w) || !near(maxY-minY, tc.h) {
			t.Errorf("rot %d: size %v x %v, want %v x %v", tc.rot, maxX-minX, maxY-minY, tc.w, tc.h)
		}
		if !near(minX-dst.X, dst.X+dst.W-maxX) || !near(minY-dst.Y, dst.Y+dst.H-maxY) {
			t.Errorf("rot %d: not centred: x %v-%v y %v-%v in %+v", tc.rot, minX, maxX, minY, maxY, dst)
		}
		x, y := apply(m, tc.topLeftX, tc.topLfY)
		if !near(x, minX) || !near(y, maxY) {
			t.Errorf("rot %d: source point (%v,%v) lands at (%v,%v), want top-left (%v,%v)", tc.rot, tc.topLeftX, tc.topLfY, x, y, minX, maxY)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestRectFromTop(t *testing.T) {
	r := RectFromTop(842, 40, 80, 500, 700)
	if r != (Rect{X: 40, Y: 62, W: 500, H: 700}) {
		t.Errorf("RectFromTop = %+v", r)
	}
}

// TestRotatedSource stamps pages with /Rotate and a landscape page, and checks
// with pdftotext -bbox that each shows as a viewer shows the source: a
// sideways scan that /Rotate 90 turns upright comes out upright (words wider
// than high), an upright page given /Rotate 90 comes out turned.
func TestRotatedSource(t *testing.T) {
	needTool(t, "pdftotext")
	newConfig()
	var scan bytes.Buffer // content drawn turned left; /Rotate 90 makes it upright
	if err := api.Rotate(bytes.NewReader(sidewaysPDF(t, "Scanned upright words")), &scan, 90, nil, nil); err != nil {
		t.Fatalf("rotate: %v", err)
	}
	var turned bytes.Buffer // upright content; /Rotate 270 turns it
	if err := api.Rotate(bytes.NewReader(simplePDF(t, "P", "Turned words")), &turned, 270, nil, nil); err != nil {
		t.Fatalf("rotate: %v", err)
	}
	var sources []*Source
	for _, b := range [][]byte{scan.Bytes(), turned.Bytes(), simplePDF(t, "L", "Landscape invoice words")} {
		s, err := pdfsrc.Open(b, "")
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, s)
	}
	for i, s := range sources {
		if w, h := s.PageSize(1); !(w > h) {
			t.Errorf("source %d: PageSize %v x %v, want landscape as displayed", i+1, w, h)
		}
	}
	tp := buildPacket(t, []int{1, 1, 1})
	var out bytes.Buffer
	if err := Stamp(bytes.NewReader(tp.pdf), &out, tp.placements(sources)); err != nil {
		t.Fatal(err)
	}
	qpdfCheckIfPresent(t, out.Bytes())
	tests := []struct {
		page    int
		words   []string
		upright bool
	}{
		{2, []string{"Scanned", "upright", "words"}, true},
		{3, []string{"Turned", "words"}, false},
		{4, []string{"Landscape", "invoice", "words"}, true},
	}
	b := box()
	if f := tp.placements(sources)[2].Fitted(); !near(f.W, b.W) || !(f.H < b.H) || !near(f.Y-b.Y, b.Y+b.H-f.Y-f.H) {
		t.Errorf("Fitted landscape page = %+v in box %+v, want full width, centred vertically", f, b)
	}
	if f := (Placement{}).Fitted(); f != (Rect{}) {
		t.Errorf("Fitted of an invalid placement = %+v", f)
	}
	for _, tc := range tests {
		boxes := wordBoxes(t, out.Bytes(), tc.page)
		for _, w := range tc.words {
			r, ok := boxes[w]
			if !ok {
				t.Errorf("page %d: word %q not found in %v", tc.page, w, boxes)
				continue
			}
			if upright := r.W > r.H; upright != tc.upright {
				t.Errorf("page %d: %q is %vx%v: upright %v, want %v", tc.page, w, r.W, r.H, upright, tc.upright)
			}
			// Inside the box (pdftotext measures from the top).
			y := a4H*mmToPt - r.Y - r.H
			if r.X < b.X || r.X+r.W > b.X+b.W || y < b.Y || y+r.H > b.Y+b.H {
				t.Errorf("page %d: %q at %+v is outside the box %+v", tc.page, w, r, b)
			}
		}
	}
}

// sidewaysPDF makes a portrait A5 page whose text runs bottom to top.
func sidewaysPDF(t testing.TB, text string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A5", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetFont("Helvetica", "B", 20)
	pdf.AddPage()
	pdf.TransformBegin()
	pdf.TransformRotate(90, 30, 190)
	pdf.Text(30, 190, text)
	pdf.TransformEnd()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// wordBoxes returns the box of each word on page n (pdftotext -bbox; Y is
// measured from the top of the page).
func wordBoxes(t testing.TB, pdf []byte, n int) map[string]Rect {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), writeTemp(t, "bbox.pdf", pdf), "-")
	m := map[string]Rect{}
	for _, g := range wordRE.FindAllStringSubmatch(out, -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(g[i+1], 64)
		}
		m[g[5]] = Rect{X: v[0], Y: v[1], W: v[2] - v[0], H: v[3] - v[1]}
	}
	return m
}

func qpdfCheckIfPresent(t *testing.T, pdf []byte) {
	t.Helper()
	if haveTool(t, "qpdf") {
		qpdfCheck(t, pdf)
	}
}

// TestSourceSharing checks that a source's pages share their resources in
// the output (fonts are copied once, not per page).
func TestSourceSharing(t *testing.T) {
	texts := make([]string, 20)
	for i := range texts {
		texts[i] = "Invoice page " + strconv.Itoa(i+1)
	}
	s, err := pdfsrc.Open(simplePDF(t, "P", texts...), "")
	if err != nil {
		t.Fatal(err)
	}
	tp := buildPacket(t, []int{20})
	var out bytes.Buffer
	if err := Stamp(bytes.NewReader(tp.pdf), &out, tp.placements([]*Source{s})); err != nil {
		t.Fatal(err)
	}
	n := bytes.Count(out.Bytes(), []byte("/BaseFont/Helvetica-Bold")) + bytes.Count(out.Bytes(), []byte("/BaseFont /Helvetica-Bold"))
	if n != 1 {
		t.Errorf("Helvetica-Bold font dictionary written %d times, want 1", n)
	}
	qpdfCheckIfPresent(t, out.Bytes())
}

// BenchmarkStampCorpus stamps the five corpus PDFs into a packet (Open of
// each source included) and reports the output size.
func BenchmarkStampCorpus(b *testing.B) {
	datas := make([][]byte, len(corpusPDFs))
	for i, c := range corpusPDFs {
		datas[i] = readCorpus(b, c.file)
	}
	tp := buildPacket(b, []int{1, 1, 1, 1, 1})
	var size int
	for b.Loop() {
		var sources []*Source
		for _, d := range datas {
			s, err := pdfsrc.Open(d, "")
			if err != nil {
				b.Fatal(err)
			}
			sources = append(sources, s)
		}
		var out bytes.Buffer
		if err := Stamp(bytes.NewReader(tp.pdf), &out, tp.placements(sources)); err != nil {
			b.Fatal(err)
		}
		size = out.Len()
	}
	b.ReportMetric(float64(size), "out-bytes")
	b.ReportMetric(float64(len(tp.pdf)), "packet-bytes")
}

// TestConcurrentStamp uses one Source from several goroutines at once
// (run with -race): outputs must be identical.
func TestConcurrentStamp(t *testing.T) {
	s, err := pdfsrc.Open(simplePDF(t, "P", "shared source", "page two"), "")
	if err != nil {
		t.Fatal(err)
	}
	tp := buildPacket(t, []int{2})
	outs := make([][]byte, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() {
			var out bytes.Buffer
			errs[i] = Stamp(bytes.NewReader(tp.pdf), &out, tp.placements([]*Source{s}))
			outs[i] = out.Bytes()
		})
	}
	wg.Wait()
	for i := range outs {
		if errs[i] != nil {
			t.Fatalf("goroutine %d: %v", i, errs[i])
		}
		if !bytes.Equal(outs[i], outs[0]) {
			t.Errorf("goroutine %d made different output", i)
		}
	}
}
