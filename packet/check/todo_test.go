package check

import (
	"strings"
	"testing"

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
	}
	out := placeholders(m, in)
	var got []string
	for _, f := range out {
		got = append(got, f.Code+" "+f.Where+" "+strings.SplitN(f.Message, ":", 2)[0])
	}
	want := []string{
		"AUTH_TERRITORY_NOT_COVERED case.yaml:5:77 ",
		"MANIFEST_INCOMPLETE case.yaml:3:22 kept",
		"PHOTO_NO_EXIF  ",
		"MANIFEST_INCOMPLETE case.yaml:2:28 case.complainant is still TODO",
		"MANIFEST_INCOMPLETE case.yaml:3:22 seller.legal_name is still TODO",
		"MANIFEST_INCOMPLETE case.yaml:5:15 authorizations[0].grantor is still TODO",
		"MANIFEST_INCOMPLETE case.yaml:5:57 authorizations[0].platforms[1] is still TODO",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range out[3:] {
		if f.Severity != finding.Error || !strings.Contains(f.Hint, "Replace TODO in ") {
			t.Errorf("%+v", f)
		}
	}
	// No TODO: nothing changes.
	m2, _ := manifest.Parse([]byte("version: 1\ncase: {id: X}\nseller: {legal_name: S}\n"), "case.yaml")
	if out := placeholders(m2, in); len(out) != len(in) {
		t.Errorf("without TODO: %d findings, want %d", len(out), len(in))
	}
}
