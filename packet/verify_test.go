package packet_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/fixture/sealed"
	"appealpacket/internal/i18n"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
	"appealpacket/packet/integrity"
)

// verifyOutcome is what a verify run in a helper process reports.
type verifyOutcome struct {
	Report *packet.VerifyReport
	Err    string
	Peak   int64 // peak resident memory of the process, bytes
}

// TestVerifyHelperProcess is not a test: run by runVerify in a child
// process, it verifies the packet and case folder the environment names
// and prints the outcome as JSON.
func TestVerifyHelperProcess(t *testing.T) {
	args := os.Getenv("APPEALPACKET_VERIFY_HELPER")
	if args == "" {
		t.Skip("helper process for TestVerifyHostile")
	}
	var a []string
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		t.Fatal(err)
	}
	var out verifyOutcome
	rep, err := packet.Verify(a[0], a[1], packet.VerifyOptions{})
	out.Report = rep
	if err != nil {
		out.Err = err.Error()
	}
	out.Peak = peakRSS()
	b, _ := json.Marshal(out)
	fmt.Printf("\nVERIFY-RESULT %s\n", b)
}

// runVerify verifies in a child process, so that its time and peak
// memory can be measured (the child's peak resident memory, which it
// reports itself; 0 where the system has none).
func runVerify(t *testing.T, pkt, caseDir string) (verifyOutcome, time.Duration, int64) {
	t.Helper()
	args, _ := json.Marshal([]string{pkt, caseDir})
	cmd := exec.Command(os.Args[0], "-test.run=^TestVerifyHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "APPEALPACKET_VERIFY_HELPER="+string(args), "GOMAXPROCS=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("helper: %v\n%s%s", err, stdout.String(), stderr.String())
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		<-done
		t.Fatalf("verify still running after 2 minutes")
	}
	elapsed := time.Since(start)
	_, line, ok := strings.Cut(stdout.String(), "VERIFY-RESULT ")
	if !ok {
		t.Fatalf("no result from the helper:\n%s%s", stdout.String(), stderr.String())
	}
	line, _, _ = strings.Cut(line, "\n")
	var out verifyOutcome
	if err := json.Unmarshal([]byte(line), &out); err != nil {
		t.Fatal(err)
	}
	return out, elapsed, out.Peak
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// evilManifest is a one-part packet of case IPP-EVIL listing one file.
func evilManifest() *integrity.Manifest {
	return &integrity.Manifest{Format: 1, Tool: "appealpacket 0.1.0", Case: "IPP-EVIL",
		Packet: integrity.Packet{File: "evil.pdf", Part: 1, Parts: []string{"evil.pdf"}},
		Files:  []integrity.File{{Path: "originals/IMG_0412.JPG", Role: "photo", Size: 1, SHA256: sha256Hex([]byte("x"))}}}
}

func writeEvil(t *testing.T, dir string, edit func(m *integrity.Manifest)) string {
	t.Helper()
	m := evilManifest()
	edit(m)
	b, err := sealed.Manifest(m)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "evil.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestVerifyHostile: a received packet is untrusted input. Each case is
// verified in a child process, whose time and peak memory are bounded.
func TestVerifyHostile(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds and verifies hostile packets")
	built := buildDemo(t)
	intact, err := os.ReadFile(built.PDF)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		// setup returns the packet to verify and the case folder ("" for
		// none), both in the folder it is given.
		setup func(t *testing.T, dir string) (string, string)
		// check judges the outcome; err is "" when Verify returned a report.
		check func(t *testing.T, rep *packet.VerifyReport, err string)
	}{
		{"manifest naming ../x", func(t *testing.T, dir string) (string, string) {
			return writeEvil(t, dir, func(m *integrity.Manifest) { m.Files[0].Path = "../x" }), caseCopy(t, dir)
		}, wantError(`files[0].path: "../x" is not a plain path inside the case folder`)},
		{"manifest naming /etc/passwd", func(t *testing.T, dir string) (string, string) {
			return writeEvil(t, dir, func(m *integrity.Manifest) { m.Files[0].Path = "/etc/passwd" }), caseCopy(t, dir)
		}, wantError(`files[0].path: "/etc/passwd" is not a plain path`)},
		{"manifest naming ../../../../dev/zero", func(t *testing.T, dir string) (string, string) {
			return writeEvil(t, dir, func(m *integrity.Manifest) { m.Files[0].Path = "../../../../dev/zero" }), caseCopy(t, dir)
		}, wantError(`"../../../../dev/zero" is not a plain path`)},
		{"part naming ../../../../dev/zero", func(t *testing.T, dir string) (string, string) {
			return writeEvil(t, dir, func(m *integrity.Manifest) {
				m.Packet.Parts = append(m.Packet.Parts, "../../../../dev/zero")
			}), ""
		}, wantError(`packet.parts[1]: "../../../../dev/zero" is not a plain file name`)},
		{"symlink out of the case folder", func(t *testing.T, dir string) (string, string) {
			c := caseCopy(t, dir)
			symlink(t, "/etc/passwd", filepath.Join(c, "passwd"))
			return writeEvil(t, dir, func(m *integrity.Manifest) { m.Files[0].Path = "passwd" }), c
		}, wantFile("passwd", packet.StatusUnreadable, "link that leads outside the folder")},
		{"symlink to /dev/zero", func(t *testing.T, dir string) (string, string) {
			c := caseCopy(t, dir)
			symlink(t, "/dev/zero", filepath.Join(c, "zero"))
			return writeEvil(t, dir, func(m *integrity.Manifest) { m.Files[0].Path = "zero"; m.Files[0].Size = 1 << 40 }), c
		}, wantFile("zero", packet.StatusUnreadable, "link that leads outside the folder")},
		{"FIFO in the case folder", func(t *testing.T, dir string) (string, string) {
			c := caseCopy(t, dir)
			mkfifo(t, filepath.Join(c, "pipe"))
			return writeEvil(t, dir, func(m *integrity.Manifest) { m.Files[0].Path = "pipe" }), c
		}, wantFile("pipe", packet.StatusUnreadable, "not a regular file (a named pipe)")},
		{"packet is a FIFO", func(t *testing.T, dir string) (string, string) {
			p := filepath.Join(dir, "packet.pdf")
			mkfifo(t, p)
			return p, ""
		}, wantError("is not a regular file (a named pipe)")},
		{"packet is /dev/zero", func(t *testing.T, dir string) (string, string) {
			return "/dev/zero", ""
		}, wantError("is not a regular file (a device)")},
		{"huge manifest", func(t *testing.T, dir string) (string, string) {
			return writeEvil(t, dir, func(m *integrity.Manifest) { m.Tool = strings.Repeat("x", integrity.MaxManifestSize) }), ""
		}, wantError("over the 16777216-byte limit")},
		{"10,000 listed parts", func(t *testing.T, dir string) (string, string) {
			return writeEvil(t, dir, func(m *integrity.Manifest) {
				m.Packet.Parts = make([]string, 10_000)
				for i := range m.Packet.Parts {
					m.Packet.Parts[i] = fmt.Sprintf("evil-part%d-of-10000.pdf", i+1)
				}
			}), ""
		}, wantError("packet.parts lists 10000 parts; a packet has at most 999")},
		{"renamed modified copy beside the intact original", func(t *testing.T, dir string) (string, string) {
			write(t, filepath.Join(dir, filepath.Base(built.PDF)), intact)
			changed := bytes.Clone(intact)
			changed[len(changed)/2] ^= 1
			return write(t, filepath.Join(dir, "appeal-final.pdf"), changed), ""
		}, func(t *testing.T, rep *packet.VerifyReport, err string) {
			if err != "" || rep.OK() || len(rep.Parts) != 1 {
				t.Fatalf("err %q, report %+v; want one part, CHANGED", err, rep)
			}
			if p := rep.Parts[0]; p.Intact || !p.Given || filepath.Base(p.File) != "appeal-final.pdf" {
				t.Errorf("part %+v: the changed copy given must be the one checked", p)
			}
		}},
		{"intact copy renamed (1).pdf", func(t *testing.T, dir string) (string, string) {
			return write(t, filepath.Join(dir, "IPP-2024-0001234-packet (1).pdf"), intact), ""
		}, func(t *testing.T, rep *packet.VerifyReport, err string) {
			if err != "" || !rep.OK() || len(rep.Parts) != 1 || !rep.Parts[0].Intact {
				t.Fatalf("err %q, report %+v; want intact", err, rep)
			}
			if p := rep.Parts[0]; p.BuiltAs != "IPP-2024-0001234-packet.pdf" || !strings.HasSuffix(p.File, "(1).pdf") {
				t.Errorf("part %+v", p)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			pkt, caseDir := tt.setup(t, dir)
			out, elapsed, peak := runVerify(t, pkt, caseDir)
			tt.check(t, out.Report, out.Err)
			t.Logf("%v, peak RSS %d KB: %s", elapsed.Round(time.Millisecond), peak>>10, firstLine(out))
			// A child process starts in well under a second; a read of
			// /dev/zero or a wait on a pipe never ends.
			if elapsed > 30*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if peak > 80<<20 && !raceDetector { // about 27 MB for the process itself; the largest input is 17 MB
				t.Errorf("peak resident memory %d MB", peak>>20)
			}
		})
	}
}

func firstLine(o verifyOutcome) string {
	if o.Err != "" {
		return "error: " + o.Err
	}
	return fmt.Sprintf("ok=%v, %d parts, %d files", o.Report.OK(), len(o.Report.Parts), len(o.Report.Files))
}

func wantError(part string) func(t *testing.T, rep *packet.VerifyReport, err string) {
	return func(t *testing.T, rep *packet.VerifyReport, err string) {
		if !strings.Contains(err, part) {
			t.Errorf("error %q, report %+v; want an error containing %q", err, rep, part)
		}
	}
}

func wantFile(path, status, detail string) func(t *testing.T, rep *packet.VerifyReport, err string) {
	return func(t *testing.T, rep *packet.VerifyReport, err string) {
		if err != "" {
			t.Fatalf("error %q; want a report", err)
		}
		if rep.OK() {
			t.Error("report OK")
		}
		for _, f := range rep.Files {
			if f.Path == path {
				if f.Status != status || !strings.Contains(f.Detail, detail) {
					t.Errorf("%s: %s %q; want %s %q", path, f.Status, f.Detail, status, detail)
				}
				return
			}
		}
		t.Errorf("%s not in the report: %+v", path, rep.Files)
	}
}

// caseCopy is an empty case folder inside dir.
func caseCopy(t *testing.T, dir string) string {
	t.Helper()
	c := filepath.Join(dir, "case")
	if err := os.Mkdir(c, 0o755); err != nil {
		t.Fatal(err)
	}
	return c
}

func write(t *testing.T, name string, b []byte) string {
	t.Helper()
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
}

// TestVerifyCaseFolder: files the seller left out of the case are
// information unless Strict; the tool's own outputs in the case folder are
// never extra.
func TestVerifyCaseFolder(t *testing.T) {
	testlevel.SkipIfShort(t, "builds and verifies against changed case folders")
	t.Parallel()
	dir := copyDemo(t)
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: filepath.Join(dir, "out"), Date: demoDate})
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "left-out.txt"), []byte("not evidence"))
	for _, strict := range []bool{false, true} {
		rep, err := packet.Verify(res.PDF, dir, packet.VerifyOptions{Strict: strict})
		if err != nil {
			t.Fatal(err)
		}
		extra := rep.Extra()
		if len(extra) != 1 || extra[0].Path != "left-out.txt" {
			t.Errorf("strict=%v: extra %+v; want left-out.txt only", strict, extra)
		}
		if rep.OK() == strict {
			t.Errorf("strict=%v: OK() = %v", strict, rep.OK())
		}
		if len(rep.Outputs) != 2 {
			t.Errorf("outputs %v; want the packet and its index", rep.Outputs)
		}
	}
	// The details follow the report's language; the statuses do not.
	for _, tc := range []struct {
		lang         i18n.Lang
		extra, other string
	}{
		{i18n.English, "in the folder but not in the packet", "same size, different contents"},
		{i18n.Chinese, "在文件夹中，但不在材料包中", "大小相同，内容不同"},
	} {
		photo := filepath.Join(dir, "originals", "IMG_0415.JPG")
		data, err := os.ReadFile(photo)
		if err != nil {
			t.Fatal(err)
		}
		data[len(data)-3] ^= 1
		write(t, photo, data)
		rep, err := packet.Verify(res.PDF, dir, packet.VerifyOptions{Lang: tc.lang})
		if err != nil {
			t.Fatal(err)
		}
		details := map[string]string{}
		for _, f := range rep.Files {
			details[f.Path+" "+f.Status] = f.Detail
		}
		if got := details["left-out.txt "+packet.StatusExtra]; got != tc.extra {
			t.Errorf("%v: left-out.txt: %q, want %q", tc.lang, got, tc.extra)
		}
		if got := details["originals/IMG_0415.JPG "+packet.StatusChanged]; got != tc.other {
			t.Errorf("%v: changed photo: %q, want %q (%v)", tc.lang, got, tc.other, details)
		}
		data[len(data)-3] ^= 1
		write(t, photo, data)
	}
}

// TestVerifyFindsPartsByContents: the parts of a split packet are found
// whatever their names, and a part of another build is not one of them.
func TestVerifyFindsPartsByContents(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a split packet twice")
	}
	dir := copyDemo(t)
	out := t.TempDir()
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, Date: demoDate, MaxSize: 300_000})
	if err != nil {
		t.Fatal(err)
	}
	parts := res.Files[:len(res.Files)-1]
	if len(parts) < 3 {
		t.Fatalf("%d parts; want 3", len(parts))
	}
	// Browser download names and a name of the user's choice.
	if err := os.Rename(parts[1].Path, strings.TrimSuffix(parts[1].Path, ".pdf")+" (1).pdf"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(parts[2].Path, filepath.Join(out, "appeal.pdf")); err != nil {
		t.Fatal(err)
	}
	rep, err := packet.Verify(parts[0].Path, dir, packet.VerifyOptions{Strict: true})
	if err != nil || !rep.OK() {
		t.Fatalf("renamed parts: %v %+v", err, rep)
	}
	// Another build (another date, the day before: still inside the appeal window): its part 3, under the expected name,
	// is not a part of the first build's packet.
	other := t.TempDir()
	res2, err := buildCase(context.Background(), dir, packet.Options{OutDir: other, Date: demoDate.AddDate(0, 0, -1), MaxSize: 300_000})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(out, "appeal.pdf"))
	b, _ := os.ReadFile(res2.Files[2].Path)
	write(t, parts[2].Path, b)
	rep, err = packet.Verify(parts[0].Path, "", packet.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || rep.Parts[2].File != "" || !strings.Contains(rep.Parts[2].Note, "missing") {
		t.Errorf("part 3 of another build taken for this one's: %+v", rep.Parts[2])
	}
}

// TestVerifyAttachedOriginals: the originals embedded by either finisher
// (byte-level for photos only, pdfcpu when PDF pages are stamped) are
// found and checked; one changed in the packet is named.
func TestVerifyAttachedOriginals(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds and verifies with originals attached")
	dir := caseFiles(t, baseCase+"photos: [{path: a.jpg, listing: L1}, {path: b.jpg, listing: L1}]\n",
		map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00")), "b.jpg": photo(t, 1, camera("2023:10:14 11:00:00"))})
	for _, c := range []struct{ name, dir string }{{"photos only", dir}, {"with PDF pages", demo}} {
		t.Run(c.name, func(t *testing.T) {
			res, err := buildCase(context.Background(), c.dir, packet.Options{OutDir: t.TempDir(), Date: demoDate, AttachOriginals: true, Force: true})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := packet.Verify(res.PDF, c.dir, packet.VerifyOptions{Strict: true})
			if err != nil || !rep.OK() || len(rep.Attachments) == 0 {
				t.Fatalf("verify: %v, %+v", err, rep)
			}
			// Change one byte inside the first embedded original (and in
			// the page showing it, if it is shown as it is) and seal again
			// (anyone can): the packet is intact, the copy is not.
			data, _ := os.ReadFile(res.PDF)
			first, _ := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(rep.Attachments[0].Path)))
			if bytes.Count(data, first) == 0 {
				t.Fatal("the original is not embedded as it is")
			}
			for at := 0; ; at += len(first) {
				i := bytes.Index(data[at:], first)
				if i < 0 {
					break
				}
				at += i
				data[at+len(first)/2] ^= 1
			}
			m, ok := integrity.Embedded(data)
			if !ok {
				t.Fatal("no manifest")
			}
			seal := bytes.Index(data, []byte(m.Packet.SHA256))
			copy(data[seal:], integrity.PendingID)
			if data, err = integrity.Seal(data); err != nil {
				t.Fatal(err)
			}
			write(t, res.PDF, data)
			rep, err = packet.Verify(res.PDF, c.dir, packet.VerifyOptions{})
			if err != nil || rep.OK() || !rep.Parts[0].Intact || rep.Attachments[0].Status != packet.StatusMissing {
				t.Fatalf("a changed embedded original: %v, parts %+v, attachments %+v", err, rep.Parts, rep.Attachments)
			}
		})
	}
}
