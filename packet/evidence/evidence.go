// Package evidence holds what a build knows about each file of a case: an
// Item per file (its size and SHA-256, and for pictures their metadata,
// originality, fingerprint and the copy drawn on the exhibit page; for
// papers their PDF, text and signatures). Package collect reads the files
// and fills the items; every later stage reads them. This package only
// declares the values, so that a stage that reads items need not link the
// decoders that fill them.
package evidence

import (
	"errors"

	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence/c2pa"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
)

// Role says why the manifest names a file.
type Role int

const (
	ListingImage Role = iota
	Photo
	TrademarkFile
	AuthorizationFile
	Document
)

func (r Role) String() string {
	return [...]string{"listing picture", "photo", "trademark certificate", "authorization document", "document"}[r]
}

// Item is everything collected about one file.
type Item struct {
	Path   manifest.Path
	Role   Role
	Format string // "JPEG", "PNG", "WEBP", "HEIC", "TIFF", "PDF" or "" when not recognised
	Size   int64
	SHA256 string // hex

	Meta *exif.Meta // pictures only; nil when no metadata could be read
	// Originality says whether a picture's pixels are the ones its camera
	// wrote (size, embedded thumbnail, encoder, editors); nil for files
	// that are not pictures.
	Originality *Originality
	// Dates lists every date a picture carries (EXIF, GPS, XMP, its
	// thumbnail's EXIF), for the date checks. Dates read elsewhere (a
	// maker note's own capture date) belong here too, as a Stamp of kind
	// exif.Captured or exif.Digitized: package check compares every one
	// with the capture date.
	Dates []exif.Stamp
	// Fingerprint of the upright picture, to match listing pictures with
	// originals (zero when the picture could not be decoded).
	Fingerprint match.Fingerprint
	Display     *Display // pictures that can be drawn
	// C2PA is what the picture's Content Credentials say, validated (see
	// package c2pa); nil when it carries none.
	C2PA *c2pa.Report
	PDF  PDF // PDF documents that could be opened
	// Text is the text of a paper (certificate, letter, document): its
	// PDF text layer or, for a scan, its OCR; nil for photos and listing
	// pictures, and for papers that could not be opened.
	Text *doctext.Text
	// Signatures are the digital signatures of a PDF paper.
	Signatures []PaperSignature
	Pages      int // pages the file takes in the packet (1 for a picture)

	// Err is set when the file could not be read or understood; the rest of
	// the item is then partial.
	Err error
	// Notes are non-fatal problems met while collecting (damaged metadata,
	// a picture that cannot be previewed).
	Notes []string
}

// Display is the picture drawn on an exhibit page.
type Display struct {
	// File is the JPEG drawn: the original (when Original), or a copy
	// written by collect.Encoder.Encode; "" until then.
	File          string
	Width, Height int  // pixel size as stored (not turned by Orientation)
	Orientation   int  // EXIF orientation to apply when drawing (1-8)
	Original      bool // File is the original, embedded byte for byte
	// Master is the picture at display size, uncompressed, that collect
	// kept in its work folder (collect.Options.Masters); "" when none.
	// The cache does not store it: it names a file of one build.
	Master string `json:"-"`
	// From is the display a copy was made from (the picture at display
	// size, as collected); nil for that one. A copy at another level is
	// made from it, never from a smaller copy.
	From *Display `json:"-"`
}

// Source is the display a copy is made from: From for a copy, else d.
func (d *Display) Source() *Display {
	if d.From != nil {
		return d.From
	}
	return d
}

// PDF is an opened PDF document, as the stages that read items see it.
// Package collect fills Item.PDF with a *pdfsrc.Source (never a nil one),
// which rendering (package render/pdfimport) stamps into the packet; this
// interface keeps the PDF library out of this package and out of every
// stage that only reads items.
type PDF interface {
	PageCount() int
	// PageSize is the size in points of 1-based page i as displayed.
	PageSize(i int) (wPt, hPt float64)
	// UsedBytes is about what importing every page adds to a packet.
	UsedBytes() int64
}

// ErrChanged is wrapped by the error of a file read again during a build
// (to draw it) that is no longer the file that was checked.
var ErrChanged = errors.New("changed while the packet was being built")

// ErrWrongType is wrapped by an item's error when the file is not of a
// type its role takes: a PDF among the photos, a word-processor file as a
// certificate.
var ErrWrongType = errors.New("not a type the packet can show here")

// ErrTooLarge is wrapped by the error of a file over its size bound: it
// was hashed, not read.
var ErrTooLarge = errors.New("too large to read")
