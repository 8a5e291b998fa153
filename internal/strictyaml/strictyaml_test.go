package strictyaml

import (
	"cmp"
	"errors"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestParent(t *testing.T) {
	for f, want := range map[string]string{"listings[1].url": "listings[1]", "listings[1]": "listings", "seller.store": "seller", "photos": "",
		"a.b[2]": "a.b", "a[0][1]": "a[0]"} {
		if got := parent(f); got != want {
			t.Errorf("parent(%q) = %q, want %q", f, got, want)
		}
	}
}

func TestNearest(t *testing.T) {
	written := map[string]int{"listings": 1, "listings[1]": 2, "listings[1].url": 3, "seller": 4}
	for _, tt := range []struct {
		field string
		want  int
		ok    bool
	}{
		{"listings[1].url", 3, true},
		{"listings[1].published", 2, true},
		{"listings[0].url", 1, true},
		{"seller.store", 4, true},
		{"case.id", 0, false},
		{"", 0, false},
	} {
		if got, ok := Nearest(written, tt.field); got != tt.want || ok != tt.ok {
			t.Errorf("Nearest(%q) = %d, %v; want %d, %v", tt.field, got, ok, tt.want, tt.ok)
		}
	}
}

type testItem struct {
	Name  string   `yaml:"name"`
	Count int      `yaml:"count"`
	On    bool     `yaml:"on"`
	Tags  []string `yaml:"tags"`
	Sub   *struct {
		Size int `yaml:"size"`
	} `yaml:"sub"`
}

type testDoc struct {
	Title string     `yaml:"title"`
	Items []testItem `yaml:"items"`
	Dir   string     `yaml:"-"`
}

// decode parses and decodes src as "t.yaml" into a testDoc.
func decode(src string, maxSize, maxNodes int) (*testDoc, error) {
	root, err := Parse([]byte(src), "t.yaml", maxSize)
	if err != nil || root == nil {
		return nil, err
	}
	var v testDoc
	d := &Decoder{File: "t.yaml", MaxNodes: maxNodes}
	d.Decode(root, reflect.ValueOf(&v).Elem(), "")
	return &v, d.Err()
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		maxSize   int // 0: 1 KB
		maxNodes  int
		want      string // the whole error
	}{
		{name: "typo suggests", src: "title: x\nitems:\n  - nmae: a\n",
			want: `t.yaml:3:5: items[0]: unknown field "nmae" (did you mean "name"?)`},
		{name: "typo with dash and case", src: "Tit-le: x\n",
			want: `t.yaml:1:1: top level: unknown field "Tit-le" (did you mean "title"?)`},
		{name: "unknown lists the known", src: "zzzzzz: 1\n",
			want: `t.yaml:1:1: top level: unknown field "zzzzzz" (known fields: items, title)`},
		{name: "no tag is not a field", src: "dir: /tmp\n",
			want: `t.yaml:1:1: top level: unknown field "dir" (known fields: items, title)`},
		{name: "whole number", src: "items: [{count: many}]\n",
			want: `t.yaml:1:17: items[0].count: want a whole number, got "many"`},
		{name: "true or false", src: "items: [{on: maybe}]\n",
			want: `t.yaml:1:14: items[0].on: want true or false, got "maybe"`},
		{name: "list", src: "items: x\n",
			want: `t.yaml:1:8: items: want a list (e.g. [a, b] or one "- item" per line), got "x"`},
		{name: "dash without a space, one item", src: "items:\n  - name: a\n    tags:\n      -red\n",
			want: `t.yaml:4:7: items[0].tags: put a space after "-" to start a list item ("- red" instead of "-red")`},
		{name: "dash without a space, a mapping", src: "items:\n  -name: a\n",
			want: `t.yaml:2:3: items: put a space after "-" to start a list item ("- name: ..." instead of "-name: ...")`},
		{name: "a negative number is no list item", src: "items: -5\n",
			want: `t.yaml:1:8: items: want a list (e.g. [a, b] or one "- item" per line), got "-5"`},
		{name: "mapping for text", src: "title: {a: b}\n",
			want: `t.yaml:1:8: title: want text, got a mapping (key: value pairs)`},
		{name: "mapping for a struct", src: "items: [x]\n",
			want: `t.yaml:1:9: items[0]: want a mapping (key: value pairs), got "x"`},
		{name: "nested pointer", src: "items:\n  - sub: {size: big}\n",
			want: `t.yaml:2:17: items[0].sub.size: want a whole number, got "big"`},
		{name: "given twice", src: "title: a\ntitle: b\n",
			want: `t.yaml:2:1: title: field given twice`},
		{name: "several, in file order", src: "title: [a]\nitems: [{count: x}]\n",
			want: "t.yaml:1:8: title: want text, got a list\nt.yaml:2:17: items[0].count: want a whole number, got \"x\""},
		{name: "syntax", src: "title: [x\n",
			want: `t.yaml:1:8: the "[" opened here is not closed: end it with "]" (and separate its items with ", ")`},
		{name: "size", src: "title: a longer title than allowed\n", maxSize: 20,
			want: `t.yaml: file is larger than the 20-byte limit`},
		{name: "alias budget", src: "items:\n  - tags: &a [x, y, z]\n  - tags: *a\n", maxNodes: 10,
			want: `t.yaml:2:15: items[1].tags[0]: too large once its aliases are expanded (more than 10 values)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decode(tt.src, cmp.Or(tt.maxSize, 1024), tt.maxNodes)
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %T %v, want Errors", err, err)
			}
			if got := withoutExcerpts(err.Error()); got != tt.want {
				t.Errorf("error\n  %s\nwant\n  %s", got, tt.want)
			}
		})
	}
}

func TestDecodes(t *testing.T) {
	v, err := decode("title: T\nitems:\n  - {name: a, count: 2, on: true, tags: [x, y], sub: {size: 3}}\n  - name: b\n    count: ~\n", 1024, 0)
	if err != nil {
		t.Fatal(err)
	}
	if v.Title != "T" || len(v.Items) != 2 || v.Items[0].Count != 2 || !v.Items[0].On || len(v.Items[0].Tags) != 2 ||
		v.Items[0].Sub == nil || v.Items[0].Sub.Size != 3 || v.Items[1].Name != "b" || v.Items[1].Count != 0 || v.Items[1].Sub != nil {
		t.Errorf("decoded %+v", v)
	}
	if v, err := decode("", 1024, 0); v != nil || err != nil {
		t.Errorf("empty document: %v, %v", v, err)
	}
	d := &Decoder{File: "f"}
	if d.Err() != nil {
		t.Error("no errors, but Err is not nil")
	}
	d.Fail(&yaml.Node{Line: 3, Column: 2}, "b", "second")
	d.Fail(&yaml.Node{Line: 1, Column: 5}, "a", "first")
	if got := d.Err().Error(); got != "f:1:5: a: first\nf:3:2: b: second" {
		t.Errorf("Err = %q, want the errors in file order", got)
	}
}

// withoutExcerpts drops the excerpt lines (the line at fault and its
// caret, indented) from an error text.
func withoutExcerpts(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, "  ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
