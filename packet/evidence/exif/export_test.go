package exif

import "testing"

// SamplePhoto is a small JPEG with full EXIF for the examples: a Canon body
// serial, a capture time at +08:00, a position in Chile.
func SamplePhoto() []byte {
	return buildJPEG(panicTB{}, exifAPP1(fullExif(le)))
}

// panicTB lets the builders run outside a test.
type panicTB struct{ testing.TB }

func (panicTB) Helper()           {}
func (panicTB) Fatal(args ...any) { panic(args) }
