package pdfimport

import (
	"appealpacket/internal/testcorpus"
	"appealpacket/packet/pdfsrc"
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzOpen feeds random bytes and mutated small PDFs to Open (and stamps
// what opens into a small packet): nothing may panic or hang.
//
//	go test -run '^$' -fuzz FuzzOpen -fuzztime 3m -parallel 2 ./packet/render/pdfimport/
func FuzzOpen(f *testing.F) {
	small := simplePDF(f, "P", "fuzz seed page")
	f.Add(small, "")
	f.Add(encryptPDF(f, small, "pw", "owner"), "pw")
	f.Add(encryptPDF(f, small, "", "owner"), "")
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"+
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]/Rotate 90/Annots[<</Subtype/Widget/F 4/Rect[0 0 5 5]/AP<</N 4 0 R>>>>]>>endobj\n"+
		"4 0 obj<</Type/XObject/Subtype/Form/BBox[0 0 1 1]/Matrix[0 1 -1 0 1 0]/Length 8>>stream\n0 0 m S\nendstream endobj\n"+
		"trailer<</Root 1 0 R>>\n%%EOF\n"), "")
	f.Add([]byte("%PDF-"), "")
	f.Add([]byte{}, "")
	dir := testcorpus.Find()
	for _, name := range []string{"crazyones_letter_pdfa.pdf", "acrobat_aes256_empty_user_password.pdf"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			f.Add(b, "")
		}
	}
	packet := buildPacket(f, []int{1}).pdf

	f.Fuzz(func(t *testing.T, data []byte, password string) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			s, err := pdfsrc.Open(data, password)
			if err != nil {
				return
			}
			if s.PageCount() < 1 {
				t.Errorf("opened with %d pages", s.PageCount())
				return
			}
			for i := 1; i <= min(s.PageCount(), 5); i++ {
				w, h := s.PageSize(i)
				if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
					t.Errorf("page %d size %v x %v", i, w, h)
				}
			}
			var out bytes.Buffer
			_ = Stamp(bytes.NewReader(packet), &out, []Placement{{Source: s, SourcePage: 1, TargetPage: 2, Box: box()}})
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("Open/Stamp still running after 20 s on %d bytes", len(data))
		}
	})
}
