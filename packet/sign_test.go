package packet_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"appealpacket/internal/testlevel"

	"appealpacket/internal/cms"
	"appealpacket/internal/signtest"
	"appealpacket/packet"
	"appealpacket/packet/integrity"
	"appealpacket/packet/sign"
)

type signingPKI struct {
	ca             *signtest.CA
	roots          *x509.CertPool
	tsa            *signtest.TSA
	seller, other  *sign.Signer
	otherCA        *signtest.CA
	sellerIdentity *signtest.Identity
}

func newSigningPKI(t *testing.T) *signingPKI {
	t.Helper()
	k := &signingPKI{ca: signtest.NewCA(t, "Appeal Test Root CA"), otherCA: signtest.NewCA(t, "Someone Else's CA")}
	k.roots = x509.NewCertPool()
	k.roots.AddCert(k.ca.Cert)
	k.tsa = signtest.NewTSA(t, k.ca)
	k.sellerIdentity = k.ca.Issue(t, "Lumen Home Store", signtest.Options{})
	k.seller = signerOf(k.sellerIdentity)
	k.other = signerOf(k.otherCA.Issue(t, "Mallory Trading", signtest.Options{}))
	return k
}

func signerOf(id *signtest.Identity) *sign.Signer {
	return &sign.Signer{Key: id.Key, Chain: append([]*x509.Certificate{id.Cert}, id.Chain...)}
}

// readersAgree runs the three checks on a packet file and returns whether
// each accepts it: appealpacket's own (seal and signatures), pdfsig (with
// the test CA trusted) and openssl (cms -verify of the last signature and
// ts -verify of its timestamp).
func readersAgree(t *testing.T, k *signingPKI, path, nssDir string) (ours, pdfsig, openssl bool, detail string) {
	t.Helper()
	parts, err := verifySignatures(t, path, k.roots)
	if err == nil && len(parts) == 1 {
		ours = parts[0].OK(true)
		detail = strings.Join(parts[0].Lines(), "\n")
	} else {
		detail = "verify: " + err.Error()
	}
	out := signtest.PDFSig(t, path, nssDir)
	pdfsig = strings.Contains(out, "Signature is Valid.") && strings.Contains(out, "Certificate is Trusted.") &&
		strings.Contains(out, "Total document signed") && !strings.Contains(out, "Signature #2")
	detail += "\npdfsig: " + out
	data, _ := os.ReadFile(path)
	der, signed, err := signtest.ExtractSignature(data)
	if err != nil {
		return ours, pdfsig, false, detail + "\nextract: " + err.Error()
	}
	cmsOut, cmsErr := signtest.OpenSSLCMSVerify(t, der, signed, k.ca.Cert)
	detail += "\nopenssl cms: " + cmsOut
	openssl = cmsErr == nil && strings.Contains(cmsOut, "Verification successful")
	if sd, err := cms.Parse(der); err == nil {
		if token, ok := cms.Value(sd.Signers[0].UnsignedAttributes, cms.OIDAttrTimeStampToken); ok {
			tsOut, tsErr := signtest.OpenSSLTSVerify(t, token, sd.Signers[0].Signature, k.ca.Cert)
			detail += "\nopenssl ts: " + tsOut
			openssl = openssl && tsErr == nil && strings.Contains(tsOut, "Verification: OK")
		} else {
			openssl = false
			detail += "\nno timestamp token"
		}
	}
	return ours, pdfsig, openssl, detail
}

// TestSignedPacket builds the demo packet signed and timestamped (local
// TSA), has appealpacket, pdfsig, qpdf and openssl accept it, and has the
// three signature checks reject forgeries.
func TestSignedPacket(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds and signs a packet")
	k := newSigningPKI(t)
	nssDir := signtest.NSSDir(t, k.ca.Cert)
	out := t.TempDir()
	res, err := buildCase(context.Background(), demo, packet.Options{OutDir: out, Date: demoDate,
		Sign: &packet.SignOptions{Signer: k.seller, TSA: k.tsa.URL}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := packet.Verify(res.PDF, demo, packet.VerifyOptions{})
	if err != nil || !rep.OK() {
		t.Fatalf("verify of the signed packet: %v %+v", err, rep)
	}
	ours, pdfsig, openssl, detail := readersAgree(t, k, res.PDF, nssDir)
	if !ours || !pdfsig || !openssl {
		t.Fatalf("signed packet: appealpacket %v, pdfsig %v, openssl %v\n%s", ours, pdfsig, openssl, detail)
	}
	for _, want := range []string{"signed by Lumen Home Store, unchanged since ", "(timestamped by appealpacket test TSA)", "trusted: chains to Appeal Test Root CA"} {
		if !strings.Contains(detail, want) {
			t.Errorf("verify does not say %q:\n%s", want, detail)
		}
	}
	qpdf := signtest.Tool(t, "qpdf", "qpdf")
	if b, err := exec.Command(qpdf, "--check", res.PDF).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, b)
	}

	data, _ := os.ReadFile(res.PDF)
	sigs, err := sign.Verify(data, sign.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	forged := map[string][]byte{}
	b := bytes.Clone(data)
	b[sigs.SignedFrom/2] ^= 0x01
	forged["a byte inside the signed range"] = b
	forged["the manifest rewritten and resealed, the signature left"] = rewriteManifest(t, data, sigs.SignedFrom)
	for name, pdf := range forged {
		t.Run("forged: "+name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), filepath.Base(res.PDF))
			if err := os.WriteFile(path, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			ours, pdfsig, openssl, detail := readersAgree(t, k, path, nssDir)
			t.Logf("what the readers say:\n%s", detail)
			if ours || pdfsig || openssl {
				t.Errorf("forgery accepted: appealpacket %v, pdfsig %v, openssl %v\n%s", ours, pdfsig, openssl, detail)
			}
		})
	}
	t.Run("re-signed", func(t *testing.T) { checkResigned(t, k, data, filepath.Base(res.PDF)) })
	t.Run("unsigned", func(t *testing.T) { checkUnsignedWording(t, data[:sigs.SignedFrom], filepath.Base(res.PDF)) })
}

// rewriteManifest changes a hash in the embedded manifest of the bytes
// before the signature, seals them again as a forger can, and puts the
// signature update back after them.
func rewriteManifest(t *testing.T, data []byte, signedFrom int) []byte {
	t.Helper()
	prefix := bytes.Clone(data[:signedFrom])
	m, ok := integrity.Embedded(prefix)
	if !ok {
		t.Fatal("no manifest")
	}
	old := m.Files[0].SHA256
	forgedHash := strings.Repeat("f", 64)
	if !bytes.Contains(prefix, []byte(old)) {
		t.Fatal("the manifest's hash is not in the file")
	}
	prefix = bytes.Replace(prefix, []byte(`"sha256": "`+old), []byte(`"sha256": "`+forgedHash), 1)
	seal := regexp.MustCompile(`"sha256_of_this_file": "[0-9a-f]{64}"`)
	prefix = seal.ReplaceAll(prefix, []byte(`"sha256_of_this_file": "`+strings.Repeat("0", 64)+`"`))
	prefix, err := integrity.Seal(prefix)
	if err != nil {
		t.Fatal(err)
	}
	if m2, _ := integrity.Embedded(prefix); m2 == nil || !integrity.Intact(prefix, m2) {
		t.Fatal("the forged prefix is not sealed")
	}
	return append(prefix, data[signedFrom:]...)
}

// checkResigned: a packet signed again by another key, or stripped of its
// signature and signed by another key, names that other signer, who is not
// trusted without --trust of its CA.
func checkResigned(t *testing.T, k *signingPKI, data []byte, packetName string) {
	rep, err := sign.Verify(data, sign.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	resigned, err := sign.Sign(data, k.other, sign.Options{Time: demoDate})
	if err != nil {
		t.Fatal(err)
	}
	replaced, err := sign.Sign(data[:rep.SignedFrom], k.other, sign.Options{Time: demoDate})
	if err != nil {
		t.Fatal(err)
	}
	otherRoots := x509.NewCertPool()
	otherRoots.AddCert(k.otherCA.Cert)
	tests := []struct {
		name   string
		pdf    []byte
		roots  *x509.CertPool
		ok     bool
		expect []string
	}{
		{"re-signed, our CA trusted", resigned, k.roots, false, []string{"signed by Lumen Home Store", "signed by Mallory Trading", "NOT TRUSTED: no chain"}},
		{"re-signed, no trust given", resigned, nil, true, []string{"signed by Mallory Trading", "NOT TRUSTED: not checked against trusted certificates"}},
		{"replaced, our CA trusted", replaced, k.roots, false, []string{"signed by Mallory Trading", "NOT TRUSTED"}},
		{"replaced, its CA trusted", replaced, otherRoots, true, []string{"signed by Mallory Trading", "trusted: chains to Someone Else's CA"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), packetName)
			os.WriteFile(path, tc.pdf, 0o644)
			parts, err := verifySignatures(t, path, tc.roots)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Join(parts[0].Lines(), "\n")
			if parts[0].OK(true) != tc.ok {
				t.Errorf("OK = %v, want %v:\n%s", !tc.ok, tc.ok, lines)
			}
			for _, want := range tc.expect {
				if !strings.Contains(lines, want) {
					t.Errorf("verify does not say %q:\n%s", want, lines)
				}
			}
			if strings.Contains(tc.name, "replaced") && strings.Contains(lines, "Lumen Home Store") {
				t.Errorf("the replaced signature is still reported:\n%s", lines)
			}
		})
	}
}

// checkUnsignedWording: without a signature verify claims no author. The
// bytes before the signature are the packet as built, unsigned.
func checkUnsignedWording(t *testing.T, unsigned []byte, packetName string) {
	path := filepath.Join(t.TempDir(), packetName)
	if err := os.WriteFile(path, unsigned, 0o644); err != nil {
		t.Fatal(err)
	}
	parts, err := verifySignatures(t, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Join(parts[0].Lines(), "\n")
	if !strings.Contains(lines, "unchanged since it was sealed, by anyone") || strings.Contains(lines, "signed by") {
		t.Errorf("unsigned packet: %q", lines)
	}
	if !parts[0].OK(false) || parts[0].OK(true) {
		t.Errorf("OK(false) = %v, OK(true) = %v; want true, false", parts[0].OK(false), parts[0].OK(true))
	}
}

// TestSignedBuildDeterministic: the same key, case and date give the same
// signed bytes with RSA; a rebuild over a signed packet is allowed.
func TestSignedBuildDeterministic(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("two builds")
	}
	k := newSigningPKI(t)
	var files [2][]byte
	out := t.TempDir()
	for i := range files {
		res, err := buildCase(context.Background(), demo, packet.Options{OutDir: out, Date: demoDate,
			Sign: &packet.SignOptions{Signer: k.seller}})
		if err != nil {
			t.Fatalf("build %d: %v", i+1, err) // the second replaces the first: the signed output must count as intact
		}
		files[i], _ = os.ReadFile(res.PDF)
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two signed builds with the same key, case and date differ")
	}
}

// verifySignatures verifies a packet file like `appealpacket verify`: its
// parts found by Verify, then their signatures.
func verifySignatures(t *testing.T, path string, roots *x509.CertPool) ([]packet.PartSignatures, error) {
	t.Helper()
	rep, err := packet.Verify(path, "", packet.VerifyOptions{})
	if err != nil {
		return nil, err
	}
	return packet.VerifySignatures(rep, roots)
}
