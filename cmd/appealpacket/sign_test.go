package main

import (
	"os"
	"path/filepath"
	"testing"

	"software.sslmate.com/src/go-pkcs12"

	"appealpacket/internal/signtest"
)

// writeTestPKI writes, for the scripts, a CA (pki/ca.pem), a signer it
// issued (pki/signer.pem: key and chain; pki/signer.p12, password
// "s3cret") and a signer of another CA (pki/other.pem). Keys are made
// by the test, never kept in the repository.
func writeTestPKI(t *testing.T, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ca := signtest.NewCA(t, "Appeal Test Root CA")
	id := ca.Issue(t, "Lumen Home Store", signtest.Options{})
	other := signtest.NewCA(t, "Someone Else's CA").Issue(t, "Mallory Trading", signtest.Options{})
	signtest.WritePEM(t, dir, "ca.pem", nil, ca.Cert)
	signtest.WritePEM(t, dir, "signer.pem", id.Key, id.Cert, ca.Cert)
	signtest.WritePEM(t, dir, "other.pem", other.Key, other.Cert)
	p12, err := pkcs12.Modern.Encode(id.Key, id.Cert, id.Chain, "s3cret")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "signer.p12"), p12, 0o600)
}
