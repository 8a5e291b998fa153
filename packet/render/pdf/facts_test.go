package pdf

import (
	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
	"strings"
	"testing"
)

// TestRewrittenEXIF: the capture time and GPS position of a photo saved by
// a program made to change EXIF are marked as not necessarily the
// camera's; a catalogue program's name leaves them as they are.
func TestRewrittenEXIF(t *testing.T) {
	for _, tt := range []struct {
		software string
		marked   bool
	}{
		{"Opanda PowerExif", true},
		{"GeoSetter 3.4.16", true},
		{"Adobe Photoshop Lightroom Classic 9.0", false},
		{"Ver.1.00", false},
	} {
		f := &evidence.Item{Path: manifest.Path{Rel: "p.jpg"}, Meta: &exif.Meta{HasEXIF: true, Make: "NIKON CORPORATION", Model: "NIKON D2H",
			DateTimeOriginal: "2003:11:23 18:07:37", Software: tt.software, GPS: &exif.GPS{Latitude: 39.915556, Longitude: 116.390833}}}
		d := &doc{lang: i18n.English}
		facts := map[string]string{}
		for _, r := range d.photoFacts(&exhibit.Exhibit{ID: "P-1", Kind: exhibit.Photo}, f) {
			if len(r.cells) == 2 && len(r.cells[0]) > 0 && len(r.cells[1]) > 0 {
				facts[r.cells[0][0].text] = r.cells[1][0].text
			}
		}
		note := " (the file was saved by " + tt.software + ", a program made to change EXIF: not necessarily the camera's)"
		for _, label := range []string{"Taken", "GPS"} {
			if got := strings.HasSuffix(facts[label], note); got != tt.marked {
				t.Errorf("%s: %s row %q; marked = %v, want %v", tt.software, label, facts[label], got, tt.marked)
			}
		}
	}
}

// TestNotesInChinese: a Chinese page says that a reader's English note is
// one, quoted; an English page shows it as it is.
func TestNotesInChinese(t *testing.T) {
	note := "EXIF IFD0 Orientation 0 is invalid (valid: 1-8); ignored"
	for _, tt := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.English, note},
		{i18n.Chinese, "读取文件时的技术提示（英文原文）：" + note},
	} {
		if got := (&doc{lang: tt.lang}).notesText([]string{note}); got != tt.want {
			t.Errorf("%s: %q; want %q", tt.lang, got, tt.want)
		}
	}
	if got := (&doc{lang: i18n.Chinese}).notesText([]string{"无法读取"}); got != "无法读取" {
		t.Errorf("a Chinese note: %q", got)
	}
}
