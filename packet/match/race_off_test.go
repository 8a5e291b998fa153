//go:build !race

package match

// raceDetector reports that the tests run under the race detector.
const raceDetector = false
