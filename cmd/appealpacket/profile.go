package main

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"

	"appealpacket/internal/termsafe"
	"appealpacket/packet/profile"
)

// profileCommand shows and exports the platform profiles.
func profileCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:        "profile",
		Usage:       hl(l, "profile.usage"),
		Description: hl(l, "profile.description"),
		Subcommands: []*cli.Command{
			{
				Name:      "show",
				Usage:     hl(l, "profile.show.usage"),
				ArgsUsage: "NAME|FILE",
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return cli.Exit(tr(c, "profile.show.args", joinNames()), exitError)
					}
					p, err := profile.Select("", "", c.Args().First())
					if err != nil {
						return cli.Exit(profileError(c, err), exitError)
					}
					w := tabwriter.NewWriter(termsafe.Writer{W: c.App.Writer}, 0, 4, 2, ' ', 0)
					fmt.Fprintf(w, "%s (%s)\n", p.DisplayName, p.File)
					fmt.Fprintln(w, tr(c, "profile.header"))
					for _, r := range p.Rules() {
						src := r.Source
						if src == "" {
							src = tr(c, "profile.no_source")
						}
						fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Name, r.Value, r.Confidence, src)
					}
					if err := w.Flush(); err != nil {
						return err
					}
					if p.Notes != "" {
						fmt.Fprintf(termsafe.Writer{W: c.App.Writer}, "\n%s\n", p.Notes)
					}
					return nil
				},
			},
			{
				Name:      "export",
				Usage:     hl(l, "profile.export.usage"),
				ArgsUsage: "NAME",
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return cli.Exit(tr(c, "profile.export.args", joinNames()), exitError)
					}
					data, err := profile.Export(c.Args().First())
					if err != nil {
						return cli.Exit(profileError(c, err), exitError)
					}
					_, err = c.App.Writer.Write(data)
					return err
				},
			},
		},
	}
}

func joinNames() string {
	s := ""
	for i, n := range profile.Names() {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

// profileError says what is wrong with the profile asked for, in the CLI's
// language when no built-in profile has its name.
func profileError(c *cli.Context, err error) string {
	if u := (*profile.UnknownError)(nil); errors.As(err, &u) {
		return tr(c, "profile.unknown", u.Name, strings.Join(u.Known, ", "))
	}
	return err.Error()
}
