// Package deadline counts the days a seller has to appeal: business days
// (Monday to Friday, less the public holidays of a holiday list) or
// calendar days from the day the complaint was received.
//
// Day counting follows the platforms' wording "within N business days of
// the complaint": the day of the complaint does not count, the first
// business day after it is day 1, and the deadline is the end of day N.
package deadline

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// Calendar says which days are business days.
type Calendar struct {
	holidays map[string]string // YYYY-MM-DD -> name
}

// IsBusinessDay reports whether d is a weekday and not a holiday.
func (c *Calendar) IsBusinessDay(d time.Time) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if c == nil {
		return true
	}
	_, holiday := c.holidays[d.Format(time.DateOnly)]
	return !holiday
}

// AddBusinessDays returns the nth business day after start (n ≥ 0; 0 is
// start itself).
func (c *Calendar) AddBusinessDays(start time.Time, n int) time.Time {
	d := day(start)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.IsBusinessDay(d) {
			n--
		}
	}
	return d
}

// BusinessDaysBetween counts the business days after from up to and
// including to; negative when to is before from.
func (c *Calendar) BusinessDaysBetween(from, to time.Time) int {
	from, to = day(from), day(to)
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if c.IsBusinessDay(d) {
			n++
		}
	}
	return sign * n
}

func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// maxHolidays bounds a holiday list.
const maxHolidays = 10000

// ReadHolidays reads a holiday list: one date (YYYY-MM-DD) a line,
// optionally followed by its name; blank lines and lines starting with #
// are ignored. Errors name the line.
func ReadHolidays(r io.Reader, name string) (*Calendar, error) {
	c := &Calendar{holidays: map[string]string{}}
	sc := bufio.NewScanner(io.LimitReader(r, 4<<20))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		date, label, _ := strings.Cut(text, " ")
		d, err := time.Parse(time.DateOnly, date)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %q is not a date (want YYYY-MM-DD, then the holiday's name)", name, line, date)
		}
		if len(c.holidays) >= maxHolidays {
			return nil, fmt.Errorf("%s:%d: more than %d holidays", name, line, maxHolidays)
		}
		c.holidays[d.Format(time.DateOnly)] = strings.TrimSpace(label)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// Window is how long one attempt may take: business or calendar days from
// the day the complaint was received.
type Window struct {
	BusinessDays int
	CalendarDays int
}

// Due returns the last day of the window for a complaint received on
// received.
func (c *Calendar) Due(received time.Time, w Window) time.Time {
	if w.BusinessDays > 0 {
		return c.AddBusinessDays(received, w.BusinessDays)
	}
	return day(received).AddDate(0, 0, w.CalendarDays)
}
