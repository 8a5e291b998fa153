// Package pdfimport puts real pages of a seller's PDF documents into an
// fpdf-made appeal packet, and attaches files to the finished packet.
//
// The packet renderer works in two passes. Before rendering it calls [pdfsrc.Open]
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
	"math"

	"appealpacket/packet/evidence"
	"appealpacket/packet/pdfsrc"
)

// Source is an opened source PDF (see package pdfsrc).
type Source = pdfsrc.Source

// SourceOf is the opened PDF behind an item's evidence.PDF, which package
// collect fills with a Source; nil for anything else (Stamp refuses a
// placement without a source).
func SourceOf(p evidence.PDF) *Source {
	s, _ := p.(*Source)
	return s
}

// A Source is what collect stores in evidence.Item.PDF.
var _ evidence.PDF = (*Source)(nil)

// Errors of sources, see package pdfsrc.
var (
	ErrPasswordRequired = pdfsrc.ErrPasswordRequired
	ErrInvalidPDF       = pdfsrc.ErrInvalidPDF
)

// newConfig and catch are pdfsrc's: one pdfcpu configuration for every
// stage.
var (
	newConfig = pdfsrc.Config
	catch     = pdfsrc.Catch
)

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
