// Package boundtest checks, in fuzz targets and tests of hostile input,
// that one call stays within a memory and a time bound.
package boundtest

import (
	"runtime/metrics"
	"testing"
	"time"
)

// Check runs fn and fails t if fn allocates more than maxAlloc bytes or
// runs longer than maxTime. A fuzz worker is its own process running one
// input at a time, so the process-wide counter measures fn (small
// allocations are counted lazily, large ones, those that matter here, at
// once).
func Check(t testing.TB, maxAlloc uint64, maxTime time.Duration, fn func()) {
	t.Helper()
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	before := sample[0].Value.Uint64()
	start := time.Now()
	fn()
	elapsed := time.Since(start)
	metrics.Read(sample)
	if alloc := sample[0].Value.Uint64() - before; alloc > maxAlloc {
		t.Fatalf("allocated %d bytes, bound %d", alloc, maxAlloc)
	}
	if elapsed > maxTime {
		t.Fatalf("took %v, bound %v", elapsed, maxTime)
	}
}
