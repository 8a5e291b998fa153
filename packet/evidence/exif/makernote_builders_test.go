package exif

// Builders for maker notes in each maker's layout: a header, an IFD whose
// values follow it, offsets written against the base the maker uses, and
// an EXIF block that holds the note at a known position (notes whose
// offsets count from the TIFF header depend on where they land).

import (
	"bytes"
	"encoding/binary"
	"sort"
	"testing"
)

// nEntry is a maker-note IFD entry; build, when set, makes the value once
// its position in the note is known (an IFD embedded in an UNDEFINED
// value), and count is then the value's length.
type nEntry struct {
	tEntry
	build func(local int) []byte
}

func plain(es ...tEntry) []nEntry {
	out := make([]nEntry, len(es))
	for i, e := range es {
		out[i] = nEntry{tEntry: e}
	}
	return out
}

func undef(tag uint16, data []byte) tEntry {
	return tEntry{tag: tag, typ: typeUndefined, count: uint32(len(data)), data: data}
}

// noteIFD encodes an IFD that starts at position start of a maker note,
// its values right after it. An offset is written as the value's position
// in the note plus delta (the note's position in the EXIF block for notes
// with offsets from the TIFF header, 0 for notes with offsets from
// themselves, minus the header length for offsets from a header inside).
func noteIFD(o binary.ByteOrder, start int, delta int64, es []nEntry) []byte {
	es = append([]nEntry(nil), es...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].tag < es[j].tag })
	out := make([]byte, 2+12*len(es)+4)
	o.PutUint16(out, uint16(len(es)))
	for i, e := range es {
		p := 2 + 12*i
		data, count := e.data, e.count
		if e.build != nil {
			data = e.build(start + len(out))
			count = uint32(len(data))
		}
		o.PutUint16(out[p:], e.tag)
		o.PutUint16(out[p+2:], e.typ)
		o.PutUint32(out[p+4:], count)
		switch {
		case e.raw != nil:
			o.PutUint32(out[p+8:], *e.raw)
		case len(data) <= 4:
			copy(out[p+8:p+12], data)
		default:
			o.PutUint32(out[p+8:], uint32(int64(start+len(out))+delta))
			out = append(out, data...)
			if len(out)%2 == 1 {
				out = append(out, 0)
			}
		}
	}
	return out
}

// note is a maker note to place in an EXIF block: make returns its bytes
// for a position in the block (the length must not depend on it).
type note func(pos uint32) []byte

// simpleNote is header + IFD; delta is computed from the note's position
// by offsetBase (see noteIFD).
func simpleNote(o binary.ByteOrder, header string, es []nEntry, offsetBase func(pos uint32) int64) note {
	return func(pos uint32) []byte {
		return append([]byte(header), noteIFD(o, len(header), offsetBase(pos), es)...)
	}
}

// fromTIFFHeader and fromNote are the two usual offset bases.
func fromTIFFHeader(pos uint32) int64 { return int64(pos) }
func fromNote(uint32) int64           { return 0 }

// exifWithNote is an EXIF block with Make and Model in IFD0 and the maker
// note in ExifIFD, plus extra ExifIFD entries.
func exifWithNote(t testing.TB, b tb, mk, model string, n note, extra ...tEntry) []byte {
	t.Helper()
	size := len(n(0))
	placeholder := bytes.Repeat([]byte{0xA5, 0x5A, 0xC3}, size/3+1)[:size]
	var ifd0 []tEntry
	if mk != "" {
		ifd0 = append(ifd0, b.ascii(tagMake, mk))
	}
	if model != "" {
		ifd0 = append(ifd0, b.ascii(tagModel, model))
	}
	exifIFD := &tIFD{entries: append([]tEntry{undef(tagMakerNote, placeholder)}, extra...)}
	block := b.encode(&tIFD{entries: ifd0, sub: map[uint16]*tIFD{tagExifIFD: exifIFD}})
	pos := bytes.Index(block, placeholder)
	if pos < 0 {
		t.Fatal("maker note placeholder not found")
	}
	data := n(uint32(pos))
	if len(data) != size {
		t.Fatalf("maker note is %d bytes at %d, %d at 0", len(data), pos, size)
	}
	copy(block[pos:], data)
	return block
}

// olympusNote is an Olympus maker note whose Equipment (0x2010) is an IFD
// pointer (asPointer) or an UNDEFINED value holding the IFD.
func olympusNote(o binary.ByteOrder, header string, main, equipment []tEntry, asPointer bool, offsetBase func(uint32) int64) note {
	return func(pos uint32) []byte {
		delta := offsetBase(pos)
		es := plain(main...)
		if !asPointer {
			es = append(es, nEntry{tEntry: tEntry{tag: 0x2010, typ: typeUndefined}, build: func(local int) []byte {
				return noteIFD(o, local, delta, plain(equipment...))
			}})
			return append([]byte(header), noteIFD(o, len(header), delta, es)...)
		}
		// The pointer's value is the Equipment IFD's position, which
		// follows the main IFD and its values.
		ptr := nEntry{tEntry: tEntry{tag: 0x2010, typ: typeIFD, count: 1, data: make([]byte, 4)}}
		mainLen := len(noteIFD(o, len(header), delta, append(es, ptr)))
		eqAt := len(header) + mainLen
		o.PutUint32(ptr.data, uint32(int64(eqAt)+delta))
		out := append([]byte(header), noteIFD(o, len(header), delta, append(es, ptr))...)
		return append(out, noteIFD(o, eqAt, delta, plain(equipment...))...)
	}
}

// canonMovedNote is a Canon maker note whose offsets were written for
// position orig and which was then moved; the footer records orig, as
// Canon cameras write it.
func canonMovedNote(o binary.ByteOrder, es []tEntry, orig uint32) note {
	return func(uint32) []byte {
		out := noteIFD(o, 0, int64(orig), plain(es...))
		if o == binary.ByteOrder(binary.LittleEndian) {
			out = append(out, "II*\x00"...)
		} else {
			out = append(out, "MM\x00*"...)
		}
		tail := make([]byte, 4)
		o.PutUint32(tail, orig)
		return append(out, tail...)
	}
}

// sonyEncipher is Sony's cipher: byte b is stored as b³ mod 249.
func sonyEncipher(plain []byte) []byte {
	out := make([]byte, len(plain))
	for i, b := range plain {
		if b < 249 {
			b = byte(int(b) * int(b) * int(b) % 249)
		}
		out[i] = b
	}
	return out
}

// sony9050 is a 0x9050 block with serial deciphered at off.
func sony9050(off int, serial []byte) []byte {
	p := make([]byte, 0x140)
	for i := range p {
		p[i] = byte(i * 7)
	}
	copy(p[off:], serial)
	return sonyEncipher(p)
}

// padded is s followed by spaces up to n bytes and a NUL (the fixed-size
// strings of Olympus and Panasonic).
func padded(b tb, tag uint16, s string, n int) tEntry {
	e := b.ascii(tag, s+string(bytes.Repeat([]byte{' '}, n-1-len(s))))
	return e
}
