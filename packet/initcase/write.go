package initcase

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"appealpacket/internal/i18n"
	"appealpacket/packet/manifest"
)

// Notes are the comments Render adds about particular files and around the
// manifest. They are not part of the manifest: loading the written file and
// rendering it again gives the same text except for these comments.
type Notes struct {
	// Header replaces the default comment at the top of the file.
	Header []string
	// File is a comment after a file's line, keyed by the path as written
	// (manifest.Path.Raw).
	File map[string]string
	// Before holds comment lines written before a photo's entry, keyed by
	// its path as written (the camera-and-day groups).
	Before map[string][]string
	// Footer is written at the end of the file.
	Footer []string
	// Read marks the fields filled in from a paper's text, keyed like
	// "trademarks[0].number": their comment says to check them.
	Read map[string]bool
	// Lang is the language of the comments Render writes.
	Lang i18n.Lang
}

// commentColumn is where trailing comments start when the line is shorter.
const commentColumn = 36

// Render writes m as case.yaml text: block style, every text value
// double-quoted, every field that is set and none that is not (zero dates,
// empty text and lists, false), in the order of the manifest reference,
// with short comments that explain the fields and say what to fill in for
// each date that is missing. notes (may be nil) adds comments about files.
//
// Render(manifest.Parse(Render(m, notes))) equals Render(m, nil) for every
// manifest m that Parse accepts, apart from comments: writing, loading and
// writing again changes nothing but comments.
func Render(m *manifest.Manifest, notes *Notes) []byte {
	if notes == nil {
		notes = &Notes{}
	}
	w := &writer{notes: notes}
	header := notes.Header
	if header == nil {
		header = defaultHeader(notes.Lang, "CASE_DIR")
	}
	for _, h := range header {
		w.comment(0, h)
	}
	w.line(0, "version: "+strconv.Itoa(m.Version), "")

	c := m.Case
	w.line(0, "case:", "")
	w.str(1, "id", c.ID, w.t("case.id"))
	w.plain(1, "platform", c.Platform, strings.Join(manifest.Platforms, " | "))
	w.plain(1, "type", c.Type, strings.Join(manifest.CaseTypes, " | "))
	w.date(1, "complaint_date", c.ComplaintDate, w.t("case.complaint_date"))
	w.str(1, "complainant", c.Complainant, w.t("case.complainant"))
	w.plain(1, "language", c.Language, w.t("case.language"))
	w.str(1, "statement", c.Statement, "")
	if !c.Prepared.IsZero() {
		w.plain(1, "prepared", c.Prepared.String(), "")
	}
	if p := c.Penalty; p != nil {
		if p.Points == 0 && p.FrozenFunds == "" {
			w.line(1, "penalty: {}", "")
		} else {
			w.line(1, "penalty:", "")
			if p.Points != 0 {
				w.plain(2, "points", strconv.Itoa(p.Points), "")
			}
			w.str(2, "frozen_funds", p.FrozenFunds, "")
		}
	}

	s := m.Seller
	w.line(0, "seller:", "")
	w.str(1, "legal_name", s.LegalName, w.t("seller.legal_name"))
	w.str(1, "store", s.Store, w.t("seller.store"))
	w.str(1, "store_id", s.StoreID, w.t("seller.store_id"))
	w.strs(1, "aliases", s.Aliases, "")

	if len(m.Listings) > 0 {
		w.line(0, "listings:", w.t("listings"))
		for _, l := range m.Listings {
			w.item()
			w.str(2, "id", l.ID, w.t("listings.id"))
			w.str(2, "title", l.Title, "")
			w.str(2, "url", l.URL, "")
			w.date(2, "published", l.Published, w.t("listings.published"))
			images := make([]manifest.Path, len(l.Images))
			for i, img := range l.Images {
				images[i] = img.Path
			}
			w.paths(2, "images", images, w.t("listings.images"))
			if len(l.Trademarks) > 0 {
				w.strs(2, "trademarks", l.Trademarks, w.t("listings.trademarks"))
			} else if len(m.Trademarks) > 0 {
				w.comment(2, w.t("listings.trademarks.todo"))
			}
		}
	}

	if len(m.Photos) > 0 {
		w.line(0, "photos:", w.t("photos"))
		for _, p := range m.Photos {
			for _, b := range notes.Before[p.Path.Raw] {
				w.comment(1, b)
			}
			w.item()
			w.line(2, "path: "+quote(p.Path.Raw), notes.File[p.Path.Raw])
			w.str(2, "listing", p.Listing, "")
			w.str(2, "note", p.Note, "")
		}
	}

	if len(m.Trademarks) > 0 {
		w.line(0, "trademarks:", "")
		for i, t := range m.Trademarks {
			key := fmt.Sprintf("trademarks[%d].", i)
			w.item()
			w.str(2, "id", t.ID, "")
			w.str(2, "mark", t.Mark, notes.note(key+"mark", w.t("tm.mark")))
			w.str(2, "number", t.Number, notes.note(key+"number", w.t("tm.number")))
			w.str(2, "office", t.Office, notes.note(key+"office", w.t("tm.office")))
			if len(t.Classes) > 0 {
				cs := make([]string, len(t.Classes))
				for i, n := range t.Classes {
					cs[i] = strconv.Itoa(n)
				}
				w.line(2, "classes: ["+strings.Join(cs, ", ")+"]", notes.note(key+"classes", ""))
			} else {
				w.comment(2, w.t("tm.classes"))
			}
			w.str(2, "owner", t.Owner, notes.note(key+"owner", w.t("tm.owner")))
			w.plain(2, "status", t.Status, w.t("tm.status"))
			if !t.Filed.IsZero() {
				w.plain(2, "filed", t.Filed.String(), "")
			}
			w.date(2, "registered", t.Registered, w.t("tm.registered"), notes.note(key+"registered", ""))
			w.date(2, "expires", t.Expires, w.t("tm.expires"), notes.note(key+"expires", ""))
			w.paths(2, "files", t.Files, w.t("tm.files"))
		}
	}

	if len(m.Authorizations) > 0 {
		w.line(0, "authorizations:", w.t("auth"))
		for i, a := range m.Authorizations {
			key := fmt.Sprintf("authorizations[%d].", i)
			w.item()
			w.str(2, "id", a.ID, "")
			w.str(2, "grantor", a.Grantor, notes.note(key+"grantor", w.t("auth.grantor")))
			w.str(2, "grantee", a.Grantee, notes.note(key+"grantee", w.t("auth.grantee")))
			if len(a.Trademarks) > 0 {
				w.strs(2, "trademarks", a.Trademarks, w.t("auth.trademarks"))
			} else if len(m.Trademarks) > 0 {
				w.comment(2, w.t("auth.trademarks.todo"))
			} else {
				w.comment(2, w.t("auth.trademarks.none"))
			}
			w.strs(2, "platforms", a.Platforms, notes.note(key+"platforms", w.t("auth.platforms")))
			w.strs(2, "territories", a.Territories, notes.note(key+"territories", w.t("auth.territories")))
			w.str(2, "goods", a.Goods, w.t("auth.goods"))
			if a.Sublicense {
				w.line(2, "sublicense: true", notes.note(key+"sublicense", ""))
			} else {
				w.comment(2, w.t("auth.sublicense"))
			}
			w.date(2, "from", a.From, w.t("auth.from"), notes.note(key+"from", ""))
			w.date(2, "to", a.To, w.t("auth.to"), notes.note(key+"to", ""))
			w.paths(2, "files", a.Files, w.t("auth.files"))
		}
	}

	if len(m.Documents) > 0 {
		w.line(0, "documents:", "")
		for i, d := range m.Documents {
			key := fmt.Sprintf("documents[%d].", i)
			w.item()
			w.line(2, "path: "+quote(d.Path.Raw), notes.File[d.Path.Raw])
			w.plain(2, "kind", d.Kind, strings.Join(manifest.DocumentKinds, " | "))
			w.str(2, "title", d.Title, notes.note(key+"title", w.t("doc.title")))
			w.date(2, "date", d.Date, w.t("doc.date"), notes.note(key+"date", ""))
			w.str(2, "buyer", d.Buyer, notes.note(key+"buyer", w.t("doc.buyer")))
			if len(d.Trademarks) > 0 {
				w.strs(2, "trademarks", d.Trademarks, w.t("doc.trademarks"))
			} else if len(m.Trademarks) > 0 {
				w.comment(2, w.t("doc.trademarks.todo"))
			}
		}
	}
	w.endItem()
	for _, f := range notes.Footer {
		w.comment(0, f)
	}
	return w.buf.Bytes()
}

// defaultHeader is the comment at the top of a written case.yaml: what each
// section holds, and what to do next.
func defaultHeader(l i18n.Lang, dir string) []string {
	t := func(key string) string { return messages.Text(l, key) }
	return []string{
		t("header.1"), t("header.2"), t("header.3"),
		"",
		t("header.case"), t("header.seller"), t("header.list"), t("header.photos"), t("header.tm"), t("header.auth"), t("header.docs"),
		"",
		messages.Text(l, "header.next", dir),
	}
}

// writer accumulates the lines of a case.yaml.
type writer struct {
	buf   bytes.Buffer
	notes *Notes
	// pendingItem makes the next line start a list item ("  - ").
	pendingItem bool
}

// t is the comment key in the language of the notes.
func (w *writer) t(key string, args ...any) string { return messages.Text(w.notes.Lang, key, args...) }

// item starts a list item at indent level 1; its fields are at level 2,
// the first of them written after "- ". Comments written before the first
// field stand above the item.
func (w *writer) item() {
	w.endItem()
	w.pendingItem = true
}

// endItem writes an item that got no field as "- {}".
func (w *writer) endItem() {
	if w.pendingItem {
		w.pendingItem = false
		w.line(1, "- {}", "")
	}
}

func indentOf(level int) string { return strings.Repeat("  ", level) }

// line writes text at indent level, with a trailing comment if not empty.
func (w *writer) line(level int, text, comment string) {
	if level == 0 {
		w.endItem()
	}
	prefix := indentOf(level)
	if w.pendingItem && level >= 2 {
		prefix = indentOf(level-1) + "- "
		w.pendingItem = false
	}
	l := prefix + text
	if comment != "" {
		if n := utf8.RuneCountInString(l); n < commentColumn {
			l += strings.Repeat(" ", commentColumn-n)
		}
		l += "  # " + oneLine(comment)
	}
	w.buf.WriteString(l)
	w.buf.WriteByte('\n')
}

// comment writes a comment line. Inside a list item whose first line is
// not written yet, it goes above the item.
func (w *writer) comment(level int, text string) {
	if text == "" {
		w.buf.WriteString(indentOf(level) + "#\n")
		return
	}
	w.buf.WriteString(indentOf(level) + "# " + oneLine(text) + "\n")
}

// str writes key: "value" when value is not empty.
func (w *writer) str(level int, key, value, comment string) {
	if value == "" {
		return
	}
	w.line(level, key+": "+quote(value), comment)
}

// plain writes key: value unquoted (enumerations, dates, numbers).
func (w *writer) plain(level int, key, value, comment string) {
	if value == "" {
		return
	}
	w.line(level, key+": "+value, comment)
}

// date writes key: YYYY-MM-DD, or key: TODO (a value, not a comment: a
// date typed into a comment would be lost) when the date is not set.
func (w *writer) date(level int, key string, d manifest.Date, what string, comment ...string) {
	if !d.IsZero() {
		w.line(level, key+": "+d.String(), strings.Join(comment, ""))
		return
	}
	if what == "" {
		return
	}
	w.line(level, key+": "+manifest.DatePlaceholder, w.t("date.todo", what))
}

// strs writes key: ["a", "b"] when the list is not empty.
func (w *writer) strs(level int, key string, values []string, comment string) {
	if len(values) == 0 {
		return
	}
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	w.line(level, key+": ["+strings.Join(q, ", ")+"]", comment)
}

// paths writes a list of paths, one per line, each with its file note.
func (w *writer) paths(level int, key string, paths []manifest.Path, comment string) {
	if len(paths) == 0 {
		return
	}
	w.line(level, key+":", comment)
	for _, p := range paths {
		w.line(level+1, "- "+quote(p.Raw), w.notes.File[p.Raw])
	}
}

// quote writes s as a YAML double-quoted scalar. Go's escapes (\n, \t, \",
// \\, \xXX, \uXXXX, \UXXXXXXXX, \a, \b, \f, \r, \v) are all YAML escapes
// too, and strconv.Quote leaves printable non-ASCII text as it is.
func quote(s string) string { return strconv.Quote(s) }

// oneLine keeps a comment on one line and readable by YAML: line breaks,
// control characters and byte-order marks become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r >= 0x7f && r <= 0x9f || r == '\u2028' || r == '\u2029' || r == '\ufeff' || r >= 0xfffe {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
}

// shellQuote quotes a folder name for the "Next:" line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/:\\+@", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fill returns v and marks key as read from a paper when v is not empty,
// else Placeholder.
func (n *Notes) fill(key, v string) string {
	if v == "" {
		return Placeholder
	}
	n.Read[key] = true
	return v
}

// note returns the comment for field key: readNote when it was read from a
// paper, else comment.
func (n *Notes) note(key, comment string) string {
	if n.Read[key] {
		return messages.Text(n.Lang, "read")
	}
	return comment
}
