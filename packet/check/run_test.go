package check

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
)

// shot is a photo as Collect reads it from a camera original: EXIF with a
// capture time (the camera's clock, "YYYY:MM:DD HH:MM:SS"), a body, a
// display copy; sum is its SHA-256 (files with one sum are duplicates).
func shot(taken, model, serial, sum string) *evidence.Item {
	meta := &exif.Meta{FileType: "JPEG", HasEXIF: true, Make: "Canon", Model: model, SerialNumber: serial,
		SerialNumberSource: "ExifIFD:SerialNumber", DateTimeOriginal: taken, ImageWidth: 720, ImageHeight: 704}
	it := &evidence.Item{Role: evidence.Photo, Format: "JPEG", Size: 50_000, SHA256: sum, Meta: meta, Pages: 1,
		Originality: &evidence.Originality{}, Display: &evidence.Display{Width: 720, Height: 704, Orientation: 1}}
	if taken != "" {
		it.Dates = []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", taken)}
	}
	return it
}

// runInput is the input of Run for photos a.jpg, b.jpg, ... (in order),
// all of listing L1 (published 2023-11-02), of a case whose complaint came
// on 2024-03-20, checked on 2024-03-21; edit changes the case first.
func runInput(edit func(*manifest.Case), items ...*evidence.Item) Input {
	m := &manifest.Manifest{
		Case:     manifest.Case{ID: "C-1", ComplaintDate: manifest.NewDate(2024, time.March, 20), Prepared: manifest.NewDate(2024, time.March, 21)},
		Seller:   manifest.Seller{LegalName: "Lumen Co., Ltd."},
		Listings: []manifest.Listing{{ID: "L1", Published: manifest.NewDate(2023, time.November, 2)}},
	}
	if edit != nil {
		edit(&m.Case)
	}
	byRel := map[string]*evidence.Item{}
	for i, it := range items {
		name := fmt.Sprintf("%c.jpg", 'a'+i)
		it.Path = manifest.Path{Raw: name, Rel: name, Abs: "/case/" + name}
		m.Photos = append(m.Photos, manifest.Photo{Path: it.Path, Listing: "L1"})
		byRel[name] = it
	}
	return Input{Manifest: m, Items: items, Exhibits: exhibit.Number(m, byRel), Today: m.Case.Prepared.Time()}
}

// TestRunFindsEachCode runs every check on evidence built in memory (no
// file is read): each case gives exactly the codes it should. The root
// package's TestCheckFindsEachCode does the same through files on disk.
func TestRunFindsEachCode(t *testing.T) {
	const taken = "2023:10:14 10:00:00"
	ok := func(sum string) *evidence.Item { return shot(taken, "Canon EOS 90D", "1234", sum) }
	with := func(it *evidence.Item, change func(*evidence.Item)) *evidence.Item { change(it); return it }
	tests := []struct {
		name     string
		edit     func(*manifest.Case)
		items    []*evidence.Item
		problems []manifest.Problem
		want     []string // exact codes but APPEAL_DEADLINE, sorted
	}{
		{"clean", nil, []*evidence.Item{ok("1")}, nil, nil},
		{"no exif", nil, []*evidence.Item{with(ok("1"), func(it *evidence.Item) { it.Meta = &exif.Meta{FileType: "JPEG"}; it.Dates = nil })}, nil,
			[]string{PhotoNoEXIF}},
		{"edited", nil, []*evidence.Item{with(ok("1"), func(it *evidence.Item) { it.Meta.Software = "Adobe Photoshop Lightroom Classic 9.0 (Windows)" })}, nil,
			[]string{PhotoEdited}},
		{"not original", nil, []*evidence.Item{with(ok("1"), func(it *evidence.Item) {
			it.Originality = &evidence.Originality{Derived: true, Reasons: []evidence.Sign{evidence.NewSign(evidence.SignCropped, "720", "704", "1440", "1408")}}
		})}, nil, []string{PhotoNotOriginal}},
		{"taken in year 1", nil, []*evidence.Item{shot("0001:01:01 00:00:00", "Canon EOS 90D", "1234", "1")}, nil, []string{PhotoDateImplausible}},
		{"after listing", nil, []*evidence.Item{shot("2023:12:01 10:00:00", "Canon EOS 90D", "1234", "1")}, nil, []string{PhotoAfterListing}},
		{"after complaint", nil, []*evidence.Item{shot("2024:03:21 09:00:00", "Canon EOS 90D", "1234", "1")}, nil,
			[]string{PhotoAfterComplaint, PhotoAfterListing}},
		{"no capture time", nil, []*evidence.Item{shot("", "Canon EOS 90D", "1234", "1")}, nil, []string{PhotoNoCaptureTime}},
		{"cameras mixed", nil, []*evidence.Item{ok("1"), shot(taken, "Canon EOS R6", "99", "2")}, nil, []string{PhotoCameraMixed}},
		{"one body", nil, []*evidence.Item{ok("1"), ok("2")}, nil, []string{PhotoOneBody}},
		{"duplicate", nil, []*evidence.Item{ok("1"), ok("1")}, nil, []string{FileDuplicate, PhotoOneBody}},
		{"damaged", nil, []*evidence.Item{with(ok("1"), func(it *evidence.Item) { it.Err = errors.New("unexpected EOF") })}, nil, []string{FileUnreadable}},
		{"wrong type", nil, []*evidence.Item{with(ok("1"), func(it *evidence.Item) { it.Err = fmt.Errorf("a PDF: %w", evidence.ErrWrongType) })}, nil,
			[]string{FileTypeUnsupported}},
		{"not drawable", nil, []*evidence.Item{with(ok("1"), func(it *evidence.Item) { it.Display = nil })}, nil, []string{PictureNotShown}},
		{"missing", nil, []*evidence.Item{ok("1")},
			[]manifest.Problem{{Code: FileMissing, Field: "photos[1].path", Path: manifest.Path{Raw: "gone.jpg"}, Msg: "no such file", Kind: "missing"}},
			[]string{FileMissing}},
		{"statement types a number", func(c *manifest.Case) { c.Statement = "Our photo P-1 shows it." }, []*evidence.Item{ok("1")}, nil,
			[]string{StatementCitesNumber}},
		{"statement cites a file not in the case", func(c *manifest.Case) { c.Statement = "Our photo [[z.jpg]] shows it." }, []*evidence.Item{ok("1")}, nil,
			[]string{StatementCitationUnknown}},
		{"appeal window closed", func(c *manifest.Case) { c.Received = manifest.NewDate(2024, time.March, 1) }, []*evidence.Item{ok("1")}, nil,
			[]string{AppealDeadlinePassed}},
		{"a fourth appeal", func(c *manifest.Case) { c.Attempt = 4 }, []*evidence.Item{ok("1")}, nil, []string{AppealAttemptsExceeded}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := runInput(tt.edit, tt.items...)
			in.Problems = tt.problems
			fs, rep := Run(in)
			if rep == nil {
				t.Fatal("no chain report")
			}
			got := slices.DeleteFunc(fs.Codes(), func(c string) bool { return c == AppealDeadline })
			slices.Sort(got)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				for _, f := range fs {
					t.Log(f)
				}
				t.Errorf("codes %v, want %v", got, tt.want)
			}
			for _, f := range fs {
				if f.Message == "" || f.Hint == "" {
					t.Errorf("%s has no message or hint", f.Code)
				}
			}
		})
	}
}

// TestCameraMixedInBothLanguages: the bodies PHOTO_CAMERA_MIXED names are
// worded in the report's language.
func TestCameraMixedInBothLanguages(t *testing.T) {
	const taken = "2023:10:14 10:00:00"
	for _, tt := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.English, "Canon EOS 90D, serial 1234; Canon EOS R6, serial 99"},
		{i18n.Chinese, "Canon EOS 90D，序列号 1234；Canon EOS R6，序列号 99"},
	} {
		in := runInput(nil, shot(taken, "Canon EOS 90D", "1234", "1"), shot(taken, "Canon EOS R6", "99", "2"))
		in.Lang = tt.lang
		var found bool
		fs, _ := Run(in)
		for _, f := range fs {
			if f.Code == PhotoCameraMixed {
				found = true
				if !strings.HasSuffix(f.Message, tt.want) {
					t.Errorf("%s: %q; want it to end %q", tt.lang, f.Message, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s", tt.lang, PhotoCameraMixed)
		}
	}
}

// TestDeadlineRuleInChinese: the confidence of the profile's rule is worded
// in the report's language.
func TestDeadlineRuleInChinese(t *testing.T) {
	in := runInput(func(c *manifest.Case) { c.Platform = "aliexpress" }, shot("2023:10:14 10:00:00", "Canon EOS 90D", "1234", "1"))
	in.Lang = i18n.Chinese
	fs, _ := Run(in)
	var hint string
	for _, f := range fs {
		if f.Code == AppealDeadline {
			hint = f.Hint
		}
	}
	if !strings.Contains(hint, "可信度：第三方") || strings.Contains(hint, "third-party") {
		t.Errorf("%s hint %q; want the confidence in Chinese", AppealDeadline, hint)
	}
}
