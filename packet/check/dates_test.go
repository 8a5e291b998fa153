package check

import (
	"strings"
	"testing"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// photoInput makes the input of the photo checks for one photo, a.jpg,
// in a packet prepared on 2024-05-01.
func photoInput(it *evidence.Item) Input {
	it.Path = manifest.Path{Raw: "a.jpg", Rel: "a.jpg", Abs: "/case/a.jpg"}
	it.Role = evidence.Photo
	m := &manifest.Manifest{Case: manifest.Case{ID: "C-1", Prepared: manifest.NewDate(2024, time.May, 1)},
		Photos: []manifest.Photo{{Path: it.Path}}}
	return Input{Manifest: m, Items: []*evidence.Item{it}, Exhibits: exhibit.Number(m, map[string]*evidence.Item{"a.jpg": it})}
}

// clock is a reading of the camera's clock, zone unknown.
func clock(kind exif.StampKind, source, value string) exif.Stamp {
	t, err := time.Parse("2006:01:02 15:04:05", value)
	if err != nil {
		panic(err)
	}
	return exif.Stamp{Kind: kind, Source: source, Text: value, Time: t}
}

// zoned is a time with its offset.
func zoned(kind exif.StampKind, source, value string) exif.Stamp {
	t, err := time.Parse("2006:01:02 15:04:05-07:00", value)
	if err != nil {
		panic(err)
	}
	_, off := t.Zone()
	return exif.Stamp{Kind: kind, Source: source, Text: value, Time: t, Offset: true, UTC: off == 0 && kind == exif.GPSFix}
}

func TestPhotoDates(t *testing.T) {
	dto := clock(exif.Captured, "EXIF DateTimeOriginal", "2023:10:14 10:00:00")
	dtoZoned := zoned(exif.Captured, "EXIF DateTimeOriginal", "2023:10:14 10:00:00+08:00")
	create := func(v string) exif.Stamp { return clock(exif.Digitized, "EXIF CreateDate", v) }
	gps := func(v string) exif.Stamp { return zoned(exif.GPSFix, "EXIF GPSDateStamp/GPSTimeStamp", v+"+00:00") }
	tests := []struct {
		name  string
		model string
		dates []exif.Stamp
		want  string // "CODE severity", "" for none
	}{
		{"all agree", "", []exif.Stamp{dto, create("2023:10:14 10:00:00")}, ""},
		{"digitized a second later", "", []exif.Stamp{dto, create("2023:10:14 10:00:01")}, ""},
		{"capture moved 43 days earlier", "", []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", "2023:09:01 10:00:00"), create("2023:10:14 10:00:00")},
			"PHOTO_DATES_INCONSISTENT error"},
		{"capture moved two hours earlier", "", []exif.Stamp{dto, create("2023:10:14 12:00:00")}, "PHOTO_DATES_INCONSISTENT warning"},
		{"a bogus early CreateDate (Nexus 4 firmware)", "", []exif.Stamp{dto, create("2002:12:08 12:00:00")}, ""},
		{"modified months later", "", []exif.Stamp{dto, clock(exif.Modified, "EXIF ModifyDate", "2024:02:01 09:00:00")}, ""},
		{"GPS fix a few seconds before, zones known", "", []exif.Stamp{dtoZoned, gps("2023:10:14 01:59:54")}, ""},
		{"GPS fix four hours after, zones known", "", []exif.Stamp{dtoZoned, gps("2023:10:14 06:00:00")}, "PHOTO_DATES_INCONSISTENT warning"},
		{"GPS fix six days after, zones known", "", []exif.Stamp{dtoZoned, gps("2023:10:20 02:00:00")}, "PHOTO_DATES_INCONSISTENT error"},
		{"GPS fix 22 hours after, zone unknown (a mis-set camera clock)", "", []exif.Stamp{dto, gps("2023:10:15 08:00:00")}, ""},
		{"GPS fix three days after, zone unknown", "", []exif.Stamp{dto, gps("2023:10:17 10:00:00")}, "PHOTO_DATES_INCONSISTENT error"},
		{"GPS date only, two days after", "", []exif.Stamp{dto, {Kind: exif.GPSFix, Source: "EXIF GPSDateStamp", Text: "2023:10:17",
			Time: time.Date(2023, 10, 17, 0, 0, 0, 0, time.UTC), Offset: true, UTC: true}}, "PHOTO_DATES_INCONSISTENT error"},
		{"a stale GPS fix days before", "", []exif.Stamp{dto, gps("2023:10:09 10:00:00")}, ""},
		{"XMP DateCreated two days after", "", []exif.Stamp{dto, clock(exif.Captured, "XMP photoshop:DateCreated", "2023:10:16 10:00:00")}, "PHOTO_DATES_INCONSISTENT error"},
		{"the thumbnail's own EXIF after", "", []exif.Stamp{dto, clock(exif.Digitized, "thumbnail EXIF DateTimeOriginal", "2023:11:14 10:00:00")}, "PHOTO_DATES_INCONSISTENT error"},
		{"taken in year 1", "", []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", "0001:01:01 00:00:00")}, "PHOTO_DATE_IMPLAUSIBLE error"},
		{"taken in 1989", "", []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", "1989:12:31 23:00:00")}, "PHOTO_DATE_IMPLAUSIBLE error"},
		{"taken after the packet", "", []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", "2024:05:03 10:00:00")}, "PHOTO_DATE_IMPLAUSIBLE error"},
		{"taken the day of the packet, far east", "", []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", "2024:05:01 23:00:00")}, ""},
		{"an iPhone 11 photo of 2018", "iPhone 11", []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", "2018:06:01 10:00:00")}, "PHOTO_DATE_IMPLAUSIBLE error"},
		{"an iPhone 11 photo of 2019", "iPhone 11", []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", "2019:12:01 10:00:00")}, ""},
		{"a Galaxy S10+ (US) photo of 2018", "SM-G975U", []exif.Stamp{clock(exif.Captured, "EXIF DateTimeOriginal", "2018:06:01 10:00:00")}, "PHOTO_DATE_IMPLAUSIBLE error"},
		{"CreateDate alone is the capture", "", []exif.Stamp{create("2023:09:01 10:00:00"), clock(exif.Captured, "XMP exif:DateTimeOriginal", "2023:10:14 10:00:00")},
			"PHOTO_DATES_INCONSISTENT error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := &evidence.Item{Meta: &exif.Meta{HasEXIF: true, Make: "Apple", Model: tt.model}, Dates: tt.dates}
			fs := photoDates(photoInput(it))
			var got []string
			for _, f := range fs {
				got = append(got, f.Code+" "+f.Severity.String())
				if f.File != "a.jpg" || f.Exhibit != "P-1" || !strings.Contains(f.Message, "a.jpg (P-1)") || f.Hint == "" {
					t.Errorf("finding %+v does not name the file and exhibit, or has no hint", f)
				}
				if strings.Contains(strings.ToLower(f.Hint), "edit the date") {
					t.Errorf("hint %q", f.Hint)
				}
			}
			if strings.Join(got, "; ") != tt.want {
				for _, f := range fs {
					t.Log(f.Message)
				}
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNotOriginal(t *testing.T) {
	derived := &evidence.Item{Meta: &exif.Meta{HasEXIF: true, Make: "Canon", Software: "Adobe Photoshop CC 2019", DateTimeOriginal: "2023:10:14 10:00:00"},
		Originality: &evidence.Originality{Derived: true, Reasons: []evidence.Sign{evidence.NewSign(evidence.SignResized, "600", "450", "1200", "900")}}}
	in := photoInput(derived)
	fs := append(notOriginal(in), photos(in)...)
	if len(fs) != 1 || fs[0].Code != PhotoNotOriginal || fs[0].Severity != finding.Error || fs[0].File != "a.jpg" || fs[0].Exhibit != "P-1" ||
		!strings.Contains(fs[0].Message, "a.jpg (P-1) is not the file the camera wrote: it is 600×450 pixels") {
		t.Errorf("findings %+v", fs)
	}
	// A Chinese report words the reasons in Chinese too.
	in.Lang = i18n.Chinese
	if fs := notOriginal(in); len(fs) != 1 || !strings.Contains(fs[0].Message, "不是相机写入的原文件：它为 600×450 像素，但其 EXIF 表明相机写入的是 1200×900，所以它在拍摄后被缩放过。") {
		t.Errorf("Chinese findings %+v", fs)
	}
	// A catalogue program may have changed the metadata only.
	lightroom := &evidence.Item{Meta: &exif.Meta{HasEXIF: true, Make: "Canon", Software: "Adobe Photoshop Lightroom Classic 9.0", DateTimeOriginal: "2023:10:14 10:00:00"},
		Originality: &evidence.Originality{Doubts: []evidence.Sign{evidence.NewSign(evidence.SignEditor, "Adobe Photoshop Lightroom Classic 9.0")}}}
	in = photoInput(lightroom)
	fs = append(notOriginal(in), photos(in)...)
	var codes []string
	for _, f := range fs {
		codes = append(codes, f.Code)
	}
	if strings.Join(codes, ",") != "PHOTO_EDITED" {
		t.Errorf("codes %v", codes)
	}
}
