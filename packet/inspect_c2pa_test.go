package packet_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/testcorpus"
	"appealpacket/packet"
)

// TestInspectC2PA: inspect reports each file's Content Credentials as a
// C2PA object of the JSON, next to the EXIF fields.
func TestInspectC2PA(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(testcorpus.Dir(t), "c2pa")
	pixel, err := os.ReadFile(filepath.Join(dir, "camera_Pixel5_Truepic_Lens.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	truepic := filepath.Join(t.TempDir(), "truepic.pem")
	if err := os.WriteFile(truepic, selfSignedIn(t, pixel), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, status, state, summary string
		trust                        string
	}{
		{"camera_Pixel5_Truepic_Lens.jpg", "present", "Trusted", "", truepic},
		{"camera_Pixel5_Truepic_Lens.jpg", "present", "Valid", "valid, signer not on a trust list", ""},
		{"invalid_XCA_data_hash_mismatch.jpg", "present", "Invalid", "invalid: assertion.dataHash.mismatch", ""},
		{"none_IMG_0003_Canon_no_c2pa.jpg", "none", "", "no Content Credentials", ""},
		{"remote_cloud_manifest_url.jpg", "remote-only", "", "remote manifest referenced, not fetched: https://", ""},
	} {
		name := tc.file
		if tc.trust != "" {
			name += ", with a trust list"
		}
		t.Run(name, func(t *testing.T) {
			entries, ok, err := packet.Inspect([]string{filepath.Join(dir, tc.file)}, tc.trust)
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
