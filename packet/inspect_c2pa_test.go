package packet_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/testcorpus"
	"appealpacket/packet"
)

// TestInspectC2PA: inspect reports each file's Content Credentials as a
// C2PA object of the JSON, next to the EXIF fields.
func TestInspectC2PA(t *testing.T) {
	dir := filepath.Join(testcorpus.Dir(t), "c2pa")
	for _, tc := range []struct {
		file, status, state, summary string
	}{
		{"camera_Pixel5_Truepic_Lens.jpg", "present", "Valid", "valid, signer not on a trust list"},
		{"invalid_XCA_data_hash_mismatch.jpg", "present", "Invalid", "invalid: assertion.dataHash.mismatch"},
		{"none_IMG_0003_Canon_no_c2pa.jpg", "none", "", "no Content Credentials"},
		{"remote_cloud_manifest_url.jpg", "remote-only", "", "remote manifest referenced, not fetched: https://"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			entries, ok, err := packet.Inspect([]string{filepath.Join(dir, tc.file)})
			if err != nil || !ok || len(entries) != 1 {
				t.Fatalf("%d entries, ok %v, %v", len(entries), ok, err)
			}
			b, err := json.Marshal(entries[0])
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				FileType string
				C2PA     struct {
					Status, State, Summary string
				}
			}
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			c := got.C2PA
			if c.Status != tc.status || c.State != tc.state || !strings.HasPrefix(c.Summary, tc.summary) {
				t.Errorf("C2PA %+v, want %s %s %q", c, tc.status, tc.state, tc.summary)
			}
			if got.FileType != "JPEG" {
				t.Error("the EXIF fields are gone")
			}
		})
	}
}
