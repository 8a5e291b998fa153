package collect

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // image.DecodeConfig: the size of a JPEG whose metadata has none
	_ "image/png"  // decoders for display copies
	"io"
	"runtime"

	"github.com/gen2brain/heic"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"appealpacket/internal/jpegcodec"
	"appealpacket/packet/atomicfile"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/match"
)

// keepOriginalBytes is the largest JPEG embedded as it is, without a
// display copy: a picture this small costs the packet less than a copy
// would gain.
const keepOriginalBytes = 1 << 20

// collectPicture reads a picture's metadata and, when hdr (its header, see
// decodeCost) says decoding it fits the memory budget, decodes it for its
// display copy and fingerprint.
func collectPicture(it *evidence.Item, data []byte, hdr pictureHeader, opts *Options) {
	meta, err := exif.Read(data)
	if err != nil {
		it.Notes = append(it.Notes, fmt.Sprintf("metadata: %v", err))
	}
	if meta != nil {
		it.Meta = meta
		it.Notes = append(it.Notes, meta.Warnings...)
	}
	w, h := 0, 0
	if meta != nil {
		w, h = meta.ImageWidth, meta.ImageHeight
	}
	if w <= 0 || h <= 0 {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			it.Err = undecodable(it, data, "its pixel size cannot be read", err)
			return
		}
		w, h = cfg.Width, cfg.Height
	}
	traces := exif.Examine(data)
	it.Dates = traces.Dates
	it.Originality = assessOriginality(it.Format, meta, traces, nil, nil)
	if hdr.Width > 0 {
		w, h = hdr.Width, hdr.Height // the decoder's own size, whatever the metadata says
	}
	if w*h > opts.MaxPixels {
		it.Notes = append(it.Notes, fmt.Sprintf("picture is %d×%d pixels, over the %d MP limit; not previewed", w, h, opts.MaxPixels/1_000_000))
		return
	}
	if need := int64(len(data)) + hdr.Cost; need > opts.budget.total {
		it.Notes = append(it.Notes, fmt.Sprintf("decoding this %d×%d picture would take about %s, over the %s of memory a build gives the files it reads at once; not previewed",
			w, h, humanBytes(hdr.Cost), humanBytes(opts.budget.total)))
		return
	}
	orientation := 1
	if meta != nil && meta.Orientation >= 1 && meta.Orientation <= 8 {
		orientation = meta.Orientation
	}
	if it.Format == "HEIC" {
		// libheif applies the container's rotation and mirroring (irot,
		// imir) while decoding, so the pixels come out upright; the EXIF
		// Orientation describes the same turn and must not be applied twice.
		orientation = 1
	}
	// The coefficients of a JPEG that claims to be a camera's are counted
	// while it is decoded, for the test of a second compression.
	var rq *requantStats
	if it.Format == "JPEG" && meta != nil && meta.HasEXIF {
		rq = &requantStats{}
	}
	img, err := decodeScaledBlocks(it.Format, data, opts, rq)
	if err != nil {
		it.Err = undecodable(it, data, "the picture cannot be decoded", err)
		return
	}
	it.Originality = assessOriginality(it.Format, meta, traces, img, rq)
	it.Fingerprint = match.Of(Upright(scale(img, 512), orientation))
	if it.Format == "JPEG" && len(data) <= keepOriginalBytes && max(w, h) <= opts.DisplaySide*5/4 {
		it.Display = &evidence.Display{File: it.Path.Abs, Width: w, Height: h, Orientation: orientation, Original: true}
		return
	}
	b := img.Bounds()
	d := &evidence.Display{Width: b.Dx(), Height: b.Dy(), Orientation: orientation}
	if opts.Masters {
		d.Master = masterName(opts.WorkDir, it.SHA256)
		if err := writeMaster(d.Master, img); err != nil {
			it.Notes = append(it.Notes, fmt.Sprintf("cannot keep a preview: %v", err))
			d.Master = ""
		}
	}
	it.Display = d
}

// undecodable is the error of a picture that cannot be decoded: a valid
// picture of a kind appealpacket does not draw (named, and wrapping
// ErrWrongType), else a damaged one.
func undecodable(it *evidence.Item, data []byte, what string, err error) error {
	if kind := unsupportedKind(it.Format, data); kind != "" {
		return fmt.Errorf("%s cannot be shown, not supported: %s (save a copy as an ordinary JPEG or PNG for the packet, and keep this file to send on request): %w",
			it.Path.Rel, kind, evidence.ErrWrongType)
	}
	return fmt.Errorf("%s is damaged or truncated: %s (%v)", it.Path.Rel, what, err)
}

// unsupportedKind names a valid picture of a kind the decoders do not
// take, from its headers: JPEG coding processes other than 8-bit Huffman
// (12-bit, arithmetic, lossless, hierarchical) and animated WebP; "" for
// any other.
func unsupportedKind(format string, data []byte) string {
	switch format {
	case "JPEG":
		for i := 2; i+9 < len(data); {
			if data[i] != 0xFF {
				return ""
			}
			m := data[i+1]
			if m == 0xFF {
				i++
				continue
			}
			n := int(data[i+2])<<8 | int(data[i+3])
			switch {
			case m == 0xC0 || m == 0xC1 || m == 0xC2:
				if data[i+4] != 8 {
					return fmt.Sprintf("%d-bit JPEG", data[i+4])
				}
				return ""
			case m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF:
				return "lossless JPEG"
			case m == 0xC9 || m == 0xCA:
				return "arithmetic-coded JPEG"
			case m == 0xC5 || m == 0xC6 || m == 0xCD || m == 0xCE:
				return "hierarchical JPEG"
			case m == 0xDA || m == 0xD9:
				return ""
			}
			i += 2 + n
		}
	case "WEBP":
		// VP8X chunk right after the header, its animation flag set.
		if len(data) >= 21 && string(data[12:16]) == "VP8X" && data[20]&0x02 != 0 {
			return "animated WebP"
		}
	}
	return ""
}

// decodeScaled decodes a picture and scales it so its long side is at most
// opts.DisplaySide, on a white background (for transparent pictures). HEIC
// pictures are decoded one at a time (a 12 MP HEIC takes ~400 MB to
// decode) and scaled before the next may start, so no two are ever held.
func decodeScaled(format string, data []byte, opts *Options) (image.Image, error) {
	return decodeScaledBlocks(format, data, opts, nil)
}

// decodeScaledBlocks is decodeScaled that also counts the coefficients of
// a JPEG into rq, when rq is not nil.
func decodeScaledBlocks(format string, data []byte, opts *Options, rq *requantStats) (image.Image, error) {
	if format == "HEIC" {
		opts.heicSlot <- struct{}{}
		defer func() { <-opts.heicSlot }()
		// The decoder's memory grows by copies, a hundred MB at a time:
		// start it on a heap rid of the last picture's garbage, so that it
		// grows within the soft memory limit rather than past it.
		runtime.GC()
		img, err := heic.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return scale(img, opts.DisplaySide), nil
	}
	if format == "JPEG" {
		// Decode at the smallest power-of-two scale that keeps the display
		// size (a 12 MP photo at half size, four times faster), then shrink.
		cfg, err := jpegcodec.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		var blocks jpegcodec.BlockFunc
		if rq != nil {
			blocks = rq.add
		}
		img, err := jpegcodec.DecodeScaledBlocks(bytes.NewReader(data), jpegcodec.ScaleFor(cfg.Width, cfg.Height, opts.DisplaySide), blocks)
		if err != nil {
			return nil, err
		}
		return scale(img, opts.DisplaySide), nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return scale(img, opts.DisplaySide), nil
}

// writeJPEG writes img to name, a file of the work folder.
func writeJPEG(name string, img image.Image, quality int) error {
	err := atomicfile.WriteScratch(name, "", func(w io.Writer) error {
		return jpegcodec.Encode(w, img, &jpegcodec.Options{Quality: quality}) // it writes in 32 KB chunks
	})
	if err != nil {
		return fmt.Errorf("write display copy: %w", err)
	}
	return nil
}

// Upright returns img turned as EXIF orientation o says it is viewed.
func Upright(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	sw, sh := b.Dx(), b.Dy()
	vw, vh := sw, sh
	if o >= 5 {
		vw, vh = sh, sw
	}
	out := image.NewRGBA(image.Rect(0, 0, vw, vh))
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			var vx, vy int
			switch o {
			case 2:
				vx, vy = sw-1-x, y
			case 3:
				vx, vy = sw-1-x, sh-1-y
			case 4:
				vx, vy = x, sh-1-y
			case 5:
				vx, vy = y, x
			case 6:
				vx, vy = sh-1-y, x
			case 7:
				vx, vy = sh-1-y, sw-1-x
			case 8:
				vx, vy = y, sw-1-x
			}
			copy(out.Pix[vy*out.Stride+vx*4:vy*out.Stride+vx*4+4], src.Pix[y*src.Stride+x*4:y*src.Stride+x*4+4])
		}
	}
	return out
}
