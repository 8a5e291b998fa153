package exif

// Maker notes: the camera maker's private block in ExifIFD tag 0x927C. Many
// cameras keep the body serial, an internal serial, the lens name and the
// lens serial only there. Each maker has its own layout (an IFD after a
// maker-specific header, offsets relative to the TIFF header or to the
// maker note itself, a byte order of its own); the formats and the rules
// for recognising them follow ExifTool (Image::ExifTool::MakerNotes), the
// reference this package agrees with.
//
// Maker notes are a classic crash source, so they are walked in place with
// the discipline of the TIFF guard: positions in 64-bit arithmetic checked
// against the EXIF block, an IFD offset seen before is refused, at most
// MaxMakerNoteIFDs IFDs and MaxIFDEntries entries each, text values of at
// most maxMakerNoteText bytes. Only the few tags read here are decoded;
// nothing reaches goexif. A damaged entry that is not read costs nothing,
// not even a warning.

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
)

const (
	// MaxMakerNoteIFDs caps the IFDs walked in one maker note (its main
	// IFD and sub-IFDs such as the Olympus Equipment IFD).
	MaxMakerNoteIFDs = 4
	// maxMakerNoteText caps a text value read from maker notes (serials
	// and lens names are tens of bytes).
	maxMakerNoteText = 512
)

// EXIF tags read for the maker notes and the camera identity.
const (
	tagMakerNote        = 0x927C
	tagLensSerialNumber = 0xA435
)

// makerTag is one value read from the maker notes.
type makerTag struct {
	group, name string // ExifTool's -G1 group and tag name
	value       string // as ExifTool prints it
	n           string // as `exiftool -n` prints it, when that differs
}

// key is ExifTool's group-qualified name of the tag.
func (t makerTag) key() string { return t.group + ":" + t.name }

// exifToolN is the value as `exiftool -n` prints it.
func (t makerTag) exifToolN() string {
	if t.n != "" {
		return t.n
	}
	return t.value
}

// makerNote is one maker note being read.
type makerNote struct {
	make, model string
	block       []byte           // the EXIF block holding the maker note
	pos         int64            // where the maker note starts in block
	data        []byte           // the maker note (block[pos:pos+len])
	order       binary.ByteOrder // of the EXIF block
	warnf       func(string, ...any)
	group       string // ExifTool's group name, set by identify
	tags        []makerTag
}

// add records a value; the first value of a name wins (parsers add the
// one ExifTool shows first). Empty values are not recorded.
func (n *makerNote) add(name, value, nForm string) {
	if value == "" {
		return
	}
	for _, t := range n.tags {
		if t.name == name {
			return
		}
	}
	if nForm == value {
		nForm = ""
	}
	n.tags = append(n.tags, makerTag{group: n.group, name: name, value: value, n: nForm})
}

// guessOrder is ExifTool's test for an IFD of unknown byte order: an entry
// count whose high byte is set and larger than its low byte is read the
// other way round.
func guessOrder(block []byte, at int64, order binary.ByteOrder) binary.ByteOrder {
	if at < 0 || at+2 > int64(len(block)) {
		return order
	}
	num := order.Uint16(block[at:])
	if num&0xff00 != 0 && num>>8 > num&0xff {
		if order == binary.ByteOrder(binary.LittleEndian) {
			return binary.BigEndian
		}
		return binary.LittleEndian
	}
	return order
}

// readMakerNotes is the hook of the EXIF walk: it records where the EXIF
// identity values came from, then reads the maker notes of a checked
// block and fills the identity fields that EXIF left empty.
func readMakerNotes(g *tiffGuard, m *Meta) {
	m.exifIdentitySources(g)
	e, ok := makerNoteEntry(g)
	if !ok {
		return
	}
	n := &makerNote{make: strings.TrimSpace(m.Make), model: strings.TrimSpace(m.Model), block: g.block,
		pos: int64(e.pos), data: e.value, order: g.order, warnf: m.warnf}
	parse := n.identify()
	if parse == nil {
		return
	}
	m.MakerNotes = n.group
	parse(n)
	m.makerTags = n.tags
	for _, t := range n.tags {
		switch t.name {
		case "SerialNumber":
			fillIdentity(&m.SerialNumber, &m.SerialNumberSource, t)
		case "InternalSerialNumber":
			fillIdentity(&m.InternalSerialNumber, &m.InternalSerialNumberSource, t)
		case "LensModel", "LensType": // LensType is read only where it is a name (Panasonic)
			fillIdentity(&m.LensModel, &m.LensModelSource, t)
		case "LensSerialNumber", "InternalLensSerialNumber":
			fillIdentity(&m.LensSerialNumber, &m.LensSerialNumberSource, t)
		}
	}
}

// fillIdentity sets an identity field from a maker-note value when EXIF
// left it empty or holding a placeholder of zeros.
func fillIdentity(value, source *string, t makerTag) {
	if *value != "" && !placeholderSerial(*value) {
		return
	}
	*value, *source = t.value, t.key()
}

// placeholderSerial reports a value made only of zeros (and spaces), which
// cameras write when they have no serial to give ("0000000000").
func placeholderSerial(s string) bool {
	return strings.Trim(s, "0 ") == ""
}

// makerNoteEntry returns the MakerNote entry of ExifIFD (or, as some
// cameras write it, of IFD0).
func makerNoteEntry(g *tiffGuard) (tiffEntry, bool) {
	for _, d := range []*tiffDir{g.exif, g.ifd0} {
		if d == nil {
			continue
		}
		if e, ok := d.entries[tagMakerNote]; ok && len(e.value) > 0 {
			return e, true
		}
	}
	return tiffEntry{}, false
}

// exifIdentitySources names the IFD each EXIF identity value came from
// (the decoder merged IFD0 and ExifIFD, the proper IFD of a tag first),
// and reads LensSerialNumber (0xA435), which the decoder does not.
func (m *Meta) exifIdentitySources(g *tiffGuard) {
	type dir struct {
		d     *tiffDir
		group string
	}
	exifIFD, ifd0 := dir{g.exif, "ExifIFD"}, dir{g.ifd0, "IFD0"}
	// find returns the text of tag in the first of dirs holding it, and
	// that IFD's group name.
	find := func(tag uint16, dirs ...dir) (value, group string) {
		for _, d := range dirs {
			if d.d == nil {
				continue
			}
			if e, ok := d.d.entries[tag]; ok {
				if s, _ := entryText(e.typ, e.value); s != "" {
					return s, d.group
				}
			}
		}
		return "", ""
	}
	// source is group:name, ExifIFD when the raw entries do not tell.
	source := func(name, group string) string {
		if group == "" {
			group = "ExifIFD"
		}
		return group + ":" + name
	}
	if m.SerialNumber != "" { // ExifTool calls both 0xA431 and 0xC62F SerialNumber
		_, grp := find(tagBodySerialNumber, exifIFD, ifd0)
		if grp == "" {
			_, grp = find(tagDNGSerialNumber, ifd0, exifIFD)
		}
		m.SerialNumberSource = source("SerialNumber", grp)
	}
	if m.LensModel != "" {
		_, grp := find(tagLensModel, exifIFD, ifd0)
		m.LensModelSource = source("LensModel", grp)
	}
	if s, grp := find(tagLensSerialNumber, exifIFD, ifd0); s != "" {
		m.LensSerialNumber, m.LensSerialNumberSource = s, source("LensSerialNumber", grp)
	}
}

// entryText reads a text value the way ExifTool shows a string: cut at
// the first NUL, trailing spaces removed, invalid UTF-8 replaced. ASCII,
// BYTE and UNDEFINED values are text; ok is false for other formats.
func entryText(typ uint16, value []byte) (s string, ok bool) {
	if typ != typeASCII && typ != typeUndefined && typ != typeByte {
		return "", false
	}
	if i := bytes.IndexByte(value, 0); i >= 0 {
		value = value[:i]
	}
	return strings.ToValidUTF8(strings.TrimRight(string(value), " "), "\uFFFD"), true
}

// putIdentityFields adds the identity values and every maker-note value
// to ExifToolFields' map (see there).
func (m *Meta) putIdentityFields(f map[string]any) {
	byKey := make(map[string]makerTag, len(m.makerTags))
	for _, t := range m.makerTags {
		byKey[t.key()] = t
		f[t.key()] = t.exifToolN()
	}
	plain := func(key, value, source string) {
		if value == "" {
			return
		}
		if _, name, ok := strings.Cut(source, ":"); ok && name != key {
			return
		}
		if t, ok := byKey[source]; ok {
			value = t.exifToolN()
		}
		f[key] = value
	}
	plain("SerialNumber", m.SerialNumber, m.SerialNumberSource)
	plain("InternalSerialNumber", m.InternalSerialNumber, m.InternalSerialNumberSource)
	plain("LensModel", m.LensModel, m.LensModelSource)
	plain("LensSerialNumber", m.LensSerialNumber, m.LensSerialNumberSource)
}

// mnWalker walks the IFDs of one maker note.
type mnWalker struct {
	group   string // ExifTool's group name, for warnings
	block   []byte
	order   binary.ByteOrder
	base    int64 // block position that value offset 0 refers to
	warnf   func(string, ...any)
	visited map[int64]bool
	dirs    int
}

// mnEntry is one maker-note IFD entry as stored; its value is resolved
// against the walker's base when it is read, so that the base can still
// be corrected after the IFD is read.
type mnEntry struct {
	tag    uint16
	typ    uint16
	count  uint32
	raw    uint32 // the value/offset field
	inline []byte // the value when it fits the field (size <= 4)
	size   uint64 // count × type size
}

// mnDir is one checked maker-note IFD.
type mnDir struct {
	label   string // "main IFD", "Equipment IFD"
	at      int64  // block position
	count   int    // entries walked
	entries map[uint16]mnEntry
}

// readIFD walks the IFD at block position at. It returns nil, with a
// warning, when the IFD is outside the block, seen before, or beyond the
// caps. Entries with an invalid format are skipped silently (a maker note
// may pad with them); their values are checked only when read.
func (w *mnWalker) readIFD(label string, at int64) *mnDir {
	n := int64(len(w.block))
	switch {
	case w.dirs >= MaxMakerNoteIFDs:
		w.warnf("EXIF %s maker notes: more than %d IFDs; %s ignored", w.group, MaxMakerNoteIFDs, label)
		return nil
	case at < 0 || at+2 > n:
		w.warnf("EXIF %s maker notes: %s at %d lies outside the %d-byte EXIF block; ignored", w.group, label, at, n)
		return nil
	case w.visited[at]:
		w.warnf("EXIF %s maker notes: %s at %d points back to an IFD already read (loop); ignored", w.group, label, at)
		return nil
	}
	w.visited[at] = true
	w.dirs++
	count := int64(w.order.Uint16(w.block[at:]))
	if count > MaxIFDEntries {
		w.warnf("EXIF %s maker notes: %s has %d entries (limit %d); ignored", w.group, label, count, MaxIFDEntries)
		return nil
	}
	if fit := (n - at - 2) / 12; count > fit {
		w.warnf("EXIF %s maker notes: %s truncated, only %d of %d entries inside the EXIF block", w.group, label, fit, count)
		count = fit
	}
	d := &mnDir{label: label, at: at, count: int(count), entries: make(map[uint16]mnEntry, count)}
	for i := int64(0); i < count; i++ {
		p := at + 2 + 12*i
		e := mnEntry{
			tag:   w.order.Uint16(w.block[p:]),
			typ:   w.order.Uint16(w.block[p+2:]),
			count: w.order.Uint32(w.block[p+4:]),
			raw:   w.order.Uint32(w.block[p+8:]),
		}
		if e.typ == 0 || int(e.typ) >= len(typeSizes) {
			continue
		}
		e.size = uint64(e.count) * typeSizes[e.typ]
		if e.size <= 4 {
			e.inline = w.block[p+8 : p+8+int64(e.size)]
		}
		d.entries[e.tag] = e
	}
	return d
}

// valuePos returns the block position of an out-of-line value, or false
// when it does not lie wholly inside the block.
func (w *mnWalker) valuePos(e mnEntry) (int64, bool) {
	pos := w.base + int64(e.raw)
	return pos, pos >= 0 && uint64(pos)+e.size <= uint64(len(w.block))
}

// value returns the bytes of tag's value in d, nil when absent; a value
// outside the block is reported (as name) and nil.
func (w *mnWalker) value(d *mnDir, tag uint16, name string) []byte {
	e, ok := d.entries[tag]
	if !ok || e.size == 0 {
		return nil
	}
	if e.inline != nil {
		return e.inline
	}
	pos, ok := w.valuePos(e)
	if !ok {
		w.warnf("EXIF %s maker notes: %s (tag 0x%04X, %d bytes at offset %d) lies outside the %d-byte EXIF block; ignored",
			w.group, name, tag, e.size, e.raw, len(w.block))
		return nil
	}
	return w.block[pos : pos+int64(e.size)]
}

// text returns tag's value in d as text (see entryText), "" when absent
// or unusable (reported).
func (w *mnWalker) text(d *mnDir, tag uint16, name string) string {
	e, ok := d.entries[tag]
	if !ok {
		return ""
	}
	if e.size > maxMakerNoteText {
		w.warnf("EXIF %s maker notes: %s of %d bytes exceeds %d; ignored", w.group, name, e.size, maxMakerNoteText)
		return ""
	}
	v := w.value(d, tag, name)
	if v == nil {
		return ""
	}
	s, ok := entryText(e.typ, v)
	if !ok {
		w.warnf("EXIF %s maker notes: %s has format %d, not text; ignored", w.group, name, e.typ)
	}
	return s
}

// uint returns the first value of an integer tag.
func (w *mnWalker) uint(d *mnDir, tag uint16, name string) (uint32, bool) {
	e, ok := d.entries[tag]
	if !ok || e.count == 0 {
		return 0, false
	}
	v := w.value(d, tag, name)
	if v == nil {
		return 0, false
	}
	switch e.typ {
	case typeByte, typeUndefined:
		return uint32(v[0]), true
	case typeShort:
		return uint32(w.order.Uint16(v)), true
	case typeLong, typeIFD:
		return w.order.Uint32(v), true
	}
	w.warnf("EXIF %s maker notes: %s has format %d, not an integer; ignored", w.group, name, e.typ)
	return 0, false
}

// valueBlocks returns the out-of-line values of d by offset (the largest
// size at each offset) and the offsets in increasing order, as ExifTool's
// GetValueBlocks does for its base checks.
func (d *mnDir) valueBlocks() (sizes map[uint32]uint64, offsets []uint32) {
	sizes = map[uint32]uint64{}
	for _, e := range d.entries {
		if e.size <= 4 {
			continue
		}
		if s, ok := sizes[e.raw]; !ok || e.size > s {
			if !ok {
				offsets = append(offsets, e.raw)
			}
			sizes[e.raw] = e.size
		}
	}
	slices.Sort(offsets)
	return sizes, offsets
}

// canonFooterFix applies ExifTool's fix for Canon maker notes moved by
// editing software: the last 8 bytes of the maker note are a TIFF-like
// footer ("II*\0" or "MM\0*", in the walker's byte order) holding the
// maker note's original offset; values then sit where they sat before the
// move, shifted by the same amount. The footer is ignored when the last
// value already ends at the footer (software that moved the note and
// updated the offsets but not the footer).
func (w *mnWalker) canonFooterFix(d *mnDir, notePos int64, noteLen int) {
	if noteLen <= 8 {
		return
	}
	sizes, offsets := d.valueBlocks()
	if len(offsets) == 0 {
		return
	}
	footer := w.block[notePos+int64(noteLen)-8 : notePos+int64(noteLen)]
	mark := "II*\x00"
	if w.order == binary.ByteOrder(binary.BigEndian) {
		mark = "MM\x00*"
	}
	if string(footer[:4]) != mark {
		return
	}
	old := int64(w.order.Uint32(footer[4:]))
	fix := notePos - w.base - old
	if fix == 0 {
		return
	}
	last := offsets[len(offsets)-1]
	maxPt := w.base + int64(last) + int64(sizes[last])
	if endDiff := notePos + int64(noteLen) - maxPt - 8; endDiff == 0 || endDiff == 1 {
		return
	}
	w.base += fix
}

// fixBase applies ExifTool's FixBase heuristic, used for the makers whose
// offsets are known to be unreliable (Pentax, Samsung): the first value is
// expected makeDiff bytes after the IFD (0 or 4 are always accepted); when
// it is elsewhere, the base is shifted to put it there. A PrintIM block
// found where the offsets point proves them right.
func (w *mnWalker) fixBase(d *mnDir, makeDiff int64) {
	sizes, offsets := d.valueBlocks()
	if len(offsets) == 0 {
		return
	}
	ifdLen := int64(2 + 12*d.count)
	ifdEnd := d.at + ifdLen - w.base // IFD end as an offset
	expected := ifdEnd + makeDiff
	minPt := int64(offsets[0])
	var last int64 = -1
	for _, o := range offsets {
		off := int64(o)
		if last >= 0 {
			if gap := off - last; gap >= ifdLen && abs64(off-expected) <= 4 {
				minPt = off
			}
			if minPt < 12 {
				minPt = off
			}
		}
		last = off + int64(sizes[o])
	}
	if e, ok := d.entries[0x0E00]; ok && e.size > 4 { // PrintIM
		if pos, ok := w.valuePos(e); ok && e.size >= 8 && string(w.block[pos:pos+8]) == "PrintIM\x00" {
			return
		}
	}
	diff := minPt - ifdEnd
	if diff == 0 || diff == 4 || diff == makeDiff {
		return
	}
	w.base += makeDiff - diff
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// hasPrefix reports whether s starts with one of the prefixes.
func hasPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// decimal prints v in base 10 (the `exiftool -n` form of an integer).
func decimal(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

// bytesDecimal prints bytes as ExifTool prints an int8u[n] under -n.
func bytesDecimal(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = strconv.Itoa(int(c))
	}
	return strings.Join(parts, " ")
}
