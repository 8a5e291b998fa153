package collect

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"

	"appealpacket/internal/digest"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/atomicfile"
	"appealpacket/packet/cache"
	"appealpacket/packet/evidence"
)

// Display copies are made in two steps, so that a packet over its size
// limit does not pay for JPEG encoding twice: Run decodes each picture
// once and keeps a "master" (the picture at display size, uncompressed) in
// the work folder; Encoder.Encode then writes the JPEG at the size and
// quality the packet can afford, from the master. A picture whose record
// came from the cache has no master: the Encoder decodes its original at
// the first level it needs, keeps the same master under the same name
// (masterName), and scales the next levels from that.

// masterMagic starts a master file: then width, height (uint32), a kind
// byte (0: YCbCr with its subsample ratio in the next byte, 1: RGBA), then
// the planes.
var masterMagic = [4]byte{'A', 'P', 'M', '1'}

// writeMaster stores a picture at display size, uncompressed, in the work
// folder.
func writeMaster(name string, img image.Image) error {
	return atomicfile.WriteScratch(name, "", func(f io.Writer) error {
		w := bufio.NewWriterSize(f, 1<<20)
		b := img.Bounds()
		hdr := append(masterMagic[:], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
		binary.BigEndian.PutUint32(hdr[4:], uint32(b.Dx()))
		binary.BigEndian.PutUint32(hdr[8:], uint32(b.Dy()))
		switch m := img.(type) {
		case *image.YCbCr:
			hdr[12], hdr[13] = 0, byte(m.SubsampleRatio)
			w.Write(hdr)
			cw, ch := chromaSize(m)
			for y := 0; y < b.Dy(); y++ {
				w.Write(m.Y[y*m.YStride : y*m.YStride+b.Dx()])
			}
			for _, plane := range [][]uint8{m.Cb, m.Cr} {
				for y := 0; y < ch; y++ {
					w.Write(plane[y*m.CStride : y*m.CStride+cw])
				}
			}
		case *image.RGBA:
			hdr[12] = 1
			w.Write(hdr)
			for y := 0; y < b.Dy(); y++ {
				w.Write(m.Pix[y*m.Stride : y*m.Stride+4*b.Dx()])
			}
		default:
			return fmt.Errorf("master: unexpected picture type %T", img)
		}
		return w.Flush() // a bufio.Writer keeps the first write error
	})
}

func chromaSize(m *image.YCbCr) (int, int) {
	x0, y0, x1, y1 := chromaRect(m)
	return x1 - x0, y1 - y0
}

// masterName is where the master of the picture with this SHA-256 is kept
// in a work folder.
func masterName(workDir, sum string) string { return filepath.Join(workDir, sum[:32]+".master") }

// readMaster loads a master file.
func readMaster(name string) (image.Image, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if len(data) < 14 || !bytes.Equal(data[:4], masterMagic[:]) {
		return nil, errors.New("master: not a master file")
	}
	w, h := int(binary.BigEndian.Uint32(data[4:])), int(binary.BigEndian.Uint32(data[8:]))
	body := data[14:]
	if w <= 0 || h <= 0 || w > 1<<16 || h > 1<<16 {
		return nil, errors.New("master: bad size")
	}
	switch data[12] {
	case 0:
		m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio(data[13]))
		cw, ch := chromaSize(m)
		if len(body) != w*h+2*cw*ch {
			return nil, io.ErrUnexpectedEOF
		}
		for y := 0; y < h; y++ {
			copy(m.Y[y*m.YStride:y*m.YStride+w], body[y*w:])
		}
		body = body[w*h:]
		for _, plane := range [][]uint8{m.Cb, m.Cr} {
			for y := 0; y < ch; y++ {
				copy(plane[y*m.CStride:y*m.CStride+cw], body[y*cw:])
			}
			body = body[cw*ch:]
		}
		return m, nil
	case 1:
		if len(body) != 4*w*h {
			return nil, io.ErrUnexpectedEOF
		}
		m := image.NewRGBA(image.Rect(0, 0, w, h))
		copy(m.Pix, body)
		return m, nil
	}
	return nil, errors.New("master: unknown kind")
}

// Encoder writes display copies at a size and quality, keeping them in the
// cache. An Encoder serves one packet (a build with --per-brand has one per
// brand, all in the build's work folder, where they share the masters); it
// is safe for concurrent use.
type Encoder struct {
	WorkDir string
	Cache   *cache.Cache // may be nil
	opts    Options
}

// NewEncoder returns an Encoder writing into workDir, with the decoding
// limits of opts (used when a picture must be decoded again).
func NewEncoder(workDir string, c *cache.Cache, opts Options) *Encoder {
	opts.defaults()
	return &Encoder{WorkDir: workDir, Cache: c, opts: opts}
}

// Size is the pixel size a picture's copy takes at a level: its long side
// at most side, but never so small that its short side drops below
// minShort, and never larger than the display size.
func Size(d *evidence.Display, side, minShort int) (w, h int) {
	long, short := max(d.Width, d.Height), min(d.Width, d.Height)
	if long == 0 {
		return 0, 0
	}
	if short > 0 && minShort > 0 {
		side = max(side, (minShort*long+short-1)/short)
	}
	side = min(side, long)
	w = max(1, (d.Width*side+long/2)/long)
	h = max(1, (d.Height*side+long/2)/long)
	return w, h
}

// Encode returns the item's display copy at the given level as a JPEG file,
// made from the picture at display size (Display.From when the item holds
// a copy already: a fit may go back to a larger level). An original kept
// byte for byte is returned as it is.
func (e *Encoder) Encode(it *evidence.Item, side, quality, minShort int) (*evidence.Display, error) {
	if it.Display == nil || it.Display.Original {
		return it.Display, nil
	}
	d := it.Display.Source() // a copy: the new one is made from what it was made from
	w, h := Size(d, side, minShort)
	var key string
	if e.Cache != nil && it.SHA256 != "" {
		key = cache.Key(it.SHA256, "display", fmt.Sprintf("%dx%d q%d of %dx%d", w, h, quality, d.Width, d.Height))
		var got evidence.Display
		if blobs, ok := e.Cache.Get(key, &got); ok && blobs["display.jpg"] != "" {
			got.File, got.Master, got.From = blobs["display.jpg"], d.Master, d
			return &got, nil
		}
	}
	src, release, err := e.source(it)
	if err != nil {
		return nil, err
	}
	defer release()
	var small image.Image = src
	if b := src.Bounds(); b.Dx() != w || b.Dy() != h {
		small = resize(src, w, h)
	}
	name := filepath.Join(e.WorkDir, fmt.Sprintf("%s-%dx%d-q%d.jpg", it.SHA256[:32], w, h, quality))
	if err := writeJPEG(name, small, quality); err != nil {
		return nil, err
	}
	out := &evidence.Display{File: name, Width: w, Height: h, Orientation: d.Orientation, Master: d.Master, From: d}
	if key != "" {
		stored := *out
		stored.File = ""
		e.Cache.Put(key, stored, map[string]string{"display.jpg": name}) // a failed store only costs time later
	}
	return out, nil
}

// source is the picture at display size: its master, or the original
// decoded again (then kept as a master for the next level); release gives
// back the memory it was taken from (the Encoder's budget: the master, or
// the original and its decoding, and the copy encoded from it), once the
// copy is written.
func (e *Encoder) source(it *evidence.Item) (img image.Image, release func(), err error) {
	b := e.opts.budget
	ctx := e.opts.context()
	m := it.Display.Master
	if m == "" && e.WorkDir != "" {
		m = masterName(e.WorkDir, it.SHA256) // kept at an earlier level (below), if any
	}
	if m != "" {
		if st, serr := os.Stat(m); serr == nil {
			cost := 2*st.Size() + decodeOverhead
			if err := b.acquire(ctx, cost); err != nil {
				return nil, nil, err
			}
			if img, err := readMaster(m); err == nil {
				return img, func() { b.release(cost) }, nil
			}
			b.release(cost)
		}
	}
	f, size, err := regularfile.Open(it.Path.Abs, MaxPictureBytes)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	hdr, ok := decodeCost(it.Format, f, size, e.opts.DisplaySide)
	cost := size + hdr.Cost
	if !ok || cost > b.total {
		cost = b.total
	}
	if err := b.acquire(ctx, cost); err != nil {
		return nil, nil, err
	}
	done := func() { b.release(cost) }
	data, err := regularfile.ReadOpen(f, it.Path.Abs, size, MaxPictureBytes)
	if err != nil {
		done()
		return nil, nil, err
	}
	if got := digest.Hex(data); got != it.SHA256 {
		done()
		return nil, nil, fmt.Errorf("%s %w", it.Path.Rel, evidence.ErrChanged)
	}
	img, err = decodeScaled(it.Format, data, &e.opts)
	if err != nil {
		done()
		return nil, nil, err
	}
	if e.WorkDir != "" {
		// The master Run keeps when it decodes the picture, for the next
		// level; written through a temporary file and renamed, so a
		// concurrent reader sees all of it or nothing. A failed write only
		// costs a decoding at the next level.
		_ = writeMaster(masterName(e.WorkDir, it.SHA256), img)
	}
	return img, done, nil
}

// resize scales a picture to w×h (other than YCbCr: to that long side).
func resize(src image.Image, w, h int) image.Image {
	if y, ok := src.(*image.YCbCr); ok {
		return scaleYCbCr(y, w, h)
	}
	return scale(src, max(w, h))
}
