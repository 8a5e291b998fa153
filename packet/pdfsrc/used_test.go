package pdfsrc

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// withUnused appends to a PDF an incremental update that adds one stream
// object of n random bytes which no page uses, like an old revision or an
// embedded leftover.
func withUnused(t *testing.T, pdf []byte, n int) []byte {
	t.Helper()
	root := regexp.MustCompile(`/Root (\d+) 0 R`).FindSubmatch(pdf)
	start := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(pdf)
	size := regexp.MustCompile(`/Size (\d+)`).FindSubmatch(pdf)
	if root == nil || start == nil || size == nil {
		t.Fatal("not a PDF fpdf wrote")
	}
	num, _ := strconv.Atoi(string(size[1]))
	junk := make([]byte, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	var b bytes.Buffer
	b.Write(pdf)
	off := b.Len()
	fmt.Fprintf(&b, "\n%d 0 obj\n<< /Length %d >>\nstream\n", num, n)
	b.Write(junk)
	b.WriteString("\nendstream\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		num, off+1, num+1, root[1], start[1], xref)
	return b.Bytes()
}

func TestUsedBytesLeavesOutUnusedObjects(t *testing.T) {
	plain := simplePDF(t, "P", "certificate")
	bloated := withUnused(t, plain, 2<<20)
	a, err := Open(plain, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(bloated, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.UsedBytes() <= 0 || a.UsedBytes() > int64(len(plain)) {
		t.Errorf("plain PDF of %d bytes uses %d", len(plain), a.UsedBytes())
	}
	if b.UsedBytes() != a.UsedBytes() {
		t.Errorf("2 MB of unused objects change the used bytes: %d, want %d", b.UsedBytes(), a.UsedBytes())
	}
	if len(bloated) < 2<<20 {
		t.Fatalf("bloated PDF is only %d bytes", len(bloated))
	}
}

// simplePDF writes a PDF with one A5 page per text, made with fpdf.
func simplePDF(t testing.TB, orientation string, texts ...string) []byte {
	t.Helper()
	pdf := fpdf.New(orientation, "mm", "A5", "")
	created := time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetFont("Helvetica", "B", 20)
	for _, s := range texts {
		pdf.AddPage()
		pdf.SetXY(10, 10)
		pdf.CellFormat(0, 12, s, "", 1, "L", false, 0, "")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}
