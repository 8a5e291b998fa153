package c2pa

import (
	"crypto/x509"
	"encoding/asn1"
)

// parseCertificate parses a DER certificate. crypto/x509 reads an RSA-PSS
// subject key (OID 1.2.840.113549.1.1.10, used by the C2PA test signers)
// as an unknown algorithm with a nil key; its key is an ordinary RSA
// public key, which is filled in here.
func parseCertificate(der []byte) (*x509.Certificate, error) {
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	if c.PublicKey == nil {
		var spki struct {
			Algorithm algorithmIdentifier
			PublicKey asn1.BitString
		}
		if _, err := asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki); err == nil && spki.Algorithm.Algorithm.Equal(oidRSAPSS) {
			if k, err := x509.ParsePKCS1PublicKey(spki.PublicKey.Bytes); err == nil {
				c.PublicKey = k
				c.PublicKeyAlgorithm = x509.RSA
			}
		}
	}
	return c, nil
}
