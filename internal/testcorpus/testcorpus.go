// Package testcorpus locates the shared corpus of real camera files, phone
// pictures and PDFs that tests compare against (ExifTool's reading of every
// file is its expected.json).
//
// The corpus is not part of the repository: it is looked for in
// $APPEALPACKET_CORPUS, else in shared/corpus beside the module's folder.
// On a user's machine, where it is absent, tests that need it skip with a
// message; CI sets APPEALPACKET_REQUIRE_CORPUS=1, and they fail instead.
package testcorpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Find returns the corpus folder, or "" when it is not there.
func Find() string {
	if dir := os.Getenv("APPEALPACKET_CORPUS"); dir != "" {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(dir, "..", "shared", "corpus")
			if _, err := os.Stat(filepath.Join(c, "expected.json")); err == nil {
				return c
			}
			return ""
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// Required reports whether the environment asks for the corpus tests to
// run (APPEALPACKET_REQUIRE_CORPUS=1): a missing corpus is then a failure.
func Required() bool { return os.Getenv("APPEALPACKET_REQUIRE_CORPUS") == "1" }

// Dir returns the corpus folder, or skips the test (fails it when the
// corpus is required).
func Dir(t testing.TB) string {
	t.Helper()
	dir := Find()
	if dir == "" {
		msg := "the shared corpus of real camera files and PDFs was not found (set APPEALPACKET_CORPUS, or put it at ../shared/corpus beside the repository)"
		if Required() {
			t.Fatal(msg + "; APPEALPACKET_REQUIRE_CORPUS=1 requires it")
		}
		t.Skip(msg + "; skipping")
	}
	return dir
}

// Path returns the path of one corpus file, skipping (or failing) like Dir.
func Path(t testing.TB, name string) string {
	t.Helper()
	return filepath.Join(Dir(t), name)
}

// Pictures returns the names of the corpus's pictures (JPEG, HEIC, WebP,
// PNG), sorted, skipping (or failing) like Dir.
func Pictures(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".jpg", ".jpeg", ".heic", ".webp", ".png":
			names = append(names, e.Name())
		}
	}
	return names
}
