package main

import (
	"appealpacket/internal/fixture"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// Keep the tests' cache out of the user's cache folder (one fixed
	// folder, so runs do not pile up temporary folders).
	os.Setenv("APPEALPACKET_CACHE_DIR", filepath.Join(os.TempDir(), "appealpacket-test-cache"))
	testscript.Main(m, map[string]func(){
		"appealpacket": func() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) },
		// appealpacket-flip FILE changes one byte in the middle of FILE.
		"appealpacket-flip": func() {
			b, err := os.ReadFile(os.Args[1])
			if err != nil || len(b) == 0 {
				os.Exit(1)
			}
			b[len(b)/2] ^= 0x01
			if os.WriteFile(os.Args[1], b, 0o644) != nil {
				os.Exit(1)
			}
		},
		// appealpacket-append FILE appends a line, as a viewer's incremental save does.
		"appealpacket-append": func() {
			f, err := os.OpenFile(os.Args[1], os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				os.Exit(1)
			}
			f.WriteString("\n%% edited\n")
			f.Close()
		},
	})
}

// TestScripts runs the CLI scripts in testdata/script. Each starts with a
// copy of the demo case in $WORK/demo. SOURCE_DATE_EPOCH is fixed so that
// builds are reproducible.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1711324800") // 2024-03-25
			env.Setenv("APPEALPACKET_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
			if err := writeTestPKI(t, filepath.Join(env.WorkDir, "pki")); err != nil {
				return err
			}
			return fixture.CopyTree("../../testdata/demo", filepath.Join(env.WorkDir, "demo"))
		},
	})
}

// TestExitStatus checks the exit statuses scripts rely on.
func TestExitStatus(t *testing.T) {
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "case.yaml"), []byte("version: 1\ncase: {id: X}\nseler: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	notReady := t.TempDir()
	if err := fixture.CopyTree("../../testdata/demo", notReady); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(notReady, "listing", "main.jpg")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	tests := []runCase{
		{[]string{"version"}, 0, ""},
		{[]string{"check", "../../testdata/demo"}, 0, ""},
		{[]string{"check", notReady}, 1, ""},
		{[]string{"check", bad}, 2, `case.yaml:3:1: top level: unknown field "seler" (did you mean "seller"?)`},
		{[]string{"check", t.TempDir()}, 2, "no case.yaml in"},
		{[]string{"check"}, 2, "check needs one case folder"},
		{[]string{"check", "--format", "xml", "../../testdata/demo"}, 2, `--format "xml": want text or json`},
		{[]string{"build", notReady, "-o", out}, 1, "FILE_MISSING"},
		{[]string{"build", "--date", "25/03/2024", "../../testdata/demo", "-o", out}, 2, "--date"},
		{[]string{"inspect", "does-not-exist.jpg"}, 2, "does-not-exist.jpg"},
		{[]string{"nonsense"}, 2, ""},
	}
	testRuns(t, tests)
}

// runCase is a command line, the exit status it must give and a part of
// what it must print on stderr.
type runCase struct {
	args   []string
	status int
	stderr string
}

// testRuns runs each command line in-process and checks its outcome.
func testRuns(t *testing.T, tests []runCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			got := run(append([]string{"appealpacket"}, tt.args...), &stdout, &stderr)
			if got != tt.status {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", got, tt.status, stdout.String(), stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
		})
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	app := newApp(nil, nil)
	tests := []struct{ in, want string }{
		{"ap build testdata/demo -o out/", "ap build -o out/ -- testdata/demo"},
		{"ap --quiet build -o out dir --force", "ap --quiet build -o out --force -- dir"},
		{"ap build --out=out dir", "ap build --out=out -- dir"},
		{"ap build dir -- -weird", "ap build -- dir -weird"},
		{"ap inspect --json a b", "ap inspect --json -- a b"},
		{"ap help build", "ap help build"},
	}
	for _, tt := range tests {
		if got := strings.Join(flagsFirst(app, strings.Fields(tt.in)), " "); got != tt.want {
			t.Errorf("flagsFirst(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCheckJSONShape decodes `check --format json` and checks the shape the
// README promises: {"case", "ready", "findings": [{"code", "severity",
// "exhibit", "message", "hint"}]}.
func TestCheckJSONShape(t *testing.T) {
	dir := t.TempDir()
	if err := fixture.CopyTree("../../testdata/demo", dir); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "listing", "main.jpg"))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"appealpacket", "check", "--format", "json", "--no-cache", dir}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var rep map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep["case"] != "IPP-2024-0001234" || rep["ready"] != false {
		t.Errorf("case %v ready %v", rep["case"], rep["ready"])
	}
	fs, ok := rep["findings"].([]any)
	if !ok || len(fs) == 0 {
		t.Fatalf("findings: %v", rep["findings"])
	}
	for _, f := range fs {
		m := f.(map[string]any)
		for _, k := range []string{"code", "severity", "exhibit", "message", "hint"} {
			if _, ok := m[k].(string); !ok {
				t.Errorf("finding %v lacks the string %q", m, k)
			}
		}
		if s := m["severity"]; s != "error" && s != "warning" && s != "info" {
			t.Errorf("severity %v", s)
		}
	}
}
