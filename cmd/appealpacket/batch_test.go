package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/batch"
	"appealpacket/internal/i18n"
)

// TestBatchExitStatus checks the statuses of `batch`: 0 every case built,
// 1 some case not built, 2 the batch could not run.
func TestBatchExitStatus(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good/case.yaml", "version: 1\ncase: {id: G-1, platform: generic, type: other, complaint_date: 2024-03-20}\nseller: {legal_name: S}\ndocuments: [{path: n.pdf, kind: other, title: N}]\n")
	invoice, err := os.ReadFile("../../testdata/demo/other/invoice-HX20230917.pdf")
	if err != nil {
		t.Fatal(err)
	}
	write("good/n.pdf", string(invoice))
	write("bad/case.yaml", "version: 1\ncase: {id: X}\nseler: {}\n")
	write("list.txt", "good\nbad\n")
	out := filepath.Join(root, "out")
	tests := []runCase{
		{[]string{"batch", filepath.Join(root, "good"), "-o", out}, 0, "built "},
		{[]string{"batch", "--list", filepath.Join(root, "list.txt"), "-o", out}, 1, "FAILED "},
		{[]string{"batch", filepath.Join(root, "good"), "-o", out, "-j", "0"}, 2, "--jobs 0"},
		{[]string{"batch", filepath.Join(root, "good"), "-o", out, "--date", "tomorrow"}, 2, "--date"},
		{[]string{"batch", filepath.Join(root, "nowhere")}, 2, "no such folder"},
		{[]string{"batch"}, 2, "batch needs case folders"},
	}
	testRuns(t, tests)
}

func TestCaseLine(t *testing.T) {
	tests := []struct {
		c    batch.Case
		want string
	}{
		{batch.Case{Dir: "cases/a", CaseID: "IPP-1", Status: batch.Built, Seconds: 3.21, Pages: 12}, "built      IPP-1  cases/a  3.2 s  12 pages"},
		{batch.Case{Dir: "cases/b", Status: batch.Failed, Error: "case.yaml:3:1: x\ncase.yaml:4:1: y"}, "FAILED     cases/b  case.yaml:3:1: x\n           case.yaml:4:1: y"},
		{batch.Case{Dir: "cases/c", CaseID: "C", Status: batch.NotReady, Seconds: 1, Errors: 2, Blocking: []string{"FILE_MISSING", "AUTH_EXPIRED"}}, "NOT READY  C  cases/c  1.0 s  2 blocking issues: FILE_MISSING, AUTH_EXPIRED"},
		{batch.Case{Dir: "cases/d", Status: batch.Skipped, Error: "interrupted before it started"}, "skipped    cases/d  interrupted before it started"},
	}
	for _, tt := range tests {
		if got := caseLine(i18n.English, &tt.c); got != tt.want {
			t.Errorf("caseLine = %q\nwant       %q", got, tt.want)
		}
	}
	skipped := batch.Case{Dir: "cases/d", Status: batch.Skipped, Error: batch.NotStarted}
	if got, want := caseLine(i18n.Chinese, &skipped), "  批处理在此案件开始前被中断"; !strings.HasSuffix(got, want) {
		t.Errorf("caseLine in Chinese = %q, want it to end %q", got, want)
	}
	s := &batch.Summary{Total: 5, Built: 3, NotReady: 1, Failed: 1}
	if got, want := tally(i18n.English, s), "5 cases: 3 built, 1 not ready, 1 failed"; got != want {
		t.Errorf("tally = %q, want %q", got, want)
	}
}
