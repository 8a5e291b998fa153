package check

import (
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
	"testing"
)

// TestFileTypesOneNote: photos of two types the platform takes no upload
// of give one note listing both, anchored to no single exhibit.
func TestFileTypesOneNote(t *testing.T) {
	prof, err := profile.Builtin("aliexpress")
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*evidence.Item{}
	m := &manifest.Manifest{Case: manifest.Case{ID: "C-1"}}
	var list []*evidence.Item
	for _, f := range []struct{ name, format string }{{"a.heic", "HEIC"}, {"b.webp", "WEBP"}, {"c.heic", "HEIC"}, {"d.jpg", "JPEG"}} {
		it := &evidence.Item{Path: manifest.Path{Raw: f.name, Rel: f.name, Abs: "/case/" + f.name}, Role: evidence.Photo, Format: f.format}
		m.Photos = append(m.Photos, manifest.Photo{Path: it.Path})
		items[f.name] = it
		list = append(list, it)
	}
	in := Input{Manifest: m, Items: list, Exhibits: exhibit.Number(m, items)}
	for _, tt := range []struct {
		items []*evidence.Item
		want  string
		file  string
	}{
		{list, "3 files are of types AliExpress takes no upload of (it takes pdf, jpg, png). The packet shows them, so the appeal is not affected; but if the reviewer asks for the original files, they cannot be uploaded as they are: HEIC: a.heic (P-1), c.heic (P-3); WEBP: b.webp (P-2)", ""},
		{list[1:2], "1 file is WEBP, a type AliExpress takes no upload of (it takes pdf, jpg, png). The packet shows it, so the appeal is not affected; but if the reviewer asks for the original files, they cannot be uploaded as they are: b.webp (P-2)", "b.webp"},
		{list[3:], "", ""},
	} {
		in.Items = tt.items
		fs := fileTypes(in, prof)
		if tt.want == "" {
			if len(fs) != 0 {
				t.Errorf("%d items: %+v", len(tt.items), fs)
			}
			continue
		}
		if len(fs) != 1 || fs[0].Message != tt.want || fs[0].File != tt.file || (tt.file != "") != (fs[0].Exhibit != "") {
			t.Errorf("%d items: %+v\nwant %q", len(tt.items), fs, tt.want)
		}
	}
}
