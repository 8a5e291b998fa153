package pdfimport

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// File is a file embedded in a PDF (a file attachment in the document's
// EmbeddedFiles name tree).
type File struct {
	// Name is the file name shown by viewers and the key in the name tree;
	// it must be unique within a PDF.
	Name        string
	Data        []byte
	Description string
	// ModTime is stored as the embedded file's /ModDate. A zero ModTime
	// is stored as 1970-01-01T00:00:00Z so that output stays deterministic.
	ModTime time.Time
	// Uncompressed stores Data as it is instead of Flate-compressed: for
	// data that does not compress (JPEG, HEIC) and for data that must be
	// findable in the written file (a manifest sealed with its own hash).
	Uncompressed bool
}

// Attach copies pdf to w adding files as embedded files (attachments in the
// document's EmbeddedFiles name tree), in the order given, e.g. a
// machine-readable "appealpacket-manifest.json" and original photos. Page
// objects are kept, so links and the outline keep landing right. Output is
// deterministic as described for [Stamp]. Nothing is written to w when
// Attach fails. Attach never panics.
func Attach(pdf io.ReadSeeker, w io.Writer, files []File) (err error) {
	defer catch(&err, "attach files")
	if pdf == nil || w == nil {
		return errors.New("attach files: missing PDF reader or output writer")
	}
	if err := checkNames(files); err != nil {
		return err
	}
	ctx, dates, err := readPacket(pdf)
	if err != nil {
		return fmt.Errorf("attach files: %w", err)
	}
	if err := attachInto(ctx, files); err != nil {
		return err
	}
	out, err := writeDeterministic(ctx, dates)
	if err != nil {
		return fmt.Errorf("attach files: %w", err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("attach files: write output: %w", err)
	}
	return nil
}

// checkNames refuses empty, odd or duplicate attachment names.
func checkNames(files []File) error {
	seen := map[string]bool{}
	for i, f := range files {
		switch {
		case f.Name == "" || strings.TrimSpace(f.Name) != f.Name:
			return fmt.Errorf("attach files: file %d: name %q is empty or has surrounding spaces", i+1, f.Name)
		case !utf8.ValidString(f.Name) || strings.ContainsAny(f.Name, "\x00/\\"):
			return fmt.Errorf("attach files: file %d: name %q is not a plain UTF-8 file name", i+1, f.Name)
		case seen[f.Name]:
			return fmt.Errorf("attach files: file %d: duplicate name %q", i+1, f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

// attachInto embeds files in ctx, refusing names already attached.
func attachInto(ctx *model.Context, files []File) error {
	if len(files) == 0 {
		return nil
	}
	existing, err := ctx.ListAttachments()
	if err != nil {
		return fmt.Errorf("attach files: list existing attachments: %w", err)
	}
	for _, f := range files {
		for _, a := range existing {
			if f.Name == a.ID || f.Name == a.FileName || f.Name == decodeKey(a.ID) {
				return fmt.Errorf("attach files: %q is already attached", a.FileName)
			}
		}
	}
	for _, f := range files {
		if err := addAttachment(ctx, f); err != nil {
			return fmt.Errorf("attach files: %s: %w", f.Name, err)
		}
	}
	return nil
}

// Attachments returns the embedded files of pdf (name-tree order, which is
// sorted by name), with their data. A PDF without attachments gives an empty
// slice. Attachments never panics.
func Attachments(pdf io.ReadSeeker) (files []File, err error) {
	defer catch(&err, "read attachments")
	if pdf == nil {
		return nil, errors.New("read attachments: missing PDF reader")
	}
	if _, err := pdf.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read attachments: %w", err)
	}
	conf := newConfig()
	conf.Cmd = model.EXTRACTATTACHMENTS
	ctx, err := api.ReadAndValidate(pdf, conf)
	if err != nil {
		return nil, fmt.Errorf("read attachments: read PDF: %v: %w", err, ErrInvalidPDF)
	}
	stubs, err := ctx.ListAttachments()
	if err != nil {
		return nil, fmt.Errorf("read attachments: %w", err)
	}
	if len(stubs) == 0 {
		return []File{}, nil
	}
	aa, err := ctx.ExtractAttachments(nil)
	if err != nil {
		return nil, fmt.Errorf("read attachments: %w", err)
	}
	files = make([]File, 0, len(aa))
	for _, a := range aa {
		data, err := io.ReadAll(a.Reader)
		if err != nil {
			return nil, fmt.Errorf("read attachments: %s: %w", a.ID, err)
		}
		f := File{Name: a.FileName, Data: data, Description: a.Desc}
		if f.Name == "" {
			f.Name = a.ID
		}
		if a.ModTime != nil {
			f.ModTime = *a.ModTime
		}
		files = append(files, f)
	}
	return files, nil
}

// addAttachment embeds f. It does what pdfcpu's Context.AddAttachment does,
// except that a non-ASCII name becomes a UTF-16BE name-tree key (which
// viewers and qpdf show correctly) instead of raw UTF-8 bytes.
func addAttachment(ctx *model.Context, f File) error {
	mt := f.ModTime
	if mt.IsZero() {
		mt = time.Unix(0, 0).UTC()
	}
	xt := ctx.XRefTable
	if err := xt.LocateNameTree("EmbeddedFiles", true); err != nil {
		return fmt.Errorf("EmbeddedFiles name tree: %w", err)
	}
	var sd *types.IndirectRef
	var err error
	if f.Uncompressed {
		sd, err = rawEmbeddedStream(xt, f.Data, mt)
	} else {
		sd, err = xt.NewEmbeddedStreamDict(bytes.NewReader(f.Data), mt)
	}
	if err != nil {
		return fmt.Errorf("embed data: %w", err)
	}
	d, err := xt.NewFileSpecDict(f.Name, f.Name, f.Description, *sd)
	if err != nil {
		return fmt.Errorf("file specification: %w", err)
	}
	ir, err := xt.IndRefForNewObject(d)
	if err != nil {
		return fmt.Errorf("file specification: %w", err)
	}
	key := f.Name
	for _, r := range f.Name {
		if r >= utf8.RuneSelf {
			key = types.EncodeUTF16String(f.Name)
			break
		}
	}
	if err := xt.Names["EmbeddedFiles"].Add(xt, key, *ir, nil, nil); err != nil {
		return fmt.Errorf("EmbeddedFiles name tree: %w", err)
	}
	return nil
}

// rawEmbeddedStream stores data as an embedded file stream with no filter.
func rawEmbeddedStream(xt *model.XRefTable, data []byte, mt time.Time) (*types.IndirectRef, error) {
	sd := types.StreamDict{Dict: types.NewDict(), Content: data}
	sd.InsertName("Type", "EmbeddedFile")
	params := types.NewDict()
	params.InsertInt("Size", len(data))
	params.Insert("ModDate", types.StringLiteral(types.DateString(mt)))
	sd.Insert("Params", params)
	if err := sd.Encode(); err != nil {
		return nil, fmt.Errorf("encode stream: %w", err)
	}
	return xt.IndRefForNewObject(sd)
}

// decodeKey returns a name-tree key as text (UTF-16BE keys decoded).
func decodeKey(k string) string {
	if s, err := types.DecodeUTF16String(k); err == nil && strings.HasPrefix(k, "\xfe\xff") {
		return s
	}
	return k
}
