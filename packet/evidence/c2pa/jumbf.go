package c2pa

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// JUMBF (ISO/IEC 19566-5) boxes: a box is LBox (4 bytes, big-endian
// length including the header), TBox (4 characters) and, when LBox is 1, an
// 8-byte XLBox length. A superbox ("jumb") holds a description box ("jumd":
// a content-type UUID, toggles, an optional label, ID, hash and private box)
// followed by content boxes or further superboxes.

// errBox is wrapped by every JUMBF structure error.
var errBox = errors.New("malformed JUMBF")

// uuid4 builds the C2PA/JUMBF type UUIDs that share the ISO suffix
// 0011-0010-8000-00AA00389B71 after a four-character code.
func uuid4(code string) [16]byte {
	var u [16]byte
	copy(u[:4], code)
	copy(u[4:], []byte{0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71})
	return u
}

// Description-box content types used by C2PA.
var (
	typeManifestStore  = uuid4("c2pa")
	typeManifest       = uuid4("c2ma")
	typeUpdateManifest = uuid4("c2um")
	typeClaim          = uuid4("c2cl")
	typeSignature      = uuid4("c2cs")
	typeAssertionStore = uuid4("c2as")
)

// box is one JUMBF box inside a buffer.
type box struct {
	typ     string
	raw     []byte // the whole box, header included
	payload []byte // the box after its header
}

// readBox reads the box at the start of b. A length of 0 means "to the end
// of b" (ISO/IEC 15444-1).
func readBox(b []byte) (box, error) {
	if len(b) < 8 {
		return box{}, fmt.Errorf("%w: %d bytes left, a box header needs 8", errBox, len(b))
	}
	length := uint64(binary.BigEndian.Uint32(b))
	typ := string(b[4:8])
	header := uint64(8)
	switch {
	case length == 0:
		length = uint64(len(b))
	case length == 1:
		if len(b) < 16 {
			return box{}, fmt.Errorf("%w: box %q: truncated XLBox", errBox, printable(typ))
		}
		length = binary.BigEndian.Uint64(b[8:])
		header = 16
	}
	if length < header {
		return box{}, fmt.Errorf("%w: box %q: length %d is shorter than its header", errBox, printable(typ), length)
	}
	if length > uint64(len(b)) {
		return box{}, fmt.Errorf("%w: box %q: length %d exceeds the %d bytes that hold it", errBox, printable(typ), length, len(b))
	}
	return box{typ: typ, raw: b[:length], payload: b[header:length]}, nil
}

// superbox is a parsed "jumb" box.
type superbox struct {
	uuid    [16]byte
	label   string
	id      *uint32
	raw     []byte // whole box
	payload []byte // description box and contents: what C2PA hashes
	// boxes are the children after the description box, in order;
	// children holds the parsed superboxes among them, same order.
	boxes    []box
	children []*superbox
}

// jumbfLimits bound the parse of one manifest store.
type jumbfLimits struct {
	maxDepth int
	maxBoxes int
}

// parseSuperbox parses a "jumb" box and its nested superboxes.
func parseSuperbox(b []byte, lim jumbfLimits) (*superbox, error) {
	n := 0
	return parseSuperboxAt(b, 0, lim, &n)
}

func parseSuperboxAt(b []byte, depth int, lim jumbfLimits, count *int) (*superbox, error) {
	if depth >= lim.maxDepth {
		return nil, fmt.Errorf("%w: superboxes nested deeper than %d", errBox, lim.maxDepth)
	}
	bx, err := readBox(b)
	if err != nil {
		return nil, err
	}
	if bx.typ != "jumb" {
		return nil, fmt.Errorf("%w: expected a jumb superbox, found %q", errBox, printable(bx.typ))
	}
	sb := &superbox{raw: bx.raw, payload: bx.payload}
	rest := bx.payload
	first := true
	for len(rest) > 0 {
		*count++
		if *count > lim.maxBoxes {
			return nil, fmt.Errorf("%w: more than %d boxes", errBox, lim.maxBoxes)
		}
		child, err := readBox(rest)
		if err != nil {
			return nil, fmt.Errorf("in superbox %q: %w", sb.label, err)
		}
		rest = rest[len(child.raw):]
		if first {
			if child.typ != "jumd" {
				return nil, fmt.Errorf("%w: superbox starts with %q, not a jumd description box", errBox, printable(child.typ))
			}
			if err := sb.parseDescription(child.payload); err != nil {
				return nil, err
			}
			first = false
			continue
		}
		sb.boxes = append(sb.boxes, child)
		if child.typ == "jumb" {
			c, err := parseSuperboxAt(child.raw, depth+1, lim, count)
			if err != nil {
				return nil, fmt.Errorf("in superbox %q: %w", sb.label, err)
			}
			sb.children = append(sb.children, c)
		}
	}
	if first {
		return nil, fmt.Errorf("%w: empty superbox", errBox)
	}
	return sb, nil
}

// Toggles of the description box.
const (
	toggleRequestable = 1 << 0
	toggleLabel       = 1 << 1
	toggleID          = 1 << 2
	toggleSignature   = 1 << 3
	togglePrivate     = 1 << 4
)

// maxLabel caps a description label.
const maxLabel = 1024

func (sb *superbox) parseDescription(p []byte) error {
	if len(p) < 17 {
		return fmt.Errorf("%w: description box of %d bytes, needs at least 17", errBox, len(p))
	}
	copy(sb.uuid[:], p[:16])
	toggles := p[16]
	p = p[17:]
	if toggles&toggleLabel != 0 {
		end := -1
		for i := 0; i < len(p) && i <= maxLabel; i++ {
			if p[i] == 0 {
				end = i
				break
			}
		}
		if end < 0 {
			return fmt.Errorf("%w: description label not terminated within %d bytes", errBox, maxLabel)
		}
		sb.label = string(p[:end])
		p = p[end+1:]
	}
	if toggles&toggleID != 0 {
		if len(p) < 4 {
			return fmt.Errorf("%w: description box %q: truncated ID", errBox, sb.label)
		}
		id := binary.BigEndian.Uint32(p)
		sb.id = &id
		p = p[4:]
	}
	if toggles&toggleSignature != 0 {
		if len(p) < 32 {
			return fmt.Errorf("%w: description box %q: truncated signature", errBox, sb.label)
		}
	}
	return nil
}

// child returns the first child superbox with the label, or nil.
func (sb *superbox) child(label string) *superbox {
	for _, c := range sb.children {
		if c.label == label {
			return c
		}
	}
	return nil
}

// content returns the payload of the first content box (not a superbox) of
// the given type, or nil.
func (sb *superbox) content(typ string) []byte {
	for _, b := range sb.boxes {
		if b.typ == typ {
			return b.payload
		}
	}
	return nil
}

// printable keeps a box type readable in an error message.
func printable(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c < 0x20 || c > 0x7e {
			out[i] = '?'
		}
	}
	return string(out)
}
