package pdfimport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"appealpacket/internal/pdftest"
	"appealpacket/internal/testcorpus"
)

// TestMain runs the tests with HOME and XDG_CONFIG_HOME pointing to an empty
// folder and fails when anything was written there or into the package
// folder (the working directory of tests).
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "pdfimport-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("HOME", home)
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	before := dirList(".")
	code := m.Run()
	if got := dirList(home); len(got) != 0 {
		fmt.Fprintf(os.Stderr, "FAIL: files written to the home folder: %v\n", got)
		code = 1
	}
	if after := dirList("."); !slices.Equal(before, after) {
		fmt.Fprintf(os.Stderr, "FAIL: working directory changed: before %v, after %v\n", before, after)
		code = 1
	}
	os.RemoveAll(home)
	os.Exit(code)
}

func dirList(dir string) []string {
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			names = append(names, p)
		}
		return nil
	})
	return names
}

// corpusDir returns the shared test corpus or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testcorpus.Dir(t)
}

func readCorpus(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// needTool skips the test when an external checker is not installed (or
// fails it, in CI: see pdftest.Tool).
func needTool(t testing.TB, name string) {
	t.Helper()
	pdftest.Tool(t, name)
}

func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// qpdfCheck runs qpdf --check and fails on errors or warnings.
func qpdfCheck(t testing.TB, pdf []byte) {
	t.Helper()
	needTool(t, "qpdf")
	out := run(t, "qpdf", "--check", writeTemp(t, "check.pdf", pdf))
	if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(out, "WARNING") {
		t.Fatalf("qpdf --check:\n%s", out)
	}
}

func pdfPages(t testing.TB, pdf []byte) int {
	t.Helper()
	needTool(t, "pdfinfo")
	out := run(t, "pdfinfo", writeTemp(t, "info.pdf", pdf))
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo: no page count:\n%s", out)
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}

var spaces = regexp.MustCompile(`\s+`)

// pageText returns the text of page n (pdftotext), whitespace collapsed.
func pageText(t testing.TB, pdf []byte, n int) string {
	t.Helper()
	needTool(t, "pdftotext")
	p := writeTemp(t, "text.pdf", pdf)
	out, err := exec.Command("pdftotext", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return spaces.ReplaceAllString(string(out), " ")
}

// linkMap lists, as read by qpdf, where every /Link annotation and outline
// item lands: "page 1 link -> 3", "outline Exhibit T-1 -> 3" (like
// shared/tools/linkcheck.py).
func linkMap(t testing.TB, pdf []byte) []string {
	t.Helper()
	needTool(t, "qpdf")
	raw, err := exec.Command("qpdf", "--json", "--json-key=pages", "--json-key=qpdf",
		"--json-key=outlines", writeTemp(t, "links.pdf", pdf)).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF     []json.RawMessage `json:"qpdf"`
		Outlines []outline         `json:"outlines"`
	}
	if err := json.Unmarshal(raw, &j); err != nil {
		t.Fatalf("qpdf json: %v", err)
	}
	var objs map[string]struct {
		Value any `json:"value"`
	}
	if len(j.QPDF) != 2 {
		t.Fatalf("qpdf json: unexpected qpdf key")
	}
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf json objects: %v", err)
	}
	page := func(dest any) string {
		a, ok := dest.([]any)
		if !ok || len(a) == 0 {
			return fmt.Sprintf("NOT A DEST (%v)", dest)
		}
		for i, p := range j.Pages {
			if p.Object == a[0] {
				return fmt.Sprint(i + 1)
			}
		}
		return fmt.Sprintf("NOT A PAGE (%v)", a[0])
	}
	deref := func(v any) any {
		if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
			return objs["obj:"+s].Value
		}
		return v
	}
	var lines []string
	for i, p := range j.Pages {
		pd, _ := objs["obj:"+p.Object].Value.(map[string]any)
		annots, _ := deref(pd["/Annots"]).([]any)
		for _, a := range annots {
			ad, _ := deref(a).(map[string]any)
			if ad["/Subtype"] != "/Link" {
				continue
			}
			lines = append(lines, fmt.Sprintf("page %d link -> %s", i+1, page(deref(ad["/Dest"]))))
		}
	}
	var walk func([]outline, string)
	walk = func(ol []outline, indent string) {
		for _, o := range ol {
			lines = append(lines, fmt.Sprintf("outline %s%s -> %s", indent, o.Title, page(o.Dest)))
			walk(o.Kids, indent+"  ")
		}
	}
	walk(j.Outlines, "")
	return lines
}

type outline struct {
	Title string    `json:"title"`
	Dest  any       `json:"dest"`
	Kids  []outline `json:"kids"`
}

var fixedTime = time.Date(2024, 3, 21, 9, 30, 0, 0, time.UTC)

const (
	mmToPt  = 72 / 25.4
	a4W     = 210.0
	a4H     = 297.0
	boxLeft = 15.0
	boxTop  = 28.0
	boxW    = 180.0
	boxH    = 244.0
)

// exhibit is one source laid out in a test packet.
type exhibit struct {
	id        string
	pages     int
	firstPage int // packet page of the exhibit's first page
}

// testPacket is an fpdf packet like the renderer makes: an index page with
// links to every exhibit, one placeholder page per source page (header and
// footer stamps, an empty box), an appendix page linking back to the index,
// and an outline.
type testPacket struct {
	pdf        []byte
	exhibits   []exhibit
	totalPages int
	wantLinks  []string // what linkMap must report
}

func buildPacket(t testing.TB, pageCounts []int) testPacket {
	t.Helper()
	tp := testPacket{}
	next := 2
	for i, n := range pageCounts {
		tp.exhibits = append(tp.exhibits, exhibit{id: fmt.Sprintf("T-%d", i+1), pages: n, firstPage: next})
		next += n
	}
	tp.totalPages = next // the appendix is the last page

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetFont("Helvetica", "", 11)

	exLinks := make([]int, len(tp.exhibits))
	for i, ex := range tp.exhibits {
		exLinks[i] = pdf.AddLink()
		pdf.SetLink(exLinks[i], 0, ex.firstPage)
	}
	indexLink := pdf.AddLink()
	pdf.SetLink(indexLink, 0, 1)

	footer := func(n int) {
		pdf.SetXY(boxLeft, a4H-15)
		pdf.CellFormat(boxW, 6, fmt.Sprintf("page %d of %d", n, tp.totalPages), "", 0, "C", false, 0, "")
	}

	pdf.AddPage()
	pdf.Bookmark("Index", 0, 0)
	pdf.SetXY(boxLeft, 20)
	pdf.CellFormat(boxW, 8, "IPP-2024-0001234 Exhibit index", "", 1, "L", false, 0, "")
	for i, ex := range tp.exhibits {
		pdf.SetX(boxLeft)
		pdf.CellFormat(boxW, 8, fmt.Sprintf("Exhibit %s, pages %d-%d", ex.id, ex.firstPage, ex.firstPage+ex.pages-1),
			"", 1, "L", false, exLinks[i], "")
		tp.wantLinks = append(tp.wantLinks, fmt.Sprintf("page 1 link -> %d", ex.firstPage))
	}
	footer(1)

	for i, ex := range tp.exhibits {
		for k := 1; k <= ex.pages; k++ {
			pdf.AddPage()
			n := pdf.PageNo()
			if k == 1 {
				if i == 0 {
					pdf.Bookmark("Exhibits", 0, 0)
				}
				pdf.Bookmark("Exhibit "+ex.id, 1, 0)
			}
			pdf.SetXY(boxLeft, 12)
			pdf.CellFormat(boxW, 6, fmt.Sprintf("IPP-2024-0001234 - Exhibit %s - page %d of %d", ex.id, k, ex.pages),
				"", 0, "L", false, 0, "")
			pdf.SetDrawColor(180, 180, 180)
			pdf.Rect(boxLeft, boxTop, boxW, boxH, "D")
			// A link to the index in the header, which must survive too.
			pdf.SetXY(boxLeft+boxW-30, 12)
			pdf.CellFormat(30, 6, "index", "", 0, "R", false, indexLink, "")
			tp.wantLinks = append(tp.wantLinks, fmt.Sprintf("page %d link -> 1", n))
			footer(n)
		}
	}

	pdf.AddPage()
	pdf.Bookmark("Appendix", 0, 0)
	pdf.SetXY(boxLeft, 20)
	pdf.CellFormat(boxW, 8, "Hash appendix - back to the index", "", 1, "L", false, 0, "")
	pdf.Link(boxLeft, 20, boxW, 8, indexLink)
	tp.wantLinks = append(tp.wantLinks, fmt.Sprintf("page %d link -> 1", tp.totalPages))
	footer(tp.totalPages)

	tp.wantLinks = append(tp.wantLinks, "outline Index -> 1")
	if len(tp.exhibits) > 0 {
		tp.wantLinks = append(tp.wantLinks, fmt.Sprintf("outline Exhibits -> %d", tp.exhibits[0].firstPage))
	}
	for _, ex := range tp.exhibits {
		tp.wantLinks = append(tp.wantLinks, fmt.Sprintf("outline   Exhibit %s -> %d", ex.id, ex.firstPage))
	}
	tp.wantLinks = append(tp.wantLinks, fmt.Sprintf("outline Appendix -> %d", tp.totalPages))

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	tp.pdf = buf.Bytes()
	return tp
}

// box is the placeholder box of the test packet, in points.
func box() Rect {
	return RectFromTop(a4H*mmToPt, boxLeft*mmToPt, boxTop*mmToPt, boxW*mmToPt, boxH*mmToPt)
}

// placements puts every page of sources into the packet's placeholders.
func (tp testPacket) placements(sources []*Source) []Placement {
	var ps []Placement
	for i, s := range sources {
		for k := 1; k <= s.PageCount(); k++ {
			ps = append(ps, Placement{Source: s, SourcePage: k, TargetPage: tp.exhibits[i].firstPage + k - 1, Box: box()})
		}
	}
	return ps
}

// simplePDF makes a small source PDF with fpdf: one page per text, in the
// given orientation ("P" or "L").
func simplePDF(t testing.TB, orientation string, texts ...string) []byte {
	t.Helper()
	pdf := fpdf.New(orientation, "mm", "A5", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetFont("Helvetica", "B", 20)
	for _, s := range texts {
		pdf.AddPage()
		pdf.SetXY(10, 10)
		pdf.CellFormat(0, 12, s, "", 1, "L", false, 0, "")
		pdf.SetFillColor(200, 30, 30)
		pdf.Rect(10, 25, 20, 10, "F") // a red mark at the top-left
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}
