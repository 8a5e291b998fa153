package pdfsrc

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// PageContentTo writes the content of page dict d (page pageNr), its
// streams decoded and joined, to w, one stream at a time: memory holds the
// streams as they are encoded, never the decoded content (a 4 MB page can
// inflate to 64 MB; see checkInflation). It returns model.ErrNoContent for
// a page without content. Like pdfcpu's own PageContent, it keeps what a
// damaged Flate stream yields before the damage.
func PageContentTo(xt *model.XRefTable, d types.Dict, pageNr int, w io.Writer) error {
	o, _ := d.Find("Contents")
	if o == nil {
		return model.ErrNoContent
	}
	o, err := xt.Dereference(o)
	if err != nil || o == nil {
		return err
	}
	var streams []types.StreamDict
	switch o := o.(type) {
	case types.StreamDict:
		streams = append(streams, o)
	case types.Array:
		for _, e := range o {
			if e == nil {
				continue
			}
			sd, _, err := xt.DereferenceStreamDict(e)
			if err != nil {
				return fmt.Errorf("page %d content decode: %w", pageNr, err)
			}
			if sd != nil {
				streams = append(streams, *sd)
			}
		}
	default:
		return errors.New("page content must be stream dict or array")
	}
	n := int64(0)
	cw := &countWriter{w: w, n: &n}
	for _, sd := range streams {
		if err := decodeStreamTo(xt, sd, pageNr, cw); err != nil {
			return err
		}
	}
	if n == 0 {
		return model.ErrNoContent
	}
	return nil
}

type countWriter struct {
	w io.Writer
	n *int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	*c.n += int64(len(p))
	return c.w.Write(p)
}

// decodeStreamTo writes one content stream, decoded, to w: Flate streams
// (without predictor) a few KB at a time, in two passes (the first only
// checks the stream, so that a damaged one is treated as pdfcpu treats it:
// left out, or kept up to an early end); others through pdfcpu's decoders.
func decodeStreamTo(xt *model.XRefTable, sd types.StreamDict, pageNr int, w io.Writer) error {
	if len(sd.FilterPipeline) == 0 {
		_, err := w.Write(sd.Raw)
		return err
	}
	if len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == filter.Flate && sd.FilterPipeline[0].DecodeParms == nil {
		inflate := func(w io.Writer) (int64, error) {
			z, err := zlib.NewReader(bytes.NewReader(sd.Raw))
			if err != nil {
				return 0, err
			}
			n, err := io.Copy(w, io.LimitReader(z, MaxStreamInflated+1))
			if err == io.ErrUnexpectedEOF {
				err = nil // a stream cut short: pdfcpu keeps what it has
			}
			return n, err
		}
		n, err := inflate(io.Discard)
		switch {
		case n > MaxStreamInflated:
			return fmt.Errorf("page %d: a content stream inflates past %d MB (a decompression bomb?): %w", pageNr, MaxStreamInflated>>20, ErrInvalidPDF)
		case err != nil && tolerated(xt, err):
			return nil // damaged: left out, as pdfcpu does
		case err != nil:
			return fmt.Errorf("page %d content decode: %w", pageNr, err)
		}
		ew := &errWriter{w: w}
		if _, err := inflate(ew); ew.err != nil {
			return ew.err
		} else if err != nil {
			return fmt.Errorf("page %d content decode: %w", pageNr, err)
		}
		return nil
	}
	if err := sd.Decode(); err != nil {
		if errors.Is(err, filter.ErrUnsupportedFilter) || !tolerated(xt, err) {
			return fmt.Errorf("page %d content decode: %w", pageNr, err)
		}
	}
	_, err := w.Write(sd.Content)
	return err
}

// errWriter keeps the first error of its writer, to tell it from the
// stream's.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// tolerated says whether pdfcpu's relaxed validation passes over a damaged
// stream (see model.XRefTable.PageContent).
func tolerated(xt *model.XRefTable, err error) bool {
	return xt.ValidationMode != model.ValidationStrict && (filter.IsCorruptFlateInput(err) || errors.Is(err, zlib.ErrChecksum))
}
