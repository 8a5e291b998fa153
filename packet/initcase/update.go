package initcase

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"appealpacket/packet/manifest"
)

// BackupName is where init keeps the previous case.yaml before it updates
// or replaces it.
const BackupName = manifest.FileName + ".bak"

// Gone is a file case.yaml names that is no longer in the folder.
type Gone struct {
	Path  string // as written in case.yaml
	Field string // e.g. "photos[3].path"
	Line  int    // its line in case.yaml
}

// listed returns the files an existing case.yaml names (slash-separated,
// cleaned, relative to the case folder; a photo entry naming a folder
// names the pictures in it), and those no longer in the folder (from
// Load's problems).
func listed(m *manifest.Manifest, problems []manifest.Problem) (map[string]bool, []Gone) {
	names := map[string]bool{}
	add := func(p manifest.Path) {
		if strings.TrimSpace(p.Raw) != "" {
			names[path.Clean(strings.ReplaceAll(p.Raw, `\`, "/"))] = true
		}
	}
	for _, l := range m.Listings {
		for _, img := range l.Images {
			add(img.Path)
		}
	}
	for _, p := range m.Photos {
		add(p.Path)
	}
	for _, t := range m.Trademarks {
		for _, f := range t.Files {
			add(f)
		}
		add(t.Translation)
	}
	for _, a := range m.Authorizations {
		for _, f := range a.Files {
			add(f)
		}
		add(a.Translation)
	}
	for _, d := range m.Documents {
		add(d.Path)
		add(d.Translation)
	}
	var gone []Gone
	for _, p := range problems {
		if p.Code == manifest.FileMissing && strings.TrimSpace(p.Path.Raw) != "" {
			gone = append(gone, Gone{Path: p.Path.Raw, Field: p.Field, Line: p.Path.Pos.Line})
		}
	}
	return names, gone
}

// renumber gives the trademarks and authorizations of add ids that old
// does not use (TM3 after TM1 and TM2), and makes each new letter name
// every mark of the case, old and new, as Draft does for a new case.
func renumber(old, add *manifest.Manifest) {
	used := map[string]bool{}
	var oldTMs []string
	for _, t := range old.Trademarks {
		used[t.ID] = true
		oldTMs = append(oldTMs, t.ID)
	}
	for _, a := range old.Authorizations {
		used[a.ID] = true
	}
	fresh := func(prefix string) string {
		for n := 1; ; n++ {
			if id := prefix + strconv.Itoa(n); !used[id] {
				used[id] = true
				return id
			}
		}
	}
	var newTMs []string
	for i := range add.Trademarks {
		add.Trademarks[i].ID = fresh("TM")
		newTMs = append(newTMs, add.Trademarks[i].ID)
	}
	for i := range add.Authorizations {
		add.Authorizations[i].ID = fresh("AUTH")
		add.Authorizations[i].Trademarks = slices.Concat(oldTMs, newTMs)
	}
}

// listSections are the lists init adds to, in the order Render writes them.
var listSections = []string{"listings", "photos", "trademarks", "authorizations", "documents"}

// merge adds the entries of rendered (case.yaml text that Render wrote for
// the new files only) to the text of an existing case.yaml, without
// changing a byte of what is there: new photos, trademarks,
// authorizations and documents go at the end of their lists (or in a new
// list at the end of the file), new listing pictures at the end of the
// first listing's images. listingNote, when not empty, is a comment
// written above the new listing pictures.
func merge(old, rendered []byte, listingNote, added string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(old, &doc); err != nil {
		return nil, fmt.Errorf("read %s: %w", manifest.FileName, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s is not a mapping of listSections (case:, photos: ...)", manifest.FileName)
	}
	root := doc.Content[0]
	lines := strings.SplitAfter(string(old), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += "\n"
	}
	bodies := renderedBodies(string(rendered))

	type insertion struct {
		at    int // index in lines before which text goes
		text  []string
		order int // keeps insertions at the same place in section order
	}
	var ins []insertion
	var tail []string // new listSections, at the end of the file
	for order, name := range listSections {
		body := bodies[name]
		if len(body) == 0 {
			continue
		}
		key, value := lookup(root, name)
		switch {
		case key == nil || value.Kind == yaml.ScalarNode && value.Tag == "!!null":
			if key != nil { // "photos:" with nothing under it
				ins = append(ins, insertion{at: key.Line, text: body, order: order})
				continue
			}
			tail = append(tail, name+":\n")
			tail = append(tail, body...)
			continue
		case value.Kind != yaml.SequenceNode || value.Style&yaml.FlowStyle != 0:
			return nil, fmt.Errorf("%s:%d: %s: is not written as a list of \"- \" entries; write it so, or add the new files by hand", manifest.FileName, key.Line, name)
		}
		if name == "listings" {
			images := listingImages(body)
			first := value.Content[0]
			_, imgs := lookup(first, "images")
			if imgs != nil && imgs.Kind == yaml.SequenceNode && imgs.Style&yaml.FlowStyle != 0 && len(images) > 0 {
				if l, ok := extendFlow(lines[imgs.Line-1], imgs, images, cmp.Or(listingNote, added)); ok {
					lines[imgs.Line-1] = l
					continue
				}
			}
			if imgs != nil && imgs.Kind == yaml.SequenceNode && imgs.Style&yaml.FlowStyle == 0 && len(imgs.Content) > 0 && len(images) > 0 {
				dash := dashColumn(lines, imgs) - 1
				text := shift(images, dash-2)
				if listingNote != "" {
					text = slices.Insert(text, 0, strings.Repeat(" ", dash)+"# "+oneLine(listingNote)+"\n")
				}
				at := endOf(lines, lastLine(imgs), dash)
				ins = append(ins, insertion{at: at, text: text, order: order})
				continue
			}
			if first.Kind == yaml.MappingNode && len(first.Content) > 0 && len(images) > 0 &&
				(imgs == nil || imgs.Kind == yaml.ScalarNode && imgs.Tag == "!!null") {
				// The first listing (the draft's TODO one, say) has no
				// pictures yet: they become its images, not a second
				// listing with the same TODO id.
				indent := first.Content[0].Column - 1
				text := shift(images, indent)
				if listingNote != "" {
					text = slices.Insert(text, 0, strings.Repeat(" ", indent+2)+"# "+oneLine(listingNote)+"\n")
				}
				at := 0
				if imgs == nil {
					text = slices.Insert(text, 0, strings.Repeat(" ", indent)+"images:\n")
					at = endOf(lines, lastLine(first), indent-1)
				} else {
					at = endOf(lines, imgs.Line, indent)
				}
				ins = append(ins, insertion{at: at, text: text, order: order})
				continue
			}
		}
		dash := dashColumn(lines, value) - 1
		ins = append(ins, insertion{at: endOf(lines, lastLine(value), dash), text: shift(body, dash-2), order: order})
	}
	slices.SortStableFunc(ins, func(a, b insertion) int {
		if a.at != b.at {
			return b.at - a.at // from the end, so earlier indexes stay right
		}
		return b.order - a.order
	})
	for _, in := range ins {
		lines = slices.Insert(lines, in.at, in.text...)
	}
	if len(tail) > 0 {
		lines = append(lines, "\n")
		lines = append(lines, tail...)
	}
	return []byte(strings.Join(lines, "")), nil
}

// extendFlow adds the pictures of images (rendered entries, "- path  #
// note") to a list written on one line ("images: [a.jpg, b.jpg]"), their
// notes in a comment at the end of the line. It does not when the list
// spans lines or the line has a comment already. note opens the comment.
func extendFlow(line string, seq *yaml.Node, images []string, note string) (string, bool) {
	for _, c := range seq.Content {
		if c.Line != seq.Line || c.Kind != yaml.ScalarNode {
			return "", false
		}
	}
	body := strings.TrimRight(line, "\r\n")
	end := strings.LastIndex(body, "]")
	if end < 0 || end < seq.Column-1 || strings.Contains(body[end:], "#") {
		return "", false
	}
	var paths, notes []string
	for _, img := range images {
		entry, comment, _ := strings.Cut(strings.TrimSpace(img), "  # ")
		entry = strings.TrimSpace(strings.TrimPrefix(entry, "- "))
		paths = append(paths, entry)
		if comment != "" {
			unquoted, err := strconv.Unquote(entry)
			if err != nil {
				unquoted = entry
			}
			notes = append(notes, unquoted+": "+strings.TrimSpace(comment))
		}
	}
	sep := ", "
	if len(seq.Content) == 0 {
		sep = ""
	}
	out := body[:end] + sep + strings.Join(paths, ", ") + body[end:]
	comments := append([]string{note}, notes...)
	out += "  # " + oneLine(strings.Join(comments, "; "))
	return out + line[len(body):], true
}

// renderedBodies splits text written by Render into the lines under each
// top-level key (comments between its entries included), as written:
// entries at indent 2.
func renderedBodies(text string) map[string][]string {
	out := map[string][]string{}
	cur := ""
	for _, l := range strings.SplitAfter(text, "\n") {
		switch {
		case l == "":
		case l[0] != ' ' && l[0] != '#' && l[0] != '\n':
			cur, _, _ = strings.Cut(l, ":")
		case cur != "" && l[0] == ' ':
			out[cur] = append(out[cur], l)
		}
	}
	return out
}

// listingImages returns the lines of the first listing's images in a
// rendered listings body, moved to indent 2 (their dash at column 3).
func listingImages(body []string) []string {
	var out []string
	in := false
	for _, l := range body {
		trimmed := strings.TrimLeft(l, " ")
		indent := len(l) - len(trimmed)
		switch {
		case !in && indent == 4 && strings.HasPrefix(trimmed, "images:"):
			in = true
		case in && indent > 4:
			out = append(out, l)
		case in:
			return shift(out, -4)
		}
	}
	return shift(out, -4)
}

// shift moves lines right by n spaces, or left by -n (never past their
// text).
func shift(lines []string, n int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		switch {
		case n > 0:
			out[i] = strings.Repeat(" ", n) + l
		case n < 0:
			k := min(-n, len(l)-len(strings.TrimLeft(l, " ")))
			out[i] = l[k:]
		default:
			out[i] = l
		}
	}
	return out
}

// lookup returns the key and value nodes of name in mapping m.
func lookup(m *yaml.Node, name string) (key, value *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// lastLine is the last line (1-based) a node's values are on.
func lastLine(n *yaml.Node) int {
	last := n.Line
	if n.Kind == yaml.ScalarNode && (n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || strings.Contains(n.Value, "\n")) {
		last += strings.Count(n.Value, "\n") // a multi-line text: at least as many lines
	}
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}

// endOf returns the index in lines after a list whose entries' dash is
// indented by dash and whose last value is on line last (1-based): past
// the lines indented deeper (comments under its last entry, more lines of
// a multi-line text), not past blank lines or anything at the list's
// indentation or less (what follows, and the comments that lead to it).
func endOf(lines []string, last, dash int) int {
	end := last // index of the line after line last
	for k := last; k < len(lines); k++ {
		l := strings.TrimRight(lines[k], "\r\n")
		trimmed := strings.TrimLeft(l, " ")
		switch {
		case strings.TrimSpace(l) == "":
			continue
		case len(l)-len(trimmed) > dash:
			end = k + 1
		default:
			return end
		}
	}
	return end
}

// dashColumn is the column (1-based) of the "-" of a block list's first
// entry.
func dashColumn(lines []string, seq *yaml.Node) int {
	if len(seq.Content) == 0 {
		return 3
	}
	first := seq.Content[0]
	if first.Line-1 < len(lines) {
		l := lines[first.Line-1]
		if i := strings.LastIndex(l[:min(len(l), max(first.Column-1, 0))], "-"); i >= 0 {
			return i + 1
		}
	}
	return max(first.Column-2, 1)
}
