package packet

// Signing and checking signatures of packets (issue 20). The work is in
// package sign; this file connects it to Build and Verify:
//
//   - Build signs every finished part last, after the manifest is embedded
//     and sealed (Options.Sign), as an incremental update: the seal covers
//     the packet as built, the signature covers everything.
//   - VerifySignatures checks the signatures of every part of a packet.

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/assemble"
	"appealpacket/packet/integrity"
	"appealpacket/packet/sign"
)

// SignOptions says how Build signs the packet.
type SignOptions struct {
	Signer *sign.Signer
	// TSA is the URL of an RFC 3161 timestamp authority; "" for none.
	// When set and the authority cannot be reached, Build fails: a packet
	// is never left unstamped silently.
	TSA string
	// Invisible leaves the cover without the visible signature block.
	Invisible bool
}

// CoverSignatureRect is where the visible signature block goes on the
// cover, in PDF points from the page's lower-left corner: left-aligned
// with the text, just above the footer rule (18-103 mm from the left edge,
// 262-282 mm from the top of an A4 page). The renderer must keep it free.
var CoverSignatureRect = [4]float64{51.02, 42, 292, 76}

// signOverhead is the room to keep under the size limit for signatures.
func (o *Options) signOverhead() int64 {
	if o.Sign == nil || o.Sign.Signer == nil {
		return 0
	}
	return sign.Overhead(o.Sign.Signer, o.Sign.TSA != "", !o.Sign.Invisible)
}

// signParts signs every finished part (no-op without Options.Sign). The
// declared signing time is Options.Date when set (so that the same RSA
// key, inputs and date give the same bytes), else now.
func (o *Options) signParts(ctx context.Context, parts []*assemble.Part, caseID string) error {
	if o.Sign == nil || o.Sign.Signer == nil {
		return nil
	}
	so := sign.Options{Time: o.Date, TSA: o.Sign.TSA, Context: ctx, Reason: "Appeal evidence packet, case " + caseID}
	if !o.Sign.Invisible {
		so.Appearance = &sign.Appearance{Page: 1, Rect: CoverSignatureRect}
	}
	for _, pt := range parts {
		signed, err := sign.Sign(pt.Data, o.Sign.Signer, so)
		if err != nil {
			return fmt.Errorf("%s: %w", pt.Name, err)
		}
		pt.Data = signed
	}
	return nil
}

// TrustPool reads the certificates to trust: "system" for the operating
// system's roots, else a PEM file of certificates.
func TrustPool(spec string) (*x509.CertPool, error) {
	if spec == "system" {
		pool, err := x509.SystemCertPool()
		if err != nil {
			return nil, fmt.Errorf("--trust system: %w", err)
		}
		return pool, nil
	}
	data, err := regularfile.Read(spec, 16<<20)
	if err != nil {
		return nil, fmt.Errorf("--trust: %w", err)
	}
	pool := x509.NewCertPool()
	n := 0
	for rest := data; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("--trust %s: certificate %d: %w", spec, n+1, err)
		}
		pool.AddCert(c)
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("--trust %s: no PEM certificate in the file", spec)
	}
	return pool, nil
}

// PartSignatures is what VerifySignatures found in one packet file.
type PartSignatures struct {
	File string
	// Report is the signatures' report; nil when Err is set.
	Report *sign.Report
	// Err says the file could not be read or checked.
	Err error
	// Sealed says the manifest's seal holds on the bytes before the
	// signatures (on the whole file when it has none).
	Sealed bool
	// TrustChecked says trusted certificates were given.
	TrustChecked bool
}

// Signed reports whether the file has signatures.
func (p *PartSignatures) Signed() bool { return p.Report != nil && len(p.Report.Signatures) > 0 }

// OK reports whether the file passes: readable, sealed, every signature
// valid and, when trusted certificates were given, trusted; and signed
// when requireSignature.
func (p *PartSignatures) OK(requireSignature bool) bool {
	switch {
	case p.Err != nil || !p.Sealed:
		return false
	case !p.Signed():
		return !requireSignature && len(p.Report.Problems) == 0
	case !p.Report.Valid():
		return false
	case p.TrustChecked && !p.Report.Trusted():
		return false
	}
	return true
}

// Lines says, in sentences a reviewer can rely on, what the file proves:
// "signed by <name>, unchanged since <time>" for each signature, or
// "unchanged since it was sealed, by anyone" without one; then what
// failed, and the trust of each signature.
func (p *PartSignatures) Lines() []string { return p.LinesIn(i18n.English) }

// LinesIn is Lines in language l. Why a certificate is trusted or not is
// said in l; the errors and problems the signature package gives are
// quoted as they come.
func (p *PartSignatures) LinesIn(l i18n.Lang) []string {
	t := func(key string, args ...any) string { return messages.Text(l, key, args...) }
	if p.Err != nil {
		return []string{t("sig.cannot", p.Err.Error())}
	}
	var out []string
	switch {
	case !p.Sealed && p.Signed():
		out = append(out, t("sig.changed.signed"))
	case !p.Sealed:
		out = append(out, t("sig.changed"))
	}
	for _, prob := range p.Report.Problems {
		out = append(out, t("sig.changed.after", prob))
	}
	if !p.Signed() {
		if p.Sealed {
			out = append(out, t("sig.sealed"))
		}
		return out
	}
	for _, s := range p.Report.Signatures {
		if s.Err != nil {
			who := s.Name
			if who == "" {
				who = t("sig.unreadable_signer")
			}
			out = append(out, t("sig.invalid", s.Kind, who, s.Err))
			continue
		}
		when, stamped := s.Time()
		whenText := t("sig.when.declared", stamp(when))
		if stamped {
			whenText = t("sig.when.stamped", stamp(when), s.Timestamp.Authority)
		}
		if s.Kind == "document timestamp" {
			out = append(out, t("sig.doc_timestamp", s.Name, stamp(when)))
		} else {
			out = append(out, t("sig.signed", s.Name, whenText))
		}
		if s.Timestamp != nil && s.Timestamp.Err != nil {
			out = append(out, t("sig.timestamp.invalid", s.Timestamp.Err.Error()))
		}
		trustLine := t("sig.trusted", trustText(t, s.Trust))
		if !s.Trusted {
			trustLine = t("sig.not_trusted", trustText(t, s.Trust))
		}
		out = append(out, trustLine)
		if s.Timestamp != nil && s.Timestamp.Err == nil && !s.Timestamp.Trusted && s.Kind != "document timestamp" {
			out = append(out, t("sig.tsa.not_trusted", trustText(t, s.Timestamp.Trust)))
		}
	}
	return out
}

// trustText says, in the language of t, why a certificate is trusted or
// not.
func trustText(t func(string, ...any) string, tr sign.Trust) string {
	switch tr.Reason {
	case sign.ChainsToRoot:
		return t("trust.chains", tr.Root)
	case sign.NotChecked:
		return t("trust.not_checked")
	case sign.NoChain:
		return t("trust.no_chain", tr.Err)
	}
	return t("trust.not_valid_then", tr.At.UTC().Format(time.RFC3339), tr.From.UTC().Format(time.DateOnly), tr.To.UTC().Format(time.DateOnly))
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// VerifySignatures checks the signatures of the packet files Verify
// found (rep.Parts, located by their contents in the given file's folder,
// never by names taken from a manifest). roots nil checks no trust.
func VerifySignatures(rep *VerifyReport, roots *x509.CertPool) ([]PartSignatures, error) {
	var out []PartSignatures
	for _, part := range rep.Parts {
		if part.File == "" {
			continue // missing: Verify says so
		}
		ps := PartSignatures{File: part.File, TrustChecked: roots != nil}
		data, err := regularfile.Read(part.File, maxPacketFile)
		if err != nil {
			ps.Err = err
			out = append(out, ps)
			continue
		}
		ps.Report, ps.Err = sign.Verify(data, sign.VerifyOptions{Roots: roots})
		if ps.Err != nil && !bytes.Contains(data, []byte("/ByteRange")) {
			// Unreadable to the signature reader and unsigned: only the
			// seal can say something (that the file changed).
			ps.Report, ps.Err = &sign.Report{SignedFrom: len(data)}, nil
		}
		if ps.Err == nil {
			pm, ok := integrity.Embedded(data[:ps.Report.SignedFrom])
			ps.Sealed = ok && pm.Case == rep.Case && integrity.Intact(data[:ps.Report.SignedFrom], pm)
		}
		out = append(out, ps)
	}
	return out, nil
}

// maxPacketFile bounds the packet files read to check signatures.
const maxPacketFile = 1 << 30
