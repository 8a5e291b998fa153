package c2pa

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"appealpacket/internal/testcorpus"
)

// corpusNow is the validation time of the corpus tests: after the Nikon
// Z 9 certificate expired (2023-10-05), as any reader today sees it.
var corpusNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func c2paCorpus(t *testing.T) string {
	t.Helper()
	return filepath.Join(testcorpus.Dir(t), "c2pa")
}

func inspectCorpus(t *testing.T, dir, name string, opts Options) Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if opts.Now.IsZero() {
		opts.Now = corpusNow
	}
	return Inspect(bytes.NewReader(data), int64(len(data)), opts)
}

// corpusCase is what SOURCES.md and the expected/ reports say of one file.
type corpusCase struct {
	file      string
	status    string
	state     string
	manifests int
	// failures are the failure codes expected besides
	// signingCredential.untrusted (no trust list is given), in any order.
	failures []string
	// has are further codes expected in any list.
	has []string
	// generator, signerOrg: the active manifest's claim generator and the
	// signing certificate's subject O (c2pa-rs's signature_info.issuer).
	generator, signerOrg string
	// signingTime is the time-stamp's time, "" when none applies.
	signingTime string
	// actions are the active manifest's actions.
	actions []string
	// ingredient checks the first ingredient.
	ingredient func(t *testing.T, ing Ingredient)
	remote     string
	// capture is the signed stds.exif reading, nil when none is expected.
	capture *Capture
}

var corpusCases = []corpusCase{
	{file: "valid_C_single_manifest.jpg", status: StatusPresent, state: StateValid, manifests: 1,
		has:       []string{codeSignatureValidated, codeSignatureInsideValidity, codeTimeStampValidated, codeTimeStampUntrusted, codeDataHashMatch},
		generator: "make_test_images/0.33.1 c2pa-rs/0.33.1", signerOrg: "C2PA Test Signing Cert", signingTime: "2024-08-06T21:53:37Z",
		actions: []string{"c2pa.created"}},
	{file: "valid_CA_parent_ingredient.jpg", status: StatusPresent, state: StateValid, manifests: 1,
		has:     []string{codeSignatureValidated, codeDataHashMatch, codeIngredientUnknown},
		actions: []string{"c2pa.opened", "c2pa.color_adjustments"}, signerOrg: "C2PA Test Signing Cert",
		ingredient: func(t *testing.T, ing Ingredient) {
			if ing.Title != "A.jpg" || ing.Relationship != "parentOf" || ing.Manifest != nil {
				t.Errorf("ingredient %q %q manifest %v, want A.jpg parentOf without manifest", ing.Title, ing.Relationship, ing.Manifest != nil)
			}
		}},
	{file: "valid_CACA_two_manifest_chain.jpg", status: StatusPresent, state: StateValid, manifests: 2,
		has:       []string{codeSignatureValidated, codeDataHashMatch, codeIngredientManifestOK},
		generator: "make_test_images/0.16.1 c2pa-rs/0.16.1", signingTime: "2023-01-24T14:48:57Z",
		ingredient: func(t *testing.T, ing Ingredient) {
			if ing.Title != "CA.jpg" || ing.Relationship != "parentOf" || ing.Manifest == nil {
				t.Fatalf("ingredient %q %q, manifest %v", ing.Title, ing.Relationship, ing.Manifest != nil)
			}
			if ing.Manifest.State != StateValid || ing.Manifest.Label != "contentauth:urn:uuid:04cdf4ec-f713-4e47-a8d6-7af56501ce4b" {
				t.Errorf("ingredient manifest %s %s, failures %v", ing.Manifest.Label, ing.Manifest.State, Codes(ing.Manifest.Validation.Failure))
			}
			if len(ing.Manifest.Ingredients) != 1 || ing.Manifest.Ingredients[0].Title != "A.jpg" {
				t.Errorf("nested ingredients %+v", ing.Manifest.Ingredients)
			}
		}},
	// The active manifest is valid; its ingredient carries a manifest whose
	// claim signature fails, and the signer recorded that when it took the
	// ingredient in. See TestCorpusCIEReading.
	{file: "valid_CIE-sig-CA_ingredient_bad_signature.jpg", status: StatusPresent, state: StateValid, manifests: 2,
		has: []string{codeSignatureValidated, codeDataHashMatch, codeIngredientManifestOK},
		ingredient: func(t *testing.T, ing Ingredient) {
			if ing.Title != "E-sig-CA.jpg" || ing.Relationship != "componentOf" || ing.Manifest == nil {
				t.Fatalf("ingredient %q %q, manifest %v", ing.Title, ing.Relationship, ing.Manifest != nil)
			}
			if ing.Manifest.State != StateInvalid || !slices.Contains(Codes(ing.Manifest.Validation.Failure), codeSignatureMismatch) {
				t.Errorf("ingredient manifest %s, failures %v; want Invalid with claimSignature.mismatch", ing.Manifest.State, Codes(ing.Manifest.Validation.Failure))
			}
			if !slices.Equal(Codes(ing.RecordedStatus), []string{codeSignatureMismatch}) {
				t.Errorf("recorded status %v", Codes(ing.RecordedStatus))
			}
		}},
	{file: "invalid_XCA_data_hash_mismatch.jpg", status: StatusPresent, state: StateInvalid, manifests: 1,
		failures: []string{codeDataHashMismatch},
		has:      []string{codeSignatureValidated, codeTimeStampValidated}},
	{file: "invalid_E-sig-CA_claim_signature_mismatch.jpg", status: StatusPresent, state: StateInvalid, manifests: 1,
		failures: []string{codeSignatureMismatch}, has: []string{codeTimeStampMismatch},
		generator: "make_test_xxxxxx/0.33.1 c2pa-rs/0.33.1"},
	{file: "invalid_E-uri-CA_assertion_hashed_uri_mismatch.jpg", status: StatusPresent, state: StateInvalid, manifests: 1,
		failures: []string{codeHashedURIMismatch}, has: []string{codeSignatureValidated, codeDataHashMatch}},
	// Claim v2 without "alg" and hashed URIs without one: no hash algorithm
	// is named, so no assertion can be checked (and none is shown: its
	// c2pa.created and c2pa.converted actions stay unread). Its ES256
	// signature is also DER-encoded (70 bytes) where COSE requires r||s.
	{file: "invalid_no_alg_unknown_signature_algorithm.jpg", status: StatusPresent, state: StateInvalid, manifests: 1,
		failures:  []string{codeAlgorithmUnsupported, codeAlgorithmUnsupported, codeSignatureMismatch},
		generator: "MIPAMS GENERATOR 0.1", actions: []string{}},
	{file: "none_IMG_0003_Canon_no_c2pa.jpg", status: StatusNone},
	{file: "none_no_manifest_xmp_provenance_dangling.jpg", status: StatusNone},
	{file: "remote_cloud_manifest_url.jpg", status: StatusRemoteOnly,
		remote: "https://cai-manifests.adobe.com/manifests/adobe-urn-uuid-5f37e182-3687-462e-a7fb-573462780391"},
	{file: "remote_cloud_manifest.c2pa", status: StatusPresent, state: StateValid, manifests: 2,
		has:       []string{codeSignatureValidated, codeTimeStampValidated},
		generator: "TestApp c2patool/0.6.2 c2pa-rs/0.28.2"},
	// c2patool 0.x also reported claimSignature.mismatch; the signature
	// verifies (c2pa-ts agrees). See TestCorpusNikonReading.
	{file: "camera_Nikon_Z9_expired_signature_mismatch.jpeg", status: StatusPresent, state: StateInvalid, manifests: 1,
		failures:  []string{codeCredentialExpired},
		has:       []string{codeSignatureValidated, codeDataHashMatch},
		generator: "Nikon_Z_9_Sample_for_Adobe_MAX_2022 c2pa-rs/0.14.0", signerOrg: "NIKON CORPORATION",
		capture: &Capture{Make: "NIKON CORPORATION", Model: "NIKON Z 9", BodySerialNumber: "0030079", LensModel: "NIKKOR Z 24-70mm f/4 S",
			DateTimeOriginal: "2022-10-25T11:27:32,78-05:00", GPSLatitude: "40,44.1861N", GPSLongitude: "73,59.5896W"}},
	{file: "camera_Pixel5_Truepic_Lens.jpg", status: StatusPresent, state: StateValid, manifests: 1,
		has:       []string{codeSignatureValidated, codeSignatureInsideValidity, codeTimeStampValidated, codeDataHashMatch},
		generator: "Truepic_Lens_SDK_libc2pa/2.5.1", signerOrg: "Truepic", signingTime: "2023-02-12T18:44:26Z",
		capture: &Capture{Make: "Google", Model: "Pixel 5", DateTimeOriginal: "2023-02-12T18:44:26Z", GPSLatitude: "43.152093900000", GPSLongitude: "-77.580532800000"}},
	{file: "png_Amazon_Titan_G1.png", status: StatusPresent, state: StateValid, manifests: 1,
		has:       []string{codeSignatureValidated, codeTimeStampValidated, codeDataHashMatch},
		generator: "Amazon_Bedrock c2pa-rs/0.32.7", signerOrg: "Amazon Web Services, Inc.", actions: []string{"c2pa.created"}},
	{file: "heic_trustnxt_icon_bmff_v2.heic", status: StatusPresent, state: StateValid, manifests: 1,
		has:       []string{codeSignatureValidated, codeTimeStampValidated, codeBMFFHashMatch},
		generator: "origo_Unauthenticated", actions: []string{"c2pa.opened"}, signingTime: "2025-01-27T13:54:51Z"},
	{file: "webp_OpenAI_DALL-E.webp", status: StatusPresent, state: StateValid, manifests: 2,
		has:       []string{codeSignatureValidated, codeDataHashMatch, codeIngredientManifestOK},
		generator: "ChatGPT c2pa-rs/0.28.4", signerOrg: "OpenAI",
		ingredient: func(t *testing.T, ing Ingredient) {
			if ing.Manifest == nil || ing.Manifest.State != StateValid || ing.Manifest.ClaimGenerator != "OpenAI-API c2pa-rs/0.28.4" {
				t.Errorf("ingredient manifest %+v", ing.Manifest)
			}
		}},
}

func TestCorpus(t *testing.T) {
	dir := c2paCorpus(t)
	seen := map[string]bool{}
	var table strings.Builder
	fmt.Fprintf(&table, "%-50s %-28s %-28s %s\n", "file", "expected", "read", "summary")
	for _, tc := range corpusCases {
		seen[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			rep := inspectCorpus(t, dir, tc.file, Options{})
			fmt.Fprintf(&table, "%-50s %-28s %-28s %s\n", tc.file, verdict(tc.status, tc.state, tc.failures), verdict(rep.Status, rep.State, otherFailures(rep)), rep.Summary)
			if rep.Status != tc.status || rep.State != tc.state || rep.ManifestCount != tc.manifests {
				t.Fatalf("status %q state %q manifests %d, want %q %q %d (%s)", rep.Status, rep.State, rep.ManifestCount, tc.status, tc.state, tc.manifests, rep.Summary)
			}
			if rep.RemoteManifest != tc.remote {
				t.Errorf("remote manifest %q, want %q", rep.RemoteManifest, tc.remote)
			}
			m := rep.ActiveManifest
			if tc.status != StatusPresent {
				if m != nil {
					t.Errorf("a manifest where none is expected")
				}
				return
			}
			failures := otherFailures(rep)
			if !sameCodes(failures, tc.failures) {
				t.Errorf("failures %v, want %v", failures, tc.failures)
			}
			if !slices.Contains(Codes(m.Validation.Failure), codeCredentialUntrusted) {
				t.Errorf("no trust list given, yet no signingCredential.untrusted")
			}
			for _, c := range tc.has {
				if !m.Validation.Has(c) {
					t.Errorf("missing %s", c)
				}
			}
			if tc.generator != "" && m.ClaimGenerator != tc.generator {
				t.Errorf("claim generator %q, want %q", m.ClaimGenerator, tc.generator)
			}
			if tc.signerOrg != "" && (m.Signer == nil || m.Signer.Organization != tc.signerOrg) {
				t.Errorf("signer %+v, want O=%q", m.Signer, tc.signerOrg)
			}
			if tc.signingTime != "" && m.SigningTime != tc.signingTime {
				t.Errorf("signing time %q, want %q", m.SigningTime, tc.signingTime)
			}
			if tc.actions != nil {
				var got []string
				for _, a := range m.Actions {
					got = append(got, a.Action)
				}
				if !slices.Equal(got, tc.actions) {
					t.Errorf("actions %v, want %v", got, tc.actions)
				}
			}
			if (m.Capture == nil) != (tc.capture == nil) || (m.Capture != nil && *m.Capture != *tc.capture) {
				t.Errorf("capture %+v, want %+v", m.Capture, tc.capture)
			}
			if tc.ingredient != nil {
				if len(m.Ingredients) == 0 {
					t.Fatal("no ingredient")
				}
				tc.ingredient(t, m.Ingredients[0])
			}
			if _, err := json.Marshal(rep); err != nil {
				t.Errorf("report does not marshal: %v", err)
			}
		})
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && !seen[e.Name()] && !strings.HasSuffix(e.Name(), ".md") && !strings.HasSuffix(e.Name(), ".json") && e.Name() != "SHA256SUMS" {
			t.Errorf("corpus file %s has no expected result in corpusCases", e.Name())
		}
	}
	t.Log("C2PA corpus, expected (SOURCES.md, expected/) and read (failure codes other than signingCredential.untrusted; no trust list given):\n" + table.String())
}

// otherFailures are the active manifest's failure codes other than
// signingCredential.untrusted, which every file has without a trust list.
func otherFailures(rep Report) []string {
	var failures []string
	if rep.ActiveManifest == nil {
		return nil
	}
	for _, c := range Codes(rep.ActiveManifest.Validation.Failure) {
		if c != codeCredentialUntrusted {
			failures = append(failures, c)
		}
	}
	return failures
}

// verdict is one cell of TestCorpus's table: status, state and the
// failure codes, sorted.
func verdict(status, state string, failures []string) string {
	v := status
	if state != "" {
		v += " " + state
	}
	if len(failures) > 0 {
		f := slices.Clone(failures)
		slices.Sort(f)
		v += " " + strings.Join(f, ",")
	}
	return v
}

// sameCodes compares two code lists as multisets.
func sameCodes(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// knownGood is the c2pa-rs Reader JSON of expected/*.c2pa-rs_known_good.json.
type knownGood struct {
	ValidationResults struct {
		ActiveManifest   Validation `json:"activeManifest"`
		IngredientDeltas []struct {
			ValidationDeltas Validation `json:"validationDeltas"`
		} `json:"ingredientDeltas"`
	} `json:"validation_results"`
	ValidationState string `json:"validation_state"`
}

// TestCorpusKnownGood compares every status code with the reports c2pa-rs
// keeps for C.jpg, CA.jpg and XCA.jpg: the same codes in the same lists.
// Two differences are by design: this package adds
// signingCredential.untrusted when no trust list is given (c2pa-rs leaves
// trust unchecked by default), and it lists ingredient codes with the
// active manifest where c2pa-rs keeps them as ingredientDeltas.
func TestCorpusKnownGood(t *testing.T) {
	dir := c2paCorpus(t)
	for _, name := range []string{"valid_C_single_manifest", "valid_CA_parent_ingredient", "invalid_XCA_data_hash_mismatch"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, "expected", name+".c2pa-rs_known_good.json"))
			if err != nil {
				t.Fatal(err)
			}
			var kg knownGood
			if err := json.Unmarshal(raw, &kg); err != nil {
				t.Fatal(err)
			}
			want := kg.ValidationResults.ActiveManifest
			for _, d := range kg.ValidationResults.IngredientDeltas {
				want.Success = append(want.Success, d.ValidationDeltas.Success...)
				want.Informational = append(want.Informational, d.ValidationDeltas.Informational...)
				want.Failure = append(want.Failure, d.ValidationDeltas.Failure...)
			}
			rep := inspectCorpus(t, dir, name+".jpg", Options{})
			got := rep.ActiveManifest.Validation
			var failures []Status
			for _, f := range got.Failure {
				if f.Code != codeCredentialUntrusted {
					failures = append(failures, f)
				}
			}
			for _, l := range []struct {
				name      string
				got, want []Status
			}{{"success", got.Success, want.Success}, {"informational", got.Informational, want.Informational}, {"failure", failures, want.Failure}} {
				if !sameCodes(Codes(l.got), Codes(l.want)) {
					t.Errorf("%s: %v, c2pa-rs %v", l.name, Codes(l.got), Codes(l.want))
				}
			}
			for _, s := range want.Failure {
				found := false
				for _, g := range failures {
					found = found || (g.Code == s.Code && g.URL == s.URL)
				}
				if !found {
					t.Errorf("failure %s at %s not reported at that URL", s.Code, s.URL)
				}
			}
			if rep.State != kg.ValidationState {
				t.Errorf("state %q, c2pa-rs %q", rep.State, kg.ValidationState)
			}
		})
	}
}

// TestCorpusToolReports checks the validation_status of the c2patool
// reports in expected/: every failure they list is reported, except the
// Nikon's claimSignature.mismatch (see TestCorpusNikonReading).
func TestCorpusToolReports(t *testing.T) {
	dir := c2paCorpus(t)
	files, err := filepath.Glob(filepath.Join(dir, "expected", "*.c2patool_manifest_store.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no c2patool reports: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".c2patool_manifest_store.json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				ActiveManifest   string   `json:"active_manifest"`
				ValidationStatus []Status `json:"validation_status"`
			}
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatal(err)
			}
			matches, _ := filepath.Glob(filepath.Join(dir, name+".jp*g"))
			if len(matches) != 1 {
				t.Fatalf("asset of %s: %v", name, matches)
			}
			rep := inspectCorpus(t, dir, filepath.Base(matches[0]), Options{})
			if rep.ActiveManifest == nil || rep.ActiveManifest.Label != r.ActiveManifest {
				t.Fatalf("active manifest %v, want %s", rep.ActiveManifest, r.ActiveManifest)
			}
			failures := Codes(rep.ActiveManifest.Validation.Failure)
			for _, s := range r.ValidationStatus {
				if name == "camera_Nikon_Z9_expired_signature_mismatch" && s.Code == codeSignatureMismatch {
					continue
				}
				if !slices.Contains(failures, s.Code) {
					t.Errorf("c2patool reports %s, this package does not (failures %v)", s.Code, failures)
				}
			}
			if len(r.ValidationStatus) == 0 && rep.State != StateValid {
				t.Errorf("c2patool reports no failure; state %s, failures %v", rep.State, failures)
			}
		})
	}
}

// TestCorpusObservedC2PATS compares the validity verdicts with those
// c2pa-ts 0.9.4 gave on the same files (expected/c2pa-ts-0.9.4_observed.jsonl).
func TestCorpusObservedC2PATS(t *testing.T) {
	dir := c2paCorpus(t)
	f, err := os.Open(filepath.Join(dir, "expected", "c2pa-ts-0.9.4_observed.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		var o struct {
			File           string   `json:"file"`
			Sidecar        string   `json:"sidecar"`
			JUMBFFound     *bool    `json:"jumbfFound"`
			ManifestCount  int      `json:"manifestCount"`
			ActiveManifest string   `json:"activeManifest"`
			IsValid        *bool    `json:"isValid"`
			FailureCodes   []string `json:"failureCodes"`
			Exception      string   `json:"exception"`
		}
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatal(err)
		}
		if o.Sidecar != "" || o.JUMBFFound == nil {
			continue // validated with a sidecar; or a format c2pa-ts does not read
		}
		n++
		rep := inspectCorpus(t, dir, o.File, Options{})
		if (rep.Status == StatusPresent) != *o.JUMBFFound {
			t.Errorf("%s: status %s, c2pa-ts found JUMBF %v", o.File, rep.Status, *o.JUMBFFound)
			continue
		}
		if !*o.JUMBFFound {
			continue
		}
		if rep.ManifestCount != o.ManifestCount && o.Exception == "" {
			t.Errorf("%s: %d manifests, c2pa-ts %d", o.File, rep.ManifestCount, o.ManifestCount)
		}
		if o.ActiveManifest != "" && rep.ActiveManifest.Label != o.ActiveManifest {
			t.Errorf("%s: active manifest %s, c2pa-ts %s", o.File, rep.ActiveManifest.Label, o.ActiveManifest)
		}
		valid := rep.State != StateInvalid
		switch {
		case o.Exception != "":
			if valid {
				t.Errorf("%s: c2pa-ts refused it (%s); state %s", o.File, o.Exception, rep.State)
			}
		case valid != *o.IsValid:
			t.Errorf("%s: state %s, c2pa-ts valid=%v", o.File, rep.State, *o.IsValid)
		default:
			got := append(Codes(rep.ActiveManifest.Validation.Failure), Codes(rep.ActiveManifest.Validation.Informational)...)
			for _, c := range o.FailureCodes {
				if !slices.Contains(got, c) {
					t.Errorf("%s: c2pa-ts reports %s; this package has %v", o.File, c, got)
				}
			}
		}
	}
	if n < 14 {
		t.Errorf("compared %d files with c2pa-ts, want 14", n)
	}
}

// TestCorpusNikonReading: the Nikon Z 9 claim has no time-stamp, so its
// certificate (valid 2022-10-04 to 2023-10-05) is checked at the
// validation time. The COSE signature itself verifies: c2patool 0.x also
// listed claimSignature.mismatch because its signature check failed as a
// whole when the certificate had expired; c2pa-ts 0.9.4 reports
// signingCredential.expired alone, as this package does. Validated while
// the certificate was current, the same file is valid.
func TestCorpusNikonReading(t *testing.T) {
	dir := c2paCorpus(t)
	const name = "camera_Nikon_Z9_expired_signature_mismatch.jpeg"
	for _, tc := range []struct {
		now   time.Time
		state string
	}{
		{corpusNow, StateInvalid},
		{time.Date(2022, 10, 26, 0, 0, 0, 0, time.UTC), StateValid},
	} {
		rep := inspectCorpus(t, dir, name, Options{Now: tc.now})
		m := rep.ActiveManifest
		if rep.State != tc.state || !m.Validation.Has(codeSignatureValidated) || m.CertificateCheckedAtSource != "validation time" || m.SigningTime != "" {
			t.Errorf("at %s: state %s, failures %v, checked at %s (%s)", tc.now, rep.State, Codes(m.Validation.Failure), m.CertificateCheckedAt, m.CertificateCheckedAtSource)
		}
	}
}

// TestCorpusCIEReading: the display of CIE-sig-CA.jpg is disputed (the
// public-testfiles README shows "Invalid signature", c2pa-ts says valid).
// This package follows c2pa-rs: the active manifest is judged on its own
// checks, which pass, so the file is Valid; the ingredient's manifest is
// validated too, reads Invalid with claimSignature.mismatch, and the
// summary says so, next to what the signer recorded. A reviewer sees both
// facts rather than one verdict hiding the other.
func TestCorpusCIEReading(t *testing.T) {
	dir := c2paCorpus(t)
	rep := inspectCorpus(t, dir, "valid_CIE-sig-CA_ingredient_bad_signature.jpg", Options{})
	want := `valid, signer not on a trust list; ingredient "E-sig-CA.jpg" has an invalid manifest (claimSignature.mismatch)`
	if rep.Summary != want {
		t.Errorf("summary %q, want %q", rep.Summary, want)
	}
}

// BenchmarkInspect measures Inspect on each corpus file held in memory:
// go test -run '^$' -bench Inspect ./packet/evidence/c2pa
func BenchmarkInspect(b *testing.B) {
	dir := filepath.Join(testcorpus.Dir(b), "c2pa")
	for _, tc := range corpusCases {
		data, err := os.ReadFile(filepath.Join(dir, tc.file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.file, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				Inspect(bytes.NewReader(data), int64(len(data)), Options{Now: corpusNow})
			}
		})
	}
}
