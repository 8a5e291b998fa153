package pdf

import (
	"strings"
	"time"

	"appealpacket/packet/evidence/c2pa"
)

// CredentialsText says, for a reviewer, what a picture's Content
// Credentials (C2PA) show, and whether they validate; "" when the picture
// has none. Only what was checked is claimed: "unchanged since it was
// signed" needs the hard binding (the file's hash) to have matched.
func CredentialsText(r *c2pa.Report) (text string, valid bool) {
	switch {
	case r == nil || r.Status == c2pa.StatusNone:
		return "", false
	case r.Status == c2pa.StatusRemoteOnly:
		return "refers to Content Credentials kept elsewhere (" + r.RemoteManifest + "), not fetched, so not checked", false
	case r.ActiveManifest == nil:
		return "Content Credentials that cannot be read: " + r.Summary, false
	}
	m := r.ActiveManifest
	if r.State == c2pa.StateInvalid {
		return "Content Credentials that do not validate (" + strings.Join(m.Failures(), ", ") +
			"): the file was changed after it was signed, or the credentials are damaged", false
	}
	var b strings.Builder
	b.WriteString("valid Content Credentials")
	if s := m.Signer.Name(); s != "" {
		b.WriteString(", signed by " + s)
	}
	if t, err := time.Parse(time.RFC3339, m.SigningTime); err == nil {
		b.WriteString(", time-stamped " + t.UTC().Format("2006-01-02 15:04 UTC"))
	}
	if c := m.Capture; c != nil && strings.TrimSpace(c.Make+c.Model) != "" {
		b.WriteString("; captured with " + strings.TrimSpace(c.Make+" "+c.Model))
		if c.BodySerialNumber != "" {
			b.WriteString(", serial " + c.BodySerialNumber)
		}
		if c.DateTimeOriginal != "" {
			b.WriteString(" at " + c.DateTimeOriginal)
		}
	}
	if r.Unchanged() {
		b.WriteString("; the file is unchanged since it was signed (its hash matches)")
	}
	if r.State == c2pa.StateTrusted {
		b.WriteString("; the signer's certificate chains to the trust list this packet was checked with")
	} else {
		b.WriteString("; the signer's certificate is not on a trust list this packet checked")
	}
	return b.String(), true
}
