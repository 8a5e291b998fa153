package packet

import (
	"context"
	"path/filepath"
	"testing"

	"appealpacket/packet/check"
	"appealpacket/packet/doctext"
)

// TestSelectOCR: a Tesseract the options give is used as it is (no
// command is run to find it) unless OCR is "off"; without one, OCR says
// what to look for.
func TestSelectOCR(t *testing.T) {
	t.Parallel()
	// A command that does not exist: looking for it fails, using the
	// given value does not run it.
	missing := filepath.Join(t.TempDir(), "no-tesseract")
	given := &doctext.Tesseract{Command: missing, Languages: "eng"}
	for _, tt := range []struct {
		name    string
		opts    Options
		want    *doctext.Tesseract
		wantErr bool
		use     check.OCRUse
	}{
		{"given", Options{Tesseract: given}, given, false, check.OCRUsed},
		{"given, OCR names a command", Options{Tesseract: given, OCR: missing}, given, false, check.OCRUsed},
		{"given, OCR off", Options{Tesseract: given, OCR: "off"}, nil, false, check.OCROff},
		{"off", Options{OCR: "off"}, nil, false, check.OCROff},
		{"a command that is not there", Options{OCR: missing}, nil, true, check.OCRNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := selectOCR(context.Background(), &tt.opts)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("selectOCR = %v, %v; want %v (error: %v)", got, err, tt.want, tt.wantErr)
			}
			if err == nil {
				if use := ocrUse(tt.opts.OCR, got); use != tt.use {
					t.Errorf("ocrUse = %v, want %v", use, tt.use)
				}
			}
		})
	}
}
