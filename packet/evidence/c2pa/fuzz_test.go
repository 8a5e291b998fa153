package c2pa

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"appealpacket/internal/boundtest"
	"appealpacket/internal/testcorpus"
)

// Bounds every fuzzed call must keep. A call takes microseconds to
// milliseconds; the time bound is wide because fuzz workers share two
// cores with other jobs, and is there to catch hangs.
const (
	fuzzMaxAlloc = 64 << 20
	fuzzMaxTime  = 10 * time.Second
)

// bounded runs fn within the fuzz bounds.
func bounded(t *testing.T, fn func()) {
	t.Helper()
	boundtest.Check(t, fuzzMaxAlloc, fuzzMaxTime, fn)
}

// corpusSeeds returns the C2PA corpus files no larger than maxSize.
func corpusSeeds(maxSize int) map[string][]byte {
	out := map[string][]byte{}
	dir := testcorpus.Find()
	if dir == "" {
		return out
	}
	files, _ := filepath.Glob(filepath.Join(dir, "c2pa", "*.*"))
	for _, f := range files {
		if ext := filepath.Ext(f); ext == ".md" || ext == ".json" {
			continue
		}
		data, err := os.ReadFile(f)
		if err == nil && len(data) <= maxSize {
			out[filepath.Base(f)] = data
		}
	}
	return out
}

// corpusStores returns the manifest stores of the corpus files, those no
// larger than maxSize (large seeds slow every fuzzing execution).
func corpusStores(maxSize int) [][]byte {
	var out [][]byte
	for _, data := range corpusSeeds(4 << 20) {
		f, err := locate(bytes.NewReader(data), int64(len(data)), DefaultLimits())
		if err == nil && f.store != nil && len(f.store) <= maxSize {
			out = append(out, f.store)
		}
	}
	return out
}

// fixtureSeed is a small signed JPEG for the seeds.
func fixtureSeed(f *testing.F) []byte {
	file, _ := sampleSigned(f)
	return file
}

func FuzzJUMBF(f *testing.F) {
	for _, s := range corpusStores(32 << 10) {
		f.Add(s)
	}
	seed := fixtureSeed(f)
	if fd, err := locate(bytes.NewReader(seed), int64(len(seed)), DefaultLimits()); err == nil {
		f.Add(fd.store)
	}
	f.Add(nested(40))
	f.Fuzz(func(t *testing.T, data []byte) {
		bounded(t, func() {
			st, err := parseStore(data, DefaultLimits())
			if err != nil {
				return
			}
			for _, m := range st.manifests {
				m.generator()
				for _, ref := range m.assertionRefs() {
					if box, owner, err := st.resolve(m, ref.URL); err == nil && (box == nil || owner == nil) {
						t.Fatalf("resolve %q: nil box without an error", ref.URL)
					}
				}
			}
		})
	})
}

func FuzzClaimCBOR(f *testing.F) {
	for _, s := range corpusStores(32 << 10) {
		st, err := parseStore(s, DefaultLimits())
		if err != nil {
			continue
		}
		for _, m := range st.manifests {
			f.Add(m.claimBytes)
			if m.assertions == nil {
				continue
			}
			for _, a := range m.assertions.children {
				if c := a.content("cbor"); c != nil && len(c) < 4096 {
					f.Add(c)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		bounded(t, func() {
			var c claimCBOR
			if cborMode.Unmarshal(data, &c) == nil {
				m := &manifest{claim: c}
				m.generator()
			}
			var ing ingredientAssertion
			_ = cborMode.Unmarshal(data, &ing)
			var acts actionsAssertion
			if cborMode.Unmarshal(data, &acts) == nil {
				for _, a := range acts.Actions {
					softwareAgent(a.SoftwareAgent)
					whenText(a.When)
				}
			}
			var dh dataHash
			_ = cborMode.Unmarshal(data, &dh)
			var bh bmffHash
			_ = cborMode.Unmarshal(data, &bh)
		})
	})
}

func FuzzCOSE(f *testing.F) {
	type pair struct{ sig, claim []byte }
	var pairs []pair
	for _, s := range corpusStores(32 << 10) {
		st, err := parseStore(s, DefaultLimits())
		if err != nil {
			continue
		}
		for _, m := range st.manifests {
			pairs = append(pairs, pair{m.sigBytes, m.claimBytes})
		}
	}
	for _, p := range pairs {
		f.Add(p.sig, p.claim)
		if s, err := parseSign1(p.sig, 16); err == nil {
			for _, tok := range s.tstTokens {
				f.Add(tok, []byte(nil))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data, claim []byte) {
		bounded(t, func() {
			if ts, err := parseTimeStamp(data, 16); err == nil {
				ts.matches(claim)
			}
			s, err := parseSign1(data, 16)
			if err != nil {
				return
			}
			for _, der := range s.chain {
				c, err := parseCertificate(der)
				if err != nil || !s.algKnown {
					continue
				}
				_ = s.verify(c, claim)
			}
			for _, tok := range s.tstTokens {
				if ts, err := parseTimeStamp(tok, 16); err == nil {
					ts.matches(claim)
				}
			}
		})
	})
}

func FuzzInspect(f *testing.F) {
	for _, data := range corpusSeeds(100 << 10) {
		f.Add(data)
	}
	f.Add(fixtureSeed(f))
	// the other containers, and a chain with a C2PA 2.x ingredient
	root := newRootCA(f, "Fuzz Root", "CA")
	signer := newSigner(f, algES256, root, fixtureTime, fixtureTime.AddDate(1, 0, 0))
	capture := testManifest{label: "urn:uuid:a", signer: signer, tsa: newTSA(f, root)}
	edit := testManifest{label: "urn:uuid:b", signer: signer, ingredients: []string{"urn:uuid:a"}, ingredientV3: true}
	bmff := capture
	bmff.binding = "bmff"
	for _, wrap := range []container{pngWith, webpWith, c2paFile} {
		f.Add(buildFile(f, wrap, capture, edit))
	}
	f.Add(buildFile(f, bmffWith, bmff))
	opts := Options{Now: corpusNow}
	f.Fuzz(func(t *testing.T, data []byte) {
		bounded(t, func() {
			rep := Inspect(bytes.NewReader(data), int64(len(data)), opts)
			switch rep.Status {
			case StatusPresent:
				if rep.State == "" {
					t.Fatal("present without a state")
				}
			case StatusNone, StatusRemoteOnly:
				if rep.ActiveManifest != nil {
					t.Fatal("a manifest with status " + rep.Status)
				}
			default:
				t.Fatalf("status %q", rep.Status)
			}
		})
	})
}
