package check

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/testcorpus"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
)

// corpusDateFindings are the date findings expected on the corpus: none
// on camera originals. Run with -v for every file's dates and result.
var corpusDateFindings = map[string]string{}

// TestPhotoDatesCorpus runs the date checks on every picture of the shared
// corpus, as photos of a packet prepared on 2024-05-01.
func TestPhotoDatesCorpus(t *testing.T) {
	dir := testcorpus.Dir(t)
	var rows []string
	for _, name := range testcorpus.Pictures(t) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		meta, _ := exif.Read(data)
		it := &evidence.Item{Meta: meta, Dates: exif.Examine(data).Dates}
		var got []string
		for _, f := range photoDates(photoInput(it)) {
			got = append(got, f.Code+" "+f.Severity.String())
			t.Logf("%s: %s", name, f.Message)
		}
		result := strings.Join(got, "; ")
		var sources []string
		for _, s := range it.Dates {
			sources = append(sources, s.Source+" "+s.Text)
		}
		shown := result
		if shown == "" {
			shown = "no finding"
		}
		rows = append(rows, name+": "+shown+" ["+strings.Join(sources, "; ")+"]")
		if want := corpusDateFindings[name]; result != want {
			t.Errorf("%s: %q, want %q", name, result, want)
		}
	}
	slices.Sort(rows)
	t.Logf("dates of the corpus pictures:\n%s", strings.Join(rows, "\n"))
}
