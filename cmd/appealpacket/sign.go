package main

import (
	"crypto/x509"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"appealpacket/internal/i18n"
	"golang.org/x/term"

	"appealpacket/packet"
	"appealpacket/packet/sign"
)

// signFlags are build's signing flags.
func signFlags(l i18n.Lang) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "sign", Usage: hl(l, "flag.sign")},
		&cli.StringSliceFlag{Name: "sign-cert", Usage: hl(l, "flag.sign-cert")},
		&cli.StringFlag{Name: "sign-password", Usage: hl(l, "flag.sign-password"), EnvVars: []string{"APPEALPACKET_SIGN_PASSWORD"}},
		&cli.StringFlag{Name: "tsa", Usage: hl(l, "flag.tsa")},
		&cli.BoolFlag{Name: "sign-invisible", Usage: hl(l, "flag.sign-invisible")},
	}
}

// signOptions reads build's signing flags; nil when not signing.
func signOptions(c *cli.Context) (*packet.SignOptions, error) {
	key := c.String("sign")
	if key == "" {
		if c.String("tsa") != "" || len(c.StringSlice("sign-cert")) > 0 {
			return nil, cli.Exit(tr(c, "sign.needs_key"), exitError)
		}
		return nil, nil
	}
	password := c.String("sign-password")
	if sign.IsPKCS12(key) && !c.IsSet("sign-password") && term.IsTerminal(int(os.Stdin.Fd())) {
		fmt.Fprint(c.App.ErrWriter, tr(c, "sign.password", key))
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(c.App.ErrWriter)
		if err != nil {
			return nil, cli.Exit(fmt.Sprintf("reading the password: %v", err), exitError)
		}
		password = string(b)
	}
	s, err := sign.Load(key, password, c.StringSlice("sign-cert")...)
	if err != nil {
		return nil, cli.Exit(err.Error(), exitError)
	}
	return &packet.SignOptions{Signer: s, TSA: c.String("tsa"), Invisible: c.Bool("sign-invisible")}, nil
}

// verifySignatureFlags are verify's signature flags.
func verifySignatureFlags(l i18n.Lang) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "trust", Usage: hl(l, "flag.verify.trust")},
		&cli.BoolFlag{Name: "require-signature", Usage: hl(l, "flag.verify.require-signature")},
	}
}

// checkSignatures prints what the signatures of a packet prove and
// reports whether every part passes, and whether every part is signed.
func checkSignatures(c *cli.Context, rep *packet.VerifyReport) (ok, signed bool, err error) {
	var roots *x509.CertPool
	if spec := c.String("trust"); spec != "" {
		pool, err := packet.TrustPool(spec)
		if err != nil {
			return false, false, cli.Exit(err.Error(), exitError)
		}
		roots = pool
	}
	parts, err := packet.VerifySignatures(rep, roots)
	if err != nil {
		return false, false, cli.Exit(err.Error(), exitError)
	}
	ok, signed = true, len(parts) > 0
	for _, p := range parts {
		signed = signed && p.Signed() && p.OK(true)
		status := "ok"
		if !p.OK(c.Bool("require-signature")) {
			status, ok = "FAILED", false
		}
		lines := p.LinesIn(cliLang(c))
		if len(lines) == 0 && !p.Signed() {
			lines = []string{tr(c, "sign.none")}
		}
		if !p.Signed() && c.Bool("require-signature") {
			lines = append(lines, tr(c, "sign.required"))
		}
		fmt.Fprintf(c.App.Writer, "signature %-7s %s: %s\n", status, p.File, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(c.App.Writer, "                  %s\n", l)
		}
	}
	return ok, signed, nil
}
