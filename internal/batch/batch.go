// Package batch builds many case folders in one run, for agencies: each
// case is built into its own folder by packet.Build, several at once, and
// one failing case never stops the others. Every case ends up in
// summary.json and summary.xlsx, in the order the cases were given.
package batch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"appealpacket/packet"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Status is how a case of the batch ended.
type Status string

const (
	// Built: the packet PDF and XLSX were written and the checks found
	// no blocking error.
	Built Status = "built"
	// BuiltNotReady: with Force, the packet was written although the
	// checks found blocking errors; its cover says NOT READY, and it must
	// not be sent as it is.
	BuiltNotReady Status = "built-not-ready"
	// NotReady: checks found blocking errors and nothing was written.
	NotReady Status = "not-ready"
	// Failed: the case could not be run (no or bad case.yaml, unreadable
	// folder, an internal error); Case.Error says why.
	Failed Status = "failed"
	// Skipped: the batch was cancelled before the case could finish.
	Skipped Status = "skipped"
)

// NotStarted is the Error of a case skipped because the batch was
// interrupted before the case started (the summary keeps it in English;
// the command line says it in the user's language).
const NotStarted = "interrupted before it started"

// Options tune Run.
type Options struct {
	// Jobs is how many cases are built at once; default the number of CPUs.
	Jobs int
	// OutDir receives one folder per case (named after the case folder)
	// and summary.json and summary.xlsx; default "out".
	OutDir string
	// Packet is the template of every case's packet.Options (Force, Date,
	// Profile, Logger…). OutDir and Progress are set per case; Workers,
	// when zero, is max(1, NumCPU/Jobs) so that the machine is not
	// oversubscribed.
	Packet packet.Options
	// Event, when set, is called as cases start, advance and finish (from
	// several goroutines; it must be safe for concurrent use and quick).
	Event func(Event)
	// Build builds one case; nil means packet.Build (tests give a fake).
	Build func(ctx context.Context, dir string, opts packet.Options) (*packet.Result, error)
}

// EventKind says what an Event reports.
type EventKind int

const (
	CaseStarted  EventKind = iota // a case began to build
	CaseProgress                  // a case advanced: see Event.Progress
	CaseFinished                  // a case ended (including skipped ones): see Event.Case
)

// Event reports the progress of one case of a batch.
type Event struct {
	Kind     EventKind
	Index    int    // the case's position in the list given to Run
	Total    int    // how many cases the batch has
	Dir      string // the case folder
	Progress packet.Progress
	Case     *Case // CaseFinished: the case's row of the summary
}

// Case is one case's row of the summary.
type Case struct {
	Dir      string   `json:"dir"`      // the case folder, as given
	OutDir   string   `json:"out_dir"`  // its output folder, relative to the summary's folder
	CaseID   string   `json:"case"`     // case.id, when case.yaml could be read
	Status   Status   `json:"status"`   // built, built-not-ready, not-ready, failed or skipped
	Error    string   `json:"error"`    // why it is not built
	Blocking []string `json:"blocking"` // codes of blocking findings, once each
	// Deadline is the day the appeal (case.attempt) must be made by,
	// YYYY-MM-DD, when the platform's profile knows its window.
	Deadline  string  `json:"deadline,omitempty"`
	Errors    int     `json:"errors"`
	Warnings  int     `json:"warnings"`
	Infos     int     `json:"infos"`
	Pages     int     `json:"pages"`
	Exhibits  int     `json:"exhibits"`
	PDF       string  `json:"pdf"` // relative to the summary's folder, with /
	PDFBytes  int64   `json:"pdf_bytes"`
	XLSX      string  `json:"xlsx"`
	XLSXBytes int64   `json:"xlsx_bytes"`
	Seconds   float64 `json:"seconds"`
	// Files are every file the build wrote, relative to the summary's
	// folder: with Packet.PerBrand one packet and index per brand, with
	// Packet.Channel the channel's files (PDF and XLSX above are then
	// empty when no single packet and index were written).
	Files []string `json:"files,omitempty"`
	// SameIDAs lists the other case folders of the batch with the same
	// case.id (complaint number): two folders for one complaint are
	// usually a copy kept by mistake, and the platform would receive two
	// different packets for it. Each still has its own output folder.
	SameIDAs []string `json:"same_id_as,omitempty"`
}

// Summary is the outcome of a batch, written to summary.json and
// summary.xlsx.
type Summary struct {
	Version string `json:"version"` // appealpacket's version
	Total   int    `json:"total"`
	Built   int    `json:"built"`
	// BuiltNotReady counts cases written with Force despite blocking
	// errors; they are not counted in Built.
	BuiltNotReady int `json:"built_not_ready"`
	// DuplicateIDs lists each case.id used by more than one case folder.
	DuplicateIDs []string `json:"duplicate_ids,omitempty"`
	NotReady     int      `json:"not_ready"`
	Failed       int      `json:"failed"`
	Skipped      int      `json:"skipped"`
	Seconds      float64  `json:"seconds"`
	Cases        []Case   `json:"cases"` // in the order given to Run

	JSONFile string `json:"-"` // where summary.json was written
	XLSXFile string `json:"-"` // where summary.xlsx was written
}

// OK reports whether every case was built ready to send.
func (s *Summary) OK() bool { return s.Built == s.Total }

// Run builds every case folder in cases into opts.OutDir/<folder name>/
// (a folder name used twice gets a -2, -3… suffix), opts.Jobs at a time,
// and writes opts.OutDir/summary.json and summary.xlsx. A case that fails,
// even by panicking, is reported as failed and the others go on.
//
// When ctx is cancelled, no new case starts, the cases not finished are
// reported as skipped, the summaries are still written and Run returns the
// summary with ctx's error. Other errors mean the summaries could not be
// written (or there was nothing to do).
func Run(ctx context.Context, cases []string, opts Options) (*Summary, error) {
	if len(cases) == 0 {
		return nil, errors.New("no cases to build")
	}
	outDir := cmp.Or(opts.OutDir, "out")
	jobs := opts.Jobs
	if jobs < 1 {
		jobs = runtime.NumCPU()
	}
	jobs = min(jobs, len(cases))
	workers := max(1, runtime.NumCPU()/jobs)
	names := outNames(cases)
	if err := outsideCases(outDir, cases, names); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	r := &runner{opts: opts, outDir: outDir, workers: workers, total: len(cases)}
	sum := &Summary{Version: packet.Version, Total: len(cases), Cases: make([]Case, len(cases))}
	start := time.Now()

	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for i := range next {
				sum.Cases[i] = r.one(ctx, i, cases[i], names[i])
			}
		})
	}
feed:
	for i := range cases {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()

	for i := range sum.Cases {
		c := &sum.Cases[i]
		if c.Status == "" { // never started
			*c = Case{Dir: cases[i], Status: Skipped, Error: NotStarted, Blocking: []string{}}
			r.emit(Event{Kind: CaseFinished, Index: i, Dir: cases[i], Case: c})
		}
		switch c.Status {
		case Built:
			sum.Built++
		case BuiltNotReady:
			sum.BuiltNotReady++
		case NotReady:
			sum.NotReady++
		case Failed:
			sum.Failed++
		case Skipped:
			sum.Skipped++
		}
	}
	sum.DuplicateIDs = markSameIDs(sum.Cases)
	sum.Seconds = seconds(time.Since(start))

	created := opts.Packet.Date
	if created.IsZero() {
		created = time.Now()
	}
	sum.JSONFile = filepath.Join(outDir, "summary.json")
	sum.XLSXFile = filepath.Join(outDir, "summary.xlsx")
	if err := writeJSON(sum.JSONFile, sum); err != nil {
		return sum, err
	}
	if err := writeXLSX(sum.XLSXFile, sum, created); err != nil {
		return sum, err
	}
	return sum, ctx.Err()
}

type runner struct {
	opts    Options
	outDir  string
	workers int
	total   int
}

func (r *runner) emit(e Event) {
	if r.opts.Event != nil {
		e.Total = r.total
		r.opts.Event(e)
	}
}

// outsideCases refuses an output folder that would put a case's packet
// inside a case folder (its own or another's): `batch clients/ -o clients/`
// would write into every client's evidence folder, and the packets would
// then be listed as extra files of those cases.
func outsideCases(outDir string, cases, names []string) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return filepath.Clean(p)
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return r
		}
		return a
	}
	for i := range cases {
		target := filepath.Join(abs(outDir), names[i])
		for _, c := range cases {
			dir := abs(c)
			if rel, err := filepath.Rel(dir, target); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
				return fmt.Errorf("output folder %s would put the packet of %s inside the case folder %s: choose an output folder outside the cases", outDir, cases[i], c)
			}
		}
	}
	return nil
}

// one builds case i in dir into outDir/name.
func (r *runner) one(ctx context.Context, i int, dir, name string) (c Case) {
	c = Case{Dir: dir, OutDir: name, Blocking: []string{}}
	defer func() { r.emit(Event{Kind: CaseFinished, Index: i, Dir: dir, Case: &c}) }()
	if ctx.Err() != nil {
		c.Status, c.Error = Skipped, NotStarted
		return c
	}
	r.emit(Event{Kind: CaseStarted, Index: i, Dir: dir})
	po := r.opts.Packet
	po.OutDir = filepath.Join(r.outDir, name)
	if po.Workers <= 0 {
		po.Workers = r.workers
	}
	if po.Logger != nil {
		po.Logger = po.Logger.With("case_dir", dir)
	}
	user := po.Progress
	po.Progress = func(p packet.Progress) {
		if user != nil {
			user(p)
		}
		r.emit(Event{Kind: CaseProgress, Index: i, Dir: dir, Progress: p})
	}

	start := time.Now()
	res, err := safeBuild(ctx, r.build(), dir, po)
	c.Seconds = seconds(time.Since(start))
	nr, notReady := packet.IsNotReady(err)
	switch {
	case err == nil:
		c.Status, c.CaseID = Built, res.CaseID
		if res.Findings.Blocking() {
			c.Status = BuiltNotReady
		}
		c.count(res.Findings)
		c.Pages, c.Exhibits = res.Pages, res.Exhibits
		if res.PDF != "" {
			c.PDF, c.PDFBytes = r.rel(res.PDF), res.PDFSize
		}
		if res.XLSX != "" {
			c.XLSX, c.XLSXBytes = r.rel(res.XLSX), res.XLSXSize
		}
		for _, f := range res.Files {
			c.Files = append(c.Files, r.rel(f.Path))
		}
	case notReady:
		c.Status, c.Error = NotReady, err.Error()
		c.count(nr.Findings)
		c.CaseID = caseID(dir)
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		c.Status, c.Error = Skipped, "interrupted"
		c.CaseID = caseID(dir)
	default:
		c.Status, c.Error = Failed, err.Error()
		c.CaseID = caseID(dir)
	}
	return c
}

// count fills the finding counts and blocking codes.
func (c *Case) count(fs finding.List) {
	c.Errors, c.Warnings, c.Infos = fs.Count(finding.Error), fs.Count(finding.Warning), fs.Count(finding.Info)
	for _, f := range fs {
		if f.Due != "" {
			c.Deadline = f.Due
		}
		if f.Severity == finding.Error && !slices.Contains(c.Blocking, f.Code) {
			c.Blocking = append(c.Blocking, f.Code)
		}
	}
}

// rel returns path relative to the batch's output folder, with slashes.
func (r *runner) rel(path string) string {
	if rel, err := filepath.Rel(r.outDir, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// build is the function that builds one case: Options.Build, or packet.Build.
func (r *runner) build() func(context.Context, string, packet.Options) (*packet.Result, error) {
	if r.opts.Build != nil {
		return r.opts.Build
	}
	return packet.Build
}

// safeBuild runs build, turning a panic into an error so that one case
// cannot stop the batch.
func safeBuild(ctx context.Context, build func(context.Context, string, packet.Options) (*packet.Result, error), dir string, opts packet.Options) (res *packet.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("internal error (please report it): %v", v)
			if opts.Logger != nil {
				opts.Logger.Error("panic while building a case", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			}
		}
	}()
	return build(ctx, dir, opts)
}

// caseID returns the case.id of the case in dir, or "" if case.yaml cannot
// be read.
func caseID(dir string) string {
	m, _, err := manifest.Load(dir)
	if err != nil {
		return ""
	}
	return m.Case.ID
}

// outNames returns each case's output folder name: the case folder's name,
// with -2, -3… added to names already used (ignoring case, for Windows and
// macOS) and never summary.json or summary.xlsx.
func outNames(cases []string) []string {
	used := map[string]bool{"summary.json": true, "summary.xlsx": true}
	out := make([]string, len(cases))
	for i, dir := range cases {
		base := dir
		if abs, err := filepath.Abs(dir); err == nil {
			base = abs
		}
		base = filepath.Base(base)
		if base == "." || base == ".." || base == string(filepath.Separator) || strings.HasSuffix(base, ":") || base == "" {
			base = "case"
		}
		name := base
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// seconds rounds d to hundredths of a second.
func seconds(d time.Duration) float64 {
	return math.Round(d.Seconds()*100) / 100
}

// markSameIDs fills SameIDAs of the cases that share a case.id with
// another case and returns those IDs, sorted.
func markSameIDs(cases []Case) []string {
	byID := map[string][]int{}
	for i, c := range cases {
		if c.CaseID != "" {
			byID[c.CaseID] = append(byID[c.CaseID], i)
		}
	}
	var dup []string
	for id, idx := range byID {
		if len(idx) < 2 {
			continue
		}
		dup = append(dup, id)
		for _, i := range idx {
			for _, j := range idx {
				if i != j {
					cases[i].SameIDAs = append(cases[i].SameIDAs, cases[j].Dir)
				}
			}
		}
	}
	sort.Strings(dup)
	return dup
}
