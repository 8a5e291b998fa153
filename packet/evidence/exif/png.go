package exif

import (
	"encoding/binary"
	"fmt"
	"time"
)

type pngScan struct {
	exif          []byte
	width, height int
	modifyDate    string // from tIME, ExifTool's PNG:ModifyDate
	hash          string
}

// scanPNG walks the chunks of a PNG file: IHDR for the size, the first eXIf
// chunk (before or after IDAT) for EXIF, tIME, and the IDAT (also JDAT,
// fdAT) data for the image-data hash. CRCs are not checked (ExifTool does
// not either); a chunk that runs past the end of the file ends the walk.
func scanPNG(data []byte, wantHash bool, warnf func(string, ...any)) pngScan {
	var s pngScan
	var h *dataHasher
	if wantHash {
		h = newDataHasher()
	}
	n := uint64(len(data))
	pos := uint64(8)
	seenIDAT, seenIEND := false, false
	for first := true; pos+8 <= n; first = false {
		length := uint64(binary.BigEndian.Uint32(data[pos:]))
		typeBytes := data[pos+4 : pos+8]
		typ := string(typeBytes) // does not escape: no allocation per chunk
		start := pos + 8
		end := start + length
		if end > n {
			warnf("PNG: %q chunk at offset %d (%d bytes) runs past the end of the file", string(typeBytes), pos, length)
			end = n
			if typ != "IDAT" && typ != "JDAT" && typ != "fdAT" {
				break
			}
		}
		body := data[start:end]
		if first && typ != "IHDR" {
			warnf("PNG: first chunk is %q, not IHDR", string(typeBytes))
		}
		switch typ {
		case "IHDR":
			if len(body) >= 8 && s.width == 0 {
				s.width = dim(binary.BigEndian.Uint32(body))
				s.height = dim(binary.BigEndian.Uint32(body[4:]))
			}
			if !wantHash {
				return s
			}
		case "eXIf":
			if s.exif != nil {
				break
			}
			if seenIDAT {
				warnf("PNG: EXIF chunk found after IDAT (may be ignored by some readers)")
			}
			if len(body) > MaxExifBlock {
				warnf("PNG: eXIf chunk of %d bytes exceeds the %d-byte limit; ignored", len(body), MaxExifBlock)
				break
			}
			if len(body) >= 6 && string(body[:6]) == "Exif\x00\x00" {
				body = body[6:]
			}
			s.exif = body
		case "tIME":
			if len(body) == 7 {
				s.modifyDate = pngTime(body, warnf)
			}
		case "IDAT", "JDAT", "fdAT":
			seenIDAT = true
			if h != nil {
				h.add(data, int(start), int(end))
			}
		case "IEND":
			seenIEND = true
		}
		if seenIEND {
			break
		}
		pos = start + length + 4 // data and CRC
	}
	if !seenIEND {
		warnf("PNG: no IEND chunk (file truncated?)")
	}
	if h != nil {
		s.hash = h.sum(data)
	}
	return s
}

// pngTime formats a tIME chunk like ExifTool's PNG:ModifyDate.
func pngTime(b []byte, warnf func(string, ...any)) string {
	y, mo, d, hh, mi, ss := int(binary.BigEndian.Uint16(b)), int(b[2]), int(b[3]), int(b[4]), int(b[5]), int(b[6])
	s := fmt.Sprintf("%04d:%02d:%02d %02d:%02d:%02d", y, mo, d, hh, mi, ss)
	if ss == 60 { // a leap second is allowed by the PNG spec
		return s
	}
	if _, err := time.Parse("2006:01:02 15:04:05", s); err != nil {
		warnf("PNG: tIME %q is not a valid date; ignored", s)
		return ""
	}
	return s
}
