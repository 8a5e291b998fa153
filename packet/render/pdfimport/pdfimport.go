// Package pdfimport puts real pages of a seller's PDF documents into an
// fpdf-made appeal packet, and attaches files to the finished packet.
//
// The packet renderer works in two passes. Before rendering it calls [Open]
// on every source PDF (certificates, authorization letters, invoices) to learn
// its page count and page sizes, so that it can number every page of the
// packet in advance. It then lets fpdf write the packet with one empty
// placeholder page (header and footer stamps, an empty content box) per
// imported source page. Finally [Stamp] copies the packet and draws each
// source page, as a Form XObject, scaled and centred into its box. Page
// objects of the packet are kept, so fpdf's internal links and outline
// (bookmarks) still land on the same pages. [Attach] adds embedded files
// (a machine-readable manifest, original photos) the same way, and
// [Attachments] reads them back.
//
// Source pages are imported as they print: the page contents, the crop box,
// the /Rotate of the page, and the normal appearances of its printable
// annotations (form field values, signature appearances, stamps), which are
// flattened into the page. Interactive parts (form fields, links,
// JavaScript) and digital signatures are not imported: a signature cannot
// survive being re-laid out, so callers should keep the original's hash (and
// attach the original where size allows).
//
// All inputs are held in memory and all outputs go to an io.Writer; nothing
// is written to disk. Output is deterministic: the same inputs give
// byte-identical output (pdfcpu's write time stamps and file ID are replaced,
// see [Stamp]).
//
// The package is built on github.com/pdfcpu/pdfcpu for parsing, decryption
// and writing. A panic inside the library is recovered at the package
// boundary and returned as an error.
package pdfimport

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// ErrPasswordRequired is wrapped by the error of [Open] when a source PDF
// cannot be opened without a user (document open) password, or when the
// given password is wrong.
var ErrPasswordRequired = errors.New("PDF needs a password to open")

// ErrInvalidPDF is wrapped by errors about input that is not a usable PDF
// (corrupt, truncated, no pages).
var ErrInvalidPDF = errors.New("not a usable PDF")

// Rect is a rectangle in PDF points (1/72 inch) in the default user space of
// a page: X, Y is the lower-left corner measured from the bottom-left of the
// page (for fpdf pages, whose MediaBox is [0 0 w h]), W and H are width and
// height. Use [RectFromTop] to convert top-left based fpdf coordinates.
type Rect struct {
	X, Y, W, H float64
}

// RectFromTop returns the Rect of a box given like fpdf does, from the
// top-left corner of a page pageHeight points high: left and top are the
// distances of the box's top-left corner from the page's left and top edges.
// All values are in points; for fpdf's default unit multiply millimetres by
// 72/25.4.
func RectFromTop(pageHeight, left, top, w, h float64) Rect {
	return Rect{X: left, Y: pageHeight - top - h, W: w, H: h}
}

func (r Rect) valid() bool {
	for _, v := range []float64{r.X, r.Y, r.W, r.H} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return r.W > 0 && r.H > 0
}

// pageInfo is what a Source knows about one of its pages.
type pageInfo struct {
	box    types.Rectangle // visible area: CropBox clipped to MediaBox
	rotate int             // /Rotate normalised to 0, 90, 180 or 270
}

// Source is an opened source PDF. It is immutable and safe for concurrent
// use; it keeps the input bytes (and password), which [Stamp] parses again.
type Source struct {
	data     []byte
	password string
	pages    []pageInfo
	used     int64
}

// UsedBytes is the encoded size of what the pages draw (contents, fonts,
// images), each object counted once: about what importing every page adds
// to a packet. Objects the pages do not use are not counted.
func (s *Source) UsedBytes() int64 { return s.used }

// PageCount returns the number of pages of the source.
func (s *Source) PageCount() int { return len(s.pages) }

// PageSize returns the size in points of 1-based page i as displayed, that is
// of its crop box after /Rotate (width and height swap for 90 and 270
// degrees). It returns 0, 0 for a page number out of range.
func (s *Source) PageSize(i int) (wPt, hPt float64) {
	if i < 1 || i > len(s.pages) {
		return 0, 0
	}
	p := s.pages[i-1]
	w, h := p.box.Width(), p.box.Height()
	if p.rotate == 90 || p.rotate == 270 {
		return h, w
	}
	return w, h
}

// configOnce turns off pdfcpu's configuration directory before first use.
// Without it pdfcpu creates ~/.config/pdfcpu (config.yml and a font folder)
// on the first call; this package needs neither (it draws no text with
// pdfcpu's fonts) and must not write to the user's home. model.ConfigPath is
// a pdfcpu package variable, so this is process wide; it is set once, through
// pdfcpu's own mutex-guarded api.DisableConfigDir.
var configOnce sync.Once

// newConfig returns a pdfcpu configuration with every setting this package
// relies on spelt out, so that a config.yml loaded by some other user of
// pdfcpu in the same process cannot change the behaviour.
func newConfig() *model.Configuration {
	configOnce.Do(api.DisableConfigDir)
	c := model.NewDefaultConfiguration()
	c.CheckFileNameExt = false
	c.Reader15 = true
	c.DecodeAllStreams = false
	c.ValidationMode = model.ValidationRelaxed
	c.PostProcessValidate = false
	c.ValidateLinks = false
	c.Eol = types.EolLF
	c.WriteObjectStream = false
	c.WriteXRefStream = false
	c.StatsFileName = ""
	c.UserPW, c.OwnerPW = "", ""
	c.UserPWNew, c.OwnerPWNew = nil, nil
	c.Cmd = model.VALIDATE
	c.Optimize = false // its duplicate merging keeps a map-order-dependent survivor
	c.OptimizeBeforeWriting = false
	c.OptimizeResourceDicts = false
	c.OptimizeDuplicateContentStreams = false
	c.Offline = true
	return c
}

// catch turns a panic into an error naming what failed, wrapping
// ErrInvalidPDF: pdfcpu panics (nil pointers, slice bounds) on some corrupt
// input instead of returning an error. Use as defer catch(&err, "what").
func catch(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: internal error in PDF library: %v: %w", what, r, ErrInvalidPDF)
	}
}
