// Package strictyaml decodes YAML into Go structs strictly, for the files
// users write by hand (case.yaml, platform profiles): an unknown field
// (with the nearest known name suggested), a wrong type, a field given
// twice are errors located at line:column with the dotted path of the field
// ("listings[0].published"). Aliases are followed within a budget, so an
// alias bomb costs little.
//
// Struct fields are named by their `yaml:"name"` tags; fields without one
// (or with "-") are not decoded. Supported kinds: structs, pointers to
// structs, slices, string, int, bool, and any type given a Scalar decoder.
//
// Every problem is an Error naming FILE:LINE:COL; Parse and Decoder.Err
// return all the problems of a file as Errors.
package strictyaml

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in a file, located as FILE:LINE:COL.
type Error struct {
	File      string
	Line, Col int    // 1-based; 0 when unknown
	Field     string // dotted path, e.g. "listings[0].published"; "" for syntax errors
	Msg       string
	// Excerpt is the line at fault with a caret under the column, shown
	// below the message; "" when the text is not known.
	Excerpt string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Excerpt != "" {
		b.WriteString("\n")
		b.WriteString(e.Excerpt)
	}
	return b.String()
}

// Errors is every problem found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Scalar decodes a scalar node into a value of its type; want names what
// is expected, for messages ("a date (YYYY-MM-DD)").
type Scalar struct {
	Want   string
	Decode func(n *yaml.Node) (any, error)
}

// Decoder holds the settings and the results of one decoding.
type Decoder struct {
	File    string // names the file in errors
	Scalars map[reflect.Type]Scalar
	// Shorthands names, for struct types that may also be written as one
	// scalar, the field that scalar fills: with {ListingImage: "path"},
	// "listing/a.jpg" decodes like {path: listing/a.jpg}.
	Shorthands map[reflect.Type]string
	MaxNodes   int // values decoded at most, aliases expanded; 0 means 100000
	// Source is the text decoded, to show the line of each error; nil
	// shows none.
	Source []byte
	// Nodes records where each field's value stands, by dotted path.
	Nodes map[string]*yaml.Node
	Errs  Errors
	count int
}

// Parse reads YAML text into its document node. file names the text in
// errors; text longer than maxSize bytes is refused. The error, if any, is
// an Errors: the size, or the syntax error. An empty document gives a nil
// node and no error.
func Parse(data []byte, file string, maxSize int) (*yaml.Node, error) {
	if len(data) > maxSize {
		return nil, Errors{{File: file, Msg: fmt.Sprintf("file is larger than the %d-byte limit", maxSize)}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		e := &Error{File: file, Msg: msg}
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if n, after, ok := strings.Cut(rest, ":"); ok {
				if line, err := strconv.Atoi(n); err == nil {
					e.Line, e.Col, e.Msg = line, 1, strings.TrimSpace(after)
					explain(data, e)
					e.Excerpt = excerpt(data, e.Line, e.Col)
				}
			}
		}
		return nil, Errors{e}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, nil
	}
	return root.Content[0], nil
}

// Fail records an error at node n.
func (d *Decoder) Fail(n *yaml.Node, field, format string, args ...any) {
	e := &Error{File: d.File, Line: n.Line, Col: n.Column, Field: field, Msg: fmt.Sprintf(format, args...)}
	if d.Source != nil {
		e.Excerpt = excerpt(d.Source, n.Line, n.Column)
	}
	d.Errs = append(d.Errs, e)
}

// Err returns the errors recorded, in file order, as Errors; nil when
// there are none.
func (d *Decoder) Err() error {
	if len(d.Errs) == 0 {
		return nil
	}
	slices.SortStableFunc(d.Errs, func(a, b *Error) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return d.Errs
}

// At returns the node of field, or of the nearest enclosing field that was
// written, or the start of the file.
func (d *Decoder) At(field string) *yaml.Node {
	if n, ok := Nearest(d.Nodes, field); ok {
		return n
	}
	return &yaml.Node{Line: 1, Column: 1}
}

// Nearest returns the value m holds for field, or for the nearest enclosing
// field it holds one for ("a.b[2].c" → "a.b[2]" → "a.b" → "a"), and
// whether there was one.
func Nearest[V any](m map[string]V, field string) (V, bool) {
	for f := field; f != ""; f = parent(f) {
		if v, ok := m[f]; ok {
			return v, true
		}
	}
	var zero V
	return zero, false
}

// parent strips the last step of a field path: "a.b[2]" → "a.b" → "a" → "".
func parent(field string) string {
	if strings.HasSuffix(field, "]") {
		if i := strings.LastIndexByte(field, '['); i >= 0 {
			return field[:i]
		}
	}
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		return field[:i]
	}
	return ""
}

// Decode decodes node n into v (a pointer's element, settable); field is
// v's dotted path ("" for the document).
func (d *Decoder) Decode(n *yaml.Node, v reflect.Value, field string) {
	if d.Nodes == nil {
		d.Nodes = map[string]*yaml.Node{}
	}
	maxNodes := d.MaxNodes
	if maxNodes <= 0 {
		maxNodes = 100_000
	}
	if d.count++; d.count > maxNodes {
		if d.count == maxNodes+1 {
			d.Fail(n, field, "too large once its aliases are expanded (more than %d values)", maxNodes)
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		d.Decode(n.Alias, v, field)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "field:" with no value leaves the zero value
	}
	if commentInValue(n) {
		d.Fail(n, field, "the value stops before %q, which YAML reads as a comment: put the whole value in double quotes (\"%s %s\")",
			n.LineComment, n.Value, n.LineComment)
		return
	}
	d.Nodes[field] = n
	if sc, ok := d.Scalars[v.Type()]; ok {
		if !d.scalar(n, field, sc.Want) {
			return
		}
		x, err := sc.Decode(n)
		if err != nil {
			d.Fail(n, field, "%v", err)
			return
		}
		v.Set(reflect.ValueOf(x))
		return
	}
	if name, ok := d.Shorthands[v.Type()]; ok && n.Kind == yaml.ScalarNode {
		if idx, ok := Fields(v.Type())[name]; ok {
			d.Decode(n, v.Field(idx), field+"."+name)
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.Decode(n, v.Elem(), field)
	case reflect.Struct:
		d.structure(n, v, field)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if dashWithoutSpace(n) {
				d.Fail(n, field, "put a space after \"-\" to start a list item (\"- %s\" instead of \"%s\")", n.Value[1:], n.Value)
				return
			}
			if n.Kind == yaml.MappingNode && len(n.Content) > 0 && dashWithoutSpace(n.Content[0]) {
				k := n.Content[0]
				d.Fail(k, field, "put a space after \"-\" to start a list item (\"- %s: ...\" instead of \"%s: ...\")", k.Value[1:], k.Value)
				return
			}
			d.Fail(n, field, "want a list (e.g. [a, b] or one \"- item\" per line), got %s", Describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.Decode(item, s.Index(i), fmt.Sprintf("%s[%d]", field, i))
		}
		v.Set(s)
	case reflect.String:
		if d.scalar(n, field, "text") {
			v.SetString(n.Value)
		}
	case reflect.Int, reflect.Int64:
		if !d.scalar(n, field, "a whole number") {
			return
		}
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if err != nil || n.Tag != "!!int" {
			d.Fail(n, field, "want a whole number, got %q", n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Bool:
		if !d.scalar(n, field, "true or false") {
			return
		}
		if n.Tag != "!!bool" {
			d.Fail(n, field, "want true or false, got %q", n.Value)
			return
		}
		v.SetBool(strings.EqualFold(n.Value, "true"))
	default:
		d.Fail(n, field, "internal error: no decoder for %s", v.Type())
	}
}

func (d *Decoder) scalar(n *yaml.Node, field, want string) bool {
	if n.Kind != yaml.ScalarNode {
		d.Fail(n, field, "want %s, got %s", want, Describe(n))
		return false
	}
	return true
}

// dashWithoutSpace reports a plain scalar that starts with "-" and a
// character other than a space ("-path", "-listing/main.jpg"): a list
// item the seller typed without the space YAML needs after the dash.
func dashWithoutSpace(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Style == 0 && len(n.Value) > 1 && n.Value[0] == '-' &&
		n.Value[1] != ' ' && n.Value[1] != '-' && (n.Value[1] < '0' || n.Value[1] > '9')
}

// Describe names what a node holds, for messages.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value pairs)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing usable"
}

func (d *Decoder) structure(n *yaml.Node, v reflect.Value, field string) {
	if n.Kind != yaml.MappingNode {
		d.Fail(n, field, "want a mapping (key: value pairs), got %s", Describe(n))
		return
	}
	fields := Fields(v.Type())
	seen := map[string]bool{}
	where := field
	if where == "" {
		where = "top level"
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode {
			k = k.Alias
		}
		name := k.Value
		if k.Kind != yaml.ScalarNode || name == "<<" {
			d.Fail(k, where, "want a field name, got %s (merge keys are not supported)", Describe(k))
			continue
		}
		sub := name
		if field != "" {
			sub = field + "." + name
		}
		idx, ok := fields[name]
		if !ok {
			msg := fmt.Sprintf("unknown field %q", name)
			if s := Suggest(name, fields); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (known fields: %s)", strings.Join(Names(fields), ", "))
			}
			d.Fail(k, where, "%s", msg)
			continue
		}
		if seen[name] {
			d.Fail(k, sub, "field given twice")
			continue
		}
		seen[name] = true
		d.Decode(val, v.Field(idx), sub)
	}
}

// Fields maps the yaml names of struct type t's fields to their indexes.
func Fields(t reflect.Type) map[string]int {
	out := map[string]int{}
	for i := range t.NumField() {
		if name := Name(t.Field(i)); name != "" {
			out[name] = i
		}
	}
	return out
}

// Name is the yaml name of a struct field, from its `yaml:"name"` tag; ""
// for a field that is not decoded (no name, "-", unexported).
func Name(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	return name
}

// Names lists the known names, sorted.
func Names(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Suggest returns the known name closest to name, if it is close enough to
// be a typo, else "".
func Suggest(name string, known map[string]int) string {
	best, bestDist := "", 1<<30
	lower := strings.ToLower(strings.ReplaceAll(name, "-", "_"))
	for _, k := range Names(known) {
		if k == lower {
			return k
		}
		if dist := editDistance(lower, k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if bestDist <= max(2, len(best)/3) {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
