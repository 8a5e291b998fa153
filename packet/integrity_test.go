package packet_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"appealpacket/internal/fixture"
	"appealpacket/internal/pdftest"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
	"appealpacket/packet/evidence"
	"appealpacket/packet/render/pdfimport"
)

func TestVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	dir := copyDemo(t)
	out := t.TempDir()
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, Date: demoDate})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := packet.Verify(res.PDF, dir, packet.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || len(rep.Files) != 8 {
		t.Fatalf("fresh build does not verify: %+v", rep)
	}
	// Change one byte of one original: verify fails naming that file.
	p := filepath.Join(dir, "originals", "IMG_0415.JPG")
	b, _ := os.ReadFile(p)
	b[len(b)/2] ^= 1
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "listing", "main.jpg")); err != nil {
		t.Fatal(err)
	}
	rep, err = packet.Verify(res.PDF, dir, packet.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() {
		t.Fatal("verify passes after an original changed")
	}
	got := map[string]string{}
	for _, f := range rep.Files {
		if f.Status != packet.StatusOK {
			got[f.Path] = f.Status
		}
	}
	want := map[string]string{"originals/IMG_0415.JPG": packet.StatusChanged, "notes.txt": packet.StatusExtra, "listing/main.jpg": packet.StatusMissing}
	if len(got) != len(want) {
		t.Errorf("differences %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
}

// TestEmbeddedManifestKeepsLinks: attaching the manifest (and originals)
// must not move links or bookmarks (fpdf's own attachments do).
func TestEmbeddedManifestKeepsLinks(t *testing.T) {
	testlevel.SkipIfShort(t, "builds a packet with the manifest embedded")
	t.Parallel()
	out := t.TempDir()
	res, err := buildCase(context.Background(), demo, packet.Options{OutDir: out, Date: demoDate, AttachOriginals: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.NotAttached) != 0 {
		t.Errorf("the demo's originals fit, yet %v were not attached", res.NotAttached)
	}
	data, _ := os.ReadFile(res.PDF)
	atts, err := pdfimport.Attachments(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 9 { // the manifest and eight originals
		t.Errorf("%d attachments, want 9", len(atts))
	}
	rep, err := packet.Verify(res.PDF, demo, packet.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || len(rep.Attachments) != 8 {
		t.Errorf("verify with attachments: ok=%v, %d attachments checked", rep.OK(), len(rep.Attachments))
	}
	doc, err := pdftest.Read(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	ex := xlsxExhibits(t, res.XLSX)
	idRE := regexp.MustCompile(`^([LPTAD]-[0-9]+)\b`)
	for _, o := range doc.Outlines {
		if m := idRE.FindStringSubmatch(o.Title); m != nil && o.Page != ex[m[1]][0] {
			t.Errorf("after attaching, outline %q lands on page %d, want %d", o.Title, o.Page, ex[m[1]][0])
		}
	}
	if qpdf := pdftest.Tool(t, "qpdf"); qpdf != "" {
		if b, err := execOut(qpdf, "--list-attachments", res.PDF); err != nil || !strings.Contains(b, "appealpacket-manifest.json") {
			t.Errorf("qpdf --list-attachments: %v\n%s", err, b)
		}
	}
}

// TestBuildNeverOverwritesAnEditedOutput: a build replaces its own outputs
// as it wrote them, and refuses to replace a packet or an index edited
// since. The build has a cache, which remembers the outputs it wrote;
// without one the sealed manifest decides (package output's
// TestWriteWithoutCacheReadsTheManifest).
func TestBuildNeverOverwritesAnEditedOutput(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("a slow end-to-end build: runs without -short (as in CI)")
	}
	opts := packet.Options{OutDir: t.TempDir(), Date: demoDate} // and this run's cache
	res, err := buildCase(context.Background(), demo, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := buildCase(context.Background(), demo, opts); err != nil {
		t.Fatalf("rebuilding over an untouched packet: %v", err)
	}
	// A viewer's incremental save appends to the file.
	f, _ := os.OpenFile(res.PDF, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n% edited\n")
	f.Close()
	edited, _ := os.ReadFile(res.PDF)
	_, err = buildCase(context.Background(), demo, opts)
	var ee *packet.EditedError
	if !errors.As(err, &ee) {
		t.Fatalf("err = %v, want an EditedError", err)
	}
	if now, _ := os.ReadFile(res.PDF); !bytes.Equal(now, edited) {
		t.Error("the edited packet was changed")
	}
	opts.Overwrite = true
	if _, err := buildCase(context.Background(), demo, opts); err != nil {
		t.Fatalf("--overwrite: %v", err)
	}
	// An edited index is protected too.
	opts.Overwrite = false
	x, _ := excelize.OpenFile(res.XLSX)
	x.SetCellValue("Exhibits", "C2", "my note")
	x.Save()
	x.Close()
	if _, err := buildCase(context.Background(), demo, opts); !errors.As(err, &ee) || !strings.Contains(err.Error(), "index.xlsx") {
		t.Fatalf("edited XLSX: err = %v", err)
	}
}

// TestFailureMidBuildLosesNothing injects a failure once the packet is
// checked, as it starts to be drawn: the previous packet stays as it was,
// and no partial or temporary file is left. (A failure while the files are
// written: output's TestFailedWriteLeavesThePreviousOutputs.)
func TestFailureMidBuildLosesNothing(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds a case that fails midway")
	built := buildDemo(t)
	out := t.TempDir()
	for _, p := range []string{built.PDF, built.XLSX} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(out, filepath.Base(p)), b)
	}
	before := hashTree(t, out)
	dir := copyDemo(t)
	p := filepath.Join(dir, "case.yaml")
	b, _ := os.ReadFile(p)
	write(t, p, []byte(strings.Replace(string(b), "studio session for the listing", "a different note", 1)))
	opts := packet.Options{OutDir: out, Date: demoDate}
	packet.SetFailAt(&opts, func(s string) error {
		if s == "render" {
			return errors.New("injected failure")
		}
		return nil
	})
	if _, err := buildCase(context.Background(), dir, opts); err == nil || !strings.Contains(err.Error(), "injected") {
		t.Fatalf("err = %v", err)
	}
	if after := hashTree(t, out); after != before {
		entries, _ := os.ReadDir(out)
		t.Errorf("a failure at render changed the output folder: %v", entries)
	}
}

// noisy makes a photo that compresses badly, like a real camera file:
// once per run for each seed and size, however many tests ask at once.
func noisy(t *testing.T, seed uint64, w, h int) []byte {
	t.Helper()
	return madeOnce(t, fmt.Sprintf("noise %d %dx%d, camera 2023:10:14 10:00:00", seed, w, h), func() ([]byte, error) {
		meta := camera("2023:10:14 10:00:00")
		meta.Width, meta.Height = w, h
		return fixture.JPEG(fixture.Noise(w, h, seed), 90, meta)
	})
}

func bigCase(t *testing.T, n int) string {
	files := map[string][]byte{}
	for i := range n {
		files[filepath.Join("originals", string(rune('a'+i))+".jpg")] = noisy(t, uint64(i), 1800, 1350)
	}
	return caseFiles(t, baseCase+"photos: [{path: originals, listing: L1}]\n", files)
}

// TestBuildSplitsWhatCannotFit builds, signed, a packet too big for one
// file: every part is within the limit once signed, named and covered as
// a part, opens with the full index, holds the exhibits the XLSX says it
// does, and has a signature verify trusts; verify finds and checks all the
// parts. A rebuild in one file replaces the parts. (Unsigned splits:
// TestVerifyFindsPartsByContents, TestCtrlCStopsTheFit.)
func TestBuildSplitsWhatCannotFit(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("a slow end-to-end build: runs without -short (as in CI)")
	}
	pki := newSigningPKI(t)
	dir := bigCase(t, 6)
	out := t.TempDir()
	const limit = 420_000
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, MaxSize: limit, Date: demoDate,
		Sign: &packet.SignOptions{Signer: pki.seller, TSA: pki.tsa.URL}})
	if err != nil {
		t.Fatal(err)
	}
	parts := res.Files[:len(res.Files)-1]
	if len(parts) < 2 {
		t.Fatalf("%d part(s) of %d bytes; want a split", len(parts), res.PDFSize)
	}
	pdftotext := pdftest.Tool(t, "pdftotext")
	ex := xlsxExhibitParts(t, res.XLSX)
	seen := map[string]int{}
	for k, f := range parts {
		if f.Size > limit {
			t.Errorf("part %d is %d bytes, over the %d limit once signed", k+1, f.Size, limit)
		}
		if !strings.HasSuffix(f.Path, "-part"+string(rune('1'+k))+"-of-"+string(rune('0'+len(parts)))+".pdf") {
			t.Errorf("part %d named %s", k+1, f.Path)
		}
		// Every part opens with the cover and the full index.
		cover, _ := pdftest.PageText(pdftotext, f.Path, 1)
		// (The cover's sentence, not the page footer's "Part k of n".)
		if want := fmt.Sprintf("Part %d of %d. The packet is split", k+1, len(parts)); !strings.Contains(strings.Join(strings.Fields(cover), " "), want) {
			t.Errorf("part %d: cover does not say which part it is", k+1)
		}
		var index string
		for pg := 2; pg <= 5 && !strings.Contains(index, "Index of exhibits"); pg++ {
			index, _ = pdftest.PageText(pdftotext, f.Path, pg)
		}
		for id, where := range ex {
			if !strings.Contains(index, id) {
				t.Errorf("part %d: index lacks %s", k+1, id)
			}
			if where.part == k+1 {
				seen[id]++
				page, _ := pdftest.PageText(pdftotext, f.Path, where.first)
				if !strings.Contains(page, "Exhibit "+id+" · page 1 of") {
					t.Errorf("%s: the XLSX says part %d page %d, which does not show it", id, where.part, where.first)
				}
			}
		}
	}
	for id := range ex {
		if seen[id] != 1 {
			t.Errorf("%s is in %d parts", id, seen[id])
		}
	}
	if res.PDF != parts[0].Path {
		t.Errorf("the result's packet is %s, not part 1 (%s)", res.PDF, parts[0].Path)
	}
	rep, err := packet.Verify(res.PDF, dir, packet.VerifyOptions{})
	if err != nil || !rep.OK() || len(rep.Parts) != len(parts) {
		t.Errorf("verify of the parts: %v %+v", err, rep)
	}
	signed, err := verifySignatures(t, res.PDF, pki.roots)
	if err != nil {
		t.Fatal(err)
	}
	if len(signed) != len(parts) {
		t.Fatalf("verified the signatures of %d parts of %d", len(signed), len(parts))
	}
	for _, p := range signed {
		if !p.OK(true) {
			t.Errorf("%s: %q", p.File, p.Lines())
		}
	}
	// Rebuilding in one file replaces the parts.
	if _, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, MaxSize: 1 << 30}); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 2 {
		t.Errorf("after rebuilding in one file the folder holds %d files", len(entries))
	}
}

type exhibitWhere struct{ part, first int }

func xlsxExhibitParts(t *testing.T, path string) map[string]exhibitWhere {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Exhibits")
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	out := map[string]exhibitWhere{}
	for _, r := range rows[1:] {
		var w exhibitWhere
		w.part = atoi(r[col["Part"]])
		w.first = atoi(r[col["First page"]])
		out[r[col["Exhibit"]]] = w
	}
	return out
}

// TestFilesChangedDuringBuild: a file read again while the packet is drawn
// (an original to embed, a PDF whose pages are stamped) that is no longer
// the file checked fails the build, and nothing is written: a document
// path flipped to a link to /etc/passwd is never embedded.
func TestFilesChangedDuringBuild(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds while files change")
	flip := func(name string) error {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		b[len(b)/2] ^= 1
		return os.WriteFile(name, b, 0o644)
	}
	tests := []struct {
		name   string
		attach bool
		change func(dir string) error // run once the files are checked
	}{
		{"photo rewritten, originals attached", true, func(dir string) error { return flip(filepath.Join(dir, "originals", "IMG_0412.JPG")) }},
		{"PDF rewritten", false, func(dir string) error { return flip(filepath.Join(dir, "other", "invoice-HX20230917.pdf")) }},
		{"PDF swapped for a link to /etc/passwd, originals attached", true, func(dir string) error {
			p := filepath.Join(dir, "other", "invoice-HX20230917.pdf")
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.Symlink("/etc/passwd", p)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, out := copyDemo(t), t.TempDir()
			opts := packet.Options{OutDir: out, Date: demoDate, AttachOriginals: tt.attach}
			packet.SetFailAt(&opts, func(stage string) error {
				if stage != "render" {
					return nil
				}
				if err := tt.change(dir); err != nil {
					t.Skipf("cannot change the file: %v", err)
				}
				return nil
			})
			_, err := buildCase(context.Background(), dir, opts)
			if !errors.Is(err, evidence.ErrChanged) || !strings.Contains(err.Error(), "build again") {
				t.Fatalf("Build = %v; want an error wrapping %v", err, evidence.ErrChanged)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("written after a file changed: %v", entries)
			}
		})
	}
}

// cancelAt is a slog handler that cancels a build when it logs msg for the
// first time, and counts the records logged after that.
type cancelAt struct {
	msg    string
	cancel context.CancelFunc
	state  *struct {
		sync.Mutex
		cancelled bool
		after     []string
	}
}

func (h cancelAt) Enabled(context.Context, slog.Level) bool { return true }
func (h cancelAt) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h cancelAt) WithGroup(string) slog.Handler            { return h }
func (h cancelAt) Handle(_ context.Context, r slog.Record) error {
	h.state.Lock()
	defer h.state.Unlock()
	switch {
	case h.state.cancelled:
		h.state.after = append(h.state.after, r.Message)
	case r.Message == h.msg:
		h.state.cancelled = true
		h.cancel()
	}
	return nil
}

// TestCtrlCStopsTheFit cancels a build (as Ctrl-C does) once the first
// part of a packet that must be split is drawn: the fit-and-split loop
// stops there, draws nothing more, and writes nothing.
func TestCtrlCStopsTheFit(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "fits a packet to 300 KB")
	dir, out := copyDemo(t), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h := cancelAt{msg: "drawn", cancel: cancel, state: &struct {
		sync.Mutex
		cancelled bool
		after     []string
	}{}}
	_, err := buildCase(ctx, dir, packet.Options{OutDir: out, Date: demoDate, MaxSize: 300_000, OCR: "off", Logger: slog.New(h)})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Build = %v, want %v", err, context.Canceled)
	}
	if !h.state.cancelled {
		t.Fatal("the build drew no part")
	}
	for _, msg := range h.state.after {
		if msg == "drawn" || strings.HasPrefix(msg, "fit to limit") || msg == "finished" {
			t.Errorf("after Ctrl-C the build went on: %q", msg)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("written after Ctrl-C: %v", entries)
	}
}
