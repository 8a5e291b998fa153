package signtest

import (
	"crypto/x509"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// This file runs the independent readers of signed PDFs: poppler's pdfsig
// (with an NSS database that trusts the test CA) and openssl (cms -verify,
// ts -verify) on the signature cut out of the file by its /ByteRange.

// NSSDir makes an NSS certificate database, for pdfsig -nssdir, that
// trusts the given CA certificates. It skips the test (or fails, under
// APPEALPACKET_REQUIRE_TOOLS) when certutil is not installed.
func NSSDir(t testing.TB, cas ...*x509.Certificate) string {
	t.Helper()
	certutil := Tool(t, "certutil", "libnss3-tools")
	dir := t.TempDir()
	if out, err := exec.Command(certutil, "-N", "-d", "sql:"+dir, "--empty-password").CombinedOutput(); err != nil {
		t.Fatalf("certutil -N: %v\n%s", err, out)
	}
	for i, c := range cas {
		path := WritePEM(t, dir, "ca"+strconv.Itoa(i)+".pem", nil, c)
		out, err := exec.Command(certutil, "-A", "-d", "sql:"+dir, "-n", "test-ca-"+strconv.Itoa(i), "-t", "CT,C,C", "-i", path).CombinedOutput()
		if err != nil {
			t.Fatalf("certutil -A: %v\n%s", err, out)
		}
	}
	return "sql:" + dir
}

// PDFSig runs pdfsig on a file, with the NSS database nssDir when not
// empty, and returns what it printed.
func PDFSig(t testing.TB, path, nssDir string) string {
	t.Helper()
	pdfsig := Tool(t, "pdfsig", "poppler-utils")
	args := []string{path}
	if nssDir != "" {
		args = append([]string{"-nssdir", nssDir}, args...)
	}
	out, _ := exec.Command(pdfsig, args...).CombinedOutput() // its exit status says little; the text says it all
	return string(out)
}

var byteRangeRE = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

// ExtractSignature cuts the last signature of a PDF out by its /ByteRange,
// as any reader does: the DER of the signature value (the hex string in the
// gap) and the signed bytes (the two ranges). It uses no parser of this
// repository.
func ExtractSignature(pdf []byte) (der, signed []byte, err error) {
	m := byteRangeRE.FindAllSubmatch(pdf, -1)
	if m == nil {
		return nil, nil, errors.New("no /ByteRange")
	}
	var r [4]int
	for i := range r {
		r[i], _ = strconv.Atoi(string(m[len(m)-1][i+1]))
	}
	if r[1] <= 0 || r[2] <= r[1]+1 || r[2]+r[3] > len(pdf) || pdf[r[1]] != '<' || pdf[r[2]-1] != '>' {
		return nil, nil, errors.New("a /ByteRange that does not frame a hex string")
	}
	raw, err := hex.DecodeString(string(pdf[r[1]+1 : r[2]-1]))
	if err != nil {
		return nil, nil, err
	}
	n, err := derLength(raw)
	if err != nil {
		return nil, nil, err
	}
	signed = append(append([]byte{}, pdf[:r[1]]...), pdf[r[2]:r[2]+r[3]]...)
	return raw[:n], signed, nil
}

// derLength is the length of the DER element at the start of b (the
// /Contents string is padded with zeros after it).
func derLength(b []byte) (int, error) {
	if len(b) < 2 {
		return 0, errors.New("empty signature")
	}
	l := int(b[1])
	hdr := 2
	if l&0x80 != 0 {
		k := l & 0x7f
		if k == 0 || k > 4 || len(b) < 2+k {
			return 0, errors.New("bad DER length")
		}
		l = 0
		for _, c := range b[2 : 2+k] {
			l = l<<8 | int(c)
		}
		hdr += k
	}
	if hdr+l > len(b) {
		return 0, errors.New("DER longer than the signature")
	}
	return hdr + l, nil
}

// OpenSSLCMSVerify runs `openssl cms -verify` on a detached CMS signature
// over content, trusting ca, and returns its output; err when it refuses.
func OpenSSLCMSVerify(t testing.TB, der, content []byte, ca *x509.Certificate) (string, error) {
	t.Helper()
	return openssl(t, ca, map[string][]byte{"sig.der": der, "content": content},
		"cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.der", "-content", "content", "-purpose", "any", "-out", os.DevNull)
}

// OpenSSLTSVerify runs `openssl ts -verify` on a timestamp token over
// data, trusting ca; err when it refuses.
func OpenSSLTSVerify(t testing.TB, token, data []byte, ca *x509.Certificate) (string, error) {
	t.Helper()
	return openssl(t, ca, map[string][]byte{"token.der": token, "data": data},
		"ts", "-verify", "-in", "token.der", "-token_in", "-data", "data")
}

// openssl runs openssl in a folder holding files and ca.pem (passed as
// -CAfile).
func openssl(t testing.TB, ca *x509.Certificate, files map[string][]byte, args ...string) (string, error) {
	t.Helper()
	bin := Tool(t, "openssl", "openssl")
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	caPEM := WritePEM(t, dir, "ca.pem", nil, ca)
	cmd := exec.Command(bin, append(args, "-CAfile", caPEM)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}
