package collect

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/packet/evidence"
	"appealpacket/packet/manifest"
)

// TestEncoderKeepsTheMasterItDecodes: a picture Run kept no master of (as
// when its record came from the cache) is decoded once by the Encoder,
// which then scales every further level from the master it kept; the
// copies are those made from Run's own master, byte for byte.
func TestEncoderKeepsTheMasterItDecodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	photo := filepath.Join(dir, "photo.jpg")
	data, err := fixture.JPEG(fixture.Gradient(2400, 1800), 90, &fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Taken: "2023:10:14 10:21:37", NoGPS: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(photo, data, 0o644); err != nil {
		t.Fatal(err)
	}
	collectOne := func(masters bool) (*evidence.Item, string) {
		t.Helper()
		work := t.TempDir()
		items, err := Run(context.Background(), []Request{{Path: manifest.Path{Raw: "photo.jpg", Rel: "photo.jpg", Abs: photo}, Role: evidence.Photo}},
			Options{WorkDir: work, Masters: masters})
		if err != nil || items[0].Err != nil || items[0].Display == nil {
			t.Fatalf("Run: %v %+v", err, items)
		}
		return items[0], work
	}
	withMaster, work := collectOne(true)
	without, bare := collectOne(false)
	if withMaster.Meta == nil || withMaster.Meta.Make != "Canon" {
		t.Fatalf("the photo's EXIF was not read: %+v", withMaster.Meta)
	}
	if withMaster.Display.Master == "" || without.Display.Master != "" {
		t.Fatalf("masters: %q with, %q without", withMaster.Display.Master, without.Display.Master)
	}
	ref, enc := NewEncoder(work, nil, Options{}), NewEncoder(bare, nil, Options{})
	levels := []struct{ side, quality int }{{1600, 85}, {1200, 80}, {800, 70}}
	for i, l := range levels {
		want, err := ref.Encode(withMaster, l.side, l.quality, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := enc.Encode(without, l.side, l.quality, 0)
		if err != nil {
			t.Fatalf("level %d: %v", i, err)
		}
		a, _ := os.ReadFile(want.File)
		b, _ := os.ReadFile(got.File)
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("level %d: the copy differs from the one made from Run's master (%d and %d bytes)", i, len(a), len(b))
		}
		if i == 0 {
			// The original goes: the next levels can only come from the
			// master the Encoder kept.
			if err := os.WriteFile(photo, []byte("changed"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := without.Display.Master; got != "" {
		t.Errorf("the Encoder wrote %q into the collected item", got)
	}
}
