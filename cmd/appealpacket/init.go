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
			"TODO, which `appealpacket check` reports until you fill it in.\n\n" +
			"Run again on a folder that has a case.yaml, init adds what is new: the pictures and PDFs it does not\n" +
			"list yet go at the end of their lists, with TODOs; every value and comment you wrote stays as it is;\n" +
			"files it names that are gone are reported (not removed). The previous file is kept as case.yaml.bak.\n" +
			"--force starts over instead (the previous file is kept as case.yaml.bak too).\n\n" +
			"Examples:\n   appealpacket init my-case/\n   appealpacket init my-case/            (again, after adding files: adds them)\n" +
			"   appealpacket init --platform amazon --type trademark --id IPP-123 my-case/",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "platform", Value: "aliexpress", Usage: "case.platform: " + strings.Join(manifest.Platforms, ", ")},
			&cli.StringFlag{Name: "type", Value: "image-theft", Usage: "case.type: " + strings.Join(manifest.CaseTypes, ", ")},
			&cli.StringFlag{Name: "id", Usage: "case.id, the platform's complaint `NUMBER` (default: one found in the folder's or a complaint file's name, or under its label in a paper, e.g. the platform's notice printed to PDF; else TODO)"},
			&cli.BoolFlag{Name: "force", Usage: "start over: write a new case.yaml instead of adding to the existing one (kept as case.yaml.bak)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "files read in parallel"},
			ocrFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit(fmt.Sprintf("init needs one folder (got %d arguments); see `appealpacket help init`", c.NArg()), exitError)
			}
			dir := c.Args().First()
			prog := newBuildProgress(c)
			res, err := initcase.Init(c.Context, dir, initcase.Options{
				Platform: c.String("platform"), Type: c.String("type"), ID: c.String("id"), Force: c.Bool("force"),
				Workers: c.Int("jobs"), Logger: logger(c), OCR: c.String("ocr"), Progress: prog.step(),
			})
			prog.stop()
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			if res.Updated {
				reportUpdate(c, dir, res)
				return nil
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
			if res.Backup != "" {
				say(c, "  the previous case.yaml is kept as %s", res.Backup)
			}
			say(c, "Fill in the %d TODO value(s) in %s (and uncomment the \"# TODO:\" lines that apply), then run:", res.TODOs, res.File)
			say(c, "  appealpacket check %s", dir)
			return nil
		},
	}
}

// reportUpdate says what init added to an existing case.yaml.
func reportUpdate(c *cli.Context, dir string, res *initcase.Result) {
	added := res.Photos + res.Candidates + res.Trademarks + res.Authorizations + res.Documents
	if added == 0 {
		say(c, "%s already lists every picture and PDF of the folder: nothing changed", res.File)
	} else {
		say(c, "updated %s: added what it did not list; everything you wrote in it is kept", res.File)
		for _, n := range []struct {
			what string
			n    int
		}{{"photos", res.Photos}, {"listing images", res.Candidates}, {"trademarks", res.Trademarks},
			{"authorizations", res.Authorizations}, {"documents", res.Documents}} {
			if n.n > 0 {
				say(c, "  added %-16s %d", n.what+":", n.n)
			}
		}
		say(c, "  the previous case.yaml is kept as %s", res.Backup)
	}
	for _, g := range res.Gone {
		say(c, "  gone from the folder: %s (case.yaml line %d, %s): put the file back, or remove it from case.yaml", g.Path, g.Line, g.Field)
	}
	if n := len(res.Unlisted); n > 0 {
		say(c, "  not listed:      %d new file(s) that are not pictures or PDFs", n)
	}
	if added > 0 && res.TODOs > 0 {
		say(c, "Fill in the %d new TODO value(s) in %s, then run:", res.TODOs, res.File)
	} else {
		say(c, "Next:")
	}
	say(c, "  appealpacket check %s", dir)
}
