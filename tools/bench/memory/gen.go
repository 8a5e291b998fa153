package main

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"appealpacket/internal/fixture"
	"appealpacket/internal/testcorpus"
)

// Generators of the files added to a copy of the demo case; each runs in
// a child process (memory -gen NAME DIR).
const (
	genBigPDF     = "bigpdf"
	genBigJPEG    = "bigjpeg"
	genBigVideo   = "bigvideo"
	genBomb       = "bomb"
	genSpreadBomb = "bombs"
	genPNG16      = "png16"
	genHEIC       = "heic"
)

const gb = 1_000_000_000 // a "1 GB" file: under the 1 GiB read limit of a file

func generate(name string, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: -gen NAME DIR")
	}
	dir := args[0]
	switch name {
	case genBigPDF:
		// A scan of 1 GB: one page drawing a 40000×25000 grey image
		// stored uncompressed (zeros, written sparse: fast, and no disk).
		if err := writePDF(filepath.Join(dir, "other/scan-1gb.pdf"), []pdfStream{
			{dict: "/Type /XObject /Subtype /Image /Width 40000 /Height 25000 /ColorSpace /DeviceGray /BitsPerComponent 8", sparse: gb},
		}, "q 612 0 0 792 0 0 cm /Im1 Do Q"); err != nil {
			return err
		}
		return document(dir, "other/scan-1gb.pdf", "A scan of 1 GB")
	case genBigJPEG:
		// A photo followed by 1 GB of other data (as a phone's "motion
		// photo" carries its video after the picture).
		b, err := os.ReadFile(filepath.Join(dir, "originals/IMG_0412.JPG"))
		if err != nil {
			return err
		}
		return writeSparse(filepath.Join(dir, "originals/IMG_BIG.JPG"), b, gb)
	case genBigVideo:
		if err := writeSparse(filepath.Join(dir, "other/video.mp4"), []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"), gb); err != nil {
			return err
		}
		return document(dir, "other/video.mp4", "A video of 1 GB")
	case genBomb:
		// 4 GiB of spaces in about 4 MB.
		if err := os.WriteFile(filepath.Join(dir, "other/bomb.pdf"), fixture.BombPDF(1, 4<<30), 0o644); err != nil {
			return err
		}
		return document(dir, "other/bomb.pdf", "A Flate bomb")
	case genSpreadBomb:
		// 60 MiB of spaces a page, under the 64 MB bound of one stream.
		if err := os.WriteFile(filepath.Join(dir, "other/bombs.pdf"), fixture.BombPDF(8, 60<<20), 0o644); err != nil {
			return err
		}
		return document(dir, "other/bombs.pdf", "Flate bombs on every page")
	case genHEIC:
		// 20 iPhone photos (12 MP HEIC) from the corpus of real camera
		// files, each made a distinct file by a "free" box at its end.
		corpus := testcorpus.Find()
		if corpus == "" {
			return fmt.Errorf("the corpus of real camera files was not found: set APPEALPACKET_CORPUS")
		}
		for i := range 20 {
			src := []string{"Apple_iPhone_11_Pro_Max_gps.heic", "Apple_iPhone_11_Pro_exif_at_eof.heic"}[i%2]
			b, err := os.ReadFile(filepath.Join(corpus, src))
			if err != nil {
				return err
			}
			b = binary.BigEndian.AppendUint32(b, 16)
			b = binary.BigEndian.AppendUint64(append(b, "free"...), uint64(i))
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("originals/IMG_H%02d.HEIC", i+1)), b, 0o644); err != nil {
				return err
			}
		}
		return nil
	case genPNG16:
		for i := range 2 {
			if err := writePNG16(filepath.Join(dir, fmt.Sprintf("originals/BIG_%d.PNG", i+1)), 12000, 9900, i+1); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("no generator %q", name)
}

// document adds a document to the case's manifest (its last section).
func document(dir, path, title string) error {
	f, err := os.OpenFile(filepath.Join(dir, "case.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(f, "  - {path: %s, kind: other, title: %q, date: 2023-09-18}\n", path, title)
	return f.Close()
}

// writeSparse writes head followed by n zero bytes, left as a hole.
func writeSparse(name string, head []byte, n int64) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(head); err != nil {
		f.Close()
		return err
	}
	if err := f.Truncate(int64(len(head)) + n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// pdfStream is a stream object of a generated PDF: its dictionary (less
// /Length) and either its data or a number of zero bytes written sparse.
type pdfStream struct {
	dict   string
	data   []byte
	sparse int64
}

// writePDF writes a PDF of one page that draws images (named /Im1, …)
// with content.
func writePDF(name string, images []pdfStream, content string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	var offsets []int64
	var pos int64
	w := bufio.NewWriter(f)
	put := func(s string) { n, _ := w.WriteString(s); pos += int64(n) }
	obj := func(body string) int {
		offsets = append(offsets, pos)
		put(fmt.Sprintf("%d 0 obj\n%s\nendobj\n", len(offsets), body))
		return len(offsets)
	}
	stream := func(s pdfStream) (int, error) {
		offsets = append(offsets, pos)
		n := int64(len(s.data)) + s.sparse
		put(fmt.Sprintf("%d 0 obj\n<< %s /Length %d >>\nstream\n", len(offsets), s.dict, n))
		w.Write(s.data)
		pos += int64(len(s.data))
		if s.sparse > 0 {
			if err := w.Flush(); err != nil {
				return 0, err
			}
			if _, err := f.Seek(s.sparse, io.SeekCurrent); err != nil {
				return 0, err
			}
			pos += s.sparse
		}
		put("\nendstream\nendobj\n")
		return len(offsets), nil
	}
	put("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	offsets = append(offsets, 0) // 2: the page tree, written last
	xobjects := ""
	for i, im := range images {
		n, err := stream(im)
		if err != nil {
			return err
		}
		xobjects += fmt.Sprintf("/Im%d %d 0 R ", i+1, n)
	}
	c, err := stream(pdfStream{data: []byte(content)})
	if err != nil {
		return err
	}
	kids := []int{obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << %s>> >> /Contents %d 0 R >>", xobjects, c))}
	offsets[1] = pos
	refs := ""
	for _, k := range kids {
		refs += fmt.Sprintf("%d 0 R ", k)
	}
	put(fmt.Sprintf("2 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n", refs, len(kids)))
	xref := pos
	put(fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1))
	for _, o := range offsets {
		put(fmt.Sprintf("%010d 00000 n \n", o))
	}
	put(fmt.Sprintf("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref))
	return w.Flush()
}

// writePNG16 writes a w×h 16-bit RGBA PNG row by row (a smooth picture
// that differs with seed), never holding it whole.
func writePNG16(name string, w, h, seed int) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(bw, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		bw.WriteString(typ)
		bw.Write(data)
		binary.Write(bw, binary.BigEndian, c.Sum32())
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	chunk("IHDR", append(ihdr, 16, 6, 0, 0, 0)) // 16-bit RGBA, no interlace
	// IDAT chunks of 1 MB from a zlib stream of the filtered rows.
	idat := &chunker{emit: func(b []byte) { chunk("IDAT", b) }}
	z, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	row := make([]byte, 1+8*w)
	prev := make([]uint16, 4)
	for y := range h {
		row[0] = 1 // Sub: each sample minus the one to its left
		clear(prev)
		for x := range w {
			px := [4]uint16{
				uint16(x * 65535 / w),
				uint16(y * 65535 / h),
				uint16((x + y + seed*7919) * 13 & 0xffff),
				65535,
			}
			for c := range 4 {
				binary.BigEndian.PutUint16(row[1+8*x+2*c:], px[c]-prev[c])
				prev[c] = px[c]
			}
		}
		if _, err := z.Write(row); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	idat.flush()
	chunk("IEND", nil)
	return bw.Flush()
}

// chunker cuts a stream into pieces of 1 MB.
type chunker struct {
	buf  []byte
	emit func([]byte)
}

func (c *chunker) Write(p []byte) (int, error) {
	c.buf = append(c.buf, p...)
	for len(c.buf) >= 1<<20 {
		c.emit(c.buf[:1<<20])
		c.buf = c.buf[1<<20:]
	}
	return len(p), nil
}

func (c *chunker) flush() {
	if len(c.buf) > 0 {
		c.emit(c.buf)
	}
}
