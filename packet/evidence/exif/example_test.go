package exif_test

import (
	"fmt"
	"log"

	"appealpacket/packet/evidence/exif"
)

func ExampleRead() {
	data := exif.SamplePhoto() // in real use: os.ReadFile("originals/IMG_0012.JPG")

	m, err := exif.Read(data)
	if err != nil {
		log.Fatal(err) // not an image at all
	}
	fmt.Println(m.FileType, m.Make, m.Model, "serial", m.SerialNumber)
	fmt.Printf("stored %dx%d, orientation %d\n", m.ImageWidth, m.ImageHeight, m.Orientation)
	if t, ok := m.CaptureTime(); ok {
		fmt.Println("taken", t.Format("2006-01-02 15:04:05 -07:00"))
	}
	if m.GPS != nil {
		fmt.Printf("at %.5f, %.5f, %.1f m\n", m.GPS.Latitude, m.GPS.Longitude, *m.GPS.Altitude)
	}
	fmt.Println("edited with:", m.Software)
	fmt.Println("image data hash:", m.ImageDataHash != "", "warnings:", m.Warnings)
	// Output:
	// JPEG Canon Canon EOS 5D Mark III serial 072024000973
	// stored 24x16, orientation 6
	// taken 2024-03-01 10:20:30 +08:00
	// at -33.85985, -70.65000, -12.5 m
	// edited with: Firmware 1.3.5
	// image data hash: true warnings: []
}

func ExampleDimensions() {
	w, h, fileType, err := exif.Dimensions(exif.SamplePhoto())
	if err != nil {
		log.Fatal(err)
	}
	const maxPixels = 100_000_000
	fmt.Println(fileType, w, h, w*h <= maxPixels)
	// Output: JPEG 24 16 true
}

func ExampleMeta_ExifToolFields() {
	m, err := exif.Read(exif.SamplePhoto())
	if err != nil {
		log.Fatal(err)
	}
	f := m.ExifToolFields()
	fmt.Println(f["Make"], f["Orientation"], f["GPSLatitude"], f["DateTimeOriginal"])
	// Output: Canon 6 -33.85985 2024:03:01 10:20:30
}

// ExampleMeta_Body tells whether the photos of a case come from one camera
// body: two bodies of the same model are two cameras.
func ExampleMeta_Body() {
	first, err := exif.Read(exif.SamplePhoto())
	if err != nil {
		log.Fatal(err)
	}
	body := first.Body()
	fmt.Println(body, "- read from", body.Source)

	second := exif.Meta{Make: "Canon", Model: "Canon EOS 5D Mark III", SerialNumber: "072024000974",
		SerialNumberSource: "Canon:SerialNumber"}
	same, known := body.SameAs(second.Body())
	fmt.Println("same body:", same, "known:", known)

	noSerial := exif.Meta{Make: "Canon", Model: "Canon EOS 5D Mark III"}
	same, known = body.SameAs(noSerial.Body())
	fmt.Println("same body:", same, "known:", known)
	// Output:
	// Canon EOS 5D Mark III, serial 072024000973 - read from ExifIFD:SerialNumber
	// same body: false known: true
	// same body: false known: false
}
