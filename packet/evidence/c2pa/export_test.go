package c2pa

import (
	"encoding/pem"
	"testing"
)

// SampleSigned is a small JPEG signed at capture for the examples: ES256,
// a certificate for "Fixture Camera" issued by "Fixture Root CA", a
// time-stamp of 2024-03-01 11:00 UTC, a c2pa.created action and a
// stds.exif assertion. rootPEM is the root certificate, as a trust list.
func SampleSigned() (file, rootPEM []byte) {
	file, root := sampleSigned(panicTB{})
	return file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: root.cert.Raw})
}

// SampleTime is a time inside the sample's certificate validity.
var SampleTime = validationTime

// panicTB lets the builders run outside a test.
type panicTB struct{ testing.TB }

func (panicTB) Helper()                           {}
func (panicTB) Fatal(args ...any)                 { panic(args) }
func (panicTB) Fatalf(format string, args ...any) { panic(format) }
