package pdfimport

import (
	"appealpacket/packet/pdfsrc"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Placement asks [Stamp] to draw one page of a source into a box of one page
// of the packet.
type Placement struct {
	Source     *Source
	SourcePage int // 1-based page of Source
	TargetPage int // 1-based page of the packet
	// Box is where the page goes on the target page, in points in the
	// target page's default user space (origin bottom-left, see [Rect]).
	// The source page keeps its aspect ratio and is centred in Box; it is
	// turned upright according to its /Rotate (and the target page's).
	Box Rect
}

// Stamp copies packet (an fpdf-made PDF) to w with every placement drawn into
// its box, on top of what the packet page already shows. Placements on the
// same target page are drawn in the order given. A source page placed
// several times is stored once.
//
// The page objects of the packet are kept, so internal links (/Link
// annotations with /Dest) and the outline keep landing on the same pages.
// The output is written by pdfcpu (PDF 1.7 header, classic cross-reference
// table, no object streams). It is deterministic: /CreationDate and /ModDate
// of the document information are those of packet (dropped when packet has
// none), the file /ID is derived from the output's content, instead of
// the write time that pdfcpu would put there, and the packet's images are
// numbered in the order of their resource names (fpdf's own order can vary
// from run to run). Stamp with no placements is how a packet gets that
// canonical form.
//
// Nothing is written to w when Stamp fails. Stamp never panics.
func Stamp(packet io.ReadSeeker, w io.Writer, placements []Placement) (err error) {
	return Compose(packet, w, placements, nil)
}

// Compose does what [Stamp] and then [Attach] do, in one pass over the
// packet: it draws the placements, embeds the files, numbers the images
// canonically and writes the result once. Nothing is written to w when it
// fails; it never panics.
func Compose(packet io.ReadSeeker, w io.Writer, placements []Placement, files []File) (err error) {
	defer catch(&err, "stamp packet")
	if packet == nil || w == nil {
		return errors.New("stamp packet: missing packet reader or output writer")
	}
	for i, p := range placements {
		if err := p.check(); err != nil {
			return fmt.Errorf("stamp packet: placement %d: %w", i+1, err)
		}
	}
	if err := checkNames(files); err != nil {
		return err
	}

	ctx, dates, err := readPacket(packet)
	if err != nil {
		return fmt.Errorf("stamp packet: %w", err)
	}

	// Group placements by target page, keeping the given order.
	var targets []int
	byTarget := map[int][]Placement{}
	for i, p := range placements {
		if p.TargetPage > ctx.PageCount {
			return fmt.Errorf("stamp packet: placement %d: target page %d, but the packet has %d pages",
				i+1, p.TargetPage, ctx.PageCount)
		}
		if _, ok := byTarget[p.TargetPage]; !ok {
			targets = append(targets, p.TargetPage)
		}
		byTarget[p.TargetPage] = append(byTarget[p.TargetPage], p)
	}

	// A source parsed is let go after the last page that draws it: a
	// packet holds one evidence PDF parsed at a time, as its pages follow
	// one another.
	last := map[*Source]int{}
	for i, t := range targets {
		for _, p := range byTarget[t] {
			last[p.Source] = i
		}
	}
	imp := &importer{dst: ctx, sources: map[*Source]*sourceState{}}
	for i, t := range targets {
		if err := imp.stampPage(t, byTarget[t]); err != nil {
			return fmt.Errorf("stamp packet: page %d: %w", t, err)
		}
		for _, p := range byTarget[t] {
			if last[p.Source] == i {
				delete(imp.sources, p.Source)
			}
		}
	}
	if err := attachInto(ctx, files); err != nil {
		return err
	}

	if err := canonicalImages(ctx); err != nil {
		return fmt.Errorf("stamp packet: order images: %w", err)
	}
	out, err := writeDeterministic(ctx, dates)
	if err != nil {
		return fmt.Errorf("stamp packet: %w", err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("stamp packet: write output: %w", err)
	}
	return nil
}

// Fitted returns the rectangle that the source page will occupy inside Box
// (aspect ratio kept, centred), e.g. to draw a frame or a caption around it
// on the placeholder page. It assumes a target page without /Rotate, as fpdf
// makes them, and returns a zero Rect for an invalid placement.
func (p Placement) Fitted() Rect {
	if p.check() != nil {
		return Rect{}
	}
	w, h := p.Source.PageSize(p.SourcePage)
	s := min(p.Box.W/w, p.Box.H/h)
	return Rect{X: p.Box.X + (p.Box.W-s*w)/2, Y: p.Box.Y + (p.Box.H-s*h)/2, W: s * w, H: s * h}
}

func (p Placement) check() error {
	switch {
	case p.Source == nil:
		return errors.New("no source")
	case p.SourcePage < 1 || p.SourcePage > p.Source.PageCount():
		return fmt.Errorf("source page %d out of range 1-%d", p.SourcePage, p.Source.PageCount())
	case p.TargetPage < 1:
		return fmt.Errorf("target page %d out of range", p.TargetPage)
	case !p.Box.valid():
		return fmt.Errorf("box %+v has no usable size", p.Box)
	}
	return nil
}

// importer holds the state of one Stamp call.
type importer struct {
	dst     *model.Context
	sources map[*Source]*sourceState
}

// sourceState is a source parsed for one Stamp call, with the objects
// already copied into the packet.
type sourceState struct {
	ctx   *model.Context
	mig   *migrator
	forms map[int]types.IndirectRef // source page -> Form XObject in packet
}

func (imp *importer) source(s *Source) (*sourceState, error) {
	if st, ok := imp.sources[s]; ok {
		return st, nil
	}
	data, err := s.Data()
	if err != nil {
		return nil, err
	}
	ctx, err := pdfsrc.Read(data, s.Password())
	if err != nil {
		return nil, err
	}
	if ctx.PageCount != s.PageCount() {
		return nil, fmt.Errorf("source changed: %d pages, opened with %d", ctx.PageCount, s.PageCount())
	}
	st := &sourceState{ctx: ctx, mig: newMigrator(ctx, imp.dst), forms: map[int]types.IndirectRef{}}
	imp.sources[s] = st
	return st, nil
}

// stampPage adds the drawing of placements ps to packet page t.
func (imp *importer) stampPage(t int, ps []Placement) error {
	ctx := imp.dst
	pageDict, _, inh, err := ctx.PageDict(t, false)
	if err != nil {
		return fmt.Errorf("find page: %w", err)
	}
	targetRotate := pdfsrc.NormRotate(inh.Rotate)

	// Give the page its own resource dictionary (fpdf shares one between
	// all pages) with its own XObject dictionary.
	res := types.NewDict()
	if inh.Resources != nil {
		res = inh.Resources.Clone().(types.Dict)
	}
	xobj := types.NewDict()
	if o, ok := res.Find("XObject"); ok {
		d, err := ctx.DereferenceDict(o)
		if err != nil {
			return fmt.Errorf("page XObject resources: %w", err)
		}
		if d != nil {
			xobj = d.Clone().(types.Dict)
		}
	}

	var draw bytes.Buffer
	draw.WriteString("Q\n")
	for i, p := range ps {
		st, err := imp.source(p.Source)
		if err != nil {
			return fmt.Errorf("placement %d: %w", i+1, err)
		}
		form, ok := st.forms[p.SourcePage]
		if !ok {
			if form, err = imp.formForPage(st, p.SourcePage); err != nil {
				return fmt.Errorf("placement %d: source page %d: %w", i+1, p.SourcePage, err)
			}
			st.forms[p.SourcePage] = form
		}
		name := xobj.NewIDForPrefix("APImp", 1)
		xobj[name] = form

		info := p.Source.Page(p.SourcePage)
		m := fitMatrix(info.Box, pdfsrc.NormRotate(info.Rotate-targetRotate), p.Box)
		fmt.Fprintf(&draw, "q %s cm /%s Do Q\n", fmtMatrix(m), name)
	}
	res["XObject"] = xobj
	pageDict["Resources"] = res

	// Wrap the existing contents in q/Q so that a graphics state left
	// changed by them cannot move the imported page.
	pre, err := newFlateStream(nil, []byte("q\n"))
	if err != nil {
		return err
	}
	post, err := newFlateStream(nil, draw.Bytes())
	if err != nil {
		return err
	}
	preRef, err := ctx.IndRefForNewObject(pre)
	if err != nil {
		return fmt.Errorf("add content stream: %w", err)
	}
	postRef, err := ctx.IndRefForNewObject(post)
	if err != nil {
		return fmt.Errorf("add content stream: %w", err)
	}
	contents := types.Array{*preRef}
	if o, ok := pageDict.Find("Contents"); ok && o != nil {
		d, err := ctx.Dereference(o)
		if err != nil {
			return fmt.Errorf("page contents: %w", err)
		}
		switch d := d.(type) {
		case types.Array:
			contents = append(contents, d...)
		case types.StreamDict:
			contents = append(contents, o)
		case nil:
		default:
			return fmt.Errorf("page contents: unexpected %T", d)
		}
	}
	pageDict["Contents"] = append(contents, *postRef)
	return nil
}

// formForPage copies source page n into the packet as a Form XObject whose
// coordinates are those of the source page (BBox = visible box).
func (imp *importer) formForPage(st *sourceState, n int) (types.IndirectRef, error) {
	src := st.ctx
	d, _, inh, err := src.PageDict(n, false)
	if err != nil {
		return types.IndirectRef{}, fmt.Errorf("find page: %w", err)
	}
	box, err := pdfsrc.VisibleBox(inh)
	if err != nil {
		return types.IndirectRef{}, err
	}
	var res types.Dict
	if inh.Resources != nil {
		o, err := st.mig.copy(inh.Resources)
		if err != nil {
			return types.IndirectRef{}, fmt.Errorf("copy resources: %w", err)
		}
		res, _ = o.(types.Dict)
	}
	if res == nil {
		res = types.NewDict()
	}
	var annots bytes.Buffer
	if err := imp.flattenAnnotations(st, d, res, &annots); err != nil {
		return types.IndirectRef{}, fmt.Errorf("annotations: %w", err)
	}

	fd := types.Dict{
		"Type":      types.Name("XObject"),
		"Subtype":   types.Name("Form"),
		"FormType":  types.Integer(1),
		"BBox":      box.Array(),
		"Resources": res,
	}
	if g, ok := d.Find("Group"); ok && g != nil {
		// Keep the page's transparency group (blending colour space).
		if g2, err := st.mig.copy(g); err == nil && g2 != nil {
			fd["Group"] = g2
		}
	}
	// The form's content, compressed as it is decoded: the page's content
	// is never held decoded (it may inflate to 64 MB).
	var raw bytes.Buffer
	zw := zlib.NewWriter(&raw)
	zw.Write([]byte("q\n"))
	if err := pdfsrc.PageContentTo(src.XRefTable, d, n, zw); err != nil && !errors.Is(err, model.ErrNoContent) {
		return types.IndirectRef{}, fmt.Errorf("contents: %w", err)
	}
	zw.Write([]byte("\nQ\n"))
	zw.Write(annots.Bytes())
	if err := zw.Close(); err != nil {
		return types.IndirectRef{}, fmt.Errorf("compress stream: %w", err)
	}
	sd := rawFlateStream(fd, raw.Bytes())
	ir, err := imp.dst.IndRefForNewObject(sd)
	if err != nil {
		return types.IndirectRef{}, fmt.Errorf("add form: %w", err)
	}
	return *ir, nil
}

// Annotation flags (PDF 32000-1, 12.5.3).
const (
	annotHidden = 1 << 1
	annotPrint  = 1 << 2
)

// flattenAnnotations draws the normal appearance of every annotation of page
// d that prints (form field values, signature appearances, stamps, printable
// comments) into b, adding the appearance streams to res. The packet shows
// the document as it prints: annotations without the Print flag (push
// buttons such as "Reset form", on-screen notes) or hidden ones are left out,
// as are links and pop-ups. A broken annotation is skipped rather than
// failing the page.
func (imp *importer) flattenAnnotations(st *sourceState, d types.Dict, res types.Dict, b *bytes.Buffer) error {
	o, ok := d.Find("Annots")
	if !ok || o == nil {
		return nil
	}
	src := st.ctx
	annots, err := src.DereferenceArray(o)
	if err != nil {
		return nil // unreadable annotation array: show the page without them
	}
	var xobj types.Dict
	for _, a := range annots {
		ad, err := src.DereferenceDict(a)
		if err != nil || ad == nil {
			continue
		}
		if st := ad.Subtype(); st != nil && (*st == "Link" || *st == "Popup") {
			continue
		}
		if f := ad.IntEntry("F"); f == nil || *f&annotPrint == 0 || *f&annotHidden != 0 {
			continue
		}
		apRef, ap := normalAppearance(src, ad)
		if ap == nil {
			continue
		}
		rect, ok := numberRect(src, ad.ArrayEntry("Rect"))
		if !ok {
			if arr, err := src.DereferenceArray(ad["Rect"]); err == nil {
				rect, ok = numberRect(src, arr)
			}
		}
		if !ok {
			continue
		}
		bbox, ok := numberRect(src, derefArray(src, ap.Dict["BBox"]))
		if !ok {
			continue
		}
		mat := [6]float64{1, 0, 0, 1, 0, 0}
		if ma := derefArray(src, ap.Dict["Matrix"]); len(ma) == 6 {
			for i := range mat {
				v, err := src.DereferenceNumber(ma[i])
				if err != nil {
					v = mat[i]
				}
				mat[i] = v
			}
		}
		// 12.5.5: transform BBox by Matrix, map the result onto Rect.
		tb := transformRect(bbox, mat)
		if tb.Width() <= 0 || tb.Height() <= 0 || rect.Width() <= 0 || rect.Height() <= 0 {
			continue
		}
		sx, sy := rect.Width()/tb.Width(), rect.Height()/tb.Height()
		a := [6]float64{sx, 0, 0, sy, rect.LL.X - tb.LL.X*sx, rect.LL.Y - tb.LL.Y*sy}

		var form types.Object = apRef
		if apRef == nil {
			form = *ap
		}
		c, err := st.mig.copy(form)
		if err != nil {
			return fmt.Errorf("copy appearance: %w", err)
		}
		ir, ok := c.(types.IndirectRef)
		if !ok {
			sd, isStream := c.(types.StreamDict)
			if !isStream {
				continue
			}
			p, err := imp.dst.IndRefForNewObject(sd)
			if err != nil {
				return fmt.Errorf("add appearance: %w", err)
			}
			ir = *p
		}
		if xobj == nil {
			xobj = types.NewDict()
			if o, ok := res.Find("XObject"); ok {
				if x, err := imp.dst.DereferenceDict(o); err == nil && x != nil {
					xobj = x.Clone().(types.Dict)
				}
			}
			res["XObject"] = xobj
		}
		name := xobj.NewIDForPrefix("APAnnot", 1)
		xobj[name] = ir
		fmt.Fprintf(b, "q %s cm /%s Do Q\n", fmtMatrix(a), name)
	}
	return nil
}

// normalAppearance returns the normal appearance stream of annotation ad
// (for the current /AS state when /N is a dictionary of states), with the
// indirect reference it was found through, if any.
func normalAppearance(src *model.Context, ad types.Dict) (*types.IndirectRef, *types.StreamDict) {
	apd, err := src.DereferenceDict(ad["AP"])
	if err != nil || apd == nil {
		return nil, nil
	}
	n, ok := apd["N"]
	if !ok || n == nil {
		return nil, nil
	}
	o, err := src.Dereference(n)
	if err != nil {
		return nil, nil
	}
	if states, ok := o.(types.Dict); ok {
		as := ad.NameEntry("AS")
		if as == nil {
			return nil, nil // no state selected: nothing shown
		}
		n, ok = states[*as]
		if !ok || n == nil {
			return nil, nil
		}
		if o, err = src.Dereference(n); err != nil {
			return nil, nil
		}
	}
	sd, ok := o.(types.StreamDict)
	if !ok {
		return nil, nil
	}
	if ir, ok := n.(types.IndirectRef); ok {
		return &ir, &sd
	}
	return nil, &sd
}

func derefArray(src *model.Context, o types.Object) types.Array {
	a, err := src.DereferenceArray(o)
	if err != nil {
		return nil
	}
	return a
}

// numberRect reads a 4-number rectangle array, normalised.
func numberRect(src *model.Context, a types.Array) (types.Rectangle, bool) {
	if len(a) != 4 {
		return types.Rectangle{}, false
	}
	var v [4]float64
	for i := range v {
		f, err := src.DereferenceNumber(a[i])
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return types.Rectangle{}, false
		}
		v[i] = f
	}
	return pdfsrc.NormRect(types.Rectangle{LL: types.Point{X: v[0], Y: v[1]}, UR: types.Point{X: v[2], Y: v[3]}}), true
}

// transformRect returns the bounding box of r transformed by m.
func transformRect(r types.Rectangle, m [6]float64) types.Rectangle {
	xs := [4]float64{r.LL.X, r.UR.X, r.LL.X, r.UR.X}
	ys := [4]float64{r.LL.Y, r.LL.Y, r.UR.Y, r.UR.Y}
	out := types.Rectangle{LL: types.Point{X: math.Inf(1), Y: math.Inf(1)}, UR: types.Point{X: math.Inf(-1), Y: math.Inf(-1)}}
	for i := range xs {
		x := m[0]*xs[i] + m[2]*ys[i] + m[4]
		y := m[1]*xs[i] + m[3]*ys[i] + m[5]
		out.LL.X, out.LL.Y = min(out.LL.X, x), min(out.LL.Y, y)
		out.UR.X, out.UR.Y = max(out.UR.X, x), max(out.UR.Y, y)
	}
	return out
}

// fitMatrix returns the matrix [a b c d e f] that maps the source box,
// turned clockwise by rot degrees, into dst: as large as fits, aspect ratio
// kept, centred.
func fitMatrix(src types.Rectangle, rot int, dst Rect) [6]float64 {
	w, h := src.Width(), src.Height()
	dw, dh := w, h // displayed size
	if rot == 90 || rot == 270 {
		dw, dh = h, w
	}
	s := min(dst.W/dw, dst.H/dh)
	bx := dst.X + (dst.W-s*dw)/2
	by := dst.Y + (dst.H-s*dh)/2
	llx, lly := src.LL.X, src.LL.Y
	switch rot {
	case 90: // left edge goes to the top
		return [6]float64{0, -s, s, 0, bx - s*lly, by + s*(w+llx)}
	case 180:
		return [6]float64{-s, 0, 0, -s, bx + s*(w+llx), by + s*(h+lly)}
	case 270: // left edge goes to the bottom
		return [6]float64{0, s, -s, 0, bx + s*(h+lly), by - s*llx}
	}
	return [6]float64{s, 0, 0, s, bx - s*llx, by - s*lly}
}

func fmtMatrix(m [6]float64) string {
	var b []byte
	for i, v := range m {
		if i > 0 {
			b = append(b, ' ')
		}
		if v == 0 {
			v = 0 // no "-0"
		}
		b = strconv.AppendFloat(b, math.Round(v*1e5)/1e5, 'f', -1, 64)
	}
	return string(b)
}

// readPacket reads and validates (relaxed) the fpdf packet, returning the
// document dates to carry over into the output.
func readPacket(rs io.ReadSeeker) (*model.Context, docDates, error) {
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return nil, docDates{}, fmt.Errorf("read packet: %w", err)
	}
	ctx, err := api.ReadValidateAndOptimize(rs, newConfig())
	if err != nil {
		return nil, docDates{}, fmt.Errorf("read packet: %v: %w", err, ErrInvalidPDF)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, docDates{}, fmt.Errorf("read packet: page count: %v: %w", err, ErrInvalidPDF)
	}
	return ctx, infoDates(ctx), nil
}
