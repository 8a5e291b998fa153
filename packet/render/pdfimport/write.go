package pdfimport

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// docDates are the document information dates of the input packet.
type docDates struct {
	creation, mod *time.Time
}

func infoDates(ctx *model.Context) docDates {
	var dd docDates
	if ctx.Info == nil {
		return dd
	}
	d, err := ctx.DereferenceDict(*ctx.Info)
	if err != nil || d == nil {
		return dd
	}
	get := func(k string) *time.Time {
		o, ok := d.Find(k)
		if !ok || o == nil {
			return nil
		}
		s, err := ctx.DereferenceStringOrHexLiteral(o, model.V10, nil)
		if err != nil {
			return nil
		}
		t, ok := types.DateTime(s, true)
		if !ok {
			return nil
		}
		return &t
	}
	dd.creation, dd.mod = get("CreationDate"), get("ModDate")
	return dd
}

// writeDeterministic writes ctx with pdfcpu, puts the objects in the order
// of their numbers (pdfcpu writes them in Go map order), and then replaces
// what pdfcpu derives from the clock: the /CreationDate and /ModDate it puts into the
// document information dictionary (replaced by the input's dates, or blanked
// out) and the file identifier (replaced by an MD5 of the output). Every
// replacement has the length of what it replaces, so the cross-reference
// offsets stay valid.
func writeDeterministic(ctx *model.Context, dates docDates) ([]byte, error) {
	var buf bytes.Buffer
	if ctx.Read != nil {
		buf.Grow(int(ctx.Read.FileSize) + 1<<20) // the output is about the input's size
	}
	if err := api.WriteContext(ctx, &buf); err != nil {
		return nil, fmt.Errorf("write PDF: %w", err)
	}
	out, err := sortObjects(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("write PDF: order objects: %w", err)
	}
	if ctx.Info != nil {
		if err := patchInfoDates(ctx, out, dates); err != nil {
			return nil, fmt.Errorf("write PDF: fix document dates: %w", err)
		}
	}
	if err := patchID(ctx, out); err != nil {
		return nil, fmt.Errorf("write PDF: fix file ID: %w", err)
	}
	return out, nil
}

// objectSpan returns the start and end of "n 0 obj ... endobj" in out.
func objectSpan(out []byte, n int) (int, int, error) {
	head := []byte(strconv.Itoa(n) + " 0 obj")
	for from := 0; ; {
		i := bytes.Index(out[from:], head)
		if i < 0 {
			return 0, 0, fmt.Errorf("object %d not found in output", n)
		}
		i += from
		if i == 0 || out[i-1] == '\n' || out[i-1] == '\r' {
			j := bytes.Index(out[i:], []byte("endobj"))
			if j < 0 {
				return 0, 0, fmt.Errorf("object %d has no endobj", n)
			}
			return i, i + j, nil
		}
		from = i + len(head)
	}
}

func patchInfoDates(ctx *model.Context, out []byte, dates docDates) error {
	d, err := ctx.DereferenceDict(*ctx.Info)
	if err != nil || d == nil {
		return fmt.Errorf("document information: %v", err)
	}
	start, end, err := objectSpan(out, ctx.Info.ObjectNumber.Value())
	if err != nil {
		return err
	}
	obj := out[start:end]
	for _, kv := range []struct {
		key  string
		want *time.Time
	}{{"CreationDate", dates.creation}, {"ModDate", dates.mod}} {
		sl, ok := d[kv.key].(types.StringLiteral)
		if !ok {
			continue
		}
		written := []byte("/" + kv.key + "(" + string(sl) + ")")
		i := bytes.Index(obj, written)
		if i < 0 {
			written = []byte("/" + kv.key + " (" + string(sl) + ")")
			if i = bytes.Index(obj, written); i < 0 {
				return fmt.Errorf("/%s not found in output", kv.key)
			}
		}
		repl := ""
		if kv.want != nil {
			repl = "/" + kv.key + "(" + types.DateString(*kv.want) + ")"
		}
		if len(repl) > len(written) {
			repl = "" // cannot fit: drop the entry
		}
		repl += strings.Repeat(" ", len(written)-len(repl))
		copy(obj[i:], repl)
	}
	return nil
}

// patchID replaces the time-derived parts of the trailer's /ID by the MD5 of
// the output (computed with those parts zeroed). The first element is kept
// when it came from the input file.
func patchID(ctx *model.Context, out []byte) error {
	if len(ctx.ID) != 2 {
		return nil
	}
	id0, ok0 := ctx.ID[0].(types.HexLiteral)
	id1, ok1 := ctx.ID[1].(types.HexLiteral)
	if !ok1 {
		return fmt.Errorf("unexpected /ID %v", ctx.ID)
	}
	t := bytes.LastIndex(out, []byte("trailer"))
	if t < 0 {
		return fmt.Errorf("no trailer in output")
	}
	tr := out[t:]
	type span struct{ i, n int }
	var spans []span
	if ok0 && id0 == id1 {
		// Both elements are pdfcpu's time-based ID (the input had none).
		s := []byte("<" + string(id0) + "><" + string(id1) + ">")
		i := bytes.Index(tr, s)
		if i < 0 {
			s = []byte("<" + string(id0) + "> <" + string(id1) + ">")
			if i = bytes.Index(tr, s); i < 0 {
				return fmt.Errorf("/ID not found in trailer")
			}
		}
		spans = append(spans, span{i + 1, len(id0)}, span{i + len(s) - 1 - len(id1), len(id1)})
	} else {
		s := []byte("<" + string(id1) + ">")
		i := bytes.LastIndex(tr, s)
		if i < 0 {
			return fmt.Errorf("/ID not found in trailer")
		}
		spans = append(spans, span{i + 1, len(id1)})
	}
	for _, sp := range spans {
		copy(tr[sp.i:sp.i+sp.n], strings.Repeat("0", sp.n))
	}
	sum := md5.Sum(out)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	for _, sp := range spans {
		v := h
		for len(v) < sp.n {
			v += h
		}
		copy(tr[sp.i:sp.i+sp.n], v[:sp.n])
	}
	return nil
}

// sortObjects reorders the indirect objects of a PDF written by pdfcpu (one
// classic cross-reference table, no object streams) by object number, and
// rewrites the offsets in the table. Each object's bytes are taken from its
// offset to the next object's offset, so stream data is never scanned. The
// objects only change places: the table stays where it was.
func sortObjects(out []byte) ([]byte, error) {
	sx := bytes.LastIndex(out, []byte("startxref"))
	if sx < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	var xrefOff int
	if _, err := fmt.Sscan(string(out[sx+len("startxref"):]), &xrefOff); err != nil {
		return nil, fmt.Errorf("startxref: %w", err)
	}
	if xrefOff <= 0 || xrefOff >= sx || !bytes.HasPrefix(out[xrefOff:], []byte("xref")) {
		return nil, fmt.Errorf("no xref table at offset %d", xrefOff)
	}

	type entry struct {
		obj      int
		off      int
		fieldPos int // position of the 10-digit offset field in out
	}
	var entries []entry
	lines := bytes.SplitAfter(out[xrefOff:sx], []byte("\n"))
	pos := xrefOff + len(lines[0]) // after "xref"
	obj, left := 0, 0
	for _, l := range lines[1:] {
		f := bytes.Fields(l)
		switch {
		case len(f) == 0:
		case bytes.Equal(f[0], []byte("trailer")) || bytes.HasPrefix(f[0], []byte("trailer")):
			left = -1
		case left == 0 && len(f) == 2:
			if _, err := fmt.Sscan(string(l), &obj, &left); err != nil {
				return nil, fmt.Errorf("xref subsection %q: %w", l, err)
			}
		case left > 0 && len(f) == 3 && len(f[0]) == 10:
			if string(f[2]) == "n" {
				off, err := strconv.Atoi(string(f[0]))
				if err != nil {
					return nil, fmt.Errorf("xref entry %q: %w", l, err)
				}
				entries = append(entries, entry{obj: obj, off: off, fieldPos: pos + bytes.Index(l, f[0])})
			}
			obj++
			left--
		default:
			return nil, fmt.Errorf("unexpected xref line %q", l)
		}
		if left < 0 {
			break
		}
		pos += len(l)
	}
	if len(entries) == 0 {
		return out, nil
	}

	byOff := slices.Clone(entries)
	slices.SortFunc(byOff, func(a, b entry) int { return a.off - b.off })
	span := map[int][]byte{}
	for i, e := range byOff {
		end := xrefOff
		if i+1 < len(byOff) {
			end = byOff[i+1].off
		}
		if e.off <= 0 || e.off > end || (i > 0 && e.off == byOff[i-1].off) {
			return nil, fmt.Errorf("object %d: bad offset %d", e.obj, e.off)
		}
		span[e.obj] = out[e.off:end]
	}
	start := byOff[0].off

	sorted := make([]byte, 0, len(out))
	sorted = append(sorted, out[:start]...)
	byObj := slices.Clone(entries)
	slices.SortFunc(byObj, func(a, b entry) int { return a.obj - b.obj })
	newOff := map[int]int{}
	for _, e := range byObj {
		newOff[e.obj] = len(sorted)
		sorted = append(sorted, span[e.obj]...)
	}
	if len(sorted) != xrefOff {
		return nil, fmt.Errorf("objects do not fill the space before the xref table")
	}
	sorted = append(sorted, out[xrefOff:]...)
	for _, e := range entries {
		copy(sorted[e.fieldPos:e.fieldPos+10], fmt.Sprintf("%010d", newOff[e.obj]))
	}
	return sorted, nil
}
