package pdfsrc

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// maxPages bounds the page count accepted from a source: a certificate,
// letter or invoice has a few pages; each page costs a packet page, and a
// 5,000-page file minutes of work.
const maxPages = 300

// Open validates a source PDF held in memory, decrypting it when it has an
// empty user password (or the given password), and returns a handle with its
// page count and page boxes.
//
// A file that needs a user password (none or a wrong one given) returns an
// error wrapping [ErrPasswordRequired]. Owner restrictions (no copying, no
// changes) do not prevent opening: the seller includes their own document.
// A corrupt or truncated file returns an error wrapping [ErrInvalidPDF].
// Open never panics. data is kept (not copied) by the Source and must not be
// modified afterwards.
func Open(data []byte, password string) (s *Source, err error) {
	defer Catch(&err, "open source PDF")
	if err := checkInflation(data); err != nil {
		return nil, fmt.Errorf("open source PDF: %w", err)
	}
	ctx, err := Read(data, password)
	if err != nil {
		return nil, err
	}
	if ctx.PageCount > maxPages {
		return nil, fmt.Errorf("open source PDF: %d pages, more than the %d one piece of evidence may have (include the pages that matter): %w", ctx.PageCount, maxPages, ErrInvalidPDF)
	}

	s = &Source{data: data, password: password, pages: make([]PageInfo, ctx.PageCount), used: usedBytes(ctx)}
	for i := range s.pages {
		d, _, inh, err := ctx.PageDict(i+1, false)
		if err != nil {
			return nil, fmt.Errorf("open source PDF: page %d: %v: %w", i+1, err, ErrInvalidPDF)
		}
		box, err := VisibleBox(inh)
		if err != nil {
			return nil, fmt.Errorf("open source PDF: page %d: %v: %w", i+1, err, ErrInvalidPDF)
		}
		// Decode the content now, so that a broken stream is reported by
		// Open rather than by Stamp.
		if err := PageContentTo(ctx.XRefTable, d, i+1, io.Discard); err != nil && !errors.Is(err, model.ErrNoContent) {
			return nil, fmt.Errorf("open source PDF: page %d contents: %v: %w", i+1, err, ErrInvalidPDF)
		}
		s.pages[i] = PageInfo{Box: box, Rotate: NormRotate(inh.Rotate)}
	}
	return s, nil
}

// maxDepth bounds the nesting of objects followed while measuring.
const maxDepth = 200

// usedBytes sums the encoded length of every stream the pages draw (their
// contents and resources), each counted once: what importing the pages can
// add to a packet, however much else the file holds (old revisions, unused
// objects, embedded files).
func usedBytes(ctx *model.Context) int64 {
	seen := map[int]bool{}
	var total int64
	var walk func(o types.Object, depth int)
	walk = func(o types.Object, depth int) {
		if depth > maxDepth {
			return
		}
		switch v := o.(type) {
		case types.IndirectRef:
			n := v.ObjectNumber.Value()
			if seen[n] {
				return
			}
			seen[n] = true
			obj, err := ctx.Dereference(v)
			if err != nil || obj == nil {
				return
			}
			if d, ok := obj.(types.Dict); ok {
				if t := d.Type(); t != nil && (*t == "Page" || *t == "Pages" || *t == "Catalog") {
					return
				}
			}
			walk(obj, depth+1)
		case types.StreamDict:
			if v.StreamLength != nil {
				total += *v.StreamLength
			} else {
				total += int64(len(v.Raw))
			}
			walk(v.Dict, depth+1)
		case types.Dict:
			for _, e := range v {
				walk(e, depth+1)
			}
		case types.Array:
			for _, e := range v {
				walk(e, depth+1)
			}
		}
	}
	for i := 1; i <= ctx.PageCount; i++ {
		d, _, inh, err := ctx.PageDict(i, false)
		if err != nil {
			continue
		}
		walk(d["Contents"], 0)
		if inh != nil && inh.Resources != nil {
			walk(inh.Resources, 0)
		}
	}
	return total
}

// Read parses (and decrypts) a source PDF for stamping its pages, like
// Open; it is what Stamp works from.
func Read(data []byte, password string) (ctx *model.Context, err error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("open source PDF: empty input: %w", ErrInvalidPDF)
	}
	conf := Config()
	conf.UserPW = password
	conf.OwnerPW = password

	ctx, err = api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		if isPasswordError(err) {
			if password == "" {
				return nil, fmt.Errorf("open source PDF: %w (%v)", ErrPasswordRequired, err)
			}
			return nil, fmt.Errorf("open source PDF: wrong password: %w (%v)", ErrPasswordRequired, err)
		}
		return nil, fmt.Errorf("open source PDF: read: %v: %w", err, ErrInvalidPDF)
	}
	if ctx.XRefTable == nil {
		return nil, fmt.Errorf("open source PDF: no cross-reference table: %w", ErrInvalidPDF)
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, fmt.Errorf("open source PDF: validate: %v: %w", err, ErrInvalidPDF)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("open source PDF: page count: %v: %w", err, ErrInvalidPDF)
	}
	if ctx.PageCount < 1 {
		return nil, fmt.Errorf("open source PDF: no pages: %w", ErrInvalidPDF)
	}
	return ctx, nil
}

func isPasswordError(err error) bool {
	return errors.Is(err, pdfcpu.ErrWrongPassword) ||
		errors.Is(err, pdfcpu.ErrOwnerPasswordRequired)
}

// VisibleBox returns the crop box clipped to the media box, as a normalised
// rectangle with a positive area.
func VisibleBox(inh *model.InheritedPageAttrs) (types.Rectangle, error) {
	if inh == nil || inh.MediaBox == nil {
		return types.Rectangle{}, errors.New("page has no media box")
	}
	b := NormRect(*inh.MediaBox)
	if inh.CropBox != nil {
		c := NormRect(*inh.CropBox)
		c.LL.X, c.LL.Y = max(c.LL.X, b.LL.X), max(c.LL.Y, b.LL.Y)
		c.UR.X, c.UR.Y = min(c.UR.X, b.UR.X), min(c.UR.Y, b.UR.Y)
		if c.Width() > 0 && c.Height() > 0 {
			b = c
		}
	}
	if !(b.Width() > 0 && b.Height() > 0) || b.Width() > 1e6 || b.Height() > 1e6 {
		return types.Rectangle{}, fmt.Errorf("page box %v has no usable size", b)
	}
	return b, nil
}

// NormRect puts a rectangle's corners lower-left and upper-right.
func NormRect(r types.Rectangle) types.Rectangle {
	return types.Rectangle{
		LL: types.Point{X: min(r.LL.X, r.UR.X), Y: min(r.LL.Y, r.UR.Y)},
		UR: types.Point{X: max(r.LL.X, r.UR.X), Y: max(r.LL.Y, r.UR.Y)},
	}
}

// NormRotate maps any multiple of 90 to 0, 90, 180 or 270; other values are
// invalid and treated as 0, as viewers do.
func NormRotate(r int) int {
	if r%90 != 0 {
		return 0
	}
	r %= 360
	if r < 0 {
		r += 360
	}
	return r
}
