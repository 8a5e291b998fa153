package c2pa

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"testing"
)

// validationTime is the Options.Now of the fixture tests: inside the
// fixture certificates' validity.
var validationTime = fixtureTime.AddDate(0, 1, 0)

func inspectBytes(data []byte, opts Options) Report {
	if opts.Now.IsZero() {
		opts.Now = validationTime
	}
	return Inspect(bytes.NewReader(data), int64(len(data)), opts)
}

func poolOf(certs ...*x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	for _, c := range certs {
		p.AddCert(c)
	}
	return p
}

func TestSampleSignedTrust(t *testing.T) {
	file, root := sampleSigned(t)
	anchors, err := LoadTrustAnchors(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: root.cert.Raw}))
	if err != nil {
		t.Fatal(err)
	}
	other := newRootCA(t, "Other Root", "CA2")
	for _, tc := range []struct {
		name      string
		opts      Options
		state     string
		summary   string
		wantCodes []string
	}{
		{"no trust list", Options{}, StateValid, "valid, signer not on a trust list",
			[]string{codeSignatureValidated, codeTimeStampValidated, codeTimeStampUntrusted, codeCredentialUntrusted, codeDataHashMatch}},
		{"signer trusted", Options{TrustAnchors: anchors, TimeStampAnchors: anchors}, StateTrusted, "trusted: signer on the trust list",
			[]string{codeSignatureValidated, codeCredentialTrusted, codeTimeStampTrusted, codeDataHashMatch}},
		{"other root only", Options{TrustAnchors: poolOf(other.cert)}, StateValid, "valid, signer not on the trust list",
			[]string{codeSignatureValidated, codeCredentialUntrusted}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := inspectBytes(file, tc.opts)
			m := rep.ActiveManifest
			if rep.Status != StatusPresent || m == nil {
				t.Fatalf("status %q, manifest %v", rep.Status, m)
			}
			if rep.State != tc.state || rep.Summary != tc.summary {
				t.Errorf("state %q summary %q, want %q %q; failures %v", rep.State, rep.Summary, tc.state, tc.summary, m.Validation.Failure)
			}
			for _, c := range tc.wantCodes {
				if !m.Validation.Has(c) {
					t.Errorf("missing %s; have %v %v %v", c, Codes(m.Validation.Success), Codes(m.Validation.Informational), Codes(m.Validation.Failure))
				}
			}
			if m.Signer == nil || m.Signer.CommonName != "Fixture Camera" || m.Signer.Issuer != "Fixture Root CA" || m.Signer.Algorithm != "ES256" {
				t.Errorf("signer %+v", m.Signer)
			}
			if m.SigningTime != "2024-03-01T11:00:00Z" || m.TimeStamp == nil || m.TimeStamp.Authority != "Fixture TSA" {
				t.Errorf("signing time %q, time-stamp %+v", m.SigningTime, m.TimeStamp)
			}
			if len(m.Actions) != 1 || m.Actions[0].Action != "c2pa.created" || m.Actions[0].SoftwareAgent != "Fixture Camera 1.0" {
				t.Errorf("actions %+v", m.Actions)
			}
		})
	}
}
