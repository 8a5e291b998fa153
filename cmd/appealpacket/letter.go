package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"

	"appealpacket/packet"
	"appealpacket/packet/check"
	"appealpacket/packet/statement"
)

func letterCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:        "letter",
		Usage:       hl(l, "letter.usage"),
		ArgsUsage:   "CASE_DIR",
		Description: hl(l, "letter.description", strings.Join(statement.LetterKinds, ", ")),
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "kind", Value: "withdrawal-request", Usage: hl(l, "flag.letter.kind", strings.Join(statement.LetterKinds, ", "))},
			&cli.StringFlag{Name: "profile", Usage: hl(l, "flag.letter.profile")},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: ".", Usage: hl(l, "flag.letter.out")},
			&cli.BoolFlag{Name: "force", Usage: hl(l, "flag.letter.force")},
			templateFlag(l, "flag.template.letter"),
			dateFlag(l, "flag.date.letter"),
			fontFlag(l),
		}, cacheFlags(l)),
		Action: func(c *cli.Context) error {
			dir, err := oneCase(c)
			if err != nil {
				return err
			}
			date, err := prepDate(c)
			if err != nil {
				return err
			}
			mem, err := memory(c)
			if err != nil {
				return err
			}
			prog := newBuildProgress(c)
			res, err := packet.Letter(c.Context, dir, c.String("kind"), packet.Options{
				OutDir: c.String("out"), Date: date, Force: c.Bool("force"), TemplateFile: c.String("template"), FontFile: c.String("font"), Logger: logger(c),
				CacheDir: cacheDir(c), MaxPixels: c.Int("max-pixels"), Memory: mem, OCR: c.String("ocr"), HolidaysFile: c.String("holidays"), C2PATrustFile: c.String("c2pa-trust"), Progress: prog.callback(), ProfileFile: c.String("profile"),
				Lang: c.String("lang"),
			})
			prog.stop()
			if nr, ok := packet.IsNotReady(err); ok {
				printFindings(c.App.ErrWriter, cliLang(c), nr.Findings)
				return cli.Exit(nr.In(cliLang(c)), exitFindings)
			}
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			for _, f := range res.Findings {
				if f.Code == check.TextGlyphMissing {
					fmt.Fprintln(c.App.ErrWriter, tr(c, "letter.warning", f.Message))
				}
			}
			if res.Chars > 0 {
				sayT(c, "letter.form_text", res.Path, res.Chars)
			} else {
				sayT(c, "build.file", res.Path, humanBytes(res.Size))
			}
			return nil
		},
	}
}
