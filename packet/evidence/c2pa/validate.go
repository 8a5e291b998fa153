package c2pa

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// Status codes, as the C2PA specification (1.x and 2.x) names them.
const (
	codeClaimMissing              = "claim.missing"
	codeClaimCBORInvalid          = "claim.cbor.invalid"
	codeHardBindingsMissing       = "claim.hardBindings.missing"
	codeMultipleHardBindings      = "assertion.multipleHardBindings"
	codeSignatureMissing          = "claimSignature.missing"
	codeSignatureValidated        = "claimSignature.validated"
	codeSignatureMismatch         = "claimSignature.mismatch"
	codeSignatureInsideValidity   = "claimSignature.insideValidity"
	codeCredentialTrusted         = "signingCredential.trusted"
	codeCredentialUntrusted       = "signingCredential.untrusted"
	codeCredentialInvalid         = "signingCredential.invalid"
	codeCredentialExpired         = "signingCredential.expired"
	codeTimeStampValidated        = "timeStamp.validated"
	codeTimeStampMismatch         = "timeStamp.mismatch"
	codeTimeStampMalformed        = "timeStamp.malformed"
	codeTimeStampTrusted          = "timeStamp.trusted"
	codeTimeStampUntrusted        = "timeStamp.untrusted"
	codeTimeStampOutsideValidity  = "timeStamp.outsideValidity"
	codeHashedURIMatch            = "assertion.hashedURI.match"
	codeHashedURIMismatch         = "assertion.hashedURI.mismatch"
	codeAssertionMissing          = "assertion.missing"
	codeAssertionOutside          = "assertion.outsideManifest"
	codeAssertionCBORInvalid      = "assertion.cbor.invalid"
	codeDataHashMatch             = "assertion.dataHash.match"
	codeDataHashMismatch          = "assertion.dataHash.mismatch"
	codeDataHashMalformed         = "assertion.dataHash.malformed"
	codeBMFFHashMatch             = "assertion.bmffHash.match"
	codeBMFFHashMismatch          = "assertion.bmffHash.mismatch"
	codeBMFFHashMalformed         = "assertion.bmffHash.malformed"
	codeAlgorithmUnsupported      = "algorithm.unsupported"
	codeIngredientManifestOK      = "ingredient.manifest.validated"
	codeIngredientManifestMissing = "ingredient.manifest.missing"
	codeIngredientManifestBad     = "ingredient.manifest.mismatch"
	codeIngredientHashedURIBad    = "ingredient.hashedURI.mismatch"
	codeIngredientSignatureOK     = "ingredient.claimSignature.validated"
	codeIngredientSignatureBad    = "ingredient.claimSignature.mismatch"
	codeIngredientUnknown         = "ingredient.unknownProvenance"
)

// Inspect finds the Content Credentials of a file (JPEG, PNG, ISO BMFF such
// as HEIC, WebP, or a stand-alone .c2pa manifest store) and validates them:
// the COSE claim signature and its certificate chain at signing time, the
// RFC 3161 time-stamp, every assertion's hashed URI, the hard binding to
// the file's bytes, and the ingredients' manifests recursively. The format
// is recognised from the content. Nothing is fetched: a remote manifest is
// reported as StatusRemoteOnly.
//
// Inspect never fails: what cannot be read is reported in the Report.
// Reading is bounded by opts.Limits.
func Inspect(r io.ReaderAt, size int64, opts Options) Report {
	lim := opts.Limits.withDefaults()
	rep := Report{Notes: []string{}}
	f, err := locate(r, size, lim)
	rep.Format = f.format
	if err != nil {
		if errors.Is(err, errFormat) {
			rep.Status = StatusNone
			rep.Summary = "no Content Credentials: " + err.Error()
			return rep
		}
		if f.store == nil {
			rep.Notes = append(rep.Notes, "file structure damaged, searched up to the damage: "+err.Error())
		}
	}
	if f.store == nil {
		switch p := f.provenance; {
		case p != "" && !strings.HasPrefix(p, jumbfPrefix):
			rep.Status = StatusRemoteOnly
			rep.RemoteManifest = p
			rep.Summary = "remote manifest referenced, not fetched: " + p
			rep.Notes = append(rep.Notes, "remote manifest not fetched: the XMP dcterms:provenance names "+p)
		case p != "":
			rep.Status = StatusNone
			rep.Summary = "no Content Credentials (the XMP names an embedded manifest that is not in the file)"
			rep.Notes = append(rep.Notes, "XMP dcterms:provenance names "+p+", but the file holds no manifest store: it was removed")
		default:
			rep.Status = StatusNone
			rep.Summary = "no Content Credentials"
		}
		return rep
	}
	rep.Status = StatusPresent
	st, err := parseStore(f.store, lim)
	if err != nil {
		rep.State = StateInvalid
		rep.Summary = "invalid: the manifest store cannot be read"
		rep.Notes = append(rep.Notes, "manifest store unreadable: "+err.Error())
		return rep
	}
	rep.ManifestCount = len(st.manifests)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	v := &validator{r: r, size: size, opts: opts, lim: lim, now: now, st: st, sidecar: f.format == FormatC2PA}
	active := st.manifests[len(st.manifests)-1]
	rep.ActiveManifest = v.manifest(active, 0, nil)
	rep.State = rep.ActiveManifest.State
	rep.Summary = summary(rep.ActiveManifest, v.sidecar, active.update, opts.TrustAnchors != nil)
	if p := f.provenance; p != "" && !strings.HasPrefix(p, jumbfPrefix) {
		rep.RemoteManifest = p
		rep.Notes = append(rep.Notes, "the XMP dcterms:provenance also names a remote manifest, not fetched: "+p)
	}
	return rep
}

// summary says the active manifest's outcome in one sentence.
func summary(m *Manifest, sidecar, update, trustList bool) string {
	var s string
	switch {
	case m.State == StateTrusted:
		s = "trusted: signer on the trust list"
	case m.State == StateValid && trustList:
		s = "valid, signer not on the trust list"
	case m.State == StateValid:
		s = "valid, signer not on a trust list"
	default:
		var codes []string
		for _, f := range m.Validation.Failure {
			if f.Code != codeCredentialUntrusted && !slices.Contains(codes, f.Code) {
				codes = append(codes, f.Code)
			}
		}
		s = "invalid: " + strings.Join(codes, ", ")
	}
	if sidecar && m.State != StateInvalid {
		s = "manifest store " + s + " (a stand-alone store: the asset's bytes were not checked)"
	}
	if update && m.State != StateInvalid {
		s += " (an update manifest: the file's bytes were not checked)"
	}
	for _, ing := range m.Ingredients {
		if ing.Manifest != nil && ing.Manifest.State == StateInvalid {
			var codes []string
			for _, f := range ing.Manifest.Validation.Failure {
				if f.Code != codeCredentialUntrusted && !slices.Contains(codes, f.Code) {
					codes = append(codes, f.Code)
				}
			}
			s += fmt.Sprintf("; ingredient %q has an invalid manifest (%s)", ing.Title, strings.Join(codes, ", "))
		}
	}
	return s
}

// validator holds what one Inspect call shares across manifests.
type validator struct {
	r       io.ReaderAt
	size    int64
	opts    Options
	lim     Limits
	now     time.Time
	st      *store
	sidecar bool
	nested  int // ingredient manifests validated so far
}

// record appends a status to a list.
func record(list *[]Status, code, url, explanation string) {
	*list = append(*list, Status{Code: code, URL: url, Explanation: explanation})
}

// manifest validates m; depth 0 is the active manifest, whose hard binding
// is checked against the file. path lists the manifests above m.
func (v *validator) manifest(m *manifest, depth int, path []string) *Manifest {
	out := &Manifest{
		Label: m.label, ClaimVersion: m.claimVersion(),
		Assertions: []string{}, Actions: []Action{}, Ingredients: []Ingredient{}, Notes: []string{},
		Validation: Validation{Success: []Status{}, Informational: []Status{}, Failure: []Status{}},
	}
	val := &out.Validation
	base := jumbfPrefix + "/" + v.st.box.label + "/" + m.label
	defer func() { out.State = state(out.Validation) }()
	if m.claimErr != nil {
		code := codeClaimCBORInvalid
		if m.claimLabel == "" {
			code = codeClaimMissing
		}
		record(&val.Failure, code, base, m.claimErr.Error())
		return out
	}
	c := &m.claim
	out.ClaimGenerator = m.generator()
	out.Title, out.Format, out.InstanceID = c.Title, c.Format, c.InstanceID

	v.signature(m, out, base+"/c2pa.signature")

	var bindings []string
	for _, ref := range m.assertionRefs() {
		box, owner, err := v.st.resolve(m, ref.URL)
		label := ref.URL[strings.LastIndex(ref.URL, "/")+1:]
		out.Assertions = append(out.Assertions, label)
		url := base + "/c2pa.assertions/" + label
		if err != nil {
			record(&val.Failure, codeAssertionMissing, url, err.Error())
			continue
		}
		if owner != m {
			record(&val.Failure, codeAssertionOutside, url, "the claim lists an assertion of manifest "+owner.label)
			continue
		}
		kind, _, _ := strings.Cut(label, "__")
		isBinding := kind == "c2pa.hash.data" || strings.HasPrefix(kind, "c2pa.hash.bmff") || kind == "c2pa.hash.boxes" || kind == "c2pa.hash.collection.data"
		if isBinding {
			bindings = append(bindings, label)
		}
		if ok := v.hashedURI(val, codeHashedURIMatch, codeHashedURIMismatch, url, ref, c.Alg, box.payload); !ok {
			continue
		}
		switch {
		case isBinding:
			if depth == 0 && !v.sidecar {
				v.hardBinding(out, kind, url, box, c.Alg)
			}
		case kind == "c2pa.actions" || kind == "c2pa.actions.v2":
			v.actions(out, url, box)
		case kind == "stds.exif":
			v.capture(out, url, box)
		case kind == "c2pa.ingredient" || kind == "c2pa.ingredient.v2" || kind == "c2pa.ingredient.v3":
			v.ingredient(m, out, url, box, depth, append(slices.Clone(path), m.label))
		}
	}
	switch {
	case m.update:
		// An update manifest carries no hard binding of its own: the
		// binding of its parent manifest covers the asset.
		if depth == 0 {
			out.Notes = append(out.Notes, "update manifest: the hard binding of its parent manifest was not checked against the file")
		}
	case len(bindings) == 0:
		record(&val.Failure, codeHardBindingsMissing, base, "the claim lists no hard binding (c2pa.hash.*) assertion")
	case len(bindings) > 1:
		record(&val.Failure, codeMultipleHardBindings, base, "hard bindings: "+strings.Join(bindings, ", "))
	}
	if depth == 0 && v.sidecar {
		out.Notes = append(out.Notes, "hard binding not checked: a stand-alone manifest store does not hold the asset")
	}
	if depth > 0 {
		out.Notes = append(out.Notes, "hard binding not checked: the ingredient's own bytes are not in this file")
	}
	return out
}

// state derives the validation state from the status codes.
func state(v Validation) string {
	for _, f := range v.Failure {
		if f.Code != codeCredentialUntrusted {
			return StateInvalid
		}
	}
	if v.Has(codeCredentialTrusted) {
		return StateTrusted
	}
	return StateValid
}

// hashedURI checks a hashed URI against the box payload (or one of the
// alternative forms given after it) and records the outcome; it reports
// whether the hash matched.
func (v *validator) hashedURI(val *Validation, okCode, badCode, url string, ref hashedURI, claimAlg string, payloads ...[]byte) bool {
	for _, p := range payloads {
		h, _, err := newHash(ref.Alg, claimAlg)
		if err != nil {
			record(&val.Failure, codeAlgorithmUnsupported, url, err.Error())
			return false
		}
		h.Write(p)
		if bytes.Equal(h.Sum(nil), ref.Hash) {
			record(&val.Success, okCode, url, "hash matches: "+ref.URL)
			return true
		}
	}
	record(&val.Failure, badCode, url, "hash does not match: "+ref.URL)
	return false
}

// signature checks the COSE_Sign1 over the claim, the time-stamp and the
// signing credential.
func (v *validator) signature(m *manifest, out *Manifest, url string) {
	val := &out.Validation
	if m.sigBytes == nil {
		record(&val.Failure, codeSignatureMissing, url, "the manifest has no signature box")
		return
	}
	sig, err := parseSign1(m.sigBytes, v.lim.MaxCertChain)
	if err != nil {
		code := codeSignatureMismatch
		if errors.Is(err, errX5Chain) {
			code = codeCredentialInvalid
		}
		record(&val.Failure, code, url, err.Error())
		return
	}
	if len(sig.chain) == 0 {
		record(&val.Failure, codeCredentialInvalid, url, "the signature carries no x5chain certificate")
		return
	}
	chain := make([]*x509.Certificate, 0, len(sig.chain))
	for i, der := range sig.chain {
		c, err := parseCertificate(der)
		if err != nil {
			record(&val.Failure, codeCredentialInvalid, url, fmt.Sprintf("x5chain certificate %d: %v", i, err))
			return
		}
		chain = append(chain, c)
	}
	leaf := chain[0]
	out.Signer = signerOf(leaf, sig)
	verified := false

	switch {
	case !sig.hasAlg:
		record(&val.Failure, codeAlgorithmUnsupported, url, "the protected header names no signature algorithm")
	case !sig.algKnown:
		record(&val.Failure, codeAlgorithmUnsupported, url, fmt.Sprintf("COSE algorithm %d is not one C2PA allows", sig.alg))
	default:
		if err := sig.verify(leaf, m.claimBytes); err != nil {
			record(&val.Failure, codeSignatureMismatch, url, "claim signature does not verify: "+err.Error())
		} else {
			record(&val.Success, codeSignatureValidated, url, "claim signature valid")
			verified = true
		}
	}

	at, source := v.now, "validation time"
	if ts := v.timeStamp(sig, m, out, url); ts != nil {
		at, source = ts.genTime, "time-stamp"
		out.SigningTime = at.Format(time.RFC3339)
	}
	out.CertificateCheckedAt = at.UTC().Format(time.RFC3339)
	out.CertificateCheckedAtSource = source
	v.credential(val, chain, at, source, url, verified)
}

// signerOf describes the signing certificate.
func signerOf(c *x509.Certificate, sig *sign1) *Signer {
	s := &Signer{
		CommonName:   c.Subject.CommonName,
		Issuer:       c.Issuer.CommonName,
		SerialNumber: c.SerialNumber.String(),
		NotBefore:    c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:     c.NotAfter.UTC().Format(time.RFC3339),
		Algorithm:    coseAlgs[sig.alg].name,
	}
	if len(c.Subject.Organization) > 0 {
		s.Organization = c.Subject.Organization[0]
	}
	if len(c.Issuer.Organization) > 0 {
		s.IssuerOrganization = c.Issuer.Organization[0]
		if s.Issuer == "" {
			s.Issuer = s.IssuerOrganization
		}
	}
	if s.Algorithm == "" {
		s.Algorithm = fmt.Sprintf("COSE %d", sig.alg)
	}
	return s
}

// timeStamp checks the first time-stamp token; it returns it when its
// message imprint matches the claim (its time then dates the signature).
func (v *validator) timeStamp(sig *sign1, m *manifest, out *Manifest, url string) *timeStamp {
	if len(sig.tstTokens) == 0 {
		return nil
	}
	val := &out.Validation
	ts, err := parseTimeStamp(sig.tstTokens[0], v.lim.MaxCertChain)
	if err != nil {
		record(&val.Informational, codeTimeStampMalformed, url, err.Error())
		return nil
	}
	// sigTst time-stamps the claim; sigTst2 the signature (C2PA 2.x).
	payload := m.claimBytes
	if sig.tstV2 {
		payload = appendCBORHead(nil, 2, uint64(len(sig.msg.Signature)))
		payload = append(payload, sig.msg.Signature...)
	}
	tbs := sigStructure("CounterSignature", sig.msg.Protected, nil, payload)
	out.TimeStamp = &TimeStamp{
		Time:                ts.genTime.Format(time.RFC3339),
		Matches:             ts.matches(tbs),
		TokenSignatureValid: ts.sigError == nil,
	}
	if ts.tsaCert != nil {
		out.TimeStamp.Authority = ts.tsaCert.Subject.CommonName
		if out.TimeStamp.Authority == "" && len(ts.tsaCert.Subject.Organization) > 0 {
			out.TimeStamp.Authority = ts.tsaCert.Subject.Organization[0]
		}
	}
	switch {
	case !out.TimeStamp.Matches:
		record(&val.Informational, codeTimeStampMismatch, url, "the time-stamp's message imprint does not match the signed claim")
		return nil
	case ts.sigError != nil:
		record(&val.Informational, codeTimeStampMismatch, url, "the time-stamp token's own signature does not verify: "+ts.sigError.Error())
		return nil
	}
	record(&val.Success, codeTimeStampValidated, url, "time-stamp message digest matched: "+out.TimeStamp.Authority)
	if ts.genTime.Before(ts.tsaCert.NotBefore) || ts.genTime.After(ts.tsaCert.NotAfter) {
		record(&val.Informational, codeTimeStampOutsideValidity, url, "the time-stamp was made outside its TSA certificate's validity")
		return nil
	}
	if v.opts.TimeStampAnchors == nil {
		record(&val.Informational, codeTimeStampUntrusted, url, "no time-stamp trust list given: "+out.TimeStamp.Authority)
		return ts
	}
	if err := verifyChain(ts.tsaCert, ts.certs, v.opts.TimeStampAnchors, ts.genTime, x509.ExtKeyUsageTimeStamping); err != nil {
		record(&val.Informational, codeTimeStampUntrusted, url, "time-stamp authority not trusted: "+err.Error())
	} else {
		record(&val.Success, codeTimeStampTrusted, url, "time-stamp authority on the trust list: "+out.TimeStamp.Authority)
	}
	return ts
}

// verifyChain builds a chain from leaf through the intermediates to the
// roots, checked at the given time.
func verifyChain(leaf *x509.Certificate, intermediates []*x509.Certificate, roots *x509.CertPool, at time.Time, usage x509.ExtKeyUsage) error {
	pool := x509.NewCertPool()
	for _, c := range intermediates {
		if c != leaf {
			pool.AddCert(c)
		}
	}
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: pool, CurrentTime: at, KeyUsages: []x509.ExtKeyUsage{usage}})
	return err
}

// credential checks the signer's certificate at the signing time: its
// validity, the x5chain's own signatures and the trust list.
func (v *validator) credential(val *Validation, chain []*x509.Certificate, at time.Time, source, url string, verified bool) {
	leaf := chain[0]
	if at.Before(leaf.NotBefore) || at.After(leaf.NotAfter) {
		record(&val.Failure, codeCredentialExpired, url, fmt.Sprintf("the signing certificate is valid from %s to %s, not at the %s %s",
			leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339), source, at.UTC().Format(time.RFC3339)))
	} else if verified {
		record(&val.Success, codeSignatureInsideValidity, url, "the signing certificate was valid at the "+source)
	}
	for i := 0; i+1 < len(chain); i++ {
		if err := chain[i].CheckSignatureFrom(chain[i+1]); err != nil {
			record(&val.Failure, codeCredentialInvalid, url, fmt.Sprintf("x5chain certificate %d is not signed by certificate %d: %v", i, i+1, err))
			return
		}
	}
	if v.opts.TrustAnchors == nil {
		record(&val.Failure, codeCredentialUntrusted, url, "no trust list given: signer not on a trust list")
		return
	}
	if err := verifyChain(leaf, chain[1:], v.opts.TrustAnchors, at, x509.ExtKeyUsageAny); err != nil {
		record(&val.Failure, codeCredentialUntrusted, url, "signer not on the trust list: "+err.Error())
		return
	}
	record(&val.Success, codeCredentialTrusted, url, "signer chains to the trust list")
}

// hardBinding checks a hard-binding assertion against the file.
func (v *validator) hardBinding(out *Manifest, label, url string, box *superbox, claimAlg string) {
	val := &out.Validation
	switch {
	case label == "c2pa.hash.data":
		var d dataHash
		if err := decodeAssertion(box, &d); err != nil {
			record(&val.Failure, codeDataHashMalformed, url, err.Error())
			return
		}
		v.bindingResult(val, url, checkDataHash(v.r, v.size, d, claimAlg, v.lim), codeDataHashMatch, codeDataHashMismatch, codeDataHashMalformed)
	case strings.HasPrefix(label, "c2pa.hash.bmff"):
		version := 1
		switch label {
		case "c2pa.hash.bmff.v2":
			version = 2
		case "c2pa.hash.bmff.v3":
			version = 3
		}
		var d bmffHash
		if err := decodeAssertion(box, &d); err != nil {
			record(&val.Failure, codeBMFFHashMalformed, url, err.Error())
			return
		}
		v.bindingResult(val, url, checkBMFFHash(v.r, v.size, d, version, claimAlg, v.lim), codeBMFFHashMatch, codeBMFFHashMismatch, codeBMFFHashMalformed)
	default:
		record(&val.Failure, codeAlgorithmUnsupported, url, "hard binding "+label+" is not supported by this reader")
	}
}

func (v *validator) bindingResult(val *Validation, url string, err error, ok, mismatch, malformed string) {
	switch {
	case err == nil:
		record(&val.Success, ok, url, "the file's bytes match the signed hash")
	case errors.Is(err, errBindingMismatch):
		record(&val.Failure, mismatch, url, "the file's bytes changed after signing: "+err.Error())
	case errors.Is(err, errAlgorithm):
		record(&val.Failure, codeAlgorithmUnsupported, url, err.Error())
	default:
		record(&val.Failure, malformed, url, err.Error())
	}
}

// decodeAssertion decodes an assertion's CBOR content, or its JSON content
// into the same CBOR-tagged fields.
func decodeAssertion(box *superbox, v any) error {
	if c := box.content("cbor"); c != nil {
		if err := cborMode.Unmarshal(c, v); err != nil {
			return fmt.Errorf("assertion %q: %w", box.label, err)
		}
		return nil
	}
	if c := box.content("json"); c != nil {
		var generic any
		if err := json.Unmarshal(c, &generic); err != nil {
			return fmt.Errorf("assertion %q: %w", box.label, err)
		}
		b, err := cbor.Marshal(generic)
		if err != nil {
			return fmt.Errorf("assertion %q: %w", box.label, err)
		}
		if err := cborMode.Unmarshal(b, v); err != nil {
			return fmt.Errorf("assertion %q: %w", box.label, err)
		}
		return nil
	}
	return fmt.Errorf("assertion %q has neither CBOR nor JSON content", box.label)
}

// actionsAssertion is c2pa.actions and c2pa.actions.v2.
type actionsAssertion struct {
	Actions []struct {
		Action            string `cbor:"action"`
		When              any    `cbor:"when"`
		SoftwareAgent     any    `cbor:"softwareAgent"`
		DigitalSourceType string `cbor:"digitalSourceType"`
	} `cbor:"actions"`
}

func (v *validator) actions(out *Manifest, url string, box *superbox) {
	var a actionsAssertion
	if err := decodeAssertion(box, &a); err != nil {
		record(&out.Validation.Failure, codeAssertionCBORInvalid, url, err.Error())
		return
	}
	for _, act := range a.Actions {
		out.Actions = append(out.Actions, Action{
			Action:            act.Action,
			SoftwareAgent:     softwareAgent(act.SoftwareAgent),
			When:              whenText(act.When),
			DigitalSourceType: act.DigitalSourceType,
		})
	}
}

// captureFields maps the local names of stds.exif keys ("tiff:Make",
// "EXIF:Model", "exifEX:BodySerialNumber"…) to Capture fields.
var captureFields = map[string]func(*Capture) *string{
	"Make":             func(c *Capture) *string { return &c.Make },
	"Model":            func(c *Capture) *string { return &c.Model },
	"BodySerialNumber": func(c *Capture) *string { return &c.BodySerialNumber },
	"LensModel":        func(c *Capture) *string { return &c.LensModel },
	"DateTimeOriginal": func(c *Capture) *string { return &c.DateTimeOriginal },
	"GPSLatitude":      func(c *Capture) *string { return &c.GPSLatitude },
	"GPSLongitude":     func(c *Capture) *string { return &c.GPSLongitude },
}

// capture reads the camera facts of a stds.exif assertion (JSON-LD, as
// JSON or CBOR); the first value of each field wins.
func (v *validator) capture(out *Manifest, url string, box *superbox) {
	var fields map[string]any
	if err := decodeAssertion(box, &fields); err != nil {
		record(&out.Validation.Failure, codeAssertionCBORInvalid, url, err.Error())
		return
	}
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		val := fields[key]
		_, local, _ := strings.Cut(key, ":")
		field, ok := captureFields[local]
		if !ok {
			continue
		}
		text := ""
		switch x := val.(type) {
		case string:
			text = strings.TrimSpace(x)
		case float64, int64, uint64:
			text = fmt.Sprint(x)
		}
		if text == "" {
			continue
		}
		if out.Capture == nil {
			out.Capture = &Capture{}
		}
		if p := field(out.Capture); *p == "" {
			*p = text
		}
	}
}

// softwareAgent reads a text agent (actions v1) or a generator-info map
// (actions v2).
func softwareAgent(v any) string {
	switch a := v.(type) {
	case string:
		return a
	case map[any]any:
		name, _ := a["name"].(string)
		version, _ := a["version"].(string)
		return strings.TrimSpace(name + " " + version)
	}
	return ""
}

func whenText(v any) string {
	switch w := v.(type) {
	case string:
		return w
	case time.Time:
		return w.UTC().Format(time.RFC3339)
	}
	return ""
}

// ingredientAssertion is c2pa.ingredient v1, v2 and v3.
type ingredientAssertion struct {
	Title             string     `cbor:"dc:title"`
	Format            string     `cbor:"dc:format"`
	DocumentID        string     `cbor:"documentID"`
	InstanceID        string     `cbor:"instanceID"`
	Relationship      string     `cbor:"relationship"`
	C2PAManifest      *hashedURI `cbor:"c2pa_manifest"`
	ActiveManifest    *hashedURI `cbor:"activeManifest"`
	ClaimSignature    *hashedURI `cbor:"claimSignature"`
	ValidationStatus  []Status   `cbor:"validationStatus"`
	ValidationResults *struct {
		ActiveManifest *struct {
			Success       []Status `cbor:"success"`
			Informational []Status `cbor:"informational"`
			Failure       []Status `cbor:"failure"`
		} `cbor:"activeManifest"`
	} `cbor:"validationResults"`
}

func (v *validator) ingredient(m *manifest, out *Manifest, url string, box *superbox, depth int, path []string) {
	val := &out.Validation
	var a ingredientAssertion
	if err := decodeAssertion(box, &a); err != nil {
		record(&val.Failure, codeAssertionCBORInvalid, url, err.Error())
		return
	}
	ing := Ingredient{Title: a.Title, Format: a.Format, Relationship: a.Relationship, DocumentID: a.DocumentID, InstanceID: a.InstanceID, RecordedStatus: []Status{}}
	ing.RecordedStatus = append(ing.RecordedStatus, a.ValidationStatus...)
	if r := a.ValidationResults; r != nil && r.ActiveManifest != nil {
		ing.RecordedStatus = append(ing.RecordedStatus, r.ActiveManifest.Failure...)
	}
	defer func() { out.Ingredients = append(out.Ingredients, ing) }()
	ref, v3 := a.C2PAManifest, false
	if ref == nil && a.ActiveManifest != nil {
		ref, v3 = a.ActiveManifest, true
	}
	if ref == nil {
		record(&val.Informational, codeIngredientUnknown, url, fmt.Sprintf("ingredient %q has no Content Credentials", a.Title))
		return
	}
	missing, mismatch := codeClaimMissing, codeIngredientHashedURIBad
	if v3 {
		missing, mismatch = codeIngredientManifestMissing, codeIngredientManifestBad
	}
	target, owner, err := v.st.resolve(m, ref.URL)
	if err == nil && target != owner.box {
		err = errors.New("the URI names a box inside a manifest, not a manifest")
	}
	if err != nil {
		record(&val.Failure, missing, url, fmt.Sprintf("ingredient %q: its manifest %s is not in the store: %v", a.Title, ref.URL, err))
		return
	}
	// C2PA 1.0 writers (c2pa-rs before 0.17) hashed the ingredient's claim
	// rather than its manifest box; both are accepted for c2pa_manifest.
	forms := [][]byte{target.payload}
	if !v3 && owner.claimBytes != nil {
		forms = append(forms, owner.claimBytes)
	}
	if !v.hashedURI(val, codeIngredientManifestOK, mismatch, url, *ref, m.claim.Alg, forms...) {
		return
	}
	if a.ClaimSignature != nil {
		if sigBox, _, err := v.st.resolve(m, a.ClaimSignature.URL); err != nil {
			record(&val.Failure, codeIngredientSignatureBad, url, err.Error())
		} else {
			v.hashedURI(val, codeIngredientSignatureOK, codeIngredientSignatureBad, url, *a.ClaimSignature, m.claim.Alg, sigBox.payload)
		}
	}
	switch {
	case slices.Contains(path, owner.label):
		out.Notes = append(out.Notes, fmt.Sprintf("ingredient %q: its manifest %s is also an ancestor (a loop); not validated again", a.Title, owner.label))
	case depth+1 > v.lim.MaxIngredientDepth:
		out.Notes = append(out.Notes, fmt.Sprintf("ingredient %q: nested deeper than %d ingredients; its manifest was not validated", a.Title, v.lim.MaxIngredientDepth))
	case v.nested >= v.lim.MaxIngredients:
		out.Notes = append(out.Notes, fmt.Sprintf("ingredient %q: more than %d ingredient manifests; its manifest was not validated", a.Title, v.lim.MaxIngredients))
	default:
		v.nested++
		ing.Manifest = v.manifest(owner, depth+1, path)
	}
}
