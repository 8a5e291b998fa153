package exif

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// jpegScan is what the JPEG segment walker found.
type jpegScan struct {
	exif          []byte // TIFF block of the first EXIF APP1 segment
	width, height int    // from the first SOFn segment
	hash          string // ImageDataHash, when requested
}

// jpegMarkerLen returns how many bytes of length word follow a marker, as
// ExifTool's JPEG reader sees it: stand-alone markers (and SOS, whose header
// is walked over as part of the scan data) have none.
func jpegMarkerLen(marker byte) int {
	switch {
	case marker == 0x00, marker == 0x01, marker >= 0xD0 && marker <= 0xDA,
		marker >= 0x30 && marker <= 0x3F, marker == 0x4F, marker == 0x92, marker == 0x93:
		return 0
	case marker == 0x74, marker == 0x75, marker == 0x77:
		return 4
	}
	return 2
}

// isSOF reports the SOF0..SOF15 markers, except DHT, JPGA and DAC.
func isSOF(marker byte) bool {
	return marker&0xF0 == 0xC0 && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
}

func jpegMarkerName(marker byte) string {
	switch {
	case marker == 0xDA:
		return "SOS"
	case marker == 0xD9:
		return "EOI"
	case marker == 0xC4:
		return "DHT"
	case marker == 0xDB:
		return "DQT"
	case marker == 0xDD:
		return "DRI"
	case marker == 0xFE:
		return "COM"
	case isSOF(marker):
		return fmt.Sprintf("SOF%d", marker-0xC0)
	case marker >= 0xE0 && marker <= 0xEF:
		return fmt.Sprintf("APP%d", marker-0xE0)
	case marker >= 0xD0 && marker <= 0xD7:
		return fmt.Sprintf("RST%d", marker-0xD0)
	}
	return fmt.Sprintf("marker 0x%02X", marker)
}

// scanJPEG walks the JPEG marker segments of data (which starts with SOI).
//
// The walk mirrors ExifTool's ProcessJPEG so that the hash matches
// ExifTool's ImageDataHash: the stream is cut at every 0xFF that starts a
// marker; the bytes from a SOS, RSTn or stuffed 0xFF00 "marker" up to the
// next marker are hashed, unless that next marker carries a length word (a
// DHT between progressive scans, say), and the walk ends at EOI.
//
// Metadata (the first EXIF APP1 and the first SOF) is taken only from the
// segments before the first SOS. With stopAtSOF the walk ends at the first
// SOF (for Dimensions). A segment that runs past the end of the data ends
// the walk with a "JPEG format error" warning; when that happens before the
// first SOS, no metadata is returned at all, as with ExifTool.
func scanJPEG(data []byte, wantHash, stopAtSOF bool, warnf func(string, ...any)) jpegScan {
	var s jpegScan
	var hasher *dataHasher
	if wantHash {
		hasher = newDataHasher()
	}
	n := len(data)
	pos := 2        // just after SOI
	cur := -1       // current marker (-1: SOI)
	chunkStart := 0 // offset of the 0xFF that introduced cur
	foundSOS, foundEOI, gotSOF, formatErr := false, false, false, false
	skipped, firstSkip := 0, -1 // garbage between segments, before SOS
	defer func() {
		if skipped > 0 {
			warnf("JPEG: skipped %d unknown bytes between segments (first at offset %d)", skipped, firstSkip)
		}
	}()
	for {
		i := bytes.IndexByte(data[pos:], 0xFF)
		if i < 0 {
			break
		}
		k := pos + i
		if k > pos && !foundSOS {
			if firstSkip < 0 {
				firstSkip = pos
			}
			skipped += k - pos
		}
		for k+1 < n && data[k+1] == 0xFF { // fill bytes
			k++
		}
		if k+1 >= n {
			break
		}
		marker := data[k+1]
		lenBytes := jpegMarkerLen(marker)
		if lenBytes == 0 && hasher != nil && (cur == 0x00 || cur == 0xDA || (cur >= 0xD0 && cur <= 0xD7)) {
			hasher.add(data, chunkStart, k)
		}
		next := k + 2
		if lenBytes > 0 {
			if k+2+lenBytes > n {
				warnf("JPEG format error: %s segment at offset %d is cut off by the end of the file", jpegMarkerName(marker), k)
				formatErr = true
				break
			}
			var segLen int
			if lenBytes == 2 {
				segLen = int(binary.BigEndian.Uint16(data[k+2:]))
			} else {
				segLen = int(binary.BigEndian.Uint32(data[k+2:]))
			}
			if segLen < lenBytes {
				warnf("JPEG format error: %s segment at offset %d has an invalid length %d", jpegMarkerName(marker), k, segLen)
				formatErr = true
				break
			}
			end := int64(k) + 2 + int64(segLen)
			if end > int64(n) {
				warnf("JPEG format error: %s segment at offset %d declares %d bytes but the file ends %d bytes into it",
					jpegMarkerName(marker), k, segLen, n-k-2)
				formatErr = true
				break
			}
			seg := data[k+2+lenBytes : end]
			if !foundSOS {
				switch {
				case marker == 0xE1 && s.exif == nil:
					if off := exifHeaderAt(seg); off >= 0 {
						if off > 0 {
							warnf("JPEG: %d bytes of garbage before the EXIF header in APP1 at offset %d", off, k)
						}
						s.exif = seg[off+6:]
					}
				case isSOF(marker) && !gotSOF && len(seg) >= 6:
					gotSOF = true
					s.height = int(binary.BigEndian.Uint16(seg[1:]))
					s.width = int(binary.BigEndian.Uint16(seg[3:]))
					if stopAtSOF {
						return s
					}
				}
			}
			next = int(end)
		}
		cur, chunkStart = int(marker), k
		pos = next
		if marker == 0xD9 {
			foundEOI = true
			break
		}
		if marker == 0xDA {
			if !foundSOS && !wantHash {
				// Nothing after the first scan is metadata we read.
				return s
			}
			foundSOS = true
		}
		if marker == 0x93 { // SOD (JPEG 2000 codestream); ExifTool stops here
			break
		}
	}
	switch {
	case formatErr && !foundSOS:
		// The file ends (or breaks) before any image data: it is not a
		// viewable photo, and ExifTool reads no metadata from it either.
		if s.exif != nil || gotSOF {
			warnf("JPEG: metadata of a file that breaks off before its image data is not trusted; ignored")
		}
		s.exif, s.width, s.height = nil, 0, 0
	case formatErr:
	case !foundSOS && foundEOI:
		warnf("JPEG: missing SOS (no image data before EOI)")
	case !foundSOS:
		warnf("JPEG format error: the file ends before any image data (SOS)")
	case !foundEOI:
		warnf("JPEG: image data ends without an EOI marker (file truncated?)")
	}
	if hasher != nil && foundSOS {
		s.hash = hasher.sum(data)
	}
	return s
}

// exifHeaderAt finds the "Exif\0" identifier (any case) that ExifTool
// accepts at offsets 0..4 of an APP1 segment, followed by one pad byte, and
// returns its offset, or -1.
func exifHeaderAt(seg []byte) int {
	for off := 0; off <= 4 && off+6 <= len(seg); off++ {
		if bytes.EqualFold(seg[off:off+4], []byte("Exif")) && seg[off+4] == 0 {
			return off
		}
	}
	return -1
}
