package web

import (
	"strings"
	"testing"
)

const sample = `# head comment
version: 1
case:
  id: "TODO"                # the complaint number
  type: image-theft         # image-theft | trademark
  complaint_date: TODO      # YYYY-MM-DD
  complainant: 'O''Brien'   # quoted
  attempt: 1
authorizations:
  - id: "AUTH1"
    platforms: ["TODO"]     # as the letter says
    # sublicense: true   (if the letter lets the grantee authorize others)
    # TODO: classes: [9] (the Nice classes on the certificate)
    goods: |
      many
      lines
`

func TestSetValues(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values map[string]string
		want   []string // lines the result must have
		err    string
	}{
		{"quoted stays quoted, comment kept in its column", map[string]string{"case.id": "IPP-1"},
			[]string{`  id: "IPP-1"               # the complaint number`}, ""},
		{"plain date stays plain", map[string]string{"case.complaint_date": "2024-03-20"},
			[]string{`  complaint_date: 2024-03-20 # YYYY-MM-DD`}, ""},
		{"quote and backslash escaped", map[string]string{"case.id": `a"b\c`},
			[]string{`  id: "a\"b\\c"             # the complaint number`}, ""},
		{"single-quoted value replaced", map[string]string{"case.complainant": "Studio 深圳"},
			[]string{`  complainant: "Studio 深圳" # quoted`}, ""},
		{"plain keyword quoted", map[string]string{"case.type": "yes"},
			[]string{`  type: "yes"               # image-theft | trademark`}, ""},
		{"list", map[string]string{"authorizations[0].platforms": "aliexpress, amazon"},
			[]string{`    platforms: ["aliexpress", "amazon"] # as the letter says`}, ""},
		{"commented-out key uncommented", map[string]string{"authorizations[0].sublicense": "true"},
			[]string{`    sublicense: true`}, ""},
		{"commented-out list uncommented", map[string]string{"authorizations[0].classes": "9, 11"},
			[]string{`    classes: [9, 11]`}, ""},
		{"empty optional left commented", map[string]string{"authorizations[0].sublicense": ""},
			[]string{`    # sublicense: true   (if the letter lets the grantee authorize others)`}, ""},
		{"two on one run", map[string]string{"case.id": "X", "case.attempt": "2"},
			[]string{`  id: "X"                   # the complaint number`, `  attempt: 2`}, ""},
		{"an empty box leaves a TODO", map[string]string{"case.id": "", "case.complaint_date": "", "authorizations[0].platforms": ""},
			[]string{`  id: "TODO"                # the complaint number`, `  complaint_date: TODO      # YYYY-MM-DD`, `    platforms: ["TODO"]     # as the letter says`}, ""},
		{"unknown path", map[string]string{"case.nope": "x"}, nil, "not a value"},
		{"a mapping", map[string]string{"case": "x"}, nil, "not a value"},
		{"block scalar", map[string]string{"authorizations[0].goods": "x"}, nil, "not a value"},
		{"index out of range", map[string]string{"authorizations[3].id": "x"}, nil, "not a value"},
		{"newline", map[string]string{"case.id": "a\nb: c"}, nil, "one line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := SetValues([]byte(sample), tc.values)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(out), w+"\n") {
					t.Errorf("no line %q in\n%s", w, out)
				}
			}
			if !strings.HasPrefix(string(out), "# head comment\n") || strings.Count(string(out), "\n") != strings.Count(sample, "\n") {
				t.Errorf("the rest of the file changed:\n%s", out)
			}
			fields, err := Fields(out)
			if err != nil {
				t.Fatal(err)
			}
			for path, v := range tc.values {
				for _, f := range fields {
					if f.Path == path && f.Value != v && v != "" && !f.List {
						t.Errorf("%s reads back %q, want %q", path, f.Value, v)
					}
				}
			}
		})
	}
}

func TestFields(t *testing.T) {
	fields, err := Fields([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Field{}
	var order []string
	for _, f := range fields {
		got[f.Path] = f
		order = append(order, f.Path)
	}
	want := "version case.id case.type case.complaint_date case.complainant case.attempt authorizations[0].id authorizations[0].platforms authorizations[0].sublicense authorizations[0].classes authorizations[0].goods"
	if strings.Join(order, " ") != want {
		t.Errorf("fields\n %s\nwant\n %s", strings.Join(order, " "), want)
	}
	if f := got["case.id"]; !f.TODO || f.Help != "the complaint number" || f.Line != 4 || !f.Editable {
		t.Errorf("case.id: %+v", f)
	}
	if f := got["authorizations[0].sublicense"]; !f.Optional || f.Sample != "true" {
		t.Errorf("sublicense: %+v", f)
	}
	if f := got["authorizations[0].goods"]; f.Editable {
		t.Errorf("a block scalar is editable: %+v", f)
	}
}

func FuzzSetValues(f *testing.F) {
	f.Add(sample, "case.id", "x")
	f.Add("a: [1, 'b''c', \"d]\"]\n", "a", "e, f")
	f.Add("a:\n  b: 'x' # c\n", "a.b", "\"")
	f.Fuzz(func(t *testing.T, text, path, val string) {
		out, err := SetValues([]byte(text), map[string]string{path: val})
		if err != nil {
			return
		}
		// What SetValues wrote reads back as YAML with the value set.
		fields, err := Fields(out)
		if err != nil {
			t.Fatalf("SetValues(%q, %q=%q) wrote unreadable YAML %q: %v", text, path, val, out, err)
		}
		for _, fl := range fields {
			if fl.Path == path && !fl.List && !fl.Optional && fl.Value != strings.TrimSpace(val) && fl.Value != val {
				t.Fatalf("SetValues(%q, %q=%q) = %q: reads back %q", text, path, val, out, fl.Value)
			}
		}
	})
}

// TestFieldsChinese: a case.yaml that init wrote in Chinese offers the same
// commented-out keys (its notes are in full-width brackets), each with its
// own help, not glued to the help of the field above.
func TestFieldsChinese(t *testing.T) {
	zh := `authorizations:
  - id: "AUTH1"
    # sublicense: true   （如果授权书允许被授权方再授权他人）
    from: 2023-01-01        # YYYY-MM-DD：授权书生效的第一天
trademarks:
  - id: "TM1"
    # TODO: classes: [9]（证书上的尼斯分类）
`
	fields, err := Fields([]byte(zh))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Field{}
	for _, f := range fields {
		got[f.Path] = f
	}
	if f := got["authorizations[0].sublicense"]; !f.Optional || f.Sample != "true" || !strings.HasPrefix(f.Help, "如果授权书允许被授权方再授权他人") {
		t.Errorf("sublicense: %+v", f)
	}
	if f := got["trademarks[0].classes"]; !f.Optional || f.Sample != "[9]" {
		t.Errorf("classes: %+v", f)
	}
	if f := got["authorizations[0].from"]; strings.Contains(f.Help, "sublicense") {
		t.Errorf("from's help has the optional line in it: %q", f.Help)
	}
	out, err := SetValues([]byte(zh), map[string]string{"authorizations[0].sublicense": "true"})
	if err != nil || !strings.Contains(string(out), "\n    sublicense: true\n") {
		t.Errorf("uncommenting sublicense: %v\n%s", err, out)
	}
}
