package packet_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"appealpacket/internal/batch"
	"appealpacket/internal/fixture"
	"appealpacket/internal/pdftest"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
	"appealpacket/packet/doctext"
	"appealpacket/packet/render/raster"
)

const demo = "../testdata/demo"

var demoDate = time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)

// builtDemo builds the demo case once per test binary run.
var builtDemo struct {
	sync.Mutex
	res *packet.Result
	err error
}

func buildDemo(t *testing.T) *packet.Result {
	t.Helper()
	builtDemo.Lock()
	defer builtDemo.Unlock()
	if builtDemo.res == nil && builtDemo.err == nil {
		dir, err := os.MkdirTemp("", "appealpacket-demo-*")
		if err != nil {
			t.Fatal(err)
		}
		builtDemo.res, builtDemo.err = buildCase(context.Background(), demo, packet.Options{OutDir: dir, Date: demoDate})
	}
	if builtDemo.err != nil {
		t.Fatal(builtDemo.err)
	}
	return builtDemo.res
}

// pdfium compiles PDFium once for every test that draws pages, and keeps
// the code for the next runs in a folder of the tests' own, which the
// CLI's scripts and package raster's tests share: one test binary at a
// time compiles into it (testlevel.Exclusive), the others load the code.
var pdfium = sync.OnceValue(func() *raster.Engine {
	e, err := raster.NewDiskEngine(testlevel.SharedDir("pdfium"))
	if err != nil {
		return raster.NewEngine()
	}
	// An error here is the drawing test's to report: Pages starts PDFium again.
	_ = testlevel.Exclusive("pdfium", func() error { return e.Prepare(context.Background()) })
	return e
})

// sharedCache is this run's cache folder: each demo photo is decoded and
// scaled by the first build that needs it, not by every test (the cache is
// keyed by content, and cache_test.go builds without it as well).
var sharedCache string

// buildCase, checkCase and letterCase call Build, Check and Letter with
// this run's cache and PDFium unless the options name others.
func buildCase(ctx context.Context, dir string, o packet.Options) (*packet.Result, error) {
	return packet.Build(ctx, dir, shared(o))
}

func checkCase(ctx context.Context, dir string, o packet.Options) (*packet.Report, error) {
	return packet.Check(ctx, dir, shared(o))
}

func letterCase(ctx context.Context, dir, kind string, o packet.Options) (*packet.LetterResult, error) {
	return packet.Letter(ctx, dir, kind, shared(o))
}

func shared(o packet.Options) packet.Options {
	if o.CacheDir == "" {
		o.CacheDir = sharedCache
	}
	if o.PDFium == nil && o.Channel != "" { // only a channel's pages are drawn
		o.PDFium = pdfium()
	}
	if o.Tesseract == nil && o.OCR == "" {
		o.Tesseract = tesseract()
	}
	return o
}

// tesseract is the OCR command, found once for every build that reads
// scans as the default does (nil when it is not installed).
var tesseract = sync.OnceValue(func() *doctext.Tesseract {
	t, _ := doctext.Select(context.Background(), "")
	return t
})

func TestMain(m *testing.M) {
	if os.Getenv("GOGC") == "" {
		// Build as the command does (see tuneRuntime in cmd/appealpacket):
		// its collector runs less often than Go's default.
		debug.SetGCPercent(300)
	}
	dir, err := os.MkdirTemp("", "appealpacket-test-cache-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sharedCache = dir
	code := m.Run()
	os.RemoveAll(dir)
	if builtDemo.res != nil {
		os.RemoveAll(filepath.Dir(builtDemo.res.PDF))
	}
	os.Exit(code)
}

// xlsxExhibits reads the Exhibits sheet back: exhibit ID -> first and last PDF page.
func xlsxExhibits(t *testing.T, path string) map[string][2]int {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Exhibits")
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	out := map[string][2]int{}
	for _, r := range rows[1:] {
		first, _ := strconv.Atoi(r[col["First page"]])
		last, _ := strconv.Atoi(r[col["Last page"]])
		id := r[col["Exhibit"]]
		if cur, ok := out[id]; ok {
			first = min(first, cur[0])
			last = max(last, cur[1])
		}
		out[id] = [2]int{first, last}
	}
	return out
}

func TestBuildDemoWritesBothFiles(t *testing.T) {
	t.Parallel()
	res := buildDemo(t)
	if filepath.Base(res.PDF) != "IPP-2024-0001234-packet.pdf" || filepath.Base(res.XLSX) != "IPP-2024-0001234-index.xlsx" {
		t.Errorf("output names %s, %s", res.PDF, res.XLSX)
	}
	for _, p := range []string{res.PDF, res.XLSX} {
		st, err := os.Stat(p)
		if err != nil || st.Size() == 0 {
			t.Fatalf("%s: %v", p, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(res.PDF))
	if len(entries) != 2 {
		t.Errorf("output folder holds %d entries, want the two outputs and no temporary files", len(entries))
	}
	ex := xlsxExhibits(t, res.XLSX)
	for _, id := range []string{"L-1", "P-1", "P-2", "P-3", "T-1", "A-1", "A-2", "D-1"} {
		if _, ok := ex[id]; !ok {
			t.Errorf("exhibit %s missing from the XLSX", id)
		}
	}
	if res.Exhibits != len(ex) {
		t.Errorf("result says %d exhibits, XLSX lists %d", res.Exhibits, len(ex))
	}
}

// TestLinksAndOutlineLandOnTheirExhibits reads the PDF back with pdfcpu and
// checks that every outline entry naming an exhibit lands on the exhibit's
// first page as the XLSX gives it, and (with poppler) that every link's text
// names the exhibit whose page it opens.
func TestLinksAndOutlineLandOnTheirExhibits(t *testing.T) {
	t.Parallel()
	res := buildDemo(t)
	doc, err := pdftest.Read(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != res.Pages {
		t.Fatalf("pdfcpu reads %d pages, build reported %d", doc.Pages, res.Pages)
	}
	ex := xlsxExhibits(t, res.XLSX)
	idRE := regexp.MustCompile(`^([LPTAD]-[0-9]+)\b`)
	seen := map[string]bool{}
	for _, o := range doc.Outlines {
		if m := idRE.FindStringSubmatch(o.Title); m != nil {
			seen[m[1]] = true
			if want := ex[m[1]][0]; o.Page != want {
				t.Errorf("outline %q lands on page %d, the XLSX says %s starts on page %d", o.Title, o.Page, m[1], want)
			}
		}
	}
	for id := range ex {
		if !seen[id] {
			t.Errorf("no outline entry for exhibit %s", id)
		}
	}
	for _, top := range []string{"Cover", "Statement", "Index of exhibits", "Exhibits", "Appendix: file hashes"} {
		found := false
		for _, o := range doc.Outlines {
			found = found || (o.Level == 0 && o.Title == top)
		}
		if !found {
			t.Errorf("outline has no top-level entry %q", top)
		}
	}
	if len(doc.Links) < len(ex)*2 {
		t.Errorf("only %d links; want at least the index's two per exhibit and the statement's", len(doc.Links))
	}
	for _, l := range doc.Links {
		if l.Dest < 1 || l.Dest > doc.Pages {
			t.Errorf("link on page %d points to %d, not a page", l.Page, l.Dest)
		}
	}

	pdftotext := pdftest.Tool(t, "pdftotext")
	pageHeight := 841.89
	checked := 0
	wordsOf := map[int][]pdftest.Word{}
	for _, l := range doc.Links {
		words, ok := wordsOf[l.Page]
		if !ok {
			if words, err = pdftest.PageWords(pdftotext, res.PDF, l.Page); err != nil {
				t.Fatal(err)
			}
			wordsOf[l.Page] = words
		}
		// Words whose centre lies in the link's rectangle (y flipped).
		x0, x1 := min(l.Rect[0], l.Rect[2]), max(l.Rect[0], l.Rect[2])
		y0, y1 := min(l.Rect[1], l.Rect[3]), max(l.Rect[1], l.Rect[3])
		var text []string
		for _, w := range words {
			cx, cy := (w.XMin+w.XMax)/2, pageHeight-(w.YMin+w.YMax)/2
			if cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 {
				text = append(text, w.Text)
			}
		}
		joined := strings.Join(text, " ")
		m := regexp.MustCompile(`\b([LPTAD]-[0-9]+)\b`).FindStringSubmatch(joined)
		if m == nil {
			continue // a section link ("Statement p. 2") or a row without an ID
		}
		dest, err := pdftest.PageText(pdftotext, res.PDF, l.Dest)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(dest, "Exhibit "+m[1]+" · page 1 of") {
			t.Errorf("link %q on page %d opens page %d, which is not the first page of %s", joined, l.Page, l.Dest, m[1])
		}
		checked++
	}
	if checked < len(ex)*2 {
		t.Errorf("checked %d exhibit links by their text, want at least %d", checked, len(ex)*2)
	}
}

func TestPacketPassesIndependentReaders(t *testing.T) {
	t.Parallel()
	res := buildDemo(t)
	if err := pdftest.Validate(res.PDF); err != nil {
		t.Errorf("pdfcpu's validator (relaxed) rejects the packet: %v", err)
	}
	qpdf := pdftest.Tool(t, "qpdf")
	if out, err := exec.Command(qpdf, "--check", res.PDF).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	pdfinfo := pdftest.Tool(t, "pdfinfo")
	out, err := exec.Command(pdfinfo, res.PDF).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(fmt.Sprintf(`(?m)^Pages:\s+%d$`, res.Pages)).Match(out) {
		t.Errorf("pdfinfo does not report %d pages:\n%s", res.Pages, out)
	}
	if !regexp.MustCompile(`(?m)^Subject:\s+image theft complaint on AliExpress$`).Match(out) {
		t.Errorf("pdfinfo does not report the subject in words:\n%s", out)
	}
	text, err := exec.Command(pdftest.Tool(t, "pdftotext"), res.PDF, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"L-1", "P-1", "P-2", "P-3", "T-1", "A-1", "A-2", "D-1",
		"深圳市星光摄影工作室", "深圳市流明家居用品有限公司", "Canon EOS 90D", "083021004417", "2023-10-14 10:21:37 +08:00",
		"Authorization chain: BARTECH", "Timeline", "Complaint IPP-2024-0001234",
		// Text of the imported PDF exhibits, drawn into the packet.
		"Trademark Registration Certificate", "Letter of Authorization", "HX20230917", "38,900.00"} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	if bytes.Contains(text, []byte("[U+")) {
		t.Errorf("the demo packet has characters no font covers")
	}
}

// TestPagesAgreeBetweenPDFAndXLSX checks that each exhibit's pages in the
// XLSX carry that exhibit's stamp in the PDF.
func TestPagesAgreeBetweenPDFAndXLSX(t *testing.T) {
	t.Parallel()
	res := buildDemo(t)
	pdftotext := pdftest.Tool(t, "pdftotext")
	for id, pages := range xlsxExhibits(t, res.XLSX) {
		for p := pages[0]; p <= pages[1]; p++ {
			text, err := pdftest.PageText(pdftotext, res.PDF, p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text, "Exhibit "+id+" · page ") || !strings.Contains(text, fmt.Sprintf("page %d of %d", p, res.Pages)) {
				t.Errorf("page %d does not carry the stamp of %s and its packet page number", p, id)
			}
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	testlevel.SkipIfShort(t, "builds the demo twice")
	t.Parallel()
	res := buildDemo(t)
	dir := t.TempDir()
	again, err := buildCase(context.Background(), demo, packet.Options{OutDir: dir, Date: demoDate, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]string{{res.PDF, again.PDF}, {res.XLSX, again.XLSX}} {
		a, _ := os.ReadFile(pair[0])
		b, _ := os.ReadFile(pair[1])
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", filepath.Base(pair[0]))
			os.WriteFile("/tmp/nd-a", a, 0o644)
			os.WriteFile("/tmp/nd-b", b, 0o644)
		}
	}
}

// copyDemo copies the demo case to a temporary folder a test may change.
func copyDemo(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := fixture.CopyTree(demo, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestBuildRefusesBlockingFindingsUnlessForced(t *testing.T) {
	t.Parallel()
	dir := copyDemo(t)
	if err := os.Remove(filepath.Join(dir, "other", "invoice-HX20230917.pdf")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	_, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, Date: demoDate})
	nr, ok := packet.IsNotReady(err)
	if !ok {
		t.Fatalf("err = %v, want not ready", err)
	}
	if codes := strings.Join(nr.Findings.Codes(), ","); !strings.Contains(codes, "FILE_MISSING") {
		t.Errorf("codes %s", codes)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a refused build wrote %d files", len(entries))
	}
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, Date: demoDate, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.PageText(pdftest.Tool(t, "pdftotext"), res.PDF, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "NOT READY") || !strings.Contains(text, "FILE_MISSING") {
		t.Errorf("cover of a forced build does not say NOT READY with the finding:\n%s", text)
	}
}

// TestOriginalsUntouched hashes the demo case (contents, sizes and
// modification times) before and after build, check, letter, verify and
// batch, with a cache and attached originals.
func TestOriginalsUntouched(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds a case and compares every original")
	before := hashTree(t, demo)
	ctx := context.Background()
	out := t.TempDir()
	res, err := buildCase(ctx, demo, packet.Options{OutDir: out, Date: demoDate, CacheDir: t.TempDir(), AttachOriginals: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkCase(ctx, demo, packet.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := letterCase(ctx, demo, "withdrawal-request", packet.Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := packet.Verify(res.PDF, demo, packet.VerifyOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := batch.Run(ctx, []string{demo}, batch.Options{OutDir: t.TempDir(), Jobs: 1, Packet: shared(packet.Options{})}); err != nil {
		t.Fatal(err)
	}
	if after := hashTree(t, demo); after != before {
		t.Error("the demo case changed")
	}
}

func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		st, _ := d.Info()
		fmt.Fprintf(h, "%s %d %s %x\n", p, len(b), st.ModTime(), sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestXLSXConvertsWithLibreOffice(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("a slow end-to-end build: runs without -short (as in CI)")
	}
	res := buildDemo(t)
	lo := pdftest.Tool(t, "libreoffice")
	out := t.TempDir()
	cmd := exec.Command(lo, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(out, "profile")),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, res.XLSX)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	csv, err := os.ReadFile(filepath.Join(out, "IPP-2024-0001234-index-Exhibits.csv"))
	if err != nil {
		entries, _ := os.ReadDir(out)
		t.Fatalf("%v (folder holds %v)", err, entries)
	}
	ex := xlsxExhibits(t, res.XLSX)
	for id, pages := range ex {
		if !bytes.Contains(csv, []byte(fmt.Sprintf("%s,", id))) || !bytes.Contains(csv, []byte(fmt.Sprintf(",%d,%d,", pages[0], pages[1]))) {
			t.Errorf("LibreOffice's reading of the Exhibits sheet lacks %s on pages %d-%d", id, pages[0], pages[1])
		}
	}
}

// The index goes to the platform's reviewer: no Findings sheet (with its
// advice to the seller) unless asked for.
func TestIndexFindingsSheetOnlyWhenAsked(t *testing.T) {
	testlevel.SkipIfShort(t, "builds the index with and without findings")
	t.Parallel()
	dir := caseFiles(t, baseCase+"photos: [{path: a.jpg}]\n", map[string][]byte{"a.jpg": photo(t, 0, nil)})
	for _, asked := range []bool{false, true} {
		res, err := buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Force: true, FindingsSheet: asked, Date: demoDate})
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(res.XLSX)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		f.Close()
		if got := slices.Contains(sheets, "Findings"); got != asked {
			t.Errorf("FindingsSheet %v: sheets %v", asked, sheets)
		}
	}
}

// The seller's own words cite files; the statement prints each as the
// exhibit's current number.
func TestStatementCitationsPrintCurrentNumbers(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds a case twice")
	dir := t.TempDir()
	if err := fixture.CopyTree(demo, dir); err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile(filepath.Join(dir, "case.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	yaml = bytes.Replace(yaml, []byte("  prepared: 2024-03-25\n"), []byte("  prepared: 2024-03-25\n  statement: \"Our listing picture [[listing/main.jpg]] was cut from our photo [[originals/IMG_0412.JPG]], under the letter [[AUTH2]].\"\n"), 1)
	if err := os.WriteFile(filepath.Join(dir, "case.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate})
	if err != nil {
		t.Fatal(err)
	}
	pdftotext := pdftest.Tool(t, "pdftotext")
	out, err := exec.Command(pdftotext, res.PDF, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if want := "Our listing picture Exhibit L-1 was cut from our photo Exhibit P-1, under the letter Exhibit A-2."; !strings.Contains(text, want) {
		t.Errorf("the packet does not say %q", want)
	}
	if strings.Contains(text, "[[") {
		t.Errorf("a citation was printed as typed")
	}
}

// TestLongTitlesAreDrawnAsMeasured: a title long enough to fill most of a
// page of the index (3,000 characters) is drawn on the pages the layout
// measured for it, not refused as a layout bug; one longer than a page
// (20,000 characters) is cut to a page, not drawn past the page's foot.
func TestLongTitlesAreDrawnAsMeasured(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds a case of long titles")
	const invoice = `title: "Purchase invoice HX20230917 from Guangzhou Huaxin Trading"`
	for _, tt := range []struct {
		name, from string
		length     int
		cut        bool
	}{
		{"document title of 3,000 characters", invoice, 3000, false},
		{"listing title of 3,000 characters", `title: "BARTECH wireless earbuds with charging case"`, 3000, false},
		{"document title of 20,000 characters", invoice, 20000, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyDemo(t)
			p := filepath.Join(dir, "case.yaml")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(tt.from)) {
				t.Fatalf("the demo's case.yaml has no %s", tt.from)
			}
			long := strings.Repeat("Invoice ", tt.length/8)
			write(t, p, bytes.Replace(b, []byte(tt.from), []byte(`title: "`+strings.TrimSpace(long)+`"`), 1))
			res, err := buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate})
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, res.PDF)
			if !strings.Contains(text, "Invoice Invoice Invoice") {
				t.Error("the long title is not in the packet")
			}
			if cut := strings.Contains(text, "(cut to fit the page)"); cut != tt.cut {
				t.Errorf("cut %v, want %v", cut, tt.cut)
			}
		})
	}
}

// TestXLSXRecordsListingLinks: the index records which original each
// listing picture was made from, on the Exhibits and the Photos sheets,
// with the distance as a number, and the capture time as a date cell.
func TestXLSXRecordsListingLinks(t *testing.T) {
	t.Parallel()
	res := buildDemo(t)
	f, err := excelize.OpenFile(res.XLSX)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// cells returns the row of an exhibit on a sheet, by header.
	cells := func(sheet, id string, opts ...excelize.Options) map[string]string {
		t.Helper()
		rows, err := f.GetRows(sheet, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			if len(r) > 0 && r[0] == id {
				out := map[string]string{}
				for i, h := range rows[0] {
					if i < len(r) {
						out[h] = r[i]
					}
				}
				return out
			}
		}
		t.Fatalf("%s: no row for %s", sheet, id)
		return nil
	}
	l1 := cells("Exhibits", "L-1")
	if l1["Original / listing pictures"] != "made from P-1 (matched)" {
		t.Errorf("Exhibits, L-1: %q", l1["Original / listing pictures"])
	}
	for _, tt := range []struct{ id, links string }{{"P-1", "original of L-1 (matched)"}, {"P-3", ""}} {
		p := cells("Photos", tt.id)
		if p["Listing pictures made from it"] != tt.links {
			t.Errorf("Photos, %s: %q, want %q", tt.id, p["Listing pictures made from it"], tt.links)
		}
		d, err := strconv.Atoi(p["Distance"])
		if tt.links != "" && (err != nil || d < 0 || d > 25) {
			t.Errorf("Photos, %s: distance %q", tt.id, p["Distance"])
		}
		if tt.links == "" && p["Distance"] != "" {
			t.Errorf("Photos, %s: distance %q for no listing picture", tt.id, p["Distance"])
		}
		raw := cells("Photos", tt.id, excelize.Options{RawCellValue: true})["DateTimeOriginal"]
		if serial, err := strconv.ParseFloat(raw, 64); err != nil || serial < 45000 || serial > 45300 { // 2023-03-15 to 2024-01-09
			t.Errorf("Photos, %s: DateTimeOriginal is %q (shown %q), not a date cell of 2023", tt.id, raw, p["DateTimeOriginal"])
		}
		if !strings.HasPrefix(p["DateTimeOriginal"], "2023-10-1") {
			t.Errorf("Photos, %s: DateTimeOriginal shown as %q", tt.id, p["DateTimeOriginal"])
		}
	}
}
