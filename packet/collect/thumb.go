package collect

import (
	"bytes"
	"fmt"

	"appealpacket/internal/jpegcodec"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/evidence"
)

// Thumbnail returns a small upright JPEG (long side at most side pixels) of
// a picture item, read again from its file (opened read-only), for a
// report the seller reads. Items that are not drawable pictures give an
// error.
func Thumbnail(it *evidence.Item, side int, maxFileSize int64) ([]byte, error) {
	if it == nil || it.Display == nil || it.Format == "PDF" {
		return nil, fmt.Errorf("%s: not a picture", it.Path.Rel)
	}
	data, err := regularfile.Read(it.Path.Abs, maxFileSize)
	if err != nil {
		return nil, err
	}
	opts := Options{DisplaySide: side}
	opts.defaults()
	img, err := decodeScaled(it.Format, data, &opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", it.Path.Rel, err)
	}
	var buf bytes.Buffer
	if err := jpegcodec.Encode(&buf, Upright(img, it.Display.Orientation), &jpegcodec.Options{Quality: 70}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
