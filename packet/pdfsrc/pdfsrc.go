// Package pdfsrc reads the seller's PDF evidence (certificates, letters,
// invoices) for every stage that needs it: it opens a PDF held in memory
// (decrypting it with an empty or given user password), tells its pages'
// sizes and the bytes they use, and extracts the text of its first pages.
// It owns the one pdfcpu configuration the project uses; rendering (package
// render/pdfimport) stamps the pages it opened into the packet.
//
// A panic inside the PDF library is recovered at the package boundary and
// returned as an error wrapping ErrInvalidPDF.
package pdfsrc

import (
	"errors"
	"fmt"
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

// PageInfo is what a Source knows about one of its pages.
type PageInfo struct {
	Box    types.Rectangle // visible area: CropBox clipped to MediaBox
	Rotate int             // /Rotate normalised to 0, 90, 180 or 270
}

// Source is an opened source PDF. It is safe for concurrent use; it keeps
// the input bytes (and password), which [Stamp] parses again, until
// [Source.Release] lets them go, to be read again when needed.
type Source struct {
	mu       sync.Mutex
	data     []byte
	reload   func() ([]byte, error)
	password string
	pages    []PageInfo
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
	w, h := p.Box.Width(), p.Box.Height()
	if p.Rotate == 90 || p.Rotate == 270 {
		return h, w
	}
	return w, h
}

// Bytes returns the PDF as given to Open (not a copy: do not modify it), or
// nil when it was released and cannot be read again; Data says why.
func (s *Source) Bytes() []byte {
	b, _ := s.Data()
	return b
}

// Data returns the PDF as given to Open (not a copy: do not modify it),
// read again when it was released.
func (s *Source) Data() ([]byte, error) {
	s.mu.Lock()
	data, reload := s.data, s.reload
	s.mu.Unlock()
	if data != nil {
		return data, nil
	}
	if reload == nil {
		return nil, fmt.Errorf("source PDF released: %w", ErrInvalidPDF)
	}
	return reload()
}

// Release lets the bytes of the PDF go, so that a build does not hold every
// evidence PDF at once; reload reads them again when they are needed (and
// must fail if they are not the same bytes).
func (s *Source) Release(reload func() ([]byte, error)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data, s.reload = nil, reload
}

// Password returns the password the PDF was opened with.
func (s *Source) Password() string { return s.password }

// Page returns what is known of 1-based page i: its visible box and its
// rotation. i must be in range.
func (s *Source) Page(i int) PageInfo { return s.pages[i-1] }

// configOnce turns off pdfcpu's configuration directory before first use.
// Without it pdfcpu creates ~/.config/pdfcpu (config.yml and a font folder)
// on the first call; this package needs neither (it draws no text with
// pdfcpu's fonts) and must not write to the user's home. model.ConfigPath is
// a pdfcpu package variable, so this is process wide; it is set once, through
// pdfcpu's own mutex-guarded api.DisableConfigDir.
var configOnce sync.Once

// Config returns the pdfcpu configuration appealpacket reads and writes
// PDFs with (source evidence and packets): a configuration with every setting this package
// relies on spelt out, so that a config.yml loaded by some other user of
// pdfcpu in the same process cannot change the behaviour.
func Config() *model.Configuration {
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

// Catch turns a panic into an error naming what failed, wrapping
// ErrInvalidPDF: pdfcpu panics (nil pointers, slice bounds) on some corrupt
// input instead of returning an error. Use as defer Catch(&err, "what").
func Catch(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: internal error in PDF library: %v: %w", what, r, ErrInvalidPDF)
	}
}
