package cms_test

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"appealpacket/internal/cms"
	"appealpacket/internal/signtest"
	"appealpacket/internal/testcorpus"
)

// indefinite rewrites the element at the start of der, and the first
// element inside it, with indefinite lengths (30 80 ... 00 00), as BER
// signers write them.
func indefinite(t *testing.T, der []byte, depth int) []byte {
	t.Helper()
	if depth == 0 || len(der) < 2 || der[0]&0x20 == 0 {
		return der
	}
	n, size := 2, int(der[1])
	if der[1] >= 0x80 {
		k := int(der[1] & 0x7f)
		n, size = 2+k, 0
		for _, c := range der[2 : 2+k] {
			size = size<<8 | int(c)
		}
	}
	content, rest := der[n:n+size], der[n+size:]
	// The first child indefinite too (followed by its siblings as they are).
	content = indefinite(t, content, depth-1)
	out := append([]byte{der[0], 0x80}, content...)
	out = append(out, 0, 0)
	return append(out, rest...)
}

// TestBERSignedData: a SignedData with indefinite lengths reads and
// verifies as its DER form does.
func TestBERSignedData(t *testing.T) {
	ca := signtest.NewCA(t, "CMS test CA")
	id := ca.Issue(t, "Signer RSA", signtest.Options{Key: signtest.RSA}) // TestSignParseVerify's key: no new one to generate
	content := []byte("%PDF-1.7 the bytes a signature covers")
	der, err := cms.Sign(cms.SignOptions{Key: id.Key, Certificate: id.Cert, Chain: id.Chain, Content: content, Detached: true})
	if err != nil {
		t.Fatal(err)
	}
	ber := indefinite(t, der, 3)
	if bytes.Equal(ber, der) || ber[1] != 0x80 {
		t.Fatal("the test did not make a BER encoding")
	}
	ber = append(ber, 0, 0, 0, 0) // a PDF's /Contents padding
	sd, err := cms.Parse(ber)
	if err != nil {
		t.Fatalf("BER: %v", err)
	}
	if cert, err := verify(sd, bytes.NewReader(content)); err != nil || cert.Subject.CommonName != "Signer RSA" {
		t.Errorf("BER: verify = %v, %v", cert, err)
	}
	if _, err := verify(sd, bytes.NewReader(append(content, '!'))); err == nil {
		t.Error("BER: other content verifies")
	}
	// Damaged BER stays malformed.
	for _, bad := range [][]byte{ber[:len(ber)/2], {0x30, 0x80, 0x02, 0x80}, {0x30, 0x80}} {
		if _, err := cms.Parse(bad); err == nil {
			t.Errorf("% x: parsed", bad[:min(len(bad), 8)])
		}
	}
}

// TestBERCorpus reads the signature value of the corpus's salary
// certificate: Adobe's usage-rights signature, BER with indefinite lengths
// (openssl cms reads and verifies it). It parses; its SHA-1 is then
// refused, not its encoding.
func TestBERCorpus(t *testing.T) {
	data, err := os.ReadFile(testcorpus.Path(t, "lu_salary_certificate_160F-2019.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`).FindSubmatch(data)
	c := regexp.MustCompile(`/Contents\s*<([0-9A-Fa-f]+)>`).FindSubmatch(data)
	if m == nil || c == nil {
		t.Fatal("no signature dictionary in the salary certificate")
	}
	var r [4]int
	for i := range r {
		r[i], _ = strconv.Atoi(string(m[i+1]))
	}
	value := make([]byte, len(c[1])/2)
	for i := range value {
		v, _ := strconv.ParseUint(string(c[1][2*i:2*i+2]), 16, 8)
		value[i] = byte(v)
	}
	if value[0] != 0x30 || value[1] != 0x80 {
		t.Fatalf("the value starts % x, not a BER SEQUENCE of indefinite length", value[:2])
	}
	sd, err := cms.Parse(value)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if len(sd.Signers) != 1 || len(sd.Certificates) == 0 {
		t.Fatalf("%d signers, %d certificates", len(sd.Signers), len(sd.Certificates))
	}
	signed := append(append([]byte(nil), data[r[0]:r[0]+r[1]]...), data[r[2]:r[2]+r[3]]...)
	if _, err := verify(sd, bytes.NewReader(signed)); err == nil || !strings.Contains(err.Error(), "SHA-1") || !errors.Is(err, cms.ErrUnsupported) {
		t.Errorf("verify: %v; want SHA-1 refused as not checked (cms.ErrUnsupported)", err)
	}
}
