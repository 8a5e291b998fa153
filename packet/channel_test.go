package packet_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"appealpacket/packet"
)

// The demo built for Amazon's copyright-complaint form, which takes
// pictures only: every file written is a picture of a type the channel
// takes, under its size limit, and decodes; the pages come first, numbered,
// then the camera originals, byte for byte.
func TestBuildChannelCopyrightImages(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("draws every page with PDFium: not in -short")
	}
	out := t.TempDir()
	opts := packet.Options{OutDir: out, Date: demoDate, ProfileFile: "amazon", Channel: "copyright-images", Force: true}
	res, err := buildCase(context.Background(), demo, opts)
	if err != nil {
		t.Fatal(err)
	}
	const maxBytes = 5_000_000 // the amazon profile's copyright-images limit
	ch := res.Channel
	if ch == nil || !ch.Pictures || ch.Pages != res.Pages || ch.Pages < 10 || len(ch.Originals) != 3 || ch.MaxBytes != maxBytes || res.PDF != "" || res.XLSX != "" {
		t.Fatalf("channel result %+v, %d pages; PDF %q XLSX %q", ch, res.Pages, res.PDF, res.XLSX)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != ch.Pages+3 || len(entries) > 20 {
		t.Errorf("%d files written, want %d pages and 3 originals, at most 20", len(entries), ch.Pages)
	}
	pageRE := regexp.MustCompile(`^IPP-2024-0001234-p([0-9]{2})\.jpg$`)
	pages := 0
	for i, f := range res.Files {
		name := filepath.Base(f.Path)
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > maxBytes || int64(len(data)) != f.Size {
			t.Errorf("%s: %d bytes (result says %d), limit %d", name, len(data), f.Size, maxBytes)
		}
		var img image.Image
		switch strings.ToLower(filepath.Ext(name)) {
		case ".jpg":
			img, err = jpeg.Decode(bytes.NewReader(data))
		case ".png":
			img, err = png.Decode(bytes.NewReader(data))
		default:
			t.Errorf("%s: not a type the channel takes (jpg, png, tiff)", name)
			continue
		}
		if err != nil {
			t.Errorf("%s does not decode: %v", name, err)
			continue
		}
		if m := pageRE.FindStringSubmatch(name); m != nil {
			pages++
			if m[1] != fmt.Sprintf("%02d", i+1) {
				t.Errorf("file %d is %s: pages out of order", i+1, name)
			}
			// An A4 page at 200 dpi: legible small print.
			if b := img.Bounds(); b.Dx() < 1400 || b.Dy() < 2000 {
				t.Errorf("%s: %d×%d pixels, too small to read", name, b.Dx(), b.Dy())
			}
			continue
		}
		if i < ch.Pages {
			t.Errorf("file %d is %s, want a page picture before the originals", i+1, name)
		}
		id := strings.TrimSuffix(strings.TrimPrefix(name, "IPP-2024-0001234-"), "-original.jpg")
		src := map[string]string{"P-1": "IMG_0412.JPG", "P-2": "IMG_0415.JPG", "P-3": "IMG_0431.JPG"}[id]
		orig, err := os.ReadFile(filepath.Join(demo, "originals", src))
		if err != nil || !bytes.Equal(orig, data) {
			t.Errorf("%s is not the camera original %s byte for byte (%v)", name, src, err)
		}
	}
	if pages != ch.Pages {
		t.Errorf("%d page pictures, result says %d", pages, ch.Pages)
	}
}

// A picture channel's build again: the pictures it wrote are replaced;
// one changed by hand is not, without --overwrite, and the build stops
// before drawing the pages. On a case of one photo, whose packet has fewer
// pages to draw than the demo's.
func TestBuildChannelReplacesOnlyItsOwnPictures(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("draws every page with PDFium: not in -short")
	}
	dir := caseFiles(t, baseCase+"photos: [{path: originals, listing: L1}]\n", map[string][]byte{
		"originals/a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")),
	})
	opts := packet.Options{OutDir: t.TempDir(), Date: demoDate, ProfileFile: "amazon", Channel: "copyright-images", Force: true}
	res, err := buildCase(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Channel == nil || res.Channel.Pages < 2 {
		t.Fatalf("channel result %+v", res.Channel)
	}
	t.Logf("%d page pictures", res.Channel.Pages)
	again, err := buildCase(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("second build over its own pictures: %v", err)
	}
	if len(again.Files) != len(res.Files) {
		t.Errorf("second build wrote %d files, the first %d", len(again.Files), len(res.Files))
	}
	first := res.Files[0].Path
	if err := os.WriteFile(first, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	var edited *packet.EditedError
	if _, err := buildCase(context.Background(), dir, opts); !errors.As(err, &edited) || edited.File != first {
		t.Errorf("a build over an edited page picture: %v", err)
	}
	if b, _ := os.ReadFile(first); string(b) != "edited" {
		t.Errorf("the edited picture was replaced without --overwrite")
	}
	opts.Overwrite = true
	if _, err := buildCase(context.Background(), dir, opts); err != nil {
		t.Errorf("--overwrite: %v", err)
	}
	if b, _ := os.ReadFile(first); string(b) == "edited" {
		t.Errorf("--overwrite left the edited picture")
	}
}

// demoPhotosOnly writes the demo case without its trademark, letters and
// invoice: the listing and the three camera originals (327, 314 and 152 KB),
// a packet of 9 pages instead of 15.
func demoPhotosOnly(t *testing.T) string {
	t.Helper()
	manifest, err := os.ReadFile(filepath.Join(demo, "case.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.Index(manifest, []byte("\ntrademarks:\n"))
	if cut < 0 {
		t.Fatal("the demo's case.yaml has no trademarks section")
	}
	files := map[string][]byte{}
	for _, name := range []string{"listing/main.jpg", "originals/IMG_0412.JPG", "originals/IMG_0415.JPG", "originals/IMG_0431.JPG"} {
		b, err := os.ReadFile(filepath.Join(demo, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	return caseFiles(t, string(manifest[:cut+1]), files)
}

// Channel limits: what a build writes for each channel of a profile, and
// the errors when the channel cannot take the packet. On the demo's photos
// only (9 pages to draw, not 15).
func TestBuildChannelLimits(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("draws every page with PDFium: not in -short")
	}
	dir := t.TempDir()
	prof := filepath.Join(dir, "shop.yaml")
	if err := os.WriteFile(prof, []byte(`name: shop
accepted_types: [pdf, jpg, png]
channels:
  - {name: pdf-only, accepted_types: [pdf], max_files: 1}
  - {name: pdf-tiny, accepted_types: [pdf], max_files: 1, max_file_bytes: 300 KB}
  - {name: few-pngs, accepted_types: [png], max_files: 4}
  - {name: small-jpegs, accepted_types: [jpg], max_file_bytes: 250 KB, originals: true}
  - {name: tight-count, accepted_types: [jpg], max_files: 10, originals: true}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		channel   string
		wantErr   string // part of the error; "" for none
		files     int    // written
		ext       string
		maxBytes  int64
		originals int // written
		left      int // originals left out
	}{
		{channel: "pdf-only", files: 1, ext: ".pdf", maxBytes: 10_000_000},
		{channel: "pdf-tiny", wantErr: "channel pdf-tiny takes at most 1 files; this packet needs"},
		// 9 pages, 4 files a case folder: 3 folders (9/4 rounded up).
		{channel: "few-pngs", wantErr: "channel few-pngs takes at most 4 files; this packet needs 9 page pictures. Plan:\n  - split the case into 3 case folders"},
		{channel: "small-jpegs", files: 9, ext: ".jpg", maxBytes: 250_000, originals: 1, left: 2},    // two originals are over 250 KB
		{channel: "tight-count", files: 9, ext: ".jpg", maxBytes: 10_000_000, originals: 1, left: 2}, // room for one original
		{channel: "images", wantErr: `no upload channel "images"; its channels: pdf-only, pdf-tiny, few-pngs, small-jpegs, tight-count`},
	}
	photos := demoPhotosOnly(t)
	for _, tt := range tests {
		t.Run(tt.channel, func(t *testing.T) {
			out := t.TempDir()
			res, err := buildCase(context.Background(), photos, packet.Options{OutDir: out, Date: demoDate, ProfileFile: prof, Channel: tt.channel, Force: true})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if entries, _ := os.ReadDir(out); len(entries) != 0 {
					t.Errorf("a failed build wrote %d files", len(entries))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != tt.files+tt.originals || len(res.Files) != len(entries) {
				t.Errorf("%d files written (result: %d), want %d and %d originals", len(entries), len(res.Files), tt.files, tt.originals)
			}
			for _, f := range res.Files[:tt.files] {
				if filepath.Ext(f.Path) != tt.ext || f.Size > tt.maxBytes {
					t.Errorf("%s: %d bytes, want a %s file of at most %d", f.Path, f.Size, tt.ext, tt.maxBytes)
				}
			}
			if ch := res.Channel; len(ch.Originals) != tt.originals || len(ch.OriginalsLeft) != tt.left {
				t.Errorf("originals written %v, left out %v; want %d and %d", ch.Originals, ch.OriginalsLeft, tt.originals, tt.left)
			}
		})
	}
}
