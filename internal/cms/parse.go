package cms

import (
	"bytes"
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"math/big"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// ErrMalformed wraps every error of Parse.
var ErrMalformed = errors.New("cms: malformed SignedData")

// ErrUnsupported wraps the errors of a signature made with an algorithm
// this package does not check (SHA-1, which no longer proves anything, or
// one it does not know): it was not checked, rather than found false.
var ErrUnsupported = errors.New("cms: not checked")

// SignedData is a parsed CMS SignedData.
type SignedData struct {
	// ContentType is the eContentType.
	ContentType asn1.ObjectIdentifier
	// Content is the encapsulated content; nil when detached.
	Content      []byte
	Certificates []*x509.Certificate
	Signers      []*SignerInfo
}

// SignerInfo is one signer of a SignedData.
type SignerInfo struct {
	// The signer's certificate is named by IssuerRaw and Serial (version
	// 1) or by SubjectKeyID (version 3).
	IssuerRaw    []byte
	Serial       *big.Int
	SubjectKeyID []byte

	DigestAlgorithm    asn1.ObjectIdentifier
	SignedAttributes   []Attribute
	signedAttrsDER     []byte // re-tagged as SET, as signed
	SignatureAlgorithm asn1.ObjectIdentifier
	Signature          []byte
	UnsignedAttributes []Attribute
}

func malformed(what string) error { return fmt.Errorf("%w: %s", ErrMalformed, what) }

// Parse reads a DER ContentInfo holding a SignedData. Trailing zero bytes
// (the padding of a PDF signature's /Contents) are allowed; anything else
// after the structure is not. A BER encoding with indefinite lengths, as
// some signing programs write, is read too (its lengths made definite; the
// signed attributes must be DER, as CMS requires).
//
// The result does not share memory with der.
func Parse(der []byte) (*SignedData, error) {
	sd, err := parseDER(der)
	if err == nil {
		return sd, nil
	}
	if conv, cerr := berToDER(der); cerr == nil && !bytes.Equal(conv, der) {
		if sd, berr := parseDER(conv); berr == nil {
			return sd, nil
		}
	}
	return nil, err
}

// parseDER is Parse of a DER encoding.
func parseDER(der []byte) (*SignedData, error) {
	in := cryptobyte.String(bytes.Clone(der))
	var ci, content cryptobyte.String
	var ct asn1.ObjectIdentifier
	if !in.ReadASN1(&ci, cbasn1.SEQUENCE) {
		return nil, malformed("not a DER SEQUENCE (ContentInfo)")
	}
	if len(bytes.Trim(in, "\x00")) != 0 {
		return nil, malformed("data after the ContentInfo")
	}
	if !ci.ReadASN1ObjectIdentifier(&ct) || !ci.ReadASN1(&content, cbasn1.Tag(0).Constructed().ContextSpecific()) || !ci.Empty() {
		return nil, malformed("ContentInfo")
	}
	if !ct.Equal(OIDSignedData) {
		return nil, fmt.Errorf("%w: content type %v is not SignedData", ErrMalformed, ct)
	}
	var sd cryptobyte.String
	if !content.ReadASN1(&sd, cbasn1.SEQUENCE) || !content.Empty() {
		return nil, malformed("SignedData")
	}
	var version int64
	var digestAlgs, encap cryptobyte.String
	if !sd.ReadASN1Int64WithTag(&version, cbasn1.INTEGER) || !sd.ReadASN1(&digestAlgs, cbasn1.SET) ||
		!sd.ReadASN1(&encap, cbasn1.SEQUENCE) {
		return nil, malformed("SignedData header")
	}
	out := &SignedData{}
	if !encap.ReadASN1ObjectIdentifier(&out.ContentType) {
		return nil, malformed("eContentType")
	}
	var eContent cryptobyte.String
	var hasContent bool
	if !encap.ReadOptionalASN1(&eContent, &hasContent, cbasn1.Tag(0).Constructed().ContextSpecific()) || !encap.Empty() {
		return nil, malformed("encapsulated content")
	}
	if hasContent {
		var octets []byte
		if !eContent.ReadASN1Bytes(&octets, cbasn1.OCTET_STRING) || !eContent.Empty() {
			return nil, malformed("eContent is not one OCTET STRING")
		}
		out.Content = octets
	}
	var certs cryptobyte.String
	var hasCerts bool
	if !sd.ReadOptionalASN1(&certs, &hasCerts, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, malformed("certificates")
	}
	for !certs.Empty() {
		var raw cryptobyte.String
		var tag cbasn1.Tag
		if !certs.ReadAnyASN1Element(&raw, &tag) {
			return nil, malformed("certificate")
		}
		if tag != cbasn1.SEQUENCE {
			continue // other certificate formats (attribute certificates): ignored
		}
		c, err := x509.ParseCertificate(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: certificate: %v", ErrMalformed, err)
		}
		out.Certificates = append(out.Certificates, c)
	}
	var crls cryptobyte.String
	var hasCRLs bool
	if !sd.ReadOptionalASN1(&crls, &hasCRLs, cbasn1.Tag(1).Constructed().ContextSpecific()) {
		return nil, malformed("crls")
	}
	var signers cryptobyte.String
	if !sd.ReadASN1(&signers, cbasn1.SET) || !sd.Empty() {
		return nil, malformed("signerInfos")
	}
	for !signers.Empty() {
		var si cryptobyte.String
		if !signers.ReadASN1(&si, cbasn1.SEQUENCE) {
			return nil, malformed("SignerInfo")
		}
		s, err := parseSignerInfo(si)
		if err != nil {
			return nil, err
		}
		out.Signers = append(out.Signers, s)
	}
	if len(out.Signers) == 0 {
		return nil, malformed("no signer")
	}
	return out, nil
}

func parseSignerInfo(si cryptobyte.String) (*SignerInfo, error) {
	s := &SignerInfo{}
	var version int64
	if !si.ReadASN1Int64WithTag(&version, cbasn1.INTEGER) {
		return nil, malformed("SignerInfo version")
	}
	switch version {
	case 1:
		var ias cryptobyte.String
		var issuer cryptobyte.String
		s.Serial = new(big.Int)
		if !si.ReadASN1(&ias, cbasn1.SEQUENCE) || !ias.ReadASN1Element(&issuer, cbasn1.SEQUENCE) ||
			!ias.ReadASN1Integer(s.Serial) || !ias.Empty() {
			return nil, malformed("IssuerAndSerialNumber")
		}
		s.IssuerRaw = issuer
	case 3:
		var ski []byte
		if !si.ReadASN1Bytes(&ski, cbasn1.Tag(0).ContextSpecific()) {
			return nil, malformed("SubjectKeyIdentifier")
		}
		s.SubjectKeyID = ski
	default:
		return nil, fmt.Errorf("%w: SignerInfo version %d", ErrMalformed, version)
	}
	var err error
	if s.DigestAlgorithm, _, err = readAlgorithm(&si); err != nil {
		return nil, err
	}
	var signed cryptobyte.String
	var hasSigned bool
	if !si.ReadOptionalASN1(&signed, &hasSigned, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, malformed("signedAttrs")
	}
	if hasSigned {
		if s.SignedAttributes, err = parseAttributes(signed); err != nil {
			return nil, err
		}
		// What was signed is the SET OF with its universal tag.
		if s.signedAttrsDER, err = der(func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { b.AddBytes(signed) })
		}); err != nil {
			return nil, malformed("signedAttrs")
		}
	}
	if s.SignatureAlgorithm, _, err = readAlgorithm(&si); err != nil {
		return nil, err
	}
	if !si.ReadASN1Bytes(&s.Signature, cbasn1.OCTET_STRING) {
		return nil, malformed("signature")
	}
	var unsigned cryptobyte.String
	var hasUnsigned bool
	if !si.ReadOptionalASN1(&unsigned, &hasUnsigned, cbasn1.Tag(1).Constructed().ContextSpecific()) || !si.Empty() {
		return nil, malformed("unsignedAttrs")
	}
	if hasUnsigned {
		if s.UnsignedAttributes, err = parseAttributes(unsigned); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func readAlgorithm(s *cryptobyte.String) (asn1.ObjectIdentifier, []byte, error) {
	var alg cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !s.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&oid) {
		return nil, nil, malformed("AlgorithmIdentifier")
	}
	return oid, alg, nil
}

func parseAttributes(s cryptobyte.String) ([]Attribute, error) {
	var out []Attribute
	for !s.Empty() {
		var attr, values cryptobyte.String
		var a Attribute
		if !s.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1ObjectIdentifier(&a.Type) ||
			!attr.ReadASN1(&values, cbasn1.SET) || !attr.Empty() {
			return nil, malformed("attribute")
		}
		for !values.Empty() {
			var v cryptobyte.String
			var tag cbasn1.Tag
			if !values.ReadAnyASN1Element(&v, &tag) {
				return nil, malformed("attribute value")
			}
			a.Values = append(a.Values, v)
		}
		out = append(out, a)
	}
	return out, nil
}

// HashOf maps a digest algorithm identifier to a hash. SHA-1 is refused:
// it no longer proves that content was not substituted.
func HashOf(oid asn1.ObjectIdentifier) (crypto.Hash, error) {
	switch {
	case oid.Equal(oidSHA256):
		return crypto.SHA256, nil
	case oid.Equal(oidSHA384):
		return crypto.SHA384, nil
	case oid.Equal(oidSHA512):
		return crypto.SHA512, nil
	case oid.Equal(oidSHA1):
		return 0, fmt.Errorf("%w: the signature uses SHA-1, which is no longer secure", ErrUnsupported)
	}
	return 0, fmt.Errorf("%w: digest algorithm %v", ErrUnsupported, oid)
}

// Hash returns the signer's digest algorithm.
func (s *SignerInfo) Hash() (crypto.Hash, error) { return HashOf(s.DigestAlgorithm) }

// Certificate finds the signer's certificate among certs.
func (s *SignerInfo) Certificate(certs []*x509.Certificate) (*x509.Certificate, error) {
	for _, c := range certs {
		if s.SubjectKeyID != nil && bytes.Equal(c.SubjectKeyId, s.SubjectKeyID) {
			return c, nil
		}
		if s.IssuerRaw != nil && bytes.Equal(c.RawIssuer, s.IssuerRaw) && c.SerialNumber.Cmp(s.Serial) == 0 {
			return c, nil
		}
	}
	return nil, errors.New("cms: the signer's certificate is not in the signature")
}

// Verify checks the first (and only expected) signer of sd over content:
// the encapsulated content when content is nil, else the detached content
// read from it. It checks the content-type and message-digest attributes,
// the signing-certificate(-v2) attribute when present, and the signature
// with the signer's certificate, which it returns. It checks neither the
// certificate's chain nor its validity period: see package x509.
func (sd *SignedData) Verify(content io.Reader) (*x509.Certificate, error) {
	if len(sd.Signers) != 1 {
		return nil, fmt.Errorf("cms: %d signers; exactly one is expected", len(sd.Signers))
	}
	s := sd.Signers[0]
	cert, err := s.Certificate(sd.Certificates)
	if err != nil {
		return nil, err
	}
	hash, err := s.Hash()
	if err != nil {
		return nil, err
	}
	if s.signedAttrsDER == nil {
		return nil, errors.New("cms: the signature has no signed attributes")
	}
	h := hash.New()
	if content == nil {
		if sd.Content == nil {
			return nil, errors.New("cms: detached signature, but no content to check it against")
		}
		h.Write(sd.Content)
	} else if _, err := io.Copy(h, content); err != nil {
		return nil, fmt.Errorf("cms: read the signed content: %w", err)
	}
	digest := h.Sum(nil)

	ctRaw, ok := Value(s.SignedAttributes, OIDAttrContentType)
	var ct asn1.ObjectIdentifier
	if !ok || !readOID(ctRaw, &ct) || !ct.Equal(sd.ContentType) {
		return nil, errors.New("cms: the content-type attribute is missing or does not match the content")
	}
	mdRaw, ok := Value(s.SignedAttributes, OIDAttrMessageDigest)
	var md []byte
	if !ok || !readOctets(mdRaw, &md) {
		return nil, errors.New("cms: the message-digest attribute is missing or malformed")
	}
	if !bytes.Equal(md, digest) {
		return nil, errors.New("cms: the signed content was changed: its digest does not match the signature's")
	}
	if err := checkSigningCertificate(s.SignedAttributes, cert); err != nil {
		return nil, err
	}
	if err := checkSignature(cert, s, hash); err != nil {
		return nil, err
	}
	return cert, nil
}

func checkSignature(cert *x509.Certificate, s *SignerInfo, hash crypto.Hash) error {
	var alg x509.SignatureAlgorithm
	oid := s.SignatureAlgorithm
	switch {
	case oid.Equal(oidRSA), oid.Equal(oidSHA256RSA), oid.Equal(oidSHA384RSA), oid.Equal(oidSHA512RSA):
		alg = map[crypto.Hash]x509.SignatureAlgorithm{crypto.SHA256: x509.SHA256WithRSA, crypto.SHA384: x509.SHA384WithRSA, crypto.SHA512: x509.SHA512WithRSA}[hash]
		if (oid.Equal(oidSHA256RSA) && hash != crypto.SHA256) || (oid.Equal(oidSHA384RSA) && hash != crypto.SHA384) ||
			(oid.Equal(oidSHA512RSA) && hash != crypto.SHA512) {
			return errors.New("cms: the signature and digest algorithms disagree")
		}
	case oid.Equal(oidECDSASHA256), oid.Equal(oidECDSASHA384), oid.Equal(oidECDSASHA512):
		alg = map[crypto.Hash]x509.SignatureAlgorithm{crypto.SHA256: x509.ECDSAWithSHA256, crypto.SHA384: x509.ECDSAWithSHA384, crypto.SHA512: x509.ECDSAWithSHA512}[hash]
	case oid.Equal(oidEd25519):
		alg = x509.PureEd25519
	default:
		return fmt.Errorf("%w: signature algorithm %v", ErrUnsupported, oid)
	}
	if err := cert.CheckSignature(alg, s.signedAttrsDER, s.Signature); err != nil {
		return fmt.Errorf("cms: the signature does not verify with the signer's certificate: %w", err)
	}
	return nil
}

// checkSigningCertificate checks that the ESS signing-certificate(-v2)
// attribute, when present, names cert: it binds the signature to the
// certificate, so that another certificate of the same key cannot be
// substituted.
func checkSigningCertificate(attrs []Attribute, cert *x509.Certificate) error {
	if v, ok := Value(attrs, OIDAttrSigningCertV2); ok {
		hash, sum, err := firstESSCertIDv2(v)
		if err != nil {
			return err
		}
		h := hash.New()
		h.Write(cert.Raw)
		if !bytes.Equal(h.Sum(nil), sum) {
			return errors.New("cms: the signing-certificate-v2 attribute names another certificate")
		}
		return nil
	}
	if v, ok := Value(attrs, OIDAttrSigningCertificate); ok {
		// SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID { certHash OCTET STRING (SHA-1), ... } }
		s := cryptobyte.String(v)
		var sc, certs, id cryptobyte.String
		var sum []byte
		if !s.ReadASN1(&sc, cbasn1.SEQUENCE) || !sc.ReadASN1(&certs, cbasn1.SEQUENCE) || !certs.ReadASN1(&id, cbasn1.SEQUENCE) ||
			!id.ReadASN1Bytes(&sum, cbasn1.OCTET_STRING) {
			return errors.New("cms: malformed signing-certificate attribute")
		}
		got := sha1.Sum(cert.Raw) // identification only, as ESS v1 defines it
		if !bytes.Equal(got[:], sum) {
			return errors.New("cms: the signing-certificate attribute names another certificate")
		}
	}
	return nil
}

func firstESSCertIDv2(v []byte) (crypto.Hash, []byte, error) {
	s := cryptobyte.String(v)
	var sc, certs, id cryptobyte.String
	if !s.ReadASN1(&sc, cbasn1.SEQUENCE) || !sc.ReadASN1(&certs, cbasn1.SEQUENCE) || !certs.ReadASN1(&id, cbasn1.SEQUENCE) {
		return 0, nil, errors.New("cms: malformed signing-certificate-v2 attribute")
	}
	hash := crypto.SHA256
	if id.PeekASN1Tag(cbasn1.SEQUENCE) {
		oid, _, err := readAlgorithm(&id)
		if err != nil {
			return 0, nil, err
		}
		if hash, err = HashOf(oid); err != nil {
			return 0, nil, err
		}
	}
	var sum []byte
	if !id.ReadASN1Bytes(&sum, cbasn1.OCTET_STRING) {
		return 0, nil, errors.New("cms: malformed signing-certificate-v2 attribute")
	}
	return hash, sum, nil
}

// SigningCertificateHash returns the SHA-256 that the signing-certificate-v2
// attribute gives for the signer's certificate, for tests and reports.
func SigningCertificateHash(attrs []Attribute) ([]byte, bool) {
	v, ok := Value(attrs, OIDAttrSigningCertV2)
	if !ok {
		return nil, false
	}
	h, sum, err := firstESSCertIDv2(v)
	return sum, err == nil && h == crypto.SHA256 && len(sum) == sha256.Size
}

func readOID(der []byte, out *asn1.ObjectIdentifier) bool {
	s := cryptobyte.String(der)
	return s.ReadASN1ObjectIdentifier(out) && s.Empty()
}

func readOctets(der []byte, out *[]byte) bool {
	s := cryptobyte.String(der)
	return s.ReadASN1Bytes(out, cbasn1.OCTET_STRING) && s.Empty()
}
