package pdfimport

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// maxDepth bounds the nesting of direct objects followed while copying.
const maxDepth = 200

// migrator deep-copies objects of a source document into the packet. Every
// indirect object is copied once (done maps source to packet object
// numbers), so resources shared by several pages of a source are shared in
// the packet too. Dictionary keys are visited in sorted order, which keeps
// the object numbering, and so the output, deterministic.
type migrator struct {
	src, dst *model.Context
	done     map[int]int
}

func newMigrator(src, dst *model.Context) *migrator {
	return &migrator{src: src, dst: dst, done: map[int]int{}}
}

// copy returns a copy of o (from the source) that is valid in the packet.
func (m *migrator) copy(o types.Object) (types.Object, error) {
	if o == nil {
		return nil, nil
	}
	if _, ok := o.(types.IndirectRef); !ok {
		o = o.Clone()
	}
	return m.walk(o, 0)
}

// walk rewrites o in place (o is already a private clone, except for
// indirect references, which it resolves and copies).
func (m *migrator) walk(o types.Object, depth int) (types.Object, error) {
	if depth > maxDepth {
		return nil, errors.New("objects nested too deeply")
	}
	switch v := o.(type) {
	case types.IndirectRef:
		return m.ref(v, depth)
	case types.Dict:
		return v, m.walkDict(v, depth)
	case types.StreamDict:
		return v, m.walkDict(v.Dict, depth)
	case types.Array:
		for i, e := range v {
			e2, err := m.walk(e, depth+1)
			if err != nil {
				return nil, err
			}
			v[i] = e2
		}
		return v, nil
	}
	return o, nil
}

func (m *migrator) walkDict(d types.Dict, depth int) error {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v, err := m.walk(d[k], depth+1)
		if err != nil {
			return fmt.Errorf("/%s: %w", k, err)
		}
		if v == nil {
			delete(d, k)
			continue
		}
		d[k] = v
	}
	return nil
}

func (m *migrator) ref(ir types.IndirectRef, depth int) (types.Object, error) {
	n := ir.ObjectNumber.Value()
	if nn, ok := m.done[n]; ok {
		return *types.NewIndirectRef(nn, 0), nil
	}
	o, err := m.src.Dereference(ir)
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	if o == nil {
		// A reference to a missing object is the null object (7.3.10).
		return nil, nil
	}
	if d, ok := o.(types.Dict); ok {
		if t := d.Type(); t != nil && (*t == "Page" || *t == "Pages" || *t == "Catalog") {
			// Never drag the source's page tree or catalog along
			// (e.g. through an annotation's /P or a structure element).
			return nil, nil
		}
	}
	if _, ok := o.(types.LazyObjectStreamObject); ok {
		return nil, fmt.Errorf("object %d: unresolved object stream member", n)
	}
	c := o.Clone()
	nn, err := m.dst.InsertObject(c)
	if err != nil {
		return nil, fmt.Errorf("object %d: insert: %w", n, err)
	}
	m.done[n] = nn
	if _, err := m.walk(c, depth+1); err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	return *types.NewIndirectRef(nn, 0), nil
}

// newFlateStream returns a Flate-compressed stream with dictionary d
// (which may be nil) holding content.
func newFlateStream(d types.Dict, content []byte) (types.StreamDict, error) {
	if d == nil {
		d = types.NewDict()
	}
	sd := types.StreamDict{
		Dict:           d,
		Content:        content,
		FilterPipeline: []types.PDFFilter{{Name: filter.Flate}},
	}
	sd.InsertName("Filter", filter.Flate)
	if err := sd.Encode(); err != nil {
		return sd, fmt.Errorf("compress stream: %w", err)
	}
	sd.Content = nil // written from Raw: the packet keeps only the compressed bytes
	return sd, nil
}

// rawFlateStream is a stream of Flate-compressed bytes.
func rawFlateStream(d types.Dict, raw []byte) types.StreamDict {
	sd := types.StreamDict{Dict: d, Raw: raw, FilterPipeline: []types.PDFFilter{{Name: filter.Flate}}}
	sd.InsertName("Filter", filter.Flate)
	n := int64(len(raw))
	sd.StreamLength = &n
	sd.Update("Length", types.Integer(n))
	return sd
}
