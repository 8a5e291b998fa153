package pdfimport_test

import (
	"bytes"
	"fmt"
	"log"
	"time"

	"github.com/go-pdf/fpdf"

	"appealpacket/packet/pdfsrc"
	"appealpacket/packet/render/pdfimport"
)

// Example shows the two passes of the packet renderer: Open the source to
// learn its pages, let fpdf leave a placeholder page for each, then Stamp
// the source pages into the placeholders and Attach a manifest.
func Example() {
	when := time.Date(2024, 3, 21, 9, 30, 0, 0, time.UTC)

	// A seller's one-page authorization letter (any PDF will do).
	letter := fpdf.New("P", "pt", "Letter", "")
	letter.SetCreationDate(when)
	letter.AddPage()
	letter.SetFont("Times", "", 14)
	letter.Text(72, 100, "Letter of authorization")
	var src bytes.Buffer
	if err := letter.Output(&src); err != nil {
		log.Fatal(err)
	}

	// Pass 1: page count and size, before anything is laid out.
	source, err := pdfsrc.Open(src.Bytes(), "")
	if err != nil {
		log.Fatal(err)
	}
	w, h := source.PageSize(1)
	fmt.Printf("source: %d page(s), %.0f x %.0f pt\n", source.PageCount(), w, h)

	// Pass 2: the packet with a placeholder page (A4, in points).
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
	pdf.SetFont("Helvetica", "", 10)
	pdf.AddPage()
	pdf.Text(40, 30, "IPP-2024-0001234 · Exhibit A-1 · page 1 of 1")
	_, pageH := pdf.GetPageSize()
	box := pdfimport.RectFromTop(pageH, 40, 50, 515, 740)

	var packet bytes.Buffer
	if err := pdf.Output(&packet); err != nil {
		log.Fatal(err)
	}
	var stamped, final bytes.Buffer
	err = pdfimport.Stamp(bytes.NewReader(packet.Bytes()), &stamped, []pdfimport.Placement{
		{Source: source, SourcePage: 1, TargetPage: 1, Box: box},
	})
	if err != nil {
		log.Fatal(err)
	}
	err = pdfimport.Attach(bytes.NewReader(stamped.Bytes()), &final, []pdfimport.File{
		{Name: "appealpacket-manifest.json", Data: []byte(`{"case":"IPP-2024-0001234"}`), ModTime: when},
	})
	if err != nil {
		log.Fatal(err)
	}

	files, err := pdfimport.Attachments(bytes.NewReader(final.Bytes()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		fmt.Printf("attached: %s (%d bytes)\n", f.Name, len(f.Data))
	}
	// Output:
	// source: 1 page(s), 612 x 792 pt
	// attached: appealpacket-manifest.json (27 bytes)
}
