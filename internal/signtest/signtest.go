// Package signtest makes, inside a test, what signing tests need and no
// repository may hold: a certificate authority with its private key,
// signers' certificates issued by it, and a local RFC 3161 timestamp
// authority (an httptest server). Nothing here is for production use.
package signtest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"appealpacket/internal/cms"
	"appealpacket/internal/testlevel"
)

// KeyType picks the key of an issued certificate.
type KeyType int

const (
	RSA   KeyType = iota // RSA 2048
	ECDSA                // P-256
	Ed25519
)

// Identity is a certificate with its key and the chain above it (issuer
// first, the root last).
type Identity struct {
	Cert  *x509.Certificate
	Key   crypto.Signer
	Chain []*x509.Certificate
}

// CA is a test certificate authority.
type CA struct{ Identity }

// rsaKeys holds the RSA keys of this run by name (see RSAKey). Keys made
// for one name are only ever used under that name.
var rsaKeys sync.Map

func newKey(t testing.TB, kt KeyType, name string) crypto.Signer {
	t.Helper()
	switch kt {
	case ECDSA:
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	case Ed25519:
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	k, err := RSAKey(name)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// RSAKey returns the 2048-bit RSA test key of name. Generating one takes
// 100 to 500 ms, so a key is made once per machine: it is kept, as a test
// key under its name only, in a folder the test runs share
// (testlevel.SharedDir("rsa-keys")); a key there that does not parse is
// made again.
func RSAKey(name string) (*rsa.PrivateKey, error) {
	if k, ok := rsaKeys.Load(name); ok {
		return k.(*rsa.PrivateKey), nil
	}
	sum := sha256.Sum256([]byte(name))
	path := filepath.Join(testlevel.SharedDir("rsa-keys"), hex.EncodeToString(sum[:12])+".der")
	k, err := readRSAKey(path)
	if err != nil {
		if k, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return nil, fmt.Errorf("test RSA key %q: %w", name, err)
		}
		keepRSAKey(path, k)
	}
	k2, _ := rsaKeys.LoadOrStore(name, k)
	return k2.(*rsa.PrivateKey), nil
}

func readRSAKey(path string) (*rsa.PrivateKey, error) {
	der, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKCS1PrivateKey(der)
	if err != nil {
		return nil, err
	}
	if k.N.BitLen() != 2048 {
		return nil, fmt.Errorf("%s: a %d-bit key", path, k.N.BitLen())
	}
	return k, k.Validate()
}

// keepRSAKey writes k to path for the next runs, best effort: a test that
// cannot keep its key only makes it again next time. The file is written
// beside and renamed, so a run in parallel never reads half a key.
func keepRSAKey(path string, k *rsa.PrivateKey) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), "key-*")
	if err != nil {
		return
	}
	_, err = f.Write(x509.MarshalPKCS1PrivateKey(k))
	if cerr := f.Close(); err == nil && cerr == nil && os.Rename(f.Name(), path) == nil {
		return
	}
	os.Remove(f.Name())
}

// Epoch is the start of the validity of every test certificate.
var Epoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// NewCA makes a self-signed root CA valid from Epoch for 20 years.
func NewCA(t testing.TB, name string) *CA {
	t.Helper()
	key := newKey(t, RSA, "ca:"+name)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name, Organization: []string{"appealpacket tests"}},
		NotBefore: Epoch, NotAfter: Epoch.AddDate(20, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &CA{Identity{Cert: cert, Key: key}}
}

// Options of an issued certificate.
type Options struct {
	Key       KeyType
	NotBefore time.Time // default Epoch
	NotAfter  time.Time // default NotBefore + 10 years
	// TimeStamping makes a timestamp authority's certificate (critical
	// extended key usage timeStamping, as RFC 3161 requires).
	TimeStamping bool
	// Intermediate makes a CA certificate that can issue others.
	Intermediate bool
}

var serials struct {
	sync.Mutex
	n int64
}

// Issue makes a certificate for name signed by the CA.
func (ca *CA) Issue(t testing.TB, name string, o Options) *Identity {
	t.Helper()
	key := newKey(t, o.Key, "leaf:"+name)
	if o.NotBefore.IsZero() {
		o.NotBefore = Epoch
	}
	if o.NotAfter.IsZero() {
		o.NotAfter = o.NotBefore.AddDate(10, 0, 0)
	}
	serials.Lock()
	serials.n++
	serial := big.NewInt(1000 + serials.n)
	serials.Unlock()
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: name, Organization: []string{"appealpacket tests"}},
		NotBefore: o.NotBefore, NotAfter: o.NotAfter, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	switch {
	case o.TimeStamping:
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		tmpl.ExtKeyUsage = nil
		// Go marks extended key usage critical only when told through
		// ExtraExtensions: RFC 3161 requires it critical.
		tmpl.ExtraExtensions = []pkix.Extension{{Id: []int{2, 5, 29, 37}, Critical: true,
			Value: mustTSAEKU()}}
	case o.Intermediate:
		tmpl.IsCA = true
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		tmpl.ExtKeyUsage = nil
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &Identity{Cert: cert, Key: key, Chain: append([]*x509.Certificate{ca.Cert}, ca.Chain...)}
}

// AsCA lets an intermediate certificate issue others.
func (id *Identity) AsCA() *CA { return &CA{*id} }

func mustTSAEKU() []byte {
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier([]int{1, 3, 6, 1, 5, 5, 7, 3, 8})
	})
	return b.BytesOrPanic()
}

// WritePEM writes certificates (and a key, when key is not nil, as PKCS #8
// first) to a PEM file in dir and returns its path.
func WritePEM(t testing.TB, dir, name string, key crypto.Signer, certs ...*x509.Certificate) string {
	t.Helper()
	var out []byte
	if key != nil {
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		out = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	}
	for _, c := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Tool returns the path of an external program. When it is not installed
// the test is skipped with a message naming the Debian package, or fails
// when APPEALPACKET_REQUIRE_TOOLS is set (as in CI). Under -short it
// skips (testlevel.SkipExternalIfShort).
func Tool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	testlevel.SkipExternalIfShort(t, name)
	p, err := exec.LookPath(name)
	if err != nil {
		if testlevel.ToolsRequired() {
			t.Fatalf("%s is required (APPEALPACKET_REQUIRE_TOOLS is set) but not installed: apt-get install %s", name, debianPackage)
		}
		t.Skipf("%s is not installed (apt-get install %s); skipping this independent check", name, debianPackage)
	}
	return p
}

// TSA is a local RFC 3161 timestamp authority.
type TSA struct {
	*httptest.Server
	Identity *Identity
	// Now is the time the authority stamps; default time.Now.
	Now func() time.Time
	// Refuse makes it answer with status rejection.
	Refuse bool
	// Optional adds the TSTInfo fields OpenSSL's default configuration
	// writes: accuracy, ordering TRUE and the authority's name.
	Optional bool
	mu       sync.Mutex
	serial   int64
}

// NewTSA starts a timestamp authority whose certificate ca issues. It is
// closed when the test ends.
func NewTSA(t testing.TB, ca *CA) *TSA {
	t.Helper()
	tsa := &TSA{Identity: ca.Issue(t, "appealpacket test TSA", Options{TimeStamping: true})}
	tsa.Server = httptest.NewServer(http.HandlerFunc(tsa.serve))
	t.Cleanup(tsa.Close)
	return tsa
}

func (tsa *TSA) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	req := cryptobyte.String(body)
	var seq, imprint cryptobyte.String
	var version int64
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/timestamp-query" ||
		!req.ReadASN1(&seq, cbasn1.SEQUENCE) || !seq.ReadASN1Int64WithTag(&version, cbasn1.INTEGER) ||
		!seq.ReadASN1Element(&imprint, cbasn1.SEQUENCE) {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var nonce *big.Int
	if seq.PeekASN1Tag(cbasn1.INTEGER) {
		nonce = new(big.Int)
		seq.ReadASN1Integer(nonce)
	}
	resp := cryptobyte.NewBuilder(nil)
	resp.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		if tsa.Refuse {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1Int64(2)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.UTF8String, func(b *cryptobyte.Builder) { b.AddBytes([]byte("refused for the test")) })
				})
			})
			return
		}
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1Int64(0) })
		token, err := tsa.token(imprint, nonce)
		if err != nil {
			b.SetError(err)
			return
		}
		b.AddBytes(token)
	})
	out, err := resp.Bytes()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/timestamp-reply")
	w.Write(out)
}

func (tsa *TSA) token(imprint []byte, nonce *big.Int) ([]byte, error) {
	tsa.mu.Lock()
	tsa.serial++
	serial := tsa.serial
	tsa.mu.Unlock()
	now := time.Now
	if tsa.Now != nil {
		now = tsa.Now
	}
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(1)
		b.AddASN1ObjectIdentifier([]int{1, 3, 6, 1, 4, 1, 99999, 1}) // a test policy
		b.AddBytes(imprint)
		b.AddASN1Int64(serial)
		b.AddASN1GeneralizedTime(now().UTC().Truncate(time.Second))
		if tsa.Optional {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1Int64(1) }) // accuracy: 1 s
			b.AddASN1Boolean(true)                                                        // ordering
		}
		if nonce != nil {
			b.AddASN1BigInt(nonce)
		}
		if tsa.Optional {
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { // tsa: [4] directoryName
				b.AddASN1(cbasn1.Tag(4).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					b.AddBytes(tsa.Identity.Cert.RawSubject)
				})
			})
		}
	})
	info, err := b.Bytes()
	if err != nil {
		return nil, err
	}
	return cms.Sign(cms.SignOptions{Key: tsa.Identity.Key, Certificate: tsa.Identity.Cert, Chain: tsa.Identity.Chain,
		ContentType: cms.OIDTSTInfo, Content: info})
}

// PEMCert encodes a certificate as PEM.
func PEMCert(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}
