package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/rogpeppe/go-internal/testscript"

	"appealpacket/internal/fixture"
	"appealpacket/internal/fixture/paper"
	"appealpacket/internal/fixture/sealed"
	"appealpacket/internal/i18n"
	"appealpacket/internal/testlevel"
	"appealpacket/packet/integrity"
	"appealpacket/packet/pdfsrc"
	"appealpacket/packet/render/raster"
)

func TestMain(m *testing.M) {
	// Keep the tests' cache out of the user's cache folder (one fixed
	// folder, so runs do not pile up temporary folders). A script's command
	// runs this binary again with the cache TestScripts shares between
	// scripts already set ($TMPDIR is then the script's own): keep it.
	if os.Getenv("APPEALPACKET_CACHE_DIR") == "" {
		os.Setenv("APPEALPACKET_CACHE_DIR", filepath.Join(os.TempDir(), "appealpacket-test-cache"))
	}
	testscript.Main(m, map[string]func(){
		// appealpacket runs as main does, with its garbage collector settings.
		"appealpacket": func() {
			tuneRuntime()
			os.Exit(run(os.Args, os.Stdout, os.Stderr, i18n.FromEnv(os.Getenv)))
		},
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
		// appealpacket-craft KIND FILE writes a hostile packet (see craft).
		"appealpacket-craft": func() {
			if err := craft(os.Args[1], os.Args[2]); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
		// appealpacket-waitfile FILE waits (a minute at most) until FILE exists.
		"appealpacket-waitfile": func() {
			for range 600 {
				if _, err := os.Stat(os.Args[1]); err == nil {
					os.Exit(0)
				}
				time.Sleep(100 * time.Millisecond)
			}
			fmt.Fprintln(os.Stderr, os.Args[1], "did not appear within a minute")
			os.Exit(1)
		},
		// appealpacket-derive SRC DST writes a copy of the camera JPEG SRC at
		// half size that keeps its EXIF, as a seller's editing tools save it.
		"appealpacket-derive": func() {
			b, err := os.ReadFile(os.Args[1])
			if err == nil {
				b, err = fixture.Derive(b, fixture.Resized, 90)
			}
			if err == nil {
				err = os.WriteFile(os.Args[2], b, 0o644)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
		// appealpacket-scan FILE LINE... writes the lines of text as a scan:
		// a picture of an A4 page (FILE.png or FILE.jpg) or a PDF of such
		// a picture without a text layer (FILE.pdf), as a scanner makes.
		"appealpacket-scan": func() {
			if err := scan(os.Args[1], os.Args[2:]); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
		// appealpacket-paper FILE.pdf LINE... writes the lines of text as a
		// PDF with a text layer, as a mail printed to PDF.
		"appealpacket-paper": func() {
			b, err := paper.PDF(os.Args[2:])
			if err == nil {
				err = os.WriteFile(os.Args[1], b, 0o644)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
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
	// One cache folder for every script of this run: each demo photo is
	// read once, not once per script (the cache is keyed by content, and
	// progress.txt builds with --no-cache).
	scriptCache := t.TempDir()
	// PDFium's compiled code, shared by every script and run, in the
	// tests' folder for it when that folder can be used (else each
	// process compiles it). The scripts that draw pages do not run in
	// -short; else the code is made ready here, by one test binary at a
	// time (package packet's and raster's tests share the folder).
	pdfiumDir := testlevel.SharedDir("pdfium")
	if e, err := raster.NewDiskEngine(pdfiumDir); err != nil {
		t.Logf("PDFium compiled by each process: %v", err)
		pdfiumDir = ""
	} else {
		if !testing.Short() {
			if err := testlevel.Exclusive("pdfium", func() error { return e.Prepare(context.Background()) }); err != nil {
				t.Logf("PDFium compiled by the first script that draws: %v", err)
			}
		}
		e.Close(context.Background())
	}
	// One test PKI for every script (only sign.txt uses it): its RSA keys
	// take longer to make than most scripts take to run.
	pki := filepath.Join(t.TempDir(), "pki")
	if err := writeTestPKI(t, pki); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1711324800") // 2024-03-25
			env.Setenv("APPEALPACKET_CACHE_DIR", scriptCache)
			if pdfiumDir != "" {
				env.Setenv("APPEALPACKET_PDFIUM_CACHE", pdfiumDir)
			}
			if err := fixture.CopyTree(pki, filepath.Join(env.WorkDir, "pki")); err != nil {
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
		{[]string{"check", "--format", "xml", "../../testdata/demo"}, 2, `--format "xml": want text, json or html`},
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
			got := run(append([]string{"appealpacket"}, tt.args...), &stdout, &stderr, i18n.English)
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
	app := newApp(nil, nil, i18n.English)
	tests := []struct{ in, want string }{
		{"ap build testdata/demo -o out/", "ap build -o out/ -- testdata/demo"},
		{"ap --quiet build -o out dir --force", "ap --quiet build -o out --force -- dir"},
		{"ap build --out=out dir", "ap build --out=out -- dir"},
		{"ap build --force -q dir -o x --verbose", "ap -q --verbose build --force -o x -- dir"},
		{"ap build dir -- -weird", "ap build -- dir -weird"},
		{"ap inspect --json a b", "ap inspect --json -- a b"},
		{"ap help build", "ap help build"},
		{"ap check dir --lang zh", "ap --lang zh check -- dir"},
		{"ap --lang zh check dir", "ap --lang zh check -- dir"},
		{"ap build --lang=zh dir -o out", "ap --lang=zh build -o out -- dir"},
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
	if code := run([]string{"appealpacket", "check", "--format", "json", "--no-cache", dir}, &stdout, &stderr, i18n.English); code != 1 {
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

// TestTerminalOutputIsEscaped: text from files (names, EXIF strings) and
// manifests never reaches the terminal with its control or bidirectional
// characters.
func TestTerminalOutputIsEscaped(t *testing.T) {
	dir := t.TempDir()
	meta := &fixture.EXIF{Make: "Canon\x1b[2J", Model: "EOS\u202e09", Taken: "2023:10:14 10:00:00", Orientation: 1, NoGPS: true}
	b, err := fixture.JPEG(fixture.Gradient(64, 48), 80, meta)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "photo\u202eexe.jpg")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if got := run([]string{"appealpacket", "inspect", dir}, &stdout, &stderr, i18n.English); got != 0 {
		t.Fatalf("inspect: exit %d: %s", got, stderr.String())
	}
	out := stdout.String()
	for _, raw := range []string{"\x1b", "\u202e"} {
		if strings.Contains(out, raw) {
			t.Errorf("inspect printed a raw %q:\n%q", raw, out)
		}
	}
	for _, want := range []string{`photo\u202eexe.jpg`, `Canon\x1b[2J`, `EOS\u202e09`} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect output lacks %s:\n%s", want, out)
		}
	}
	stdout.Reset()
	if got := run([]string{"appealpacket", "inspect", "--json", name}, &stdout, &stderr, i18n.English); got != 0 {
		t.Fatalf("inspect --json: exit %d", got)
	}
	var entries []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &entries); err != nil || len(entries) != 1 || entries[0]["Make"] != meta.Make {
		t.Errorf("inspect --json does not round-trip (%v): %s", err, stdout.String())
	}
}

// craft writes a sealed packet whose manifest is hostile in one way:
// dotdot and etcpasswd name files outside the case folder, partdotdot a
// part outside the packet's folder, parts10000 lists 10,000 parts, huge
// is a manifest over the size limit, linkout lists "passwd" (which the
// script makes a link to /etc/passwd).
func craft(kind, file string) error {
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	m := &integrity.Manifest{Format: 1, Tool: "appealpacket 0.1.0", Case: "IPP-EVIL",
		Packet: integrity.Packet{File: "evil.pdf", Part: 1, Parts: []string{"evil.pdf"}},
		Files:  []integrity.File{{Path: "originals/IMG_0412.JPG", Role: "photo", Size: 1, SHA256: sum("x")}}}
	switch kind {
	case "dotdot":
		m.Files[0].Path = "../../../../dev/zero"
	case "etcpasswd":
		m.Files[0].Path = "/etc/passwd"
	case "partdotdot":
		m.Packet.Parts = append(m.Packet.Parts, "../../../../dev/zero")
	case "parts10000":
		m.Packet.Parts = make([]string, 10_000)
		for i := range m.Packet.Parts {
			m.Packet.Parts[i] = fmt.Sprintf("evil-part%d-of-10000.pdf", i+1)
		}
	case "huge":
		m.Tool = strings.Repeat("x", integrity.MaxManifestSize)
	case "linkout":
		m.Files[0].Path = "passwd"
	default:
		return fmt.Errorf("craft: unknown kind %q", kind)
	}
	b, err := sealed.Manifest(m)
	if err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o644)
}

// TestVerifyExitStatus: 0 nothing differs (extra files are information),
// 1 something differs, 2 the packet cannot be read or is hostile.
func TestVerifyExitStatus(t *testing.T) {
	testlevel.SkipIfShort(t, "builds and verifies packets")
	dir := t.TempDir()
	caseDir := filepath.Join(dir, "case")
	if err := fixture.CopyTree("../../testdata/demo", caseDir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"appealpacket", "build", "--no-cache", "--date", "2024-03-25", caseDir, "-o", out}, &stdout, &stderr, i18n.English); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	pkt := filepath.Join(out, "IPP-2024-0001234-packet.pdf")
	intact, err := os.ReadFile(pkt)
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Clone(intact)
	changed[len(changed)/2] ^= 1
	os.WriteFile(filepath.Join(out, "appeal-final.pdf"), changed, 0o644)
	os.WriteFile(filepath.Join(dir, "IPP-2024-0001234-packet (1).pdf"), intact, 0o644)
	os.WriteFile(filepath.Join(caseDir, "notes.txt"), []byte("left out on purpose"), 0o644)
	for _, kind := range []string{"dotdot", "etcpasswd", "partdotdot", "parts10000", "huge"} {
		if err := craft(kind, filepath.Join(dir, kind+".pdf")); err != nil {
			t.Fatal(err)
		}
	}
	testRuns(t, []runCase{
		{[]string{"verify", pkt, caseDir}, 0, ""},
		{[]string{"verify", filepath.Join(dir, "IPP-2024-0001234-packet (1).pdf"), caseDir}, 0, ""},
		{[]string{"verify", "--strict", pkt, caseDir}, 1, "the packet and the files differ"},
		{[]string{"verify", filepath.Join(out, "appeal-final.pdf")}, 1, "the packet and the files differ"},
		{[]string{"verify", filepath.Join(dir, "dotdot.pdf"), caseDir}, 2, `"../../../../dev/zero" is not a plain path inside the case folder`},
		{[]string{"verify", filepath.Join(dir, "etcpasswd.pdf"), caseDir}, 2, `"/etc/passwd" is not a plain path inside the case folder`},
		{[]string{"verify", filepath.Join(dir, "partdotdot.pdf")}, 2, "is not a plain file name"},
		{[]string{"verify", filepath.Join(dir, "parts10000.pdf")}, 2, "packet.parts lists 10000 parts"},
		{[]string{"verify", filepath.Join(dir, "huge.pdf")}, 2, "over the 16777216-byte limit"},
		{[]string{"verify", filepath.Join(caseDir, "other", "invoice-HX20230917.pdf")}, 2, "has no appealpacket-manifest.json"},
		{[]string{"verify", "--max-size", "lots", pkt}, 2, `--max-size "lots"`},
		{[]string{"verify"}, 2, "verify needs a packet file"},
	})
}

// TestPDFPassword: a PDF protected by a user password is opened with
// --pdf-password by check, build and batch alike; none, or a wrong one,
// is named as such.
func TestPDFPassword(t *testing.T) {
	testlevel.SkipIfShort(t, "builds and checks a case with a locked PDF seven ways")
	dir := t.TempDir()
	caseDir := filepath.Join(dir, "case")
	if err := fixture.CopyTree("../../testdata/demo", caseDir); err != nil {
		t.Fatal(err)
	}
	invoice := filepath.Join(caseDir, "other", "invoice-HX20230917.pdf")
	plain, err := os.ReadFile(invoice)
	if err != nil {
		t.Fatal(err)
	}
	pdfsrc.Config() // pdfcpu writes no ~/.config/pdfcpu: the one switch, which pdfsrc owns
	var locked bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(plain), &locked, model.NewAESConfiguration("secret", "owner-secret", 256)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(invoice, locked.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	none := "other/invoice-HX20230917.pdf is protected by a password: give it with --pdf-password"
	wrong := "the one given with --pdf-password does not open it"
	for _, tt := range []struct {
		args   []string
		status int
		want   string // in stdout or stderr; "" for none
	}{
		{[]string{"check", caseDir}, 1, none},
		{[]string{"check", "--pdf-password", "guess", caseDir}, 1, wrong},
		{[]string{"check", "--pdf-password", "secret", caseDir}, 0, ""},
		{[]string{"build", caseDir, "-o", filepath.Join(dir, "out")}, 1, none},
		{[]string{"build", "--pdf-password", "guess", caseDir, "-o", filepath.Join(dir, "out")}, 1, wrong},
		{[]string{"build", "--pdf-password", "secret", caseDir, "-o", filepath.Join(dir, "out")}, 0, ""},
		{[]string{"batch", "--pdf-password", "guess", caseDir, "-o", filepath.Join(dir, "batch1")}, 1, "NOT READY"},
		{[]string{"batch", "--pdf-password", "secret", caseDir, "-o", filepath.Join(dir, "batch2")}, 0, "1 case: 1 built"},
	} {
		name := tt.args[0] // the command and its password
		if tt.args[1] == "--pdf-password" {
			name += " " + tt.args[2]
		}
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			got := run(append([]string{"appealpacket"}, tt.args...), &stdout, &stderr, i18n.English)
			out := stdout.String() + stderr.String()
			if got != tt.status || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d, want %d and %q in\n%s", got, tt.status, tt.want, out)
			}
		})
	}
}

// scan writes lines of text as a scanned paper: a PNG or JPEG picture of
// the page at 150 dpi, or an image-only PDF of it, by FILE's extension.
func scan(file string, lines []string) error {
	page, err := paper.Image(lines, 150)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch strings.ToLower(filepath.Ext(file)) {
	case ".png":
		err = png.Encode(&buf, page)
	case ".jpg", ".jpeg":
		err = jpeg.Encode(&buf, page, &jpeg.Options{Quality: 85})
	case ".pdf":
		var b []byte
		b, err = paper.Scan(page)
		buf.Write(b)
	default:
		return fmt.Errorf("%s: want .png, .jpg or .pdf", file)
	}
	if err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}
