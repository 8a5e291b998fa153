//go:build race

package packet_test

// raceDetector reports whether the tests were built with -race, under
// which memory use is several times what a user's build takes (the race
// detector keeps shadow memory), so memory bounds are logged, not held.
const raceDetector = true
