// Copyright 2011 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jpegcodec

import (
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"io"
	mathbits "math/bits"
)

// The tables below are image/jpeg's (writer.go), unchanged: the same
// tables give the same bytes.

type quantIndex int

const (
	quantIndexLuminance quantIndex = iota
	quantIndexChrominance
	nQuantIndex
)

// unscaledQuant are the unscaled quantization tables in zig-zag order. Each
// encoder copies and scales the tables according to its quality parameter.
// The values are derived from section K.1 of the spec, after converting from
// natural to zig-zag order.
var unscaledQuant = [nQuantIndex][blockSize]byte{
	// Luminance.
	{
		16, 11, 12, 14, 12, 10, 16, 14,
		13, 14, 18, 17, 16, 19, 24, 40,
		26, 24, 22, 22, 24, 49, 35, 37,
		29, 40, 58, 51, 61, 60, 57, 51,
		56, 55, 64, 72, 92, 78, 64, 68,
		87, 69, 55, 56, 80, 109, 81, 87,
		95, 98, 103, 104, 103, 62, 77, 113,
		121, 112, 100, 120, 92, 101, 103, 99,
	},
	// Chrominance.
	{
		17, 18, 18, 24, 21, 24, 47, 26,
		26, 47, 99, 66, 56, 66, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
	},
}

type huffIndex int

const (
	huffIndexLuminanceDC huffIndex = iota
	huffIndexLuminanceAC
	huffIndexChrominanceDC
	huffIndexChrominanceAC
	nHuffIndex
)

// huffmanSpec specifies a Huffman encoding.
type huffmanSpec struct {
	// count[i] is the number of codes of length i+1 bits.
	count [16]byte
	// value[i] is the decoded value of the i'th codeword.
	value []byte
}

// theHuffmanSpec is the Huffman encoding of section K.3 of the spec, the
// one image/jpeg uses for every image.
var theHuffmanSpec = [nHuffIndex]huffmanSpec{
	// Luminance DC.
	{
		[16]byte{0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0},
		[]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
	},
	// Luminance AC.
	{
		[16]byte{0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 125},
		[]byte{
			0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12,
			0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
			0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08,
			0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
			0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16,
			0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
			0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39,
			0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
			0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
			0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
			0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79,
			0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
			0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98,
			0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
			0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6,
			0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
			0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4,
			0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
			0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
			0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
			0xf9, 0xfa,
		},
	},
	// Chrominance DC.
	{
		[16]byte{0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0},
		[]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
	},
	// Chrominance AC.
	{
		[16]byte{0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 119},
		[]byte{
			0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21,
			0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
			0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91,
			0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
			0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34,
			0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
			0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38,
			0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
			0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58,
			0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
			0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78,
			0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
			0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96,
			0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
			0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4,
			0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
			0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2,
			0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
			0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9,
			0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
			0xf9, 0xfa,
		},
	},
}

// huffmanLUT maps a value to its codeword: the 8 most significant bits
// hold the codeword size in bits, the 24 least significant bits the
// codeword (at most 16 bits).
type huffmanLUT [256]uint32

func (h *huffmanLUT) init(s huffmanSpec) {
	code, k := uint32(0), 0
	for i := 0; i < len(s.count); i++ {
		nBits := uint32(i+1) << 24
		for j := uint8(0); j < s.count[i]; j++ {
			h[s.value[k]] = nBits | code
			code++
			k++
		}
		code <<= 1
	}
}

// lutsOf compiles theHuffmanSpec; each encoder holds its own copy (2 KB),
// so that the package has no state set up at init.
func lutsOf() (l [nHuffIndex]huffmanLUT) {
	for i, s := range theHuffmanSpec {
		l[i].init(s)
	}
	return l
}

// bufferedWriter is what image/jpeg writes to without a bufio.Writer of
// its own, and flushes at the end.
type bufferedWriter interface {
	Flush() error
	io.Writer
	io.ByteWriter
}

// flushAt is how many bytes of output are gathered before they are
// written (checked after each row of blocks): the encoder's memory grows
// with a row's data, not with the picture's height.
const flushAt = 32 << 10

// encoder encodes an image to the JPEG format.
type encoder struct {
	w   io.Writer
	err error
	// out is output not written yet.
	out []byte
	// acc holds n bits of the entropy-coded data not yet in out, in its
	// n least significant bits (n < 32 between calls of emit).
	acc uint64
	n   uint
	// quant is the scaled quantization tables, in zig-zag order, as
	// written in the DQT marker.
	quant [nQuantIndex][blockSize]byte
	// div holds, in zig-zag order, each coefficient's divisor (8 times
	// its quantizer, the FDCT's output being scaled by 8) and the
	// multiplier that divides by it.
	div [nQuantIndex][blockSize]divisor
	lut [nHuffIndex]huffmanLUT
	// flatDC is the quantized DC coefficient of a block of one sample
	// value, once flatKnown.
	flatDC    [nQuantIndex][256]int32
	flatKnown [nQuantIndex][256]bool
}

// divisor divides by d, rounding to the nearest integer (halves away
// from zero) as image/jpeg's div does, with a multiplication instead of a
// division: for 0 <= n < 1<<16, n/d == n*mul>>32 when mul is
// floor(2**32/d)+1 and d < 1<<11 (the error n*(mul*d - 2**32) stays below
// 2**32; TestDivisorIsExact checks every n and d).
type divisor struct {
	half int32 // d/2
	mul  uint64
}

func newDivisor(d int32) divisor {
	return divisor{half: d >> 1, mul: 1<<32/uint64(d) + 1}
}

// quantize returns a/d rounded to the nearest integer. |a| < 1<<14: the
// FDCT's output for 8-bit samples.
func (v divisor) quantize(a int32) int32 {
	sign := a >> 31 // 0 or -1: no branch on the sign
	n := (a ^ sign) - sign
	q := int32(uint64(n+v.half) * v.mul >> 32)
	return (q ^ sign) - sign
}

// write appends p to the output.
func (e *encoder) write(p []byte) { e.out = append(e.out, p...) }

// flushOut writes the gathered output if there is enough of it, or all
// of it when final.
func (e *encoder) flushOut(final bool) {
	if e.err != nil {
		e.out = e.out[:0]
		return
	}
	if len(e.out) == 0 || (!final && len(e.out) < flushAt) {
		return
	}
	_, e.err = e.w.Write(e.out)
	e.out = e.out[:0]
}

// emit emits the least significant nBits bits of bits to the bit-stream,
// a 0x00 after each 0xff byte. The precondition is bits < 1<<nBits and
// nBits <= 32 (with fewer than 32 bits held, acc never overflows).
func (e *encoder) emit(bits uint32, nBits uint) {
	e.acc = e.acc<<nBits | uint64(bits)
	e.n += nBits
	if e.n < 32 {
		return
	}
	// Four bytes at once when none of them is 0xff (no byte of ^v is
	// zero; the test for a zero byte from Hacker's Delight, exact as a
	// yes or no).
	v := uint32(e.acc >> (e.n - 32))
	if x := ^v; (x-0x01010101)&^x&0x80808080 == 0 {
		e.out = append(e.out, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
		e.n -= 32
		return
	}
	e.emitBytes()
}

// emitBytes moves every whole byte of acc to out.
func (e *encoder) emitBytes() {
	for e.n >= 8 {
		b := byte(e.acc >> (e.n - 8))
		e.out = append(e.out, b)
		if b == 0xff {
			e.out = append(e.out, 0x00)
		}
		e.n -= 8
	}
}

// emitHuff emits the given value with the given Huffman encoder.
func (e *encoder) emitHuff(h huffIndex, value int32) {
	x := e.lut[h][value]
	e.emit(x&(1<<24-1), uint(x>>24))
}

// emitHuffRLE emits a run of runLength zeros and then value, encoded with
// the given Huffman encoder: the codeword of (run, size) and the value's
// size bits, in one emit.
func (e *encoder) emitHuffRLE(h huffIndex, runLength, value int32) {
	a, b := value, value
	if a < 0 {
		a, b = -value, value-1
	}
	nBits := uint(mathbits.Len32(uint32(a)))
	x := e.lut[h][runLength<<4|int32(nBits)]
	e.emit((x&(1<<24-1))<<nBits|uint32(b)&(1<<nBits-1), uint(x>>24)+nBits)
}

// writeMarkerHeader writes the header for a marker with the given length.
func (e *encoder) writeMarkerHeader(marker uint8, markerlen int) {
	e.write([]byte{0xff, marker, uint8(markerlen >> 8), uint8(markerlen & 0xff)})
}

// writeDQT writes the Define Quantization Table marker.
func (e *encoder) writeDQT() {
	const markerlen = 2 + int(nQuantIndex)*(1+blockSize)
	e.writeMarkerHeader(dqtMarker, markerlen)
	for i := range e.quant {
		e.write([]byte{uint8(i)})
		e.write(e.quant[i][:])
	}
}

// writeSOF0 writes the Start Of Frame (Baseline Sequential) marker.
func (e *encoder) writeSOF0(size image.Point, nComponent int) {
	markerlen := 8 + 3*nComponent
	e.writeMarkerHeader(sof0Marker, markerlen)
	buf := []byte{8, // 8-bit color.
		uint8(size.Y >> 8), uint8(size.Y & 0xff), uint8(size.X >> 8), uint8(size.X & 0xff), uint8(nComponent)}
	if nComponent == 1 {
		// No subsampling for grayscale image.
		buf = append(buf, 1, 0x11, 0x00)
	} else {
		for i := 0; i < nComponent; i++ {
			// We use 4:2:0 chroma subsampling.
			buf = append(buf, uint8(i+1), "\x22\x11\x11"[i], "\x00\x01\x01"[i])
		}
	}
	e.write(buf)
}

// writeDHT writes the Define Huffman Table marker.
func (e *encoder) writeDHT(nComponent int) {
	markerlen := 2
	specs := theHuffmanSpec[:]
	if nComponent == 1 {
		// Drop the Chrominance tables.
		specs = specs[:2]
	}
	for _, s := range specs {
		markerlen += 1 + 16 + len(s.value)
	}
	e.writeMarkerHeader(dhtMarker, markerlen)
	for i, s := range specs {
		e.write([]byte{"\x00\x10\x01\x11"[i]})
		e.write(s.count[:])
		e.write(s.value)
	}
}

// writeBlock writes a block of pixel data using the given quantization table,
// returning the post-quantized DC value of the DCT-transformed block. b is in
// natural (not zig-zag) order.
func (e *encoder) writeBlock(b *block, q quantIndex, prevDC int32) int32 {
	if v, ok := flat(b); ok {
		return e.writeFlat(v, q, prevDC)
	}
	fdct(b)
	div := &e.div[q]
	// Emit the DC delta.
	dc := div[0].quantize(b[0])
	e.emitHuffRLE(huffIndex(2*q+0), 0, dc-prevDC)
	// Emit the AC components.
	h, runLength := huffIndex(2*q+1), int32(0)
	for zig := 1; zig < blockSize; zig++ {
		ac := div[zig].quantize(b[unzig[zig]&(blockSize-1)])
		if ac == 0 {
			runLength++
		} else {
			for runLength > 15 {
				e.emitHuff(h, 0xf0)
				runLength -= 16
			}
			e.emitHuffRLE(h, runLength, ac)
			runLength = 0
		}
	}
	if runLength > 0 {
		e.emitHuff(h, 0x00)
	}
	return dc
}

// writeFlat writes a block whose 64 samples are all v (white paper): the
// FDCT of such a block is its DC coefficient alone (every difference the
// transform takes is zero), the same for every such block, so it is
// computed once per value; then an end of block.
func (e *encoder) writeFlat(v uint8, q quantIndex, prevDC int32) int32 {
	dc, known := e.flatDC[q][v], e.flatKnown[q][v]
	if !known {
		var b block
		for i := range b {
			b[i] = int32(v)
		}
		fdct(&b)
		dc = e.div[q][0].quantize(b[0])
		e.flatDC[q][v], e.flatKnown[q][v] = dc, true
	}
	e.emitHuffRLE(huffIndex(2*q+0), 0, dc-prevDC)
	e.emitHuff(huffIndex(2*q+1), 0x00)
	return dc
}

// uniformRGBA reports whether every pixel of the 16x16 region of m at
// (xs, ys) has the same red, green, blue and alpha bytes, and returns
// the first pixel.
func uniformRGBA(m *image.RGBA, xs, ys *[16]int) ([]uint8, bool) {
	first := m.Pix[(ys[0]-m.Rect.Min.Y)*m.Stride+(xs[0]-m.Rect.Min.X)*4:]
	first = first[:4:4]
	want := binary.LittleEndian.Uint32(first)
	want2 := uint64(want) | uint64(want)<<32
	contiguous := xs[15] == xs[0]+15
	for j := 0; j < 16; j++ {
		row := m.Pix[(ys[j]-m.Rect.Min.Y)*m.Stride:]
		if contiguous {
			run := row[(xs[0]-m.Rect.Min.X)*4:]
			run = run[:64:64]
			for i := 0; i < 64; i += 8 {
				if binary.LittleEndian.Uint64(run[i:]) != want2 {
					return nil, false
				}
			}
			continue
		}
		for i := 0; i < 16; i++ {
			if binary.LittleEndian.Uint32(row[(xs[i]-m.Rect.Min.X)*4:]) != want {
				return nil, false
			}
		}
	}
	return first, true
}

// flat says whether every sample of b is the same, and which.
func flat(b *block) (uint8, bool) {
	v := b[0]
	for _, x := range b[1:] {
		if x != v {
			return 0, false
		}
	}
	return uint8(v), true
}

// sosHeaderY and sosHeaderYCbCr are image/jpeg's Start Of Scan markers for
// one and three components.
var (
	sosHeaderY = []byte{
		0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
	}
	sosHeaderYCbCr = []byte{
		0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02,
		0x11, 0x03, 0x11, 0x00, 0x3f, 0x00,
	}
)

// mcu holds a 16x16 region's samples at full resolution, in raster order.
type mcu struct {
	y, cb, cr [256]int32
}

// clamped fills at[0:n] with start, start+1, ... each at most last: the
// edge pixels are repeated past the image's edge, as image/jpeg does.
func clamped(at []int, start, last int) {
	for i := range at {
		at[i] = min(start+i, last)
	}
}

// rgbaSamples converts the 16x16 region of m at (x, y) to YCbCr: for each
// pixel what color.RGBToYCbCr returns, inlined. A pixel the colour of the
// one before it (most of a drawn page) reuses its values.
func (s *mcu) rgbaSamples(m *image.RGBA, xs, ys *[16]int) {
	last, yy, cb, cr := uint32(1<<24), int32(0), int32(0), int32(0) // no pixel's key
	for j := 0; j < 16; j++ {
		row := m.Pix[(ys[j]-m.Rect.Min.Y)*m.Stride:]
		for i := 0; i < 16; i++ {
			p := row[(xs[i]-m.Rect.Min.X)*4:]
			p = p[:3:3]
			if key := uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2]); key != last {
				last = key
				yy, cb, cr = rgbToYCbCr(p[0], p[1], p[2])
			}
			k := 16*j + i
			s.y[k], s.cb[k], s.cr[k] = yy, cb, cr
		}
	}
}

// rgbToYCbCr is color.RGBToYCbCr, its results as int32.
func rgbToYCbCr(r, g, b uint8) (int32, int32, int32) {
	r1, g1, b1 := int32(r), int32(g), int32(b)
	yy := (19595*r1 + 38470*g1 + 7471*b1 + 1<<15) >> 16
	cb := -11056*r1 - 21712*g1 + 32768*b1 + 257<<15
	if uint32(cb)&0xff000000 == 0 {
		cb >>= 16
	} else {
		cb = ^(cb >> 31)
	}
	cr := 32768*r1 - 27440*g1 - 5328*b1 + 257<<15
	if uint32(cr)&0xff000000 == 0 {
		cr >>= 16
	} else {
		cr = ^(cr >> 31)
	}
	return int32(uint8(yy)), int32(uint8(cb)), int32(uint8(cr))
}

// ycbcrSamples copies the 16x16 region of m at (x, y).
func (s *mcu) ycbcrSamples(m *image.YCbCr, xs, ys *[16]int) {
	var cx, cy [16]int
	for i := range 16 {
		cx[i], cy[i] = chromaCol(m, xs[i]), chromaRow(m, ys[i])
	}
	for j := 0; j < 16; j++ {
		yrow := m.Y[(ys[j]-m.Rect.Min.Y)*m.YStride:]
		cb, cr := m.Cb[cy[j]:], m.Cr[cy[j]:]
		for i := 0; i < 16; i++ {
			k := 16*j + i
			s.y[k] = int32(yrow[xs[i]-m.Rect.Min.X])
			s.cb[k], s.cr[k] = int32(cb[cx[i]]), int32(cr[cx[i]])
		}
	}
}

// chromaRow and chromaCol split image.YCbCr.COffset(x, y) into its row
// and column terms (it is their sum for every subsampling ratio).
func chromaRow(m *image.YCbCr, y int) int {
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio410:
		return (y/2 - m.Rect.Min.Y/2) * m.CStride
	}
	return (y - m.Rect.Min.Y) * m.CStride
}

func chromaCol(m *image.YCbCr, x int) int {
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420:
		return x/2 - m.Rect.Min.X/2
	case image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410:
		return x/4 - m.Rect.Min.X/4
	}
	return x - m.Rect.Min.X
}

// anySamples converts the 16x16 region of any image through its colour
// model, as image/jpeg's toYCbCr does.
func (s *mcu) anySamples(m image.Image, xs, ys *[16]int) {
	for j := 0; j < 16; j++ {
		for i := 0; i < 16; i++ {
			r, g, b, _ := m.At(xs[i], ys[j]).RGBA()
			yy, cb, cr := color.RGBToYCbCr(uint8(r>>8), uint8(g>>8), uint8(b>>8))
			k := 16*j + i
			s.y[k], s.cb[k], s.cr[k] = int32(yy), int32(cb), int32(cr)
		}
	}
}

// lumaBlock copies the 8x8 quarter i (0: top left, 1: top right, 2:
// bottom left, 3: bottom right) of the region's Y samples into b.
func (s *mcu) lumaBlock(b *block, i int) {
	off := (i&2)*64 + (i&1)*8
	for j := 0; j < 8; j++ {
		copy(b[8*j:8*j+8], s.y[off+16*j:off+16*j+8])
	}
}

// chromaBlock averages each 2x2 square of the region's chroma samples c
// into b, rounding as image/jpeg's scale does.
func chromaBlock(b *block, c *[256]int32) {
	for y := 0; y < 8; y++ {
		r0 := c[32*y : 32*y+16]
		r1 := c[32*y+16 : 32*y+32]
		for x := 0; x < 8; x++ {
			b[8*y+x] = (r0[2*x] + r0[2*x+1] + r1[2*x] + r1[2*x+1] + 2) >> 2
		}
	}
}

// writeSOS writes the StartOfScan marker and the entropy-coded data.
func (e *encoder) writeSOS(m image.Image) {
	bounds := m.Bounds()
	xmax, ymax := bounds.Max.X-1, bounds.Max.Y-1
	var b block
	if g, ok := m.(*image.Gray); ok {
		e.write(sosHeaderY)
		var prevDCY int32
		var xs, ys [8]int
		for y := bounds.Min.Y; y < bounds.Max.Y; y += 8 {
			clamped(ys[:], y, ymax)
			for x := bounds.Min.X; x < bounds.Max.X; x += 8 {
				clamped(xs[:], x, xmax)
				for j := 0; j < 8; j++ {
					row := g.Pix[(ys[j]-g.Rect.Min.Y)*g.Stride:]
					for i := 0; i < 8; i++ {
						b[8*j+i] = int32(row[xs[i]-g.Rect.Min.X])
					}
				}
				prevDCY = e.writeBlock(&b, 0, prevDCY)
			}
			e.flushOut(false)
		}
		e.padAndFlushBits()
		return
	}
	e.write(sosHeaderYCbCr)
	rgba, _ := m.(*image.RGBA)
	ycbcr, _ := m.(*image.YCbCr)
	var (
		s                           mcu
		xs, ys                      [16]int
		prevDCY, prevDCCb, prevDCCr int32
	)
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 16 {
		clamped(ys[:], y, ymax)
		for x := bounds.Min.X; x < bounds.Max.X; x += 16 {
			clamped(xs[:], x, xmax)
			switch {
			case rgba != nil:
				if p, ok := uniformRGBA(rgba, &xs, &ys); ok {
					// One colour (white paper): six flat blocks. A 2x2
					// average of equal samples is that sample.
					yy, cb, cr := rgbToYCbCr(p[0], p[1], p[2])
					for range 4 {
						prevDCY = e.writeFlat(uint8(yy), 0, prevDCY)
					}
					prevDCCb = e.writeFlat(uint8(cb), 1, prevDCCb)
					prevDCCr = e.writeFlat(uint8(cr), 1, prevDCCr)
					continue
				}
				s.rgbaSamples(rgba, &xs, &ys)
			case ycbcr != nil:
				s.ycbcrSamples(ycbcr, &xs, &ys)
			default:
				s.anySamples(m, &xs, &ys)
			}
			for i := 0; i < 4; i++ {
				s.lumaBlock(&b, i)
				prevDCY = e.writeBlock(&b, 0, prevDCY)
			}
			chromaBlock(&b, &s.cb)
			prevDCCb = e.writeBlock(&b, 1, prevDCCb)
			chromaBlock(&b, &s.cr)
			prevDCCr = e.writeBlock(&b, 1, prevDCCr)
		}
		e.flushOut(false)
	}
	e.padAndFlushBits()
}

// padAndFlushBits pads the last byte with 1's: the whole bytes of seven
// 1 bits after the data are written, the rest dropped, as image/jpeg does.
func (e *encoder) padAndFlushBits() {
	e.acc = e.acc<<7 | 0x7f
	e.n += 7
	e.emitBytes()
	e.n = 0
}

// DefaultQuality is the default quality encoding parameter.
const DefaultQuality = 75

// Options are the encoding parameters.
// Quality ranges from 1 to 100 inclusive, higher is better.
type Options struct {
	Quality int
}

// Encode writes the Image m to w in JPEG 4:2:0 baseline format with the
// given options, byte for byte what image/jpeg's Encode writes. Default
// parameters are used if a nil *Options is passed. If w is a buffered
// writer (Flush, Write and WriteByte: a *bufio.Writer), it is flushed at
// the end, as image/jpeg does.
func Encode(w io.Writer, m image.Image, o *Options) error {
	b := m.Bounds()
	if b.Dx() >= 1<<16 || b.Dy() >= 1<<16 {
		return errors.New("jpeg: image is too large to encode")
	}
	e := encoder{w: w, out: make([]byte, 0, flushAt+4096), lut: lutsOf()}
	// Clip quality to [1, 100].
	quality := DefaultQuality
	if o != nil {
		quality = o.Quality
		if quality < 1 {
			quality = 1
		} else if quality > 100 {
			quality = 100
		}
	}
	// Convert from a quality rating to a scaling factor.
	var scale int
	if quality < 50 {
		scale = 5000 / quality
	} else {
		scale = 200 - quality*2
	}
	// Initialize the quantization tables.
	for i := range e.quant {
		for j := range e.quant[i] {
			x := int(unscaledQuant[i][j])
			x = (x*scale + 50) / 100
			if x < 1 {
				x = 1
			} else if x > 255 {
				x = 255
			}
			e.quant[i][j] = uint8(x)
			e.div[i][j] = newDivisor(8 * int32(x))
		}
	}
	nComponent := 3
	if _, ok := m.(*image.Gray); ok {
		nComponent = 1
	}
	// Start Of Image, tables, frame, scan, End Of Image.
	e.write([]byte{0xff, 0xd8})
	e.writeDQT()
	e.writeSOF0(b.Size(), nComponent)
	e.writeDHT(nComponent)
	e.writeSOS(m)
	e.write([]byte{0xff, 0xd9})
	e.flushOut(true)
	if f, ok := w.(bufferedWriter); ok && e.err == nil {
		e.err = f.Flush()
	}
	return e.err
}
