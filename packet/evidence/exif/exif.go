// Package exif reads the metadata of a photo held in memory — camera make,
// model and body serial, capture time, GPS position, editing software, the
// pixel size from the container headers and a hash of the compressed image
// data — without decoding a single pixel.
//
// It reads JPEG, HEIC/HEIF/AVIF, PNG, WebP and TIFF containers. Every
// structure is walked by this package with bounds checks in 64-bit
// arithmetic and hard caps (see the Max* constants), so a hostile file costs
// little memory and time. The EXIF (TIFF) block itself is first checked by a
// guard that refuses out-of-range values, unknown formats, oversized IFDs and
// revisited IFD offsets; github.com/rwcarlsen/goexif then decodes the values,
// but only from a fresh, minimal TIFF block that the guard rebuilds from the
// checked entries, never from the raw input (goexif allocates gigabytes or
// loops forever on crafted input). The maker notes (ExifIFD 0x927C) of
// Canon, Nikon, Sony, Olympus/OM, FujiFilm, Panasonic, Pentax/Ricoh and
// Samsung are walked by this package with the same discipline, for the
// body serial, internal serial, lens name and lens serial that many
// cameras keep only there (see Meta.Body).
//
// Damage inside the metadata never makes Read fail: it becomes a Warning on
// the returned *Meta and the damaged value is left empty. Read fails only
// when the data is not a recognised image container at all.
//
// Field values follow ExifTool's reading of the same tags (ExifTool is the
// reference a platform reviewer is most likely to use), see ExifToolFields.
package exif

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math"
	"strings"
	"time"
)

// Limits on the metadata work done for one file. Inputs that exceed them are
// read as far as the limit allows and produce a warning.
const (
	// MaxExifBlock caps the size of an EXIF block taken from a HEIC item, a
	// PNG eXIf chunk or a WebP EXIF chunk (a JPEG APP1 segment is at most
	// 64 KiB by format; a TIFF file is walked in place, never copied).
	MaxExifBlock = 1 << 20
	// MaxIFDEntries caps the entries of one IFD.
	MaxIFDEntries = 1000
	// MaxIFDs caps the IFDs walked in one EXIF block (IFD0, its sub-IFDs and
	// the IFD1… chain together).
	MaxIFDs = 16
	// MaxValueBytes caps one tag value handed to the decoder.
	MaxValueBytes = 64 << 10
	// MaxHEIFRecords caps the ISOBMFF boxes, items, extents and property
	// associations read from a HEIC/HEIF/AVIF file, together.
	MaxHEIFRecords = 100000
)

// ErrUnrecognized is returned (wrapped) by Read and Dimensions when the data
// is not a JPEG, HEIC/HEIF/AVIF, PNG, WebP or TIFF file.
var ErrUnrecognized = errors.New("not a recognised image container")

// Meta is the metadata of one image file. String fields are empty and
// numbers zero when the value is absent or was not trusted (see Warnings).
type Meta struct {
	// FileType is ExifTool's FileType name of the container: "JPEG", "HEIC"
	// (major brand heic), "HEIF" (mif1, heix), "AVIF", "PNG", "WEBP" or
	// "TIFF" (TIFF-based raw files are reported as "TIFF").
	FileType string
	// HasEXIF reports that an EXIF block (for TIFF, the file itself) was
	// found and its IFD0 parsed.
	HasEXIF bool

	Make, Model string
	// SerialNumber is the camera body serial: BodySerialNumber (0xA431,
	// normally in ExifIFD), else the DNG SerialNumber (0xC62F, IFD0), else
	// the body serial of the maker notes (see MakerNotes).
	SerialNumber string
	// InternalSerialNumber is a maker's internal number of the body, read
	// from the maker notes (Canon, Olympus, FujiFilm, Panasonic, Sony): it
	// tells one body from another but is not the number printed on it.
	InternalSerialNumber string
	// LensModel is ExifIFD LensModel (0xA434), else the lens name of the
	// maker notes (Canon:LensModel, Olympus:LensModel, Panasonic:LensType).
	LensModel string
	// LensSerialNumber is ExifIFD LensSerialNumber (0xA435), else the
	// lens serial of the maker notes.
	LensSerialNumber string
	// The *Source fields name where each of the four values above was
	// read, as ExifTool's group-qualified tag name (`exiftool -G1`):
	// "ExifIFD:SerialNumber", "IFD0:SerialNumber", "Canon:SerialNumber",
	// "Olympus:LensModel", "Panasonic:LensType", …; "" when the value is.
	SerialNumberSource, InternalSerialNumberSource, LensModelSource, LensSerialNumberSource string
	// MakerNotes is ExifTool's group name of the maker-note format found
	// and read ("Canon", "Nikon", "Sony", "Olympus", "FujiFilm",
	// "Panasonic", "Pentax", "Samsung", "Apple"); "" when there were none
	// or their format is not one of these.
	MakerNotes string

	// Dates are in ExifTool's text form "YYYY:MM:DD HH:MM:SS", as stored
	// (local time of the camera); OffsetTimeOriginal is "+08:00" style.
	// CreateDate is EXIF DateTimeDigitized, ModifyDate is IFD0 DateTime
	// (for PNG without it, the tIME chunk).
	DateTimeOriginal, OffsetTimeOriginal, CreateDate, ModifyDate string

	Software, Artist, Copyright string

	// Orientation is the EXIF orientation 1..8; 0 when absent or invalid.
	Orientation int
	// ImageWidth and ImageHeight are the stored (unrotated) pixel size from
	// the container headers: JPEG SOF, PNG IHDR, WebP VP8X/VP8/VP8L, the
	// ispe property of the HEIC primary item, TIFF IFD0 tags.
	ImageWidth, ImageHeight int

	// GPS is nil when absent or invalid.
	GPS *GPS

	// ImageDataHash is the hex SHA-256 of the compressed image data without
	// metadata, computed like ExifTool's ImageDataHash (ImageHashType
	// SHA256): JPEG scan data from SOS up to EOI; PNG IDAT data; WebP
	// VP8/VP8L/ALPH/ANIM/ANMF chunks; HEIC/AVIF the coded image items
	// (hvc1, av01, …, including the thumbnail item); TIFF the IFD0
	// strips or tiles. Editing metadata keeps it, editing pixels changes
	// it. Empty when there is no image data to hash.
	ImageDataHash string

	// Warnings lists damage and untrusted values found while reading.
	Warnings []string

	// exifToolFileType is ExifTool's FileType when it differs from FileType
	// ("Extended WEBP").
	exifToolFileType string
	// dropped counts warnings beyond maxWarnings.
	dropped int
	// makerTags are the maker-note values read, for ExifToolFields.
	makerTags []makerTag
}

// maxWarnings caps the warnings kept for one file: a hostile file could
// otherwise produce one per byte.
const maxWarnings = 50

// GPS is a position in signed decimal degrees (south and west negative).
type GPS struct {
	Latitude, Longitude float64
	// Altitude is in metres, negative below sea level; nil when absent.
	Altitude *float64
}

func (m *Meta) warnf(format string, args ...any) {
	if len(m.Warnings) >= maxWarnings {
		m.dropped++
		return
	}
	m.Warnings = append(m.Warnings, fmt.Sprintf(format, args...))
}

// finish closes the warning list.
func (m *Meta) finish() {
	if m.dropped > 0 {
		m.Warnings = append(m.Warnings, fmt.Sprintf("%d more warnings not shown", m.dropped))
		m.dropped = 0
	}
}

// Read extracts metadata from a whole image file held in memory. It never
// decodes pixels. It returns an error only when the data is not a recognised
// image container at all; damage inside the metadata becomes Warnings on a
// non-nil *Meta.
func Read(data []byte) (m *Meta, err error) {
	ft := sniff(data)
	if ft == "" {
		return nil, fmt.Errorf("exif: read: %w", ErrUnrecognized)
	}
	m = &Meta{FileType: ft}
	defer func() {
		// Every reader below is bounds-checked; this is the last line of
		// defence so that a bug never takes the caller down.
		if r := recover(); r != nil {
			m.Warnings = append(m.Warnings, fmt.Sprintf("internal error while reading %s metadata: %v", ft, r))
			err = nil
		}
		m.finish()
	}()
	var block []byte     // the EXIF (TIFF) block, if any
	var pngModify string // PNG tIME, used when EXIF has no ModifyDate
	switch ft {
	case "JPEG":
		s := scanJPEG(data, true, false, m.warnf)
		m.ImageWidth, m.ImageHeight = s.width, s.height
		m.ImageDataHash = s.hash
		block = s.exif
	case "PNG":
		p := scanPNG(data, true, m.warnf)
		m.ImageWidth, m.ImageHeight = p.width, p.height
		m.ImageDataHash = p.hash
		block, pngModify = p.exif, p.modifyDate
	case "WEBP":
		w := scanWebP(data, true, m.warnf)
		m.ImageWidth, m.ImageHeight = w.width, w.height
		m.ImageDataHash = w.hash
		block = w.exif
		if w.extended {
			m.exifToolFileType = "Extended WEBP"
		}
	case "HEIC", "HEIF", "AVIF":
		h := scanHEIF(data, true, m.warnf)
		m.ImageWidth, m.ImageHeight = h.width, h.height
		m.ImageDataHash = h.hash
		block = h.exif
	case "TIFF":
		readTIFFFile(data, m)
		return m, nil
	}
	if block != nil {
		readExifBlock(block, m)
	}
	if m.ModifyDate == "" {
		m.ModifyDate = pngModify
	}
	return m, nil
}

// Dimensions returns the stored pixel size and the FileType of an image by
// reading only its container headers (and, for TIFF, IFD0). It is meant for
// a pixel-limit check before any decoding. It fails when the container is
// not recognised or carries no usable size.
func Dimensions(data []byte) (w, h int, fileType string, err error) {
	ft := sniff(data)
	if ft == "" {
		return 0, 0, "", fmt.Errorf("exif: dimensions: %w", ErrUnrecognized)
	}
	defer func() {
		if r := recover(); r != nil {
			w, h, err = 0, 0, fmt.Errorf("exif: dimensions of %s: internal error: %v", ft, r)
		}
	}()
	var warns Meta // collects (capped) warnings for the error message
	warnf := warns.warnf
	switch ft {
	case "JPEG":
		s := scanJPEG(data, false, true, warnf)
		w, h = s.width, s.height
	case "PNG":
		p := scanPNG(data, false, warnf)
		w, h = p.width, p.height
	case "WEBP":
		s := scanWebP(data, false, warnf)
		w, h = s.width, s.height
	case "HEIC", "HEIF", "AVIF":
		s := scanHEIF(data, false, warnf)
		w, h = s.width, s.height
	case "TIFF":
		w, h = tiffFileDimensions(data)
	}
	if w <= 0 || h <= 0 {
		detail := ""
		if warns.finish(); len(warns.Warnings) > 0 {
			detail = ": " + strings.Join(warns.Warnings, "; ")
		}
		return 0, 0, ft, fmt.Errorf("exif: dimensions: no image size in the %s headers%s", ft, detail)
	}
	return w, h, ft, nil
}

// sniff identifies the container by its magic bytes (for ISOBMFF, by the
// major brand, as ExifTool names the FileType).
func sniff(data []byte) string {
	switch {
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return "JPEG"
	case len(data) >= 8 && string(data[:8]) == "\x89PNG\r\n\x1a\n":
		return "PNG"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "WEBP"
	case len(data) >= 8 && (string(data[:4]) == "II*\x00" || string(data[:4]) == "MM\x00*"):
		return "TIFF"
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		switch string(data[8:12]) {
		case "heic":
			return "HEIC"
		case "mif1", "heix":
			return "HEIF"
		case "avif":
			return "AVIF"
		}
	}
	return ""
}

// Camera names the camera for people: the make and the model, with the
// make once ("Canon" + "EOS R5" and "Canon" + "Canon EOS R5" are both
// "Canon EOS R5"; "NIKON CORPORATION" + "NIKON D2H" is "NIKON D2H"). The
// make is left out when the model's first word is a word of the make, in
// any case. One of them alone is used as it is; "" when neither is known
// (or m is nil).
func (m *Meta) Camera() string {
	if m == nil {
		return ""
	}
	mk, model := strings.TrimSpace(m.Make), strings.TrimSpace(m.Model)
	first, _, _ := strings.Cut(model, " ")
	for _, w := range strings.Fields(mk) {
		if strings.EqualFold(strings.TrimRight(w, ".,"), first) {
			return model
		}
	}
	return strings.TrimSpace(mk + " " + model)
}

// CaptureTime returns when the photo was taken: DateTimeOriginal, else
// CreateDate. When OffsetTimeOriginal is present (and DateTimeOriginal is
// used) the result carries that fixed zone and is an exact instant.
// Otherwise the zone is unknown: the camera's wall-clock reading is returned
// in time.UTC, which is a label, not a claim that the camera ran on UTC —
// compare such times only with dates of the same local calendar. ok is false
// when neither date is present.
func (m *Meta) CaptureTime() (t time.Time, ok bool) {
	const layout = "2006:01:02 15:04:05"
	if s := m.DateTimeOriginal; len(s) >= len(layout) {
		loc := time.UTC
		if off, ok := parseOffset(m.OffsetTimeOriginal); ok {
			loc = time.FixedZone(m.OffsetTimeOriginal, off)
		}
		if t, err := time.ParseInLocation(layout, s[:len(layout)], loc); err == nil {
			return t, true
		}
	}
	if s := m.CreateDate; len(s) >= len(layout) {
		if t, err := time.ParseInLocation(layout, s[:len(layout)], time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ExifToolFields returns the metadata keyed and shaped like the output of
// `exiftool -json -n` for the same tags: FileType, Make, Model,
// SerialNumber, InternalSerialNumber, LensModel, LensSerialNumber,
// DateTimeOriginal, OffsetTimeOriginal, CreateDate, ModifyDate, Software,
// Artist, Copyright (strings), Orientation, ImageWidth, ImageHeight (int),
// GPSLatitude, GPSLongitude, GPSAltitude (float64, signed). A key with no
// value is left out. FileType is ExifTool's exact name, so an extended
// WebP reads "Extended WEBP". Unlike ExifTool's JSON writer,
// numeric-looking strings (a serial "142066080698", Software "6.0") stay
// strings.
//
// Every value read from the maker notes is also given under its
// group-qualified name, as `exiftool -G1 -n` prints it
// ("Canon:SerialNumber", "Olympus:LensModel", "Panasonic:LensType"); the
// four plain keys above are given only when the chosen value's tag has
// that name (a Panasonic lens appears as "Panasonic:LensType" alone).
func (m *Meta) ExifToolFields() map[string]any {
	f := make(map[string]any, 20+len(m.makerTags))
	putS := func(k, v string) {
		if v != "" {
			f[k] = v
		}
	}
	putI := func(k string, v int) {
		if v != 0 {
			f[k] = v
		}
	}
	ft := m.FileType
	if m.exifToolFileType != "" {
		ft = m.exifToolFileType
	}
	putS("FileType", ft)
	putS("Make", m.Make)
	putS("Model", m.Model)
	m.putIdentityFields(f)
	putS("DateTimeOriginal", m.DateTimeOriginal)
	putS("OffsetTimeOriginal", m.OffsetTimeOriginal)
	putS("CreateDate", m.CreateDate)
	putS("ModifyDate", m.ModifyDate)
	putS("Software", m.Software)
	putS("Artist", m.Artist)
	putS("Copyright", m.Copyright)
	putI("Orientation", m.Orientation)
	putI("ImageWidth", m.ImageWidth)
	putI("ImageHeight", m.ImageHeight)
	if m.GPS != nil {
		f["GPSLatitude"] = m.GPS.Latitude
		f["GPSLongitude"] = m.GPS.Longitude
		if m.GPS.Altitude != nil {
			f["GPSAltitude"] = *m.GPS.Altitude
		}
	}
	return f
}

// parseOffset parses "+HH:MM" / "-HH:MM" into seconds east of UTC.
func parseOffset(s string) (int, bool) {
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return 0, false
	}
	d := func(c byte) (int, bool) { return int(c - '0'), c >= '0' && c <= '9' }
	h1, ok1 := d(s[1])
	h2, ok2 := d(s[2])
	m1, ok3 := d(s[4])
	m2, ok4 := d(s[5])
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return 0, false
	}
	h, mi := h1*10+h2, m1*10+m2
	if h > 14 || mi > 59 {
		return 0, false
	}
	sec := h*3600 + mi*60
	if s[0] == '-' {
		sec = -sec
	}
	return sec, true
}

// dataHasher accumulates byte ranges of the input into a SHA-256, merging
// contiguous ranges so that JPEG scan data is written in few large calls.
type dataHasher struct {
	h          hash.Hash
	start, end int // pending contiguous range [start, end)
	n          int64
}

func newDataHasher() *dataHasher { return &dataHasher{h: sha256.New(), start: -1} }

func (d *dataHasher) add(data []byte, start, end int) {
	if start >= end {
		return
	}
	if d.start >= 0 && start == d.end {
		d.end = end
		return
	}
	d.flush(data)
	d.start, d.end = start, end
}

func (d *dataHasher) flush(data []byte) {
	if d.start >= 0 {
		d.h.Write(data[d.start:d.end])
		d.n += int64(d.end - d.start)
	}
	d.start = -1
}

// sum returns the hex digest, or "" when nothing was hashed (ExifTool omits
// the tag for the empty digest too).
func (d *dataHasher) sum(data []byte) string {
	d.flush(data)
	if d.n == 0 {
		return ""
	}
	return hex.EncodeToString(d.h.Sum(nil))
}

// dim converts a stored dimension to int; values beyond int32 (impossible
// for a real image, and negative on 32-bit platforms) read as 0.
func dim(v uint32) int {
	if v > math.MaxInt32 {
		return 0
	}
	return int(v)
}

// finite reports whether f is a usable number.
func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
