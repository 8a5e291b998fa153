package c2pa

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixturePKI is one root, its time-stamp authority and a signer per
// algorithm, shared by the tests of this file.
type fixturePKI struct {
	root    *testCA
	tsa     *testTSA
	signers map[int64]*testSigner
}

func newFixturePKI(t *testing.T) *fixturePKI {
	t.Helper()
	p := &fixturePKI{root: newRootCA(t, "Fixture Root CA", "CA"), signers: map[int64]*testSigner{}}
	p.tsa = newTSA(t, p.root)
	for alg := range keyFor {
		p.signers[alg] = newSigner(t, alg, p.root, fixtureTime, fixtureTime.AddDate(1, 0, 0))
	}
	return p
}

// expect is what a test file should read as.
type expect struct {
	state    string
	failures []string // besides signingCredential.untrusted
	has      []string
	lacks    []string
}

func checkReport(t *testing.T, rep Report, want expect) {
	t.Helper()
	m := rep.ActiveManifest
	if rep.Status != StatusPresent || m == nil {
		t.Fatalf("status %q (%s), notes %v", rep.Status, rep.Summary, rep.Notes)
	}
	var failures []string
	for _, c := range Codes(m.Validation.Failure) {
		if c != codeCredentialUntrusted {
			failures = append(failures, c)
		}
	}
	if rep.State != want.state || !sameCodes(failures, want.failures) {
		t.Errorf("state %s failures %v, want %s %v (%v)", rep.State, failures, want.state, want.failures, m.Validation.Failure)
	}
	for _, c := range want.has {
		if !m.Validation.Has(c) {
			t.Errorf("missing %s: %v %v", c, Codes(m.Validation.Success), Codes(m.Validation.Informational))
		}
	}
	for _, c := range want.lacks {
		if m.Validation.Has(c) {
			t.Errorf("unexpected %s", c)
		}
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Error(err)
	}
}

func TestAlgorithms(t *testing.T) {
	p := newFixturePKI(t)
	for alg, a := range coseAlgs {
		t.Run(a.name, func(t *testing.T) {
			file := buildFile(t, jpegWith(60000), testManifest{label: "urn:uuid:alg", signer: p.signers[alg], tsa: p.tsa})
			rep := inspectBytes(file, Options{})
			checkReport(t, rep, expect{state: StateValid, has: []string{codeSignatureValidated, codeTimeStampValidated, codeDataHashMatch}})
			if got := rep.ActiveManifest.Signer.Algorithm; got != a.name {
				t.Errorf("algorithm %q, want %q", got, a.name)
			}
		})
	}
}

func TestContainers(t *testing.T) {
	p := newFixturePKI(t)
	m := testManifest{label: "urn:uuid:containers", signer: p.signers[algES256], tsa: p.tsa}
	for _, tc := range []struct {
		name   string
		wrap   container
		format string
		pixel  func(file []byte) int // a byte of the image data
	}{
		{"JPEG one segment", jpegWith(65000), FormatJPEG, func(f []byte) int { return len(f) - 3 }},
		{"JPEG many segments", jpegWith(500), FormatJPEG, func(f []byte) int { return len(f) - 3 }},
		{"PNG", pngWith, FormatPNG, func(f []byte) int { return bytes.Index(f, []byte("IDAT")) + 5 }},
		{"WebP", webpWith, FormatWebP, func(f []byte) int { return bytes.Index(f, []byte("not really")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := buildFile(t, tc.wrap, m)
			rep := inspectBytes(file, Options{})
			if rep.Format != tc.format {
				t.Errorf("format %q, want %q", rep.Format, tc.format)
			}
			checkReport(t, rep, expect{state: StateValid, has: []string{codeDataHashMatch}})
			// Any byte outside the store changed: the data hash fails.
			tampered := slices.Clone(file)
			tampered[tc.pixel(file)] ^= 0x55
			checkReport(t, inspectBytes(tampered, Options{}), expect{state: StateInvalid, failures: []string{codeDataHashMismatch}})
		})
	}
	t.Run("BMFF", func(t *testing.T) {
		bm := m
		bm.binding = "bmff"
		file := buildFile(t, bmffWith, bm)
		rep := inspectBytes(file, Options{})
		checkReport(t, rep, expect{state: StateValid, has: []string{codeBMFFHashMatch}})
		if rep.Format != FormatBMFF {
			t.Errorf("format %q", rep.Format)
		}
		tampered := slices.Clone(file)
		tampered[bytes.Index(file, []byte("fixture image"))] ^= 1
		checkReport(t, inspectBytes(tampered, Options{}), expect{state: StateInvalid, failures: []string{codeBMFFHashMismatch}})
	})
	t.Run("stand-alone store", func(t *testing.T) {
		file := buildFile(t, c2paFile, m)
		rep := inspectBytes(file, Options{})
		checkReport(t, rep, expect{state: StateValid, lacks: []string{codeDataHashMatch, codeDataHashMismatch}})
		if rep.Format != FormatC2PA || !strings.Contains(rep.Summary, "asset's bytes were not checked") {
			t.Errorf("format %q summary %q", rep.Format, rep.Summary)
		}
	})
}

func TestTampering(t *testing.T) {
	p := newFixturePKI(t)
	es := p.signers[algES256]
	rsaLeaf := p.signers[algPS256]
	other := newRootCA(t, "Other Root", "CA2")
	for _, tc := range []struct {
		name string
		m    testManifest
		now  time.Time
		edit func([]byte) []byte
		want expect
	}{
		{name: "claim edited after signing",
			m:    testManifest{tsa: p.tsa, tamperClaim: func(b []byte) []byte { return bytes.Replace(b, []byte("fixture/1.0"), []byte("fixture/6.6"), 1) }},
			want: expect{state: StateInvalid, failures: []string{codeSignatureMismatch}, has: []string{codeTimeStampMismatch}}},
		{name: "assertion edited after the claim hashed it",
			m:    testManifest{tsa: p.tsa, tamperAssertion: "c2pa.actions"},
			want: expect{state: StateInvalid, failures: []string{codeHashedURIMismatch}, has: []string{codeSignatureValidated}}},
		{name: "time-stamp token signature corrupt",
			m:    testManifest{tsa: &testTSA{cert: p.tsa.cert, key: p.tsa.key, corrupt: true}},
			want: expect{state: StateValid, has: []string{codeTimeStampMismatch, codeSignatureInsideValidity}, lacks: []string{codeTimeStampValidated}}},
		{name: "no time-stamp, certificate current",
			m:    testManifest{},
			want: expect{state: StateValid, has: []string{codeSignatureValidated}}},
		{name: "no time-stamp, certificate expired at validation time",
			m:    testManifest{},
			now:  fixtureTime.AddDate(2, 0, 0),
			want: expect{state: StateInvalid, failures: []string{codeCredentialExpired}, has: []string{codeSignatureValidated}}},
		{name: "time-stamp inside validity, validated after expiry",
			m:    testManifest{tsa: p.tsa},
			now:  fixtureTime.AddDate(2, 0, 0),
			want: expect{state: StateValid, has: []string{codeTimeStampValidated, codeSignatureInsideValidity}}},
		{name: "time-stamp before the certificate",
			m:    testManifest{tsa: p.tsa, tsaTime: fixtureTime.Add(-time.Hour)},
			want: expect{state: StateInvalid, failures: []string{codeCredentialExpired}}},
		{name: "unknown COSE algorithm",
			m:    testManifest{protected: map[any]any{1: -999, 33: es.chain}},
			want: expect{state: StateInvalid, failures: []string{codeAlgorithmUnsupported}}},
		{name: "no algorithm in the protected header",
			m:    testManifest{protected: map[any]any{33: es.chain}},
			want: expect{state: StateInvalid, failures: []string{codeAlgorithmUnsupported}}},
		{name: "no certificate",
			m:    testManifest{protected: map[any]any{1: algES256}},
			want: expect{state: StateInvalid, failures: []string{codeCredentialInvalid}}},
		{name: "algorithm does not fit the key",
			m:    testManifest{protected: map[any]any{1: algES256, 33: rsaLeaf.chain}},
			want: expect{state: StateInvalid, failures: []string{codeSignatureMismatch}}},
		{name: "x5chain intermediate is not the issuer",
			m:    testManifest{protected: map[any]any{1: algES256, 33: [][]byte{es.chain[0], other.cert.Raw}}},
			want: expect{state: StateInvalid, failures: []string{codeCredentialInvalid}, has: []string{codeSignatureValidated}}},
		{name: "unknown claim hash algorithm",
			m:    testManifest{claimAlg: "md5"},
			want: expect{state: StateInvalid, failures: []string{codeAlgorithmUnsupported, codeAlgorithmUnsupported}}},
		{name: "no hash algorithm anywhere",
			m:    testManifest{claimAlg: "-"},
			want: expect{state: StateInvalid, failures: []string{codeAlgorithmUnsupported, codeAlgorithmUnsupported}}},
		{name: "sha512 claim",
			m:    testManifest{claimAlg: "sha512"},
			want: expect{state: StateValid, has: []string{codeHashedURIMatch, codeDataHashMatch}}},
		{name: "no hard binding",
			m:    testManifest{binding: "none"},
			want: expect{state: StateInvalid, failures: []string{codeHardBindingsMissing}}},
		{name: "claim v2",
			m:    testManifest{claimV2: true, tsa: p.tsa},
			want: expect{state: StateValid, has: []string{codeHashedURIMatch, codeDataHashMatch}}},
		{name: "claim is not CBOR",
			m:    testManifest{tamperClaim: func(b []byte) []byte { return bytes.Repeat([]byte{0xff}, len(b)) }},
			want: expect{state: StateInvalid, failures: []string{codeClaimCBORInvalid}}},
		{name: "image data edited",
			m:    testManifest{tsa: p.tsa},
			edit: func(b []byte) []byte { b[len(b)-5] ^= 1; return b },
			want: expect{state: StateInvalid, failures: []string{codeDataHashMismatch}, has: []string{codeSignatureValidated}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.m.label = "urn:uuid:tamper"
			if tc.m.signer == nil {
				tc.m.signer = es
			}
			file := buildFile(t, jpegWith(60000), tc.m)
			if tc.edit != nil {
				file = tc.edit(file)
			}
			checkReport(t, inspectBytes(file, Options{Now: tc.now}), tc.want)
		})
	}
}

func TestIngredients(t *testing.T) {
	p := newFixturePKI(t)
	es := p.signers[algES256]
	capture := testManifest{label: "urn:uuid:capture-a", signer: es, tsa: p.tsa, generator: "Fixture Camera Firmware 1.0"}
	edit := testManifest{label: "urn:uuid:edit-b", signer: p.signers[algPS256], tsa: p.tsa, ingredients: []string{"urn:uuid:capture-a"},
		actions: []map[string]any{{"action": "c2pa.opened"}, {"action": "c2pa.cropped", "softwareAgent": map[string]any{"name": "Fixture Editor", "version": "2.1"}}}}

	t.Run("chain", func(t *testing.T) {
		rep := inspectBytes(buildFile(t, jpegWith(60000), capture, edit), Options{})
		checkReport(t, rep, expect{state: StateValid, has: []string{codeIngredientManifestOK}})
		m := rep.ActiveManifest
		if len(m.Actions) != 2 || m.Actions[1].SoftwareAgent != "Fixture Editor 2.1" {
			t.Errorf("actions %+v", m.Actions)
		}
		if len(m.Ingredients) != 1 {
			t.Fatalf("ingredients %+v", m.Ingredients)
		}
		ing := m.Ingredients[0]
		if ing.Relationship != "parentOf" || ing.Manifest == nil || ing.Manifest.State != StateValid || ing.Manifest.ClaimGenerator != "Fixture Camera Firmware 1.0" {
			t.Errorf("ingredient %+v", ing)
		}
		if ing.Manifest != nil && ing.Manifest.Validation.Has(codeDataHashMatch) {
			t.Error("an ingredient's data hash cannot be checked against this file")
		}
	})
	t.Run("ingredient v3", func(t *testing.T) {
		m := edit
		m.ingredientV3 = true
		rep := inspectBytes(buildFile(t, jpegWith(60000), capture, m), Options{})
		checkReport(t, rep, expect{state: StateValid, has: []string{codeIngredientManifestOK, codeIngredientSignatureOK}})
		if ing := rep.ActiveManifest.Ingredients; len(ing) != 1 || ing[0].Manifest == nil || ing[0].Manifest.State != StateValid {
			t.Errorf("ingredients %+v", ing)
		}
		m.tamperIngredientSig = true
		checkReport(t, inspectBytes(buildFile(t, jpegWith(60000), capture, m), Options{}), expect{state: StateInvalid, failures: []string{codeIngredientSignatureBad}})
	})
	t.Run("ingredient v3 manifest missing", func(t *testing.T) {
		m := edit
		m.ingredientV3 = true
		file := buildFile(t, jpegWith(60000), capture, m)
		file = bytes.Replace(file, []byte("urn:uuid:capture-a"), []byte("urn:uuid:capture-z"), 1)
		checkReport(t, inspectBytes(file, Options{}), expect{state: StateInvalid, failures: []string{codeIngredientManifestMissing}})
	})
	t.Run("ingredient manifest changed after it was taken in", func(t *testing.T) {
		file := buildFile(t, jpegWith(60000), capture, edit)
		// the capture manifest comes first in the store
		file = bytes.Replace(file, []byte("Fixture Camera 1.0"), []byte("Fixture Camera 6.6"), 1)
		rep := inspectBytes(file, Options{})
		checkReport(t, rep, expect{state: StateInvalid, failures: []string{codeIngredientHashedURIBad}})
		if ing := rep.ActiveManifest.Ingredients[0]; ing.Manifest != nil {
			t.Errorf("a mismatched ingredient manifest was still validated: %+v", ing.Manifest)
		}
	})
	t.Run("ingredient manifest missing from the store", func(t *testing.T) {
		file := buildFile(t, jpegWith(60000), capture, edit)
		file = bytes.Replace(file, []byte("urn:uuid:capture-a"), []byte("urn:uuid:capture-z"), 1)
		checkReport(t, inspectBytes(file, Options{}), expect{state: StateInvalid, failures: []string{codeClaimMissing}})
	})
	t.Run("claim lists another manifest's assertion", func(t *testing.T) {
		m := edit
		m.extraRefs = []any{map[string]any{"url": "self#jumbf=/c2pa/urn:uuid:capture-a/c2pa.assertions/c2pa.actions", "hash": make([]byte, 32)}}
		checkReport(t, inspectBytes(buildFile(t, jpegWith(60000), capture, m), Options{}), expect{state: StateInvalid, failures: []string{codeAssertionOutside}})
	})
	t.Run("claim lists an assertion that is not there", func(t *testing.T) {
		m := capture
		m.extraRefs = []any{map[string]any{"url": "self#jumbf=c2pa.assertions/c2pa.gone", "hash": make([]byte, 32)}}
		checkReport(t, inspectBytes(buildFile(t, jpegWith(60000), m), Options{}), expect{state: StateInvalid, failures: []string{codeAssertionMissing}})
	})
	t.Run("update manifest", func(t *testing.T) {
		m := edit
		m.update, m.binding = true, "none"
		rep := inspectBytes(buildFile(t, jpegWith(60000), capture, m), Options{})
		checkReport(t, rep, expect{state: StateValid, lacks: []string{codeHardBindingsMissing}})
		if !strings.Contains(rep.Summary, "update manifest: the file's bytes were not checked") {
			t.Errorf("summary %q", rep.Summary)
		}
	})
	t.Run("plain ingredient", func(t *testing.T) {
		m := capture
		m.plainIngredient = "IMG_0001.JPG"
		rep := inspectBytes(buildFile(t, jpegWith(60000), m), Options{})
		checkReport(t, rep, expect{state: StateValid, has: []string{codeIngredientUnknown}})
		if ing := rep.ActiveManifest.Ingredients; len(ing) != 1 || ing[0].Title != "IMG_0001.JPG" || ing[0].Relationship != "componentOf" {
			t.Errorf("ingredients %+v", ing)
		}
	})
	t.Run("depth limit", func(t *testing.T) {
		ms := []testManifest{capture}
		for i := 1; i <= 5; i++ {
			ms = append(ms, testManifest{label: "urn:uuid:step-" + string(rune('0'+i)), signer: es, ingredients: []string{ms[i-1].label}})
		}
		file := buildFile(t, jpegWith(60000), ms...)
		rep := inspectBytes(file, Options{Limits: Limits{MaxIngredientDepth: 3}})
		checkReport(t, rep, expect{state: StateValid})
		// depths 0 to 3 are validated; the manifest at depth 3 says why its
		// ingredient's manifest was not
		levels := 0
		for m := rep.ActiveManifest; ; {
			levels++
			if len(m.Ingredients) == 0 {
				t.Fatalf("manifest %s has no ingredient", m.Label)
			}
			next := m.Ingredients[0].Manifest
			if next == nil {
				if !slices.ContainsFunc(m.Notes, func(n string) bool { return strings.Contains(n, "nested deeper than 3") }) {
					t.Errorf("manifest %s: no depth note in %v", m.Label, m.Notes)
				}
				break
			}
			m = next
		}
		if levels != 4 {
			t.Errorf("validated %d levels, want 4", levels)
		}
	})
}

func TestJSONIngredientsAndActions(t *testing.T) {
	p := newFixturePKI(t)
	m := testManifest{label: "urn:uuid:json", signer: p.signers[algEdDSA], binding: "data",
		actions: []map[string]any{}, // replaced below by a JSON assertion
		extra:   []testAssertion{{label: "c2pa.actions__1", json: true, value: map[string]any{"actions": []any{map[string]any{"action": "c2pa.edited", "softwareAgent": "JSON Tool"}}}}}}
	rep := inspectBytes(buildFile(t, pngWith, m), Options{})
	checkReport(t, rep, expect{state: StateValid})
	if a := rep.ActiveManifest.Actions; len(a) != 1 || a[0].Action != "c2pa.edited" || a[0].SoftwareAgent != "JSON Tool" {
		t.Errorf("actions %+v", a)
	}
}

func TestNoManifest(t *testing.T) {
	xmp := func(prov string) []byte {
		return []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dcterms="http://purl.org/dc/terms/" dcterms:provenance="` + prov + `"/></rdf:RDF></x:xmpmeta>`)
	}
	jpegXMP := func(prov string) []byte {
		seg := append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmp(prov)...)
		out := []byte{0xFF, 0xD8, 0xFF, 0xE1}
		out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
		return append(append(out, seg...), fixtureJPEGBody...)
	}
	pngXMP := func(prov string) []byte {
		out := []byte("\x89PNG\r\n\x1a\n")
		out = append(out, pngChunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), xmp(prov)...))...)
		return append(out, pngChunk("IEND", nil)...)
	}
	webpXMP := func(prov string) []byte {
		x := xmp(prov)
		if len(x)%2 == 1 {
			x = append(x, ' ')
		}
		body := append([]byte("WEBPXMP "), binary.LittleEndian.AppendUint32(nil, uint32(len(x)))...)
		body = append(body, x...)
		return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
	}
	const url = "https://example.com/manifests/urn-uuid-1"
	for _, tc := range []struct {
		name   string
		data   []byte
		status string
		remote string
		note   string
	}{
		{"plain JPEG", append([]byte{0xFF, 0xD8}, fixtureJPEGBody...), StatusNone, "", ""},
		{"JPEG remote", jpegXMP(url), StatusRemoteOnly, url, "remote manifest not fetched"},
		{"PNG remote", pngXMP(url), StatusRemoteOnly, url, "remote manifest not fetched"},
		{"WebP remote", webpXMP(url), StatusRemoteOnly, url, "remote manifest not fetched"},
		{"JPEG dangling", jpegXMP("self#jumbf=/c2pa/urn:uuid:gone/c2pa.claim"), StatusNone, "", "it was removed"},
		{"text file", []byte("hello, world"), StatusNone, "", ""},
		{"empty", nil, StatusNone, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := inspectBytes(tc.data, Options{})
			if rep.Status != tc.status || rep.RemoteManifest != tc.remote || rep.ActiveManifest != nil || rep.State != "" {
				t.Errorf("status %q remote %q state %q, want %q %q", rep.Status, rep.RemoteManifest, rep.State, tc.status, tc.remote)
			}
			if tc.note != "" && !slices.ContainsFunc(rep.Notes, func(n string) bool { return strings.Contains(n, tc.note) }) {
				t.Errorf("notes %v, want one with %q", rep.Notes, tc.note)
			}
			b, err := json.Marshal(rep)
			if err != nil || !bytes.Contains(b, []byte(`"notes":[`)) {
				t.Errorf("JSON %s, %v", b, err)
			}
		})
	}
}

// TestTrustExpiredSigner: a signer on the trust list whose certificate
// had expired when the claim was signed is not trusted.
func TestTrustExpiredSigner(t *testing.T) {
	p := newFixturePKI(t)
	file := buildFile(t, jpegWith(60000), testManifest{label: "urn:uuid:x", signer: p.signers[algES256]})
	rep := inspectBytes(file, Options{TrustAnchors: poolOf(p.root.cert), Now: fixtureTime.AddDate(3, 0, 0)})
	checkReport(t, rep, expect{state: StateInvalid, failures: []string{codeCredentialExpired}, lacks: []string{codeCredentialTrusted}})
	if !slices.Contains(Codes(rep.ActiveManifest.Validation.Failure), codeCredentialUntrusted) {
		t.Error("an expired signer read as trusted")
	}
}

func TestLoadTrustAnchors(t *testing.T) {
	if _, err := LoadTrustAnchors([]byte("not pem")); err == nil {
		t.Error("no error for a bundle without certificates")
	}
	if _, err := LoadTrustAnchors([]byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")); err == nil {
		t.Error("no error for a bad certificate")
	}
}

// selfSigned is used by the bounds tests for certificate loops.
func crossSigned(t *testing.T) (a, b *x509.Certificate) {
	t.Helper()
	keyA, keyB := testKey("CA"), testKey("CA2")
	nameA, nameB := pkix.Name{CommonName: "Loop A"}, pkix.Name{CommonName: "Loop B"}
	a0 := &testCA{cert: issue(t, nameA, keyA.Public(), nil, keyA, true, fixtureTime.AddDate(-1, 0, 0), fixtureTime.AddDate(5, 0, 0)), key: keyA}
	b = issue(t, nameB, keyB.Public(), a0, nil, true, fixtureTime.AddDate(-1, 0, 0), fixtureTime.AddDate(5, 0, 0))
	a = issue(t, nameA, keyA.Public(), &testCA{cert: b, key: keyB}, nil, true, fixtureTime.AddDate(-1, 0, 0), fixtureTime.AddDate(5, 0, 0))
	return a, b
}
