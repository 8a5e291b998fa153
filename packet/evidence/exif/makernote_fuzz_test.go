package exif

import (
	"appealpacket/internal/testcorpus"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzCameras are the cameras each maker-note fuzz target picks from (by
// the input's first byte): the model decides offsets and formats inside
// some parsers (Canon 5D/1D/D30, Sony's 0x9050 tables, Panasonic DC-FT7).
var fuzzCameras = map[string][][2]string{
	"Canon": {{"Canon", "Canon EOS 80D"}, {"Canon", "Canon EOS 5D Mark II"}, {"Canon", "Canon EOS-1D Mark IV"},
		{"Canon", "Canon EOS D30"}, {"Canon", "Canon EOS REBEL T3i"}, {"Canon", "Canon PowerShot SX60 HS"}},
	"Nikon":     {{"NIKON CORPORATION", "NIKON D750"}, {"NIKON", "COOLPIX P6000"}, {"NIKON", "NIKON D1"}},
	"Sony":      {{"SONY", "ILCE-9"}, {"SONY", "ILCE-7"}, {"SONY", "SLT-A99V"}, {"SONY", "ILCE-1"}, {"SONY", "DSC-HX5V"}},
	"Olympus":   {{"OLYMPUS IMAGING CORP.", "E-M1"}, {"OLYMPUS IMAGING CORP.", "E-P3"}, {"OM Digital Solutions", "OM-1"}},
	"FujiFilm":  {{"FUJIFILM", "X-T3"}, {"FUJIFILM", "FinePix F40fd"}},
	"Panasonic": {{"Panasonic", "DMC-GX7"}, {"Panasonic", "DC-FT7"}, {"Panasonic", "DMC-LX3"}},
	"Pentax":    {{"PENTAX", "PENTAX K-5"}, {"RICOH IMAGING COMPANY, LTD.", "PENTAX K-3"}, {"PENTAX", "PENTAX Q"}},
	"Samsung":   {{"SAMSUNG", "NX300"}, {"samsung", "SM-G975F"}},
}

// makerNoteOf returns the maker note, make and model of an EXIF block.
func makerNoteOf(block []byte) (note []byte, mk, model string) {
	g, err := checkTIFF(block, func(string, ...any) {})
	if err != nil {
		return nil, "", ""
	}
	e, ok := makerNoteEntry(g)
	if !ok {
		return nil, "", ""
	}
	text := func(tag uint16) string {
		s, _ := entryText(g.ifd0.entries[tag].typ, g.ifd0.entries[tag].value)
		return s
	}
	return e.value, text(tagMake), text(tagModel)
}

// fuzzMakerNote fuzzes the parser of one maker-note group: the input's
// first byte picks a camera (and the byte order of the EXIF block), the
// rest is the maker note, placed in a fixed EXIF block so that offsets
// from the TIFF header can be learnt. Seeds: the maker notes of this
// group in the corpus, the fixtures and the hostile notes.
func fuzzMakerNote(f *testing.F, group string) {
	cameras := fuzzCameras[group]
	seed := func(block []byte) {
		note, mk, model := makerNoteOf(block)
		if note == nil {
			return
		}
		if n := (&makerNote{make: mk, model: model, data: note}); n.identify() == nil || n.group != group {
			return // another maker's note
		}
		sel := byte(0)
		for i, c := range cameras {
			if strings.EqualFold(c[0], mk) && c[1] == model {
				sel = byte(i)
			}
		}
		f.Add(append([]byte{sel}, note...))
		f.Add(append([]byte{sel | 0x80}, note...))
	}
	for _, fx := range makerFixtures() {
		seed(fx.block(f))
	}
	for _, h := range hostileMakerNotes(f) {
		seed(h.block)
	}
	if dir := testcorpus.Find(); dir != "" {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !hasExt(".jpg", ".jpeg")(e.Name()) {
				continue
			}
			// The EXIF segment is at most 64 KiB, among the first segments.
			data, err := readHead(filepath.Join(dir, e.Name()), 1<<20)
			if err != nil {
				continue
			}
			if s := scanJPEG(data, false, false, func(string, ...any) {}); s.exif != nil {
				seed(s.exif)
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 2 || len(in) > 1<<20 {
			return
		}
		c := cameras[int(in[0]&0x7f)%len(cameras)]
		order := le
		if in[0]&0x80 != 0 {
			order = be
		}
		note := in[1:]
		block := exifWithNote(t, order, c[0], c[1], func(uint32) []byte { return note })
		bounded(t, func() {
			m := &Meta{}
			readExifBlock(block, m)
			checkMeta(t, m)
			checkIdentity(t, m)
		})
	})
}

// checkIdentity asserts the invariants of the identity fields.
func checkIdentity(t *testing.T, m *Meta) {
	t.Helper()
	pairs := [][2]string{{m.SerialNumber, m.SerialNumberSource}, {m.InternalSerialNumber, m.InternalSerialNumberSource},
		{m.LensModel, m.LensModelSource}, {m.LensSerialNumber, m.LensSerialNumberSource}}
	for _, p := range pairs {
		if (p[0] == "") != (p[1] == "") {
			t.Fatalf("value %q with source %q", p[0], p[1])
		}
		if grp, name, ok := strings.Cut(p[1], ":"); p[1] != "" && (!ok || grp == "" || name == "") {
			t.Fatalf("source %q is not Group:Tag", p[1])
		}
	}
	for _, tag := range m.makerTags {
		if tag.group != m.MakerNotes || tag.value == "" || !utf8.ValidString(tag.value) || len(tag.value) > 3*maxMakerNoteText {
			t.Fatalf("maker-note tag %+v in %q notes", tag, m.MakerNotes)
		}
	}
	if b := m.Body(); b.Serial != "" && b.Source == "" {
		t.Fatalf("body %+v without a source", b)
	}
}

func FuzzMakerNoteCanon(f *testing.F)     { fuzzMakerNote(f, "Canon") }
func FuzzMakerNoteNikon(f *testing.F)     { fuzzMakerNote(f, "Nikon") }
func FuzzMakerNoteSony(f *testing.F)      { fuzzMakerNote(f, "Sony") }
func FuzzMakerNoteOlympus(f *testing.F)   { fuzzMakerNote(f, "Olympus") }
func FuzzMakerNoteFujiFilm(f *testing.F)  { fuzzMakerNote(f, "FujiFilm") }
func FuzzMakerNotePanasonic(f *testing.F) { fuzzMakerNote(f, "Panasonic") }
func FuzzMakerNotePentax(f *testing.F)    { fuzzMakerNote(f, "Pentax") }
func FuzzMakerNoteSamsung(f *testing.F)   { fuzzMakerNote(f, "Samsung") }
