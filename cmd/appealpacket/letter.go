package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/packet"
	"appealpacket/packet/check"
	"appealpacket/packet/statement"
)

func letterCommand() *cli.Command {
	return &cli.Command{
		Name:      "letter",
		Usage:     "write a letter for the case, e.g. a request to the complainant to withdraw",
		ArgsUsage: "CASE_DIR",
		Description: "Writes OUT_DIR/<case-id>-<kind>.pdf in the case's language (case.language: en or zh). Kinds: " +
			strings.Join(statement.LetterKinds, ", ") + ".\n" +
			"A withdrawal request describes the evidence in words (its reader has not seen the packet, so it cites no\n" +
			"exhibit numbers) and ends with a signature, date and company-seal block. Like build, it refuses a case\n" +
			"with blocking findings unless --force.\n\n" +
			"Examples:\n   appealpacket letter --kind withdrawal-request testdata/demo -o out/\n" +
			"   appealpacket letter --kind withdrawal-request --template my-letter.tmpl cases/IPP-123",
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "kind", Value: "withdrawal-request", Usage: "the letter to write: " + strings.Join(statement.LetterKinds, ", ") + " (form-text: the appeal summary for the platform's text box, a .txt within the profile's character limit)"},
			&cli.StringFlag{Name: "profile", Usage: "platform profile `FILE` or built-in name, instead of the one case.platform selects (its form_text_chars limits form-text)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: ".", Usage: "folder to write the letter to"},
			&cli.BoolFlag{Name: "force", Usage: "write the letter even when the case has blocking findings (it would claim what the evidence does not show)"},
			templateFlag("letter"),
			dateFlag("date of the letter"),
			fontFlag(),
		}, cacheFlags()),
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
