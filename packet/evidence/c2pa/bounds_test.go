package c2pa

import (
	"bytes"
	"encoding/binary"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// measure runs fn and returns the bytes it allocated and its duration (the
// process-wide counter, exact after ReadMemStats: these tests do not run
// in parallel).
func measure(fn func()) (uint64, time.Duration) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	fn()
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, elapsed
}

// Bounds on hostile input: every case below must finish within these
// (the time bound is wide: the test machine is shared).
const (
	boundAlloc = 32 << 20
	boundTime  = 2 * time.Second
)

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// jpegAPP11 wraps raw bytes in one APP11 JUMBF segment (sequence 1).
func jpegAPP11(raw []byte) []byte {
	seg := append([]byte{'J', 'P', 0, 1, 0, 0, 0, 1}, raw...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xEB}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	return append(append(out, seg...), fixtureJPEGBody...)
}

// nested returns n superboxes nested in each other.
func nested(n int) []byte {
	desc := jbox("jumd", append(append([]byte{}, typeManifestStore[:]...), toggleRequestable|toggleLabel, 'c', 0))
	each := 8 + len(desc)
	out := make([]byte, 0, n*each)
	for i := range n {
		out = append(append(append(out, be32(uint32((n-i)*each))...), "jumb"...), desc...)
	}
	return out
}

func TestBounds(t *testing.T) {
	p := newFixturePKI(t)
	es := p.signers[algES256]
	loopA, loopB := crossSigned(t)
	// a chain of manifests, each the ingredient of the next
	var chain []testManifest
	for i := range 40 {
		m := testManifest{label: "urn:uuid:c" + strings.Repeat("x", i), signer: es}
		if i > 0 {
			m.ingredients = []string{chain[i-1].label}
		}
		chain = append(chain, m)
	}
	// a lattice: each manifest takes the two before it as ingredients, so
	// the ingredient tree has Fibonacci(30) ≈ 800,000 paths
	var lattice []testManifest
	for i := range 30 {
		m := testManifest{label: "urn:uuid:l" + strings.Repeat("x", i), signer: es}
		switch {
		case i == 1:
			m.ingredients = []string{lattice[0].label}
		case i > 1:
			m.ingredients = []string{lattice[i-1].label, lattice[i-2].label}
		}
		lattice = append(lattice, m)
	}
	// a signer issued by A, where A is issued by B and B by A
	loopSigner := newSigner(t, algES256, &testCA{cert: loopA, key: testKey("CA")}, fixtureTime, fixtureTime.AddDate(1, 0, 0))
	longChain := [][]byte{loopSigner.chain[0]}
	for range 40 {
		longChain = append(longChain, loopA.Raw, loopB.Raw)
	}
	hugeBstr := append([]byte{0x5b}, be32(0x7fffffff)...) // bstr of 2^63-1 bytes: 0x5b + 8 bytes
	hugeBstr = append(hugeBstr, 0xff, 0xff, 0xff, 0xff)
	hugeArray := []byte{0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	deepArray := bytes.Repeat([]byte{0x81}, 100000)

	for _, tc := range []struct {
		name  string
		data  func() []byte
		opts  Options
		check func(t *testing.T, rep Report)
	}{
		{name: "2 GB box length in a stand-alone store",
			data: func() []byte { return append(append(be32(0x80000000), "jumb"...), make([]byte, 100)...) },
			check: func(t *testing.T, rep Report) {
				wantNote(t, rep, "exceeds the 108 bytes")
			}},
		{name: "2 GB box length in JPEG APP11",
			data: func() []byte {
				store := nested(3)
				copy(store, be32(0x80000000))
				return jpegAPP11(store)
			},
			check: func(t *testing.T, rep Report) {
				if rep.Status != StatusPresent || rep.State != StateInvalid {
					t.Errorf("status %s state %s", rep.Status, rep.State)
				}
				wantNote(t, rep, "length 2147483648 exceeds")
			}},
		{name: "2^62 XLBox in a stand-alone store",
			data: func() []byte {
				return append(append(append(be32(1), "jumb"...), 0x40, 0, 0, 0, 0, 0, 0, 0), make([]byte, 100)...)
			},
			check: func(t *testing.T, rep Report) { wantNote(t, rep, "exceeds") }},
		{name: "2 GB PNG caBX chunk",
			data: func() []byte {
				return append(append([]byte("\x89PNG\r\n\x1a\n"), append(be32(0x7fffffff), "caBX"...)...), make([]byte, 100)...)
			},
			check: func(t *testing.T, rep Report) { wantNote(t, rep, "past the end") }},
		{name: "2 GB WebP C2PA chunk",
			data: func() []byte {
				return append([]byte("RIFF\x00\x00\x00\x00WEBPC2PA\xff\xff\xff\x7f"), make([]byte, 100)...)
			},
			check: func(t *testing.T, rep Report) { wantNote(t, rep, "past the end") }},
		{name: "2 GB BMFF uuid box",
			data: func() []byte {
				b := append(be32(16), "ftypheic\x00\x00\x00\x00"...)
				b = append(append(b, be32(0x80000000)...), "uuid"...)
				return append(append(b, bmffC2PAUUID[:]...), make([]byte, 100)...)
			},
			check: func(t *testing.T, rep Report) { wantNote(t, rep, "size 2147483648") }},
		{name: "store over the store limit",
			data: func() []byte { return append(append(be32(1<<20), "jumb"...), make([]byte, 1<<20)...) },
			opts: Options{Limits: Limits{MaxStoreBytes: 1 << 16}},
			check: func(t *testing.T, rep Report) {
				if rep.Status != StatusNone {
					t.Errorf("status %s", rep.Status)
				}
				wantNote(t, rep, "exceeds the limit")
			}},
		{name: "JUMBF nested 100,000 deep",
			data: func() []byte { return nested(100000) },
			check: func(t *testing.T, rep Report) {
				wantNote(t, rep, "nested deeper than 16")
			}},
		{name: "1,000,000 empty boxes",
			data: func() []byte {
				desc := jbox("jumd", append(append([]byte{}, typeManifestStore[:]...), toggleLabel, 'c', 0))
				return jbox("jumb", desc, bytes.Repeat(jbox("free"), 1000000))
			},
			check: func(t *testing.T, rep Report) { wantNote(t, rep, "more than 20000 boxes") }},
		{name: "40 manifests, each the ingredient of the next",
			data: func() []byte { return buildFile(t, jpegWith(65000), chain...) },
			check: func(t *testing.T, rep Report) {
				if rep.State != StateValid || rep.ManifestCount != 40 {
					t.Errorf("state %s, %d manifests", rep.State, rep.ManifestCount)
				}
				if d := ingredientDepth(rep.ActiveManifest); d != 17 {
					t.Errorf("validated %d levels, want 17 (depth limit 16)", d)
				}
			}},
		{name: "ingredient lattice of 800,000 paths",
			data: func() []byte { return buildFile(t, jpegWith(65000), lattice...) },
			check: func(t *testing.T, rep Report) {
				if n := countManifests(rep.ActiveManifest); n > DefaultLimits().MaxIngredients+1 {
					t.Errorf("%d manifests validated, limit %d", n, DefaultLimits().MaxIngredients)
				}
			}},
		{name: "x5chain of 81 certificates in a loop",
			data: func() []byte {
				return buildFile(t, jpegWith(65000), testManifest{label: "urn:uuid:loop", signer: es, protected: map[any]any{1: algES256, 33: longChain}})
			},
			check: func(t *testing.T, rep Report) { wantFailure(t, rep, codeCredentialInvalid, "exceed the limit of 16") }},
		{name: "x5chain loop within the limit, trust list given",
			data: func() []byte {
				return buildFile(t, jpegWith(65000), testManifest{label: "urn:uuid:loop", signer: loopSigner,
					protected: map[any]any{1: algES256, 33: longChain[:15]}})
			},
			opts: Options{TrustAnchors: poolOf(p.root.cert)},
			check: func(t *testing.T, rep Report) {
				wantFailure(t, rep, codeCredentialUntrusted, "signer not on the trust list")
				if !rep.ActiveManifest.Validation.Has(codeSignatureValidated) {
					t.Error("signature not validated")
				}
			}},
		{name: "claim of a 2^63-byte CBOR byte string",
			data: func() []byte {
				return buildFile(t, jpegWith(65000), testManifest{label: "urn:uuid:cbor", signer: es, tamperClaim: func([]byte) []byte { return hugeBstr }})
			},
			check: func(t *testing.T, rep Report) { wantFailure(t, rep, codeClaimCBORInvalid, "") }},
		{name: "claim of a 2^63-element CBOR array",
			data: func() []byte {
				return buildFile(t, jpegWith(65000), testManifest{label: "urn:uuid:cbor", signer: es, tamperClaim: func([]byte) []byte { return hugeArray }})
			},
			check: func(t *testing.T, rep Report) { wantFailure(t, rep, codeClaimCBORInvalid, "") }},
		{name: "claim of CBOR arrays nested 100,000 deep",
			data: func() []byte {
				return buildFile(t, jpegWith(65000), testManifest{label: "urn:uuid:cbor", signer: es, tamperClaim: func([]byte) []byte { return deepArray }})
			},
			check: func(t *testing.T, rep Report) { wantFailure(t, rep, codeClaimCBORInvalid, "exceeded max nested level") }},
		{name: "100,000 JPEG segments",
			data: func() []byte {
				b := []byte{0xFF, 0xD8}
				for range 100001 {
					b = append(b, 0xFF, 0xE2, 0, 2)
				}
				return append(b, fixtureJPEGBody...)
			},
			check: func(t *testing.T, rep Report) { wantNote(t, rep, "more than 100000 segments") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data()
			opts := tc.opts
			if opts.Now.IsZero() {
				opts.Now = validationTime
			}
			var rep Report
			alloc, elapsed := measure(func() { rep = Inspect(bytes.NewReader(data), int64(len(data)), opts) })
			t.Logf("%d-byte input: %s, %d bytes allocated; %s: %s", len(data), elapsed.Round(time.Microsecond), alloc, rep.Status, rep.Summary)
			if alloc > boundAlloc || elapsed > boundTime {
				t.Errorf("%d bytes allocated in %s: over the bound", alloc, elapsed)
			}
			tc.check(t, rep)
		})
	}
}

func wantNote(t *testing.T, rep Report, part string) {
	t.Helper()
	for _, n := range rep.Notes {
		if strings.Contains(n, part) {
			return
		}
	}
	t.Errorf("no note with %q: %v (%s)", part, rep.Notes, rep.Summary)
}

func wantFailure(t *testing.T, rep Report, code, part string) {
	t.Helper()
	if rep.ActiveManifest == nil {
		t.Fatalf("no manifest: %s %v", rep.Summary, rep.Notes)
	}
	for _, f := range rep.ActiveManifest.Validation.Failure {
		if f.Code == code && strings.Contains(f.Explanation, part) {
			return
		}
	}
	t.Errorf("no %s failure with %q: %v", code, part, rep.ActiveManifest.Validation.Failure)
}

func ingredientDepth(m *Manifest) int {
	d := 0
	for m != nil {
		d++
		if len(m.Ingredients) == 0 {
			break
		}
		m = m.Ingredients[0].Manifest
	}
	return d
}

func countManifests(m *Manifest) int {
	if m == nil {
		return 0
	}
	n := 1
	for _, ing := range m.Ingredients {
		n += countManifests(ing.Manifest)
	}
	return n
}

func TestDataHashExclusions(t *testing.T) {
	file := []byte("0123456789abcdef")
	type ex = struct {
		Start  int64 `cbor:"start"`
		Length int64 `cbor:"length"`
	}
	for _, tc := range []struct {
		name string
		d    dataHash
		want error
	}{
		{"outside the file", dataHash{Alg: "sha256", Exclusions: []ex{{10, 10}}}, errMalformed},
		{"negative", dataHash{Alg: "sha256", Exclusions: []ex{{-1, 2}}}, errMalformed},
		{"overlapping", dataHash{Alg: "sha256", Exclusions: []ex{{2, 4}, {4, 4}}}, errMalformed},
		{"too many", dataHash{Alg: "sha256", Exclusions: make([]ex, 2000)}, errMalformed},
		{"unknown hash", dataHash{Alg: "md5"}, errAlgorithm},
		{"remote asset", dataHash{Alg: "sha256", URL: "https://example.com/a.jpg"}, errAlgorithm},
		{"wrong hash", dataHash{Alg: "sha256", Hash: make([]byte, 32), Exclusions: []ex{{0, 4}, {8, 8}}}, errBindingMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkDataHash(bytes.NewReader(file), int64(len(file)), tc.d, "", DefaultLimits())
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}

func TestBMFFHashUnsupported(t *testing.T) {
	file, _, _ := bmffWith([]byte("store"))
	for _, tc := range []struct {
		name string
		d    bmffHash
	}{
		{"nested box", bmffHash{Hash: []byte{1}, Exclusions: []bmffExclusion{{XPath: "/moov/trak"}}}},
		{"subset", bmffHash{Hash: []byte{1}, Exclusions: []bmffExclusion{{XPath: "/mdat", Subset: []any{1}}}}},
		{"Merkle tree", bmffHash{Merkle: []any{1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkBMFFHash(bytes.NewReader(file), int64(len(file)), tc.d, 2, "sha256", DefaultLimits())
			if !errors.Is(err, errAlgorithm) {
				t.Errorf("error %v, want algorithm unsupported", err)
			}
		})
	}
}
