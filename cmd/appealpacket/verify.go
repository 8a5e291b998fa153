package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"appealpacket/packet"
	"appealpacket/packet/profile"
)

// sealMeaning is what a seal proves, said wherever verify vouches for one.
const sealMeaning = "unchanged since it was sealed — by anyone who had the file: the seal is not a signature"

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "check a packet against its embedded manifest, and a case folder against the packet",
		ArgsUsage: "PACKET.pdf [CASE_DIR]",
		Description: "Every packet carries appealpacket-manifest.json: the SHA-256 of each original file, sealed with the\n" +
			"packet file's own hash. verify checks the very file it is given, whatever its name: whether it is\n" +
			"unchanged since it was sealed (by anyone who had the file: the seal is not a signature, and whoever\n" +
			"edits a packet can seal it again); for a split packet, whether every other part is in the same folder\n" +
			"(found by its contents, whatever its name) and unchanged; whether the originals embedded in it\n" +
			"(--attach-originals) are intact; and, given CASE_DIR, whether the folder holds those files: ok,\n" +
			"changed, missing, unreadable (a link out of the folder, not a regular file). Files in CASE_DIR the\n" +
			"packet does not list are reported as extra, a difference only with --strict; appealpacket's own\n" +
			"outputs there are not case files. Names in the manifest are read only inside the packet's folder\n" +
			"or CASE_DIR. Exit status 0 when nothing differs, 1 when something does, 2 when the packet cannot\n" +
			"be read.\n\n" +
			verifySignatureHelp + "\n\n" +
			"Examples:\n   appealpacket verify out/IPP-2024-0001234-packet.pdf testdata/demo\n" +
			"   appealpacket verify --strict out/IPP-2024-0001234-packet.pdf testdata/demo\n" +
			"   appealpacket verify --trust our-ca.pem --require-signature out/IPP-2024-0001234-packet.pdf\n" +
			"   appealpacket verify ~/Downloads/IPP-2024-0001234-packet-part1-of-2\\ \\(1\\).pdf",
		Flags: append(verifySignatureFlags(),
			&cli.BoolFlag{Name: "strict", Usage: "count files in CASE_DIR that the packet does not list as differences (exit status 1)"},
			&cli.StringFlag{Name: "max-size", Usage: "largest packet file `SIZE` to read (e.g. 1GB)", Value: "512MB"},
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
