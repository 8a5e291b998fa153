package sign_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/signtest"
	"appealpacket/packet/sign"
)

// TestReadersAcceptKeyTypes has pdfsig (NSS trusting the test CA), qpdf
// and openssl check files signed with each key type, visible and
// timestamped.
func TestReadersAcceptKeyTypes(t *testing.T) {
	base := basePDF(t)
	k := newPKI(t)
	nssDir := signtest.NSSDir(t, k.ca.Cert)
	qpdf := signtest.Tool(t, "qpdf", "qpdf")
	for _, kt := range []struct {
		name string
		key  signtest.KeyType
	}{{"RSA", signtest.RSA}, {"ECDSA", signtest.ECDSA}} {
		t.Run(kt.name, func(t *testing.T) {
			signed, err := sign.Sign(base, k.signer[kt.key], sign.Options{Time: signingTime, TSA: k.tsa.URL,
				Appearance: &sign.Appearance{Rect: [4]float64{50, 48, 310, 82}}})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "signed.pdf")
			os.WriteFile(path, signed, 0o644)
			if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
			out := signtest.PDFSig(t, path, nssDir)
			der, content, err := signtest.ExtractSignature(signed)
			if err != nil {
				t.Fatal(err)
			}
			cmsOut, cmsErr := signtest.OpenSSLCMSVerify(t, der, content, k.ca.Cert)
			for _, want := range []string{"Signature is Valid.", "Certificate is Trusted.", "Total document signed", "ETSI.CAdES.detached"} {
				if !strings.Contains(out, want) {
					t.Errorf("pdfsig does not say %q:\n%s", want, out)
				}
			}
			if cmsErr != nil {
				t.Errorf("openssl cms -verify: %v\n%s", cmsErr, cmsOut)
			}
		})
	}
}
