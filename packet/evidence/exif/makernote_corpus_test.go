package exif

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"appealpacket/internal/testlevel"
)

// makerNoteTagsRead are the maker-note tags Read reports, by ExifTool
// group: the pairs compared with ExifTool.
var makerNoteTagsRead = map[string][]string{
	"Canon":     {"SerialNumber", "InternalSerialNumber", "LensModel", "LensSerialNumber"},
	"Nikon":     {"SerialNumber"},
	"Sony":      {"SerialNumber", "InternalSerialNumber"},
	"Olympus":   {"SerialNumber", "InternalSerialNumber", "LensModel", "LensSerialNumber"},
	"FujiFilm":  {"InternalSerialNumber"},
	"Panasonic": {"InternalSerialNumber", "LensType", "LensSerialNumber"},
	"Pentax":    {"SerialNumber"},
	"Samsung":   {"SerialNumber", "InternalLensSerialNumber"},
}

// exifToolArgs asks ExifTool for every tag of makerNoteTagsRead, as
// SOURCES.md's ground truth was made (-json -n -G1 -a); -fast skips what
// follows a JPEG's image data, far from any maker note.
var exifToolArgs = []string{"-fast", "-json", "-n", "-G1", "-a", "-Make", "-Model", "-SerialNumber", "-InternalSerialNumber",
	"-LensModel", "-LensSerialNumber", "-LensType", "-InternalLensSerialNumber"}

// exifTool returns the ExifTool to compare with: APPEALPACKET_EXIFTOOL,
// else exiftool on PATH. It skips the test when there is none, or fails
// it when APPEALPACKET_REQUIRE_TOOLS is set (as in CI).
func exifTool(t testing.TB) string {
	t.Helper()
	testlevel.SkipExternalIfShort(t, "exiftool")
	if p := os.Getenv("APPEALPACKET_EXIFTOOL"); p != "" {
		return p
	}
	p, err := exec.LookPath("exiftool")
	if err != nil {
		if testlevel.ToolsRequired() {
			t.Fatal("exiftool is required (APPEALPACKET_REQUIRE_TOOLS is set) but not installed")
		}
		t.Skip("exiftool is not installed (apt-get install libimage-exiftool-perl), nor APPEALPACKET_EXIFTOOL set; skipping this independent check")
	}
	return p
}

// runExifTool runs ExifTool in dir on files and returns its objects by
// file name, numbers kept as json.Number.
func runExifTool(t testing.TB, tool, dir string, args, files []string) map[string]map[string]any {
	t.Helper()
	cmd := exec.Command(tool, append(append([]string(nil), args...), files...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("%s: %v", tool, err)
	}
	return decodeExifToolJSON(t, out)
}

func decodeExifToolJSON(t testing.TB, out []byte) map[string]map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(out)))
	dec.UseNumber()
	var objs []map[string]any
	if err := dec.Decode(&objs); err != nil {
		t.Fatalf("ExifTool JSON: %v", err)
	}
	byName := map[string]map[string]any{}
	for _, o := range objs {
		name, _ := o["SourceFile"].(string)
		byName[filepath.Base(name)] = o
	}
	return byName
}

// makerPair is one (file, tag) pair compared with ExifTool.
type makerPair struct {
	file, tag, theirs, ours, reference string
	agree                              bool
}

// expectedJSONTags are the tags SOURCES.md's command asked ExifTool for
// (of makerNoteTagsRead): expected.json says nothing about the others.
var expectedJSONTags = map[string]bool{"SerialNumber": true, "InternalSerialNumber": true, "LensModel": true}

// compareMakerTags compares Read's maker-note values (ExifToolFields) with
// ExifTool's object for one file, over every tag that either side has.
// only, when set, limits the tags compared; skip leaves out pairs already
// compared.
func compareMakerTags(file, reference string, theirs map[string]any, m *Meta, only, skip map[string]bool) []makerPair {
	ours := m.ExifToolFields()
	var groups []string
	for g := range makerNoteTagsRead {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	var out []makerPair
	for _, g := range groups {
		for _, tag := range makerNoteTagsRead[g] {
			key := g + ":" + tag
			if skip[file+"/"+key] || only != nil && !only[tag] {
				continue
			}
			ev, eok := present(theirs[key])
			ov, ook := present(ours[key])
			if !eok && !ook {
				continue
			}
			p := makerPair{file: file, tag: key, reference: reference, agree: eok && ook && agree(ev, ov)}
			if eok {
				p.theirs = strings.Trim(fmt.Sprint(theirs[key]), " \x00") // a number as ExifTool wrote it
			}
			if ook {
				p.ours = fmt.Sprint(ov)
			}
			out = append(out, p)
		}
	}
	return out
}

// logPairs prints the agreement table and returns the agreeing count.
func logPairs(t *testing.T, pairs []makerPair) int {
	t.Helper()
	var sb strings.Builder
	fmt.Fprintf(&sb, "%-38s %-32s %-48s %-48s %-5s %s\n", "file", "tag", "ExifTool (-n)", "Read", "agree", "reference")
	agreed := 0
	for _, p := range pairs {
		if p.agree {
			agreed++
		}
		fmt.Fprintf(&sb, "%-38s %-32s %-48q %-48q %-5v %s\n", p.file, p.tag, p.theirs, p.ours, p.agree, p.reference)
	}
	t.Log("maker-note tags, Read against ExifTool:\n" + sb.String())
	return agreed
}

// TestMakerNotesAgreeWithExifTool compares the maker-note serials and
// lenses Read finds in the corpus with ExifTool's reading: expected.json
// (ExifTool 12.57, see SOURCES.md), and, where ExifTool is installed, the
// tags expected.json was not asked for (LensSerialNumber, LensType,
// InternalLensSerialNumber). At least 95% of the (file, tag) pairs must
// agree.
func TestMakerNotesAgreeWithExifTool(t *testing.T) {
	testlevel.SkipIfShort(t, "reads every corpus photo's maker notes")
	dir := corpusDir(t)
	expected := decodeExifToolJSON(t, readCorpusFile(t, dir, "expected.json"))
	files := corpusImages(t, dir)
	metas := map[string]*Meta{}
	var pairs []makerPair
	seen := map[string]bool{}
	for _, name := range files {
		m, err := Read(readCorpusFile(t, dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		metas[name] = m
		want, ok := expected[name]
		if !ok {
			t.Errorf("%s: not in expected.json", name)
			continue
		}
		for _, p := range compareMakerTags(name, "expected.json", want, m, expectedJSONTags, nil) {
			pairs = append(pairs, p)
			seen[p.file+"/"+p.tag] = true
		}
	}
	if len(pairs) == 0 {
		t.Fatal("expected.json has no maker-note serial or lens in the corpus: nothing compared")
	}
	fromFile := len(pairs)
	if _, err := exec.LookPath("exiftool"); err == nil || os.Getenv("APPEALPACKET_EXIFTOOL") != "" {
		live := runExifTool(t, exifTool(t), dir, exifToolArgs, files)
		ver, _ := exec.Command(exifTool(t), "-ver").Output()
		ref := "exiftool " + strings.TrimSpace(string(ver))
		for _, name := range files {
			if o, ok := live[name]; ok {
				pairs = append(pairs, compareMakerTags(name, ref, o, metas[name], nil, seen)...)
			}
		}
	} else {
		t.Log("exiftool not installed: compared with expected.json only")
	}
	agreed := logPairs(t, pairs)
	share := float64(agreed) / float64(len(pairs))
	t.Logf("maker-note agreement with ExifTool: %d of %d (file, tag) pairs = %.1f%% (%d from expected.json)",
		agreed, len(pairs), 100*share, fromFile)
	if share < 0.95 {
		t.Errorf("maker-note agreement %.1f%% is below 95%%", 100*share)
	}
}

// TestMakerNoteFixturesAgreeWithExifTool writes every maker-note fixture
// as a JPEG and checks that ExifTool reads from it exactly what Read
// reads: the layouts the fixtures assume are the ones ExifTool decodes.
func TestMakerNoteFixturesAgreeWithExifTool(t *testing.T) {
	testlevel.SkipIfShort(t, "runs ExifTool on every fixture")
	tool := exifTool(t)
	dir := t.TempDir()
	fixtures := makerFixtures()
	var files []string
	metas := map[string]*Meta{}
	for i, fx := range fixtures {
		name := fmt.Sprintf("fixture%02d.jpg", i)
		data := buildJPEG(t, exifAPP1(fx.block(t)))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
		m, err := Read(data)
		if err != nil {
			t.Fatal(err)
		}
		files, metas[name] = append(files, name), m
	}
	theirs := runExifTool(t, tool, dir, exifToolArgs, files)
	out, err := exec.Command(tool, "-ver").Output()
	if err != nil {
		t.Fatalf("%s -ver: %v", tool, err)
	}
	version, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		t.Fatalf("%s -ver: %q", tool, out)
	}
	var pairs []makerPair
	for i, name := range files {
		if version < fixtures[i].exifToolSince {
			t.Logf("%s: not compared, ExifTool %.2f predates %.2f", fixtures[i].name, version, fixtures[i].exifToolSince)
			continue
		}
		ps := compareMakerTags(name, fixtures[i].name, theirs[name], metas[name], nil, nil)
		if len(ps) != len(fixtures[i].keys) {
			t.Errorf("%s: %d pairs compared, the fixture has %d maker-note values", fixtures[i].name, len(ps), len(fixtures[i].keys))
		}
		for _, p := range ps {
			if !p.agree {
				t.Errorf("%s: %s ExifTool %q, Read %q", fixtures[i].name, p.tag, p.theirs, p.ours)
			}
		}
		pairs = append(pairs, ps...)
	}
	agreed := logPairs(t, pairs)
	t.Logf("fixtures: %d of %d (file, tag) pairs agree with ExifTool", agreed, len(pairs))
}
