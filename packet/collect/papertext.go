package collect

import (
	"fmt"

	"appealpacket/packet/cache"
	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence"
	"appealpacket/packet/pdfsrc"
)

// A pdfsrc.Source is what doctext.PDF reads a PDF paper's text from.
var _ doctext.Document = (*pdfsrc.Source)(nil)

// readPaperText reads the text of a paper (a certificate, a letter, a
// document; src is the PDF opened, else nil): a PDF's text layer, else
// the OCR of its pictures when
// opts.OCR is set. The result is cached by content, as OCR takes seconds a
// page. A failure is a note, never the item's error: the paper can still
// go in the packet.
func readPaperText(it *evidence.Item, src *pdfsrc.Source, data []byte, opts *Options) {
	ctx := opts.context()
	key := cache.Key(it.SHA256, "doctext", "v3", opts.OCR.Params())
	if opts.Cache != nil {
		var t doctext.Text
		if _, ok := opts.Cache.Get(key, &t); ok {
			it.Text = &t
			return
		}
	}
	var (
		t   doctext.Text
		err error
	)
	switch {
	case src != nil:
		t, err = doctext.PDF(ctx, src, opts.OCR)
	case it.Display != nil:
		if opts.OCR == nil {
			t = doctext.Text{Scanned: true, Pages: 1}
			break
		}
		o := *opts
		o.DisplaySide = doctext.OCRSide
		img, derr := decodeScaled(it.Format, data, &o)
		if derr != nil {
			err = derr
			break
		}
		t, err = doctext.Picture(ctx, Upright(img, it.Display.Orientation), opts.OCR)
	default:
		return
	}
	if err != nil {
		it.Notes = append(it.Notes, fmt.Sprintf("its text could not be read: %v", err))
		if ctx.Err() != nil {
			return
		}
	}
	it.Text = &t
	if opts.Cache != nil && err == nil {
		if perr := opts.Cache.Put(key, t, nil); perr != nil {
			opts.Logger.Debug("cache", "file", it.Path.Rel, "err", perr)
		}
	}
}
