// Package raster draws the pages of a packet PDF as pictures (JPEG or PNG)
// for upload forms that take no PDF (profile channels such as Amazon's
// copyright-images).
//
// The pages are drawn by PDFium compiled to WebAssembly
// (github.com/klippa-app/go-pdfium, MIT; PDFium itself BSD-3-Clause), run
// by the pure-Go wazero runtime: no cgo, and it builds for Windows. The
// WebAssembly module is compiled to machine code once per Engine (several
// seconds): an Engine kept by a long-lived process (the web server, a
// batch, tests) compiles it once and reuses it for every call of Pages
// (NewEngine); an Engine on a folder (NewDiskEngine) keeps the compiled
// code between runs too. That folder holds machine code that is run: only
// a folder of the user's own that no one else can write is taken. PDFium
// sees only the PDF's bytes: no folder of the machine is mounted into it.
//
// Each page is drawn at Options.DPI (default 200) and encoded; a page over
// Options.MaxBytes is encoded again at a lower JPEG quality and then at a
// lower resolution, down to MinDPI, below which small print is no longer
// legible and the page is an error.
package raster

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"log/slog"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"

	"appealpacket/internal/jpegcodec"
)

// DefaultDPI is the resolution pages are drawn at first: an A4 page is
// 1654 × 2339 pixels, where the packet's smallest print (7 pt) is about
// 19 pixels high.
const DefaultDPI = 200

// MinDPI is the lowest resolution a page is drawn at to fit a size limit:
// 7 pt print is about 12 pixels high there, still legible.
const MinDPI = 120

// jpegQualities are tried in turn before the resolution is lowered.
func jpegQualities() []int { return []int{88, 80, 70, 60} }

// Options say how to draw.
type Options struct {
	Type     string // "jpg" or "png"
	MaxBytes int64  // each picture at most this many bytes; 0: not limited
	DPI      int    // first resolution tried; 0: DefaultDPI
	// Engine keeps PDFium's compiled code between calls; nil: compiled
	// anew for this call.
	Engine *Engine
	Logger *slog.Logger
}

// Page is one drawn page.
type Page struct {
	Data          []byte
	Width, Height int // pixels
	DPI           int
	Quality       int // JPEG quality; 0 for PNG
	// Took is the time drawing and encoding the page took (PDFium's
	// start not included).
	Took time.Duration
}

// TooLargeError says that a page could not be brought under the limit at
// a legible resolution.
type TooLargeError struct {
	Page     int // 1-based
	Size     int64
	DPI      int // the lowest resolution tried
	MaxBytes int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("page %d is %d bytes as a picture even at %d dpi, over the limit of %d bytes", e.Page, e.Size, e.DPI, e.MaxBytes)
}

// Pages draws every page of the PDF in data.
func Pages(ctx context.Context, data []byte, o Options) ([]Page, error) {
	if o.Type != "jpg" && o.Type != "png" {
		return nil, fmt.Errorf("raster: picture type %q: want jpg or png", o.Type)
	}
	if o.DPI <= 0 {
		o.DPI = DefaultDPI
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	eng := o.Engine
	if eng == nil {
		eng = NewEngine()
		defer eng.Close(ctx)
	}
	pool, err := eng.start(ctx)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("raster: start PDFium: %w", err)
	}
	defer inst.Close()
	log.Info("PDFium ready", "took", time.Since(start), "cache", eng.dir)
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, fmt.Errorf("raster: open the PDF: %w", err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("raster: count pages: %w", err)
	}
	pages := make([]Page, 0, count.PageCount)
	for i := range count.PageCount {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t := time.Now()
		p, err := page(inst, doc, i, o)
		if err != nil {
			return nil, err
		}
		p.Took = time.Since(t)
		log.Debug("page drawn", "page", i+1, "dpi", p.DPI, "quality", p.Quality, "bytes", len(p.Data), "took", time.Since(t))
		pages = append(pages, p)
	}
	return pages, nil
}

// page draws page i (0-based) within o.MaxBytes.
func page(inst pdfium.Pdfium, doc *responses.OpenDocument, i int, o Options) (Page, error) {
	var last int64
	floor := min(MinDPI, o.DPI)
	for dpi := o.DPI; dpi >= floor; dpi = max(dpi*4/5, floor-1) {
		r, err := inst.RenderPageInDPI(&requests.RenderPageInDPI{DPI: dpi,
			Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err != nil {
			return Page{}, fmt.Errorf("raster: draw page %d: %w", i+1, err)
		}
		img := r.Result.Image
		qualities := jpegQualities()
		if o.Type == "png" {
			qualities = []int{0}
		}
		for _, q := range qualities {
			data, err := encode(img, o.Type, q)
			if err != nil {
				r.Cleanup()
				return Page{}, fmt.Errorf("raster: encode page %d: %w", i+1, err)
			}
			last = int64(len(data))
			if o.MaxBytes <= 0 || last <= o.MaxBytes {
				b := img.Bounds()
				r.Cleanup()
				return Page{Data: data, Width: b.Dx(), Height: b.Dy(), DPI: dpi, Quality: q}, nil
			}
		}
		r.Cleanup()
	}
	return Page{}, &TooLargeError{Page: i + 1, Size: last, DPI: floor, MaxBytes: o.MaxBytes}
}

func encode(img image.Image, typ string, quality int) ([]byte, error) {
	var b bytes.Buffer
	var err error
	if typ == "png" {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img) // opaque pages are written as RGB
	} else {
		err = jpegcodec.Encode(&b, img, &jpegcodec.Options{Quality: quality})
	}
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
