package main

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/packet/initcase"
	"appealpacket/packet/manifest"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a first case.yaml from the files already in a folder",
		ArgsUsage: "DIR",
		Description: "Scans DIR and its sub-folders (read-only) and writes DIR/case.yaml: camera originals (EXIF with a\n" +
			"camera and a capture time) become photos, grouped by camera and day; other pictures (screenshots,\n" +
			"downloads) become the listing's pictures, each with the original it looks like; PDFs are sorted by their\n" +
			"text or name into trademarks, authorizations and documents. Everything the files cannot tell is left as\n" +
			"TODO, which `appealpacket check` reports until you fill it in. An existing case.yaml is never replaced\n" +
			"without --force.\n\n" +
			"Examples:\n   appealpacket init my-case/\n   appealpacket init --platform amazon --type trademark --id IPP-123 my-case/",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "platform", Value: "aliexpress", Usage: "case.platform: " + strings.Join(manifest.Platforms, ", ")},
			&cli.StringFlag{Name: "type", Value: "image-theft", Usage: "case.type: " + strings.Join(manifest.CaseTypes, ", ")},
			&cli.StringFlag{Name: "id", Usage: "case.id, the platform's complaint `NUMBER` (default: one found in the folder's or a complaint file's name, else TODO)"},
			&cli.BoolFlag{Name: "force", Usage: "replace an existing case.yaml"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "files read in parallel"},
			cacheFlags()[5],
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit(fmt.Sprintf("init needs one folder (got %d arguments); see `appealpacket help init`", c.NArg()), exitError)
			}
			dir := c.Args().First()
			res, err := initcase.Init(c.Context, dir, initcase.Options{
				Platform: c.String("platform"), Type: c.String("type"), ID: c.String("id"), Force: c.Bool("force"),
				Workers: c.Int("jobs"), Logger: logger(c), OCR: c.String("ocr"),
			})
			if err != nil {
				return cli.Exit(err.Error(), exitError) // an existing case.yaml too (initcase.ErrExists)
			}
			if res.CaseID == initcase.Placeholder {
				say(c, "wrote %s (case.id is TODO: copy the complaint number into it, or give it with --id)", res.File)
			} else {
				say(c, "wrote %s (case %s)", res.File, res.CaseID)
			}
			say(c, "  photos:          %d camera original(s) from %d camera(s)", res.Photos, res.Cameras)
			if res.NotOriginal > 0 {
				say(c, "  listing images:  %d picture(s) that are not camera originals (%d of them copies that kept a camera's EXIF), %d matched to an original",
					res.Candidates, res.NotOriginal, res.Matched)
			} else {
				say(c, "  listing images:  %d picture(s) without camera EXIF, %d matched to an original", res.Candidates, res.Matched)
			}
			say(c, "  trademarks:      %d", res.Trademarks)
			say(c, "  authorizations:  %d", res.Authorizations)
			say(c, "  documents:       %d", res.Documents)
			if n := len(res.Read); n > 0 {
				say(c, "  read from papers: %d value(s), marked \"read from the document: check it\": %s", n, strings.Join(res.Read, ", "))
			}
			if n := len(res.Unlisted); n > 0 {
				say(c, "  not listed:      %d file(s) that are not pictures or PDFs (named at the end of case.yaml)", n)
			}
			for i, s := range res.Skipped {
				if i == 5 {
					say(c, "  skipped:         %d more", len(res.Skipped)-i)
					break
				}
				say(c, "  skipped:         %s", s)
			}
			say(c, "Fill in the %d TODO value(s) and the dates marked TODO in %s, then run:", res.TODOs, res.File)
			say(c, "  appealpacket check %s", dir)
			return nil
		},
	}
}
