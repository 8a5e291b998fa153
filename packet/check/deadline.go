package check

import (
	"time"

	"appealpacket/packet/deadline"
	"appealpacket/packet/finding"
	"appealpacket/packet/profile"
)

// Finding codes about the appeal's deadline and attempts (profile appeal).
const (
	// AppealDeadlinePassed (error): this attempt's window has closed.
	AppealDeadlinePassed = "APPEAL_DEADLINE_PASSED"
	// AppealDeadlineSoon (warning): the window closes today or on the next
	// business day.
	AppealDeadlineSoon = "APPEAL_DEADLINE_SOON"
	// AppealDeadline (info): the deadline and the days left.
	AppealDeadline = "APPEAL_DEADLINE"
	// AppealAttemptsExceeded (error): case.attempt is beyond the appeals
	// the platform allows.
	AppealAttemptsExceeded = "APPEAL_ATTEMPTS_EXCEEDED"
)

// deadlines reports the appeal's deadline for case.attempt, counted from
// case.received (else complaint_date) with in.Holidays, as of in.Today.
func deadlines(in Input, prof *profile.Profile) finding.List {
	rule := prof.Appeal
	c := in.Manifest.Case
	received := c.Received
	if received.IsZero() {
		received = c.ComplaintDate
	}
	attempt := max(c.Attempt, 1)
	name := cmpOr(prof.DisplayName, prof.Name)
	source := ""
	if rule.Source != "" {
		confidence := cmpOr(rule.Confidence, "unknown")
		if _, ok := messages["confidence."+confidence]; ok {
			confidence = in.text("confidence." + confidence) // official, third-party, unknown in the report's language
		}
		source = in.text("rule.source", rule.Source, confidence)
	}
	var fs finding.List
	if rule.Attempts > 0 && attempt > rule.Attempts {
		fs.Add(finding.Error, AppealAttemptsExceeded, "", in.text("appeal.attempts.hint", name, source),
			"%s", in.count("appeal.attempts", rule.Attempts, attempt, name, rule.Attempts))
		return fs
	}
	if len(rule.Windows) == 0 || received.IsZero() || in.Today.IsZero() {
		return fs
	}
	w := rule.Windows[min(attempt, len(rule.Windows))-1]
	due := in.Holidays.Due(received.Time(), deadline.Window{BusinessDays: w.BusinessDays, CalendarDays: w.CalendarDays})
	today := in.Today
	unit, left := "appeal.window.calendar", int(due.Sub(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)).Hours()/24)
	if w.BusinessDays > 0 {
		unit, left = "appeal.window.business", in.Holidays.BusinessDaysBetween(today, due)
	}
	n := w.BusinessDays + w.CalendarDays
	window := in.count(unit, n, n)
	dueText := due.Format(time.DateOnly)
	switch {
	case left < 0:
		fs.Add(finding.Error, AppealDeadlinePassed, "", in.text("appeal.passed.hint", source),
			"%s", in.text("appeal.passed", attempt, window, received, dueText, in.count(unit, -left, -left)))
	case left <= 1:
		key := "appeal.soon.one"
		if left == 0 {
			key = "appeal.soon.today"
		}
		fs.Add(finding.Warning, AppealDeadlineSoon, "", in.text("appeal.soon.hint", name, window, source),
			"%s", in.text(key, attempt, dueText, window, received))
	default:
		fs.Add(finding.Info, AppealDeadline, "", in.text("appeal.due.hint", source),
			"%s", in.text("appeal.due", attempt, dueText, window, received, in.count(unit, left, left)))
	}
	fs[len(fs)-1].Due = dueText
	return fs
}
