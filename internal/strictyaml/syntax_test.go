package strictyaml

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

type caseFile struct {
	Version int `yaml:"version"`
	Case    struct {
		ID          string `yaml:"id"`
		Title       string `yaml:"title"`
		Complainant string `yaml:"complainant"`
		Platform    string `yaml:"platform"`
	} `yaml:"case"`
	Photos []struct {
		Path string `yaml:"path"`
		Note string `yaml:"note"`
	} `yaml:"photos"`
	Listings []struct {
		ID    string `yaml:"id"`
		Title string `yaml:"title"`
	} `yaml:"listings"`
}

// firstError parses and decodes text like case.yaml is, returning the first
// error.
func firstError(text string) *Error {
	data := []byte(text)
	root, err := Parse(data, "case.yaml", 1<<20)
	if err == nil {
		var v caseFile
		d := &Decoder{File: "case.yaml", Source: data}
		d.Decode(root, reflect.ValueOf(&v).Elem(), "")
		err = d.Err()
	}
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		return nil
	}
	return es[0]
}

func TestSyntaxErrorsInPlainWords(t *testing.T) {
	for _, tt := range []struct {
		name      string
		text      string
		line, col int
		msg       string // part of the message
		excerpt   string // part of the excerpt's first line
	}{
		{"colon in a value", "version: 1\ncase:\n  id: X\n  complainant: Foo: Bar Co.\n",
			4, 19, `put the whole value in double quotes, e.g. complainant: "Foo: Bar Co."`, "4 |   complainant: Foo: Bar Co."},
		{"tab", "version: 1\ncase:\n\tid: X\n", 3, 1, "a tab indents this line", "3 |  id: X"},
		{"tab far below the reported line", "version: 1\ncase:\n  id: X\nphotos:\n  - path: a\n  \t  note: b\n", 6, 3, "a tab indents this line", "6 |"},
		{"list item indented one space less", "version: 1\nphotos:\n  - path: a\n    note: x\n - path: b\n", 5, 2,
			"this line is indented by 1 space, unlike the lines around it", "5 |  - path: b"},
		{"field indented too far", "version: 1\nlistings:\n  - id: a\n    title: b\n  - id: c\n      title: x\n", 6, 7,
			"indented by 6 spaces", "6 |       title: x"},
		{"missing ': '", "version: 1\ncase:\n  id X\n  platform: y\n", 3, 3, `no ": " between the field name and its value`, "3 |   id X"},
		{"no space after '-'", "version: 1\nphotos:\n  - path: a\n  -path: b\n", 4, 4, `put a space after "-"`, "4 |   -path: b"},
		{"unclosed quote", "version: 1\ncase: {id: \"abc}\nlistings: []\n", 2, 12, "a quoted value starts here and is not closed", `2 | case: {id: "abc}`},
		{"'#' in a value", "version: 1\ncase:\n  title: Case #5 earbuds\n", 3, 10, `the value stops before "#5 earbuds"`, "3 |   title: Case #5 earbuds"},
		{"decode errors show their line", "version: 1\ncase:\n  idd: X\n", 3, 3, `unknown field "idd"`, "3 |   idd: X"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := firstError(tt.text)
			if e == nil {
				t.Fatal("no error")
			}
			if e.Line != tt.line || e.Col != tt.col || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got %d:%d %q\nwant %d:%d …%q…", e.Line, e.Col, e.Msg, tt.line, tt.col, tt.msg)
			}
			first, caret, _ := strings.Cut(e.Excerpt, "\n")
			if !strings.Contains(first, tt.excerpt) {
				t.Errorf("excerpt %q lacks %q", e.Excerpt, tt.excerpt)
			}
			// The caret stands under the column.
			bar := strings.Index(first, "| ") + 2
			if got := strings.Index(caret, "^") - bar + 1; got != tt.col {
				t.Errorf("caret at column %d, want %d:\n%s", got, tt.col, e.Excerpt)
			}
			if !strings.Contains(e.Error(), "case.yaml:") {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
}

func TestExcerptAlignsWideCharacters(t *testing.T) {
	got := excerpt([]byte("complainant: 深圳: x\n"), 1, 16)
	// 深圳 is two characters four columns wide; the caret stands under ':'.
	if want := "  1 | complainant: 深圳: x\n    |                  ^"; got != want {
		t.Errorf("excerpt:\n%s\nwant:\n%s", got, want)
	}
}
