// Package testlevel tells a test how much to do. The suite has three levels:
//
//	go test -short ./...                     a quick pass: unit tests and a few builds, no external readers
//	go test ./...                            the default: every behaviour, end to end
//	APPEALPACKET_LONG_TESTS=1 go test ./...  also the sweeps and measurements (CI)
//
// A sweep (every truncation of a JPEG, every scan resolution, every corpus
// file drawn) or a measurement with a threshold (matching rates, peak
// memory of a build in a child process) takes tens of seconds and guards
// against a regression that the default tests' smaller samples would show
// less surely; CI runs them on every change (.ci/run sets the variable).
//
// It also names the folders tests share between runs for work that does
// not change what they test (PDFium's compiled code).
package testlevel

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// LongEnv is the environment variable that asks for the long tests.
const LongEnv = "APPEALPACKET_LONG_TESTS"

// Long reports whether the long tests are asked for.
func Long() bool { return envOn(LongEnv) }

// envOn reports whether the environment variable name is set, and not to 0.
func envOn(name string) bool {
	v := os.Getenv(name)
	return v != "" && v != "0"
}

// SkipUnlessLong skips t unless the long tests are asked for; what says
// what the test does that makes it long.
func SkipUnlessLong(t testing.TB, what string) {
	t.Helper()
	if !Long() {
		t.Skipf("%s: runs with %s=1 (CI sets it)", what, LongEnv)
	}
}

// SkipIfShort skips t under -short, which keeps to unit tests and a few
// end-to-end builds; what says what the test does that makes it slow (a
// build of its own, an external program, a large picture).
func SkipIfShort(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("%s: not in -short (go test ./... runs it)", what)
	}
}

// RequireToolsEnv is the environment variable that says the external
// readers are installed (CI sets it): a test that cannot find one fails
// instead of skipping, and -short does not skip them either.
const RequireToolsEnv = "APPEALPACKET_REQUIRE_TOOLS"

// ToolsRequired reports whether the external readers are required.
func ToolsRequired() bool { return envOn(RequireToolsEnv) }

// SkipExternalIfShort skips t under -short when it is about to ask an
// external program (qpdf, poppler, LibreOffice, Tesseract, OpenSSL,
// ExifTool) for its reading: -short keeps to what runs in this process, and
// go test ./... asks them all. Where the readers are required (CI) they
// run under -short as well, so the race detector's pass still covers the
// code around them.
func SkipExternalIfShort(t testing.TB, program string) {
	t.Helper()
	if testing.Short() && !ToolsRequired() {
		t.Skipf("asks %s for a second opinion: not in -short (go test ./... runs it)", program)
	}
}

// SharedDir is a folder of this user's under the system's temporary folder
// that tests keep between runs, named for what it holds. It is not created.
func SharedDir(name string) string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("appealpacket-test-%s-%d", name, os.Getuid()))
}

// Exclusive runs fn while it holds a lock that the test binaries of this
// user share, a file beside SharedDir(name). go test runs several
// packages' tests at once: work that fills a shared folder (compiling
// PDFium into it) is then done by the first binary, and the others wait
// and find it done instead of all doing it at the same time. A lock older
// than two minutes was left by a killed test binary and is taken over; an
// error creating the lock runs fn without it.
func Exclusive(name string, fn func() error) error {
	lock := SharedDir(name) + ".lock"
	for {
		f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			f.Close()
			defer os.Remove(lock)
			return fn()
		}
		if !errors.Is(err, fs.ErrExist) {
			return fn()
		}
		if st, err := os.Stat(lock); err == nil && time.Since(st.ModTime()) > 2*time.Minute {
			os.Remove(lock)
			continue
		}
		time.Sleep(50 * time.Millisecond)
	}
}
