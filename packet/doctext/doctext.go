// Package doctext gets the text of a paper the seller puts in a case: a
// trademark certificate, a letter of authorization, an invoice. A PDF with
// a text layer gives its text directly (package pdfsrc reads it); a scan (a
// JPEG, PNG, HEIC or WebP photo of the paper, or a PDF whose pages are
// images) is read by optical character recognition with Tesseract, an
// external command the user installs (Debian: tesseract-ocr
// tesseract-ocr-eng tesseract-ocr-chi-sim; Windows and macOS: the usual
// installers). Without it, scans have no text and say so.
//
// The text is for checking what case.yaml claims against what the paper
// says (package check); it is never shown as the paper's content.
package doctext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Source says where a text came from.
type Source string

const (
	// None: the paper gave no text (a scan without OCR, or nothing legible).
	None Source = ""
	// Layer: the PDF's own text layer.
	Layer Source = "text layer"
	// OCR: read from the paper's pictures by Tesseract.
	OCR Source = "OCR"
)

// Text is what was read of one paper.
type Text struct {
	Content string
	Source  Source
	// Scanned is true when the paper is pictures only (a scan or photo,
	// or a PDF whose first pages carry no text): the text, if any, is OCR.
	Scanned bool
	// Blank is true when the paper is a PDF of a few pages that paint
	// nothing at all (no text, picture or drawing): not a scan, an empty
	// page.
	Blank bool `json:",omitempty"`
	// Pages is the number of pages (or pictures) read.
	Pages int
}

// Limits of the OCR, stated in --help.
const (
	DefaultPageTimeout = 60 * time.Second
	DefaultMaxPages    = 5
	// OCRSide is the long side, in pixels, a picture is scaled down to
	// before OCR: an A4 page at 300 dpi.
	OCRSide = 3508
	// minLayerRunes: a PDF text layer with fewer letters and digits than
	// this is taken for a scan (a page number, a stamp's caption).
	minLayerRunes = 20
)

// Tesseract runs the tesseract command. The zero value is not usable: get
// one from Find.
type Tesseract struct {
	Command     string        // path of the tesseract executable
	Languages   string        // "eng+chi_sim", or what of it is installed
	PageTimeout time.Duration // per page; DefaultPageTimeout when zero
	MaxPages    int           // pages of a PDF read; DefaultMaxPages when zero
	chinese     bool          // the chi_sim model is installed
}

// ErrNoTesseract is returned by Find when the tesseract command is not
// installed.
var ErrNoTesseract = errors.New("tesseract is not installed")

// Find looks for the tesseract command on the PATH (or the one named by
// command, when not empty) and the English and Simplified Chinese models it
// has. At least one of them must be installed.
func Find(ctx context.Context, command string) (*Tesseract, error) {
	if command == "" {
		command = "tesseract"
	}
	path, err := exec.LookPath(command)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoTesseract, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s --list-langs: %w", path, err)
	}
	have := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		have[l] = true
	}
	// Chinese first: Tesseract prefers its first language where a line
	// mixes scripts, and eng first reads Latin-looking Chinese characters
	// as Latin letters.
	var langs []string
	for _, l := range []string{"chi_sim", "eng"} {
		if have[l] {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		return nil, fmt.Errorf("%w: %s has neither the English (eng) nor the Simplified Chinese (chi_sim) model", ErrNoTesseract, path)
	}
	return &Tesseract{Command: path, Languages: strings.Join(langs, "+"), chinese: have["chi_sim"]}, nil
}

// Select finds Tesseract as a user asks for it (the --ocr flag): "" or
// "auto" when it is installed (nil, no error, when it is not), "off" never,
// else the path of the tesseract command, an error when it cannot run.
func Select(ctx context.Context, how string) (*Tesseract, error) {
	switch how {
	case "off":
		return nil, nil
	case "", "auto":
		t, err := Find(ctx, "")
		if err != nil {
			return nil, nil
		}
		return t, nil
	}
	t, err := Find(ctx, how)
	if err != nil {
		return nil, fmt.Errorf("OCR (--ocr %s): %w", how, err)
	}
	return t, nil
}

// Params names what changes the OCR's result, for a cache key.
func (t *Tesseract) Params() string {
	if t == nil {
		return "ocr=none"
	}
	return fmt.Sprintf("ocr=%s side=%d pages=%d", t.Languages, OCRSide, t.maxPages())
}

func (t *Tesseract) maxPages() int {
	if t.MaxPages > 0 {
		return t.MaxPages
	}
	return DefaultMaxPages
}

// Image reads the text of a picture. It writes the picture, scaled down to
// OCRSide and in grey, to a temporary PNG file and runs tesseract on it,
// stopping it after the page timeout. A page with Chinese on it is read a
// second time with the Chinese model alone, which reads some names the
// mixed models take for Latin letters ("巴泰电子" as "BRST"); the text is
// then both readings, one after the other.
func (t *Tesseract) Image(ctx context.Context, img image.Image) (string, error) {
	dir, err := os.MkdirTemp("", "appealpacket-ocr-")
	if err != nil {
		return "", fmt.Errorf("OCR: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "page.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, grey(img, OCRSide)); err != nil {
		return "", fmt.Errorf("OCR: %w", err)
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		return "", fmt.Errorf("OCR: %w", err)
	}
	text, err := t.run(ctx, in, t.Languages)
	if err != nil || !t.chinese || t.Languages == "chi_sim" || hanCount(text) < 4 {
		return text, err
	}
	zh, err := t.run(ctx, in, "chi_sim")
	if err != nil {
		return text, err
	}
	return text + "\n" + zh, nil
}

// run runs tesseract on one picture file with the given models.
func (t *Tesseract) run(ctx context.Context, in, langs string) (string, error) {
	timeout := t.PageTimeout
	if timeout <= 0 {
		timeout = DefaultPageTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, t.Command, in, "stdout", "-l", langs, "--psm", "3")
	// One thread per page: the build reads several files at once.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() == context.DeadlineExceeded {
		return "", fmt.Errorf("OCR: tesseract took more than %s on one page", timeout)
	}
	if err != nil {
		return "", fmt.Errorf("OCR: tesseract: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return Clean(string(out)), nil
}

// Document is an opened PDF (package pdfsrc's Source): its text layer,
// its pages and the pictures on them.
type Document interface {
	TextLayer(ctx context.Context) (string, error)
	PageCount() int
	// PageImages are the pictures drawn on 1-based page i.
	PageImages(ctx context.Context, i int) ([]image.Image, error)
	// Blank reports a PDF whose pages paint nothing.
	Blank(ctx context.Context) (bool, error)
}

// PDF returns the text of a PDF: its text layer, or, when its first pages
// carry none, the OCR of the pictures on them (t may be nil: then a
// scanned PDF gives no text).
func PDF(ctx context.Context, src Document, t *Tesseract) (Text, error) {
	layer, err := src.TextLayer(ctx)
	if err != nil {
		return Text{}, err
	}
	if legible(layer) >= minLayerRunes {
		return Text{Content: Clean(layer), Source: Layer, Pages: min(src.PageCount(), 3)}, nil
	}
	if blank, err := src.Blank(ctx); err == nil && blank {
		return Text{Blank: true, Pages: src.PageCount()}, nil
	}
	res := Text{Scanned: true}
	if t == nil {
		return res, nil
	}
	var parts []string
	for page := 1; page <= min(src.PageCount(), t.maxPages()); page++ {
		imgs, err := src.PageImages(ctx, page)
		if err != nil {
			return res, err
		}
		for _, img := range imgs {
			s, err := t.Image(ctx, img)
			if err != nil {
				return res, fmt.Errorf("page %d: %w", page, err)
			}
			parts = append(parts, s)
		}
		res.Pages++
	}
	res.Content = strings.Join(parts, "\n")
	if legible(res.Content) > 0 {
		res.Source = OCR
	}
	return res, nil
}

// Picture returns the OCR of a scan or photo of a paper (t may be nil: then
// it has no text).
func Picture(ctx context.Context, img image.Image, t *Tesseract) (Text, error) {
	res := Text{Scanned: true, Pages: 1}
	if t == nil {
		return res, nil
	}
	s, err := t.Image(ctx, img)
	if err != nil {
		return res, err
	}
	res.Content = s
	if legible(s) > 0 {
		res.Source = OCR
	}
	return res, nil
}

// legible counts the letters and digits of s.
func legible(s string) int {
	n := 0
	for _, r := range s {
		if isWordRune(r) {
			n++
		}
	}
	return n
}

// Clean trims each line of s, drops empty lines and replaces control
// characters by spaces.
func Clean(s string) string {
	var lines []string
	for l := range strings.SplitSeq(s, "\n") {
		l = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || r == 0xfeff {
				return ' '
			}
			return r
		}, l)
		if l = squeezeCJK(strings.Join(strings.Fields(l), " ")); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
