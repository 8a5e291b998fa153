package testlevel

import (
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestExclusive: callers take turns, the lock is gone afterwards, and a
// lock left by a killed binary (older than two minutes) is taken over.
func TestExclusive(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	lock := SharedDir("work") + ".lock"

	var inside, overlaps, runs atomic.Int32
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := Exclusive("work", func() error {
				if inside.Add(1) > 1 {
					overlaps.Add(1)
				}
				time.Sleep(20 * time.Millisecond)
				inside.Add(-1)
				runs.Add(1)
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if runs.Load() != 4 || overlaps.Load() != 0 {
		t.Errorf("%d runs, %d of them overlapping; want 4 taking turns", runs.Load(), overlaps.Load())
	}
	if _, err := os.Stat(lock); !os.IsNotExist(err) {
		t.Errorf("lock left behind: %v", err)
	}

	// A stale lock.
	if err := os.WriteFile(lock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-3 * time.Minute)
	if err := os.Chtimes(lock, old, old); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- Exclusive("work", func() error { return nil }) }()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a stale lock was not taken over")
	}
}

// TestSkipExternalIfShort: under -short a test that asks an external
// program skips, unless the readers are required (CI); without -short it
// always runs. The test runs in both modes: go test -short and go test.
func TestSkipExternalIfShort(t *testing.T) {
	for _, required := range []string{"", "0", "1"} {
		t.Run("required="+required, func(t *testing.T) {
			t.Setenv(RequireToolsEnv, required)
			ran := false
			t.Run("asks qpdf", func(t *testing.T) {
				SkipExternalIfShort(t, "qpdf")
				ran = true
			})
			want := !testing.Short() || required == "1"
			if ran != want {
				t.Errorf("short=%v, %s=%q: ran = %v, want %v", testing.Short(), RequireToolsEnv, required, ran, want)
			}
		})
	}
}
