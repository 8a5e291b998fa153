package exif

import (
	"appealpacket/internal/testcorpus"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// corpusDir locates the shared corpus of real camera files: the directory
// named by APPEALPACKET_CORPUS, else shared/corpus beside the repository.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testcorpus.Dir(t)
}

var imageExt = map[string]bool{".jpg": true, ".jpeg": true, ".heic": true, ".heif": true, ".avif": true,
	".png": true, ".webp": true, ".tif": true, ".tiff": true}

// corpusImages returns the image files of the corpus, sorted.
func corpusImages(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if imageExt[strings.ToLower(filepath.Ext(e.Name()))] {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

func readCorpusFile(t testing.TB, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// exifToolKeys are the keys of ExifToolFields.
var exifToolKeys = []string{"FileType", "Make", "Model", "SerialNumber", "InternalSerialNumber", "LensModel", "DateTimeOriginal",
	"OffsetTimeOriginal", "CreateDate", "ModifyDate", "Software", "Artist", "Copyright", "Orientation",
	"ImageWidth", "ImageHeight", "GPSLatitude", "GPSLongitude", "GPSAltitude"}

// plainValue maps the group-prefixed output of `exiftool -G1 -a` to the
// value `exiftool` (no -G1 -a) would print for a plain key, which is what
// ExifToolFields mimics:
//   - GPS keys take the signed Composite value, else the GPS group's;
//   - ImageWidth/Height take the container's size (File, PNG, RIFF), else
//     IFD0 (a TIFF file), never IFD1 (the thumbnail) nor the XMP copy;
//   - other keys take IFD0, then ExifIFD (for SerialNumber: ExifIFD
//     0xA431 first, then IFD0 0xC62F, as Read does), then PNG (tIME), then
//     any maker-note group (Canon:, Olympus:, …), then XMP, then IFD1.
//
// Empty strings (ExifTool prints "" for an empty or undefined value) count
// as absent, as ExifToolFields leaves empty values out.
func plainValue(obj map[string]any, key string) (any, string) {
	var groups []string
	switch key {
	case "FileType":
		groups = []string{"File"}
	case "GPSLatitude", "GPSLongitude", "GPSAltitude":
		groups = []string{"Composite", "GPS"}
	case "ImageWidth", "ImageHeight":
		groups = []string{"File", "PNG", "RIFF", "IFD0"}
	case "SerialNumber":
		groups = []string{"ExifIFD", "IFD0", "*"}
	default:
		groups = []string{"IFD0", "ExifIFD", "PNG", "*"}
	}
	for _, g := range groups {
		if g != "*" {
			if v, ok := present(obj[g+":"+key]); ok {
				return v, g
			}
			continue
		}
		// Any other group: maker notes before XMP before IFD1.
		var other []string
		for k := range obj {
			grp, tag, ok := strings.Cut(k, ":")
			if !ok || tag != key || grp == "ExifTool" || contains2(groups, grp) {
				continue
			}
			other = append(other, grp)
		}
		rank := func(g string) int {
			switch {
			case g == "IFD1":
				return 2
			case strings.HasPrefix(g, "XMP"):
				return 1
			}
			return 0
		}
		sort.Slice(other, func(i, j int) bool {
			if rank(other[i]) != rank(other[j]) {
				return rank(other[i]) < rank(other[j])
			}
			return other[i] < other[j]
		})
		for _, g := range other {
			if v, ok := present(obj[g+":"+key]); ok {
				return v, g
			}
		}
	}
	return nil, ""
}

func contains2(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// present normalises a JSON value: strings trimmed of spaces and NULs,
// empty ones absent.
func present(v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, false
	case string:
		s := strings.Trim(x, " \x00")
		return s, s != ""
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return fmt.Sprint(v), true
}

// agree compares two present values: numerically (relative 1e-6) when
// either side is a number, else as trimmed strings.
func agree(a, b any) bool {
	fa, aNum := a.(float64)
	fb, bNum := b.(float64)
	if aNum || bNum {
		if !aNum {
			f, err := strconv.ParseFloat(a.(string), 64)
			if err != nil {
				return false
			}
			fa = f
		}
		if !bNum {
			f, err := strconv.ParseFloat(b.(string), 64)
			if err != nil {
				return false
			}
			fb = f
		}
		return fa == fb || math.Abs(fa-fb) <= 1e-6*math.Max(math.Abs(fa), math.Abs(fb))
	}
	return a.(string) == b.(string)
}

// acceptedDisagreements are the (file, key) pairs where Read knowingly
// differs from ExifTool, each with its reason.
var acceptedDisagreements = map[string]string{
	// Invalid values that ExifTool reports as stored; Read reports them as
	// a warning and does not trust them (the package's contract).
	"Huawei_ELE-L29_orientation0_gps.jpg/Orientation": "Orientation 0 is outside 1-8: warning, left empty",
	"Xiaomi_Mi_MIX_2_bad_gps.jpg/GPSLatitude":         "latitude 213.64° is impossible: warning, GPS left nil",
	"Xiaomi_Mi_MIX_2_bad_gps.jpg/GPSLongitude":        "longitude dropped with the impossible latitude (GPS is nil as a whole)",
}

// TestAgreesWithExifTool reads every image of the corpus and compares the
// fields with ExifTool's reading in expected.json.
func TestAgreesWithExifTool(t *testing.T) {
	dir := corpusDir(t)
	expected := decodeExifToolJSON(t, readCorpusFile(t, dir, "expected.json"))
	files := corpusImages(t, dir)
	if len(files) == 0 {
		t.Fatal("no image files in the corpus")
	}
	pairs, agreed := 0, 0
	seen := map[string]bool{}
	for _, name := range files {
		want, ok := expected[name]
		if !ok {
			t.Errorf("%s: not in expected.json", name)
			continue
		}
		m, err := Read(readCorpusFile(t, dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := m.ExifToolFields()
		for _, key := range exifToolKeys {
			ev, group := plainValue(want, key)
			gv, gok := present(got[key])
			if ev == nil && !gok {
				continue
			}
			pairs++
			id := name + "/" + key
			if ev != nil && gok && agree(ev, gv) {
				agreed++
				if reason, ok := acceptedDisagreements[id]; ok {
					t.Errorf("%s agrees now; remove it from acceptedDisagreements (%s)", id, reason)
				}
				continue
			}
			reason, accepted := acceptedDisagreements[id]
			seen[id] = true
			if accepted {
				t.Logf("accepted disagreement %s: ExifTool %s %v, Read %v (%s)", id, group, ev, gv, reason)
			} else {
				t.Errorf("disagreement %s: ExifTool %s %v, Read %v", id, group, ev, gv)
			}
		}
	}
	for id := range acceptedDisagreements {
		if !seen[id] && !t.Failed() {
			t.Errorf("accepted disagreement %s did not occur", id)
		}
	}
	share := float64(agreed) / float64(pairs)
	t.Logf("agreement with ExifTool: %d of %d (file, tag) pairs = %.2f%% over %d files", agreed, pairs, 100*share, len(files))
	if share < 0.98 {
		t.Errorf("agreement %.2f%% is below 98%%", 100*share)
	}
}

// TestCorpusWarnings: damaged and odd files give the expected warnings and
// no others, never a crash; sound camera files give none.
func TestCorpusWarnings(t *testing.T) {
	dir := corpusDir(t)
	type want struct {
		warnings []string // substrings, one per warning, in order
		hasEXIF  bool
		hashSet  bool
		check    func(*Meta) error
	}
	cases := map[string]want{
		"damaged_huge_tag_exif.jpg": {warnings: []string{"JPEG format error: APP4 segment", "not trusted"}, check: func(m *Meta) error {
			if m.Make != "" || m.ImageWidth != 0 {
				return fmt.Errorf("metadata read from a file cut off before its image data: %+v", metaFields(m))
			}
			return nil
		}},
		"damaged_truncated_Canon_EOS_REBEL_T4i.jpg": {warnings: []string{"JPEG format error: APP1 segment", "not trusted"}},
		"damaged_infinite_loop_exif.jpg": {warnings: []string{"IFD1: first entry has an invalid format 20"}, hasEXIF: true, hashSet: true,
			check: func(m *Meta) error {
				if m.Software != "Adobe Photoshop CS2 Macintosh" || m.ModifyDate != "2007:05:10 19:04:16" || m.Orientation != 1 {
					return fmt.Errorf("IFD0 not read: %+v", metaFields(m))
				}
				return nil
			}},
		"whatsapp_stripped_noexif.jpg": {hashSet: true, check: func(m *Meta) error {
			if m.ImageWidth != 1200 || m.ImageHeight != 1600 {
				return fmt.Errorf("size %dx%d", m.ImageWidth, m.ImageHeight)
			}
			return nil
		}},
		"Xiaomi_Mi_MIX_2_bad_gps.jpg": {warnings: []string{"latitude 213.640009 is out of range"}, hasEXIF: true, hashSet: true,
			check: func(m *Meta) error {
				if m.GPS != nil || m.Model != "Mi MIX 2" {
					return fmt.Errorf("GPS %+v, Model %q", m.GPS, m.Model)
				}
				return nil
			}},
		"Huawei_ELE-L29_orientation0_gps.jpg": {warnings: []string{"Orientation 0 is invalid"}, hasEXIF: true, hashSet: true,
			check: func(m *Meta) error {
				if m.Orientation != 0 || m.GPS == nil || m.GPS.Altitude == nil || *m.GPS.Altitude != 0 {
					return fmt.Errorf("Orientation %d, GPS %+v", m.Orientation, m.GPS)
				}
				return nil
			}},
		"png_with_eXIf_chunk.png": {warnings: []string{"after IDAT"}, hasEXIF: true, hashSet: true},
		"Samsung_SM-G975F_o6.heic": {hasEXIF: true, hashSet: true, check: func(m *Meta) error {
			if m.GPS != nil {
				return fmt.Errorf("empty GPS placeholder read as %+v", m.GPS)
			}
			return nil
		}},
	}
	for _, name := range corpusImages(t, dir) {
		w, special := cases[name]
		if !special {
			// Sound camera files: EXIF, a hash, no warnings.
			w = want{hasEXIF: !strings.HasPrefix(name, "whatsapp"), hashSet: true}
		}
		delete(cases, name)
		t.Run(name, func(t *testing.T) {
			m, err := Read(readCorpusFile(t, dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Warnings) != len(w.warnings) {
				t.Errorf("warnings %q, want %d: %q", m.Warnings, len(w.warnings), w.warnings)
			} else {
				for i, sub := range w.warnings {
					if !strings.Contains(m.Warnings[i], sub) {
						t.Errorf("warning %d = %q, want it to contain %q", i, m.Warnings[i], sub)
					}
				}
			}
			if m.HasEXIF != w.hasEXIF {
				t.Errorf("HasEXIF = %v, want %v", m.HasEXIF, w.hasEXIF)
			}
			if (m.ImageDataHash != "") != w.hashSet {
				t.Errorf("ImageDataHash = %q", m.ImageDataHash)
			}
			if w.check != nil {
				if err := w.check(m); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for name := range cases {
		t.Errorf("%s: missing from the corpus", name)
	}
}

// TestCorpusDimensions: Dimensions reads the same size as Read.
func TestCorpusDimensions(t *testing.T) {
	dir := corpusDir(t)
	for _, name := range corpusImages(t, dir) {
		data := readCorpusFile(t, dir, name)
		m, err := Read(data)
		if err != nil {
			t.Fatal(err)
		}
		w, h, ft, err := Dimensions(data)
		if m.ImageWidth == 0 {
			if err == nil && !strings.HasPrefix(name, "damaged_") {
				t.Errorf("%s: Dimensions = %dx%d, Read found no size", name, w, h)
			}
			continue
		}
		if err != nil || w != m.ImageWidth || h != m.ImageHeight || ft != m.FileType {
			t.Errorf("%s: Dimensions = %d, %d, %q, %v; Read %dx%d %s", name, w, h, ft, err, m.ImageWidth, m.ImageHeight, m.FileType)
		}
	}
}

// TestImageDataHashMatchesExifTool compares ImageDataHash with ExifTool's
// (-ImageDataHash -api ImageHashType=SHA256, ExifTool 12.58 or later) on
// the corpus. ExifTool is found as APPEALPACKET_EXIFTOOL or exiftool on
// PATH.
func TestImageDataHashMatchesExifTool(t *testing.T) {
	dir := corpusDir(t)
	tool := exifTool(t)
	// Ask its version first: hashing the corpus takes an older one most
	// of a second only to print nothing.
	ver, err := exec.Command(tool, "-ver").Output()
	if v, perr := strconv.ParseFloat(strings.TrimSpace(string(ver)), 64); err == nil && perr == nil && v < 12.58 {
		t.Skipf("exiftool %s does not compute ImageDataHash (added in 12.58)", strings.TrimSpace(string(ver)))
	}
	files := corpusImages(t, dir)
	theirs := map[string]string{}
	for name, o := range runExifTool(t, tool, dir, []string{"-json", "-ImageDataHash", "-api", "ImageHashType=SHA256"}, files) {
		if h, ok := o["ImageDataHash"].(string); ok {
			theirs[name] = h
		}
	}
	if len(theirs) == 0 {
		t.Skipf("exiftool %s does not compute ImageDataHash (added in 12.58)", strings.TrimSpace(string(ver)))
	}
	for _, name := range files {
		m, err := Read(readCorpusFile(t, dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if m.ImageDataHash != theirs[name] {
			t.Errorf("%s: ImageDataHash %q, ExifTool %q", name, m.ImageDataHash, theirs[name])
		}
	}
	t.Logf("ImageDataHash agrees with ExifTool on %d files (%d hashed)", len(files), len(theirs))
}

// TestReadMemoryBound measures what Read allocates on the corpus and on
// hostile inputs in every container: far below the 64 MB budget.
func TestReadMemoryBound(t *testing.T) {
	inputs := map[string][]byte{}
	for name, hb := range hostileBlocks() {
		inputs["JPEG "+name] = buildJPEG(t, exifAPP1(hb.block))
		inputs["PNG "+name] = buildPNG(t, false, pngChunk("eXIf", hb.block))
		inputs["WebP "+name] = buildWebP(8, 8, hb.block, nil)
		inputs["HEIC "+name] = buildHEIC(heicOptions{width: 8, height: 8, coded: []byte("x"), exif: hb.block})
		inputs["TIFF "+name] = hb.block
	}
	for name, h := range hostileMakerNotes(t) {
		inputs["JPEG maker notes: "+name] = buildJPEG(t, exifAPP1(h.block))
	}
	for _, fx := range makerFixtures() {
		inputs["TIFF maker notes: "+fx.name] = fx.block(t)
	}
	if dir := testcorpus.Find(); dir != "" {
		for _, name := range corpusImages(t, dir) {
			inputs[name] = readCorpusFile(t, dir, name)
		}
	}
	const limit = 8 << 20 // bytes; the brief's hard ceiling is 64 MB
	var worst uint64
	var worstName string
	for name, data := range inputs {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, err := Read(data)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if hasWarning(m, "internal error") {
			t.Errorf("%s: %q", name, m.Warnings)
		}
		if a := after.TotalAlloc - before.TotalAlloc; a > worst {
			worst, worstName = a, name
		}
	}
	t.Logf("largest allocation by one Read: %d bytes (%s), over %d inputs", worst, worstName, len(inputs))
	if worst > limit {
		t.Errorf("Read allocated %d bytes on %s, limit %d", worst, worstName, limit)
	}
}
