package manifest

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest manifest Parse accepts. A real case.yaml is a few KB.
const MaxSize = 1 << 20

// maxNodes bounds the work of decoding, aliases included, so that an
// alias bomb ("billion laughs") is refused quickly and in little memory.
const maxNodes = 100_000

// Error is one problem in a manifest, located as file:line:col.
type Error struct {
	File  string
	Pos   Pos
	Field string // dotted field path, e.g. "listings[0].published"; "" for syntax errors
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Col)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one manifest, in file order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Parse decodes manifest text. name is used in error messages (usually
// "case.yaml"). Decoding is strict: unknown fields, wrong types, bad dates,
// unknown enumerated values and missing required fields are errors. The
// returned error, if any, is an Errors listing every problem found.
func Parse(data []byte, name string) (*Manifest, error) {
	if len(data) > MaxSize {
		return nil, Errors{{File: name, Msg: fmt.Sprintf("file is %d bytes, larger than the %d-byte limit for a manifest", len(data), MaxSize)}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, Errors{syntaxError(name, err)}
	}
	m := &Manifest{File: name, positions: map[string]Pos{}}
	d := &decoder{file: name, m: m}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, Errors{{File: name, Pos: Pos{1, 1}, Msg: "the manifest is empty; start with \"version: 1\""}}
	}
	d.value(root.Content[0], reflect.ValueOf(m).Elem(), "")
	if d.errs == nil {
		validate(m, d)
	}
	if d.errs != nil {
		slices.SortStableFunc(d.errs, func(a, b *Error) int {
			if a.Pos.Line != b.Pos.Line {
				return a.Pos.Line - b.Pos.Line
			}
			return a.Pos.Col - b.Pos.Col
		})
		return nil, d.errs
	}
	return m, nil
}

// syntaxError turns a YAML library error ("yaml: line 3: ...") into an Error.
func syntaxError(name string, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &Error{File: name, Msg: msg}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ":"); ok {
			if line, err := strconv.Atoi(n); err == nil {
				e.Pos = Pos{line, 1}
				e.Msg = strings.TrimSpace(after)
			}
		}
	}
	return e
}

type decoder struct {
	file  string
	m     *Manifest
	errs  Errors
	nodes int
}

func (d *decoder) fail(n *yaml.Node, field, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Pos: Pos{n.Line, n.Column}, Field: field, Msg: fmt.Sprintf(format, args...)})
}

var (
	dateType = reflect.TypeFor[Date]()
	pathType = reflect.TypeFor[Path]()
)

// value decodes n into v; field is v's dotted path for messages.
func (d *decoder) value(n *yaml.Node, v reflect.Value, field string) {
	d.nodes++
	if d.nodes > maxNodes {
		if d.nodes == maxNodes+1 {
			d.fail(n, field, "the manifest is too large once its aliases are expanded (more than %d values)", maxNodes)
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		d.value(n.Alias, v, field)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "field:" with no value leaves the zero value
	}
	d.m.positions[field] = Pos{n.Line, n.Column}
	switch v.Type() {
	case dateType:
		if !d.scalar(n, field, "a date (YYYY-MM-DD)") {
			return
		}
		date, err := ParseDate(n.Value)
		if err != nil {
			d.fail(n, field, "%v", err)
			return
		}
		v.Set(reflect.ValueOf(date))
		return
	case pathType:
		if !d.scalar(n, field, "a file path") {
			return
		}
		v.Set(reflect.ValueOf(Path{Raw: n.Value, Pos: Pos{n.Line, n.Column}}))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), field)
	case reflect.Struct:
		d.structure(n, v, field)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, field, "want a list (e.g. [a, b] or one \"- item\" per line), got %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", field, i))
		}
		v.Set(s)
	case reflect.String:
		if d.scalar(n, field, "text") {
			v.SetString(n.Value)
		}
	case reflect.Int:
		if !d.scalar(n, field, "a whole number") {
			return
		}
		i, err := strconv.Atoi(n.Value)
		if err != nil || n.Tag != "!!int" {
			d.fail(n, field, "want a whole number, got %q", n.Value)
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		if !d.scalar(n, field, "true or false") {
			return
		}
		if n.Tag != "!!bool" {
			d.fail(n, field, "want true or false, got %q", n.Value)
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	default:
		d.fail(n, field, "internal error: no decoder for %s", v.Type())
	}
}

func (d *decoder) scalar(n *yaml.Node, field, want string) bool {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, field, "want %s, got %s", want, describe(n))
		return false
	}
	return true
}

func describe(n *yaml.Node) string {
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

func (d *decoder) structure(n *yaml.Node, v reflect.Value, field string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, field, "want a mapping (key: value pairs), got %s", describe(n))
		return
	}
	fields := yamlFields(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode {
			k = k.Alias
		}
		name := k.Value
		if k.Kind != yaml.ScalarNode || name == "<<" {
			d.fail(k, field, "want a field name, got %s (merge keys are not supported)", describe(k))
			continue
		}
		sub := name
		if field != "" {
			sub = field + "." + name
		}
		idx, ok := fields[name]
		if !ok {
			msg := fmt.Sprintf("unknown field %q", name)
			if s := suggest(name, fields); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (known fields: %s)", strings.Join(sortedKeys(fields), ", "))
			}
			where := field
			if where == "" {
				where = "top level"
			}
			d.fail(k, where, "%s", msg)
			continue
		}
		if seen[name] {
			d.fail(k, sub, "field given twice")
			continue
		}
		seen[name] = true
		d.value(val, v.Field(idx), sub)
	}
}

// yamlFields maps the yaml names of t's fields to their indexes.
func yamlFields(t reflect.Type) map[string]int {
	out := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		out[name] = i
	}
	return out
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// suggest returns the known name closest to name, if it is close enough to
// be a typo.
func suggest(name string, known map[string]int) string {
	best, bestDist := "", 1<<30
	lower := strings.ToLower(strings.ReplaceAll(name, "-", "_"))
	for _, k := range sortedKeys(known) {
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

// validate checks values that decode fine but are not allowed, and fills
// defaults.
func validate(m *Manifest, d *decoder) {
	at := func(field string) *yaml.Node {
		p, _ := m.Position(field)
		if p.Line == 0 {
			p = Pos{1, 1}
		}
		return &yaml.Node{Line: p.Line, Column: p.Col}
	}
	switch {
	case m.Version == 0:
		d.fail(at("version"), "version", "missing; the first line of case.yaml should be \"version: 1\"")
	case m.Version != 1:
		d.fail(at("version"), "version", "this appealpacket reads manifest version 1, not %d", m.Version)
	}
	if strings.TrimSpace(m.Case.ID) == "" {
		d.fail(at("case"), "case.id", "required: the platform's case or complaint number")
	} else if strings.ContainsAny(m.Case.ID, `/\:*?"<>|`) {
		d.fail(at("case.id"), "case.id", "%q cannot be part of a file name; use letters, digits, '-' and '_'", m.Case.ID)
	}
	if strings.TrimSpace(m.Seller.LegalName) == "" {
		d.fail(at("seller"), "seller.legal_name", "required: the seller's registered company or personal name")
	}
	enum := func(field string, v *string, allowed []string, def string) {
		if *v == "" {
			*v = def
			return
		}
		if !slices.Contains(allowed, *v) {
			d.fail(at(field), field, "%q is not one of %s", *v, strings.Join(allowed, ", "))
		}
	}
	for i := range m.Trademarks {
		if m.Trademarks[i].ID == "" {
			m.Trademarks[i].ID = fmt.Sprintf("TM%d", i+1)
		}
	}
	for i := range m.Authorizations {
		if m.Authorizations[i].ID == "" {
			m.Authorizations[i].ID = fmt.Sprintf("AUTH%d", i+1)
		}
	}
	enum("case.platform", &m.Case.Platform, Platforms, "aliexpress")
	enum("case.type", &m.Case.Type, CaseTypes, "image-theft")
	enum("case.language", &m.Case.Language, Languages, "en")
	for i := range m.Trademarks {
		enum(fmt.Sprintf("trademarks[%d].status", i), &m.Trademarks[i].Status, TMStatuses, "registered")
	}
	for i := range m.Documents {
		enum(fmt.Sprintf("documents[%d].kind", i), &m.Documents[i].Kind, DocumentKinds, "other")
	}
	unique := func(kind string, n int, id func(int) string) {
		seen := map[string]int{}
		for i := range n {
			field := fmt.Sprintf("%s[%d].id", kind, i)
			v := strings.TrimSpace(id(i))
			if v == "" {
				continue
			}
			if j, dup := seen[v]; dup {
				d.fail(at(field), field, "id %q is already used by %s[%d]", v, kind, j)
			}
			seen[v] = i
		}
	}
	unique("listings", len(m.Listings), func(i int) string { return m.Listings[i].ID })
	unique("trademarks", len(m.Trademarks), func(i int) string { return m.Trademarks[i].ID })
	unique("authorizations", len(m.Authorizations), func(i int) string { return m.Authorizations[i].ID })
	listingIDs := map[string]bool{}
	for _, l := range m.Listings {
		listingIDs[l.ID] = true
	}
	for i, p := range m.Photos {
		field := fmt.Sprintf("photos[%d].listing", i)
		if p.Listing != "" && !listingIDs[p.Listing] {
			d.fail(at(field), field, "no listing has id %q", p.Listing)
		}
		if p.Path.Raw == "" {
			d.fail(at(fmt.Sprintf("photos[%d]", i)), fmt.Sprintf("photos[%d].path", i), "required: a photo file or a folder of photos")
		}
	}
	for i, doc := range m.Documents {
		if doc.Path.Raw == "" {
			d.fail(at(fmt.Sprintf("documents[%d]", i)), fmt.Sprintf("documents[%d].path", i), "required: the document's file")
		}
	}
	tmIDs := map[string]bool{}
	for _, t := range m.Trademarks {
		tmIDs[t.ID] = true
	}
	for i, a := range m.Authorizations {
		for j, tm := range a.Trademarks {
			field := fmt.Sprintf("authorizations[%d].trademarks[%d]", i, j)
			if !tmIDs[tm] {
				d.fail(at(field), field, "no trademark has id %q", tm)
			}
		}
		if !a.From.IsZero() && !a.To.IsZero() && a.To.Before(a.From) {
			field := fmt.Sprintf("authorizations[%d].to", i)
			d.fail(at(field), field, "ends (%s) before it starts (%s)", a.To, a.From)
		}
	}
}
