package check

import (
	"cmp"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"appealpacket/internal/english"
	"appealpacket/internal/strictyaml"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Placeholder is the value `appealpacket init` writes into every text field
// of case.yaml it cannot fill in from the files. It is compared without
// regard to case or surrounding spaces.
const Placeholder = "TODO"

// IsPlaceholder reports whether a manifest value is still the placeholder.
func IsPlaceholder(s string) bool { return strings.EqualFold(strings.TrimSpace(s), Placeholder) }

// placeholders gathers what is still to fill in case.yaml into one
// MANIFEST_INCOMPLETE finding (an error) at the first such field: every
// text or date field whose value is still TODO, and the other checks'
// MANIFEST_INCOMPLETE findings (a field the platform needs left empty). The
// findings of other checks located at a TODO field (or at the list holding
// it), or that quote a TODO value, which only repeat that the value is not
// usable yet ("platforms [TODO] do not cover AliExpress", "the chain ends
// … not at the seller (TODO)"), are dropped from fs. One finding, not
// one per field: a first check after init must show the real problems,
// not a wall of reminders. It returns the new list.
func placeholders(m *manifest.Manifest, fs finding.List) finding.List {
	var todo []string
	walkText(reflect.ValueOf(m).Elem(), "", func(field, value string) {
		if IsPlaceholder(value) {
			todo = append(todo, field)
		}
	})
	at := map[string]bool{} // "case.yaml:L:C" of each TODO field and list holding one
	for _, f := range todo {
		for _, g := range []string{f, listOf(f)} {
			if _, ok := m.Position(g); ok && g != "" {
				at[m.Where(g)] = true
			}
		}
	}
	out := fs[:0:0]
	var empty finding.List // other checks' MANIFEST_INCOMPLETE, not at a TODO field
	for _, f := range fs {
		switch {
		case f.Where != "" && at[f.Where]:
			continue
		case len(todo) > 0 && f.Code != ManifestIncomplete && (quotesPlaceholder.MatchString(f.Message) || quotesPlaceholder.MatchString(f.Hint)):
			// Located elsewhere, but built on a TODO value: a chain that
			// "ends … not at the seller (TODO)" while seller.legal_name is
			// still to fill in.
			continue
		case f.Code == ManifestIncomplete:
			empty = append(empty, f)
			continue
		}
		out = append(out, f)
	}
	if len(todo) == 0 && len(empty) <= 1 {
		return fs // nothing to gather
	}
	return append(out, incomplete(m, todo, empty))
}

// quotesPlaceholder matches a text that quotes a TODO value as a word of
// its own ("not at the seller (TODO, store TODO)").
var quotesPlaceholder = regexp.MustCompile(`(?i)(?:^|[^\pL\pN_./-])` + Placeholder + `(?:$|[^\pL\pN_./-]|\.(?:$|[^\pL\pN]))`)

// listOf returns the list field holding an item ("a[0].platforms[1]" →
// "a[0].platforms"), or "" when field is not a list item.
func listOf(field string) string {
	if !strings.HasSuffix(field, "]") {
		return ""
	}
	return field[:strings.LastIndexByte(field, '[')]
}

// walkText calls fn for every string in v (a manifest or part of one) with
// its field path, as manifest.Manifest.Position names fields.
func walkText(v reflect.Value, field string, fn func(field, value string)) {
	if d, ok := v.Interface().(manifest.Date); ok {
		if d.IsPlaceholder() {
			fn(field, Placeholder)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkText(v.Elem(), field, fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			name := strictyaml.Name(t.Field(i))
			if name == "" {
				continue
			}
			if field != "" {
				name = field + "." + name
			}
			walkText(v.Field(i), name, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkText(v.Index(i), fmt.Sprintf("%s[%d]", field, i), fn)
		}
	case reflect.String:
		fn(field, v.String())
	}
}

var indexes = regexp.MustCompile(`\[\d+\]`)

// genericField is the key of a field path in fieldHelp: its indexes
// dropped ("listings[1].url" → "listings[].url", "authorizations[0].platforms[1]"
// → "authorizations[].platforms").
func genericField(field string) string {
	return strings.TrimSuffix(indexes.ReplaceAllString(field, "[]"), "[]")
}

// fieldHelp says what case.yaml fields hold, for the messages about a
// field still TODO or empty where the platform requires it; fill, for the
// fields a platform profile may require, says how to fill it in.
var fieldHelp = map[string]struct{ what, fill string }{
	"case.id":          {what: "the platform's complaint number"},
	"case.complainant": {what: "who made the complaint, as the complaint names them"},
	"case.complaint_date": {what: "the date of the complaint or notification",
		fill: "Copy the date of the complaint (or of the platform's notification) into case.complaint_date, as YYYY-MM-DD."},
	"seller.legal_name": {what: "your registered company or personal name"},
	"seller.store": {what: "your store's name exactly as the platform shows it",
		fill: "Write your store's name exactly as the platform shows it in seller.store."},
	"seller.store_id": {what: "your store (shop) ID from the seller center",
		fill: "Copy your store (shop) ID from the seller center into seller.store_id."},
	"listings": {what: "the listings named in the complaint",
		fill: "List each listing named in the complaint under listings:, with its id, title and published date."},
	"listings[].id": {what: "the listing's ID (item number, ASIN) from the complaint",
		fill: "Copy the listing's ID from the complaint or the seller center into the listing's `id:`."},
	"listings[].title": {what: "the listing's title"},
	"listings[].url":   {what: "the listing's link", fill: "Copy the listing's link into its `url:` field."},
	"listings[].published": {what: "the date the listing went live",
		fill: "Write the date the listing went live into its `published:` field, as YYYY-MM-DD."},
	"trademarks[].mark":            {what: "the mark as registered"},
	"trademarks[].number":          {what: "the registration number on the certificate"},
	"trademarks[].office":          {what: "the trademark office (CNIPA, USPTO, EUIPO ...)"},
	"trademarks[].owner":           {what: "the registrant, exactly as on the certificate"},
	"authorizations[].grantor":     {what: "who gives the authorization, exactly as on the letter"},
	"authorizations[].grantee":     {what: "who receives it, exactly as on the letter"},
	"authorizations[].platforms":   {what: "the platforms the letter names (e.g. aliexpress, or all)"},
	"authorizations[].territories": {what: "the territory the letter names (e.g. worldwide)"},
	"authorizations[].goods":       {what: "the goods the letter names"},
	"documents[].title":            {what: "a short description of the document"},
	"documents[].buyer":            {what: "the buyer named on the invoice, exactly as written"},
}

// incomplete is the one MANIFEST_INCOMPLETE finding of a case: every field
// still TODO, with its line and what to write, and every required field
// left empty (the findings given), in file order.
func incomplete(m *manifest.Manifest, todo []string, empty finding.List) finding.Finding {
	type item struct {
		pos   manifest.Pos
		where string
		text  string
	}
	var items []item
	for _, f := range todo {
		p, _ := m.Position(f)
		text := fmt.Sprintf("%s at line %d is %s", f, p.Line, Placeholder)
		if what := fieldHelp[genericField(f)].what; what != "" {
			text += " (" + what + ")"
		}
		items = append(items, item{p, m.Where(f), text})
	}
	for _, f := range empty {
		p := posOf(f.Where)
		text := f.Message
		if at := fmt.Sprintf("line %d", p.Line); p.Line > 0 && !strings.Contains(text, at) {
			text += " (" + at + ")"
		}
		if f.Hint != "" {
			text += " — " + f.Hint
		}
		items = append(items, item{p, f.Where, text})
	}
	slices.SortStableFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Col, b.pos.Col))
	})
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.text
	}
	msg := fmt.Sprintf("%s of case.yaml still to fill in:\n- %s", english.Count(len(items), "field"), strings.Join(texts, "\n- "))
	hint := "Replace each " + Placeholder + " with the value the papers show, or delete the line if it does not apply; `appealpacket init` writes " +
		Placeholder + " wherever the files cannot tell."
	if len(todo) == 0 {
		hint = "Fill in each field named, as the papers show it."
	}
	return finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Where: items[0].where, Message: msg, Hint: hint}
}

// posOf reads the line and column of a "case.yaml:LINE:COL" location.
func posOf(where string) manifest.Pos {
	var p manifest.Pos
	if i := strings.LastIndex(where, ":"); i > 0 {
		if j := strings.LastIndex(where[:i], ":"); j >= 0 {
			fmt.Sscanf(where[j+1:], "%d:%d", &p.Line, &p.Col)
		}
	}
	return p
}
