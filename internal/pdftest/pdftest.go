// Package pdftest reads back what a PDF says about itself with pdfcpu, an
// independent reader (not the library that wrote the packet): its pages,
// where every link annotation points, and where every outline entry lands.
// It exists for tests.
package pdftest

import (
	"appealpacket/internal/testlevel"
	"appealpacket/packet/pdfsrc"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Link is a link annotation: on page Page, in Rect (PDF points, y up),
// pointing at page Dest.
type Link struct {
	Page int
	Rect [4]float64
	Dest int
}

// Outline is an outline (bookmark) entry.
type Outline struct {
	Title string
	Level int
	Page  int
}

// Doc is what was read.
type Doc struct {
	Pages    int
	Links    []Link
	Outlines []Outline
}

// disableConfigDir keeps pdfcpu from writing ~/.config/pdfcpu through the
// one switch package pdfsrc owns: a write of pdfcpu's global of this
// package's own raced with builds in tests running in parallel (go test
// -race saw it).
func disableConfigDir() { pdfsrc.Config() }

// Read reads a PDF file with pdfcpu.
func Read(path string) (*Doc, error) {
	disableConfigDir()
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		return nil, err
	}
	d := &Doc{Pages: ctx.PageCount}
	pageOf := map[int]int{}
	for i := 1; i <= ctx.PageCount; i++ {
		_, ref, _, err := ctx.PageDict(i, false)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		pageOf[ref.ObjectNumber.Value()] = i
	}
	for i := 1; i <= ctx.PageCount; i++ {
		pd, _, _, _ := ctx.PageDict(i, false)
		annots, err := ctx.DereferenceArray(pd["Annots"])
		if err != nil {
			return nil, fmt.Errorf("page %d annotations: %w", i, err)
		}
		for _, a := range annots {
			ad, err := ctx.DereferenceDict(a)
			if err != nil || ad == nil {
				return nil, fmt.Errorf("page %d annotation: %v", i, err)
			}
			if st, _ := ad["Subtype"].(types.Name); st != "Link" {
				continue
			}
			l := Link{Page: i}
			rect, _ := ctx.DereferenceArray(ad["Rect"])
			for k := 0; k < 4 && k < len(rect); k++ {
				l.Rect[k] = number(rect[k])
			}
			dest, _ := ctx.DereferenceArray(ad["Dest"])
			if len(dest) > 0 {
				if ref, ok := dest[0].(types.IndirectRef); ok {
					l.Dest = pageOf[ref.ObjectNumber.Value()]
				}
			}
			d.Links = append(d.Links, l)
		}
	}
	bms, err := pdfcpu.Bookmarks(ctx)
	if err != nil {
		return nil, fmt.Errorf("outline: %w", err)
	}
	var walk func([]pdfcpu.Bookmark, int)
	walk = func(bs []pdfcpu.Bookmark, level int) {
		for _, b := range bs {
			d.Outlines = append(d.Outlines, Outline{Title: b.Title, Level: level, Page: b.PageFrom})
			walk(b.Kids, level+1)
		}
	}
	walk(bms, 0)
	return d, nil
}

// Validate runs pdfcpu's validator in relaxed mode (its strict mode
// rejects fpdf's outline and annotation forms, which readers accept).
func Validate(path string) error {
	disableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	return api.ValidateFile(path, conf)
}

func number(o types.Object) float64 {
	switch v := o.(type) {
	case types.Integer:
		return float64(v)
	case types.Float:
		return float64(v)
	}
	return 0
}

// Tool returns the path of an external program, or skips the test with a
// clear message when it is not installed.
// When APPEALPACKET_REQUIRE_TOOLS is set (as in CI) a missing tool fails
// the test instead. Under -short it skips (testlevel.SkipExternalIfShort).
func Tool(t testing.TB, name string) string {
	t.Helper()
	testlevel.SkipExternalIfShort(t, name)
	p, err := exec.LookPath(name)
	if err != nil {
		if testlevel.ToolsRequired() {
			t.Fatalf("%s is required (APPEALPACKET_REQUIRE_TOOLS is set) but not installed", name)
		}
		t.Skipf("%s is not installed (apt-get install qpdf poppler-utils libreoffice-calc-nogui); skipping this independent check", name)
	}
	return p
}

// PageText returns the text of one page (page 0: every page, each ended
// by a form feed), extracted by poppler's pdftotext -layout. pdftotext
// runs once per file content: the pages of a file many tests read (the
// demo packet) are kept, split at the form feeds that end each page.
func PageText(pdftotext, path string, page int) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	key := fmt.Sprintf("%s\x00%x", pdftotext, sha256.Sum256(data))
	v, ok := extracted.Load(key)
	if !ok {
		out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
		if err != nil {
			return "", fmt.Errorf("pdftotext %s: %w", path, err)
		}
		pages := strings.Split(string(out), "\f")
		if n := len(pages); n > 0 && pages[n-1] == "" {
			pages = pages[:n-1] // after the last page's form feed
		}
		v, _ = extracted.LoadOrStore(key, pages)
	}
	pages := v.([]string)
	if page == 0 {
		return strings.Join(pages, "\f") + "\f", nil
	}
	if page < 1 || page > len(pages) {
		return "", fmt.Errorf("%s has %d pages: no page %d", path, len(pages), page)
	}
	return pages[page-1], nil
}

// extracted keeps the pages PageText extracted, by pdftotext and file
// content.
var extracted sync.Map

// Words is a word of pdftotext -bbox output: its text and box (points, y down).
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// PageWords returns the words of a page with their boxes.
func PageWords(pdftotext, path string, page int) ([]Word, error) {
	out, err := exec.Command(pdftotext, "-bbox", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), path, "-").Output()
	if err != nil {
		return nil, err
	}
	var words []Word
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "<word ") {
			continue
		}
		var w Word
		if _, err := fmt.Sscanf(line, `<word xMin="%f" yMin="%f" xMax="%f" yMax="%f">`, &w.XMin, &w.YMin, &w.XMax, &w.YMax); err != nil {
			continue
		}
		w.Text = line[strings.Index(line, ">")+1 : strings.LastIndex(line, "</word>")]
		words = append(words, w)
	}
	return words, nil
}

// PageDraws returns, for each page (index 0 is page 1), the names of the
// XObjects (pictures, imported pages) its content stream draws with the
// Do operator, in order. fpdf shares one resource dictionary between all
// pages, so the resources cannot tell which page shows a picture; the
// content can.
func PageDraws(path string) ([][]string, error) {
	disableConfigDir()
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		return nil, err
	}
	do := regexp.MustCompile(`/([^\s/\[\]()<>{}%]+)\s+Do\b`)
	out := make([][]string, ctx.PageCount)
	for i := 1; i <= ctx.PageCount; i++ {
		pd, _, _, err := ctx.PageDict(i, false)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		content, err := ctx.PageContent(pd, i)
		if err != nil && !errors.Is(err, model.ErrNoContent) {
			return nil, fmt.Errorf("page %d content: %w", i, err)
		}
		for _, m := range do.FindAllSubmatch(content, -1) {
			out[i-1] = append(out[i-1], string(m[1]))
		}
	}
	return out, nil
}
