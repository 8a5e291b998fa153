// Portions copyright 2009 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jpegcodec

// This file holds the output stage of reconstructBlock: image/jpeg's
// level shift and clamp for full-size blocks, and the reduced-size inverse
// DCTs used by DecodeScaled.
//
// Reduced-size IDCTs. For an N-point output (N = 8/denom), the N x N
// lowest-frequency coefficients F(v, u) (row v, column u) of a block are
// transformed with
//
//	g(x, y) = Σ_{u,v<N} ¼ C(u) C(v) F(v, u) cos((2x+1)uπ/2N) cos((2y+1)vπ/2N)
//
// with C(0) = 1/√2 and C(k) = 1 otherwise. This is the N-point IDCT of the
// coefficients rescaled by N/8, so that a flat block keeps its level: for
// N = 8 it is the usual JPEG IDCT. It is what libjpeg (jidctint.c,
// jpeg_idct_4x4 etc.) does for scale_num/scale_denom, and the integer
// arithmetic below follows it: 13-bit constants, 2 extra bits of precision
// between the passes, rounding before the final shift.

const (
	scaledConstBits = 13
	scaledPass1Bits = 2

	fix0_541196100 = 4433  // round(0.541196100 * 2^13)
	fix0_765366865 = 6270  // round(0.765366865 * 2^13)
	fix1_847759065 = 15137 // round(1.847759065 * 2^13)
)

// clamp returns c+128 clamped to [0, 255].
func clamp(c int32) uint8 {
	c += 128
	if uint32(c) > 255 {
		if c < 0 {
			return 0
		}
		return 255
	}
	return uint8(c)
}

// storeBlock8 level shifts by +128, clips to [0, 255] and writes the 8x8
// output of idct to dst, exactly as image/jpeg does.
func storeBlock8(b *block, dst []byte, stride int) {
	for y := 0; y < 8; y++ {
		row := dst[y*stride : y*stride+8 : y*stride+8]
		src := b[8*y : 8*y+8 : 8*y+8]
		for x := range row {
			c := src[x]
			if c < -128 {
				c = 0
			} else if c > 127 {
				c = 255
			} else {
				c += 128
			}
			row[x] = uint8(c)
		}
	}
}

// idct4 computes the 4x4 reduced IDCT of the dequantized coefficients b
// (natural order; only rows 0-3, columns 0-3 are used), and writes the
// level shifted, clamped result to dst.
func idct4(b *block, dst []byte, stride int) {
	var ws [16]int32
	// Pass 1: columns.
	for c := 0; c < 4; c++ {
		t0 := b[0*8+c]
		t2 := b[2*8+c]
		t10 := (t0 + t2) << scaledPass1Bits
		t12 := (t0 - t2) << scaledPass1Bits
		z2 := b[1*8+c]
		z3 := b[3*8+c]
		z1 := (z2+z3)*fix0_541196100 + 1<<(scaledConstBits-scaledPass1Bits-1)
		t0 = (z1 + z2*fix0_765366865) >> (scaledConstBits - scaledPass1Bits)
		t2 = (z1 - z3*fix1_847759065) >> (scaledConstBits - scaledPass1Bits)
		ws[0*4+c] = t10 + t0
		ws[3*4+c] = t10 - t0
		ws[1*4+c] = t12 + t2
		ws[2*4+c] = t12 - t2
	}
	// Pass 2: rows.
	const shift = scaledConstBits + scaledPass1Bits + 3
	for r := 0; r < 4; r++ {
		w := ws[4*r : 4*r+4 : 4*r+4]
		t0 := w[0] + 1<<(scaledPass1Bits+2) // Rounding.
		t2 := w[2]
		t10 := (t0 + t2) << scaledConstBits
		t12 := (t0 - t2) << scaledConstBits
		z2 := w[1]
		z3 := w[3]
		z1 := (z2 + z3) * fix0_541196100
		t0 = z1 + z2*fix0_765366865
		t2 = z1 - z3*fix1_847759065
		row := dst[r*stride : r*stride+4 : r*stride+4]
		row[0] = clamp((t10 + t0) >> shift)
		row[3] = clamp((t10 - t0) >> shift)
		row[1] = clamp((t12 + t2) >> shift)
		row[2] = clamp((t12 - t2) >> shift)
	}
}

// idct2 computes the 2x2 reduced IDCT of b[0], b[1], b[8] and b[9].
func idct2(b *block, dst []byte, stride int) {
	t4 := b[0] + 1<<2 // Rounding.
	t5 := b[8]
	t0 := t4 + t5
	t2 := t4 - t5
	t4 = b[1]
	t5 = b[9]
	t1 := t4 + t5
	t3 := t4 - t5
	r0 := dst[0:2:2]
	r0[0] = clamp((t0 + t1) >> 3)
	r0[1] = clamp((t0 - t1) >> 3)
	r1 := dst[stride : stride+2 : stride+2]
	r1[0] = clamp((t2 + t3) >> 3)
	r1[1] = clamp((t2 - t3) >> 3)
}

// idct1 computes the 1x1 reduced IDCT (the rounded block average) from the
// DC coefficient b[0].
func idct1(b *block, dst []byte) {
	dst[0] = clamp((b[0] + 1<<2) >> 3)
}
