package web

import (
	"os"
	"path/filepath"
	"testing"
)

// demoDir is the repository's demo case.
const demoDir = "../../testdata/demo"

// demoFiles lists the demo case's files, case.yaml aside, relative to it.
func demoFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(demoDir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && d.Name() != "case.yaml" {
			rel, _ := filepath.Rel(demoDir, p)
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
