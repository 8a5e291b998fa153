package exif

import (
	"encoding/binary"
	"fmt"
	"sort"
)

type heifScan struct {
	exif          []byte
	xmp           []byte // the XMP item (mime application/rdf+xml), when asked
	width, height int
	hash          string
}

// heifItem is one item of the meta box, from infe and iloc.
type heifItem struct {
	typ       string
	mime      string // content type of a "mime" item
	protected bool
	located   bool
	method    uint64 // iloc construction_method
	dataRef   uint64
	base      uint64
	extents   [][2]uint64 // offset, length
}

// heifParser holds what the meta box says. budget counts boxes, items,
// extents and property associations against MaxHEIFRecords.
type heifParser struct {
	data      []byte
	warnf     func(string, ...any)
	budget    int
	primary   uint64
	items     map[uint64]*heifItem
	props     []bmffBox           // ipco children, property index i+1
	assoc     map[uint64][]uint64 // item → property indexes (1-based)
	cdsc      map[uint64][]uint64 // item → items it describes
	idat      *bmffBox
	exhausted bool
}

type bmffBox struct {
	typ              string
	start, body, end uint64 // header start, payload start, end
}

// scanHEIF reads an ISOBMFF image file (HEIC, HEIF, AVIF): the meta box's
// pitm, iinf/infe, iloc (versions 0-2, construction methods 0 and 1), iref
// (cdsc), iprp/ipco/ipma for the ispe of the primary item, the Exif item
// (wherever it lies in the file) and, for the hash, the coded image items.
func scanHEIF(data []byte, wantHash bool, warnf func(string, ...any)) heifScan {
	var s heifScan
	p := &heifParser{data: data, warnf: warnf, budget: MaxHEIFRecords,
		items: map[uint64]*heifItem{}, assoc: map[uint64][]uint64{}, cdsc: map[uint64][]uint64{}}
	foundMeta := false
	err := p.boxes(0, uint64(len(data)), func(b bmffBox) bool {
		if b.typ == "meta" && !foundMeta {
			foundMeta = true
			p.readMeta(b)
		}
		return true
	})
	if err != nil {
		warnf("HEIF: %v", err)
	}
	if p.exhausted {
		warnf("HEIF: more than %d boxes, items, extents or properties; the rest ignored", MaxHEIFRecords)
	}
	if !foundMeta {
		warnf("HEIF: no meta box")
		return s
	}
	s.width, s.height = p.primarySize()
	s.exif = p.exifBlock()
	s.xmp = p.xmpBlock()
	if wantHash {
		s.hash = p.imageHash()
	}
	return s
}

// spend takes one record from the budget.
func (p *heifParser) spend() bool {
	if p.budget <= 0 {
		p.exhausted = true
		return false
	}
	p.budget--
	return true
}

// boxes calls fn for each box in data[from:to]; fn returns false to stop.
func (p *heifParser) boxes(from, to uint64, fn func(bmffBox) bool) error {
	for pos := from; pos < to; {
		if !p.spend() {
			return nil
		}
		if to-pos < 8 {
			return fmt.Errorf("%d stray bytes at offset %d", to-pos, pos)
		}
		size := uint64(binary.BigEndian.Uint32(p.data[pos:]))
		typ := string(p.data[pos+4 : pos+8])
		hdr := uint64(8)
		switch size {
		case 1:
			if to-pos < 16 {
				return fmt.Errorf("%q box at offset %d: truncated header", typ, pos)
			}
			size, hdr = binary.BigEndian.Uint64(p.data[pos+8:]), 16
		case 0:
			size = to - pos
		}
		if size < hdr || size > to-pos {
			return fmt.Errorf("%q box at offset %d (%d bytes) runs past its container (ends at %d)", typ, pos, size, to)
		}
		if !fn(bmffBox{typ: typ, start: pos, body: pos + hdr, end: pos + size}) {
			return nil
		}
		pos += size
	}
	return nil
}

// cursor reads big-endian integers inside [pos, end), flagging overruns.
type cursor struct {
	b        []byte
	pos, end uint64
	bad      bool
}

func (c *cursor) take(n uint64) []byte {
	if c.bad || n > c.end-c.pos {
		c.bad = true
		return nil
	}
	v := c.b[c.pos : c.pos+n]
	c.pos += n
	return v
}

// uint reads an n-byte unsigned integer, n in 0..8.
func (c *cursor) uint(n uint64) uint64 {
	var v uint64
	for _, x := range c.take(n) {
		v = v<<8 | uint64(x)
	}
	return v
}

func (p *heifParser) cur(b bmffBox) *cursor { return &cursor{b: p.data, pos: b.body, end: b.end} }

func (p *heifParser) readMeta(meta bmffBox) {
	if meta.end-meta.body < 4 {
		p.warnf("HEIF: meta box too short")
		return
	}
	err := p.boxes(meta.body+4, meta.end, func(b bmffBox) bool {
		switch b.typ {
		case "pitm":
			c := p.cur(b)
			v := c.uint(1)
			c.uint(3)
			if v == 0 {
				p.primary = c.uint(2)
			} else {
				p.primary = c.uint(4)
			}
			if c.bad {
				p.warnf("HEIF: pitm box truncated")
			}
		case "iinf":
			p.readIinf(b)
		case "iloc":
			p.readIloc(b)
		case "iref":
			p.readIref(b)
		case "iprp":
			p.readIprp(b)
		case "idat":
			if p.idat == nil {
				bb := b
				p.idat = &bb
			}
		}
		return true
	})
	if err != nil {
		p.warnf("HEIF meta: %v", err)
	}
}

func (p *heifParser) item(id uint64) *heifItem {
	it := p.items[id]
	if it == nil {
		it = &heifItem{}
		p.items[id] = it
	}
	return it
}

func (p *heifParser) readIinf(b bmffBox) {
	c := p.cur(b)
	v := c.uint(1)
	c.uint(3)
	if v == 0 {
		c.uint(2)
	} else {
		c.uint(4)
	}
	if c.bad {
		p.warnf("HEIF: iinf box truncated")
		return
	}
	err := p.boxes(c.pos, b.end, func(e bmffBox) bool {
		if e.typ != "infe" {
			return true
		}
		c := p.cur(e)
		v := c.uint(1)
		c.uint(3)
		if v < 2 { // no item_type before version 2
			return true
		}
		var id uint64
		if v == 2 {
			id = c.uint(2)
		} else {
			id = c.uint(4)
		}
		prot := c.uint(2)
		typ := c.take(4)
		if c.bad {
			p.warnf("HEIF: infe box at offset %d truncated", e.start)
			return true
		}
		it := p.item(id)
		it.typ, it.protected = string(typ), prot != 0
		if it.typ == "mime" {
			it.mime = heifMIME(c)
		}
		return true
	})
	if err != nil {
		p.warnf("HEIF iinf: %v", err)
	}
}

func (p *heifParser) readIloc(b bmffBox) {
	c := p.cur(b)
	v := c.uint(1)
	c.uint(3)
	if v > 2 {
		p.warnf("HEIF: iloc version %d not supported", v)
		return
	}
	x := c.uint(1)
	offSize, lenSize := x>>4, x&15
	x = c.uint(1)
	baseSize, idxSize := x>>4, x&15
	if v == 0 {
		idxSize = 0
	}
	for _, sz := range []uint64{offSize, lenSize, baseSize, idxSize} {
		if sz != 0 && sz != 4 && sz != 8 {
			p.warnf("HEIF: iloc field size %d is invalid", sz)
			return
		}
	}
	var count uint64
	if v < 2 {
		count = c.uint(2)
	} else {
		count = c.uint(4)
	}
	for i := uint64(0); i < count && !c.bad; i++ {
		if !p.spend() {
			return
		}
		var id uint64
		if v < 2 {
			id = c.uint(2)
		} else {
			id = c.uint(4)
		}
		var method uint64
		if v >= 1 {
			method = c.uint(2) & 15
		}
		dataRef := c.uint(2)
		base := c.uint(baseSize)
		ne := c.uint(2)
		var extents [][2]uint64
		for j := uint64(0); j < ne && !c.bad; j++ {
			if !p.spend() {
				return
			}
			c.uint(idxSize)
			off := c.uint(offSize)
			ln := c.uint(lenSize)
			extents = append(extents, [2]uint64{off, ln})
		}
		if c.bad {
			break
		}
		it := p.item(id)
		it.located, it.method, it.dataRef, it.base, it.extents = true, method, dataRef, base, extents
	}
	if c.bad {
		p.warnf("HEIF: iloc box truncated")
	}
}

func (p *heifParser) readIref(b bmffBox) {
	c := p.cur(b)
	v := c.uint(1)
	c.uint(3)
	if c.bad {
		p.warnf("HEIF: iref box truncated")
		return
	}
	idSize := uint64(2)
	if v != 0 {
		idSize = 4
	}
	err := p.boxes(c.pos, b.end, func(r bmffBox) bool {
		if r.typ != "cdsc" {
			return true
		}
		c := p.cur(r)
		from := c.uint(idSize)
		n := c.uint(2)
		for i := uint64(0); i < n && !c.bad && p.spend(); i++ {
			to := c.uint(idSize)
			if !c.bad {
				p.cdsc[from] = append(p.cdsc[from], to)
			}
		}
		if c.bad {
			p.warnf("HEIF: cdsc reference at offset %d truncated", r.start)
		}
		return true
	})
	if err != nil {
		p.warnf("HEIF iref: %v", err)
	}
}

func (p *heifParser) readIprp(b bmffBox) {
	err := p.boxes(b.body, b.end, func(x bmffBox) bool {
		switch x.typ {
		case "ipco":
			if p.props != nil {
				return true
			}
			p.props = []bmffBox{}
			if err := p.boxes(x.body, x.end, func(prop bmffBox) bool {
				p.props = append(p.props, prop)
				return true
			}); err != nil {
				p.warnf("HEIF ipco: %v", err)
			}
		case "ipma":
			c := p.cur(x)
			v := c.uint(1)
			flags := c.uint(3)
			n := c.uint(4)
			for i := uint64(0); i < n && !c.bad && p.spend(); i++ {
				var id uint64
				if v < 1 {
					id = c.uint(2)
				} else {
					id = c.uint(4)
				}
				k := c.uint(1)
				for j := uint64(0); j < k && !c.bad && p.spend(); j++ {
					var idx uint64
					if flags&1 != 0 {
						idx = c.uint(2) & 0x7FFF
					} else {
						idx = c.uint(1) & 0x7F
					}
					if !c.bad {
						p.assoc[id] = append(p.assoc[id], idx)
					}
				}
			}
			if c.bad {
				p.warnf("HEIF: ipma box truncated")
			}
		}
		return true
	})
	if err != nil {
		p.warnf("HEIF iprp: %v", err)
	}
}

// primarySize returns the ispe of the primary item, which is what ExifTool
// reports as ImageWidth/ImageHeight (before any irot rotation).
func (p *heifParser) primarySize() (int, int) {
	for _, idx := range p.assoc[p.primary] {
		if idx == 0 || idx > uint64(len(p.props)) {
			continue
		}
		prop := p.props[idx-1]
		if prop.typ != "ispe" {
			continue
		}
		c := p.cur(prop)
		vf := c.uint(4)
		w, h := c.uint(4), c.uint(4)
		if !c.bad && vf == 0 {
			return dim(uint32(w)), dim(uint32(h))
		}
	}
	return 0, 0
}

func (p *heifParser) sortedIDs() []uint64 {
	ids := make([]uint64, 0, len(p.items))
	for id := range p.items {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// base returns the absolute base offset of an item's extents, or an error
// for items that are not readable from this file.
func (p *heifParser) base(it *heifItem) (uint64, error) {
	switch {
	case it.protected:
		return 0, fmt.Errorf("it is protected (encrypted)")
	case it.dataRef != 0:
		return 0, fmt.Errorf("its data is in another file")
	case !it.located:
		return 0, fmt.Errorf("it has no location (iloc)")
	case it.method == 0:
		return it.base, nil
	case it.method == 1 && p.idat != nil:
		return p.idat.body + it.base, nil
	case it.method == 1:
		return 0, fmt.Errorf("construction method 1 without an idat box")
	}
	return 0, fmt.Errorf("construction method %d is not supported", it.method)
}

// extent returns the absolute byte range of one extent, clamped to the file.
func (p *heifParser) extent(base uint64, e [2]uint64) (start, end uint64, ok bool) {
	n := uint64(len(p.data))
	if e[0] > n || base > n-e[0] {
		return 0, 0, false
	}
	start = base + e[0]
	end = n
	if e[1] <= n-start {
		end = start + e[1]
	}
	return start, end, end-start == e[1]
}

// exifBlock returns the TIFF block of the Exif item describing the primary
// item (or describing nothing in particular), lowest item ID first.
func (p *heifParser) exifBlock() []byte {
	for _, id := range p.sortedIDs() {
		it := p.items[id]
		if it.typ != "Exif" {
			continue
		}
		if refs := p.cdsc[id]; len(refs) > 0 && !contains(refs, p.primary) {
			continue // describes another image (a thumbnail, say)
		}
		buf, err := p.itemBytes(it, MaxExifBlock)
		if err != nil {
			p.warnf("HEIF: Exif item %d not read: %v", id, err)
			return nil
		}
		return exifItemPayload(buf, p.warnf)
	}
	return nil
}

// itemBytes returns the data of an item, its extents joined, refusing
// items larger than limit.
func (p *heifParser) itemBytes(it *heifItem, limit uint64) ([]byte, error) {
	base, err := p.base(it)
	if err != nil {
		return nil, err
	}
	if len(it.extents) == 0 {
		return nil, fmt.Errorf("it has no extents")
	}
	var total uint64
	for _, e := range it.extents {
		total += e[1]
	}
	if total > limit {
		return nil, fmt.Errorf("its %d bytes exceed the %d-byte limit", total, limit)
	}
	buf := make([]byte, 0, total)
	for _, e := range it.extents {
		start, end, ok := p.extent(base, e)
		if !ok {
			return nil, fmt.Errorf("it lies outside the file (offset %d, %d bytes)", base+e[0], e[1])
		}
		buf = append(buf, p.data[start:end]...)
	}
	return buf, nil
}

// exifItemPayload strips the header of an Exif item: a 4-byte big-endian
// offset to the TIFF header (normally 6, over "Exif\0\0"). Like ExifTool it
// accepts a bare TIFF header or a bare "Exif\0\0" with a warning.
func exifItemPayload(b []byte, warnf func(string, ...any)) []byte {
	switch {
	case len(b) < 4:
		warnf("HEIF: Exif item of %d bytes is too short", len(b))
		return nil
	case string(b[:4]) == "MM\x00*" || string(b[:4]) == "II*\x00":
		warnf("HEIF: Exif item has no header offset (bare TIFF header)")
		return b
	case len(b) >= 6 && string(b[:6]) == "Exif\x00\x00":
		warnf("HEIF: Exif item has no header offset (bare Exif header)")
		return b[6:]
	}
	start := 4 + uint64(binary.BigEndian.Uint32(b))
	if start > uint64(len(b)) {
		warnf("HEIF: Exif item header offset %d points past its %d bytes", start-4, len(b))
		return nil
	}
	return b[start:]
}

func contains(s []uint64, v uint64) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// imageHash hashes, like ExifTool, the extents of every coded image item
// (av01, avc1, hvc1, lhv1, hvt1: the tiles, the primary image and the
// thumbnail) in ascending item ID order.
func (p *heifParser) imageHash() string {
	h := newDataHasher()
	for _, id := range p.sortedIDs() {
		it := p.items[id]
		switch it.typ {
		case "av01", "avc1", "hvc1", "lhv1", "hvt1":
		default:
			continue
		}
		base, err := p.base(it)
		if err != nil {
			continue // ExifTool skips these items too
		}
		for _, e := range it.extents {
			start, end, ok := p.extent(base, e)
			if !ok {
				p.warnf("HEIF: %s item %d extent (offset %d, %d bytes) runs past the end of the file", it.typ, id, base+e[0], e[1])
			}
			h.add(p.data, int(start), int(end))
		}
	}
	return h.sum(p.data)
}
