// Copyright 2009 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jpegcodec

import (
	"encoding/binary"
	"io"
)

// maxCodeLength is the maximum (inclusive) number of bits in a Huffman code.
const maxCodeLength = 16

// maxNCodes is the maximum (inclusive) number of codes in a Huffman tree.
const maxNCodes = 256

// lutSize is the log-2 size of image/jpeg's Huffman look-up table. It is
// only used to build the larger tables below with exactly the same
// semantics.
const lutSize = 8

// fastBits is the log-2 size of this package's Huffman look-up tables.
const fastBits = 10

// minBits is the number of bits the fast decoding paths need in the
// accumulator before decoding one symbol: a Huffman code (at most 16 bits)
// and its additional bits (at most 16 for a DC difference, 15 for an AC
// coefficient, 14 for an EOB run).
const minBits = 32

// huffman is a Huffman decoder, specified in section C.
type huffman struct {
	// length is the number of codes in the tree.
	nCodes int32
	// fast is the look-up table for the next fastBits bits in the
	// bit-stream. The high 8 bits of the uint16 are the decoded value, the
	// low 8 bits are the code length, or the entry is 0 if the code is
	// longer than fastBits bits. For well-formed tables the entries are the
	// obvious ones; for malformed (over-subscribed) tables they reproduce
	// exactly what image/jpeg's decodeHuffman returns, which first consults
	// an 8-bit table and then falls back to a bit-by-bit search.
	fast [1 << fastBits]uint16
	// fastAC is only built for AC tables. For a code whose value has a
	// non-zero size (i.e. is not EOB or ZRL) and whose code length plus
	// size fits in fastBits bits, the entry holds the already extended
	// coefficient in the high 16 bits, the run length in bits 8-11 and the
	// total number of bits (code plus additional bits) in the low 8 bits.
	// Other entries are 0.
	fastAC [1 << fastBits]int32
	// vals are the decoded values, sorted by their encoding.
	vals [maxNCodes]uint8
	// minCodes[i] is the minimum code of length i, or -1 if there are no
	// codes of that length.
	minCodes [maxCodeLength]int32
	// maxCodes[i] is the maximum code of length i, or -1 if there are no
	// codes of that length.
	maxCodes [maxCodeLength]int32
	// valsIndices[i] is the index into vals of minCodes[i].
	valsIndices [maxCodeLength]int32
}

// errShortHuffmanData means that an unexpected EOF occurred while decoding
// Huffman data.
var errShortHuffmanData = FormatError("short Huffman data")

// hasFF reports whether any of the 8 bytes of v is 0xff.
func hasFF(v uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	// The classic "has zero byte" test, applied to ^v.
	return (^v-lo)&v&hi != 0
}

// refill loads bytes into the bit accumulator until it holds at least 57
// bits, or until the entropy-coded segment ends (at a marker, EOF or read
// error), in which case d.bits.end is set. It is a no-op once d.bits.end is
// set.
func (d *decoder) refill() {
	if d.bits.end || d.bits.n > 56 {
		return
	}
	// Fast path: the next 8 bytes are buffered and none of them is 0xff, so
	// that there is no byte stuffing and no marker to take care of.
	if i := d.bytes.i; i >= 0 && i+8 <= d.bytes.j && i+8 <= len(d.bytes.buf) {
		v := binary.BigEndian.Uint64(d.bytes.buf[i : i+8])
		if !hasFF(v) {
			n := d.bits.n & 63
			d.bits.a |= v >> n
			k := (63 - n) >> 3
			d.bytes.i = i + int(k)
			d.bits.n = n + k<<3
			return
		}
	}
	d.refillSlow()
}

// refillSlow is refill's byte-at-a-time path, which handles byte stuffing,
// markers and the end of the buffered data.
func (d *decoder) refillSlow() {
	for d.bits.n <= 56 {
		if d.bytes.j-d.bytes.i < 2 && (d.bytes.i == d.bytes.j || d.bytes.buf[d.bytes.i] == 0xff) {
			// We need one more byte, or two for a possible 0xff00 pair.
			if err := d.fill(); err != nil {
				if err == io.ErrUnexpectedEOF {
					err = errShortHuffmanData
				}
				d.bits.end, d.bits.err = true, err
				return
			}
			continue
		}
		x := d.bytes.buf[d.bytes.i]
		if x != 0xff {
			d.bytes.i++
		} else if d.bytes.buf[d.bytes.i+1] == 0x00 {
			d.bytes.i += 2
		} else {
			// A marker: the entropy-coded segment has ended. The 0xff
			// byte is left unread.
			d.bits.end, d.bits.err = true, errMissingFF00
			return
		}
		d.bits.a |= uint64(x) << (56 - d.bits.n)
		d.bits.n += 8
	}
}

// receiveExtend is the composition of RECEIVE and EXTEND, specified in section
// F.2.2.1.
func (d *decoder) receiveExtend(t uint8) (int32, error) {
	if d.bits.n < uint32(t) {
		d.refill()
		if d.bits.n < uint32(t) {
			return 0, d.bits.err
		}
	}
	if t == 0 {
		return 0, nil
	}
	x := int32(d.bits.a >> (64 - t))
	d.bits.a <<= t
	d.bits.n -= uint32(t)
	if x < 1<<(t-1) {
		x += ((-1) << t) + 1
	}
	return x, nil
}

// processDHT processes a Define Huffman Table marker, and initializes a huffman
// struct from its contents. Specified in section B.2.4.2.
func (d *decoder) processDHT(n int) error {
	for n > 0 {
		if n < 17 {
			return FormatError("DHT has wrong length")
		}
		if err := d.readFull(d.tmp[:17]); err != nil {
			return err
		}
		tc := d.tmp[0] >> 4
		if tc > maxTc {
			return FormatError("bad Tc value")
		}
		th := d.tmp[0] & 0x0f
		// The baseline th <= 1 restriction is specified in table B.5.
		if th > maxTh || (d.baseline && th > 1) {
			return FormatError("bad Th value")
		}
		h := &d.huff[tc][th]

		// Read nCodes and h.vals (and derive h.nCodes).
		// nCodes[i] is the number of codes with code length i.
		// h.nCodes is the total number of codes.
		h.nCodes = 0
		var nCodes [maxCodeLength]int32
		for i := range nCodes {
			nCodes[i] = int32(d.tmp[i+1])
			h.nCodes += nCodes[i]
		}
		if h.nCodes == 0 {
			return FormatError("Huffman table has zero length")
		}
		if h.nCodes > maxNCodes {
			return FormatError("Huffman table has excessive length")
		}
		n -= int(h.nCodes) + 17
		if n < 0 {
			return FormatError("DHT has wrong length")
		}
		if err := d.readFull(h.vals[:h.nCodes]); err != nil {
			return err
		}

		// Derive image/jpeg's 8-bit look-up table, exactly as it does.
		var lut [1 << lutSize]uint16
		var x, code uint32
		for i := uint32(0); i < lutSize; i++ {
			code <<= 1
			for j := int32(0); j < nCodes[i]; j++ {
				// The codeLength is 1+i, so shift code by 8-(1+i) to
				// calculate the high bits for every 8-bit sequence
				// whose codeLength's high bits matches code.
				// The high 8 bits of lutValue are the encoded value.
				// The low 8 bits are 1 plus the codeLength.
				base := uint8(code << (7 - i))
				lutValue := uint16(h.vals[x])<<8 | uint16(2+i)
				for k := uint8(0); k < 1<<(7-i); k++ {
					lut[base|k] = lutValue
				}
				code++
				x++
			}
		}

		// Derive minCodes, maxCodes, and valsIndices.
		var c, index int32
		for i, n := range nCodes {
			if n == 0 {
				h.minCodes[i] = -1
				h.maxCodes[i] = -1
				h.valsIndices[i] = -1
			} else {
				h.minCodes[i] = c
				h.maxCodes[i] = c + n - 1
				h.valsIndices[i] = index
				c += n
				index += n
			}
			c <<= 1
		}

		h.buildFast(&lut, tc == acTable)
	}
	return nil
}

// buildFast derives h.fast (and, for AC tables, h.fastAC) from image/jpeg's
// 8-bit look-up table lut and from h's code tables, such that a fast
// look-up gives the same result as image/jpeg's decodeHuffman does when it
// has at least 8 bits available.
func (h *huffman) buildFast(lut *[1 << lutSize]uint16, ac bool) {
	for p := range h.fast {
		h.fast[p] = 0
		if v := lut[p>>(fastBits-lutSize)]; v != 0 {
			h.fast[p] = v&0xff00 | (v&0xff - 1)
			continue
		}
		// image/jpeg falls back to its bit-by-bit search (from the first
		// bit) when its 8-bit table has no entry. Run that search on the
		// fastBits bits of p.
		code := int32(0)
		for i := 0; i < fastBits; i++ {
			code |= int32(p>>(fastBits-1-i)) & 1
			if code <= h.maxCodes[i] {
				if idx := h.valsIndices[i] + code - h.minCodes[i]; 0 <= idx && idx < maxNCodes {
					h.fast[p] = uint16(h.vals[idx])<<8 | uint16(i+1)
				}
				break
			}
			code <<= 1
		}
	}
	if !ac {
		return
	}
	for p := range h.fastAC {
		h.fastAC[p] = 0
		e := h.fast[p]
		if e == 0 {
			continue
		}
		l := uint32(e & 0xff)
		run, size := uint32(e>>12), uint32(e>>8)&0x0f
		if size == 0 || l+size > fastBits {
			continue
		}
		x := int32(p>>(fastBits-l-size)) & (1<<size - 1)
		if x < 1<<(size-1) {
			x += ((-1) << size) + 1
		}
		h.fastAC[p] = x<<16 | int32(run<<8) | int32(l+size)
	}
}

// decodeHuffman returns the next Huffman-coded value from the bit-stream,
// decoded according to h. Its results, including errors, are the same as
// image/jpeg's decodeHuffman.
func (d *decoder) decodeHuffman(h *huffman) (uint8, error) {
	if h.nCodes == 0 {
		return 0, FormatError("uninitialized Huffman table")
	}
	if d.bits.n < maxCodeLength {
		d.refill()
		if d.bits.n < lutSize {
			// There are no more bytes of data in this segment, but we may
			// still be able to read the next symbol out of the previously
			// read bits.
			if d.bits.err != errMissingFF00 && d.bits.err != errShortHuffmanData {
				return 0, d.bits.err
			}
			return d.slowHuffman(h)
		}
	}
	if e := h.fast[d.bits.a>>(64-fastBits)]; e != 0 {
		n := uint32(e & 0xff)
		if n > d.bits.n {
			// Only possible at the end of the segment: image/jpeg would
			// have run out of bits reading this code.
			return 0, d.bits.err
		}
		d.bits.a <<= n
		d.bits.n -= n
		return uint8(e >> 8), nil
	}
	return d.slowHuffman(h)
}

// slowHuffman decodes a Huffman code bit by bit, like the slow path of
// image/jpeg's decodeHuffman.
func (d *decoder) slowHuffman(h *huffman) (uint8, error) {
	if h.nCodes == 0 {
		return 0, FormatError("uninitialized Huffman table")
	}
	for i, code := 0, int32(0); i < maxCodeLength; i++ {
		if d.bits.n == 0 {
			d.refill()
			if d.bits.n == 0 {
				return 0, d.bits.err
			}
		}
		code |= int32(d.bits.a >> 63)
		d.bits.a <<= 1
		d.bits.n--
		if code <= h.maxCodes[i] {
			idx := h.valsIndices[i] + code - h.minCodes[i]
			if idx < 0 || idx >= maxNCodes {
				return 0, FormatError("bad Huffman code")
			}
			return h.vals[idx], nil
		}
		code <<= 1
	}
	return 0, FormatError("bad Huffman code")
}

// peekHuffman decodes a Huffman code, whose first fastBits bits are not in
// h.fast, from the bits of a, which must hold at least maxCodeLength valid
// bits. It returns the value and the code length.
func (h *huffman) peekHuffman(a uint64) (uint8, uint32, error) {
	if h.nCodes == 0 {
		return 0, 0, FormatError("uninitialized Huffman table")
	}
	for i, code := 0, int32(0); i < maxCodeLength; i++ {
		code |= int32(a >> 63)
		a <<= 1
		if code <= h.maxCodes[i] {
			idx := h.valsIndices[i] + code - h.minCodes[i]
			if idx < 0 || idx >= maxNCodes {
				return 0, 0, FormatError("bad Huffman code")
			}
			return h.vals[idx], uint32(i + 1), nil
		}
		code <<= 1
	}
	return 0, 0, FormatError("bad Huffman code")
}

func (d *decoder) decodeBit() (bool, error) {
	if d.bits.n == 0 {
		d.refill()
		if d.bits.n == 0 {
			return false, d.bits.err
		}
	}
	ret := d.bits.a>>63 != 0
	d.bits.a <<= 1
	d.bits.n--
	return ret, nil
}

func (d *decoder) decodeBits(n int32) (uint32, error) {
	if d.bits.n < uint32(n) {
		d.refill()
		if d.bits.n < uint32(n) {
			return 0, d.bits.err
		}
	}
	if n == 0 {
		return 0, nil
	}
	ret := uint32(d.bits.a >> (64 - n))
	d.bits.a <<= n
	d.bits.n -= uint32(n)
	return ret, nil
}
