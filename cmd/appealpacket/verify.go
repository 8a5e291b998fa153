package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"appealpacket/packet"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "check a packet against its embedded manifest, and a case folder against the packet",
		ArgsUsage: "PACKET.pdf [CASE_DIR]",
		Description: "Every packet carries appealpacket-manifest.json: the SHA-256 of each original file, sealed with the\n" +
			"packet's own hash. verify says whether the packet (all its parts) is unchanged since it was built,\n" +
			"whether the originals embedded in it (--attach-originals) are intact, and, given CASE_DIR, whether the\n" +
			"folder holds exactly those files: ok, changed, missing or extra. Exit status 0 when nothing differs,\n" +
			"1 when something does, 2 when the packet cannot be read.\n\n" +
			verifySignatureHelp + "\n\n" +
			"Examples:\n   appealpacket verify out/IPP-2024-0001234-packet.pdf testdata/demo\n" +
			"   appealpacket verify --trust our-ca.pem --require-signature out/IPP-2024-0001234-packet.pdf\n" +
			"   appealpacket verify out/IPP-2024-0001234-packet-part1-of-2.pdf",
		Flags: verifySignatureFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() < 1 || c.NArg() > 2 {
				return cli.Exit("verify needs a packet file and, optionally, the case folder; see `appealpacket help verify`", exitError)
			}
			rep, err := packet.Verify(c.Args().Get(0), c.Args().Get(1))
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			w := c.App.Writer
			for _, p := range rep.Parts {
				status := "intact"
				if !p.Intact {
					status = "NOT INTACT: " + p.Note
				}
				fmt.Fprintf(w, "packet  %-8s %s\n", map[bool]string{true: "ok", false: "CHANGED"}[p.Intact], p.File+" ("+status+")")
			}
			for _, f := range rep.Attachments {
				fmt.Fprintf(w, "attached %-7s %s %s\n", label(f.Status), f.Path, f.Detail)
			}
			for _, f := range rep.Files {
				fmt.Fprintf(w, "file    %-8s %s %s\n", label(f.Status), f.Path, f.Detail)
			}
			signaturesOK, err := checkSignatures(c, c.Args().Get(0))
			if err != nil {
				return err
			}
			if !rep.OK() || !signaturesOK {
				return cli.Exit(fmt.Sprintf("case %s: the packet and the files differ", rep.Case), exitFindings)
			}
			if !c.Bool("quiet") {
				fmt.Fprintf(w, "case %s: everything matches\n", rep.Case)
			}
			return nil
		},
	}
}

func label(status string) string {
	if status == packet.StatusOK {
		return "ok"
	}
	return map[string]string{packet.StatusChanged: "CHANGED", packet.StatusMissing: "MISSING", packet.StatusExtra: "EXTRA"}[status]
}
