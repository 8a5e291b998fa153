package exif

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	goexif "github.com/rwcarlsen/goexif/exif"
	gotiff "github.com/rwcarlsen/goexif/tiff"
)

// Field names for the tags that goexif's tables lack. They are loaded into
// the decoded *goexif.Exif with its LoadTags method, per call, rather than
// with goexif.RegisterParsers, which would change goexif's global state.
const (
	fieldSerialNumber       goexif.FieldName = "SerialNumber"       // 0xC62F (DNG, IFD0)
	fieldBodySerialNumber   goexif.FieldName = "BodySerialNumber"   // 0xA431 (ExifIFD)
	fieldOffsetTimeOriginal goexif.FieldName = "OffsetTimeOriginal" // ExifIFD 0x9011
)

// readExifBlock checks the EXIF (TIFF) block of a container and decodes it.
func readExifBlock(block []byte, m *Meta) {
	if len(block) > MaxExifBlock {
		m.warnf("EXIF block of %d bytes exceeds the %d-byte limit; EXIF ignored", len(block), MaxExifBlock)
		return
	}
	g, err := checkTIFF(block, m.warnf)
	if err != nil {
		m.warnf("EXIF: %v; EXIF ignored", err)
		return
	}
	decodeChecked(g, m)
}

// decodeChecked hands goexif the clean block rebuilt from the checked
// entries and fills m from the decoded tags.
func decodeChecked(g *tiffGuard, m *Meta) {
	m.HasEXIF = true
	clean, exifOff := g.cleanBlock(m.warnf)
	x, err := decodeWithGoexif(clean, exifOff)
	if err != nil {
		m.warnf("EXIF: %v", err)
		return
	}
	f := fields{x: x, m: m}
	m.Make = f.text(goexif.Make)
	m.Model = f.text(goexif.Model)
	if m.SerialNumber = f.text(fieldBodySerialNumber); m.SerialNumber == "" {
		m.SerialNumber = f.text(fieldSerialNumber)
	}
	m.LensModel = f.text(goexif.LensModel)
	m.Software = f.text(goexif.Software)
	m.Artist = f.text(goexif.Artist)
	m.Copyright = f.text(goexif.Copyright)
	m.DateTimeOriginal = f.date("ExifIFD DateTimeOriginal", goexif.DateTimeOriginal)
	m.CreateDate = f.date("ExifIFD CreateDate", goexif.DateTimeDigitized)
	m.ModifyDate = f.date("IFD0 ModifyDate", goexif.DateTime)
	if s := f.text(fieldOffsetTimeOriginal); s != "" {
		if _, ok := parseOffset(s); ok {
			m.OffsetTimeOriginal = s
		} else {
			m.warnf("EXIF ExifIFD OffsetTimeOriginal %q is not a valid offset (+HH:MM); ignored", s)
		}
	}
	m.Orientation = f.orientation()
	m.GPS = f.gps()
	readMakerNotes(g, m)
}

// decodeWithGoexif runs goexif on a block built by cleanBlock. goexif is
// never given raw input; the recover is a second line of defence.
func decodeWithGoexif(clean []byte, exifOff uint32) (x *goexif.Exif, err error) {
	defer func() {
		if r := recover(); r != nil {
			x, err = nil, fmt.Errorf("decoder panicked on the checked block: %v", r)
		}
	}()
	x, err = goexif.Decode(bytes.NewReader(clean))
	if err != nil {
		if x == nil || goexif.IsCriticalError(err) {
			return nil, fmt.Errorf("decoding the checked block: %w", err)
		}
		// A sub-IFD error: IFD0 is still usable. (Not expected on a clean
		// block; the tags concerned are then simply absent.)
	}
	if len(x.Tiff.Dirs) == 0 {
		return nil, fmt.Errorf("decoding the checked block: no IFD0")
	}
	// cleanBlock put each tag in one IFD only, so the order of loading
	// does not matter.
	extra := map[uint16]goexif.FieldName{
		tagDNGSerialNumber:    fieldSerialNumber,
		tagOffsetTimeOriginal: fieldOffsetTimeOriginal,
		tagBodySerialNumber:   fieldBodySerialNumber,
	}
	x.LoadTags(x.Tiff.Dirs[0], extra, false)
	if exifOff != 0 {
		r := bytes.NewReader(clean)
		if _, err := r.Seek(int64(exifOff), io.SeekStart); err != nil {
			return nil, fmt.Errorf("seeking to the ExifIFD of the checked block: %w", err)
		}
		d, _, err := gotiff.DecodeDir(r, x.Tiff.Order)
		if err != nil {
			return nil, fmt.Errorf("decoding the ExifIFD of the checked block: %w", err)
		}
		x.LoadTags(d, extra, false)
	}
	return x, nil
}

// fields reads typed values out of a decoded block, warning into m.
type fields struct {
	x *goexif.Exif
	m *Meta
}

func (f fields) tag(name goexif.FieldName) *gotiff.Tag {
	t, err := f.x.Get(name)
	if err != nil {
		return nil
	}
	return t
}

// text returns a string value the way ExifTool shows it: cut at the first
// NUL, trailing spaces removed, invalid UTF-8 replaced. ASCII is expected,
// but BYTE and UNDEFINED values holding text are accepted too.
func (f fields) text(name goexif.FieldName) string {
	t := f.tag(name)
	if t == nil {
		return ""
	}
	var s string
	switch {
	case t.Format() == gotiff.StringVal:
		s, _ = t.StringVal()
	case t.Type == gotiff.DTUndefined || t.Type == gotiff.DTByte:
		s = string(t.Val)
		if i := strings.IndexByte(s, 0); i >= 0 {
			s = s[:i]
		}
	default:
		f.m.warnf("EXIF %s has format %d, not text; ignored", name, t.Type)
		return ""
	}
	return strings.ToValidUTF8(strings.TrimRight(s, " \x00"), "\uFFFD")
}

// date returns a date string if it starts with a valid "YYYY:MM:DD
// HH:MM:SS"; anything else is reported and left empty.
func (f fields) date(label string, name goexif.FieldName) string {
	s := f.text(name)
	if s == "" {
		return ""
	}
	const layout = "2006:01:02 15:04:05"
	if len(s) >= len(layout) {
		if _, err := time.Parse(layout, s[:len(layout)]); err == nil {
			return s
		}
	}
	f.m.warnf("EXIF %s %q is not a valid date; ignored", label, s)
	return ""
}

func (f fields) orientation() int {
	t := f.tag(goexif.Orientation)
	if t == nil {
		return 0
	}
	v, err := t.Int(0)
	switch {
	case err != nil:
		f.m.warnf("EXIF IFD0 Orientation has format %d, not an integer; ignored", t.Type)
	case v < 1 || v > 8:
		f.m.warnf("EXIF IFD0 Orientation %d is invalid (valid: 1-8); ignored", v)
	default:
		return v
	}
	return 0
}

// numbers returns up to max values of a numeric tag as floats. undefined is
// set when a rational has a zero denominator; blank when every such
// rational is 0/0 (the "no value" placeholder some phones write).
func numbers(t *gotiff.Tag, max int) (v []float64, undefined, blank bool, err error) {
	n := int(t.Count)
	if n > max {
		n = max
	}
	blank = true
	for i := 0; i < n; i++ {
		switch t.Format() {
		case gotiff.RatVal:
			num, den, _ := t.Rat2(i)
			if den == 0 {
				undefined = true
				blank = blank && num == 0
				continue
			}
			blank = false
			v = append(v, float64(num)/float64(den))
		case gotiff.FloatVal:
			x, _ := t.Float(i)
			blank = false
			v = append(v, x)
		case gotiff.IntVal:
			x, _ := t.Int64(i)
			blank = false
			v = append(v, float64(x))
		default:
			return nil, false, false, fmt.Errorf("format %d is not numeric", t.Type)
		}
	}
	return v, undefined, blank && undefined, nil
}

// gps returns the position, or nil when absent or not trustworthy.
func (f fields) gps() *GPS {
	latT, lonT := f.tag(goexif.GPSLatitude), f.tag(goexif.GPSLongitude)
	if latT == nil && lonT == nil {
		return nil
	}
	if latT == nil || lonT == nil {
		f.m.warnf("EXIF GPS: latitude or longitude missing; position ignored")
		return nil
	}
	latRef, lonRef := f.text(goexif.GPSLatitudeRef), f.text(goexif.GPSLongitudeRef)
	coord := func(label string, t *gotiff.Tag, ref string, pos, neg byte, limit float64) (float64, bool) {
		v, undefined, blank, err := numbers(t, 3)
		switch {
		case err != nil:
			f.m.warnf("EXIF GPS: %s %v; position ignored", label, err)
			return 0, false
		case blank && ref == "":
			return 0, false // an empty placeholder, not damage
		case undefined:
			f.m.warnf("EXIF GPS: %s has a zero denominator; position ignored", label)
			return 0, false
		}
		var deg float64
		for i, x := range v {
			deg += x / math.Pow(60, float64(i))
		}
		r := byte(0)
		if ref != "" {
			r = ref[0] &^ 0x20 // upper case
		}
		switch r {
		case pos:
		case neg:
			deg = -deg
		case 0:
			f.m.warnf("EXIF GPS: %s has no reference (%c/%c); position ignored", label, pos, neg)
			return 0, false
		default:
			f.m.warnf("EXIF GPS: %s reference %q is not %c or %c; position ignored", label, ref, pos, neg)
			return 0, false
		}
		if !finite(deg) || math.Abs(deg) > limit {
			f.m.warnf("EXIF GPS: %s %.6f is out of range (±%g); position ignored", label, deg, limit)
			return 0, false
		}
		return deg, true
	}
	lat, ok1 := coord("latitude", latT, latRef, 'N', 'S', 90)
	lon, ok2 := coord("longitude", lonT, lonRef, 'E', 'W', 180)
	if !ok1 || !ok2 {
		return nil
	}
	g := &GPS{Latitude: lat, Longitude: lon}
	if t := f.tag(goexif.GPSAltitude); t != nil {
		v, undefined, blank, err := numbers(t, 1)
		switch {
		case err != nil:
			f.m.warnf("EXIF GPS: altitude %v; altitude ignored", err)
		case blank:
		case undefined || len(v) == 0:
			f.m.warnf("EXIF GPS: altitude has a zero denominator; altitude ignored")
		default:
			alt := v[0]
			if rt := f.tag(goexif.GPSAltitudeRef); rt != nil {
				if r, err := rt.Int(0); err == nil && r != 0 && alt != 0 {
					alt = -alt
				}
			}
			if !finite(alt) || math.Abs(alt) > 100000 {
				f.m.warnf("EXIF GPS: altitude %.1f m is out of range; altitude ignored", alt)
			} else {
				g.Altitude = &alt
			}
		}
	}
	return g
}
