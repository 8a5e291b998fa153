// The signed letters sellers receive often carry certificates with a
// negative serial number, which Go refuses by default: read them.
//
//go:debug x509negativeserial=1

// Command appealpacket turns a marketplace seller's case folder (camera
// originals, listing pictures, trademark certificates, authorization
// letters, invoices) into one cross-referenced appeal PDF and one XLSX
// index, after checking everything that could sink a one-shot appeal.
//
// Usage:
//
//	appealpacket build CASE_DIR -o OUT_DIR
//	appealpacket check CASE_DIR
//	appealpacket inspect [--json] FILE|DIR...
//	appealpacket version
//
// Run `appealpacket help COMMAND` for each command's flags and examples.
// This package holds flags and output only; the work is done by package
// appealpacket/packet.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"
	"appealpacket/internal/termsafe"
	"appealpacket/packet"
	"appealpacket/packet/atomicfile"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A build allocates large, short-lived buffers (pictures, PDF
		// files); collecting less often saves a fifth of a rebuild's time.
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// What a build holds at once is bounded by design (see the README's
		// Memory section: the --memory budget, 256 MB, for the files being
		// read and decoded, and what is drawn: one part of at most the size
		// limit); the soft limit keeps the garbage a GOGC of 300 leaves
		// between collections from growing the process past that, the
		// whole under 500 MB.
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args, os.Stdout, os.Stderr, i18n.FromEnv(os.Getenv)))
}

// memoryLimit is the Go runtime's soft memory limit (see main).
const memoryLimit = 320 << 20

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1 // check: blocking findings; build: not ready
	exitError    = 2 // the command could not run
)

// run is main without the process: it returns the exit status. lang is
// the language of the environment (APPEALPACKET_LANG, LC_ALL, LC_MESSAGES,
// LANG), which --lang overrides.
func run(args []string, stdout, stderr io.Writer, lang i18n.Lang) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Text from files and manifests (names, EXIF, case IDs) reaches the
	// terminal escaped; stderr is escaped where it is printed, since its
	// progress bars need their own escape sequences.
	app := newApp(termsafe.Writer{W: stdout}, stderr, lang)
	args = flagsFirst(app, args)
	if l, ok := langFlag(args); ok {
		lang = l // for the messages printed before the app runs
	}
	if name := commandName(app, args); name != "" && name != "help" && name != "h" && app.Command(name) == nil {
		fmt.Fprintln(stderr, messages.Text(lang, "err.no_command", termsafe.String(name)))
		return exitError
	}
	if err := app.RunContext(ctx, args); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, messages.Text(lang, "err.interrupted"))
			return exitError
		}
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			if msg := err.Error(); msg != "" {
				fmt.Fprintln(stderr, "appealpacket:", termsafe.Text(msg))
			}
			return ec.ExitCode()
		}
		fmt.Fprintln(stderr, "appealpacket:", termsafe.Text(err.Error()))
		return exitError
	}
	return exitOK
}

// commandName returns the first argument after the global flags (and the
// values of those that take one).
func commandName(app *cli.App, args []string) string {
	takesValue := globalValueFlags(app)
	rest := args[min(1, len(args)):]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if !strings.HasPrefix(a, "-") {
			return a
		}
		if name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "="); takesValue[name] && !hasValue {
			i++
		}
	}
	return ""
}

// globalValueFlags names the global flags that take a value (--lang).
func globalValueFlags(app *cli.App) map[string]bool {
	out := map[string]bool{}
	for _, f := range app.Flags {
		if _, isBool := f.(*cli.BoolFlag); !isBool {
			for _, n := range f.Names() {
				out[n] = true
			}
		}
	}
	return out
}

// langFlag returns the language --lang names among the global flags of
// args (after flagsFirst), when it names one appealpacket speaks.
func langFlag(args []string) (i18n.Lang, bool) {
	for i := 1; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		l, err := i18n.Parse(value)
		return l, err == nil
	}
	return i18n.English, false
}

// flagsFirst moves a command's flags before its arguments, so that
// "build testdata/demo -o out/" works like "build -o out/ testdata/demo"
// (urfave/cli stops reading flags at the first argument). "--" ends flags.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	i := 1
	globalValue := globalValueFlags(app)
	for i < len(args) && strings.HasPrefix(args[i], "-") { // global flags
		out = append(out, args[i])
		if name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "="); globalValue[name] && !hasValue && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
		i++
	}
	if i >= len(args) {
		return out
	}
	cmd := app.Command(args[i])
	name := args[i]
	i++
	if cmd == nil {
		return append(append(out, name), args[i:]...)
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	// Global flags may come after the command too ("build --force -q dir"):
	// they move before it, unless the command has a flag of that name.
	global := map[string]bool{}
	for _, f := range app.Flags {
		for _, n := range f.Names() {
			if _, mine := takesValue[n]; !mine {
				global[n] = true
			}
		}
	}
	var flags, positional []string
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flag, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if global[flag] {
			out = append(out, a)
			if globalValue[flag] && !hasValue && i+1 < len(args) {
				i++
				out = append(out, args[i])
			}
			continue
		}
		flags = append(flags, a)
		if takesValue[flag] && !hasValue && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	out = append(out, name)
	out = append(out, flags...)
	if len(positional) > 0 {
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out
}

func newApp(stdout, stderr io.Writer, lang i18n.Lang) *cli.App {
	return &cli.App{
		Metadata:  map[string]any{langKey: lang},
		Before:    func(c *cli.Context) error { return resolveLang(c, lang) },
		Name:      "appealpacket",
		Usage:     "build a cross-referenced appeal packet (PDF + XLSX index) from a case folder",
		UsageText: "appealpacket [--quiet|--verbose] COMMAND [flags] ARGS",
		Description: "A case folder holds case.yaml (the manifest) and the evidence it names: camera-original photos,\n" +
			"listing pictures, trademark certificates, authorization letters, invoices. `check` says what could sink\n" +
			"the appeal; `build` writes <case-id>-packet.pdf and <case-id>-index.xlsx.\n\n" +
			"Example:\n   appealpacket check testdata/demo\n   appealpacket build testdata/demo -o out/",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: false,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only errors"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print diagnostics (timings, each file read) on stderr"},
			&cli.StringFlag{Name: "lang", Usage: "`LANG` of what appealpacket prints (en or zh; default: $APPEALPACKET_LANG, then $LC_ALL, $LC_MESSAGES, $LANG), and of the packet and letters that build and letter write (default: case.language)"},
		},
		Commands: usageErrorsInOneLine(initCommand(), buildCommand(), batchCommand(), checkCommand(), inspectCommand(), letterCommand(), profileCommand(), serveCommand(), verifyCommand(), versionCommand()),
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return cli.Exit(fmt.Sprintf("%v; see `appealpacket --help`", err), exitError)
		},
		ExitErrHandler: func(*cli.Context, error) {
			// run prints errors and picks the status.
		},
	}
}

// usageErrorsInOneLine makes a command's usage errors (an unknown flag, a
// flag without its value) one line naming where the help is, instead of
// the whole help text.
func usageErrorsInOneLine(cmds ...*cli.Command) []*cli.Command {
	for _, cmd := range cmds {
		cmd.OnUsageError = func(c *cli.Context, err error, _ bool) error {
			return cli.Exit(tr(c, "err.usage", c.Command.Name, err, c.Command.Name), exitError)
		}
	}
	return cmds
}

// logger returns the diagnostics logger the global flags ask for.
func logger(c *cli.Context) *slog.Logger {
	level := slog.LevelWarn
	switch {
	case c.Bool("verbose"):
		level = slog.LevelDebug
	case c.Bool("quiet"):
		level = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: level}))
}

// say prints a line unless --quiet.
func say(c *cli.Context, format string, args ...any) {
	if !c.Bool("quiet") {
		fmt.Fprintf(c.App.Writer, format+"\n", args...)
	}
}

// oneCase returns the single case folder argument.
func oneCase(c *cli.Context) (string, error) {
	if c.NArg() != 1 {
		return "", cli.Exit(trn(c, "err.one_case", c.NArg(), c.Command.Name, c.NArg(), c.Command.Name), exitError)
	}
	return c.Args().First(), nil
}

// prepDate is the packet date: --date, else SOURCE_DATE_EPOCH, else zero
// (the manifest's case.prepared or today).
func prepDate(c *cli.Context) (time.Time, error) {
	if s := c.String("date"); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, cli.Exit(tr(c, "err.date", s), exitError)
		}
		return t, nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, cli.Exit(fmt.Sprintf("SOURCE_DATE_EPOCH=%q: want seconds since 1970", s), exitError)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, nil
}

// pdfPasswordFlag is --pdf-password, which the message about a PDF
// protected by a password names: check, build and batch take it.
func pdfPasswordFlag() cli.Flag {
	return &cli.StringFlag{Name: "pdf-password", Usage: "`PASSWORD` to open PDF evidence protected by a user password", EnvVars: []string{"APPEALPACKET_PDF_PASSWORD"}}
}

// profileHelp explains --profile in the help of check and build.
const profileHelp = "The platform's rules (attachment types and size limit, picture size, invoice age and buyer,\n" +
	"letter-of-authorization terms, required fields) come from the built-in profile named by case.platform;\n" +
	"--profile FILE checks against your own profile instead (the same YAML schema; see packet/profile)."

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "check a case and write its packet PDF and XLSX index",
		ArgsUsage: "CASE_DIR",
		Description: "Reads CASE_DIR/case.yaml and every file it names (read-only), checks them, and writes\n" +
			"OUT_DIR/<case-id>-packet.pdf and OUT_DIR/<case-id>-index.xlsx. Files are written to a temporary\n" +
			"name and renamed when complete. If a check finds a blocking error, nothing is written unless --force.\n" +
			profileHelp + "\n\n" + signHelp + "\n\n" +
			"A packet over the size limit (--max-size, default the platform's) gets smaller photo copies, then is split\n" +
			"into parts (<case-id>-packet-part1-of-3.pdf ...); originals are never changed. Every packet embeds a manifest\n" +
			"of the original files' hashes (see `appealpacket verify`); an output changed since it was written is not\n" +
			"replaced without --overwrite.\n\n" +
			"--channel NAME builds for one upload form of the platform (`appealpacket profile show` lists them): the PDF\n" +
			"within the form's file count and size, or, for a form that takes no PDF, the pages as numbered pictures\n" +
			"(<case-id>-p01.jpg ...) each within its size limit, plus the camera originals where it takes them; no XLSX index.\n\n" +
			"--per-brand writes one packet per brand (the trademarks of one mark) for platforms that take one brand per\n" +
			"submission (Coupang): <case-id>-<brand>-packet.pdf and -index.xlsx, each with that brand's trademarks, the letters\n" +
			"naming them, the listings naming them (every listing needs `trademarks: [ID]` in case.yaml), the photos those\n" +
			"listings' pictures were made from, and the papers naming them or no trademark. Each is checked on its own;\n" +
			"nothing is written unless every one is ready (or --force).\n\n" +
			"Examples:\n   appealpacket build testdata/demo -o out/\n   appealpacket build --profile amazon --channel copyright-images testdata/demo -o out/\n   appealpacket build --force --date 2024-04-01 cases/IPP-123 -o out/\n" +
			"   appealpacket build --max-size 5MB --attach-originals cases/IPP-123 -o out/\n" +
			"   appealpacket build --sign seller.p12 --tsa http://timestamp.example/tsr cases/IPP-123 -o out/",
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: ".", Usage: "folder to write the packet to (created if missing)"},
			&cli.BoolFlag{Name: "force", Usage: "write the packet even with blocking findings; its cover then says NOT READY"},
			&cli.StringFlag{Name: "max-size", Usage: "largest packet `SIZE` (e.g. 10MB, 500KB); default: the platform profile's attachment limit"},
			&cli.BoolFlag{Name: "attach-originals", Usage: "embed the original files (EXIF intact) in the packet, as far as the size limit allows (signed PDFs are embedded first, even without it)"},
			&cli.BoolFlag{Name: "findings-sheet", Usage: "add a Findings sheet (each finding with what to do) to the XLSX index: for your own copy, not the one you send"},
			&cli.BoolFlag{Name: "overwrite", Usage: "replace outputs even if they were changed after appealpacket wrote them"},
			pdfPasswordFlag(),
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "files read in parallel"},
			dateFlag("preparation date on the cover and in the files"),
			templateFlag("statement"),
			fontFlag(),
			&cli.StringFlag{Name: "profile", Usage: "platform profile `FILE` (YAML) to check against instead of the built-in one case.platform selects; a built-in name (" + strings.Join(manifest.Platforms, ", ") + ") works too"},
			&cli.StringFlag{Name: "channel", Usage: "write what the profile's upload channel `NAME` takes (see `appealpacket profile show`): the PDF within its limits, or its pages as numbered pictures"},
			&cli.BoolFlag{Name: "per-brand", Usage: "one packet per brand (the trademarks of one mark), for platforms that take one brand per submission: <case-id>-<brand>-packet.pdf ...; every listing names its trademarks in case.yaml (trademarks: [ID])"},
			pdfiumCacheFlag(),
		}, cacheFlags(), signFlags()),
		Action: func(c *cli.Context) error {
			dir, err := oneCase(c)
			if err != nil {
				return err
			}
			date, err := prepDate(c)
			if err != nil {
				return err
			}
			signing, err := signOptions(c)
			if err != nil {
				return err
			}
			var maxSize int64
			if s := c.String("max-size"); s != "" {
				b, err := profile.ParseBytes(s)
				if err != nil || b <= 0 {
					return cli.Exit(tr(c, "err.max_size", s), exitError)
				}
				maxSize = int64(b)
			}
			mem, err := memory(c)
			if err != nil {
				return err
			}
			pdfium, err := pdfiumEngine(c, false)
			if err != nil {
				return err
			}
			if pdfium != nil {
				defer pdfium.Close(c.Context)
			}
			prog := newBuildProgress(c)
			res, err := packet.Build(c.Context, dir, packet.Options{
				OutDir: c.String("out"), Force: c.Bool("force"), Workers: c.Int("jobs"), Date: date,
				TemplateFile: c.String("template"), FontFile: c.String("font"), Logger: logger(c),
				ProfileFile: c.String("profile"), MaxSize: maxSize, AttachOriginals: c.Bool("attach-originals"), FindingsSheet: c.Bool("findings-sheet"),
				Overwrite: c.Bool("overwrite"), PDFPassword: c.String("pdf-password"), CacheDir: cacheDir(c), MaxPixels: c.Int("max-pixels"), Memory: mem, OCR: c.String("ocr"), HolidaysFile: c.String("holidays"), C2PATrustFile: c.String("c2pa-trust"),
				Progress: prog.callback(), Sign: signing, Lang: c.String("lang"), Channel: c.String("channel"), PDFium: pdfium, PerBrand: c.Bool("per-brand"),
			})
			prog.stop()
			if nr, ok := packet.IsNotReady(err); ok {
				printFindings(c.App.ErrWriter, cliLang(c), nr.Findings)
				return cli.Exit(err.Error(), exitFindings)
			}
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			if len(res.Brands) == 0 {
				printBuilt(c, res)
			}
			for _, b := range res.Brands {
				sayT(c, "build.brand", b.Brand)
				printBuilt(c, b)
			}
			if len(res.PhotosLeftOut) > 0 {
				sayN(c, "build.photos_left_out", len(res.PhotosLeftOut), len(res.PhotosLeftOut), strings.Join(res.PhotosLeftOut, ", "))
			}
			if n := len(res.Findings); n > 0 && !c.Bool("quiet") {
				sayT(c, "build.findings", append(counts(cliLang(c), res.Findings.Count(finding.Error), res.Findings.Count(finding.Warning), res.Findings.Count(finding.Info)), dir)...)
			}
			return nil
		},
	}
}

// printBuilt says what a build wrote: the files of one packet.
func printBuilt(c *cli.Context, res *packet.Result) {
	if ch := res.Channel; ch != nil && ch.Pictures {
		stem := strings.TrimSuffix(filepath.Base(res.Files[0].Path), "-p01."+ch.Type)
		sayN(c, "build.channel", ch.Pages, ch.Channel, ch.Pages, stem, ch.Type, filepath.Base(res.Files[ch.Pages-1].Path),
			trn(c, "count.originals", len(ch.Originals), len(ch.Originals)),
			humanBytes(ch.Largest), humanBytes(ch.MaxBytes), ch.MinDPI, ch.PerPage.Round(time.Millisecond), ch.Start.Round(10*time.Millisecond))
		if len(ch.OriginalsLeft) > 0 {
			sayN(c, "build.channel_left", len(ch.OriginalsLeft), len(ch.OriginalsLeft), strings.Join(ch.OriginalsLeft, ", "))
		}
	}
	for _, f := range res.Files {
		if f.Part == 0 || (res.Channel != nil && res.Channel.Pictures) {
			sayT(c, "build.file", f.Path, humanBytes(f.Size))
		} else if len(res.Files) == 2 {
			sayT(c, "build.packet", f.Path, res.Pages, res.Exhibits, humanBytes(f.Size))
		} else {
			sayT(c, "build.part", f.Path, f.Part, len(res.Files)-1, humanBytes(f.Size))
		}
	}
	if res.Fit.Reduced || res.Fit.Parts > 1 {
		say(c, "%s", res.Fit)
	}
	if len(res.NotAttached) > 0 {
		sayN(c, "build.not_attached", len(res.NotAttached), len(res.NotAttached), strings.Join(res.NotAttached, ", "))
	}
}

// Flags several commands share.

func dateFlag(what string) cli.Flag {
	return &cli.StringFlag{Name: "date", Usage: what + ", as `YYYY-MM-DD` (default: $SOURCE_DATE_EPOCH, case.prepared, today)"}
}

func templateFlag(what string) cli.Flag {
	return &cli.StringFlag{Name: "template", Usage: what + " template `FILE` (text/template) instead of the built-in one"}
}

func fontFlag() cli.Flag {
	return &cli.StringFlag{Name: "font", Usage: "TrueType `FILE` (.ttf) to draw characters the built-in fonts lack"}
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "say what could sink the appeal, without writing anything",
		ArgsUsage: "CASE_DIR",
		Description: "Reads the case like build does and reports findings grouped by severity, each with its\n" +
			"exhibit, what is wrong and what to do. Exit status: 0 ready (no errors), 1 blocking errors found,\n" +
			"2 the check could not run (no or bad case.yaml, unreadable folder).\n" +
			profileHelp + "\n\n" +
			"Examples:\n   appealpacket check testdata/demo\n   appealpacket check --format json testdata/demo | jq .ready\n" +
			"   appealpacket check --format html -o report.html testdata/demo   (a page for you, with thumbnails)\n" +
			"   appealpacket check --profile amazon testdata/demo\n   appealpacket check --profile my-platform.yaml testdata/demo",
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "`text` for people, `json` for scripts, `html` for a report page with thumbnails (with -o FILE)"},
			&cli.StringFlag{Name: "today", Usage: "count the appeal deadline to `DATE` (YYYY-MM-DD) instead of case.prepared or today"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` (written whole, then renamed) instead of the terminal"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "files read in parallel"},
			&cli.StringFlag{Name: "profile", Usage: "platform profile `FILE` (YAML) to check against instead of the built-in one case.platform selects; a built-in name (" + strings.Join(manifest.Platforms, ", ") + ") works too"},
			pdfPasswordFlag(),
		}, cacheFlags()),
		Action: func(c *cli.Context) error {
			dir, err := oneCase(c)
			if err != nil {
				return err
			}
			format := c.String("format")
			if format != "text" && format != "json" && format != "html" {
				return cli.Exit(tr(c, "err.format", format), exitError)
			}
			var today time.Time
			if s := c.String("today"); s != "" {
				if today, err = time.Parse(time.DateOnly, s); err != nil {
					return cli.Exit(tr(c, "err.today", s), exitError)
				}
			}
			mem, err := memory(c)
			if err != nil {
				return err
			}
			prog := newBuildProgress(c) // stop is idempotent
			rep, err := packet.Check(c.Context, dir, packet.Options{Workers: c.Int("jobs"), Logger: logger(c), ProfileFile: c.String("profile"), Thumbnails: format == "html", Progress: prog.callback(), Today: today,
				CacheDir: cacheDir(c), MaxPixels: c.Int("max-pixels"), Memory: mem, OCR: c.String("ocr"), HolidaysFile: c.String("holidays"), C2PATrustFile: c.String("c2pa-trust"),
				PDFPassword: c.String("pdf-password"), Lang: cliLang(c).Code()})
			prog.stop()
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			if err := writeReport(c, rep, format); err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			if !rep.Ready {
				return cli.Exit("", exitFindings)
			}
			return nil
		},
	}
}

// printFindings writes findings grouped by severity, errors first, their
// framing in language l.
func printFindings(w io.Writer, l i18n.Lang, fs finding.List) {
	w = termsafe.Writer{W: w}
	for _, sev := range []finding.Severity{finding.Error, finding.Warning, finding.Info} {
		n := fs.Count(sev)
		if n == 0 {
			continue
		}
		fmt.Fprintln(w, messages.Text(l, map[finding.Severity]string{finding.Error: "report.errors", finding.Warning: "report.warnings", finding.Info: "report.notes"}[sev], n))
		for _, f := range fs {
			if f.Severity != sev {
				continue
			}
			ex := ""
			if f.Exhibit != "" {
				ex = " [" + f.Exhibit + "]"
			}
			fmt.Fprintf(w, "  %s%s: %s\n", f.Code, ex, strings.ReplaceAll(f.Message, "\n", "\n      "))
			if f.Where != "" {
				fmt.Fprintln(w, messages.Text(l, "report.at", f.Where))
			}
			if f.Hint != "" {
				fmt.Fprintln(w, messages.Text(l, "report.todo", f.Hint))
			}
		}
	}
}

func inspectCommand() *cli.Command {
	return &cli.Command{
		Name:      "inspect",
		Usage:     "show the EXIF evidence of photos (camera, serial, capture time, GPS, hashes)",
		ArgsUsage: "FILE|DIR...",
		Description: "Reads metadata without decoding pixels, from JPEG, HEIC, PNG, WebP and TIFF files; folders are\n" +
			"searched for pictures. --json prints an array shaped like `exiftool -json -n`, plus SHA256, Warnings\n" +
			"and C2PA (the file's Content Credentials, validated against --c2pa-trust FILE when given, else without a\n" +
			"trust list; nothing is fetched).\n" +
			"A damaged file is reported with its warnings; the exit status is 2 only if no file could be read.\n\n" +
			"Examples:\n   appealpacket inspect testdata/demo/originals\n   appealpacket inspect --json IMG_0012.JPG",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print JSON for scripts"},
			c2paTrustFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.Exit("inspect needs at least one file or folder; see `appealpacket help inspect`", exitError)
			}
			entries, ok, err := packet.Inspect(c.Args().Slice(), c.String("c2pa-trust"))
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			if c.Bool("json") {
				if entries == nil {
					entries = []map[string]any{}
				}
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				if err := enc.Encode(entries); err != nil {
					return cli.Exit(err.Error(), exitError)
				}
			} else {
				printInspect(c.App.Writer, entries)
			}
			if !ok {
				return cli.Exit("no file could be read", exitError)
			}
			return nil
		},
	}
}

// inspectColumns are the table columns of `inspect` for people.
var inspectColumns = []string{"FileType", "Make", "Model", "SerialNumber", "DateTimeOriginal", "OffsetTimeOriginal", "Software", "ImageWidth", "ImageHeight", "Orientation", "GPSLatitude", "GPSLongitude"}

func printInspect(w io.Writer, entries []map[string]any) {
	for _, e := range entries {
		fmt.Fprintf(w, "%s\n", e["SourceFile"])
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, k := range inspectColumns {
			if v, ok := e[k]; ok {
				fmt.Fprintf(tw, "  %s\t%v\n", k, v)
			}
		}
		var rest []string
		for k := range e {
			if k != "SourceFile" && k != "Warnings" && k != "SHA256" && !slices.Contains(inspectColumns, k) {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		for _, k := range rest {
			fmt.Fprintf(tw, "  %s\t%v\n", k, e[k])
		}
		if v, ok := e["SHA256"]; ok {
			fmt.Fprintf(tw, "  SHA256\t%v\n", v)
		}
		tw.Flush()
		if ws, _ := e["Warnings"].([]string); len(ws) > 0 {
			for _, wn := range ws {
				fmt.Fprintf(w, "  warning: %s\n", wn)
			}
		}
	}
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(c.App.Writer, "appealpacket %s (%s, %s/%s)\n", packet.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}

func humanBytes(n int64) string { return profile.Bytes(n).String() }

// verdict is the check's last line, in language l: the case and whether
// it is ready.
func verdict(l i18n.Lang, rep *packet.Report) string {
	key := "verdict.ready"
	if !rep.Ready {
		key = "verdict.not_ready"
	}
	return messages.Text(l, key, append([]any{rep.CaseID},
		counts(l, rep.Findings.Count(finding.Error), rep.Findings.Count(finding.Warning), rep.Findings.Count(finding.Info))...)...)
}

// writeReport writes a check's report in format (text, json, html) to the
// terminal, or with --output to a file, written whole and then renamed;
// the verdict is then printed on the terminal.
func writeReport(c *cli.Context, rep *packet.Report, format string) error {
	var buf bytes.Buffer
	switch format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	case "html":
		if err := rep.WriteHTML(&buf); err != nil {
			return err
		}
	default:
		printFindings(&buf, cliLang(c), rep.Findings)
		fmt.Fprintln(&buf, verdict(cliLang(c), rep))
	}
	out := c.String("output")
	if out == "" {
		_, err := c.App.Writer.Write(buf.Bytes())
		return err
	}
	f, err := atomicfile.Create(out)
	if err != nil {
		return err
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", out, err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	sayT(c, "wrote", out)
	say(c, "%s", verdict(cliLang(c), rep))
	return nil
}
