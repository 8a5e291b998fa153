//go:build race

package match

// raceDetector reports that the tests run under the race detector, which
// makes the benchmark many times slower: TestRates does not run then.
const raceDetector = true
