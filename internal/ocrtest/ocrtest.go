// Package ocrtest finds Tesseract for tests: a test that needs it skips
// with a clear message where it is absent, and fails where the tools are
// required (APPEALPACKET_REQUIRE_TOOLS=1, as in CI).
package ocrtest

import (
	"context"
	"testing"

	"appealpacket/internal/testlevel"
	"appealpacket/packet/doctext"
)

// Tesseract returns the installed tesseract with both the English and the
// Simplified Chinese models, or skips (fails under
// APPEALPACKET_REQUIRE_TOOLS) when it is not.
func Tesseract(t testing.TB) *doctext.Tesseract {
	t.Helper()
	testlevel.SkipExternalIfShort(t, "tesseract")
	tess, err := doctext.Find(context.Background(), "")
	if err == nil && tess.Languages != "chi_sim+eng" {
		err = &missingModels{tess.Languages}
	}
	if err != nil {
		if testlevel.ToolsRequired() {
			t.Fatalf("tesseract with eng and chi_sim is required (APPEALPACKET_REQUIRE_TOOLS is set): %v", err)
		}
		t.Skipf("skipping: OCR needs tesseract with the eng and chi_sim models (Debian: apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim): %v", err)
	}
	return tess
}

type missingModels struct{ have string }

func (m *missingModels) Error() string { return "only the models " + m.have + " are installed" }
