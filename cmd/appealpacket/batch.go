package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/batch"
	"appealpacket/internal/i18n"
	"appealpacket/internal/termsafe"
	"appealpacket/packet"
	"appealpacket/packet/manifest"
)

func batchCommand() *cli.Command {
	return &cli.Command{
		Name:      "batch",
		Usage:     "build many cases at once, each into its own folder, with a summary",
		ArgsUsage: "DIR...",
		Description: "Each DIR is a case folder (it holds case.yaml) or a folder of case folders; --list FILE names\n" +
			"one case folder per line (# comments; relative paths are relative to FILE's folder). Each case is\n" +
			"built like `build` into OUT_DIR/<case folder name>/, --jobs cases at a time; one failing case never\n" +
			"stops the others. OUT_DIR/summary.json and OUT_DIR/summary.xlsx list every case with its status\n" +
			"(built, not-ready, failed, skipped), findings by severity, output files and sizes, and seconds.\n" +
			"Exit status: 0 every case built, 1 some case not ready or failed, 2 the batch could not run.\n\n" +
			"Examples:\n   appealpacket batch clients/ -o out/\n   appealpacket batch --list today.txt -j 4 -o out/",
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "folder for the cases' packets and the summaries (created if missing)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "cases built at once"},
			&cli.StringFlag{Name: "list", Usage: "`FILE` naming one case folder per line"},
			&cli.BoolFlag{Name: "force", Usage: "write packets even with blocking findings; their covers then say NOT READY"},
			dateFlag("preparation date on the covers and in the files"),
			templateFlag("statement"),
			fontFlag(),
			&cli.StringFlag{Name: "profile", Usage: "platform profile `FILE` (YAML) to check every case against; a built-in name (" + strings.Join(manifest.Platforms, ", ") + ") works too"},
			pdfPasswordFlag(),
			&cli.StringFlag{Name: "channel", Usage: "build every case for the profile's upload channel `NAME` (see `appealpacket build --help`)"},
			&cli.BoolFlag{Name: "per-brand", Usage: "one packet per brand in each case of several brands (see `appealpacket build --help`)"},
			pdfiumCacheFlag(),
		}, cacheFlags(), signFlags()),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 && c.String("list") == "" {
				return cli.Exit(tr(c, "batch.needs_cases"), exitError)
			}
			cases, err := batch.Discover(c.Args().Slice(), c.String("list"))
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			if len(cases) == 0 {
				return cli.Exit(tr(c, "batch.no_cases"), exitError)
			}
			if c.Int("jobs") < 1 {
				return cli.Exit(fmt.Sprintf("--jobs %d: want 1 or more", c.Int("jobs")), exitError)
			}
			date, err := prepDate(c)
			if err != nil {
				return err
			}
			signing, err := signOptions(c) // one key (and one password prompt) for every case
			if err != nil {
				return err
			}
			mem, err := memory(c)
			if err != nil {
				return err
			}
			if os.Getenv("GOMEMLIMIT") == "" {
				// -j builds at once, each within its own bound.
				debug.SetMemoryLimit(int64(c.Int("jobs")) * max(memoryLimit, mem+memoryLimit-defaultMemory))
			}
			pdfium, err := pdfiumEngine(c, true) // compiled once for the whole batch
			if err != nil {
				return err
			}
			defer pdfium.Close(c.Context)
			ui := newBatchProgress(c, len(cases))
			sum, err := batch.Run(c.Context, cases, batch.Options{
				Jobs:   c.Int("jobs"),
				OutDir: c.String("out"),
				Packet: packet.Options{
					Force: c.Bool("force"), Date: date, TemplateFile: c.String("template"), FontFile: c.String("font"),
					ProfileFile: c.String("profile"), Logger: logTo(c, ui.Writer()), CacheDir: cacheDir(c), MaxPixels: c.Int("max-pixels"), Memory: mem, OCR: c.String("ocr"), HolidaysFile: c.String("holidays"), C2PATrustFile: c.String("c2pa-trust"),
					PDFPassword: c.String("pdf-password"), Sign: signing,
					Channel: c.String("channel"), PerBrand: c.Bool("per-brand"), PDFium: pdfium,
				},
				Event: ui.Event,
			})
			ui.Close()
			if sum == nil {
				return cli.Exit(err.Error(), exitError)
			}
			for _, id := range sum.DuplicateIDs {
				fmt.Fprintln(c.App.ErrWriter, sameIDWarning(cliLang(c), sum, id))
			}
			sayT(c, "batch.summary", tally(cliLang(c), sum), sum.JSONFile, sum.XLSXFile)
			switch {
			case errors.Is(err, context.Canceled):
				return cli.Exit(tr(c, "batch.interrupted"), exitFindings)
			case err != nil:
				return cli.Exit(err.Error(), exitError)
			case !sum.OK():
				return cli.Exit("", exitFindings)
			}
			return nil
		},
	}
}

// tally is the final line of a batch in language l, e.g. "5 cases: 3
// built, 1 not ready, 1 failed".
func tally(l i18n.Lang, s *batch.Summary) string {
	parts := []string{messages.Text(l, "batch.built", s.Built)}
	for _, p := range []struct {
		n   int
		key string
	}{{s.BuiltNotReady, "batch.forced"}, {s.NotReady, "batch.not_ready"}, {s.Failed, "batch.failed"}, {s.Skipped, "batch.skipped"}} {
		if p.n > 0 {
			parts = append(parts, messages.Text(l, p.key, p.n))
		}
	}
	return messages.Count(l, "batch.cases", s.Total, s.Total, joinCounts(l, parts))
}

// sameIDWarning says which case folders share the case.id id.
func sameIDWarning(l i18n.Lang, s *batch.Summary, id string) string {
	var dirs []string
	for _, c := range s.Cases {
		if c.CaseID == id {
			dirs = append(dirs, c.Dir)
		}
	}
	return termsafe.Text(messages.Text(l, "batch.same_id", len(dirs), id, strings.Join(dirs, ", ")))
}

// logTo is logger(c) writing to w (above the progress bars).
func logTo(c *cli.Context, w io.Writer) *slog.Logger {
	level := slog.LevelWarn
	switch {
	case c.Bool("verbose"):
		level = slog.LevelDebug
	case c.Bool("quiet"):
		level = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
