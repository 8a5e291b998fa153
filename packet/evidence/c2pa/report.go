package c2pa

import "strings"

// Report is what one file says about its Content Credentials. It marshals
// to JSON with the keys given in its tags; empty lists are [] and absent
// values are left out, so the shape is stable.
type Report struct {
	// Status is StatusPresent, StatusNone or StatusRemoteOnly.
	Status string `json:"status"`
	// Format is the container read: FormatJPEG, FormatPNG, FormatBMFF,
	// FormatWebP or FormatC2PA; empty when it is none of them.
	Format string `json:"format,omitempty"`
	// Summary is one sentence for people, e.g. "valid, signer not on a
	// trust list" or "invalid: assertion.dataHash.mismatch".
	Summary string `json:"summary"`
	// State is the active manifest's validation state (StateTrusted,
	// StateValid, StateInvalid); empty when there is no manifest.
	State string `json:"state,omitempty"`
	// RemoteManifest is the URL named by the XMP dcterms:provenance when
	// it points outside the file. It is never fetched.
	RemoteManifest string `json:"remoteManifest,omitempty"`
	// ManifestCount is the number of manifests in the store.
	ManifestCount int `json:"manifestCount"`
	// ActiveManifest is the last manifest of the store, validated, with its
	// ingredients' manifests nested inside it.
	ActiveManifest *Manifest `json:"activeManifest,omitempty"`
	// Notes say what could not be read or checked, in words (a store that
	// does not parse, a dangling XMP reference, a remote manifest).
	Notes []string `json:"notes"`
}

// String is the Summary, so that a Report prints as one line.
func (r Report) String() string { return r.Summary }

// Report statuses.
const (
	StatusPresent    = "present"     // a manifest store is embedded (or the file is one)
	StatusNone       = "none"        // no Content Credentials at all
	StatusRemoteOnly = "remote-only" // only an XMP reference to a remote manifest
)

// Validation states, as the C2PA specification names them.
const (
	// StateInvalid: at least one failure code (other than
	// signingCredential.untrusted), or a store that cannot be read.
	StateInvalid = "Invalid"
	// StateValid: the claim signature, every hashed URI and the hard
	// binding verified, but the signer is not on the trust list.
	StateValid = "Valid"
	// StateTrusted: valid, and the signer chains to Options.TrustAnchors.
	StateTrusted = "Trusted"
)

// Manifest is one validated manifest.
type Manifest struct {
	Label          string `json:"label"`
	ClaimVersion   int    `json:"claimVersion"`
	ClaimGenerator string `json:"claimGenerator"`
	Title          string `json:"title,omitempty"`
	Format         string `json:"format,omitempty"`
	InstanceID     string `json:"instanceID,omitempty"`
	// Signer is read from the COSE x5chain; nil when there is none.
	Signer *Signer `json:"signer,omitempty"`
	// TimeStamp is the RFC 3161 time-stamp of the signature; nil when
	// there is none or it does not parse.
	TimeStamp *TimeStamp `json:"timeStamp,omitempty"`
	// SigningTime is the time-stamp's time (RFC 3339) when the time-stamp
	// matches the signed claim; empty otherwise (a C2PA signature carries
	// no other trustworthy signing time).
	SigningTime string `json:"signingTime,omitempty"`
	// CertificateCheckedAt is the time the signing certificate's validity
	// was checked at: SigningTime, else the validation time (Options.Now),
	// as CertificateCheckedAtSource says ("time-stamp" or "validation
	// time").
	CertificateCheckedAt       string `json:"certificateCheckedAt,omitempty"`
	CertificateCheckedAtSource string `json:"certificateCheckedAtSource,omitempty"`
	// Capture holds the camera facts of the manifest's stds.exif
	// assertions (signed with the claim); nil when there is none.
	Capture *Capture `json:"capture,omitempty"`
	// Assertions are the labels the claim lists, in claim order.
	Assertions  []string     `json:"assertions"`
	Actions     []Action     `json:"actions"`
	Ingredients []Ingredient `json:"ingredients"`
	// State is StateTrusted, StateValid or StateInvalid.
	State      string     `json:"state"`
	Validation Validation `json:"validation"`
	// Notes say what was not checked and why.
	Notes []string `json:"notes"`
}

// Capture is what a stds.exif assertion says of the capture, values as
// stored (XMP text forms such as "2022-10-25T11:27:32,78-05:00" or
// "40,44.1861N").
type Capture struct {
	Make             string `json:"make,omitempty"`
	Model            string `json:"model,omitempty"`
	BodySerialNumber string `json:"bodySerialNumber,omitempty"`
	LensModel        string `json:"lensModel,omitempty"`
	DateTimeOriginal string `json:"dateTimeOriginal,omitempty"`
	GPSLatitude      string `json:"gpsLatitude,omitempty"`
	GPSLongitude     string `json:"gpsLongitude,omitempty"`
}

// Signer is the signing certificate.
type Signer struct {
	CommonName         string `json:"commonName,omitempty"`
	Organization       string `json:"organization,omitempty"`
	Issuer             string `json:"issuer,omitempty"` // issuer CN, else O
	IssuerOrganization string `json:"issuerOrganization,omitempty"`
	SerialNumber       string `json:"serialNumber"`
	NotBefore          string `json:"notBefore"`
	NotAfter           string `json:"notAfter"`
	Algorithm          string `json:"algorithm"` // ES256, PS256, Ed25519…
}

// TimeStamp is an RFC 3161 time-stamp of the claim signature.
type TimeStamp struct {
	Time      string `json:"time"`      // genTime, RFC 3339 UTC
	Authority string `json:"authority"` // TSA certificate CN, else O
	// Matches reports that the token's message imprint is the hash of the
	// signed claim (timeStamp.validated).
	Matches bool `json:"matches"`
	// TokenSignatureValid reports that the token's own CMS signature
	// verifies with the TSA certificate it carries.
	TokenSignatureValid bool `json:"tokenSignatureValid"`
}

// Action is one entry of a c2pa.actions assertion.
type Action struct {
	Action            string `json:"action"`
	SoftwareAgent     string `json:"softwareAgent,omitempty"`
	When              string `json:"when,omitempty"`
	DigitalSourceType string `json:"digitalSourceType,omitempty"`
}

// Ingredient is one c2pa.ingredient assertion.
type Ingredient struct {
	Title        string `json:"title,omitempty"`
	Format       string `json:"format,omitempty"`
	Relationship string `json:"relationship,omitempty"` // parentOf, componentOf, inputTo
	DocumentID   string `json:"documentID,omitempty"`
	InstanceID   string `json:"instanceID,omitempty"`
	// Manifest is the ingredient's own manifest, validated on its own
	// (its hard binding cannot be checked: the ingredient's bytes are not
	// here). Nil when the ingredient has no Content Credentials.
	Manifest *Manifest `json:"manifest,omitempty"`
	// RecordedStatus is the validation status the signer recorded when it
	// took the ingredient in (validationStatus / validationResults).
	RecordedStatus []Status `json:"recordedStatus"`
}

// Validation holds status codes as the C2PA specification names them.
type Validation struct {
	Success       []Status `json:"success"`
	Informational []Status `json:"informational"`
	Failure       []Status `json:"failure"`
}

// Status is one validation status.
type Status struct {
	Code        string `json:"code"`
	URL         string `json:"url,omitempty"`
	Explanation string `json:"explanation,omitempty"`
}

// Codes lists the codes of a status list, in order.
func Codes(list []Status) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		out = append(out, s.Code)
	}
	return out
}

// Has reports whether the validation holds the code in any of its lists.
func (v Validation) Has(code string) bool {
	for _, l := range [][]Status{v.Success, v.Informational, v.Failure} {
		for _, s := range l {
			if s.Code == code {
				return true
			}
		}
	}
	return false
}

// Valid reports a readable, validated active manifest (Valid or Trusted).
func (r *Report) Valid() bool {
	return r != nil && r.Status == StatusPresent && r.ActiveManifest != nil && r.State != StateInvalid && r.State != ""
}

// Unchanged reports that the active manifest's hard binding matched: the
// file's bytes (but for the manifest itself) are those that were signed.
func (r *Report) Unchanged() bool {
	if !r.Valid() {
		return false
	}
	for _, c := range Codes(r.ActiveManifest.Validation.Success) {
		if c == "assertion.dataHash.match" || c == "assertion.bmffHash.match" {
			return true
		}
	}
	return false
}

// Name is how a signer is named for people: the certificate's common name,
// with its organisation when the name does not hold it.
func (s *Signer) Name() string {
	if s == nil {
		return ""
	}
	name := s.CommonName
	if s.Organization != "" && !strings.Contains(name, s.Organization) {
		name = strings.TrimSpace(name + " (" + s.Organization + ")")
	}
	return name
}

// Failures are the failure codes of a manifest that say something is
// wrong with the file or its credentials: signingCredential.untrusted is
// left out, since it only says the signer is on no trust list given.
func (m *Manifest) Failures() []string {
	var out []string
	for _, c := range Codes(m.Validation.Failure) {
		if c != "signingCredential.untrusted" {
			out = append(out, c)
		}
	}
	return out
}
