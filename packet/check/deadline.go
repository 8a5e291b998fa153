package check

import (
	"fmt"
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
		source = fmt.Sprintf(" (the rule: %s; confidence: %s)", rule.Source, cmpOr(rule.Confidence, "unknown"))
	}
	var fs finding.List
	if rule.Attempts > 0 && attempt > rule.Attempts {
		fs.Add(finding.Error, AppealAttemptsExceeded, "", "Check case.attempt: "+name+" gives no further appeal against this complaint"+source+"; ask the platform's support what remains open to you.",
			"case.attempt is %d, and %s allows %d appeal(s) against one complaint", attempt, name, rule.Attempts)
		return fs
	}
	if len(rule.Windows) == 0 || received.IsZero() || in.Today.IsZero() {
		return fs
	}
	w := rule.Windows[min(attempt, len(rule.Windows))-1]
	due := in.Holidays.Due(received.Time(), deadline.Window{BusinessDays: w.BusinessDays, CalendarDays: w.CalendarDays})
	today := in.Today
	unit, left := "calendar day(s)", int(due.Sub(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)).Hours()/24)
	if w.BusinessDays > 0 {
		unit, left = "business day(s)", in.Holidays.BusinessDaysBetween(today, due)
	}
	window := fmt.Sprintf("%d %s", w.BusinessDays+w.CalendarDays, unit)
	dueText := due.Format(time.DateOnly)
	switch {
	case left < 0:
		fs.Add(finding.Error, AppealDeadlinePassed, "", "If the complaint reached you later than case.received says, correct it; else ask the platform's support whether an appeal is still possible"+source+".",
			"appeal %d against this complaint had to be made within %s of %s, by %s; that was %d %s ago", attempt, window, received, dueText, -left, unit)
	case left <= 1:
		fs.Add(finding.Warning, AppealDeadlineSoon, "", "Submit the appeal now: "+name+" counts "+window+" for this appeal"+source+".",
			"appeal %d must be made by %s (%s from %s): %s", attempt, dueText, window, received, leftText(left))
	default:
		fs.Add(finding.Info, AppealDeadline, "", "Keep a margin: the platform's clock may run in its own time zone"+source+".",
			"appeal %d must be made by %s (%s from %s): %d %s left", attempt, dueText, window, received, left, unit)
	}
	fs[len(fs)-1].Due = dueText
	return fs
}

func leftText(left int) string {
	if left == 0 {
		return "today is the last day"
	}
	return "one business day is left"
}
