package strictyaml

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"go.yaml.in/yaml/v3"
)

// explain turns a YAML syntax error into advice a person who never wrote
// YAML can follow, at the line that is wrong (the parser often names the
// start of the enclosing block instead): a tab used to indent, a value
// holding ": " or an unclosed quote, a missing ": " or a missing space
// after "-", a line indented unlike its neighbours. e.Line is the
// parser's line; e is changed in place. Errors it does not recognise keep
// the parser's words.
func explain(data []byte, e *Error) {
	if len(data) > maxExplained {
		return // not a hand-written file: keep the parser's words
	}
	lines := splitLines(data)
	line := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return lines[n-1]
	}
	set := func(n, col int, msg string) {
		e.Line, e.Col, e.Msg = n, col, msg
	}
	// Tabs in the indentation break every YAML parser, wherever the
	// parser says the error is.
	for i, l := range lines {
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if j := strings.IndexByte(indent, '\t'); j >= 0 {
			set(i+1, j+1, "a tab indents this line; case.yaml indents with spaces only: replace the tab with spaces (two per level)")
			return
		}
	}
	msg := e.Msg
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		l := line(e.Line)
		if _, value, ok := strings.Cut(l, ": "); ok {
			if j := strings.Index(value, ": "); j >= 0 {
				col := utf8.RuneCountInString(l[:len(l)-len(value)+j]) + 1
				set(e.Line, col, "the value holds \": \", which YAML reads as the start of another field: put the whole value in double quotes, e.g. "+
					quoteExample(l))
				return
			}
		}
		if p := previousContent(lines, e.Line); p > 0 && !strings.Contains(line(p), ":") && !isItem(line(p)) {
			set(p, indentOf(line(p))+1, "this line has no \": \" between the field name and its value (write name: value)")
			return
		}
		set(e.Line, indentOf(line(e.Line))+1, indentMsg(lines, e.Line))
	case strings.Contains(msg, "found unexpected end of stream") || strings.Contains(msg, "found unknown escape character"):
		l := line(e.Line)
		if q := strings.IndexAny(l, `"'`); q >= 0 && (strings.Count(l, `"`)%2 == 1 || strings.Count(l, "'")%2 == 1) {
			set(e.Line, utf8.RuneCountInString(l[:q])+1, "a quoted value starts here and is not closed: end it with the same quote mark on this line")
		}
	case unclosedFlow(lines, e.Line) > 0:
		n := unclosedFlow(lines, e.Line)
		l := line(n)
		if _, hash := splitComment(l); hash >= 0 && strings.ContainsAny(l[hash:], "]}") {
			set(n, utf8.RuneCountInString(l[:hash])+1, "this \"#\" starts a comment, which hides the rest of the line with its closing bracket: "+
				"put the value that holds it in double quotes (e.g. title: \"Case #5\")")
			return
		}
		open, closing := "[", "]"
		if strings.LastIndex(l, "{") > strings.LastIndex(l, "[") {
			open, closing = "{", "}"
		}
		set(n, utf8.RuneCountInString(l[:strings.LastIndex(l, open)])+1,
			"the \""+open+"\" opened here is not closed: end it with \""+closing+"\" (and separate its items with \", \")")
	case strings.Contains(msg, "did not find expected"), strings.Contains(msg, "could not find expected"),
		strings.Contains(msg, "block sequence entries are not allowed"), strings.Contains(msg, "did not find expected key"):
		if n := firstFailingLine(lines, e.Line); n > 0 {
			l := line(n)
			t := strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(t, "-") && len(t) > 1 && t[1] != ' ':
				set(n, indentOf(l)+2, "put a space after \"-\" to start a list item (\"- path: ...\")")
			case !strings.Contains(t, ":") && !isItem(l):
				set(n, indentOf(l)+1, "this line has no \": \" between the field name and its value (write name: value)")
			default:
				set(n, indentOf(l)+1, indentMsg(lines, n))
			}
		}
	}
}

// maxExplained is the largest text whose syntax errors are explained:
// explaining may parse parts of the text a few hundred times. A case.yaml
// is a few KB.
const maxExplained = 64 << 10

// firstFailingLine finds the first line from start on whose inclusion
// makes the text fail to parse for a reason other than its being cut
// short; 0 when none is found quickly.
func firstFailingLine(lines []string, start int) int {
	const budget = 1 << 20 // bytes parsed at most, all prefixes together
	spent := 0
	for k := max(start, 1); k <= len(lines); k++ {
		prefix := strings.Join(lines[:k], "\n")
		if spent += len(prefix); spent > budget {
			return 0
		}
		var n yaml.Node
		err := yaml.Unmarshal([]byte(prefix), &n)
		if err != nil && !strings.Contains(err.Error(), "end of stream") && !strings.Contains(err.Error(), "did not find expected ',' or") {
			return k
		}
	}
	return 0
}

// unclosedFlow returns the first line from start on that opens a "[" or
// "{" never closed before the end of the text, or 0.
func unclosedFlow(lines []string, start int) int {
	// balance[i] is the brackets opened and not closed by line i+1;
	// after[i] the same from line i+1 to the end.
	balance := make([]int, len(lines))
	for i, l := range lines {
		l, _ = splitComment(l)
		balance[i] = strings.Count(l, "[") + strings.Count(l, "{") - strings.Count(l, "]") - strings.Count(l, "}")
	}
	after := make([]int, len(lines)+1)
	for i := len(lines) - 1; i >= 0; i-- {
		after[i] = after[i+1] + balance[i]
	}
	for n := max(start, 1); n <= len(lines); n++ {
		if after[n-1] > 0 && balance[n-1] > 0 {
			return n
		}
	}
	return 0
}

// splitComment returns a line without its comment, and the byte index of
// the "#" starting the comment (-1 for none): a "#" at the start or after
// a space, outside quotes.
func splitComment(l string) (string, int) {
	var quote byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t'):
			return l[:i], i
		}
	}
	return l, -1
}

func indentOf(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

func isItem(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "- ") }

// previousContent returns the nearest line before n that is neither
// blank nor a comment, or 0.
func previousContent(lines []string, n int) int {
	for p := n - 1; p >= 1; p-- {
		t := strings.TrimSpace(lines[p-1])
		if t != "" && !strings.HasPrefix(t, "#") {
			return p
		}
	}
	return 0
}

// splitLines splits text at YAML's line breaks (LF, CRLF and a lone CR),
// so that line n is the line the parser numbers n.
func splitLines(data []byte) []string {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
}

// indentMsg says how a line's indentation differs from the lines before it.
func indentMsg(lines []string, n int) string {
	if n < 1 || n > len(lines) {
		return "YAML cannot read this line: check its indentation against the lines above, its \": \" and its quotes"
	}
	got := indentOf(lines[n-1])
	p := previousContent(lines, n)
	if p > 0 && indentOf(lines[p-1]) == got {
		return "YAML cannot read this line: check its indentation against the lines above, its \": \" and its quotes"
	}
	if p == 0 {
		return "this line is indented unlike the lines around it: fields of one entry start in the same column, and a list item's fields line up after \"- \""
	}
	return "this line is indented by " + spaces(got) + ", unlike the lines around it (the line before is indented by " + spaces(indentOf(lines[p-1])) +
		"): fields of one entry start in the same column, and a list item's fields line up after \"- \""
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return strconv.Itoa(n) + " spaces"
}

// quoteExample rewrites "key: a: b" as `key: "a: b"`.
func quoteExample(l string) string {
	key, value, _ := strings.Cut(strings.TrimSpace(l), ": ")
	return key + ": \"" + strings.ReplaceAll(strings.TrimSpace(value), `"`, `\"`) + "\""
}

// commentInValue reports a plain value followed on its line by "#" and no
// space, as in "title: Case #5 earbuds": YAML keeps "Case" and drops the
// rest as a comment, which the writer did not mean.
func commentInValue(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Style == 0 && len(n.LineComment) > 1 && n.LineComment[0] == '#' &&
		n.LineComment[1] != ' ' && n.LineComment[1] != '\t'
}

// excerpt shows line n of data with a caret under column col (1-based,
// in characters), for error messages:
//
//	4 |   complainant: Foo: Bar Co.
//	  |                   ^
func excerpt(data []byte, n, col int) string {
	lines := splitLines(data)
	if n < 1 || n > len(lines) {
		return ""
	}
	l := strings.ReplaceAll(lines[n-1], "\t", " ")
	r := []rune(l)
	col = min(max(col, 1), len(r)+1)
	num := strconv.Itoa(n)
	pad := strings.Repeat(" ", len(num))
	return "  " + num + " | " + l + "\n  " + pad + " | " + strings.Repeat(" ", runewidth.StringWidth(string(r[:col-1]))) + "^"
}
