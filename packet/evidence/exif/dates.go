package exif

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StampKind says what moment a date in a file stands for.
type StampKind int

const (
	// Captured: when the picture was taken (EXIF DateTimeOriginal, XMP
	// exif:DateTimeOriginal and photoshop:DateCreated).
	Captured StampKind = iota
	// Digitized: when the camera wrote the picture, the same moment for a
	// digital camera (EXIF CreateDate, XMP exif:DateTimeDigitized, and
	// xmp:CreateDate when no editor wrote the XMP).
	Digitized
	// Modified: when the file was last written (EXIF ModifyDate, XMP
	// ModifyDate, MetadataDate, history events, and xmp:CreateDate of an
	// editor's document). It moves later whenever an app re-saves the file.
	Modified
	// GPSFix: the UTC time of the GPS fix (GPSDateStamp, GPSTimeStamp), at
	// or a little before the capture (phones reuse a recent fix).
	GPSFix
)

func (k StampKind) String() string {
	return [...]string{"capture", "digitized", "modified", "GPS fix"}[k]
}

// Stamp is one date a file carries.
type Stamp struct {
	Kind   StampKind
	Source string // where it was read: "EXIF DateTimeOriginal", "XMP photoshop:DateCreated", ...
	Text   string // as stored (with sub-seconds and offset when given)
	// Time is the reading: in the fixed zone of its offset when Offset,
	// else the clock's reading labelled UTC (the zone is unknown).
	Time time.Time
	// Offset reports that the zone of Time is known (an offset was
	// stored, or the value is UTC by definition).
	Offset bool
	// UTC reports a value that is UTC by definition (GPS time), not the
	// reading of the camera's clock.
	UTC bool
}

// Clock returns the clock reading of s, its wall-clock time, labelled UTC:
// the camera's clock for EXIF and XMP dates.
func (s Stamp) Clock() time.Time {
	y, mo, d := s.Time.Date()
	h, mi, sec := s.Time.Clock()
	return time.Date(y, mo, d, h, mi, sec, s.Time.Nanosecond(), time.UTC)
}

func (s Stamp) String() string { return s.Source + " " + s.Text }

const exifDateLayout = "2006:01:02 15:04:05"

// exifStamp parses an EXIF date with its sub-seconds ("123") and offset
// ("+08:00"), either of which may be empty.
func exifStamp(kind StampKind, source, date, subsec, offset string) (Stamp, bool) {
	if len(date) < len(exifDateLayout) {
		return Stamp{}, false
	}
	loc, zoned := time.UTC, false
	if off, ok := parseOffset(offset); ok {
		loc, zoned = time.FixedZone(offset, off), true
	}
	t, err := time.ParseInLocation(exifDateLayout, date[:len(exifDateLayout)], loc)
	if err != nil {
		return Stamp{}, false
	}
	text := date[:len(exifDateLayout)]
	if d := digits(subsec); d != "" {
		frac, _ := strconv.ParseFloat("0."+d, 64)
		t = t.Add(time.Duration(frac * float64(time.Second)))
		text += "." + d
	}
	if zoned {
		text += offset
	}
	return Stamp{Kind: kind, Source: source, Text: text, Time: t, Offset: zoned}, true
}

// digits returns the leading decimal digits of s (sub-second values are
// often padded with spaces or NULs), at most 9.
func digits(s string) string {
	s = strings.TrimSpace(s)
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return s[:n]
}

// gpsStamp combines GPSDateStamp ("2021:05:18"; some phones write
// "2021-05-18") and GPSTimeStamp (hours, minutes, seconds; nil when
// absent) into a UTC time. A date without a time reads as the start of
// that day, which can only make the GPS fix look earlier than it was.
func gpsStamp(date string, hms []float64) (Stamp, bool) {
	date = strings.ReplaceAll(strings.TrimSpace(date), "-", ":")
	d, err := time.Parse("2006:01:02", date)
	if err != nil {
		return Stamp{}, false
	}
	if hms == nil {
		return Stamp{Kind: GPSFix, Source: "EXIF GPSDateStamp", Text: date, Time: d, Offset: true, UTC: true}, true
	}
	if len(hms) != 3 {
		return Stamp{}, false
	}
	h, m, s := hms[0], hms[1], hms[2]
	if h < 0 || h >= 24 || m < 0 || m >= 60 || s < 0 || s >= 61 {
		return Stamp{}, false
	}
	t := d.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s*float64(time.Second)))
	text := fmt.Sprintf("%s %02d:%02d:%05.2fZ", date, int(h), int(m), s)
	return Stamp{Kind: GPSFix, Source: "EXIF GPSDateStamp/GPSTimeStamp", Text: text, Time: t, Offset: true, UTC: true}, true
}

// xmpStamp parses an XMP date: ISO 8601 ("2016-01-12T15:33:28",
// "2020-05-04T18:39:11.644-04:00", "…Z"), or the EXIF form some writers
// use. Dates without a time of day are not used (too coarse to compare).
func xmpStamp(kind StampKind, source, s string) (Stamp, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 16 {
		return Stamp{}, false
	}
	norm := []byte(s)
	if norm[4] == ':' && norm[7] == ':' { // EXIF style date part
		norm[4], norm[7] = '-', '-'
	}
	if norm[10] == ' ' {
		norm[10] = 'T'
	}
	v := string(norm)
	for _, layout := range []string{
		"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04Z07:00",
	} {
		if t, err := time.Parse(layout, v); err == nil {
			// A zero offset ("Z") may be UTC rather than the clock of
			// the camera: compare it as UTC.
			_, off := t.Zone()
			return Stamp{Kind: kind, Source: source, Text: s, Time: t, Offset: true, UTC: off == 0}, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, v, time.UTC); err == nil {
			return Stamp{Kind: kind, Source: source, Text: s, Time: t}, true
		}
	}
	return Stamp{}, false
}
