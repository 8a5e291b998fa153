package pdfsrc

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
)

// Bounds on what the streams of one evidence PDF may inflate to. A real
// certificate or letter inflates to a few MB; a compressed "bomb" of a few
// MB can inflate to gigabytes, which the PDF library would try to hold.
const (
	MaxStreamInflated = 64 << 20  // one stream
	MaxPDFInflated    = 512 << 20 // all streams of one file together
)

// checkInflation inflates every Flate stream of an unencrypted PDF into
// nothing, counting, and refuses the file when a stream or all of them
// together inflate past the bounds; memory stays a few KB whatever the
// streams hold. Streams that are not zlib data (images, encrypted files'
// streams) are skipped: the decoders bound those.
func checkInflation(data []byte) error {
	var total int64
	for pos := 0; ; {
		i := bytes.Index(data[pos:], []byte("stream"))
		if i < 0 {
			return nil
		}
		start := pos + i + len("stream")
		pos = start
		if start > len("end") && bytes.HasSuffix(data[:start-len("stream")], []byte("end")) {
			continue // "endstream"
		}
		switch {
		case bytes.HasPrefix(data[start:], []byte("\r\n")):
			start += 2
		case bytes.HasPrefix(data[start:], []byte("\n")), bytes.HasPrefix(data[start:], []byte("\r")):
			start++
		default:
			continue // the word inside something else
		}
		z, err := zlib.NewReader(bytes.NewReader(data[start:]))
		if err != nil {
			continue
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(z, MaxStreamInflated+1))
		z.Close()
		if n > MaxStreamInflated {
			return fmt.Errorf("a stream at byte %d inflates past %d MB (a decompression bomb?): %w", start, MaxStreamInflated>>20, ErrInvalidPDF)
		}
		if total += n; total > MaxPDFInflated {
			return fmt.Errorf("its streams inflate past %d MB in all: %w", MaxPDFInflated>>20, ErrInvalidPDF)
		}
	}
}
