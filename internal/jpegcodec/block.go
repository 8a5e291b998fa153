// Portions copyright 2012 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jpegcodec

import "encoding/binary"

// decodeBlock decodes one block of a sequential-mode (baseline or extended)
// scan: the DC difference, added to *dc, and the AC coefficients. The
// coefficients are stored into b in natural order, already multiplied by
// the quantization table qt (which is in zig-zag order). Only the
// coefficients present in the stream are written, so the caller must have
// cleared b (or at least the part of it that it uses).
//
// This is the hot loop of the decoder. It is image/jpeg's per-block code
// from processSOS, decodeHuffman and receiveExtend, rewritten to keep the
// bit accumulator in local variables and to decode a symbol with one or two
// table look-ups. As long as at least minBits bits are available it needs
// no checks beyond "are there minBits bits"; near the end of an
// entropy-coded segment it hands over to decodeBlockSlow, which mirrors
// image/jpeg step by step (including its errors).
func (d *decoder) decodeBlock(b *block, dch, ach *huffman, dc *int32, qt *block) error {
	a, n := d.bits.a, d.bits.n
	if n < minBits {
		d.refill()
		a, n = d.bits.a, d.bits.n
		if n < minBits {
			return d.decodeBlockSlow(b, dch, ach, dc, qt, 0)
		}
	}

	// The DC coefficient, as specified in section F.2.2.1.
	var t uint32
	if e := dch.fast[a>>(64-fastBits)]; e != 0 {
		l := uint32(e) & 0xff
		a <<= l
		n -= l
		t = uint32(e >> 8)
	} else {
		v, l, err := dch.peekHuffman(a)
		if err != nil {
			return err
		}
		a <<= l
		n -= l
		t = uint32(v)
	}
	if t > 16 {
		return UnsupportedError("excessive DC component")
	}
	if t != 0 {
		x := int32(a >> (64 - t))
		a <<= t
		n -= t
		if x < 1<<(t-1) {
			x += ((-1) << t) + 1
		}
		*dc += x
	}
	b[0] = *dc * qt[0]

	if d.eobRun > 0 {
		d.eobRun--
		d.bits.a, d.bits.n = a, n
		return nil
	}

	// The AC coefficients, as specified in section F.2.2.2.
	for k := uint32(1); k < blockSize; k++ {
		if n < minBits {
			// refill's fast path, inlined. (When d.bits.end is set, the
			// next byte is a marker's 0xff or fewer than 8 bytes are
			// buffered, so the fast path is never taken.)
			if i := d.bytes.i; i >= 0 && i+8 <= d.bytes.j && i+8 <= len(d.bytes.buf) {
				if v := binary.BigEndian.Uint64(d.bytes.buf[i : i+8]); !hasFF(v) {
					n &= 63
					a |= v >> n
					r := (63 - n) >> 3
					d.bytes.i = i + int(r)
					n += r << 3
					goto refilled
				}
			}
			d.bits.a, d.bits.n = a, n
			d.refill()
			a, n = d.bits.a, d.bits.n
			if n < minBits {
				return d.decodeBlockSlow(b, dch, ach, dc, qt, k)
			}
		}
	refilled:
		p := a >> (64 - fastBits)
		if fa := ach.fastAC[p]; fa != 0 {
			// A short code and a small coefficient: both in one look-up.
			if kk := k + uint32(fa>>8)&0x0f; kk < blockSize {
				l := uint32(fa) & 0xff
				a <<= l
				n -= l
				b[unzig[kk]&(blockSize-1)] = (fa >> 16) * qt[kk]
				k = kk
				continue
			}
		}
		var v uint32
		if e := ach.fast[p]; e != 0 {
			l := uint32(e) & 0xff
			a <<= l
			n -= l
			v = uint32(e >> 8)
		} else {
			v8, l, err := ach.peekHuffman(a)
			if err != nil {
				return err
			}
			a <<= l
			n -= l
			v = uint32(v8)
		}
		val0, val1 := v>>4, v&0x0f
		if val1 != 0 {
			k += val0
			if k >= blockSize {
				break
			}
			x := int32(a >> (64 - val1))
			a <<= val1
			n -= val1
			if x < 1<<(val1-1) {
				x += ((-1) << val1) + 1
			}
			b[unzig[k]&(blockSize-1)] = x * qt[k]
		} else {
			if val0 != 0x0f {
				// End of block, possibly with an end-of-band run (only
				// meaningful in progressive mode, but image/jpeg accepts
				// it in sequential mode too).
				r := uint16(1) << val0
				if val0 != 0 {
					r |= uint16(a >> (64 - val0))
					a <<= val0
					n -= val0
				}
				d.eobRun = r - 1
				break
			}
			k += 0x0f // ZRL: a run of 16 zeroes.
		}
	}
	d.bits.a, d.bits.n = a, n
	return nil
}

// decodeBlockSlow continues decoding a sequential-mode block from zig-zag
// index k (0 meaning the DC coefficient has not been decoded yet) with the
// generic bit reader methods, exactly like image/jpeg's processSOS.
func (d *decoder) decodeBlockSlow(b *block, dch, ach *huffman, dc *int32, qt *block, k uint32) error {
	if k == 0 {
		value, err := d.decodeHuffman(dch)
		if err != nil {
			return err
		}
		if value > 16 {
			return UnsupportedError("excessive DC component")
		}
		dcDelta, err := d.receiveExtend(value)
		if err != nil {
			return err
		}
		*dc += dcDelta
		b[0] = *dc * qt[0]
		if d.eobRun > 0 {
			d.eobRun--
			return nil
		}
		k = 1
	}
	for zig := int32(k); zig < blockSize; zig++ {
		value, err := d.decodeHuffman(ach)
		if err != nil {
			return err
		}
		val0 := value >> 4
		val1 := value & 0x0f
		if val1 != 0 {
			zig += int32(val0)
			if zig >= blockSize {
				break
			}
			ac, err := d.receiveExtend(val1)
			if err != nil {
				return err
			}
			b[unzig[zig]] = ac * qt[zig]
		} else {
			if val0 != 0x0f {
				d.eobRun = uint16(1 << val0)
				if val0 != 0 {
					bits, err := d.decodeBits(int32(val0))
					if err != nil {
						return err
					}
					d.eobRun |= uint16(bits)
				}
				d.eobRun--
				break
			}
			zig += 0x0f
		}
	}
	return nil
}
