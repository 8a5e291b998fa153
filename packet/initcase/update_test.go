package initcase

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"appealpacket/internal/fixture"
	"appealpacket/packet/manifest"
)

// TestMerge: new entries go at the end of their lists whatever the
// indentation of the seller's file, comments stay with what they are
// about, and a section the file lacks is added at the end.
func TestMerge(t *testing.T) {
	rendered := `version: 1
case:
  id: "X"
listings:
  - id: "TODO"
    images:
      - "listing/new.jpg"  # looks like originals/new.jpg
photos:
  # Canon, 2024-01-02: 1 photo
  - path: "originals/new.jpg"
documents:
  - path: "other/new.pdf"
    kind: invoice
`
	tests := []struct {
		name, old, want string
		note            string
		err             string
	}{
		{name: "indented lists, comments under the last entry",
			old: `case:
  id: "X"   # mine
listings:
  - id: "100"
    images:
      - "listing/a.jpg"
    published: 2024-01-01
photos:
  - path: "originals/a.jpg"
    note: "kept"
    # my note on a.jpg

# a comment before documents
documents:
  - path: "other/a.pdf"
`,
			want: `case:
  id: "X"   # mine
listings:
  - id: "100"
    images:
      - "listing/a.jpg"
      - "listing/new.jpg"  # looks like originals/new.jpg
    published: 2024-01-01
photos:
  - path: "originals/a.jpg"
    note: "kept"
    # my note on a.jpg
  # Canon, 2024-01-02: 1 photo
  - path: "originals/new.jpg"

# a comment before documents
documents:
  - path: "other/a.pdf"
  - path: "other/new.pdf"
    kind: invoice
`},
		{name: "the draft's listing with no pictures gets them, not a second TODO listing",
			old: `listings:
  - id: "TODO"   # the listing's ID
    title: "TODO"
    # published: TODO
photos:
  - path: "originals/a.jpg"
`,
			want: `listings:
  - id: "TODO"   # the listing's ID
    title: "TODO"
    # published: TODO
    images:
      - "listing/new.jpg"  # looks like originals/new.jpg
photos:
  - path: "originals/a.jpg"
  # Canon, 2024-01-02: 1 photo
  - path: "originals/new.jpg"

documents:
  - path: "other/new.pdf"
    kind: invoice
`},
		{name: "an empty images key is filled",
			old: "listings:\n- id: \"7\"\n  images:\n  title: t\n",
			want: "listings:\n- id: \"7\"\n  images:\n    - \"listing/new.jpg\"  # looks like originals/new.jpg\n  title: t\n" +
				"\nphotos:\n  # Canon, 2024-01-02: 1 photo\n  - path: \"originals/new.jpg\"\ndocuments:\n  - path: \"other/new.pdf\"\n    kind: invoice\n"},
		{name: "lists at the margin, no final newline, sections missing",
			old: "case:\n  id: X\nphotos:\n- path: originals/a.jpg\n  note: n",
			want: "case:\n  id: X\nphotos:\n- path: originals/a.jpg\n  note: n\n# Canon, 2024-01-02: 1 photo\n- path: \"originals/new.jpg\"\n" +
				"\nlistings:\n  - id: \"TODO\"\n    images:\n      - \"listing/new.jpg\"  # looks like originals/new.jpg\n" +
				"documents:\n  - path: \"other/new.pdf\"\n    kind: invoice\n"},
		{name: "empty sections, two listings",
			old:  "listings:\n  - id: \"1\"\n    images:\n      - a.jpg\n  - id: \"2\"\n    images: [b.jpg]\nphotos:\ndocuments:\n",
			note: "move it",
			want: "listings:\n  - id: \"1\"\n    images:\n      - a.jpg\n      # move it\n      - \"listing/new.jpg\"  # looks like originals/new.jpg\n  - id: \"2\"\n    images: [b.jpg]\n" +
				"photos:\n  # Canon, 2024-01-02: 1 photo\n  - path: \"originals/new.jpg\"\ndocuments:\n  - path: \"other/new.pdf\"\n    kind: invoice\n"},
		{name: "listing pictures in a list on one line",
			old: "listings:\n  - id: \"1\"\n    images: [a.jpg]\n    published: 2024-01-01\n",
			want: "listings:\n  - id: \"1\"\n    images: [a.jpg, \"listing/new.jpg\"]  # added by init; listing/new.jpg: looks like originals/new.jpg\n    published: 2024-01-01\n\n" +
				"photos:\n  # Canon, 2024-01-02: 1 photo\n  - path: \"originals/new.jpg\"\ndocuments:\n  - path: \"other/new.pdf\"\n    kind: invoice\n"},
		{name: "flow list", old: "photos: [a.jpg]\n", err: "case.yaml:1: photos: is not written as a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := merge([]byte(tt.old), []byte(rendered), tt.note, "added by init")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestInitUpdate: init on a folder with a case.yaml the seller has filled
// in adds the new files, keeps every line the seller wrote, reports the
// file that is gone and keeps the previous case.yaml; --force starts over.
func TestInitUpdate(t *testing.T) {
	camera := func(seed uint64, taken string) []byte {
		data, err := fixture.CameraJPEG(fixture.Scene(1200, 900, seed), 90, fixture.EXIF{Make: "Canon", Model: "Canon EOS 90D", Taken: taken, NoGPS: true})
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	plain := func(seed uint64) []byte {
		data, err := fixture.JPEG(fixture.Scene(800, 800, seed), 85, nil)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	dir := t.TempDir()
	write := func(files map[string][]byte) {
		for name, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(map[string][]byte{
		"originals/IMG_0001.JPG": camera(1, "2024:01:02 10:00:00"),
		"listing/main.jpg":       plain(7),
		"certs/tm.pdf":           makePDF(t, "商标注册证", "Trademark Registration Certificate"),
		"auth/loa-2023.pdf":      makePDF(t, "授权书", "Letter of Authorization"),
	})
	ctx := context.Background()
	var mu sync.Mutex
	last := map[string][2]int{}
	first, err := Init(ctx, dir, Options{OCR: "off", Progress: func(step string, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		last[step] = [2]int{max(done, last[step][0]), total}
	}})
	if err != nil {
		t.Fatal(err)
	}
	// Progress: every file read, then the pictures' pixels (3 pictures).
	if last["reading files"] != [2]int{4, 4} || last["reading pictures"] != [2]int{2, 2} {
		t.Errorf("progress ended at %v; want reading files 4/4, reading pictures 2/2", last)
	}
	if first.Updated || first.Backup != "" {
		t.Errorf("first init: %+v", first)
	}
	file := filepath.Join(dir, manifest.FileName)
	written, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The seller fills in some values and adds a comment of their own.
	edited := strings.Replace(string(written), `legal_name: "TODO"`, `legal_name: "Lumen Trading Co., Ltd."  # as on our licence`, 1)
	edited = strings.Replace(edited, "\nphotos:", "\n# our studio shots\nphotos:", 1)
	if edited == string(written) {
		t.Fatal("the edit did not apply")
	}
	write(map[string][]byte{manifest.FileName: []byte(edited)})

	// New files; the certificate is gone.
	write(map[string][]byte{
		"originals/IMG_0002.JPG": camera(2, "2024:01:03 11:00:00"),
		"listing/second.jpg":     plain(8),
		"auth/loa-2025.pdf":      makePDF(t, "授权书", "Letter of Authorization (renewal)"),
		"other/invoice.pdf":      makePDF(t, "Invoice", "Invoice No. 2024-001"),
	})
	if err := os.Remove(filepath.Join(dir, "certs/tm.pdf")); err != nil {
		t.Fatal(err)
	}
	res, err := Init(ctx, dir, Options{OCR: "off"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Updated || res.Photos != 1 || res.Candidates != 1 || res.Trademarks != 0 || res.Authorizations != 1 || res.Documents != 1 {
		t.Errorf("update = %+v; want 1 photo, 1 listing picture, 1 letter, 1 document added", res)
	}
	if len(res.Gone) != 1 || res.Gone[0].Path != "certs/tm.pdf" || res.Gone[0].Field != "trademarks[0].files[0]" || res.Gone[0].Line == 0 {
		t.Errorf("gone = %+v; want certs/tm.pdf at trademarks[0].files[0]", res.Gone)
	}
	backup, err := os.ReadFile(filepath.Join(dir, BackupName))
	if err != nil || string(backup) != edited {
		t.Errorf("%s is not the seller's file (%v)", BackupName, err)
	}
	updated, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Every line the seller had is there, in the same order.
	oldLines, newLines := strings.Split(edited, "\n"), strings.Split(string(updated), "\n")
	i := 0
	for _, l := range newLines {
		if i < len(oldLines) && l == oldLines[i] {
			i++
		}
	}
	if i != len(oldLines) {
		t.Errorf("line %d of the seller's file is lost or moved: %q\n%s", i+1, oldLines[i], updated)
	}
	m, _, err := manifest.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Seller.LegalName != "Lumen Trading Co., Ltd." || len(m.Photos) != 2 || len(m.Listings) != 1 || len(m.Listings[0].Images) != 2 ||
		len(m.Authorizations) != 2 || len(m.Documents) != 1 {
		t.Fatalf("updated case.yaml loads as %+v", m)
	}
	if a := m.Authorizations[1]; a.ID != "AUTH2" || !slices.Equal(a.Trademarks, []string{"TM1"}) || a.Files[0].Raw != "auth/loa-2025.pdf" {
		t.Errorf("new letter = %+v; want AUTH2 naming TM1", a)
	}
	for _, want := range []string{`"originals/IMG_0002.JPG"`, `"listing/second.jpg"`, `"other/invoice.pdf"`} {
		if !bytes.Contains(updated, []byte(want)) {
			t.Errorf("%s not added", want)
		}
	}

	// Nothing new: nothing written.
	again, err := Init(ctx, dir, Options{OCR: "off"})
	if err != nil || again.Photos+again.Candidates+again.Authorizations+again.Documents != 0 {
		t.Errorf("third init: %+v, %v", again, err)
	}
	if now, _ := os.ReadFile(file); !bytes.Equal(now, updated) {
		t.Error("an init with nothing new changed case.yaml")
	}

	// A case.yaml that does not load is not touched.
	write(map[string][]byte{manifest.FileName: []byte("case:\n  id: [\n")})
	if _, err := Init(ctx, dir, Options{OCR: "off"}); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("init on a broken case.yaml: %v; want an error pointing to --force", err)
	}
	if now, _ := os.ReadFile(file); string(now) != "case:\n  id: [\n" {
		t.Error("a broken case.yaml was changed")
	}

	// --force starts over, keeping the previous file.
	forced, err := Init(ctx, dir, Options{OCR: "off", Force: true})
	if err != nil || forced.Updated || forced.Backup == "" {
		t.Fatalf("init --force: %+v, %v", forced, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, BackupName)); string(b) != "case:\n  id: [\n" {
		t.Errorf("--force did not keep the previous case.yaml")
	}
}

// FuzzMerge: whatever case.yaml the seller wrote, adding the new files
// never panics, and when it succeeds on a file that loads, the result
// loads and says everything the file said, plus the new entries.
func FuzzMerge(f *testing.F) {
	for _, seed := range []string{
		"case:\n  id: \"X\"\nlistings:\n  - id: \"1\"\n    images:\n      - a.jpg\n    published: 2024-01-01\nphotos:\n  - path: a.jpg\n    # note\n\n# c\ndocuments:\n  - path: b.pdf\n",
		"photos:\n- path: a.jpg\n  note: n",
		"listings:\n  - id: \"1\"\n    images: [a.jpg]  \nphotos:\ndocuments:\n",
		"listings: [{id: \"1\", images: [a.jpg]}]\n",
		"photos: |\n  text\n",
	} {
		f.Add(seed)
	}
	add := &manifest.Manifest{Version: 1,
		Listings:  []manifest.Listing{{ID: Placeholder, Images: []manifest.ListingImage{{Path: manifest.Path{Raw: "listing/new.jpg"}}}}},
		Photos:    []manifest.Photo{{Path: manifest.Path{Raw: "originals/new.jpg"}}},
		Documents: []manifest.Document{{Path: manifest.Path{Raw: "other/new.pdf"}, Kind: "invoice"}},
	}
	notes := &Notes{Header: []string{}, File: map[string]string{"listing/new.jpg": "looks like originals/new.jpg"},
		Before: map[string][]string{"originals/new.jpg": {"Canon, 2024-01-02: 1 photo"}}}
	rendered := Render(add, notes)
	f.Fuzz(func(t *testing.T, old string) {
		before, err := manifest.Parse([]byte(old), manifest.FileName)
		got, mergeErr := merge([]byte(old), rendered, "move it", "added by init")
		if err != nil || mergeErr != nil {
			return
		}
		after, err := manifest.Parse(got, manifest.FileName)
		if err != nil {
			// A new listing may repeat the id TODO of one the seller has:
			// update refuses to write then (it parses the result first).
			if strings.Contains(err.Error(), "already used") {
				return
			}
			t.Fatalf("merged file does not load: %v\n--- old:\n%s\n--- merged:\n%s", err, old, got)
		}
		if len(before.Listings) > 0 && !sameAndMore(before, after, add) {
			addNoListing := *add
			addNoListing.Listings = nil
			if !sameAndMore(before, after, &addNoListing) {
				t.Fatalf("merged file says something else\n--- old:\n%s\n--- merged:\n%s", old, got)
			}
		}
	})
}
