package tsp_test

import (
	"context"
	"crypto"
	"crypto/sha256"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/signtest"
	"appealpacket/internal/tsp"
)

// TestStamp stamps with the local authority, with only the required
// TSTInfo fields and with the optional ones OpenSSL writes by default
// (accuracy, ordering TRUE, the authority's name).
func TestStamp(t *testing.T) {
	for _, optional := range []bool{false, true} {
		t.Run(fmt.Sprintf("optional fields %v", optional), func(t *testing.T) {
			ca := signtest.NewCA(t, "TSP test CA")
			tsa := signtest.NewTSA(t, ca)
			tsa.Optional = optional
			at := time.Date(2024, 3, 25, 10, 30, 0, 0, time.UTC)
			tsa.Now = func() time.Time { return at }
			data := []byte("a signature value")
			tok, err := (&tsp.Client{URL: tsa.URL}).Stamp(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			if !tok.GenTime.Equal(at) {
				t.Errorf("genTime %v, want %v", tok.GenTime, at)
			}
			sum := sha256.Sum256(data)
			if tok.Hash != crypto.SHA256 || string(tok.HashedMessage) != string(sum[:]) {
				t.Errorf("imprint %v %x", tok.Hash, tok.HashedMessage)
			}
			if tok.Nonce == nil {
				t.Error("the nonce was not read")
			}
			again, err := tsp.ParseToken(tok.Raw)
			if err != nil {
				t.Fatal(err)
			}
			cert, err := again.Verify(data)
			if err != nil {
				t.Fatal(err)
			}
			if cert.Subject.CommonName != "appealpacket test TSA" {
				t.Errorf("TSA %q", cert.Subject.CommonName)
			}
			if _, err := again.Verify([]byte("other data")); err == nil || !strings.Contains(err.Error(), "other data") {
				t.Errorf("a timestamp of other data: err = %v", err)
			}
		})
	}
}

// TestOpenSSLAuthority reads and verifies a reply of `openssl ts -reply`
// with the options of OpenSSL's default configuration (accuracy, ordering,
// the authority's name): what a TSA built on OpenSSL answers.
func TestOpenSSLAuthority(t *testing.T) {
	openssl := signtest.Tool(t, "openssl", "openssl")
	ca := signtest.NewCA(t, "TSP test CA")
	id := ca.Issue(t, "OpenSSL TSA", signtest.Options{TimeStamping: true})
	dir := t.TempDir()
	signer := signtest.WritePEM(t, dir, "tsa.pem", id.Key, id.Cert)
	caPEM := signtest.WritePEM(t, dir, "ca.pem", nil, ca.Cert)
	conf := filepath.Join(dir, "ts.cnf")
	os.WriteFile(conf, []byte(`[tsa]
default_tsa = tsa_config1
[tsa_config1]
serial = `+filepath.Join(dir, "serial")+`
crypto_device = builtin
signer_cert = `+signer+`
signer_key = `+signer+`
certs = `+caPEM+`
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1, millisecs:500, microsecs:100
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`), 0o600)
	os.WriteFile(filepath.Join(dir, "serial"), []byte("01\n"), 0o600)
	data := []byte("stamped by OpenSSL")
	sum := sha256.Sum256(data)
	req, err := tsp.NewRequest(crypto.SHA256, sum[:], big.NewInt(99))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "req.tsq"), req, 0o600)
	reply := filepath.Join(dir, "reply.tsr")
	if out, err := exec.Command(openssl, "ts", "-reply", "-config", conf, "-queryfile", filepath.Join(dir, "req.tsq"), "-out", reply).CombinedOutput(); err != nil {
		t.Fatalf("openssl ts -reply: %v\n%s", err, out)
	}
	der, _ := os.ReadFile(reply)
	tok, err := tsp.ParseResponse(der)
	if err != nil {
		t.Fatalf("OpenSSL's reply: %v", err)
	}
	if tok.Nonce == nil || tok.Nonce.Int64() != 99 || string(tok.HashedMessage) != string(sum[:]) {
		t.Errorf("nonce %v, imprint %x", tok.Nonce, tok.HashedMessage)
	}
	cert, err := tok.Verify(data)
	if err != nil {
		t.Fatal(err)
	}
	if cert.Subject.CommonName != "OpenSSL TSA" {
		t.Errorf("TSA %q", cert.Subject.CommonName)
	}
}

func TestStampFailsClearly(t *testing.T) {
	ca := signtest.NewCA(t, "TSP test CA")
	refusing := signtest.NewTSA(t, ca)
	refusing.Refuse = true
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	// An authority whose certificate is not for timestamping.
	notTSA := signtest.NewTSA(t, ca)
	notTSA.Identity = ca.Issue(t, "just a signer", signtest.Options{})
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) }))
	defer garbage.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 503) }))
	defer failing.Close()
	tests := []struct {
		name, url, want string
	}{
		{"refused", refusing.URL, "refused"},
		{"no server", closed.URL, "no answer"},
		{"not a timestamping certificate", notTSA.URL, "not a timestamping certificate"},
		{"not DER", garbage.URL, "malformed"},
		{"HTTP error", failing.URL, "503"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := (&tsp.Client{URL: tc.url}).Stamp(context.Background(), []byte("x"))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.url) {
				t.Errorf("err = %v, want one naming %s and saying %q", err, tc.url, tc.want)
			}
		})
	}
}

func TestRequest(t *testing.T) {
	if _, err := tsp.NewRequest(crypto.SHA256, []byte("short"), nil); err == nil {
		t.Error("a request with a 5-byte SHA-256 was made")
	}
	sum := sha256.Sum256([]byte("x"))
	req, err := tsp.NewRequest(crypto.SHA256, sum[:], big.NewInt(42))
	if err != nil {
		t.Fatal(err)
	}
	openssl := signtest.Tool(t, "openssl", "openssl")
	path := filepath.Join(t.TempDir(), "req.tsq")
	os.WriteFile(path, req, 0o644)
	out, err := exec.Command(openssl, "ts", "-query", "-in", path, "-text").CombinedOutput()
	if err != nil {
		t.Fatalf("openssl ts -query: %v\n%s", err, out)
	}
	for _, want := range []string{"Hash Algorithm: sha256", "Nonce: 0x2A", "Certificate required: yes"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("openssl does not read %q in the request:\n%s", want, out)
		}
	}
}

// TestOpenSSLVerifiesToken has openssl ts -verify check a token of the
// local authority.
func TestOpenSSLVerifiesToken(t *testing.T) {
	openssl := signtest.Tool(t, "openssl", "openssl")
	ca := signtest.NewCA(t, "TSP test CA")
	tsa := signtest.NewTSA(t, ca)
	data := []byte("stamped bytes")
	tok, err := (&tsp.Client{URL: tsa.URL}).Stamp(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	caPEM := signtest.WritePEM(t, dir, "ca.pem", nil, ca.Cert)
	for name, content := range map[string][]byte{"data": data, "token.der": tok.Raw, "other": []byte("other bytes")} {
		os.WriteFile(filepath.Join(dir, name), content, 0o644)
	}
	run := func(file string) (string, error) {
		out, err := exec.Command(openssl, "ts", "-verify", "-data", filepath.Join(dir, file), "-in", filepath.Join(dir, "token.der"),
			"-token_in", "-CAfile", caPEM).CombinedOutput()
		return string(out), err
	}
	if out, err := run("data"); err != nil || !strings.Contains(out, "Verification: OK") {
		t.Errorf("openssl ts -verify: %v\n%s", err, out)
	}
	if out, err := run("other"); err == nil {
		t.Errorf("openssl accepted the token for other data:\n%s", out)
	}
}

func FuzzParseResponse(f *testing.F) {
	ca := signtest.NewCA(f, "TSP fuzz CA")
	tsa := signtest.NewTSA(f, ca)
	sum := sha256.Sum256([]byte("x"))
	req, _ := tsp.NewRequest(crypto.SHA256, sum[:], big.NewInt(7))
	resp, err := http.Post(tsa.URL, "application/timestamp-query", strings.NewReader(string(req)))
	if err != nil {
		f.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(body)
	f.Fuzz(func(t *testing.T, der []byte) {
		tok, err := tsp.ParseResponse(der)
		if err != nil {
			return
		}
		tok.Verify([]byte("x"))
	})
}
