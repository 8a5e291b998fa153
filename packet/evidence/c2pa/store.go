package c2pa

import (
	"errors"
	"fmt"
	"strings"

	"github.com/fxamacker/cbor/v2"
)

// cborMode decodes every CBOR item of a manifest store. Its limits keep a
// hostile claim or assertion small: nesting, array and map sizes are
// capped, and byte-string lengths are checked against the input before
// anything is allocated. It is never modified after initialisation.
var cborMode = func() cbor.DecMode {
	m, err := cbor.DecOptions{
		MaxNestedLevels:  24,
		MaxArrayElements: 65536,
		MaxMapPairs:      65536,
		DupMapKey:        cbor.DupMapKeyEnforcedAPF,
		UTF8:             cbor.UTF8RejectInvalid,
		IndefLength:      cbor.IndefLengthAllowed,
		TagsMd:           cbor.TagsAllowed,
	}.DecMode()
	if err != nil {
		panic(err) // the options above are constant and valid
	}
	return m
}()

// hashedURI is a C2PA hashed URI: a JUMBF URI and the hash of the box it
// names.
type hashedURI struct {
	URL  string `cbor:"url"`
	Alg  string `cbor:"alg,omitempty"`
	Hash []byte `cbor:"hash"`
}

// claimCBOR holds the claim fields read by this package, for claim v1
// ("c2pa.claim") and v2 ("c2pa.claim.v2") alike.
type claimCBOR struct {
	ClaimGenerator     string          `cbor:"claim_generator"`
	ClaimGeneratorInfo cbor.RawMessage `cbor:"claim_generator_info"`
	Signature          string          `cbor:"signature"`
	Assertions         []hashedURI     `cbor:"assertions"`
	CreatedAssertions  []hashedURI     `cbor:"created_assertions"`
	GatheredAssertions []hashedURI     `cbor:"gathered_assertions"`
	Format             string          `cbor:"dc:format"`
	Title              string          `cbor:"dc:title"`
	InstanceID         string          `cbor:"instanceID"`
	Alg                string          `cbor:"alg"`
}

// generatorInfo is one claim_generator_info entry.
type generatorInfo struct {
	Name    string `cbor:"name"`
	Version string `cbor:"version"`
}

// manifest is one manifest of the store, parsed but not validated.
type manifest struct {
	label      string
	box        *superbox
	update     bool // an update manifest (c2um)
	claimLabel string
	claimBytes []byte // the claim's CBOR, as signed
	claim      claimCBOR
	claimErr   error // why the claim could not be read
	sigBytes   []byte
	assertions *superbox
}

// store is a parsed manifest store.
type store struct {
	box       *superbox
	manifests []*manifest
	byLabel   map[string]*manifest
}

// errStore is wrapped by structural errors of the manifest store.
var errStore = errors.New("malformed manifest store")

// parseStore parses the JUMBF manifest store; a malformed claim is kept as
// the manifest's claimErr so that validation can report it by code.
func parseStore(b []byte, lim Limits) (*store, error) {
	root, err := parseSuperbox(b, jumbfLimits{maxDepth: lim.MaxBoxDepth, maxBoxes: lim.MaxBoxes})
	if err != nil {
		return nil, err
	}
	if root.uuid != typeManifestStore {
		return nil, fmt.Errorf("%w: the outer superbox is %q, not a C2PA manifest store", errStore, root.label)
	}
	s := &store{box: root, byLabel: map[string]*manifest{}}
	for _, c := range root.children {
		if c.uuid != typeManifest && c.uuid != typeUpdateManifest {
			continue
		}
		if len(s.manifests) >= lim.MaxManifests {
			return nil, fmt.Errorf("%w: more than %d manifests", errStore, lim.MaxManifests)
		}
		m := parseManifest(c)
		if _, dup := s.byLabel[m.label]; dup {
			return nil, fmt.Errorf("%w: two manifests labelled %q", errStore, m.label)
		}
		s.manifests = append(s.manifests, m)
		s.byLabel[m.label] = m
	}
	if len(s.manifests) == 0 {
		return nil, fmt.Errorf("%w: no manifest in the store", errStore)
	}
	return s, nil
}

func parseManifest(sb *superbox) *manifest {
	m := &manifest{label: sb.label, box: sb, update: sb.uuid == typeUpdateManifest}
	for _, c := range sb.children {
		switch {
		case c.uuid == typeClaim && m.claimLabel == "":
			m.claimLabel = c.label
			m.claimBytes = c.content("cbor")
		case c.uuid == typeSignature && m.sigBytes == nil:
			m.sigBytes = c.content("cbor")
		case c.uuid == typeAssertionStore && m.assertions == nil:
			m.assertions = c
		}
	}
	switch {
	case m.claimLabel == "":
		m.claimErr = errors.New("the manifest has no claim box")
	case m.claimBytes == nil:
		m.claimErr = fmt.Errorf("the claim box %q has no CBOR content", m.claimLabel)
	default:
		if err := cborMode.Unmarshal(m.claimBytes, &m.claim); err != nil {
			m.claimErr = fmt.Errorf("claim %q: %w", m.claimLabel, err)
		}
	}
	return m
}

// claimVersion is 2 for a "c2pa.claim.v2" claim, else 1.
func (m *manifest) claimVersion() int {
	if m.claimLabel == "c2pa.claim.v2" {
		return 2
	}
	return 1
}

// assertionRefs lists the hashed URIs of the claim's assertions.
func (m *manifest) assertionRefs() []hashedURI {
	if m.claimVersion() == 2 {
		refs := append([]hashedURI{}, m.claim.CreatedAssertions...)
		return append(refs, m.claim.GatheredAssertions...)
	}
	return m.claim.Assertions
}

// generator names the software that made the claim: claim_generator, else
// the claim_generator_info name and version.
func (m *manifest) generator() string {
	if m.claim.ClaimGenerator != "" {
		return m.claim.ClaimGenerator
	}
	var infos []generatorInfo
	var one generatorInfo
	switch {
	case len(m.claim.ClaimGeneratorInfo) == 0:
	case cborMode.Unmarshal(m.claim.ClaimGeneratorInfo, &one) == nil:
		infos = []generatorInfo{one}
	default:
		_ = cborMode.Unmarshal(m.claim.ClaimGeneratorInfo, &infos)
	}
	var parts []string
	for _, g := range infos {
		parts = append(parts, strings.TrimSpace(g.Name+" "+g.Version))
	}
	return strings.Join(parts, " ")
}

// jumbfPrefix starts every C2PA JUMBF URI.
const jumbfPrefix = "self#jumbf="

// resolve finds the superbox a JUMBF URI names, relative to manifest m when
// the path is not absolute. It returns the manifest that holds the box too.
func (s *store) resolve(m *manifest, uri string) (*superbox, *manifest, error) {
	path, ok := strings.CutPrefix(uri, jumbfPrefix)
	if !ok {
		return nil, nil, fmt.Errorf("%q is not a self#jumbf= URI", uri)
	}
	var parts []string
	if abs, ok := strings.CutPrefix(path, "/"); ok {
		parts = strings.Split(abs, "/")
		if len(parts) < 2 || parts[0] != s.box.label {
			return nil, nil, fmt.Errorf("%q does not name a manifest of this store", uri)
		}
		other, ok := s.byLabel[parts[1]]
		if !ok {
			return nil, nil, fmt.Errorf("%q names manifest %q, which is not in the store", uri, parts[1])
		}
		m = other
		parts = parts[2:]
	} else {
		parts = strings.Split(path, "/")
	}
	box := m.box
	for _, p := range parts {
		if p == "" {
			continue
		}
		next := box.child(p)
		if next == nil {
			return nil, m, fmt.Errorf("%q: no box labelled %q", uri, p)
		}
		box = next
	}
	return box, m, nil
}

// manifestLabelOf returns the manifest label named by an absolute URI
// ("self#jumbf=/c2pa/LABEL[/…]"), or "".
func manifestLabelOf(uri string) string {
	path, ok := strings.CutPrefix(uri, jumbfPrefix+"/")
	if !ok {
		return ""
	}
	parts := strings.SplitN(path, "/", 3)
	if len(parts) < 2 {
		return ""
	}
	return parts[1]
}
