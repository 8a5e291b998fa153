package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

const minimal = `version: 1
case: {id: IPP-1, complaint_date: 2024-03-20}
seller: {legal_name: "Shenzhen Lumen Home Goods Co., Ltd."}
`

func TestParseMinimalAppliesDefaults(t *testing.T) {
	m, err := Parse([]byte(minimal), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if m.Case.Platform != "aliexpress" || m.Case.Language != "en" || m.Case.Type != "image-theft" {
		t.Errorf("defaults: platform %q language %q type %q", m.Case.Platform, m.Case.Language, m.Case.Type)
	}
	if got := m.Case.ComplaintDate.String(); got != "2024-03-20" {
		t.Errorf("complaint date %q", got)
	}
	if p, ok := m.Position("case.complaint_date"); !ok || p != (Pos{2, 35}) {
		t.Errorf("position of case.complaint_date = %v, %v", p, ok)
	}
}

func TestWhereFallsBackToTheNearestWrittenField(t *testing.T) {
	m, err := Parse([]byte(minimal+"listings:\n  - {id: a}\n"), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{
		"case.complaint_date":   "case.yaml:2:35", // written
		"case.complainant":      "case.yaml:2:7",  // not written: its mapping
		"listings[0].published": "case.yaml:5:5",
		"listings[3].url":       "case.yaml:5:3", // the list
		"photos[0].path":        "case.yaml",     // nothing enclosing it is written
	} {
		if got := m.Where(field); got != want {
			t.Errorf("Where(%q) = %q, want %q", field, got, want)
		}
	}
	if got := m.At(Pos{}); got != "" {
		t.Errorf("At(zero) = %q", got)
	}
}

func TestParseFullManifest(t *testing.T) {
	src := `version: 1
case:
  id: IPP-2
  platform: amazon
  type: trademark
  complaint_date: 2024-03-20
  complainant: "深圳市星光摄影工作室"
  language: zh
  statement: |
    We bought these from the brand owner.
  penalty: {points: 12, frozen_funds: "USD 1,200"}
seller: {legal_name: L, store: S, store_id: 1102345678, aliases: [A1, A2]}
listings: [{id: "1005", title: T, url: "https://x", published: 2023-11-02, images: [a.jpg]}]
photos: [{path: originals/, listing: "1005", note: n}]
trademarks: [{id: TM1, mark: BARTECH, number: "123", office: CNIPA, classes: [9, 35], owner: O, status: pending, filed: 2020-01-01, expires: 2030-01-01, files: [c.pdf]}]
authorizations: [{grantor: O, grantee: L, trademarks: [TM1], sublicense: true, from: 2023-01-01, to: 2025-12-31}]
documents: [{path: inv.pdf, kind: invoice, title: Invoice, date: 2023-09-17, buyer: "Lumen Co., Ltd."}]
`
	m, err := Parse([]byte(src), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if m.Seller.StoreID != "1102345678" {
		t.Errorf("a number given for a text field is kept as text: %q", m.Seller.StoreID)
	}
	if m.Case.Penalty == nil || m.Case.Penalty.Points != 12 {
		t.Errorf("penalty %+v", m.Case.Penalty)
	}
	if got := m.Trademarks[0].Classes; len(got) != 2 || got[1] != 35 {
		t.Errorf("classes %v", got)
	}
	if a := m.Authorizations[0]; a.ID != "AUTH1" || !a.Sublicense || a.To.String() != "2025-12-31" {
		t.Errorf("authorization %+v", a)
	}
	if d := m.Documents[0]; d.Buyer != "Lumen Co., Ltd." || d.Date.String() != "2023-09-17" {
		t.Errorf("document %+v", d)
	}
	if m.Case.Statement != "We bought these from the brand owner.\n" {
		t.Errorf("statement %q", m.Case.Statement)
	}
}

func TestParseErrorsNameLineColumnAndField(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the error, in order of lines
	}{
		{"typo suggests", minimal + "listings:\n  - id: x\n    publised: 2023-01-01\n",
			[]string{`case.yaml:6:5: listings[0]: unknown field "publised" (did you mean "published"?)`}},
		{"unknown top level", minimal + "photo: []\n",
			[]string{`case.yaml:4:1: top level: unknown field "photo" (did you mean "photos"?)`}},
		{"bad date", strings.Replace(minimal, "2024-03-20", "2024-13-01", 1),
			[]string{`case.yaml:2:35: case.complaint_date: "2024-13-01" is not a date (want YYYY-MM-DD)`}},
		{"date with slashes", strings.Replace(minimal, "2024-03-20", "20/03/2024", 1),
			[]string{`case.complaint_date: "20/03/2024" is not a date`}},
		{"wrong type list", minimal + "photos: originals/\n",
			[]string{`case.yaml:4:9: photos: want a list`}},
		{"wrong type int", minimal + "trademarks: [{mark: X, classes: [nine]}]\n",
			[]string{`trademarks[0].classes[0]: want a whole number, got "nine"`}},
		{"wrong type bool", minimal + "authorizations: [{grantor: a, grantee: b, sublicense: maybe}]\n",
			[]string{`authorizations[0].sublicense: want true or false, got "maybe"`}},
		{"mapping for text", minimal + "documents: [{path: {a: b}}]\n",
			[]string{`documents[0].path: want a file path, got a mapping`}},
		{"bad enum", strings.Replace(minimal, "id: IPP-1,", "id: IPP-1, platform: wish,", 1),
			[]string{`case.yaml:2:29: case.platform: "wish" is not one of aliexpress, amazon, temu, shopee, tiktok, ebay, etsy, coupang, generic`}},
		{"missing version", strings.Replace(minimal, "version: 1\n", "", 1),
			[]string{`version: missing`}},
		{"version 2", strings.Replace(minimal, "version: 1", "version: 2", 1),
			[]string{`case.yaml:1:10: version: this appealpacket reads manifest version 1, not 2`}},
		{"missing legal name", "version: 1\ncase: {id: X}\nseller: {store: S}\n",
			[]string{`case.yaml:3:9: seller.legal_name: required`}},
		{"unknown listing", minimal + "photos: [{path: a.jpg, listing: nope}]\n",
			[]string{`photos[0].listing: no listing has id "nope"`}},
		{"unknown trademark", minimal + "authorizations: [{grantor: a, grantee: b, trademarks: [TM9]}]\n",
			[]string{`authorizations[0].trademarks[0]: no trademark has id "TM9"`}},
		{"listing's unknown trademark", minimal + "trademarks: [{id: TM1}]\nlistings: [{id: a, trademarks: [TM1, TM2]}]\n",
			[]string{`listings[0].trademarks[1]: no trademark has id "TM2"`}},
		{"document's unknown trademark", minimal + "documents: [{path: a.pdf, trademarks: [X]}]\n",
			[]string{`documents[0].trademarks[0]: no trademark has id "X"`}},
		{"duplicate id", minimal + "trademarks: [{id: TM1}, {id: TM1}]\n",
			[]string{`trademarks[1].id: id "TM1" is already used by trademarks[0]`}},
		{"field twice", minimal + "listings: [{id: a, id: b}]\n",
			[]string{`listings[0].id: field given twice`}},
		{"ends before start", minimal + "authorizations: [{grantor: a, grantee: b, from: 2024-01-01, to: 2023-01-01}]\n",
			[]string{`authorizations[0].to: ends (2023-01-01) before it starts (2024-01-01)`}},
		{"empty path", minimal + "documents: [{path: \"\"}]\n", []string{`documents[0].path: required`}},
		{"syntax", "version: 1\ncase: {id: [\n", []string{"case.yaml:2:12: the \"[\" opened here is not closed: end it with \"]\" (and separate its items with \", \")\n  2 | case: {id: [\n    |            ^"}},
		{"empty", "", []string{`case.yaml:1:1: the manifest is empty`}},
		{"bad file name id", strings.Replace(minimal, "IPP-1", `"a/b"`, 1), []string{`case.yaml:2:12: case.id: "a/b" cannot name the packet's files`}},
		{"id with a newline", strings.Replace(minimal, "IPP-1", `"IPP-1\nrm"`, 1), []string{`case.id: "IPP-1\nrm" cannot name the packet's files`}},
		{"id with an escape", strings.Replace(minimal, "IPP-1", `"IPP\e[2J"`, 1), []string{`case.id: "IPP\x1b[2J" cannot name`}},
		{"id with a bidi override", strings.Replace(minimal, "IPP-1", `"IPP\u202efdp"`, 1), []string{`case.id: "IPP\u202efdp" cannot name`}},
		{"id with a leading dot", strings.Replace(minimal, "IPP-1", `.hidden`, 1), []string{`case.id: ".hidden" cannot name`}},
		{"id with a NUL", strings.Replace(minimal, "IPP-1", `"a\0b"`, 1), []string{`case.id: "a\x00b" cannot name`}},
		{"id too long", strings.Replace(minimal, "IPP-1", strings.Repeat("7", 300), 1), []string{`case.id: is 300 characters long`}},
		{"several errors in file order", minimal + "listings: [{idd: 1}]\nphotos: [{pth: x}]\n",
			[]string{`case.yaml:4:13: listings[0]: unknown field "idd"`, `case.yaml:5:11: photos[0]: unknown field "pth"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), "case.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T, want Errors", err)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error\n%s\ndoes not contain\n%s", msg, w)
				}
			}
			if len(es) < len(tt.want) {
				t.Errorf("got %d errors, want at least %d", len(es), len(tt.want))
			}
		})
	}
}

func TestParseRefusesBombsQuickly(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal + "x0: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("x" + string(rune('0'+i)) + ": &" + string(rune('a'+i)) + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + string(rune('a'+i-1)))
		}
		b.WriteString("]\n")
	}
	// Aliases into a field that is walked: seller.aliases gets a 9^9 list.
	laughs := b.String() + "seller2: *j\n"
	listBomb := minimal + "a: &a [x, x, x, x, x, x, x, x, x, x]\n" +
		"listings: [{id: q, images: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]}]\n"
	var big strings.Builder
	big.WriteString(minimal + "listings:\n  - &l {id: q, images: &imgs [")
	for i := 0; i < 1000; i++ {
		big.WriteString("x.jpg,")
	}
	big.WriteString("x.jpg]}\n")
	for i := 0; i < 1000; i++ {
		big.WriteString("  - *l\n")
	}
	deep := minimal + "listings: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
	for name, src := range map[string]string{"billion laughs": laughs, "list of lists": listBomb, "alias fan-out": big.String(), "deep nesting": deep} {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Parse([]byte(src), "case.yaml")
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatal("accepted")
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			if name == "alias fan-out" && !strings.Contains(err.Error(), "too large once its aliases are expanded") {
				t.Errorf("fan-out refused for another reason: %.200s", err)
			}
			// Real work is milliseconds; the bound leaves room for a slow,
			// busy machine and the race detector.
			if elapsed > 5*time.Second {
				t.Errorf("took %v to refuse", elapsed)
			}
			t.Logf("%s: refused in %v: %.120s", name, elapsed, err)
		})
	}
}

func TestParseRefusesHugeFile(t *testing.T) {
	src := minimal + "# " + strings.Repeat("x", MaxSize) + "\n"
	if _, err := Parse([]byte(src), "case.yaml"); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v", err)
	}
}

// writeCase makes a case folder with the manifest and the named files.
func writeCase(t *testing.T, yaml string, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadResolvesAndExpandsPhotoFolders(t *testing.T) {
	dir := writeCase(t, minimal+"photos: [{path: originals, note: studio}, {path: ./extra/../extra/c.heic}]\ndocuments: [{path: 'other\\inv.pdf'}]\n",
		"originals/b.JPG", "originals/a.jpg", "originals/notes.txt", "originals/.hidden.jpg", "extra/c.heic", "other/inv.pdf")
	m, problems, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	// notes.txt is named as not read (the hidden file is not); "./extra/../extra"
	// uses ".." and is refused even though it stays inside.
	if len(problems) != 2 || problems[0].Code != FilesNotRead || !strings.Contains(problems[0].Msg, ": notes.txt (") ||
		problems[1].Code != FileOutside {
		t.Fatalf("problems = %v", problems)
	}
	var rels []string
	for _, p := range m.Photos {
		rels = append(rels, p.Path.Rel)
	}
	if got := strings.Join(rels, ","); got != "originals/a.jpg,originals/b.JPG," {
		t.Errorf("photos = %q", got)
	}
	if m.Photos[0].Note != "studio" {
		t.Errorf("expanded photos keep the entry's note")
	}
	if m.Documents[0].Path.Rel != "other/inv.pdf" || m.Documents[0].Path.Abs == "" {
		t.Errorf("backslash path resolved to %+v", m.Documents[0].Path)
	}
}

// TestLoadNamesEachPhotoOnce: a photo a folder entry finds and another
// entry names on its own (to give it a note, or another listing) is one
// photo, the named entry's, in its place; a photo two folder entries find
// is the first one's. Each would otherwise be two exhibits of one file.
func TestLoadNamesEachPhotoOnce(t *testing.T) {
	dir := writeCase(t, minimal+`listings: [{id: "1005"}]
photos:
  - {path: originals/, listing: "1005"}
  - {path: originals/b.jpg, note: resized copy}
  - {path: originals/sub/, note: second folder}
  - {path: originals}
`, "originals/a.jpg", "originals/b.jpg", "originals/c.jpg", "originals/sub/d.jpg")
	m, problems, err := Load(dir)
	if err != nil || len(problems) != 0 {
		t.Fatal(err, problems)
	}
	var got []string
	for _, p := range m.Photos {
		got = append(got, p.Path.Rel+" "+p.Listing+" "+p.Note)
	}
	want := []string{"originals/a.jpg 1005 ", "originals/c.jpg 1005 ", "originals/b.jpg  resized copy", "originals/sub/d.jpg  second folder"}
	if !slices.Equal(got, want) {
		t.Errorf("photos\n%q\nwant\n%q", got, want)
	}
}

func TestLoadRefusesPathsOutsideTheCase(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.jpg")
	if err := os.WriteFile(secret, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, code string
		setup            func(dir string) error
		detail           string // in the problem's message
	}{
		{"dotdot", "../secret.jpg", FileOutside, nil, ""},
		{"absolute", secret, FileOutside, nil, ""},
		{"windows drive", `C:\Users\me\a.jpg`, FileOutside, nil, ""},
		{"missing", "nope.jpg", FileMissing, nil, ""},
		{"symlink out", "link.jpg", FileOutside, func(dir string) error { return os.Symlink(secret, filepath.Join(dir, "link.jpg")) }, ""},
		{"symlinked folder out", "linked/secret.jpg", FileOutside, func(dir string) error { return os.Symlink(outside, filepath.Join(dir, "linked")) }, ""},
		{"symlink inside is fine", "inlink.jpg", "", func(dir string) error {
			if err := os.WriteFile(filepath.Join(dir, "real.jpg"), []byte("x"), 0o644); err != nil {
				return err
			}
			return os.Symlink("real.jpg", filepath.Join(dir, "inlink.jpg"))
		}, ""},
		{"directory", "sub", FileUnreadable, func(dir string) error { return os.Mkdir(filepath.Join(dir, "sub"), 0o755) }, `"sub" is a folder; name a file`},
		{"fifo", "pipe", FileUnreadable, func(dir string) error { return mkfifo(filepath.Join(dir, "pipe")) }, `"pipe" is not a regular file (a named pipe)`},
		{"device", "/dev/null", FileOutside, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeCase(t, minimal+"documents: [{path: '"+tt.path+"'}]\n")
			if tt.setup != nil {
				if err := tt.setup(dir); err != nil {
					t.Skipf("setup: %v", err)
				}
			}
			done := make(chan struct{})
			var problems []Problem
			var err error
			go func() { _, problems, err = Load(dir); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Load blocked")
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.code == "" {
				if len(problems) != 0 {
					t.Fatalf("problems = %v", problems)
				}
				return
			}
			if len(problems) != 1 || problems[0].Code != tt.code {
				t.Fatalf("problems = %v, want one %s", problems, tt.code)
			}
			if !strings.Contains(problems[0].Error(), "case.yaml:4:") || !strings.Contains(problems[0].Error(), "documents[0].path") {
				t.Errorf("problem %q does not name case.yaml:line:col and the field", problems[0].Error())
			}
			if !strings.Contains(problems[0].Error(), tt.detail) {
				t.Errorf("problem %q does not say %q", problems[0].Error(), tt.detail)
			}
		})
	}
}

func TestLoadWithoutManifest(t *testing.T) {
	_, _, err := Load(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "no case.yaml") {
		t.Fatalf("err = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(minimal + "photos: [{path: a}]\nlistings: [{id: x, images: [a, b]}]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("version: 1\ncase: {id: [[[[[[[[[}\n"))
	if b, err := os.ReadFile("../../testdata/demo/case.yaml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data, "case.yaml")
		if err == nil && m == nil {
			t.Fatal("nil manifest without error")
		}
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %T %v is not a non-empty Errors", err, err)
			}
			for _, e := range es {
				if !strings.HasPrefix(e.Error(), "case.yaml") {
					t.Fatalf("error %q does not start with the file name", e)
				}
			}
		}
	})
}

// A subset keeps the chosen entries in the order given, and their
// positions in the original file under their new indices.
func TestSubsetKeepsPositions(t *testing.T) {
	src := minimal + `trademarks:
  - {id: A, mark: Alpha}
  - {id: B, mark: Beta}
listings:
  - {id: l1, trademarks: [A]}
  - {id: l2, trademarks: [B], url: "https://x"}
  - {id: l3, trademarks: [A, B]}
documents:
  - {path: inv.pdf, trademarks: [B]}
`
	m, err := Parse([]byte(src), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sub := m.Subset(Selection{Listings: []int{1, 2}, Trademarks: []int{1}, Documents: []int{0}})
	if len(sub.Listings) != 2 || sub.Listings[0].ID != "l2" || sub.Listings[1].ID != "l3" || len(sub.Trademarks) != 1 || sub.Trademarks[0].ID != "B" {
		t.Fatalf("subset: listings %+v trademarks %+v", sub.Listings, sub.Trademarks)
	}
	if len(m.Listings) != 3 {
		t.Errorf("the original lost entries: %d listings", len(m.Listings))
	}
	for field, want := range map[string]string{
		"listings[0].url":            "case.yaml:9:36", // l2's, line 9
		"listings[1].id":             "case.yaml:10:10",
		"trademarks[0].mark":         "case.yaml:6:19",
		"listings[2].id":             "case.yaml:8:3", // no third listing: the list
		"documents[0].trademarks[0]": "case.yaml:12:34",
		"case.complaint_date":        "case.yaml:2:35",
	} {
		if got := sub.Where(field); got != want {
			t.Errorf("Where(%q) = %q, want %q", field, got, want)
		}
	}
}
