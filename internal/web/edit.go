package web

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"appealpacket/packet/manifest"
)

// Field is one value of case.yaml that the form shows: a scalar under a
// mapping, named by its path ("case.id", "listings[0].title").
type Field struct {
	Path     string
	Section  string // the top-level key: case, seller, listings, ...
	Key      string // the last key
	Value    string
	Help     string // the comments around the key in case.yaml
	Line     int    // the key's line in case.yaml (1-based)
	Col      int    // the key's column (1-based)
	Sample   string // Optional: the value the comment suggests
	Optional bool   // a commented-out line ("# sublicense: true") that a value uncomments
	TODO     bool   // the value is init's placeholder
	Editable bool   // a one-line scalar the form can rewrite
	List     bool   // a one-line list of scalars ("a, b" in the form)
}

// Fields lists the scalar values of a case.yaml's text, in file order.
func Fields(data []byte) ([]Field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("reading case.yaml: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil
	}
	var out []Field
	var walk func(n *yaml.Node, path, section string, help string)
	walk = func(n *yaml.Node, path, section, help string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := k.Value
				if path != "" {
					p = path + "." + k.Value
				}
				sec := section
				if sec == "" {
					sec = k.Value
				}
				h := comment(k.HeadComment, k.LineComment, v.LineComment)
				if v.Kind == yaml.ScalarNode {
					out = append(out, Field{Path: p, Section: sec, Key: k.Value, Value: v.Value, Help: h, Line: k.Line, Col: k.Column,
						TODO: strings.HasPrefix(v.Value, "TODO"), Editable: oneLine(v)})
					continue
				}
				if v.Kind == yaml.SequenceNode && v.Style == yaml.FlowStyle && scalars(v) {
					vals := make([]string, len(v.Content))
					for i, c := range v.Content {
						vals[i] = c.Value
					}
					out = append(out, Field{Path: p, Section: sec, Key: k.Value, Value: strings.Join(vals, ", "), Help: h, Line: k.Line, Col: k.Column,
						TODO: slices.ContainsFunc(vals, func(s string) bool { return strings.HasPrefix(s, "TODO") }), Editable: v.Line == k.Line, List: true})
					continue
				}
				walk(v, p, sec, h)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if c.Kind == yaml.MappingNode {
					walk(c, fmt.Sprintf("%s[%d]", path, i), section, "")
				}
			}
		}
	}
	walk(doc.Content[0], "", "", "")
	return withOptional(out, data), nil
}

// optionalLine is a commented-out key init offers: "# TODO: classes: [9]
// (the Nice classes ...)" or "# sublicense: true   (if ...)", in a
// Chinese case.yaml with full-width brackets: "（证书上的尼斯分类）".
var optionalLine = regexp.MustCompile(`^(\s*)#\s*(?:TODO[:：]\s*)?([a-z_]+):\s*(.+?)\s*[(（](.+)[)）]\s*$`)

type optional struct {
	line   int // 0-based
	indent string
	key    string
	sample string
	help   string
}

// optionals finds the commented-out keys of text, each with the path of
// the mapping it belongs to (the nearest field above at its indentation).
func optionals(fields []Field, data []byte) map[string]optional {
	out := map[string]optional{}
	for i, l := range strings.Split(string(data), "\n") {
		m := optionalLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		parent := ""
		for _, f := range fields {
			if f.Line > i+1 {
				break
			}
			if f.Col == len(m[1])+1 && !f.Optional {
				parent = strings.TrimSuffix(f.Path, f.Key)
			}
		}
		if parent == "" {
			continue
		}
		out[parent+m[2]] = optional{i, m[1], m[2], m[3], m[4]}
	}
	return out
}

// withOptional inserts the commented-out keys among the fields, in line
// order.
func withOptional(fields []Field, data []byte) []Field {
	opts := optionals(fields, data)
	if len(opts) == 0 {
		return fields
	}
	for path, o := range opts {
		at := len(fields)
		for j, f := range fields {
			if f.Line > o.line+1 {
				at = j
				break
			}
		}
		sec := ""
		if at > 0 {
			sec = fields[at-1].Section
		}
		f := Field{Path: path, Section: sec, Key: o.key, Help: o.help, Line: o.line + 1,
			Col: len(o.indent) + 1, Optional: true, Sample: o.sample, Editable: true, List: strings.HasPrefix(o.sample, "[")}
		fields = slices.Insert(fields, at, f)
	}
	return fields
}

func comment(parts ...string) string {
	var lines []string
	for _, p := range parts {
		for _, l := range strings.Split(p, "\n") {
			if optionalLine.MatchString(l) {
				continue // offered as a field of its own
			}
			l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "#"))
			if l != "" {
				lines = append(lines, l)
			}
		}
	}
	return strings.Join(lines, " ")
}

func oneLine(v *yaml.Node) bool {
	return v.Kind == yaml.ScalarNode && (v.Style == 0 || v.Style == yaml.DoubleQuotedStyle || v.Style == yaml.SingleQuotedStyle) &&
		!strings.Contains(v.Value, "\n") && v.Tag != "!!null" || (v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "")
}

func scalars(seq *yaml.Node) bool {
	for _, c := range seq.Content {
		if c.Kind != yaml.ScalarNode || strings.Contains(c.Value, "\n") {
			return false
		}
	}
	return true
}

// SetValues rewrites the values of the named fields in a case.yaml's text:
// only each value's own characters change, so comments, order and layout
// stay as they were. A path that is not an editable field is an error;
// an unchanged value is left alone.
func SetValues(data []byte, values map[string]string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("reading case.yaml: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("case.yaml is empty")
	}
	type edit struct {
		line, start, end int // line index, byte columns [start, end)
		text             string
	}
	lines := bytes.Split(data, []byte("\n"))
	var edits []edit
	var opts map[string]optional
	for path, val := range values {
		if strings.ContainsAny(val, "\n\r") {
			return nil, fmt.Errorf("%s: one line only", path)
		}
		if !utf8.ValidString(val) {
			return nil, fmt.Errorf("%s: not UTF-8 text", path)
		}
		if seq := findSeq(doc.Content[0], path); seq != nil {
			e, err := listEdit(lines, seq, val)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			if e != nil {
				edits = append(edits, edit{e.line, e.start, e.end, e.text})
			}
			continue
		}
		n := find(doc.Content[0], path)
		if n == nil && !strings.Contains(path[strings.LastIndexByte(path, '.')+1:], "[") {
			if opts == nil {
				fields, err := Fields(data)
				if err != nil {
					return nil, err
				}
				opts = optionals(fields, data)
			}
			if o, ok := opts[path]; ok {
				if val == "" {
					continue
				}
				// The comment's sample says the type: a plain value stays
				// plain (true, 9), anything else is quoted.
				enc := encode(val, true)
				if plainSafe.MatchString(val) {
					enc = val
				}
				text := o.indent + o.key + ": " + enc
				if strings.HasPrefix(o.sample, "[") {
					var items []string
					for _, it := range strings.Split(strings.Trim(val, "[]"), ",") {
						if it = strings.TrimSpace(it); it != "" {
							items = append(items, encode(it, true))
						}
					}
					text = o.indent + o.key + ": [" + strings.Join(items, ", ") + "]"
				}
				edits = append(edits, edit{o.line, 0, len(lines[o.line]), text})
				continue
			}
		}
		if n == nil || !oneLine(n) {
			return nil, fmt.Errorf("%s: not a value the form can change", path)
		}
		if n.Value == val || (val == "" && strings.HasPrefix(n.Value, "TODO")) {
			continue // an empty box of a TODO leaves it to fill in
		}
		li := n.Line - 1
		if li < 0 || li >= len(lines) {
			return nil, fmt.Errorf("%s: line %d out of the file", path, n.Line)
		}
		line := string(lines[li])
		start := byteColumn(line, n.Column-1)
		end, err := scalarEnd(line, start, n.Style)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		edits = append(edits, edit{li, start, end, encode(val, n.Style == 0)})
	}
	// Right to left within a line keeps the earlier columns valid.
	for i := range edits {
		for j := i + 1; j < len(edits); j++ {
			if edits[j].line == edits[i].line && edits[j].start > edits[i].start {
				edits[i], edits[j] = edits[j], edits[i]
			}
		}
	}
	for _, e := range edits {
		l := lines[e.line]
		rest := l[e.end:]
		// Keep a trailing comment in its column where the new value leaves room.
		if t := bytes.TrimLeft(rest, " "); len(t) > 0 && t[0] == '#' {
			col := e.end + len(rest) - len(t)
			pad := max(1, col-e.start-len(e.text))
			rest = append(bytes.Repeat([]byte(" "), pad), t...)
		}
		lines[e.line] = append(append(append([]byte{}, l[:e.start]...), e.text...), rest...)
	}
	return bytes.Join(lines, []byte("\n")), nil
}

type span struct {
	line, start, end int
	text             string
}

// listEdit rewrites a one-line flow list ("[a, b]") as the items of the
// comma-separated val; nil when nothing changes.
func listEdit(lines [][]byte, seq *yaml.Node, val string) (*span, error) {
	var items []string
	for _, it := range strings.Split(val, ",") {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	old := make([]string, len(seq.Content))
	for i, c := range seq.Content {
		old[i] = c.Value
	}
	if slices.Equal(old, items) || (len(items) == 0 && slices.ContainsFunc(old, func(s string) bool { return strings.HasPrefix(s, "TODO") })) {
		return nil, nil
	}
	li := seq.Line - 1
	if li < 0 || li >= len(lines) {
		return nil, fmt.Errorf("line %d out of the file", seq.Line)
	}
	line := string(lines[li])
	start := byteColumn(line, seq.Column-1)
	if start >= len(line) || line[start] != '[' {
		return nil, fmt.Errorf("not a one-line list")
	}
	end := -1
	for i := start + 1; i < len(line) && end < 0; i++ {
		switch line[i] {
		case '"', '\'':
			e, err := scalarEnd(line, i, map[byte]yaml.Style{'"': yaml.DoubleQuotedStyle, '\'': yaml.SingleQuotedStyle}[line[i]])
			if err != nil {
				return nil, err
			}
			i = e - 1
		case ']':
			end = i + 1
		}
	}
	if end < 0 {
		return nil, fmt.Errorf("not a one-line list")
	}
	quoted := make([]string, len(items))
	for i, it := range items {
		wasPlain := true
		if len(seq.Content) > 0 {
			wasPlain = seq.Content[0].Style == 0
		}
		quoted[i] = encode(it, wasPlain)
	}
	return &span{li, start, end, "[" + strings.Join(quoted, ", ") + "]"}, nil
}

// findSeq returns the one-line flow list of scalars at path, or nil.
func findSeq(root *yaml.Node, path string) *yaml.Node {
	i := strings.LastIndexByte(path, '.')
	parent := root
	if i >= 0 {
		parent = findNode(root, path[:i])
	}
	if parent == nil {
		return nil
	}
	n := find2(parent, path[i+1:])
	if n == nil || n.Kind != yaml.SequenceNode || n.Style != yaml.FlowStyle || !scalars(n) {
		return nil
	}
	return n
}

// find returns the scalar value at path, or nil.
func find(n *yaml.Node, path string) *yaml.Node {
	n = findNode(n, path)
	if n == nil || n.Kind != yaml.ScalarNode {
		return nil
	}
	return n
}

// findNode returns the node at path, or nil.
func findNode(n *yaml.Node, path string) *yaml.Node {
	for _, part := range strings.Split(path, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i > 0 && strings.HasSuffix(part, "]") {
			k, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil {
				return nil
			}
			name, idx = part[:i], k
		}
		if n.Kind != yaml.MappingNode {
			return nil
		}
		next := find2(n, name)
		if next == nil {
			return nil
		}
		if idx >= 0 {
			if next.Kind != yaml.SequenceNode || idx >= len(next.Content) {
				return nil
			}
			next = next.Content[idx]
		}
		n = next
	}
	return n
}

// byteColumn converts yaml's rune column to a byte offset.
func byteColumn(line string, runes int) int {
	for i := range line {
		if runes == 0 {
			return i
		}
		runes--
	}
	return len(line)
}

// scalarEnd finds where the scalar starting at start ends.
func scalarEnd(line string, start int, style yaml.Style) (int, error) {
	if start > len(line) {
		return 0, fmt.Errorf("value out of its line")
	}
	switch style {
	case yaml.DoubleQuotedStyle:
		for i := start + 1; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '"':
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("unterminated quoted value")
	case yaml.SingleQuotedStyle:
		for i := start + 1; i < len(line); i++ {
			if line[i] == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("unterminated quoted value")
	}
	end := len(line)
	if i := strings.Index(line[start:], " #"); i >= 0 {
		end = start + i
	}
	return start + len(strings.TrimRight(line[start:end], " \t")), nil
}

var plainSafe = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ._/()+-]*$`)

// encode writes val as a YAML scalar: plain where it was plain and stays
// unambiguous text, else double-quoted.
func encode(val string, wasPlain bool) string {
	if wasPlain && plainSafe.MatchString(val) && !strings.HasSuffix(val, " ") {
		switch strings.ToLower(val) {
		case "true", "false", "yes", "no", "on", "off", "null", "~":
		default:
			return val
		}
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range val {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// PhotoGroup is a run of photos entries under one comment of case.yaml
// (init writes one per camera and day: "Canon EOS 90D, 2023-10-14: 2 photos").
type PhotoGroup struct {
	Title string
	Paths []string
}

// Photos lists the photos entries of a case.yaml's text by group.
func Photos(data []byte) []PhotoGroup {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	seq := find2(doc.Content[0], "photos")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil
	}
	var out []PhotoGroup
	for _, item := range seq.Content {
		head := item.HeadComment
		if item.Kind == yaml.MappingNode && len(item.Content) > 0 && head == "" {
			head = item.Content[0].HeadComment
		}
		if t := comment(head); t != "" || len(out) == 0 {
			out = append(out, PhotoGroup{Title: t})
		}
		if p := find(item, "path"); p != nil && item.Kind == yaml.MappingNode {
			out[len(out)-1].Paths = append(out[len(out)-1].Paths, p.Value)
		}
	}
	return out
}

func find2(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	// A key given twice is ambiguous: neither is found.
	var v *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			if v != nil {
				return nil
			}
			v = n.Content[i+1]
		}
	}
	return v
}

// checkParses refuses an edit that leaves case.yaml unreadable.
func checkParses(data []byte) error {
	if _, err := manifest.Parse(data, "case.yaml"); err != nil {
		return fmt.Errorf("case.yaml would not read: %w", err)
	}
	return nil
}
