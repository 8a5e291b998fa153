package cms_test

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"appealpacket/internal/cms"
	"appealpacket/internal/signtest"
)

var keyTypes = []struct {
	name          string
	key           signtest.KeyType
	deterministic bool
}{
	{"RSA", signtest.RSA, true},
	{"ECDSA", signtest.ECDSA, false},
	{"Ed25519", signtest.Ed25519, true},
}

func TestSignParseVerify(t *testing.T) {
	ca := signtest.NewCA(t, "CMS test CA")
	content := []byte("%PDF-1.7 the bytes a signature covers")
	for _, kt := range keyTypes {
		for _, detached := range []bool{true, false} {
			name := kt.name + map[bool]string{true: "/detached", false: "/encapsulated"}[detached]
			t.Run(name, func(t *testing.T) {
				id := ca.Issue(t, "Signer "+kt.name, signtest.Options{Key: kt.key})
				opts := cms.SignOptions{Key: id.Key, Certificate: id.Cert, Chain: id.Chain, Content: content, Detached: detached}
				der, err := cms.Sign(opts)
				if err != nil {
					t.Fatal(err)
				}
				again, err := cms.Sign(opts)
				if err != nil {
					t.Fatal(err)
				}
				if got := bytes.Equal(der, again); got != kt.deterministic {
					t.Errorf("two signatures identical = %v, want %v", got, kt.deterministic)
				}
				sd, err := cms.Parse(der)
				if err != nil {
					t.Fatal(err)
				}
				if detached != (sd.Content == nil) {
					t.Errorf("content present = %v with detached = %v", sd.Content != nil, detached)
				}
				if len(sd.Certificates) != 2 {
					t.Errorf("%d certificates, want the signer's and the CA's", len(sd.Certificates))
				}
				var in *bytes.Reader
				if detached {
					in = bytes.NewReader(content)
				}
				cert, err := verify(sd, in)
				if err != nil {
					t.Fatalf("verify: %v", err)
				}
				if cert.Subject.CommonName != "Signer "+kt.name {
					t.Errorf("signer %q", cert.Subject.CommonName)
				}
				wantHash := crypto.SHA256
				if kt.key == signtest.Ed25519 {
					wantHash = crypto.SHA512
				}
				if h, _ := sd.Signers[0].Hash(); h != wantHash {
					t.Errorf("digest %v, want %v", h, wantHash)
				}
				for _, oid := range []asn1.ObjectIdentifier{cms.OIDAttrContentType, cms.OIDAttrMessageDigest, cms.OIDAttrSigningCertV2} {
					if _, ok := cms.Value(sd.Signers[0].SignedAttributes, oid); !ok {
						t.Errorf("signed attribute %v missing", oid)
					}
				}
				if _, ok := cms.Value(sd.Signers[0].SignedAttributes, cms.OIDAttrSigningTime); ok {
					t.Error("a PAdES signature must not carry signing-time (the PDF's /M says it)")
				}
				if detached {
					changed := bytes.Clone(content)
					changed[3] ^= 1
					if _, err := verify(sd, bytes.NewReader(changed)); err == nil || !strings.Contains(err.Error(), "changed") {
						t.Errorf("changed content: err = %v", err)
					}
				}
			})
		}
	}
}

// verify calls Verify with r, or with nil (encapsulated content) when r is
// nil: a nil *bytes.Reader is not a nil io.Reader.
func verify(sd *cms.SignedData, r *bytes.Reader) (*x509.Certificate, error) {
	if r == nil {
		return sd.Verify(nil)
	}
	return sd.Verify(r)
}

func TestTamperedSignatureRejected(t *testing.T) {
	ca := signtest.NewCA(t, "CMS test CA")
	id := ca.Issue(t, "Signer", signtest.Options{})
	other := ca.Issue(t, "Other", signtest.Options{})
	content := []byte("content")
	der, err := cms.Sign(cms.SignOptions{Key: id.Key, Certificate: id.Cert, Content: content})
	if err != nil {
		t.Fatal(err)
	}
	sd, err := cms.Parse(der)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(sd *cms.SignedData)
		want   string
	}{
		{"signature bit flipped", func(sd *cms.SignedData) { sd.Signers[0].Signature[10] ^= 0x80 }, "does not verify"},
		{"certificate swapped", func(sd *cms.SignedData) {
			sd.Signers[0].IssuerRaw, sd.Signers[0].Serial = other.Cert.RawIssuer, other.Cert.SerialNumber
			sd.Certificates = append(sd.Certificates, other.Cert)
		}, "signing-certificate-v2"},
		{"content swapped", func(sd *cms.SignedData) { sd.Content = []byte("other") }, "changed"},
		{"second signer", func(sd *cms.SignedData) { sd.Signers = append(sd.Signers, sd.Signers[0]) }, "2 signers"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := cms.Parse(der)
			tc.change(c)
			_, err := c.Verify(nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
	if _, err := sd.Verify(nil); err != nil {
		t.Errorf("the untouched signature: %v", err)
	}
	if _, err := cms.Sign(cms.SignOptions{Key: other.Key, Certificate: id.Cert, Content: content}); err == nil {
		t.Error("signing with a key that is not the certificate's succeeded")
	}
}

func TestUnsignedAttributes(t *testing.T) {
	ca := signtest.NewCA(t, "CMS test CA")
	id := ca.Issue(t, "Signer", signtest.Options{})
	var seen []byte
	der, err := cms.Sign(cms.SignOptions{Key: id.Key, Certificate: id.Cert, Content: []byte("x"), Detached: true,
		Unsigned: func(sig []byte) ([]cms.Attribute, error) {
			seen = sig
			return []cms.Attribute{{Type: cms.OIDAttrTimeStampToken, Values: [][]byte{{0x05, 0x00}}}}, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	sd, err := cms.Parse(der)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sd.Signers[0].Signature, seen) {
		t.Error("the unsigned-attribute callback did not get the signature value")
	}
	if v, ok := cms.Value(sd.Signers[0].UnsignedAttributes, cms.OIDAttrTimeStampToken); !ok || !bytes.Equal(v, []byte{5, 0}) {
		t.Errorf("unsigned attribute = %x, %v", v, ok)
	}
	if _, err := sd.Verify(bytes.NewReader([]byte("x"))); err != nil {
		t.Errorf("unsigned attributes broke the signature: %v", err)
	}
}

func TestParseRejects(t *testing.T) {
	ca := signtest.NewCA(t, "CMS test CA")
	id := ca.Issue(t, "Signer", signtest.Options{})
	der, err := cms.Sign(cms.SignOptions{Key: id.Key, Certificate: id.Cert, Content: []byte("x"), Detached: true})
	if err != nil {
		t.Fatal(err)
	}
	padded := append(bytes.Clone(der), make([]byte, 100)...)
	if _, err := cms.Parse(padded); err != nil {
		t.Errorf("zero padding (as in a PDF /Contents) refused: %v", err)
	}
	for name, in := range map[string][]byte{
		"empty":          nil,
		"truncated":      der[:len(der)-1],
		"trailing bytes": append(bytes.Clone(der), 1),
		"not SignedData": {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x00},
		"BER indefinite": append([]byte{0x30, 0x80}, der[2:]...),
	} {
		if _, err := cms.Parse(in); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

// TestOpenSSLAgrees has openssl verify what Sign writes, and refuse it for
// changed content.
func TestOpenSSLAgrees(t *testing.T) {
	openssl := signtest.Tool(t, "openssl", "openssl")
	ca := signtest.NewCA(t, "CMS test CA")
	dir := t.TempDir()
	caPEM := signtest.WritePEM(t, dir, "ca.pem", nil, ca.Cert)
	content := []byte("the signed bytes\n")
	data := filepath.Join(dir, "data")
	os.WriteFile(data, content, 0o644)
	changed := filepath.Join(dir, "changed")
	os.WriteFile(changed, []byte("the signed bytez\n"), 0o644)
	for _, kt := range keyTypes {
		t.Run(kt.name, func(t *testing.T) {
			id := ca.Issue(t, "OpenSSL "+kt.name, signtest.Options{Key: kt.key})
			der, err := cms.Sign(cms.SignOptions{Key: id.Key, Certificate: id.Cert, Chain: id.Chain, Content: content, Detached: true})
			if err != nil {
				t.Fatal(err)
			}
			sig := filepath.Join(dir, kt.name+".p7s")
			os.WriteFile(sig, der, 0o644)
			run := func(content string) (string, error) {
				out, err := exec.Command(openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", sig,
					"-content", content, "-CAfile", caPEM, "-purpose", "any", "-out", os.DevNull).CombinedOutput()
				return string(out), err
			}
			out, err := run(data)
			if err != nil && kt.key == signtest.Ed25519 && strings.Contains(out, "eddsa") {
				t.Skipf("this openssl cannot verify Ed25519 CMS signatures (OpenSSL 3.0 has no Ed25519 in CMS):\n%s", out)
			}
			if err != nil || !strings.Contains(out, "Verification successful") {
				t.Errorf("openssl cms -verify: %v\n%s", err, out)
			}
			if out, err := run(changed); err == nil {
				t.Errorf("openssl accepted changed content:\n%s", out)
			}
			printed, err := exec.Command(openssl, "cms", "-cmsout", "-print", "-inform", "DER", "-in", sig).CombinedOutput()
			out = string(printed)
			if err != nil {
				t.Fatalf("openssl cms -cmsout: %v\n%s", err, out)
			}
			for _, want := range []string{"contentType", "messageDigest", "id-smime-aa-signingCertificateV2"} {
				if !strings.Contains(out, want) {
					t.Errorf("openssl does not see %s in the signed attributes", want)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	ca := signtest.NewCA(f, "CMS fuzz CA")
	id := ca.Issue(f, "Signer", signtest.Options{})
	for _, detached := range []bool{true, false} {
		der, err := cms.Sign(cms.SignOptions{Key: id.Key, Certificate: id.Cert, Chain: id.Chain, Content: []byte("seed"), Detached: detached,
			Unsigned: func([]byte) ([]cms.Attribute, error) {
				return []cms.Attribute{{Type: cms.OIDAttrTimeStampToken, Values: [][]byte{{5, 0}}}}, nil
			}})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(der)
		f.Add(append([]byte{0x30, 0x80}, append(der[4:], 0, 0)...)) // BER: the outer length indefinite
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		sd, err := cms.Parse(der)
		if err != nil {
			return
		}
		sd.Verify(bytes.NewReader([]byte("seed")))
		sd.Verify(nil)
		for _, s := range sd.Signers {
			s.Certificate(sd.Certificates)
			s.Hash()
		}
	})
}
