package deadline_test

import (
	"strings"
	"testing"
	"time"

	"appealpacket/packet/deadline"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDue(t *testing.T) {
	holidays, err := deadline.ReadHolidays(strings.NewReader("# China 2024\n2024-04-04 Qingming\n2024-04-05 Qingming\n\n"), "cn.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		cal      *deadline.Calendar
		received string
		w        deadline.Window
		want     string
	}{
		{"3 business days from a Wednesday", nil, "2024-03-20", deadline.Window{BusinessDays: 3}, "2024-03-25"},
		{"from a Friday", nil, "2024-03-22", deadline.Window{BusinessDays: 3}, "2024-03-27"},
		{"from a Saturday", nil, "2024-03-23", deadline.Window{BusinessDays: 1}, "2024-03-25"},
		{"over a holiday", holidays, "2024-04-03", deadline.Window{BusinessDays: 3}, "2024-04-10"},
		{"without the holiday list", nil, "2024-04-03", deadline.Window{BusinessDays: 3}, "2024-04-08"},
		{"27 business days", nil, "2024-03-20", deadline.Window{BusinessDays: 27}, "2024-04-26"},
		{"30 calendar days", nil, "2024-03-20", deadline.Window{CalendarDays: 30}, "2024-04-19"},
	} {
		if got := tc.cal.Due(d(tc.received), tc.w).Format(time.DateOnly); got != tc.want {
			t.Errorf("%s: due %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestBusinessDaysBetween(t *testing.T) {
	var c *deadline.Calendar
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2024-03-25", "2024-03-25", 0},
		{"2024-03-22", "2024-03-25", 1},
		{"2024-03-25", "2024-03-22", -1},
		{"2024-03-20", "2024-04-26", 27},
	} {
		if got := c.BusinessDaysBetween(d(tc.from), d(tc.to)); got != tc.want {
			t.Errorf("%s..%s: %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestReadHolidaysErrorsNameTheLine(t *testing.T) {
	_, err := deadline.ReadHolidays(strings.NewReader("2024-04-04\n04/05/2024 Qingming\n"), "cn.txt")
	if err == nil || !strings.Contains(err.Error(), "cn.txt:2:") {
		t.Errorf("error %v, want one at cn.txt:2", err)
	}
}

func FuzzReadHolidays(f *testing.F) {
	f.Add("2024-04-04 Qingming\n# comment\n")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := deadline.ReadHolidays(strings.NewReader(s), "f")
		if err == nil {
			c.Due(d("2024-03-20"), deadline.Window{BusinessDays: 5})
		}
	})
}
