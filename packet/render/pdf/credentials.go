package pdf

import (
	"strings"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence/c2pa"
)

// CredentialsText says, for a reviewer, what a picture's Content
// Credentials (C2PA) show, and whether they validate, in language l; ""
// when the picture has none. Only what was checked is claimed: "unchanged
// since it was signed" needs the hard binding (the file's hash) to have
// matched. Names, failure codes and the validator's summary stay as read.
func CredentialsText(l i18n.Lang, r *c2pa.Report) (text string, valid bool) {
	t := func(key string, args ...any) string { return messages.Text(l, key, args...) }
	switch {
	case r == nil || r.Status == c2pa.StatusNone:
		return "", false
	case r.Status == c2pa.StatusRemoteOnly:
		return t("c2pa.remote", r.RemoteManifest), false
	case r.ActiveManifest == nil:
		return t("c2pa.unreadable", r.Summary), false
	}
	m := r.ActiveManifest
	if r.State == c2pa.StateInvalid {
		return t("c2pa.invalid", strings.Join(m.Failures(), ", ")), false
	}
	text = t("c2pa.valid")
	if s := m.Signer.Name(); s != "" {
		text = t("c2pa.signed", text, s)
	}
	if ts, err := time.Parse(time.RFC3339, m.SigningTime); err == nil {
		text = t("c2pa.stamped", text, ts.UTC().Format("2006-01-02 15:04 UTC"))
	}
	if c := m.Capture; c != nil && strings.TrimSpace(c.Make+c.Model) != "" {
		text = t("c2pa.captured", text, strings.TrimSpace(c.Make+" "+c.Model))
		if c.BodySerialNumber != "" {
			text = t("c2pa.serial", text, c.BodySerialNumber)
		}
		if c.DateTimeOriginal != "" {
			text = t("c2pa.at", text, c.DateTimeOriginal)
		}
	}
	if r.Unchanged() {
		text = t("c2pa.unchanged", text)
	}
	if r.State == c2pa.StateTrusted {
		text = t("c2pa.trusted", text)
	} else {
		text = t("c2pa.untrusted", text)
	}
	return text, true
}
