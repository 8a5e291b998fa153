package check

import (
	"fmt"
	"math"
	"strings"
	"time"

	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
)

// Finding codes about the dates a photo carries.
const (
	// PhotoDatesInconsistent: the capture date is earlier than other dates
	// the same file carries that record the same moment (EXIF CreateDate,
	// the GPS time, the XMP dates, the thumbnail's own EXIF, the maker's
	// dates): the capture date was moved, or the file is not what the
	// camera wrote. An error beyond a day, a warning for smaller gaps
	// that a camera does not make.
	PhotoDatesInconsistent = "PHOTO_DATES_INCONSISTENT"
	// PhotoDateImplausible: a capture date no camera could have written:
	// before 1990, after the packet's date, or before the camera model was
	// announced.
	PhotoDateImplausible = "PHOTO_DATE_IMPLAUSIBLE"
)

// Tolerances of the date checks.
const (
	// zoneAllowance is how far a camera's clock, whose time zone is not
	// recorded, may be from UTC (UTC−12 to UTC+14, with margin).
	zoneAllowance = 14 * time.Hour
	// sameClockSlack is how far apart two readings of the same clock may
	// be for the same moment (a camera writes them within a second).
	sameClockSlack = 10 * time.Minute
	// gpsSlack is how far after the capture a GPS time may be when both
	// are exact (clock drift; a daylight-saving hour not applied).
	gpsSlack = 2 * time.Hour
	// dayGap: a capture date earlier than the rest of the file by more
	// than this is an error.
	dayGap = 24 * time.Hour
	// firstEXIFYear: no camera wrote EXIF before (EXIF 1.0 is of 1995).
	firstEXIFYear = 1990
)

// dateGap is one date of a file that lies after the capture date.
type dateGap struct {
	stamp  exif.Stamp
	excess time.Duration // beyond what clocks and time zones explain
	exact  bool          // both times are instants or readings of one clock
}

// photoDates cross-checks the dates of every photo and reports capture
// dates that are implausible or earlier than the rest of the file says.
func photoDates(in Input) finding.List {
	var fs finding.List
	prepared := in.Manifest.Case.Prepared
	for _, e := range in.Exhibits.ExhibitsOf(exhibit.Photo) {
		it := e.Files[0]
		if it.Err != nil {
			continue
		}
		capture, ok := captureStamp(it.Dates)
		if !ok {
			continue
		}
		if f, ok := implausible(in, it, e.ID, capture, prepared.Time()); ok {
			fs = append(fs, f)
		}
		if f, ok := inconsistent(in, it, e.ID, capture); ok {
			fs = append(fs, f)
		}
	}
	return fs
}

// captureStamp returns the date that says when the photo was taken: EXIF
// DateTimeOriginal, else EXIF CreateDate (as Meta.CaptureTime does).
func captureStamp(dates []exif.Stamp) (exif.Stamp, bool) {
	for _, source := range []string{"EXIF DateTimeOriginal", "EXIF CreateDate"} {
		for _, s := range dates {
			if s.Source == source {
				return s, true
			}
		}
	}
	return exif.Stamp{}, false
}

// implausible reports a capture date no camera could have written.
func implausible(in Input, it *evidence.Item, exhibit string, capture exif.Stamp, today time.Time) (finding.Finding, bool) {
	day := capture.Clock()
	taken := day.Format(time.DateOnly)
	var msg string
	switch {
	case day.Year() < firstEXIFYear:
		msg = in.text("date.before_exif", it.Path.Rel, exhibit, taken, capture.Source, day.Year(), firstEXIFYear)
	case !today.IsZero() && day.After(today.Add(dayGap+zoneAllowance)):
		msg = in.text("date.after_packet", it.Path.Rel, exhibit, taken, capture.Source, today.Format(time.DateOnly))
	default:
		if it.Meta == nil {
			return finding.Finding{}, false
		}
		model, year, ok := announced(it.Meta.Make, it.Meta.Model)
		if !ok || day.Year() >= year {
			return finding.Finding{}, false
		}
		msg = in.text("date.before_model", it.Path.Rel, exhibit, taken, capture.Source, model, year)
	}
	return finding.Finding{Code: PhotoDateImplausible, Severity: finding.Error, Exhibit: exhibit, File: it.Path.Rel,
		Message: msg, Hint: in.text("date.implausible.hint")}, true
}

// inconsistent reports a capture date earlier than other dates of the file
// that record the same moment.
func inconsistent(in Input, it *evidence.Item, exhibit string, capture exif.Stamp) (finding.Finding, bool) {
	var gaps []dateGap
	for _, s := range it.Dates {
		if s.Source == capture.Source || s.Kind == exif.Modified {
			continue
		}
		if g, ok := gapAfter(capture, s); ok {
			gaps = append(gaps, g)
		}
	}
	if len(gaps) == 0 {
		return finding.Finding{}, false
	}
	worst := gaps[0]
	for _, g := range gaps[1:] {
		if g.excess > worst.excess {
			worst = g
		}
	}
	sev := finding.Warning
	if worst.excess > dayGap {
		sev = finding.Error
	}
	var others []string
	for _, g := range gaps {
		others = append(others, fmt.Sprintf("%s %s", g.stamp.Source, g.stamp.Text))
	}
	key := "date.inconsistent"
	if !worst.exact {
		key = "date.inconsistent.zone"
	}
	return finding.Finding{Code: PhotoDatesInconsistent, Severity: sev, Exhibit: exhibit, File: it.Path.Rel,
		Message: in.text(key, it.Path.Rel, exhibit, capture.Text, capture.Source, span(in, worst.excess), strings.Join(others, "; ")),
		Hint:    in.text("date.inconsistent.hint")}, true
}

// gapAfter returns how far s lies after the capture beyond what clocks
// and time zones explain; ok is false when it does not, or by too little
// to matter.
func gapAfter(capture, s exif.Stamp) (dateGap, bool) {
	var d, slack time.Duration
	exact := true
	switch {
	case s.UTC && capture.Offset && !capture.UTC:
		d, slack = s.Time.Sub(capture.Time), gpsSlack
	case s.UTC:
		// The camera's zone is unknown: only a gap beyond any zone, and
		// beyond a day, is worth a word (camera clocks are often set to
		// the wrong zone or day).
		d, slack, exact = s.Clock().Sub(capture.Clock()), zoneAllowance+dayGap, false
	case s.Offset && capture.Offset:
		d, slack = s.Time.Sub(capture.Time), sameClockSlack
	default: // two readings of the camera's clock
		d, slack = s.Clock().Sub(capture.Clock()), sameClockSlack
	}
	if !exact && d-zoneAllowance > dayGap {
		return dateGap{stamp: s, excess: d - zoneAllowance}, true
	}
	if !exact || d <= slack {
		return dateGap{}, false
	}
	return dateGap{stamp: s, excess: d, exact: true}, true
}

// span says a duration in words: "3 days", "5 hours", "12 minutes".
func span(in Input, d time.Duration) string {
	key, n := "span.minutes", int(math.Round(d.Minutes()))
	switch {
	case d >= 48*time.Hour:
		key, n = "span.days", int(math.Round(d.Hours()/24))
	case d >= 2*time.Hour:
		key, n = "span.hours", int(math.Round(d.Hours()))
	}
	return in.count(key, n, n)
}
