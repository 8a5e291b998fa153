package c2pa

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"time"
)

// Options control a validation. The zero value validates with no trust
// list, at the current time, within DefaultLimits().
type Options struct {
	// TrustAnchors are the root certificates of trusted signers (a PEM
	// bundle read with LoadTrustAnchors). Nil: every signer reads
	// signingCredential.untrusted, and a manifest can be Valid at best.
	TrustAnchors *x509.CertPool
	// TimeStampAnchors are the roots of trusted time-stamp authorities.
	// Nil: a time-stamp whose token verifies reads timeStamp.untrusted
	// (informational), and its time is still used.
	TimeStampAnchors *x509.CertPool
	// Now is the time a signature without a valid time-stamp is checked
	// at; zero means time.Now().
	Now time.Time
	// Limits bound the work on hostile input; zero fields take the values
	// of DefaultLimits.
	Limits Limits
}

// Limits bound the memory and time spent on one file.
type Limits struct {
	// MaxStoreBytes caps the manifest store read into memory.
	MaxStoreBytes int64
	// MaxSegments caps the JPEG segments, PNG/WebP chunks or BMFF
	// top-level boxes walked to find the store.
	MaxSegments int
	// MaxXMPBytes caps an XMP packet searched for dcterms:provenance.
	MaxXMPBytes int64
	// MaxBoxDepth caps the nesting of JUMBF superboxes.
	MaxBoxDepth int
	// MaxBoxes caps the JUMBF boxes of one store.
	MaxBoxes int
	// MaxManifests caps the manifests of one store.
	MaxManifests int
	// MaxIngredientDepth caps how deep ingredients' manifests are
	// validated (the active manifest is depth 0).
	MaxIngredientDepth int
	// MaxIngredients caps the ingredient manifests validated in all.
	MaxIngredients int
	// MaxCertChain caps the certificates of one x5chain or time-stamp.
	MaxCertChain int
	// MaxExclusions caps the exclusion ranges of a hard binding.
	MaxExclusions int
}

// DefaultLimits returns the limits used for zero fields: generous for real
// files (the largest manifest store of the test corpus is 240 KB, with a
// JUMBF nesting of 4 and 2 manifests).
func DefaultLimits() Limits {
	return Limits{
		MaxStoreBytes:      64 << 20,
		MaxSegments:        100000,
		MaxXMPBytes:        4 << 20,
		MaxBoxDepth:        16,
		MaxBoxes:           20000,
		MaxManifests:       256,
		MaxIngredientDepth: 16,
		MaxIngredients:     128,
		MaxCertChain:       16,
		MaxExclusions:      1024,
	}
}

// withDefaults fills the zero fields of l.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	fill := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	fill(&l.MaxSegments, d.MaxSegments)
	fill(&l.MaxBoxDepth, d.MaxBoxDepth)
	fill(&l.MaxBoxes, d.MaxBoxes)
	fill(&l.MaxManifests, d.MaxManifests)
	fill(&l.MaxIngredientDepth, d.MaxIngredientDepth)
	fill(&l.MaxIngredients, d.MaxIngredients)
	fill(&l.MaxCertChain, d.MaxCertChain)
	fill(&l.MaxExclusions, d.MaxExclusions)
	if l.MaxStoreBytes <= 0 {
		l.MaxStoreBytes = d.MaxStoreBytes
	}
	if l.MaxXMPBytes <= 0 {
		l.MaxXMPBytes = d.MaxXMPBytes
	}
	return l
}

// LoadTrustAnchors reads a PEM bundle of trusted certificates (for
// Options.TrustAnchors or Options.TimeStampAnchors). Unlike
// x509.CertPool.AppendCertsFromPEM it also accepts anchors with an RSA-PSS
// subject key, as the C2PA test roots have. A bundle without a single
// certificate, or with a certificate that does not parse, is an error.
func LoadTrustAnchors(pemBundle []byte) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	n := 0
	for rest := pemBundle; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := parseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("trust list: certificate %d: %w", n+1, err)
		}
		pool.AddCert(c)
		n++
	}
	if n == 0 {
		return nil, errors.New("trust list: no PEM certificate found")
	}
	return pool, nil
}
