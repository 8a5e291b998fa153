package integrity

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzRead feeds Read what a hostile sender could put in a packet:
// crafted manifests (part lists, paths, sizes), embedded-file objects and
// broken PDFs. Read must not panic, and what it accepts must be safe to
// follow: part names that are plain file names, paths that stay inside
// the case folder, embedded files that stand in the input.
func FuzzRead(f *testing.F) {
	m := testManifest()
	f.Add(sealedPDF(f, m, original))
	f.Add(rawPacket(f, encoded(f, m)))
	split := testManifest()
	split.Packet.Parts = []string{"C-1-packet-part1-of-2.pdf", "C-1-packet-part2-of-2.pdf"}
	split.Packet.Part = 2
	f.Add(rawPacket(f, encoded(f, split)))
	js := encoded(f, m)
	for _, evil := range []string{`"../../../../dev/zero"`, `"/etc/passwd"`, `"a/../../b"`, `"C:\\x"`, `"a\u0000b"`} {
		f.Add(rawPacket(f, bytes.Replace(js, []byte(`"originals/a.jpg"`), []byte(evil), 1)))
	}
	f.Add([]byte("1 0 obj <</Type/EmbeddedFile/Length 5>>\nstream\n" + key + "\nendstream"))
	f.Add([]byte("1 0 obj <</Type/EmbeddedFile/Length 0>>\nstream\n\nendstream /EmbeddedFile " + key))
	f.Add([]byte("1 0 obj <</Type /EmbeddedFile /Params <</Size 3 /X [1 (a\\)b) <00ff> [[]] 2 0 R]>> /Length 3>>\r\nstream\r\nabc\r\nendstream " + key))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		c, err := Read(pdf)
		if err != nil {
			if c != nil {
				t.Fatal("contents with an error")
			}
			return
		}
		safeToFollow(t, c.Manifest)
		total := int64(0)
		for _, e := range c.Embedded {
			total += e.Size
		}
		if total > int64(len(pdf)) {
			t.Fatalf("%d embedded bytes in a %d-byte input", total, len(pdf))
		}
		if c.Intact != Intact(pdf, c.Manifest) {
			t.Fatal("Intact disagrees with Read")
		}
	})
}

// FuzzDecode feeds Decode crafted manifests directly, where FuzzRead's
// mutations of whole files rarely keep the JSON valid.
func FuzzDecode(f *testing.F) {
	m := testManifest()
	m.Packet.SHA256 = sha([]byte("seal"))
	js, err := json_(m)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(js)
	f.Add(bytes.Replace(js, []byte(`"parts": [`), []byte(`"parts": ["../../x.pdf", `), 1))
	f.Add(bytes.Replace(js, []byte(`"originals/a.jpg"`), []byte(`"a/./b"`), 1))
	f.Add(bytes.Replace(js, []byte(`"size": 27`), []byte(`"size": -1`), 1))
	f.Add([]byte(`{"format": 1, "packet": {"parts": [], "part": 0}}`))
	f.Fuzz(func(t *testing.T, js []byte) {
		m, err := Decode(js)
		if err != nil {
			return
		}
		safeToFollow(t, m)
	})
}

// safeToFollow fails when an accepted manifest names something verify
// must not follow: a part outside the packet's folder, a file outside the
// case folder, more parts or files than the limits.
func safeToFollow(t *testing.T, m *Manifest) {
	t.Helper()
	if len(m.Packet.Parts) < 1 || len(m.Packet.Parts) > MaxParts || len(m.Files) > MaxFiles {
		t.Fatalf("accepted %d parts, %d files", len(m.Packet.Parts), len(m.Files))
	}
	if m.Packet.Part < 1 || m.Packet.Part > len(m.Packet.Parts) {
		t.Fatalf("accepted part %d of %d", m.Packet.Part, len(m.Packet.Parts))
	}
	for _, p := range append([]string{m.Packet.File, m.Index.File}, m.Packet.Parts...) {
		if strings.ContainsAny(p, "/\\\x00") || p == ".." || p == "." {
			t.Fatalf("accepted the file name %q", p)
		}
	}
	seen := map[string]bool{}
	for _, f := range m.Files {
		if f.Path == "" || strings.HasPrefix(f.Path, "/") || strings.ContainsAny(f.Path, "\\\x00") ||
			strings.Contains("/"+f.Path+"/", "/../") || strings.Contains("/"+f.Path+"/", "/./") || seen[f.Path] || f.Size < 0 {
			t.Fatalf("accepted the file %+v", f)
		}
		seen[f.Path] = true
	}
}
