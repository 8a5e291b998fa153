package cms

import "errors"

// Limits of the BER conversion: a PDF signature is a few KB and a dozen
// levels deep.
const (
	maxBERDepth = 32
	maxLenBytes = 4 // a length of up to 4 GB
)

var errBER = errors.New("bad BER encoding")

// berToDER rewrites the indefinite lengths of a BER encoding (30 80 ...
// 00 00, as some signing programs write a SignedData) as definite ones.
// Elements with a definite length whose contents need no rewriting are
// copied byte for byte, so the signed attributes (DER, as CMS requires)
// keep the bytes their signature covers. Trailing bytes after the first
// element are returned as they are.
func berToDER(b []byte) ([]byte, error) {
	out, rest, err := berElement(b, 0)
	if err != nil {
		return nil, err
	}
	return append(out, rest...), nil
}

// berElement converts the element at the start of b and returns it and
// what follows it.
func berElement(b []byte, depth int) (out, rest []byte, err error) {
	if depth > maxBERDepth {
		return nil, nil, errBER
	}
	if len(b) < 2 {
		return nil, nil, errBER
	}
	// Identifier: one byte, or a high tag number in base-128 bytes.
	n := 1
	if b[0]&0x1f == 0x1f {
		for {
			if n >= len(b) || n > 5 {
				return nil, nil, errBER
			}
			n++
			if b[n-1]&0x80 == 0 {
				break
			}
		}
	}
	tag, constructed := b[:n], b[0]&0x20 != 0
	if n >= len(b) {
		return nil, nil, errBER
	}
	l := b[n]
	n++
	switch {
	case l == 0x80: // indefinite: contents up to the end-of-contents 00 00
		if !constructed {
			return nil, nil, errBER
		}
		var content []byte
		rest = b[n:]
		for {
			if len(rest) >= 2 && rest[0] == 0 && rest[1] == 0 {
				rest = rest[2:]
				break
			}
			var child []byte
			child, rest, err = berElement(rest, depth+1)
			if err != nil {
				return nil, nil, err
			}
			content = append(content, child...)
		}
		return header(tag, content), rest, nil
	case l < 0x80:
		return definite(b, tag, n, int(l), constructed, depth)
	default:
		k := int(l & 0x7f)
		if k > maxLenBytes || n+k > len(b) {
			return nil, nil, errBER
		}
		size := 0
		for _, c := range b[n : n+k] {
			size = size<<8 | int(c)
		}
		return definite(b, tag, n+k, size, constructed, depth)
	}
}

// definite converts an element of definite length whose contents start at
// b[start]: its children are converted when it is constructed, and it is
// copied as it is when none of them changed.
func definite(b, tag []byte, start, size int, constructed bool, depth int) (out, rest []byte, err error) {
	if size < 0 || size > len(b)-start {
		return nil, nil, errBER
	}
	whole, content := b[:start+size], b[start:start+size]
	rest = b[start+size:]
	if !constructed {
		return whole, rest, nil
	}
	var converted []byte
	for r := content; len(r) > 0; {
		var child []byte
		child, r, err = berElement(r, depth+1)
		if err != nil {
			return nil, nil, err
		}
		converted = append(converted, child...)
	}
	if string(converted) == string(content) {
		return whole, rest, nil
	}
	return header(tag, converted), rest, nil
}

// header prefixes content with tag and its DER length.
func header(tag, content []byte) []byte {
	out := append([]byte(nil), tag...)
	switch n := len(content); {
	case n < 0x80:
		out = append(out, byte(n))
	default:
		var l []byte
		for ; n > 0; n >>= 8 {
			l = append([]byte{byte(n)}, l...)
		}
		out = append(out, 0x80|byte(len(l)))
		out = append(out, l...)
	}
	return append(out, content...)
}
