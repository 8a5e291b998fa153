package pdfsrc

import (
	"appealpacket/internal/testlevel"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strconv"
	"strings"
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
	pdf.SetCompression(false) // 300-page tests: zlib set-up per page dominates
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

// flateBomb is a one-page PDF whose content stream inflates to n zero
// bytes (a few KB compressed per 100 MB).
func flateBomb(t *testing.T, n int64) []byte {
	t.Helper()
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zero := make([]byte, 1<<20)
	for left := n; left > 0; left -= int64(len(zero)) {
		w.Write(zero[:min(left, int64(len(zero)))])
	}
	w.Close()
	var b bytes.Buffer
	offs := []int{}
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	b.WriteString("%PDF-1.4\n")
	obj("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	obj("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	obj("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n")
	obj(fmt.Sprintf("4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", z.Len()))
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 5\n0000000000 65535 f \n")
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func TestFlateBombsAreRefusedWithinMemory(t *testing.T) {
	testlevel.SkipIfShort(t, "inflates compression bombs")
	small := flateBomb(t, 1<<20)
	if _, err := Open(small, ""); err != nil {
		t.Fatalf("a 1 MB content stream: %v", err)
	}
	bomb := flateBomb(t, 256<<20) // 256 MB of zeros, about 250 KB compressed
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := Open(bomb, "")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrInvalidPDF) || !strings.Contains(err.Error(), "inflates past 64 MB") {
		t.Fatalf("Open(bomb) = %v, want a refusal", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("refusing the bomb allocated %d MB", alloc>>20)
	}
	t.Logf("%d-byte bomb refused in %v", len(bomb), time.Since(start))
}
