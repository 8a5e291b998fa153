package initcase

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"appealpacket/packet/manifest"
)

// stripComments removes comment lines and trailing comments from case.yaml
// text written by Render (whose values never hold an unquoted '#', and
// whose quoted values are Go-escaped), and blank lines.
func stripComments(b []byte) string {
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		inQuote, esc := false, false
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case esc:
				esc = false
			case c == '\\' && inQuote:
				esc = true
			case c == '"':
				inQuote = !inQuote
			case c == '#' && !inQuote && i > 0 && line[i-1] == ' ':
				line = line[:i]
			}
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	return strings.Join(out, "\n")
}

// sections returns the parts of a manifest that Render writes, with the
// positions Parse records cleared.
func sections(m *manifest.Manifest) []any {
	c := *m
	out := []any{c.Version, c.Case, c.Seller, c.Listings, c.Photos, c.Trademarks, c.Authorizations, c.Documents}
	for i := range out {
		v := reflect.New(reflect.TypeOf(out[i])).Elem()
		v.Set(deepCopy(reflect.ValueOf(out[i])))
		clearPos(v)
		out[i] = v.Interface()
	}
	return out
}

func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			s.Index(i).Set(deepCopy(v.Index(i)))
		}
		return s
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(deepCopy(v.Elem()))
		return p
	case reflect.Struct:
		s := reflect.New(v.Type()).Elem()
		s.Set(v)
		for i := range v.NumField() {
			if s.Field(i).CanSet() {
				s.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return s
	}
	return v
}

func clearPos(v reflect.Value) {
	switch v.Kind() {
	case reflect.Slice:
		for i := range v.Len() {
			clearPos(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			clearPos(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[manifest.Path]() {
			v.FieldByName("Pos").Set(reflect.ValueOf(manifest.Pos{}))
			return
		}
		if d, ok := v.Interface().(manifest.Date); ok {
			if d.IsPlaceholder() { // a date not set is written TODO
				v.Set(reflect.ValueOf(manifest.Date{}))
			}
			return
		}
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				clearPos(v.Field(i))
			}
		}
	}
}

// roundTrip renders m, parses the text and checks that nothing but
// comments changed; it returns the text.
func roundTrip(t *testing.T, m *manifest.Manifest, notes *Notes) []byte {
	t.Helper()
	text := Render(m, notes)
	back, err := manifest.Parse(text, manifest.FileName)
	if err != nil {
		t.Fatalf("the rendered manifest does not parse: %v\n%s", err, text)
	}
	if got, want := sections(back), sections(m); !reflect.DeepEqual(got, want) {
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("section %d changed:\n got %#v\nwant %#v", i, got[i], want[i])
			}
		}
		t.Fatalf("text:\n%s", text)
	}
	again := Render(back, nil)
	if stripComments(again) != stripComments(text) {
		t.Fatalf("rendering again changed more than comments:\n%s\n---\n%s", text, again)
	}
	return text
}

// TestRenderDemo renders the demo case, which sets almost every field.
func TestRenderDemo(t *testing.T) {
	data, err := os.ReadFile("../../testdata/demo/case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Parse(data, manifest.FileName)
	if err != nil {
		t.Fatal(err)
	}
	m.Case.Statement = "We shot these pictures\nin our own studio: \"Lumen\" #1.\n"
	m.Case.Penalty = &manifest.Penalty{Points: 48, FrozenFunds: "USD 12,000"}
	m.Trademarks[0].Status = "pending"
	m.Listings = append(m.Listings, manifest.Listing{}) // an empty item
	m.Documents[0].Trademarks = []string{"TM1"}
	text := roundTrip(t, m, nil)
	for _, want := range []string{`trademarks: ["TM1"]`, "    # trademarks: [TM1]   (ids of the marks the listing's product carries; needed on every listing by build --per-brand",
		"# ids of the marks whose goods the paper covers", `id: "IPP-2024-0001234"`, "complaint_date: 2024-03-20", "classes: [9]", "sublicense: true",
		`platforms: ["aliexpress", "amazon"]`, "  - published: TODO", `path: "originals/"`, "penalty:\n    points: 48"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("rendered demo lacks %q:\n%s", want, text)
		}
	}
}

// TestRenderQuoting round-trips text that YAML would read otherwise if it
// were not quoted, or that needs escapes.
func TestRenderQuoting(t *testing.T) {
	for _, s := range []string{
		"yes", "no", "null", "~", "123", "0x1F", "1e3", "2024-03-20", "true", "TODO",
		"a: b", "a #b", "#x", "- x", "[a]", "{a}", "*alias", "&anchor", "!tag", "%x", "@x", "`x`", "|", ">",
		`"quoted"`, `back\slash`, "'single'", " leading", "trailing ", "tab\there", "line\nbreak", "\r\n", "nul\x00x",
		"\x7f", "bell\a", "深圳市星光摄影工作室", "emoji 😀", "nbsp\u00a0x", "ls\u2028x", "bom\ufeffx", "é\u0301",
	} {
		m := &manifest.Manifest{Version: 1,
			Case:     manifest.Case{ID: "X", Platform: "amazon", Type: "other", Language: "zh", Complainant: s, Statement: s},
			Seller:   manifest.Seller{LegalName: "S" + s, Aliases: []string{s, "b"}},
			Listings: []manifest.Listing{{ID: s, Title: s, Images: []manifest.ListingImage{{Path: manifest.Path{Raw: "x/" + s}}}}},
			Photos:   []manifest.Photo{{Path: manifest.Path{Raw: s + ".jpg"}, Note: s}},
		}
		roundTrip(t, m, &Notes{File: map[string]string{"x/" + s: "note: " + s}, Header: []string{s}, Footer: []string{s}})
	}
}

// FuzzRender round-trips arbitrary text through the writer.
func FuzzRender(f *testing.F) {
	f.Add("TODO", "a: b # c")
	f.Add("深圳 \"x\"\n", "\\\t")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) || a == "" || b == "" {
			return
		}
		m := &manifest.Manifest{Version: 1,
			Case:       manifest.Case{ID: "X", Platform: "aliexpress", Type: "image-theft", Language: "en", Complainant: a, Statement: b},
			Seller:     manifest.Seller{LegalName: "S" + a, Store: b, Aliases: []string{a, b}},
			Trademarks: []manifest.Trademark{{ID: "TM1", Mark: a, Owner: b, Status: "registered", Files: []manifest.Path{{Raw: a}}}},
			Documents:  []manifest.Document{{Path: manifest.Path{Raw: b}, Kind: "other", Title: a, Buyer: b}},
		}
		text := Render(m, &Notes{File: map[string]string{a: b}, Before: map[string][]string{b: {a}}, Header: []string{a}, Footer: []string{b}})
		back, err := manifest.Parse(text, manifest.FileName)
		if err != nil {
			if bytes.Contains(text, []byte("\x00")) {
				return
			}
			t.Fatalf("does not parse: %v\n%s", err, text)
		}
		if !reflect.DeepEqual(sections(back), sections(m)) {
			t.Fatalf("changed:\n%s", text)
		}
	})
}
