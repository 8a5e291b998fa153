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
	"regexp"
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
	tuneRuntime()
	os.Exit(run(os.Args, os.Stdout, os.Stderr, i18n.FromEnv(os.Getenv)))
}

// tuneRuntime sets the garbage collector for builds, unless the
// environment sets it (GOGC, GOMEMLIMIT).
func tuneRuntime() {
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
	if l, ok := langFlag(args); ok && l != lang {
		// --lang names another language: the app is built again in it,
		// for its help and the messages printed before it runs.
		lang = l
		app = newApp(termsafe.Writer{W: stdout}, stderr, lang)
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
				fmt.Fprintln(stderr, messages.Text(lang, "err.prefix", termsafe.Text(msg)))
			}
			return ec.ExitCode()
		}
		fmt.Fprintln(stderr, messages.Text(lang, "err.prefix", termsafe.Text(err.Error())))
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
	l := lang
	app := &cli.App{
		Metadata:        map[string]any{langKey: lang},
		Before:          func(c *cli.Context) error { return resolveLang(c, lang) },
		Name:            "appealpacket",
		Usage:           hl(l, "app.usage"),
		UsageText:       hl(l, "app.usagetext"),
		Description:     hl(l, "app.description"),
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: false,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: hl(l, "flag.quiet")},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: hl(l, "flag.verbose")},
			&cli.StringFlag{Name: "lang", Usage: hl(l, "flag.lang")},
		},
		Commands: usageErrorsInOneLine(initCommand(l), buildCommand(l), batchCommand(l), checkCommand(l), inspectCommand(l), letterCommand(l), profileCommand(l), serveCommand(l), verifyCommand(l), versionCommand(l)),
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return cli.Exit(tr(c, "err.usage.app", usageError(cliLang(c), err)), exitError)
		},
		ExitErrHandler: func(*cli.Context, error) {
			// run prints errors and picks the status.
		},
	}
	localizeHelp(app, l)
	return app
}

// usageErrorsInOneLine makes a command's usage errors (an unknown flag, a
// flag without its value) one line naming where the help is, instead of
// the whole help text.
func usageErrorsInOneLine(cmds ...*cli.Command) []*cli.Command {
	for _, cmd := range cmds {
		cmd.OnUsageError = func(c *cli.Context, err error, _ bool) error {
			return cli.Exit(tr(c, "err.usage", c.Command.Name, usageError(cliLang(c), err), c.Command.Name), exitError)
		}
	}
	return cmds
}

// invalidValue is the flag package's error for a value it cannot parse.
var invalidValue = regexp.MustCompile(`^invalid value (".*") for flag (\S+): (.*)$`)

// usageError is a usage error of the flag package (an unknown flag, a flag
// without its value, a value it cannot parse) in language l; other errors
// as they are.
func usageError(l i18n.Lang, err error) string {
	msg := err.Error()
	if flag, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return messages.Text(l, "err.flag_undefined", flag)
	}
	if flag, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return messages.Text(l, "err.flag_argument", flag)
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		return messages.Text(l, "err.flag_value", m[1], m[2], m[3])
	}
	return msg
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
func pdfPasswordFlag(l i18n.Lang) cli.Flag {
	return &cli.StringFlag{Name: "pdf-password", Usage: hl(l, "flag.pdf-password"), EnvVars: []string{"APPEALPACKET_PDF_PASSWORD"}}
}

func buildCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     hl(l, "build.usage"),
		ArgsUsage: "CASE_DIR",
		Description: hl(l, "build.description") + hl(l, "help.profile") + "\n\n" + hl(l, "build.sign") + "\n\n" +
			hl(l, "build.description.more"),
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: ".", Usage: hl(l, "flag.build.out")},
			&cli.BoolFlag{Name: "force", Usage: hl(l, "flag.build.force")},
			&cli.StringFlag{Name: "max-size", Usage: hl(l, "flag.build.max-size")},
			&cli.BoolFlag{Name: "attach-originals", Usage: hl(l, "flag.build.attach-originals")},
			&cli.BoolFlag{Name: "findings-sheet", Usage: hl(l, "flag.build.findings-sheet")},
			&cli.BoolFlag{Name: "overwrite", Usage: hl(l, "flag.build.overwrite")},
			pdfPasswordFlag(l),
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: hl(l, "flag.jobs")},
			dateFlag(l, "flag.date.build"),
			templateFlag(l, "flag.template.build"),
			fontFlag(l),
			&cli.StringFlag{Name: "profile", Usage: hl(l, "flag.profile", strings.Join(manifest.Platforms, ", "))},
			&cli.StringFlag{Name: "channel", Usage: hl(l, "flag.build.channel")},
			&cli.BoolFlag{Name: "per-brand", Usage: hl(l, "flag.build.per-brand")},
			pdfiumCacheFlag(l),
		}, cacheFlags(l), signFlags(l)),
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
				return cli.Exit(nr.In(cliLang(c)), exitFindings)
			}
			if nb := (*packet.NoBrandError)(nil); errors.As(err, &nb) {
				return cli.Exit(nb.In(cliLang(c)), exitError)
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
			if left := packet.PhotosLeftOutIn(cliLang(c), res.PhotosLeftOut); left != "" {
				say(c, "%s", left)
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

// dateFlag is --date; what is the key of the date's description.
func dateFlag(l i18n.Lang, what string) cli.Flag {
	return &cli.StringFlag{Name: "date", Usage: hl(l, "flag.date", hl(l, what))}
}

// templateFlag is --template; what is the key of the template's name.
func templateFlag(l i18n.Lang, what string) cli.Flag {
	return &cli.StringFlag{Name: "template", Usage: hl(l, "flag.template", hl(l, what))}
}

func fontFlag(l i18n.Lang) cli.Flag {
	return &cli.StringFlag{Name: "font", Usage: hl(l, "flag.font")}
}

func checkCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:        "check",
		Usage:       hl(l, "check.usage"),
		ArgsUsage:   "CASE_DIR",
		Description: hl(l, "check.description") + hl(l, "help.profile") + "\n\n" + hl(l, "check.examples"),
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: hl(l, "flag.check.format")},
			&cli.StringFlag{Name: "today", Usage: hl(l, "flag.check.today")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: hl(l, "flag.check.output")},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: hl(l, "flag.jobs")},
			&cli.StringFlag{Name: "profile", Usage: hl(l, "flag.profile", strings.Join(manifest.Platforms, ", "))},
			&cli.BoolFlag{Name: "per-brand", Usage: hl(l, "flag.check.per-brand")},
			pdfPasswordFlag(l),
		}, cacheFlags(l)),
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
				PDFPassword: c.String("pdf-password"), Lang: cliLang(c).Code(), PerBrand: c.Bool("per-brand")})
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

func inspectCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:        "inspect",
		Usage:       hl(l, "inspect.usage"),
		ArgsUsage:   "FILE|DIR...",
		Description: hl(l, "inspect.description"),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: hl(l, "flag.inspect.json")},
			c2paTrustFlag(l),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.Exit(tr(c, "inspect.args"), exitError)
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
				printInspect(c.App.Writer, cliLang(c), entries)
			}
			if !ok {
				return cli.Exit(tr(c, "inspect.none"), exitError)
			}
			return nil
		},
	}
}

// inspectColumns are the table columns of `inspect` for people.
var inspectColumns = []string{"FileType", "Make", "Model", "SerialNumber", "DateTimeOriginal", "OffsetTimeOriginal", "Software", "ImageWidth", "ImageHeight", "Orientation", "GPSLatitude", "GPSLongitude"}

func printInspect(w io.Writer, l i18n.Lang, entries []map[string]any) {
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
				fmt.Fprintln(w, messages.Text(l, "inspect.warning", wn))
			}
		}
	}
}

func versionCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: hl(l, "version.usage"),
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
	if len(rep.Brands) > 0 {
		return messages.Text(l, "verdict.brands", rep.CaseID, rep.BrandsVerdictIn(l))
	}
	return verdictOf(l, rep.CaseID, rep.Ready, rep.Findings)
}

// verdictOf says whether the packet named is ready, and what was found.
func verdictOf(l i18n.Lang, name string, ready bool, fs finding.List) string {
	key := "verdict.ready"
	if !ready {
		key = "verdict.not_ready"
	}
	return messages.Text(l, key, append([]any{name}, counts(l, fs.Count(finding.Error), fs.Count(finding.Warning), fs.Count(finding.Info))...)...)
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
		l := cliLang(c)
		if len(rep.Brands) == 0 {
			printFindings(&buf, l, rep.Findings)
		}
		for _, b := range rep.Brands {
			fmt.Fprintln(&buf, messages.Text(l, "report.brand", b.Brand, b.Files))
			printFindings(&buf, l, b.Findings)
			fmt.Fprintln(&buf, verdictOf(l, b.Files, b.Ready, b.Findings))
			fmt.Fprintln(&buf)
		}
		if left := packet.PhotosLeftOutIn(l, rep.PhotosLeftOut); left != "" {
			fmt.Fprintln(&buf, left)
		}
		fmt.Fprintln(&buf, verdict(l, rep))
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
