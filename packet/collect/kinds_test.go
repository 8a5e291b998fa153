package collect

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/packet/evidence"
	"appealpacket/packet/manifest"
)

// withSOF rewrites a baseline JPEG's SOF0 marker and sample precision.
func withSOF(t *testing.T, jpg []byte, marker, precision byte) []byte {
	t.Helper()
	out := bytes.Clone(jpg)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0")
	}
	out[i+1], out[i+4] = marker, precision
	return out
}

// animatedWebP is the start of an animated WebP: VP8X with the animation
// flag, then an ANIM chunk.
func animatedWebP() []byte {
	var b bytes.Buffer
	chunk := func(fourcc string, body []byte) {
		b.WriteString(fourcc)
		binary.Write(&b, binary.LittleEndian, uint32(len(body)))
		b.Write(body)
	}
	chunk("VP8X", []byte{0x02, 0, 0, 0, 63, 0, 0, 63, 0, 0})
	chunk("ANIM", []byte{0, 0, 0, 0, 0, 0})
	body := append([]byte("WEBP"), b.Bytes()...)
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

func TestUnsupportedPicturesAreNamed(t *testing.T) {
	jpg, err := fixture.JPEG(fixture.Gradient(64, 48), 80, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		data []byte
		want string // in the error; "" for no error
	}{
		{"plain.jpg", jpg, ""},
		{"twelve.jpg", withSOF(t, jpg, 0xC0, 12), "twelve.jpg cannot be shown, not supported: 12-bit JPEG"},
		{"arith.jpg", withSOF(t, jpg, 0xC9, 8), "not supported: arithmetic-coded JPEG"},
		{"lossless.jpg", withSOF(t, jpg, 0xC3, 8), "lossless JPEG"},
		{"anim.webp", animatedWebP(), "animated WebP"},
		{"cut.jpg", jpg[:len(jpg)/2], "is damaged or truncated"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			items, err := Run(context.Background(), []Request{{Path: manifest.Path{Raw: tt.name, Rel: tt.name, Abs: p}, Role: evidence.Photo}},
				Options{WorkDir: t.TempDir(), Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			got := items[0].Err
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("error %v", got)
			case tt.want != "" && (got == nil || !strings.Contains(got.Error(), tt.want)):
				t.Errorf("error %v, want %q", got, tt.want)
			case tt.want != "" && !strings.Contains(tt.want, "damaged") && !errors.Is(got, evidence.ErrWrongType):
				t.Errorf("error %v does not wrap ErrWrongType", got)
			}
		})
	}
}
