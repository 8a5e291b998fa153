// Package tsp is a client of RFC 3161 timestamp authorities (the Time-Stamp
// Protocol over HTTP) and a reader of the timestamp tokens they return:
// a token is a CMS SignedData, signed by the authority, over a TSTInfo that
// binds a hash of the stamped data to a time (genTime).
//
// A token proves that the data existed at that time to whoever trusts the
// authority's certificate; Token.Verify checks the token itself (the
// imprint, the signature, the authority's timeStamping key usage), and the
// caller checks the authority's chain with its own trust roots.
package tsp

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"appealpacket/internal/cms"
)

// Token is a parsed timestamp token.
type Token struct {
	// Raw is the DER ContentInfo, as the authority signed it.
	Raw []byte
	// GenTime is the time the authority vouches for.
	GenTime time.Time
	Serial  *big.Int
	Policy  asn1.ObjectIdentifier
	// Hash and HashedMessage are the message imprint: the hash of the
	// stamped data.
	Hash          crypto.Hash
	HashedMessage []byte
	Nonce         *big.Int // nil when absent
	SignedData    *cms.SignedData
}

// ErrMalformed wraps every parse error of a token or response.
var ErrMalformed = errors.New("tsp: malformed timestamp")

func malformed(what string) error { return fmt.Errorf("%w: %s", ErrMalformed, what) }

// NewRequest encodes a TimeStampReq (version 1, certReq true) for a hash of
// the data to stamp.
func NewRequest(h crypto.Hash, hashed []byte, nonce *big.Int) ([]byte, error) {
	oid, ok := cms.DigestOID(h)
	if !ok || len(hashed) != h.Size() {
		return nil, fmt.Errorf("tsp: cannot request a timestamp of a %d-byte %v", len(hashed), h)
	}
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1)
		AddMessageImprint(b, oid, hashed)
		if nonce != nil {
			b.AddASN1BigInt(nonce)
		}
		b.AddASN1Boolean(true) // certReq: the token carries the authority's certificate
	})
	return b.Bytes()
}

// AddMessageImprint adds a MessageImprint to b.
func AddMessageImprint(b *cryptobyte.Builder, oid asn1.ObjectIdentifier, hashed []byte) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oid) })
		b.AddASN1OctetString(hashed)
	})
}

// ParseResponse reads a TimeStampResp and returns its token, or an error
// that says why the authority refused.
func ParseResponse(der []byte) (*Token, error) {
	s := cryptobyte.String(der)
	var resp, status cryptobyte.String
	var code int64
	if !s.ReadASN1(&resp, cbasn1.SEQUENCE) || !s.Empty() || !resp.ReadASN1(&status, cbasn1.SEQUENCE) ||
		!status.ReadASN1Int64WithTag(&code, cbasn1.INTEGER) {
		return nil, malformed("TimeStampResp")
	}
	if code != 0 && code != 1 { // granted, grantedWithMods
		var texts []string
		var list cryptobyte.String
		var present bool
		if status.ReadOptionalASN1(&list, &present, cbasn1.SEQUENCE) && present {
			for !list.Empty() {
				var t cryptobyte.String
				if !list.ReadASN1(&t, cbasn1.UTF8String) {
					break
				}
				texts = append(texts, string(t))
			}
		}
		return nil, fmt.Errorf("tsp: the timestamp authority refused (status %d) %s", code, strings.Join(texts, "; "))
	}
	var token cryptobyte.String
	if !resp.ReadASN1Element(&token, cbasn1.SEQUENCE) || !resp.Empty() {
		return nil, malformed("the response holds no token")
	}
	return ParseToken(token)
}

// ParseToken reads a timestamp token (a ContentInfo with a SignedData over
// a TSTInfo). It does not verify it: see Verify.
func ParseToken(der []byte) (*Token, error) {
	sd, err := cms.Parse(der)
	if err != nil {
		return nil, fmt.Errorf("tsp: token: %w", err)
	}
	if !sd.ContentType.Equal(cms.OIDTSTInfo) || sd.Content == nil {
		return nil, malformed("the token does not hold a TSTInfo")
	}
	t := &Token{Raw: slices.Clone(der), SignedData: sd}
	s := cryptobyte.String(sd.Content)
	var info, imprint, alg cryptobyte.String
	var version int64
	var hashOID asn1.ObjectIdentifier
	t.Serial = new(big.Int)
	if !s.ReadASN1(&info, cbasn1.SEQUENCE) || !s.Empty() ||
		!info.ReadASN1Int64WithTag(&version, cbasn1.INTEGER) || version != 1 ||
		!info.ReadASN1ObjectIdentifier(&t.Policy) ||
		!info.ReadASN1(&imprint, cbasn1.SEQUENCE) || !imprint.ReadASN1(&alg, cbasn1.SEQUENCE) ||
		!alg.ReadASN1ObjectIdentifier(&hashOID) || !imprint.ReadASN1Bytes(&t.HashedMessage, cbasn1.OCTET_STRING) ||
		!info.ReadASN1Integer(t.Serial) {
		return nil, malformed("TSTInfo")
	}
	if t.Hash, err = cms.HashOf(hashOID); err != nil {
		return nil, fmt.Errorf("tsp: the token's imprint: %w", err)
	}
	if len(t.HashedMessage) != t.Hash.Size() {
		return nil, malformed("imprint size")
	}
	var gen cryptobyte.String
	if !info.ReadASN1(&gen, cbasn1.GeneralizedTime) {
		return nil, malformed("genTime")
	}
	if t.GenTime, err = parseGeneralizedTime(string(gen)); err != nil {
		return nil, err
	}
	// accuracy, ordering: skipped; nonce: read.
	var skip cryptobyte.String
	var present bool
	if !info.ReadOptionalASN1(&skip, &present, cbasn1.SEQUENCE) {
		return nil, malformed("accuracy")
	}
	// (cryptobyte's ReadOptionalASN1Boolean reads an explicitly tagged
	// BOOLEAN: it refuses this universal one, which OpenSSL's default
	// configuration writes.)
	if info.PeekASN1Tag(cbasn1.BOOLEAN) {
		var ordering bool
		if !info.ReadASN1Boolean(&ordering) {
			return nil, malformed("ordering")
		}
	}
	if info.PeekASN1Tag(cbasn1.INTEGER) {
		t.Nonce = new(big.Int)
		if !info.ReadASN1Integer(t.Nonce) {
			return nil, malformed("nonce")
		}
	}
	return t, nil
}

// parseGeneralizedTime reads YYYYMMDDHHMMSS[.f+]Z, the form RFC 3161
// requires.
func parseGeneralizedTime(s string) (time.Time, error) {
	bad := malformed("genTime " + strconv.Quote(s))
	if len(s) < 15 || s[len(s)-1] != 'Z' {
		return time.Time{}, bad
	}
	main, frac := s[:14], s[14:len(s)-1]
	if frac != "" && (frac[0] != '.' || len(frac) < 2 || len(frac) > 10 || strings.Trim(frac[1:], "0123456789") != "") {
		return time.Time{}, bad
	}
	t, err := time.Parse("20060102150405", main)
	if err != nil {
		return time.Time{}, bad
	}
	if frac != "" {
		ns, _ := strconv.Atoi((frac[1:] + "000000000")[:9])
		t = t.Add(time.Duration(ns))
	}
	return t.UTC(), nil
}

// Verify checks that the token stamps data (its imprint is data's hash),
// that its signature verifies with the authority's certificate carried in
// it, and that the certificate is one for timestamping (extended key usage
// timeStamping). It returns the authority's certificate; the caller checks
// its chain.
func (t *Token) Verify(data []byte) (*x509.Certificate, error) {
	h := t.Hash.New()
	h.Write(data)
	if !bytes.Equal(h.Sum(nil), t.HashedMessage) {
		return nil, errors.New("tsp: the timestamp is of other data")
	}
	cert, err := t.SignedData.Verify(nil)
	if err != nil {
		return nil, fmt.Errorf("tsp: the timestamp's signature: %w", err)
	}
	if !slices.Contains(cert.ExtKeyUsage, x509.ExtKeyUsageTimeStamping) {
		return nil, fmt.Errorf("tsp: %q is not a timestamping certificate", cert.Subject.String())
	}
	return cert, nil
}

// Client asks a timestamp authority for tokens.
type Client struct {
	URL string
	// HTTP is the client to use; nil means one with a 30-second timeout.
	HTTP *http.Client
}

// maxResponse bounds what is read from an authority.
const maxResponse = 1 << 20

// Stamp asks the authority for a timestamp of data (hashed with SHA-256)
// and returns the verified token. Any failure — no network, a refusal, a
// token that does not stamp data — is an error naming the authority.
func (c *Client) Stamp(ctx context.Context, data []byte) (*Token, error) {
	hashed := crypto.SHA256.New()
	hashed.Write(data)
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63))
	if err != nil {
		return nil, err
	}
	req, err := NewRequest(crypto.SHA256, hashed.Sum(nil), nonce)
	if err != nil {
		return nil, err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("timestamp authority %s: %s", c.URL, fmt.Sprintf(format, args...))
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(req))
	if err != nil {
		return nil, fail("%v", err)
	}
	hreq.Header.Set("Content-Type", "application/timestamp-query")
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(hreq)
	if err != nil {
		return nil, fail("no answer: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return nil, fail("reading the answer: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fail("HTTP %s", resp.Status)
	}
	if len(body) > maxResponse {
		return nil, fail("the answer is over %d bytes", maxResponse)
	}
	tok, err := ParseResponse(body)
	if err != nil {
		return nil, fail("%v", err)
	}
	if tok.Nonce == nil || tok.Nonce.Cmp(nonce) != 0 {
		return nil, fail("the token does not answer this request (nonce)")
	}
	if _, err := tok.Verify(data); err != nil {
		return nil, fail("%v", err)
	}
	return tok, nil
}
