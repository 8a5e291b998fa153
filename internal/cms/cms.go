// Package cms writes and reads the small part of CMS (Cryptographic Message
// Syntax, RFC 5652) that PDF signatures (PAdES, ETSI EN 319 142) and RFC 3161
// timestamps use: SignedData with one signer identified by issuer and
// serial number, signed attributes (content-type, message-digest, the ESS
// signing-certificate-v2 of RFC 5035) and unsigned attributes (such as a
// signature timestamp token).
//
// Keys: RSA (PKCS #1 v1.5, deterministic), ECDSA (randomized) and Ed25519
// (deterministic, with SHA-512 as RFC 8419 asks). Encoding is DER; Parse
// reads DER only (no BER indefinite lengths) and bounds everything by the
// input's size, so it is safe on hostile input.
package cms

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Object identifiers used here and by callers.
var (
	OIDData                   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	OIDSignedData             = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	OIDTSTInfo                = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}
	OIDAttrContentType        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	OIDAttrMessageDigest      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	OIDAttrSigningTime        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	OIDAttrSigningCertificate = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 12}
	OIDAttrSigningCertV2      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	// OIDAttrTimeStampToken is id-aa-signatureTimeStampToken (RFC 3161
	// appendix A): an unsigned attribute holding a timestamp of the
	// signature value.
	OIDAttrTimeStampToken = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}

	oidSHA1   = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}

	oidRSA          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidSHA256RSA    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidSHA384RSA    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 12}
	oidSHA512RSA    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 13}
	oidECDSASHA256  = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidECDSASHA384  = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 3}
	oidECDSASHA512  = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 4}
	oidEd25519      = asn1.ObjectIdentifier{1, 3, 101, 112}
	oidEmptyAlgNull = []byte{0x05, 0x00}
)

// Attribute is a CMS attribute: a type and its values, each value one DER
// element.
type Attribute struct {
	Type   asn1.ObjectIdentifier
	Values [][]byte
}

// Value returns the single value of the attribute of type t in attrs, and
// whether there is exactly one such attribute with one value.
func Value(attrs []Attribute, t asn1.ObjectIdentifier) ([]byte, bool) {
	var out []byte
	n := 0
	for _, a := range attrs {
		if a.Type.Equal(t) {
			n++
			if len(a.Values) == 1 {
				out = a.Values[0]
			}
		}
	}
	return out, n == 1 && out != nil
}

// SignOptions says what to sign and how.
type SignOptions struct {
	Key         crypto.Signer
	Certificate *x509.Certificate
	// Chain lists further certificates to include (intermediates), after
	// Certificate.
	Chain []*x509.Certificate
	// ContentType is the eContentType; nil means id-data.
	ContentType asn1.ObjectIdentifier
	// Content is what is signed. With Detached it is not included, and
	// Digest may stand in for it.
	Content  []byte
	Detached bool
	// Digest is the digest of the detached content with the signer's hash
	// (see HashFor); when nil it is computed from Content.
	Digest []byte
	// SignedAttributes are added to content-type, message-digest and
	// signing-certificate-v2.
	SignedAttributes []Attribute
	// Unsigned, when set, is called with the signature value and returns
	// the unsigned attributes to add (e.g. a timestamp of the signature).
	Unsigned func(signature []byte) ([]Attribute, error)
	// Rand is the randomness for ECDSA; nil means crypto/rand.
	Rand io.Reader
}

// HashFor returns the digest algorithm used with a key: SHA-512 for
// Ed25519 (RFC 8419), SHA-256 otherwise.
func HashFor(pub crypto.PublicKey) crypto.Hash {
	if _, ok := pub.(ed25519.PublicKey); ok {
		return crypto.SHA512
	}
	return crypto.SHA256
}

// Sign returns a DER ContentInfo holding a SignedData with one signer.
func Sign(o SignOptions) ([]byte, error) {
	if o.Key == nil || o.Certificate == nil {
		return nil, errors.New("cms: a key and its certificate are needed to sign")
	}
	if !publicKeysEqual(o.Key.Public(), o.Certificate.PublicKey) {
		return nil, errors.New("cms: the key does not belong to the certificate")
	}
	hash := HashFor(o.Key.Public())
	digestAlg, _ := DigestOID(hash)
	sigAlg, sigParams, err := signatureAlgorithm(o.Key.Public(), hash)
	if err != nil {
		return nil, err
	}
	contentType := o.ContentType
	if contentType == nil {
		contentType = OIDData
	}
	digest := o.Digest
	if digest == nil {
		h := hash.New()
		h.Write(o.Content)
		digest = h.Sum(nil)
	} else if len(digest) != hash.Size() {
		return nil, fmt.Errorf("cms: the digest has %d bytes, %v needs %d", len(digest), hash, hash.Size())
	}
	attrs := []Attribute{
		{Type: OIDAttrContentType, Values: [][]byte{mustDER(func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(contentType) })}},
		{Type: OIDAttrMessageDigest, Values: [][]byte{mustDER(func(b *cryptobyte.Builder) { b.AddASN1OctetString(digest) })}},
		{Type: OIDAttrSigningCertV2, Values: [][]byte{signingCertificateV2(o.Certificate)}},
	}
	attrs = append(attrs, o.SignedAttributes...)
	signedAttrs, err := encodeAttributes(attrs, cbasn1.SET)
	if err != nil {
		return nil, err
	}
	signature, err := signBytes(o.Key, hash, signedAttrs, o.Rand)
	if err != nil {
		return nil, fmt.Errorf("cms: sign: %w", err)
	}
	var unsigned []Attribute
	if o.Unsigned != nil {
		if unsigned, err = o.Unsigned(signature); err != nil {
			return nil, err
		}
	}
	var unsignedDER []byte
	if len(unsigned) > 0 {
		if unsignedDER, err = encodeAttributes(unsigned, cbasn1.Tag(1).Constructed().ContextSpecific()); err != nil {
			return nil, err
		}
	}
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ContentInfo
		b.AddASN1ObjectIdentifier(OIDSignedData)
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignedData
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { addAlgorithm(b, digestAlg, nil) })
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // EncapsulatedContentInfo
					b.AddASN1ObjectIdentifier(contentType)
					if !o.Detached {
						b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
							b.AddASN1OctetString(o.Content)
						})
					}
				})
				b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					certs := [][]byte{o.Certificate.Raw}
					for _, c := range o.Chain {
						if !bytes.Equal(c.Raw, o.Certificate.Raw) {
							certs = append(certs, c.Raw)
						}
					}
					for _, c := range sortedSet(certs) {
						b.AddBytes(c)
					}
				})
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignerInfo
						b.AddASN1Int64(1)
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerAndSerialNumber
							b.AddBytes(o.Certificate.RawIssuer)
							b.AddASN1BigInt(o.Certificate.SerialNumber)
						})
						addAlgorithm(b, digestAlg, nil)
						// [0] IMPLICIT: the SET's contents under the context tag.
						b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
							b.AddBytes(contents(signedAttrs))
						})
						addAlgorithm(b, sigAlg, sigParams)
						b.AddASN1OctetString(signature)
						if unsignedDER != nil {
							b.AddBytes(unsignedDER)
						}
					})
				})
			})
		})
	})
	return b.Bytes()
}

// signingCertificateV2 encodes SigningCertificateV2 (RFC 5035) naming cert
// by its SHA-256 (the default algorithm, so not written) and its issuer
// and serial number.
func signingCertificateV2(cert *x509.Certificate) []byte {
	sum := sha256.Sum256(cert.Raw)
	return mustDER(func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SigningCertificateV2
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // certs
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ESSCertIDv2
					b.AddASN1OctetString(sum[:])
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerSerial
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // GeneralNames
							b.AddASN1(cbasn1.Tag(4).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
								b.AddBytes(cert.RawIssuer)
							})
						})
						b.AddASN1BigInt(cert.SerialNumber)
					})
				})
			})
		})
	})
}

// encodeAttributes encodes attributes as a DER SET OF (sorted) under tag.
func encodeAttributes(attrs []Attribute, tag cbasn1.Tag) ([]byte, error) {
	var encoded [][]byte
	for _, a := range attrs {
		if len(a.Values) == 0 {
			return nil, fmt.Errorf("cms: attribute %v has no value", a.Type)
		}
		e, err := der(func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(a.Type)
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					for _, v := range sortedSet(a.Values) {
						b.AddBytes(v)
					}
				})
			})
		})
		if err != nil {
			return nil, fmt.Errorf("cms: attribute %v: %w", a.Type, err)
		}
		encoded = append(encoded, e)
	}
	return der(func(b *cryptobyte.Builder) {
		b.AddASN1(tag, func(b *cryptobyte.Builder) {
			for _, e := range sortedSet(encoded) {
				b.AddBytes(e)
			}
		})
	})
}

// sortedSet orders the elements of a DER SET OF by their encodings.
func sortedSet(elems [][]byte) [][]byte {
	s := slices.Clone(elems)
	slices.SortFunc(s, bytes.Compare)
	return s
}

// contents returns the contents of a DER element (after tag and length).
func contents(elem []byte) []byte {
	s := cryptobyte.String(elem)
	var out cryptobyte.String
	var tag cbasn1.Tag
	if !s.ReadAnyASN1(&out, &tag) {
		return nil
	}
	return out
}

func addAlgorithm(b *cryptobyte.Builder, oid asn1.ObjectIdentifier, params []byte) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oid)
		if params != nil {
			b.AddBytes(params)
		}
	})
}

func der(f func(*cryptobyte.Builder)) ([]byte, error) {
	b := cryptobyte.NewBuilder(nil)
	f(b)
	return b.Bytes()
}

// mustDER builds DER that cannot fail to encode (fixed shapes of valid
// values).
func mustDER(f func(*cryptobyte.Builder)) []byte {
	out, err := der(f)
	if err != nil {
		panic("cms: " + err.Error())
	}
	return out
}

// DigestOID returns the identifier of a digest algorithm (SHA-256, -384,
// -512).
func DigestOID(h crypto.Hash) (asn1.ObjectIdentifier, bool) {
	switch h {
	case crypto.SHA256:
		return oidSHA256, true
	case crypto.SHA384:
		return oidSHA384, true
	case crypto.SHA512:
		return oidSHA512, true
	}
	return nil, false
}

// signatureAlgorithm names the signature algorithm of a key for the
// SignerInfo (rsaEncryption takes NULL parameters).
func signatureAlgorithm(pub crypto.PublicKey, h crypto.Hash) (asn1.ObjectIdentifier, []byte, error) {
	switch pub.(type) {
	case *rsa.PublicKey:
		return oidRSA, oidEmptyAlgNull, nil
	case *ecdsa.PublicKey:
		switch h {
		case crypto.SHA256:
			return oidECDSASHA256, nil, nil
		case crypto.SHA384:
			return oidECDSASHA384, nil, nil
		case crypto.SHA512:
			return oidECDSASHA512, nil, nil
		}
	case ed25519.PublicKey:
		return oidEd25519, nil, nil
	}
	return nil, nil, fmt.Errorf("cms: %T keys are not supported (RSA, ECDSA or Ed25519)", pub)
}

func signBytes(key crypto.Signer, h crypto.Hash, msg []byte, rnd io.Reader) ([]byte, error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	if _, ok := key.Public().(ed25519.PublicKey); ok {
		return key.Sign(rnd, msg, crypto.Hash(0))
	}
	d := h.New()
	d.Write(msg)
	return key.Sign(rnd, d.Sum(nil), h)
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}
