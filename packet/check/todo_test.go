package check

import (
	"strings"
	"testing"

	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

func TestPlaceholders(t *testing.T) {
	const text = `version: 1
case: {id: X, complainant: " todo "}
seller: {legal_name: TODO, store: Lumen}
authorizations:
  - {grantor: TODO, grantee: B, platforms: [aliexpress, Todo], territories: [worldwide]}
documents:
  - {path: a.pdf, title: "TODO list"}
`
	m, err := manifest.Parse([]byte(text), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in := finding.List{
		{Code: "AUTH_PLATFORM_NOT_COVERED", Severity: finding.Error, Where: m.Where("authorizations[0].platforms")},
		{Code: "AUTH_CHAIN_BROKEN", Severity: finding.Error, Where: m.Where("authorizations[0].grantor")},
		{Code: "AUTH_TERRITORY_NOT_COVERED", Severity: finding.Error, Where: m.Where("authorizations[0].territories")},
		{Code: ManifestIncomplete, Severity: finding.Error, Where: m.Where("seller.legal_name"), Message: "kept"},
		{Code: "PHOTO_NO_EXIF", Severity: finding.Warning},
		// At a filled field, but built on the seller's TODO name.
		{Code: "AUTH_CHAIN_BROKEN", Severity: finding.Error, Where: m.Where("authorizations[0].grantee"),
			Message: "The chain ends at B, not at the seller (TODO, store Lumen)."},
		{Code: "AUTH_GAP", Severity: finding.Error, Where: m.Where("authorizations[0].grantee"), Hint: "Add B's authorization to todo."},
		// Words that hold TODO are no TODO value.
		{Code: "DOC_TITLE", Severity: finding.Warning, Where: m.Where("documents[0].title"), Message: "see TODO-list.pdf and TODOS"},
	}
	out := placeholders(i18n.English, m, in)
	var got []string
	for _, f := range out {
		got = append(got, f.Code+" "+f.Where)
	}
	// The findings at TODO fields are dropped; the TODOs and the other
	// MANIFEST_INCOMPLETE finding at a TODO field (seller.legal_name) become
	// one finding, at the first field.
	want := []string{
		"AUTH_TERRITORY_NOT_COVERED case.yaml:5:77",
		"PHOTO_NO_EXIF ",
		"DOC_TITLE case.yaml:7:26",
		"MANIFEST_INCOMPLETE case.yaml:2:28",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	msg := out[len(out)-1].Message
	for _, w := range []string{"4 fields of case.yaml still to fill in:\n- ", "case.complainant at line 2 is TODO",
		"seller.legal_name at line 3 is TODO", "authorizations[0].grantor at line 5 is TODO", "authorizations[0].platforms[1] at line 5 is TODO"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q: %s", w, msg)
		}
	}
	if strings.Index(msg, "case.complainant") > strings.Index(msg, "authorizations[0].grantor") {
		t.Errorf("fields not in file order: %s", msg)
	}
	// No TODO: nothing changes.
	m2, _ := manifest.Parse([]byte("version: 1\ncase: {id: X}\nseller: {legal_name: S}\n"), "case.yaml")
	if out := placeholders(i18n.English, m2, in); len(out) != len(in) {
		t.Errorf("without TODO: %d findings, want %d", len(out), len(in))
	}
}
