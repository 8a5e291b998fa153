package c2pa

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"math/big"

	"github.com/fxamacker/cbor/v2"
)

// COSE (RFC 9052) algorithm identifiers allowed by C2PA.
const (
	algES256 = -7
	algES384 = -35
	algES512 = -36
	algPS256 = -37
	algPS384 = -38
	algPS512 = -39
	algEdDSA = -8
)

// coseAlg describes one signature algorithm.
type coseAlg struct {
	name string
	hash crypto.Hash // zero for EdDSA
}

var coseAlgs = map[int64]coseAlg{
	algES256: {"ES256", crypto.SHA256},
	algES384: {"ES384", crypto.SHA384},
	algES512: {"ES512", crypto.SHA512},
	algPS256: {"PS256", crypto.SHA256},
	algPS384: {"PS384", crypto.SHA384},
	algPS512: {"PS512", crypto.SHA512},
	algEdDSA: {"Ed25519", 0},
}

// COSE header labels.
const (
	headerAlg     = 1
	headerX5Chain = 33
)

// coseSign1 is a decoded COSE_Sign1 structure.
type coseSign1 struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected cbor.RawMessage
	Payload     []byte // nil: detached (C2PA signs the claim detached)
	Signature   []byte
}

// sign1 is a COSE_Sign1 with its headers read.
type sign1 struct {
	msg       coseSign1
	alg       int64
	algKnown  bool
	hasAlg    bool
	chain     [][]byte // DER certificates, signer first
	tstTokens [][]byte // RFC 3161 tokens (sigTst or sigTst2)
	tstV2     bool     // tokens are sigTst2 (they time-stamp the signature)
}

// errCOSE is wrapped by COSE structure errors.
var errCOSE = errors.New("malformed COSE_Sign1")

// errX5Chain is wrapped by errors of the x5chain header (the signing
// credential rather than the signature).
var errX5Chain = errors.New("malformed x5chain")

// tstContainer is the sigTst / sigTst2 header value.
type tstContainer struct {
	Tokens []struct {
		Val []byte `cbor:"val"`
	} `cbor:"tstTokens"`
}

// parseSign1 decodes a (tagged or untagged) COSE_Sign1 and its headers.
func parseSign1(b []byte, maxChain int) (*sign1, error) {
	var raw cbor.RawTag
	if err := cborMode.Unmarshal(b, &raw); err == nil {
		if raw.Number != 18 {
			return nil, fmt.Errorf("%w: CBOR tag %d, not 18 (COSE_Sign1)", errCOSE, raw.Number)
		}
		b = raw.Content
	}
	s := &sign1{}
	if err := cborMode.Unmarshal(b, &s.msg); err != nil {
		return nil, fmt.Errorf("%w: %w", errCOSE, err)
	}
	var prot, unprot map[any]cbor.RawMessage
	if len(s.msg.Protected) > 0 {
		if err := cborMode.Unmarshal(s.msg.Protected, &prot); err != nil {
			return nil, fmt.Errorf("%w: protected header: %w", errCOSE, err)
		}
	}
	if len(s.msg.Unprotected) > 0 {
		if err := cborMode.Unmarshal(s.msg.Unprotected, &unprot); err != nil {
			return nil, fmt.Errorf("%w: unprotected header: %w", errCOSE, err)
		}
	}
	if v, ok := headerValue(prot, headerAlg, "alg"); ok {
		s.hasAlg = true
		if err := cborMode.Unmarshal(v, &s.alg); err != nil {
			// a text algorithm name is not registered for COSE: unsupported
			s.alg = 0
		}
		_, s.algKnown = coseAlgs[s.alg]
	}
	// C2PA puts x5chain in the protected header; early writers put it in
	// the unprotected one.
	v, ok := headerValue(prot, headerX5Chain, "x5chain")
	if !ok {
		v, ok = headerValue(unprot, headerX5Chain, "x5chain")
	}
	if ok {
		chain, err := decodeX5Chain(v, maxChain)
		if err != nil {
			return nil, err
		}
		s.chain = chain
	}
	for _, h := range []struct {
		label string
		v2    bool
	}{{"sigTst2", true}, {"sigTst", false}} {
		v, ok := unprot[h.label]
		if !ok {
			continue
		}
		var c tstContainer
		if err := cborMode.Unmarshal(v, &c); err != nil {
			return nil, fmt.Errorf("%w: %s header: %w", errCOSE, h.label, err)
		}
		for _, t := range c.Tokens {
			s.tstTokens = append(s.tstTokens, t.Val)
		}
		s.tstV2 = h.v2
		break
	}
	return s, nil
}

// headerValue looks a header up by its integer label or its text name.
func headerValue(h map[any]cbor.RawMessage, label int64, name string) (cbor.RawMessage, bool) {
	for k, v := range h {
		switch k := k.(type) {
		case int64:
			if k == label {
				return v, true
			}
		case uint64:
			if label >= 0 && k == uint64(label) {
				return v, true
			}
		case string:
			if k == name {
				return v, true
			}
		}
	}
	return nil, false
}

// decodeX5Chain reads an x5chain header: one certificate or an array.
func decodeX5Chain(v cbor.RawMessage, maxChain int) ([][]byte, error) {
	var one []byte
	if err := cborMode.Unmarshal(v, &one); err == nil {
		return [][]byte{one}, nil
	}
	var many [][]byte
	if err := cborMode.Unmarshal(v, &many); err != nil {
		return nil, fmt.Errorf("%w: %w", errX5Chain, err)
	}
	if len(many) == 0 {
		return nil, fmt.Errorf("%w: no certificate", errX5Chain)
	}
	if len(many) > maxChain {
		return nil, fmt.Errorf("%w: %d certificates exceed the limit of %d", errX5Chain, len(many), maxChain)
	}
	return many, nil
}

// appendCBORHead appends a CBOR head of the major type and argument.
func appendCBORHead(b []byte, major byte, n uint64) []byte {
	m := major << 5
	switch {
	case n < 24:
		return append(b, m|byte(n))
	case n <= 0xff:
		return append(b, m|24, byte(n))
	case n <= 0xffff:
		return append(b, m|25, byte(n>>8), byte(n))
	case n <= 0xffffffff:
		return append(b, m|26, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	return append(b, m|27, byte(n>>56), byte(n>>48), byte(n>>40), byte(n>>32), byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
}

// sigStructure encodes the COSE Sig_structure [context, body_protected,
// (sign_protected,) external_aad, payload] with definite lengths, as the
// signer computed it. signProtected is included when not nil.
func sigStructure(context string, bodyProtected, signProtected, payload []byte) []byte {
	n := uint64(4)
	if signProtected != nil {
		n = 5
	}
	b := appendCBORHead(nil, 4, n)
	b = appendCBORHead(b, 3, uint64(len(context)))
	b = append(b, context...)
	for _, s := range [][]byte{bodyProtected, signProtected, {}, payload} {
		if s == nil {
			continue
		}
		b = appendCBORHead(b, 2, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// errSignature reports a signature that does not verify.
var errSignature = errors.New("signature does not verify")

// verify checks the COSE signature over the detached payload with the
// signer certificate's key.
func (s *sign1) verify(cert *x509.Certificate, payload []byte) error {
	alg := coseAlgs[s.alg]
	tbs := sigStructure("Signature1", s.msg.Protected, nil, payload)
	return verifyRaw(alg, cert.PublicKey, tbs, s.msg.Signature)
}

// verifyRaw checks a COSE-encoded signature (ECDSA as r||s) of msg.
func verifyRaw(alg coseAlg, pub any, msg, sig []byte) error {
	var digest []byte
	if alg.hash != 0 {
		h := alg.hash.New()
		h.Write(msg)
		digest = h.Sum(nil)
	}
	switch alg.name {
	case "ES256", "ES384", "ES512":
		key, ok := pub.(*ecdsa.PublicKey)
		if !ok {
			return fmt.Errorf("%s needs an EC key, the certificate has %T", alg.name, pub)
		}
		size := (key.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*size {
			return fmt.Errorf("%w: %s signature of %d bytes, want %d", errSignature, alg.name, len(sig), 2*size)
		}
		r := new(big.Int).SetBytes(sig[:size])
		sv := new(big.Int).SetBytes(sig[size:])
		if !ecdsa.Verify(key, digest, r, sv) {
			return errSignature
		}
	case "PS256", "PS384", "PS512":
		key, ok := pub.(*rsa.PublicKey)
		if !ok {
			return fmt.Errorf("%s needs an RSA key, the certificate has %T", alg.name, pub)
		}
		if err := rsa.VerifyPSS(key, alg.hash, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto}); err != nil {
			return fmt.Errorf("%w: %w", errSignature, err)
		}
	case "Ed25519":
		key, ok := pub.(ed25519.PublicKey)
		if !ok {
			return fmt.Errorf("Ed25519 needs an Ed25519 key, the certificate has %T", pub)
		}
		if !ed25519.Verify(key, msg, sig) {
			return errSignature
		}
	default:
		return fmt.Errorf("algorithm %q not supported", alg.name)
	}
	return nil
}
