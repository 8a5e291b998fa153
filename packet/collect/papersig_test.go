// Certificates with a negative serial number (the corpus's signed letter
// has one, as many real ones do) are read, as the command reads them.
//
//go:debug x509negativeserial=1
package collect_test

import (
	"context"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"appealpacket/internal/fixture/paper"
	"appealpacket/internal/pdftest"
	"appealpacket/internal/signtest"
	"appealpacket/internal/testcorpus"
	"appealpacket/packet/collect"
	"appealpacket/packet/evidence"
	"appealpacket/packet/manifest"
	"appealpacket/packet/sign"
)

// TestPaperSignatures reads the corpus's signed letter and compares what
// it finds with poppler's pdfsig: the signer, the signing time, and that
// the signature verifies and covers the whole file. A byte changed inside
// the signed range must make it fail.
func TestPaperSignatures(t *testing.T) {
	name := testcorpus.Path(t, "digitally_signed_linearized.pdf")
	pdfsig := pdftest.Tool(t, "pdfsig")
	out, err := exec.Command(pdfsig, name).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfsig: %v\n%s", err, out)
	}
	want := map[string]string{}
	for _, key := range []string{"Signer Certificate Common Name", "Signing Time", "Signature Validation"} {
		if m := regexp.MustCompile(`- ` + key + `: (.*)`).FindSubmatch(out); m != nil {
			want[key] = strings.TrimSpace(string(m[1]))
		}
	}
	whole := strings.Contains(string(out), "Total document signed")

	collect := func(path string) *evidence.Item {
		items, err := collect.Run(context.Background(), []collect.Request{{Path: manifest.Path{Rel: "letter.pdf", Abs: path}, Role: evidence.AuthorizationFile}},
			collect.Options{WorkDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		return items[0]
	}
	it := collect(name)
	if len(it.Signatures) != 1 {
		t.Fatalf("signatures %+v, want the one pdfsig sees (%v)", it.Signatures, want)
	}
	s := it.Signatures[0]
	if s.Signer != want["Signer Certificate Common Name"] {
		t.Errorf("signer %q, pdfsig says %q", s.Signer, want["Signer Certificate Common Name"])
	}
	if got := s.Declared.UTC().Format("Jan 02 2006 15:04:05"); got != want["Signing Time"] {
		t.Errorf("signing time %s, pdfsig says %s", got, want["Signing Time"])
	}
	if s.Verifies != (want["Signature Validation"] == "Signature is Valid.") || !s.Verifies {
		t.Errorf("verifies = %v (%s), pdfsig says %q", s.Verifies, s.Problem, want["Signature Validation"])
	}
	// Its certificate is John Doe's own (issuer = subject, signed by its
	// key: openssl x509 -noout -issuer -subject on the CMS's certificate).
	if !s.SelfSigned {
		t.Errorf("the signer's certificate is self-signed; SelfSigned = false")
	}
	if s.WholeFile != whole || !s.WholeFile {
		t.Errorf("whole file = %v, pdfsig total document signed = %v", s.WholeFile, whole)
	}

	// Change one byte of the signed range: it must no longer verify.
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "/Producer")
	if i < 0 {
		i = 200
	}
	data[i+1] ^= 0x01
	changed := t.TempDir() + "/changed.pdf"
	if err := os.WriteFile(changed, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if it := collect(changed); len(it.Signatures) != 1 || it.Signatures[0].Verifies || it.Signatures[0].Unchecked {
		t.Errorf("a changed byte in the signed range: %+v; want a signature read and found false", it.Signatures)
	}
}

// TestUsageRightsAreNoSignature: the only /ByteRange of the corpus's salary
// certificate is Adobe Reader's usage-rights signature (/TransformMethod
// /UR3, a BER-encoded value). pdfsig lists no signature; nor may the
// packet, which would show it as a signature of the paper.
func TestUsageRightsAreNoSignature(t *testing.T) {
	name := testcorpus.Path(t, "lu_salary_certificate_160F-2019.pdf")
	out, _ := exec.Command(pdftest.Tool(t, "pdfsig"), name).CombinedOutput()
	if !strings.Contains(string(out), "does not contain any signatures") {
		t.Fatalf("pdfsig finds a signature:\n%s", out)
	}
	items, err := collect.Run(context.Background(), []collect.Request{{Path: manifest.Path{Rel: "letter.pdf", Abs: name}, Role: evidence.AuthorizationFile}},
		collect.Options{WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if it := items[0]; len(it.Signatures) != 0 || len(it.Notes) != 0 {
		t.Errorf("signatures %+v, notes %q; want none", it.Signatures, it.Notes)
	}
}

// TestPaperSignatureOrganization: the company a signer's certificate names
// (its subject's O) is read, as openssl reads it from the same signature.
func TestPaperSignatureOrganization(t *testing.T) {
	letter, err := paper.PDF([]string{"LETTER OF AUTHORIZATION", "Licensor: Bartech Electronics Co., Ltd."})
	if err != nil {
		t.Fatal(err)
	}
	id := signtest.NewCA(t, "Test Root").Issue(t, "Li Wei", signtest.Options{Key: signtest.RSA})
	signed, err := sign.Sign(letter, &sign.Signer{Key: id.Key, Chain: append([]*x509.Certificate{id.Cert}, id.Chain...)}, sign.Options{})
	if err != nil {
		t.Fatal(err)
	}
	der, _, err := signtest.ExtractSignature(signed)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sig.der"), der, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(signtest.Tool(t, "openssl", "openssl"), "pkcs7", "-inform", "DER", "-in", filepath.Join(dir, "sig.der"), "-print_certs", "-noout").CombinedOutput()
	if err != nil {
		t.Fatalf("openssl: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^subject=.*CN ?= ?Li Wei.*$`).Find(out)
	o := regexp.MustCompile(`O ?= ?([^,\n]+)`).FindSubmatch(m)
	if o == nil {
		t.Fatalf("openssl shows no organisation for Li Wei:\n%s", out)
	}
	path := filepath.Join(dir, "letter.pdf")
	if err := os.WriteFile(path, signed, 0o644); err != nil {
		t.Fatal(err)
	}
	items, err := collect.Run(context.Background(), []collect.Request{{Path: manifest.Path{Rel: "letter.pdf", Abs: path}, Role: evidence.AuthorizationFile}},
		collect.Options{WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if s := items[0].Signatures; len(s) != 1 || s[0].Signer != "Li Wei" || s[0].Organization != strings.TrimSpace(string(o[1])) {
		t.Errorf("signatures %+v; openssl reads O = %q", s, o[1])
	}
}
