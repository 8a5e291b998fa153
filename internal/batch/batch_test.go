package batch

import (
	"appealpacket/internal/testlevel"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"appealpacket/internal/fixture"
	"appealpacket/packet"
)

const demo = "../../testdata/demo"

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := fixture.CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
}

// demoCase copies the demo case to dir, with case.id replaced by id when
// id is not empty.
func demoCase(t *testing.T, dir, id string) {
	t.Helper()
	copyTree(t, demo, dir)
	if id == "" {
		return
	}
	file := filepath.Join(dir, "case.yaml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "id: IPP-2024-0001234", "id: "+id, 1)
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRun builds five cases, one not ready and one broken: the batch runs
// to the end and both summaries list all five, in order, with the right
// statuses.
func TestRun(t *testing.T) {
	testlevel.SkipIfShort(t, "builds a batch of cases")
	root := t.TempDir()
	cases := []string{
		filepath.Join(root, "cases", "a"),      // built, the demo's ID
		filepath.Join(root, "cases", "broken"), // failed: bad case.yaml
		filepath.Join(root, "cases", "c"),      // not ready: a file is missing
		filepath.Join(root, "cases", "d"),      // built, another ID
		filepath.Join(root, "more", "a"),       // built, same ID and same folder name as the first
	}
	demoCase(t, cases[0], "")
	if err := os.MkdirAll(cases[1], 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cases[1], "case.yaml"), []byte("version: 1\ncase: {id: X}\nseler: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	demoCase(t, cases[2], "IPP-C")
	if err := os.Remove(filepath.Join(cases[2], "listing", "main.jpg")); err != nil {
		t.Fatal(err)
	}
	demoCase(t, cases[3], "IPP-D")
	demoCase(t, cases[4], "")

	out := filepath.Join(root, "out")
	var mu sync.Mutex
	started, finished := map[int]int{}, map[int]int{}
	progressed := 0
	sum, err := Run(context.Background(), cases, Options{
		Jobs:   2,
		OutDir: out,
		Packet: packet.Options{Date: time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)},
		Event: func(e Event) {
			mu.Lock()
			defer mu.Unlock()
			switch e.Kind {
			case CaseStarted:
				started[e.Index]++
			case CaseProgress:
				progressed++
			case CaseFinished:
				finished[e.Index]++
				if e.Case == nil || e.Case.Dir != cases[e.Index] || e.Total != len(cases) {
					t.Errorf("finished event %+v", e)
				}
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(started) != 5 || len(finished) != 5 || progressed == 0 {
		t.Errorf("events: started %v, finished %v, %d progress", started, finished, progressed)
	}

	want := []struct {
		status Status
		id     string
		outDir string
	}{
		{Built, "IPP-2024-0001234", "a"},
		{Failed, "", "broken"},
		{NotReady, "IPP-C", "c"},
		{Built, "IPP-D", "d"},
		{Built, "IPP-2024-0001234", "a-2"},
	}
	if sum.Total != 5 || sum.Built != 3 || sum.NotReady != 1 || sum.Failed != 1 || sum.Skipped != 0 || sum.OK() {
		t.Errorf("tally: %+v", sum)
	}

	// summary.json
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var js struct {
		Total, Built, Failed int
		NotReady             int `json:"not_ready"`
		Cases                []map[string]any
	}
	if err := json.Unmarshal(b, &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Cases) != 5 || js.Total != 5 || js.Built != 3 || js.NotReady != 1 || js.Failed != 1 {
		t.Fatalf("summary.json: %s", b)
	}
	for i, w := range want {
		c := js.Cases[i]
		if c["dir"] != cases[i] || c["status"] != string(w.status) || c["case"] != w.id || c["out_dir"] != w.outDir {
			t.Errorf("case %d: %v, want %+v", i, c, w)
		}
		for _, k := range []string{"error", "blocking", "errors", "warnings", "infos", "pdf", "pdf_bytes", "xlsx", "xlsx_bytes", "seconds"} {
			if _, ok := c[k]; !ok {
				t.Errorf("case %d: no field %q in %v", i, k, c)
			}
		}
		if w.status == Built {
			for _, k := range []string{"pdf", "xlsx"} {
				name, _ := c[k].(string)
				st, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
				if err != nil || !strings.HasPrefix(name, w.outDir+"/"+w.id) {
					t.Errorf("case %d: %s %q: %v", i, k, name, err)
				} else if st.Size() != int64(c[k+"_bytes"].(float64)) {
					t.Errorf("case %d: %s is %d bytes, summary says %v", i, k, st.Size(), c[k+"_bytes"])
				}
			}
		} else if c["error"] == "" {
			t.Errorf("case %d: %s without an error message", i, w.status)
		}
	}
	if msg := sum.Cases[1].Error; !strings.Contains(msg, `unknown field "seler"`) {
		t.Errorf("broken case error %q", msg)
	}
	if bl := sum.Cases[2].Blocking; len(bl) == 0 || bl[0] != "FILE_MISSING" || sum.Cases[2].Errors == 0 {
		t.Errorf("not-ready case: %+v", sum.Cases[2])
	}
	if _, err := os.Stat(filepath.Join(out, "c")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a case not ready wrote its folder: %v", err)
	}
	// The same case gives the same packet, whichever folder it was built in.
	p1, _ := os.ReadFile(filepath.Join(out, "a", "IPP-2024-0001234-packet.pdf"))
	p2, _ := os.ReadFile(filepath.Join(out, "a-2", "IPP-2024-0001234-packet.pdf"))
	if len(p1) == 0 || string(p1) != string(p2) {
		t.Errorf("the two builds of the demo differ (%d and %d bytes)", len(p1), len(p2))
	}

	// summary.xlsx has the same rows.
	f, err := excelize.OpenFile(filepath.Join(out, "summary.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Cases")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || !reflect.DeepEqual(rows[0][:4], []string{"Case folder", "Case ID", "Status", "Deadline"}) {
		t.Fatalf("summary.xlsx rows: %q", rows)
	}
	// The most urgent first: by the appeal's deadline (a date cell), the
	// cases without one after, in input order.
	byDir := map[string]int{}
	for i, c := range cases {
		byDir[c] = i
	}
	prev, undated, dated := "", false, 0
	for n, r := range rows[1:] {
		i, ok := byDir[r[0]]
		if !ok {
			t.Fatalf("summary.xlsx row %d: unknown case %q", n+2, r[0])
		}
		w := want[i]
		if r[1] != w.id || r[2] != string(w.status) || r[3] != sum.Cases[i].Deadline {
			t.Errorf("summary.xlsx row %d: %q, want %+v, deadline %q", n+2, r, w, sum.Cases[i].Deadline)
		}
		switch {
		case r[3] == "":
			undated = true
		case undated || r[3] < prev:
			t.Errorf("summary.xlsx row %d: deadline %s out of order", n+2, r[3])
		default:
			prev = r[3]
			dated++
			raw, _ := f.GetCellValue("Cases", fmt.Sprintf("D%d", n+2), excelize.Options{RawCellValue: true})
			if _, err := strconv.ParseFloat(raw, 64); err != nil {
				t.Errorf("summary.xlsx row %d: deadline %q is not a date cell (raw %q)", n+2, r[3], raw)
			}
		}
	}
	if dated == 0 {
		t.Error("no case has a deadline in summary.xlsx")
	}
	if panes, err := f.GetPanes("Cases"); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("summary.xlsx panes: %+v, %v", panes, err)
	}
}

func TestPanicIsOneFailure(t *testing.T) {
	build := func(_ context.Context, dir string, opts packet.Options) (*packet.Result, error) {
		if filepath.Base(dir) == "boom" {
			var m map[string]int
			m["x"]++ // a real runtime panic
		}
		return &packet.Result{CaseID: filepath.Base(dir), PDF: filepath.Join(opts.OutDir, "p.pdf"), XLSX: filepath.Join(opts.OutDir, "i.xlsx")}, nil
	}
	root := t.TempDir()
	cases := []string{filepath.Join(root, "one"), filepath.Join(root, "boom"), filepath.Join(root, "three")}
	sum, err := Run(context.Background(), cases, Options{Jobs: 1, OutDir: filepath.Join(root, "out"), Build: build})
	if err != nil {
		t.Fatal(err)
	}
	var got []Status
	for _, c := range sum.Cases {
		got = append(got, c.Status)
	}
	if !reflect.DeepEqual(got, []Status{Built, Failed, Built}) {
		t.Errorf("statuses %v", got)
	}
	if msg := sum.Cases[1].Error; !strings.Contains(msg, "internal error") || !strings.Contains(msg, "nil map") {
		t.Errorf("error %q", msg)
	}
	if sum.Cases[0].PDF != "one/p.pdf" {
		t.Errorf("pdf %q, want one/p.pdf", sum.Cases[0].PDF)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	build := func(ctx context.Context, dir string, opts packet.Options) (*packet.Result, error) {
		if filepath.Base(dir) == "two" {
			cancel() // Ctrl-C while the second case is building
			return nil, ctx.Err()
		}
		return &packet.Result{CaseID: "X"}, nil
	}
	root := t.TempDir()
	var cases []string
	for _, n := range []string{"one", "two", "three", "four"} {
		cases = append(cases, filepath.Join(root, n))
	}
	var finished sync.Map
	sum, err := Run(ctx, cases, Options{Jobs: 1, OutDir: filepath.Join(root, "out"), Build: build, Event: func(e Event) {
		if e.Kind == CaseFinished {
			finished.Store(e.Index, e.Case.Status)
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	var got []Status
	for i, c := range sum.Cases {
		got = append(got, c.Status)
		if s, _ := finished.Load(i); s != c.Status {
			t.Errorf("case %d: finished event %v, summary %v", i, s, c.Status)
		}
	}
	if !reflect.DeepEqual(got, []Status{Built, Skipped, Skipped, Skipped}) || sum.Skipped != 3 {
		t.Errorf("statuses %v (%+v)", got, sum)
	}
	if _, err := os.Stat(filepath.Join(root, "out", "summary.json")); err != nil {
		t.Errorf("no summary after cancel: %v", err)
	}
}

func TestWorkersPerCase(t *testing.T) {
	var mu sync.Mutex
	var workers []int
	build := func(_ context.Context, _ string, opts packet.Options) (*packet.Result, error) {
		mu.Lock()
		workers = append(workers, opts.Workers)
		mu.Unlock()
		return &packet.Result{}, nil
	}
	root := t.TempDir()
	if _, err := Run(context.Background(), []string{"x", "y"}, Options{Jobs: 1000, OutDir: root, Build: build}); err != nil {
		t.Fatal(err)
	}
	for _, w := range workers {
		if w < 1 {
			t.Errorf("workers %v", workers)
		}
	}
}

func TestOutNames(t *testing.T) {
	got := outNames([]string{"a", "x/a", "y/A", "a-2", "b/summary.json", "."})
	want := []string{"a", "a-2", "A-3", "a-2-2", "summary.json-2", filepath.Base(mustAbs(t, "."))}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outNames = %q, want %q", got, want)
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	mk := func(rel string, isCase bool) {
		dir := filepath.Join(root, rel)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if isCase {
			if err := os.WriteFile(filepath.Join(dir, "case.yaml"), []byte("version: 1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk("cases/b", true)
	mk("cases/a", true)
	mk("cases/notes", false)
	mk("single", true)
	mk("empty", false)
	list := filepath.Join(root, "lists", "todo.txt")
	mk("lists", false)
	if err := os.WriteFile(list, []byte("# agency X\n\n  ../single  \r\n../cases/a\n../missing\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	j := func(p ...string) string { return filepath.Join(append([]string{root}, p...)...) }

	got, err := Discover([]string{j("cases"), j("single")}, list)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{j("cases", "a"), j("cases", "b"), j("single"), j("missing")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Discover = %q\nwant %q", got, want)
	}
	for _, bad := range []string{j("empty"), j("nowhere"), list} {
		if _, err := Discover([]string{bad}, ""); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("Discover(%s): %v, want an error naming it", bad, err)
		}
	}
	if _, err := Discover(nil, j("nolist.txt")); err == nil {
		t.Error("a missing --list file is not an error")
	}
}
