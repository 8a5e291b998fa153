package initcase

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // decoders for fingerprints
	_ "image/png"
	"sync"

	"github.com/gen2brain/heic"
	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"appealpacket/packet/match"
)

// Limits on decoding pictures for fingerprints.
const (
	fingerprintSide = 1600        // long side pictures are scaled to first
	maxPixels       = 120_000_000 // larger pictures are not decoded
)

// heicSlot lets one HEIC picture be decoded at a time: libheif (run in
// WebAssembly) takes about 400 MB for a 12 MP picture.
var heicSlot sync.Mutex

// fingerprint decodes a picture, scales it to at most fingerprintSide
// pixels on its long side, turns it upright by its EXIF orientation (1-8;
// not for HEIC, whose decoder already applies the container's rotation) and
// fingerprints it. w and h are the stored pixel size, when known (0 if not),
// to refuse oversized pictures before decoding.
func fingerprint(data []byte, format string, orientation, w, h int) (fp match.Fingerprint, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while decoding: %v", r)
		}
	}()
	if w <= 0 || h <= 0 {
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
			w, h = cfg.Width, cfg.Height
		}
	}
	if w*h > maxPixels {
		return fp, fmt.Errorf("%d×%d pixels is too large to compare", w, h)
	}
	var img image.Image
	if format == "HEIC" {
		heicSlot.Lock()
		img, err = heic.Decode(bytes.NewReader(data))
		if err == nil {
			img = scale(img, fingerprintSide) // release the full-size picture before the next decode
		}
		heicSlot.Unlock()
		orientation = 1
	} else {
		img, _, err = image.Decode(bytes.NewReader(data))
		if err == nil {
			img = scale(img, fingerprintSide)
		}
	}
	if err != nil {
		return fp, fmt.Errorf("cannot decode the picture: %v", err)
	}
	if img.Bounds().Empty() {
		return fp, errors.New("the picture has no pixels")
	}
	return match.Of(orient(img.(*image.RGBA), orientation)), nil
}

// scale returns src with its long side at most side pixels, on white (for
// transparent pictures, as listing pictures are shown).
func scale(src image.Image, side int) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > side {
		w = max(1, w*side/long)
		h = max(1, h*side/long)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, xdraw.Over, nil)
	return dst
}

// orient returns the picture as it is meant to be seen, for EXIF
// orientation o: 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 90°
// clockwise, 7 transverse, 8 rotate 90° counter-clockwise.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			si := src.PixOffset(b.Min.X+x, b.Min.Y+y)
			di := dst.PixOffset(dx, dy)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}
