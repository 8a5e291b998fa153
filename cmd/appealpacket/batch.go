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
	"appealpacket/packet/doctext"
	"appealpacket/packet/manifest"
)

func batchCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:        "batch",
		Usage:       hl(l, "batch.usage"),
		ArgsUsage:   "DIR...",
		Description: hl(l, "batch.description"),
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: hl(l, "flag.batch.out")},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: hl(l, "flag.batch.jobs")},
			&cli.StringFlag{Name: "list", Usage: hl(l, "flag.batch.list")},
			&cli.BoolFlag{Name: "force", Usage: hl(l, "flag.batch.force")},
			dateFlag(l, "flag.date.batch"),
			templateFlag(l, "flag.template.build"),
			fontFlag(l),
			&cli.StringFlag{Name: "profile", Usage: hl(l, "flag.batch.profile", strings.Join(manifest.Platforms, ", "))},
			pdfPasswordFlag(l),
			&cli.StringFlag{Name: "channel", Usage: hl(l, "flag.batch.channel")},
			&cli.BoolFlag{Name: "per-brand", Usage: hl(l, "flag.batch.per-brand")},
			pdfiumCacheFlag(l),
		}, cacheFlags(l), signFlags(l)),
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
			// Tesseract asked for its models once for the whole batch.
			tess, err := doctext.Select(c.Context, c.String("ocr"))
			if err != nil {
				return err
			}
			ui := newBatchProgress(c, len(cases))
			sum, err := batch.Run(c.Context, cases, batch.Options{
				Jobs:   c.Int("jobs"),
				OutDir: c.String("out"),
				Packet: packet.Options{
					Force: c.Bool("force"), Date: date, TemplateFile: c.String("template"), FontFile: c.String("font"),
					ProfileFile: c.String("profile"), Logger: logTo(c, ui.Writer()), CacheDir: cacheDir(c), MaxPixels: c.Int("max-pixels"), Memory: mem, OCR: c.String("ocr"), HolidaysFile: c.String("holidays"), C2PATrustFile: c.String("c2pa-trust"),
					PDFPassword: c.String("pdf-password"), Sign: signing,
					Channel: c.String("channel"), PerBrand: c.Bool("per-brand"), PDFium: pdfium, Tesseract: tess,
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
