package main

import (
	"runtime"
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"

	"appealpacket/packet/initcase"
	"appealpacket/packet/manifest"
)

func initCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:        "init",
		Usage:       hl(l, "init.usage"),
		ArgsUsage:   "DIR",
		Description: hl(l, "init.description"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "platform", Value: "aliexpress", Usage: hl(l, "flag.init.platform", strings.Join(manifest.Platforms, ", "))},
			&cli.StringFlag{Name: "type", Value: "image-theft", Usage: hl(l, "flag.init.type", strings.Join(manifest.CaseTypes, ", "))},
			&cli.StringFlag{Name: "id", Usage: hl(l, "flag.init.id")},
			&cli.BoolFlag{Name: "force", Usage: hl(l, "flag.init.force")},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: hl(l, "flag.jobs")},
			ocrFlag(l),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit(trn(c, "err.init_args", c.NArg(), c.NArg()), exitError)
			}
			dir := c.Args().First()
			prog := newBuildProgress(c)
			res, err := initcase.Init(c.Context, dir, initcase.Options{
				Platform: c.String("platform"), Type: c.String("type"), ID: c.String("id"), Force: c.Bool("force"),
				Workers: c.Int("jobs"), Logger: logger(c), OCR: c.String("ocr"), Progress: prog.step(), Lang: cliLang(c),
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
				sayT(c, "init.wrote.todo", res.File)
			} else {
				sayT(c, "init.wrote", res.File, res.CaseID)
			}
			cams := "init.photos.cams"
			if res.Cameras == 1 {
				cams = "init.photos.one_cam"
			}
			sayN(c, cams, res.Photos, res.Photos, res.Cameras)
			if res.NotOriginal > 0 {
				sayN(c, "init.listing.copies", res.Candidates, res.Candidates, res.NotOriginal, res.Matched)
			} else {
				sayN(c, "init.listing", res.Candidates, res.Candidates, res.Matched)
			}
			sayT(c, "init.trademarks", res.Trademarks)
			sayT(c, "init.authorizations", res.Authorizations)
			sayT(c, "init.documents", res.Documents)
			if n := len(res.Read); n > 0 {
				sayN(c, "init.read", n, n, tr(c, "init.read.note"), strings.Join(res.Read, ", "))
			}
			if n := len(res.Unlisted); n > 0 {
				sayN(c, "init.unlisted", n, n)
			}
			for i, s := range res.Skipped {
				if i == 5 {
					sayT(c, "init.skipped.more", len(res.Skipped)-i)
					break
				}
				sayT(c, "init.skipped", s)
			}
			if res.Backup != "" {
				sayT(c, "init.backup", res.Backup)
			}
			sayN(c, "init.fill", res.TODOs, res.TODOs, res.File)
			say(c, "  appealpacket check %s", dir)
			return nil
		},
	}
}

// reportUpdate says what init added to an existing case.yaml.
func reportUpdate(c *cli.Context, dir string, res *initcase.Result) {
	added := res.Photos + res.Candidates + res.Trademarks + res.Authorizations + res.Documents
	if added == 0 {
		sayT(c, "init.unchanged", res.File)
	} else {
		sayT(c, "init.updated", res.File)
		for _, n := range []struct {
			what string
			n    int
		}{{"photos", res.Photos}, {"listing images", res.Candidates}, {"trademarks", res.Trademarks},
			{"authorizations", res.Authorizations}, {"documents", res.Documents}} {
			if n.n > 0 {
				sayT(c, "init.added", n.what+":", n.n)
			}
		}
		sayT(c, "init.backup", res.Backup)
	}
	for _, g := range res.Gone {
		sayT(c, "init.gone", g.Path, g.Line, g.Field)
	}
	if n := len(res.Unlisted); n > 0 {
		sayN(c, "init.unlisted.new", n, n)
	}
	if added > 0 && res.TODOs > 0 {
		sayN(c, "init.fill.new", res.TODOs, res.TODOs, res.File)
	} else {
		sayT(c, "init.next")
	}
	say(c, "  appealpacket check %s", dir)
}
