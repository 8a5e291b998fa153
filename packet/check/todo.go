package check

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Placeholder is the value `appealpacket init` writes into every text field
// of case.yaml it cannot fill in from the files. It is compared without
// regard to case or surrounding spaces.
const Placeholder = "TODO"

// IsPlaceholder reports whether a manifest value is still the placeholder.
func IsPlaceholder(s string) bool { return strings.EqualFold(strings.TrimSpace(s), Placeholder) }

// placeholders reports MANIFEST_INCOMPLETE, an error, for every text field
// of the manifest whose value is still TODO, at its case.yaml:LINE:COL. A
// field that is still TODO is reported once, by this finding: the findings
// of other checks located at that field (or at the list holding it), which
// only repeat that the value is not usable yet ("platforms [TODO] do not
// cover AliExpress"), are dropped from fs. It returns the new list.
func placeholders(m *manifest.Manifest, fs finding.List) finding.List {
	var todo []string
	walkText(reflect.ValueOf(m).Elem(), "", func(field, value string) {
		if IsPlaceholder(value) {
			todo = append(todo, field)
		}
	})
	if len(todo) == 0 {
		return fs
	}
	at := map[string]bool{} // "case.yaml:L:C" of each TODO field and list holding one
	for _, f := range todo {
		for _, g := range []string{f, listOf(f)} {
			if _, ok := m.Position(g); ok && g != "" {
				at[m.Where(g)] = true
			}
		}
	}
	out := fs[:0:0]
	for _, f := range fs {
		if f.Code != ManifestIncomplete && f.Where != "" && at[f.Where] {
			continue
		}
		out = append(out, f)
	}
	for _, f := range todo {
		what, hint := placeholderHelp(f)
		msg := fmt.Sprintf("%s is still %s", f, Placeholder)
		if what != "" {
			msg += ": write " + what
		}
		out = append(out, finding.Finding{Code: ManifestIncomplete, Severity: finding.Error, Where: m.Where(f), Message: msg, Hint: hint})
	}
	return out
}

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
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkText(v.Elem(), field, fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if name == "" || name == "-" || !t.Field(i).IsExported() {
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

// placeholderHelp says what a field holds and what to do about a TODO in it.
func placeholderHelp(field string) (what, hint string) {
	generic := indexes.ReplaceAllString(field, "[]")
	if strings.HasSuffix(generic, "[]") {
		generic = strings.TrimSuffix(generic, "[]")
	}
	what = placeholderWhat[generic]
	hint = "Replace TODO in " + field + " with the value"
	if what != "" {
		hint += " (" + what + ")"
	}
	return what, hint + ", or delete the line if it does not apply. `appealpacket init` writes TODO wherever the files cannot tell."
}

var placeholderWhat = map[string]string{
	"case.id":                      "the platform's complaint number",
	"case.complainant":             "who made the complaint, as the complaint names them",
	"seller.legal_name":            "your registered company or personal name",
	"seller.store":                 "your store's name exactly as the platform shows it",
	"seller.store_id":              "your store (shop) ID from the seller center",
	"listings[].id":                "the listing's ID (item number, ASIN) from the complaint",
	"listings[].title":             "the listing's title",
	"listings[].url":               "the listing's link",
	"trademarks[].mark":            "the mark as registered",
	"trademarks[].number":          "the registration number on the certificate",
	"trademarks[].office":          "the trademark office (CNIPA, USPTO, EUIPO ...)",
	"trademarks[].owner":           "the registrant, exactly as on the certificate",
	"authorizations[].grantor":     "who gives the authorization, exactly as on the letter",
	"authorizations[].grantee":     "who receives it, exactly as on the letter",
	"authorizations[].platforms":   "the platforms the letter names (e.g. aliexpress, or all)",
	"authorizations[].territories": "the territory the letter names (e.g. worldwide)",
	"authorizations[].goods":       "the goods the letter names",
	"documents[].title":            "a short description of the document",
	"documents[].buyer":            "the buyer named on the invoice, exactly as written",
}
