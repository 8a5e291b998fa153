package c2pa

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"appealpacket/internal/signtest"
)

// This file builds signed C2PA files from scratch for the tests: keys and
// certificates, an RFC 3161 time-stamp authority, JUMBF manifest stores
// and the JPEG, PNG, WebP and BMFF containers that carry them.

// fixtureTime is when fixture certificates start being valid; fixture
// manifests are time-stamped an hour later.
var fixtureTime = time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)

// testKeyCache holds the fixture keys, made on first use (RSA keys are
// slow to make, the more so in a fuzzing binary).
var testKeyCache = struct {
	sync.Mutex
	keys map[string]crypto.Signer
}{keys: map[string]crypto.Signer{}}

// testKey returns the named fixture key: "P-256", "P-384", "P-521",
// "RSA", "Ed", or any other name for a P-256 key of its own.
func testKey(name string) crypto.Signer {
	testKeyCache.Lock()
	defer testKeyCache.Unlock()
	if k, ok := testKeyCache.keys[name]; ok {
		return k
	}
	var k crypto.Signer
	var err error
	switch name {
	case "P-384":
		k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "P-521":
		k, err = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	case "RSA":
		k, err = signtest.RSAKey("c2pa fixture")
	case "Ed":
		_, k, err = ed25519.GenerateKey(rand.Reader)
	default:
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	if err != nil {
		panic(err)
	}
	testKeyCache.keys[name] = k
	return k
}

// keyFor names the key a COSE algorithm signs with.
var keyFor = map[int64]string{
	algES256: "P-256", algES384: "P-384", algES512: "P-521",
	algPS256: "RSA", algPS384: "RSA", algPS512: "RSA", algEdDSA: "Ed",
}

// testCA is a certificate authority for the fixtures.
type testCA struct {
	cert *x509.Certificate
	key  crypto.Signer
}

var serials = struct {
	sync.Mutex
	n int64
}{}

func nextSerial() *big.Int {
	serials.Lock()
	defer serials.Unlock()
	serials.n++
	return big.NewInt(serials.n)
}

// issue makes a certificate for pub signed by parent (self-signed when
// parent is nil, with key as the signer).
func issue(tb testing.TB, subject pkix.Name, pub any, parent *testCA, key crypto.Signer, isCA bool, from, to time.Time, eku ...x509.ExtKeyUsage) *x509.Certificate {
	tb.Helper()
	tmpl := &x509.Certificate{
		SerialNumber:          nextSerial(),
		Subject:               subject,
		NotBefore:             from,
		NotAfter:              to,
		BasicConstraintsValid: true,
		IsCA:                  isCA,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           eku,
	}
	if isCA {
		tmpl.KeyUsage |= x509.KeyUsageCertSign
	}
	issuerCert, signer := tmpl, key
	if parent != nil {
		issuerCert, signer = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuerCert, pub, signer)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// newRootCA makes a self-signed root valid for ten years from fixtureTime.
func newRootCA(tb testing.TB, name, keyName string) *testCA {
	key := testKey(keyName)
	c := issue(tb, pkix.Name{CommonName: name, Organization: []string{name + " Org"}}, key.Public(), nil, key, true, fixtureTime.AddDate(-1, 0, 0), fixtureTime.AddDate(10, 0, 0))
	return &testCA{cert: c, key: key}
}

// testSigner signs claims.
type testSigner struct {
	alg   int64
	key   crypto.Signer
	chain [][]byte // DER, signer first
}

// newSigner makes a signer for the COSE algorithm, certified by ca for the
// given validity window.
func newSigner(tb testing.TB, alg int64, ca *testCA, from, to time.Time) *testSigner {
	key := testKey(keyFor[alg])
	leaf := issue(tb, pkix.Name{CommonName: "Fixture Camera", Organization: []string{"Fixture Devices"}}, key.Public(), ca, nil, false, from, to, x509.ExtKeyUsageEmailProtection)
	return &testSigner{alg: alg, key: key, chain: [][]byte{leaf.Raw, ca.cert.Raw}}
}

// sign makes a COSE signature (ECDSA as r||s) of msg.
func (s *testSigner) sign(tb testing.TB, msg []byte) []byte {
	tb.Helper()
	alg := coseAlgs[s.alg]
	if alg.name == "Ed25519" {
		return ed25519.Sign(s.key.(ed25519.PrivateKey), msg)
	}
	h := alg.hash.New()
	h.Write(msg)
	digest := h.Sum(nil)
	switch k := s.key.(type) {
	case *ecdsa.PrivateKey:
		r, sv, err := ecdsa.Sign(rand.Reader, k, digest)
		if err != nil {
			tb.Fatal(err)
		}
		size := (k.Curve.Params().BitSize + 7) / 8
		out := make([]byte, 2*size)
		r.FillBytes(out[:size])
		sv.FillBytes(out[size:])
		return out
	case *rsa.PrivateKey:
		sig, err := rsa.SignPSS(rand.Reader, k, alg.hash, digest, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		if err != nil {
			tb.Fatal(err)
		}
		return sig
	}
	tb.Fatalf("no signer for %T", s.key)
	return nil
}

// testTSA is an RFC 3161 time-stamp authority.
type testTSA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	// corrupt flips a bit of the token's signature (its CMS signature then
	// fails while the message imprint still matches).
	corrupt bool
}

func newTSA(tb testing.TB, ca *testCA) *testTSA {
	key := testKey("TSA").(*ecdsa.PrivateKey)
	c := issue(tb, pkix.Name{CommonName: "Fixture TSA"}, key.Public(), ca, nil, false, fixtureTime.AddDate(-1, 0, 0), fixtureTime.AddDate(5, 0, 0), x509.ExtKeyUsageTimeStamping)
	return &testTSA{cert: c, key: key}
}

// tlv encodes one DER element.
func tlv(tag byte, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	out := []byte{tag}
	switch n := len(body); {
	case n < 0x80:
		out = append(out, byte(n))
	case n < 0x100:
		out = append(out, 0x81, byte(n))
	case n < 0x10000:
		out = append(out, 0x82, byte(n>>8), byte(n))
	default:
		out = append(out, 0x83, byte(n>>16), byte(n>>8), byte(n))
	}
	return append(out, body...)
}

func mustDER(tb testing.TB, v any, params ...string) []byte {
	tb.Helper()
	var b []byte
	var err error
	if len(params) > 0 {
		b, err = asn1.MarshalWithParams(v, params[0])
	} else {
		b, err = asn1.Marshal(v)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// token time-stamps message (its SHA-256 is the message imprint).
func (t *testTSA) token(tb testing.TB, message []byte, at time.Time) []byte {
	tb.Helper()
	sha256ID := mustDER(tb, asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1})
	algID := tlv(0x30, sha256ID)
	digest := sha256.Sum256(message)
	info := tlv(0x30,
		mustDER(tb, 1),
		mustDER(tb, asn1.ObjectIdentifier{1, 2, 3, 4}),
		tlv(0x30, algID, mustDER(tb, digest[:])),
		mustDER(tb, 1000),
		mustDER(tb, at.UTC(), "generalized"),
	)
	infoDigest := sha256.Sum256(info)
	attrs := bytes.Join([][]byte{
		tlv(0x30, mustDER(tb, oidContentType), tlv(0x31, mustDER(tb, oidTSTInfo))),
		tlv(0x30, mustDER(tb, oidMessageDigest), tlv(0x31, mustDER(tb, infoDigest[:]))),
	}, nil)
	attrsDigest := sha256.Sum256(tlv(0x31, attrs))
	// A DER ECDSA signature is 70 to 72 bytes; keep the longest so that a
	// fixture's size does not change when it is rebuilt.
	var sig []byte
	for len(sig) != 72 {
		var err error
		if sig, err = ecdsa.SignASN1(rand.Reader, t.key, attrsDigest[:]); err != nil {
			tb.Fatal(err)
		}
	}
	if t.corrupt {
		sig[len(sig)-1] ^= 1
	}
	signerInfo := tlv(0x30,
		mustDER(tb, 1),
		tlv(0x30, t.cert.RawIssuer, mustDER(tb, t.cert.SerialNumber)),
		algID,
		tlv(0xA0, attrs),
		tlv(0x30, mustDER(tb, asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2})),
		mustDER(tb, sig),
	)
	signed := tlv(0x30,
		mustDER(tb, 3),
		tlv(0x31, algID),
		tlv(0x30, mustDER(tb, oidTSTInfo), tlv(0xA0, mustDER(tb, info))),
		tlv(0xA0, t.cert.Raw),
		tlv(0x31, signerInfo),
	)
	return tlv(0x30, mustDER(tb, oidSignedData), tlv(0xA0, signed))
}

// JUMBF builders.

func jbox(typ string, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	out := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	out = append(out, typ...)
	return append(out, body...)
}

func jsuper(uuid [16]byte, label string, children ...[]byte) []byte {
	desc := append(append([]byte{}, uuid[:]...), toggleRequestable|toggleLabel)
	desc = append(append(desc, label...), 0)
	return jbox("jumb", append([][]byte{jbox("jumd", desc)}, children...)...)
}

func mustCBOR(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := cbor.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// testAssertion is one assertion of a fixture manifest.
type testAssertion struct {
	label string
	value any
	json  bool // stored as a JSON box rather than CBOR
}

func (a testAssertion) box(tb testing.TB) []byte {
	if a.json {
		b, err := json.Marshal(a.value)
		if err != nil {
			tb.Fatal(err)
		}
		return jsuper(uuid4("json"), a.label, jbox("json", b))
	}
	return jsuper(uuid4("cbor"), a.label, jbox("cbor", mustCBOR(tb, a.value)))
}

// testManifest describes one manifest of a fixture store.
type testManifest struct {
	label     string
	signer    *testSigner
	tsa       *testTSA
	tsaTime   time.Time // zero: fixtureTime + 1 h
	claimV2   bool
	generator string
	actions   []map[string]any
	// ingredients name earlier manifests of the store (parentOf).
	ingredients []string
	// plainIngredient adds an ingredient without Content Credentials.
	plainIngredient string
	extra           []testAssertion
	// binding is "data" (default), "bmff" or "none".
	binding string
	// claimAlg is the claim's hash algorithm; "" gives "sha256", "-" none.
	claimAlg string
	// tamperClaim edits the claim after it was signed.
	tamperClaim func([]byte) []byte
	// tamperAssertion edits an assertion box after the claim hashed it.
	tamperAssertion string
	// protected replaces the COSE protected header (alg, x5chain) when set.
	protected map[any]any
	// extraRefs are further hashed URIs listed by the claim as they are.
	extraRefs []any
	// ingredientV3 writes c2pa.ingredient.v3 assertions (activeManifest
	// and claimSignature); tamperIngredientSig spoils the latter's hash.
	ingredientV3, tamperIngredientSig bool
	// update makes an update manifest (c2um).
	update bool
}

// mustChild returns the child superbox with the label of a superbox.
func mustChild(tb testing.TB, b []byte, label string) []byte {
	tb.Helper()
	sb, err := parseSuperbox(b, jumbfLimits{maxDepth: 8, maxBoxes: 1000})
	if err != nil || sb.child(label) == nil {
		tb.Fatalf("no %s box: %v", label, err)
	}
	return sb.child(label).raw
}

// manifestBytes builds one manifest superbox. binding is the hard-binding
// assertion value (for the active manifest) or nil for a placeholder.
func (tm testManifest) manifestBytes(tb testing.TB, built map[string][]byte, binding *testAssertion) []byte {
	tb.Helper()
	var as []testAssertion
	acts := tm.actions
	if acts == nil {
		acts = []map[string]any{{"action": "c2pa.created", "softwareAgent": "Fixture Camera 1.0", "when": "2024-03-01T11:00:00Z"}}
	}
	as = append(as, testAssertion{label: "c2pa.actions", value: map[string]any{"actions": acts}})
	for i, ing := range tm.ingredients {
		payload := mustSuperPayload(tb, built[ing])
		h := sha256.Sum256(payload)
		label := "c2pa.ingredient"
		value := map[string]any{"dc:title": ing + ".jpg", "dc:format": "image/jpeg", "relationship": "parentOf"}
		manifestRef := map[string]any{"url": "self#jumbf=/c2pa/" + ing, "alg": "sha256", "hash": h[:]}
		if tm.ingredientV3 {
			// C2PA 2.x: the manifest and its signature box, by hashed URI
			label += ".v3"
			sig := sha256.Sum256(mustSuperPayload(tb, mustChild(tb, built[ing], "c2pa.signature")))
			if tm.tamperIngredientSig {
				sig[0] ^= 1
			}
			value["activeManifest"] = manifestRef
			value["claimSignature"] = map[string]any{"url": "self#jumbf=/c2pa/" + ing + "/c2pa.signature", "alg": "sha256", "hash": sig[:]}
			value["validationResults"] = map[string]any{"activeManifest": map[string]any{"success": []any{}, "informational": []any{}, "failure": []any{}}}
		} else {
			value["c2pa_manifest"] = manifestRef
		}
		if i > 0 {
			label += "__" + string(rune('0'+i))
		}
		as = append(as, testAssertion{label: label, value: value})
	}
	if tm.plainIngredient != "" {
		as = append(as, testAssertion{label: "c2pa.ingredient__9", value: map[string]any{"dc:title": tm.plainIngredient, "relationship": "componentOf"}})
	}
	as = append(as, tm.extra...)
	switch {
	case tm.binding == "none":
	case binding != nil:
		as = append(as, *binding)
	default:
		as = append(as, testAssertion{label: "c2pa.hash.data", value: map[string]any{
			"exclusions": []any{map[string]any{"start": 0, "length": 0}}, "name": "jumbf manifest", "alg": "sha256", "hash": make([]byte, 32)}})
	}
	var boxes [][]byte
	var refs []any
	for _, a := range as {
		b := a.box(tb)
		h := crypto.SHA256.New()
		if alg, ok := hashByName[tm.claimAlg]; ok {
			h = alg.New()
		}
		h.Write(mustSuperPayload(tb, b))
		refs = append(refs, map[string]any{"url": "self#jumbf=c2pa.assertions/" + a.label, "hash": h.Sum(nil)})
		if a.label == tm.tamperAssertion {
			b = bytes.Replace(b, []byte("Fixture"), []byte("Fakture"), 1)
		}
		boxes = append(boxes, b)
	}
	refs = append(refs, tm.extraRefs...)
	gen := tm.generator
	if gen == "" {
		gen = "fixture/1.0"
	}
	claim := map[string]any{"dc:title": tm.label + ".jpg", "dc:format": "image/jpeg", "instanceID": "xmp:iid:" + tm.label, "signature": "self#jumbf=c2pa.signature"}
	switch tm.claimAlg {
	case "":
		claim["alg"] = "sha256"
	case "-":
	default:
		claim["alg"] = tm.claimAlg
	}
	claimLabel := "c2pa.claim"
	if tm.claimV2 {
		claimLabel = "c2pa.claim.v2"
		claim["claim_generator_info"] = map[string]any{"name": gen}
		claim["created_assertions"] = refs
	} else {
		claim["claim_generator"] = gen
		claim["assertions"] = refs
	}
	claimBytes := mustCBOR(tb, claim)
	protected := tm.protected
	if protected == nil {
		protected = map[any]any{1: tm.signer.alg, 33: tm.signer.chain}
	}
	prot := mustCBOR(tb, protected)
	unprot := map[any]any{"pad": make([]byte, 8)}
	sig := tm.signer.sign(tb, sigStructure("Signature1", prot, nil, claimBytes))
	if tm.tsa != nil {
		at := tm.tsaTime
		if at.IsZero() {
			at = fixtureTime.Add(time.Hour)
		}
		tok := tm.tsa.token(tb, sigStructure("CounterSignature", prot, nil, claimBytes), at)
		unprot["sigTst"] = map[string]any{"tstTokens": []any{map[string]any{"val": tok}}}
	}
	cose := mustCBOR(tb, cbor.Tag{Number: 18, Content: []any{prot, unprot, nil, sig}})
	if tm.tamperClaim != nil {
		claimBytes = tm.tamperClaim(claimBytes)
	}
	kind := typeManifest
	if tm.update {
		kind = typeUpdateManifest
	}
	return jsuper(kind, tm.label,
		jsuper(typeAssertionStore, "c2pa.assertions", boxes...),
		jsuper(typeClaim, claimLabel, jbox("cbor", claimBytes)),
		jsuper(typeSignature, "c2pa.signature", jbox("cbor", cose)),
	)
}

// mustSuperPayload returns a superbox's payload (what C2PA hashes).
func mustSuperPayload(tb testing.TB, b []byte) []byte {
	tb.Helper()
	bx, err := readBox(b)
	if err != nil {
		tb.Fatal(err)
	}
	return bx.payload
}

// container wraps a manifest store in a file and says which bytes a data
// hash excludes.
type container func(store []byte) (file []byte, exclStart, exclLen int64)

// buildFile builds the store of ms (the last is active) inside the
// container, with the active manifest's c2pa.hash.data computed over the
// final file.
func buildFile(tb testing.TB, wrap container, ms ...testManifest) []byte {
	tb.Helper()
	built := map[string][]byte{}
	var parts [][]byte
	for _, m := range ms[:len(ms)-1] {
		b := m.manifestBytes(tb, built, nil)
		built[m.label] = b
		parts = append(parts, b)
	}
	active := ms[len(ms)-1]
	store := func(binding testAssertion) []byte {
		last := active.manifestBytes(tb, built, &binding)
		return jsuper(typeManifestStore, "c2pa", append(append([][]byte{}, parts...), last)...)
	}
	bind := dataBinding
	if active.binding == "bmff" {
		bind = bmffBinding
	}
	var start, length int64 = 1 << 20, 1 << 20 // fixed-width guesses
	var file []byte
	for range 4 {
		var s, l int64
		file, s, l = wrap(store(bind(tb, nil, start, length)))
		if s == start && l == length {
			break
		}
		start, length = s, l
	}
	final, s, l := wrap(store(bind(tb, file, start, length)))
	if s != start || l != length || len(final) != len(file) {
		tb.Fatalf("fixture did not converge: %d+%d vs %d+%d", s, l, start, length)
	}
	return final
}

// dataBinding is the c2pa.hash.data of file (a placeholder when nil).
func dataBinding(tb testing.TB, file []byte, start, length int64) testAssertion {
	hash := make([]byte, 32)
	if file != nil {
		h := sha256.New()
		h.Write(file[:start])
		h.Write(file[start+length:])
		hash = h.Sum(nil)
	}
	return testAssertion{label: "c2pa.hash.data", value: map[string]any{
		"exclusions": []any{map[string]any{"start": start, "length": length}}, "name": "jumbf manifest", "alg": "sha256", "hash": hash}}
}

// bmffBinding is the c2pa.hash.bmff.v2 of file: each top-level box but
// ftyp and the C2PA uuid box, preceded by its offset.
func bmffBinding(tb testing.TB, file []byte, _, _ int64) testAssertion {
	hash := make([]byte, 32)
	if file != nil {
		h := sha256.New()
		for off := 0; off < len(file); {
			n := int(binary.BigEndian.Uint32(file[off:]))
			if typ := string(file[off+4 : off+8]); typ != "ftyp" && typ != "uuid" {
				h.Write(binary.BigEndian.AppendUint64(nil, uint64(off)))
				h.Write(file[off : off+n])
			}
			off += n
		}
		hash = h.Sum(nil)
	}
	return testAssertion{label: "c2pa.hash.bmff.v2", value: map[string]any{
		"exclusions": []any{
			map[string]any{"xpath": "/uuid", "data": []any{map[string]any{"offset": 8, "value": bmffC2PAUUID[:]}}},
			map[string]any{"xpath": "/ftyp"},
			map[string]any{"xpath": "/mfra"},
		},
		"alg": "sha256", "hash": hash, "name": "jumbf manifest"}}
}

// Containers.

// fixtureJPEGBody is a tiny baseline JPEG after its SOI marker (a comment,
// then an end of image), enough for the container walk.
var fixtureJPEGBody = []byte{0xFF, 0xFE, 0x00, 0x09, 'f', 'i', 'x', 't', 'u', 'r', 'e', 0xFF, 0xDA, 0x00, 0x02, 0x01, 0x02, 0x03, 0xFF, 0xD9}

// jpegWith puts the store in APP11 segments of at most segPayload bytes of
// JUMBF each (repeating the box header in every continuation segment).
func jpegWith(segPayload int) container {
	return func(store []byte) ([]byte, int64, int64) {
		out := []byte{0xFF, 0xD8}
		start := int64(len(out))
		header := store[:8]
		for seq, rest := 1, store; len(rest) > 0; seq++ {
			n := min(segPayload, len(rest))
			var data []byte
			if seq > 1 {
				data = append(data, header...)
			}
			data = append(data, rest[:n]...)
			rest = rest[n:]
			seg := []byte{'J', 'P', 0x02, 0x11}
			seg = binary.BigEndian.AppendUint32(seg, uint32(seq))
			seg = append(seg, data...)
			out = append(out, 0xFF, 0xEB)
			out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
			out = append(out, seg...)
		}
		end := int64(len(out))
		return append(out, fixtureJPEGBody...), start, end - start
	}
}

func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

func pngWith(store []byte) ([]byte, int64, int64) {
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", []byte{0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0})...)
	start := int64(len(out))
	out = append(out, pngChunk("caBX", store)...)
	end := int64(len(out))
	out = append(out, pngChunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1})...)
	out = append(out, pngChunk("IEND", nil)...)
	return out, start, end - start
}

func webpWith(store []byte) ([]byte, int64, int64) {
	chunk := func(typ string, data []byte) []byte {
		out := append([]byte(typ), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
		out = append(out, data...)
		if len(data)%2 == 1 {
			out = append(out, 0)
		}
		return out
	}
	body := []byte("WEBP")
	body = append(body, chunk("VP8 ", []byte("not really a frame"))...)
	start := int64(8 + len(body))
	c := chunk("C2PA", store)
	body = append(body, c...)
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...), start, int64(len(c))
}

// bmffWith puts the store in a C2PA uuid box between ftyp and mdat.
func bmffWith(store []byte) ([]byte, int64, int64) {
	box := func(typ string, payload ...[]byte) []byte {
		body := bytes.Join(payload, nil)
		return append(append(binary.BigEndian.AppendUint32(nil, uint32(8+len(body))), typ...), body...)
	}
	out := box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic"))
	start := int64(len(out))
	out = append(out, box("uuid", bmffC2PAUUID[:], []byte{0, 0, 0, 0}, []byte("manifest\x00"), make([]byte, 8), store)...)
	end := int64(len(out))
	out = append(out, box("mdat", []byte("fixture image data"))...)
	return out, start, end - start
}

// c2paFile is a stand-alone manifest store (a .c2pa sidecar).
func c2paFile(store []byte) ([]byte, int64, int64) { return store, 0, int64(len(store)) }

// sampleSigned is a small JPEG signed with ES256 by a fixture camera whose
// certificate is issued by "Fixture Root CA", time-stamped by "Fixture
// TSA" at 2024-03-01 11:00 UTC; its manifest records a c2pa.created
// action and the camera's EXIF (stds.exif, as JSON-LD).
func sampleSigned(tb testing.TB) (file []byte, root *testCA) {
	root = newRootCA(tb, "Fixture Root CA", "CA")
	signer := newSigner(tb, algES256, root, fixtureTime, fixtureTime.AddDate(1, 0, 0))
	exif := testAssertion{label: "stds.exif", json: true, value: map[string]any{
		"@context":              map[string]any{"exif": "http://ns.adobe.com/exif/1.0/", "tiff": "http://ns.adobe.com/tiff/1.0/"},
		"tiff:Make":             "Fixture Devices",
		"tiff:Model":            "Fixture Camera",
		"exif:DateTimeOriginal": "2024-03-01T18:59:58+08:00",
	}}
	file = buildFile(tb, jpegWith(60000), testManifest{label: "urn:uuid:fixture-capture", signer: signer, tsa: newTSA(tb, root),
		generator: "Fixture Camera Firmware 1.0", extra: []testAssertion{exif}})
	return file, root
}
