package integrity

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"appealpacket/packet/render/pdfpatch"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

var original = []byte("\xff\xd8 the camera original \xff\xd9")

// testManifest is a packet in one part of two original files, the first
// attached.
func testManifest() *Manifest {
	return &Manifest{Format: 1, Tool: "appealpacket test", Case: "C-1",
		Packet: Packet{File: "C-1-packet.pdf", Part: 1, Parts: []string{"C-1-packet.pdf"}, ID: sha([]byte("build"))},
		Index:  Output{File: "C-1-index.xlsx", SHA256: sha([]byte("xlsx"))},
		Files: []File{
			{Path: "originals/a.jpg", Role: "photo", Size: int64(len(original)), SHA256: sha(original), Attached: true, Attachment: "original-01-a.jpg"},
			{Path: "certs/tm.pdf", Role: "trademark", Size: 3, SHA256: sha([]byte("pdf"))},
		}}
}

// sealedPDF draws a one-page PDF with fpdf, embeds m and the attachments
// as appealpacket does (package pdfpatch), and seals it.
func sealedPDF(t testing.TB, m *Manifest, attachments ...[]byte) []byte {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetCatalogSort(true)
	created := time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)
	doc.SetCreationDate(created)
	doc.SetModificationDate(created)
	doc.AddPage()
	doc.SetFont("Helvetica", "", 12)
	doc.Text(20, 20, "Appeal packet")
	var raw bytes.Buffer
	if err := doc.Output(&raw); err != nil {
		t.Fatal(err)
	}
	js, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	files := []pdfpatch.File{{Name: ManifestName, Data: js, ModTime: created}}
	for i, a := range attachments {
		files = append(files, pdfpatch.File{Name: fmt.Sprintf("original-%02d", i+1), Data: a, ModTime: created})
	}
	out, err := pdfpatch.Attach(raw.Bytes(), files)
	if err != nil {
		t.Fatal(err)
	}
	if out, err = Seal(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// rawPacket is the least Read accepts: one embedded-file object holding
// the manifest, sealed; no PDF around it.
func rawPacket(t testing.TB, js []byte) []byte {
	t.Helper()
	b := fmt.Appendf(nil, "%%PDF-1.7\n1 0 obj\n<</Type /EmbeddedFile /Length %d>>\nstream\n%s\nendstream\nendobj\n%%%%EOF\n", len(js), js)
	out, err := Seal(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func encoded(t testing.TB, m *Manifest) []byte {
	t.Helper()
	js, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func TestReadSealedPacket(t *testing.T) {
	pdf := sealedPDF(t, testManifest(), original)
	c, err := Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Intact || c.Manifest.Case != "C-1" || len(c.Manifest.Files) != 2 {
		t.Fatalf("intact %v, manifest %+v", c.Intact, c.Manifest)
	}
	if len(c.Embedded) != 2 || !c.HasEmbedded(sha(original)) {
		t.Errorf("embedded %+v; want the manifest and the original", c.Embedded)
	}
	// One byte changed anywhere: the seal no longer holds.
	for _, at := range []int{10, len(pdf) / 2, len(pdf) - 3} {
		changed := bytes.Clone(pdf)
		changed[at] ^= 1
		if c, err := Read(changed); err == nil && c.Intact {
			t.Errorf("byte %d changed, still intact", at)
		}
	}
	// The seal recomputed after an edit holds again: it is not a signature.
	edited := bytes.Replace(bytes.Clone(pdf), []byte("Appeal packet"), []byte("Appeal pocket"), 1)
	at := bytes.Index(edited, []byte(key)) + len(key)
	copy(edited[at:], placeholder)
	resealed, err := Seal(edited)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := Read(resealed); err != nil || !c.Intact {
		t.Errorf("a resealed edit: %v; the seal is only a checksum anyone can recompute", err)
	}
}

// TestReadHostile: each crafted packet is refused, or read without
// following it, quickly and within bounded memory.
func TestReadHostile(t *testing.T) {
	withFiles := func(f func(m *Manifest)) []byte {
		m := testManifest()
		f(m)
		return rawPacket(t, encoded(t, m))
	}
	manyParts := make([]string, 10_000)
	for i := range manyParts {
		manyParts[i] = fmt.Sprintf("C-1-packet-part%d-of-10000.pdf", i+1)
	}
	huge := testManifest()
	huge.Tool = strings.Repeat("x", MaxManifestSize)
	manyFiles := encoded(t, testManifest())
	entry := fmt.Sprintf(`{"path": "f/%%06d.jpg", "role": "photo", "size": 0, "sha256": %q, "attached": false},`, sha(nil))
	var list bytes.Buffer
	for i := range MaxFiles - 1 { // and the two of testManifest
		fmt.Fprintf(&list, entry, i)
	}
	manyFiles = bytes.Replace(manyFiles, []byte(`"files": [`), append([]byte(`"files": [`), list.Bytes()...), 1)
	markers := bytes.Repeat([]byte("1 0 obj <</Type/EmbeddedFile/Length 999999999>>\n"), MaxEmbeddedMarkers+1)
	tests := []struct {
		name string
		pdf  []byte
		want string // a part of the error; "" = read, intact
	}{
		{"plain", rawPacket(t, encoded(t, testManifest())), ""},
		{"path ..", withFiles(func(m *Manifest) { m.Files[0].Path = "../../../../dev/zero" }), `files[0].path: "../../../../dev/zero" is not a plain path inside the case folder`},
		{"absolute path", withFiles(func(m *Manifest) { m.Files[1].Path = "/etc/passwd" }), `files[1].path: "/etc/passwd" is not a plain path`},
		{"backslash path", withFiles(func(m *Manifest) { m.Files[1].Path = `..\..\x` }), `files[1].path`},
		{"part with a folder", withFiles(func(m *Manifest) { m.Packet.Parts = []string{"../../etc/passwd"} }), `packet.parts[0]: "../../etc/passwd" is not a plain file name`},
		{"part absolute", withFiles(func(m *Manifest) { m.Packet.Parts = []string{"/dev/zero"} }), `packet.parts[0]`},
		{"part twice", withFiles(func(m *Manifest) { m.Packet.Parts = []string{"a.pdf", "a.pdf"} }), `listed twice`},
		{"part out of range", withFiles(func(m *Manifest) { m.Packet.Part = 2 }), `packet.part 2 is not one of the 1 parts`},
		{"10,000 parts", withFiles(func(m *Manifest) { m.Packet.Parts = manyParts }), "packet.parts lists 10000 parts; a packet has at most 999"},
		{"file twice", withFiles(func(m *Manifest) { m.Files[1].Path = m.Files[0].Path }), "listed twice"},
		{"bad hash", withFiles(func(m *Manifest) { m.Files[0].SHA256 = "zz" }), `files[0].sha256 "zz" is not a SHA-256`},
		{"bad packet id", withFiles(func(m *Manifest) { m.Packet.ID = "x" }), `packet_id "x"`},
		{"huge manifest", rawPacket(t, encoded(t, huge)), "over the 16777216-byte limit"},
		{"50,001 files", rawPacket(t, manyFiles), "files lists 50001 files; a packet lists at most 50000"},
		{"no manifest", []byte("%PDF-1.7\n1 0 obj <<>> endobj\n"), "no sealed appealpacket-manifest.json"},
		{"seal key twice", append(rawPacket(t, encoded(t, testManifest())), key...), "appears more than once"},
		{"compressed manifest", bytes.Replace(rawPacket(t, encoded(t, testManifest())), []byte("/Type /EmbeddedFile"), []byte("/Type /EmbeddedFile /Filter /FlateDecode"), 1), "does not stand in an uncompressed embedded file"},
		{"length past the end", bytes.Replace(rawPacket(t, encoded(t, testManifest())), []byte("/Length "), []byte("/Length 9"), 1), "does not stand in an uncompressed embedded file"},
		{"indirect length", bytes.Replace(rawPacket(t, encoded(t, testManifest())), []byte("/Length "), []byte("/Length 7 0 R /X "), 1), "does not stand in an uncompressed embedded file"},
		{"marker after its object", []byte("1 0 obj <</Type/EmbeddedFile/Length 0>>\nstream\n\nendstream /EmbeddedFile " + key), "does not stand in an uncompressed embedded file"},
		{"too many markers", append(markers, rawPacket(t, encoded(t, testManifest()))...), "more than 20000 embedded-file markers"},
		{"unknown field", rawPacket(t, bytes.Replace(encoded(t, testManifest()), []byte(`"format": 1,`), []byte(`"format": 1, "evil": true,`), 1)), `unknown field "evil"`},
		{"format 2", rawPacket(t, bytes.Replace(encoded(t, testManifest()), []byte(`"format": 1,`), []byte(`"format": 2,`), 1)), "format 2 is not one this appealpacket reads"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c *Contents
			var err error
			elapsed, alloc := measure(t, func() { c, err = Read(tt.pdf) })
			if tt.want == "" {
				if err != nil || !c.Intact {
					t.Fatalf("Read: %v", err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Read error %v, want %q", err, tt.want)
			}
			// Linear work takes well under a second on these inputs;
			// allow 5 s on a loaded machine, and 8× the input (plus the
			// decoding of a manifest at the limit) in allocations.
			if elapsed > 5*time.Second || alloc > 8*uint64(len(tt.pdf))+16<<20 {
				t.Errorf("%d-byte input: %v, %d bytes allocated", len(tt.pdf), elapsed, alloc)
			}
		})
	}
}

// measure times f and counts the bytes it allocates; it fails the test
// when f runs for a minute.
func measure(t *testing.T, f func()) (time.Duration, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("still running after a minute")
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	return elapsed, after.TotalAlloc - before.TotalAlloc
}

func TestReadFindsEmbeddedFiles(t *testing.T) {
	second := []byte("second original, with the text /EmbeddedFile inside and endstream too")
	pdf := sealedPDF(t, testManifest(), original, second)
	c, err := Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !c.HasEmbedded(sha(original)) || !c.HasEmbedded(sha(second)) || c.HasEmbedded(sha([]byte("other"))) {
		t.Errorf("embedded %+v", c.Embedded)
	}
	if len(c.Embedded) != 3 {
		t.Errorf("%d embedded files, want 3 (the manifest and two originals)", len(c.Embedded))
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	m := testManifest()
	m.Packet.SHA256 = sha([]byte("seal"))
	js, err := json_(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(js)
	if err != nil {
		t.Fatal(err)
	}
	if got.Packet.ID != m.Packet.ID || len(got.Files) != 2 || got.Files[0] != m.Files[0] {
		t.Errorf("round trip: %+v", got)
	}
	if _, err := Decode(append(js, make([]byte, MaxManifestSize)...)); err == nil {
		t.Error("Decode took a manifest over the limit")
	}
	if _, err := Read(nil); !errors.Is(err, ErrNoManifest) {
		t.Errorf("Read(nil) = %v", err)
	}
}

// json_ encodes m with its own seal (not the placeholder).
func json_(m *Manifest) ([]byte, error) {
	js, err := m.Encode()
	if err != nil {
		return nil, err
	}
	return bytes.Replace(js, []byte(placeholder), []byte(m.Packet.SHA256), 1), nil
}
