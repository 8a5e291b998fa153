package collect

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/testlevel"

	"golang.org/x/image/tiff"

	"appealpacket/internal/boundtest"
	"appealpacket/internal/fixture"
	"appealpacket/packet/evidence"
	"appealpacket/packet/manifest"
)

// pngHeader is the signature and IHDR of a PNG (no pixel data: enough for
// decodeCost).
func pngHeader(w, h int, depth, colour, interlace byte) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, depth, colour, 0, 0, interlace)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, uint32(len(ihdr)))
	b = append(b, "IHDR"...)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
}

func TestDecodeCost(t *testing.T) {
	jpg, err := fixture.JPEG(fixture.Gradient(4000, 3000), 80, nil) // 4:2:0, baseline
	if err != nil {
		t.Fatal(err)
	}
	var tif bytes.Buffer
	if err := tiff.Encode(&tif, image.NewRGBA(image.Rect(0, 0, 300, 200)), nil); err != nil {
		t.Fatal(err)
	}
	const mp12 = 4000 * 3000
	// 4:2:0 in whole 16×16 blocks: Y 4000×3008, Cb and Cr 2000×1504.
	const samples = 4000*3008 + 2*2000*1504
	tests := []struct {
		name   string
		format string
		data   []byte
		ok     bool
		w, h   int
		cost   int64 // without decodeOverhead
	}{
		// Decoded at 1/2 (2000 px ≥ the 1600 px display side): a quarter
		// of the samples.
		{"baseline JPEG", "JPEG", jpg, true, 4000, 3000, samples / 4},
		// Progressive: every coefficient kept, 4 bytes a sample.
		{"progressive JPEG", "JPEG", withSOF(t, jpg, 0xC2, 8), true, 4000, 3000, samples/4 + 4*samples},
		{"JPEG cut before its frame", "JPEG", jpg[:20], false, 0, 0, 0},
		{"8-bit RGBA PNG", "PNG", pngHeader(4000, 3000, 8, 6, 0), true, 4000, 3000, 4 * mp12},
		{"16-bit RGBA PNG of 118.8 MP", "PNG", pngHeader(12000, 9900, 16, 6, 0), true, 12000, 9900, 8 * 12000 * 9900},
		{"8-bit grey PNG", "PNG", pngHeader(4000, 3000, 8, 0, 0), true, 4000, 3000, mp12},
		{"16-bit grey PNG", "PNG", pngHeader(4000, 3000, 16, 0, 0), true, 4000, 3000, 2 * mp12},
		{"palette PNG", "PNG", pngHeader(4000, 3000, 8, 3, 0), true, 4000, 3000, mp12},
		{"interlaced RGB PNG", "PNG", pngHeader(4000, 3000, 8, 2, 1), true, 4000, 3000, 8 * mp12},
		{"PNG without IHDR", "PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIEND"), false, 0, 0, 0},
		{"PNG of zero pixels", "PNG", pngHeader(0, 3000, 8, 6, 0), false, 0, 0, 0},
		{"TIFF", "TIFF", tif.Bytes(), true, 300, 200, 16 * 300 * 200},
		{"damaged TIFF", "TIFF", tif.Bytes()[:8], false, 0, 0, 0},
		{"WebP that is not one", "WEBP", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), false, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := decodeCost(tt.format, bytes.NewReader(tt.data), int64(len(tt.data)), 1600)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tt.ok, h)
			}
			if !ok {
				return
			}
			if h.Width != tt.w || h.Height != tt.h || h.Cost != tt.cost+decodeOverhead {
				t.Errorf("got %d×%d cost %d, want %d×%d cost %d", h.Width, h.Height, h.Cost, tt.w, tt.h, tt.cost+decodeOverhead)
			}
		})
	}
}

// FuzzDecodeCost: the header of any file is read within bounds, without
// panicking or reading it whole.
func FuzzDecodeCost(f *testing.F) {
	jpg, err := fixture.JPEG(fixture.Gradient(64, 48), 80, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(jpg)
	f.Add(pngHeader(12000, 9900, 16, 6, 1))
	f.Add([]byte("\xff\xd8\xff\xc2\x00\x11\x08\xff\xff\xff\xff\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		boundtest.Check(t, 8<<20, maxFuzzTime, func() {
			format := Sniff(data)
			if format == "" || format == "PDF" {
				format = "JPEG"
			}
			h, ok := decodeCost(format, bytes.NewReader(data), int64(len(data)), 1600)
			if ok && (h.Width <= 0 || h.Height <= 0 || h.Cost < decodeOverhead) {
				t.Errorf("ok with %+v", h)
			}
		})
	})
}

// maxFuzzTime bounds one call on fuzzed input.
const maxFuzzTime = time.Second

// sparse writes a file of size bytes that starts with head, the rest a
// hole (no disk, no time).
func sparse(t *testing.T, name string, head []byte, size int64) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(head); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// sha256File hashes a file the slow, obvious way.
func sha256File(t *testing.T, name string) string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestCollectWithinBudget: files over their size bound, or that are no
// picture or PDF, are hashed as a stream and never read whole; pictures
// whose decoding would not fit the memory budget are read but not decoded.
// The allocations of each Run are bounded, whatever the files' size.
func TestCollectWithinBudget(t *testing.T) {
	testlevel.SkipIfShort(t, "collects a case of large photos")
	dir := t.TempDir()
	photo, err := fixture.CameraJPEG(fixture.Scene(1200, 900, 1), 90, fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Taken: "2023:10:14 10:00:00"})
	if err != nil {
		t.Fatal(err)
	}
	var png16 bytes.Buffer
	if err := png.Encode(&png16, image.NewNRGBA64(image.Rect(0, 0, 1500, 1000))); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		role   evidence.Role
		write  func(p string)
		memory int64
		want   string // in the item's error, or in its notes when the item has no error; "" for a shown picture
		err    error  // the error wraps this
	}{
		{"photo.jpg", evidence.Photo, func(p string) { os.WriteFile(p, photo, 0o644) }, 0, "", nil},
		{"video.mp4", evidence.Document, func(p string) { sparse(t, p, []byte("\x00\x00\x00\x18ftypisom"), 300<<20) }, 0,
			"is neither a PDF nor a picture", evidence.ErrWrongType},
		{"scan.pdf", evidence.Document, func(p string) { sparse(t, p, []byte("%PDF-1.7\n"), MaxPDFBytes+1) }, 0,
			"scan.pdf is 64.0 MB, over the 64.0 MB a PDF document may have: it was hashed but not read", evidence.ErrTooLarge},
		{"motion.jpg", evidence.Photo, func(p string) { sparse(t, p, photo, MaxPictureBytes+1) }, 0,
			"over the 100 MB a picture may have", evidence.ErrTooLarge},
		// 1500×1000 at 16 bits a channel: 12 MB decoded, over a 16 MB budget
		// with the fixed costs of a picture.
		{"deep.png", evidence.Photo, func(p string) { os.WriteFile(p, png16.Bytes(), 0o644) }, 16 << 20,
			"decoding this 1500×1000 picture would take about 35.4 MB, over the 16.0 MB of memory", nil},
		{"deep-shown.png", evidence.Photo, func(p string) { os.WriteFile(p, png16.Bytes(), 0o644) }, 0, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			tt.write(p)
			var items []*evidence.Item
			boundtest.Check(t, 64<<20, maxFuzzTime*20, func() {
				items, err = Run(context.Background(), []Request{{Path: manifest.Path{Raw: tt.name, Rel: tt.name, Abs: p}, Role: tt.role}},
					Options{WorkDir: t.TempDir(), Workers: 2, Memory: tt.memory})
			})
			if err != nil {
				t.Fatal(err)
			}
			it := items[0]
			if it.SHA256 != sha256File(t, p) {
				t.Errorf("SHA-256 %s, want the file's", it.SHA256)
			}
			if st, _ := os.Stat(p); it.Size != st.Size() {
				t.Errorf("size %d, want %d", it.Size, st.Size())
			}
			switch {
			case tt.want == "":
				if it.Err != nil || it.Display == nil {
					t.Errorf("error %v, display %v; want a picture shown", it.Err, it.Display)
				}
			case tt.err != nil:
				if it.Err == nil || !strings.Contains(it.Err.Error(), tt.want) || !errors.Is(it.Err, tt.err) {
					t.Errorf("error %v; want %q wrapping %v", it.Err, tt.want, tt.err)
				}
			default:
				if it.Err != nil || it.Display != nil || !strings.Contains(strings.Join(it.Notes, "; "), tt.want) {
					t.Errorf("error %v, display %v, notes %q; want no display and a note %q", it.Err, it.Display, it.Notes, tt.want)
				}
			}
		})
	}
}
