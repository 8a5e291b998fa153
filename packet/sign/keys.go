package sign

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"software.sslmate.com/src/go-pkcs12"

	"appealpacket/internal/regularfile"
)

// Signer is a signing key with its certificate chain.
type Signer struct {
	Key crypto.Signer
	// Chain is the signer's certificate first, then the certificates that
	// issued it, towards the root.
	Chain []*x509.Certificate
}

// Certificate is the signer's certificate.
func (s *Signer) Certificate() *x509.Certificate { return s.Chain[0] }

// Name is what a reader shows as the signer: the certificate's common
// name, else its organisation, else the whole subject.
func (s *Signer) Name() string { return certName(s.Certificate()) }

func certName(c *x509.Certificate) string {
	switch {
	case c.Subject.CommonName != "":
		return c.Subject.CommonName
	case len(c.Subject.Organization) > 0:
		return c.Subject.Organization[0]
	}
	return c.Subject.String()
}

// maxKeyFile bounds the size of a key or certificate file.
const maxKeyFile = 1 << 20

// IsPKCS12 reports whether a key file is named as a PKCS #12 file (.p12,
// .pfx).
func IsPKCS12(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".p12" || ext == ".pfx"
}

// Load reads a signer: a PKCS #12 file (.p12 or .pfx, opened with
// password), or a PEM file holding an unencrypted private key, with the
// certificate chain in the same file or in certFiles.
func Load(keyFile, password string, certFiles ...string) (*Signer, error) {
	if IsPKCS12(keyFile) {
		if len(certFiles) > 0 {
			return nil, fmt.Errorf("%s: a PKCS #12 file carries its own certificates; give no separate certificate file", keyFile)
		}
		return LoadPKCS12(keyFile, password)
	}
	return LoadPEM(keyFile, certFiles...)
}

// LoadPKCS12 reads a PKCS #12 file: both the legacy form (3DES, SHA-1 MAC;
// `openssl pkcs12 -export -legacy`, Windows) and the one OpenSSL 3 writes
// by default (AES-256, PBKDF2, SHA-256 MAC).
func LoadPKCS12(path, password string) (*Signer, error) {
	data, err := regularfile.Read(path, maxKeyFile)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	key, cert, cas, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) || errors.Is(err, pkcs12.ErrDecryption) {
			return nil, fmt.Errorf("%s: wrong password (--sign-password, $APPEALPACKET_SIGN_PASSWORD)", path)
		}
		return nil, fmt.Errorf("%s: not a PKCS #12 file this program reads: %w", path, err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("%s: the private key (%T) cannot sign", path, key)
	}
	return newSigner(path, signer, append([]*x509.Certificate{cert}, cas...))
}

// LoadPEM reads an unencrypted PEM private key (PKCS #8, PKCS #1 or SEC 1)
// and the certificates in the same file and in certFiles.
func LoadPEM(keyFile string, certFiles ...string) (*Signer, error) {
	var key crypto.Signer
	var certs []*x509.Certificate
	for i, path := range append([]string{keyFile}, certFiles...) {
		data, err := regularfile.Read(path, maxKeyFile)
		if err != nil {
			return nil, fmt.Errorf("signing key: %w", err)
		}
		found := false
		for rest := data; ; {
			var block *pem.Block
			block, rest = pem.Decode(rest)
			if block == nil {
				break
			}
			found = true
			switch {
			case block.Type == "CERTIFICATE":
				c, err := x509.ParseCertificate(block.Bytes)
				if err != nil {
					return nil, fmt.Errorf("%s: certificate: %w", path, err)
				}
				certs = append(certs, c)
			case block.Type == "ENCRYPTED PRIVATE KEY" || block.Headers["Proc-Type"] == "4,ENCRYPTED":
				return nil, fmt.Errorf("%s: the private key is encrypted; make a PKCS #12 file of it and its certificate "+
					"(openssl pkcs12 -export -inkey KEY.pem -in CERT.pem -out signer.p12) and sign with that", path)
			case strings.HasSuffix(block.Type, "PRIVATE KEY"):
				if i > 0 || key != nil {
					return nil, fmt.Errorf("%s: a second private key", path)
				}
				if key, err = parsePrivateKey(block); err != nil {
					return nil, fmt.Errorf("%s: %w", path, err)
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("%s: no PEM data (a .p12 or .pfx file must be named so)", path)
		}
	}
	if key == nil {
		return nil, fmt.Errorf("%s: no private key", keyFile)
	}
	return newSigner(keyFile, key, certs)
}

func parsePrivateKey(block *pem.Block) (crypto.Signer, error) {
	var k any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		k, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		k, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		k, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	}
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("the private key (%T) cannot sign", k)
	}
	return s, nil
}

// newSigner finds the certificate of key among certs and orders the chain
// from it towards the root.
func newSigner(source string, key crypto.Signer, certs []*x509.Certificate) (*Signer, error) {
	var leaf *x509.Certificate
	for _, c := range certs {
		if c != nil && publicKeyEqual(key.Public(), c.PublicKey) {
			leaf = c
			break
		}
	}
	if leaf == nil {
		return nil, fmt.Errorf("%s: no certificate for the private key (give the certificate chain with --sign-cert)", source)
	}
	chain := []*x509.Certificate{leaf}
	for cur := leaf; len(chain) <= len(certs); {
		next := issuerOf(cur, certs, chain)
		if next == nil {
			break
		}
		chain = append(chain, next)
		cur = next
	}
	return &Signer{Key: key, Chain: chain}, nil
}

func issuerOf(c *x509.Certificate, certs, used []*x509.Certificate) *x509.Certificate {
	if bytes.Equal(c.RawIssuer, c.RawSubject) {
		return nil // self-signed
	}
	for _, cand := range certs {
		if cand == nil || !bytes.Equal(cand.RawSubject, c.RawIssuer) || containsCert(used, cand) {
			continue
		}
		if c.CheckSignatureFrom(cand) == nil {
			return cand
		}
	}
	return nil
}

func containsCert(list []*x509.Certificate, c *x509.Certificate) bool {
	for _, x := range list {
		if x.Equal(c) {
			return true
		}
	}
	return false
}

func publicKeyEqual(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}
