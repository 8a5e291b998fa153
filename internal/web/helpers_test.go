package web

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"appealpacket/internal/fixture"
	"appealpacket/internal/fixture/paper"
)

// demoDir is the repository's demo case.
const demoDir = "../../testdata/demo"

// validUntil is the last day of the letters of a current demo case: a
// year from now.
var validUntil = time.Now().AddDate(1, 0, 0)

// currentDemo is a copy of the demo case whose two letters are still valid
// (until validUntil, each from its first day in the demo), for the flows
// that file a complaint received today: the demo's own letters ended in
// 2025, and case.yaml may not claim more than the letters say.
func currentDemo(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := fixture.CopyTree(demoDir, dir); err != nil {
		t.Fatal(err)
	}
	to := validUntil.Format(time.DateOnly)
	letters := map[string][]string{
		"auth/loa-bartech-huaxin.pdf": {"LETTER OF AUTHORIZATION", "Licensor (grantor): Bartech Electronics (Shenzhen) Co., Ltd.",
			"Licensee (grantee): Guangzhou Huaxin Trading Co., Ltd.", "Trademark: BARTECH, CNIPA registration No. 12345678.",
			"Platforms: AliExpress and Amazon. Geographic scope: worldwide.", "Term: from 2023-01-01 to " + to + ".",
			"Sublicensing: the licensee may authorize its own resellers."},
		"auth/loa-huaxin-lumen.pdf": {"LETTER OF AUTHORIZATION", "Licensor (grantor): Guangzhou Huaxin Trading Co., Ltd.",
			"Licensee (grantee): Shenzhen Lumen Home Goods Co., Ltd.", "Trademark: BARTECH.",
			"Platform: AliExpress. Geographic scope: worldwide.", "Term: from 2023-06-01 to " + to + "."},
	}
	for name, lines := range letters {
		b, err := paper.PDF(lines)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// demoFiles lists the files of a demo case (demoDir or a currentDemo),
// case.yaml aside, relative to it.
func demoFiles(t testing.TB, demo string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(demo, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && d.Name() != "case.yaml" {
			rel, _ := filepath.Rel(demo, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// demoAnswers maps each field init left TODO in draft to the demo
// case.yaml's value of the same path: what a seller types into the form.
func demoAnswers(t testing.TB, draft []byte) map[string]string {
	t.Helper()
	return answersFrom(t, demoDir, draft)
}

// answersFrom is demoAnswers with the values of dir's case.yaml.
func answersFrom(t testing.TB, dir string, draft []byte) map[string]string {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(dir, "case.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	wf, err := Fields(want)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]string{}
	for _, f := range wf {
		byPath[f.Path] = f.Value
	}
	df, err := Fields(draft)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range df {
		if v, ok := byPath[f.Path]; ok && (f.TODO || f.Optional) && f.Editable {
			out[f.Path] = v
		}
	}
	return out
}
