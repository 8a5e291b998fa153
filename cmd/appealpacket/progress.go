package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v2"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"appealpacket/internal/batch"
	"appealpacket/internal/i18n"
	"appealpacket/internal/termsafe"
	"appealpacket/packet"
)

// isTerminal reports whether w is a terminal, where progress bars can be
// drawn. It needs no terminal library: a console is a character device on
// Unix and on Windows alike. TERM=dumb turns bars off.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// buildProgress is the bar `build` shows on a terminal while it reads the
// case's files. It appears only if the build takes a moment, so that a
// small case prints nothing more than before.
type buildProgress struct {
	p     *mpb.Progress
	bar   *mpb.Bar
	stage atomic.Value // string
	once  sync.Once
}

// newBuildProgress returns the bar for a build, or nil when stderr is not
// a terminal or --quiet is set.
func newBuildProgress(c *cli.Context) *buildProgress {
	if c.Bool("quiet") || !isTerminal(c.App.ErrWriter) {
		return nil
	}
	delay := make(chan any)
	time.AfterFunc(500*time.Millisecond, func() { close(delay) })
	b := &buildProgress{}
	b.stage.Store("reading files")
	b.p = mpb.New(mpb.WithOutput(c.App.ErrWriter), mpb.WithWidth(60), mpb.WithRenderDelay(delay))
	b.bar = b.p.AddBar(0, mpb.BarRemoveOnComplete(),
		mpb.PrependDecorators(decor.Any(func(decor.Statistics) string { return b.stage.Load().(string) }, decor.WC{W: 14, C: decor.DindentRight})),
		mpb.AppendDecorators(decor.CountersNoUnit("%d / %d files")))
	return b
}

// callback is the packet.Options.Progress function of the bar; nil
// without a bar.
func (b *buildProgress) callback() func(packet.Progress) {
	if b == nil {
		return nil
	}
	return func(p packet.Progress) {
		switch p.Stage {
		case "collect":
			b.bar.SetTotal(int64(p.Total), false)
			b.bar.SetCurrent(int64(p.Done))
		case "render":
			b.stage.Store("writing packet")
		}
	}
}

// step is an initcase.Options.Progress function of the bar; nil without
// a bar.
func (b *buildProgress) step() func(step string, done, total int) {
	if b == nil {
		return nil
	}
	return func(step string, done, total int) {
		if b.stage.Swap(step) != step {
			b.bar.SetCurrent(0)
		}
		b.bar.SetTotal(int64(total), false)
		if int64(done) > b.bar.Current() { // calls from several goroutines may come out of order
			b.bar.SetCurrent(int64(done))
		}
	}
}

// stop removes the bar; call it before printing the result.
func (b *buildProgress) stop() {
	if b == nil {
		return
	}
	b.once.Do(func() {
		b.bar.Abort(true)
		b.p.Wait()
	})
}

// batchProgress shows a batch as it runs: on a terminal an overall bar and
// a bar per running case, with a line above them per finished case; else
// one plain line per finished case; with --quiet nothing.
type batchProgress struct {
	lang    i18n.Lang // of the lines printed
	mode    int       // quietMode, linesMode or barsMode
	out     io.Writer
	mu      sync.Mutex // serializes plain lines
	p       *mpb.Progress
	overall *mpb.Bar
	bars    sync.Map // case index -> *mpb.Bar
	notOK   atomic.Int64
}

const (
	quietMode = iota
	linesMode
	barsMode
)

func newBatchProgress(c *cli.Context, total int) *batchProgress {
	u := &batchProgress{out: c.App.ErrWriter, lang: cliLang(c)}
	switch {
	case c.Bool("quiet"):
		u.mode = quietMode
	case isTerminal(c.App.ErrWriter):
		u.mode = barsMode
		u.p = mpb.New(mpb.WithOutput(c.App.ErrWriter), mpb.WithWidth(72))
		u.overall = u.p.AddBar(int64(total),
			mpb.PrependDecorators(decor.Name("cases", decor.WC{W: 24, C: decor.DindentRight}),
				decor.CountersNoUnit("%d / %d", decor.WCSyncWidth)),
			mpb.AppendDecorators(decor.Any(func(decor.Statistics) string {
				if n := u.notOK.Load(); n > 0 {
					return messages.Text(u.lang, "batch.bar.not_built", n)
				}
				return ""
			}, decor.WCSyncWidth), decor.Elapsed(decor.ET_STYLE_GO, decor.WC{W: 6, C: decor.DSyncWidth})))
	default:
		u.mode = linesMode
	}
	return u
}

// Writer is where diagnostics go while the batch runs: above the bars on a
// terminal, else stderr.
func (u *batchProgress) Writer() io.Writer {
	if u.mode == barsMode {
		return u.p
	}
	return u.out
}

// Event is the batch.Options.Event function.
func (u *batchProgress) Event(e batch.Event) {
	switch u.mode {
	case quietMode:
		return
	case linesMode:
		if e.Kind == batch.CaseFinished {
			u.mu.Lock()
			fmt.Fprintln(u.out, caseLine(u.lang, e.Case))
			u.mu.Unlock()
		}
		return
	}
	switch e.Kind {
	case batch.CaseStarted:
		label := shorten(termsafe.String(e.Dir), 22)
		bar := u.p.AddBar(0, mpb.BarRemoveOnComplete(),
			mpb.PrependDecorators(decor.Name("  "+label, decor.WC{W: 24, C: decor.DindentRight}),
				decor.CountersNoUnit("%d / %d", decor.WCSyncWidth)),
			mpb.AppendDecorators(decor.Name(" files", decor.WCSyncWidth), decor.Elapsed(decor.ET_STYLE_GO, decor.WC{W: 6, C: decor.DSyncWidth})))
		u.bars.Store(e.Index, bar)
	case batch.CaseProgress:
		if v, ok := u.bars.Load(e.Index); ok && e.Progress.Stage == "collect" {
			bar := v.(*mpb.Bar)
			bar.SetTotal(int64(e.Progress.Total), false)
			bar.SetCurrent(int64(e.Progress.Done))
		}
	case batch.CaseFinished:
		if v, ok := u.bars.LoadAndDelete(e.Index); ok {
			v.(*mpb.Bar).Abort(true)
		}
		if e.Case.Status != batch.Built {
			u.notOK.Add(1)
		}
		fmt.Fprintln(u.p, caseLine(u.lang, e.Case))
		u.overall.Increment()
	}
}

// Close removes the bars once the batch is over.
func (u *batchProgress) Close() {
	if u.mode != barsMode {
		return
	}
	u.bars.Range(func(_, v any) bool {
		v.(*mpb.Bar).Abort(true)
		return true
	})
	u.overall.Abort(false) // no-op when complete
	u.p.Wait()
}

// caseLine is the line printed when a case ends, in language l, e.g.
//
//	built      IPP-1  cases/a  3.2 s  12 pages
//	FORCED     IPP-2  cases/c  2.9 s  10 pages, cover NOT READY: 1 blocking issue: AUTH_EXPIRED
//	FAILED     cases/b  case.yaml:3:1: top level: unknown field "seler"
func caseLine(l i18n.Lang, c *batch.Case) string {
	var b strings.Builder
	key := map[batch.Status]string{batch.Built: "batch.line.built", batch.BuiltNotReady: "batch.line.forced", batch.NotReady: "batch.line.not_ready", batch.Failed: "batch.line.failed", batch.Skipped: "batch.line.skipped"}[c.Status]
	b.WriteString(messages.Text(l, key))
	if c.CaseID != "" {
		b.WriteString(c.CaseID + "  ")
	}
	b.WriteString(c.Dir)
	switch c.Status {
	case batch.Built:
		b.WriteString(messages.Count(l, "batch.line.pages", c.Pages, c.Seconds, c.Pages))
	case batch.BuiltNotReady:
		b.WriteString(messages.Count(l, "batch.line.pages", c.Pages, c.Seconds, c.Pages))
		b.WriteString(messages.Count(l, "batch.line.cover", c.Errors, c.Errors, strings.Join(c.Blocking, ", ")))
	case batch.NotReady:
		b.WriteString(messages.Count(l, "batch.line.blocking", c.Errors, c.Seconds, c.Errors, strings.Join(c.Blocking, ", ")))
	case batch.Skipped:
		if c.Error == batch.NotStarted {
			b.WriteString("  " + messages.Text(l, "batch.line.not_started"))
			break
		}
		fallthrough
	default:
		first, rest, _ := strings.Cut(c.Error, "\n")
		b.WriteString("  " + first)
		if rest != "" {
			b.WriteString("\n           " + strings.ReplaceAll(rest, "\n", "\n           "))
		}
	}
	if c.Deadline != "" {
		b.WriteString(messages.Text(l, "batch.line.deadline", c.Deadline))
	}
	return termsafe.Text(b.String())
}

// shorten keeps the end of a long path, where the case folder's name is.
func shorten(dir string, n int) string {
	dir = filepath.ToSlash(dir)
	if r := []rune(dir); len(r) > n {
		return "…" + string(r[len(r)-n+1:])
	}
	return dir
}
