package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"

	"appealpacket/packet"
	"appealpacket/packet/profile"
)

func verifyCommand(l i18n.Lang) *cli.Command {
	return &cli.Command{
		Name:        "verify",
		Usage:       hl(l, "verify.usage"),
		ArgsUsage:   "PACKET.pdf [CASE_DIR]",
		Description: hl(l, "verify.description"),
		Flags: append(verifySignatureFlags(l),
			&cli.BoolFlag{Name: "strict", Usage: hl(l, "flag.verify.strict")},
			&cli.StringFlag{Name: "max-size", Usage: hl(l, "flag.verify.max-size"), Value: "512MB"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() < 1 || c.NArg() > 2 {
				return cli.Exit(tr(c, "verify.args"), exitError)
			}
			maxSize, err := profile.ParseBytes(c.String("max-size"))
			if err != nil || maxSize <= 0 {
				return cli.Exit(tr(c, "verify.max_size", c.String("max-size")), exitError)
			}
			rep, err := packet.Verify(c.Args().Get(0), c.Args().Get(1), packet.VerifyOptions{Strict: c.Bool("strict"), MaxPacketSize: int64(maxSize), Lang: cliLang(c)})
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			printVerify(c.App.Writer, cliLang(c), rep)
			signaturesOK, signed, err := checkSignatures(c, rep)
			if err != nil {
				return err
			}
			if !rep.OK() || !signaturesOK {
				return cli.Exit(tr(c, "verify.case", rep.Case, failure(cliLang(c), rep.OK(), signaturesOK)), exitFindings)
			}
			if !c.Bool("quiet") {
				fmt.Fprintln(c.App.Writer, tr(c, "verify.case", rep.Case, summary(cliLang(c), rep, signed)))
			}
			return nil
		},
	}
}

// failure names what failed: the packet or its files, the signatures
// (an untrusted signer, no signature with --require-signature), or both.
func failure(l i18n.Lang, filesOK, signaturesOK bool) string {
	files, sigs := messages.Text(l, "verify.files_differ"), messages.Text(l, "verify.sigs_failed")
	switch {
	case !filesOK && !signaturesOK:
		return messages.Text(l, "verify.both", files, sigs)
	case !filesOK:
		return files
	}
	return sigs
}

// printVerify writes one line per part and file.
func printVerify(w io.Writer, l i18n.Lang, rep *packet.VerifyReport) {
	n := len(rep.Parts)
	for _, p := range rep.Parts {
		which := messages.Text(l, "verify.part", p.Part, n)
		if p.File != "" && !strings.HasSuffix(p.File, p.BuiltAs) {
			which += messages.Text(l, "verify.built_as", p.BuiltAs)
		}
		switch {
		case p.File == "":
			fmt.Fprintf(w, "packet  %-8s %s (%s): %s\n", "MISSING", p.BuiltAs, which, p.Note)
		case !p.Intact:
			fmt.Fprintf(w, "packet  %-8s %s (%s): %s\n", "CHANGED", p.File, which, p.Note)
		default:
			fmt.Fprintf(w, "packet  %-8s %s (%s): %s\n", "ok", p.File, which, messages.Text(l, "verify.unchanged"))
		}
	}
	for _, f := range rep.Attachments {
		fmt.Fprintln(w, strings.TrimSpace(fmt.Sprintf("attached %-7s %s %s", label(f.Status, rep.Strict), f.Path, f.Detail)))
	}
	for _, f := range rep.Files {
		detail := f.Detail
		if f.Status == packet.StatusExtra && !rep.Strict {
			detail += messages.Text(l, "verify.extra_info")
		}
		fmt.Fprintln(w, strings.TrimSpace(fmt.Sprintf("file    %-8s %s %s", label(f.Status, rep.Strict), f.Path, detail)))
	}
	for _, note := range rep.Notes {
		fmt.Fprintf(w, "note    %s\n", note)
	}
}

// summary is the closing line of a verify that found nothing different.
func summary(l i18n.Lang, rep *packet.VerifyReport, signed bool) string {
	key := "verify.sealed"
	if signed {
		key = "verify.signed"
	}
	what := messages.Text(l, "verify.what.one")
	if len(rep.Parts) > 1 {
		what = messages.Text(l, "verify.what.parts", len(rep.Parts))
	}
	s := messages.Text(l, key, what)
	switch {
	case len(rep.Files) > 0 && len(rep.Extra()) > 0:
		s += messages.Text(l, "verify.folder_extra", len(rep.Extra()))
	case len(rep.Files) > 0:
		s += messages.Text(l, "verify.folder")
	}
	return s
}

func label(status string, strict bool) string {
	switch status {
	case packet.StatusOK:
		return "ok"
	case packet.StatusExtra:
		if !strict {
			return "extra"
		}
	}
	return strings.ToUpper(status)
}
