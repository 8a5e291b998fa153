package manifest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"appealpacket/internal/strictyaml"
)

// MaxSize is the largest manifest Parse accepts. A real case.yaml is a few KB.
const MaxSize = 1 << 20

// Error is one problem in a manifest, located as file:line:col.
type Error = strictyaml.Error

// Errors is every problem found in one manifest, in file order.
type Errors = strictyaml.Errors

// Parse decodes manifest text. name is used in error messages (usually
// "case.yaml"). Decoding is strict: unknown fields, wrong types, bad dates,
// unknown enumerated values and missing required fields are errors. The
// returned error, if any, is an Errors listing every problem found.
func Parse(data []byte, name string) (*Manifest, error) {
	root, err := strictyaml.Parse(data, name, MaxSize)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: "the manifest is empty; start with \"version: 1\""}}
	}
	m := &Manifest{File: name, positions: map[string]Pos{}, source: data}
	d := &strictyaml.Decoder{File: name, Source: data, Scalars: map[reflect.Type]strictyaml.Scalar{
		reflect.TypeFor[Date](): {Want: "a date (YYYY-MM-DD)", Decode: func(n *yaml.Node) (any, error) { return ParseDate(n.Value) }},
		reflect.TypeFor[Path](): {Want: "a file path", Decode: func(n *yaml.Node) (any, error) {
			return Path{Raw: n.Value, Pos: Pos{n.Line, n.Column}}, nil
		}},
	}, Shorthands: map[reflect.Type]string{reflect.TypeFor[ListingImage](): "path"}}
	d.Decode(root, reflect.ValueOf(m).Elem(), "")
	for field, n := range d.Nodes {
		m.positions[field] = Pos{n.Line, n.Column}
	}
	if d.Errs == nil {
		validate(m, d)
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// validate checks values that decode fine but are not allowed, and fills
// defaults.
func validate(m *Manifest, d *strictyaml.Decoder) {
	at := d.At
	switch {
	case m.Version == 0:
		d.Fail(at("version"), "version", "missing; the first line of case.yaml should be \"version: 1\"")
	case m.Version != 1:
		d.Fail(at("version"), "version", "this appealpacket reads manifest version 1, not %d", m.Version)
	}
	if strings.TrimSpace(m.Case.ID) == "" {
		d.Fail(at("case"), "case.id", "required: the platform's case or complaint number")
	} else if msg := checkCaseID(m.Case.ID); msg != "" {
		d.Fail(at("case.id"), "case.id", "%s", msg)
	}
	if strings.TrimSpace(m.Seller.LegalName) == "" {
		d.Fail(at("seller"), "seller.legal_name", "required: the seller's registered company or personal name")
	}
	enum := func(field string, v *string, allowed []string, def string) {
		if *v == "" {
			*v = def
			return
		}
		if !slices.Contains(allowed, *v) {
			d.Fail(at(field), field, "%q is not one of %s", *v, strings.Join(allowed, ", "))
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
				d.Fail(at(field), field, "id %q is already used by %s[%d]", v, kind, j)
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
			d.Fail(at(field), field, "no listing has id %q", p.Listing)
		}
		if p.Path.Raw == "" {
			d.Fail(at(fmt.Sprintf("photos[%d]", i)), fmt.Sprintf("photos[%d].path", i), "required: a photo file or a folder of photos")
		}
	}
	for i, l := range m.Listings {
		for j, img := range l.Images {
			field := fmt.Sprintf("listings[%d].images[%d]", i, j)
			if img.Path.Raw == "" {
				d.Fail(at(field), field+".path", "required: the listing picture's file")
			}
		}
	}
	for i, doc := range m.Documents {
		if doc.Path.Raw == "" {
			d.Fail(at(fmt.Sprintf("documents[%d]", i)), fmt.Sprintf("documents[%d].path", i), "required: the document's file")
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
				d.Fail(at(field), field, "no trademark has id %q", tm)
			}
		}
		if !a.From.IsZero() && !a.To.IsZero() && a.To.Before(a.From) {
			field := fmt.Sprintf("authorizations[%d].to", i)
			d.Fail(at(field), field, "ends (%s) before it starts (%s)", a.To, a.From)
		}
	}
	for i, l := range m.Listings {
		for j, tm := range l.Trademarks {
			field := fmt.Sprintf("listings[%d].trademarks[%d]", i, j)
			if !tmIDs[tm] {
				d.Fail(at(field), field, "no trademark has id %q", tm)
			}
		}
	}
	for i, doc := range m.Documents {
		for j, tm := range doc.Trademarks {
			field := fmt.Sprintf("documents[%d].trademarks[%d]", i, j)
			if !tmIDs[tm] {
				d.Fail(at(field), field, "no trademark has id %q", tm)
			}
		}
	}
}

// MaxCaseIDLen is the longest case ID: it names the output files.
const MaxCaseIDLen = 100

// checkCaseID says what is wrong with a case ID, or "". The ID names the
// packet's files on every system, so it is limited to a portable subset of
// file names: ASCII letters and digits, '-', '_' and '.', starting with a
// letter or digit.
func checkCaseID(id string) string {
	if len(id) > MaxCaseIDLen {
		return fmt.Sprintf("is %d characters long; it names the packet's files, so keep it to %d (the platform's complaint number)", len(id), MaxCaseIDLen)
	}
	for i, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || (i > 0 && strings.ContainsRune("-_.", r))
		if !ok {
			return fmt.Sprintf("%q cannot name the packet's files: use ASCII letters, digits, '-', '_' and '.', starting with a letter or digit (the character %q at position %d is not allowed)", id, r, i+1)
		}
	}
	return ""
}
