package pdfsrc

import (
	"bytes"
	"context"
	"fmt"
	"image"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"appealpacket/internal/jpegcodec"
)

// Limits on the pictures PageImages decodes from one page.
const (
	maxPageImages  = 8          // pictures per page
	maxImagePixels = 60_000_000 // pixels of one picture (an A4 page at 1200 dpi is 140 MP; at 600 dpi, 35 MP)
	// maxPageImageBytes bounds the memory the pictures of one page take
	// decoded (a grey A4 page at 600 dpi takes 70 MB, a colour one at 300
	// dpi 61 MB): pictures past it are left out.
	maxPageImageBytes = 128 << 20
	minImageSide      = 200 // smaller pictures (logos, stamps' marks) carry no page of text
)

// PageImages returns the pictures drawn on 1-based page i that are large
// enough to be a scanned page: JPEG (DCTDecode) pictures, and uncompressed
// or Flate-compressed grey, RGB or 1-bit pictures. Others (JPEG 2000, JBIG2,
// CCITT fax, indexed colour) are skipped. It is what OCR reads of a scanned
// PDF.
func (s *Source) PageImages(ctx context.Context, i int) (imgs []image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			imgs, err = nil, fmt.Errorf("internal error in PDF library: %v", r)
		}
	}()
	data, err := s.Data()
	if err != nil {
		return nil, err
	}
	pc, err := Read(data, s.password)
	if err != nil {
		return nil, err
	}
	if i < 1 || i > pc.PageCount {
		return nil, fmt.Errorf("no page %d", i)
	}
	d, _, inh, err := pc.PageDict(i, false)
	if err != nil || d == nil {
		return nil, fmt.Errorf("page %d: %v", i, err)
	}
	xt := pc.XRefTable
	res := types.Dict(nil)
	if inh != nil {
		res = inh.Resources
	}
	if r, err := xt.DereferenceDict(d["Resources"]); err == nil && r != nil {
		res = r
	}
	if res == nil {
		return nil, nil
	}
	xobjs, err := xt.DereferenceDict(res["XObject"])
	if err != nil || xobjs == nil {
		return nil, nil
	}
	var used int64
	for name, o := range xobjs {
		if err := ctx.Err(); err != nil {
			return imgs, err
		}
		if len(imgs) >= maxPageImages {
			break
		}
		sd, _, err := xt.DereferenceStreamDict(o)
		if err != nil || sd == nil || !sd.Image() {
			continue
		}
		img, err := decodeImage(xt, sd, maxPageImageBytes-used)
		if err != nil {
			return imgs, fmt.Errorf("page %d, picture %s: %w", i, name, err)
		}
		if img != nil {
			imgs = append(imgs, img)
			used += imageBytes(img)
		}
	}
	return imgs, nil
}

// imageBytes is the memory a decoded picture holds.
func imageBytes(img image.Image) int64 {
	b := img.Bounds()
	n := int64(b.Dx()) * int64(b.Dy())
	switch img.(type) {
	case *image.Gray:
		return n
	case *image.YCbCr:
		return 3 * n
	}
	return 4 * n
}

// decodeImage decodes an image XObject, or returns nil for a kind it does
// not read, a picture too small to be a page, or one whose decoding would
// take more than room bytes.
func decodeImage(xt *model.XRefTable, sd *types.StreamDict, room int64) (image.Image, error) {
	w, h := intEntry(sd, "Width"), intEntry(sd, "Height")
	if w < minImageSide && h < minImageSide {
		return nil, nil
	}
	if w <= 0 || h <= 0 || w*h > maxImagePixels {
		return nil, fmt.Errorf("a picture of %d×%d pixels is beyond the %d MP read", w, h, maxImagePixels/1_000_000)
	}
	pixels := int64(w) * int64(h)
	fpl := sd.FilterPipeline
	if len(fpl) == 1 && fpl[0].Name == "DCTDecode" {
		cfg, err := jpegcodec.DecodeConfig(bytes.NewReader(sd.Raw))
		if err != nil || cfg.Width*cfg.Height > maxImagePixels || 4*int64(cfg.Width)*int64(cfg.Height) > room {
			return nil, nil
		}
		img, err := jpegcodec.Decode(bytes.NewReader(sd.Raw))
		if err != nil {
			return nil, nil // a damaged picture: no text, not an error
		}
		return img, nil
	}
	for _, f := range fpl {
		if f.Name != "FlateDecode" && f.Name != "LZWDecode" && f.Name != "ASCII85Decode" && f.Name != "ASCIIHexDecode" && f.Name != "RunLengthDecode" {
			return nil, nil
		}
	}
	bpc := intEntry(sd, "BitsPerComponent")
	if sd.BooleanEntry("ImageMask") != nil && *sd.BooleanEntry("ImageMask") {
		bpc = 1
	}
	comps := 1
	if cs, err := xt.Dereference(sd.Dict["ColorSpace"]); err == nil {
		switch cs := cs.(type) {
		case types.Name:
			switch cs {
			case "DeviceGray", "CalGray":
			case "DeviceRGB", "CalRGB":
				comps = 3
			default:
				return nil, nil
			}
		case nil:
		default:
			return nil, nil // indexed, ICC based, separation: not read
		}
	}
	if bpc != 8 && bpc != 1 {
		return nil, nil
	}
	rowBytes := (w*comps*bpc + 7) / 8
	need := rowBytes * h
	if cost := int64(need) + pixels*int64(map[int]int{1: 1, 3: 4}[comps]); cost > room {
		return nil, nil // its samples and the picture made of them
	}
	if err := sd.DecodeWithLimit(int64(need) + 1024); err != nil {
		return nil, nil
	}
	px := sd.Content
	if len(px) < need {
		return nil, nil
	}
	if comps == 3 {
		m := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			row := px[y*rowBytes:]
			for x := range w {
				o := m.PixOffset(x, y)
				m.Pix[o], m.Pix[o+1], m.Pix[o+2], m.Pix[o+3] = row[3*x], row[3*x+1], row[3*x+2], 0xff
			}
		}
		return m, nil
	}
	m := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		row := px[y*rowBytes:]
		for x := range w {
			if bpc == 8 {
				m.Pix[y*m.Stride+x] = row[x]
			} else if row[x/8]&(0x80>>(x%8)) != 0 {
				m.Pix[y*m.Stride+x] = 0xff
			}
		}
	}
	return m, nil
}

func intEntry(sd *types.StreamDict, key string) int {
	if p := sd.IntEntry(key); p != nil {
		return *p
	}
	return 0
}
