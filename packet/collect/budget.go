package collect

import (
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"io"

	"github.com/gen2brain/heic"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
	"golang.org/x/sync/semaphore"

	"appealpacket/internal/jpegcodec"
	"appealpacket/packet/evidence"
)

// Memory is bounded by design, whatever the files: a file is read into
// memory only when it is a picture or a PDF under its size bound (any other
// file, or one over the bound, is hashed as a stream, a few KB at a time);
// and the files being read and decoded at once, by all workers together,
// never take more than Options.Memory bytes by estimate: a worker waits
// until the bytes its file needs (the file itself, plus what decoding it
// takes, estimated from its header) are free. A picture whose decoding
// alone would take more than the whole budget (a 16-bit RGBA PNG of 118 MP
// takes 950 MB) is read for its metadata but not decoded, and says so
// (PICTURE_NOT_SHOWN). The bounds are estimates of the decoders' largest
// allocations, on the high side.
const (
	// DefaultMemory is the default of Options.Memory.
	DefaultMemory = 256 << 20
	// MaxPictureBytes is the largest picture file read: a camera's JPEG
	// is under 50 MB, a phone's HEIC under 10 MB.
	MaxPictureBytes = 100 << 20
	// MaxPDFBytes is the largest PDF read: a certificate, letter or
	// invoice is well under 10 MB; a scan of 60 MB could not fit a packet
	// of 10 MB anyway.
	MaxPDFBytes = 64 << 20
	// pdfCost is the memory opening a PDF takes, per byte of the file
	// (the file, and the PDF library's copy of its objects and streams).
	pdfCost = 3
	// decodeOverhead covers the fixed costs of a picture's decoding: its
	// copy at display size, the fingerprint's, the master's buffers.
	decodeOverhead = 24 << 20
)

// budget is the memory the files being collected at once may take.
type budget struct {
	sem   *semaphore.Weighted
	total int64
}

func newBudget(total int64) *budget {
	return &budget{sem: semaphore.NewWeighted(total), total: total}
}

// acquire waits until n bytes (at most the total) are free and takes them.
func (b *budget) acquire(ctx context.Context, n int64) error {
	return b.sem.Acquire(ctx, min(max(n, 1), b.total))
}

func (b *budget) release(n int64) { b.sem.Release(min(max(n, 1), b.total)) }

// maxSide is the longest picture side costed as it is: longer sides (no
// format in use allows them, and no memory would hold them) cost hugeCost.
const (
	maxSide  = 1 << 20
	hugeCost = 1 << 50
)

// pictureHeader is what a picture's header says of its decoding.
type pictureHeader struct {
	Width, Height int
	// Cost is the memory, in bytes, decoding it at a display side takes,
	// by estimate (see decodeCost); 0 when the header could not be read.
	Cost int64
}

// decodeCost estimates, from the header of a picture of the given format
// (read through r, a file of size bytes), the memory decodeScaled takes to
// decode it with its long side scaled to side. ok is false when the
// header cannot be read: the decoder will then fail early, or take an
// unknown amount.
func decodeCost(format string, r io.ReaderAt, size int64, side int) (h pictureHeader, ok bool) {
	px := func(w, hh int) int64 { return int64(w) * int64(hh) }
	switch format {
	case "JPEG":
		f, ok := jpegFrame(r, size)
		if !ok {
			return h, false
		}
		h.Width, h.Height = f.width, f.height
		denom := int64(jpegcodec.ScaleFor(f.width, f.height, side))
		// The picture at its decoded scale (one byte a sample; 4 a pixel
		// when CMYK is turned into RGBA) and, for a progressive JPEG, the
		// coefficients of every block at full size (4 bytes a sample),
		// kept between scans.
		scaled := f.samples / (denom * denom)
		if f.components == 4 {
			scaled += 4 * px(f.width, f.height) / (denom * denom)
		}
		h.Cost = scaled
		if f.progressive {
			h.Cost += 4 * f.samples
		}
	case "PNG":
		var b [33]byte
		if _, err := r.ReadAt(b[:], 0); err != nil || string(b[12:16]) != "IHDR" {
			return h, false
		}
		h.Width, h.Height = int(binary.BigEndian.Uint32(b[16:])), int(binary.BigEndian.Uint32(b[20:]))
		depth, colour, interlaced := b[24], b[25], b[28] == 1
		// image/png decodes the whole picture at its own depth: grey and
		// palette pictures one byte a pixel (two at 16 bits), colour ones
		// four (eight at 16 bits); an interlaced one passes through a
		// second picture of the same size.
		bpp := int64(4)
		switch colour {
		case 0, 3:
			bpp = 1
		}
		if depth == 16 {
			bpp *= 2
		}
		h.Cost = px(h.Width, h.Height) * bpp
		if interlaced {
			h.Cost *= 2
		}
	default:
		w, hh, ok := configSize(format, r, size)
		if !ok {
			return h, false
		}
		h.Width, h.Height = w, hh
		// WebP and TIFF are decoded whole: at most 8 bytes a pixel (16-bit
		// RGBA), and as much again for the decoder's own buffers. HEIC is
		// decoded by libheif compiled to WebAssembly, whose memory grows by
		// copies: 14 bytes a pixel live at most, measured (170 MB for a
		// 12 MP photo).
		h.Cost = 16 * px(w, hh)
		if format == "HEIC" {
			h.Cost = 14 * px(w, hh)
		}
	}
	if h.Width <= 0 || h.Height <= 0 {
		return pictureHeader{}, false
	}
	if h.Width > maxSide || h.Height > maxSide {
		h.Cost = hugeCost // no decoder takes it; and no overflow below
	}
	h.Cost += decodeOverhead
	return h, true
}

// jpegFrameInfo is a JPEG's frame header.
type jpegFrameInfo struct {
	width, height, components int
	samples                   int64 // samples of all components, at full scale
	progressive               bool
}

// jpegFrame reads a JPEG's frame header, walking the segments before it
// through r without reading the file whole.
func jpegFrame(r io.ReaderAt, size int64) (jpegFrameInfo, bool) {
	var f jpegFrameInfo
	pos := int64(2)
	var seg [4]byte
	for steps := 0; pos+4 <= size && steps < 10_000; steps++ {
		if _, err := r.ReadAt(seg[:], pos); err != nil {
			return f, false
		}
		if seg[0] != 0xFF {
			return f, false
		}
		m := seg[1]
		if m == 0xFF { // fill byte
			pos++
			continue
		}
		n := int64(binary.BigEndian.Uint16(seg[2:]))
		switch {
		case m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC:
			var b [6 + 3*4]byte
			k, _ := r.ReadAt(b[:], pos+4)
			if k < 6 {
				return f, false
			}
			f.height, f.width = int(binary.BigEndian.Uint16(b[1:])), int(binary.BigEndian.Uint16(b[3:]))
			f.components = int(b[5])
			f.progressive = m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE
			if f.components < 1 || f.components > 4 || k < 6+3*f.components {
				return f, false
			}
			// Samples of each component: its share of the blocks, whole
			// blocks of 8×8 at its sampling factors.
			hmax, vmax := 1, 1
			for c := range f.components {
				s := b[6+3*c+1]
				hmax, vmax = max(hmax, int(s>>4)), max(vmax, int(s&15))
			}
			mcuW, mcuH := (f.width+8*hmax-1)/(8*hmax), (f.height+8*vmax-1)/(8*vmax)
			for c := range f.components {
				s := b[6+3*c+1]
				f.samples += int64(mcuW*int(s>>4)*8) * int64(mcuH*int(s&15)*8)
			}
			return f, f.width > 0 && f.height > 0
		case m == 0xD9 || m == 0xDA:
			return f, false // no frame header before the image data
		}
		pos += 2 + n
	}
	return f, false
}

// tooLarge is the error of a file over a size bound.
func tooLarge(rel, what string, size, bound int64) error {
	return fmt.Errorf("%s is %s, over the %s a %s may have: it was hashed but not read (save a smaller copy for the packet, and keep this file to send on request): %w",
		rel, humanBytes(size), humanBytes(bound), what, evidence.ErrTooLarge)
}

// humanBytes writes n as "955 MB", "12.5 MB" or "800 KB".
func humanBytes(n int64) string {
	switch {
	case n >= 100<<20:
		return fmt.Sprintf("%d MB", (n+(1<<19))>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// configSize reads the pixel size of a WebP, TIFF or HEIC picture from its
// header.
func configSize(format string, r io.ReaderAt, size int64) (w, h int, ok bool) {
	sr := io.NewSectionReader(r, 0, size)
	var cfg image.Config
	var err error
	switch format {
	case "HEIC":
		cfg, err = heic.DecodeConfig(sr)
	case "WEBP":
		cfg, err = webp.DecodeConfig(sr)
	case "TIFF":
		cfg, err = tiff.DecodeConfig(sr)
	default:
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, err == nil
}
