package main

import (
	"crypto/x509"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"appealpacket/packet"
	"appealpacket/packet/sign"
)

// signHelp explains signing in the help of build.
const signHelp = "--sign KEY signs every part of the packet (PAdES, readable by Adobe Reader, pdfsig, openssl): KEY is a\n" +
	"PKCS #12 file (.p12/.pfx; password from --sign-password, $APPEALPACKET_SIGN_PASSWORD or a prompt) or a PEM\n" +
	"private key (unencrypted) with its certificate chain in the same file or in --sign-cert. --tsa URL adds a\n" +
	"timestamp from that RFC 3161 authority, which proves when the packet existed; without network the build fails\n" +
	"rather than leave it unstamped. With a fixed --date (or $SOURCE_DATE_EPOCH) and an RSA key the signed packet\n" +
	"is the same bytes every time; ECDSA signatures (and timestamps) differ from run to run. Ed25519 keys are\n" +
	"refused: common PDF readers cannot check them yet."

// signFlags are build's signing flags.
func signFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "sign", Usage: "sign the packet with `KEY`: a .p12/.pfx file, or a PEM private key"},
		&cli.StringSliceFlag{Name: "sign-cert", Usage: "PEM certificate `FILE`(s) of the signer and its issuers (with a PEM key)"},
		&cli.StringFlag{Name: "sign-password", Usage: "`PASSWORD` of the .p12/.pfx file", EnvVars: []string{"APPEALPACKET_SIGN_PASSWORD"}},
		&cli.StringFlag{Name: "tsa", Usage: "timestamp the signature at the RFC 3161 authority `URL`"},
		&cli.BoolFlag{Name: "sign-invisible", Usage: "sign without the visible signature block on the cover"},
	}
}

// signOptions reads build's signing flags; nil when not signing.
func signOptions(c *cli.Context) (*packet.SignOptions, error) {
	key := c.String("sign")
	if key == "" {
		if c.String("tsa") != "" || len(c.StringSlice("sign-cert")) > 0 {
			return nil, cli.Exit("--tsa and --sign-cert need --sign KEY", exitError)
		}
		return nil, nil
	}
	password := c.String("sign-password")
	if sign.IsPKCS12(key) && !c.IsSet("sign-password") && term.IsTerminal(int(os.Stdin.Fd())) {
		fmt.Fprintf(c.App.ErrWriter, "password of %s: ", key)
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

// verifySignatureHelp explains the signature flags of verify.
const verifySignatureHelp = "A signed packet is checked too: every signature must cover the file, and nothing may follow it but\n" +
	"further signatures; the seal is checked on the bytes before the first signature. verify prints\n" +
	"\"signed by <name>, unchanged since <time>\" (the timestamp's time when there is one), or, for a packet\n" +
	"without signature, \"unchanged since it was sealed, by anyone\": anyone can seal a packet. --trust FILE\n" +
	"(PEM certificates, or `system` for this computer's roots) checks that each signer chains to a trusted\n" +
	"certificate and was valid at the signing time; without it the signer's name is the certificate's word.\n" +
	"--require-signature fails for a packet without a valid signature."

// verifySignatureFlags are verify's signature flags.
func verifySignatureFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "trust", Usage: "trust the certificates of PEM `FILE` (or `system`) when checking signers"},
		&cli.BoolFlag{Name: "require-signature", Usage: "fail unless every part carries a valid signature"},
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
		lines := p.Lines()
		if len(lines) == 0 && !p.Signed() {
			lines = []string{"no valid signature"}
		}
		if !p.Signed() && c.Bool("require-signature") {
			lines = append(lines, "NOT SIGNED (--require-signature)")
		}
		fmt.Fprintf(c.App.Writer, "signature %-7s %s: %s\n", status, p.File, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(c.App.Writer, "                  %s\n", l)
		}
	}
	return ok, signed, nil
}
