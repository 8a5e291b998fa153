package pdfsrc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Limits on the text extracted from one PDF, enough for cue words.
const (
	textPages      = 3        // pages read
	textLimit      = 64 << 10 // bytes of text kept
	maxStreamBytes = 4 << 20  // decoded bytes of one stream (page content, form, CMap)
	maxForms       = 32       // form XObjects read, all pages together
	maxFonts       = 128      // fonts read, all pages together
	maxFormDepth   = 4        // form XObjects inside form XObjects
	textTimeout    = 20 * time.Second
)

// TextLayer is Text of the source's bytes (read again when they were
// released).
func (s *Source) TextLayer(ctx context.Context) (string, error) {
	data, err := s.Data()
	if err != nil {
		return "", err
	}
	return Text(ctx, data)
}

// Text returns the text layer of the first pages of a PDF held in
// memory, as far as it can be read for cue words: the strings shown by the
// pages' content streams (and the form XObjects they draw), mapped to
// Unicode through each font's ToUnicode CMap, else read as Latin-1 (simple
// fonts) or UTF-16 (fonts with a predefined UCS-2/UTF-16 CMap). A PDF
// encrypted with an empty user password is decrypted. It returns "" and no
// error for a PDF without text (a scan). It never panics, reads at most
// textPages pages and returns at most textLimit bytes; it gives up after a
// timeout or when ctx ends.
func Text(ctx context.Context, data []byte) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, textTimeout)
	defer cancel()
	type result struct {
		text string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		t, err := pdfText(data)
		done <- result{t, err}
	}()
	select {
	case r := <-done:
		return r.text, r.err
	case <-ctx.Done():
		// The goroutine finishes on its own (every loop is bounded); its
		// result is dropped.
		return "", fmt.Errorf("reading the text took too long: %w", ctx.Err())
	}
}

func pdfText(data []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("internal error in PDF library: %v", r)
		}
	}()
	if len(data) == 0 {
		return "", errors.New("empty file")
	}
	ctx, err := api.ReadContext(bytes.NewReader(data), Config())
	if err != nil {
		return "", fmt.Errorf("not a readable PDF: %v", err)
	}
	if ctx.XRefTable == nil {
		return "", errors.New("not a readable PDF: no cross-reference table")
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return "", fmt.Errorf("not a readable PDF: %v", err)
	}
	x := &extractor{xt: ctx.XRefTable, sink: &textSink{limit: textLimit}, fonts: map[string]*font{}}
	for p := 1; p <= min(ctx.PageCount, textPages) && !x.sink.full(); p++ {
		d, _, inh, err := ctx.PageDict(p, false)
		if err != nil || d == nil {
			continue
		}
		var res types.Dict
		if inh != nil {
			res = inh.Resources
		}
		if r := x.dict(d["Resources"]); r != nil {
			res = r
		}
		content := x.contents(d["Contents"])
		x.show(content, res, 0)
		x.sink.newline()
	}
	return strings.ToValidUTF8(string(x.sink.out), ""), nil
}

// extractor walks the pages of one PDF.
type extractor struct {
	xt    *model.XRefTable
	sink  *textSink
	fonts map[string]*font // by font object number, or by name for direct fonts
	forms int
}

func (x *extractor) dict(o types.Object) types.Dict {
	if o == nil {
		return nil
	}
	d, err := x.xt.DereferenceDict(o)
	if err != nil {
		return nil
	}
	return d
}

// stream returns the decoded bytes and dictionary of a stream object.
func (x *extractor) stream(o types.Object) ([]byte, types.Dict) {
	if o == nil {
		return nil, nil
	}
	sd, _, err := x.xt.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		return nil, nil
	}
	if err := sd.DecodeWithLimit(maxStreamBytes); err != nil {
		return nil, nil
	}
	if len(sd.Content) > maxStreamBytes {
		return sd.Content[:maxStreamBytes], sd.Dict
	}
	return sd.Content, sd.Dict
}

// contents returns a page's content: one stream or an array of streams.
func (x *extractor) contents(o types.Object) []byte {
	o, err := x.xt.Dereference(o)
	if err != nil || o == nil {
		return nil
	}
	switch o := o.(type) {
	case types.Array:
		var out []byte
		for i, s := range o {
			if i >= 256 || len(out) > maxStreamBytes {
				break
			}
			b, _ := x.stream(s)
			out = append(out, b...)
			out = append(out, '\n')
		}
		return out
	case types.StreamDict:
		b, _ := x.stream(o)
		return b
	}
	return nil
}

// show extracts the text of content drawn with resources res.
func (x *extractor) show(content []byte, res types.Dict, depth int) {
	fontDict := x.dict(res["Font"])
	xobjects := x.dict(res["XObject"])
	fonts := func(name string) *font {
		if fontDict == nil {
			return nil
		}
		return x.font(fontDict[name], name)
	}
	form := func(name string) {
		if depth >= maxFormDepth || xobjects == nil || x.forms >= maxForms || x.sink.full() {
			return
		}
		b, d := x.stream(xobjects[name])
		if d == nil || d.Subtype() == nil || *d.Subtype() != "Form" {
			return
		}
		x.forms++
		formRes := x.dict(d["Resources"])
		if formRes == nil {
			formRes = res
		}
		x.show(b, formRes, depth+1)
	}
	showText(content, fonts, form, x.sink)
}

// font returns how the strings of a font decode, caching by object.
func (x *extractor) font(o types.Object, name string) *font {
	key := "/" + name
	if ir, ok := o.(types.IndirectRef); ok {
		key = ir.String()
	}
	if f, ok := x.fonts[key]; ok {
		return f
	}
	if len(x.fonts) >= maxFonts {
		return nil
	}
	f := &font{}
	x.fonts[key] = f
	d := x.dict(o)
	if d == nil {
		return f
	}
	if st := d.Subtype(); st != nil && *st == "Type0" {
		f.wide = true
		if enc, ok := d["Encoding"].(types.Name); ok {
			e := string(enc)
			f.utf16 = strings.Contains(e, "UCS2") || strings.Contains(e, "UTF16")
		}
	}
	if enc := x.dict(d["Encoding"]); enc != nil && !f.wide {
		if arr, err := x.xt.DereferenceArray(enc["Differences"]); err == nil && len(arr) <= 1024 {
			items := make([]any, 0, len(arr))
			for _, it := range arr {
				switch v := it.(type) {
				case types.Integer:
					items = append(items, int(v))
				case types.Name:
					items = append(items, string(v))
				}
			}
			f.diffs = differences(items)
		}
	}
	if b, _ := x.stream(d["ToUnicode"]); len(b) > 0 {
		f.toUnicode = parseCMap(b)
		f.utf16 = false
	}
	return f
}
