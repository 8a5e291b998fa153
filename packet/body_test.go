package packet_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/pdftest"
	"appealpacket/packet"
)

// TestCameraBodyInThePacket: the photo page shows the camera body's
// serial with where it was read, and when every photo names one body the
// statement says so (PHOTO_ONE_BODY); two bodies of one model are not one.
func TestCameraBodyInThePacket(t *testing.T) {
	second := camera("2023:10:14 11:00:00")
	second.Serial = "5678"
	for _, tc := range []struct {
		name    string
		b       []byte
		want    []string
		wantNot []string
		oneBody bool
	}{
		{"one body", photo(t, 1, camera("2023:10:14 11:00:00")),
			[]string{"Camera body serial 1234 (EXIF SerialNumber)", "All of them were taken by one camera body, Canon EOS 90D, serial 1234."}, nil, true},
		{"two bodies of one model", photo(t, 1, second),
			[]string{"Camera body serial 1234 (EXIF SerialNumber)", "Camera body serial 5678 (EXIF SerialNumber)"}, []string{"one camera body"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := caseFiles(t, baseCase+"photos: [{path: a.jpg, listing: L1}, {path: b.jpg, listing: L1}]\n",
				map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "b.jpg": tc.b})
			res, err := packet.Build(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(res.Findings.Codes(), "PHOTO_ONE_BODY"); got != tc.oneBody {
				t.Errorf("PHOTO_ONE_BODY %v, want %v", got, tc.oneBody)
			}
			text, err := pdftest.PageText(pdftest.Tool(t, "pdftotext"), res.PDF, 0)
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("the packet lacks %q", w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(flat, w) {
					t.Errorf("the packet says %q", w)
				}
			}
		})
	}
}

// TestMakerNoteSerialOnThePhotoPage: a serial only the maker notes hold
// (the corpus's Olympus PEN E-P3) is shown on the photo page, naming the
// maker notes as its source, with the lens read from them.
func TestMakerNoteSerialOnThePhotoPage(t *testing.T) {
	dir := corpusCase(t, "Olympus_PEN_E-P3.jpg")
	res, err := packet.Build(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.PageText(pdftest.Tool(t, "pdftotext"), res.PDF, 0)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range []string{"Camera body serial B9U505495 (Olympus maker notes)", "Lens OLYMPUS M.17mm F1.8"} {
		if !strings.Contains(flat, w) {
			t.Errorf("the packet lacks %q:\n%s", w, flat)
		}
	}
}
