package sign_test

import (
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"software.sslmate.com/src/go-pkcs12"

	"appealpacket/internal/signtest"
	"appealpacket/packet/sign"
)

func TestLoad(t *testing.T) {
	ca := signtest.NewCA(t, "Key Test CA")
	inter := ca.Issue(t, "Key Test Intermediate", signtest.Options{Intermediate: true})
	id := inter.AsCA().Issue(t, "Lumen Home Store", signtest.Options{})
	ec := ca.Issue(t, "EC Signer", signtest.Options{Key: signtest.ECDSA})
	dir := t.TempDir()
	// Chain files in the wrong order: Load orders them.
	both := signtest.WritePEM(t, dir, "both.pem", id.Key, ca.Cert, id.Cert, inter.Cert)
	keyOnly := signtest.WritePEM(t, dir, "key.pem", id.Key)
	chain := signtest.WritePEM(t, dir, "chain.pem", nil, id.Cert, inter.Cert)
	root := signtest.WritePEM(t, dir, "root.pem", nil, ca.Cert)
	ecBoth := signtest.WritePEM(t, dir, "ec.pem", ec.Key, ec.Cert)
	modern, err := pkcs12.Modern.Encode(id.Key, id.Cert, id.Chain, "pw")
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := pkcs12.LegacyDES.Encode(id.Key, id.Cert, id.Chain, "pw")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "modern.p12"), modern, 0o600)
	os.WriteFile(filepath.Join(dir, "legacy.pfx"), legacy, 0o600)
	encrypted := filepath.Join(dir, "encrypted.pem")
	os.WriteFile(encrypted, pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{1}}), 0o600)

	tests := []struct {
		name      string
		key       string
		password  string
		certs     []string
		wantChain []string
		wantErr   string
	}{
		{"PEM key and chain in one file", both, "", nil, []string{"Lumen Home Store", "Key Test Intermediate", "Key Test CA"}, ""},
		{"PEM key, chain apart", keyOnly, "", []string{chain, root}, []string{"Lumen Home Store", "Key Test Intermediate", "Key Test CA"}, ""},
		{"ECDSA PEM", ecBoth, "", nil, []string{"EC Signer"}, ""},
		{"PKCS #12, AES (modern)", filepath.Join(dir, "modern.p12"), "pw", nil, []string{"Lumen Home Store", "Key Test Intermediate", "Key Test CA"}, ""},
		{"PKCS #12, 3DES (legacy)", filepath.Join(dir, "legacy.pfx"), "pw", nil, []string{"Lumen Home Store", "Key Test Intermediate", "Key Test CA"}, ""},
		{"wrong password", filepath.Join(dir, "modern.p12"), "nope", nil, nil, "wrong password"},
		{"PKCS #12 with a certificate file", filepath.Join(dir, "modern.p12"), "pw", []string{chain}, nil, "carries its own certificates"},
		{"key without its certificate", keyOnly, "", []string{root}, nil, "no certificate for the private key"},
		{"encrypted PEM key", encrypted, "", nil, nil, "openssl pkcs12 -export"},
		{"no key", chain, "", nil, nil, "no private key"},
		{"not PEM", filepath.Join(dir, "modern.p12.bin"), "", nil, nil, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sign.Load(tc.key, tc.password, tc.certs...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range s.Chain {
				got = append(got, c.Subject.CommonName)
			}
			if strings.Join(got, " < ") != strings.Join(tc.wantChain, " < ") {
				t.Errorf("chain %q, want %q", got, tc.wantChain)
			}
		})
	}
}

// TestLoadOpenSSLPKCS12 reads the .p12 files OpenSSL 3 writes: by default
// (AES-256-CBC, PBKDF2, SHA-256 MAC) and with -legacy (3DES, SHA-1 MAC).
func TestLoadOpenSSLPKCS12(t *testing.T) {
	openssl := signtest.Tool(t, "openssl", "openssl")
	ca := signtest.NewCA(t, "Key Test CA")
	id := ca.Issue(t, "Lumen Home Store", signtest.Options{})
	dir := t.TempDir()
	key := signtest.WritePEM(t, dir, "key.pem", id.Key)
	cert := signtest.WritePEM(t, dir, "cert.pem", nil, id.Cert)
	caPEM := signtest.WritePEM(t, dir, "ca.pem", nil, ca.Cert)
	base := basePDF(t)
	for _, mode := range []string{"default", "-legacy"} {
		t.Run(mode, func(t *testing.T) {
			p12 := filepath.Join(dir, strings.TrimPrefix(mode, "-")+".p12")
			args := []string{"pkcs12", "-export", "-inkey", key, "-in", cert, "-certfile", caPEM, "-out", p12, "-passout", "pass:s3cret"}
			if mode != "default" {
				args = append(args, mode)
			}
			if out, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
				t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			s, err := sign.Load(p12, "s3cret")
			if err != nil {
				t.Fatal(err)
			}
			if s.Name() != "Lumen Home Store" || len(s.Chain) != 2 {
				t.Errorf("signer %s, chain of %d", s.Name(), len(s.Chain))
			}
			signed, err := sign.Sign(base, s, sign.Options{Time: signingTime})
			if err != nil {
				t.Fatal(err)
			}
			if rep, err := sign.Verify(signed, sign.VerifyOptions{}); err != nil || !rep.Valid() {
				t.Errorf("signed with the loaded key: %v %+v", err, rep)
			}
		})
	}
}
