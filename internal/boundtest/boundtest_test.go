package boundtest

import (
	"testing"
	"time"
)

// recorder notes a failure instead of stopping the test.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = format
}

var sink []byte

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func()
		fail bool
	}{
		{"within", func() { sink = make([]byte, 1<<10) }, false},
		{"allocates too much", func() { sink = make([]byte, 8<<20) }, true},
		{"too slow", func() { time.Sleep(30 * time.Millisecond) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Check(r, 1<<20, 20*time.Millisecond, tc.fn)
			if (r.failed != "") != tc.fail {
				t.Errorf("failed %q, want failure %v", r.failed, tc.fail)
			}
		})
	}
}
