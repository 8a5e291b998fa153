// Command benchphotos writes a benchmark case folder: N distinct
// camera-like JPEGs (default 4000×3000, about 12 MP, quality 92, 4:2:0)
// with the EXIF a camera writes (make, model, body serial, lens, capture
// time and offset, GPS, orientation, a thumbnail and the camera's own
// quantisation tables), a listing picture made from the first photo, and a
// case.yaml naming them. The output is the same for the same arguments.
//
//	go run ./tools/benchphotos -n 40 /tmp/bench40
//	go run ./cmd/appealpacket build /tmp/bench40 -o /tmp/bench40-out
//
// The README's performance figures are measured on such folders, against
// tools/bench/baseline-pipeline (ExifTool, sha256sum, ImageMagick,
// img2pdf: what a skilled user would script instead).
package main

import (
	"flag"
	"fmt"
	"image"
	"os"
	"path/filepath"

	"appealpacket/internal/fixture"
)

func main() {
	n := flag.Int("n", 40, "photos to write")
	w := flag.Int("width", 4000, "photo width in pixels")
	h := flag.Int("height", 3000, "photo height in pixels")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: benchphotos [-n N] [-width W -height H] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *n < 1 || *w < 64 || *h < 64 {
		flag.Usage()
		os.Exit(2)
	}
	if err := write(flag.Arg(0), *n, *w, *h); err != nil {
		fmt.Fprintln(os.Stderr, "benchphotos:", err)
		os.Exit(1)
	}
}

func write(dir string, n, w, h int) error {
	if err := os.MkdirAll(filepath.Join(dir, "originals"), 0o755); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "listing"), 0o755); err != nil {
		return err
	}
	var first image.Image
	for i := 1; i <= n; i++ {
		img := fixture.Scene(w, h, uint64(i))
		if i == 1 {
			first = img
		}
		orientation := 1
		if i%5 == 0 {
			orientation = 6
		}
		meta := fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Serial: "0123456789", Lens: "EF-S18-135mm f/3.5-5.6 IS USM",
			Taken: fmt.Sprintf("2023:10:%02d 14:%02d:00", i%28+1, i%60), Offset: "+08:00", Orientation: orientation,
			Lat: 23.1291, Lon: 113.2644, Alt: 21}
		b, err := fixture.CameraJPEG(img, 92, meta)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "originals", fmt.Sprintf("IMG_%04d.JPG", i)), b, 0o644); err != nil {
			return err
		}
	}
	side := min(w, h) * 9 / 10
	r := image.Rect((w-side)/2, (h-side)/2, (w+side)/2, (h+side)/2)
	b, err := fixture.JPEG(fixture.Cut(first, r, 800, 800), 80, nil)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "listing", "main.jpg"), b, 0o644); err != nil {
		return err
	}
	manifest := fmt.Sprintf(`version: 1
case: {id: BENCH-%d, platform: aliexpress, type: image-theft, complaint_date: 2024-03-20, complainant: "Bench Studio", prepared: 2024-03-25}
seller: {legal_name: "Bench Shop Co., Ltd."}
listings: [{id: "1", title: "Bench product", published: 2023-11-02, images: [listing/main.jpg]}]
photos: [{path: originals/, listing: "1"}]
`, n)
	return os.WriteFile(filepath.Join(dir, "case.yaml"), []byte(manifest), 0o644)
}
