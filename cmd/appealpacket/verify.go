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

// sealMeaning is what a seal proves, said wherever verify vouches for one.
const sealMeaning = "unchanged since it was sealed — by anyone who had the file: the seal is not a signature"

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
				return cli.Exit("verify needs a packet file and, optionally, the case folder; see `appealpacket help verify`", exitError)
			}
			maxSize, err := profile.ParseBytes(c.String("max-size"))
			if err != nil || maxSize <= 0 {
				return cli.Exit(fmt.Sprintf("--max-size %q: want a size such as 512MB or 1GB", c.String("max-size")), exitError)
			}
			rep, err := packet.Verify(c.Args().Get(0), c.Args().Get(1), packet.VerifyOptions{Strict: c.Bool("strict"), MaxPacketSize: int64(maxSize)})
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			printVerify(c.App.Writer, rep)
			signaturesOK, signed, err := checkSignatures(c, rep)
			if err != nil {
				return err
			}
			if !rep.OK() || !signaturesOK {
				return cli.Exit(fmt.Sprintf("case %s: %s", rep.Case, failure(rep.OK(), signaturesOK)), exitFindings)
			}
			if !c.Bool("quiet") {
				fmt.Fprintf(c.App.Writer, "case %s: %s\n", rep.Case, summary(rep, signed))
			}
			return nil
		},
	}
}

// failure names what failed: the packet or its files, the signatures
// (an untrusted signer, no signature with --require-signature), or both.
func failure(filesOK, signaturesOK bool) string {
	const files, sigs = "the packet and the files differ", "the signature check failed (see the signature lines)"
	switch {
	case !filesOK && !signaturesOK:
		return files + "; " + sigs
	case !filesOK:
		return files
	}
	return sigs
}

// printVerify writes one line per part and file.
func printVerify(w io.Writer, rep *packet.VerifyReport) {
	n := len(rep.Parts)
	for _, p := range rep.Parts {
		which := fmt.Sprintf("part %d of %d", p.Part, n)
		if p.File != "" && !strings.HasSuffix(p.File, p.BuiltAs) {
			which += ", built as " + p.BuiltAs
		}
		switch {
		case p.File == "":
			fmt.Fprintf(w, "packet  %-8s %s (%s): %s\n", "MISSING", p.BuiltAs, which, p.Note)
		case !p.Intact:
			fmt.Fprintf(w, "packet  %-8s %s (%s): %s\n", "CHANGED", p.File, which, p.Note)
		default:
			fmt.Fprintf(w, "packet  %-8s %s (%s): unchanged since it was sealed\n", "ok", p.File, which)
		}
	}
	for _, f := range rep.Attachments {
		fmt.Fprintln(w, strings.TrimSpace(fmt.Sprintf("attached %-7s %s %s", label(f.Status, rep.Strict), f.Path, f.Detail)))
	}
	for _, f := range rep.Files {
		detail := f.Detail
		if f.Status == packet.StatusExtra && !rep.Strict {
			detail += " (information; a difference with --strict)"
		}
		fmt.Fprintln(w, strings.TrimSpace(fmt.Sprintf("file    %-8s %s %s", label(f.Status, rep.Strict), f.Path, detail)))
	}
	for _, note := range rep.Notes {
		fmt.Fprintf(w, "note    %s\n", note)
	}
}

// summary is the closing line of a verify that found nothing different.
func summary(rep *packet.VerifyReport, signed bool) string {
	what := "the packet is"
	if len(rep.Parts) > 1 {
		what = fmt.Sprintf("each of the %d parts of the packet is", len(rep.Parts))
	}
	s := what + " " + sealMeaning
	if signed {
		s = what + " signed, and unchanged since it was signed (who signed, when, and whether the signer is trusted: see the signature lines)"
	}
	switch {
	case len(rep.Files) > 0 && len(rep.Extra()) > 0:
		s += fmt.Sprintf("; the case folder holds every file it lists, unchanged, and %d it does not list", len(rep.Extra()))
	case len(rep.Files) > 0:
		s += "; the case folder holds every file it lists, unchanged"
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
