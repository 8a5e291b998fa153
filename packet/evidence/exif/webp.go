package exif

import "encoding/binary"

type webpScan struct {
	exif          []byte
	width, height int
	extended      bool // a VP8X chunk: ExifTool's "Extended WEBP"
	hash          string
}

// scanWebP walks the RIFF chunks of a WebP file: VP8X (canvas size, takes
// precedence), VP8 and VP8L (frame size), the first EXIF chunk, and the
// image chunks (VP8, VP8L, ALPH, ANIM, ANMF, with their pad byte, as
// ExifTool hashes them).
func scanWebP(data []byte, wantHash bool, warnf func(string, ...any)) webpScan {
	var s webpScan
	var h *dataHasher
	if wantHash {
		h = newDataHasher()
	}
	n := uint64(len(data))
	end := 8 + uint64(binary.LittleEndian.Uint32(data[4:]))
	if end > n {
		warnf("WebP: RIFF size %d runs past the end of the file", end-8)
		end = n
	}
	var frameW, frameH int
	for pos := uint64(12); pos+8 <= end; {
		fourCCBytes := data[pos : pos+4]
		fourCC := string(fourCCBytes) // does not escape: no allocation per chunk
		length := uint64(binary.LittleEndian.Uint32(data[pos+4:]))
		start := pos + 8
		stop := start + length + length&1 // chunks are padded to even size
		if stop > end {
			warnf("WebP: %q chunk at offset %d (%d bytes) runs past the end of the file", string(fourCCBytes), pos, length)
			stop = end
		}
		body := data[start:stop]
		if uint64(len(body)) > length {
			body = body[:length]
		}
		switch fourCC {
		case "VP8X":
			s.extended = true
			if len(body) >= 10 {
				s.width = int(uint32(body[4])|uint32(body[5])<<8|uint32(body[6])<<16) + 1
				s.height = int(uint32(body[7])|uint32(body[8])<<8|uint32(body[9])<<16) + 1
			}
		case "VP8 ":
			if len(body) >= 10 && frameW == 0 {
				frameW = int(binary.LittleEndian.Uint16(body[6:]) & 0x3FFF)
				frameH = int(binary.LittleEndian.Uint16(body[8:]) & 0x3FFF)
			}
		case "VP8L":
			if len(body) >= 5 && frameW == 0 {
				b := binary.LittleEndian.Uint32(body[1:])
				frameW = int(b&0x3FFF) + 1
				frameH = int(b>>14&0x3FFF) + 1
			}
		case "EXIF":
			if s.exif != nil {
				break
			}
			if len(body) > MaxExifBlock {
				warnf("WebP: EXIF chunk of %d bytes exceeds the %d-byte limit; ignored", len(body), MaxExifBlock)
				break
			}
			if len(body) >= 6 && string(body[:6]) == "Exif\x00\x00" {
				body = body[6:]
			}
			s.exif = body
		}
		if h != nil {
			switch fourCC {
			case "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF":
				h.add(data, int(start), int(stop))
			}
		}
		pos = start + length + length&1
	}
	if s.width == 0 {
		s.width, s.height = frameW, frameH
	}
	if h != nil {
		s.hash = h.sum(data)
	}
	return s
}
