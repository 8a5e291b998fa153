package collect

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/draw"
	"os"
	"testing"

	"github.com/gen2brain/heic"

	"appealpacket/internal/testcorpus"
	"appealpacket/internal/testlevel"
)

// TestHEICCorpusDecodedInTheSandbox: HEIC is decoded by libheif compiled
// to WebAssembly, never by a libheif the machine has (go.mod replaces
// github.com/gen2brain/heic with internal/third_party/heic, which has no
// dynamic mode): the same file gives the same pixels, and so the same
// packet, on every machine, and a hostile file is parsed in the sandbox.
// The sum is of the WebAssembly build's pixels; Debian's libheif 1.15.1
// (libheif-dev installed, upstream's dynamic mode) gives other pixels
// (7017663b…). The corpus's small HEIC file: WebAssembly's start is most
// of the time.
func TestHEICCorpusDecodedInTheSandbox(t *testing.T) {
	testlevel.SkipIfShort(t, "starts the WebAssembly HEIC decoder")
	// Upstream's error says it could not load libheif (or nil, when it
	// did): on a machine without libheif only the fork's own error tells
	// the two apart, and the pixels alone would not.
	if err := heic.Dynamic(); err == nil || err.Error() != "heic: dynamic disabled" {
		t.Fatalf("heic.Dynamic() = %v: not internal/third_party/heic (the replace in go.mod is gone?)", err)
	}
	for _, tt := range []struct {
		name, sum string
		w, h      int
	}{
		{"c2pa/heic_trustnxt_icon_bmff_v2.heic", "0b3fafdf2510bcaae32e9156b835ffaa08284d3b413700b72c26284c23b62747", 1056, 1056},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(testcorpus.Path(t, tt.name))
			if err != nil {
				t.Fatal(err)
			}
			img, err := heic.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			rgba := image.NewRGBA(img.Bounds())
			draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
			sum := sha256.Sum256(rgba.Pix)
			if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h || hex.EncodeToString(sum[:]) != tt.sum {
				t.Errorf("%v, pixels %x; want %dx%d, %s", b, sum, tt.w, tt.h, tt.sum)
			}
		})
	}
}
