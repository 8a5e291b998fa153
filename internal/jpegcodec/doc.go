// Package jpegcodec is a JPEG decoder and encoder forked from the Go
// standard library's image/jpeg (Go 1.26: reader.go, huffman.go, scan.go,
// writer.go and dct.go), made faster for the two jobs a build does most:
// turning 12 MP camera photos into ~1600 px display copies, and encoding
// those copies and the pages drawn for picture-only upload forms.
//
// # Decoder
//
// What differs from image/jpeg, and why:
//
//   - DecodeScaled(r, denom) decodes at 1/2, 1/4 or 1/8 scale, like
//     libjpeg's scale_num/scale_denom. Each 8x8 block is reconstructed into
//     a (8/denom)x(8/denom) block by a reduced inverse DCT of its
//     lowest-frequency coefficients (DC only for denom 8), so the output is
//     ceil(W/denom) x ceil(H/denom) with the same image type and chroma
//     subsampling. This saves most of the IDCT, sample storing and memory
//     cost of a full decode followed by a downscale. Progressive images are
//     reconstructed the same way after their last scan. ScaleFor picks the
//     denominator for a target size.
//   - Entropy decoding is faster: a 64-bit bit accumulator refilled up to 8
//     bytes at a time (with a fast path when the next 8 bytes hold no 0xff,
//     i.e. no byte stuffing or marker), 10-bit Huffman look-up tables, a
//     combined look-up that yields both the run length and the value of
//     small AC coefficients, dequantization while decoding, and a
//     sequential-mode block decoder that keeps the bit state in registers.
//
// Everything else (marker parsing, supported features, colour handling,
// size limits: none beyond the 16-bit dimensions of the format) is image/jpeg's
// code. Decode and DecodeScaled(r, 1) return the same pixels as image/jpeg's
// Decode, and the same errors for malformed input: near the end of an
// entropy-coded segment (marker, EOF) the decoder falls back to a
// bit-by-bit path that mirrors image/jpeg, and after a scan it gives its
// look-ahead bytes back so that the following markers are parsed from the
// same position. Errors are this package's FormatError and
// UnsupportedError, whose messages equal image/jpeg's.
//
// Inherited limitations, kept for equality: progressive files with restart
// intervals in non-interleaved scans (e.g. libjpeg's cjpeg -progressive
// -restart with 4:2:0) are rejected with "missing 0xff00 sequence", and a
// progressive image's coefficients are held at full size (4 bytes per
// coefficient) whatever the scale.
//
// The package does not register itself with image.RegisterFormat.
//
// # Encoder
//
// Encode writes exactly what image/jpeg's Encode writes for the same
// picture and options (baseline, 4:2:0, the standard Huffman tables), so
// display copies, page pictures and test fixtures keep their bytes,
// hashes and sizes; it is 1.5 to 2 times as fast (BenchmarkEncode: a 1600 px
// photo, a page drawn at 200 dpi).
//
// What differs, and why:
//
//   - Quantization multiplies by a reciprocal instead of dividing (an
//     exact replacement for the coefficients an 8-bit picture gives).
//   - Bits are gathered 64 at a time and written four bytes at once when
//     none of them needs a stuffed zero; a Huffman codeword and its value
//     bits are emitted together.
//   - Output is gathered in a 32 KiB buffer and written in chunks, not a
//     byte at a time through a bufio.Writer.
//   - *image.RGBA, *image.YCbCr and *image.Gray pixels are read in a
//     16x16 region at a time with the colour conversion inlined, instead
//     of a method call per pixel; chroma is averaged straight from that
//     region; a pixel the colour of the one before it reuses its values.
//   - A block of one sample value (white paper, most of a drawn page) is
//     written from its DC coefficient, computed once per value, without
//     a DCT; a 16x16 region of one RGBA colour is six such blocks, its
//     pixels neither converted nor copied.
//
// Other picture types go through their colour model, as image/jpeg does.
// TestSameBytesAsImageJPEG and FuzzEncode compare the two encoders;
// TestForkedFromThisImageJPEG fails when the toolchain's image/jpeg
// changes, prompting a review of the fork.
//
// # License
//
// The code is derived from the Go standard library, Copyright 2009 The Go
// Authors, used under the BSD-style license in the LICENSE file of this
// directory (a copy of Go's LICENSE).
package jpegcodec
