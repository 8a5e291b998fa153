package c2pa

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// RFC 3161 time-stamp tokens: a CMS (RFC 5652) SignedData whose content is
// a TSTInfo. The token's messageImprint is the hash of what it time-stamps;
// its signature is checked here with the TSA certificate carried in the
// token.

var (
	oidSignedData    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidTSTInfo       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}
	oidContentType   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidRSAPSS        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
)

// digestByOID maps hash algorithm OIDs to hashes.
var digestByOID = map[string]crypto.Hash{
	"2.16.840.1.101.3.4.2.1": crypto.SHA256,
	"2.16.840.1.101.3.4.2.2": crypto.SHA384,
	"2.16.840.1.101.3.4.2.3": crypto.SHA512,
	"1.3.14.3.2.26":          crypto.SHA1,
}

type algorithmIdentifier struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,tag:0"`
}

type signedData struct {
	Version          int
	DigestAlgorithms asn1.RawValue
	EncapContentInfo encapContentInfo
	Certificates     asn1.RawValue `asn1:"optional,tag:0"`
	CRLs             asn1.RawValue `asn1:"optional,tag:1"`
	SignerInfos      []signerInfo  `asn1:"set"`
}

type encapContentInfo struct {
	EContentType asn1.ObjectIdentifier
	EContent     []byte `asn1:"explicit,optional,tag:0"`
}

type signerInfo struct {
	Version            int
	SID                asn1.RawValue
	DigestAlgorithm    algorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional,tag:0"`
	SignatureAlgorithm algorithmIdentifier
	Signature          []byte
	UnsignedAttrs      asn1.RawValue `asn1:"optional,tag:1"`
}

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type attribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue `asn1:"set"`
}

type tstInfo struct {
	Version        int
	Policy         asn1.ObjectIdentifier
	MessageImprint struct {
		HashAlgorithm algorithmIdentifier
		HashedMessage []byte
	}
	SerialNumber *big.Int
	GenTime      time.Time     `asn1:"generalized"`
	Rest         asn1.RawValue `asn1:"optional"`
}

// timeStamp is a parsed time-stamp token.
type timeStamp struct {
	genTime  time.Time
	hash     crypto.Hash
	imprint  []byte
	tsaCert  *x509.Certificate
	certs    []*x509.Certificate
	sigError error // nil when the token's own CMS signature verifies
}

// errTimeStamp is wrapped by time-stamp token structure errors.
var errTimeStamp = errors.New("malformed RFC 3161 time-stamp token")

// parseTimeStamp reads a token and checks its CMS signature (the result is
// in sigError; a structure error is returned).
func parseTimeStamp(der []byte, maxCerts int) (*timeStamp, error) {
	// Some writers store the whole TimeStampResp (PKIStatusInfo, token).
	var resp struct {
		Status asn1.RawValue
		Token  asn1.RawValue `asn1:"optional"`
	}
	if _, err := asn1.Unmarshal(der, &resp); err == nil && resp.Status.Tag == asn1.TagSequence && len(resp.Token.FullBytes) > 0 {
		der = resp.Token.FullBytes
	}
	var ci contentInfo
	if rest, err := asn1.Unmarshal(der, &ci); err != nil {
		return nil, fmt.Errorf("%w: %w", errTimeStamp, err)
	} else if len(rest) > 0 {
		return nil, fmt.Errorf("%w: %d bytes after the token", errTimeStamp, len(rest))
	}
	if !ci.ContentType.Equal(oidSignedData) {
		return nil, fmt.Errorf("%w: content type %v, not SignedData", errTimeStamp, ci.ContentType)
	}
	var sd signedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return nil, fmt.Errorf("%w: SignedData: %w", errTimeStamp, err)
	}
	if !sd.EncapContentInfo.EContentType.Equal(oidTSTInfo) {
		return nil, fmt.Errorf("%w: content %v, not TSTInfo", errTimeStamp, sd.EncapContentInfo.EContentType)
	}
	var info tstInfo
	if _, err := asn1.Unmarshal(sd.EncapContentInfo.EContent, &info); err != nil {
		return nil, fmt.Errorf("%w: TSTInfo: %w", errTimeStamp, err)
	}
	ts := &timeStamp{genTime: info.GenTime.UTC(), imprint: info.MessageImprint.HashedMessage}
	h, ok := digestByOID[info.MessageImprint.HashAlgorithm.Algorithm.String()]
	if !ok {
		return nil, fmt.Errorf("%w: message imprint algorithm %v not supported", errTimeStamp, info.MessageImprint.HashAlgorithm.Algorithm)
	}
	ts.hash = h
	// certificates [0] IMPLICIT SET OF CertificateChoices
	for rest := sd.Certificates.Bytes; len(rest) > 0; {
		if len(ts.certs) >= maxCerts {
			return nil, fmt.Errorf("%w: more than %d certificates", errTimeStamp, maxCerts)
		}
		var raw asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &raw); err != nil {
			return nil, fmt.Errorf("%w: certificates: %w", errTimeStamp, err)
		}
		if raw.Class != asn1.ClassUniversal || raw.Tag != asn1.TagSequence {
			continue // attribute certificates and others
		}
		c, err := parseCertificate(raw.FullBytes)
		if err != nil {
			return nil, fmt.Errorf("%w: certificate: %w", errTimeStamp, err)
		}
		ts.certs = append(ts.certs, c)
	}
	if len(sd.SignerInfos) != 1 {
		return nil, fmt.Errorf("%w: %d signer infos, want 1", errTimeStamp, len(sd.SignerInfos))
	}
	ts.sigError = ts.checkSigner(sd.SignerInfos[0], sd.EncapContentInfo.EContent)
	return ts, nil
}

// checkSigner finds the TSA certificate and verifies the signer info.
func (ts *timeStamp) checkSigner(si signerInfo, content []byte) error {
	var ias issuerAndSerial
	if si.SID.Class == asn1.ClassUniversal && si.SID.Tag == asn1.TagSequence {
		if _, err := asn1.Unmarshal(si.SID.FullBytes, &ias); err != nil {
			return fmt.Errorf("signer identifier: %w", err)
		}
	}
	for _, c := range ts.certs {
		switch {
		case ias.Serial != nil && c.SerialNumber.Cmp(ias.Serial) == 0 && bytes.Equal(c.RawIssuer, ias.Issuer.FullBytes):
			ts.tsaCert = c
		case si.SID.Class == asn1.ClassContextSpecific && si.SID.Tag == 0 && bytes.Equal(c.SubjectKeyId, si.SID.Bytes):
			ts.tsaCert = c
		}
		if ts.tsaCert != nil {
			break
		}
	}
	if ts.tsaCert == nil {
		return errors.New("the token does not carry its TSA certificate")
	}
	h, ok := digestByOID[si.DigestAlgorithm.Algorithm.String()]
	if !ok {
		return fmt.Errorf("digest algorithm %v not supported", si.DigestAlgorithm.Algorithm)
	}
	signed := content
	if len(si.SignedAttrs.FullBytes) > 0 {
		// The signature covers the DER of the attributes as a SET (tag
		// 0x31), not as the [0] IMPLICIT field it is stored in.
		signed = append([]byte{0x31}, si.SignedAttrs.FullBytes[1:]...)
		digest, err := attributeDigest(si.SignedAttrs.Bytes)
		if err != nil {
			return err
		}
		want := h.New()
		want.Write(content)
		if !bytes.Equal(digest, want.Sum(nil)) {
			return errors.New("the token's messageDigest attribute does not match its TSTInfo")
		}
	}
	return verifyCMSSignature(ts.tsaCert, si.SignatureAlgorithm, h, signed, si.Signature)
}

// attributeDigest returns the messageDigest signed attribute.
func attributeDigest(attrs []byte) ([]byte, error) {
	for rest := attrs; len(rest) > 0; {
		var a attribute
		var err error
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, fmt.Errorf("signed attributes: %w", err)
		}
		if a.Type.Equal(oidMessageDigest) {
			var d []byte
			if _, err := asn1.Unmarshal(a.Values.Bytes, &d); err != nil {
				return nil, fmt.Errorf("messageDigest attribute: %w", err)
			}
			return d, nil
		}
	}
	return nil, errors.New("signed attributes without a messageDigest")
}

// verifyCMSSignature checks a CMS signer's signature (RSA PKCS #1 v1.5,
// RSA-PSS, ECDSA in DER, Ed25519) over msg.
func verifyCMSSignature(cert *x509.Certificate, sigAlg algorithmIdentifier, h crypto.Hash, msg, sig []byte) error {
	d := h.New()
	d.Write(msg)
	digest := d.Sum(nil)
	switch key := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		if sigAlg.Algorithm.Equal(oidRSAPSS) {
			return rsa.VerifyPSS(key, h, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
		}
		return rsa.VerifyPKCS1v15(key, h, digest, sig)
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(key, digest, sig) {
			return errSignature
		}
		return nil
	case ed25519.PublicKey:
		if !ed25519.Verify(key, msg, sig) {
			return errSignature
		}
		return nil
	}
	return fmt.Errorf("TSA key type %T not supported", cert.PublicKey)
}

// matches reports whether the token time-stamps data.
func (ts *timeStamp) matches(data []byte) bool {
	d := ts.hash.New()
	d.Write(data)
	return bytes.Equal(d.Sum(nil), ts.imprint)
}
